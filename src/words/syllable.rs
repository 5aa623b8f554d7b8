//! Lao syllables, found from the orthography alone.
//!
//! A written Lao syllable is
//!
//! ```text
//! [leading vowel] consonant [medial] marks* (following vowel marks*)* [ວ|ອ vowel] [final [໌]]
//! ```
//!
//! - leading vowel: ເ ແ ໂ ໃ ໄ, stored before the consonant;
//! - medial: ຫ before a sonorant (ຫງ ຫຍ ຫນ ຫມ ຫລ ຫວ ຫຣ), or ວ ລ ຣ after a consonant
//!   (ຄວາມ, ກຣາມ), or ວ after a ຫ digraph (ຫງວຽນ, the name Nguyễn); subscript ຼ is a
//!   mark;
//! - marks: vowels above and below, tone marks, ຼ, ໌;
//! - following vowels: ະ າ ຳ ຽ (ເກາະ has two);
//! - ວ as the vowel *ua* (ສວນ, ຕົວ) and ອ as the vowel *o* or part of *ເືອ* (ຂອງ, ເມືອງ);
//! - final consonant: ກ ງ ດ ນ ບ ມ ຍ ວ, loan finals ສ ລ ຣ ຟ, or any consonant
//!   silenced by ໌; none after ະ, ຳ, ໃ, ໄ.
//!
//! The repetition mark ໆ is a syllable of its own.
//!
//! Where a consonant sits between two vowels it could close one syllable or open the
//! next (ການອອກ: ການ|ອອກ, not ກາ|ນອອກ). The splitter lists every parse of a syllable
//! that the grammar allows at each position and picks the split of the whole run that
//! has the fewest invalid syllables, then the fewest syllables, then the most standard
//! finals: a small dynamic programme over character positions (at most eight candidates
//! a position), linear in the length of the run. Text that fits no parse falls back to
//! one character with its marks, flagged invalid.
//!
//! ```
//! use laoclean::words::syllable::{syllables, is_lao_word};
//! assert_eq!(syllables("ສະບາຍດີ"), ["ສະ", "ບາຍ", "ດີ"]);
//! assert_eq!(syllables("ຄວາມເມືອງ"), ["ຄວາມ", "ເມືອງ"]);
//! assert!(is_lao_word("ປະເທດ"));
//! assert!(!is_lao_word("ົກ")); // a vowel mark with no consonant before it
//! ```

use crate::lao::{
    is_consonant, is_following_vowel, is_leading_vowel, is_letter, is_mark, mark_class, MarkClass,
};
use std::ops::Range;

/// The repetition mark ໆ (U+0EC6), a syllable on its own.
pub const REPETITION_MARK: char = '\u{0EC6}';

/// Cost of a syllable the grammar accepts, in the splitter's dynamic programme.
const VALID: u32 = 10;
/// Cost of one that it does not (a character and its marks).
pub(crate) const INVALID: u32 = 1000;

/// Splits a run of Lao letters into syllables. Characters that are not Lao letters
/// become one-character pieces.
///
/// ```
/// use laoclean::words::syllable::syllables;
/// assert_eq!(syllables("ໃຫຍ່ຫຼາຍ"), ["ໃຫຍ່", "ຫຼາຍ"]);
/// assert_eq!(syllables("ຕ່າງໆ"), ["ຕ່າງ", "ໆ"]);
/// ```
pub fn syllables(text: &str) -> Vec<&str> {
    let mut s = Splitter::default();
    let mut out = Vec::new();
    let mut start = 0;
    for (run, lao) in runs(text) {
        if lao {
            s.split(&text[run.clone()], |r, _| {
                out.push(&text[run.start + r.start..run.start + r.end])
            });
        } else {
            for (i, c) in text[run.clone()].char_indices() {
                out.push(&text[run.start + i..run.start + i + c.len_utf8()]);
            }
        }
        start = run.end;
    }
    debug_assert_eq!(start, text.len());
    out
}

/// Is `word` a Lao word by its shape: only Lao letters, and every syllable valid by
/// the grammar of the [module docs](self)?
///
/// ```
/// use laoclean::words::syllable::is_lao_word;
/// assert!(is_lao_word("ຫຼາຍ") && is_lao_word("ຕົວ") && is_lao_word("ຂອງ"));
/// assert!(!is_lao_word("ກaບ")); // a Latin letter inside
/// assert!(!is_lao_word(""));
/// ```
pub fn is_lao_word(word: &str) -> bool {
    if word.is_empty() || !word.chars().all(is_letter) {
        return false;
    }
    let mut ok = true;
    Splitter::default().split(word, |_, valid| ok &= valid);
    ok
}

