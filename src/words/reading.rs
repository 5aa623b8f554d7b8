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
//! - a respelt *phrase*: two words in a row that web text holds far more often than
//!   chance ([`correct`](super::correct#web-phrases)) with the same skeleton as the text,
//!   its cost plus the damage cost; its edit is the words of it that change;
//! - a *joined* word across one space (either of the above plus [`JOIN_SPACE`]), or a
//!   dictionary word spelt exactly across two spaces or more (a word typed a syllable at
//!   a time, ບໍ␠ລິ␠ຫານ: `JOIN_SPACE` each), from a word of the unedited reading and never
//!   across a space before a word that opens a clause or a phrase, or after ວ່າ; where
//!   one wins but is not applied, the stretch is read again without them.
//!
//! Viterbi gives two paths over the same nodes: the *unedited* one (spaces, unknown
//! syllables and exact words only: the plain segmentation) and the best one. Where the
//! two part and meet again, the best reading is taken only if it is cheaper by the
//! level's margin; from half the margin it is a suggestion; below, nothing. Precision
//! first, with more guards:
//!
//! - where the unedited reading is all dictionary words (a *real-word* error such as
//!   ລັງວັນທີ), the best reading must also read the stretch in fewer words (the dictionary
//!   holds the compound: ລົງວັນທີ), never just swap one word for another in the same
//!   place (at the aggressive level, only where web text corroborates the new spelling:
//!   [`WEB_CORROBORATES`]); in as many words only if it takes out a space and changes no
//!   letter (ສູນ␠ກາງຂອງ → ສູນກາງຂອງ, read ສູນກາງ + ຂອງ), or cuts the words elsewhere with a
//!   letter changed and web text holds the new spelling more often (ສິກ + ສາການ → ສຶກສາ +
//!   ການ); and a compound that only one word list holds and running text never showed
//!   ([`Lexicon::attested`]) is only suggested there;
//! - a corrected word may cost at most [`MAX_DAMAGE`] of damage;
//! - a respelt word that opens a run of letters whose rest starts with a syllable no
//!   dictionary word covers is only suggested: it is most likely the start of a name or
//!   a loanword (ຢູນິ of ຢູນິເທວ, Unitel, is not ຢູ່ນີ້, here). On the OCR pairs this
//!   leaves 15 right respellings of damaged text as suggestions (CER at `standard`
//!   8.97% → 9.00% on the tune half). At the standard level
//!   ([`Reader::suggest_beside_unknown`]), so is a respelt word anywhere that touches
//!   a syllable the best reading leaves unknown too (ເອສໂຕເນຍ, Estonia, is not ເອສ +
//!   ໂຕເຈຍ): on clean running text 10 of 24 wrong respellings and 3 of 117 right ones
//!   go, on the OCR pairs CER 9.00% → 9.14% on the tune half.
//!
//! A reading that only takes spaces out needs less: [`PLAIN_JOIN_MARGIN`] (the aggressive
//! level's), unless a word that opens a clause (ແລະ, ແຕ່, ໃນ …,
//! `dictionaries/rules/clause_words.tsv`) follows a space taken out or the joined word:
//! Lao puts spaces between phrases, and a space elsewhere is mostly one inside a word.
//! Where such a word does follow, or the space follows a word after which Lao puts one
//! (ວ່າ, that: kind `after` of the list), the join needs [`STANDARD_MARGIN`] at every
//! level, the aggressive one too. Where the joined word runs straight into a
//! conjunction (ແລະ, ໂດຍ, ເພື່ອ …), the space was typed one word too early, and it is
//! moved there.
//!
//! The gain of a respelling also counts what web text says ([`web`]): how much more often
//! its tokens hold the new spelling of the stretch than the written one, or, where some
//! other respelling of the written words is commoner still, how much less often than
//! that one. A compound that web text has often, and more than the written words, counts
//! as attested.
//!
//! Time is linear in the stretch: from each node the walks stop after
//! [`MAX_WORD_CHARS`](super::lexicon::MAX_WORD_CHARS) characters. The edit search runs
//! from the two words before an unknown syllable up to it, and makes its edits only
//! within [`NEAR_SLACK`] characters of that syllable: the words before it are known, and
//! respelling them is the compound search's job, so from a start two words back the
//! search walks exactly up to the syllable instead of branching at every letter.
//!
//! # Real words in context
//!
//! One word swapped for another in the same place is left out of the lattice at the
//! standard level. After a stretch is read, [`Reader::respell_in_context`] looks at the
//! unedited reading's words that web text never holds beside their neighbours and
//! names the word of the same skeleton that it does hold there (ທີ່ເບີ່ງເຫັນ →
//! ທີ່ເບິ່ງເຫັນ): a suggestion, applied at the aggressive level.
//!
//! # Only the candidates that can win
//!
//! The second pass goes forward, so when it searches from a node the best cost of that
//! node is final, and every later node has a best cost so far (it only falls) and the
//! unedited cost (the best one never ends above it). A candidate word whose dictionary
//! cost alone (damage and a joined space only add) would not bring its end below both
//! could never be the best way there: the skeleton walk
//! ([`SkeletonIndex::walk_below`]) does not enter the branches of the automaton whose
//! costs so far reach that bound, so such words are never looked at, and the damage of
//! the few left is computed once. This prunes only what the relaxation would have
//! thrown away, so the best reading is the same, ties included (of equal costs the
//! first relaxed wins, and the first word to reach a node's final cost is never
//! pruned). Candidates carry their word as key bytes in one buffer, not as a string.
//! Where an edit is planned, its alternatives (the other words of the same text found
//! from the same node, losers included) come from the same search run again without
//! the bound.

use super::correct::{damage_within, dropped_byte, near, word_of, SkeletonIndex, WalkScratch};
use super::lexicon::Lexicon;
use super::lexicon::MAX_WORD_CHARS;
use super::syllable::{candidates, INVALID};
use super::web;
use crate::Rule;
use std::ops::Range;

/// Cost (milli-nats) of reading a space between two Lao letters as a stray one.
pub const JOIN_SPACE: u64 = 2500;

/// The most damage (milli-nats) a corrected word may have suffered.
pub const MAX_DAMAGE: u32 = 7000;

/// How much cheaper (milli-nats) an edited reading must be at the standard level.
pub const STANDARD_MARGIN: u64 = 4500;

/// The most damage (milli-nats) a word found by the edit search ([`near`]) may have.
pub const MAX_NEAR_DAMAGE: u32 = 6000;

/// The most single-character edits the edit search makes in one word.
pub const MAX_NEAR_EDITS: u8 = 2;

/// A compound that this many web tokens hold counts as attested by running text, as
/// one the samples show does ([`Lexicon::attested`]). Chosen on the OCR tune half: 3
/// and 5 gave 9.17% at `standard`, 7 and 10 (the value before) 9.18%, with no damaging
/// edit added at any; the highest of the best was taken.
pub const WEB_ATTESTS: u64 = 5;

/// Web evidence (milli-nats, `ln 20`: web text holds the new spelling at least 20 times
/// as often as the written one, and more often than any other respelling of the written
/// words) that makes a respelling sure enough to apply though its gain is under the
/// level's `min_spelling_confidence`: the lexicon and web text agree. Chosen on the OCR
/// tune half, where any threshold from 0 to 3 nats added no damaging edit (tune CER
/// 9.21% → 9.15% at 0–2 nats, 9.18% at 3): the highest, as precision comes first.
pub const WEB_CORROBORATES: i64 = 2996;

/// The most written words whose other respellings are weighed against a respelling.
pub const RIVAL_WORDS: usize = 3;

/// The most such respellings looked up in web text.
pub const RIVAL_SPELLINGS: usize = 64;

/// The most written words whose other respellings a reader keeps (see
/// [`Reader::rival_on_web`]).
const RIVAL_CACHE: usize = 4096;

/// How many web tokens must hold a respelling beside a neighbour of the written word
/// (which no token holds there) before it is put in the written word's place
/// ([`Reader::respell_in_context`]).
pub const CONTEXT_TOKENS: u64 = 5;

