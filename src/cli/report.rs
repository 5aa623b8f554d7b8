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
//!
//! A file's report is written as it is cleaned, a block at a time, into parts held in
//! memory (up to [`PART_BYTES`] each and [`MEMORY_BYTES`] in all) or past that in the
//! temporary directory ([`FileReport`]); the reporter copies them out in input order. So
//! memory does not grow with the number of edits of a file, nor with the number of files
//! waiting their turn.

use super::args::ReportFormat;
use super::explain;
use super::write::Temp;
use laoclean::stream::{LocatedEdit, ReportChunk};
use serde::Serialize;
use std::fs::File;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes of one part of a file's report (its edits, suggestions, net changes, JSON Lines
/// or explanation) held in memory; past that the part waits in a file of the temporary
/// directory until it is written out.
pub const PART_BYTES: usize = 512 << 10;

/// Bytes of report held in memory by all the files at once (those being cleaned and
/// those waiting their turn, such as the groups of `-i`); past that, parts go to the
/// temporary directory. (Counted in bytes written, not in the memory allocated for them,
/// which may be up to twice as much.)
pub const MEMORY_BYTES: usize = 64 << 20;

/// A chunk's report is serialised and written a piece of about this many bytes at a time.
const PIECE_BYTES: usize = 64 << 10;

/// Bytes of report held in memory now, by all the parts.
static HELD: AtomicUsize = AtomicUsize::new(0);

/// Why a file failed whose report could not be held in the temporary directory.
pub fn spill_failure(e: &io::Error) -> String {
    format!(
        "cannot keep the report in the temporary directory {} until it is written: {} (set \
         TMPDIR to another directory)",
        std::env::temp_dir().display(),
        super::message::describe(e)
    )
}

/// Writes the report, one file at a time, in input order.
pub struct Reporter {
    format: ReportFormat,
    out: Box<dyn Write>,
    files: usize,
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

/// What is wanted of each file's edits: a report in a format, an explanation, both or
/// neither.
#[derive(Clone, Copy, Debug)]
pub struct Wanted {
    pub format: Option<ReportFormat>,
    pub explain: bool,
    /// Bytes of report held in memory in all ([`MEMORY_BYTES`] but in tests).
    pub memory: usize,
}

/// The report and explanation of one file, written as the stream hands over its chunks
/// (on the worker that cleans the file) and copied out in input order
/// ([`Reporter::file`], [`FileReport::explain_to`]). Each part is held in memory up to
/// [`PART_BYTES`], while all the parts together hold less than [`MEMORY_BYTES`], and
/// in the temporary directory past that (closed once the file is cleaned:
/// [`FileReport::close`], so that the files waiting their turn hold no descriptor).
pub struct FileReport {
    format: Option<ReportFormat>,
    /// The file as named in the report, and as shown in the explanation.
    name: String,
    shown: String,
    /// `json`: the edits, the suggestions and the net changes, each a comma-separated
    /// run of JSON values; `jsonl`: the lines.
    parts: Vec<Part>,
    explanation: Option<Part>,
}

/// One part of a file's report: in memory, or spilled to a temporary file. (Also what
/// `--jsonl -i` holds of a file's report until the file is rewritten.)
pub(super) struct Part {
    memory: Vec<u8>,
    /// The temporary file it was spilled to, open while the file is cleaned.
    spilled: Option<(Option<File>, Temp)>,
    /// Values written so far (for the commas between them).
    values: usize,
    /// Bytes of report held in memory in all, past which parts spill.
    budget: usize,
}

impl Part {
    /// An empty part, spilling once the parts hold `budget` bytes in memory.
    pub(super) fn new(budget: usize) -> Part {
        Part {
            memory: Vec::new(),
            spilled: None,
            values: 0,
            budget,
        }
    }

