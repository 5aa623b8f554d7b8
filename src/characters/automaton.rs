//! The fast path as a small automaton: each character is mapped to a [`Sym`]bol by a
//! byte-table look-up, and one look-up in [`TRANSITIONS`] gives the next state, or the
//! slow path to hand over to. No data-dependent branch per character, so clean Lao text
//! runs at memory-scan speed.
//!
//! The states remember just enough of the open cluster to see a change coming: whether
//! it has its consonant, the class of its last mark (a mark of the same or an earlier
//! class means reorder or duplicate), whether it holds ໍ (then າ means a decomposed ຳ),
//! whether it is a bare ຫ (then ນ ມ ລ fold) or ends in ເ (then ເ is ແ).

use super::tables::{Kind, LAO};
use crate::lao::MarkClass;

/// What the automaton sees of a character.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(super) enum Sym {
    /// ASCII space.
    Space,
    /// ASCII digit, when digits in Lao text may change ([`crate::Digits::Lao`]).
    AsciiDigit,
    /// Any other ASCII character.
    Ascii,
    Consonant,
    Ho,
    HoPartner,
    Lead,
    LeadE,
    Subscript,
    Vowel,
    Niggahita,
    Tone,
    Sign,
    Aa,
    Am,
    /// A Lao digit, when Lao digits change ([`crate::Digits::Ascii`]).
    LaoDigit,
    /// Any other Lao-block character.
    LaoOther,
}

const SYMS: usize = 17;

/// States: `NONE` outside a cluster, `JOIN` right after a cluster and spaces, `LEAD`
/// and `LEAD_E` in leading vowels, `HO` a bare ຫ, `BASE + 2 × class + nig` a consonant
/// whose last mark has `class` (0: none) and which holds ໍ or not, `AM` after ຳ.
pub(super) const NONE: u8 = 0;
pub(super) const JOIN: u8 = 1;
const LEAD: u8 = 2;
const LEAD_E: u8 = 3;
const HO: u8 = 4;
const BASE: u8 = 5;
const AM: u8 = 15;
const STATES: usize = 16;

/// Transition flag: the cluster starts at this character.
pub(super) const NEW_CLUSTER: u8 = 0x10;
/// Transition flag: hand over to a slow path (the low bits say which).
pub(super) const SLOW: u8 = 0x80;
/// Slow path: rebuild the open cluster from its start.
pub(super) const SLOW_CLUSTER: u8 = SLOW | 1;
/// Slow path: a mark with no consonant, from here.
pub(super) const SLOW_ORPHAN: u8 = SLOW | 2;
/// Slow path: a number.
pub(super) const SLOW_NUMBER: u8 = SLOW | 3;

const fn mark_class_number(class: MarkClass) -> u8 {
    class as u8 + 1
}

const fn transition(state: u8, sym: Sym) -> u8 {
    let in_base = state >= BASE && state < AM;
    let has_base = in_base || state == HO || state == AM;
    let in_leads = state == LEAD || state == LEAD_E;
    let mark = match sym {
        Sym::Subscript => Some((mark_class_number(MarkClass::Subscript), false)),
        Sym::Vowel => Some((mark_class_number(MarkClass::Vowel), false)),
        Sym::Niggahita => Some((mark_class_number(MarkClass::Vowel), true)),
        Sym::Tone => Some((mark_class_number(MarkClass::Tone), false)),
        Sym::Sign => Some((mark_class_number(MarkClass::Sign), false)),
        _ => None,
    };
    if let Some((class, nig)) = mark {
        return if state == HO {
            BASE + 2 * class + nig as u8
        } else if in_base {
            let last = (state - BASE) / 2;
            let had_nig = (state - BASE) % 2 == 1;
            if class <= last {
                SLOW_CLUSTER
            } else {
                BASE + 2 * class + (had_nig || nig) as u8
            }
        } else if state == AM || state == JOIN {
            SLOW_CLUSTER
        } else {
            SLOW_ORPHAN
        };
    }
    let new = if in_leads { 0 } else { NEW_CLUSTER };
    match sym {
        Sym::Space => {
            // A run of spaces after a cluster: marks after it may rejoin the cluster.
            if has_base || state == JOIN {
                JOIN
            } else {
                NONE
            }
        }
        Sym::AsciiDigit | Sym::LaoDigit => SLOW_NUMBER,
        Sym::Consonant => BASE | new,
        Sym::Ho => HO | new,
        Sym::HoPartner => {
            if state == HO {
                SLOW_CLUSTER
            } else {
                BASE | new
            }
        }
        Sym::Lead => LEAD | new,
        Sym::LeadE => {
            if state == LEAD_E {
                SLOW_CLUSTER
            } else {
                LEAD_E | new
            }
        }
        Sym::Aa => {
            if in_base && (state - BASE) % 2 == 1 {
                SLOW_CLUSTER
            } else {
                NONE
            }
        }
        Sym::Am => {
            if has_base {
                AM
            } else {
                NONE
            }
        }
        _ => NONE,
    }
}