/// The least score (milli-nats: web evidence less half the damage) of a respelling in
/// context ([`Reader::respell_in_context`]): the evidence may fall short of half the
/// damage by 0.4 nats. Chosen on the samples and the Lao of Debian's installer (see
/// the README's section on real words in context).
pub const CONTEXT_SCORE: i64 = -400;

/// The least number of neighbouring word pairs that web text holds in a run of words
/// before a word of it is looked at in context ([`Reader::respell_in_context`]).
pub const CONTEXT_PAIRS: usize = 2;

/// How many words on each side of a word must be dictionary words (no unknown
/// syllable) before it is looked at in context ([`Reader::respell_in_context`]).
pub const CONTEXT_WORDS: usize = 3;

/// The margin of the aggressive level.
pub const AGGRESSIVE_MARGIN: u64 = 2500;

/// The margin (at most) of a reading that only takes spaces out, none of them before a
/// word that opens a clause and the joined word not right before one
/// ([`opens_clause`]): Lao puts spaces between phrases, and a space elsewhere is mostly
/// one inside a word (ຄວາມ␠ເຂັ້ມແຂງ, ຄົນ␠ເຈັບ), which machine translation and typists
/// leave. A joined word that runs straight into a conjunction takes this margin too,
/// with the space moved to the conjunction ([`SpaceTakenOut::OneWordEarly`]).
/// On the samples, every join the aggressive level (this margin) makes there was right.
/// A join where a clause opens needs [`STANDARD_MARGIN`] at every level (the aggressive
/// level's lower margin joined ແລ້ວ␠ແຕ່, "already, but", on the samples).
pub const PLAIN_JOIN_MARGIN: u64 = AGGRESSIVE_MARGIN;

/// Where the spaces a reading takes out stood (see [`PLAIN_JOIN_MARGIN`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SpaceTakenOut {
    /// Inside a word: no word that opens a clause follows a space or the joined word.
    InsideWord,
    /// One word before a conjunction that the one joined word runs straight into: the
    /// space is moved there.
    OneWordEarly,
    /// Between phrases (before a word that opens a clause, or the joined word right
    /// before one that is not a whole conjunction): the standard margin at least.
    BetweenPhrases,
}

/// The kinds of `dictionaries/rules/clause_words.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ClauseKind {
    /// A conjunction or subordinating word, before which a space goes.
    Clause,
    /// A word before which a space may go.
    Phrase,
    /// A word after which a space may go (ວ່າ, that).
    After,
}

/// The words of `dictionaries/rules/clause_words.tsv`: words beside which a space is
/// Lao style, with their kind.
fn clause_words() -> &'static [(Vec<char>, ClauseKind)] {
    static WORDS: std::sync::OnceLock<Vec<(Vec<char>, ClauseKind)>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../../dictionaries/rules/clause_words.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let mut cols = l.split('\t');
                let word = cols.next().unwrap_or("").chars().collect();
                let kind = match cols.next() {
                    Some("clause") => ClauseKind::Clause,
                    Some("after") => ClauseKind::After,
                    _ => ClauseKind::Phrase,
                };
                (word, kind)
            })
            .collect()
    })
}

/// Does a word that opens a clause (ແລະ, ແຕ່, ເຊິ່ງ …) start at `text[0]`? Any word that
/// begins with one counts (ຄືນ as ຄື): the test errs on the side of keeping a space.
fn opens_clause(text: &[char]) -> bool {
    clause_words()
        .iter()
        .any(|(w, kind)| *kind != ClauseKind::After && text.starts_with(w))
}

/// Does `text` end with a word after which a space is Lao style (ວ່າ)? Any word that
/// ends with one counts (ກວ່າ as ວ່າ): the test errs on the side of keeping a space.
fn ends_phrase(text: &[char]) -> bool {
    clause_words()
        .iter()
        .any(|(w, kind)| *kind == ClauseKind::After && text.ends_with(w))
}

/// Is `word` a conjunction or subordinating word (kind `clause` of the list), whole?
fn is_conjunction(word: &[char]) -> bool {
    clause_words()
        .iter()
        .any(|(w, kind)| *kind == ClauseKind::Clause && w == word)
}

/// Where a stretch of text becomes correctable, for every start: `out[start]` is the
/// least `e` for which `chars[start..e]` has at least [`MIN_CORRECTED`] letters and a
/// vowel (`usize::MAX` if none). Single letters and runs of consonants are abbreviations
/// (ກມສພ, ຄ.ພ.), not damaged words. Both conditions, once met, hold for any longer
/// text, so the answer for a start is the later of two places: after its third letter,
/// and after its first vowel. One pass from the end finds both for every start (a scan
/// from each start would be quadratic in a long stretch with no vowel, such as a run of
/// consonants).
fn correctable_ends(chars: &[char], out: &mut Vec<usize>) {
    out.clear();
    out.resize(chars.len() + 1, usize::MAX);
    // The next letters at or after `k` (up to MIN_CORRECTED of them), nearest first,
    // and the next vowel.
    let mut letters = [usize::MAX; MIN_CORRECTED];
    let mut vowel = usize::MAX;
    for (k, &c) in chars.iter().enumerate().rev() {
        if crate::lao::is_letter(c) {
            letters.rotate_right(1);
            letters[0] = k;
        }
        if crate::lao::is_leading_vowel(c)
            || crate::lao::is_following_vowel(c)
            || (crate::lao::is_mark(c) && !crate::lao::is_tone_mark(c))
        {
            vowel = k;
        }
        let (third, first_vowel) = (letters[MIN_CORRECTED - 1], vowel);
        if third != usize::MAX && first_vowel != usize::MAX {
            out[k] = third.max(first_vowel) + 1;
        }
    }
}

/// How far (characters) from an unknown syllable the edit search may still edit.
pub const NEAR_SLACK: usize = 1;

/// The fewest letters a corrected stretch has.
pub const MIN_CORRECTED: usize = 3;

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
    /// A web phrase (two words) with one of them respelt: reported as the words that
    /// changed.
    Phrase,
    Joined,
}

#[derive(Clone, Copy, Debug)]
struct Edge {
    start: usize,
    end: usize,
    cost: u64,
    kind: Kind,
    /// The word read (corrected and joined edges), as key bytes in [`Reader::words`].
    word: (u32, u32),
}

/// What a correction search from one position found: a candidate word (key bytes), its
/// end, cost and kind.
type Found<'a> = (usize, &'a [u8], u64, Kind);

const NONE: u32 = u32::MAX;

/// The other respellings of written words: by key bytes and length, the written word
/// first, then its respellings.
type Rivals = std::collections::HashMap<(Vec<u8>, usize), Vec<Vec<u8>>>;

/// The parameters of the correction search from one position (see [`Reader::search_at`]).
#[derive(Clone, Copy, Debug)]
struct Search {
    /// Words end after this position.
    min_end: usize,
    /// Nor after this one.
    max_end: usize,
    /// The skeleton walk may step over one space.
    join: bool,
    /// Words spelt across two spaces or more are looked for ([`across_spaces`]): `p`
    /// starts a word of the unedited reading.
    across: bool,
    /// The edit search runs too.
    near: bool,
    /// The text positions where the edit search may make its edits.
    edits: (usize, usize),
    /// Words end here or later: before it, the text is too short to correct
    /// ([`correctable_ends`]).
    correctable: usize,
}

