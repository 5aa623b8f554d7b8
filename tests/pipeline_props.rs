//! Properties of the whole pipeline (`Cleaner` with its default stages, at every level):
//! idempotence on text full of the errors the stages meet, including runs of blanks
//! before marks and punctuation next to numbers; and text without Lao, spacing and
//! punctuation included, passing through unchanged.

use laoclean::{Cleaner, Config, Level, NoiseLines};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// A cleaner for every level, and two that keep U+200B (spacing alone, and every stage).
fn cleaners() -> Vec<Cleaner> {
    let levels = [Level::Safe, Level::Standard, Level::Aggressive];
    let keep_zwsp = [Level::Safe, Level::Aggressive]
        .map(|level| Config::default().level(level).keep_zwsp(true));
    levels
        .into_iter()
        .map(|level| Config::default().level(level))
        .chain(keep_zwsp)
        .map(Cleaner::new)
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
        "\r",
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

/// A line of OCR specks: single Lao letters and marks, single digits and punctuation.
fn speck_line() -> impl Strategy<Value = String> {
    let speck = prop::sample::select(vec![
        "ກ", "ຈ", "ະ", "າ", "ຈ່", "ມ.", "<,", ">", "+.", "-", ":", ",", ".", "2", "7", "“",
    ]);
    prop::collection::vec(speck, 4..16).prop_map(|v| v.join(" "))
}

/// Text that a line of specks may hold and that must stay: Latin words, numbers, URLs.
fn content() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,8}",
        "[0-9]{2,6}",
        "https?://[a-z]{2,8}\\.la/[a-z]{0,6}",
        "[a-z]{1,4}@[a-z]{1,4}\\.la",
    ]
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
    fn removing_speck_lines_keeps_latin_words_and_numbers(
        lines in prop::collection::vec((speck_line(), prop::option::of(content())), 1..8)
    ) {
        // Lines of specks, some with a Latin word, a number or a URL among the specks:
        // those lines are text, and stay.
        let text: String = lines
            .iter()
            .map(|(specks, token)| match token {
                Some(t) => format!("{specks} {t}\n"),
                None => format!("{specks}\n"),
            })
            .collect();
        let drop = Cleaner::new(Config::default().noise_lines(NoiseLines::Drop));
        let out = drop.clean(&text);
        for token in lines.iter().filter_map(|(_, t)| t.as_deref()) {
            prop_assert!(out.contains(token), "{:?} lost from {:?}", token, text);
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
            // The net changes rebuild the text, apart from one another.
            let mut rebuilt = String::new();
            let mut at = 0;
            for c in &report.changes {
                prop_assert!(at == 0 && c.start == 0 || at < c.start, "{:?} in {:?}", c, s);
                prop_assert_eq!(&c.original, &s[c.start..c.end]);
                prop_assert_ne!(&c.original, &c.replacement);
                rebuilt += &s[at..c.start];
                rebuilt += &c.replacement;
                at = c.end;
            }
            rebuilt += &s[at..];
            prop_assert_eq!(&rebuilt, &report.text);
        }
    }
}
