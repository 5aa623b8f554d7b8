//! Teaching the tool an archive's own vocabulary (`laoclean dict build`).
//!
//! The words of a user's archive are counted with the current segmenter: known words
//! get their archive counts, and each run of unknown syllables (one token, see
//! [`segment`](super::segment)) is a *candidate* new word. A candidate joins the
//! dictionary only when
//!
//! 1. it occurs at least [`VocabularyOptions::min_count`] times, and
//! 2. no known word one edit away (a Lao letter inserted, deleted, replaced, or two
//!    neighbours swapped) is [`VocabularyOptions::ratio`] times more frequent: such a
//!    candidate is most likely a typing or OCR variant of that word, not a word of its
//!    own (the idea of TICCL, corpus-induced OCR post-correction). ໃຫ່ຍ, typed twenty
//!    times in one sample document, is one swap away from the far more frequent ໃຫຍ່.
//!
//! A known word's frequency is the larger of its archive count and the count its
//! dictionary probability predicts for an archive of this size.
//!
//! ```
//! use laoclean::words::corpus::{Vocabulary, VocabularyOptions};
//! use laoclean::words::{Lexicon, Segmenter};
//! let seg = Segmenter::new(Lexicon::from_counts([("ໃຫຍ່", 10), ("ທ່ານ", 10)]).unwrap());
//! let mut v = Vocabulary::default();
//! v.add_text(&seg, &"ທ່ານສີສຸວັນ ".repeat(6));
//! v.add_text(&seg, &"ໃຫຍ່ ".repeat(60));
//! v.add_text(&seg, &"ໃຫ່ຍ ".repeat(6));
//! let d = v.dictionary(seg.lexicon(), &VocabularyOptions::default());
//! assert!(d.iter().any(|e| e.word == "ສີສຸວັນ" && e.accepted));
//! assert!(d.iter().any(|e| e.word == "ໃຫ່ຍ" && !e.accepted));
//! ```

use super::lexicon::{cost_of, Lexicon, COST_SCALE};
use super::segment::{Segmenter, TokenKind};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Thresholds of [`Vocabulary::dictionary`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct VocabularyOptions {
    /// A new word must occur at least this often (default 5).
    pub min_count: u64,
    /// A new word is refused when a known word one edit away is this many times more
    /// frequent (default 10).
    pub ratio: f64,
}

impl Default for VocabularyOptions {
    fn default() -> Self {
        VocabularyOptions {
            min_count: 5,
            ratio: 10.0,
        }
    }
}

impl VocabularyOptions {
    /// Sets [`VocabularyOptions::min_count`].
    ///
    /// ```
    /// use laoclean::words::corpus::VocabularyOptions;
    /// let opts = VocabularyOptions::default().min_count(2).ratio(20.0);
    /// assert_eq!((opts.min_count, opts.ratio), (2, 20.0));
    /// ```
    pub fn min_count(mut self, count: u64) -> Self {
        self.min_count = count;
        self
    }

    /// Sets [`VocabularyOptions::ratio`].
    pub fn ratio(mut self, ratio: f64) -> Self {
        self.ratio = ratio;
        self
    }
}

/// Word counts of an archive. Add texts with [`add_text`](Vocabulary::add_text).
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    known: HashMap<String, u64>,
    unknown: HashMap<String, u64>,
    tokens: u64,
}

/// One line of the dictionary that [`Vocabulary::dictionary`] makes.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The word.
    pub word: String,
    /// Its count in the archive.
    pub count: u64,
    /// Was it already known?
    pub known: bool,
    /// Is it in the dictionary (known words always are)?
    pub accepted: bool,
    /// For a refused candidate: why.
    pub reason: Option<String>,
}

impl Vocabulary {
    /// Segments `text` (it should be cleaned first) and counts its Lao tokens.
    ///
    /// ```
    /// let seg = laoclean::words::Segmenter::default();
    /// let mut v = laoclean::words::corpus::Vocabulary::default();
    /// v.add_text(&seg, "ປະເທດ ແລະ ປະເທດ");
    /// assert_eq!(v.count("ປະເທດ"), 2);
    /// ```
    pub fn add_text(&mut self, seg: &Segmenter, text: &str) {
        for t in seg.tokens(text) {
            let w = &text[t.span];
            let map = match t.kind {
                TokenKind::Word => &mut self.known,
                TokenKind::Unknown => &mut self.unknown,
                _ => continue,
            };
            self.tokens += 1;
            match map.get_mut(w) {
                Some(c) => *c += 1,
                None => {
                    map.insert(w.to_string(), 1);
                }
            }
        }
    }