    /// Appends `bytes`: to memory while this part and all of them are within bounds,
    /// else to a temporary file (with what was in memory before them).
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        if let Some((file, _)) = &mut self.spilled {
            let file = file
                .as_mut()
                .expect("a part is written before it is closed");
            return file.write_all(bytes);
        }
        // Room in memory is taken for the bytes in one step, so that parts written at
        // once on several threads cannot pass the budget together.
        let within = self.memory.len() + bytes.len() <= PART_BYTES.min(self.budget)
            && HELD
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |held| {
                    (held + bytes.len() <= self.budget).then_some(held + bytes.len())
                })
                .is_ok();
        if within {
            self.memory.extend_from_slice(bytes);
            return Ok(());
        }
        let (mut file, temp) = Temp::new_spill()?;
        file.write_all(&self.memory)?;
        file.write_all(bytes)?;
        self.release();
        self.spilled = Some((Some(file), temp));
        Ok(())
    }

    /// Appends JSON values, a comma before each but the part's first.
    fn push_json<'a, T: Serialize + 'a>(
        &mut self,
        values: impl IntoIterator<Item = &'a T>,
    ) -> io::Result<()> {
        let mut bytes = Vec::new();
        for value in values {
            if self.values > 0 {
                bytes.push(b',');
            }
            self.values += 1;
            serde_json::to_writer(&mut bytes, value)?;
            if bytes.len() >= PIECE_BYTES {
                self.write(&bytes)?;
                bytes.clear();
            }
        }
        self.write(&bytes)
    }

    /// A writer into the part that writes a piece of [`PIECE_BYTES`] at a time; flush it
    /// (its errors are the part's).
    pub(super) fn pieces(&mut self) -> io::BufWriter<Pieces<'_>> {
        io::BufWriter::with_capacity(PIECE_BYTES, Pieces(self))
    }

    /// Closes its temporary file, if it has one (it is read again by name).
    pub(super) fn close(&mut self) {
        if let Some((file, _)) = &mut self.spilled {
            *file = None;
        }
    }

    /// Copies what was written to `out`.
    pub(super) fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.memory)?;
        if let Some((_, temp)) = &self.spilled {
            io::copy(&mut File::open(temp.path())?, out)?;
        }
        Ok(())
    }

    /// Gives back the memory it holds.
    fn release(&mut self) {
        HELD.fetch_sub(self.memory.len(), Ordering::Relaxed);
        self.memory = Vec::new();
    }
}

/// [`Part::write`] as an [`io::Write`].
pub(super) struct Pieces<'a>(&'a mut Part);

impl Write for Pieces<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes).map(|()| bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Part {
    fn drop(&mut self) {
        self.release();
    }
}

impl FileReport {
    /// An empty report of the file named `name` in reports and `shown` in explanations.
    pub fn new(wanted: Wanted, name: String, shown: String) -> FileReport {
        let parts = match wanted.format {
            Some(ReportFormat::Json) => 3,
            Some(ReportFormat::Jsonl) => 1,
            None => 0,
        };
        FileReport {
            format: wanted.format,
            name,
            shown,
            parts: (0..parts).map(|_| Part::new(wanted.memory)).collect(),
            explanation: wanted.explain.then(|| Part::new(wanted.memory)),
        }
    }

    /// Is anything wanted of the edits?
    pub fn wanted(&self) -> bool {
        self.format.is_some() || self.explanation.is_some()
    }

    /// Adds the next chunk of the file's edits.
    pub fn add(&mut self, chunk: ReportChunk) -> io::Result<()> {
        // The edits and suggestions in the order of the text, put together once for the
        // lines of `jsonl` and the explanation.
        let wants_order = self.format == Some(ReportFormat::Jsonl) || self.explanation.is_some();
        let ordered = if wants_order {
            in_text_order(&chunk)
        } else {
            Vec::new()
        };
        match self.format {
            Some(ReportFormat::Json) => {
                let [edits, suggestions, changes] = &mut self.parts[..] else {
                    unreachable!("a json report has three parts")
                };
                edits.push_json(&chunk.edits)?;
                suggestions.push_json(&chunk.suggestions)?;
                changes.push_json(&chunk.changes)?;
            }
            Some(ReportFormat::Jsonl) => {
                let mut lines = self.parts[0].pieces();
                for &(edit, suggestion) in &ordered {
                    let line = EditLine {
                        file: &self.name,
                        suggestion,
                        edit,
                    };
                    serde_json::to_writer(&mut lines, &line)?;
                    lines.write_all(b"\n")?;
                }
                lines.flush()?;
            }
            None => {}
        }
        if let Some(explanation) = &mut self.explanation {
            let mut text = explanation.pieces();
            explain::write(&mut text, &self.shown, ordered)?;
            text.flush()?;
        }
        Ok(())
    }

    /// Closes the temporary files of the parts that spilled: the file is cleaned, and
    /// its report waits its turn without holding a descriptor.
    pub fn close(&mut self) {
        for part in self.parts.iter_mut().chain(&mut self.explanation) {
            part.close();
        }
    }

    /// Writes the explanation to `out` (once; nothing if none was wanted).
    pub fn explain_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.explanation.take() {
            Some(part) => part.copy_to(out),
            None => Ok(()),
        }
    }
}

/// The edits and suggestions of one `--jsonl` field in the order of the field's text, as
/// [`in_text_order`] gives a chunk's: for its report lines and its explanation.
pub(super) fn field_in_text_order(
    field: &laoclean::jsonl::FieldEdits,
) -> Vec<(&laoclean::Edit, bool)> {
    let mut all: Vec<(&laoclean::Edit, bool)> = field
        .edits
        .iter()
        .map(|e| (e, false))
        .chain(field.suggestions.iter().map(|e| (e, true)))
        .collect();
    all.sort_by_key(|(e, suggestion)| (e.start, e.end, *suggestion));
    all
}

