//! The Lao lexicon: every known word with a cost, −log of its probability.
//!
//! # Data structure
//!
//! Words are built into an [`fst::Map`], a minimal acyclic automaton over the bytes of
//! the words that shares both prefixes and suffixes, and kept decoded into flat records
//! (an `Automaton`, in the crate's `words::automaton`) so that walks do not decode packed
//! states. Every character of a Lao word is in
//! the Lao block U+0E80–U+0EFF, so a key stores each character as one byte, its code
//! point minus U+0E00 (0x80–0xFF): a third of the UTF-8 length, and one automaton
//! transition per character instead of three. Each word's value is its
//! *cost*, `round(−ln(count / total) × 1000)`, spread over the transitions it takes so
//! that walking a word sums its cost. The list in `dictionaries/lao-words.tsv` (word,
//! count) is compiled by `build.rs` into such a map, then into its flat records, embedded
//! in the binary with `include_bytes!`: [`Lexicon::embedded`] wraps those bytes without
//! copying or parsing them, so start-up costs nothing.
//!
//! Users' own words (names, places, domain terms: `--dict FILE`) go into a second,
//! smaller map built at start-up from the sorted words. Their costs use the embedded
//! list's total, so counts from a user's archive and counts of the embedded list mean
//! the same thing. A word in both maps takes the lower cost.
//!
//! The segmenter does not look words up one by one: from each syllable boundary it
//! walks the automaton node by node through the following characters
//! ([`Lexicon::prefixes`]), so all dictionary words that start there are found in one
//! pass that stops where no word continues.
//!
//! ```
//! use laoclean::words::Lexicon;
//! let lex = Lexicon::embedded();
//! assert!(lex.contains("ປະເທດ"));
//! // A frequent word costs less than a rare one.
//! assert!(lex.cost("ແລະ").unwrap() < lex.cost("ປະເທດ").unwrap());
//! let lex = lex.clone().with_user_words([("ສີສະຫວາດ".to_string(), None)]).unwrap();
//! assert!(lex.contains("ສີສະຫວາດ"));
//! ```

use crate::words::automaton::{Automaton, Flat};
use crate::words::syllable::is_lao_word;
use fst::MapBuilder;
use std::collections::BTreeMap;
use std::path::Path;

/// The longest word, in syllables, that the word list keeps.
pub const MAX_WORD_SYLLABLES: usize = 12;

/// The longest word, in characters, that the segmenter tries to match (12 syllables
/// of at most 6 characters).
pub const MAX_WORD_CHARS: usize = 6 * MAX_WORD_SYLLABLES;

/// Costs are natural-log probabilities scaled by this factor and rounded.
pub const COST_SCALE: f64 = 1000.0;

/// The count a user word gets when its line gives none: that of a word seen a few
/// times in a large archive, so it beats unknown syllables but not common words.
pub const DEFAULT_USER_COUNT: u64 = 10;

static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.flat"));
// Defines EMBEDDED_TOTAL (sum of the counts) and EMBEDDED_MAX_COST.
include!(concat!(env!("OUT_DIR"), "/lexicon_meta.rs"));

/// The fst key of `word`: one byte per character (code point − U+0E00), or `None` if a
/// character is outside the Lao block.
///
/// ```
/// assert_eq!(laoclean::words::lexicon::key("ກາ"), Some(vec![0x81, 0xB2]));
/// assert_eq!(laoclean::words::lexicon::key("a"), None);
/// ```
pub fn key(word: &str) -> Option<Vec<u8>> {
    word.chars().map(key_byte).collect()
}

/// The key byte of one character (see [`key`]).
#[inline]
pub(crate) fn key_byte(c: char) -> Option<u8> {
    crate::lao::is_lao(c).then(|| (c as u32 - 0x0E00) as u8)
}

/// The word of an fst key.
fn word_of_key(k: &[u8]) -> String {
    k.iter()
        .map(|&b| char::from_u32(0x0E00 + b as u32).unwrap_or('\u{FFFD}'))
        .collect()
}

