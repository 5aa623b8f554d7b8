//! Properties of the whole pipeline (`Cleaner` with its default stages, at every level):
//! idempotence on text full of the errors the stages meet, including runs of blanks
//! before marks and punctuation next to numbers; and text without Lao, spacing and
//! punctuation included, passing through unchanged.

use laoclean::{Cleaner, Config, Level};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn cleaners() -> Vec<Cleaner> {
    [Level::Safe, Level::Standard, Level::Aggressive]
        .into_iter()
        .map(|level| Cleaner::new(Config::default().level(level)))
        .collect()
}

/// Pieces of damaged Lao text: clusters, lone marks, blanks of every kind, punctuation,
/// numbers, Latin and line breaks (and so lines of OCR specks too).
fn damaged_lao() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "ກ",
        "ພ",
        "ນ",
        "ຫ",
        "ລ",
        "ເ",
        "ແ",
        "າ",
        "ຳ",
        "ໍ",
        "່",
        "້",
        "ິ",
        "ີ",
        "ຸ",
        "ຼ",
        "ໜ",
        "ສະບາຍດີ",
        "ປະເທດ",
        "ລາວ",
        "ແລະ",
        " ",
        "  ",
        "\t",
        "\u{00A0}",
        "\u{200B}",
        "\n",
        "\n\n",
        "\r\n",
        ",",
        ".",
        ":",
        ";",
        "(",
        ")",
        "“",
        "”",
        "\"",
        "%",
        "-",
        "<",
        "+",
        "/",
        "1",
        "25",
        "໓",
        "4.753,15",
        "8:00",
        "a",
        "COVID-19",
        "http://a.la/x,y",
        "http://",
        "www.",
        "`a , b`",
        "```",
    ]);
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

/// Text without Lao: ASCII with its own spacing conventions, Latin, French typography
/// with no-break spaces, Thai, CJK, emoji, tabs and CRLF.
fn not_lao() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[ -~]{1,12}",
        prop::sample::select(vec![
            "Hello , world !",
            "« bonjour »",
            "oui\u{00A0}!",
            "10\u{202F}€",
            "50 % of  100",
            "a\t\tb\t",
            "   indented",
            "trailing   ",
            "ภาษาไทย ๑๒",
            "日本\u{3000}語",
            "😀 👨\u{200D}👩\u{200D}👧",
            "naïve café",
            "\r\n",
            "\n",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn cleaning_twice_changes_nothing_more(s in damaged_lao()) {
        for c in cleaners() {
            let once = c.clean(&s).into_owned();
            let twice = c.clean(&once).into_owned();
            prop_assert_eq!(&twice, &once, "input {:?}", s);
        }
    }

    #[test]
    fn text_without_lao_passes_through(s in not_lao()) {
        let s: String = s.nfc().collect();
        for c in cleaners() {
            let out = c.clean(&s);
            prop_assert_eq!(out.as_ref(), s.as_str());
            prop_assert!(matches!(out, std::borrow::Cow::Borrowed(_)));
        }
    }

    #[test]
    fn report_text_is_the_cleaned_text(s in damaged_lao()) {
        for c in cleaners() {
            let report = c.clean_with_report(&s);
            prop_assert_eq!(&report.text, &c.clean(&s).into_owned());
            for e in report.edits.iter().chain(&report.suggestions) {
                prop_assert!(e.start <= e.end && e.end <= s.len(), "{:?} in {:?}", e, s);
                prop_assert!(s.is_char_boundary(e.start) && s.is_char_boundary(e.end));
                prop_assert_eq!(&e.original, &s[e.start..e.end]);
            }
        }
    }
}