    /// Adds the counts of another vocabulary (to count files in parallel).
    pub fn merge(&mut self, other: Vocabulary) {
        for (w, c) in other.known {
            *self.known.entry(w).or_default() += c;
        }
        for (w, c) in other.unknown {
            *self.unknown.entry(w).or_default() += c;
        }
        self.tokens += other.tokens;
    }

    /// How often `word` was seen (as a known word or as a candidate).
    pub fn count(&self, word: &str) -> u64 {
        self.known
            .get(word)
            .or_else(|| self.unknown.get(word))
            .copied()
            .unwrap_or(0)
    }

    /// Number of Lao tokens counted.
    pub fn tokens(&self) -> u64 {
        self.tokens
    }

    /// The dictionary for `--dict`: known words with their counts, candidates with the
    /// decision on each; sorted by count, then word.
    pub fn dictionary(&self, lexicon: &Lexicon, opts: &VocabularyOptions) -> Vec<Entry> {
        let mut out: Vec<Entry> = self
            .known
            .iter()
            .map(|(w, &c)| Entry {
                word: w.clone(),
                count: c,
                known: true,
                accepted: true,
                reason: None,
            })
            .collect();
        for (w, &c) in &self.unknown {
            let mut e = Entry {
                word: w.clone(),
                count: c,
                known: false,
                accepted: false,
                reason: None,
            };
            if !super::syllable::is_lao_word(w) {
                e.reason = Some("not a well-formed Lao word".into());
            } else if c < opts.min_count {
                e.reason = Some(format!("seen {c} times, fewer than {}", opts.min_count));
            } else if let Some((near, f)) =
                self.frequent_neighbour(lexicon, w, c as f64 * opts.ratio)
            {
                e.reason = Some(format!("one edit from {near} (frequency {f:.0})"));
            } else {
                e.accepted = true;
            }
            out.push(e);
        }
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
        out
    }

    /// Frequency of a known word in an archive of this size.
    fn frequency(&self, lexicon: &Lexicon, word: &str) -> Option<f64> {
        let cost = lexicon.cost(word)?;
        let expected = self.tokens as f64 * (-(cost as f64) / COST_SCALE).exp();
        let seen = self.known.get(word).copied().unwrap_or(0) as f64;
        Some(seen.max(expected))
    }

    /// A known word one edit from `word` whose frequency is at least `min`.
    fn frequent_neighbour(&self, lexicon: &Lexicon, word: &str, min: f64) -> Option<(String, f64)> {
        let mut best: Option<(String, f64)> = None;
        neighbours(word, |n| {
            if let Some(f) = self.frequency(lexicon, n) {
                if f >= min && best.as_ref().map_or(true, |b| f > b.1) {
                    best = Some((n.to_string(), f));
                }
            }
        });
        best
    }
}

/// Calls `f` on every string one Lao-letter edit from `word`.
fn neighbours(word: &str, mut f: impl FnMut(&str)) {
    let cs: Vec<char> = word.chars().collect();
    let alphabet: Vec<char> = ('\u{0E80}'..='\u{0EFF}')
        .filter(|&c| crate::lao::is_letter(c))
        .collect();
    let mut buf = String::new();
    let mut emit = |v: &[char], buf: &mut String| {
        buf.clear();
        buf.extend(v.iter());
        f(buf);
    };
    let mut v: Vec<char>;
    for i in 0..cs.len() {
        // deletion
        v = cs.clone();
        v.remove(i);
        emit(&v, &mut buf);
        // swap with the next
        if i + 1 < cs.len() && cs[i] != cs[i + 1] {
            v = cs.clone();
            v.swap(i, i + 1);
            emit(&v, &mut buf);
        }
        // substitution
        for &a in &alphabet {
            if a != cs[i] {
                v = cs.clone();
                v[i] = a;
                emit(&v, &mut buf);
            }
        }
    }
    for i in 0..=cs.len() {
        for &a in &alphabet {
            v = cs.clone();
            v.insert(i, a);
            emit(&v, &mut buf);
        }
    }
}

