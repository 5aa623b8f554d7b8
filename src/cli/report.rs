//! `--report`: the edits and suggestions of every file, as JSON or JSON Lines.
//!
//! `json` is one document, written as the files are done:
//! `{"files": [{"file": "a.txt", "changed": true, "edits": [...], "suggestions": [...],
//! "changes": [...]}, {"file": "b.txt", "error": "invalid UTF-8 at byte 12"}]}`, where
//! `changes` are the net changes (`start`, `end`, `original`, `replacement`: sorted, apart,
//! rebuilding the cleaned file from the file; edits of several stages may overlap).
//! `jsonl` is one object per line, one line per edit or suggestion:
//! `{"file": "a.txt", "suggestion": false, "line": 3, "column": 7, "start": 40, "end": 46,
//! "original": "ເເ", "replacement": "ແ", "rule": "char.double-e", "confidence": 1.0}`
//! (plus `alternatives` when a rule weighed some), in the order of the text; a file that
//! could not be cleaned is one line `{"file": "b.txt", "error": "…"}`. Lines and columns
//! count from 1, columns in characters; `start`/`end` are byte offsets in the file.

use super::args::ReportFormat;
use laoclean::stream::{LocatedEdit, StreamSummary};
use serde::Serialize;
use std::io::{self, Write};

/// Writes the report, one file at a time, in input order.
pub struct Reporter {
    format: ReportFormat,
    out: Box<dyn Write>,
    files: usize,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    file: &'a str,
    changed: bool,
    edits: &'a [LocatedEdit],
    suggestions: &'a [LocatedEdit],
    changes: &'a [laoclean::Change],
}

#[derive(Serialize)]
struct FileError<'a> {
    file: &'a str,
    error: &'a str,
}

#[derive(Serialize)]
struct EditLine<'a> {
    file: &'a str,
    suggestion: bool,
    #[serde(flatten)]
    edit: &'a LocatedEdit,
}

impl Reporter {
    /// A reporter in `format` writing to `out`.
    pub fn new(format: ReportFormat, out: Box<dyn Write>) -> Self {
        Reporter {
            format,
            out,
            files: 0,
        }
    }

    /// Reports one file: what cleaning it did, or why it failed.
    pub fn file(&mut self, name: &str, result: Result<&StreamSummary, &str>) -> io::Result<()> {
        match self.format {
            ReportFormat::Json => {
                open_entry(&mut self.out, self.files)?;
                match result {
                    Ok(s) => serde_json::to_writer(
                        &mut self.out,
                        &FileEntry {
                            file: name,
                            changed: s.changed,
                            edits: &s.edits,
                            suggestions: &s.suggestions,
                            changes: &s.changes,
                        },
                    )
                    .map_err(io::Error::from),
                    Err(error) => write_error(&mut self.out, name, error),
                }?;
            }
            ReportFormat::Jsonl => {
                let s = match result {
                    Ok(s) => s,
                    Err(error) => {
                        write_error(&mut self.out, name, error)?;
                        self.out.write_all(b"\n")?;
                        self.files += 1;
                        return Ok(());
                    }
                };
                // In the order of the text (the stages' edits come one stage after
                // another), an edit before a suggestion at the same place.
                let mut lines: Vec<(&LocatedEdit, bool)> = s
                    .edits
                    .iter()
                    .map(|e| (e, false))
                    .chain(s.suggestions.iter().map(|e| (e, true)))
                    .collect();
                lines.sort_by_key(|(e, suggestion)| (e.edit.start, e.edit.end, *suggestion));
                for (edit, suggestion) in lines {
                    serde_json::to_writer(
                        &mut self.out,
                        &EditLine {
                            file: name,
                            suggestion,
                            edit,
                        },
                    )?;
                    self.out.write_all(b"\n")?;
                }
            }
        }
        self.files += 1;
        Ok(())
    }

    /// Ends the report (closes the JSON document) and flushes it.
    pub fn finish(self) -> io::Result<()> {
        finish(self.out, self.format, self.files)
    }
}

/// Writes the entry of a file that could not be cleaned: `{"file": …, "error": …}`.
pub(super) fn write_error(out: &mut dyn Write, file: &str, error: &str) -> io::Result<()> {
    serde_json::to_writer(out, &FileError { file, error }).map_err(io::Error::from)
}

/// Starts the entry of one file in a `json` report: opens the document before the
/// first (`files` written so far is 0), else separates it from the one before.
pub fn open_entry(out: &mut dyn Write, files: usize) -> io::Result<()> {
    out.write_all(if files == 0 {
        b"{\"files\": [\n"
    } else {
        b",\n"
    })
}

/// Closes a report that holds `files` entries (the `json` document; nothing for `jsonl`)
/// and flushes it.
pub fn finish(mut out: Box<dyn Write>, format: ReportFormat, files: usize) -> io::Result<()> {
    if format == ReportFormat::Json {
        let end: &[u8] = if files == 0 {
            b"{\"files\": []}\n"
        } else {
            b"\n]}\n"
        };
        out.write_all(end)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use laoclean::{Edit, Rule};
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().write(buf)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn summary() -> StreamSummary {
        let edit = Edit {
            start: 3,
            end: 9,
            original: "ເເ".into(),
            replacement: "ແ".into(),
            rule: Rule::DoubleE,
            confidence: 1.0,
            alternatives: vec![],
        };
        StreamSummary {
            changed: true,
            edits: vec![LocatedEdit {
                line: 1,
                column: 2,
                edit: edit.clone(),
            }],
            suggestions: vec![LocatedEdit {
                line: 2,
                column: 1,
                edit,
            }],
            ..StreamSummary::default()
        }
    }

    fn report(format: ReportFormat) -> String {
        let buf = Shared::default();
        let mut r = Reporter::new(format, Box::new(buf.clone()));
        r.file("a.txt", Ok(&summary())).unwrap();
        r.file("b.txt", Err("binary file")).unwrap();
        r.finish().unwrap();
        let bytes = buf.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn json_is_one_document_with_an_entry_per_file() {
        let v: serde_json::Value = serde_json::from_str(&report(ReportFormat::Json)).unwrap();
        assert_eq!(v["files"][0]["file"], "a.txt");
        assert_eq!(v["files"][0]["edits"][0]["rule"], "char.double-e");
        assert_eq!(v["files"][0]["edits"][0]["line"], 1);
        assert_eq!(v["files"][0]["suggestions"][0]["line"], 2);
        assert_eq!(v["files"][1]["error"], "binary file");
        let empty = Reporter::new(ReportFormat::Json, Box::new(Shared::default()));
        empty.finish().unwrap();
    }

    #[test]
    fn jsonl_is_one_line_per_edit_with_suggestions_marked() {
        let text = report(ReportFormat::Jsonl);
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2]["file"], "b.txt");
        assert_eq!(lines[2]["error"], "binary file");
        assert_eq!(lines[0]["suggestion"], false);
        assert_eq!(lines[1]["suggestion"], true);
        assert_eq!(lines[0]["original"], "ເເ");
        assert_eq!(lines[0]["start"], 3);
        assert_eq!(lines[0]["column"], 2);
    }
}
