//! The best reading of a stretch of Lao text, and the edits that lead to it.
//!
//! # One lattice, two paths
//!
//! A *stretch* is Lao letters with single spaces (and rejoined line breaks) between them.
//! Its nodes are character positions; its edges are
//!
//! - a kept space (cost 0);
//! - an unknown syllable, every parse the syllable grammar allows ([`Lexicon::unknown_cost`]);
//! - an exact dictionary word (its cost);
//! - a *corrected* word: a dictionary word with the same skeleton as the text
//!   ([`correct`](super::correct)), its cost plus the damage cost;
//! - a *joined* word across one space (either of the above plus [`JOIN_SPACE`]).
//!
//! Viterbi gives two paths over the same nodes: the *unedited* one (spaces, unknown
//! syllables and exact words only: the plain segmentation) and the best one. Where the
//! two part and meet again, the best reading is taken only if it is cheaper by the
//! level's margin; from half the margin it is a suggestion; below, nothing. Precision
//! first, with two more guards:
//!
//! - where the unedited reading is all dictionary words (a *real-word* error such as
//!   ລັງວັນທີ), the best reading must also read the stretch in fewer words (the dictionary
//!   holds the compound: ລົງວັນທີ), never just swap one word for another;
//! - a corrected word may cost at most [`MAX_DAMAGE`] of damage.
//!
//! Time is linear in the stretch: from each node the walks stop after
//! [`MAX_WORD_CHARS`](super::lexicon::MAX_WORD_CHARS) characters.

use super::correct::{damage_cost, SkeletonIndex};
use super::lexicon::Lexicon;
use super::syllable::{candidates, INVALID};
use crate::Rule;
use std::ops::Range;

/// Cost (milli-nats) of reading a space between two Lao letters as a stray one.
pub const JOIN_SPACE: u64 = 2500;

/// The most damage (milli-nats) a corrected word may have suffered.
pub const MAX_DAMAGE: u32 = 7000;

/// How much cheaper (milli-nats) an edited reading must be at the standard level.
pub const STANDARD_MARGIN: u64 = 3000;

/// The margin of the aggressive level.
pub const AGGRESSIVE_MARGIN: u64 = 1500;

/// One planned change, in byte offsets of the stage input.
#[derive(Clone, Debug)]
pub(crate) struct Planned {
    pub range: Range<usize>,
    pub replacement: String,
    pub rule: Rule,
    pub confidence: f32,
    pub alternatives: Vec<String>,
    pub suggestion: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Space,
    Unknown,
    Exact,
    Corrected,
    Joined,
}

#[derive(Clone, Debug)]
struct Edge {
    start: usize,
    end: usize,
    cost: u64,
    kind: Kind,
    /// The word read (corrected and joined edges).
    word: String,
}

const NONE: u32 = u32::MAX;

/// Reusable buffers of the decoder.
#[derive(Default)]
pub(crate) struct Reader {
    chars: Vec<char>,
    edges: Vec<Edge>,
    plain: Vec<(u64, u32)>,
    best: Vec<(u64, u32)>,
    cands: Vec<(usize, u32)>,
    offsets: Vec<(usize, char)>,
}

