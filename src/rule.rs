//! The rules laoclean applies, each with a stable id that reports and `--explain` show.
//!
//! Ids are `stage.name`; they never change once released, so scripts can filter on them.
//!
//! ```
//! use laoclean::Rule;
//! assert_eq!(Rule::AmCompose.id(), "char.am-compose");
//! assert_eq!("char.am-compose".parse::<Rule>().unwrap(), Rule::AmCompose);
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

macro_rules! rules {
    ($( $(#[$doc:meta])* $variant:ident => $id:literal, $summary:literal; )*) => {
        /// One rule of the pipeline. See the module docs and the README for examples.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[$doc])* $variant, )*
        }

        impl Rule {
            /// Every rule, in pipeline order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The stable id, `stage.name`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }

            /// A one-line description for `--explain` and the README.
            pub fn summary(self) -> &'static str {
                match self { $(Rule::$variant => $summary,)* }
            }
        }

        impl FromStr for Rule {
            type Err = UnknownRule;
            fn from_str(s: &str) -> Result<Self, UnknownRule> {
                match s { $($id => Ok(Rule::$variant),)* _ => Err(UnknownRule(s.to_string())) }
            }
        }
    };
}

rules! {
    /// Marks of a cluster put in canonical order: ຼ, vowel, tone, ໌.
    MarkOrder => "char.mark-order", "marks of a cluster put in canonical order (consonant, ຼ, vowel, tone)";
    /// Decomposed AM ໍ + າ (tone optional between) composed to tone + ຳ.
    AmCompose => "char.am-compose", "decomposed AM (ໍ + າ) composed to ຳ";
    /// ເເ typed for ແ.
    DoubleE => "char.double-e", "two ເ typed for ແ";
    /// A mark typed twice in a row kept once.
    DuplicateMark => "char.duplicate-mark", "a mark typed twice kept once";
    /// Invisible characters (ZWSP, ZWJ, ZWNJ, word joiner, soft hyphen, inner BOM) removed.
    Invisible => "char.invisible", "invisible characters removed";
    /// NBSP and other Unicode spaces made a plain space.
    UnicodeSpace => "char.unicode-space", "Unicode spaces made a plain space";
    /// Thai code points that look like Lao ones, inside Lao text, made Lao.
    ThaiLookalike => "char.thai-lookalike", "Thai look-alike code point inside Lao text made Lao";
    /// Lao digits made ASCII (or the reverse, by option).
    Digits => "char.digits", "digits converted (Lao ໐–໙ to ASCII by default)";
    /// ຫນ ຫມ ຫລ folded to ໜ ໝ ຫຼ.
    HoCluster => "char.ho-cluster", "ຫນ ຫມ ຫລ folded to ໜ ໝ ຫຼ";
    /// A mark with no base: removed when it repeats the mark before the space.
    OrphanMark => "char.orphan-mark", "mark without a base consonant";
    /// Unicode NFC applied to non-Lao text.
    Nfc => "char.nfc", "Unicode NFC for text that is not Lao";
    /// Runs of spaces and tabs inside a line made one space.
    SpaceRun => "space.run", "runs of spaces and tabs made one space";
    /// Spaces at the end of a line removed.
    TrailingSpace => "space.trailing", "trailing spaces removed";
    /// Space removed before closing punctuation , . ; : ! ? ) % and closing quotes.
    SpaceBeforePunct => "space.before-punct", "no space before closing punctuation";
    /// Space removed after ( and opening quotes.
    SpaceAfterOpen => "space.after-open", "no space after an opening bracket or quote";
    /// One space inserted after , ; : when a letter follows.
    SpaceAfterPunct => "space.after-punct", "one space after , ; : before a letter";
    /// One space inserted between Lao letters and a number.
    SpaceAroundNumber => "space.number", "one space between Lao letters and a number";
    /// Space inserted before an opening bracket that follows a Lao letter.
    SpaceBeforeOpen => "space.before-open", "one space between Lao text and an opening bracket";
    /// Space inserted after a closing bracket or quote that a Lao letter follows.
    SpaceAfterClose => "space.after-close", "one space between a closing bracket or quote and Lao text";
    /// A number split by a stray space after its decimal comma joined (25, 84 → 25,84).
    SplitNumber => "space.split-number", "a number split by a stray space joined";
    /// A line of OCR specks (stray letters and marks among punctuation, no word) removed.
    SpeckLine => "noise.speck-line", "a line of OCR specks (stray letters among punctuation) removed";
    /// A stretch that is no word (or a real word wrong in context) replaced by the
    /// dictionary word it is a damaged copy of.
    WordSpelling => "word.spelling", "a misspelt or misread word corrected from the dictionary";
    /// A stray space inside a word removed.
    WordJoinSpace => "word.join-space", "a stray space inside a word removed";
    /// A hard line break inside a wrapped paragraph removed (or made one space).
    WordJoinLine => "word.join-line", "a hard line break inside a wrapped paragraph rejoined";
    /// A real word that web text never shows beside its neighbours, respelt as the word
    /// of its skeleton that it does show there (suggested; applied at the aggressive
    /// level).
    WordContext => "word.context", "a real word that web text never shows beside its neighbours respelt";
    /// A word or syllable written twice in a row (suggested only).
    WordDuplicate => "word.duplicate", "a word written twice in a row (suggestion)";
}

/// The error of parsing a rule id that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule id `{0}`")]
pub struct UnknownRule(pub String);

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for r in Rule::ALL {
            assert!(seen.insert(r.id()), "duplicate id {}", r.id());
            assert_eq!(r.id().parse::<Rule>().unwrap(), *r);
            let json = serde_json::to_string(r).unwrap();
            assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), *r);
        }
        assert!("char.nope".parse::<Rule>().is_err());
    }
}
