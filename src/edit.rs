//! Edits: what a rule changed, where, and how sure it was; and the [`Rewriter`] that
//! every stage uses to produce its output text and its edits in one pass.
//!
//! A stage reads its input once, left to right. Where it wants a change it calls
//! [`Rewriter::replace`] with a byte range of its input; the rewriter copies the
//! untouched text before it, writes the replacement and (when a report is wanted)
//! records an [`Edit`]. If a stage makes no change, [`Rewriter::finish`] hands the input
//! back borrowed: clean text costs no allocation.
//!
//! Edits of a later stage are in the coordinates of that stage's input;
//! [`map_to_original`] carries them back to the coordinates of the text the user gave.
//!
//! ```
//! use laoclean::{Edit, Rule};
//! use laoclean::edit::Rewriter;
//! let mut w = Rewriter::new("ກ  ຂ", true);
//! w.replace(3..5, " ", Rule::SpaceRun, 1.0);
//! let (text, edits) = w.finish();
//! assert_eq!(text, "ກ ຂ");
//! assert_eq!(edits[0].start, 3);
//! assert_eq!(edits[0].original, "  ");
//! ```

use crate::Rule;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// One change to the text: the byte span `start..end` of the input, the text that stood
/// there, what replaced it, the rule that did it and how sure the rule is (0–1).
///
/// ```
/// use laoclean::{Cleaner, Rule};
/// let report = Cleaner::default().clean_with_report("ນໍ້າ");
/// let e = &report.edits[0];
/// assert_eq!((e.start, e.end), (0, 12));
/// assert_eq!(e.replacement, "ນ້ຳ");
/// assert_eq!(e.rule, Rule::AmCompose);
/// assert_eq!(e.confidence, 1.0);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    /// Byte offset in the input where the changed text starts.
    pub start: usize,
    /// Byte offset in the input just past the changed text.
    pub end: usize,
    /// The input's text at `start..end`. (Edits of different stages may overlap: a later
    /// stage's edit covers the earlier edits it touches, and its `replacement` is what
    /// that stage wrote over their result. The cleaned text is authoritative.)
    pub original: String,
    /// The text the rule wrote.
    pub replacement: String,
    /// The rule that made the change.
    pub rule: Rule,
    /// How sure the rule is, from 0 to 1; 1.0 for the always-safe character rules.
    pub confidence: f32,
    /// Other readings the rule weighed, best first (empty for character rules).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
}

impl Edit {
    /// The byte span of the input this edit covers.
    ///
    /// ```
    /// let e = laoclean::Cleaner::default().clean_with_report("໓").edits.remove(0);
    /// assert_eq!(e.span(), 0..3);
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Builds a stage's output from its input and records the edits it made.
///
/// Calls to [`replace`](Rewriter::replace) must come in increasing, non-overlapping
/// order of their ranges. When `record` is false no [`Edit`] is stored (the fast path of
/// [`Cleaner::clean`](crate::Cleaner::clean)).
#[derive(Debug)]
pub struct Rewriter<'a> {
    input: &'a str,
    out: String,
    copied: usize,
    record: bool,
    edits: Vec<Edit>,
    changed: bool,
}

impl<'a> Rewriter<'a> {
    /// A rewriter over `input`; `record` says whether edits are kept.
    pub fn new(input: &'a str, record: bool) -> Self {
        Rewriter {
            input,
            out: String::new(),
            copied: 0,
            record,
            edits: Vec::new(),
            changed: false,
        }
    }

    /// The input this rewriter reads.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// Byte offset up to which the input has been copied or replaced.
    pub fn position(&self) -> usize {
        self.copied
    }

    /// Replaces `range` of the input with `replacement`. A replacement equal to the
    /// original text is ignored.
    ///
    /// # Panics
    /// If `range` starts before the end of the previous replacement.
    pub fn replace(&mut self, range: Range<usize>, replacement: &str, rule: Rule, confidence: f32) {
        self.replace_with_alternatives(range, replacement, rule, confidence, Vec::new());
    }

    /// Like [`replace`](Rewriter::replace), also recording the other readings weighed.
    pub fn replace_with_alternatives(
        &mut self,
        range: Range<usize>,
        replacement: &str,
        rule: Rule,
        confidence: f32,
        alternatives: Vec<String>,
    ) {
        assert!(
            range.start >= self.copied,
            "rewriter ranges must not go backwards"
        );
        let original = &self.input[range.clone()];
        if original == replacement {
            return;
        }
        if !self.changed {
            self.out.reserve(self.input.len() + 16);
            self.changed = true;
        }
        self.out.push_str(&self.input[self.copied..range.start]);
        self.out.push_str(replacement);
        self.copied = range.end;
        if self.record {
            self.edits.push(Edit {
                start: range.start,
                end: range.end,
                original: original.to_string(),
                replacement: replacement.to_string(),
                rule,
                confidence,
                alternatives,
            });
        }
    }

