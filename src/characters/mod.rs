//! Stage 1, characters: rules on code points that need no dictionary and are always safe.
//!
//! | rule | what it does | example |
//! |---|---|---|
//! | `char.mark-order` | marks of a cluster in canonical order: consonant, ຼ, vowels, tone, ໌ ໎, then ຳ; within a class by code point | ກ້ິ → ກິ້, ນຳ້ → ນ້ຳ |
//! | `char.am-compose` | ໍ + າ (tone before or between) → tone + ຳ; ບໍ່ (no າ) stays | ນໍ້າ, ນ້ໍາ → ນ້ຳ |
//! | `char.double-e` | ເເ → ແ | ເເຈ້ງ → ແຈ້ງ |
//! | `char.duplicate-mark` | a mark typed twice on a cluster kept once | ກີີ → ກີ, ທີ່່ → ທີ່ |
//! | `char.invisible` | ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen removed next to Lao (ZWSP kept with [`Config::keep_zwsp`]); U+FEFF anywhere | |
//! | `char.unicode-space` | NBSP and the other Unicode spaces → a plain space | |
//! | `char.thai-lookalike` | Thai marks, vowels, digits that look like Lao ones, inside Lao text → Lao | ກ + Thai ่ → ກ່ |
//! | `char.digits` | ໐–໙ → 0–9 (or, by option, 0–9 in Lao text → ໐–໙) | ໓໓ → 33 |
//! | `char.ho-cluster` | ຫນ ຫມ ຫລ → ໜ ໝ ຫຼ (a ຫ with no mark of its own) | ຫລ້ວງ → ຫຼ້ວງ |
//! | `char.orphan-mark` | marks cut from their cluster by one space rejoin it (confidence 0.9); other marks with no consonant are reported | ພ ຸ່ມ → ພຸ່ມ |
//! | `char.nfc` | Unicode NFC for text that is not Lao (never NFKC: it splits ຳ ໜ ໝ) | e + ◌́ → é |
//!
//! Decisions worth knowing:
//!
//! - **Clusters.** A cluster is leading vowels, one consonant, its combining marks, then
//!   ຳ (or ໍ … າ) and any tone marks typed after the ຳ. Any permutation of its marks
//!   gives the same output. A vowel sign after ຳ is not the cluster's (ຳ is its vowel):
//!   it has lost its consonant (OCR `ຄຳັນ` for ຄຳພັນ) and is left as an orphan.
//! - **Two different marks of one class** (two tones, two vowels) are both kept, in
//!   canonical order, and reported as a `char.duplicate-mark` suggestion: one is wrong
//!   but only a reader knows which. ໍ or ຺ with another vowel (Pali) is not reported.
//! - **Orphan marks.** When a cluster with a consonant and no ຳ is followed by exactly
//!   one plain space and then marks, the space goes and the marks rejoin it if each mark
//!   is of a class the cluster does not hold yet, or is the very mark it holds (then it
//!   is a duplicate and goes too). Any other mark with no consonant under it (at the
//!   start of the text or a line, after a space, a vowel or punctuation) is left in place
//!   and reported as a suggestion to delete it (confidence 0.3).
//! - **Invisible characters.** Only the characters listed in
//!   `dictionaries/rules/format_characters.tsv` are touched. ZWSP, ZWNJ, ZWJ, word joiner
//!   and soft hyphen go when the nearest visible character on either side is Lao, so
//!   emoji sequences and other scripts keep them; U+FEFF goes anywhere. U+2063 INVISIBLE
//!   SEPARATOR is not listed and always stays. With [`Config::keep_zwsp`] a ZWSP stays
//!   wherever it stands (even inside a cluster, whose marks after it are then orphans):
//!   Lao web text writes it between words as a line-break hint. The later stages never
//!   remove or move it; the word stage reads it as a word boundary.
//! - **Thai look-alikes** (`dictionaries/rules/thai_lookalikes.tsv`). A maximal run of
//!   Thai letters and marks is made Lao only if every character in it has a Lao
//!   look-alike (no Thai consonant) and a Lao letter or mark stands right before or
//!   right after it. Thai text is never changed.
//! - **Numbers "in Lao text"** (for Thai digits, and for ASCII digits in
//!   [`Digits::Lao`](crate::Digits::Lao) mode): a number is digits with single `. , : / -`
//!   between them; it is in Lao text when its nearest neighbour on the line, past spaces
//!   and tabs, is a Lao letter on at least one side and a letter of another script on
//!   neither, and the characters glued to it (up to a blank or a Lao letter) hold no
//!   Latin letter and no `\` or `@`. `Windows 10 ແມ່ນ`, `COVID-19 ແລະ`,
//!   `https://a.la/2021` and `2021.pdf` keep their ASCII digits.
//! - **NFC** is applied to each NFC segment that holds no Lao letter.
//! - **Code and addresses keep their characters**: fenced and inline code, web and
//!   e-mail addresses, paths and file names (the spans the spacing stage leaves alone).
//!   `https://a.la/ນໍ້າ` and `https://a.la/ນ້ຳ` are two addresses, and a string in code
//!   is what the program compares; the text around them is cleaned as usual.
//!
//! ```
//! use laoclean::{Cleaner, Config, Digits, Level};
//! // The safe level: the character stage and spacing only; spacing off too.
//! let c = Cleaner::new(Config::default().level(Level::Safe).spacing(false));
//! assert_eq!(c.clean("ນໍ້າ"), "ນ້ຳ");
//! assert_eq!(c.clean("ບໍ່"), "ບໍ່");
//! assert_eq!(c.clean("ຫລ້ວງ ພ ຸ່ມ"), "ຫຼ້ວງ ພຸ່ມ");
//! let lao_digits = Cleaner::new(Config::default().digits(Digits::Lao).spacing(false));
//! assert_eq!(lao_digits.clean("ປີ 2021, Windows 10"), "ປີ ໒໐໒໑, Windows 10");
//! ```
//!
//! Speed: clean Lao text is read once, byte by byte, with one table look-up per Lao
//! letter, and comes back borrowed. The passes for invisible characters and NFC run only
//! when such a character occurs.

