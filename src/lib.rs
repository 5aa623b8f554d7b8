//! laoclean turns damaged Lao text into clean, canonical Lao: the errors of OCR and of
//! typing that fill real Lao documents.
//!
//! The text flows through pure stages, each returning its text and the edits it made:
//!
//! | stage | module | what it fixes |
//! |---|---|---|
//! | 1 | [`characters`] | code points: mark order, decomposed ຳ, ເເ, invisible characters, Thai look-alikes, digits, ຫນ → ໜ |
//! | 2 | [`spacing`] | spaces: runs, around punctuation and numbers |
//! | 3 | [`noise`] | lines of OCR specks, removed at `--level aggressive` (suggested below) |
//! | 4 | [`words`] | the Lao lexicon (embedded fst) and word segmentation |
//!
//! Files of any size go through [`stream::clean_stream`]: paragraphs cleaned in
//! parallel, in bounded memory, with UTF-8 and binary checks.
//!
//! ```
//! use laoclean::{Cleaner, Config, Digits};
//! let cleaner = Cleaner::new(Config::default());
//! assert_eq!(cleaner.clean("ນໍ້າ ເເລະ ໓໓"), "ນ້ຳ ແລະ 33");
//!
//! // The character stage alone, with the default settings:
//! assert_eq!(laoclean::normalize("ນໍ້າ"), "ນ້ຳ");
//! ```

#![warn(missing_docs)]

pub mod characters;
mod cleaner;
mod config;
pub mod edit;
pub mod jsonl;
pub mod lao;
pub mod noise;
mod rule;
pub mod spacing;
pub mod stream;
pub mod words;

pub use cleaner::{Change, Cleaned, Cleaner};
pub use config::{Config, Digits, JoinLines, Level, NoiseLines};
pub use edit::Edit;
pub use rule::{Rule, UnknownRule};

use std::borrow::Cow;

/// The character stage alone, with the default settings: canonical cluster order,
/// composed ຳ, ແ for ເເ, no invisible characters, Lao for Thai look-alikes, ASCII
/// digits, ໜ ໝ ຫຼ for ຫນ ຫມ ຫລ, NFC outside Lao. Borrowed when nothing changes. For
/// other settings, a [`Cleaner`] at [`Level::Safe`] without the spacing stage runs the
/// character stage alone too (and the noise stage, which keeps every line by default).
///
/// ```
/// use laoclean::{Cleaner, Config, Digits, Level};
/// assert_eq!(laoclean::normalize("ກີີ"), "ກີ");
/// assert!(matches!(laoclean::normalize("ສະບາຍດີ"), std::borrow::Cow::Borrowed(_)));
/// // Lao digits kept, ຫນ kept, no spacing rule (the double space stays):
/// let config = Config::default().level(Level::Safe).spacing(false);
/// let characters = Cleaner::new(config.digits(Digits::Keep).fold_ho_clusters(false));
/// assert_eq!(characters.clean("ຫນ້າ  ໓ ເເລະ"), "ຫນ້າ  ໓ ແລະ");
/// ```
pub fn normalize(text: &str) -> Cow<'_, str> {
    characters::run(text, &Config::default(), false).text
}

/// The Rust examples of README.md, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
