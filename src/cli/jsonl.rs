//! `--jsonl`: cleaning the named string fields of JSON Lines records, for corpus
//! pipelines and Spark or Hadoop streaming.
//!
//! The input is read in batches of lines (about 1 MiB of text per thread), the records
//! of a batch are cleaned in parallel with [`laoclean::jsonl::clean_record`], and the
//! lines are written in input order, so memory stays bounded by the batch size (and the
//! longest line) whatever the size of the input. Each line keeps its own line end
//! (`\n`, `\r\n` or none at the end of the input); a blank line passes through as it is.
//!
//! A line that is not one JSON object (or not UTF-8) stops the file with an error naming
//! the line, after the lines before it were written; with `--skip-bad` it is written back
//! unchanged and counted instead.
//!
//! `--report` gives the edits per record. `jsonl`: one line per edit or suggestion,
//! `{"file": "-", "line": 12, "field": "meta.title", "suggestion": false, "start": 0,
//! "end": 6, "original": "ເເ", "replacement": "ແ", "rule": "char.double-e",
//! "confidence": 1.0}`, where `line` is the record's line number (from 1) and
//! `start`/`end` are byte offsets in the field's decoded string value. `json`: one
//! document, `{"files": [{"file": "-", "records": [{"line": 12, "fields": [{"field":
//! "text", "edits": [...], "suggestions": [...]}]}]}]}`, listing only records with an
//! edit or a suggestion. A path that could not be read, or a file that stopped, has
//! `{"file": …, "error": …}` in both. With `-i` a file's report and explanation wait
//! until it is rewritten (held as the text mode's are: `report::Part`): a file that
//! stopped is left as it was, so its entry lists no record (`"records": []` in `json`),
//! only the error; one whose report cannot be held stops before it is rewritten.

use super::args::{CleanArgs, ReportFormat};
use super::files::{Input, PathError};
use super::message::{self, describe};
use super::progress::Progress;
use super::report::Part;
use super::write::{self, RewriteError};
use super::Mode;
use laoclean::jsonl::{clean_record, FieldEdits, FieldPath};
use laoclean::stream::BOM;
use laoclean::Cleaner;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, BufRead, Write};
use std::ops::Range;
use std::process::ExitCode;

/// Text of one batch per thread: a batch holds about this many bytes times the threads.
const BATCH_BYTES_PER_THREAD: usize = 1 << 20;
/// Most lines in a batch per thread (many tiny records).
const BATCH_LINES_PER_THREAD: usize = 8192;

/// What to do with each record.
pub struct JsonlJob<'a> {
    /// The cleaner.
    pub cleaner: &'a Cleaner,
    /// The string fields to clean.
    pub fields: &'a [FieldPath],
    /// Collect the edits per record.
    pub report: bool,
    /// Pass malformed lines through (and count them) instead of stopping.
    pub skip_bad: bool,
    /// Write back a byte order mark before the first record (not when this input's
    /// records follow another's on stdout, where it would stand inside the stream).
    pub keep_bom: bool,
}

/// What cleaning one JSON Lines input did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct JsonlSummary {
    /// Lines read (records, blank lines and bad lines).
    pub lines: u64,
    /// Records whose cleaned fields changed.
    pub changed_records: u64,
    /// Malformed lines passed through with `--skip-bad`.
    pub bad: u64,
    /// Records read (JSON objects).
    pub records: u64,
    /// For each `--field`, the records that hold a string there.
    pub found: Vec<u64>,
}

impl JsonlSummary {
    /// Did any record change?
    pub fn changed(&self) -> bool {
        self.changed_records > 0
    }
}

/// Why a JSON Lines input stopped.
#[derive(Debug)]
pub enum JsonlFailure {
    /// Line `line` (from 1) is not a JSON object.
    Malformed { line: u64, message: String },
    /// Reading failed.
    Read(io::Error),
    /// Writing the cleaned records failed.
    Write(io::Error),
    /// The `report` callback failed (writing the report, not the records).
    Report(io::Error),
}

/// The edits of one record, for the report.
#[derive(Debug, Serialize)]
pub struct RecordEdits {
    /// Line number of the record, from 1.
    pub line: u64,
    /// Edits per cleaned field (fields without any are left out).
    pub fields: Vec<FieldEdits>,
}

