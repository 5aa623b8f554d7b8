//! Word segmentation: the most probable sequence of dictionary words.
//!
//! # The lattice
//!
//! Text is first cut into runs: Lao letters, spaces, numbers, other letters (Latin…),
//! and single punctuation characters. Every run that is not Lao is one token.
//!
//! In a Lao run, the nodes of the lattice are the character positions where a syllable
//! can end: the syllable grammar ([`syllable`](super::syllable)) lists, from each node,
//! every parse of the next syllable, so a consonant that could close one syllable or
//! open the next (ດີກວ່າ: ດີ|ກວ່າ or ດີກ|ວ່າ) leaves both readings in the lattice for
//! the dictionary to decide. Edges leaving a node are
//!
//! - every dictionary word that starts there, weighted by its cost −log P(word), all
//!   found in one walk of the word automaton ([`Lexicon::prefixes`]);
//! - every syllable parse, as an *unknown* syllable at [`Lexicon::unknown_cost`] (more
//!   than any known word) plus a small cost that prefers well-formed parses.
//!
//! Viterbi keeps, for each node, the cheapest path reaching it and the edge it came by;
//! the path back from the end of the run is the segmentation. Adjacent unknown
//! syllables are then merged into one token, so an unknown name stays in one piece.
//!
//! Code and addresses (web and e-mail addresses, file paths and names, inline and fenced
//! code: the spans the cleaner leaves as written) are not language: each is one
//! [`TokenKind::Verbatim`] token, never cut.
//!
//! Time and memory are linear in the text: each node has at most eight syllable edges
//! and the automaton walk from it stops after [`MAX_WORD_CHARS`] characters.
//!
//! ```
//! use laoclean::words::Segmenter;
//! let seg = Segmenter::default();
//! let text = "ພາສາລາວ ແລະ 2021";
//! let words: Vec<&str> = seg.words(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(words.concat(), text);
//! assert!(words.contains(&"ແລະ") && words.contains(&"2021"));
//! ```

use super::lexicon::{Lexicon, MAX_WORD_CHARS};
use super::syllable::{candidates, runs, INVALID, REPETITION_MARK};
use rayon::prelude::*;
use std::ops::Range;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// A dictionary word.
    Word,
    /// Lao syllables that no dictionary word covers (merged when adjacent).
    Unknown,
    /// The repetition mark ໆ.
    Repetition,
    /// Spaces, tabs, line breaks (and zero-width spaces).
    Space,
    /// Digits, with `.` `,` `/` or `:` between digits (4.753,15; 10/5/2021; 8:00).
    Number,
    /// Letters of another script (Latin…).
    Foreign,
    /// One punctuation or other character.
    Punctuation,
    /// A web or e-mail address, a file path or name, or code (inline or fenced), whole:
    /// what the cleaner leaves as written (`https://lo.wikipedia.org/wiki/ລາວ`).
    Verbatim,
}

impl TokenKind {
    /// Is this a Lao token (a word, unknown syllables or ໆ)?
    ///
    /// ```
    /// assert!(laoclean::words::TokenKind::Unknown.is_lao());
    /// ```
    pub fn is_lao(self) -> bool {
        matches!(
            self,
            TokenKind::Word | TokenKind::Unknown | TokenKind::Repetition
        )
    }
}

/// One token: a byte range of the input and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The byte range of the input.
    pub span: Range<usize>,
    /// What it is.
    pub kind: TokenKind,
}

/// Splits text into words with a [`Lexicon`]. Build it once and share it: every method
/// takes `&self`, and it is `Send + Sync`.
///
/// ```
/// use laoclean::words::{Lexicon, Segmenter};
/// let seg = Segmenter::new(Lexicon::from_counts([("ກິນ", 1), ("ເຂົ້າ", 1), ("ກິນເຂົ້າ", 5)]).unwrap());
/// assert_eq!(seg.segment("ກິນເຂົ້າ", "|"), "ກິນເຂົ້າ");
/// let seg = Segmenter::new(Lexicon::from_counts([("ກິນ", 5), ("ເຂົ້າ", 5), ("ກິນເຂົ້າ", 1)]).unwrap());
/// assert_eq!(seg.segment("ກິນເຂົ້າ", "|"), "ກິນ|ເຂົ້າ");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Segmenter {
    lexicon: Lexicon,
}

