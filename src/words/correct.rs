//! Candidate words for a stretch of damaged text, and what it costs to have damaged them.
//!
//! # The skeleton index
//!
//! OCR and typists confuse a small set of look-alike or sound-alike characters (ໃ ໄ ໂ,
//! ດ ຕ, ບ ປ ຜ ພ, ຫ ທ, ິ ີ ຶ ື, ັ ົ …) and lose or swap tone marks more than anything else.
//! `dictionaries/rules/confusion_classes.tsv` puts such characters in one class; a word's
//! *skeleton* is its characters replaced by their class, tone marks left out. `build.rs`
//! compiles a second automaton keyed by `skeleton 0x00 word` (lexicon keys, one byte a
//! character), so every word that a stretch of text could be a damaged copy of is found
//! by walking the *text's* skeleton through the automaton from a syllable boundary: an
//! exact walk, as cheap as the exact segmentation, which also finds the exact words (the
//! ones whose spelling equals the text). User words get a small index built at start-up.
//!
//! # The cost of a damage
//!
//! A candidate found this way has the same skeleton as the text, so the two align one
//! character to one character, each with the tone mark that follows it. The cost of
//! writing the text when the word was meant is the sum, over aligned pairs that differ, of
//! `−ln P(written | meant)` from `dictionaries/ocr_confusions.tsv` and
//! `dictionaries/typing_errors.tsv` (the lower of the two), in milli-nats like the word
//! costs: a tone lost on a vowel mark (ິ່ → ິ) uses the stacked-tone rows, a tone moved
//! onto the first consonant of a cluster (ໃຫ່ຍ for ໃຫຍ່, ກ້ວາງ for ກວ້າງ) the cluster rows,
//! a pair neither table lists [`UNLISTED`].
//!
//! ```
//! use laoclean::words::correct::{damage_cost, skeleton};
//! assert_eq!(skeleton("ໃຫຍ່"), skeleton("ໃຫ່ຍ"));
//! assert_eq!(skeleton("ພົ້ນ"), skeleton("ພື້ນ").replace('ື', "ິ").replace('ິ', "ັ")); // same length
//! assert_eq!(damage_cost("ປັບປຸງ", "ປັບປຸງ"), Some(0));
//! let moved = damage_cost("ໃຫຍ່", "ໃຫ່ຍ").unwrap();
//! let lost = damage_cost("ບ່ອນ", "ບອນ").unwrap();
//! assert!(moved > 0 && lost > 0);
//! assert_eq!(damage_cost("ກາ", "ກາງ"), None); // not the same skeleton
//! ```

use super::lexicon::{Lexicon, MAX_WORD_CHARS};
use fst::raw::{Fst, Node, Output};
use fst::{Map, MapBuilder};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/word_classes.rs"));
include!(concat!(env!("OUT_DIR"), "/word_confusions.rs"));
static SKELETON_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/skeleton.fst"));

/// Cost (milli-nats) of a confusion that neither error table lists.
pub const UNLISTED: u32 = 8000;

/// Cost of a tone mark written on the neighbouring letter of a cluster when the
/// cluster table has no row for it (ກ້ວາງ for ກວ້າງ): one slip, not a loss and an addition.
pub const TONE_SHIFT: u32 = 2500;

/// The skeleton byte of a Lao character (0: left out of skeletons), or `None` outside
/// the Lao block.
#[inline]
pub(crate) fn class_byte(c: char) -> Option<u8> {
    ('\u{0E80}'..='\u{0EFF}')
        .contains(&c)
        .then(|| SKELETON_CLASS[(c as u32 - 0x0E80) as usize])
}

/// Is `c` left out of skeletons (a tone mark)?
#[inline]
fn dropped(c: char) -> bool {
    class_byte(c) == Some(0)
}

/// The skeleton of a Lao word as text: each character replaced by the first member of
/// its class, tone marks left out (see the [module docs](self)).
///
/// ```
/// assert_eq!(laoclean::words::correct::skeleton("ໄດ້"), laoclean::words::correct::skeleton("ໃດ"));
/// ```
pub fn skeleton(word: &str) -> String {
    word.chars()
        .filter_map(|c| match class_byte(c) {
            Some(0) => None,
            Some(b) => char::from_u32(0x0E00 + b as u32),
            None => Some(c),
        })
        .collect()
}

fn confusions() -> &'static HashMap<(&'static str, &'static str), u32> {
    static MAP: OnceLock<HashMap<(&'static str, &'static str), u32>> = OnceLock::new();
    MAP.get_or_init(|| CONFUSIONS.iter().map(|&(a, b, c)| ((a, b), c)).collect())
}

/// `−ln P(written | meant)` in milli-nats, if a table lists the pair.
fn listed(meant: &str, written: &str) -> Option<u32> {
    confusions().get(&(meant, written)).copied()
}

