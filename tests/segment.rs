//! Segmentation: golden output on the corpus samples, properties, and the dictionary
//! coverage of the samples.
//!
//! Regenerate the golden files after a deliberate change (a new word list, a new
//! character stage) with `UPDATE_GOLDEN=1 cargo test --release --test segment`, then
//! read the diff (`git diff tests/golden/segment`) before committing it.

mod common;

use common::{check_golden, samples};
use laoclean::words::syllable::syllables;
use laoclean::words::{Lexicon, Segmenter, TokenKind};
use proptest::prelude::*;
use std::fs;
use std::path::Path;

#[test]
fn corpus_samples_segment_to_the_reviewed_output() {
    let seg = Segmenter::default();
    check_golden(Path::new("tests/golden/segment"), |text| {
        seg.segment(&laoclean::normalize(text), "|")
    });
}

/// Share of the Lao letters of the samples that lie in dictionary words. Printed for
/// reports (`cargo test --release --test segment -- --nocapture coverage`).
#[test]
fn coverage_of_the_corpus_samples() {
    let seg = Segmenter::default();
    let (mut known, mut all) = (0usize, 0usize);
    for sample in samples() {
        let text = laoclean::normalize(&fs::read_to_string(&sample).unwrap()).into_owned();
        for t in seg.tokens(&text) {
            let n = text[t.span.clone()].chars().count();
            if t.kind == TokenKind::Word {
                known += n;
            }
            if t.kind.is_lao() {
                all += n;
            }
        }
    }
    let share = known as f64 / all as f64;
    println!(
        "dictionary coverage of the corpus samples: {:.2}% of {all} Lao letters",
        share * 100.0
    );
    assert!(share > 0.9, "coverage fell to {share}");
}

#[test]
fn a_ten_megabyte_line_segments() {
    // One line, no line break: Lao words, a misspelling, a long run without spaces.
    let unit = "ກອງປະຊຸມໃຫຍ່ຜູ້ແທນທົ່ວປະເທດໃຫ່ຍ ຄັ້ງທີ XI 2021, ";
    let mut text = unit.repeat(10_000_000 / unit.len());
    text.push_str(&"ປະເທດລາວ".repeat(20_000));
    let tokens = Segmenter::default().tokens(&text);
    assert_eq!(tokens.first().unwrap().span.start, 0);
    assert_eq!(tokens.last().unwrap().span.end, text.len());
    assert!(tokens.windows(2).all(|w| w[0].span.end == w[1].span.start));
}

#[test]
fn unknown_names_stay_whole_between_known_words() {
    let seg = Segmenter::default();
    let text = "ທ່ານ ສົມພອນ ໄຊຍະວົງ ໄດ້ກ່າວ";
    let words: Vec<&str> = seg.words(text).into_iter().map(|r| &text[r]).collect();
    assert!(words.contains(&"ໄດ້") && words.contains(&"ກ່າວ"), "{words:?}");
}

fn lao_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ກ",
        "ຂ",
        "ຫ",
        "ງ",
        "ວ",
        "ອ",
        "ຍ",
        "ນ",
        "ລ",
        "ຣ",
        "ເ",
        "ແ",
        "ໂ",
        "ໃ",
        "ໄ",
        "ະ",
        "າ",
        "ຳ",
        "ຽ",
        "\u{0EB4}",
        "\u{0EB5}",
        "\u{0EB1}",
        "\u{0EBB}",
        "\u{0EB8}",
        "\u{0EBC}",
        "\u{0EC8}",
        "\u{0EC9}",
        "\u{0ECC}",
        "\u{0ECD}",
        "ໆ",
        " ",
        "\n",
        "a",
        "1",
        ".",
        ",",
        "ປະເທດ",
        "ລາວ",
        "ຄວາມ",
        "\u{200B}",
        "é",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn the_words_concatenate_to_the_input(text in lao_text()) {
        let seg = Segmenter::default();
        let spans = seg.words(&text);
        let mut pos = 0;
        for r in &spans {
            prop_assert_eq!(r.start, pos);
            prop_assert!(r.end > r.start);
            pos = r.end;
        }
        prop_assert_eq!(pos, text.len());
        let joined: String = syllables(&text).concat();
        prop_assert_eq!(joined, text.clone());
        // The separator only ever goes between tokens.
        prop_assert_eq!(seg.segment(&text, "\u{200B}").replace('\u{200B}', ""), text.replace('\u{200B}', ""));
    }

    #[test]
    fn user_words_never_break_segmentation(text in lao_text(), word in lao_text()) {
        let lex = Lexicon::embedded().with_user_words([(word, Some(3))]).unwrap();
        let spans = Segmenter::new(lex).words(&text);
        prop_assert_eq!(spans.last().map_or(0, |r| r.end), text.len());
    }
}