/// Maximal runs of `text`, each with whether it is made of Lao letters.
pub(crate) fn runs(text: &str) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &text[pos..];
        let first = rest.chars().next()?;
        let lao = is_letter(first);
        let len = rest
            .char_indices()
            .find(|&(_, c)| is_letter(c) != lao)
            .map_or(rest.len(), |(i, _)| i);
        let r = pos..pos + len;
        pos += len;
        Some((r, lao))
    })
}

/// Reusable buffers of the syllable splitter.
#[derive(Debug, Default)]
pub(crate) struct Splitter {
    chars: Vec<(usize, char)>,
    best: Vec<(u32, u32)>, // (cost, previous position)
    cands: Vec<(usize, u32)>,
    valid: Vec<bool>,
    ends: Vec<usize>,
}

impl Splitter {
    /// Splits `run` (Lao letters only) and calls `emit(byte range, valid)` for each
    /// syllable, in order.
    pub(crate) fn split(&mut self, run: &str, mut emit: impl FnMut(Range<usize>, bool)) {
        self.chars.clear();
        self.chars.extend(run.char_indices());
        let n = self.chars.len();
        self.best.clear();
        self.best.resize(n + 1, (u32::MAX, 0));
        self.valid.clear();
        self.valid.resize(n + 1, false);
        self.best[0] = (0, 0);
        for p in 0..n {
            let base = self.best[p].0;
            if base == u32::MAX {
                continue;
            }
            candidates(&self.chars, p, &mut self.cands);
            for &(end, cost) in &self.cands {
                let c = base + cost;
                // Ties keep the earlier candidate: candidates come longest parse last,
                // so prefer strictly better only.
                if c < self.best[end].0 {
                    self.best[end] = (c, p as u32);
                }
            }
        }
        // Walk back.
        self.ends.clear();
        let mut e = n;
        while e > 0 {
            self.ends.push(e);
            e = self.best[e].1 as usize;
        }
        let mut start = 0;
        for &end in self.ends.iter().rev() {
            let cost = self.best[end].0 - self.best[start].0;
            let b0 = self.chars[start].0;
            let b1 = if end == n {
                run.len()
            } else {
                self.chars[end].0
            };
            emit(b0..b1, cost < INVALID);
            start = end;
        }
    }
}

fn ch(cs: &[(usize, char)], i: usize) -> Option<char> {
    cs.get(i).map(|&(_, c)| c)
}

/// May `x` follow consonant `c` as the second member of an initial cluster?
fn is_medial(c: char, x: char) -> bool {
    match x {
        'ງ' | 'ຍ' | 'ນ' | 'ມ' => c == 'ຫ',
        'ລ' | 'ວ' | 'ຣ' => !matches!(c, 'ວ' | 'ອ'),
        _ => false,
    }
}

/// Cost of closing a syllable with `f`, or `None` if `f` cannot close one.
fn final_cost(f: char, silenced: bool) -> Option<u32> {
    if silenced {
        return Some(VALID);
    }
    match f {
        'ກ' | 'ງ' | 'ດ' | 'ນ' | 'ບ' | 'ມ' | 'ຍ' | 'ວ' => Some(VALID - 1),
        'ສ' | 'ລ' | 'ຣ' | 'ຟ' => Some(VALID + 1),
        _ => None,
    }
}

/// Every parse of a syllable starting at char `p`: (end char index, cost).
pub(crate) fn candidates(cs: &[(usize, char)], p: usize, out: &mut Vec<(usize, u32)>) {
    out.clear();
    let first = cs[p].1;
    if first == REPETITION_MARK {
        out.push((p + 1, VALID));
        return;
    }
    // Fallback: one character and the marks after it.
    let mut q = p + 1;
    while ch(cs, q).is_some_and(is_mark) {
        q += 1;
    }
    out.push((q, INVALID));

    let mut i = p;
    let lead = is_leading_vowel(first).then_some(first);
    if lead.is_some() {
        i += 1;
    }
    let Some(c) = ch(cs, i).filter(|&c| is_consonant(c)) else {
        return;
    };
    i += 1;
    nucleus(cs, i, lead, out);
    if let Some(x) = ch(cs, i) {
        if is_medial(c, x) {
            nucleus(cs, i + 1, lead, out);
            // A ຫ digraph takes ວ after it too (ຫງວຽນ, Nguyễn).
            if c == 'ຫ' && x != 'ວ' && ch(cs, i + 1) == Some('ວ') {
                nucleus(cs, i + 2, lead, out);
            }
        }
    }
}