/// An error reading or building a word list.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    /// A line of a word list is not `word` or `word<TAB>count`.
    #[error("line {line}: {message}")]
    Syntax {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// Reading the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// The automaton could not be built.
    #[error("building the word automaton: {0}")]
    Fst(#[from] fst::Error),
    /// An empty string was given as a word.
    #[error("an empty word")]
    EmptyWord,
}

/// A set of Lao words with costs: the embedded list plus users' own words. Cheap to
/// clone (the maps are shared). See the [module docs](self).
///
/// ```
/// let lex = laoclean::words::Lexicon::embedded();
/// assert!(lex.len() > 10_000);
/// assert_eq!(lex.cost("xyz"), None);
/// ```
#[derive(Clone)]
pub struct Lexicon {
    main: Automaton,
    user: Option<Automaton>,
    /// The user words the base list does not hold: never corrected.
    protected: Option<Automaton>,
    user_len: usize,
    total: u64,
    unknown_cost: u64,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("words", &self.main.len())
            .field("user_words", &self.user_len)
            .field("total", &self.total)
            .finish()
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::embedded()
    }
}

/// `round(−ln(count / total) × 1000)`, at least 0.
///
/// ```
/// assert_eq!(laoclean::words::lexicon::cost_of(1, 1), 0);
/// assert_eq!(laoclean::words::lexicon::cost_of(1, 1000), 6908);
/// ```
pub fn cost_of(count: u64, total: u64) -> u64 {
    let p = count.max(1) as f64 / total.max(1) as f64;
    (-p.ln() * COST_SCALE).round().max(0.0) as u64
}

/// The pseudo-count a word of the embedded list gets from the `lists` word lists that
/// hold it and its number of `syllables` (shorter words are more frequent in running
/// text); occurrences in the samples add to it (see `dictionaries/SOURCES.md`).
///
/// ```
/// use laoclean::words::lexicon::list_prior;
/// assert_eq!(list_prior(1, 1), 4);
/// assert_eq!(list_prior(3, 3), 6);
/// ```
pub fn list_prior(lists: u64, syllables: usize) -> u64 {
    let length = match syllables {
        1 => 4,
        2 => 3,
        3 => 2,
        _ => 1,
    };
    lists * length
}

impl Lexicon {
    /// The word list compiled into the binary from `dictionaries/lao-words.tsv`.
    ///
    /// ```
    /// assert!(laoclean::words::Lexicon::embedded().contains("ພາສາ"));
    /// ```
    pub fn embedded() -> Lexicon {
        let main = Automaton::from_static(EMBEDDED);
        Lexicon::with_main(main, EMBEDDED_TOTAL, EMBEDDED_MAX_COST)
    }

    fn with_main(main: Automaton, total: u64, max_cost: u64) -> Lexicon {
        Lexicon {
            main,
            user: None,
            protected: None,
            user_len: 0,
            total,
            unknown_cost: max_cost + 2 * COST_SCALE as u64,
        }
    }

    /// A lexicon of the given words and counts alone (no embedded list). Words are taken
    /// as they are; a word given twice keeps the sum of its counts (saturating); an
    /// empty word is an error.
    ///
    /// ```
    /// use laoclean::words::Lexicon;
    /// let lex = Lexicon::from_counts([("ກິນ", 3), ("ເຂົ້າ", 1)]).unwrap();
    /// assert!(lex.cost("ກິນ").unwrap() < lex.cost("ເຂົ້າ").unwrap());
    /// assert!(Lexicon::from_counts([("", 1)]).is_err());
    /// ```
    pub fn from_counts<S: AsRef<str>>(
        words: impl IntoIterator<Item = (S, u64)>,
    ) -> Result<Lexicon, LexiconError> {
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for (w, c) in words {
            if w.as_ref().is_empty() {
                return Err(LexiconError::EmptyWord);
            }
            let n = counts.entry(w.as_ref().to_string()).or_default();
            *n = n.saturating_add(c);
        }
        let total: u64 = counts.values().fold(0, |a, &c| a.saturating_add(c));
        let (map, max_cost) =
            build_map(counts.iter().map(|(w, &c)| (w.as_str(), cost_of(c, total))));
        Ok(Lexicon::with_main(map, total, max_cost))
    }