/// What became of one line of a batch.
enum LineOut {
    /// Written back as it came.
    Same,
    /// Cleaned: the new record (without its line end).
    Cleaned(String),
    /// Not a JSON object.
    Bad(String),
}

/// Cleans the JSON Lines `input` into `output` (see the module docs), calling `report`
/// with the edits of each record that has some, in order. Runs on the current rayon pool.
pub fn clean_jsonl<R: BufRead, W: Write>(
    job: &JsonlJob<'_>,
    mut input: R,
    mut output: W,
    report: &mut dyn FnMut(RecordEdits) -> io::Result<()>,
) -> Result<JsonlSummary, JsonlFailure> {
    let threads = rayon::current_num_threads().max(1);
    let batch_bytes = threads * BATCH_BYTES_PER_THREAD;
    let batch_lines = threads * BATCH_LINES_PER_THREAD;
    let mut summary = JsonlSummary {
        found: vec![0; job.fields.len()],
        ..JsonlSummary::default()
    };
    let mut buf: Vec<u8> = Vec::with_capacity(batch_bytes + (batch_bytes >> 2));
    let mut lines: Vec<Range<usize>> = Vec::with_capacity(batch_lines);
    loop {
        buf.clear();
        lines.clear();
        while buf.len() < batch_bytes && lines.len() < batch_lines {
            let start = buf.len();
            let n = input
                .read_until(b'\n', &mut buf)
                .map_err(JsonlFailure::Read)?;
            if n == 0 {
                break;
            }
            // A byte order mark before the first record (Windows tools write one) is no
            // part of it: written back as it came, and the record read after it.
            if summary.lines == 0 && lines.is_empty() && buf[start..].starts_with(BOM) {
                if job.keep_bom {
                    output.write_all(BOM).map_err(JsonlFailure::Write)?;
                }
                lines.push(start + BOM.len()..buf.len());
                continue;
            }
            lines.push(start..buf.len());
        }
        if lines.is_empty() {
            break;
        }
        let first_line = summary.lines + 1;
        let done: Vec<(LineOut, Vec<FieldEdits>, Vec<bool>)> = lines
            .par_iter()
            .with_min_len(16)
            .map(|r| clean_line(job, &buf[r.clone()]))
            .collect();
        for (i, (range, (out, fields, found))) in lines.iter().zip(done).enumerate() {
            let raw = &buf[range.clone()];
            let line_no = first_line + i as u64;
            summary.lines += 1;
            // (Blank and bad lines find nothing, not even that a field is missing.)
            summary.records += u64::from(!found.is_empty());
            for (count, found) in summary.found.iter_mut().zip(found) {
                *count += u64::from(found);
            }
            let written = match out {
                LineOut::Same => output.write_all(raw),
                LineOut::Cleaned(record) => {
                    summary.changed_records += 1;
                    let (body, end) = split_line_end(raw);
                    debug_assert!(!body.is_empty());
                    output
                        .write_all(record.as_bytes())
                        .and_then(|()| output.write_all(end))
                }
                LineOut::Bad(message) if !job.skip_bad => {
                    output.flush().map_err(JsonlFailure::Write)?;
                    return Err(JsonlFailure::Malformed {
                        line: line_no,
                        message,
                    });
                }
                LineOut::Bad(_) => {
                    summary.bad += 1;
                    output.write_all(raw)
                }
            };
            written.map_err(JsonlFailure::Write)?;
            if !fields.is_empty() {
                report(RecordEdits {
                    line: line_no,
                    fields,
                })
                .map_err(JsonlFailure::Report)?;
            }
        }
    }
    output.flush().map_err(JsonlFailure::Write)?;
    Ok(summary)
}

/// A line without its line end (`\n` or `\r\n`), and the line end.
fn split_line_end(raw: &[u8]) -> (&[u8], &[u8]) {
    let mut body = raw.len();
    if raw[..body].ends_with(b"\n") {
        body -= 1;
        if raw[..body].ends_with(b"\r") {
            body -= 1;
        }
    }
    raw.split_at(body)
}

