//! Evidence from Lao web text: in how many distinct tokens of Tesseract's Lao word list
//! (space-separated stretches of web text, `dictionaries/SOURCES.md`) a word, or two words
//! in a row, stands. The word stage weighs a respelling with it: ໄຟຟ້າ stands in 612
//! tokens and ໄຟຜ້າ in none, so the respelling is likelier than the error model alone says.
//!
//! The table (`dictionaries/web-counts.tsv`, an `fst::Map` from the string, keyed one
//! byte per character as the lexicon is, to the number, decoded into the flat records
//! of [`automaton`](super::automaton)) keeps words that 2 tokens or more hold and pairs that 3 or more hold; any other
//! string counts 0. Counts are of distinct tokens, not of running text, so they are
//! small and flat: the evidence they give is a few nats at most.
//!
//! ```
//! use laoclean::words::web;
//! assert!(web::tokens_holding("ໄຟຟ້າ") > 100);
//! assert_eq!(web::tokens_holding("ໄຟຜ້າ"), 0);
//! assert!(web::evidence("ໄຟຟ້າ", "ໄຟຜ້າ") > 5000);
//! ```

use super::automaton::Automaton;
use std::sync::OnceLock;

static WEB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/web.flat"));

fn table() -> &'static Automaton {
    static MAP: OnceLock<Automaton> = OnceLock::new();
    MAP.get_or_init(|| Automaton::from_static(WEB))
}

/// How many tokens the table was counted in: Tesseract's Lao word list holds 502,144
/// (`dictionaries/SOURCES.md`). Two strings' counts over this say how often chance alone
/// would put them side by side.
pub const TOKENS: u64 = 502_144;

/// In how many web tokens `text` stands (0 if the table does not keep it).
///
/// ```
/// assert!(laoclean::words::web::tokens_holding("ປັບປຸງ") > 100);
/// ```
pub fn tokens_holding(text: &str) -> u64 {
    // Keyed as the lexicon is: one byte per Lao character, all 0x80 and up, so a
    // character outside the block (0) ends the walk with no count.
    let bytes = text
        .chars()
        .map(|c| super::lexicon::key_byte(c).unwrap_or(0));
    table().get_bytes(bytes).unwrap_or(0)
}

/// [`tokens_holding`] for a string given as its key bytes (one byte per character,
/// as [`lexicon::key`](super::lexicon::key) makes them).
pub(crate) fn tokens_holding_key(key: &[u8]) -> u64 {
    table().get_bytes(key.iter().copied()).unwrap_or(0)
}

/// [`tokens_holding_key`] for two strings in a row (two words: a pair), without
/// joining them first.
pub(crate) fn tokens_holding_pair(first: &[u8], second: &[u8]) -> u64 {
    table()
        .get_bytes(first.iter().chain(second).copied())
        .unwrap_or(0)
}

/// How much likelier (milli-nats, the word stage's scale) web text makes `meant` than
/// `written`: `1000 × ln((n(meant) + 1) / (n(written) + 1))`, negative when the written
/// form is the commoner one.
///
/// ```
/// use laoclean::words::web::evidence;
/// assert_eq!(evidence("ກ", "ກ"), 0);
/// assert!(evidence("ຄຽງຄູ", "ຄຽງຄູ່") < 0);
/// ```
pub fn evidence(meant: &str, written: &str) -> i64 {
    evidence_of_counts(tokens_holding(meant), tokens_holding(written))
}

/// [`evidence`] from the two numbers of tokens, for a caller that has looked them up.
///
/// ```
/// use laoclean::words::web::{evidence, evidence_of_counts, tokens_holding};
/// let (a, b) = ("ໄຟຟ້າ", "ໄຟຜ້າ");
/// assert_eq!(evidence_of_counts(tokens_holding(a), tokens_holding(b)), evidence(a, b));
/// ```
pub fn evidence_of_counts(meant: u64, other: u64) -> i64 {
    let n = |k: u64| k as f64 + 1.0;
    (1000.0 * (n(meant) / n(other)).ln()).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_zero_for_one_spelling_and_changes_sign_with_the_order() {
        for (a, b) in [("ໄຟຟ້າ", "ໄຟຜ້າ"), ("ຄຽງຄູ່", "ຄຽງຄູ"), ("ທະຫານ", "ທະທານ")]
        {
            assert_eq!(evidence(a, a), 0);
            assert_eq!(evidence(a, b), -evidence(b, a), "{a} {b}");
            assert!(evidence(a, b) > 0, "{a} is the commoner spelling of {b}");
        }
    }

    #[test]
    fn only_lao_strings_the_table_keeps_have_a_count() {
        assert_eq!(tokens_holding(""), 0);
        assert_eq!(tokens_holding("Lao"), 0);
        assert_eq!(tokens_holding("ໄຟຟ້າ 2"), 0);
        // A non-word, however common on the web (the table keeps words and word pairs).
        assert_eq!(tokens_holding("ໃຫ່ຍ"), 0);
        assert!(tokens_holding("ໃຫຍ່") > 1000);
    }
}
