//! Stage 4, words: the Lao lexicon, word segmentation, and the corrections that need
//! knowledge of Lao words.
//!
//! - [`syllable`]: Lao syllables from the orthography (no dictionary);
//! - [`lexicon`]: the embedded word list as an automaton with costs, plus users' words;
//! - `automaton`: word automata (built as `fst` maps) decoded into flat records, which
//!   every walk of the stage uses;
//! - [`segment`]: the Viterbi segmenter over syllable boundaries;
//! - `correct`: the skeleton index (candidate words for damaged text) and damage costs;
//! - `web`: in how many tokens of Lao web text a word or two words stand (evidence for
//!   a respelling);
//!
//! (`automaton`, `correct` and `web` are public for the project's benchmarks and tools,
//! but hidden from these docs and not part of the API; their source explains them.)
//! - `reading`: one lattice of exact, corrected and joined words, and the judge that turns
//!   the best reading into edits only where it beats the unedited one by a margin;
//! - `lines`: which hard line breaks of a wrapped paragraph to rejoin.
//!
//! The stage (`WordModel` + `run`) first plans line joins, then reads every stretch of
//! Lao letters (with the single spaces and rejoined breaks inside it), then applies the
//! planned edits in order; a line join inside a corrected word is part of that word's
//! edit. Any other character ends a stretch, so a U+200B kept by
//! [`Config::keep_zwsp`](crate::Config::keep_zwsp) is a word boundary: no word is read
//! across it and no edit removes it. Suggestions (a gain between half the margin and the
//! margin, and words written twice) are reported, not applied. It does nothing at
//! [`Level::Safe`](crate::Level).
//!
//! ```
//! use laoclean::words::{Lexicon, Segmenter};
//! let words = Lexicon::from_counts([("ສະບາຍດີ", 3), ("ປະເທດ", 5), ("ລາວ", 5)]).unwrap();
//! let seg = Segmenter::new(words);
//! assert_eq!(seg.segment("ສະບາຍດີ ປະເທດລາວ", "|"), "ສະບາຍດີ ປະເທດ|ລາວ");
//! ```

// The stage's machinery, public for the project's benchmarks, examples and tools (and
// for reading: their docs explain the data structures) but not part of the API: hidden
// from the documentation, they may change in any release.
#[doc(hidden)]
pub mod automaton;
pub mod corpus;
#[doc(hidden)]
pub mod correct;
mod ho_clusters;
pub mod lexicon;
pub(crate) mod lines;
mod reading;
pub mod segment;
pub mod syllable;
#[doc(hidden)]
pub mod web;

pub use lexicon::{Lexicon, LexiconError};
pub use segment::{Segmenter, Token, TokenKind};

use crate::cleaner::StageOutput;
use crate::edit::Rewriter;
use crate::{lao, Config, Level, Rule};
use correct::SkeletonIndex;
use reading::{Planned, Reader, AGGRESSIVE_MARGIN, STANDARD_MARGIN};
use std::ops::Range;

/// At the standard level a changed spelling is applied only from this confidence on
/// (a gain of about 1.2 margins); below, it is a suggestion, unless web text holds the
/// new spelling far more often (`WEB_CORROBORATES` in `reading.rs`).
pub(crate) const STANDARD_MIN_SPELLING_CONFIDENCE: f32 = 0.6;

/// A stretch (Lao letters with single spaces between them) is read in parts of about
/// this many characters, cut at a space, so that the decoder's memory stays small: the
/// longest stretch of the corpus samples and of the OCR text is 180 characters, and a
/// long one is a hard-wrapped paragraph or text with no punctuation. A run of letters
/// with no space is cut before a consonant or leading vowel (not after a leading vowel)
/// once it is twice as long (no Lao word is a hundredth of that); a run of marks and
/// following vowels alone (ະາະາ…) has no such place and is read whole, bounded by the
/// block. In a later round, the parts after a changed one are all read again (a change
/// moves the cuts).
pub(crate) const MAX_STRETCH: usize = 4096;

/// What the word stage needs: the lexicon, its skeleton index and a segmenter. Built once
/// per [`Cleaner`](crate::Cleaner).
#[derive(Clone, Debug)]
pub(crate) struct WordModel {
    index: SkeletonIndex,
    segmenter: Segmenter,
}

impl Default for WordModel {
    fn default() -> Self {
        WordModel::new(Lexicon::embedded())
    }
}

impl WordModel {
    /// The model of `lexicon`.
    pub(crate) fn new(lexicon: Lexicon) -> Self {
        WordModel {
            index: SkeletonIndex::new(&lexicon),
            segmenter: Segmenter::new(lexicon),
        }
    }

    /// The lexicon in use.
    pub(crate) fn lexicon(&self) -> &Lexicon {
        self.segmenter.lexicon()
    }
}

/// The code and address spans of `text` (see [`crate::spacing::protected_ranges`]) as
/// they are found in the text with the line breaks `joins` rejoined, carried back to
/// the offsets of `text` ([`BackMap`](crate::edit::BackMap)).
fn protected_once_joined(text: &str, joins: &[lines::Join]) -> Vec<Range<usize>> {
    let mut joined = String::with_capacity(text.len());
    let mut from = 0;
    for (brk, glue) in joins {
        joined.push_str(&text[from..brk.start]);
        joined.push_str(glue);
        from = brk.end;
    }
    joined.push_str(&text[from..]);
    let back = crate::edit::BackMap::of_replacements(
        joins.iter().map(|(brk, glue)| (brk.clone(), glue.len())),
    );
    crate::spacing::protected_ranges(&joined)
        .into_iter()
        .map(|r| back.span_start(r.start)..back.span_end(r.end))
        .collect()
}

/// Runs the word stage over `text` (the output of the spacing stage). A later round
/// (`only` given: the byte ranges the round before changed, sorted) reads only the
/// stretches that touch those ranges (the rest reads as before), unless a line join is
/// planned; of a stretch read in parts ([`MAX_STRETCH`]), every part from the first one
/// that touches them (a change moves the cuts after it).
/// `dirty` receives the ranges of the output this run changed.
// (Not inlined into the word rounds' closure: the code generated there took 0.9% more
// instructions on the benchmark.)
#[inline(never)]
pub(crate) fn run<'a>(
    text: &'a str,
    cfg: &Config,
    model: &WordModel,
    record: bool,
    only: Option<&[Range<usize>]>,
    dirty: &mut Vec<Range<usize>>,
) -> StageOutput<'a> {
    dirty.clear();
    if cfg.level == Level::Safe || !text.chars().any(lao::is_letter) {
        return StageOutput::new(std::borrow::Cow::Borrowed(text), Vec::new());
    }
    let across_breaks = cfg.join_lines != crate::JoinLines::Never;
    let plan = if !cfg.fold_ho_clusters && ho_clusters::has_unfolded(text, across_breaks) {
        plan_folded(text, cfg, model, record, only)
    } else {
        plan(text, cfg, model, record, only)
    };
    apply(text, plan, record, dirty)
}

/// [`plan`] for text that keeps its ho clusters unfolded (ຫນ ຫມ ຫລ, with
/// [`Config::fold_ho_clusters`] off): read folded, as the lexicon spells them, and
/// planned in the text as written ([`ho_clusters`]).
fn plan_folded(
    text: &str,
    cfg: &Config,
    model: &WordModel,
    record: bool,
    only: Option<&[Range<usize>]>,
) -> Vec<Planned> {
    let (folded, shorter) = ho_clusters::fold(text);
    let back =
        crate::edit::BackMap::of_replacements(shorter.iter().map(|r| (r.clone(), "ໜ".len())));
    // The ranges the round before changed, in the folded text; one that starts or ends
    // inside a cluster takes it in whole.
    let forward = |pos: usize, end: bool| {
        let k = shorter.partition_point(|r| r.end <= pos);
        let pos = match shorter.get(k) {
            Some(r) if r.start < pos => {
                if end {
                    r.end
                } else {
                    r.start
                }
            }
            _ => pos,
        };
        back.forward(pos, false)
    };
    let only: Option<Vec<Range<usize>>> = only.map(|o| {
        o.iter()
            .map(|r| forward(r.start, false)..forward(r.end, true))
            .collect()
    });
    let mut plan = plan(&folded, cfg, model, record, only.as_deref());
    // Whether a replacement's clusters are written unfolded is judged by paragraph, so
    // that it does not depend on what else the block holds.
    let unfolded =
        ho_clusters::unfolded_paragraphs(text, cfg.join_lines != crate::JoinLines::Never);
    plan.retain_mut(|p| {
        p.range = back.start(p.range.start)..back.end(p.range.end);
        let written = &text[p.range.clone()];
        let k = unfolded.partition_point(|r| r.end <= p.range.start);
        let in_unfolded = unfolded.get(k).is_some_and(|r| r.start <= p.range.start);
        p.replacement = ho_clusters::as_written(written, &p.replacement, in_unfolded);
        for a in &mut p.alternatives {
            *a = ho_clusters::as_written(written, a, in_unfolded);
        }
        p.alternatives.retain(|a| *a != p.replacement);
        // A word rejoined across a break inside its cluster (ມີຫ⏎ລາຍ), respelt only by
        // the folding: a line join.
        if p.rule == Rule::WordSpelling && p.replacement == written.replace(['\r', '\n'], "") {
            p.rule = Rule::WordJoinLine;
            p.alternatives = vec![written.to_string()];
        }
        p.replacement != written
    });
    plan
}

/// The edits the word stage plans for `text` (see [`run`]), in no particular order.
fn plan(
    text: &str,
    cfg: &Config,
    model: &WordModel,
    record: bool,
    only: Option<&[Range<usize>]>,
) -> Vec<Planned> {
    let margin = match cfg.level {
        Level::Aggressive => AGGRESSIVE_MARGIN,
        _ => STANDARD_MARGIN,
    };
    let lines::Breaks { joins, blanks } =
        lines::plan(text, cfg.join_lines, &model.segmenter, cfg.spacing);
    // A break that only now looks worth joining (the round before changed its
    // paragraph): read everything again.
    let only = if joins.is_empty() { only } else { None };
    let mut next_dirty = 0;
    let mut wanted = |stretch: &[(usize, char)]| {
        let Some(only) = only else { return true };
        let (Some(&(a, _)), Some(&(b, c))) = (stretch.first(), stretch.last()) else {
            return false;
        };
        let b = b + c.len_utf8();
        while next_dirty < only.len() && only[next_dirty].end < a {
            next_dirty += 1;
        }
        next_dirty < only.len() && only[next_dirty].start <= b
    };
    let mut plan: Vec<Planned> = joins
        .iter()
        .map(|(range, glue)| Planned {
            range: range.clone(),
            replacement: glue.to_string(),
            rule: Rule::WordJoinLine,
            confidence: 0.9,
            alternatives: vec![text[range.clone()].to_string()],
            suggestion: false,
        })
        .chain(blanks.into_iter().map(|range| Planned {
            range,
            replacement: String::new(),
            rule: Rule::TrailingSpace,
            confidence: 1.0,
            alternatives: Vec::new(),
            suggestion: false,
        }))
        .collect();
    let mut reader = Reader::default();
    reader.compound_near = cfg.level == Level::Aggressive;
    reader.swap_words = cfg.level == Level::Aggressive;
    reader.apply_in_context = cfg.level == Level::Aggressive;
    reader.suggest_beside_unknown = cfg.level == Level::Standard;
    reader.min_spelling_confidence = match cfg.level {
        Level::Aggressive => 0.5,
        _ => STANDARD_MIN_SPELLING_CONFIDENCE,
    };
    let lex = model.lexicon();
    // Reads a stretch (or a part of one) and plans its edits and duplicate suggestions.
    // Real words wrong in context: applied at the aggressive level, else suggested, so
    // looked for only when the suggestions are reported.
    let in_context = record || reader.apply_in_context;
    let read = |reader: &mut Reader, stretch: &[(usize, char)], plan: &mut Vec<Planned>| {
        let before = plan.len();
        reader.read(lex, &model.index, stretch, margin, plan);
        duplicates(lex, text, &reader.plain_words(), plan);
        if in_context {
            let taken: Vec<Range<usize>> = plan[before..].iter().map(|p| p.range.clone()).collect();
            reader.respell_in_context(lex, &model.index, &taken, plan);
        }
    };
    // A later round reads only the lines that hold a changed range: with no line joined,
    // no stretch runs past the end of its line.
    let windows: Vec<Range<usize>> = match only {
        None => std::iter::once(0..text.len()).collect(),
        Some(only) => lines_holding(text, only),
    };
    // Code and addresses (fenced and inline code, URLs, e-mail addresses, paths): their
    // letters are no part of a stretch, so nothing in them is read or edited. Found in
    // the windows read only (a later round's lines hold no fenced code: nothing there
    // changes), and in the lines as they will be once joined (a backtick on one line
    // pairs with one on the next after the join).
    let protected: Vec<Range<usize>> = if joins.is_empty() {
        let in_windows = windows
            .iter()
            .flat_map(|w| {
                crate::spacing::protected_ranges(&text[w.clone()])
                    .into_iter()
                    .map(move |r| w.start + r.start..w.start + r.end)
            })
            .collect();
        // A later round's windows are lines: inline code that runs over a line break
        // is found in the paragraphs around them.
        if only.is_some() && memchr::memchr(b'`', text.as_bytes()).is_some() {
            crate::spacing::union(in_windows, crate::spacing::paragraph_code(text))
        } else {
            in_windows
        }
    } else {
        protected_once_joined(text, &joins)
    };
    // The text is read forwards: below the start of the next range (kept) nothing is
    // protected, one comparison; past it, the range is found again by halving.
    let free_below = std::cell::Cell::new(0usize);
    let is_letter = |i: usize, c: char| {
        if !lao::is_letter(c) {
            return false;
        }
        if i < free_below.get() || protected.is_empty() {
            return true;
        }
        let k = protected.partition_point(|r| r.end <= i);
        match protected.get(k) {
            Some(r) if r.start <= i => false,
            Some(r) => {
                free_below.set(r.start);
                true
            }
            None => {
                free_below.set(usize::MAX);
                true
            }
        }
    };
    let mut stretch: Vec<(usize, char)> = Vec::new();
    // A part of this stretch was read in a later round: the parts after it are read too.
    let mut read_rest = false;
    let mut next_join = 0;
    for window in windows {
        // A later round reads every stretch of a line that holds code or an address: an
        // edit can make or grow one (a space taken out of `/ປະ ຊຸມa…` makes a path), and
        // the stretches beside it then end elsewhere than the round before read them.
        let read_line = only.is_some() && crate::spacing::overlaps(&protected, &window);
        let mut it = text[window.clone()].char_indices().peekable();
        let mut letter = it
            .peek()
            .is_some_and(|&(k, c)| is_letter(window.start + k, c));
        while let Some((i, c)) = it.next() {
            let i = window.start + i;
            let next_letter = it
                .peek()
                .is_some_and(|&(k, d)| is_letter(window.start + k, d));
            let prev_letter = stretch.last().is_some_and(|&(_, d)| lao::is_letter(d));
            // A line break rejoined here (`\n` or `\r\n`, with the spaces that ended the
            // line or the one that opened the next): where it ends, and its glue.
            let joined_to = if c == '\n' || c == '\r' || c == ' ' {
                while next_join < joins.len() && joins[next_join].0.start < i {
                    next_join += 1;
                }
                joins
                    .get(next_join)
                    .filter(|(r, _)| r.start == i)
                    .map(|(r, g)| (r.end, *g))
            } else {
                None
            };
            let letter_after = |end: usize| {
                text[end..]
                    .chars()
                    .next()
                    .is_some_and(|d| is_letter(end, d))
            };
            // A long stretch is read in parts (see `MAX_STRETCH`).
            let cut = stretch.len() >= MAX_STRETCH
                && (c == ' '
                    || stretch.len() >= 2 * MAX_STRETCH
                        && (lao::is_leading_vowel(c)
                            || lao::is_consonant(c)
                                && !stretch
                                    .last()
                                    .is_some_and(|&(_, d)| lao::is_leading_vowel(d))));
            if cut {
                if read_rest || read_line || wanted(&stretch) {
                    read_rest = true;
                    read(&mut reader, &stretch, &mut plan);
                }
                stretch.clear();
                if c == ' ' {
                    // The space between the parts belongs to neither.
                    letter = next_letter;
                    continue;
                }
            }
            if letter || (c == ' ' && prev_letter && next_letter) {
                stretch.push((i, c));
            } else if let Some((end, glue)) =
                joined_to.filter(|&(e, _)| prev_letter && letter_after(e))
            {
                // The word reader sees the two lines as one: with nothing between them,
                // or one space (which stands for the whole break: `Reader` takes a
                // space's bytes to run to the next character of the stretch).
                if glue == " " {
                    stretch.push((i, ' '));
                }
                while it.peek().is_some_and(|&(k, _)| window.start + k < end) {
                    it.next();
                }
                letter = it
                    .peek()
                    .is_some_and(|&(k, d)| is_letter(window.start + k, d));
                continue;
            } else {
                if !stretch.is_empty() && (read_rest || read_line || wanted(&stretch)) {
                    read(&mut reader, &stretch, &mut plan);
                }
                stretch.clear();
                read_rest = false;
            }
            letter = next_letter;
        }
        if !stretch.is_empty() && (read_rest || read_line || wanted(&stretch)) {
            read(&mut reader, &stretch, &mut plan);
        }
        stretch.clear();
        read_rest = false;
    }
    plan
}