/// Cleans one line: what to write, the edits of its fields, and at which `--field`s it
/// holds a string. (UTF-16 text is refused when the input is opened.)
fn clean_line(job: &JsonlJob<'_>, raw: &[u8]) -> (LineOut, Vec<FieldEdits>, Vec<bool>) {
    let (body, _) = split_line_end(raw);
    if body.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
        return (LineOut::Same, Vec::new(), Vec::new());
    }
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            return (
                LineOut::Bad(format!(
                    "invalid UTF-8 at byte {} of the line",
                    e.valid_up_to()
                )),
                Vec::new(),
                Vec::new(),
            )
        }
    };
    match clean_record(job.cleaner, text, job.fields, job.report) {
        Ok(record) => {
            let fields = record
                .fields
                .into_iter()
                .filter(|f| !f.edits.is_empty() || !f.suggestions.is_empty())
                .collect();
            let out = match record.line {
                std::borrow::Cow::Borrowed(_) => LineOut::Same,
                std::borrow::Cow::Owned(s) => LineOut::Cleaned(s),
            };
            (out, fields, record.found)
        }
        Err(e) => (LineOut::Bad(e.to_string()), Vec::new(), Vec::new()),
    }
}

/// Writes the `--report` of a `--jsonl` run, streaming, one record at a time; or, for a
/// file rewritten in place, holding its records' edits until the file is rewritten (a
/// file left as it was, stopped by a malformed line, reports its error alone).
pub struct RecordReporter {
    format: ReportFormat,
    out: Box<dyn Write>,
    files: usize,
    records_in_file: usize,
    /// The current file's records, held ([`RecordReporter::start_file`]).
    held: Option<Part>,
    /// Bytes of report held in memory in all before it spills ([`Part::new`]).
    memory: usize,
}

#[derive(Serialize)]
struct EditLine<'a> {
    file: &'a str,
    line: u64,
    field: &'a str,
    suggestion: bool,
    #[serde(flatten)]
    edit: &'a laoclean::Edit,
}

impl RecordReporter {
    /// A reporter in `format` writing to `out`, holding up to `memory` bytes of a file's
    /// records in memory.
    pub fn new(format: ReportFormat, out: Box<dyn Write>, memory: usize) -> Self {
        RecordReporter {
            format,
            out,
            files: 0,
            records_in_file: 0,
            held: None,
            memory,
        }
    }

    /// Starts the entry of a file; with `hold`, its records are held until
    /// [`end_file`](Self::end_file) and reported only if the file did not stop.
    pub fn start_file(&mut self, name: &str, hold: bool) -> io::Result<()> {
        self.held = hold.then(|| Part::new(self.memory));
        if self.format == ReportFormat::Json {
            super::report::open_entry(&mut self.out, self.files)?;
            self.out.write_all(b"{\"file\": ")?;
            serde_json::to_writer(&mut self.out, name)?;
            self.out.write_all(b", \"records\": [")?;
        }
        self.files += 1;
        self.records_in_file = 0;
        Ok(())
    }

    /// Reports the edits of one record of file `name`.
    pub fn record(&mut self, name: &str, record: &RecordEdits) -> io::Result<()> {
        match &mut self.held {
            Some(part) => {
                let mut out = part.pieces();
                write_record(self.format, &mut out, name, record, self.records_in_file)?;
                out.flush()?;
            }
            None => write_record(
                self.format,
                &mut self.out,
                name,
                record,
                self.records_in_file,
            )?,
        }
        self.records_in_file += 1;
        Ok(())
    }

    /// Ends the entry of file `name`; `error` says why it stopped, if it did (in
    /// `jsonl`, a line `{"file": …, "error": …}` after its records' edits; the records
    /// held of a file that stopped are dropped, as the file was left as it was).
    pub fn end_file(&mut self, name: &str, error: Option<&str>) -> io::Result<()> {
        if let Some(mut held) = self.held.take() {
            if error.is_none() {
                held.close();
                held.copy_to(&mut self.out)?;
            }
        }
        match (self.format, error) {
            (ReportFormat::Json, _) => {
                self.out.write_all(b"]")?;
                if let Some(error) = error {
                    self.out.write_all(b", \"error\": ")?;
                    serde_json::to_writer(&mut self.out, error)?;
                }
                self.out.write_all(b"}")?;
            }
            (ReportFormat::Jsonl, Some(error)) => {
                super::report::write_error(&mut self.out, name, error)?;
                self.out.write_all(b"\n")?;
            }
            (ReportFormat::Jsonl, None) => {}
        }
        Ok(())
    }