/// Reusable buffers of the decoder.
#[derive(Default)]
pub(crate) struct Reader {
    chars: Vec<char>,
    /// Key byte of each character (code point − U+0E00), 0 for a space or line break.
    keys: Vec<u8>,
    edges: Vec<Edge>,
    /// The key bytes of the words of corrected and joined edges.
    words: Vec<u8>,
    plain: Vec<(u64, u32)>,
    best: Vec<(u64, u32)>,
    cands: Vec<(usize, u32)>,
    offsets: Vec<(usize, char)>,
    /// First pass-1 edge of each position (`NONE` if none were made there).
    first_edge: Vec<u32>,
    /// Where the text from each position becomes correctable ([`correctable_ends`]).
    correctable: Vec<usize>,
    /// Where the correction searches run: full search near unknown syllables, skeleton
    /// search near spaces.
    hot_near: Vec<bool>,
    /// Where the edit search from each hot position may make its edits: around the
    /// unknown syllables that made it hot (see [`Reader::mark_hot`]).
    near_edits: Vec<(usize, usize)>,
    hot_skeleton: Vec<bool>,
    /// The edges of the unedited reading, in order (set once the first pass is done).
    plain_path: Vec<u32>,
    /// The edges of the best reading, in order (a buffer reused from stretch to stretch).
    best_path: Vec<u32>,
    /// End of the unedited reading's word that holds each position (0: none, a space).
    plain_end: Vec<usize>,
    /// How far a compound from each word start of the unedited reading may reach: the
    /// end of the second word after it (0: no compound).
    compound_end: Vec<usize>,
    found: Vec<(usize, u64)>,
    /// The text of a joined word without its space.
    written: Vec<u8>,
    /// Characters inside a user's own word that the base list lacks (`--dict`): never
    /// edited.
    locked: Vec<bool>,
    /// The buffers of the skeleton walks.
    walk: WalkScratch,
    /// The buffers of the walks run again while judging a reading (the alternatives of
    /// an edit, the respellings of a word), kept from stretch to stretch: a fresh one a
    /// walk grew its stack again each time.
    judge_walk: std::cell::RefCell<(WalkScratch, Vec<u8>)>,
    /// The other respellings of each written word weighed so far ([`Reader::rival_on_web`]),
    /// by its key bytes (with any tone marks after it) and length; at most
    /// [`RIVAL_CACHE`] words, then cleared.
    rivals: std::cell::RefCell<Rivals>,
    /// Also run the edit search for compounds everywhere (the aggressive level).
    pub compound_near: bool,
    /// Only suggest a respelt word that touches a syllable no word of the unedited
    /// reading covers, before or after it: a piece of a name or a loanword, more often
    /// than not in clean text (the standard level; OCR noise makes such syllables too,
    /// so the aggressive level respells).
    pub suggest_beside_unknown: bool,
    /// Swap one dictionary word for another in the same place where web text
    /// corroborates it ([`WEB_CORROBORATES`]; the aggressive level: OCR loses tone marks
    /// and writes real words).
    pub swap_words: bool,
    /// Apply the respellings of real words wrong in context
    /// ([`Reader::respell_in_context`]) instead of suggesting them (the aggressive
    /// level: on the OCR pairs they lower the error rate and damage no block).
    pub apply_in_context: bool,
    /// A changed spelling below this confidence is only suggested (above the margin,
    /// a respelling needs a clearer win than a joined space), unless web text
    /// corroborates it ([`WEB_CORROBORATES`]).
    pub min_spelling_confidence: f32,
    /// This stretch is read again without words across two spaces or more: one of them
    /// won but was not applied (see [`Reader::read`]).
    no_across: bool,
}

