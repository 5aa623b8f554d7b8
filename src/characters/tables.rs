//! The tables of the character stage: the data compiled by build.rs from
//! `dictionaries/rules/*.tsv`, and a per-code-point table of the Lao block derived at
//! compile time from [`crate::lao`], so the scanner needs one array look-up per letter.

use crate::lao::{self, MarkClass};
use crate::Config;

/// What happens to a listed format character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FormatAction {
    /// Deleted (rule `char.invisible`).
    Remove,
    /// Replaced by U+0020 (rule `char.unicode-space`).
    Space,
}

/// Where a listed format character is acted on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FormatScope {
    /// Wherever it stands.
    Anywhere,
    /// Only when the nearest visible character before or after it is Lao.
    NextToLao,
}

include!(concat!(env!("OUT_DIR"), "/character_tables.rs"));

/// The action and scope for `c`, if it is a listed invisible character or space.
#[inline]
pub(crate) fn format_character(c: char) -> Option<(FormatAction, FormatScope)> {
    format_row(c).map(|r| (r.1, r.2))
}

/// The row of the table for `c`, if it is listed.
#[inline]
fn format_row(c: char) -> Option<&'static (char, FormatAction, FormatScope, bool)> {
    let i = FORMAT_CHARACTERS.binary_search_by_key(&c, |r| r.0).ok()?;
    Some(&FORMAT_CHARACTERS[i])
}

/// [`format_character`] under `cfg`: `None` also for a character the configuration
/// keeps (column `kept_by` of the table; [`Config::keep_zwsp`]).
#[inline]
pub(crate) fn format_action(c: char, cfg: &Config) -> Option<(FormatAction, FormatScope)> {
    let &(_, action, scope, kept_by_keep_zwsp) = format_row(c)?;
    (!(kept_by_keep_zwsp && cfg.keep_zwsp)).then_some((action, scope))
}

/// The Lao code point a Thai code point looks like, if any.
#[inline]
pub(crate) fn thai_lookalike(c: char) -> Option<char> {
    let i = (c as u32).wrapping_sub(0x0E00);
    if i < 128 && THAI_LOOKALIKES[i as usize] != '\0' {
        Some(THAI_LOOKALIKES[i as usize])
    } else {
        None
    }
}

/// Is `c` in the Thai block (U+0E00–U+0E7F)?
#[inline]
pub(crate) fn is_thai(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0E7F}')
}

/// Is `c` a Thai digit ๐–๙?
#[inline]
pub(crate) fn is_thai_digit(c: char) -> bool {
    matches!(c, '\u{0E50}'..='\u{0E59}')
}

/// The part a Lao code point plays, as far as the scanner cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A consonant other than the ones below.
    Consonant,
    /// ຫ, which folds with a following ນ ມ ລ.
    Ho,
    /// ນ ມ ລ, which fold with a preceding ຫ.
    HoPartner,
    /// A leading vowel other than ເ.
    Lead,
    /// ເ, which typed twice is ແ.
    LeadE,
    /// A combining mark other than ໍ.
    Mark,
    /// ໍ, which with a following າ is ຳ.
    Niggahita,
    /// າ.
    Aa,
    /// ຳ.
    Am,
    /// A digit ໐–໙.
    Digit,
    /// Anything else: ະ ຽ ໆ ຯ, unassigned code points.
    Other,
}

/// One entry of [`LAO`]: the kind and, for marks, the canonical sort key.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LaoInfo {
    pub kind: Kind,
    /// For marks: class rank × 256 + low byte of the code point, so that sorting by key
    /// sorts by [`MarkClass`] and then by code point. 0 for everything else.
    pub key: u16,
}

/// The sort key of a mark class (1-based, so 0 can mean "no mark yet").
pub(crate) const fn class_rank(class: MarkClass) -> u16 {
    class as u16 + 1
}

/// The class of a mark key (inverse of the high byte of [`LaoInfo::key`]).
#[inline]
pub(crate) const fn key_class(key: u16) -> u16 {
    key >> 8
}

