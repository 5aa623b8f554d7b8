//! Stage 3, noise: lines of OCR specks.
//!
//! Dirt, stains and the grain of a scanned page come back from Tesseract as lines of
//! punctuation with stray Lao letters and marks among them:
//!
//! ```text
//! <. .. ະ ຈ, ຈ່ - ດ າ +. +, ຈ ນ ຂໍ່ ຈ່
//! ```
//!
//! Such a line is no text at all, and the word stage would only make edits inside it.
//! The stage runs after the character and spacing stages, so that it judges a line as
//! a second cleaning will see it (ຫນ is one letter there, ໜ). A *speck line* is a line
//! that, blanks aside,
//!
//! - has at least [`MIN_VISIBLE`] characters and at least one Lao letter;
//! - has at most a third of its Lao letters and marks in runs of [`WORD_RUN`] or more
//!   (words: even the short words ແລະ, ທີ່ and ຂອງ are three, and most of the letters of
//!   text stand in longer runs; OCR makes a syllable of specks now and then);
//! - has no number of two digits or more, no letter of another script (Latin words,
//!   e-mail addresses, URLs), no inline code (two backticks, or one whose pair is on
//!   another line of the paragraph: removing the line would unpair the other end) and
//!   nothing else that the stages protect (code, addresses, paths such as `~/ນໍາ`, file
//!   names);
//! - is at least [`MIN_SYMBOL_SHARE`] punctuation and symbols, of at least
//!   [`MIN_SYMBOL_KINDS`] kinds.
//!
//! On the user's documents and the gold text of the OCR pairs no line is one; on the OCR
//! text, every line of specks is. A line of Lao letters and signs with no word in it,
//! such as a formula written with letters (`ກ + ຂ = ຄ; ຄ − ກ = ຂ`), looks the same: for
//! such documents, [`NoiseLines::Keep`].
//!
//! What is done with a speck line is the setting [`NoiseLines`]: by
//! default it is removed, with its line break, at `--level aggressive` (the level for
//! heavy OCR noise) and only suggested at the other levels. Fenced code blocks are never
//! looked at. Linear time: each character is looked at once.
//!
//! ```
//! use laoclean::noise::is_speck_line;
//! assert!(is_speck_line("<. .. ະ ຈ, ຈ່ - ດ າ +. +, ຈ ນ ຂໍ່ ຈ່"));
//! assert!(!is_speck_line("ກອງປະຊຸມໃຫຍ່, ຄັ້ງທີ 2."));
//! assert!(!is_speck_line("ກ. ຂ. ຄ."));
//! ```

use crate::characters::is_format_character;
use crate::cleaner::StageOutput;
use crate::edit::{Edit, Rewriter};
use crate::spacing::prose_lines;
use crate::{lao, Config, Level, NoiseLines, Rule};

/// The fewest visible characters of a speck line.
pub const MIN_VISIBLE: usize = 8;

/// A run of this many Lao letters and marks is (part of) a word: a speck line has at
/// most a third of its Lao letters in such runs.
pub const WORD_RUN: usize = 4;

/// The least share of punctuation and symbols among the visible characters, as
/// (numerator, denominator): one in five.
pub const MIN_SYMBOL_SHARE: (usize, usize) = (1, 5);

/// The fewest kinds of punctuation and symbols.
pub const MIN_SYMBOL_KINDS: usize = 3;

/// How sure the rule is that a speck line is no text.
const CONFIDENCE: f32 = 0.9;

/// Is `line` (without its line break) a line of OCR specks? See the [module docs](self).
///
/// ```
/// use laoclean::noise::is_speck_line;
/// assert!(is_speck_line("ຈ. ມ. າ ພຊກ ຫ.) 2; 4: ຜ ແ; ຈ. ., ພ ວ່ 8. ໃ"));
/// assert!(!is_speck_line("(0)"));
/// ```
pub fn is_speck_line(line: &str) -> bool {
    let (mut visible, mut lao_letters, mut run) = (0usize, 0usize, 0usize);
    // Lao letters in runs of WORD_RUN or more.
    let mut in_words = 0usize;
    let mut digits = 0usize;
    let mut kinds: Vec<char> = Vec::new();
    let (mut symbols, mut backticks) = (0usize, 0usize);
    for c in line.chars() {
        let lao_letter = lao::is_lao(c) && !lao::is_digit(c);
        if !lao_letter && (c.is_whitespace() || is_format_character(c)) {
            (run, digits) = (0, 0);
            continue;
        }
        visible += 1;
        if lao_letter {
            lao_letters += 1;
            run += 1;
            // The run's letters count once it is a word's length, then each one more.
            in_words += match run.cmp(&WORD_RUN) {
                std::cmp::Ordering::Less => 0,
                std::cmp::Ordering::Equal => WORD_RUN,
                std::cmp::Ordering::Greater => 1,
            };
            digits = 0;
        } else if c.is_numeric() {
            digits += 1;
            if digits >= 2 {
                return false;
            }
            run = 0;
        } else if c.is_alphabetic() {
            return false;
        } else {
            symbols += 1;
            backticks += usize::from(c == '`');
            if backticks >= 2 {
                return false;
            }
            if kinds.len() < MIN_SYMBOL_KINDS && !kinds.contains(&c) {
                kinds.push(c);
            }
            (run, digits) = (0, 0);
        }
    }
    visible >= MIN_VISIBLE
        && lao_letters > 0
        && in_words * 3 <= lao_letters
        && kinds.len() >= MIN_SYMBOL_KINDS
        && symbols * MIN_SYMBOL_SHARE.1 >= visible * MIN_SYMBOL_SHARE.0
        // (Looked for last: few lines get this far.)
        && crate::spacing::protected_ranges(line).is_empty()
}