impl Reader {
    /// Decodes one stretch (`stretch[k]` = byte offset and character) and plans its edits.
    ///
    /// Two passes: the unedited reading (spaces, unknown syllables, exact words), then
    /// the best one, which adds corrected and joined words: all the skeleton's words and
    /// the bounded edit search ([`near`]) near unknown syllables, words joined across a
    /// space near spaces, and elsewhere only compounds of two words or more (real-word
    /// errors). Clean text costs little more than the segmentation.
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
        self.keys.clear();
        self.keys.extend(self.chars.iter().map(|&c| {
            if ('\u{0E80}'..='\u{0EFF}').contains(&c) {
                (c as u32 - 0x0E00) as u8
            } else {
                0
            }
        }));
        self.edges.clear();
        self.words.clear();
        self.plain.clear();
        self.plain.resize(n + 1, (u64::MAX, NONE));
        self.best.clear();
        self.best.resize(n + 1, (u64::MAX, NONE));
        self.first_edge.clear();
        self.first_edge.resize(n + 1, NONE);
        correctable_ends(&self.chars, &mut self.correctable);
        self.plain[0].0 = 0;
        self.locked.clear();
        self.locked.resize(n, false);
        if lex.user_len() > 0 {
            for p in 0..n {
                let mut end = p;
                lex.protected_prefixes(&self.offsets, p, MAX_WORD_CHARS, |e, _| end = end.max(e));
                self.locked[p..end].iter_mut().for_each(|l| *l = true);
            }
        }
        // Pass 1: the unedited reading.
        for p in 0..n {
            if self.plain[p].0 == u64::MAX {
                continue;
            }
            let from = self.edges.len();
            self.base_edges(lex, p);
            for id in from..self.edges.len() {
                self.relax_plain(id as u32);
            }
        }
        self.plain_path.clear();
        if self.plain[n].0 == u64::MAX {
            return;
        }
        let mut path = std::mem::take(&mut self.plain_path);
        self.path_into(&self.plain, &mut path);
        self.plain_path = path;
        self.mark_hot();
        // Pass 2: the best reading.
        self.best[0].0 = 0;
        for p in 0..n {
            if self.best[p].0 == u64::MAX {
                continue;
            }
            if self.first_edge[p] == NONE {
                self.base_edges(lex, p);
            }
            let mut id = self.first_edge[p];
            while (id as usize) < self.edges.len() && self.edges[id as usize].start == p {
                self.relax_best(id);
                id += 1;
            }
            if self.chars[p] == ' ' || self.chars[p] == '\n' {
                continue;
            }
            let Some(search) = self.search_at(p) else {
                continue;
            };
            let from = self.edges.len();
            let (edges, words) = (&mut self.edges, &mut self.words);
            let (best, plain) = (&self.best, &self.plain);
            let base = best[p].0;
            // Only a word that can be the best way to its end is kept: one that lowers
            // the end's best cost so far, and costs no more than the unedited reading
            // there (the best cost only falls, and never above that; of equal costs the
            // first one relaxed wins). The others could not change the best reading; an
            // edit's alternatives are searched again in `judge`.
            let bound = |e: usize, extra: u64| {
                let cap = best[e].0.min(plain[e].0.saturating_add(1));
                cap.saturating_sub(base + extra)
            };
            let found = &mut |(e, w, cost, kind): Found<'_>| {
                let at = words.len() as u32;
                words.extend_from_slice(w);
                edges.push(Edge {
                    start: p,
                    end: e,
                    cost,
                    kind,
                    word: (at, words.len() as u32),
                });
            };
            let written = &mut self.written;
            search_from(
                lex,
                index,
                &self.chars,
                &self.keys,
                written,
                &mut self.walk,
                p,
                search,
                bound,
                found,
            );
            for id in from..self.edges.len() {
                self.relax_best(id as u32);
            }
        }
        if self.best[n].0 == u64::MAX {
            return;
        }
        let mut best = std::mem::take(&mut self.best_path);
        self.path_into(&self.best, &mut best);
        // A word across two spaces or more that wins but is only suggested (a compound
        // running text never showed, a gain under the margin) would keep the shorter
        // joins inside it from being applied (ລົດ␠ໄຟ␠ຟ້າ: ໄຟຟ້າ is applied, ລົດໄຟຟ້າ only
        // suggested): the stretch is then read again without such words.
        let across: Vec<Range<usize>> = best
            .iter()
            .map(|&id| &self.edges[id as usize])
            .filter(|e| {
                e.kind == Kind::Joined
                    && self.chars[e.start..e.end]
                        .iter()
                        .filter(|&&c| c == ' ')
                        .count()
                        >= 2
            })
            .map(|e| self.byte_range(e.start, e.end))
            .collect();
        if across.is_empty() || self.no_across {
            self.plan_edits(lex, index, margin, &best, plan);
            self.best_path = best;
            return;
        }
        let mut planned = Vec::new();
        self.plan_edits(lex, index, margin, &best, &mut planned);
        self.best_path = best;
        let applied = |r: &Range<usize>| {
            planned
                .iter()
                .any(|p| !p.suggestion && p.range.start <= r.start && p.range.end >= r.end)
        };
        if across.iter().all(applied) {
            plan.append(&mut planned);
            return;
        }
        self.no_across = true;
        self.read(lex, index, stretch, margin, plan);
        self.no_across = false;
    }

    /// The unedited edges from `p`: a space, unknown syllables, exact words.
    fn base_edges(&mut self, lex: &Lexicon, p: usize) {
        self.first_edge[p] = self.edges.len() as u32;
        if self.chars[p] == ' ' || self.chars[p] == '\n' {
            self.push(p, p + 1, 0, Kind::Space);
            return;
        }
        let unknown = lex.unknown_cost();
        candidates(&self.offsets, p, &mut self.cands);
        for i in 0..self.cands.len() {
            let (e, syl) = self.cands[i];
            let c = unknown + if syl >= INVALID { unknown } else { syl as u64 };
            self.push(p, e, c, Kind::Unknown);
        }
        let mut found = std::mem::take(&mut self.found);
        found.clear();
        lex.prefixes(&self.offsets, p, MAX_WORD_CHARS, |e, c| found.push((e, c)));
        for &(e, c) in &found {
            self.push(p, e, c, Kind::Exact);
        }
        self.found = found;
    }

    /// Which correction search runs from `p` in the second pass, if any: all the
    /// skeleton's words near unknown syllables (with the edit search); near spaces the
    /// words that end past the unedited reading's word that holds `p` (joined across the
    /// space, or compounds); elsewhere only compounds that end past the unedited
    /// reading's word (up to the end of the second word after it; at the aggressive level
    /// up to the end of the stretch, with the edit search).
    ///
    /// Near a space alone, that word is a dictionary word (an unknown syllable would have
    /// made `p` hot for the edit search), and a reading that respells dictionary words
    /// is applied only if it reads them in fewer words ([`Reader::judge`]): a word that
    /// ends inside them could only help in a reading that also respells the text before
    /// `p`. On the samples, 5 MB of the benchmark and the OCR blocks, at both levels, the
    /// output and the reports are the same as with the full search.
    fn search_at(&self, p: usize) -> Option<Search> {
        if self.hot_skeleton[p] || self.hot_near[p] {
            Some(Search {
                min_end: if self.hot_near[p] {
                    p
                } else {
                    self.plain_end[p].max(p)
                },
                max_end: self.chars.len(),
                join: true,
                across: !self.no_across
                    && (p == 0 || self.chars[p - 1] == ' ' || self.plain_end[p - 1] == p),
                near: self.hot_near[p],
                edits: self.near_edits[p],
                correctable: self.correctable[p],
            })
        } else if self.compound_end[p] > 0 {
            Some(Search {
                min_end: self.plain_end[p],
                max_end: if self.compound_near {
                    self.chars.len()
                } else {
                    self.compound_end[p]
                },
                join: false,
                across: false,
                near: self.compound_near,
                edits: (p, self.chars.len()),
                correctable: self.correctable[p],
            })
        } else {
            None
        }
    }

    /// Marks where the correction searches run, from the unedited reading: from two
    /// words before an unknown syllable (or a space) up to it.
    fn mark_hot(&mut self) {
        let n = self.chars.len();
        self.hot_near.clear();
        self.hot_near.resize(n + 1, false);
        self.near_edits.clear();
        self.near_edits.resize(n + 1, (usize::MAX, 0));
        self.hot_skeleton.clear();
        self.hot_skeleton.resize(n + 1, false);
        self.plain_end.clear();
        self.plain_end.resize(n + 1, 0);
        self.compound_end.clear();
        self.compound_end.resize(n + 1, 0);
        let path = std::mem::take(&mut self.plain_path);
        for w in path.windows(3) {
            let [a, b, c] = [w[0], w[1], w[2]].map(|id| &self.edges[id as usize]);
            if a.kind != Kind::Space && b.kind != Kind::Space {
                self.compound_end[a.start] = if c.kind != Kind::Space { c.end } else { b.end };
            }
        }
        if let [.., a, b] = path.as_slice() {
            let [a, b] = [a, b].map(|&id| &self.edges[id as usize]);
            if a.kind != Kind::Space && b.kind != Kind::Space {
                self.compound_end[a.start] = b.end;
            }
        }
        for (i, &id) in path.iter().enumerate() {
            let e = &self.edges[id as usize];
            if e.kind != Kind::Space {
                self.plain_end[e.start..e.end].fill(e.end);
            }
            let back = self.edges[path[i.saturating_sub(2)] as usize].start;
            match e.kind {
                Kind::Unknown => {
                    let window = e.start.saturating_sub(NEAR_SLACK)..e.end + NEAR_SLACK;
                    for q in back..e.end {
                        self.hot_near[q] = true;
                        let w = &mut self.near_edits[q];
                        *w = (w.0.min(window.start), w.1.max(window.end));
                    }
                }
                Kind::Space => self.hot_skeleton[back..e.start]
                    .iter_mut()
                    .for_each(|h| *h = true),
                _ => {}
            }
        }
        self.plain_path = path;
    }

    /// The words of the unedited reading of the last stretch read: byte range in the
    /// text, and whether it is a dictionary word (spaces left out).
    pub(crate) fn plain_words(&self) -> Vec<(Range<usize>, bool)> {
        let n = self.chars.len();
        if n == 0 || self.plain.get(n).map_or(true, |p| p.0 == u64::MAX) {
            return Vec::new();
        }
        self.plain_path
            .iter()
            .map(|&id| &self.edges[id as usize])
            .filter(|e| e.kind != Kind::Space)
            .map(|e| (self.byte_range(e.start, e.end), e.kind == Kind::Exact))
            .collect()
    }

    fn push(&mut self, p: usize, e: usize, cost: u64, kind: Kind) {
        self.edges.push(Edge {
            start: p,
            end: e,
            cost,
            kind,
            word: (0, 0),
        });
    }

    /// The word of a corrected or joined edge.
    fn word(&self, e: &Edge) -> &[u8] {
        &self.words[e.word.0 as usize..e.word.1 as usize]
    }

    fn relax_plain(&mut self, id: u32) {
        let e = &self.edges[id as usize];
        let c = self.plain[e.start].0.saturating_add(e.cost);
        if c < self.plain[e.end].0 {
            self.plain[e.end] = (c, id);
        }
    }

    fn relax_best(&mut self, id: u32) {
        let e = &self.edges[id as usize];
        let c = self.best[e.start].0.saturating_add(e.cost);
        if c < self.best[e.end].0 {
            self.best[e.end] = (c, id);
        }
    }

    /// The edges of the path that ends at the last node of `table`, in text order,
    /// into `out` (cleared first; reused, since a stretch is read in every paragraph).
    fn path_into(&self, table: &[(u64, u32)], out: &mut Vec<u32>) {
        out.clear();
        let mut j = table.len() - 1;
        while j > 0 {
            let id = table[j].1;
            out.push(id);
            j = self.edges[id as usize].start;
        }
        out.reverse();
    }

    fn plan_edits(
        &self,
        lex: &Lexicon,
        index: &SkeletonIndex,
        margin: u64,
        best: &[u32],
        plan: &mut Vec<Planned>,
    ) {
        if best.iter().all(|&id| {
            matches!(
                self.edges[id as usize].kind,
                Kind::Space | Kind::Unknown | Kind::Exact
            )
        }) {
            return; // the unedited reading is the best one
        }
        let plain = &self.plain_path;
        let mut on_plain = vec![false; self.chars.len() + 1];
        on_plain[0] = true;
        for &id in plain {
            on_plain[self.edges[id as usize].end] = true;
        }
        // Where the unedited reading has an unknown syllable start.
        let mut beside_unknown = vec![false; self.chars.len() + 1];
        for &id in &self.plain_path {
            let e = &self.edges[id as usize];
            if e.kind == Kind::Unknown {
                beside_unknown[e.start] = true;
            }
        }
        // Where the best reading has an unknown syllable start or end: one that it does
        // not respell either (damage next to damage is read away together).
        let mut unknown_edge = vec![false; self.chars.len() + 1];
        for &id in best {
            let e = &self.edges[id as usize];
            if e.kind == Kind::Unknown {
                unknown_edge[e.start] = true;
                unknown_edge[e.end] = true;
            }
        }
        // Walk the best path; cut it at the nodes both paths share.
        let mut seg_start = 0usize;
        let mut seg_edges: Vec<u32> = Vec::new();
        for &id in best {
            seg_edges.push(id);
            let e = self.edges[id as usize].end;
            if on_plain[e] {
                let context = (
                    plain.as_slice(),
                    beside_unknown.as_slice(),
                    unknown_edge.as_slice(),
                );
                self.judge(lex, index, seg_start, e, &seg_edges, context, margin, plan);
                seg_edges.clear();
                seg_start = e;
            }
        }
    }

    /// Judges the best reading of `s..t` (edges `ids`) against the unedited one.
    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        lex: &Lexicon,
        index: &SkeletonIndex,
        s: usize,
        t: usize,
        ids: &[u32],
        (plain, beside_unknown, unknown_edge): (&[u32], &[bool], &[bool]),
        margin: u64,
        plan: &mut Vec<Planned>,
    ) {
        let edited: Vec<&Edge> = ids
            .iter()
            .map(|&id| &self.edges[id as usize])
            .filter(|e| matches!(e.kind, Kind::Corrected | Kind::Phrase | Kind::Joined))
            .collect();
        if edited.is_empty() {
            return;
        }
        // The unedited reading's edges inside `s..t`: the path is in text order, so they
        // are found by halving, not by a walk over the whole stretch for every segment
        // (quadratic in a long stretch with many segments).
        let from = plain.partition_point(|&id| self.edges[id as usize].start < s);
        let plain_edges: Vec<&Edge> = plain[from..]
            .iter()
            .map(|&id| &self.edges[id as usize])
            .take_while(|e| e.end <= t)
            .collect();
        // A user's own word that the base list lacks is never corrected.
        if edited
            .iter()
            .any(|e| self.locked[e.start..e.end].iter().any(|&l| l))
            || plain_edges.iter().any(|e| {
                e.kind == Kind::Exact
                    && lex.is_protected(&self.chars[e.start..e.end].iter().collect::<String>())
            })
        {
            return;
        }
        let plain_cost = self.plain[t].0 - self.plain[s].0;
        let best_cost = self.best[t].0 - self.best[s].0;
        let all_words = plain_edges.iter().all(|e| e.kind != Kind::Unknown);
        // Where every written syllable is a word: fewer words, or as many with a space
        // taken out and no letter changed, or as many falling otherwise with letters
        // changed and web text for the change (checked below, once both are spelt).
        let (as_many_words, rebracketed) = if all_words {
            let ends = |v: &mut dyn Iterator<Item = &Edge>| -> Vec<usize> {
                v.filter(|e| e.kind != Kind::Space).map(|e| e.end).collect()
            };
            let (new, old) = (
                ends(&mut ids.iter().map(|&id| &self.edges[id as usize])),
                ends(&mut plain_edges.iter().copied()),
            );
            if new.len() > old.len() {
                return;
            }
            (new.len() == old.len(), new != old)
        } else {
            (false, false)
        };
        let written = self.spelling(s, t, &plain_edges);
        let meant = self.spelling(
            s,
            t,
            &ids.iter()
                .map(|&id| &self.edges[id as usize])
                .collect::<Vec<_>>(),
        );
        // The web evidence a reading of as many words with letters changed needs: some,
        // where the words fall otherwise (a word of the new reading spans a cut of the
        // written one); for one word swapped for another in the same place, none is
        // enough, but at the aggressive level a corroboration.
        let needs_evidence = match (as_many_words && meant != written, rebracketed) {
            (false, _) => None,
            (true, true) => Some(1),
            (true, false) if self.swap_words => Some(WEB_CORROBORATES),
            (true, false) => return,
        };
        // A respelling is weighed with web text too: how much commoner the new spelling
        // of the stretch is there than the written one, if web text has it more often
        // than any other respelling of the written words; if not, how much rarer it is
        // than the commonest (ຄັງທີ is ຄັ້ງທີ there far more often than ຄົງທີ່; see `web`).
        let evidence = if meant == written {
            0
        } else {
            // Each string is looked up once; the other respellings only if the most the
            // evidence can give (the written spelling in no token) could make a
            // suggestion.
            let on_web = web::tokens_holding(&meant);
            let most = web::evidence_of_counts(on_web, 0);
            if (plain_cost as i64 - best_cost as i64 + most) < (margin / 2) as i64 {
                return;
            }
            let rival = self.rival_on_web(index, &plain_edges, &meant);
            if rival > on_web {
                web::evidence_of_counts(on_web, rival)
            } else {
                web::evidence_of_counts(on_web, web::tokens_holding(&written))
            }
        };
        if needs_evidence.is_some_and(|n| evidence < n) {
            return;
        }
        // Only spaces taken out: inside a word, or one word before a conjunction (the
        // space is moved to after the joined word), the lower margin of plain joins;
        // where a clause opens, the standard margin at every level. A respelling: the
        // level's margin.
        let spaces = (meant == written).then(|| self.spaces_taken_out(&edited));
        let moved_space = spaces == Some(SpaceTakenOut::OneWordEarly);
        let margin = match spaces {
            None => margin,
            Some(SpaceTakenOut::BetweenPhrases) => margin.max(STANDARD_MARGIN),
            Some(_) => margin.min(PLAIN_JOIN_MARGIN),
        };
        let gain = (plain_cost as i64 - best_cost as i64 + evidence).max(0) as u64;
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
            let word = word_of(self.word(e));
            // A word of a phrase that stands as written is not part of the edit.
            let (from, to, keep) = if e.kind == Kind::Phrase {
                self.changed_words(e, &word, &plain_edges)
            } else {
                (e.start, e.end, (0, 0))
            };
            let range = self.byte_range(from, to);
            let written: String = self.chars[from..to].iter().collect();
            let mine: Vec<char> = word.chars().collect();
            let (head, tail) = (&mine[..keep.0], &mine[mine.len() - keep.1..]);
            let trim = |w: &str| -> Option<String> {
                let cs: Vec<char> = w.chars().collect();
                (cs.len() > keep.0 + keep.1 && cs.starts_with(head) && cs.ends_with(tail))
                    .then(|| cs[keep.0..cs.len() - keep.1].iter().collect())
            };
            let spelling_changed = matches!(e.kind, Kind::Corrected | Kind::Phrase)
                || word
                    .chars()
                    .ne(written.chars().filter(|&c| c != ' ' && c != '\n'));
            let rule = if spelling_changed {
                Rule::WordSpelling
            } else {
                Rule::WordJoinSpace
            };
            // The other words the search from `e.start` found for the same text: the
            // same search again, without the bound of the second pass.
            let mut alternatives: Vec<(u64, String)> = Vec::new();
            if let Some(search) = self.search_at(e.start) {
                let mut buffers = self.judge_walk.borrow_mut();
                let (walk, scratch) = &mut *buffers;
                let (chars, keys) = (&self.chars, &self.keys);
                let mine = self.word(e);
                let all = |_: usize, _: u64| u64::MAX;
                let found = &mut |(end, w, cost, _): Found<'_>| {
                    if end == e.end && w != mine {
                        alternatives.push((cost, word_of(w)));
                    }
                };
                search_from(
                    lex, index, chars, keys, scratch, walk, e.start, search, all, found,
                );
            }
            // Cheapest first, each word once (a user's word list may hold a word of the
            // base list too, at another cost).
            alternatives.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
            alternatives.dedup_by(|a, b| a.1 == b.1);
            alternatives.sort();
            // Two errors in one place (a stray space and a misspelling), or a close
            // second reading: not sure enough to apply.
            let joined_and_spelt = e.kind == Kind::Joined && spelling_changed;
            let close_second = alternatives
                .first()
                .is_some_and(|a| a.0.saturating_sub(e.cost) < margin / 3);
            // A respelling whose gain is under the level's `min_spelling_confidence`, unless
            // web text, a second source, holds the new spelling far more often.
            let unsure_spelling = spelling_changed
                && confidence < self.min_spelling_confidence
                && evidence < WEB_CORROBORATES;
            // Known words read as a rare compound that one word list alone holds (a name's
            // variant spelling, a list's misspelling): not sure enough to apply, unless
            // web text has the compound often, and more often than what is written.
            let web_attests = web::tokens_holding(&word) >= WEB_ATTESTS && evidence > 0;
            let rare_compound = all_words && !lex.attested(&word) && !web_attests;
            // A respelt word glued to a syllable no reading knows (ຢູນິ of ຢູນິເທວ, Unitel,
            // read as ຢູ່ນີ້, here): a piece of a name or a loanword, most likely. At the
            // start of a run of letters always; anywhere with `suggest_beside_unknown`,
            // where the best reading leaves that syllable unknown too (ເອສໂຕເນຍ, Estonia,
            // read as ເອສ + ໂຕເຈຍ).
            let run_start = e.start == 0 || matches!(self.chars[e.start - 1], ' ' | '\n');
            let in_unknown_word = e.kind != Kind::Joined
                && spelling_changed
                && (run_start && beside_unknown[e.end]
                    || self.suggest_beside_unknown
                        && (unknown_edge[e.start] || unknown_edge[e.end]));
            let suggestion = suggestion
                || joined_and_spelt
                || close_second
                || unsure_spelling
                || rare_compound
                || in_unknown_word;
            let confidence = if suggestion {
                confidence.min(0.5)
            } else {
                confidence
            };
            let mut alts: Vec<String> = alternatives
                .into_iter()
                .filter_map(|a| trim(&a.1))
                .take(3)
                .collect();
            alts.push(written);
            plan.push(Planned {
                range,
                replacement: trim(&word).unwrap_or_default() + if moved_space { " " } else { "" },
                rule,
                confidence,
                alternatives: alts,
                suggestion,
            });
        }
    }

    /// Where the spaces that the joined words `edited` take out stood, as the words
    /// around them tell ([`PLAIN_JOIN_MARGIN`], `dictionaries/rules/clause_words.tsv`).
    fn spaces_taken_out(&self, edited: &[&Edge]) -> SpaceTakenOut {
        let mut found = SpaceTakenOut::InsideWord;
        for e in edited {
            let Some(space) = (e.start..e.end).find(|&k| self.chars[k] == ' ') else {
                return SpaceTakenOut::BetweenPhrases;
            };
            if opens_clause(&self.chars[space + 1..]) || ends_phrase(&self.chars[..space]) {
                return SpaceTakenOut::BetweenPhrases;
            }
            let after_word = &self.chars[e.end..];
            if after_word.first().is_some_and(|&c| c != ' ') && opens_clause(after_word) {
                // Straight into a conjunction, a whole word of the unedited reading:
                // ກ␠ຂຄແລະ, where ກຂຄ␠ແລະ was meant.
                let path = &self.plain_path;
                let at = path.partition_point(|&id| self.edges[id as usize].start < e.end);
                let conjunction = path.get(at).is_some_and(|&id| {
                    let w = &self.edges[id as usize];
                    w.start == e.end
                        && w.kind == Kind::Exact
                        && is_conjunction(&self.chars[w.start..w.end])
                });
                if edited.len() > 1 || e.kind != Kind::Joined || !conjunction {
                    return SpaceTakenOut::BetweenPhrases;
                }
                found = SpaceTakenOut::OneWordEarly;
            }
        }
        found
    }

    /// The part of phrase edge `e` (read as `word`) that changes: `(from, to, kept)`,
    /// where the unedited reading's words at either end that `word` spells as written
    /// are left out, and `kept` counts the characters of `word` left out before and after.
    fn changed_words(
        &self,
        e: &Edge,
        word: &str,
        plain: &[&Edge],
    ) -> (usize, usize, (usize, usize)) {
        let meant: Vec<char> = word.chars().collect();
        let inside: Vec<&&Edge> = plain
            .iter()
            .filter(|p| p.kind != Kind::Space && p.start >= e.start && p.end <= e.end)
            .collect();
        // The cut in `word` must fall where one of its syllables starts (ທີ່ is not ທີ + ່,
        // and in ຂອງພັກ the ງ closes ຂອງ: the cut is not after ຂອ).
        let mut syllable_starts = vec![false; meant.len() + 1];
        let mut at = 0;
        for syllable in super::syllable::syllables(word) {
            syllable_starts[at] = true;
            at += syllable.chars().count();
        }
        let starts = |i: usize| i < meant.len() && syllable_starts[i];
        let (mut from, mut to, mut head, mut tail) = (e.start, e.end, 0, 0);
        for p in &inside {
            let w = &self.chars[p.start..p.end];
            let cut = head + w.len();
            if p.start != from || p.end >= to || !meant[head..].starts_with(w) || !starts(cut) {
                break;
            }
            (from, head) = (p.end, cut);
        }
        for p in inside.iter().rev() {
            let w = &self.chars[p.start..p.end];
            let rest = &meant[head..meant.len() - tail];
            if p.end != to
                || p.start <= from
                || !rest.ends_with(w)
                || !starts(meant.len() - tail - w.len())
            {
                break;
            }
            (to, tail) = (p.start, tail + w.len());
        }
        (from, to, (head, tail))
    }

    /// How many web tokens hold the commonest other respelling of the written words
    /// `plain` (when they are one to [`RIVAL_WORDS`] dictionary words): each word respelt
    /// to a word of its skeleton within [`MAX_DAMAGE`], or left as it is, other than
    /// `meant`. Bounded: at most [`RIVAL_SPELLINGS`] spellings are looked up.
    fn rival_on_web(&self, index: &SkeletonIndex, plain: &[&Edge], meant: &str) -> u64 {
        let words: Vec<&Edge> = plain
            .iter()
            .filter(|e| e.kind != Kind::Space)
            .copied()
            .collect();
        if words.is_empty()
            || words.len() > RIVAL_WORDS
            || words.iter().any(|e| e.kind != Kind::Exact)
        {
            return 0;
        }
        // The respellings of each written word, found once per word (the same words
        // recur), kept as key bytes.
        let mut rivals = self.rivals.borrow_mut();
        if rivals.len() + words.len() > RIVAL_CACHE {
            rivals.clear();
        }
        let mut lists: Vec<(Vec<u8>, usize)> = Vec::with_capacity(words.len());
        for e in words {
            lists.push(self.respellings(index, e, &mut rivals));
        }
        let lists: Vec<&Vec<Vec<u8>>> = lists.iter().map(|id| &rivals[id]).collect();
        // Every spelling of the words in turn, the first word's choice changing slowest,
        // up to RIVAL_SPELLINGS of them.
        let meant: Vec<u8> = meant
            .chars()
            .map(|c| crate::words::lexicon::key_byte(c).unwrap_or(0))
            .collect();
        let mut choice = vec![0usize; lists.len()];
        let mut spelling: Vec<u8> = Vec::with_capacity(meant.len() + 8);
        let mut most = 0;
        for _ in 0..RIVAL_SPELLINGS {
            spelling.clear();
            for (list, &k) in lists.iter().zip(&choice) {
                spelling.extend_from_slice(&list[k]);
            }
            if spelling != meant {
                most = most.max(web::tokens_holding_key(&spelling));
            }
            // The next choice, as an odometer turns.
            let mut i = choice.len();
            loop {
                if i == 0 {
                    return most;
                }
                i -= 1;
                choice[i] += 1;
                if choice[i] < lists[i].len() {
                    break;
                }
                choice[i] = 0;
            }
        }
        most
    }

    /// Respells a dictionary word of the unedited reading that web text never holds
    /// beside the word before or after it as the word of its skeleton that web text
    /// does hold there (ຢູ່ແຮງ, "be strength", for ຍູ້ແຮງ, "promote"): a real word wrong
    /// in context, which the best reading keeps (one word is never swapped for another
    /// on the lexicon's word alone). Suggested only, unless
    /// [`Reader::apply_in_context`]: web text keeps only the pairs that 3 tokens or more
    /// hold, so a pair's absence is weak evidence.
    ///
    /// Looked at only in a run of words (between spaces) that reads as running text:
    /// [`CONTEXT_PAIRS`] pairs of neighbouring words or more that web text holds (a
    /// foreign name read as short Lao words, ບາ + ເລ + …, has none), and no unknown
    /// syllable among the [`CONTEXT_WORDS`] words on each side of the word.
    /// A neighbour is a dictionary word with no space between. The written word is left
    /// alone if web text holds it with either neighbour. A respelling needs
    /// [`CONTEXT_TOKENS`] tokens or more that hold it with one neighbour, and twice as
    /// many as chance gives two words that common (`n(x) n(y) / `[`web::TOKENS`]); its
    /// score, `ln(n + 1)` over both sides less half its damage, must reach
    /// [`CONTEXT_SCORE`]. Words inside `taken` (this stretch's other edits and
    /// suggestions, byte ranges) and the words of a user's list (`--dict`, whether the
    /// base list holds them or not: the user says they are meant) are not looked at.
    pub(crate) fn respell_in_context(
        &self,
        lex: &Lexicon,
        index: &SkeletonIndex,
        taken: &[Range<usize>],
        plan: &mut Vec<Planned>,
    ) {
        let n = self.chars.len();
        if n == 0 || self.plain.get(n).map_or(true, |p| p.0 == u64::MAX) {
            return;
        }
        let path: Vec<&Edge> = self
            .plain_path
            .iter()
            .map(|&id| &self.edges[id as usize])
            .collect();
        let key = |e: &Edge| &self.keys[e.start..e.end];
        let mut rivals = self.rivals.borrow_mut();
        // The runs of words: the path between spaces.
        for run in path.split(|e| e.kind == Kind::Space) {
            if run.len() < 3 {
                continue;
            }
            // Whether web text holds each pair of neighbours (two dictionary words).
            let held: Vec<bool> = run
                .windows(2)
                .map(|w| {
                    w.iter().all(|e| e.kind == Kind::Exact)
                        && web::tokens_holding_pair(key(w[0]), key(w[1])) > 0
                })
                .collect();
            if held.iter().filter(|&&h| h).count() < CONTEXT_PAIRS {
                continue;
            }
            for (i, e) in run.iter().enumerate() {
                // Unheld with both neighbours (a run's first and last word: its one).
                if e.kind != Kind::Exact
                    || (i > 0 && held[i - 1])
                    || held.get(i).copied().unwrap_or(false)
                {
                    continue;
                }
                // No unknown syllable among the words around it.
                let near = i.saturating_sub(CONTEXT_WORDS)..(i + CONTEXT_WORDS + 1).min(run.len());
                if run[near].iter().any(|e| e.kind != Kind::Exact) {
                    continue;
                }
                let range = self.byte_range(e.start, e.end);
                if taken
                    .iter()
                    .any(|t| t.start < range.end && range.start < t.end)
                    || self.locked[e.start..e.end].iter().any(|&l| l)
                    || lex.is_user_word(&self.chars[e.start..e.end].iter().collect::<String>())
                {
                    continue;
                }
                // Each neighbour's key bytes, and whether it stands before the word.
                let sides: Vec<(&[u8], bool)> = [(i.checked_sub(1), true), (Some(i + 1), false)]
                    .into_iter()
                    .filter_map(|(k, before)| Some((key(run.get(k?)?), before)))
                    .collect();
                let pair = |x: &[u8], w: &[u8], before: bool| match before {
                    true => web::tokens_holding_pair(x, w),
                    false => web::tokens_holding_pair(w, x),
                };
                if rivals.len() + 1 > RIVAL_CACHE {
                    rivals.clear();
                }
                let written = key(e);
                let id = self.respellings(index, e, &mut rivals);
                let mut scored: Vec<(i64, &[u8])> = Vec::new();
                for meant in &rivals[&id][1..] {
                    let Some(damage) = damage_within(meant, written, MAX_DAMAGE) else {
                        continue;
                    };
                    let (mut evidence, mut collocation) = (0.0f64, false);
                    for &(x, before) in &sides {
                        let together = pair(x, meant, before);
                        let chance = web::tokens_holding_key(x) as f64
                            * web::tokens_holding_key(meant) as f64
                            / web::TOKENS as f64;
                        collocation |=
                            together >= CONTEXT_TOKENS && together as f64 >= 2.0 * chance;
                        evidence += ((together + 1) as f64).ln();
                    }
                    let score = (evidence * 1000.0).round() as i64 - damage as i64 / 2;
                    if collocation && score >= CONTEXT_SCORE {
                        scored.push((score, meant));
                    }
                }
                // Best first; of equal scores, the first in key order.
                scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
                let Some(&(score, meant)) = scored.first() else {
                    continue;
                };
                let mut alternatives: Vec<String> = scored[1..]
                    .iter()
                    .take(3)
                    .map(|&(_, w)| word_of(w))
                    .collect();
                alternatives.push(word_of(written));
                // From 0 at the least score towards one half (a suggestion's most); an
                // applied edit one half more.
                let over = (score - CONTEXT_SCORE) as f32;
                let sure = 0.5 * over / (over + 2000.0);
                plan.push(Planned {
                    range,
                    replacement: word_of(meant),
                    rule: Rule::WordContext,
                    confidence: if self.apply_in_context {
                        0.5 + sure
                    } else {
                        sure
                    },
                    alternatives,
                    suggestion: !self.apply_in_context,
                });
            }
        }
    }

    /// Finds the respellings of the written word `e` once (the same words recur) and
    /// keeps them in `rivals`: the written word first, then the dictionary words of its
    /// skeleton that end where it ends and are a damage it could be
    /// ([`MAX_DAMAGE`]), as key bytes. Returns their key in `rivals`.
    fn respellings(
        &self,
        index: &SkeletonIndex,
        e: &Edge,
        rivals: &mut Rivals,
    ) -> (Vec<u8>, usize) {
        // Only words that end at `e.end` (after its tone marks, as the walk counts):
        // the walk need not list the shorter ones, nor go on past it.
        let stop = e.end
            + self.keys[e.end..]
                .iter()
                .take_while(|&&b| dropped_byte(b))
                .count();
        let id = (self.keys[e.start..stop].to_vec(), e.end - e.start);
        rivals.entry(id.clone()).or_insert_with(|| {
            let written = &self.keys[e.start..e.end];
            let mut variants = vec![written.to_vec()];
            index.walk_below(
                &self.chars[..stop],
                e.start,
                e.end - 1,
                false,
                (true, false),
                |_, _| u64::MAX,
                (MAX_DAMAGE, false),
                &mut self.judge_walk.borrow_mut().0,
                &mut |end, w, _, skipped, _, _| {
                    let near = || damage_within(w, written, MAX_DAMAGE).is_some();
                    if end == e.end && skipped.is_none() && w != written && near() {
                        variants.push(w.to_vec());
                    }
                },
            );
            variants
        });
        id
    }

    /// The letters of `s..t` as the edges `edges` read them (corrected and joined words
    /// as respelt, the rest as written), without spaces and line breaks.
    fn spelling(&self, s: usize, t: usize, edges: &[&Edge]) -> String {
        let mut out = String::new();
        for e in edges.iter().filter(|e| e.start >= s && e.end <= t) {
            match e.kind {
                Kind::Corrected | Kind::Phrase | Kind::Joined => {
                    out.push_str(&word_of(self.word(e)))
                }
                _ => out.extend(
                    self.chars[e.start..e.end]
                        .iter()
                        .filter(|&&c| c != ' ' && c != '\n'),
                ),
            }
        }
        out
    }

    /// The bytes of the text that characters `i..j` of the stretch hold. A space runs
    /// to the next character: it may stand for a rejoined line break with the spaces
    /// around it (see `words::plan`). (A stretch never ends with a space.)
    fn byte_range(&self, i: usize, j: usize) -> Range<usize> {
        let (last, c) = self.offsets[j - 1];
        let end = match c {
            ' ' => self.offsets[j].0,
            _ => last + c.len_utf8(),
        };
        self.offsets[i].0..end
    }
}

