//! Ho clusters kept as written ([`Config::fold_ho_clusters`](crate::Config) off).
//!
//! The lexicon spells the ho clusters folded (ໜ ໝ ຫຼ), as the character stage writes
//! them by default. Text that keeps them unfolded (ຫນ ຫມ ຫລ) would read as unknown
//! syllables, and every word holding one would be "corrected" to its folded spelling:
//! the very folding the user turned off. So the word stage reads a block that writes
//! them unfolded ([`has_unfolded`]) folded ([`fold`]), maps the edits it plans back to
//! the text as written, and writes each replacement in the spelling of the clusters
//! that its paragraph uses ([`unfolded_paragraphs`], [`as_written`]); an edit that
//! only folded clusters is dropped.

use std::ops::Range;

/// The partners of ຫ in a cluster, and the letter that stands for the two once folded
/// (for ຫລ: the ຼ after ຫ, which stays).
const FOLDS: [(char, char); 3] = [('ນ', 'ໜ'), ('ມ', 'ໝ'), ('ລ', '\u{0EBC}')];

/// The folded clusters as one character each (ຫຼ: its ຼ, after ຫ).
const FOLDED: [char; 3] = ['ໜ', 'ໝ', '\u{0EBC}'];

/// The partner of ຫ at the start of `rest` (the text after a ຫ), if it makes a
/// cluster: ນ, ມ or ລ, not a ລ that a ຼ follows (ຫລຼ is a stray mark, not ຫຼ twice).
fn partner(rest: &str) -> Option<char> {
    let mut it = rest.chars();
    let d = it.next()?;
    let makes = FOLDS.iter().any(|f| f.0 == d) && !(d == 'ລ' && it.next() == Some('\u{0EBC}'));
    makes.then_some(d)
}

/// Whether `text` writes a ho cluster unfolded (ຫນ, ຫມ or ຫລ); with `across_breaks`,
/// also across a line break that the word stage may rejoin (ຫ⏎ລາຍ).
pub(crate) fn has_unfolded(text: &str, across_breaks: bool) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), "ຫ".as_bytes()).any(|i| {
        let rest = &text[i + 'ຫ'.len_utf8()..];
        let rest = match across_breaks {
            true => rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
                .unwrap_or(rest),
            false => rest,
        };
        partner(rest).is_some()
    })
}

/// The paragraphs of `text` (split at blank lines, as the stream splits its blocks, or
/// finer) that write a ho cluster unfolded ([`has_unfolded`]), as byte ranges in order.
/// Each paragraph is judged alone, so that what the word stage writes in one does not
/// depend on the others read with it.
pub(crate) fn unfolded_paragraphs(text: &str, across_breaks: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut para = 0;
    let mut line = 0;
    while line < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[line..]).map_or(text.len(), |k| line + k);
        if text[line..end].trim().is_empty() {
            if para < line && has_unfolded(&text[para..line], across_breaks) {
                out.push(para..line);
            }
            para = end + 1;
        }
        line = end + 1;
    }
    if para < text.len() && has_unfolded(&text[para..], across_breaks) {
        out.push(para..text.len());
    }
    out
}

/// `text` with every ho cluster folded, and the byte ranges of `text` that became
/// shorter (ຫນ → ໜ, ຫມ → ໝ: six bytes to three; ຫລ → ຫຼ keeps its length and every
/// offset), in order: ຫນັງສືຫລາຍ reads ໜັງສືຫຼາຍ, with bytes 0..6 shorter.
pub(crate) fn fold(text: &str) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(text.len());
    let mut shorter = Vec::new();
    for (at, c, was) in folded_chars(text) {
        out.push(c);
        if let Some(w) = was.filter(|w| w.len() > c.len_utf8()) {
            shorter.push(at..at + w.len());
        }
    }
    (out, shorter)
}

/// The characters of `text` folded, each at its byte offset in `text` and with what
/// `text` writes there if it comes from an unfolded cluster (ໜ for ຫນ, ໝ for ຫມ, the ຼ
/// of ຫຼ for the ລ of ຫລ).
fn folded_chars(text: &str) -> impl Iterator<Item = (usize, char, Option<&str>)> + '_ {
    let mut it = text.char_indices();
    let mut pending = None;
    std::iter::from_fn(move || {
        if let Some(unit) = pending.take() {
            return Some(unit);
        }
        let (i, c) = it.next()?;
        let k = i + c.len_utf8();
        let Some(d) = (c == 'ຫ').then(|| partner(&text[k..])).flatten() else {
            return Some((i, c, None));
        };
        it.next();
        let f = FOLDS.iter().find(|f| f.0 == d).map_or(d, |f| f.1);
        let end = k + d.len_utf8();
        if d == 'ລ' {
            pending = Some((k, f, Some(&text[k..end])));
            Some((i, c, None))
        } else {
            Some((i, f, Some(&text[i..end])))
        }
    })
}

