//! Stage 3, words: the Lao lexicon and word segmentation.
//!
//! - [`syllable`]: Lao syllables from the orthography (no dictionary);
//! - [`lexicon`]: the embedded word list as an `fst::Map` with costs, plus users' words;
//! - [`segment`]: the Viterbi segmenter over syllable boundaries.
//!
//! ```
//! use laoclean::words::{Lexicon, Segmenter};
//! let words = Lexicon::from_counts([("ສະບາຍດີ", 3), ("ປະເທດ", 5), ("ລາວ", 5)]).unwrap();
//! let seg = Segmenter::new(words);
//! assert_eq!(seg.segment("ສະບາຍດີ ປະເທດລາວ", "|"), "ສະບາຍດີ ປະເທດ|ລາວ");
//! ```

pub mod corpus;
pub mod lexicon;
pub mod segment;
pub mod syllable;

pub use lexicon::{Lexicon, LexiconError};
pub use segment::{Segmenter, Token, TokenKind};
