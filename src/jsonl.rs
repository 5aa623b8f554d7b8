//! Cleaning named string fields of JSON Lines records, leaving every other byte as it was.
//!
//! Corpus pipelines (and Spark or Hadoop streaming jobs) pass records as JSON Lines: one
//! JSON object per line. [`clean_record`] finds the string values at the given
//! [`FieldPath`]s by scanning the raw line, cleans them, and splices the re-encoded
//! strings back in place. Keys, their order, numbers, whitespace and escapes of every
//! other field are untouched, so a record whose text is already clean comes back
//! byte for byte.
//!
//! ```
//! use laoclean::jsonl::{clean_record, FieldPath};
//! use laoclean::Cleaner;
//! let fields = [FieldPath::parse("meta.title").unwrap(), FieldPath::parse("text").unwrap()];
//! let line = r#"{"id": 7, "text": "ເລກທີ ໓໓", "meta": {"title": "ນໍ້າ", "n": 1.50}}"#;
//! let out = clean_record(&Cleaner::default(), line, &fields, false).unwrap();
//! assert_eq!(out.line, r#"{"id": 7, "text": "ເລກທີ 33", "meta": {"title": "ນ້ຳ", "n": 1.50}}"#);
//! ```

use crate::{Cleaner, Edit};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// A dotted path to a field of a JSON object, such as `text` or `meta.title`.
///
/// ```
/// let p = laoclean::jsonl::FieldPath::parse("a.b").unwrap();
/// assert_eq!(p.to_string(), "a.b");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath(Vec<String>);

impl FieldPath {
    /// Parses a dotted path; empty segments are an error.
    ///
    /// ```
    /// assert!(laoclean::jsonl::FieldPath::parse("a..b").is_err());
    /// ```
    pub fn parse(path: &str) -> Result<FieldPath, JsonlError> {
        let parts: Vec<String> = path.split('.').map(str::to_string).collect();
        if parts.iter().any(String::is_empty) {
            return Err(JsonlError::BadPath(path.to_string()));
        }
        Ok(FieldPath(parts))
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("."))
    }
}

/// Why a record could not be cleaned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonlError {
    /// The line is not one valid JSON object.
    #[error("not a JSON object: {0}")]
    Malformed(String),
    /// A field path had an empty segment.
    #[error("bad field path `{0}`")]
    BadPath(String),
}

/// The edits made in one field of a record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldEdits {
    /// The dotted path of the field.
    pub field: String,
    /// The edits, with byte spans in the field's decoded string value, in text order.
    pub edits: Vec<Edit>,
    /// Suggestions not applied, with byte spans in the field's decoded string value, in
    /// text order.
    pub suggestions: Vec<Edit>,
}

/// A cleaned record: the new line and, when asked, the edits per field.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CleanedRecord<'a> {
    /// The record with its named string fields cleaned; borrowed when nothing changed.
    pub line: Cow<'a, str>,
    /// Edits per field (empty unless a report was asked for).
    pub fields: Vec<FieldEdits>,
    /// For each of the field paths asked for, in order: does the record hold a string
    /// there (changed or not)? A path no record holds is most likely misspelt.
    pub found: Vec<bool>,
}