fn cost_of_pair(meant: &str, written: &str) -> u32 {
    if meant == written {
        0
    } else {
        listed(meant, written).unwrap_or(UNLISTED)
    }
}

/// One aligned unit: a skeleton character and the tone marks after it.
#[derive(Clone, Copy)]
struct Unit<'a> {
    base: &'a str,
    tones: &'a str,
    /// base followed by its tones
    all: &'a str,
}

fn units(s: &str) -> Vec<Unit<'_>> {
    let mut out = Vec::with_capacity(s.len() / 3);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let b = i + c.len_utf8();
        let mut e = b;
        while let Some(&(j, d)) = it.peek() {
            if !dropped(d) {
                break;
            }
            e = j + d.len_utf8();
            it.next();
        }
        out.push(Unit {
            base: &s[i..b],
            tones: &s[b..e],
            all: &s[i..e],
        });
    }
    out
}

/// What it costs (milli-nats) to write `written` when `meant` was meant, if the two have
/// the same skeleton; `Some(0)` when they are equal. See the [module docs](self).
pub fn damage_cost(meant: &str, written: &str) -> Option<u32> {
    if meant == written {
        return Some(0);
    }
    if skeleton(meant) != skeleton(written) {
        return None;
    }
    let m = units(meant);
    let w = units(written);
    if m.len() != w.len() || m.first().is_some_and(|u| u.base.is_empty()) {
        return None;
    }
    let mut cost = 0u32;
    let mut i = 0;
    while i < m.len() {
        let (a, b) = (m[i], w[i]);
        // A tone written on this letter that belongs on the next one (or the reverse).
        if i + 1 < m.len() && a.base == b.base && m[i + 1].base == w[i + 1].base {
            let (a2, b2) = (m[i + 1], w[i + 1]);
            let shifted = (a.tones.is_empty() && b2.tones.is_empty() && a2.tones == b.tones)
                || (b.tones.is_empty() && a2.tones.is_empty() && b2.tones == a.tones);
            if shifted && !b.tones.is_empty() | !a.tones.is_empty() {
                let meant2 = format!("{}{}", a.all, a2.all);
                let written2 = format!("{}{}", b.all, b2.all);
                cost += listed(&meant2, &written2).unwrap_or(TONE_SHIFT);
                i += 2;
                continue;
            }
        }
        if a.all != b.all {
            let vowel_mark = crate::lao::is_mark(a.base.chars().next().unwrap_or(' '));
            let stacked = if vowel_mark && a.tones != b.tones {
                listed(a.all, b.all)
            } else {
                None
            };
            cost += stacked.unwrap_or_else(|| {
                cost_of_pair(a.base, b.base) + cost_of_pair(a.tones, b.tones)
            });
        }
        i += 1;
    }
    Some(cost)
}

/// One automaton over skeletons: the embedded one or one built at run time.
type SkeletonMap = Map<Cow<'static, [u8]>>;

/// The skeleton indexes of a [`Lexicon`]: the embedded one when the lexicon's base list
/// is the embedded list, else one built from it, plus one for the user words.
///
/// ```
/// use laoclean::words::{correct::SkeletonIndex, Lexicon};
/// let index = SkeletonIndex::new(&Lexicon::embedded());
/// let chars: Vec<char> = "ໃຫ່ຍ".chars().collect();
/// let mut found = vec![];
/// index.walk(&chars, 0, false, |end, word, _cost, _skip| found.push((end, word.to_string())));
/// assert!(found.contains(&(4, "ໃຫຍ່".to_string())));
/// ```
#[derive(Clone)]
pub struct SkeletonIndex {
    maps: Vec<SkeletonMap>,
}

impl std::fmt::Debug for SkeletonIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SkeletonIndex")
            .field("maps", &self.maps.len())
            .finish()
    }
}

impl SkeletonIndex {
    /// The index of `lexicon`'s words.
    pub fn new(lexicon: &Lexicon) -> SkeletonIndex {
        let mut maps = Vec::new();
        if lexicon.has_embedded_base() {
            maps.push(Map::new(Cow::Borrowed(SKELETON_FST)).expect("embedded skeleton fst"));
        } else {
            maps.push(build(lexicon.words()));
        }
        let user = lexicon.user_words();
        if !user.is_empty() {
            maps.push(build(user.into_iter()));
        }
        SkeletonIndex { maps }
    }

