//! Candidate words for a stretch of damaged text, and what it costs to have damaged them.
//!
//! # The skeleton index
//!
//! OCR and typists confuse a small set of look-alike or sound-alike characters (ໃ ໄ ໂ,
//! ດ ຕ, ບ ປ ຜ ພ ນ ມ, ຫ ທ ໜ ໝ, ຈ ວ, the vowel marks above the letter ິ ີ ຶ ື ັ ົ …) and
//! lose or swap tone marks more than anything else.
//! `dictionaries/rules/confusion_classes.tsv` puts such characters in one class; a word's
//! *skeleton* is its characters replaced by their class, tone marks left out. `build.rs`
//! compiles a second automaton keyed by `skeleton 0x00 word` (lexicon keys, one byte a
//! character), so every word that a stretch of text could be a damaged copy of is found
//! by walking the *text's* skeleton through the automaton from a syllable boundary: an
//! exact walk, as cheap as the exact segmentation, which also finds the exact words (the
//! ones whose spelling equals the text). User words get a small index built at start-up.
//!
//! # Web phrases
//!
//! The same automaton holds, keyed `skeleton 0x01 phrase`, the *web phrases*: two words
//! in a row that Lao web text ([`web`](super::web)) holds in at least 10 tokens and far
//! more often than the two words' own counts make likely (ສ້າງແຜນ, make a plan). A
//! phrase costs what a bigram model says: the cost of one word plus
//! `ln(n(word) / n(phrase))` over web tokens, the dearer of the ways to cut it
//! (`build.rs`). One walk of the text's skeleton finds words and phrases. The word stage
//! uses a phrase only to respell (ສ້າງແຜ່ນ, make a sheet, read as ສ້າງແຜນ): a phrase is
//! never found across a space, and as written it is left to its two words, so joins and
//! the segmentation of clean text do not change. Only the embedded list's index has
//! phrases (their costs are of its words).
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
//! The walk lists only the words that could still win: as it spells a word of the
//! skeleton out, each letter whose base differs from the written one adds the cheapest
//! cost any listed pair of the two bases has (a floor under what [`damage_cost`] will
//! say), and a branch whose cost and floor reach the caller's bound, or whose floor
//! passes the most damage the caller takes, is not entered.
//!
//! # The edit search
//!
//! Near text that no word explains, the edit search walks the lexicon with up to two
//! edits that the tables list: a letter for another of any class, a letter lost or
//! added, one meant letter written as two, the way Tesseract splits ໝ and ໜ into ບນ, ານ
//! or ນນ (the table's one-for-two rows), and two meant letters written as one (ເງ read
//! as ຜ, ປຸ as ຝ: its two-for-one rows, tone marks left out). The skeleton walk of the
//! word stage reads a split letter as one too (once per word), so ຂະແບນງການ finds
//! ຂະແໜງການ anywhere.
//!
//! ```
//! use laoclean::words::correct::{damage_cost, skeleton};
//! assert_eq!(skeleton("ໃຫຍ່"), skeleton("ໃຫ່ຍ"));
//! assert_eq!(skeleton("ພົ້ນ"), skeleton("ພື້ນ")); // vowel marks above the letter: one class
//! assert_ne!(skeleton("ພົ້ນ"), skeleton("ພູນ")); // a mark below is another
//! assert_eq!(damage_cost("ປັບປຸງ", "ປັບປຸງ"), Some(0));
//! let moved = damage_cost("ໃຫຍ່", "ໃຫ່ຍ").unwrap();
//! let lost = damage_cost("ບ່ອນ", "ບອນ").unwrap();
//! assert!(moved > 0 && lost > 0);
//! assert_eq!(damage_cost("ກາ", "ກາງ"), None); // not the same skeleton
//! ```

use super::automaton::{Automaton, Cursor, Flat, Transition};
use super::lexicon::{Lexicon, MAX_WORD_CHARS};
use fst::MapBuilder;
use std::collections::HashMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/word_classes.rs"));
include!(concat!(env!("OUT_DIR"), "/word_confusions.rs"));
static SKELETON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/skeleton.flat"));

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

/// A confusion pair packed for lookup: each side is at most four Lao key bytes
/// (code point − U+0E00, all ≥ 0x80, so no side has a zero byte and lengths differ).
#[inline]
fn pack(side: &[u8]) -> Option<u32> {
    (side.len() <= 4).then(|| side.iter().fold(0u32, |a, &b| a << 8 | b as u32))
}

/// A fast hasher for the packed keys (they are already well mixed by the multiply).
#[derive(Default)]
struct PackHasher(u64);

impl std::hash::Hasher for PackHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type PackMap = HashMap<u64, u32, std::hash::BuildHasherDefault<PackHasher>>;

/// The error tables: every listed (meant, written) pair of Lao text, and single-character
/// edit costs as arrays for the edit walk.
struct Tables {
    pairs: PackMap,
    /// `sub[m * 128 + w]`: meant key byte m − 0x80 written as w − 0x80.
    sub: Vec<u16>,
    /// `lost[m]`: meant m − 0x80 not written.
    lost: [u16; 128],
    /// `added[w]`: w − 0x80 written where nothing was meant.
    added: [u16; 128],
    /// `split_at[pair_index(w1, w2)]`: 0, or 1 + the index in `split_rows` of the
    /// letters meant where the two letters w1 w2 stand (ໝ read as ບນ), with their costs
    /// (see [`Tables::split`]).
    split_at: Vec<u16>,
    split_rows: Vec<Vec<(u8, u16)>>,
    /// `merge[w]`: the two letters meant where the one letter w − 0x80 stands (ເງ read
    /// as ຜ), with their costs; tone marks are not among them (a lost tone is its own
    /// edit).
    merge: Vec<Vec<(u8, u8, u16)>>,
    /// `base_floor[m * 128 + w]`: the least any listed pair costs whose meant side
    /// starts with m − 0x80 and written side with w − 0x80 (m ≠ w), [`UNLISTED`] if none:
    /// no aligned unit with these bases costs less (see [`damage_within`]).
    base_floor: Vec<u16>,
}