/// Cleans the string values at `fields` in the JSON object `line`. Fields that are
/// missing, or hold something other than a string, are left alone. With `report`, the
/// edits of each field are returned too. A byte order mark before the object (the first
/// line of a file saved with one) is kept.
///
/// ```
/// use laoclean::jsonl::{clean_record, FieldPath};
/// let f = [FieldPath::parse("text").unwrap()];
/// let out = clean_record(&laoclean::Cleaner::default(), r#"{"text":"ເເ"}"#, &f, true).unwrap();
/// assert_eq!(out.line, r#"{"text":"ແ"}"#);
/// assert_eq!(out.fields[0].edits.len(), 1);
/// assert_eq!(out.found, [true]); // a string stood at `text`
/// assert!(clean_record(&laoclean::Cleaner::default(), "[1]", &f, false).is_err());
/// let bom = clean_record(&laoclean::Cleaner::default(), "\u{FEFF}{\"text\":\"ເເ\"}", &f, false);
/// assert_eq!(bom.unwrap().line, "\u{FEFF}{\"text\":\"ແ\"}");
/// ```
pub fn clean_record<'a>(
    cleaner: &Cleaner,
    line: &'a str,
    fields: &[FieldPath],
    report: bool,
) -> Result<CleanedRecord<'a>, JsonlError> {
    const BOM: char = '\u{FEFF}';
    let Some(object) = line.strip_prefix(BOM) else {
        return clean_object(cleaner, line, fields, report);
    };
    let cleaned = clean_object(cleaner, object, fields, report)?;
    let line = match cleaned.line {
        Cow::Borrowed(_) => Cow::Borrowed(line),
        Cow::Owned(new) => Cow::Owned(format!("{BOM}{new}")),
    };
    Ok(CleanedRecord {
        line,
        fields: cleaned.fields,
        found: cleaned.found,
    })
}

/// [`clean_record`] of a line without a byte order mark.
fn clean_object<'a>(
    cleaner: &Cleaner,
    line: &'a str,
    fields: &[FieldPath],
    report: bool,
) -> Result<CleanedRecord<'a>, JsonlError> {
    // Validate with serde_json first, for a precise error message.
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(line) {
        return Err(JsonlError::Malformed(e.to_string()));
    }
    let mut scanner = Scanner {
        bytes: line.as_bytes(),
        pos: 0,
    };
    scanner.skip_ws();
    if scanner.peek() != Some(b'{') {
        return Err(JsonlError::Malformed(
            "a record must be a JSON object".to_string(),
        ));
    }
    let mut found: Vec<(Range<usize>, &FieldPath)> = Vec::new();
    let mut key_path: Vec<String> = Vec::new();
    scanner.object(&mut key_path, fields, &mut found);
    found.sort_by_key(|(r, _)| r.start);
    let found_at: Vec<bool> = fields
        .iter()
        .map(|f| found.iter().any(|(_, p)| p.0 == f.0))
        .collect();

    let mut out = String::new();
    let mut copied = 0;
    let mut per_field = Vec::new();
    for (span, path) in found {
        let raw = &line[span.clone()];
        let value: String =
            serde_json::from_str(raw).map_err(|e| JsonlError::Malformed(e.to_string()))?;
        let (text, edits, suggestions) = if report {
            let mut c = cleaner.clean_with_report(&value);
            // In text order, as a stream's (of equal spans, in the order made).
            c.edits.sort_by_key(|e| (e.start, e.end));
            c.suggestions.sort_by_key(|e| (e.start, e.end));
            (Cow::Owned(c.text), c.edits, c.suggestions)
        } else {
            (cleaner.clean(&value), Vec::new(), Vec::new())
        };
        if report {
            per_field.push(FieldEdits {
                field: path.to_string(),
                edits,
                suggestions,
            });
        }
        if text == value {
            continue;
        }
        out.push_str(&line[copied..span.start]);
        out.push_str(&serde_json::to_string(&*text).expect("a string always serialises"));
        copied = span.end;
    }
    let line = if copied == 0 {
        Cow::Borrowed(line)
    } else {
        out.push_str(&line[copied..]);
        Cow::Owned(out)
    };
    Ok(CleanedRecord {
        line,
        fields: per_field,
        found: found_at,
    })
}

