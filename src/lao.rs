//! Facts about the Lao script: which code point plays which part in a cluster.
//!
//! Lao is written in clusters: an optional leading vowel (ເ ແ ໂ ໃ ໄ, stored *before*
//! the consonant it is read after), a consonant, then marks stacked on it (subscript
//! lo ຼ, a vowel above or below, a tone mark, the cancellation mark ໌) and a following
//! vowel (ະ າ ຳ ຽ). Every function here is a table look-up on one `char`.
//!
//! ```
//! use laoclean::lao::{is_consonant, is_tone_mark, MarkClass, mark_class};
//! assert!(is_consonant('ກ'));
//! assert!(is_tone_mark('\u{0EC9}'));
//! assert_eq!(mark_class('\u{0EBC}'), Some(MarkClass::Subscript));
//! ```

/// First code point of the Lao block (U+0E80).
pub const BLOCK_START: char = '\u{0E80}';
/// Last code point of the Lao block (U+0EFF).
pub const BLOCK_END: char = '\u{0EFF}';

/// Subscript lo ຼ (U+0EBC), written under ຫ ມ ນ … in ຫຼ-type clusters.
pub const SUBSCRIPT_LO: char = '\u{0EBC}';
/// Niggahita ໍ (U+0ECD); with a following າ it spells the vowel AM (ຳ) in decomposed form.
pub const NIGGAHITA: char = '\u{0ECD}';
/// Sign AA າ (U+0EB2).
pub const SIGN_AA: char = '\u{0EB2}';
/// Sign AM ຳ (U+0EB3), the canonical single code point for ໍ + າ.
pub const SIGN_AM: char = '\u{0EB3}';
/// Sign E ເ (U+0EC0); two of them typed in a row are a mistyped ແ.
pub const SIGN_E: char = '\u{0EC0}';
/// Sign EI ແ (U+0EC1).
pub const SIGN_EI: char = '\u{0EC1}';

// The role of every code point of the Lao block, one bit each, in a table built at
// compile time from the ranges of the Unicode chart; the functions below look it up.
const CONSONANT: u8 = 1;
const LEADING_VOWEL: u8 = 1 << 1;
const FOLLOWING_VOWEL: u8 = 1 << 2;
const SUBSCRIPT: u8 = 1 << 3;
const VOWEL_MARK: u8 = 1 << 4;
const TONE: u8 = 1 << 5;
const SIGN: u8 = 1 << 6;
const REPETITION: u8 = 1 << 7;

/// The role bits of `c` (0 outside the Lao block, for digits, ຯ and unassigned points).
#[inline]
const fn role(c: char) -> u8 {
    let i = (c as u32).wrapping_sub(BLOCK_START as u32);
    if i < 128 {
        ROLES[i as usize]
    } else {
        0
    }
}

static ROLES: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = 0x0E80 + i as u32;
        t[i] = match c {
            0x0E83 | 0x0E85 | 0x0E8B | 0x0EA4 | 0x0EA6 => 0,
            0x0E81..=0x0EAE | 0x0EDC..=0x0EDF => CONSONANT,
            0x0EC0..=0x0EC4 => LEADING_VOWEL,
            0x0EB0 | 0x0EB2 | 0x0EB3 | 0x0EBD => FOLLOWING_VOWEL,
            0x0EBC => SUBSCRIPT,
            0x0EB1 | 0x0EB4..=0x0EB9 | 0x0EBA | 0x0EBB | 0x0ECD => VOWEL_MARK,
            0x0EC8..=0x0ECB => TONE,
            0x0ECC | 0x0ECE => SIGN,
            0x0EC6 => REPETITION,
            _ => 0,
        };
        i += 1;
    }
    t
};

/// Is `c` in the Lao Unicode block (U+0E80–U+0EFF)?
///
/// ```
/// assert!(laoclean::lao::is_lao('ລ'));
/// assert!(!laoclean::lao::is_lao('ล')); // Thai
/// ```
#[inline]
pub const fn is_lao(c: char) -> bool {
    matches!(c, BLOCK_START..=BLOCK_END)
}

/// Is `c` a Lao consonant, including ໜ ໝ and the Pali letters of Unicode 12?
///
/// ```
/// assert!(laoclean::lao::is_consonant('ໜ'));
/// assert!(!laoclean::lao::is_consonant('າ'));
/// ```
#[inline]
pub const fn is_consonant(c: char) -> bool {
    role(c) & CONSONANT != 0
}

/// Is `c` one of the leading vowels ເ ແ ໂ ໃ ໄ, stored before their consonant?
///
/// ```
/// assert!(laoclean::lao::is_leading_vowel('ໃ'));
/// ```
#[inline]
pub const fn is_leading_vowel(c: char) -> bool {
    role(c) & LEADING_VOWEL != 0
}

/// Is `c` a tone mark ່ ້ ໊ ໋ (U+0EC8–U+0ECB)?
///
/// ```
/// assert!(laoclean::lao::is_tone_mark('\u{0EC8}'));
/// ```
#[inline]
pub const fn is_tone_mark(c: char) -> bool {
    role(c) & TONE != 0
}