impl Tables {
    /// The letters meant, with their costs, where the two letters of `pair` (a
    /// [`pair_index`]) stand; none if no row of the tables splits a letter into them.
    #[inline]
    fn split(&self, pair: usize) -> &[(u8, u16)] {
        match self.split_at[pair] {
            0 => &[],
            i => &self.split_rows[i as usize - 1],
        }
    }
}

/// No cost listed in the arrays of [`Tables`].
const NO: u16 = u16::MAX;

fn lao_bytes(s: &str) -> Option<Vec<u8>> {
    s.chars()
        .map(|c| {
            ('\u{0E80}'..='\u{0EFF}')
                .contains(&c)
                .then(|| (c as u32 - 0x0E00) as u8)
        })
        .collect()
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables {
            pairs: PackMap::default(),
            sub: vec![NO; 128 * 128],
            lost: [NO; 128],
            added: [NO; 128],
            split_at: vec![0; 128 * 128],
            split_rows: Vec::new(),
            merge: vec![Vec::new(); 128],
            base_floor: vec![UNLISTED as u16; 128 * 128],
        };
        for &(a, b, c) in CONFUSIONS.iter() {
            let (Some(ma), Some(wb)) = (lao_bytes(a), lao_bytes(b)) else {
                continue; // Latin look-alikes: not the word stage's business
            };
            let (Some(ka), Some(kb)) = (pack(&ma), pack(&wb)) else {
                continue;
            };
            t.pairs.insert((ka as u64) << 32 | kb as u64, c);
            let c16 = c.min(NO as u32 - 1) as u16;
            // A pair that starts with a tone mark (ຳ written for ້າ) is aligned from the
            // unit before it; its floor is the one of its first bases.
            let base = |s: &[u8]| s.iter().copied().find(|&b| !dropped_byte(b));
            if let (Some(m), Some(w)) = (base(&ma), base(&wb)) {
                if m != w {
                    let f = &mut t.base_floor[pair_index(m, w)];
                    *f = (*f).min(c16);
                }
            }
            match (ma.as_slice(), wb.as_slice()) {
                ([m], [w]) => t.sub[pair_index(*m, *w)] = c16,
                ([m], []) => t.lost[*m as usize - 0x80] = c16,
                ([], [w]) => t.added[*w as usize - 0x80] = c16,
                ([m], [w1, w2]) => {
                    let key = pair_index(*w1, *w2);
                    if t.split_at[key] == 0 {
                        t.split_rows.push(Vec::new());
                        t.split_at[key] = t.split_rows.len() as u16;
                    }
                    t.split_rows[t.split_at[key] as usize - 1].push((*m, c16));
                }
                ([m1, m2], [w]) if !dropped_byte(*m1) && !dropped_byte(*m2) => {
                    t.merge[*w as usize - 0x80].push((*m1, *m2, c16));
                }
                _ => {}
            }
        }
        t
    })
}

/// `−ln P(written | meant)` in milli-nats, if a table lists the pair (key bytes).
#[inline]
fn listed(meant: &[u8], written: &[u8]) -> Option<u32> {
    let k = (pack(meant)? as u64) << 32 | pack(written)? as u64;
    tables().pairs.get(&k).copied()
}

/// Is key byte `b` left out of skeletons (a tone mark)? (0, a space, is not.)
#[inline]
pub(crate) fn dropped_byte(b: u8) -> bool {
    b >= 0x80 && SKELETON_CLASS[b as usize - 0x80] == 0
}

/// Where the 128 × 128 arrays of [`Tables`] keep the pair of Lao key bytes `a`, `b`
/// (both 0x80 and up).
#[inline]
fn pair_index(a: u8, b: u8) -> usize {
    (a as usize - 0x80) * 128 + (b as usize - 0x80)
}

/// The first text position from `k` on that is not a tone mark.
#[inline]
fn after_tones(chars: &[char], mut k: usize) -> usize {
    while k < chars.len() && dropped(chars[k]) {
        k += 1;
    }
    k
}

/// The end of the aligned unit of `s` that starts at byte `i`: a skeleton character
/// (`s[i]`, the base) and the tone marks after it.
#[inline]
fn unit_end(s: &[u8], i: usize) -> usize {
    let mut e = i + 1;
    while e < s.len() && dropped_byte(s[e]) {
        e += 1;
    }
    e
}

/// What the tables list for `meant` written as `written` (key bytes), [`UNLISTED`] if
/// nothing, 0 if they are equal. Sides of one byte or none are read from the arrays of
/// [`Tables`], which hold the same costs as its pairs.
#[inline]
fn cost_of_pair(meant: &[u8], written: &[u8]) -> u32 {
    let t = tables();
    let c = match (meant, written) {
        _ if meant == written => return 0,
        ([m], [w]) => t.sub[pair_index(*m, *w)],
        ([m], []) => t.lost[*m as usize - 0x80],
        ([], [w]) => t.added[*w as usize - 0x80],
        _ => return listed(meant, written).unwrap_or(UNLISTED),
    };
    if c == NO {
        UNLISTED
    } else {
        c as u32
    }
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
    damage_of_keys(&lao_bytes(meant)?, &lao_bytes(written)?)
}

