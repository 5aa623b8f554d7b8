//! `--explain`: every edit and suggestion of a file, one readable line each, on stderr.
//!
//! ```text
//! notes.txt:3:7: ເເ → ແ  char.double-e (1.00)
//! notes.txt:5:1: suggestion: ກອງກອງທັບ … ກອງ → ∅  word.duplicate (0.50)  alternatives: ກອງ
//! notes.jsonl:7: meta.title: ເເລ → ແລ  char.double-e (1.00)
//! ```
//!
//! Invisible text is made visible: a space is `␠`, a line break `⏎`, a tab `⇥`, an empty
//! side `∅`, other invisible characters `<U+200B>`.

use laoclean::stream::LocatedEdit;
use std::io::{self, Write};

/// Writes the explanation of edits and suggestions of file `name` (each with `true` if
/// it is a suggestion), a line each, in the order given.
pub fn write<'a>(
    out: &mut impl Write,
    name: &str,
    edits: impl IntoIterator<Item = (&'a LocatedEdit, bool)>,
) -> io::Result<()> {
    for (e, suggestion) in edits {
        line(out, name, e, suggestion)?;
    }
    Ok(())
}

fn line(out: &mut impl Write, name: &str, e: &LocatedEdit, suggestion: bool) -> io::Result<()> {
    write!(out, "{name}:{}:{}: ", e.line, e.column)?;
    edit_line(out, &e.edit, suggestion)
}

/// Writes the explanation of the edits and suggestions of one `--jsonl` record, a line
/// each, placed by line number and field (`notes.jsonl:7: text: ເເ → ແ  …`), in the
/// order of their place in the field.
pub fn write_record(
    out: &mut impl Write,
    name: &str,
    line: u64,
    fields: &[laoclean::jsonl::FieldEdits],
) -> io::Result<()> {
    for f in fields {
        for (e, suggestion) in super::report::field_in_text_order(f) {
            write!(out, "{name}:{line}: {}: ", f.field)?;
            edit_line(out, e, suggestion)?;
        }
    }
    Ok(())
}

/// The rest of an explanation line, after where the edit stands.
fn edit_line(out: &mut impl Write, edit: &laoclean::Edit, suggestion: bool) -> io::Result<()> {
    if suggestion {
        write!(out, "suggestion: ")?;
    }
    write!(
        out,
        "{} → {}  {} ({:.2})",
        visible(&edit.original),
        visible(&edit.replacement),
        edit.rule.id(),
        edit.confidence
    )?;
    if !edit.alternatives.is_empty() {
        let alts: Vec<String> = edit.alternatives.iter().map(|a| visible(a)).collect();
        write!(out, "  alternatives: {}", alts.join(", "))?;
    }
    writeln!(out)
}

/// `s` with its invisible characters shown.
fn visible(s: &str) -> String {
    if s.is_empty() {
        return "∅".to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' => out.push('␠'),
            '\n' => out.push('⏎'),
            '\t' => out.push('⇥'),
            c if c.is_control()
                || matches!(c, '\u{00A0}' | '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202F}' | '\u{2060}' | '\u{FEFF}') =>
            {
                out.push_str(&format!("<U+{:04X}>", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use laoclean::{Edit, Rule};

    #[test]
    fn invisible_text_is_shown() {
        assert_eq!(visible(""), "∅");
        assert_eq!(visible("ກ ຂ\n"), "ກ␠ຂ⏎");
        assert_eq!(visible("a\u{200B}b"), "a<U+200B>b");
    }

    #[test]
    fn one_line_per_edit_with_rule_confidence_and_alternatives() {
        let edit = Edit {
            start: 0,
            end: 9,
            original: "ລະ ຫວ່າງ".into(),
            replacement: "ລະຫວ່າງ".into(),
            rule: Rule::WordJoinSpace,
            confidence: 0.97,
            alternatives: vec!["ລະ ຫວ່າງ".into()],
        };
        let suggestion = LocatedEdit {
            line: 2,
            column: 5,
            edit,
        };
        let mut out = Vec::new();
        write(&mut out, "a.txt", [(&suggestion, true)]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a.txt:2:5: suggestion: ລະ␠ຫວ່າງ → ລະຫວ່າງ  word.join-space (0.97)  alternatives: ລະ␠ຫວ່າງ\n"
        );
    }
}