/// The lines of `text` (without their line breaks) that hold or touch one of `ranges`
/// (in order, as the word stage's edits leave them), one window for each such line.
///
/// Linear in the text however many ranges one line holds: a range that starts in the
/// last window found is not searched from again (only past that window's end, if it
/// runs on), so each byte is scanned about once.
fn lines_holding(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let line_end = |z: usize| memchr::memchr(b'\n', &b[z..]).map_or(b.len(), |k| z + k);
    let mut lines: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        let (a, z) = (r.start.min(b.len()), r.end.min(b.len()));
        match lines.last_mut() {
            // The window ends at a line break (or the end): a range that starts in it
            // or at that break is on its lines.
            Some(last) if a <= last.end => {
                if z > last.end {
                    last.end = line_end(z);
                }
            }
            _ => {
                let start = memchr::memrchr(b'\n', &b[..a]).map_or(0, |k| k + 1);
                lines.push(start..line_end(z));
            }
        }
    }
    lines
}

/// Applies the planned edits in order; a line join inside a word edit is dropped (the
/// word edit covers it), suggestions go to the report only.
fn apply<'a>(
    text: &'a str,
    mut plan: Vec<Planned>,
    record: bool,
    dirty: &mut Vec<Range<usize>>,
) -> StageOutput<'a> {
    let mut shift: isize = 0;
    plan.sort_by_key(|p| (p.range.start, std::cmp::Reverse(p.range.end)));
    let mut w = Rewriter::new(text, record);
    let mut suggestions = Vec::new();
    let mut edited_to = 0;
    for p in plan {
        if p.suggestion {
            if record {
                suggestions.push(crate::Edit {
                    start: p.range.start,
                    end: p.range.end,
                    original: text[p.range.clone()].to_string(),
                    replacement: p.replacement,
                    rule: p.rule,
                    confidence: p.confidence,
                    alternatives: p.alternatives,
                });
            }
            continue;
        }
        if p.range.start < edited_to {
            continue; // inside an edit already made
        }
        edited_to = p.range.end;
        let out_start = (p.range.start as isize + shift) as usize;
        dirty.push(out_start..out_start + p.replacement.len());
        shift += p.replacement.len() as isize - p.range.len() as isize;
        w.replace_with_alternatives(
            p.range,
            &p.replacement,
            p.rule,
            p.confidence,
            p.alternatives,
        );
    }
    let (text, edits) = w.finish();
    StageOutput {
        text,
        edits,
        suggestions,
    }
}

