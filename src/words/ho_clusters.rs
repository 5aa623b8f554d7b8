//! Ho clusters kept as written ([`Config::fold_ho_clusters`](crate::Config) off).
//!
//! The lexicon spells the ho clusters folded (ໜ ໝ ຫຼ), as the character stage writes
//! them by default. Text that keeps them unfolded (ຫນ ຫມ ຫລ) would read as unknown
//! syllables, and every word holding one would be "corrected" to its folded spelling:
//! the very folding the user turned off. So the word stage reads such text folded
//! ([`fold`]), maps the edits it plans back to the text as written, and writes each
//! replacement with the clusters the written text had unfolded unfolded again
//! ([`as_written`]); an edit that only folded clusters is dropped.

use std::ops::Range;

/// The clusters that fold: ຫ and its partner, and what they fold to.
const FOLDS: [(char, &str); 3] = [('ນ', "ໜ"), ('ມ', "ໝ"), ('ລ', "ຫ\u{0EBC}")];

/// Whether `text` writes a ho cluster unfolded (ຫນ, ຫມ or ຫລ).
pub(crate) fn has_unfolded(text: &str) -> bool {
    ["ຫນ", "ຫມ", "ຫລ"]
        .iter()
        .any(|pair| memchr::memmem::find(text.as_bytes(), pair.as_bytes()).is_some())
}

/// `text` with every ho cluster folded, and the byte ranges of `text` that became
/// shorter (ຫນ → ໜ, ຫມ → ໝ: six bytes to three; ຫລ → ຫຼ keeps its length and every
/// offset), in order: ຫນັງສືຫລາຍ reads ໜັງສືຫຼາຍ, with bytes 0..6 shorter.
pub(crate) fn fold(text: &str) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(text.len());
    let mut shorter = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let folded = (c == 'ຫ')
            .then(|| {
                it.peek()
                    .and_then(|&(_, d)| FOLDS.iter().find(|f| f.0 == d))
            })
            .flatten();
        match folded {
            Some(&(partner, f)) => {
                it.next();
                out.push_str(f);
                if partner != 'ລ' {
                    shorter.push(i..i + 'ຫ'.len_utf8() + partner.len_utf8());
                }
            }
            None => out.push(c),
        }
    }
    (out, shorter)
}

/// `spelling` (a replacement the word stage planned for `written`, read folded) with
/// the clusters that `written` has unfolded unfolded again, where the two agree: in the
/// letters they share at the start and at the end. A cluster in the letters the edit
/// changes is left as the lexicon spells it: ໜ້າທີ່ planned for ຫນາທີ່ is written
/// ຫນ້າທີ່, and ຫຼາຍ planned for ຫລາຍ is ຫລາຍ again (no edit).
pub(crate) fn as_written(written: &str, spelling: &str) -> String {
    // The written text folded, each character with the spelling it had if unfolded.
    let mut folded: Vec<(char, Option<&str>)> = Vec::new();
    let mut it = written.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let partner = (c == 'ຫ')
            .then(|| it.peek().filter(|&&(_, d)| FOLDS.iter().any(|f| f.0 == d)))
            .flatten()
            .copied();
        match partner {
            Some((k, 'ລ')) => {
                it.next();
                folded.push(('ຫ', None));
                folded.push(('\u{0EBC}', Some(&written[k..k + 'ລ'.len_utf8()])));
            }
            Some((k, d)) => {
                it.next();
                let f = FOLDS.iter().find(|f| f.0 == d).map_or("", |f| f.1);
                let f = f.chars().next().unwrap_or(d);
                folded.push((f, Some(&written[i..k + d.len_utf8()])));
            }
            None => folded.push((c, None)),
        }
    }
    let new: Vec<char> = spelling.chars().collect();
    let head = folded
        .iter()
        .zip(&new)
        .take_while(|(f, c)| f.0 == **c)
        .count();
    let tail = folded[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(f, c)| f.0 == **c)
        .count();
    let mut out = String::with_capacity(spelling.len() + 6);
    for (k, &c) in new.iter().enumerate() {
        let was = if k < head {
            folded[k].1
        } else if k >= new.len() - tail {
            folded[folded.len() - (new.len() - k)].1
        } else {
            None
        };
        match was {
            Some(w) => out.push_str(w),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_shortens_only_the_clusters_written_with_two_letters_for_one() {
        let (folded, shorter) = fold("ຫນັງສືຫລາຍ ຫມູ ຫາ");
        assert_eq!(folded, "ໜັງສືຫຼາຍ ໝູ ຫາ");
        let ho = "ຫນັງສືຫລາຍ ".len();
        assert_eq!(shorter, [0..6, ho..ho + 6]);
        assert!(has_unfolded("ກ ຫມູ") && has_unfolded("ຫລາຍ") && has_unfolded("ຫນ້າ"));
        assert!(!has_unfolded("ໜ້າ ຫຼາຍ ໝູ ຫາ ຫ"));
    }

    #[test]
    fn a_replacement_keeps_the_clusters_the_written_text_has_unfolded() {
        // Only folding: the replacement is the text as written.
        assert_eq!(as_written("ຫລາຍ", "ຫຼາຍ"), "ຫລາຍ");
        assert_eq!(as_written("ມີຫລາຍ", "ມີຫຼາຍ"), "ມີຫລາຍ");
        // A tone mark put back beside an unfolded cluster.
        assert_eq!(as_written("ຫນາທີ່", "ໜ້າທີ່"), "ຫນ້າທີ່");
        assert_eq!(as_written("ຫມັ້ນຄົງຫລາຍ", "ໝັ້ນຄົງຫຼາຍ"), "ຫມັ້ນຄົງຫລາຍ");
        // A cluster written folded stays folded; one the edit brings is the lexicon's.
        assert_eq!(as_written("ໜາທີ່", "ໜ້າທີ່"), "ໜ້າທີ່");
        assert_eq!(as_written("ບນາ", "ໝາ"), "ໝາ");
        // Nothing to do with clusters.
        assert_eq!(as_written("ໃຫ່ຍ", "ໃຫຍ່"), "ໃຫຍ່");
        assert_eq!(as_written("", ""), "");
    }
}