const fn lao_info(i: usize) -> LaoInfo {
    let c = match char::from_u32(0x0E80 + i as u32) {
        Some(c) => c,
        None => '\0',
    };
    let key = match lao::mark_class(c) {
        Some(class) => (class_rank(class) << 8) | (c as u32 & 0xFF) as u16,
        None => 0,
    };
    let kind = match c {
        'ຫ' => Kind::Ho,
        'ນ' | 'ມ' | 'ລ' => Kind::HoPartner,
        lao::SIGN_E => Kind::LeadE,
        lao::NIGGAHITA => Kind::Niggahita,
        lao::SIGN_AA => Kind::Aa,
        lao::SIGN_AM => Kind::Am,
        _ if lao::is_consonant(c) => Kind::Consonant,
        _ if lao::is_leading_vowel(c) => Kind::Lead,
        _ if lao::is_mark(c) => Kind::Mark,
        _ if lao::is_digit(c) => Kind::Digit,
        _ => Kind::Other,
    };
    LaoInfo { kind, key }
}

/// Per code point of the Lao block (index: code point − U+0E80).
pub(crate) static LAO: [LaoInfo; 128] = {
    let mut t = [LaoInfo {
        kind: Kind::Other,
        key: 0,
    }; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = lao_info(i);
        i += 1;
    }
    t
};

/// The [`LaoInfo`] of a Lao-block character.
#[inline]
pub(crate) fn lao_info_of(c: char) -> LaoInfo {
    LAO[(c as u32 - 0x0E80) as usize & 127]
}

/// The sort key of a Lao mark (0 if `c` is not one).
#[inline]
pub(crate) fn mark_key(c: char) -> u16 {
    if lao::is_lao(c) {
        lao_info_of(c).key
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lao_table_agrees_with_the_lao_module() {
        for i in 0..128u32 {
            let c = char::from_u32(0x0E80 + i).unwrap();
            let info = LAO[i as usize];
            assert_eq!(info.key != 0, lao::is_mark(c), "{c:?}");
            assert_eq!(
                matches!(info.kind, Kind::Consonant | Kind::Ho | Kind::HoPartner),
                lao::is_consonant(c),
                "{c:?}"
            );
            assert_eq!(
                matches!(info.kind, Kind::Mark | Kind::Niggahita),
                lao::is_mark(c),
                "{c:?}"
            );
            if let Some(class) = lao::mark_class(c) {
                assert_eq!(key_class(info.key), class_rank(class));
            }
        }
    }

    #[test]
    fn keys_sort_by_class_then_code_point() {
        let k = |c| mark_key(c);
        assert!(k('\u{0EBC}') < k('\u{0EB1}')); // ຼ before vowels
        assert!(k('\u{0EB1}') < k('\u{0EB8}') && k('\u{0EB8}') < k('\u{0ECD}'));
        assert!(k('\u{0ECD}') < k('\u{0EC8}')); // vowels before tones
        assert!(k('\u{0ECB}') < k('\u{0ECC}')); // tones before ໌
    }

    #[test]
    fn data_tables_are_as_documented() {
        assert_eq!(thai_lookalike('\u{0E48}'), Some('\u{0EC8}'));
        assert_eq!(thai_lookalike('\u{0E01}'), None); // ก is a Thai letter
        assert_eq!(thai_lookalike('\u{0E47}'), None);
        assert_eq!(
            format_character('\u{200B}'),
            Some((FormatAction::Remove, FormatScope::NextToLao))
        );
        assert_eq!(
            format_character('\u{00A0}'),
            Some((FormatAction::Space, FormatScope::NextToLao))
        );
        assert_eq!(format_character('\u{2063}'), None);
        // Only ZWSP is kept by `keep_zwsp`.
        let keep = Config::default().keep_zwsp(true);
        assert_eq!(format_action('\u{200B}', &keep), None);
        assert_eq!(
            format_action('\u{200B}', &Config::default()),
            format_character('\u{200B}')
        );
        for &(c, ..) in FORMAT_CHARACTERS.iter().filter(|r| r.0 != '\u{200B}') {
            assert_eq!(format_action(c, &keep), format_character(c), "{c:?}");
        }
    }
}