    /// Adds users' own words, each with an optional count (default
    /// [`DEFAULT_USER_COUNT`]). Each word goes through [`normalize`](crate::normalize);
    /// words that are not Lao words by shape are skipped. Replaces any user words added
    /// before.
    ///
    /// A word the base list does not hold (a name, a term) is *protected*: the word
    /// stage never corrects text that reads as it. A word the base list holds only
    /// gets the user's count (the lower cost of the two wins): an archive's counts of
    /// common words (`laoclean dict build`) must not stop the corrections around them.
    ///
    /// ```
    /// use laoclean::words::Lexicon;
    /// let lex = Lexicon::embedded()
    ///     .with_user_words([("ບໍລິຄຳໄຊ".to_string(), Some(50)), ("ປະເທດ".to_string(), None)])
    ///     .unwrap();
    /// assert!(lex.contains("ບໍລິຄຳໄຊ"));
    /// assert!(lex.is_protected("ບໍລິຄຳໄຊ") && !lex.is_protected("ປະເທດ"));
    /// ```
    pub fn with_user_words(
        mut self,
        words: impl IntoIterator<Item = (String, Option<u64>)>,
    ) -> Result<Lexicon, LexiconError> {
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for (w, c) in words {
            let w = crate::normalize(w.trim()).into_owned();
            if !is_lao_word(&w) {
                continue;
            }
            let c = c.unwrap_or(DEFAULT_USER_COUNT);
            let n = counts.entry(w).or_default();
            *n = n.saturating_add(c);
        }
        let total = self.total;
        let (map, max_cost) =
            build_map(counts.iter().map(|(w, &c)| (w.as_str(), cost_of(c, total))));
        let new: Vec<(&str, u64)> = counts
            .iter()
            .filter(|(w, _)| key(w).is_some_and(|k| self.main.get(&k).is_none()))
            .map(|(w, &c)| (w.as_str(), cost_of(c, total)))
            .collect();
        self.protected = (!new.is_empty()).then(|| build_map(new.into_iter()).0);
        self.user_len = counts.len();
        self.user = (!counts.is_empty()).then_some(map);
        self.unknown_cost = self.unknown_cost.max(max_cost + 2 * COST_SCALE as u64);
        Ok(self)
    }

    /// Adds the words of user dictionary files (see [`read_word_list`]).
    ///
    /// ```no_run
    /// let lex = laoclean::words::Lexicon::embedded().with_user_files(&["names.txt"]).unwrap();
    /// ```
    pub fn with_user_files<P: AsRef<Path>>(self, paths: &[P]) -> Result<Lexicon, LexiconError> {
        let mut all = Vec::new();
        for p in paths {
            let p = p.as_ref();
            let text = std::fs::read_to_string(p).map_err(|source| LexiconError::Io {
                path: p.display().to_string(),
                source,
            })?;
            all.extend(read_word_list(&text).map_err(|e| match e {
                LexiconError::Syntax { line, message } => LexiconError::Syntax {
                    line,
                    message: format!("{}: {message}", p.display()),
                },
                e => e,
            })?);
        }
        self.with_user_words(all)
    }