/// [`damage_cost`] over key bytes (code point − U+0E00) of two words that have the same
/// skeleton.
pub(crate) fn damage_of_keys(m: &[u8], w: &[u8]) -> Option<u32> {
    damage_within(m, w, u32::MAX)
}

/// [`damage_of_keys`] if it is at most `limit`, else `None` (found out as soon as the
/// units compared so far cost more: costs only add up).
///
/// The two words are read unit by unit side by side: each unit's base and tones are
/// compared with the other word's unit in the same place; they must have as many units.
pub(crate) fn damage_within(m: &[u8], w: &[u8], limit: u32) -> Option<u32> {
    if m == w {
        return Some(0);
    }
    if m.len() > u8::MAX as usize
        || w.len() > u8::MAX as usize
        || m.first().is_some_and(|&b| dropped_byte(b))
    {
        return None;
    }
    let (mut i, mut j) = (0, 0);
    let mut cost = 0u32;
    while i < m.len() && j < w.len() {
        let (ie, je) = (unit_end(m, i), unit_end(w, j));
        // A tone written on this letter that belongs on the next one (or the reverse).
        // (A base is one byte.)
        if ie < m.len() && je < w.len() && m[i] == w[j] && m[ie] == w[je] {
            let (ie2, je2) = (unit_end(m, ie), unit_end(w, je));
            let (ta, tb) = (&m[i + 1..ie], &w[j + 1..je]);
            let (ta2, tb2) = (&m[ie + 1..ie2], &w[je + 1..je2]);
            let shifted = (ta.is_empty() && tb2.is_empty() && ta2 == tb)
                || (tb.is_empty() && ta2.is_empty() && tb2 == ta);
            if shifted && (!tb.is_empty() || !ta.is_empty()) {
                cost += listed(&m[i..ie2], &w[j..je2]).unwrap_or(TONE_SHIFT);
                if cost > limit {
                    return None;
                }
                (i, j) = (ie2, je2);
                continue;
            }
        }
        // The tones of a letter and the next unit read as one (ຄ້າ written ຄຳ: ້າ → ຳ,
        // or the reverse; the next letters differ, else it is a tone lost or moved,
        // priced below and above): the tables list the pair, which costs less than a
        // tone lost and a vowel swapped.
        if m[i] == w[j]
            && ie < m.len()
            && je < w.len()
            && m[ie] != w[je]
            && m[i + 1..ie] != w[j + 1..je]
        {
            let (ie2, je2) = (unit_end(m, ie), unit_end(w, je));
            if let Some(c) = listed(&m[i + 1..ie2], &w[j + 1..je2]) {
                let apart = cost_of_pair(&m[i + 1..ie], &w[j + 1..je])
                    + unit_cost(&m[ie..ie2], &w[je..je2]);
                cost += c.min(apart);
                if cost > limit {
                    return None;
                }
                (i, j) = (ie2, je2);
                continue;
            }
        }
        cost += unit_cost(&m[i..ie], &w[j..je]);
        if cost > limit {
            return None;
        }
        (i, j) = (ie, je);
    }
    (i == m.len() && j == w.len()).then_some(cost)
}

/// What it costs to write the aligned unit `b` (a base and its tone marks) where `a` was
/// meant: the row of the unit as a whole (a vowel mark's stacked-tone row, ື່ → ື; ບ່ read
/// as ປ, the tone taken for ປ's tail) or its base's and tones' rows, whichever is lower
/// (ື່ typed ື້ is the keyboard's ່/້ slip, 2.5 nats, though OCR seldom swaps a stacked
/// tone: 4.1).
#[inline]
fn unit_cost(a: &[u8], b: &[u8]) -> u32 {
    if a == b {
        return 0;
    }
    let (ta, tb) = (&a[1..], &b[1..]);
    let whole = if ta != tb { listed(a, b) } else { None };
    let apart = || cost_of_pair(&a[..1], &b[..1]) + cost_of_pair(ta, tb);
    match whole {
        Some(c) => c.min(apart()),
        None => apart(),
    }
}

/// Walks one lexicon automaton from `start` over `text` (key bytes; 0 = not a Lao
/// character) allowing at most `max_edits` single-character edits that the error tables
/// list (a letter written for another, a letter lost, a letter added), of total cost at
/// most `budget`; calls `found(end, word, word_cost, damage)` for every dictionary word
/// reached with at least one edit. The bounded, weighted edit search of the word stage.
pub(crate) fn near(
    automaton: &Automaton,
    text: &[u8],
    start: usize,
    budget: u32,
    max_edits: u8,
    edits: std::ops::Range<usize>,
    found: &mut impl FnMut(usize, &[u8], u64, u32),
) {
    let end = text.len().min(start + MAX_WORD_CHARS);
    let mut search = NearSearch {
        a: automaton.flat(),
        text: &text[..end],
        budget,
        edits,
        word: Vec::with_capacity(32),
        found,
    };
    search.from(search.a.start(), 0, start, 0, max_edits);
}