/// `TRANSITIONS[state * SYMS + sym]`.
pub(super) static TRANSITIONS: [u8; STATES * SYMS] = {
    const ALL: [Sym; SYMS] = [
        Sym::Space,
        Sym::AsciiDigit,
        Sym::Ascii,
        Sym::Consonant,
        Sym::Ho,
        Sym::HoPartner,
        Sym::Lead,
        Sym::LeadE,
        Sym::Subscript,
        Sym::Vowel,
        Sym::Niggahita,
        Sym::Tone,
        Sym::Sign,
        Sym::Aa,
        Sym::Am,
        Sym::LaoDigit,
        Sym::LaoOther,
    ];
    let mut t = [0u8; STATES * SYMS];
    let mut s = 0;
    while s < STATES {
        let mut k = 0;
        while k < SYMS {
            assert!(ALL[k] as usize == k);
            t[s * SYMS + k] = transition(s as u8, ALL[k]);
            k += 1;
        }
        s += 1;
    }
    t
};

/// The state's row in [`TRANSITIONS`].
#[inline]
pub(super) fn row(state: u8) -> usize {
    state as usize * SYMS
}

const fn ascii_symbols(digits_change: bool) -> [u8; 128] {
    let mut t = [Sym::Ascii as u8; 128];
    t[b' ' as usize] = Sym::Space as u8;
    if digits_change {
        let mut d = b'0';
        while d <= b'9' {
            t[d as usize] = Sym::AsciiDigit as u8;
            d += 1;
        }
    }
    t
}

const fn lao_symbols(digits_change: bool) -> [u8; 128] {
    let mut t = [Sym::LaoOther as u8; 128];
    let mut i = 0;
    while i < 128 {
        let info = LAO[i];
        t[i] = match info.kind {
            Kind::Consonant => Sym::Consonant,
            Kind::Ho => Sym::Ho,
            Kind::HoPartner => Sym::HoPartner,
            Kind::Lead => Sym::Lead,
            Kind::LeadE => Sym::LeadE,
            Kind::Niggahita => Sym::Niggahita,
            Kind::Mark => match info.key >> 8 {
                k if k == mark_class_number(MarkClass::Subscript) as u16 => Sym::Subscript,
                k if k == mark_class_number(MarkClass::Vowel) as u16 => Sym::Vowel,
                k if k == mark_class_number(MarkClass::Tone) as u16 => Sym::Tone,
                _ => Sym::Sign,
            },
            Kind::Aa => Sym::Aa,
            Kind::Am => Sym::Am,
            Kind::Digit if digits_change => Sym::LaoDigit,
            _ => Sym::LaoOther,
        } as u8;
        i += 1;
    }
    t
}

/// Symbols of ASCII bytes: digits are [`Sym::AsciiDigit`] in the second table.
pub(super) static ASCII_SYMBOLS: [[u8; 128]; 2] = [ascii_symbols(false), ascii_symbols(true)];
/// Symbols of the Lao block (index as [`LAO`]): digits are [`Sym::LaoDigit`] in the
/// second table.
pub(super) static LAO_SYMBOLS: [[u8; 128]; 2] = [lao_symbols(false), lao_symbols(true)];

#[cfg(test)]
mod tests {
    use super::*;

    fn step(state: u8, sym: Sym) -> u8 {
        TRANSITIONS[row(state) + sym as usize]
    }

    #[test]
    fn canonical_clusters_stay_on_the_fast_path() {
        // ກ ຼ ັ ້ then ກ: no slow path.
        let mut s = step(NONE, Sym::Consonant) & 0x0F;
        for sym in [Sym::Subscript, Sym::Vowel, Sym::Tone, Sym::Sign] {
            let t = step(s, sym);
            assert_eq!(t & SLOW, 0, "{sym:?}");
            s = t & 0x0F;
        }
        assert_eq!(step(s, Sym::Consonant), BASE | NEW_CLUSTER);
        // ບໍ່ then a consonant.
        let s = step(BASE, Sym::Niggahita);
        let s = step(s, Sym::Tone);
        assert_eq!(step(s, Sym::Consonant) & SLOW, 0);
    }

    #[test]
    fn changes_leave_the_fast_path() {
        assert_eq!(step(step(BASE, Sym::Tone), Sym::Vowel), SLOW_CLUSTER);
        assert_eq!(step(step(BASE, Sym::Tone), Sym::Tone), SLOW_CLUSTER);
        assert_eq!(step(step(BASE, Sym::Niggahita), Sym::Aa), SLOW_CLUSTER);
        assert_eq!(step(AM, Sym::Tone), SLOW_CLUSTER);
        assert_eq!(step(HO, Sym::HoPartner), SLOW_CLUSTER);
        assert_eq!(step(LEAD_E, Sym::LeadE), SLOW_CLUSTER);
        assert_eq!(step(JOIN, Sym::Vowel), SLOW_CLUSTER);
        assert_eq!(step(NONE, Sym::Tone), SLOW_ORPHAN);
        assert_eq!(step(NONE, Sym::LaoDigit), SLOW_NUMBER);
    }
}