    /// Reports a file or path that could not be read at all.
    pub fn file_error(&mut self, name: &str, error: &str) -> io::Result<()> {
        if self.format == ReportFormat::Json {
            super::report::open_entry(&mut self.out, self.files)?;
        }
        super::report::write_error(&mut self.out, name, error)?;
        if self.format == ReportFormat::Jsonl {
            self.out.write_all(b"\n")?;
        }
        self.files += 1;
        Ok(())
    }

    /// Ends the report and flushes it.
    pub fn finish(self) -> io::Result<()> {
        super::report::finish(self.out, self.format, self.files)
    }
}

/// Writes the report of one record to `out`: in `json`, after a comma when `before`
/// records came before it in the file's entry; in `jsonl`, a line per edit.
fn write_record(
    format: ReportFormat,
    out: &mut impl Write,
    name: &str,
    record: &RecordEdits,
    before: usize,
) -> io::Result<()> {
    match format {
        ReportFormat::Json => {
            if before > 0 {
                out.write_all(b",")?;
            }
            out.write_all(b"\n")?;
            serde_json::to_writer(&mut *out, record)?;
        }
        ReportFormat::Jsonl => {
            for f in &record.fields {
                // In text order, edits and suggestions together, as a text file's lines.
                for (edit, suggestion) in super::report::field_in_text_order(f) {
                    let line = EditLine {
                        file: name,
                        line: record.line,
                        field: &f.field,
                        suggestion,
                        edit,
                    };
                    serde_json::to_writer(&mut *out, &line)?;
                    out.write_all(b"\n")?;
                }
            }
        }
    }
    Ok(())
}

impl super::write::Rewritten for JsonlSummary {
    fn changed(&self) -> bool {
        JsonlSummary::changed(self)
    }
}

