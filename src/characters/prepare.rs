//! The two passes that run before the Lao rules, and only when the scanner meets a
//! character that needs them: invisible characters and Unicode spaces, then NFC for
//! text that is not Lao.

use super::tables::{format_action, format_character, is_thai, FormatAction, FormatScope};
use crate::edit::{Edit, Rewriter};
use crate::{lao, Config, Rule};
use std::borrow::Cow;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Does `c` (not ASCII, not Lao) call for one of the passes of this module under `cfg`?
#[inline]
pub(super) fn needs_prepare(c: char, cfg: &Config) -> bool {
    format_action(c, cfg).is_some() || !is_stable_starter(c)
}

/// A character NFC never changes and never combines with what stands before it: a
/// boundary between the segments NFC works on.
#[inline]
fn is_stable_starter(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// Is the byte at `i` the start of a Lao-block character (E0 BA xx or E0 BB xx)?
#[inline]
fn lao_at(bytes: &[u8], i: usize) -> bool {
    bytes[i] == 0xE0 && matches!(bytes.get(i + 1), Some(0xBA | 0xBB))
}

/// What happened in the format pass.
pub(super) struct FormatPass<'a> {
    pub text: Cow<'a, str>,
    pub edits: Vec<Edit>,
    /// Some character listed with scope `lao` was kept because no Lao stood next to it.
    pub kept_scoped: bool,
}

/// Removes the listed invisible characters and makes the listed spaces plain spaces
/// (table `dictionaries/rules/format_characters.tsv`). A character of scope `lao` is
/// acted on when the nearest character before or after it that is not a listed
/// character, a plain space, an ASCII digit or Thai is in the Lao block. A character
/// `cfg` keeps ([`Config::keep_zwsp`]) stays, and is looked past as the others are.
/// Linear time. One edit per run of adjacent changed characters.
pub(super) fn format_pass<'t>(text: &'t str, cfg: &Config, record: bool) -> FormatPass<'t> {
    let bytes = text.as_bytes();
    let mut w = Rewriter::new(text, record);
    let mut kept_scoped = false;
    // The last character before `i` that decides a scope (see `decides_scope`), and the
    // first after the last run looked at, with where the search for it stopped.
    let mut before: Option<char> = None;
    let mut after: (usize, Option<char>) = (0, None);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            if decides_scope(char::from(bytes[i])) {
                before = Some(char::from(bytes[i]));
            }
            i += 1;
            continue;
        }
        if lao_at(bytes, i) {
            // A Lao digit (U+0ED0–U+0ED9, `E0 BB 90`–`99`) decides nothing, as above.
            let digit = bytes[i + 1] == 0xBB && matches!(bytes.get(i + 2), Some(0x90..=0x99));
            if !digit {
                before = Some('\u{0E81}'); // any Lao letter: only "is it Lao" matters
            }
            i += 3;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        if format_character(c).is_none() {
            if decides_scope(c) {
                before = Some(c);
            }
            i += c.len_utf8();
            continue;
        }
        // The run of listed characters and plain spaces starting here.
        let start = i;
        let mut j = i;
        while j < bytes.len() {
            if bytes[j] == b' ' {
                j += 1;
                continue;
            }
            let d = text[j..].chars().next().unwrap_or_default();
            if format_character(d).is_none() {
                break;
            }
            j += d.len_utf8();
        }
        if after.0 <= j {
            // Search on from here; a later run before the stop reuses the answer, so the
            // text is searched once in all.
            let found = text[j..].char_indices().find(|&(_, c)| decides_scope(c));
            after = match found {
                Some((k, c)) => (j + k, Some(c)),
                None => (text.len() + 1, None),
            };
        }
        let next_to_lao = before.is_some_and(lao::is_lao) || after.1.is_some_and(lao::is_lao);

        // Walk the run, gathering adjacent changed characters into one edit.
        let mut k = start;
        let mut pending: Option<(usize, String, bool)> = None; // (start, replacement, removed any)
        while k < j {
            let d = text[k..].chars().next().unwrap_or_default();
            let len = d.len_utf8();
            let change = match format_action(d, cfg) {
                Some((action, scope)) if scope == FormatScope::Anywhere || next_to_lao => {
                    Some(action)
                }
                Some((FormatAction::Remove, FormatScope::NextToLao)) => {
                    kept_scoped = true;
                    None
                }
                _ => None,
            };
            match change {
                Some(action) => {
                    let p = pending.get_or_insert_with(|| (k, String::new(), false));
                    match action {
                        FormatAction::Remove => p.2 = true,
                        FormatAction::Space => p.1.push(' '),
                    }
                }
                None => flush(&mut w, &mut pending, k),
            }
            k += len;
        }
        flush(&mut w, &mut pending, j);
        i = j;
    }
    let (text, edits) = w.finish();
    FormatPass {
        text,
        edits,
        kept_scoped,
    }
}