/// Is `c` a following (spacing) vowel ະ າ ຳ ຽ?
///
/// ```
/// assert!(laoclean::lao::is_following_vowel('ຳ'));
/// ```
#[inline]
pub const fn is_following_vowel(c: char) -> bool {
    role(c) & FOLLOWING_VOWEL != 0
}

/// Is `c` a Lao digit ໐–໙?
///
/// ```
/// assert!(laoclean::lao::is_digit('໓'));
/// ```
#[inline]
pub const fn is_digit(c: char) -> bool {
    matches!(c, '\u{0ED0}'..='\u{0ED9}')
}

/// Is `c` a Lao letter that words are made of (consonant, vowel, mark, ໆ)?
/// Digits and the ellipsis ຯ are not letters.
///
/// ```
/// assert!(laoclean::lao::is_letter('ກ') && laoclean::lao::is_letter('\u{0EC9}'));
/// assert!(!laoclean::lao::is_letter('໓'));
/// ```
#[inline]
pub const fn is_letter(c: char) -> bool {
    role(c) != 0
}

/// The script of a character as the rules that look at a neighbour's need it: Lao (a
/// letter or mark), a letter of another script, or neither (digits, Lao ones too,
/// punctuation, blanks, the ellipsis ຯ).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Script {
    #[default]
    Neutral,
    Lao,
    Foreign,
}

impl Script {
    /// The script of `c`.
    pub(crate) fn of(c: char) -> Script {
        if is_lao(c) {
            if is_letter(c) {
                Script::Lao
            } else {
                Script::Neutral
            }
        } else if c.is_alphabetic() {
            Script::Foreign
        } else {
            Script::Neutral
        }
    }
}

/// Where a combining mark sits in a cluster, in canonical order: a cluster is written
/// consonant, [`Subscript`](MarkClass::Subscript), [`Vowel`](MarkClass::Vowel)s,
/// [`Tone`](MarkClass::Tone), [`Sign`](MarkClass::Sign), and then a following vowel
/// such as ຳ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkClass {
    /// Subscript lo ຼ (U+0EBC).
    Subscript,
    /// A vowel above (ັ ິ ີ ຶ ື ົ ໍ) or below (ຸ ູ) the consonant, or the Pali virama ຺.
    Vowel,
    /// A tone mark ່ ້ ໊ ໋.
    Tone,
    /// The cancellation mark ໌ (U+0ECC) or the yamakkan ໎ (U+0ECE).
    Sign,
}

/// The cluster position of a combining Lao mark, or `None` for anything else.
///
/// ```
/// use laoclean::lao::{mark_class, MarkClass};
/// assert_eq!(mark_class('\u{0EB4}'), Some(MarkClass::Vowel));
/// assert_eq!(mark_class('\u{0ECB}'), Some(MarkClass::Tone));
/// assert_eq!(mark_class('ກ'), None);
/// ```
#[inline]
pub const fn mark_class(c: char) -> Option<MarkClass> {
    let r = role(c);
    if r & SUBSCRIPT != 0 {
        Some(MarkClass::Subscript)
    } else if r & VOWEL_MARK != 0 {
        Some(MarkClass::Vowel)
    } else if r & TONE != 0 {
        Some(MarkClass::Tone)
    } else if r & SIGN != 0 {
        Some(MarkClass::Sign)
    } else {
        None
    }
}

/// Is `c` a combining Lao mark (anything with a [`MarkClass`])?
///
/// ```
/// assert!(laoclean::lao::is_mark('\u{0EBC}'));
/// assert!(!laoclean::lao::is_mark('ຳ'));
/// ```
#[inline]
pub const fn is_mark(c: char) -> bool {
    role(c) & (SUBSCRIPT | VOWEL_MARK | TONE | SIGN) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lao_code_point_has_at_most_one_role() {
        for c in BLOCK_START..=BLOCK_END {
            let roles = [
                is_consonant(c),
                is_leading_vowel(c),
                is_following_vowel(c),
                is_mark(c),
                is_digit(c),
            ];
            assert!(roles.iter().filter(|r| **r).count() <= 1, "{c:?}");
        }
    }

    #[test]
    fn consonant_gaps_are_not_consonants() {
        for c in ['\u{0E83}', '\u{0E85}', '\u{0E8B}', '\u{0EA4}', '\u{0EA6}'] {
            assert!(!is_consonant(c));
        }
        assert_eq!(
            ('\u{0E81}'..='\u{0EAE}')
                .filter(|c| is_consonant(*c))
                .count(),
            41
        );
    }

    #[test]
    fn mark_classes_order_as_written() {
        assert!(MarkClass::Subscript < MarkClass::Vowel);
        assert!(MarkClass::Vowel < MarkClass::Tone);
        assert!(MarkClass::Tone < MarkClass::Sign);
    }
}