/// Runs `laoclean --jsonl` over `inputs`, one after the other (the records of each are
/// cleaned in parallel), for `mode` (printing, `-i` or `--check`). `path_errors`: the
/// paths that could not be read (said on stderr and in the report first, as the other
/// modes do); `report` is where `--report` goes.
pub(super) fn run_files(
    args: &CleanArgs,
    mode: Mode,
    cleaner: &Cleaner,
    inputs: &[Input],
    path_errors: &[PathError],
    report: Option<(ReportFormat, Box<dyn Write>)>,
) -> Result<ExitCode, String> {
    let mut failed = !path_errors.is_empty();
    // Inputs with an error, the paths that could not be read included.
    let mut errors = path_errors.len();
    let fields = if args.fields.is_empty() {
        vec![FieldPath::parse("text").expect("a valid path")]
    } else {
        args.fields
            .iter()
            .map(|f| FieldPath::parse(f).map_err(|e| format!("--field: {e}")))
            .collect::<Result<_, _>>()?
    };
    let job = JsonlJob {
        cleaner,
        fields: &fields,
        report: report.is_some() || args.explain,
        skip_bad: args.skip_bad,
        keep_bom: true,
    };
    let memory = args.report_memory.unwrap_or(super::report::MEMORY_BYTES);
    let mut reporter = report.map(|(format, out)| RecordReporter::new(format, out, memory));
    // With -i, a file's report and explanation wait until it is rewritten: one that stops
    // at a malformed line is left as it was, and its records' edits were not made.
    let hold = mode == Mode::InPlace;
    for error in path_errors {
        message::print(error);
        if let Some(r) = &mut reporter {
            if let Err(e) = r.file_error(&error.file, &error.error) {
                message::print(format_args!("cannot write the report: {}", describe(&e)));
                reporter = None;
            }
        }
    }
    let progress = Progress::for_inputs(args.quiet, inputs);
    let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout());
    let (mut bad, mut changed, mut done) = (0u64, 0usize, 0usize);
    // Records read, and those that hold a string at each --field.
    let (mut records, mut found) = (0u64, vec![0u64; fields.len()]);
    let mut stdout_failed = false;
    for (i, input) in inputs.iter().enumerate() {
        let job = JsonlJob {
            keep_bom: mode != Mode::Print || i == 0,
            ..job
        };
        let name = input.report_name();
        let mut report_error = None;
        if let Some(r) = &mut reporter {
            report_error = r.start_file(&name, hold).err();
        }
        // A failed write of the report stops the report, not the cleaning: the error is
        // kept and said once the file is done.
        // `--explain`: a record's lines once it is cleaned; one lost to a closed or full
        // stderr fails the run (exit 2), as in the other modes, and the cleaning goes on.
        let mut explain_error = None;
        let shown = input.display();
        let mut explanation = (args.explain && hold).then(|| Part::new(memory));
        // What is held for -i that cannot be kept stops the file before it is rewritten.
        let mut on_record = |record: RecordEdits| {
            if let (Some(r), None) = (&mut reporter, &report_error) {
                match r.record(&name, &record) {
                    Err(e) if hold => return Err(e),
                    result => report_error = result.err(),
                }
            }
            if args.explain && explain_error.is_none() {
                let (line, fields) = (record.line, &record.fields);
                explain_error = match &mut explanation {
                    Some(held) => {
                        let mut out = held.pieces();
                        super::explain::write_record(&mut out, &shown, line, fields)?;
                        out.flush()?;
                        None
                    }
                    // (Under the progress bar, which is cleared for it, as for any message.)
                    None => progress.suspend(|| {
                        let mut err = io::stderr().lock();
                        super::explain::write_record(&mut err, &shown, line, fields).err()
                    }),
                };
            }
            Ok(())
        };
        let result: Result<JsonlSummary, Stopped> = match mode {
            Mode::InPlace => {
                let Input::File { path, .. } = input else {
                    unreachable!("stdin is refused with -i")
                };
                write::rewrite(path, args.backup.as_deref(), |r, w| {
                    clean_jsonl(&job, progress.wrap(r), w, &mut on_record)
                })
                .map_err(|e| match e {
                    RewriteError::Stream(e) => Stopped::from(e),
                    RewriteError::Other(message) => Stopped::Error(message),
                })
            }
            Mode::Check => open(input).and_then(|r| {
                clean_jsonl(&job, progress.wrap(r), io::sink(), &mut on_record)
                    .map_err(Stopped::from)
            }),
            _ => open(input).and_then(|r| {
                clean_jsonl(&job, progress.wrap(r), &mut stdout, &mut on_record).map_err(
                    |e| match e {
                        JsonlFailure::Write(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                            Stopped::Stdout(describe(&e))
                        }
                        e => Stopped::from(e),
                    },
                )
            }),
        };
        progress.file_done();
        let error = match result {
            Ok(summary) => {
                done += 1;
                bad += summary.bad;
                records += summary.records;
                for (count, n) in found.iter_mut().zip(&summary.found) {
                    *count += n;
                }
                changed += usize::from(summary.changed());
                if mode == Mode::Check && summary.changed() && !args.quiet {
                    // Through the same buffer: a failed write is reported at the end
                    // (a full stdout), never a panic as `println!` would.
                    let _ = input.write_list_line(&mut stdout, args.list_end());
                }
                None
            }
            Err(Stopped::BrokenPipe) => break,
            Err(Stopped::Stdout(message)) => {
                // Stdout is gone: said once, in its own name, and nothing more is cleaned.
                progress.suspend(|| message::print(format_args!("stdout: {message}")));
                failed = true;
                stdout_failed = true;
                Some(format!("stdout: {message}"))
            }
            Err(Stopped::Error(message)) => {
                progress.suspend(|| message::print(format_args!("{}: {message}", input.display())));
                failed = true;
                errors += 1;
                Some(message)
            }
        };
        if let (Some(mut held), None, None) = (explanation, &error, &explain_error) {
            held.close();
            explain_error = progress
                .suspend(|| held.copy_to(&mut io::stderr().lock()))
                .err();
        }
        if let Some(e) = explain_error {
            message::print(format_args!(
                "cannot write the explanation: {}",
                describe(&e)
            ));
            failed = true;
        }
        if let Some(r) = &mut reporter {
            if let Err(e) = report_error.map_or_else(|| r.end_file(&name, error.as_deref()), Err) {
                message::print(format_args!("cannot write the report: {}", describe(&e)));
                failed = true;
                reporter = None;
            }
        }
        if stdout_failed {
            break;
        }
    }
    progress.finish();
    if let Some(r) = reporter {
        if let Err(e) = r.finish() {
            message::print(format_args!("cannot write the report: {}", describe(&e)));
            failed = true;
        }
    }
    if let Err(e) = stdout.flush() {
        if e.kind() != io::ErrorKind::BrokenPipe && !stdout_failed {
            message::print(format_args!("stdout: {}", describe(&e)));
            failed = true;
        }
    }
    if !args.quiet {
        if bad > 0 {
            message::print(format_args!(
                "{bad} malformed lines passed through unchanged (--skip-bad)"
            ));
        }
        // A path that no record holds a string at is most likely misspelt: nothing was
        // cleaned there, which exit status 0 alone would not tell.
        if records > 0 {
            for (field, _) in fields.iter().zip(&found).filter(|(_, &n)| n == 0) {
                message::print(format_args!(
                    "--field {field}: no record holds a string there; nothing was cleaned \
                     at that path"
                ));
            }
        }
        if mode == Mode::InPlace {
            message::print(super::in_place_summary(changed, done, errors));
        }
    }
    Ok(ExitCode::from(if failed {
        super::EXIT_ERROR
    } else if mode == Mode::Check && changed > 0 {
        super::EXIT_CHANGES
    } else {
        0
    }))
}