/// `spelling` (a replacement the word stage planned for `written`, read folded) with
/// the ho clusters spelt as the text spells them. Where `written` has folded clusters
/// and no unfolded one, the writer folds them here: `spelling` as it is. Where it has
/// both, the clusters it has unfolded are unfolded again where the two agree, in the
/// letters they share at the start and at the end. Otherwise (unfolded clusters, or
/// none in a paragraph that writes them unfolded: `unfolded_paragraph`), every cluster
/// of `spelling` is written unfolded, those the edit brings or changes too: ໜ້າທີ່
/// planned for ຫນາທີ່ is ຫນ້າທີ່, ໝັ້ນຄົງ for ຫນັ້ນຄົງ is ຫມັ້ນຄົງ, and ຫຼາຍ planned for
/// ຫລາຍ is ຫລາຍ again (no edit).
pub(crate) fn as_written(written: &str, spelling: &str, unfolded_paragraph: bool) -> String {
    let folded_here = written.contains(FOLDED);
    let unfolded_here = folded_chars(written).any(|(_, _, was)| was.is_some());
    match (folded_here, unfolded_here) {
        (true, false) => spelling.to_string(),
        (true, true) => unfold_where_shared(written, spelling),
        (false, true) => unfold(spelling),
        (false, false) if unfolded_paragraph => unfold(spelling),
        (false, false) => spelling.to_string(),
    }
}

/// `text` with every ho cluster unfolded (ໜ → ຫນ, ໝ → ຫມ, ຫຼ → ຫລ).
fn unfold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 6);
    let mut prev = ' ';
    for c in text.chars() {
        match c {
            'ໜ' => out.push_str("ຫນ"),
            'ໝ' => out.push_str("ຫມ"),
            '\u{0EBC}' if prev == 'ຫ' => out.push('ລ'),
            c => out.push(c),
        }
        prev = c;
    }
    out
}

/// `spelling` with the clusters that `written` has unfolded unfolded again, in the
/// letters the two share at the start and at the end (see [`as_written`]).
fn unfold_where_shared(written: &str, spelling: &str) -> String {
    // The written text folded, each character with the spelling it had if unfolded.
    let folded: Vec<(char, Option<&str>)> =
        folded_chars(written).map(|(_, c, was)| (c, was)).collect();
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
        // A stray ຼ after ຫລ: no cluster to fold (it would make ຫຼ with ຼ twice).
        assert_eq!(fold("ຫລ\u{0EBC}າຍ").0, "ຫລ\u{0EBC}າຍ");
        let has = |t| has_unfolded(t, true);
        assert!(has("ກ ຫມູ") && has("ຫລາຍ") && has("ຫນ້າ"));
        // Across a line break the word stage may rejoin (only if it may rejoin lines).
        assert!(has("ມີຫ\nລາຍ") && has("ມີຫ\r\nລາຍ") && !has_unfolded("ມີຫ\nລາຍ", false));
        assert!(!has("ໜ້າ ຫຼາຍ ໝູ ຫາ ຫ") && !has("ຫ\n\nລາ"));
    }

    #[test]
    fn a_replacement_spells_the_clusters_as_the_written_text_does() {
        // Only folding: the replacement is the text as written.
        assert_eq!(as_written("ຫລາຍ", "ຫຼາຍ", false), "ຫລາຍ");
        assert_eq!(as_written("ມີຫລາຍ", "ມີຫຼາຍ", false), "ມີຫລາຍ");
        // A tone mark put back beside an unfolded cluster, or moved onto it.
        assert_eq!(as_written("ຫນາທີ່", "ໜ້າທີ່", false), "ຫນ້າທີ່");
        assert_eq!(as_written("ຕ່ຳແຫນງ", "ຕຳແໜ່ງ", false), "ຕຳແຫນ່ງ");
        // A cluster the edit changes or brings, in text that writes them unfolded.
        assert_eq!(as_written("ຄວາມຫນັ້ນຄົງ", "ຄວາມໝັ້ນຄົງ", false), "ຄວາມຫມັ້ນຄົງ");
        assert_eq!(as_written("ທັງຫົດ", "ທັງໝົດ", true), "ທັງຫມົດ");
        // In a paragraph that does not write them unfolded, as the lexicon spells it.
        assert_eq!(as_written("ທັງຫົດ", "ທັງໝົດ", false), "ທັງໝົດ");
        // A word rejoined across a line break inside its cluster.
        assert_eq!(as_written("ມີຫ\nລາຍ", "ມີຫຼາຍ", true), "ມີຫລາຍ");
        // Written folded: folded it stays.
        assert_eq!(as_written("ໜາທີ່", "ໜ້າທີ່", false), "ໜ້າທີ່");
        // Both: the unfolded ones kept where the two agree, the rest as planned.
        assert_eq!(as_written("ຫມັ້ນຄົງໜາ", "ໝັ້ນຄົງໜ້າ", false), "ຫມັ້ນຄົງໜ້າ");
        // Nothing to do with clusters.
        assert_eq!(as_written("ໃຫ່ຍ", "ໃຫຍ່", false), "ໃຫຍ່");
        assert_eq!(as_written("", "", false), "");
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // paragraphs, not the numbers in them
    fn each_paragraph_is_judged_alone() {
        let text = "ກ ໜ້າ\n\nມີຫລາຍ\nຄົນ\n \t\nໝູ\r\n\r\nມີຫ\nລາຍ";
        let two = text.find("ມີຫລາຍ").unwrap();
        let last = text.rfind("ມີຫ").unwrap();
        assert_eq!(
            unfolded_paragraphs(text, true),
            [two..text.find(" \t").unwrap(), last..text.len()]
        );
        assert_eq!(unfolded_paragraphs(text, false).len(), 1);
        assert!(unfolded_paragraphs("", true).is_empty());
        assert_eq!(unfolded_paragraphs("ຫມູ", true), [0.."ຫມູ".len()]);
    }
}