/// The state of one [`near`] search that stays the same from step to step.
struct NearSearch<'a, F> {
    a: Flat<'a>,
    text: &'a [u8],
    budget: u32,
    /// Text positions where an edit may be made.
    edits: std::ops::Range<usize>,
    /// The meant word so far (key bytes).
    word: Vec<u8>,
    found: &'a mut F,
}

impl<F: FnMut(usize, &[u8], u64, u32)> NearSearch<'_, F> {
    /// Goes on from `state` (output so far `out`) at text position `i`, with `damage` so
    /// far and `edits_left`.
    fn from(&mut self, state: usize, out: u64, i: usize, damage: u32, edits_left: u8) {
        let t = tables();
        let a = self.a;
        // The first bytes of the state's record, read once.
        let head = a.head(state);
        if damage > 0 {
            if let Some(f) = Flat::final_of(head) {
                (self.found)(i, &self.word, out + f, damage);
            }
        }
        if self.word.len() >= MAX_WORD_CHARS {
            return;
        }
        let c = self.text.get(i).copied().filter(|&b| b >= 0x80);
        // Exact step.
        if let Some(c) = c {
            if let Some(k) = a.find_from(state, head as u8, c) {
                self.descend(k, out, i + 1, damage, edits_left);
            }
        }
        if edits_left == 0 || !self.edits.contains(&i) {
            return;
        }
        let budget = self.budget;
        let within = |cost: u16| cost != NO && damage + cost as u32 <= budget;
        // A written letter that was not meant.
        if let Some(c) = c {
            let cost = t.added[c as usize - 0x80];
            if within(cost) && !self.word.is_empty() {
                self.from(state, out, i + 1, damage + cost as u32, edits_left - 1);
            }
        }
        let node = a.node_from(state, head as u8);
        for (k, &m) in a.inputs(node).iter().enumerate() {
            if m < 0x80 {
                continue;
            }
            // A meant letter written as another.
            if let Some(c) = c.filter(|&c| c != m) {
                let cost = t.sub[pair_index(m, c)];
                if within(cost) {
                    let k = a.transition_of(node, k);
                    self.descend(k, out, i + 1, damage + cost as u32, edits_left - 1);
                }
            }
            // A meant letter lost (not at the very end: the next word may start with it);
            // a tone on a vowel mark written as meant is lost at its stacked row's cost
            // (ີ່ read as ີ), far cheaper than a tone alone.
            let cost = match self.word.last() {
                Some(&v) if dropped_byte(m) && i > 0 && self.text[i - 1] == v => {
                    stacked_loss(v, m).unwrap_or(t.lost[m as usize - 0x80])
                }
                _ => t.lost[m as usize - 0x80],
            };
            if within(cost) && c.is_some() {
                self.descend(
                    a.transition_of(node, k),
                    out,
                    i,
                    damage + cost as u32,
                    edits_left - 1,
                );
            }
        }
        let Some(c) = c else {
            return;
        };
        // Two meant letters written as one (ເງ read as ຜ).
        for &(m1, m2, cost) in &t.merge[c as usize - 0x80] {
            if within(cost) {
                if let Some(k1) = a.find_from(state, head as u8, m1) {
                    if let Some(k2) = a.find(k1.target, m2) {
                        self.word.push(m1);
                        self.descend(
                            Transition {
                                output: k1.output + k2.output,
                                ..k2
                            },
                            out,
                            i + 1,
                            damage + cost as u32,
                            edits_left - 1,
                        );
                        self.word.pop();
                    }
                }
            }
        }
        // A meant letter written as two (ໝ read as ບນ).
        let Some(c2) = self.text.get(i + 1).copied().filter(|&b| b >= 0x80) else {
            return;
        };
        for &(m, cost) in t.split(pair_index(c, c2)) {
            if within(cost) {
                if let Some(k) = a.find_from(state, head as u8, m) {
                    self.descend(k, out, i + 2, damage + cost as u32, edits_left - 1);
                }
            }
        }
    }

    /// Takes transition `k` (its letter joins the meant word), goes on at `i`.
    fn descend(&mut self, k: Transition, out: u64, i: usize, damage: u32, edits_left: u8) {
        self.word.push(k.input);
        self.from(k.target, out + k.output, i, damage, edits_left);
        self.word.pop();
    }
}

/// What the tables list for tone `tone` lost from vowel mark `vowel` (key bytes), if
/// `vowel` is a vowel mark and they list it, as the edit search's costs.
#[inline]
fn stacked_loss(vowel: u8, tone: u8) -> Option<u16> {
    let mark = crate::lao::is_mark(char::from_u32(0x0E00 + vowel as u32).unwrap_or(' '));
    let cost = listed(&[vowel, tone], &[vowel]).filter(|_| mark)?;
    Some(cost.min(NO as u32 - 1) as u16)
}