/// Why an input stopped, as the run sees it.
enum Stopped {
    /// An error, worded without the file name.
    Error(String),
    /// Stdout went away (`laoclean --jsonl big.jsonl | head`): stop without a word.
    BrokenPipe,
    /// Writing to stdout failed otherwise (a full disk): an error of stdout, not of
    /// the file.
    Stdout(String),
}

impl From<JsonlFailure> for Stopped {
    fn from(e: JsonlFailure) -> Stopped {
        Stopped::Error(match e {
            JsonlFailure::Write(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                return Stopped::BrokenPipe
            }
            JsonlFailure::Malformed { line, message } => format!("line {line}: {message}"),
            JsonlFailure::Read(e) => format!("read error: {}", describe(&e)),
            JsonlFailure::Write(e) => format!("write error: {}", describe(&e)),
            // (Only a report or explanation held for -i fails the records.)
            JsonlFailure::Report(e) => super::report::spill_failure(&e),
        })
    }
}

fn open(input: &Input) -> Result<Box<dyn BufRead>, Stopped> {
    super::open(input).map_err(|f| match f {
        super::Failure::Error(message) => Stopped::Error(message),
        super::Failure::BrokenPipe => Stopped::BrokenPipe,
        super::Failure::Stdout(message) => Stopped::Stdout(message),
        super::Failure::Skip => Stopped::Error("skipped".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, skip_bad: bool) -> (String, Result<JsonlSummary, JsonlFailure>) {
        let fields = [FieldPath::parse("text").unwrap()];
        let cleaner = Cleaner::default();
        let job = JsonlJob {
            cleaner: &cleaner,
            fields: &fields,
            report: false,
            skip_bad,
            keep_bom: true,
        };
        let mut out = Vec::new();
        let result = clean_jsonl(&job, input.as_bytes(), &mut out, &mut |_| Ok(()));
        (String::from_utf8(out).unwrap(), result)
    }

    #[test]
    fn line_ends_and_blank_lines_are_kept() {
        let input = "{\"text\":\"໓\"}\r\n\n  \n{\"text\":\"ກ\"}\n{\"text\":\"໓\"}";
        let (out, s) = run(input, false);
        assert_eq!(
            out,
            "{\"text\":\"3\"}\r\n\n  \n{\"text\":\"ກ\"}\n{\"text\":\"3\"}"
        );
        let s = s.unwrap();
        assert_eq!((s.lines, s.changed_records, s.bad), (5, 2, 0));
    }

    #[test]
    fn a_bad_line_stops_after_the_lines_before_it() {
        let input = "{\"text\":\"໓\"}\n{oops\n{\"text\":\"໓\"}\n";
        let (out, s) = run(input, false);
        assert_eq!(out, "{\"text\":\"3\"}\n");
        assert!(matches!(s, Err(JsonlFailure::Malformed { line: 2, .. })));
        let (out, s) = run(input, true);
        assert_eq!(out, "{\"text\":\"3\"}\n{oops\n{\"text\":\"3\"}\n");
        assert_eq!(s.unwrap().bad, 1);
    }

    #[test]
    fn split_line_end_keeps_crlf_whole() {
        assert_eq!(split_line_end(b"ab\r\n"), (&b"ab"[..], &b"\r\n"[..]));
        assert_eq!(split_line_end(b"ab"), (&b"ab"[..], &b""[..]));
        assert_eq!(split_line_end(b"\n"), (&b""[..], &b"\n"[..]));
    }
}