    /// The cost of `word`, or `None` if it is unknown.
    ///
    /// ```
    /// assert!(laoclean::words::Lexicon::embedded().cost("ປະເທດ").is_some());
    /// ```
    pub fn cost(&self, word: &str) -> Option<u64> {
        let k = key(word)?;
        let a = self.main.get(&k);
        let b = self.user.as_ref().and_then(|u| u.get(&k));
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Is `word` known?
    ///
    /// ```
    /// assert!(!laoclean::words::Lexicon::embedded().contains("ໃຫ່ຍ"));
    /// ```
    pub fn contains(&self, word: &str) -> bool {
        self.cost(word).is_some()
    }

    /// Number of words (embedded or base list plus user words; a word in both counts twice).
    ///
    /// ```
    /// assert!(!laoclean::words::Lexicon::embedded().is_empty());
    /// ```
    pub fn len(&self) -> usize {
        self.main.len() + self.user_len
    }

    /// Is the lexicon empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of user words.
    pub fn user_len(&self) -> usize {
        self.user_len
    }

    /// The sum of the base list's counts: the denominator of every cost.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The cost the segmenter gives one unknown syllable: higher than any known word.
    pub fn unknown_cost(&self) -> u64 {
        self.unknown_cost
    }

    /// Walks the automata from char `start` of `chars` (a text's `char_indices`) and
    /// calls `found(end, cost)` for every known word `chars[start..end]`, with `end`
    /// increasing, at most `max_chars` characters long. Stops as soon as no known word
    /// continues: one pass finds every word that starts at `start`.
    ///
    /// ```
    /// let lex = laoclean::words::Lexicon::embedded();
    /// let chars: Vec<(usize, char)> = "ປະເທດລາວ".char_indices().collect();
    /// let mut found = vec![];
    /// lex.prefixes(&chars, 0, 40, |end, _| found.push(end));
    /// assert!(found.contains(&5)); // ປະເທດ
    /// ```
    pub fn prefixes(
        &self,
        chars: &[(usize, char)],
        start: usize,
        max_chars: usize,
        mut found: impl FnMut(usize, u64),
    ) {
        let end = chars.len().min(start + max_chars);
        walk(self.main.flat(), &chars[start..end], start, &mut found);
        if let Some(u) = &self.user {
            walk(u.flat(), &chars[start..end], start, &mut found);
        }
    }

    /// The automata of the lexicon: the base list, then the user words (if any).
    pub(crate) fn automata(&self) -> impl Iterator<Item = &Automaton> {
        std::iter::once(&self.main).chain(self.user.as_ref())
    }

    /// Like [`Lexicon::prefixes`], over the protected user words only (see
    /// [`Lexicon::is_protected`]).
    pub(crate) fn protected_prefixes(
        &self,
        chars: &[(usize, char)],
        start: usize,
        max_chars: usize,
        mut found: impl FnMut(usize, u64),
    ) {
        if let Some(u) = &self.protected {
            let end = chars.len().min(start + max_chars);
            walk(u.flat(), &chars[start..end], start, &mut found);
        }
    }

    /// Is `word` a user's own word (`--dict`) that the base list does not hold? The word
    /// stage never corrects text that reads as one.
    ///
    /// ```
    /// let lex = laoclean::words::Lexicon::embedded();
    /// assert!(!lex.is_protected("ບໍລິຄຳໄຊ"));
    /// let lex = lex.with_user_words([("ບໍລິຄຳໄຊ".to_string(), None)]).unwrap();
    /// assert!(lex.is_protected("ບໍລິຄຳໄຊ"));
    /// ```
    pub fn is_protected(&self, word: &str) -> bool {
        self.protected
            .as_ref()
            .is_some_and(|u| key(word).is_some_and(|k| u.get(&k).is_some()))
    }

    /// Is `word` one of the user's own words (`--dict`)?
    pub(crate) fn is_user_word(&self, word: &str) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| key(word).is_some_and(|k| u.get(&k).is_some()))
    }

    /// Does more than one source vouch for `word`: two word lists, running text (the
    /// samples' counts), or the user (`--dict`, or a base list that is not the embedded
    /// one)? A word of the embedded list that is attested by no more than one list and
    /// was never seen in running text is not, and neither is an unknown word.
    ///
    /// ```
    /// let lex = laoclean::words::Lexicon::embedded();
    /// assert!(lex.attested("ປະເທດ"));
    /// assert!(!lex.attested("ໃຫ່ຍ"));
    /// ```
    pub fn attested(&self, word: &str) -> bool {
        let Some(cost) = self.cost(word) else {
            return false;
        };
        if self.is_user_word(word) || !self.has_embedded_base() {
            return true;
        }
        let count = (self.total as f64 * (-(cost as f64) / COST_SCALE).exp()).round() as u64;
        count > list_prior(1, crate::words::syllable::syllables(word).len())
    }

    /// Is the base list the embedded one (so the word stage can use its prebuilt
    /// skeleton index)?
    pub(crate) fn has_embedded_base(&self) -> bool {
        std::ptr::eq(self.main.as_bytes(), EMBEDDED)
    }

    /// The user words with their costs, in byte order.
    pub(crate) fn user_words(&self) -> Vec<(String, u64)> {
        let mut v = Vec::new();
        if let Some(u) = &self.user {
            u.for_each(|k, c| v.push((word_of_key(k), c)));
        }
        v
    }

    /// Every word of the base list with its cost, in byte order (for tools and tests).
    ///
    /// ```
    /// let n = laoclean::words::Lexicon::embedded().words().count();
    /// assert!(n > 10_000);
    /// ```
    pub fn words(&self) -> impl Iterator<Item = (String, u64)> + '_ {
        let mut v = Vec::new();
        self.main.for_each(|k, c| v.push((word_of_key(k), c)));
        v.into_iter()
    }
}