/// The edits and suggestions of a chunk in the order of the text (the lists are each in
/// order), an edit before a suggestion at the same place.
fn in_text_order(chunk: &ReportChunk) -> Vec<(&LocatedEdit, bool)> {
    let mut all: Vec<(&LocatedEdit, bool)> = chunk
        .edits
        .iter()
        .map(|e| (e, false))
        .chain(chunk.suggestions.iter().map(|e| (e, true)))
        .collect();
    all.sort_by_key(|(e, suggestion)| (e.edit.start, e.edit.end, *suggestion));
    all
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

    /// The format it writes.
    pub fn format(&self) -> ReportFormat {
        self.format
    }

    /// Reports one file: whether cleaning it changed it and its report, or why it
    /// failed.
    pub fn file(
        &mut self,
        name: &str,
        result: Result<(bool, &mut FileReport), &str>,
    ) -> io::Result<()> {
        if self.format == ReportFormat::Json {
            open_entry(&mut self.out, self.files)?;
        }
        self.files += 1;
        let (changed, report) = match result {
            Ok(done) => done,
            Err(error) => {
                write_error(&mut self.out, name, error)?;
                if self.format == ReportFormat::Jsonl {
                    self.out.write_all(b"\n")?;
                }
                return Ok(());
            }
        };
        let mut parts = std::mem::take(&mut report.parts).into_iter();
        match self.format {
            ReportFormat::Json => {
                // As serde_json writes a struct: `{"file":…,"changed":…,"edits":[…],…}`.
                self.out.write_all(b"{\"file\":")?;
                serde_json::to_writer(&mut self.out, name)?;
                write!(self.out, ",\"changed\":{changed}")?;
                for key in ["edits", "suggestions", "changes"] {
                    write!(self.out, ",\"{key}\":[")?;
                    if let Some(part) = parts.next() {
                        part.copy_to(&mut self.out)?;
                    }
                    self.out.write_all(b"]")?;
                }
                self.out.write_all(b"}")
            }
            ReportFormat::Jsonl => match parts.next() {
                Some(lines) => lines.copy_to(&mut self.out),
                None => Ok(()),
            },
        }
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

    fn edit(start: usize) -> LocatedEdit {
        LocatedEdit {
            line: 1,
            column: 2,
            edit: Edit {
                start,
                end: start + 6,
                original: "ເເ".into(),
                replacement: "ແ".into(),
                rule: Rule::DoubleE,
                confidence: 1.0,
                alternatives: vec![],
            },
        }
    }

    fn chunk() -> ReportChunk {
        let mut suggestion = edit(3);
        suggestion.line = 2;
        suggestion.column = 1;
        let mut chunk = ReportChunk::default();
        chunk.edits = vec![edit(3)];
        chunk.suggestions = vec![suggestion];
        chunk
    }

    fn file_report(format: ReportFormat, explain: bool, memory: usize) -> FileReport {
        let wanted = Wanted {
            format: Some(format),
            explain,
            memory,
        };
        FileReport::new(wanted, "a.txt".into(), "./a.txt".into())
    }

    fn report(format: ReportFormat) -> String {
        let buf = Shared::default();
        let mut r = Reporter::new(format, Box::new(buf.clone()));
        let mut a = file_report(format, false, MEMORY_BYTES);
        a.add(chunk()).unwrap();
        r.file("a.txt", Ok((true, &mut a))).unwrap();
        r.file("b.txt", Err("binary file")).unwrap();
        r.finish().unwrap();
        let bytes = buf.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn json_is_one_document_with_an_entry_per_file() {
        let v: serde_json::Value = serde_json::from_str(&report(ReportFormat::Json)).unwrap();
        assert_eq!(v["files"][0]["file"], "a.txt");
        assert_eq!(v["files"][0]["changed"], true);
        assert_eq!(v["files"][0]["edits"][0]["rule"], "char.double-e");
        assert_eq!(v["files"][0]["edits"][0]["line"], 1);
        assert_eq!(v["files"][0]["suggestions"][0]["line"], 2);
        assert_eq!(v["files"][0]["changes"], serde_json::json!([]));
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

    /// The entry of one file as serde_json writes the struct: what the spooled parts put
    /// together must give, byte for byte.
    #[derive(Serialize)]
    struct FileEntry<'a> {
        file: &'a str,
        changed: bool,
        edits: &'a [LocatedEdit],
        suggestions: &'a [LocatedEdit],
        changes: &'a [laoclean::Change],
    }

    /// Puts a file's report with many edits through a reporter, handed over in chunks
    /// as the stream does, with `memory` bytes of report allowed in memory; checks that
    /// what comes out is what serde_json writes of the whole, and the explanation.
    fn many_edits_come_out_whole_and_in_order(memory: usize) {
        let edits: Vec<LocatedEdit> = (0..6_000).map(|i| edit(i * 10)).collect();
        let changes: Vec<laoclean::Change> = (0..6_000)
            .map(|i| laoclean::Change {
                start: i * 10,
                end: i * 10 + 6,
                original: "ເເ".into(),
                replacement: "ແ".into(),
            })
            .collect();
        let mut json = file_report(ReportFormat::Json, true, memory);
        let mut jsonl = file_report(ReportFormat::Jsonl, false, memory);
        for (e, c) in edits.chunks(700).zip(changes.chunks(700)) {
            let mut chunk = ReportChunk::default();
            chunk.edits = e.to_vec();
            chunk.suggestions = e.to_vec();
            chunk.changes = c.to_vec();
            json.add(chunk.clone()).unwrap();
            jsonl.add(chunk).unwrap();
        }
        // The parts past PART_BYTES (all but the changes, 480 KB), or with no memory all
        // of them, have gone to temporary files.
        assert!(json.parts[..2].iter().all(|p| p.spilled.is_some()));
        assert_eq!(json.parts[2].spilled.is_some(), memory == 0);
        assert!(jsonl.parts[0].spilled.is_some());
        assert!(json.explanation.as_ref().unwrap().spilled.is_some());
        json.close();
        jsonl.close();
        let expected = serde_json::to_string(&FileEntry {
            file: "a.txt",
            changed: true,
            edits: &edits,
            suggestions: &edits,
            changes: &changes,
        })
        .unwrap();
        assert!(expected.len() > 3 * PART_BYTES);
        let buf = Shared::default();
        let mut r = Reporter::new(ReportFormat::Json, Box::new(buf.clone()));
        r.file("a.txt", Ok((true, &mut json))).unwrap();
        r.finish().unwrap();
        let written = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        assert_eq!(written, format!("{{\"files\": [\n{expected}\n]}}\n"));

        let buf = Shared::default();
        let mut r = Reporter::new(ReportFormat::Jsonl, Box::new(buf.clone()));
        r.file("a.txt", Ok((true, &mut jsonl))).unwrap();
        r.finish().unwrap();
        let written = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = written.lines().collect();
        assert_eq!(lines.len(), 12_000);
        // An edit, then the suggestion at the same place, through the text.
        assert!(lines[0].contains("\"suggestion\":false") && lines[0].contains("\"start\":0,"));
        assert!(lines[1].contains("\"suggestion\":true") && lines[1].contains("\"start\":0,"));
        assert!(lines[11_999].contains("\"start\":59990,"));

        let mut explained = Vec::new();
        json.explain_to(&mut explained).unwrap();
        let explained = String::from_utf8(explained).unwrap();
        assert_eq!(explained.lines().count(), 12_000);
        assert!(explained
            .starts_with("./a.txt:1:2: ເເ → ແ  char.double-e (1.00)\n./a.txt:1:2: suggestion: "));
        let mut again = Vec::new();
        json.explain_to(&mut again).unwrap();
        assert!(again.is_empty(), "the explanation is written once");
    }

    #[test]
    fn a_report_past_the_part_bound_comes_out_whole_and_in_order() {
        // Each part passes PART_BYTES, so it spills to a temporary file.
        many_edits_come_out_whole_and_in_order(MEMORY_BYTES);
    }

    #[test]
    fn a_report_with_no_memory_comes_out_whole_and_in_order() {
        // Every part spills at its first bytes.
        many_edits_come_out_whole_and_in_order(0);
    }

    #[test]
    fn a_part_spills_past_its_bound_and_holds_no_descriptor_once_closed() {
        let mut part = Part::new(MEMORY_BYTES);
        part.write(&[b'a'; 1000]).unwrap();
        assert!(part.spilled.is_none() && part.memory.len() == 1000);
        part.write(&vec![b'b'; PART_BYTES]).unwrap();
        assert!(part.memory.is_empty());
        let path = part.spilled.as_ref().unwrap().1.path().to_path_buf();
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            1000 + PART_BYTES as u64
        );
        part.close();
        assert!(part.spilled.as_ref().unwrap().0.is_none());
        let mut out = Vec::new();
        part.copy_to(&mut out).unwrap();
        assert_eq!(out.len(), 1000 + PART_BYTES);
        assert!(out[..1000].iter().all(|&b| b == b'a') && out[1000..].iter().all(|&b| b == b'b'));
        assert!(!path.exists(), "the temporary file is deleted once copied");
    }
}