/// Corrected and joined words from `p` ending after `search.min_end`, each at most
/// [`MAX_DAMAGE`] (edit search: [`MAX_NEAR_DAMAGE`]) of damage, in a fixed order:
/// the skeleton walk, then the edit search. Only words whose cost (without damage)
/// is below `bound(end, extra)` are looked at (`extra`: [`JOIN_SPACE`] for a joined
/// word, else 0); every word found is passed on, whatever its total cost.
#[allow(clippy::too_many_arguments)]
fn search_from(
    lex: &Lexicon,
    index: &SkeletonIndex,
    chars: &[char],
    keys: &[u8],
    written: &mut Vec<u8>,
    walk: &mut WalkScratch,
    p: usize,
    search: Search,
    bound: impl Fn(usize, u64) -> u64,
    found: &mut impl FnMut(Found<'_>),
) {
    let ok = |e: usize| e >= search.correctable;
    index.walk_below(
        &chars[..search.max_end],
        p,
        search.min_end,
        search.join,
        // Two words read as one web phrase with one of them respelt (ສ້າງແຜ່ນ as
        // ສ້າງແຜນ) are found too: never across a space, never as written.
        (true, true),
        // A text too short to correct (see `correctable_ends`) keeps none of its
        // words: the walk need not list them.
        |e, joined| {
            if ok(e) {
                bound(e, if joined { JOIN_SPACE } else { 0 })
            } else {
                0
            }
        },
        // A word may read one letter from two written ones (ໝ from ບນ).
        (MAX_DAMAGE, true),
        walk,
        &mut |e, w, cost, skipped, split, phrase| {
            // The text as the word is aligned with it: without the space stepped over,
            // with the letter read from two in their place.
            let written: &[u8] = if skipped.is_none() && split.is_none() {
                &keys[p..e]
            } else {
                written.clear();
                let mut k = p;
                while k < e {
                    match split {
                        Some(s) if s.at == k => {
                            written.push(s.meant);
                            k += 2;
                        }
                        _ => {
                            if skipped != Some(k) {
                                written.push(keys[k]);
                            }
                            k += 1;
                        }
                    }
                }
                written
            };
            if skipped.is_none() && split.is_none() && w == written {
                return; // exact: pass 1 has it (or, for a phrase, its two words)
            }
            if !ok(e) {
                return;
            }
            let spent = split.map_or(0, |s| s.cost);
            let Some(damage) = damage_within(w, written, MAX_DAMAGE - spent) else {
                return;
            };
            let damage = damage + spent;
            let (kind, extra) = match (skipped, phrase) {
                (Some(_), _) => (Kind::Joined, JOIN_SPACE),
                (None, true) => (Kind::Phrase, 0),
                (None, false) => (Kind::Corrected, 0),
            };
            found((e, w, cost + damage as u64 + extra, kind));
        },
    );
    if search.near {
        for automaton in lex.automata() {
            near(
                automaton,
                keys,
                p,
                MAX_NEAR_DAMAGE,
                MAX_NEAR_EDITS,
                search.edits.0..search.edits.1,
                &mut |e, w, cost, damage| {
                    if e <= search.min_end || !ok(e) {
                        return;
                    }
                    found((e, w, cost + damage as u64, Kind::Corrected));
                },
            );
        }
    }
    if search.across {
        // A word typed with a space after each of its syllables (ບໍ␠ລິ␠ຫານ): the
        // skeleton walk steps over one space; this finds the dictionary's words as
        // written across two or more.
        for automaton in lex.automata() {
            across_spaces(
                automaton,
                chars,
                keys,
                p,
                search.max_end,
                written,
                |e, w, cost, n| {
                    if e > search.min_end && ok(e) {
                        found((e, w, cost + n * JOIN_SPACE, Kind::Joined));
                    }
                },
            );
        }
    }
}

/// The words of `automaton` that the text from `p` spells exactly with two or more
/// single spaces between its letters left out (up to [`MAX_WORD_CHARS`] letters, ending
/// before `max_end`), none before a word of the clause list or after ວ່າ:
/// `found(end, word, cost, spaces)`. `word` is a buffer for the key bytes.
#[inline(never)]
fn across_spaces(
    automaton: &super::automaton::Automaton,
    chars: &[char],
    keys: &[u8],
    p: usize,
    max_end: usize,
    word: &mut Vec<u8>,
    mut found: impl FnMut(usize, &[u8], u64, u64),
) {
    let a = automaton.flat();
    let mut state = a.start();
    let mut head = a.head(state);
    let mut out = 0u64;
    // The spaces stepped over, and up to where they are known to be no space that Lao
    // style may put there (looked at only once a word is found: most walks end first).
    let (mut n, mut checked) = (0u64, p);
    word.clear();
    let mut k = p;
    while k < max_end && word.len() < MAX_WORD_CHARS {
        if chars[k] == ' ' {
            // One space between two letters of the word.
            if word.is_empty() || keys.get(k + 1).map_or(true, |&b| b == 0) {
                return;
            }
            n += 1;
            k += 1;
            continue;
        }
        let Some(t) = (keys[k] != 0)
            .then(|| a.find_from(state, head as u8, keys[k]))
            .flatten()
        else {
            return;
        };
        out += t.output;
        state = t.target;
        head = a.head(state);
        word.push(keys[k]);
        k += 1;
        if n >= 2 {
            if let Some(f) = super::automaton::Flat::final_of(head) {
                // Never a space before a word that opens a clause or a phrase, or after
                // ວ່າ (one such space taken out needs the standard margin; several are
                // not looked for).
                for at in checked..k {
                    if chars[at] == ' '
                        && (opens_clause(&chars[at + 1..]) || ends_phrase(&chars[..at]))
                    {
                        return;
                    }
                }
                checked = k;
                found(k, word, out + f, n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the clause list is a Lao word, a kind the reader knows, and a gloss.
    #[test]
    fn the_clause_list_has_a_lao_word_and_a_known_kind_on_every_row() {
        let rows = include_str!("../../dictionaries/rules/clause_words.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split('\t').collect();
            assert_eq!(cols.len(), 3, "{row}");
            assert!(cols[0].chars().all(crate::lao::is_letter), "{row}");
            assert!(matches!(cols[1], "clause" | "phrase" | "after"), "{row}");
        }
        assert_eq!(clause_words().len(), 42);
        assert!(ends_phrase(&"ເວົ້າວ່າ".chars().collect::<Vec<_>>()));
        assert!(!opens_clause(&"ວ່າການ".chars().collect::<Vec<_>>()));
        assert!(is_conjunction(&"ແລະ".chars().collect::<Vec<_>>()));
        assert!(!is_conjunction(&"ໃນ".chars().collect::<Vec<_>>()));
        assert!(opens_clause(&"ໃນການ".chars().collect::<Vec<_>>()));
    }

    /// Both conditions, counted afresh for every start and end, against the one pass.
    #[test]
    fn a_stretch_becomes_correctable_at_its_third_letter_with_a_vowel() {
        let direct = |w: &[char]| {
            let letters = w.iter().filter(|&&c| crate::lao::is_letter(c)).count();
            let vowel = w.iter().any(|&c| {
                crate::lao::is_leading_vowel(c)
                    || crate::lao::is_following_vowel(c)
                    || (crate::lao::is_mark(c) && !crate::lao::is_tone_mark(c))
            });
            letters >= MIN_CORRECTED && vowel
        };
        for text in [
            "ກມສພ",
            "ກມສພາ",
            "ເຂົ້າ",
            "ຄ.ພ.",
            "ບ້ານ ເມືອງ",
            "ກ",
            "",
            "ສະບາຍດີ",
            "ກກກກ ກກກ ໃຫ່ຍ ກ",
            "ເກາະກ່ ຳ",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let mut ends = Vec::new();
            correctable_ends(&chars, &mut ends);
            assert_eq!(ends.len(), chars.len() + 1);
            for start in 0..=chars.len() {
                for e in start..=chars.len() {
                    let ok = e >= ends[start];
                    assert_eq!(ok, direct(&chars[start..e]), "{text} {start}..{e}");
                }
            }
        }
        let ends = |t: &str| {
            let mut out = Vec::new();
            correctable_ends(&t.chars().collect::<Vec<_>>(), &mut out);
            out
        };
        assert_eq!(ends("ກມສພ")[0], usize::MAX);
        assert_eq!(ends("ກມສພາ")[0], 5);
    }
}