/// The skeleton indexes of a [`Lexicon`]: the embedded one when the lexicon's base list
/// is the embedded list, else one built from it, plus one for the user words.
///
/// ```
/// use laoclean::words::{correct::SkeletonIndex, Lexicon};
/// let index = SkeletonIndex::new(&Lexicon::embedded());
/// let chars: Vec<char> = "ໃຫ່ຍ".chars().collect();
/// let mut found = vec![];
/// index.walk(&chars, 0, 0, false, |end, word, _cost, _skip| found.push((end, word.to_vec())));
/// assert!(found.contains(&(4, laoclean::words::lexicon::key("ໃຫຍ່").unwrap())));
/// ```
#[derive(Clone)]
pub struct SkeletonIndex {
    maps: Vec<Automaton>,
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
            maps.push(Automaton::from_static(SKELETON));
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
    /// `found(end, word, cost, skipped)` (word as key bytes, code point − U+0E00) for
    /// every word whose skeleton is that of `chars[start..end]` (`end` after any tone
    /// marks), for `end > min_end` only. When `join` is true the walk may step over one
    /// space or line break between Lao letters; `skipped` is then its index.
    pub fn walk(
        &self,
        chars: &[char],
        start: usize,
        min_end: usize,
        join: bool,
        mut found: impl FnMut(usize, &[u8], u64, Option<usize>),
    ) {
        let found = &mut |e, w: &[u8], c, s, _, _| found(e, w, c, s);
        self.walk_all(chars, start, min_end, join, (true, false), found);
    }

    /// [`walk`](Self::walk) for the web phrases (see the [module docs](self)) instead
    /// of the words, never across a space: the two words in a row that text with this
    /// skeleton could be a damaged copy of, with their cost.
    ///
    /// ```
    /// use laoclean::words::{correct::SkeletonIndex, lexicon::key, Lexicon};
    /// let index = SkeletonIndex::new(&Lexicon::embedded());
    /// let chars: Vec<char> = "ສ້າງແຜ່ນ".chars().collect(); // make a sheet, for ສ້າງແຜນ (make a plan)
    /// let mut found = vec![];
    /// index.walk_phrases(&chars, 0, 0, |end, phrase, _cost| found.push((end, phrase.to_vec())));
    /// assert!(found.contains(&(8, key("ສ້າງແຜນ").unwrap())));
    /// ```
    pub fn walk_phrases(
        &self,
        chars: &[char],
        start: usize,
        min_end: usize,
        mut found: impl FnMut(usize, &[u8], u64),
    ) {
        let found = &mut |e, w: &[u8], c, _, _, _| found(e, w, c);
        self.walk_all(chars, start, min_end, false, (false, true), found);
    }

    /// [`walk_below`](Self::walk_below) with no bound, no damage limit and no letter
    /// read from two: every entry of the skeleton.
    fn walk_all(
        &self,
        chars: &[char],
        start: usize,
        min_end: usize,
        join: bool,
        lists: (bool, bool),
        found: &mut impl OnEntry,
    ) {
        let unbounded = |_: usize, _: bool| u64::MAX;
        let mut scratch = WalkScratch::default();
        let no_limit = (u32::MAX, false);
        self.walk_below(
            chars,
            start,
            min_end,
            join,
            lists,
            unbounded,
            no_limit,
            &mut scratch,
            found,
        );
    }

    /// [`walk`](Self::walk) and [`walk_phrases`](Self::walk_phrases) in one pass
    /// (`lists`: words, phrases), reporting only the entries that cost less than
    /// `bound(end, joined)` and can have at most `max_damage`, with `phrase` true for a
    /// phrase. An entry's cost is the sum of the outputs along its path in the
    /// automaton, so the walk does not enter a branch whose outputs and least damage so
    /// far already reach the bound (see `list_below`): the entries left out are exactly
    /// those that could not be kept. With `splits`, the walk also reads two written
    /// letters as the one letter a one-for-two row of the tables says they split from
    /// (ບນ as ໝ), once per entry, and reports it ([`Split`]); its cost counts against
    /// the bound and `max_damage`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn walk_below(
        &self,
        chars: &[char],
        start: usize,
        min_end: usize,
        join: bool,
        lists: (bool, bool),
        bound: impl Fn(usize, bool) -> u64,
        (max_damage, splits): (u32, bool),
        scratch: &mut WalkScratch,
        found: &mut impl OnEntry,
    ) {
        for map in &self.maps {
            let mut walk = SkeletonWalk {
                a: map.flat(),
                chars,
                start,
                min_end,
                join,
                lists,
                bound: &bound,
                max_damage,
                splits,
                scratch: &mut *scratch,
                found: &mut *found,
            };
            let state = walk.a.start();
            walk.from(state, 0, start, None, None, [0; MAX_WORD_CHARS], 0, false);
        }
    }
}

/// One meant letter that the skeleton walk read from two written ones (ໝ from ບນ, the
/// OCR table's one-for-two rows): at text position `at`, at `cost` of damage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Split {
    /// Where the two written letters start.
    pub at: usize,
    /// The meant letter's key byte.
    pub meant: u8,
    /// The row's cost (milli-nats).
    pub cost: u32,
}

/// What a skeleton walk reports for each entry: its end, key bytes and cost, the space
/// it stepped over, the letter it read from two, and whether it is a phrase.
pub(crate) trait OnEntry:
    FnMut(usize, &[u8], u64, Option<usize>, Option<Split>, bool)
{
}
impl<F: FnMut(usize, &[u8], u64, Option<usize>, Option<Split>, bool)> OnEntry for F {}

/// The key of two neighbouring written letters in the one-for-two rows of the error
/// tables, if a row has them (ບນ, ານ …).
#[inline]
fn split_pair(c: char, d: char) -> Option<usize> {
    let key = |c: char| class_byte(c).map(|_| (c as u32 - 0x0E00) as u8);
    let pair = pair_index(key(c)?, key(d)?);
    (tables().split_at[pair] != 0).then_some(pair)
}