/// Parses from the first character after the initial (and medial) to the end of the
/// syllable, pushing each complete parse.
fn nucleus(cs: &[(usize, char)], mut i: usize, lead: Option<char>, out: &mut Vec<(usize, u32)>) {
    let mut has_vowel = lead.is_some();
    let mut last_vowel: Option<char> = None;
    let mut tones = 0;
    while let Some(c) = ch(cs, i).filter(|&c| is_mark(c)) {
        if ch(cs, i - 1) == Some(c) {
            return; // a mark typed twice is no syllable
        }
        if mark_class(c) == Some(MarkClass::Tone) {
            tones += 1;
            if tones > 1 {
                return;
            }
        }
        if mark_class(c) == Some(MarkClass::Vowel) {
            has_vowel = true;
            last_vowel = Some(c);
        }
        i += 1;
    }
    let mut last_following: Option<char> = None;
    while let Some(c) = ch(cs, i).filter(|&c| is_following_vowel(c) || is_mark(c)) {
        if is_following_vowel(c) {
            has_vowel = true;
            last_following = Some(c);
        }
        i += 1;
    }
    let may_close = !matches!(last_following, Some('ະ' | 'ຳ')) && !matches!(lead, Some('ໃ' | 'ໄ'));
    close(cs, i, has_vowel, may_close, out);
    // ວ or ອ as the vowel.
    if last_following.is_none() {
        if let Some(v) = ch(cs, i) {
            let allowed = match v {
                'ວ' => matches!(last_vowel, None | Some('\u{0EBB}')),
                // ອ as o, in ເືອ, and in loans with ັອ (ບລັອກ).
                'ອ' => matches!(
                    last_vowel,
                    None | Some('\u{0EB6}' | '\u{0EB7}' | '\u{0EB1}')
                ),
                _ => false,
            };
            if allowed {
                let mut j = i + 1;
                while ch(cs, j).is_some_and(|c| mark_class(c) == Some(MarkClass::Tone)) {
                    j += 1;
                }
                close(cs, j, true, !matches!(lead, Some('ໃ' | 'ໄ')), out);
            }
        }
    }
}

