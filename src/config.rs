//! What a [`Cleaner`](crate::Cleaner) does: one [`Config`], built in builder style and
//! serialisable, so a team can keep its settings in a file.
//!
//! ```
//! use laoclean::{Config, Digits};
//! let config = Config::default().digits(Digits::Keep).fold_ho_clusters(false);
//! let json = serde_json::to_string(&config).unwrap();
//! let back: Config = serde_json::from_str(&json).unwrap();
//! assert_eq!(back, config);
//! ```

use serde::{Deserialize, Serialize};

/// What to do with digits in Lao text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Digits {
    /// Leave Lao and ASCII digits as they are.
    Keep,
    /// Lao digits ໐–໙ become ASCII 0–9 (the default: the user's documents use ASCII).
    #[default]
    Ascii,
    /// ASCII digits inside Lao text become Lao digits.
    Lao,
}

/// How far the word stage may go. The character and spacing rules run at every level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Level {
    /// Character and spacing rules only; no dictionary decisions.
    Safe,
    /// Dictionary corrections where the better reading wins by a clear margin.
    #[default]
    Standard,
    /// A lower margin, for heavy OCR noise; also swaps one word for another where web
    /// text holds the new spelling far more often (OCR writes real words), and removes
    /// lines of OCR specks (with [`NoiseLines::Auto`]).
    Aggressive,
}

/// Whether hard line breaks inside a paragraph are rejoined (by the word stage: not at
/// [`Level::Safe`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum JoinLines {
    /// Rejoin when a paragraph looks hard-wrapped.
    #[default]
    Auto,
    /// Always rejoin the lines of a paragraph.
    Always,
    /// Never rejoin lines.
    Never,
}

/// What to do with lines of OCR specks ([`noise`](crate::noise)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum NoiseLines {
    /// Remove them at [`Level::Aggressive`], suggest their removal at the other levels.
    #[default]
    Auto,
    /// Remove them at every level.
    Drop,
    /// Leave them, and suggest nothing.
    Keep,
}

/// The settings of a [`Cleaner`](crate::Cleaner). Every field has a builder method of
/// the same name.
///
/// ```
/// use laoclean::{Cleaner, Config, Digits};
/// let cleaner = Cleaner::new(Config::default().digits(Digits::Keep));
/// assert_eq!(cleaner.clean("໓໓"), "໓໓");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Config {
    /// Digit conversion (default [`Digits::Ascii`]).
    pub digits: Digits,
    /// Fold ຫນ ຫມ ຫລ to ໜ ໝ ຫຼ (default true). When false, no stage folds them: the
    /// word stage reads them as the folded spellings of its lexicon and writes the
    /// words it corrects with the clusters as the text had them.
    pub fold_ho_clusters: bool,
    /// Keep U+200B ZERO WIDTH SPACE in Lao text, where it marks a break between words
    /// (default false: removed with the other invisible characters).
    pub keep_zwsp: bool,
    /// Make Thai look-alike code points inside Lao text Lao (default true).
    pub thai_lookalikes: bool,
    /// Run the spacing rules (default true). The word stage's joins of stray spaces
    /// inside words (`word.join-space`) are not spacing rules: they follow [`Level`].
    pub spacing: bool,
    /// How far the word stage may go (default [`Level::Standard`]).
    pub level: Level,
    /// Rejoining of hard-wrapped lines (default [`JoinLines::Auto`]). The word stage
    /// rejoins them, so nothing is rejoined at [`Level::Safe`].
    pub join_lines: JoinLines,
    /// Lines of OCR specks (default [`NoiseLines::Auto`]).
    pub noise_lines: NoiseLines,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            digits: Digits::Ascii,
            fold_ho_clusters: true,
            keep_zwsp: false,
            thai_lookalikes: true,
            spacing: true,
            level: Level::Standard,
            join_lines: JoinLines::Auto,
            noise_lines: NoiseLines::Auto,
        }
    }
}

impl Config {
    /// Sets [`Config::digits`].
    pub fn digits(mut self, digits: Digits) -> Self {
        self.digits = digits;
        self
    }

    /// Sets [`Config::fold_ho_clusters`].
    pub fn fold_ho_clusters(mut self, yes: bool) -> Self {
        self.fold_ho_clusters = yes;
        self
    }

    /// Sets [`Config::keep_zwsp`]. The word stage reads a kept U+200B as a word
    /// boundary and never removes it.
    ///
    /// ```
    /// use laoclean::{Cleaner, Config};
    /// let c = Cleaner::new(Config::default().keep_zwsp(true));
    /// assert_eq!(c.clean("ປະເທດ\u{200B}ລາວ"), "ປະເທດ\u{200B}ລາວ");
    /// // The other invisible characters still go.
    /// assert_eq!(c.clean("ປະເທດ\u{200D}ລາວ"), "ປະເທດລາວ");
    /// ```
    pub fn keep_zwsp(mut self, yes: bool) -> Self {
        self.keep_zwsp = yes;
        self
    }

    /// Sets [`Config::thai_lookalikes`].
    pub fn thai_lookalikes(mut self, yes: bool) -> Self {
        self.thai_lookalikes = yes;
        self
    }

    /// Sets [`Config::spacing`].
    pub fn spacing(mut self, yes: bool) -> Self {
        self.spacing = yes;
        self
    }

    /// Sets [`Config::level`].
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Sets [`Config::join_lines`].
    pub fn join_lines(mut self, join: JoinLines) -> Self {
        self.join_lines = join;
        self
    }

    /// Sets [`Config::noise_lines`].
    pub fn noise_lines(mut self, noise: NoiseLines) -> Self {
        self.noise_lines = noise;
        self
    }
}