mod automaton;
mod prepare;
mod scan;
mod tables;

use crate::cleaner::StageOutput;
use crate::edit::{map_to_original, Edit};
use crate::Config;
use std::borrow::Cow;

/// More passes than this are never needed on real text (see [`run`]).
const MAX_PASSES: usize = 16;

/// U+200B ZERO WIDTH SPACE, which [`Config::keep_zwsp`] keeps between Lao words: the
/// later stages take it for a word break, as they take a blank.
pub(crate) const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// Is `c` an invisible character or a Unicode space that this stage removes or makes a
/// plain space (`dictionaries/rules/format_characters.tsv`)?
pub(crate) fn is_format_character(c: char) -> bool {
    tables::format_character(c).is_some()
}

/// Runs the character rules over `text`, outside code and addresses.
///
/// Fenced and inline code, web and e-mail addresses, paths and file names
/// ([`crate::spacing::protected_ranges`]) keep their characters: Lao in a URL or a
/// string literal is left as written (`https://a.la/ນໍ້າ` names another page than
/// `…/ນ້ຳ`). The spans are those of the text as this stage leaves it, which is what the
/// later stages and a second cleaning read: an edit beside a span can move it (a
/// no-break space made a plain one ends a file name there; a Lao digit made ASCII before
/// `www.` is no longer apart from it). They are looked for only when a rule changed
/// something.
pub(crate) fn run<'a>(text: &'a str, config: &Config, record: bool) -> StageOutput<'a> {
    run_noting(text, config, record, &std::cell::Cell::new(false))
}