/// Walks automaton `a` over the key bytes of `chars`, calling `found(base + k + 1, cost)`
/// when the first `k + 1` characters are a word.
#[inline]
fn walk(a: Flat<'_>, chars: &[(usize, char)], base: usize, found: &mut impl FnMut(usize, u64)) {
    let mut state = a.start();
    // The first bytes of the state's record, read once for its final output and the
    // next step.
    let mut head = a.head(state);
    let mut out = 0;
    for (k, &(_, c)) in chars.iter().enumerate() {
        let Some(t) = key_byte(c).and_then(|b| a.find_from(state, head as u8, b)) else {
            return;
        };
        out += t.output;
        state = t.target;
        head = a.head(state);
        if let Some(f) = Flat::final_of(head) {
            found(base + k + 1, out + f);
        }
    }
}

/// Builds an fst map of `words` (keys as in [`key`]; words with a character outside
/// the Lao block are skipped); returns it and the highest cost.
fn build_map<'a>(words: impl Iterator<Item = (&'a str, u64)>) -> (Automaton, u64) {
    let mut keyed: Vec<(Vec<u8>, u64)> = words.filter_map(|(w, c)| Some((key(w)?, c))).collect();
    keyed.sort();
    keyed.dedup_by(|a, b| a.0 == b.0);
    let max = keyed.iter().map(|k| k.1).max().unwrap_or(0);
    let mut b = MapBuilder::memory();
    for (k, c) in keyed {
        b.insert(k, c).expect("sorted unique keys");
    }
    let fst = fst::raw::Fst::new(b.into_inner().expect("in-memory fst")).expect("fst just built");
    (Automaton::from_fst(&fst), max)
}

/// Parses a word list: one word a line, optionally a tab and a count; blank lines and
/// lines starting with `#` are skipped, and a `#` later in a line starts a comment.
///
/// ```
/// use laoclean::words::lexicon::read_word_list;
/// let words = read_word_list("# names\nວຽງຈັນ\t120\nຫຼວງພະບາງ\n").unwrap();
/// assert_eq!(words, [("ວຽງຈັນ".to_string(), Some(120)), ("ຫຼວງພະບາງ".to_string(), None)]);
/// ```
pub fn read_word_list(text: &str) -> Result<Vec<(String, Option<u64>)>, LexiconError> {
    Ok(read_numbered_word_list(text)?
        .into_iter()
        .map(|(_, w, c)| (w, c))
        .collect())
}