/// Suggests removing a word written twice in a row (ກອງກອງທັບ, ຍົກສູງຍົກສູງ): of two
/// neighbouring words of the unedited reading (byte range, is a dictionary word), the
/// second starts with the whole first one, a dictionary word of two letters or more.
fn duplicates(lex: &Lexicon, text: &str, words: &[(Range<usize>, bool)], plan: &mut Vec<Planned>) {
    for w in words.windows(2) {
        let ((x, xw), (y, yw)) = (&w[0], &w[1]);
        if !xw || !yw || x.end != y.start {
            continue;
        }
        let (tx, ty) = (&text[x.clone()], &text[y.clone()]);
        // Cheapest test first: most neighbours do not even share their first letters.
        if !ty.starts_with(tx) || ty.contains('\n') || tx.chars().count() < 2 {
            continue;
        }
        if ty == tx || lex.contains(&ty[tx.len()..]) {
            plan.push(Planned {
                range: x.clone(),
                replacement: String::new(),
                rule: Rule::WordDuplicate,
                confidence: 0.5,
                alternatives: vec![tx.to_string()],
                suggestion: true,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cleaner, Config, JoinLines, Level, Rule};

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // windows, not the numbers in them
    fn a_later_round_reads_the_lines_that_hold_a_changed_range() {
        let text = "ກ ຂ\nຄງ\nຈ\n\nສ";
        let lines = |ranges: &[std::ops::Range<usize>]| super::lines_holding(text, ranges);
        // A range inside the second line, and an empty one (a deletion) at its end.
        assert_eq!(lines(&[8..9]), [8..14]);
        assert_eq!(lines(&[14..14]), [8..14]);
        // A point at the start of a line holds that line only; two ranges of one line
        // make one window; an empty line, and the last line without a line break.
        assert_eq!(lines(&[15..15]), [15..18]);
        assert_eq!(lines(&[0..3, 4..7]), [0..7]);
        assert_eq!(lines(&[19..19, 20..23]), [19..19, 20..23]);
        assert_eq!(lines(&[0..3, 15..16]), [0..7, 15..18]);
        // A range that starts in the window before, or at its line break, and runs on
        // into the next line takes that line in too.
        assert_eq!(lines(&[0..3, 5..9]), [0..14]);
        assert_eq!(lines(&[0..3, 7..8]), [0..14]);
        // One that starts on the next line after a break starts a window of its own.
        assert_eq!(lines(&[0..3, 4..5, 6..7, 9..10]), [0..7, 8..14]);
    }

    fn report(text: &str) -> crate::Cleaned {
        Cleaner::default().clean_with_report(text)
    }

    /// `text` comes out unchanged, with `replacement` among its suggestions.
    fn assert_only_suggested(text: &str, replacement: &str) {
        let r = report(text);
        assert_eq!(r.text, text);
        assert!(r.suggestions.iter().any(|s| s.replacement == replacement));
    }

    /// Each `(written, meant)` is cleaned to `meant`; each of `clean` stays as it is.
    fn assert_respelt(respelt: &[(&str, &str)], clean: &[&str]) {
        for &(written, meant) in respelt {
            assert_eq!(Cleaner::default().clean(written), meant);
        }
        for &text in clean {
            assert_eq!(Cleaner::default().clean(text), text);
        }
    }

    #[test]
    fn a_web_phrase_cut_out_of_a_longer_word_respells_nothing() {
        // ຄາຖືກ is in web text as ຄາ of ລາຄາ (price) in ລາຄາຖືກ (cheap): no phrase, so
        // the settings (ຄ່າ) stay as written; a real phrase still respells.
        assert_respelt(&[("ສ້າງແຜ່ນການ", "ສ້າງແຜນການ")], &["ການຕັ້ງຄ່າຖືກຍົກເລີກ"]);
    }

    #[test]
    fn code_and_addresses_are_never_read() {
        // Lao inside fenced or inline code, a web address, a path or a file name is
        // left as written; the same word in prose is respelt.
        let text = "```\nກອງປະຊຸມໃຫ່ຍ\n```\nເບິ່ງ `ໃຫ່ຍ` https://lo.wikipedia.org/wiki/ໃຫ່ຍ ໃຫ່ຍ.pdf ກອງປະຊຸມໃຫ່ຍ\n";
        assert_eq!(
            Cleaner::default().clean(text),
            "```\nກອງປະຊຸມໃຫ່ຍ\n```\nເບິ່ງ `ໃຫ່ຍ` https://lo.wikipedia.org/wiki/ໃຫ່ຍ ໃຫ່ຍ.pdf ກອງປະຊຸມໃຫຍ່\n"
        );
    }

    #[test]
    fn a_damaged_word_is_respelt_with_rule_confidence_and_alternatives() {
        let r = report("ກອງປະຊຸມໃຫ່ຍ");
        assert_eq!(r.text, "ກອງປະຊຸມໃຫຍ່");
        let e = r
            .edits
            .iter()
            .find(|e| e.rule == Rule::WordSpelling)
            .unwrap();
        assert!(e.confidence > 0.9);
        // Web text holds the phrase ກອງປະຊຸມໃຫຍ່; its first word stands as written, so the
        // edit is the second one alone.
        assert_eq!(e.alternatives.last().map(String::as_str), Some("ໃຫ່ຍ"));
        assert_eq!(e.replacement, "ໃຫຍ່");
    }

    #[test]
    fn a_letter_ocr_read_as_two_is_respelt() {
        // Tesseract reads ໜ and ໝ as ບນ (and ານ, ນນ …): the OCR table lists these
        // one-for-two readings, and the edit search makes them as one edit.
        for (written, meant) in [
            ("ປະຕິບັດບນ້າທີ່ວຽກງານ", "ປະຕິບັດໜ້າທີ່ວຽກງານ"),
            ("ຄວາມບນັ້ນຄົງ", "ຄວາມໝັ້ນຄົງ"),
            // Where every syllable reads as a word (ງາ, ມັກ): the skeleton walk.
            ("ຂະແບນງການ", "ຂະແໜງການ"),
            ("ນະໂຍບາຍຂອງາມັກ", "ນະໂຍບາຍຂອງພັກ"),
        ] {
            let r = report(written);
            assert_eq!(r.text, meant);
            assert!(r.edits.iter().all(|e| e.rule == Rule::WordSpelling));
        }
        // The edit of a phrase is cut where a syllable of it starts: ງ closes ຂອງ, so the
        // edit does not start at it.
        let r = report("ນະໂຍບາຍຂອງາມັກ");
        let edits: Vec<_> = r
            .edits
            .iter()
            .map(|e| (e.original.as_str(), e.replacement.as_str()))
            .collect();
        assert_eq!(edits, [("ຂອງາມັກ", "ຂອງພັກ")]);
        // Where ບ ends a word and ນ starts the next, the words stay.
        for clean in ["ລາວໄປກັບນາງ", "ຮັບນັກຮຽນ", "ແບບນີ້"]
        {
            assert_eq!(Cleaner::default().clean(clean), clean);
        }
    }

    #[test]
    fn two_letters_ocr_read_as_one_are_respelt() {
        // Tesseract reads ເງ as ຜ (a two-for-one row of the OCR table): one edit of the
        // edit search.
        let r = report("ສ້າງຜື່ອນໄຂໃຫ້");
        assert_eq!(r.text, "ສ້າງເງື່ອນໄຂໃຫ້");
        assert!(r.edits.iter().all(|e| e.rule == Rule::WordSpelling));
        // ຜ where it is meant stays.
        assert_respelt(&[], &["ຜ່ານມາ", "ຜູ້ນຳ", "ຜືນແຜ່ນດິນ"]);
    }

    #[test]
    fn a_final_letter_ocr_read_as_its_look_alike_is_respelt_in_context() {
        // Tesseract reads ບ and ພ as ນ or ມ (class `b` of the confusion classes). The
        // same words where they are meant stay: ມັກ (to like), ສະພານ (a bridge).
        assert_respelt(
            &[
                ("ປະຕິບັດຕາມລະບຽນການ", "ປະຕິບັດຕາມລະບຽບການ"),
                ("ຍົກສູງຄຸນນະພານ", "ຍົກສູງຄຸນນະພາບ"),
                ("ສູນກາງມັກ", "ສູນກາງພັກ"),
            ],
            &["ຂ້ອຍມັກກິນເຂົ້າ", "ຂົວນີ້ເປັນສະພານ"],
        );
    }

    #[test]
    fn a_tone_and_vowel_ocr_read_as_one_mark_are_respelt() {
        // Tesseract reads ້າ as ຳ (the tone mark and the ring of ຳ look alike above the
        // letter): one row of the OCR table. ຳ where it is meant stays.
        assert_respelt(
            &[
                ("ເຈົ້າໜຳທີ່ຂອງລັດ", "ເຈົ້າໜ້າທີ່ຂອງລັດ"),
                ("ການພັດທະນາກ້າວໜຳ", "ການພັດທະນາກ້າວໜ້າ"),
                ("ສິນຄຳ", "ສິນຄ້າ"),
            ],
            &["ຜູ້ນຳພາ", "ນ້ຳໜັກ", "ຄຳເວົ້າຂອງລາວ", "ກຳລັງແຮງ"],
        );
    }

    #[test]
    fn a_letter_and_its_tone_ocr_read_as_one_letter_are_respelt() {
        // Tesseract reads ດ້ as ຕ and ຍ່ as ຢ (the tone mark taken for the letter's tail).
        assert_respelt(
            &[
                ("ທາງຕານເສດຖະກິດ", "ທາງດ້ານເສດຖະກິດ"),
                ("ຈັດກອງປະຊຸມໃທຢ", "ຈັດກອງປະຊຸມໃຫຍ່"),
            ],
            &["ຕາຂອງລາວ", "ຢາງພາລາ"],
        );
    }

    #[test]
    fn a_final_ng_ocr_read_as_the_repetition_mark_is_respelt() {
        // Tesseract reads a final ງ as ໆ (class `ng`): ສ້າໆ is ສ້າງ. The repetition mark
        // where it is meant stays.
        assert_respelt(
            &[
                ("ການສ້າໆເອກະສານ", "ການສ້າງເອກະສານ"),
                ("ກໍ່ສ້າໆ ແລະ ພັດທະນາ", "ກໍ່ສ້າງ ແລະ ພັດທະນາ"),
                ("ສ້າໆຄວາມເຂັ້ມແຂງ", "ສ້າງຄວາມເຂັ້ມແຂງ"),
            ],
            &["ບັນຫາຕ່າງໆທັງພາຍໃນ", "ດີໆ", "ຊ້າໆ ແລະ ຄ່ອຍໆ", "ເລື້ອຍໆ"],
        );
    }

    #[test]
    fn a_stray_space_inside_a_word_is_joined() {
        let r = report("ຮັບປະກັນດ້ານຄຸນ ນະພາບ");
        assert_eq!(r.text, "ຮັບປະກັນດ້ານຄຸນນະພາບ");
        assert!(r.edits.iter().any(|e| e.rule == Rule::WordJoinSpace));
    }

    #[test]
    fn a_word_typed_a_syllable_at_a_time_is_joined() {
        // Machine translation and text taken from PDFs put a space after every syllable:
        // a word across two spaces or more (ສາທາລະນະລັດ, ຄະນະບໍລິຫານ) was left in pieces,
        // since the skeleton walk steps over one space and no piece of two syllables is
        // a word.
        let r = report("ສາ ທາ ລະ ນະ ລັດ ປະ ຊາ ທິ ປະ ໄຕ");
        assert_eq!(r.text, "ສາທາລະນະລັດ ປະຊາທິປະໄຕ");
        assert!(
            r.edits.iter().all(|e| e.rule == Rule::WordJoinSpace),
            "{:?}",
            r.edits
        );
        let r = report("ຄະນະ ບໍ ລິ ຫານ ງານ");
        assert_eq!(r.text, "ຄະນະບໍລິຫານ ງານ");
        assert_eq!(r.edits[0].original, "ຄະນະ ບໍ ລິ ຫານ");
        // Never across a space Lao style may put there (before ແຫ່ງ, of, which heads a
        // phrase: `spaces_between_phrases_stay`), nor between whole words.
        let text = "ສະພາ ແຫ່ງ ຊາດ ໄດ້ຮັບຮອງເອົາ";
        assert_eq!(Cleaner::default().clean(text), "ສະພາ ແຫ່ງຊາດ ໄດ້ຮັບຮອງເອົາ");
        let text = "ກອງປະຊຸມ ໄດ້ ຕົກລົງ ເປັນ ເອກະພາບ";
        assert_eq!(Cleaner::default().clean(text), text);
        // A longer word that wins but is only suggested (ລົດໄຟຟ້າ, a compound running
        // text never showed) does not keep the shorter join inside it from being
        // applied (found by an outside review: 621 of 1,656 words typed so came out
        // with more spaces than before).
        for (text, joined) in [
            ("ລົດ ໄຟ ຟ້າ", "ລົດ ໄຟຟ້າ"),
            ("ມື້ນີ້ເຂົາເຈົ້າ ບໍ່ ສະ ບາຍ ໃຈ ຫຼາຍ", "ບໍ່ ສະບາຍໃຈ"),
        ] {
            let out = Cleaner::default().clean(text);
            assert!(out.contains(joined), "{out}");
        }
    }

    #[test]
    fn a_stray_space_is_joined_where_the_words_then_fall_otherwise() {
        // ສູນ␠ກາງຂອງ reads as two words either way: ສູນ + ກາງຂອງ (a rare word of one list)
        // as written, ສູນກາງ + ຂອງ joined. A join changes no letter, so as many words as
        // written are enough (a respelling needs fewer).
        assert_respelt(
            &[
                ("ຄະນະສູນ ກາງຂອງພັກ", "ຄະນະສູນກາງຂອງພັກ"),
                ("ຕາມໄລ ຍະການ", "ຕາມໄລຍະການ"),
            ],
            &[],
        );
    }

    #[test]
    fn a_respelling_that_cuts_the_words_elsewhere_needs_web_text_to_agree() {
        // ສິກ + ສາການ are both words as written; ສຶກສາ + ການ are as many words, with a
        // letter respelt and the cut moved: a word that the written text hides. Web text
        // holds ສຶກສາການ and never ສິກສາການ, so the respelling is applied. One word
        // swapped for another in the same place is still never applied
        // (`a_real_word_is_only_replaced_by_a_compound_that_reads_in_fewer_words`).
        assert_respelt(&[("ເຂົາສິກສາການ", "ເຂົາສຶກສາການ")], &["ເຂົາສຶກສາການ"]);
    }

    #[test]
    fn spaces_between_phrases_stay() {
        let text = "ກອງປະຊຸມ ໄດ້ຮັບຮອງ ແລະ ສະຫາຍ ທອງລຸນ ສີສຸລິດ";
        assert_eq!(Cleaner::default().clean(text), text);
        // ສະພາແຫ່ງຊາດ (National Assembly) is one word of the lexicon, but ແຫ່ງ (of) heads
        // a phrase, so the space before it is Lao style: not joined at the default level.
        let text = "ສະພາ ແຫ່ງຊາດ ໄດ້ຮັບຮອງເອົາ ກົດໝາຍ ວ່າດ້ວຍ ການສຶກສາ";
        assert_eq!(Cleaner::default().clean(text), text);
        // "built already, but the work …": ແລ້ວແຕ່ (depending on) is a word too, so
        // joining is a reading, but the space before ແຕ່ (but) starts a clause, so the
        // join needs the standard margin, which it does not reach: only suggested, at
        // the aggressive level too.
        let text = "ບ້ານໄດ້ສ້າງແລ້ວ ແຕ່ການເຄື່ອນໄຫວບໍ່ແຂງແຮງ";
        assert_only_suggested(text, "ແລ້ວແຕ່");
        let aggressive = Cleaner::new(Config::default().level(Level::Aggressive));
        assert_eq!(aggressive.clean(text), text);
    }

    #[test]
    fn a_space_inside_a_word_is_joined_where_no_clause_opens() {
        // ຄວາມເຂັ້ມແຂງ (strength): the join wins by less than the standard margin, but by
        // more than `PLAIN_JOIN_MARGIN`, and no clause opens at ເຂັ້ມແຂງ or after it.
        let text = "ມີຄວາມ ເຂັ້ມແຂງຂຶ້ນ";
        assert_eq!(Cleaner::default().clean(text), "ມີຄວາມເຂັ້ມແຂງຂຶ້ນ");
        let safe = Config {
            level: Level::Safe,
            ..Config::default()
        };
        assert_eq!(Cleaner::new(safe).clean(text), text);
        // The same join right before ໃນ (in), which opens a phrase: the space may belong
        // after the joined word, so the join is only suggested.
        assert_only_suggested("ມີຄວາມ ເຂັ້ມແຂງໃນ", "ຄວາມເຂັ້ມແຂງ");
    }

    #[test]
    fn a_space_typed_one_word_before_a_conjunction_is_moved_to_it() {
        // ຄວາມເຂັ້ມແຂງ runs straight into ແລະ (and): the space went one word too early.
        let r = report("ພັກມີຄວາມ ເຂັ້ມແຂງແລະໝັ້ນຄົງ");
        assert_eq!(r.text, "ພັກມີຄວາມເຂັ້ມແຂງ ແລະໝັ້ນຄົງ");
        assert_eq!(r.edits.len(), 1);
        assert_eq!(r.edits[0].rule, Rule::WordJoinSpace);
        assert_eq!(r.edits[0].replacement, "ຄວາມເຂັ້ມແຂງ ");
        // Not before a word that only begins like one (ແຕ່ງຕັ້ງ, appoint, is not ແຕ່, but).
        let text = "ມີຄວາມ ເຂັ້ມແຂງແຕ່ງຕັ້ງ";
        assert_eq!(Cleaner::default().clean(text), text);
    }

    #[test]
    fn abbreviations_and_single_letters_are_not_corrected() {
        for text in ["ກມສພ", "ຄ.ພ.", "ສ ພ ປ ລາວ"] {
            assert_eq!(Cleaner::default().clean(text), text, "{text}");
        }
    }

    #[test]
    fn a_real_word_is_only_replaced_by_a_compound_that_reads_in_fewer_words() {
        // ລັງ + ວັນທີ are words; the dictionary holds ລົງວັນທີ.
        assert_eq!(Cleaner::default().clean("ລັງວັນທີ"), "ລົງວັນທີ");
        // ບອນ + ອີງ are words and no compound of fewer words is near: left alone.
        assert_eq!(Cleaner::default().clean("ບອນອີງ"), "ບອນອີງ");
    }

    #[test]
    fn a_narrow_respelling_is_applied_only_when_web_text_agrees() {
        // The respellings below win by the margin but by too little to be sure of a
        // change of spelling. ແບ່ງ (to share) and ທີ່ມີ are far commoner in web text than
        // what OCR wrote, so they are applied; web text holds ຜູ້ເປັນ only a few times as
        // often as ຜູ່ເປັນ (not the 20 times that corroborate), so it stays a suggestion.
        assert_respelt(
            &[
                (
                    "ລັດຖະບານ ແລະ ການແປ່ງຄວາມຮັບຜິດຊອບ",
                    "ລັດຖະບານ ແລະ ການແບ່ງຄວາມຮັບຜິດຊອບ",
                ),
                ("ພະນັກງານລັດຖະກອນທີມີ", "ພະນັກງານລັດຖະກອນທີ່ມີ"),
            ],
            &[],
        );
        let text = "ສົ່ງຄົນຜູ່ເປັນຕົວແທນ";
        let r = Cleaner::default().clean_with_report(text);
        assert_eq!(r.text, text);
        assert!(r.suggestions.iter().any(|s| s.replacement == "ຜູ້ເປັນ"));
        let evidence = super::web::evidence("ຜູ້ເປັນ", "ຜູ່ເປັນ");
        assert!(evidence > 0 && evidence < super::reading::WEB_CORROBORATES);
    }

    #[test]
    fn known_words_are_not_respelt_into_a_compound_only_one_list_holds() {
        // ກວດ + ຄືນ (check again) are words; one list alone holds ກວດຄົ້ນ, and running
        // text never showed it. Even the aggressive level only suggests it.
        let lex = super::Lexicon::embedded();
        assert!(!lex.attested("ກວດຄົ້ນ"));
        assert!(lex.attested("ລົງວັນທີ"));
        let aggressive = Cleaner::new(Config::default().level(Level::Aggressive));
        let r = aggressive.clean_with_report("ໄດ້ກວດຄືນ");
        assert_eq!(r.text, "ໄດ້ກວດຄືນ");
        assert!(r.suggestions.iter().any(|s| s.replacement == "ກວດຄົ້ນ"));
        // An attested compound is still applied (see the test above on ລັງວັນທີ).
        assert_eq!(aggressive.clean("ລັງວັນທີ"), "ລົງວັນທີ");
    }

    #[test]
    fn a_compound_one_list_holds_is_applied_where_a_few_web_tokens_attest_it() {
        // ຄຳເຕືອນ (a warning) is in one word list only and the samples never show it;
        // web text holds it in a handful of tokens (at least `WEB_ATTESTS`), which is
        // enough to attest it. OCR read ຳ as າ, and ຄາ + ເຕືອນ are both words.
        assert!(!super::Lexicon::embedded().attested("ຄຳເຕືອນ"));
        let n = super::web::tokens_holding("ຄຳເຕືອນ");
        assert!((super::reading::WEB_ATTESTS..10).contains(&n), "{n}");
        assert_respelt(
            &[("ເປັນຕົ້ນແມ່ນການຄາເຕືອນ", "ເປັນຕົ້ນແມ່ນການຄຳເຕືອນ")],
            &["ເປັນຕົ້ນແມ່ນການຄຳເຕືອນ"],
        );
    }

    #[test]
    fn the_aggressive_level_swaps_a_word_for_another_where_web_text_corroborates_it() {
        // OCR read ພັກ (party) as ເມັກ, a word too (all the written syllables are words).
        // The standard level never swaps one word for another in the same place; the
        // aggressive level does where web text holds the new spelling at least 20 times
        // as often.
        let text = "ສົ່ງຮາກຖານເມັກໃຫ້ເຂີ່ມແຂງ";
        assert_eq!(Cleaner::default().clean(text), text);
        let aggressive = Cleaner::new(Config::default().level(Level::Aggressive));
        assert_eq!(aggressive.clean(text), "ສົ່ງຮາກຖານພັກໃຫ້ເຂີ່ມແຂງ");
    }

    #[test]
    fn web_text_tips_a_close_respelling_toward_the_spelling_it_has() {
        // ໄຟຟ້າ (electricity) stands in hundreds of web tokens, ໄຟຜ້າ in none: the
        // respelling, a close call on the dictionary alone, is applied.
        assert!(super::web::tokens_holding("ໄຟຟ້າ") > 100);
        assert_eq!(Cleaner::default().clean("ສູບໄຟຜ້າ"), "ສູບໄຟຟ້າ");
        // ຄັງທີ (OCR for ຄັ້ງທີ, "the nth time") could be the compound ຄົງທີ່ (stable), but
        // web text has ຄັ້ງທີ more often: not even the aggressive level takes ຄົງທີ່; the
        // web phrase ຄັ້ງທີ is taken instead.
        let text = "ກອງປະຊຸມໃຫຍ່ ຄັງທີ";
        assert!(super::web::tokens_holding("ຄັ້ງທີ") > super::web::tokens_holding("ຄົງທີ່"));
        let aggressive = Cleaner::new(Config::default().level(Level::Aggressive));
        assert_eq!(aggressive.clean(text), "ກອງປະຊຸມໃຫຍ່ ຄັ້ງທີ");
        assert_eq!(Cleaner::default().clean(text), "ກອງປະຊຸມໃຫຍ່ ຄັ້ງທີ");
    }

    #[test]
    fn a_real_word_is_respelt_where_web_text_holds_the_phrase_it_makes() {
        // ແຜ່ນ (sheet) is a word, but web text holds ສ້າງແຜນ (make a plan) far more often
        // than ສ້າງແຜ່ນ: in that phrase the word is respelt, and the edit is that word alone.
        let r = report("ການສ້າງແຜ່ນການເຄື່ອນໄຫວ");
        assert_eq!(r.text, "ການສ້າງແຜນການເຄື່ອນໄຫວ");
        let e = &r.edits[0];
        assert_eq!(
            (e.rule, e.replacement.as_str()),
            (Rule::WordSpelling, "ແຜນ")
        );
        assert_eq!(e.alternatives.last().map(String::as_str), Some("ແຜ່ນ"));
        // Elsewhere the word stands.
        assert_eq!(report("ແຜ່ນດິນ").text, "ແຜ່ນດິນ");
        // A tone mark the phrase adds belongs to the word before the cut: ທີ → ທີ່.
        let r = report("ພາກສ່ວນທີກ່ຽວຂ້ອງ");
        assert_eq!(r.text, "ພາກສ່ວນທີ່ກ່ຽວຂ້ອງ");
        assert_eq!(
            (
                r.edits[0].alternatives.last().unwrap().as_str(),
                r.edits[0].replacement.as_str()
            ),
            ("ທີ", "ທີ່")
        );
    }

    #[test]
    fn a_real_word_that_web_text_never_shows_beside_its_neighbours_is_respelt_in_context() {
        // ເບີ່ງ is a word of the lists, but web text never holds it beside ທີ່ or ເຫັນ;
        // ເບິ່ງເຫັນ (see) it holds often. Suggested at the standard level, applied at the
        // aggressive one; the text as meant is left alone at both.
        let (written, meant) = ("ຂໍ້ມູນທີ່ເບີ່ງເຫັນໄດ້ງ່າຍ", "ຂໍ້ມູນທີ່ເບິ່ງເຫັນໄດ້ງ່າຍ");
        let r = report(written);
        assert_eq!(r.text, written);
        let s = r
            .suggestions
            .iter()
            .find(|s| s.rule == Rule::WordContext)
            .expect("a suggestion in context");
        assert_eq!(
            (s.original.as_str(), s.replacement.as_str()),
            ("ເບີ່ງ", "ເບິ່ງ")
        );
        assert!(s.confidence > 0.0 && s.confidence < 0.5);
        assert_eq!(s.alternatives.last().map(String::as_str), Some("ເບີ່ງ"));
        let aggressive = Cleaner::new(Config::default().level(Level::Aggressive));
        let r = aggressive.clean_with_report(written);
        assert_eq!(r.text, meant);
        let e = r
            .edits
            .iter()
            .find(|e| e.rule == Rule::WordContext)
            .unwrap();
        assert!(e.confidence >= 0.5 && e.confidence < 1.0);
        for level in [Level::Standard, Level::Aggressive] {
            let r = Cleaner::new(Config::default().level(level)).clean_with_report(meant);
            assert_eq!(r.text, meant);
            assert!(r.edits.is_empty() && r.suggestions.is_empty());
        }
    }

    #[test]
    fn a_stretch_read_in_parts_is_read_in_context_away_from_its_cuts() {
        // A run with no space longer than twice MAX_STRETCH is cut between clusters:
        // the pieces begin and end inside a word, which the unknown syllables there
        // keep from the rule, not the whole piece.
        let (written, meant) = ("ຂໍ້ມູນທີ່ເບີ່ງເຫັນໄດ້ງ່າຍ", "ຂໍ້ມູນທີ່ເບິ່ງເຫັນໄດ້ງ່າຍ");
        let n = 2 * super::MAX_STRETCH / written.chars().count() + 8;
        let aggressive = Cleaner::new(Config::default().level(Level::Aggressive));
        let out = aggressive.clean(&written.repeat(n)).into_owned();
        assert!(
            out.matches(meant).count() >= n - 2,
            "{}",
            out.matches(meant).count()
        );
    }

    #[test]
    fn a_short_run_of_words_is_not_read_in_context() {
        // Fewer than two neighbouring pairs that web text holds: a name read as short
        // words looks like this, so nothing is said.
        let aggressive = Cleaner::new(Config::default().level(Level::Aggressive));
        for text in ["ເບີ່ງເຫັນ", "ທີ່ເບີ່ງ ເຫັນ"] {
            let r = aggressive.clean_with_report(text);
            assert_eq!(r.text, text);
            assert!(r.suggestions.iter().all(|s| s.rule != Rule::WordContext));
        }
    }

    #[test]
    fn words_written_twice_are_suggested_not_applied() {
        let r = report("ສຽງກອງກອງທັບ");
        assert_eq!(r.text, "ສຽງກອງກອງທັບ");
        let s = &r.suggestions[0];
        assert_eq!((s.rule, s.replacement.as_str()), (Rule::WordDuplicate, ""));
    }

    #[test]
    fn the_safe_level_makes_no_word_edit() {
        let c = Cleaner::new(Config::default().level(Level::Safe));
        assert_eq!(c.clean("ກອງປະຊຸມໃຫ່ຍ ຄຸນ ນະພາບ"), "ກອງປະຊຸມໃຫ່ຍ ຄຸນ ນະພາບ");
    }

    #[test]
    fn user_words_are_never_corrected() {
        let lex = super::Lexicon::embedded()
            .with_user_words([("ບັບປຸງ".to_string(), None)])
            .unwrap();
        assert_eq!(Cleaner::default().clean("ການບັບປຸງ"), "ການປັບປຸງ");
        let c = Cleaner::with_lexicon(Config::default(), lex);
        assert_eq!(c.clean("ການບັບປຸງ"), "ການບັບປຸງ");
        // Nor respelt in context, though the base list holds the word too.
        let lex = super::Lexicon::embedded()
            .with_user_words([("ເບີ່ງ".to_string(), None)])
            .unwrap();
        let c = Cleaner::with_lexicon(Config::default().level(Level::Aggressive), lex);
        assert_eq!(c.clean("ຂໍ້ມູນທີ່ເບີ່ງເຫັນໄດ້ງ່າຍ"), "ຂໍ້ມູນທີ່ເບີ່ງເຫັນໄດ້ງ່າຍ");
    }

    #[test]
    fn hard_wrapped_lines_are_rejoined_only_when_asked_or_wrapped() {
        let text = "ວາລະ\nສານ";
        let never = Cleaner::new(Config::default().join_lines(JoinLines::Never));
        assert_eq!(never.clean(text), text);
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        assert_eq!(always.clean(text), "ວາລະສານ");
        // Short lines (a heading, a reference) are not taken for wrapped prose.
        let auto = Cleaner::default();
        let heading = "ຄະນະປະຈຳພັກແຂວງ\nເລກທີ 015\nວັນທີ 01 ທັນວາ 2023";
        assert_eq!(auto.clean(heading), heading);
    }

    #[test]
    fn one_break_that_happens_to_cut_a_word_does_not_join_a_file_of_paragraphs() {
        // One paragraph a line, lengths far apart: the end of one line and the start
        // of the next make a word at one break (by chance), which must not join them
        // all (a file of 510 such lines became one line).
        let lines = [
            "ກອງປະຊຸມໄດ້ຮັບຮອງເອົາແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມຂອງແຂວງໃນໄລຍະຫ້າປີຂ້າງໜ້າ ແລະ ມອບໃຫ້ທຸກຂະແໜງການຄົ້ນຄວ້າຫາວິທີຈັດຕັ້ງປະຕິບັດໃຫ້ສຳເລັດຕາມຄາດໝາຍຢ່າງເປັນເອກະພາບ",
            "ພະນັກງານທຸກຂັ້ນໄດ້ເຂົ້າຮ່ວມການຝຶກອົບຮົມກ່ຽວກັບການນຳໃຊ້ເຕັກໂນໂລຊີໃໝ່ໃນການຄຸ້ມຄອງຂໍ້ມູນຂອງລັດ ແລະ ການບໍລິການປະຊາຊົນໃນທຸກເມືອງຂອງແຂວງ ຊຶ່ງໄດ້ຮັບການສະໜັບສະໜູນຈາກກະຊວງທີ່ກ່ຽວຂ້ອງ ແລະ ຜົນຂອງການຝຶກອົບຮົມຄັ້ງນີ້ແມ່ນດີ",
            "ໃຈກາງເມືອງມີການກໍ່ສ້າງຕະຫຼາດໃໝ່ເພື່ອໃຫ້ປະຊາຊົນມີບ່ອນຄ້າຂາຍທີ່ສະອາດ ແລະ ປອດໄພກວ່າເກົ່າ",
            "ນັກຮຽນໃນໂຮງຮຽນມັດທະຍົມຂອງເມືອງໄດ້ຮັບປຶ້ມແບບຮຽນໃໝ່ຄົບຖ້ວນ ແລະ ຄູສອນໄດ້ຮັບການຍົກລະດັບວິຊາສະເພາະ ເພື່ອໃຫ້ການຮຽນການສອນມີຄຸນນະພາບດີຂຶ້ນກວ່າເກົ່າ ແລະ ສອດຄ່ອງກັບແຜນການສຶກສາແຫ່ງຊາດໃນໄລຍະຕໍ່ໜ້າ",
        ];
        let text = lines.join("\n");
        assert_eq!(Cleaner::default().clean(&text).matches('\n').count(), 3);
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        assert_eq!(always.clean(&text).matches('\n').count(), 0);
    }

    #[test]
    fn lines_longer_than_any_wrapping_width_are_paragraphs() {
        // Four lines of about 1,200 characters, of even lengths, each ending in a letter:
        // no tool wraps at such a width, so they are paragraphs of their own.
        let line = "ກອງປະຊຸມ ".repeat(130);
        let text = [line.trim_end(); 4].join("\n");
        assert_eq!(Cleaner::default().clean(&text).matches('\n').count(), 3);
    }

    #[test]
    fn a_paragraph_wrapped_at_a_width_is_rejoined_when_its_lines_end_in_marks() {
        // Cut at 70 characters: one break of three cuts a dictionary word, and two lines
        // end in a tone mark or a vowel sign (ສືບຕໍ່, ເຮັດໃຫ້), which end mid-sentence as
        // much as a consonant does (found by a review: they were not counted).
        let text = "ແຜນງານ ແລະ ໂຄງການວຽກງານຈຸດສຸມ ແຕ່ປີ 2021-2025 ແມ່ນສືບຕໍ່ຜັນຂະຫຍາຍແຜນງາ\n\
                    ນ ແລະ ວຽກງານຈຸດສຸມ ປີ 2016-2020 ວຽກງານໄດ້ເຮັດໄດ້ດີມີຄວາມໂດດເດັ່ນສືບຕໍ່\n\
                    ເສີມຂະຫຍາຍໃຫ້ດີ ຍິ່ງຂຶ້ນ, ອັນໃດຄົງຄ້າງຈະສືບຕໍ່ປັບປຸງແກ້ໄຂ ເພື່ອເຮັດໃຫ້\n\
                    ໄດ້ຕາມຄາດໝາຍ.\n";
        let out = Cleaner::default().clean(text);
        assert_eq!(out.matches('\n').count(), 1, "{out}");
        assert!(out.contains("ແຜນງານ ແລະ ວຽກງານ"), "{out}");
    }

    #[test]
    fn a_narrow_column_cut_at_its_width_is_rejoined() {
        // Cut every 20 characters, as a narrow newspaper column or text folded at a fixed
        // count: most breaks cut a word (ບໍລິຫານງ|ານ, ດຳເນີ|ນ). The same text broken
        // between phrases (lines of whole phrases, a poem's or a form's) stays.
        let cut = "ກອງປະຊຸມຄົບຄະນະ ຄັ້ງ\nທີ 2 ຂອງຄະນະບໍລິຫານງ\nານສູນກາງພັກ ໄດ້ດຳເນີ\n\
                   ນຢ່າງເປັນທາງການ ທີ່ສ\nຳນັກງານສູນກາງພັກ ພາຍ\nໃຕ້ການເປັນປະທານ ຂອງ\n\
                   ສະຫາຍ ທອງລຸນ ສີສຸລິດ";
        let out = Cleaner::default().clean(cut);
        assert!(!out.contains('\n'), "{out}");
        assert!(
            out.contains("ຂອງຄະນະບໍລິຫານງານສູນກາງພັກ ໄດ້ດຳເນີນຢ່າງເປັນທາງການ"),
            "{out}"
        );
        let phrases = "ກອງປະຊຸມຄົບຄະນະ\nຄັ້ງທີ 2\nຂອງຄະນະບໍລິຫານງານສູນກາງພັກ\n\
                       ໄດ້ດຳເນີນຢ່າງເປັນທາງການ\nທີ່ສຳນັກງານສູນກາງພັກ\nພາຍໃຕ້ການເປັນປະທານ\n\
                       ຂອງ ສະຫາຍ ທອງລຸນ\nສີສຸລິດ";
        assert_eq!(Cleaner::default().clean(phrases), phrases);
        // Cut before a space (as `fold` does): the space opens the next line, and the
        // break and it become one space.
        let before_space = "ກອງປະຊຸມຄົບຄະນະ ຄັ້ງ\n ທີ 2 ຂອງຄະນະບໍລິຫານງ\nານສູນກາງພັກ ໄດ້ດຳເນີ\n\
                            ນຢ່າງເປັນທາງການ ທີ່ສ\nຳນັກງານສູນກາງພັກ ພາຍ";
        let out = Cleaner::default().clean(before_space);
        assert!(out.starts_with("ກອງປະຊຸມຄົບຄະນະ ຄັ້ງ ທີ 2 ຂອງ"), "{out}");
        assert_eq!(Cleaner::default().clean(&out), out);
        // A number cut by a fold at 19 characters is one number again; two numbers,
        // the blank between them left at a line's end by a fold at 16 (and taken away
        // by the spacing stage), stay two.
        let number = "ກອງປະຊຸມຄົບຄະນະ ຄັ້\nງທີ 2 ຂອງຄະນະບໍລິຫາ\nນງານສູນກາງພັກ ໄດ້ດຳ\n\
                      ເນີນຢ່າງເປັນທາງການ \nໃນວັນທີ 1-3 ມີນາ 20\n21 ທີ່ສຳນັກງານສູນກາ\n\
                      ງພັກ ພາຍໃຕ້ການເປັນປ\nະທານ";
        let out = Cleaner::default().clean(number);
        assert!(out.contains("ມີນາ 2021 ທີ່ສຳນັກງານ"), "{out}");
        let two = "ກອງປະຊຸມຄົບຄະນະ \nຄັ້ງທີ 2 ຂອງຄະນະ\nບໍລິຫານງານສູນກາງ\nພັກ ໄດ້ດຳເນີນຢ່າ\n\
                   ງເປັນທາງການ ໃນວັ\nນທີ 1-3 ປີ 2020 \n2021 ທີ່ສຳນັກງານ\nສູນກາງພັກ ພາຍໃຕ້\n\
                   ການເປັນປະທານ ຂອງ\nສະຫາຍ ເລຂາທິການໃ\nຫຍ່";
        let out = Cleaner::default().clean(two);
        assert!(!out.contains('\n'), "{out}");
        assert!(out.contains("ປີ 2020 2021 ທີ່ສຳນັກງານ"), "{out}");
        // A list whose lines end in a unit and begin with a name's prefix: ບ້ານ|ເມືອງ at
        // every break is a dictionary word, but cuts none (found by an outside review).
        let list = "ເມືອງໄຊເສດຖາ 45 ບ້ານ\nເມືອງຈັນທະບູລີ 33 ບ້ານ\nເມືອງສີສັດຕະນາກ 40 ບ້ານ\n\
                    ເມືອງນາຊາຍທອງ 52 ບ້ານ";
        assert_eq!(Cleaner::default().clean(list), list);
    }

    #[test]
    fn spaces_that_end_a_wrapped_line_make_its_break_a_space() {
        // A narrow column folded at 19 characters where one cut fell right after a
        // space (`fold` leaves it at the line's end): that break is the space between
        // two phrases (it was taken away, and the phrases run together: ທາງການໃນວັນທີ),
        // the others cuts inside words.
        let folded = "ກອງປະຊຸມຄົບຄະນະ ຄັ້\nງທີ 2 ຂອງຄະນະບໍລິຫາ\nນງານສູນກາງພັກ ໄດ້ດຳ\n\
                      ເນີນຢ່າງເປັນທາງການ \nໃນວັນທີ 1-3 ມີນາ 20\n21 ທີ່ສຳນັກງານສູນກາ\n\
                      ງພັກ ພາຍໃຕ້ການເປັນປ\nະທານ";
        let once = Cleaner::default().clean(folded).into_owned();
        assert_eq!(
            once,
            "ກອງປະຊຸມຄົບຄະນະ ຄັ້ງທີ 2 ຂອງຄະນະບໍລິຫານງານສູນກາງພັກ ໄດ້ດຳເນີນຢ່າງເປັນທາງການ \
             ໃນວັນທີ 1-3 ມີນາ 2021 ທີ່ສຳນັກງານສູນກາງພັກ ພາຍໃຕ້ການເປັນປະທານ"
        );
        assert_eq!(Cleaner::default().clean(&once), once);
        // The same with Windows line endings, and with every break asked to be joined.
        let windows = Cleaner::default()
            .clean(&folded.replace('\n', "\r\n"))
            .into_owned();
        assert_eq!(windows, once);
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        assert_eq!(always.clean("ປະເທດ  \nລາວ"), "ປະເທດ ລາວ");
        assert_eq!(always.clean("ປະເທດ \r\nລາວ\r\n"), "ປະເທດ ລາວ\r\n");
        // The two lines are read as one, with that space, in the round that joins them:
        // a stray space cut at the break is read as on one line, not each side respelt
        // on its own (ກົມການເ + ເມືອງ, found by a review).
        for (a, b) in [
            ("ນສູນກາງພັກ, ກົມການເ", "ມືອງສູນກາງພັກ"),
            ("ແລະ ມີປະສິ", "ດທິຜົນ."),
            ("ສະມາ", "ຊິກພັກ"),
            ("ຜົນທະພົນ", "ລະເມືອງ"),
        ] {
            let one_line = always.clean(&format!("{a} {b}")).into_owned();
            assert_eq!(always.clean(&format!("{a} \n{b}")), one_line);
        }
        let column = "ນສູນກາງພັກ, ກົມການເ \nມືອງສູນກາງພັກ, ຄະນະເ\nລຂາທິການສູນກາງພັກ";
        assert_eq!(
            Cleaner::default().clean(column),
            "ນສູນກາງພັກ, ກົມການເມືອງສູນກາງພັກ, ຄະນະເລຂາທິການສູນກາງພັກ"
        );
    }

    #[test]
    fn a_space_that_opens_a_line_of_a_wrapped_paragraph_is_the_space_between_the_lines() {
        // Cut every 56 characters (`fold -w 56`): one cut fell before a space, which
        // opens the next line. The paragraph was left with that break.
        let folded = "ນັກຮຽນໃນໂຮງຮຽນມັດທະຍົມຂອງເມືອງໄດ້ຮັບປຶ້ມແບບຮຽນໃໝ່ຄົບຖ້ວນ\n \
                      ແລະ ຄູສອນໄດ້ຮັບການຍົກລະດັບວິຊາສະເພາະ ເພື່ອໃຫ້ການຮຽນການສ\n\
                      ອນມີຄຸນນະພາບດີຂຶ້ນກວ່າເກົ່າ ແລະ ສອດຄ່ອງກັບແຜນການສຶກສາແຫ່\n\
                      ງຊາດໃນໄລຍະຕໍ່ໜ້າ";
        let once = Cleaner::default().clean(folded).into_owned();
        assert_eq!(
            once,
            "ນັກຮຽນໃນໂຮງຮຽນມັດທະຍົມຂອງເມືອງໄດ້ຮັບປຶ້ມແບບຮຽນໃໝ່ຄົບຖ້ວນ ແລະ ຄູສອນໄດ້ຮັບການຍົກລະດັບ\
             ວິຊາສະເພາະ ເພື່ອໃຫ້ການຮຽນການສອນມີຄຸນນະພາບດີຂຶ້ນກວ່າເກົ່າ ແລະ ສອດຄ່ອງກັບແຜນການສຶກສາ\
             ແຫ່ງຊາດໃນໄລຍະຕໍ່ໜ້າ"
        );
        assert_eq!(Cleaner::default().clean(&once), once);
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        assert_eq!(always.clean(folded), once);
        // Laid out by hand, not cut (found by a review): a paragraph indented by one
        // space after a short line that ends a sentence, a closing and a signature
        // after the body, and a left margin of one space on every line stay.
        let body = "ກອງປະຊຸມໄດ້ຮັບຟັງການລາຍງານສະຫຼຸບຜົນການຈັດຕັ້ງປະຕິບັດແຜນພັດທະນາ\n\
                    ເສດຖະກິດ-ສັງຄົມ ປະຈຳປີ 2023 ແລະ ທິດທາງແຜນການປະຈຳປີ 2024 ຂອງແຂວງ\n";
        let indented = format!(
            "{body}ໃນອັດຕາສະເລ່ຍ 4,5 ສ່ວນຮ້ອຍ.\n ພາຍຫຼັງນັ້ນ ກອງປະຊຸມໄດ້ແບ່ງເປັນກຸ່ມ \
             ເພື່ອປຶກສາຫາລື ແລະ ປະກອບຄຳ\nເຫັນໃສ່ບົດລາຍງານດັ່ງກ່າວ ຢ່າງກົງໄປກົງມາ ແລະ ມີຄວາມຮັບຜິດຊອບສູງ\n"
        );
        let out = Cleaner::default().clean(&indented).into_owned();
        assert!(out.contains("ສ່ວນຮ້ອຍ.\n ພາຍຫຼັງນັ້ນ"), "{out}");
        let letter = "ຮຽນ: ທ່ານ ຫົວໜ້າພະແນກສຶກສາທິການ ແລະ ກິລາ ແຂວງຫົວພັນ ທີ່ນັບຖື\n\
                      ເລື່ອງ: ຂໍອະນຸຍາດນຳໃຊ້ຫ້ອງປະຊຸມຂອງພະແນກ ເພື່ອຈັດກອງປະຊຸມສະຫຼຸບ\n\
                      ວຽກງານການສຶກສາປະຈຳປີ 2023 ແລະ ວາງແຜນການປະຈຳປີ 2024 ຂອງໂຮງຮຽນ\n\
                      ມັດທະຍົມສົມບູນຊຳເໜືອ ໃນວັນທີ 15 ມັງກອນ 2024 ເວລາ 8:00 ໂມງເຊົ້າ\n\
                      ຈຶ່ງຮຽນມາຍັງທ່ານ ເພື່ອພິຈາລະນາ ແລະ ອະນຸຍາດຕາມທາງຄວນດ້ວຍ\n \
                      ດ້ວຍຄວາມເຄົາລົບ ແລະ ນັບຖືຢ່າງສູງ\n ຜູ້ອຳນວຍການໂຮງຮຽນ\n";
        let out = Cleaner::default().clean(letter).into_owned();
        assert!(
            out.ends_with("ດ້ວຍ\n ດ້ວຍຄວາມເຄົາລົບ ແລະ ນັບຖືຢ່າງສູງ\n ຜູ້ອຳນວຍການໂຮງຮຽນ\n"),
            "{out}"
        );
        let margin: String = folded
            .split('\n')
            .map(|l| format!(" {}\n", l.trim()))
            .collect();
        assert_eq!(Cleaner::default().clean(&margin).matches('\n').count(), 4);
        // A sentence that ends before a closing quote ends too; and a closing after a
        // full line of the body stays, as the line that opens with a space is short
        // (a fold leaves every line but the last full; found by a second review).
        let quoted = "ຮັບຮອງເອົາມະຕິວ່າດ້ວ\nຍລະບອບແບບແຜນວິທີເຮ.”\n ຮັບຮອງເອົາການປັບປຸງກ\n\
                      ົງຈັກການຈັດຕັ້ງຂອງລັ\n";
        let out = Cleaner::default().clean(quoted).into_owned();
        assert!(out.contains(".”\n ຮັບຮອງ"), "{out}");
        let full_body = letter.replace("ອະນຸຍາດຕາມ", "ອະນຸຍາດໃຫ້ຕາມ");
        let out = Cleaner::default().clean(&full_body).into_owned();
        assert!(
            out.ends_with("ດ້ວຍ\n ດ້ວຍຄວາມເຄົາລົບ ແລະ ນັບຖືຢ່າງສູງ\n ຜູ້ອຳນວຍການໂຮງຮຽນ\n"),
            "{out}"
        );
    }

    #[test]
    fn a_line_that_opens_inside_a_syllable_was_cut_by_a_wrap() {
        // Two lines, or three of uneven lengths (laid out by hand, they would stay),
        // one of which opens with a vowel that follows its consonant (ຳ of ນຳ) after a
        // piece of a word: a wrap cut the word, and the break is joined. Left, the piece
        // before it was respelt on its own (ການນ → ການເນ).
        for text in [
            "ສ້າງຄວາມເຂັ້ມແຂງໃຫ້ແກ່ການນ\nຳພາຂອງພັກ ແລະ ລັດ.",
            "ສ້າງຄວາມເຂັ້ມແຂງໃຫ້ແກ່ການນ\nຳພາຂອງພັກ ແລະ ລັດ\nໃນທົ່ວປະເທດ.",
        ] {
            let out = Cleaner::default().clean(text);
            assert!(
                out.starts_with("ສ້າງຄວາມເຂັ້ມແຂງໃຫ້ແກ່ການນຳພາຂອງພັກ ແລະ ລັດ"),
                "{out}"
            );
            assert!(!out.contains('\n'), "{out}");
        }
        // A tone mark opens no line either.
        let out = Cleaner::default().clean("ປະຊາຊົນທຸກຊົນເຜົ່າ ແລະ ທຸກຊັ້ນຄົນຕ\n່າງ\nໆ ໃນທົ່ວປະເທດ.");
        assert_eq!(out, "ປະຊາຊົນທຸກຊົນເຜົ່າ ແລະ ທຸກຊັ້ນຄົນຕ່າງໆ ໃນທົ່ວປະເທດ.");
        // Text laid out by hand stays, though a line opens with a vowel after a whole
        // word: OCR lost its first consonant (ຄະນະ read as ະນະ), or a vowel strayed (found
        // by an outside review: a letterhead, a poem and markdown's hard breaks were
        // joined); so does a line of debris, and a wrap before ໆ written after a space
        // (`ຕ່າງ ໆ`), which a wrap that knows Lao words may make.
        for by_hand in [
            "ສ້າງຄວາມເຂັ້ມແຂງໃຫ້ແກ່ການນຳພາ\nຂອງພັກ ແລະ ລັດ\nໃນທົ່ວປະເທດ.",
            "ພັກປະຊາຊົນປະຕິວັດລາວ\nະນະປະຈຳພັກແຂວງວຽງຈັນ",
            "ຮ່ວມແຮງຮ່ວມຈິດຮ່ວມໃຈ\nສາມັກຄີກັນເປັນກຳລັງດຽວ\nະເດັດດ່ຽວພ້ອມກັນກ້າວໜ້າ\nບູຊາຊູກຽດຂອງລາວ",
            "ພັກປະຊາຊົນປະຕິວັດລາວ  \nະນະປະຈຳພັກແຂວງວຽງຈັນ  \nເລກທີ 015 / ຄປພ.ວຈ",
            "ຂອງບັນດາຂະແໜງການ\nິ\n1 ປີຜ່ານມາ.",
            // After a word the dictionary lacks, a reading across is chance (a second
            // review): a name or loanword, a misspelt word, an abbreviation; a line
            // of a vowel alone is debris.
            "ມາດຕະການປ້ອງກັນພະຍາດໂຄວິດ\nັດຕັ້ງປະຕິບັດຢ່າງເຂັ້ມງວດ",
            "ສະບັບເລກທີ 347/ຄອຣ  \nະນະປະຈຳພັກແຂວງ  \nເລກທີ 015 / ຄປພ.ວຈ",
            "ມະຕິກອງປະຊຸມໃຫຍ່\nະ",
            // One cut above a list of short lines says nothing of them (found reading
            // the change again: the list ran into one line).
            "ສ້າງຄວາມເຂັ້ມແຂງໃຫ້ແກ່ການນ\nຳພາຂອງພັກ\nຄະນະພັກ\nສູນກາງ\nເສດຖະກິດ\nກອງປະຊຸມ",
        ] {
            let out = Cleaner::default().clean(by_hand);
            assert_eq!(
                out.matches('\n').count(),
                by_hand.matches('\n').count(),
                "{out}"
            );
        }
        let icu = "ໂຄງການທີ 2: ສ້າງ ແລະ ປັບປຸງເອກະສານສຶກສາ\nອົບຮົມຄວາມຮູ້ກ່ຽວກັບທິດສະດີມາກ-ເລນິນ, ແນວຄິດ\n\
                   ໄກສອນ ພົມວິຫານ, ແນວທາງແຜນນະໂຍບາຍຂອງພັກ,\nກົດໝາຍ, ນະໂຍບາຍ ຂອງລັດ ສຳລັບ ເປົ້າໝາຍຕ່າງ\nໆ.";
        assert!(Cleaner::default().clean(icu).contains("ສຶກສາອົບຮົມ"));
        // Folded at 16 characters, one line made longer by the spacing stage (ຸມ3ຂັ້ນ →
        // ຸມ 3 ຂັ້ນ): the others are as long as each other, a fold's, not short lines
        // wrapped at spaces.
        let fold = "ະຊຸມ3ຂັ້ນໃຫ້ຖືກຕ\n້ອງ ແລະ ສອດຄ່ອງຕ\nາມຫຼັກການນິຕິກຳທ\nີ່ຂັ້ນເທິງວາງອອກ\n\
                    ຢ່າງເຂັ້ມງວດ ພ້ອ\nມນີ້ສືບຕໍ່ເລືອກເ\nຜີ້ນເອົາພະນັກງານ";
        let out = Cleaner::default().clean(fold);
        assert!(
            out.contains("ວາງອອກຢ່າງ") && out.contains("ເລືອກເຜີ້ນ"),
            "{out}"
        );
    }

    #[test]
    fn a_line_a_wrap_would_have_filled_was_ended_by_hand() {
        // Two paragraphs cut where a width of about 60 characters ran out (inside words,
        // as a PDF's lines are), with no blank line between them: the first one's last
        // line, which the next line's first phrase would have fitted on as wide as the
        // lines on either side of it are, ended a paragraph. (They ran into one before.)
        let page = "ກອງປະຊຸມໄດ້ຕົກລົງເປັນເອກະພາບກ່ຽວກັບແຜນການພັດທະນາເສດຖະກິດ ແລະ ສ\n\
                    ັງຄົມແຫ່ງຊາດ ໃນໄລຍະ 5 ປີ ຂອງຂະແໜງການສຶກສາ ແລະ ກິລາ ທີ່ວາງອອກ\n\
                    ໃນກອງປະຊຸມໃຫຍ່ຂອງພັກ.\n\
                    ຄະນະພັກແຂວງ ໄດ້ເອົາໃຈໃສ່ຊີ້ນຳການຈັດຕັ້ງປະຕິບັດວຽກງານດັ່ງກ່າວຢ\n\
                    ່າງເຂັ້ມງວດ ແລະ ມີປະສິດທິຜົນ ໃນທົ່ວແຂວງ ແລະ ໄດ້ສະຫຼຸບຖອດຖອນບົດຮ\n\
                    ຽນເປັນແຕ່ລະໄລຍະ.";
        let out = Cleaner::default().clean(page);
        assert_eq!(out.matches('\n').count(), 1, "{out}");
        assert!(out.contains("ຂອງພັກ.\nຄະນະພັກແຂວງ ໄດ້"), "{out}");
        // `--join-lines always` still joins every break.
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        assert!(!always.clean(page).contains('\n'));
        // A line wrapped wider, or not at all, elsewhere (an outside review: a page where
        // one paragraph stayed on one line kept every break of the others) says nothing
        // of a line's own width: these breaks were a wrap's.
        let mixed = "ເພີ່ມທະວີຄວາມສາມັກຄີເປັນເອກະພາບພາຍໃນຄະນະພັກ ແລະ ສະມາຊິກພັກ, ພະນັກງານ-ລັດຖະກອນ \
                     ໃຫ້ໜັກແໜ້ນຂຶ້ນຕື່ມ.\nໃຫ້ແຕ່ລະພາກສ່ວນຈະແມ່ນອົງການພັກ, ພາກສ່ວນ\n\
                     ອົງການປົກຄອງ ຂອງລັດຕ້ອງຖືສຳຄັນ, ທັງແມ່ນຄວາມ\n\
                     ຮັບຜິດຊອບຂອງທຸກພາກສ່ວນຕໍ່ລະບອບສ່ອງແສງ.\n";
        let out = Cleaner::default().clean(mixed);
        assert!(
            out.contains("ພາກສ່ວນອົງການ") && out.contains("ຄວາມຮັບຜິດຊອບ"),
            "{out}"
        );
        // Two paragraphs folded at 40 characters with no blank line between them: the
        // first one's last line, short of the fold's width and ending a sentence, ended
        // a paragraph; mid-sentence, a line so short is a wrap's still.
        let p1 = "ກອງປະຊຸມໄດ້ຕົກລົງເປັນເອກະພາບກ່ຽວກັບແຜນການພັດທະນາເສດຖະກິດ ແລະ ສັງຄົມແຫ່ງຊາດ ໃນໄລຍະ 5 ປີ.";
        let p2 = "ຄະນະພັກແຂວງໄດ້ເອົາໃຈໃສ່ຊີ້ນຳການຈັດຕັ້ງປະຕິບັດວຽກງານດັ່ງກ່າວຢ່າງເຂັ້ມງວດ ແລະ ມີປະສິດທິຜົນ.";
        let fold = |p: &str| -> String {
            let chars: Vec<char> = p.chars().collect();
            let lines: Vec<String> = chars.chunks(40).map(|c| c.iter().collect()).collect();
            lines.join("\n")
        };
        let folded = format!("{}\n{}", fold(p1), fold(p2));
        assert_eq!(Cleaner::default().clean(&folded), format!("{p1}\n{p2}"));
        let mid_sentence = folded.replacen("ປີ.", "ປີ", 1);
        assert!(!Cleaner::default().clean(&mid_sentence).contains('\n'));
        // A page of such paragraphs, many of one line (so that fewer than two lines in
        // three are of the fold's width), one line made longer by the spacing stage
        // (ປີ2024 → ປີ 2024): the fold's width is its lines' most common length, and
        // its paragraph ends stay (they all ran into one before), a heading's too: in such
        // a page, whose short lines mostly end sentences, only a paragraph's last is short.
        let long = [
            format!("{p1} {p2}"),
            format!("{p2} ໃນປີ2024 {p1}"),
            format!("{p1} {}", p1.replace('5', "3")),
            format!("{p2} {}", p2.replace("ແຂວງ", "ເມືອງ")),
        ];
        let short = [
            "ກອງປະຊຸມປິດລົງແລ້ວ.",
            "ຂໍ້ມູນເພີ່ມເຕີມ:",
            "ຜົນການຈັດຕັ້ງປະຕິບັດ",
            "ແຜນການປີຕໍ່ໄປ.",
        ];
        let paragraphs: Vec<&str> = long
            .iter()
            .map(String::as_str)
            .zip(short)
            .flat_map(|(l, s)| [l, s])
            .collect();
        let page: Vec<String> = paragraphs.iter().map(|p| fold(p)).collect();
        assert_eq!(
            Cleaner::default().clean(&page.join("\n")),
            Cleaner::default().clean(&paragraphs.join("\n"))
        );
        // A fold that cut before a space leaves it opening a paragraph's last line
        // (`␠ແລະ ສັງຄົມແຫ່ງຊາດ ໃນໄລຍະ 5 ປີ.`): the break and it are one space, and the
        // line's end stays.
        let first = format!("{p1} {p1}");
        let fold48 = |p: &str| -> String {
            let chars: Vec<char> = p.chars().collect();
            let lines: Vec<String> = chars.chunks(48).map(|c| c.iter().collect()).collect();
            lines.join("\n")
        };
        let page = format!("{}\n{}", fold48(&first), fold48(p2));
        assert!(page.contains("\n ແລະ ສັງຄົມແຫ່ງຊາດ ໃນໄລຍະ 5 ປີ.\n"));
        assert_eq!(Cleaner::default().clean(&page), format!("{first}\n{p2}"));
        // Wrapped at spaces at 15 characters, runs too long for the width cut at it (as
        // Python's `textwrap` does): half the lines are of the width too, but its short
        // lines mostly end mid-sentence, so no line ending with `:` ended a paragraph
        // (an outside review: kept, before this check).
        let textwrap = "ກອງປະຊຸມໄດ້ຕົກລ\nົງເປັນເອກະພາບກ່\nຽວກັບແຜນການພັດທ\nະນາເສດຖະກິດ ແລະ\n\
                        ສັງຄົມແຫ່ງຊາດ\nໃນໄລຍະ 5 ປີ ຄະນ\nະພັກແຂວງໄດ້ເອົາ\nໃຈໃສ່ຊີ້ນຳການຈັ\n\
                        ດຕັ້ງປະຕິບັດວຽກ\nງານດັ່ງກ່າວຢ່າງ\nເຂັ້ມງວດ ແລະ\nມີປະສິດທິຜົນ ໃນ\n\
                        ນັ້ນມີວຽກງານຕົ້\nນຕໍ ເຊັ່ນ:\nການສຶກສາ,\nສາທາລະນະສຸກ,\nການຄົມມະນາຄົມ\n\
                        ແລະ ກະສິກຳ ພ້ອມ\nທັງສືບຕໍ່ປັບປຸງ\nກົງຈັກການຈັດຕັ້\nງໃຫ້ກະທັດຮັດ\nແລະ\n\
                        ມີປະສິດທິພາບ\nເຊັ່ນ: ການຝຶກອົ\nບຮົມພະນັກງານ.";
        let out = Cleaner::default().clean(textwrap);
        assert!(!out.contains('\n'), "{out}");
        // A line laid out by hand longer than a fold's width that ends with a number,
        // before a folded paragraph that opens with one: two numbers, not one cut by the
        // fold (an outside review: `2023⏎2024` became `20232024`).
        let heading = "ບົດລາຍງານຜົນການຈັດຕັ້ງປະຕິບັດແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມ ປີ 2023";
        let body = format!("2024 {p2} {p1} {p2} {p1} {p2}");
        let page = format!("{heading}\n{}", fold(&body));
        let out = Cleaner::default().clean(&page);
        assert!(!out.contains("20232024"), "{out}");
        // Nor the rows of a numbered list within a character of each other's length
        // (an outside review: `2024⏎2.` became `20242.`).
        let rows = "1.ກອງປະຊຸມໄດ້ຕົກລົງເປັນເອກະພາບກ່ຽວກັບແຜນການ 2024\n\
                    2.ຄະນະພັກແຂວງໄດ້ເອົາໃຈໃສ່ຊີ້ນຳການຈັດຕັ້ງປະຕິ 2025\n\
                    3.ກອງປະຊຸມໄດ້ຮັບຮອງເອົາມະຕິວ່າດ້ວຍການປັບປຸງ 2026\n\
                    4.ກອງປະຊຸມໄດ້ຕົກລົງເປັນເອກະພາບກ່ຽວກັບ 35";
        let out = Cleaner::default().clean(rows);
        assert!(!out.contains("20242") && !out.contains("20253"), "{out}");
        // A short line whose break cuts a word was wrapped: a wrap that measures glyphs
        // found no room for the word's end.
        let glyphs = "ກອງປະຊຸມໄດ້ຕົກລົງເປັນເອກະພາບກ່ຽວກັບແຜນການພັດທະນາເສດຖະກິດ ແລະ ສັງຄົມແຫ່ງຊ\nາດ \
                      ໃນໄລຍະ 5 ປີ ຂອງຂະແໜງການສາທາລະນະສຸ\nກ ແລະ ຂະແໜງການສຶກສາທີ່ວາງອອກໃນກອງປະຊຸມໃຫຍ່ຄັ້ງທີ XI ຂອງພັກ.";
        let out = Cleaner::default().clean(glyphs);
        assert!(
            !out.contains('\n') && out.contains("ສາທາລະນະສຸກ ແລະ"),
            "{out}"
        );
    }

    #[test]
    fn one_space_after_a_latin_word_ending_a_wrapped_line_is_the_break() {
        // The spacing stage keeps one space after a Latin word at a line's end; after
        // one such word right after Lao text (`ຄັ້ງທີ XI␠`), in a paragraph rejoined, it
        // says the break was a space (the break stayed before).
        let text = "ຮັບຮອງເອົາແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມ ແຫ່ງຊາດ 5 ປີ ຄັ້ງທີ IX \n\
                    ແລະ ແຜນງົບປະມານແຫ່ງລັດ 5 ປີ ເຊິ່ງໄດ້ຜ່ານການປະກອບຄວາມເຫັນ \n\
                    ຫຼາຍເທື່ອ ແລະ ໄດ້ຜ່ານຜູ້ແທນກອງປະຊຸມໃຫຍ່ທົ່ວປະເທດ ຄັ້ງທີ XI \n\
                    ຂອງພັກມາແລ້ວ.";
        let out = Cleaner::default().clean(text);
        assert_eq!(
            out,
            "ຮັບຮອງເອົາແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມ ແຫ່ງຊາດ 5 ປີ ຄັ້ງທີ IX ແລະ ແຜນງົບປະມານແຫ່ງລັດ 5 ປີ \
             ເຊິ່ງໄດ້ຜ່ານການປະກອບຄວາມເຫັນ ຫຼາຍເທື່ອ ແລະ ໄດ້ຜ່ານຜູ້ແທນກອງປະຊຸມໃຫຍ່ທົ່ວປະເທດ ຄັ້ງທີ XI \
             ຂອງພັກມາແລ້ວ."
        );
        // Lines laid out by hand, each ending with a stray space, stay: a bilingual
        // list, whose lines end with an English phrase; and (outside reviews of a rule
        // for text folded at its spaces, `fold -s`, taken out: it joined from 4% to 15%
        // of such generated blocks) a poem, an agenda, hand-broken lines.
        for by_hand in [
            "ກະຊວງສຶກສາທິການ ແລະ ກິລາ Ministry of Education and Sports \n\
             ກະຊວງການເງິນ ແລະ ງົບປະມານ Ministry of Finance and Budget \n\
             ສະພາແຫ່ງຊາດ ແລະ ລັດຖະບານ National Assembly and Government",
            "ຮ່ວມແຮງຮ່ວມຈິດຮ່ວມໃຈສາມັກຄີ ສ້າງສາປະເທດຊາດ \nບູຊາຊູກຽດຂອງລາວເຮົາໄວ້ ບໍ່ໃຫ້ສັດຕູທຳລາຍ \n\
             ລູກຫຼານລາວທຸກຄົນຈົ່ງຈື່ຈຳ ຮັກແພງແຜ່ນດິນ \nຊົ່ວລູກຊົ່ວຫຼານບໍ່ລືມບຸນຄຸນ",
            "ກອງປະຊຸມໄດ້ຮັບຮອງເອົາບັນຫາສຳຄັນດັ່ງນີ້: \nຕີລາຄາຜົນສຳເລັດຂອງກອງປະຊຸມໃຫຍ່ ຄັ້ງທີ XI \n\
             ຮັບຮອງເອົາແຜນການເຄື່ອນໄຫວຂອງພັກ \nພິຈາລະນາບັນຫາການຈັດຕັ້ງ ແລະ ພະນັກງານ \n\
             ຮັບຮອງເອົາມະຕິກອງປະຊຸມ",
            "ແຜນການຈັດຕັ້ງ \nເຜີຍແຜ່ເຊື່ອມຊຶມມະຕິກອງປະຊຸມໃຫຍ່ ຄັ້ງທີ XI ຂອງພັກ \n\
             ຂອງຄະນະພັກ ຄະນະໂຄສະນາອົບຮົມສູນກາງພັກ",
        ] {
            let out = Cleaner::default().clean(by_hand);
            assert_eq!(
                out.matches('\n').count(),
                by_hand.matches('\n').count(),
                "{out}"
            );
        }
    }

    #[test]
    fn a_paragraph_whose_wrap_cut_a_syllable_gets_its_dropped_spaces_back() {
        // Wrapped at 40 characters as a script's wrap does (at the last space, which it
        // takes away, or where the width ends in a run too long for it: ບັນດ⏎າເຜົ່າ).
        // Such a wrap counts characters, so a line clearly short of the width ended
        // at a space; the full one was cut.
        let text = "ກອງປະຊຸມຄົບຄະນະ ຄັ້ງທີ 2 ຂອງຄະນະບໍລິຫານງານສູນກາງພັກ ໄດ້ຮັບຮອງເອົາ\
                    ແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມ ແລະ ມອບໃຫ້ທຸກຂະແໜງການ ເອົາໃຈໃສ່ຈັດຕັ້ງ\
                    ປະຕິບັດ ໃຫ້ສຳເລັດຕາມຄາດໝາຍ ຢ່າງເປັນເອກະພາບ ໃນທົ່ວປະເທດ \
                    ເພື່ອຍົກສູງຊີວິດການເປັນຢູ່ຂອງປະຊາຊົນບັນດາເຜົ່າ ໃຫ້ດີຂຶ້ນກວ່າເກົ່າ.";
        let wrapped = "ກອງປະຊຸມຄົບຄະນະ ຄັ້ງທີ 2\nຂອງຄະນະບໍລິຫານງານສູນກາງພັກ\n\
                       ໄດ້ຮັບຮອງເອົາແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມ\nແລະ ມອບໃຫ້ທຸກຂະແໜງການ\n\
                       ເອົາໃຈໃສ່ຈັດຕັ້ງປະຕິບັດ\nໃຫ້ສຳເລັດຕາມຄາດໝາຍ ຢ່າງເປັນເອກະພາບ\n\
                       ໃນທົ່ວປະເທດ\nເພື່ອຍົກສູງຊີວິດການເປັນຢູ່ຂອງປະຊາຊົນບັນດ\n\
                       າເຜົ່າ ໃຫ້ດີຂຶ້ນກວ່າເກົ່າ.";
        assert_eq!(Cleaner::default().clean(wrapped), text);
        // A letter that OCR lost at the start of a line (ພັກ read as າັກ) is no cut: no
        // word runs across the break, and the letterhead's lines stay.
        let letterhead = "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ\n\
                          ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ\n\
                          າັກປະຊາຊົນປະຕິວັດລາວ";
        assert_eq!(
            Cleaner::default().clean(letterhead).matches('\n').count(),
            2
        );
        // Nor is a line opening with a mark after a short line (OCR debris): the
        // paragraph is judged as it would be without it.
        let debris = "ຂໍ້ມູນ\n່ກອງປະຊຸມຄົບຄະນະ ຄັ້ງທີ 2 ຂອງຄະນະບໍລິຫານງານສູນກາງພັກ\n\
                      ໄດ້ຮັບຮອງເອົາແຜນພັດທະນາ";
        assert_eq!(Cleaner::default().clean(debris).matches('\n').count(), 2);
    }

    #[test]
    fn a_paragraph_folded_at_a_fixed_count_is_one_paragraph_again() {
        // Folded at 42 and 50 characters: numbers cut at the width are one number again
        // (2021-2⏎025, 2016-202⏎0: the line before is of the fold's width, in a wide
        // paragraph as in a narrow column). Two lines of one length may be chance: a
        // number that ends the first and one that opens the second stay two.
        let text = "ແຜນງານ ແລະ ໂຄງການວຽກງານຈຸດສຸມ ແຕ່ປີ 2021-2025 ແມ່ນສືບຕໍ່ຜັນຂະຫຍາຍແຜນງານ \
                    ແລະ ວຽກງານຈຸດສຸມ ປີ 2016-2020 ວຽກງານໄດ້ເຮັດໄດ້ດີມີຄວາມໂດດເດັ່ນສືບຕໍ່\
                    ເສີມຂະຫຍາຍໃຫ້ດີຍິ່ງຂຶ້ນ ເພື່ອເຮັດໃຫ້ໄດ້ຕາມຄາດໝາຍທີ່ວາງໄວ້.";
        assert_eq!(Cleaner::default().clean(text), text);
        let chars: Vec<char> = text.chars().collect();
        for width in [42, 50] {
            let folded: Vec<String> = chars.chunks(width).map(|c| c.iter().collect()).collect();
            let folded = folded.join("\n");
            assert_eq!(Cleaner::default().clean(&folded), text, "{folded}");
        }
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        let two = "ລາຍຮັບທັງໝົດໃນປີ 2023\n15 ລ້ານກີບ";
        assert_eq!(always.clean(two), "ລາຍຮັບທັງໝົດໃນປີ 2023 15 ລ້ານກີບ");
        // Nor two lines of three (a second review).
        let three = "ລາຍຮັບທັງໝົດໃນປີ 2023\n15 ລ້ານກີບ ລາຍຈ່າຍລວມ\n12 ລ້ານກີບ.\nຂອບໃຈ.";
        assert!(always.clean(three).contains("2023 15"));
    }

    #[test]
    fn a_space_at_a_break_before_a_mark_goes() {
        // A line cannot open with a combining mark: the space before it, at the end of
        // the line before or at the start of its own, was a stray one (as the
        // character stage reads it on one line), not a space between words, which
        // would have the word stage make up a letter for the mark (found by a review).
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        assert_eq!(
            always.clean("ຂອງພັກຕິດພັນກັບການທ \n່ອງທ່ຽວ"),
            "ຂອງພັກຕິດພັນກັບການທ່ອງທ່ຽວ"
        );
        assert_eq!(always.clean("ທາງດ \n້ານການເມືອງ"), "ທາງດ້ານການເມືອງ");
        // After a line of any length, the space opening the line too; after a digit it
        // stays, in either place, as on one line.
        assert_eq!(always.clean("ທາງດ\n ້ານການເມືອງ"), "ທາງດ້ານການເມືອງ");
        let one_line = always.clean("ແຜນວິທີ 2021 ່ອງການ").into_owned();
        assert_eq!(one_line, "ແຜນວິທີ 2021 ່ອງການ");
        assert_eq!(always.clean("ແຜນວິທີ 2021 \n່ອງການ"), one_line);
    }

    #[test]
    fn spaces_that_end_a_line_left_as_it_is_go() {
        // Lines of whole phrases (a form, a poem) with spaces at their ends: not joined,
        // and the spaces go as at the end of any line; the report says so.
        let text = "ກອງປະຊຸມຄົບຄະນະ \nຄັ້ງທີ 2  \nຂອງຄະນະບໍລິຫານງານສູນກາງພັກ";
        let cleaned = Cleaner::default().clean_with_report(text);
        assert_eq!(cleaned.text, "ກອງປະຊຸມຄົບຄະນະ\nຄັ້ງທີ 2\nຂອງຄະນະບໍລິຫານງານສູນກາງພັກ");
        let mut trailing: Vec<(usize, usize)> = cleaned
            .edits
            .iter()
            .filter(|e| e.rule == Rule::TrailingSpace)
            .map(|e| (e.start, e.end))
            .collect();
        trailing.sort_unstable();
        assert_eq!(trailing, [(45, 46), (67, 69)]);
        // Where the word stage does not run or lines are never joined, the spacing
        // stage takes them away itself; with no spacing stage they stay.
        let out = "ກອງປະຊຸມຄົບຄະນະ\nຄັ້ງທີ 2\nຂອງຄະນະບໍລິຫານງານສູນກາງພັກ";
        for config in [
            Config::default().level(Level::Safe),
            Config::default().join_lines(JoinLines::Never),
        ] {
            assert_eq!(Cleaner::new(config).clean(text), out);
        }
        // Spaces before a `\r` that ends the text are no line's end: kept, as the
        // spacing stage keeps them (found by a review: they went only where the text
        // held a line break too).
        for text in ["ກ\nລາວ \r", "ລາວ \r"] {
            assert_eq!(Cleaner::default().clean(text), text);
        }
        let no_spacing = Config::default()
            .spacing(false)
            .join_lines(JoinLines::Always);
        assert_eq!(Cleaner::new(no_spacing).clean("ປະເທດ \nລາວ"), "ປະເທດ \nລາວ");
        // In code the spaces are code: kept, the break too.
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        for code in ["ເບິ່ງ `ຄຳສັ່ງ \nລາວ` ແລ້ວ", "```\nປະເທດ \nລາວ\n```\n"]
        {
            assert_eq!(always.clean(code), code);
        }
    }

    #[test]
    fn a_hyphen_between_two_words_at_a_break_keeps_them_together() {
        let c = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        assert_eq!(c.clean("ພະນັກງານ-\nລັດຖະກອນ"), "ພະນັກງານ-ລັດຖະກອນ");
        // A dash set off by spaces stays set off; one that opens a line is a list's.
        assert_eq!(c.clean("ພະນັກງານ -\nລັດຖະກອນ"), "ພະນັກງານ - ລັດຖະກອນ");
        assert_eq!(c.clean("ດັ່ງນີ້\n-ຮັບຮອງ"), "ດັ່ງນີ້ -ຮັບຮອງ");
    }

    #[test]
    fn a_name_that_begins_like_a_word_is_only_suggested() {
        // ຢູນິ of ຢູນິເທວ (Unitel) and ຢູນິເຊັຟ (UNICEF) reads as ຢູ່ນີ້ (here) with its
        // tones lost, but the rest of the word is no dictionary word: a name or a
        // loanword, most likely, so the respelling is only suggested.
        let c = Cleaner::default();
        for text in ["ບໍລິສັດ ຢູນິເທວ", "ອົງການ ຢູນິເຊັຟ ໄດ້"]
        {
            let r = c.clean_with_report(text);
            assert_eq!(r.text, text);
            assert!(
                r.suggestions.iter().any(|s| s.replacement == "ຢູ່ນີ້"),
                "{text}"
            );
        }
        // Respelt as a whole word, it is applied.
        assert_eq!(c.clean("ຂ້ອຍຢູ່ ຢູນິ ແລ້ວ"), "ຂ້ອຍຢູ່ ຢູ່ນີ້ ແລ້ວ");
    }

    #[test]
    fn a_respelling_that_touches_an_unknown_syllable_is_suggested_at_the_standard_level() {
        // ເອສໂຕເນຍ (Estonia): ເອສ no word covers, then ໂຕເນຍ read as ໂຕເຈຍ; ປຣັ້ກອີນ
        // (plug-in): ປຣັ້ກ, then ອີນ read as ອື່ນ. Clean text, names and loanwords: only
        // suggested at the standard level; the aggressive one (OCR noise makes such
        // syllables too) respells.
        let standard = Cleaner::default();
        let aggressive = Cleaner::new(Config::default().level(Level::Aggressive));
        for (text, respelt) in [("ພາສາເອສໂຕເນຍ", "ໂຕເຈຍ"), ("ຕິດຕັ້ງປຣັ້ກອີນ", "ອື່ນ")]
        {
            let r = standard.clean_with_report(text);
            assert_eq!(r.text, text);
            assert!(
                r.suggestions
                    .iter()
                    .any(|s| s.replacement.contains(respelt)),
                "{text}: {:?}",
                r.suggestions
            );
            assert!(aggressive.clean(text).contains(respelt), "{text}");
        }
    }

    #[test]
    fn lists_and_lines_without_lao_are_not_rejoined() {
        let auto = Cleaner::default();
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        let line = "ປະຫວັດສາດຂອງປະເທດລາວແຕ່ສະໄໝບູຮານຈົນເຖິງປັດຈຸບັນ ໄລຍະອານາຈັກລ້ານຊ້າງ";
        // Long lines of even length that end mid-sentence read as wrapped prose...
        let prose = format!("ທຸກຄົນຮູ້ວ່າ{line}\nແລ້ວ{line}\n{line}\n");
        assert_ne!(auto.clean(&prose), prose);
        // ...unless they begin with the same word: a table of contents, a list.
        let contents: String = (1..=4).map(|i| format!("ບົດທີ {i} {line}\n")).collect();
        assert_eq!(auto.clean(&contents), contents);
        // ...or they are a table's rows: ending in a number, or a number and its unit
        // (a magnitude apart before it too), or opening with one (a year).
        let names = ["ແຂວງວຽງຈັນ", "ແຂວງຫຼວງພະບາງ", "ແຂວງຈຳປາສັກ", "ແຂວງສະຫວັນນະເຂດ"];
        let row = |k: usize| format!("{} ລາຍຮັບທັງໝົດຂອງແຂວງໃນປີນີ້ {}", names[k], line);
        let tables = [
            (0..4)
                .map(|k| format!("{} 12,{k}45\n", row(k)))
                .collect::<String>(),
            (0..4)
                .map(|k| format!("{} 3{k}.5% ລ້ານກີບ\n", row(k)))
                .collect(),
            (0..4).map(|k| format!("{} {k}0 ຄົນ\n", row(k))).collect(),
            (0..4)
                .map(|k| format!("{} 5{k} ລ້ານ ກີບ\n", row(k)))
                .collect(),
            (0..4).map(|k| format!("20{k}0 {}\n", row(k))).collect(),
        ];
        for table in tables {
            assert_eq!(auto.clean(&table), table);
        }
        // Two lines of prose in four ending in a number are no table, nor is a list's
        // label a row's number.
        let prose = format!("ທຸກຄົນຮູ້ວ່າ{line} 2024\nແລ້ວ{line}\n{line} 25\n{line}\n");
        assert_eq!(auto.clean(&prose).lines().count(), 1);
        let prose = format!("1. ທຸກຄົນຮູ້ວ່າ{line}\nແລ້ວ{line}\n2024 {line}\n{line}\n");
        assert_eq!(auto.clean(&prose).lines().count(), 1);
        // Prose dense with numbers, wrapped at its spaces, ends most lines in one, but
        // holds numbers inside its lines too: no table.
        let dense = "ໃນປີ 2023 ທົ່ວແຂວງມີໂຮງຮຽນທັງໝົດ 1.245 ແຫ່ງ ເພີ່ມຂຶ້ນ 35 ແຫ່ງ\n\
                     ເມື່ອທຽບໃສ່ປີຜ່ານມາ ມີນັກຮຽນທັງໝົດ 234.567 ຄົນ ຍິງ 112.340\n\
                     ຄົນ ມີຄູສອນທັງໝົດ 12.345 ຄົນ ໃນນັ້ນ ຄູຍິງ 6.789 ຄົນ ເທົ່າກັບ 55%\n\
                     ຂອງຄູທັງໝົດ.\n";
        assert_eq!(auto.clean(dense).lines().count(), 1, "{dense}");
        // Prose above a table without a blank line between is joined on its own; the
        // rows keep their breaks (and rows with a unit in Latin letters are rows).
        let above = format!("ທຸກຄົນຮູ້ວ່າ{line}\nແລ້ວ{line}ວາລະ\nສານ{line}\n");
        let latin: String = (0..8)
            .map(|k| format!("{} ລາຍຈ່າຍທັງໝົດຂອງແຂວງ 87{k} USD\n", names[k % 4]))
            .collect();
        let page = format!("{above}{latin}");
        let want = format!("{}{latin}", auto.clean(&above));
        assert_eq!(want.lines().count(), 9);
        assert_eq!(auto.clean(&page), want);
        // A line that opens inside a syllable is no row, whatever it ends in: the cut
        // above it is mended.
        let cut = format!("ທຸກຄົນຮູ້ວ່າ{line} ທີ່ຕ\n້ອງການ ແຂວງໃໝ່ 12 ຄົນ\n{latin}");
        assert!(auto.clean(&cut).contains("ທີ່ຕ້ອງການ"), "{cut}");
        // Units per unit are units (`ໂຕນ/ເຮັກຕາ`).
        let rows: String = names
            .iter()
            .map(|n| format!("{n} ຜົນຜະລິດເຂົ້າສະເລ່ຍຂອງແຂວງໃນປີນີ້ທັງໝົດ 4,5 ໂຕນ/ເຮັກຕາ\n"))
            .collect();
        assert_eq!(auto.clean(&rows), rows);
        // Items numbered as Lao documents number them are never joined.
        let items = format!("ກ. {line}\nຂ) {line}\n(ຄ) {line}\n(4) {line}\n12. {line}\n");
        assert_eq!(always.clean(&items), items);
        // Nor after a zero-width space kept before the number.
        let zwsp = Cleaner::new(
            Config::default()
                .join_lines(JoinLines::Always)
                .keep_zwsp(true),
        );
        let kept = "ປະເທດ ລາວ\n\u{200B}(ຄ) ລາວ\n";
        assert_eq!(zwsp.clean(kept), kept);
        // Nor is a line without Lao letters, to anything.
        let english = "This is a long English line of text that looks like wrapped prose here";
        let mixed = format!("{english} ລາວ\n{english}\n{english}\n");
        assert_eq!(always.clean(&mixed), mixed);
        assert_eq!(auto.clean(&mixed), mixed);
    }

    #[test]
    fn lines_inside_a_code_fence_are_never_rejoined() {
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        // A fence closes only with its own character, at least as long: `~~~` or a
        // shorter run of backticks inside a ```` ``` ```` block is code.
        for inside in ["```\n~~~\nວາລະ\nສານ\n```\n", "````\n```\nວາລະ\nສານ\n````\n"]
        {
            assert_eq!(always.clean(inside), inside);
        }
        // After the fence has closed, prose lines are joined again.
        assert_eq!(
            always.clean("~~~\n```\n~~~\nວາລະ\nສານ\n"),
            "~~~\n```\n~~~\nວາລະສານ\n"
        );
    }

    #[test]
    fn inline_code_over_a_line_break_is_code() {
        // Backticks pair within a paragraph, as in markdown: the break inside the code
        // is kept, nothing in the code is respelt or made canonical, and the text after
        // it is corrected, with the lines rejoined or not.
        for mode in [JoinLines::Always, JoinLines::Never] {
            let c = Cleaner::new(Config::default().join_lines(mode));
            let text = "ເບິ່ງ `ຄຳສັ່ງ\nເເລະ ໃຫ່ຍ` ແລ້ວ ກອງປະຊຸມໃຫ່ຍ";
            let once = c.clean(text).into_owned();
            assert_eq!(once, "ເບິ່ງ `ຄຳສັ່ງ\nເເລະ ໃຫ່ຍ` ແລ້ວ ກອງປະຊຸມໃຫຍ່", "{mode:?}");
            assert_eq!(c.clean(&once), once);
        }
        // Lines are found as they will be once joined: a URL that a join carries on
        // into the next line's letters is read as one.
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        let once = always
            .clean("ເບິ່ງ https://lo.wikipedia.org/wiki/ໃຫ່\nຍ ກອງປະຊຸມໃຫ່ຍ")
            .into_owned();
        assert_eq!(always.clean(&once), once);
        assert!(once.ends_with("ກອງປະຊຸມໃຫຍ່"), "{once}");
    }

    #[test]
    fn a_join_that_makes_a_path_settles_in_one_cleaning() {
        // Taking the space out of ປະ␠ຊຸມ makes `/ປະຊຸມaປະ` one word, a path; the
        // stretch after it then starts elsewhere, and the next round reads it so.
        let c = Cleaner::new(Config::default().level(Level::Aggressive));
        let once = c.clean("/ປະ ຊຸມaປະ ຊຸມ້").into_owned();
        assert!(once.starts_with("/ປະຊຸມaປະ "), "{once}");
        assert_eq!(c.clean(&once), once);
    }

    #[test]
    fn a_stretch_longer_than_the_limit_is_read_in_parts() {
        // One stretch (no punctuation, no line break) of about 9,800 characters, with
        // spaces and without: every part is read and corrected.
        let unit = "ກອງປະຊຸມໃຫ່ຍ ";
        let spaced = unit.repeat(700);
        let solid = unit.trim_end().repeat(700);
        for text in [&spaced, &solid] {
            assert!(text.chars().count() > 2 * super::MAX_STRETCH);
            let out = Cleaner::default().clean(text).into_owned();
            assert_eq!(out.matches("ໃຫຍ່").count(), 700, "{}", &out[..200]);
            assert_eq!(Cleaner::default().clean(&out), out);
        }
    }

    #[test]
    fn a_stretch_read_in_parts_settles_when_a_change_moves_its_cuts() {
        // A stray space taken out of the first part moves every cut after it: the parts
        // after a changed one are read again, so a split word that the first round saw
        // on a cut is joined in a later one, not by a second cleaning.
        let filler = |n: usize| {
            let sevens = (0..7).find(|k| (n - 7 * k) % 3 == 0).unwrap();
            "ສັງຄົມ ".repeat(sevens) + &"ດີ ".repeat((n - 7 * sevens) / 3)
        };
        for at in 2 * super::MAX_STRETCH - 20..2 * super::MAX_STRETCH + 10 {
            let text = format!("ຄຸນ ນະພາບ {}ຄຸນ ນະພາບ {}ດີ", filler(at - 10), filler(3000));
            let once = Cleaner::default().clean(&text).into_owned();
            assert_eq!(Cleaner::default().clean(&once), once, "pair at {at}");
        }
    }

    #[test]
    fn windows_line_breaks_are_rejoined_as_unix_ones_are() {
        // A `\r\n` break goes whole (or becomes one space); the other lines keep theirs.
        let always = Cleaner::new(Config::default().join_lines(JoinLines::Always));
        assert_eq!(always.clean("ວາລະ\r\nສານ\r\n"), "ວາລະສານ\r\n");
        assert_eq!(always.clean("ກິນເຂົ້າ,\r\nນອນ"), "ກິນເຂົ້າ, ນອນ");
        // `\r\r\n` (line endings converted twice): not joined, no `\r` left mid-line.
        assert_eq!(always.clean("ວາລະ\r\r\nສານ\r\n"), "ວາລະ\r\r\nສານ\r\n");
        // A wrapped paragraph of the samples comes out the same with either line ending.
        let text = include_str!("../../corpus-samples/001_eb96bd4d5de03df2.txt");
        let auto = Cleaner::default();
        let unix = auto.clean(text).into_owned();
        let windows = auto
            .clean(&text.replace('\n', "\r\n"))
            .replace("\r\n", "\n");
        assert!(
            unix.lines().count() < text.lines().count(),
            "some lines joined"
        );
        assert_eq!(windows, unix);
    }

    #[test]
    fn the_aggressive_level_corrects_at_least_what_the_standard_one_does() {
        let text = "ກອງປະຊຸມໃຫ່ຍ ແລະ ຄຸນ ນະພາບ";
        let std = Cleaner::default().clean(text).into_owned();
        let agg = Cleaner::new(Config::default().level(Level::Aggressive))
            .clean(text)
            .into_owned();
        assert_eq!(std, "ກອງປະຊຸມໃຫຍ່ ແລະ ຄຸນນະພາບ");
        assert_eq!(agg, std);
    }
}