/// [`run`], setting `gave_up` when an edit was given up because it fell in code or an
/// address: the later stages can move such a span (a space put between a word and a
/// number), so the cleaner runs the stages again until the text settles.
pub(crate) fn run_noting<'a>(
    text: &'a str,
    config: &Config,
    record: bool,
    gave_up: &std::cell::Cell<bool>,
) -> StageOutput<'a> {
    let out = run_everywhere(text, config, record);
    if matches!(out.text, Cow::Borrowed(_)) && out.suggestions.is_empty() {
        return out;
    }
    let spans = crate::spacing::protected_ranges(&out.text);
    if spans.is_empty() {
        return out;
    }
    let all = if record {
        out
    } else {
        run_everywhere(text, config, true)
    };
    let (edits, mut suggestions) = (all.edits, all.suggestions);
    // Drop the edits inside the spans (carried back to `text`), rebuild, and look for
    // the spans again in what is left: an edit given up can move a span too. Each
    // round only gives up more edits, so this settles; real text takes one round.
    let mut keep = vec![true; edits.len()];
    let mut cleaned = all.text.into_owned();
    let mut spans = spans;
    let mut inside: Vec<std::ops::Range<usize>> = Vec::new();
    for _ in 0..MAX_PASSES {
        let back = crate::edit::BackMap::new(kept(&edits, &keep));
        // Fenced code that opens the text starts at its very start, as fenced code after
        // prose starts at the end of the line before it: what stands before the fence on
        // its line (a byte order mark of files joined together) is code either way, and a
        // stream block that begins there reads it as the whole text does.
        let opens_with_fence = !matches!(crate::spacing::prose_lines(&cleaned).next(), Some(first) if first.start == 0);
        inside = spans
            .iter()
            .map(|r| {
                let start = if r.start == 0 && opens_with_fence {
                    0
                } else {
                    back.span_start(r.start)
                };
                start..back.span_end(r.end)
            })
            .collect();
        let mut gave_up_here = false;
        for (e, k) in edits.iter().zip(keep.iter_mut()) {
            if *k && overlaps(&inside, e) {
                *k = false;
                gave_up_here = true;
            }
        }
        if !gave_up_here {
            break;
        }
        gave_up.set(true);
        cleaned = rebuild(text, kept(&edits, &keep));
        spans = crate::spacing::protected_ranges(&cleaned);
    }
    suggestions.retain(|e| !overlaps(&inside, e));
    let kept: Vec<Edit> = if record {
        edits
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(e, _)| e)
            .collect()
    } else {
        suggestions.clear();
        Vec::new()
    };
    StageOutput {
        text: if cleaned == text {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(cleaned)
        },
        edits: kept,
        suggestions,
    }
}

/// Does edit `e` change text inside one of `spans` (sorted, disjoint)? An insertion
/// counts when it falls strictly inside one.
fn overlaps(spans: &[std::ops::Range<usize>], e: &Edit) -> bool {
    let k = spans.partition_point(|r| r.end <= e.start);
    spans.get(k).is_some_and(|r| {
        if e.start == e.end {
            r.start < e.start
        } else {
            r.start < e.end
        }
    })
}

/// The edits of `edits` that `keep` says are kept.
fn kept<'e>(edits: &'e [Edit], keep: &'e [bool]) -> impl Iterator<Item = &'e Edit> + 'e {
    edits.iter().zip(keep).filter(|(_, &k)| k).map(|(e, _)| e)
}

/// `text` with `edits` (sorted, disjoint, in its offsets) applied.
fn rebuild<'e>(text: &str, edits: impl IntoIterator<Item = &'e Edit>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for e in edits {
        out.push_str(&text[from..e.start]);
        out.push_str(&e.replacement);
        from = e.end;
    }
    out.push_str(&text[from..]);
    out
}

/// Runs the character rules over all of `text`.
fn run_everywhere<'a>(text: &'a str, config: &Config, record: bool) -> StageOutput<'a> {
    let first = one_pass(text, config, record);
    if !first.kept_scoped || !first.changed {
        return StageOutput {
            text: first.text,
            edits: first.edits,
            suggestions: first.suggestions,
        };
    }
    // An invisible character kept because nothing Lao stood next to it may have Lao
    // next to it now (a Thai look-alike made Lao); pass again until nothing changes,
    // so that the stage is idempotent.
    let mut text_now = first.text.into_owned();
    let mut edits = first.edits;
    let mut suggestions = first.suggestions;
    for _ in 1..MAX_PASSES {
        let next = one_pass(&text_now, config, record);
        if !next.changed {
            break;
        }
        let out = next.text.into_owned();
        if record {
            let mut later = next.edits;
            let mut later_suggestions = next.suggestions;
            map_to_original(&edits, &mut later);
            crate::edit::map_spans_to_original(&edits, &mut later_suggestions);
            edits = compose(text, &out, vec![edits, later]);
            suggestions = later_suggestions;
        }
        let kept = next.kept_scoped;
        text_now = out;
        if !kept {
            break;
        }
    }
    StageOutput {
        text: Cow::Owned(text_now),
        edits,
        suggestions,
    }
}

struct Pass<'a> {
    text: Cow<'a, str>,
    changed: bool,
    edits: Vec<Edit>,
    suggestions: Vec<Edit>,
    kept_scoped: bool,
}

