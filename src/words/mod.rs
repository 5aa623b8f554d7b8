//! Stage 3, words: the Lao lexicon, word segmentation, and the corrections that need
//! knowledge of Lao words.
//!
//! - [`syllable`]: Lao syllables from the orthography (no dictionary);
//! - [`lexicon`]: the embedded word list as an `fst::Map` with costs, plus users' words;
//! - [`segment`]: the Viterbi segmenter over syllable boundaries;
//! - [`correct`]: the skeleton index (candidate words for damaged text) and damage costs;
//! - `reading`: one lattice of exact, corrected and joined words, and the judge that turns
//!   the best reading into edits only where it beats the unedited one by a margin;
//! - `lines`: which hard line breaks of a wrapped paragraph to rejoin.
//!
//! The stage ([`WordModel`] + `run`) first plans line joins, then reads every stretch of
//! Lao letters (with the single spaces and rejoined breaks inside it), then applies the
//! planned edits in order; a line join inside a corrected word is part of that word's
//! edit. Suggestions (a gain between half the margin and the margin, and words written
//! twice) are reported, not applied. It does nothing at [`Level::Safe`](crate::Level).
//!
//! ```
//! use laoclean::words::{Lexicon, Segmenter};
//! let words = Lexicon::from_counts([("ສະບາຍດີ", 3), ("ປະເທດ", 5), ("ລາວ", 5)]).unwrap();
//! let seg = Segmenter::new(words);
//! assert_eq!(seg.segment("ສະບາຍດີ ປະເທດລາວ", "|"), "ສະບາຍດີ ປະເທດ|ລາວ");
//! ```

pub mod corpus;
pub mod correct;
pub mod lexicon;
mod lines;
mod reading;
pub mod segment;
pub mod syllable;

pub use lexicon::{Lexicon, LexiconError};
pub use segment::{Segmenter, Token, TokenKind};

use crate::cleaner::StageOutput;
use crate::edit::Rewriter;
use crate::{lao, Config, Level, Rule};
use std::ops::Range;
use correct::SkeletonIndex;
use reading::{Planned, Reader, AGGRESSIVE_MARGIN, STANDARD_MARGIN};

/// At the standard level a changed spelling is applied only from this confidence on
/// (a gain of about 1.2 margins); below, it is a suggestion.
pub const STANDARD_MIN_SPELLING_CONFIDENCE: f32 = 0.6;

/// What the word stage needs: the lexicon, its skeleton index and a segmenter. Built once
/// per [`Cleaner`](crate::Cleaner).
///
/// ```
/// let m = laoclean::words::WordModel::new(laoclean::words::Lexicon::embedded());
/// assert!(m.lexicon().contains("ປະເທດ"));
/// ```
#[derive(Clone, Debug)]
pub struct WordModel {
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
    pub fn new(lexicon: Lexicon) -> Self {
        WordModel {
            index: SkeletonIndex::new(&lexicon),
            segmenter: Segmenter::new(lexicon),
        }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        self.segmenter.lexicon()
    }
}

/// Runs the word stage over `text` (the output of the spacing stage).
pub(crate) fn run<'a>(
    text: &'a str,
    cfg: &Config,
    model: &WordModel,
    record: bool,
) -> StageOutput<'a> {
    if cfg.level == Level::Safe || !text.chars().any(lao::is_letter) {
        return StageOutput::new(std::borrow::Cow::Borrowed(text), Vec::new());
    }
    let margin = match cfg.level {
        Level::Aggressive => AGGRESSIVE_MARGIN,
        _ => STANDARD_MARGIN,
    };
    let joins = lines::plan(text, cfg.join_lines, &model.segmenter);
    let mut plan: Vec<Planned> = joins
        .iter()
        .map(|&(pos, glue)| Planned {
            range: pos..pos + 1,
            replacement: glue.to_string(),
            rule: Rule::WordJoinLine,
            confidence: 0.9,
            alternatives: vec!["\n".to_string()],
            suggestion: false,
        })
        .collect();
    let mut reader = Reader::default();
    reader.compound_near = cfg.level == Level::Aggressive;
    reader.min_spelling_confidence = match cfg.level {
        Level::Aggressive => 0.5,
        _ => STANDARD_MIN_SPELLING_CONFIDENCE,
    };
    let mut stretch: Vec<(usize, char)> = Vec::new();
    let mut next_join = 0;
    let mut it = text.char_indices().peekable();
    let lex = model.lexicon();
    while let Some((i, c)) = it.next() {
        let next_letter = it.peek().is_some_and(|&(_, d)| lao::is_letter(d));
        let prev_letter = stretch.last().is_some_and(|&(_, d)| lao::is_letter(d));
        while next_join < joins.len() && joins[next_join].0 < i {
            next_join += 1;
        }
        let joined_here = joins
            .get(next_join)
            .is_some_and(|&(p, g)| p == i && g.is_empty());
        if lao::is_letter(c) {
            stretch.push((i, c));
        } else if c == ' ' && prev_letter && next_letter {
            stretch.push((i, c));
        } else if c == '\n' && joined_here && prev_letter && next_letter {
            // Left out: the word reader sees the two lines as one.
        } else {
            if !stretch.is_empty() {
                reader.read(lex, &model.index, &stretch, margin, &mut plan);
                duplicates(lex, text, &reader.plain_words(), &mut plan);
            }
            stretch.clear();
        }
    }
    if !stretch.is_empty() {
        reader.read(lex, &model.index, &stretch, margin, &mut plan);
        duplicates(lex, text, &reader.plain_words(), &mut plan);
    }
    apply(text, plan, record)
}

/// Applies the planned edits in order; a line join inside a word edit is dropped (the
/// word edit covers it), suggestions go to the report only.
fn apply(text: &str, mut plan: Vec<Planned>, record: bool) -> StageOutput<'_> {
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
        if tx.contains('\n') || ty.contains('\n') {
            continue;
        }
        let doubled = ty == tx || ty.strip_prefix(tx).is_some_and(|rest| lex.contains(rest));
        if tx.chars().count() >= 2 && doubled {
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