    /// Walks the skeleton of `chars` from `start` and calls
    /// `found(end, word, cost, skipped)` for every word whose skeleton is that of
    /// `chars[start..end]` (`end` after any tone marks). When `join` is true the walk may
    /// step over one space or line break between Lao letters; `skipped` is then its index.
    pub fn walk(
        &self,
        chars: &[char],
        start: usize,
        join: bool,
        mut found: impl FnMut(usize, &str, u64, Option<usize>),
    ) {
        let mut word = Vec::new();
        for map in &self.maps {
            let mut stack = Vec::new();
            walk_one(map.as_fst(), chars, start, join, &mut word, &mut stack, &mut found);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn walk_one<'f>(
    fst: &'f Fst<Cow<'static, [u8]>>,
    chars: &[char],
    start: usize,
    join: bool,
    word: &mut Vec<u8>,
    stack: &mut Vec<(Node<'f>, Output, usize, usize)>,
    found: &mut impl FnMut(usize, &str, u64, Option<usize>),
) {
    let n = chars.len();
    let limit = n.min(start + MAX_WORD_CHARS);
    let mut node = fst.root();
    let mut out = Output::zero();
    let mut k = start;
    let mut skipped = None;
    while k < limit {
        let c = chars[k];
        if (c == ' ' || c == '\n') && join && skipped.is_none() && k > start {
            if !chars.get(k + 1).is_some_and(|&d| crate::lao::is_letter(d)) {
                return;
            }
            skipped = Some(k);
            k += 1;
            continue;
        }
        let Some(b) = class_byte(c).filter(|&b| b != 0) else {
            return;
        };
        let Some(i) = node.find_input(b) else {
            return;
        };
        let t = node.transition(i);
        out = out.cat(t.out);
        node = fst.node(t.addr);
        k += 1;
        while k < n && dropped(chars[k]) {
            k += 1;
        }
        if let Some(i0) = node.find_input(0) {
            let t0 = node.transition(i0);
            // Every word under `skeleton 0x00`, depth first: (node, output so far,
            // word length, next transition to try).
            stack.clear();
            word.clear();
            stack.push((fst.node(t0.addr), out.cat(t0.out), 0, 0));
            while let Some(top) = stack.last_mut() {
                let (nd, o, len, next) = *top;
                if next == 0 && nd.is_final() {
                    let w: String = word[..len]
                        .iter()
                        .map(|&b| char::from_u32(0x0E00 + b as u32).unwrap_or('\u{FFFD}'))
                        .collect();
                    found(k, &w, o.cat(nd.final_output()).value(), skipped);
                }
                if next < nd.len() {
                    top.3 += 1;
                    let t = nd.transition(next);
                    word.truncate(len);
                    word.push(t.inp);
                    stack.push((fst.node(t.addr), o.cat(t.out), len + 1, 0));
                } else {
                    stack.pop();
                }
            }
        }
    }
}

/// Builds a skeleton automaton from words and costs.
fn build(words: impl Iterator<Item = (String, u64)>) -> SkeletonMap {
    let mut entries: Vec<(Vec<u8>, u64)> = words
        .filter_map(|(w, c)| {
            let mut k = Vec::new();
            let mut wk = Vec::new();
            for ch in w.chars() {
                let b = class_byte(ch)?;
                wk.push((ch as u32 - 0x0E00) as u8);
                if b != 0 {
                    k.push(b);
                }
            }
            k.push(0);
            k.extend(wk);
            Some((k, c))
        })
        .collect();
    entries.sort();
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut b = MapBuilder::memory();
    for (k, c) in entries {
        b.insert(k, c).expect("sorted unique keys");
    }
    Map::new(Cow::Owned(b.into_inner().expect("in-memory fst"))).expect("fst just built")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_tone_loss_is_cheaper_than_a_consonant_swap() {
        let tone = damage_cost("ທີ່", "ທີ").unwrap();
        let cons = damage_cost("ດີ", "ຕີ").unwrap();
        assert!(tone < cons, "{tone} {cons}");
    }

    #[test]
    fn tone_moved_in_a_cluster_is_one_slip() {
        let moved = damage_cost("ກວ້າງ", "ກ້ວາງ").unwrap();
        assert!(moved <= TONE_SHIFT);
        let ho = damage_cost("ໃຫຍ່", "ໃຫ່ຍ").unwrap();
        assert!(ho <= TONE_SHIFT);
    }

    #[test]
    fn walk_finds_words_across_one_space_only_when_joining() {
        let lex = Lexicon::from_counts([("ຄຸນນະພາບ", 5), ("ຄຸນ", 5)]).unwrap();
        let index = SkeletonIndex::new(&lex);
        let chars: Vec<char> = "ຄຸນ ນະພາບ".chars().collect();
        let mut ends = vec![];
        index.walk(&chars, 0, false, |e, w, _, s| ends.push((e, w.to_string(), s)));
        assert_eq!(ends, [(3, "ຄຸນ".to_string(), None)]);
        ends.clear();
        index.walk(&chars, 0, true, |e, w, _, s| ends.push((e, w.to_string(), s)));
        assert!(ends.contains(&(9, "ຄຸນນະພາບ".to_string(), Some(3))));
    }
}