    /// Has any replacement been made?
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The output text (borrowed when nothing changed) and the recorded edits.
    pub fn finish(mut self) -> (Cow<'a, str>, Vec<Edit>) {
        if !self.changed {
            return (Cow::Borrowed(self.input), self.edits);
        }
        self.out.push_str(&self.input[self.copied..]);
        (Cow::Owned(self.out), self.edits)
    }
}

/// Carries `later` edits, made on the text that `earlier` edits produced, back to the
/// coordinates of the text before `earlier`. A later edit that touches text an earlier
/// edit wrote is widened to cover that earlier edit's whole span.
///
/// Both slices must be sorted by `start` and non-overlapping within themselves, as a
/// [`Rewriter`] makes them.
///
/// ```
/// use laoclean::edit::{map_to_original, Rewriter};
/// use laoclean::Rule;
/// let mut a = Rewriter::new("xxAB", true);
/// a.replace(0..2, "x", Rule::SpaceRun, 1.0); // "xAB"
/// let (mid, first) = a.finish();
/// let mut b = Rewriter::new(&mid, true);
/// b.replace(1..2, "a", Rule::Nfc, 1.0); // "xaB"
/// let (_, mut second) = b.finish();
/// map_to_original(&first, &mut second);
/// assert_eq!((second[0].start, second[0].end), (2, 3));
/// ```
pub fn map_to_original(earlier: &[Edit], later: &mut [Edit]) {
    map_back(earlier, later, true);
}

/// [`map_to_original`], except that text `earlier` deleted right before or after an edit
/// of `later` stays out of it: composed with it, each removal stays an edit of its own.
pub(crate) fn map_spans_to_original(earlier: &[Edit], later: &mut [Edit]) {
    map_back(earlier, later, false);
}

/// Carries `later` back over `earlier`, taking in the deletions beside each edit or not.
fn map_back(earlier: &[Edit], later: &mut [Edit], take_deletions: bool) {
    if earlier.is_empty() {
        return;
    }
    let back = BackMap::new(earlier);
    for e in later.iter_mut() {
        let start = back.map(e.start, false, take_deletions);
        let end = back.map(e.end, true, take_deletions);
        e.start = start;
        e.end = end.max(start);
    }
}

/// Maps offsets of a text that `earlier` edits produced back to the text before them
/// (see [`map_to_original`]): an offset inside text an edit wrote goes to that edit's
/// start (for the start of a span) or end (for its end), so that a span carried back
/// covers the whole edit.
pub(crate) struct BackMap {
    /// Each edit's span in the old text.
    old_spans: Vec<Range<usize>>,
    /// Each edit's span in the new text.
    new_spans: Vec<Range<usize>>,
    /// The growth of the text up to and including each edit.
    growth: Vec<isize>,
}