/// A scanner over JSON already known to be valid: it only finds value spans.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'f> Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips a string starting at its opening quote; returns its span with the quotes.
    fn string(&mut self) -> Range<usize> {
        let start = self.pos;
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => break,
                _ => {}
            }
        }
        start..self.pos
    }

    /// Scans an object at `{`, recording the spans of string values whose path is wanted.
    fn object(
        &mut self,
        path: &mut Vec<String>,
        wanted: &'f [FieldPath],
        found: &mut Vec<(Range<usize>, &'f FieldPath)>,
    ) {
        self.pos += 1; // '{'
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'}') | None => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let key_span = self.string();
            let key: String = serde_json::from_slice(&self.bytes[key_span]).unwrap_or_default();
            self.skip_ws();
            self.pos += 1; // ':'
            self.skip_ws();
            path.push(key);
            let is_prefix = wanted
                .iter()
                .any(|w| w.0.len() > path.len() && w.0.starts_with(path));
            match self.peek() {
                Some(b'"') => {
                    let span = self.string();
                    if let Some(w) = wanted.iter().find(|w| w.0 == *path) {
                        found.push((span, w));
                    }
                }
                Some(b'{') if is_prefix => self.object(path, wanted, found),
                _ => self.skip_value(),
            }
            path.pop();
        }
    }

    /// Skips any value (nested objects and arrays included) without recording anything.
    fn skip_value(&mut self) {
        match self.peek() {
            Some(b'"') => {
                self.string();
            }
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(b) = self.peek() {
                    match b {
                        b'"' => {
                            self.string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                    self.pos += 1;
                    if depth == 0 {
                        return;
                    }
                }
            }
            // A number, true, false or null: up to the next delimiter.
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.pos += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(line: &str, paths: &[&str]) -> String {
        let fields: Vec<FieldPath> = paths.iter().map(|p| FieldPath::parse(p).unwrap()).collect();
        clean_record(&Cleaner::default(), line, &fields, false)
            .unwrap()
            .line
            .into_owned()
    }

    #[test]
    fn other_fields_are_byte_for_byte() {
        let line = r#"{ "n" : 1.0e3 , "x":"\u0e81\n", "text":"໓", "arr":[{"text":"໓"}, "໓"] }"#;
        assert_eq!(
            clean(line, &["text"]),
            line.replace(r#""text":"໓","#, r#""text":"3","#)
        );
    }

    #[test]
    fn nested_paths_and_missing_fields() {
        let line = r#"{"a":{"b":{"c":"໓"},"d":"໓"},"c":"໓"}"#;
        assert_eq!(
            clean(line, &["a.b.c"]),
            r#"{"a":{"b":{"c":"3"},"d":"໓"},"c":"໓"}"#
        );
        assert_eq!(clean(line, &["a.x", "zz"]), line);
        // A path through a non-object leaves it alone.
        assert_eq!(clean(r#"{"a":"໓"}"#, &["a.b"]), r#"{"a":"໓"}"#);
    }

    #[test]
    fn non_string_values_are_left_alone() {
        let line = r#"{"text":["໓"],"t2":null,"t3":{"x":"໓"}}"#;
        assert_eq!(clean(line, &["text", "t2", "t3"]), line);
    }

    #[test]
    fn escapes_in_a_cleaned_field_decode_correctly() {
        // \u0ecd\u0eb2 is a decomposed AM written with escapes.
        let line = r#"{"text":"\u0e99\u0ecd\u0ec9\u0eb2 \"q\""}"#;
        assert_eq!(clean(line, &["text"]), r#"{"text":"ນ້ຳ \"q\""}"#);
    }

    #[test]
    fn clean_records_are_borrowed() {
        let f = [FieldPath::parse("text").unwrap()];
        let out = clean_record(&Cleaner::default(), r#"{"text":"ສະບາຍດີ"}"#, &f, false).unwrap();
        assert!(matches!(out.line, Cow::Borrowed(_)));
    }

    #[test]
    fn malformed_lines_are_errors() {
        let f = [FieldPath::parse("text").unwrap()];
        for bad in ["", "{", r#"{"text": }"#, "[]", "\"s\"", "{} x"] {
            assert!(
                clean_record(&Cleaner::default(), bad, &f, false).is_err(),
                "{bad:?}"
            );
        }
    }
}