/// Pushes the open syllable ending at `i` and, when allowed, the one closed by a final.
fn close(
    cs: &[(usize, char)],
    i: usize,
    has_vowel: bool,
    may_close: bool,
    out: &mut Vec<(usize, u32)>,
) {
    if !has_vowel {
        return;
    }
    out.push((i, VALID));
    if !may_close {
        return;
    }
    let Some(f) = ch(cs, i).filter(|&c| is_consonant(c)) else {
        return;
    };
    let mut j = i + 1;
    let mut silenced = false;
    while ch(cs, j).is_some_and(|c| mark_class(c) == Some(MarkClass::Sign)) {
        silenced = true;
        j += 1;
    }
    if let Some(cost) = final_cost(f, silenced) {
        out.push((j, cost));
        // A second, silenced consonant after the final (ຈັນທ໌).
        if !silenced
            && ch(cs, j).is_some_and(is_consonant)
            && ch(cs, j + 1).is_some_and(|c| mark_class(c) == Some(MarkClass::Sign))
        {
            let mut k = j + 1;
            while ch(cs, k).is_some_and(|c| mark_class(c) == Some(MarkClass::Sign)) {
                k += 1;
            }
            out.push((k, VALID));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> String {
        syllables(s).join("|")
    }

    #[test]
    fn open_and_closed_syllables() {
        assert_eq!(split("ສະບາຍດີ"), "ສະ|ບາຍ|ດີ");
        assert_eq!(split("ການອອກ"), "ການ|ອອກ");
        assert_eq!(split("ກັນມາ"), "ກັນ|ມາ");
        assert_eq!(split("ປະຊາທິປະໄຕ"), "ປະ|ຊາ|ທິ|ປະ|ໄຕ");
        assert_eq!(split("ສາທາລະນະລັດ"), "ສາ|ທາ|ລະ|ນະ|ລັດ");
        assert_eq!(split("ເສດຖະກິດ"), "ເສດ|ຖະ|ກິດ");
    }

    #[test]
    fn leading_vowels() {
        assert_eq!(split("ເທດແຜນໂດຍ"), "ເທດ|ແຜນ|ໂດຍ");
        assert_eq!(split("ໄປມາ"), "ໄປ|ມາ");
        assert_eq!(split("ໃຫ້ກັບ"), "ໃຫ້|ກັບ");
        assert_eq!(split("ເກາະ"), "ເກາະ");
        assert_eq!(split("ເຂົ້າເລີຍ"), "ເຂົ້າ|ເລີຍ");
    }

    #[test]
    fn clusters() {
        // ຫ before a sonorant.
        assert_eq!(split("ໃຫຍ່"), "ໃຫຍ່");
        assert_eq!(split("ຫວ່າງ"), "ຫວ່າງ");
        assert_eq!(split("ສະຫວັນ"), "ສະ|ຫວັນ");
        assert_eq!(split("ຫງອຍ"), "ຫງອຍ");
        assert_eq!(split("ຫນ້າ"), "ຫນ້າ");
        assert_eq!(split("ຫມາ"), "ຫມາ");
        // A ຫ digraph and ວ after it (Nguyễn), as one valid syllable.
        assert_eq!(split("ຫງວຽນວັນ"), "ຫງວຽນ|ວັນ");
        assert!(is_lao_word("ຫງວຽນ"));
        // Subscript lo and the one-code-point forms.
        assert_eq!(split("ຫຼາຍ"), "ຫຼາຍ");
        assert_eq!(split("ປຼາ"), "ປຼາ");
        assert_eq!(split("ໜ້າໝາ"), "ໜ້າ|ໝາ");
        // ວ ລ ຣ after a consonant.
        assert_eq!(split("ຄວາມ"), "ຄວາມ");
        assert_eq!(split("ກວ້າງ"), "ກວ້າງ");
        assert_eq!(split("ຂວັນ"), "ຂວັນ");
        assert_eq!(split("ກຣາມ"), "ກຣາມ");
        // A consonant that could be a final is one when a consonant follows it.
        assert_eq!(split("ການກວດ"), "ການ|ກວດ");
    }

    #[test]
    fn vowel_consonants() {
        // ວ as the vowel ua, ອ as o and in ເືອ.
        assert_eq!(split("ສວນ"), "ສວນ");
        assert_eq!(split("ຕົວເອງ"), "ຕົວ|ເອງ");
        assert_eq!(split("ສ່ວນ"), "ສ່ວນ");
        assert_eq!(split("ຂອງ"), "ຂອງ");
        assert_eq!(split("ເມືອງ"), "ເມືອງ");
        assert_eq!(split("ເຊື່ອ"), "ເຊື່ອ");
        assert_eq!(split("ບລັອກ"), "ບລັອກ");
        assert_eq!(split("ລາວ"), "ລາວ");
    }

    #[test]
    fn sign_yo_and_am() {
        assert_eq!(split("ກ່ຽວກັບ"), "ກ່ຽວ|ກັບ");
        assert_eq!(split("ວຽກງານ"), "ວຽກ|ງານ");
        assert_eq!(split("ນ້ຳໃຈ"), "ນ້ຳ|ໃຈ");
        assert_eq!(split("ນໍ້າ"), "ນໍ້າ"); // decomposed AM is still one syllable
        assert_eq!(split("ຄຳນາ"), "ຄຳ|ນາ");
    }

    #[test]
    fn repetition_mark_and_cancellation() {
        assert_eq!(split("ຕ່າງໆ"), "ຕ່າງ|ໆ");
        assert_eq!(split("ດີໆໆ"), "ດີ|ໆ|ໆ");
        assert_eq!(split("ຈັນທ໌"), "ຈັນທ໌");
    }

    #[test]
    fn invalid_text_still_splits() {
        assert_eq!(split("ົກ"), "ົ|ກ");
        assert!(!is_lao_word("ົກ"));
        assert!(!is_lao_word("ກນ"));
        assert!(!is_lao_word("ເ"));
        assert_eq!(split("ab ກາ"), "a|b| |ກາ");
    }

    #[test]
    fn word_check() {
        for w in ["ປະເທດ", "ຄວາມ", "ເມືອງ", "ກ່ຽວ", "ຕ່າງໆ", "ນ້ຳ", "ອອກ"]
        {
            assert!(is_lao_word(w), "{w}");
        }
        for w in ["ກaບ", "ກ ບ", "ກ.", "ນ໌", "ກົົ"] {
            assert!(!is_lao_word(w), "{w}");
        }
    }
}