impl BackMap {
    /// The map of `earlier` (sorted by `start`, non-overlapping).
    pub(crate) fn new<'e>(earlier: impl IntoIterator<Item = &'e Edit>) -> Self {
        Self::of_replacements(
            earlier
                .into_iter()
                .map(|e| (e.start..e.end, e.replacement.len())),
        )
    }

    /// The map of replacements given as the old span and the new text's length
    /// (sorted, non-overlapping), such as the line breaks a join replaces.
    pub(crate) fn of_replacements(
        replaced: impl IntoIterator<Item = (Range<usize>, usize)>,
    ) -> Self {
        let replaced = replaced.into_iter();
        let n = replaced.size_hint().0;
        let (mut old_spans, mut new_spans, mut growth) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let mut total: isize = 0;
        for (old, len) in replaced {
            let new_start = (old.start as isize + total) as usize;
            new_spans.push(new_start..new_start + len);
            total += len as isize - (old.end - old.start) as isize;
            old_spans.push(old);
            growth.push(total);
        }
        BackMap {
            old_spans,
            new_spans,
            growth,
        }
    }

    /// Where an edit starting at `pos` of the new text starts in the old one (a deletion
    /// right there is taken in).
    pub(crate) fn start(&self, pos: usize) -> usize {
        self.map(pos, false, true)
    }

    /// Where an edit ending at `pos` of the new text ends in the old one (a deletion
    /// right there is taken in).
    pub(crate) fn end(&self, pos: usize) -> usize {
        self.map(pos, true, true)
    }

    /// Where a span of text starting at `pos` of the new text starts in the old one: a
    /// deletion right before it stays out.
    pub(crate) fn span_start(&self, pos: usize) -> usize {
        self.map(pos, false, false)
    }

    /// Where a span of text ending at `pos` of the new text ends in the old one: a
    /// deletion right after it stays out.
    pub(crate) fn span_end(&self, pos: usize) -> usize {
        self.map(pos, true, false)
    }

    /// Where an offset `pos` of the old text that lies in no edit goes in the new text:
    /// moved by the growth of the edits that start before it, and with `inclusive`, of
    /// those that start at it too (an insertion there comes before it).
    pub(crate) fn forward(&self, pos: usize, inclusive: bool) -> usize {
        let k = self
            .old_spans
            .partition_point(|r| r.start < pos || inclusive && r.start == pos);
        match k {
            0 => pos,
            k => (pos as isize + self.growth[k - 1]) as usize,
        }
    }

    fn map(&self, pos: usize, is_end: bool, take_deletions: bool) -> usize {
        // The first earlier edit that ends at or after `pos` in the new text.
        let k = self.new_spans.partition_point(|r| r.end < pos);
        for i in [k, k + 1] {
            let Some(r) = self.new_spans.get(i) else {
                break;
            };
            if r.is_empty() && pos == r.start && !take_deletions {
                // A span beside deletions: the deleted text stays out of it (a span
                // that starts there starts after the last of them).
                if is_end {
                    return self.old_spans[i].start;
                }
                let mut j = i;
                while self
                    .new_spans
                    .get(j + 1)
                    .is_some_and(|n| n.is_empty() && n.start == pos)
                {
                    j += 1;
                }
                return self.old_spans[j].end;
            }
            let touches = if r.is_empty() {
                pos == r.start
            } else if is_end {
                r.start < pos && pos <= r.end
            } else {
                r.start <= pos && pos < r.end
            };
            if touches {
                let e = &self.old_spans[i];
                return if is_end { e.end } else { e.start };
            }
        }
        // Not inside any replacement: undo the growth of the edits that end at or before it.
        let before = self.new_spans.partition_point(|r| r.end <= pos);
        let shift = if before == 0 {
            0
        } else {
            self.growth[before - 1]
        };
        (pos as isize - shift) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, ops: &[(Range<usize>, &str)]) -> (String, Vec<Edit>) {
        let mut w = Rewriter::new(input, true);
        for (r, s) in ops {
            w.replace(r.clone(), s, Rule::SpaceRun, 1.0);
        }
        let (t, e) = w.finish();
        (t.into_owned(), e)
    }

    #[test]
    fn no_change_is_borrowed() {
        let w = Rewriter::new("ກຂ", true);
        assert!(matches!(w.finish().0, Cow::Borrowed(_)));
        let mut w = Rewriter::new("ກຂ", true);
        w.replace(0..3, "ກ", Rule::Nfc, 1.0);
        assert!(matches!(w.finish().0, Cow::Borrowed(_)));
    }

    #[test]
    fn mapping_through_insertions_and_deletions() {
        // "aXbYc" -> "abc" (delete X, Y) -> "a-b-c"
        let (mid, first) = run("aXbYc", &[(1..2, ""), (3..4, "")]);
        assert_eq!(mid, "abc");
        let (out, mut second) = run(&mid, &[(1..1, "-"), (2..2, "-")]);
        assert_eq!(out, "a-b-c");
        map_to_original(&first, &mut second);
        // The insertion at 1 in "abc" touches the deletion at 1..2 of the original.
        assert_eq!((second[0].start, second[0].end), (1, 2));
        assert_eq!((second[1].start, second[1].end), (3, 4));
    }

    #[test]
    fn mapping_after_a_growth() {
        let (mid, first) = run("ab", &[(0..1, "xyz")]); // "xyzb"
        let (_, mut second) = run(&mid, &[(3..4, "B")]);
        map_to_original(&first, &mut second);
        assert_eq!((second[0].start, second[0].end), (1, 2));
    }

    #[test]
    fn mapping_inside_a_replacement_widens() {
        let (mid, first) = run("abcd", &[(1..3, "XY")]); // "aXYd"
        let (_, mut second) = run(&mid, &[(2..3, "Z")]);
        map_to_original(&first, &mut second);
        assert_eq!((second[0].start, second[0].end), (1, 3));
    }

    #[test]
    fn a_span_carried_back_leaves_out_the_deletions_beside_it() {
        // "aXYbZc" -> "abc": X and Y deleted before b, Z after it.
        let (mid, first) = run("aXYbZc", &[(1..2, ""), (2..3, ""), (4..5, "")]);
        assert_eq!(mid, "abc");
        let back = BackMap::new(&first);
        // The span "b" (1..2 of "abc") is "b" in the original, 3..4.
        assert_eq!((back.span_start(1), back.span_end(2)), (3, 4));
        // An edit there takes the deletions in.
        assert_eq!((back.start(1), back.end(2)), (1, 5));
        // Inside a replacement, a span takes all of it.
        let (_, first) = run("abcd", &[(1..3, "XY")]);
        let back = BackMap::new(&first);
        assert_eq!((back.span_start(2), back.span_end(3)), (1, 3));
    }
}