/// The noise stage: speck lines removed or suggested, as `config` says.
pub(crate) fn run<'a>(text: &'a str, config: &Config, record: bool) -> StageOutput<'a> {
    let remove = match config.noise_lines {
        NoiseLines::Keep => return StageOutput::new(text.into(), Vec::new()),
        NoiseLines::Drop => true,
        NoiseLines::Auto => config.level == Level::Aggressive,
    };
    if !remove && !record {
        return StageOutput::new(text.into(), Vec::new());
    }
    let mut w = Rewriter::new(text, record);
    let mut suggestions = Vec::new();
    // Inline code that runs over a line break: a line holding one end of it stays.
    let code = if memchr::memchr(b'`', text.as_bytes()).is_some() {
        crate::spacing::paragraph_code(text)
    } else {
        Vec::new()
    };
    for content in prose_lines(text) {
        if is_speck_line(&text[content.clone()]) && !crate::spacing::overlaps(&code, &content) {
            // The line goes with its line break, so no empty line is left in its place.
            let end = memchr::memchr(b'\n', &text.as_bytes()[content.end..])
                .map_or(text.len(), |i| content.end + i + 1);
            let range = content.start..end;
            if remove {
                w.replace(range, "", Rule::SpeckLine, CONFIDENCE);
            } else {
                suggestions.push(Edit {
                    start: range.start,
                    end: range.end,
                    original: text[range].to_string(),
                    replacement: String::new(),
                    rule: Rule::SpeckLine,
                    confidence: CONFIDENCE,
                    alternatives: Vec::new(),
                });
            }
        }
    }
    let (text, edits) = w.finish();
    let mut out = StageOutput::new(text, edits);
    out.suggestions = suggestions;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cleaner;

    /// Lines that OCR made of the specks of degraded pages (Tesseract, Lao model).
    const SPECKS: &[&str] = &[
        "<. .. ະ ຈ, ຈ່ - ດ າ +. +, ຈ ນ ຂໍ່ ຈ່",
        "< -- ລ +. ມ,",
        "ວນ -ກ ຄ ພ ພ ກ ກັ 3, 1 ” ມ. ຂ",
        "ນ > ຫະ - ຈ້ , ວວ. > ກຶກ ະ , > ງ < ມ ຈ : + ມ. ະ",
        // A syllable of specks among them (ພູວະ).
        "ງ ກຸກ. ວ ກາ ກ , 2. , ນ ຕາ , ວພ ບ ນ, ພູວະ ວນ ນ, <, ., , ະ 2 ທ າ",
    ];

    #[test]
    fn lines_of_specks_are_told_from_text() {
        for line in SPECKS {
            assert!(is_speck_line(line), "{line}");
        }
        for text in [
            "ກອງປະຊຸມໃຫຍ່ ຄັ້ງທີ XI ຂອງພັກ.",
            "(0)",
            "ມ:ຕິ",
            "1. ກ, ຂ, ຄ",
            "ກ. ຂ. ຄ. ງ. ຈ. ສ.",
            "ກ ຂ ຄ ງ ຈ ສ ຊ ຍ ດ ຕ",
            "ຕົວຢ່າງ: ກ, ຂ; ຄ, ງ; ຈ, ສ - ຊ",
            "- ແລະ - ທີ່ - ຂອງ -",
            "ປີ 2023: + 5,3 %",
            "| ກ | ຂ | ຄ |",
            "* * * ກ * * *",
            "www.ກ.la, ຂ.la",
            "ໃນ ab@cd.la 1,2 ມີ",
            "ກ; ຂ, ຄ. x",
            "`ກ`, `ຂ` ແລະ `ຄ`.",
        ] {
            assert!(!is_speck_line(text), "{text}");
        }
    }

    #[test]
    fn a_speck_line_is_removed_at_the_aggressive_level_and_suggested_below() {
        let text = "ກອງປະຊຸມໃຫຍ່\r\n< -- ລ +. ມ,\r\nຄັ້ງທີ XI\n";
        let aggressive = Config::default().level(Level::Aggressive);
        let r = Cleaner::new(aggressive).clean_with_report(text);
        assert_eq!(r.text, "ກອງປະຊຸມໃຫຍ່\r\nຄັ້ງທີ XI\n");
        let e = r.edits.iter().find(|e| e.rule == Rule::SpeckLine).unwrap();
        assert_eq!(e.original, "< -- ລ +. ມ,\r\n");
        assert_eq!(e.replacement, "");
        for level in [Level::Safe, Level::Standard] {
            let r = Cleaner::new(Config::default().level(level)).clean_with_report(text);
            assert!(r.text.contains("ລ +."), "{level:?}");
            assert!(r.suggestions.iter().any(|s| s.rule == Rule::SpeckLine));
        }
    }

    #[test]
    fn the_setting_keeps_or_drops_speck_lines_at_any_level() {
        let text = format!("ກອງປະຊຸມໃຫຍ່\n{}\nຄັ້ງທີ XI", SPECKS[0]);
        let keep = Config::default()
            .level(Level::Aggressive)
            .noise_lines(NoiseLines::Keep);
        let r = Cleaner::new(keep).clean_with_report(&text);
        assert!(r
            .edits
            .iter()
            .chain(&r.suggestions)
            .all(|e| e.rule != Rule::SpeckLine));
        let drop = Config::default().noise_lines(NoiseLines::Drop);
        assert_eq!(Cleaner::new(drop).clean(&text), "ກອງປະຊຸມໃຫຍ່\nຄັ້ງທີ XI");
        // The last line, with no line break after it.
        let last = format!("ກອງປະຊຸມໃຫຍ່\n{}", SPECKS[1]);
        let drop = Config::default().noise_lines(NoiseLines::Drop);
        assert_eq!(Cleaner::new(drop).clean(&last), "ກອງປະຊຸມໃຫຍ່\n");
    }

    #[test]
    fn a_line_is_judged_with_canonical_characters() {
        // ຫນ is one letter, ໜ, once the character stage has run: the run of Lao letters
        // is three, not four, and a second cleaning must not find a speck line the first
        // one missed.
        let aggressive = Cleaner::new(Config::default().level(Level::Aggressive));
        let text = "ກອງປະຊຸມ\nກ. < ຂ, +. າກຫນ\n";
        let once = aggressive.clean(text).into_owned();
        assert_eq!(once, "ກອງປະຊຸມ\n");
        assert_eq!(aggressive.clean(&once), once);
    }

    #[test]
    fn a_line_with_a_path_is_no_specks() {
        // A path's Lao is left as written (ນໍາ not made canonical), so the line has no
        // word of four letters; it is text all the same.
        for line in ["ນຳ ~/ນໍາ.", "ລາວ (~/ກ/)", "ກິນ ~/ກາ."] {
            assert!(!is_speck_line(line), "{line}");
            let c = Cleaner::new(Config::default().level(Level::Aggressive));
            assert!(!c.clean(&format!("{line}\n")).trim().is_empty(), "{line}");
        }
    }

    #[test]
    fn a_line_with_one_end_of_inline_code_is_never_specks() {
        // Its backtick pairs with one on the next line (inline code over a line break):
        // dropping the line left the other unpaired, and a second cleaning changed the
        // text again (found by an outside review).
        let text = "`າ+.+,ຈນ\n\u{eb5}  `";
        let c = Cleaner::new(Config::default().level(Level::Aggressive));
        let once = c.clean(text).into_owned();
        assert!(once.starts_with('`'), "{once:?}");
        assert_eq!(c.clean(&once), once);
        // A lone backtick with no pair in its paragraph is debris like the rest.
        assert_eq!(c.clean("`າ+.+,ຈນ\n\nກອງປະຊຸມ\n"), "\nກອງປະຊຸມ\n");
    }

    #[test]
    fn speck_lines_in_fenced_code_stay() {
        let text = format!("```\n{}\n```\n", SPECKS[1]);
        let drop = Config::default().noise_lines(NoiseLines::Drop);
        assert_eq!(Cleaner::new(drop).clean(&text), text);
    }
}
