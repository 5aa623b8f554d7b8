//! Properties of the whole pipeline with the word stage on: idempotence on Lao text built
//! from dictionary words with typical damage, no word-stage edit touching Latin text,
//! numbers or URLs, and no edit at all inside code or addresses that hold Lao.

use laoclean::{Cleaner, Config, Level, Rule};
use proptest::prelude::*;

/// Words of the embedded list, common ones and some that damage turns into others.
const WORDS: &[&str] = &[
    "ປະເທດ",
    "ລາວ",
    "ການ",
    "ພັດທະນາ",
    "ເສດຖະກິດ",
    "ສັງຄົມ",
    "ກອງປະຊຸມ",
    "ໃຫຍ່",
    "ຄັ້ງທີ",
    "ຮັບຮອງ",
    "ເອົາ",
    "ແຜນ",
    "ປັບປຸງ",
    "ບ່ອນ",
    "ອີງ",
    "ຄຸນນະພາບ",
    "ລະຫວ່າງ",
    "ສຳຄັນ",
    "ກຳລັງ",
    "ໜ້າທີ່",
    "ວຽກງານ",
    "ຂອງ",
    "ແລະ",
    "ໃນ",
    "ທີ່",
    "ໄດ້",
    "ມີ",
    "ເປັນ",
    "ຂໍ້ມູນ",
    "ວາລະສານ",
    "ສະຫາຍ",
    "ປະຊາຊົນ",
    "ນຳພາ",
    "ຊີ້ນຳ",
    "ເຊື່ອມຊຶມ",
    "ຍົກສູງ",
    "ຄວາມ",
];

/// One damage of the kinds the word stage repairs, applied to a word.
fn damage(word: &str, kind: u8, at: usize) -> String {
    let mut cs: Vec<char> = word.chars().collect();
    let i = at % cs.len();
    match kind % 5 {
        0 => word.to_string(),
        1 => {
            // a tone mark lost
            cs.retain(|&c| !matches!(c, '\u{0EC8}'..='\u{0ECB}'));
            cs.into_iter().collect()
        }
        2 => {
            // a look-alike letter
            cs[i] = match cs[i] {
                'ບ' => 'ປ',
                'ປ' => 'ບ',
                'ດ' => 'ຕ',
                'ຕ' => 'ດ',
                'ໃ' => 'ໄ',
                'ໄ' => 'ໃ',
                'ິ' => 'ີ',
                'ີ' => 'ິ',
                c => c,
            };
            cs.into_iter().collect()
        }
        3 if i > 0 => {
            // a stray space inside the word
            let (a, b) = cs.split_at(i);
            format!(
                "{} {}",
                a.iter().collect::<String>(),
                b.iter().collect::<String>()
            )
        }
        _ => {
            // the word written twice
            format!("{word}{word}")
        }
    }
}

fn damaged_text() -> impl Strategy<Value = String> {
    let piece =
        (0..WORDS.len(), any::<u8>(), any::<usize>(), 0u8..6).prop_map(|(w, k, at, sep)| {
            let sep = match sep {
                0 => " ",
                1 => "\n",
                _ => "",
            };
            format!("{}{sep}", damage(WORDS[w], k, at))
        });
    prop::collection::vec(piece, 1..30).prop_map(|v| v.concat())
}

/// Latin words, numbers and URLs, each with something Lao-like that must stay untouched.
fn foreign_token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,10}",
        "[0-9]{1,6}([.,][0-9]{1,3})?",
        "https?://[a-z]{2,8}\\.[a-z]{2,3}/[a-z0-9]{0,8}",
        "[a-z]{2,6}@[a-z]{2,6}\\.la",
    ]
}

/// A word as typed or scanned with characters out of canonical form: ຳ as ໍ + າ (tone
/// before or after), ແ as ເເ, ໜ ໝ as ຫນ ຫມ, a Lao digit after it.
fn unusual_characters(word: &str, kind: u8) -> String {
    match kind {
        0 => word.replace('ຳ', "\u{0ECD}\u{0EB2}"),
        1 => word.replace("\u{0EC9}ຳ", "\u{0ECD}\u{0EC9}\u{0EB2}"),
        2 => word.replace('ແ', "ເເ"),
        3 => word.replace('ໜ', "ຫນ").replace('ໝ', "ຫມ"),
        4 => format!("{word}໓"),
        _ => word.to_string(),
    }
}

/// Damaged Lao words inside code or an address (a web address, a path, a file name,
/// inline code), which no stage may change: tone marks lost, look-alike letters, and
/// characters the character stage would make canonical outside code.
fn lao_in_code_or_address() -> impl Strategy<Value = String> {
    let word = (0..WORDS.len(), 0u8..3, any::<usize>(), 0u8..7)
        .prop_map(|(w, k, at, c)| unusual_characters(&damage(WORDS[w], k, at), c));
    (word.clone(), word, 0u8..5).prop_map(|(a, b, kind)| match kind {
        0 => format!("https://lo.wikipedia.org/wiki/{a}{b}"),
        1 => format!("`{a} {b}`"),
        2 => format!("/home/{a}/{b}.txt"),
        3 => format!("C:\\{a}\\{b}"),
        _ => format!("{a}{b}.pdf"),
    })
}

fn levels() -> [Level; 2] {
    [Level::Standard, Level::Aggressive]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn idempotent_with_the_word_stage(text in damaged_text()) {
        for level in levels() {
            let c = Cleaner::new(Config::default().level(level));
            let once = c.clean(&text).into_owned();
            let twice = c.clean(&once).into_owned();
            prop_assert_eq!(&twice, &once, "level {:?}, input {:?}", level, text);
        }
    }

    #[test]
    fn word_edits_never_touch_latin_numbers_or_urls(
        parts in prop::collection::vec((damaged_text(), foreign_token()), 1..6)
    ) {
        let text: String = parts.iter().map(|(l, f)| format!("{l} {f} ")).collect();
        for level in levels() {
            let c = Cleaner::new(Config::default().level(level));
            let report = c.clean_with_report(&text);
            for e in report.edits.iter().chain(&report.suggestions) {
                if matches!(e.rule, Rule::WordSpelling | Rule::WordJoinSpace | Rule::WordJoinLine | Rule::WordDuplicate) {
                    let span = &text[e.span()];
                    prop_assert!(!span.chars().any(|ch| ch.is_ascii_alphanumeric()),
                        "{:?} edits {:?}", e.rule, span);
                    prop_assert!(!e.replacement.chars().any(|ch| ch.is_ascii_alphanumeric()));
                }
            }
            for (_, f) in &parts {
                prop_assert!(report.text.contains(f.as_str()), "{:?} lost from {:?}", f, report.text);
            }
        }
    }

    #[test]
    fn no_edit_touches_code_or_addresses(
        parts in prop::collection::vec((damaged_text(), lao_in_code_or_address()), 1..5)
    ) {
        let text: String = parts.iter().map(|(l, f)| format!("{l} {f} ")).collect();
        for level in levels() {
            let out = Cleaner::new(Config::default().level(level)).clean(&text).into_owned();
            for (_, f) in &parts {
                prop_assert!(out.contains(f.as_str()), "{:?} lost from {:?}", f, out);
            }
        }
    }
}