/// Inputs at least this long are split into blocks segmented in parallel.
const PARALLEL_BLOCK: usize = 1 << 16;

impl Segmenter {
    /// A segmenter over `lexicon`.
    ///
    /// ```
    /// let seg = laoclean::words::Segmenter::new(laoclean::words::Lexicon::embedded());
    /// assert_eq!(seg.words("ກ").len(), 1);
    /// ```
    pub fn new(lexicon: Lexicon) -> Self {
        Segmenter { lexicon }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The byte ranges of the tokens of `text`, in order; together they cover `text`
    /// exactly (spaces and punctuation are tokens too).
    ///
    /// ```
    /// use laoclean::words::{Lexicon, Segmenter};
    /// let seg = Segmenter::new(Lexicon::from_counts([("ປະເທດ", 5), ("ລາວ", 5)]).unwrap());
    /// let text = "ປະເທດລາວ ຈີນ";
    /// let words: Vec<&str> = seg.words(text).into_iter().map(|r| &text[r]).collect();
    /// assert_eq!(words, ["ປະເທດ", "ລາວ", " ", "ຈີນ"]);
    /// ```
    pub fn words(&self, text: &str) -> Vec<Range<usize>> {
        self.tokens(text).into_iter().map(|t| t.span).collect()
    }

    /// The tokens of `text` with their kinds. Long inputs are cut at spaces and line
    /// breaks into blocks that are segmented in parallel (rayon); the result is the same
    /// as on one thread. An address, a path or code is one token.
    ///
    /// ```
    /// use laoclean::words::{Segmenter, TokenKind};
    /// let t = Segmenter::default().tokens("ລາວ 12");
    /// let kinds: Vec<TokenKind> = t.iter().map(|t| t.kind).collect();
    /// assert_eq!(kinds, [TokenKind::Word, TokenKind::Space, TokenKind::Number]);
    /// let text = "ເບິ່ງ https://lo.wikipedia.org/wiki/ລາວ";
    /// let last = Segmenter::default().tokens(text).pop().unwrap();
    /// assert_eq!((&text[last.span], last.kind), ("https://lo.wikipedia.org/wiki/ລາວ", TokenKind::Verbatim));
    /// ```
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        // The text between code and address spans, cut into blocks when long; each
        // span is one token.
        let mut pieces: Vec<(Range<usize>, bool)> = Vec::new();
        let gap = |pieces: &mut Vec<(Range<usize>, bool)>, r: Range<usize>| {
            if r.len() < 2 * PARALLEL_BLOCK {
                pieces.push((r, false));
            } else {
                let at = r.start;
                pieces.extend(
                    blocks(&text[r], PARALLEL_BLOCK)
                        .into_iter()
                        .map(|b| (at + b.start..at + b.end, false)),
                );
            }
        };
        let mut from = 0;
        for span in crate::spacing::protected_ranges(text) {
            if from < span.start {
                gap(&mut pieces, from..span.start);
            }
            from = span.end;
            pieces.push((span, true));
        }
        if from < text.len() {
            gap(&mut pieces, from..text.len());
        }
        let piece = |(r, verbatim): &(Range<usize>, bool)| {
            let mut out = Vec::new();
            if *verbatim {
                // (A fenced block's span holds the line breaks around it: spaces.)
                let rest = text[r.clone()].trim_start_matches(is_space);
                let start = r.end - rest.len();
                let end = start + rest.trim_end_matches(is_space).len();
                for (span, kind) in [
                    (r.start..start, TokenKind::Space),
                    (start..end, TokenKind::Verbatim),
                    (end..r.end, TokenKind::Space),
                ] {
                    if !span.is_empty() {
                        out.push(Token { span, kind });
                    }
                }
            } else {
                self.tokens_into(&text[r.clone()], r.start, &mut out);
            }
            out
        };
        if text.len() < 2 * PARALLEL_BLOCK {
            return pieces.iter().flat_map(piece).collect();
        }
        let parts: Vec<Vec<Token>> = pieces.par_iter().map(piece).collect();
        parts.concat()
    }