/// [`read_word_list`] with each entry's line number (from 1), for messages about it.
///
/// ```
/// use laoclean::words::lexicon::read_numbered_word_list;
/// let words = read_numbered_word_list("# names\nວຽງຈັນ\t120\n").unwrap();
/// assert_eq!(words, [(2, "ວຽງຈັນ".to_string(), Some(120))]);
/// ```
pub fn read_numbered_word_list(
    text: &str,
) -> Result<Vec<(usize, String, Option<u64>)>, LexiconError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        // No Lao word holds a `#`: what follows one is a comment, and a line that is
        // blank without it (a byte order mark, indentation) is skipped.
        let line = line.trim_end_matches('\r').trim_start_matches('\u{FEFF}');
        let line = line.split('#').next().unwrap_or("").trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        let word = parts
            .next()
            .unwrap_or("")
            .trim()
            .trim_start_matches('\u{FEFF}');
        let count = match parts.next() {
            None => None,
            Some(c) => Some(c.trim().parse::<u64>().map_err(|e| LexiconError::Syntax {
                line: i + 1,
                message: match e.kind() {
                    std::num::IntErrorKind::PosOverflow => format!("count `{c}` is too large"),
                    _ => format!("count `{c}` is not a whole number"),
                },
            })?),
        };
        if parts.next().is_some() {
            return Err(LexiconError::Syntax {
                line: i + 1,
                message: "more than two tab-separated fields".into(),
            });
        }
        if word.is_empty() {
            return Err(LexiconError::Syntax {
                line: i + 1,
                message: "empty word".into(),
            });
        }
        out.push((i + 1, word.to_string(), count));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_without_overflow_and_an_empty_word_is_refused() {
        let lex = Lexicon::from_counts([("ກາ", u64::MAX), ("ກາ", 5), ("ຂາ", 1)]).unwrap();
        assert!(lex.cost("ກາ").unwrap() < lex.cost("ຂາ").unwrap());
        assert!(matches!(
            Lexicon::from_counts([("ກາ", 1), ("", 1)]),
            Err(LexiconError::EmptyWord)
        ));
    }

    #[test]
    fn prefix_walk_finds_every_word_at_syllable_ends() {
        let lex = Lexicon::from_counts([("ກາ", 5), ("ກາງ", 1), ("ກາງຄືນ", 2), ("ຄືນ", 1)]).unwrap();
        let chars: Vec<(usize, char)> = "ກາງຄືນ".char_indices().collect();
        let mut found = vec![];
        lex.prefixes(&chars, 0, 40, |end, c| found.push((end, c)));
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [2, 3, 6]);
        assert_eq!(found[2].1, lex.cost("ກາງຄືນ").unwrap());
        let mut found = vec![];
        lex.prefixes(&chars, 0, 4, |end, _| found.push(end));
        assert_eq!(found, [2, 3]);
    }

    #[test]
    fn a_user_word_listed_twice_keeps_the_largest_count_there_is() {
        let once = Lexicon::embedded()
            .with_user_words([("ກາກາ".to_string(), Some(u64::MAX))])
            .unwrap();
        let twice = Lexicon::embedded()
            .with_user_words([
                ("ກາກາ".to_string(), Some(u64::MAX)),
                ("ກາກາ".to_string(), Some(u64::MAX)),
            ])
            .unwrap();
        assert_eq!(twice.cost("ກາກາ"), once.cost("ກາກາ"));
    }

    #[test]
    fn user_words_join_and_take_the_lower_cost() {
        let lex = Lexicon::from_counts([("ກາງ", 1), ("ຄືນ", 1000)]).unwrap();
        let before = lex.cost("ກາງ").unwrap();
        let lex = lex
            .with_user_words([
                ("ກາງ".to_string(), Some(500)),
                ("ວຽງຈັນ".to_string(), None),
                ("abc".to_string(), None),
            ])
            .unwrap();
        assert!(lex.cost("ກາງ").unwrap() < before);
        assert!(lex.contains("ວຽງຈັນ"));
        assert!(!lex.contains("abc"));
        assert_eq!(lex.user_len(), 2);
        let chars: Vec<(usize, char)> = "ວຽງຈັນ".char_indices().collect();
        let mut found = vec![];
        lex.prefixes(&chars, 0, 40, |end, _| found.push(end));
        assert_eq!(found, [6]);
    }

    #[test]
    fn word_list_syntax_errors_name_the_line() {
        let e = read_word_list("ກາ\nຄືນ\tx\n").unwrap_err();
        assert!(e.to_string().starts_with("line 2:"), "{e}");
        assert!(read_word_list("ກາ\t1\t2").is_err());
        assert_eq!(
            read_word_list("\u{FEFF}# names\n  # indented\nກາ\t1\t# a note\nຄືນ # another\n")
                .unwrap(),
            [("ກາ".to_string(), Some(1)), ("ຄືນ".to_string(), None)]
        );
        assert_eq!(read_word_list("\n# c\n").unwrap(), []);
    }

    #[test]
    fn costs_follow_counts() {
        assert!(cost_of(10, 1000) < cost_of(1, 1000));
        assert_eq!(cost_of(0, 1000), cost_of(1, 1000));
    }
}
