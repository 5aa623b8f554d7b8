//! Properties of the character stage (`laoclean::normalize`, and the stage inside
//! `Cleaner` with spacing off): idempotence, no damage to text that is not Lao, one form
//! for every order of a cluster's marks, no panic on any input.

use laoclean::{Cleaner, Config, Digits, Level};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Characters that matter to the stage, weighted towards Lao.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('\u{0E80}', '\u{0EFF}'),      // Lao block, assigned or not
        3 => prop::sample::select(vec![
            'ກ', 'ນ', 'ມ', 'ລ', 'ຫ', 'ເ', 'ແ', 'າ', 'ຳ', 'ໍ', '່', '້', 'ິ', 'ຸ', 'ຼ', 'ໜ',
        ]),
        2 => prop::char::range('\u{0E00}', '\u{0E7F}'),      // Thai block
        2 => prop::sample::select(vec![' ', ' ', '\n', '\r', '\t', '1', '5', '.', ',', 'a']),
        1 => prop::sample::select(vec![
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{00AD}', '\u{FEFF}',
            '\u{00A0}', '\u{2009}', '\u{3000}', '\u{2063}', '\u{0301}', '\u{0316}', 'é',
        ]),
        1 => any::<char>(),
    ]
}

fn interesting_string() -> impl Strategy<Value = String> {
    prop::collection::vec(interesting_char(), 0..40).prop_map(|v| v.into_iter().collect())
}

/// Text with no Lao in it: ASCII, Latin with accents (in NFC), Thai, CJK, emoji.
fn non_lao_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[ -~]{1,12}",
        prop::sample::select(vec![
            "café",
            "naïve",
            "Ångström",
            "ภาษาไทย",
            "กำลัง",
            "ก่อน",
            "เป็น",
            "ปี ๒๕๖๗",
            "ไทย ๑๒",
            "漢字",
            "日本語のテキスト",
            "😀",
            "👨\u{200D}👩\u{200D}👧",
            "\r\n",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

/// The character stage alone: spacing off, and the word stage off (`Level::Safe`).
fn configs() -> Vec<Config> {
    let chars_only = || Config::default().spacing(false).level(Level::Safe);
    vec![
        chars_only(),
        chars_only().digits(Digits::Lao),
        chars_only().digits(Digits::Keep),
        chars_only().fold_ho_clusters(false).thai_lookalikes(false),
        chars_only().keep_zwsp(true),
    ]
}

/// Cleaning `s` a second time, under every configuration, changes nothing.
fn check_idempotent(s: &str) -> Result<(), TestCaseError> {
    for config in configs() {
        let c = Cleaner::new(config);
        let once = c.clean(s).into_owned();
        let twice = c.clean(&once).into_owned();
        prop_assert_eq!(&twice, &once, "input {:?}", s);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn idempotent(s in interesting_string()) {
        check_idempotent(&s)?;
    }

    #[test]
    fn idempotent_on_the_tricky_characters(
        v in prop::collection::vec(prop::sample::select(vec![
            'ກ', 'ຫ', 'ນ', 'ລ', 'ເ', 'າ', 'ຳ', 'ໍ', '່', '້', 'ິ', 'ຸ', 'ຼ', '໓', ' ', '5',
            '\u{0E48}', '\u{0E32}', '\u{0E40}', '\u{0E01}', '\u{0E38}', '\u{0E53}', '\u{0E4D}',
            '\u{200B}', '\u{00A0}', '\u{0301}', 'x', '\n',
        ]), 0..16),
    ) {
        check_idempotent(&v.into_iter().collect::<String>())?;
    }

    #[test]
    fn report_agrees_with_clean(s in interesting_string()) {
        let c = Cleaner::new(Config::default().spacing(false).level(Level::Safe));
        let report = c.clean_with_report(&s);
        prop_assert_eq!(&report.text, &c.clean(&s).into_owned());
        // The edits, applied to the input, give the output.
        let mut out = String::new();
        let mut at = 0;
        for e in &report.edits {
            prop_assert!(at <= e.start && e.start <= e.end && e.end <= s.len(), "{:?}", e);
            prop_assert_eq!(&e.original, &s[e.start..e.end]);
            out.push_str(&s[at..e.start]);
            out.push_str(&e.replacement);
            at = e.end;
        }
        out.push_str(&s[at..]);
        prop_assert_eq!(out, report.text);
    }

    #[test]
    fn text_that_is_not_lao_passes_through(s in non_lao_string()) {
        let s: String = s.nfc().collect();
        for config in configs() {
            let c = Cleaner::new(config);
            let out = c.clean(&s);
            prop_assert!(matches!(out, std::borrow::Cow::Borrowed(_)), "{:?}", s);
        }
        prop_assert_eq!(laoclean::normalize(&s), s.as_str());
    }

    #[test]
    fn every_order_of_a_clusters_marks_gives_one_form(
        base in prop::sample::select(vec!['ກ', 'ນ', 'ຫ', 'ໜ', 'ອ']),
        marks in prop::sample::subsequence(
            vec!['\u{0EBC}', '\u{0EB4}', '\u{0EB8}', '\u{0ECD}', '\u{0EC8}', '\u{0EC9}', '\u{0ECC}'],
            0..=7,
        ),
        doubled in any::<bool>(),
        order in any::<prop::sample::Index>(),
        tail in prop::sample::select(vec!["", "າ", "ຳ", "ກ", " "]),
    ) {
        let mut marks = marks;
        if doubled && !marks.is_empty() {
            marks.push(marks[0]);
        }
        let sorted: String = std::iter::once(base).chain(marks.iter().copied()).collect::<String>() + tail;
        // A rotation and a reversal of the marks, chosen by `order`.
        let mut shuffled = marks.clone();
        if !shuffled.is_empty() {
            let k = order.index(shuffled.len());
            shuffled.rotate_left(k);
            if k % 2 == 1 {
                shuffled.reverse();
            }
        }
        let other: String = std::iter::once(base).chain(shuffled).collect::<String>() + tail;
        prop_assert_eq!(laoclean::normalize(&sorted), laoclean::normalize(&other));
    }

    #[test]
    fn no_panic_on_any_string(s in any::<String>()) {
        for config in configs() {
            let c = Cleaner::new(config);
            let _ = c.clean_with_report(&s);
        }
    }
}