/// How a dictionary that [`write_dictionary`] wrote begins (a file that begins
/// otherwise was not made by `laoclean dict build`).
///
/// ```
/// use laoclean::words::corpus::{write_dictionary, DICTIONARY_HEADER};
/// assert!(write_dictionary(&[]).starts_with(DICTIONARY_HEADER));
/// ```
pub const DICTIONARY_HEADER: &str = "# laoclean dictionary: word";

/// Writes `entries` as a word list that `--dict` loads: accepted words as
/// `word<TAB>count`, refused candidates as comments saying why.
///
/// ```
/// use laoclean::words::corpus::{write_dictionary, Entry};
/// let e = Entry { word: "ວຽງຈັນ".into(), count: 9, known: false, accepted: true, reason: None };
/// assert!(write_dictionary(&[e]).contains("ວຽງຈັນ\t9\n"));
/// ```
pub fn write_dictionary(entries: &[Entry]) -> String {
    let mut s = String::from(DICTIONARY_HEADER);
    s.push_str(
        "<TAB>count, made by `laoclean dict build`.\n\
         # Load it with `laoclean --dict FILE`. Lines starting with # are ignored.\n",
    );
    let new = entries.iter().filter(|e| e.accepted && !e.known).count();
    let _ = writeln!(
        s,
        "# {} words, {} of them new to the embedded list.",
        entries.iter().filter(|e| e.accepted).count(),
        new
    );
    for e in entries.iter().filter(|e| e.accepted) {
        let _ = writeln!(s, "{}\t{}", e.word, e.count);
    }
    // Refused candidates seen more than once: those a user may accept, and those the
    // word stage cannot take (not Lao words by their shape, which `--dict` skips).
    let (well_formed, ill_formed): (Vec<&Entry>, Vec<&Entry>) = entries
        .iter()
        .filter(|e| !e.accepted && e.count > 1)
        .partition(|e| super::syllable::is_lao_word(&e.word));
    if !well_formed.is_empty() {
        s.push_str("# Candidates refused (seen more than once); remove the `# ` to accept one:\n");
        for e in well_formed {
            let reason = e.reason.as_deref().unwrap_or("");
            let _ = writeln!(s, "# {}\t{}\t# {reason}", e.word, e.count);
        }
    }
    if !ill_formed.is_empty() {
        s.push_str("# Not Lao words by their shape (seen more than once; --dict skips them):\n");
        for e in ill_formed {
            let _ = writeln!(s, "#   {}\t{}", e.word, e.count);
        }
    }
    s
}

/// Cost an archive count would give, for reports: `cost_of(count, lexicon total)`.
pub fn cost_in(lexicon: &Lexicon, count: u64) -> u64 {
    cost_of(count, lexicon.total())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_include_swaps_and_deletions() {
        let mut all = Vec::new();
        neighbours("ໃຫ່ຍ", |n| all.push(n.to_string()));
        assert!(all.contains(&"ໃຫຍ່".to_string()));
        assert!(all.contains(&"ໃຫຍ".to_string()) || all.contains(&"ໃຫ່".to_string()));
    }

    #[test]
    fn rare_candidates_and_variants_are_refused() {
        let seg = Segmenter::new(Lexicon::from_counts([("ໃຫຍ່", 10), ("ທ່ານ", 10)]).unwrap());
        let mut v = Vocabulary::default();
        v.add_text(&seg, &"ທ່ານສີສຸວັນ ".repeat(2));
        let d = v.dictionary(seg.lexicon(), &VocabularyOptions::default());
        let e = d.iter().find(|e| e.word == "ສີສຸວັນ").unwrap();
        assert!(!e.accepted && e.reason.as_deref().unwrap().contains("fewer"));
        let text = write_dictionary(&d);
        assert!(text.contains("# ສີສຸວັນ\t2"));
        assert!(text.contains("ທ່ານ\t2\n"));
        // Taking the `# ` off a refused candidate accepts it, as the file says.
        let accepted = text.replace("# ສີສຸວັນ", "ສີສຸວັນ");
        let words = crate::words::lexicon::read_word_list(&accepted).unwrap();
        assert!(words.contains(&("ສີສຸວັນ".to_string(), Some(2))));
        // A candidate that is no Lao word by its shape is listed apart.
        let bad = Entry {
            word: "ໃຫ່ຍ".into(),
            count: 3,
            known: false,
            accepted: false,
            reason: Some("not a well-formed Lao word".into()),
        };
        let text = write_dictionary(&[bad]);
        assert!(text.contains("--dict skips them):\n#   ໃຫ່ຍ\t3\n"), "{text}");
    }
}