/// Can `c` decide the scope of a listed character next to it? Not a plain space, another
/// listed character, a digit (ASCII or Lao) or a Thai character: digits change script in
/// this very stage (`--digits lao` and the default `arabic`), Thai look-alikes may become
/// Lao (ฯ in Lao text) and listed characters may go, so the decision looks past them and
/// a second run decides as the first did.
fn decides_scope(c: char) -> bool {
    !(c == ' '
        || c.is_ascii_digit()
        || crate::lao::is_digit(c)
        || is_thai(c)
        || format_character(c).is_some())
}

fn flush(w: &mut Rewriter<'_>, pending: &mut Option<(usize, String, bool)>, end: usize) {
    if let Some((start, replacement, removed)) = pending.take() {
        let rule = if removed {
            Rule::Invisible
        } else {
            Rule::UnicodeSpace
        };
        w.replace(start..end, &replacement, rule, 1.0);
    }
}

/// Applies NFC to every segment of `text` (a stable starter and the characters up to the
/// next one) that holds no Lao letter. Segments with a Lao letter are the cluster
/// rules' business: NFC would not touch their Lao marks in a useful way.
pub(super) fn nfc_pass(text: &str, record: bool) -> (Cow<'_, str>, Vec<Edit>) {
    let bytes = text.as_bytes();
    let mut w = Rewriter::new(text, record);
    let mut done = 0; // end of the last segment looked at
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        let len = c.len_utf8();
        if is_stable_starter(c) || (lao::is_lao(c) && lao::is_letter(c)) {
            i += len;
            continue;
        }
        // Segment: back to the stable starter before `i`, forward to the next one.
        let mut start = i;
        for (k, d) in text[done..i].char_indices().rev() {
            start = done + k;
            if is_stable_starter(d) {
                break;
            }
        }
        let mut end = i + len;
        for d in text[end..].chars() {
            if is_stable_starter(d) {
                break;
            }
            end += d.len_utf8();
        }
        let segment = &text[start..end];
        let has_lao_letter = segment.chars().any(|d| lao::is_lao(d) && lao::is_letter(d));
        if !has_lao_letter && is_nfc_quick(segment.chars()) != IsNormalized::Yes {
            let normal: String = segment.nfc().collect();
            w.replace(start..end, &normal, Rule::Nfc, 1.0);
        }
        done = end;
        i = end;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_next_to_lao_is_removed_elsewhere_kept() {
        let p = format_pass("ກ\u{200B}ຂ", &Config::default(), true);
        assert_eq!(p.text, "ກຂ");
        assert_eq!(p.edits[0].rule, Rule::Invisible);
        assert_eq!((p.edits[0].start, p.edits[0].end), (3, 6));
        // An emoji ZWJ sequence keeps its joiner.
        let family = "👨\u{200D}👩";
        let p = format_pass(family, &Config::default(), true);
        assert_eq!(p.text, family);
        assert!(p.kept_scoped);
        // Across a plain space the nearest visible character still counts.
        assert_eq!(
            format_pass("ກ \u{200B}x", &Config::default(), false).text,
            "ກ x"
        );
    }

    #[test]
    fn byte_order_mark_anywhere_spaces_next_to_lao() {
        assert_eq!(
            format_pass("a\u{FEFF}b", &Config::default(), false).text,
            "ab"
        );
        let p = format_pass("ກ\u{00A0}\u{2009}ຂ", &Config::default(), true);
        assert_eq!(p.text, "ກ  ຂ");
        assert_eq!(p.edits.len(), 1);
        assert_eq!(p.edits[0].rule, Rule::UnicodeSpace);
        // No-break spaces outside Lao text are typography (French, Japanese): kept.
        assert_eq!(
            format_pass("oui\u{00A0}! 日本\u{3000}語", &Config::default(), false).text,
            "oui\u{00A0}! 日本\u{3000}語"
        );
        // U+2063 INVISIBLE SEPARATOR is not listed.
        assert_eq!(
            format_pass("ກ\n\u{2063}\nຂ", &Config::default(), false).text,
            "ກ\n\u{2063}\nຂ"
        );
    }

    #[test]
    fn nfc_outside_lao_only() {
        let (t, e) = nfc_pass("cafe\u{301} ກ", true);
        assert_eq!(t, "café ກ");
        assert_eq!(e[0].rule, Rule::Nfc);
        // A combining sequence on a Lao letter is left to the cluster rules.
        assert_eq!(nfc_pass("ກ\u{301}\u{316}", false).0, "ກ\u{301}\u{316}");
        // Thai marks out of canonical order are reordered (Thai is not Lao).
        assert_eq!(nfc_pass("ก\u{E48}\u{E38}", false).0, "ก\u{E38}\u{E48}");
        assert!(matches!(nfc_pass("ສະບາຍດີ “x”", false).0, Cow::Borrowed(_)));
    }
}