    /// `text` with `sep` between adjacent tokens where neither is a space: for indexing
    /// (the default separator of `laoclean segment` is U+200B ZERO WIDTH SPACE).
    ///
    /// ```
    /// use laoclean::words::{Lexicon, Segmenter};
    /// let seg = Segmenter::new(Lexicon::from_counts([("ປະເທດ", 5), ("ລາວ", 5)]).unwrap());
    /// assert_eq!(seg.segment("ປະເທດລາວ, ລາວ", "|"), "ປະເທດ|ລາວ|, ລາວ");
    /// ```
    pub fn segment(&self, text: &str, sep: &str) -> String {
        let tokens = self.tokens(text);
        let mut out = String::with_capacity(text.len() + tokens.len() * sep.len());
        let mut prev_space = true;
        for t in tokens {
            let space = t.kind == TokenKind::Space;
            if !prev_space && !space {
                out.push_str(sep);
            }
            out.push_str(&text[t.span]);
            prev_space = space;
        }
        out
    }

    /// Tokens of `text`, offsets shifted by `base`, appended to `out`.
    fn tokens_into(&self, text: &str, base: usize, out: &mut Vec<Token>) {
        let mut lattice = Lattice::default();
        for (run, lao) in runs(text) {
            if lao {
                lattice.segment(&self.lexicon, &text[run.clone()], base + run.start, out);
            } else {
                other_tokens(&text[run.clone()], base + run.start, out);
            }
        }
    }
}

/// Cuts `text` into blocks of about `size` bytes, after a run of white space (at a line
/// break if one is near): a token never runs over white space, so the blocks' tokens
/// are those of the whole text. Text with no white space in reach is not cut.
fn blocks(text: &str, size: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > size + size / 2 {
        let from = start + size;
        let window = &bytes[from..(from + size / 2).min(bytes.len())];
        let Some(blank) = memchr::memchr(b'\n', window)
            .or_else(|| memchr::memchr2(b' ', b'\t', window))
            .map(|i| from + i)
        else {
            break;
        };
        // After the whole run of white space (a Space token is the run).
        let cut = blank
            + text[blank..]
                .char_indices()
                .find(|&(_, c)| !is_space(c))
                .map_or(text.len() - blank, |(i, _)| i);
        if cut >= text.len() {
            break;
        }
        out.push(start..cut);
        start = cut;
    }
    out.push(start..text.len());
    out
}