/// The state of one walk of a text's skeleton through one automaton that stays the
/// same from step to step (see [`SkeletonIndex::walk_below`]).
struct SkeletonWalk<'a, 'f, B, F> {
    a: Flat<'a>,
    chars: &'a [char],
    start: usize,
    min_end: usize,
    join: bool,
    lists: (bool, bool),
    bound: &'f B,
    max_damage: u32,
    /// Whether the walk reads one letter from two.
    splits: bool,
    scratch: &'f mut WalkScratch,
    found: &'f mut F,
}

impl<B: Fn(usize, bool) -> u64, F: OnEntry> SkeletonWalk<'_, '_, B, F> {
    /// Walks on from `state` (output `out`) at text position `k`; `bases[..units]` are
    /// the written units' bases so far (a listed word's bases are compared with them as
    /// it is spelt out, see `list_below`). `fresh`: a unit was just read, so the
    /// entries ending at `k` are listed first.
    #[allow(clippy::too_many_arguments)]
    fn from(
        &mut self,
        mut state: usize,
        mut out: u64,
        mut k: usize,
        mut skipped: Option<usize>,
        split: Option<Split>,
        mut bases: [u8; MAX_WORD_CHARS],
        mut units: usize,
        mut fresh: bool,
    ) {
        let (a, chars) = (self.a, self.chars);
        let n = chars.len();
        let limit = n.min(self.start + MAX_WORD_CHARS);
        loop {
            if fresh && k > self.min_end {
                self.list(state, out, k, skipped, split, &bases[..units]);
            }
            fresh = false;
            if k >= limit {
                return;
            }
            let c = chars[k];
            if (c == ' ' || c == '\n') && self.join && skipped.is_none() && k > self.start {
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
            // Two written letters read as the one meant letter they split from: the walk
            // forks (once per word).
            if self.splits && split.is_none() && k + 1 < limit {
                if let Some(pair) = split_pair(c, chars[k + 1]) {
                    self.fork(state, out, k, skipped, pair, &bases, units);
                }
            }
            let Some(t) = a.find(state, b) else {
                return;
            };
            out += t.output;
            state = t.target;
            bases[units] = (c as u32 - 0x0E00) as u8;
            units += 1;
            k = after_tones(chars, k + 1);
            fresh = true;
        }
    }

    /// The branches of [`SkeletonWalk::from`] where `chars[k]` and `chars[k + 1]` are
    /// one meant letter.
    #[allow(clippy::too_many_arguments)]
    fn fork(
        &mut self,
        state: usize,
        out: u64,
        k: usize,
        skipped: Option<usize>,
        pair: usize,
        bases: &[u8; MAX_WORD_CHARS],
        units: usize,
    ) {
        let chars = self.chars;
        for &(m, cost) in tables().split(pair) {
            let b = SKELETON_CLASS[m as usize - 0x80];
            if b == 0 {
                continue; // a tone mark meant: no unit of the skeleton
            }
            if cost as u32 > self.max_damage {
                continue;
            }
            let Some(tr) = self.a.find(state, b) else {
                continue;
            };
            let mut bases = *bases;
            bases[units] = m;
            let k2 = after_tones(chars, k + 2);
            let split = Split {
                at: k,
                meant: m,
                cost: cost as u32,
            };
            self.from(
                tr.target,
                out + tr.output,
                k2,
                skipped,
                Some(split),
                bases,
                units + 1,
                true,
            );
        }
    }

    /// Lists the entries that end at `k`.
    fn list(
        &mut self,
        state: usize,
        out: u64,
        k: usize,
        skipped: Option<usize>,
        split: Option<Split>,
        bases: &[u8],
    ) {
        let a = self.a;
        let (words, phrases) = self.lists;
        // The words of this skeleton follow a 0x00, the lowest byte: the first
        // transition; its phrases a 0x01 (never across a space).
        let under_words = words.then(|| a.first_over(state, WORDS)).flatten();
        let under_phrases = (phrases && skipped.is_none())
            .then(|| a.find(state, PHRASES))
            .flatten();
        if under_words.is_none() && under_phrases.is_none() {
            return;
        }
        // A letter read from two has its cost of damage already.
        let spent = split.map_or(0, |s| s.cost);
        let below = (self.bound)(k, skipped.is_some()).saturating_sub(spent as u64);
        let most = self.max_damage.saturating_sub(spent);
        let found = &mut *self.found;
        for (t0, phrase) in [(under_words, false), (under_phrases, true)] {
            if let Some(t0) = t0 {
                let mut list = |w: &[u8], cost| found(k, w, cost, skipped, split, phrase);
                list_below(a, t0, out, below, (bases, most), self.scratch, &mut list);
            }
        }
    }
}

/// The byte after a skeleton under which its words are keyed.
const WORDS: u8 = 0;

/// The byte after a skeleton under which its web phrases are keyed.
const PHRASES: u8 = 1;

/// Every entry under transition `t0` (output so far `out`) whose cost and least damage
/// stay below `below`, depth first, as key bytes and cost.
///
/// `written` holds the written units' bases (a word under a skeleton has one unit for
/// each) and the most damage a word may have: as a word is spelt out, each unit whose
/// base differs from the written one adds the least any listed pair of those bases costs
/// (`base_floor`), and a branch whose sum passes that most, or brings its cost to
/// `below`, is not entered. The sum never exceeds the word's damage ([`damage_within`]).
fn list_below(
    a: Flat<'_>,
    t0: Transition,
    out: u64,
    below: u64,
    (bases, max_damage): (&[u8], u32),
    scratch: &mut WalkScratch,
    found: &mut impl FnMut(&[u8], u64),
) {
    let o0 = out + t0.output;
    if o0 >= below {
        return;
    }
    let floor = &tables().base_floor;
    let WalkScratch { word, stack } = scratch;
    stack.clear();
    word.clear();
    let s0 = t0.target;
    if let Some(f) = a.final_output(s0) {
        if o0 + f < below {
            found(&word[..0], o0 + f);
        }
    }
    stack.push((o0, 0, a.cursor(s0, a.head(s0) as u8), 0, 0));
    while let Some((o, len, next, least, units)) = stack.last_mut() {
        let Some(t) = a.advance(next) else {
            stack.pop();
            continue;
        };
        let (o, len, mut least, mut units) = (*o + t.output, *len, *least, *units);
        if !dropped_byte(t.input) {
            let w = bases.get(units).copied().unwrap_or(t.input);
            if w != t.input {
                least += floor[pair_index(t.input, w)] as u32;
            }
            units += 1;
        }
        if o + (least as u64) < below && least <= max_damage {
            word.truncate(len);
            word.push(t.input);
            let s = t.target;
            let head = a.head(s);
            if let Some(f) = Flat::final_of(head) {
                if o + f < below {
                    found(&word[..len + 1], o + f);
                }
            }
            stack.push((o, len + 1, a.cursor(s, head as u8), least, units));
        }
    }
}

/// The buffers of a skeleton walk, kept from one walk to the next.
#[derive(Default)]
pub(crate) struct WalkScratch {
    word: Vec<u8>,
    /// (output so far, word length, where the transitions of the state stand, least
    /// damage so far, units so far).
    stack: Vec<(u64, usize, Cursor, u32, usize)>,
}

/// Builds a skeleton automaton from words and costs.
fn build(words: impl Iterator<Item = (String, u64)>) -> Automaton {
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
    let fst = fst::raw::Fst::new(b.into_inner().expect("in-memory fst")).expect("fst just built");
    Automaton::from_fst(&fst)
}

/// The word of key bytes.
pub(crate) fn word_of(key: &[u8]) -> String {
    key.iter()
        .map(|&b| char::from_u32(0x0E00 + b as u32).unwrap_or('\u{FFFD}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::lexicon;

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
    fn a_tone_and_the_vowel_after_it_read_as_one_mark_is_one_listed_slip() {
        // The OCR table lists ້າ read as ຳ (and the reverse) as one pair: that row's
        // cost, not a tone lost plus a vowel swapped (about 8 nats).
        let row = |m: &str, w: &str| listed(&lao_bytes(m).unwrap(), &lao_bytes(w).unwrap());
        assert_eq!(damage_cost("ໜ້າ", "ໜຳ"), row("້າ", "ຳ"));
        assert_eq!(damage_cost("ນຳ", "ນ້າ"), row("ຳ", "້າ"));
        assert!(damage_cost("ໜ້າ", "ໜຳ").unwrap() < 4000);
        // A tone on the unit before a vowel that only changes where it stands is not
        // such a pair: the tone-shift rule still prices it.
        assert_eq!(damage_cost("ກວ້າງ", "ກ້ວາງ"), Some(TONE_SHIFT));
    }

    #[test]
    fn a_tone_swapped_on_a_vowel_mark_costs_the_lower_of_the_two_tables() {
        // The OCR table lists ື່ read as ື້ (4.1 nats: OCR seldom swaps a stacked tone);
        // the typing table's ່/້ slip (2.5) applies on a vowel mark as anywhere else.
        let row = |m: &str, w: &str| listed(&lao_bytes(m).unwrap(), &lao_bytes(w).unwrap());
        let stacked = row("ື່", "ື້").unwrap();
        let plain = row("່", "້").unwrap();
        assert!(plain < stacked, "{plain} {stacked}");
        assert_eq!(damage_cost("ເຊື່ອ", "ເຊື້ອ"), Some(plain));
        // A tone lost from a vowel mark still costs its stacked row, the lower one.
        assert_eq!(damage_cost("ເຊື່ອ", "ເຊືອ"), row("ື່", "ື"));
    }

    #[test]
    fn a_letter_and_its_tone_read_as_one_letter_is_one_listed_slip() {
        // Tesseract takes a tone mark for the tail of ປ, ຕ, ຢ: the OCR table lists ບ່
        // read as ປ and ດ້ as ຕ, cheaper than a letter swapped and a tone lost.
        let row = |m: &str, w: &str| listed(&lao_bytes(m).unwrap(), &lao_bytes(w).unwrap());
        assert_eq!(damage_cost("ບ່ອນ", "ປອນ"), row("ບ່", "ປ"));
        assert_eq!(damage_cost("ດ້ານ", "ຕານ"), row("ດ້", "ຕ"));
        let apart = damage_cost("ບອນ", "ປອນ").unwrap() + damage_cost("ບ່ອນ", "ບອນ").unwrap();
        assert!(damage_cost("ບ່ອນ", "ປອນ").unwrap() < apart);
    }

    /// The words the edit search finds for `written` from its start, with a lexicon of
    /// `word` alone (6 nats of budget, `edits` edits, made only in `window`): end, word
    /// and damage.
    fn near_words(
        word: &str,
        written: &str,
        edits: u8,
        window: std::ops::Range<usize>,
    ) -> Vec<(usize, String, u32)> {
        let lex = Lexicon::from_counts([(word, 5)]).unwrap();
        let text = lexicon::key(written).unwrap();
        let mut found = vec![];
        for fst in lex.automata() {
            near(
                fst,
                &text,
                0,
                6000,
                edits,
                window.clone(),
                &mut |e, w, _, d| found.push((e, word_of(w), d)),
            );
        }
        found
    }

    #[test]
    fn the_edit_search_edits_only_inside_its_window() {
        // ບອນ for ບ່ອນ: a tone mark lost before text position 1.
        let search = |window| near_words("ບ່ອນ", "ບອນ", 2, window);
        let ends = |found: Vec<(usize, String, u32)>| -> Vec<(usize, String)> {
            found.into_iter().map(|(e, w, _)| (e, w)).collect()
        };
        let meant = vec![(3, "ບ່ອນ".to_string())];
        assert_eq!(ends(search(0..3)), meant);
        assert_eq!(ends(search(1..2)), meant);
        assert!(search(2..3).is_empty());
        assert!(search(0..1).is_empty());
    }

    #[test]
    fn the_edit_search_reads_two_letters_as_the_one_ocr_split() {
        // ໝ read as ບນ (a row of the OCR table): one edit, at its listed cost.
        let found = near_words("ກົດໝາຍ", "ກົດບນາຍ", 1, 0..7);
        let split = listed(&[0xDD], &[0x9A, 0x99]).unwrap();
        assert_eq!(found, [(7, "ກົດໝາຍ".to_string(), split)]);
        // Outside the edit window, or with no edit left, it is not made.
        assert!(near_words("ກົດໝາຍ", "ກົດບນາຍ", 1, 0..3).is_empty());
        assert!(near_words("ກົດໝາຍ", "ກົດບນາຍ", 0, 0..7).is_empty());
    }

    #[test]
    fn the_edit_search_reads_one_letter_as_the_two_ocr_merged() {
        // ເງ read as ຜ (a row of the OCR table): one edit, at its listed cost.
        let search = |edits, window| near_words("ເງື່ອນໄຂ", "ຜື່ອນໄຂ", edits, window);
        let merged = listed(&[0xC0, 0x87], &[0x9C]).unwrap();
        assert_eq!(search(1, 0..7), [(7, "ເງື່ອນໄຂ".to_string(), merged)]);
        // Outside the edit window, or with no edit left, it is not made.
        assert!(search(1, 1..7).is_empty());
        assert!(search(0, 0..7).is_empty());
    }

    #[test]
    fn the_edit_search_prices_a_tone_lost_from_a_vowel_mark_at_its_stacked_row() {
        // ເງ read as ຜ and the tone of ື່ lost: the tone's cost is the row ື່ → ື (OCR
        // loses a tone stacked on a vowel mark far more often than one alone).
        let found = near_words("ເງື່ອນໄຂ", "ຜືອນໄຂ", 2, 0..6);
        let key = |s: &str| lao_bytes(s).unwrap();
        let merged = listed(&key("ເງ"), &key("ຜ")).unwrap();
        let stacked = listed(&key("ື່"), &key("ື")).unwrap();
        let alone = tables().lost[key("່")[0] as usize - 0x80] as u32;
        assert!(stacked < alone);
        assert_eq!(found, [(6, "ເງື່ອນໄຂ".to_string(), merged + stacked)]);
    }

    #[test]
    fn the_walk_reads_two_letters_as_one_only_when_asked() {
        let lex = Lexicon::from_counts([("ຂະແໜງ", 5)]).unwrap();
        let index = SkeletonIndex::new(&lex);
        let chars: Vec<char> = "ຂະແບນງ".chars().collect();
        let walk = |splits: bool| {
            let mut found = vec![];
            index.walk_below(
                &chars,
                0,
                0,
                false,
                (true, false),
                |_, _| u64::MAX,
                (u32::MAX, splits),
                &mut WalkScratch::default(),
                &mut |e, w, _, _, split, _| found.push((e, word_of(w), split)),
            );
            found
        };
        assert!(walk(false).is_empty());
        // ບນ is read as ໜ and as ໝ (one class): the word is found by both readings, and
        // the caller weighs each with its own damage.
        let found = walk(true);
        assert_eq!(found.len(), 2, "{found:?}");
        for (end, word, split) in &found {
            assert_eq!((*end, word.as_str()), (6, "ຂະແໜງ"));
            let split = split.expect("read from two letters");
            assert_eq!(split.at, 3);
            assert_eq!(Some(split.cost), listed(&[split.meant], &[0x9A, 0x99]));
        }
        let meant: Vec<u8> = found.iter().map(|f| f.2.unwrap().meant).collect();
        assert!(meant.contains(&0xDC) && meant.contains(&0xDD)); // ໜ, ໝ
    }

    #[test]
    fn walk_finds_words_across_one_space_only_when_joining() {
        let lex = Lexicon::from_counts([("ຄຸນນະພາບ", 5), ("ຄຸນ", 5)]).unwrap();
        let index = SkeletonIndex::new(&lex);
        let chars: Vec<char> = "ຄຸນ ນະພາບ".chars().collect();
        let mut ends = vec![];
        index.walk(&chars, 0, 0, false, |e, w, _, s| {
            ends.push((e, word_of(w), s))
        });
        assert_eq!(ends, [(3, "ຄຸນ".to_string(), None)]);
        ends.clear();
        index.walk(&chars, 0, 0, true, |e, w, _, s| {
            ends.push((e, word_of(w), s))
        });
        assert!(ends.contains(&(9, "ຄຸນນະພາບ".to_string(), Some(3))));
    }
}