/// The scan alone when it can; otherwise invisible characters, NFC, then the scan.
fn one_pass<'a>(text: &'a str, config: &Config, record: bool) -> Pass<'a> {
    if let Ok(out) = scan::run(text, config, record, false) {
        return Pass {
            changed: matches!(out.text, Cow::Owned(_)),
            text: out.text,
            edits: out.edits,
            suggestions: out.suggestions,
            kept_scoped: false,
        };
    }
    let formatted = prepare::format_pass(text, config, record);
    let (normal, nfc_edits) = prepare::nfc_pass(&formatted.text, record);
    let scanned = match scan::run(&normal, config, record, true) {
        Ok(out) => out,
        Err(scan::NeedsPrepare) => unreachable!("a prepared scan does not stop"),
    };
    let changed = matches!(formatted.text, Cow::Owned(_))
        || matches!(normal, Cow::Owned(_))
        || matches!(scanned.text, Cow::Owned(_));
    if !changed {
        return Pass {
            text: Cow::Borrowed(text),
            changed,
            edits: Vec::new(),
            suggestions: scanned.suggestions,
            kept_scoped: formatted.kept_scoped,
        };
    }
    let out = scanned.text.into_owned();
    let (edits, suggestions) = if record {
        let mut nfc_edits = nfc_edits;
        let mut scan_edits = scanned.edits;
        let mut suggestions = scanned.suggestions;
        // Scan edits are in the NFC pass's output; carry them back to the input.
        let nfc_local = nfc_edits.clone();
        map_to_original(&nfc_local, &mut scan_edits);
        crate::edit::map_spans_to_original(&nfc_local, &mut suggestions);
        // An invisible character removed right before or after a cluster the scan
        // rewrote stays out of the cluster's edit, reported under its own rule
        // (`<ZWJ>ນໍ້າ`: char.invisible, then char.am-compose); one inside the cluster is
        // part of it.
        crate::edit::map_spans_to_original(&formatted.edits, &mut scan_edits);
        crate::edit::map_spans_to_original(&formatted.edits, &mut suggestions);
        map_to_original(&formatted.edits, &mut nfc_edits);
        for s in &mut suggestions {
            s.original = text[s.start..s.end].to_string();
        }
        (
            compose(text, &out, vec![formatted.edits, nfc_edits, scan_edits]),
            suggestions,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Pass {
        text: Cow::Owned(out),
        changed,
        edits,
        suggestions,
        kept_scoped: formatted.kept_scoped,
    }
}

/// Merges the edits of successive passes, all already carried back to `input`'s offsets
/// (`phases[k]` in the order the passes ran), into one edit per group of overlapping
/// spans, whose replacement is read from `output`. The edit of the latest pass in a
/// group names the rule: it saw the most.
fn compose(input: &str, output: &str, phases: Vec<Vec<Edit>>) -> Vec<Edit> {
    // Every edit with its pass and how much it grew the text.
    let mut all: Vec<(usize, isize, Edit)> = Vec::new();
    for (k, phase) in phases.into_iter().enumerate() {
        for e in phase {
            let growth = e.replacement.len() as isize - e.original.len() as isize;
            all.push((k, growth, e));
        }
    }
    all.sort_by_key(|(k, _, e)| (e.start, e.end, *k));
    let mut merged: Vec<Edit> = Vec::new();
    let mut out_pos = 0usize; // where input position `in_pos` is in the output
    let mut in_pos = 0usize;
    let mut i = 0;
    while i < all.len() {
        let start = all[i].2.start;
        let mut end = all[i].2.end;
        let mut growth = 0isize;
        let mut lead = i;
        let mut j = i;
        while j < all.len() && (j == i || all[j].2.start < end) {
            end = end.max(all[j].2.end);
            growth += all[j].1;
            if all[j].0 >= all[lead].0 {
                lead = j;
            }
            j += 1;
        }
        out_pos += start - in_pos;
        let len = (end - start) as isize + growth;
        let out_end = out_pos + len.max(0) as usize;
        let mut e = all[lead].2.clone();
        e.start = start;
        e.end = end;
        e.original = input[start..end].to_string();
        e.replacement = output.get(out_pos..out_end).unwrap_or_default().to_string();
        e.confidence = all[i..j].iter().map(|x| x.2.confidence).fold(1.0, f32::min);
        merged.push(e);
        out_pos = out_end;
        in_pos = end;
        i = j;
    }
    merged
}

#[cfg(test)]
mod tests;