/// Tokens of a run that holds no Lao letter.
fn other_tokens(run: &str, base: usize, out: &mut Vec<Token>) {
    let mut it = run.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let kind = if is_space(c) {
            TokenKind::Space
        } else if c.is_numeric() {
            TokenKind::Number
        } else if c.is_alphabetic() {
            TokenKind::Foreign
        } else {
            TokenKind::Punctuation
        };
        let mut end = i + c.len_utf8();
        if kind != TokenKind::Punctuation {
            while let Some(&(j, d)) = it.peek() {
                let same = match kind {
                    TokenKind::Space => is_space(d),
                    TokenKind::Number => {
                        d.is_numeric()
                            || (matches!(d, '.' | ',' | '/' | ':')
                                && run[j + 1..].chars().next().is_some_and(char::is_numeric))
                    }
                    _ => d.is_alphabetic() || is_combining(d),
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        out.push(Token {
            span: base + i..base + end,
            kind,
        });
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}'
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Reusable buffers of the Viterbi decoder.
#[derive(Default)]
struct Lattice {
    /// The run's characters with their byte offsets.
    chars: Vec<(usize, char)>,
    /// For each character position: (cost of the best path to it, start of its last
    /// edge, was that edge a known word?). `u64::MAX`: not a syllable boundary.
    best: Vec<(u64, u32, bool)>,
    cands: Vec<(usize, u32)>,
    path: Vec<(usize, usize, bool)>,
}

impl Lattice {
    fn segment(&mut self, lex: &Lexicon, run: &str, base: usize, out: &mut Vec<Token>) {
        self.chars.clear();
        self.chars.extend(run.char_indices());
        let n = self.chars.len();
        self.best.clear();
        self.best.resize(n + 1, (u64::MAX, 0, false));
        self.best[0] = (0, 0, false);
        let unknown = lex.unknown_cost();
        for p in 0..n {
            let here = self.best[p].0;
            if here == u64::MAX {
                continue; // no syllable ends here
            }
            // Unknown syllables: every parse the syllable grammar allows from p.
            candidates(&self.chars, p, &mut self.cands);
            for &(e, syl) in &self.cands {
                let c = here + unknown + if syl >= INVALID { unknown } else { syl as u64 };
                if c < self.best[e].0 {
                    self.best[e] = (c, p as u32, false);
                }
            }
            // Known words starting at p, in one walk of the automaton.
            let best = &mut self.best;
            lex.prefixes(&self.chars, p, MAX_WORD_CHARS, |e, cost| {
                let c = here + cost;
                if c < best[e].0 {
                    best[e] = (c, p as u32, true);
                }
            });
        }
        // Back from the end, then merge adjacent unknown syllables.
        self.path.clear();
        let mut j = n;
        while j > 0 {
            let (_, i, known) = self.best[j];
            self.path.push((i as usize, j, known));
            j = i as usize;
        }
        let at = |k: usize| if k == n { run.len() } else { self.chars[k].0 };
        let mut pending: Option<Range<usize>> = None;
        for &(i, j, known) in self.path.iter().rev() {
            let span = base + at(i)..base + at(j);
            // ໆ alone is the repetition mark, whether or not the lexicon lists it.
            let repetition = j == i + 1 && self.chars[i].1 == REPETITION_MARK;
            if known || repetition {
                if let Some(p) = pending.take() {
                    out.push(Token {
                        span: p,
                        kind: TokenKind::Unknown,
                    });
                }
                let kind = if repetition {
                    TokenKind::Repetition
                } else {
                    TokenKind::Word
                };
                out.push(Token { span, kind });
            } else {
                pending = Some(match pending {
                    Some(p) => p.start..span.end,
                    None => span,
                });
            }
        }
        if let Some(p) = pending {
            out.push(Token {
                span: p,
                kind: TokenKind::Unknown,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(lex: &Lexicon, text: &str) -> String {
        Segmenter::new(lex.clone()).segment(text, "|")
    }

    #[test]
    fn picks_the_most_probable_sequence() {
        let lex =
            Lexicon::from_counts([("ກາງ", 50), ("ຄືນ", 50), ("ກາງຄືນ", 30), ("ມາ", 100)]).unwrap();
        assert_eq!(seg(&lex, "ກາງຄືນມາ"), "ກາງຄືນ|ມາ");
    }

    #[test]
    fn unknown_syllables_merge_into_one_token() {
        let lex = Lexicon::from_counts([("ທ່ານ", 5), ("ມາ", 5)]).unwrap();
        assert_eq!(seg(&lex, "ທ່ານສີສຸວັນມາ"), "ທ່ານ|ສີສຸວັນ|ມາ");
        let kinds: Vec<_> = Segmenter::new(lex)
            .tokens("ທ່ານສີສຸວັນ")
            .iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(kinds, [TokenKind::Word, TokenKind::Unknown]);
    }

    #[test]
    fn non_lao_runs_are_tokens() {
        let lex = Lexicon::from_counts([("ລາວ", 5)]).unwrap();
        assert_eq!(
            seg(&lex, "ລາວABC 4.753,15 (ລາວ)"),
            "ລາວ|ABC 4.753,15 (|ລາວ|)"
        );
        assert_eq!(
            seg(&lex, "ລາວ 10/5/2021 8:00 1/2"),
            "ລາວ 10/5/2021 8:00 1/2"
        );
        assert_eq!(seg(&lex, "ລາວໆ"), "ລາວ|ໆ");
        // The repetition mark is its own kind, with the embedded lexicon (which lists
        // ໆ) too.
        let kinds: Vec<_> = Segmenter::default()
            .tokens("ລາວໆໆ")
            .iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Repetition,
                TokenKind::Repetition
            ]
        );
        assert_eq!(seg(&lex, "ລາວ\n\nລາວ"), "ລາວ\n\nລາວ");
    }

    #[test]
    fn addresses_paths_and_code_are_one_token() {
        let lex = Lexicon::from_counts([("ລາວ", 5), ("ເບິ່ງ", 5)]).unwrap();
        assert_eq!(
            seg(&lex, "ເບິ່ງhttps://lo.wikipedia.org/wiki/ລາວ ລາວ"),
            "ເບິ່ງ|https://lo.wikipedia.org/wiki/ລາວ ລາວ"
        );
        assert_eq!(seg(&lex, "ລາວ ສົມ@mail.la ລາວ"), "ລາວ ສົມ@mail.la ລາວ");
        assert_eq!(
            seg(&lex, "ລາວ `ລາວລາວ` ~/ລາວ/ລາວ.txt"),
            "ລາວ `ລາວລາວ` ~/ລາວ/ລາວ.txt"
        );
        assert_eq!(
            seg(&lex, "ລາວ\n```\nລາວລາວ\n```\nລາວລາວ"),
            "ລາວ\n```\nລາວລາວ\n```\nລາວ|ລາວ"
        );
        // Long text (segmented in parallel blocks): the same tokens as on one thread.
        let text = "ລາວລາວ https://a.la/ລາວລາວ ເບິ່ງລາວ\n".repeat(10_000);
        let seg = Segmenter::new(lex);
        let tokens = seg.tokens(&text);
        let verbatim = tokens.iter().filter(|t| t.kind == TokenKind::Verbatim);
        assert!(verbatim
            .map(|t| &text[t.span.clone()])
            .all(|t| t == "https://a.la/ລາວລາວ"));
        assert_eq!(
            tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Verbatim)
                .count(),
            10_000
        );
        assert_eq!(tokens.first().unwrap().span.start, 0);
        for w in tokens.windows(2) {
            assert_eq!(w[0].span.end, w[1].span.start);
        }
        assert_eq!(tokens.last().unwrap().span.end, text.len());
    }

    #[test]
    fn blocks_cover_the_text_and_give_the_tokens_of_the_whole() {
        let text = "ກາ ຂາ\nຄາ".repeat(10_000);
        let b = blocks(&text, 1000);
        assert!(b.len() > 10);
        assert_eq!(b.first().unwrap().start, 0);
        assert_eq!(b.last().unwrap().end, text.len());
        for w in b.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            let c = text[..w[0].end].chars().next_back().unwrap();
            assert!(is_space(c));
        }
        let seg = Segmenter::new(Lexicon::from_counts([("ກາ", 1), ("ຂາ", 1)]).unwrap());
        // Runs of spaces, numbers and Latin words near the cuts stay whole.
        for text in [
            text,
            "ສະບາຍດີ  \t ".repeat(20_000),
            "ສະບາຍດີ12345 hello ".repeat(20_000),
            "ສະບາຍດີ12345".repeat(20_000),
        ] {
            let mut one = Vec::new();
            seg.tokens_into(&text, 0, &mut one);
            assert_eq!(seg.tokens(&text), one);
        }
    }
}