impl Reader {
    /// Decodes one stretch (`stretch[k]` = byte offset and character) and plans its edits.
    pub(crate) fn read(
        &mut self,
        lex: &Lexicon,
        index: &SkeletonIndex,
        stretch: &[(usize, char)],
        margin: u64,
        plan: &mut Vec<Planned>,
    ) {
        let n = stretch.len();
        self.offsets.clear();
        self.offsets.extend_from_slice(stretch);
        self.chars.clear();
        self.chars.extend(stretch.iter().map(|&(_, c)| c));
        self.edges.clear();
        self.plain.clear();
        self.plain.resize(n + 1, (u64::MAX, NONE));
        self.best.clear();
        self.best.resize(n + 1, (u64::MAX, NONE));
        self.plain[0].0 = 0;
        self.best[0].0 = 0;
        let unknown = lex.unknown_cost();
        for p in 0..n {
            if self.plain[p].0 == u64::MAX && self.best[p].0 == u64::MAX {
                continue;
            }
            if self.chars[p] == ' ' || self.chars[p] == '\n' {
                self.relax(p, p + 1, 0, Kind::Space, String::new());
                continue;
            }
            candidates(&self.offsets, p, &mut self.cands);
            for i in 0..self.cands.len() {
                let (e, syl) = self.cands[i];
                let c = unknown + if syl >= INVALID { unknown } else { syl as u64 };
                self.relax(p, e, c, Kind::Unknown, String::new());
            }
            let chars = std::mem::take(&mut self.chars);
            let mut found: Vec<(usize, String, u64, Option<usize>)> = Vec::new();
            index.walk(&chars, p, true, |e, w, cost, skipped| {
                found.push((e, w.to_string(), cost, skipped));
            });
            for (e, w, cost, skipped) in found {
                let span = chars[p..e]
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| Some(p + k) != skipped)
                    .map(|(_, &c)| c);
                if skipped.is_none() && w.chars().eq(span.clone()) {
                    self.relax(p, e, cost, Kind::Exact, String::new());
                    continue;
                }
                let written: String = span.collect();
                let Some(damage) = damage_cost(&w, &written) else {
                    continue;
                };
                if damage > MAX_DAMAGE {
                    continue;
                }
                let (kind, extra) = if skipped.is_some() {
                    (Kind::Joined, JOIN_SPACE)
                } else {
                    (Kind::Corrected, 0)
                };
                self.relax(p, e, cost + damage as u64 + extra, kind, w);
            }
            self.chars = chars;
        }
        if self.best[n].0 == u64::MAX || self.plain[n].0 == u64::MAX {
            return;
        }
        self.plan_edits(margin, plan);
    }

    fn relax(&mut self, p: usize, e: usize, cost: u64, kind: Kind, word: String) {
        let plain_ok = matches!(kind, Kind::Space | Kind::Unknown | Kind::Exact);
        let cp = self.plain[p].0.saturating_add(cost);
        let cb = self.best[p].0.saturating_add(cost);
        let improves_plain = plain_ok && cp < self.plain[e].0;
        let improves_best = cb < self.best[e].0;
        let keep = improves_plain || improves_best || matches!(kind, Kind::Corrected | Kind::Joined);
        if !keep {
            return;
        }
        let id = self.edges.len() as u32;
        self.edges.push(Edge {
            start: p,
            end: e,
            cost,
            kind,
            word,
        });
        if improves_plain {
            self.plain[e] = (cp, id);
        }
        if improves_best {
            self.best[e] = (cb, id);
        }
    }

    fn path(&self, table: &[(u64, u32)]) -> Vec<u32> {
        let mut out = Vec::new();
        let mut j = table.len() - 1;
        while j > 0 {
            let id = table[j].1;
            out.push(id);
            j = self.edges[id as usize].start;
        }
        out.reverse();
        out
    }

    fn plan_edits(&self, margin: u64, plan: &mut Vec<Planned>) {
        let best = self.path(&self.best);
        if best
            .iter()
            .all(|&id| matches!(self.edges[id as usize].kind, Kind::Space | Kind::Unknown | Kind::Exact))
        {
            return; // the unedited reading is the best one
        }
        let plain = self.path(&self.plain);
        let mut on_plain = vec![false; self.chars.len() + 1];
        on_plain[0] = true;
        for &id in &plain {
            on_plain[self.edges[id as usize].end] = true;
        }
        // Walk the best path; cut it at the nodes both paths share.
        let mut seg_start = 0usize;
        let mut seg_edges: Vec<u32> = Vec::new();
        for &id in &best {
            seg_edges.push(id);
            let e = self.edges[id as usize].end;
            if on_plain[e] {
                self.judge(seg_start, e, &seg_edges, &plain, margin, plan);
                seg_edges.clear();
                seg_start = e;
            }
        }
    }

    /// Judges the best reading of `s..t` (edges `ids`) against the unedited one.
    fn judge(&self, s: usize, t: usize, ids: &[u32], plain: &[u32], margin: u64, plan: &mut Vec<Planned>) {
        let edited: Vec<&Edge> = ids
            .iter()
            .map(|&id| &self.edges[id as usize])
            .filter(|e| matches!(e.kind, Kind::Corrected | Kind::Joined))
            .collect();
        if edited.is_empty() {
            return;
        }
        let plain_edges: Vec<&Edge> = plain
            .iter()
            .map(|&id| &self.edges[id as usize])
            .filter(|e| e.start >= s && e.end <= t)
            .collect();
        let plain_cost = self.plain[t].0 - self.plain[s].0;
        let best_cost = self.best[t].0 - self.best[s].0;
        let gain = plain_cost.saturating_sub(best_cost);
        let all_words = plain_edges.iter().all(|e| e.kind != Kind::Unknown);
        if all_words {
            let words = |v: &mut dyn Iterator<Item = Kind>| v.filter(|k| *k != Kind::Space).count();
            let fewer = words(&mut ids.iter().map(|&id| self.edges[id as usize].kind))
                < words(&mut plain_edges.iter().map(|e| e.kind));
            if !fewer {
                return;
            }
        }
        let suggestion = gain < margin;
        if gain < margin / 2 {
            return;
        }
        let confidence = if suggestion {
            0.5 * gain as f32 / margin as f32
        } else {
            1.0 - 0.5 * (-((gain - margin) as f32) / margin as f32).exp()
        };
        for e in edited {
            let range = self.byte_range(e.start, e.end);
            let written: String = self.chars[e.start..e.end].iter().collect();
            let spelling_changed = e.kind == Kind::Corrected
                || e.word.chars().ne(written.chars().filter(|&c| c != ' ' && c != '\n'));
            let rule = if spelling_changed {
                Rule::WordSpelling
            } else {
                Rule::WordJoinSpace
            };
            let mut alternatives: Vec<(u64, String)> = self
                .edges
                .iter()
                .filter(|o| o.start == e.start && o.end == e.end && o.word != e.word)
                .filter(|o| matches!(o.kind, Kind::Corrected | Kind::Joined))
                .map(|o| (o.cost, o.word.clone()))
                .collect();
            alternatives.sort();
            alternatives.dedup_by(|a, b| a.1 == b.1);
            let mut alts: Vec<String> = alternatives.into_iter().take(3).map(|a| a.1).collect();
            alts.push(written);
            plan.push(Planned {
                range,
                replacement: e.word.clone(),
                rule,
                confidence,
                alternatives: alts,
                suggestion,
            });
        }
    }

    fn byte_range(&self, i: usize, j: usize) -> Range<usize> {
        let (last, c) = self.offsets[j - 1];
        self.offsets[i].0..last + c.len_utf8()
    }
}
