//! The `laoclean` command line: parses the arguments, finds the inputs, cleans them in
//! parallel with the [`laoclean::stream`] core and emits the results in input order.
//!
//! | module | does |
//! |---|---|
//! | [`args`] | the flags (clap derive), `--help`, mapping to [`laoclean::Config`] |
//! | [`files`] | stdin, named files, walking directories (`.gitignore`, `--glob`) |
//! | [`ordered`] | many inputs cleaned in parallel, emitted in input order |
//! | [`write`] | atomic in-place rewrites |
//! | [`diff`] | `--diff` |
//! | [`report`] | `--report json|jsonl` |
//! | [`jsonl`] | `--jsonl`: the string fields of JSON Lines records |
//! | [`progress`] | the progress bar on a terminal |
//! | [`explain`] | `--explain` |
//! | [`segment`] | `laoclean segment`: words for indexing |
//! | [`streams`] | where stdin, stdout and stderr go (closed, or one of the inputs) |
//! | [`dict`] | `laoclean dict build`: an archive's own words for `--dict` |

mod args;
mod dict;
mod diff;
mod explain;
mod files;
mod jsonl;
mod message;
mod ordered;
mod progress;
mod report;
mod segment;
mod streams;
mod write;

use args::{CleanArgs, Cli, ColorWhen};
use clap::Parser;
use files::Input;
use laoclean::stream::{
    clean_stream, clean_stream_reporting, StreamError, StreamOptions, StreamSummary,
};
use laoclean::{Cleaner, Config};
use message::describe;
use progress::Progress;
use report::{FileReport, Reporter, Wanted};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::ops::ControlFlow;
use std::process::ExitCode;
use tempfile::SpooledTempFile;
use write::RewriteError;

/// Exit status: an error happened (bad usage, unreadable file, invalid input, failed
/// write). Clap uses the same code for usage errors.
const EXIT_ERROR: u8 = 2;
/// Exit status: `--check` found files that would change.
const EXIT_CHANGES: u8 = 1;

/// Cleaned text of one file is kept in memory up to this size, then in a temporary file,
/// while it waits for the files before it to be printed.
const SPOOL_BYTES: usize = 4 << 20;

/// The last line of a `-i` run: how many of all the files changed, those with an error
/// counted among them ("0 of 0 files changed" for one named file with an error read as
/// if nothing had been asked).
fn in_place_summary(changed: usize, done: usize, errors: usize) -> String {
    let with_errors = match errors {
        0 => String::new(),
        1 => " (1 had an error and was left untouched)".to_string(),
        n => format!(" ({n} had errors and were left untouched)"),
    };
    format!("{changed} of {} files changed{with_errors}", done + errors)
}

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        let result = match command {
            args::Command::Segment(a) => {
                let named = a.files.iter().filter(|f| f.as_os_str() != "-");
                let reads_stdin =
                    a.files.is_empty() || a.files.iter().any(|f| f.as_os_str() == "-");
                let stdout = streams::Stream::of(1, true);
                if let Err(e) =
                    streams::check_stdout(stdout, named.map(|f| f.as_path()), reads_stdin)
                {
                    message::print(e);
                    return ExitCode::from(EXIT_ERROR);
                }
                segment::run(&a)
            }
            args::Command::Dict(a) => dict::run(&a),
        };
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            // `laoclean segment big.txt | head`: the reader went away; not an error.
            Err(e)
                if e.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
            {
                ExitCode::SUCCESS
            }
            Err(e) => {
                message::print(format_args!("{e:#}"));
                ExitCode::from(EXIT_ERROR)
            }
        };
    }
    match run(&cli.clean) {
        Ok(code) => code,
        Err(message) => {
            message::print(message);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// What happens to the cleaned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Printed to stdout.
    Print,
    /// Written back to the file.
    InPlace,
    /// Only compared: files that would change are listed.
    Check,
    /// Compared and shown as a diff.
    Diff,
}

/// A file cleaned: the summary and what is left to emit.
struct Done {
    summary: StreamSummary,
    body: Body,
    /// Its report and explanation, if wanted.
    report: FileReport,
}

enum Body {
    None,
    Text(SpooledTempFile),
    Diff(String),
    /// With -i: the new text, written, waiting to be put in place.
    Commit(write::Pending),
}

/// Why a file was not cleaned.
enum Failure {
    /// A binary file found by walking (not UTF-16 text): skipped without a word.
    Skip,
    /// An error, already worded (without the file name).
    Error(String),
    /// Writing to stdout failed because the reader went away (`laoclean f | head`).
    BrokenPipe,
    /// Writing to stdout failed otherwise (a full disk): an error of stdout, not of the
    /// file (already worded).
    Stdout(String),
}

impl Failure {
    fn from_stream(input: &Input, e: StreamError) -> Failure {
        // (UTF-16 text, which reads as binary or as invalid UTF-8, is refused before it is
        // read: `open`, and `write::prepare` for `-i`.)
        match e {
            StreamError::Binary { .. } if input.walked() => Failure::Skip,
            StreamError::Write(e) if e.kind() == io::ErrorKind::BrokenPipe => Failure::BrokenPipe,
            StreamError::Read { offset, source } => Failure::Error(format!(
                "read error at byte {offset}: {}",
                describe(&source)
            )),
            StreamError::Write(e) => Failure::Error(format!("write error: {}", describe(&e))),
            StreamError::Report(e) => Failure::Error(report::spill_failure(&e)),
            e => Failure::Error(e.to_string()),
        }
    }
}

fn run(args: &CleanArgs) -> Result<ExitCode, String> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| format!("cannot start {n} threads: {e}"))?;
    }
    let mode = if args.in_place {
        Mode::InPlace
    } else if args.diff {
        Mode::Diff
    } else if args.check {
        Mode::Check
    } else {
        Mode::Print
    };
    if args.backup.as_ref().is_some_and(|s| s.is_empty()) {
        return Err("--backup needs a non-empty suffix".to_string());
    }
    if let Some(clash) = args
        .backup
        .as_deref()
        .and_then(|suffix| files::document_backup_clash(&args.paths, suffix))
    {
        return Err(clash);
    }
    let cleaner = build_cleaner(args)?;
    let backup = args.backup.as_deref();
    // A walk takes text documents, or with --jsonl JSON Lines files, unless --glob says.
    // Globs that only exclude take away from that default.
    let globs = if args.jsonl && args.globs.iter().all(|g| g.starts_with('!')) {
        let jsonl = files::JSONL_GLOBS.iter().map(|g| g.to_string());
        jsonl.chain(args.globs.iter().cloned()).collect()
    } else {
        args.globs.clone()
    };
    let (mut inputs, path_errors, notes) = files::collect(&args.paths, &globs, backup)?;
    if !args.quiet {
        for note in &notes {
            message::print(note);
        }
    }
    // Stdout carries the text, the diff, the --check list, or with -i the report.
    let prints = mode != Mode::InPlace || (args.report.is_some() && args.report_file.is_none());
    let stdout = streams::Stream::of(1, true);
    if prints {
        // A file the walk found that is stdout is the output, created by the shell
        // before the run (`laoclean --check docs > docs/changed.txt`): left out.
        inputs.retain(|input| match input {
            Input::File { path, walked: true } if stdout.is(path) => {
                if !args.quiet {
                    message::print(format_args!(
                        "{}: left out, as it is where stdout goes",
                        path.display()
                    ));
                }
                false
            }
            _ => true,
        });
        let files = inputs.iter().filter_map(|input| match input {
            Input::File { path, .. } => Some(path.as_path()),
            Input::Stdin => None,
        });
        streams::check_stdout(stdout, files, inputs.contains(&Input::Stdin))?;
    }
    if mode == Mode::InPlace {
        if inputs.contains(&Input::Stdin) {
            return Err("-i rewrites files in place; it cannot take stdin (name the files)".into());
        }
        if let Some(path) = inputs.iter().find_map(|input| match input {
            Input::File { path, .. } if streams::names_a_descriptor(path) => Some(path),
            _ => None,
        }) {
            return Err(format!(
                "-i cannot rewrite {}: it names a descriptor, not a file (name the file)",
                path.display()
            ));
        }
        inputs = files::dedup_files(inputs);
        if let Some(clash) = backup.and_then(|suffix| files::backup_clash(&inputs, suffix)) {
            return Err(clash);
        }
    }
    let report_to: Option<(args::ReportFormat, Box<dyn Write>)> =
        match (args.report, &args.report_file) {
            (None, _) => None,
            (Some(format), Some(path)) => {
                if let Some(input) = files::input_at(&inputs, path) {
                    return Err(format!(
                        "--report-file {} is the input {}; write the report elsewhere",
                        path.display(),
                        input.display()
                    ));
                }
                if let Some(what) = files::report_clash(path, args, &inputs) {
                    return Err(format!(
                        "--report-file {} is {what}; write the report elsewhere",
                        path.display()
                    ));
                }
                if prints && stdout.carries(path) {
                    return Err(format!(
                        "--report-file {} is stdout, which carries the output; write the \
                         report elsewhere",
                        path.display()
                    ));
                }
                let file = File::create(path)
                    .map_err(|e| format!("{}: cannot create: {}", path.display(), describe(&e)))?;
                Some((format, Box::new(BufWriter::new(file))))
            }
            (Some(format), None) if mode == Mode::InPlace => Some((format, Box::new(io::stdout()))),
            (Some(_), None) => {
                return Err(
                    "--report needs --report-file PATH here, as stdout carries the \
                        cleaned text, the diff or the --check list (or use -i)"
                        .into(),
                )
            }
        };
    if mode == Mode::InPlace || (!args.jsonl && (report_to.is_some() || args.explain)) {
        // Ctrl-C leaves no temporary file behind (rewrites, reports waiting their turn).
        write::clean_up_on_interrupt()
            .map_err(|e| format!("cannot watch for interrupts: {}", describe(&e)))?;
    }
    if args.jsonl {
        return jsonl::run_files(args, mode, &cleaner, &inputs, &path_errors, report_to);
    }
    let reporter = report_to.map(|(format, out)| Reporter::new(format, out));

    let mut run = Run {
        mode,
        args,
        failed: false,
        changed: 0,
        done: 0,
        errors: 0,
        reporter,
        stop: false,
    };
    for error in &path_errors {
        message::print(error);
        run.failed = true;
        run.errors += 1;
        if let Some(reporter) = &mut run.reporter {
            if let Err(e) = reporter.file(&error.file, Err(error.error.as_str())) {
                message::print(format_args!("cannot write the report: {}", describe(&e)));
                run.reporter = None;
            }
        }
    }
    let wanted = Wanted {
        format: run.reporter.as_ref().map(Reporter::format),
        explain: args.explain,
        memory: args.report_memory.unwrap_or(report::MEMORY_BYTES),
    };
    let mut options = StreamOptions::default();
    if let Some(bytes) = args.block_size {
        options = options.block_bytes(bytes);
    }
    let progress = Progress::for_inputs(args.quiet, &inputs);
    if mode == Mode::Print && inputs.len() == 1 {
        // One input: stream it straight to stdout, in bounded memory whatever its size.
        let input = &inputs[0];
        let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
        let mut report = FileReport::new(wanted, input.report_name(), input.display());
        let result = open(input)
            .and_then(|reader| {
                let reader = progress.wrap(reader);
                clean_reporting(&cleaner, reader, &mut out, &options, &mut report).map_err(|e| {
                    match e {
                        StreamError::Write(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                            Failure::Stdout(describe(&e))
                        }
                        e => Failure::from_stream(input, e),
                    }
                })
            })
            .map(|summary| Done {
                summary,
                body: Body::None,
                report,
            });
        run.emit(input, result);
    } else if mode == Mode::InPlace {
        run_in_place(&inputs, &mut run, &progress, |input| {
            process(input, mode, &cleaner, &options, wanted, args, &progress)
        });
    } else {
        ordered::for_each_ordered(
            &inputs,
            window(),
            |input| process(input, mode, &cleaner, &options, wanted, args, &progress),
            |index, result| {
                emit(&mut run, &progress, &inputs[index], result);
                run.flow()
            },
        );
    }
    progress.finish();
    run.finish()
}

/// Inputs cleaned at once or waiting to be emitted, when there are many
/// ([`ordered::for_each_ordered`]): enough to keep every thread busy past a slow file,
/// few enough to bound memory (each holds at most [`SPOOL_BYTES`] of text in memory when
/// printed, 1 MiB when rewritten in place).
fn window() -> usize {
    rayon::current_num_threads() * 4
}

/// Emits the result of one input (the inputs are emitted in order).
fn emit(run: &mut Run<'_>, progress: &Progress, input: &Input, result: Result<Done, Failure>) {
    progress.suspend(|| run.emit(input, result));
    progress.file_done();
}

/// Files in a group of `-i` rewrites: a group's new texts are made durable together
/// ([`write::commit_group`]), so larger groups mean fewer waits on the disk.
const GROUP_LEN: usize = 256;

/// Groups sent to the committer and not yet emitted, past which the cleaning waits for
/// the oldest commit.
const GROUPS_COMMITTING: usize = 2;

/// Consecutive `-i` inputs whose rewrites are committed together.
#[derive(Default)]
struct Group {
    /// Index of its first input.
    start: usize,
    results: Vec<Result<Done, Failure>>,
    /// The rewrites, and the index in `results` of each.
    rewrites: Vec<write::Pending>,
    rewritten: Vec<usize>,
}

impl Group {
    /// Emits the results, each rewrite's with the outcome of its commit.
    fn settle(
        mut self,
        commits: Vec<Result<(), String>>,
        inputs: &[Input],
        run: &mut Run<'_>,
        progress: &Progress,
    ) {
        for (index, commit) in self.rewritten.into_iter().zip(commits) {
            if let Err(message) = commit {
                self.results[index] = Err(Failure::Error(message));
            }
        }
        let inputs = &inputs[self.start..self.start + self.results.len()];
        for (input, result) in inputs.iter().zip(self.results) {
            emit(run, progress, input, result);
        }
    }
}

/// `-i` over many files. Files are cleaned on the rayon pool into temporary files
/// ([`ordered::for_each_ordered`]); every [`GROUP_LEN`] of them, a committer thread
/// puts the group in place ([`write::commit_group`]: one file-system sync for the
/// group's new texts, the backups and renames, one more sync) while the cleaning goes
/// on. A group is emitted once its commit is done, so results stay in input order.
fn run_in_place(
    inputs: &[Input],
    run: &mut Run<'_>,
    progress: &Progress,
    clean: impl Fn(&Input) -> Result<Done, Failure> + Sync,
) {
    use std::sync::mpsc;
    let (jobs, job_rx) = mpsc::channel::<Vec<write::Pending>>();
    let (done_tx, commits) = mpsc::channel::<Vec<Result<(), String>>>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for group in job_rx {
                if done_tx.send(write::commit_group(group)).is_err() {
                    return;
                }
            }
        });
        let mut committing = std::collections::VecDeque::new();
        let mut group = Group::default();
        // Sends the group to the committer; emits the groups committed so far, waiting
        // for the oldest while too many are in the committer's hands.
        let mut send = |mut group: Group, run: &mut Run<'_>, last: bool| {
            jobs.send(std::mem::take(&mut group.rewrites))
                .expect("the committer waits for jobs");
            committing.push_back(group);
            while !committing.is_empty() {
                let done = if last || committing.len() > GROUPS_COMMITTING {
                    commits.recv().ok()
                } else {
                    commits.try_recv().ok()
                };
                let Some(done) = done else { break };
                let oldest: Group = committing.pop_front().expect("not empty");
                oldest.settle(done, inputs, run, progress);
            }
        };
        ordered::for_each_ordered(inputs, window(), &clean, |index, mut result| {
            if let Ok(done) = &mut result {
                if let Body::Commit(pending) = std::mem::replace(&mut done.body, Body::None) {
                    group.rewritten.push(group.results.len());
                    group.rewrites.push(pending);
                }
            }
            group.results.push(result);
            if group.results.len() == GROUP_LEN {
                let next = Group {
                    start: index + 1,
                    ..Group::default()
                };
                send(std::mem::replace(&mut group, next), run, false);
            }
            run.flow()
        });
        send(group, run, true);
        drop(jobs);
    });
}

/// The cleaner of the settings, with the `--dict` words added to the lexicon.
fn build_cleaner(args: &CleanArgs) -> Result<Cleaner, String> {
    let config = args.apply_to(load_config(args)?);
    if args.dicts.is_empty() {
        return Ok(Cleaner::new(config));
    }
    let lexicon = segment::load_lexicon(&args.dicts, !args.quiet)?;
    Ok(Cleaner::with_lexicon(config, lexicon))
}

fn load_config(args: &CleanArgs) -> Result<Config, String> {
    let Some(path) = &args.config else {
        return Ok(Config::default());
    };
    let text = fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: cannot read the config: {}",
            path.display(),
            describe(&e)
        )
    })?;
    serde_json::from_str(&text).map_err(|e| format!("{}: bad config: {e}", path.display()))
}

/// Opens an input to read; UTF-16 text (Windows' "Unicode") is an error that says so
/// before anything is read as UTF-8, on stdin too.
fn open(input: &Input) -> Result<Box<dyn BufRead>, Failure> {
    let mut reader = match input {
        Input::Stdin => {
            Box::new(BufReader::with_capacity(1 << 16, io::stdin())) as Box<dyn BufRead>
        }
        Input::File { path, .. } => File::open(path)
            .map(|f| Box::new(BufReader::with_capacity(1 << 16, f)) as Box<dyn BufRead>)
            .map_err(|e| Failure::Error(format!("cannot open: {}", describe(&e))))?,
    };
    // (A read error here is met again, and said, when the text is read.)
    let first = match reader.fill_buf() {
        Ok(&[b @ (0xFF | 0xFE)]) => Some(b),
        _ => None,
    };
    if let Some(first) = first {
        // A pipe may hand over the first byte of a byte order mark alone: read the
        // second, and give both back in front of the rest.
        reader.consume(1);
        let mut head = vec![first];
        let mut next = [0u8; 1];
        loop {
            match reader.read(&mut next) {
                Ok(n) => break head.extend_from_slice(&next[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        reader = Box::new(io::Cursor::new(head).chain(reader));
    }
    if let Some(mark) = reader.fill_buf().ok().and_then(message::utf16_bom) {
        return Err(Failure::Error(message::utf16_message(mark)));
    }
    Ok(reader)
}

/// Cleans one input for `mode` (on a rayon worker).
fn process(
    input: &Input,
    mode: Mode,
    cleaner: &Cleaner,
    options: &StreamOptions,
    wanted: Wanted,
    args: &CleanArgs,
    progress: &Progress,
) -> Result<Done, Failure> {
    let stream_err = |e| Failure::from_stream(input, e);
    let open = |input| open(input).map(|r| progress.wrap(r));
    let mut report = FileReport::new(wanted, input.report_name(), input.display());
    match mode {
        Mode::Print => {
            // Several inputs are printed in order: each one's text waits in memory, or past
            // SPOOL_BYTES in a file of the temporary directory, whose failure (a full
            // TMPDIR) is said as such, not as the input's.
            let spool_err = |e: io::Error| {
                Failure::Error(format!(
                    "cannot keep the cleaned text in the temporary directory {} until it \
                     is printed: {} (set TMPDIR to another directory)",
                    std::env::temp_dir().display(),
                    describe(&e)
                ))
            };
            let mut spool = SpooledTempFile::new(SPOOL_BYTES);
            let out = BufWriter::new(&mut spool);
            let summary = clean_reporting(cleaner, open(input)?, out, options, &mut report)
                .map_err(|e| match e {
                    StreamError::Write(e) => spool_err(e),
                    e => stream_err(e),
                })?;
            spool.rewind().map_err(spool_err)?;
            Ok(Done {
                summary,
                body: Body::Text(spool),
                report,
            })
        }
        Mode::Check => {
            let summary = clean_reporting(cleaner, open(input)?, io::sink(), options, &mut report)
                .map_err(stream_err)?;
            Ok(Done {
                summary,
                body: Body::None,
                report,
            })
        }
        Mode::Diff => {
            // The original is copied as the cleaning reads it, which refuses a binary
            // file or invalid UTF-8 before reading on (not after reading it all).
            let mut old = Vec::new();
            let reader = BufReader::new(diff::Recorder::new(open(input)?, &mut old));
            let mut new = Vec::new();
            let summary = clean_reporting(cleaner, reader, &mut new, options, &mut report)
                .map_err(stream_err)?;
            let diff = if summary.changed {
                // Both are valid UTF-8: the stream checked the input and wrote `str`s.
                let old = String::from_utf8_lossy(&old);
                let new = String::from_utf8_lossy(&new);
                diff::unified(&input.display(), &old, &new)
            } else {
                String::new()
            };
            Ok(Done {
                summary,
                body: Body::Diff(diff),
                report,
            })
        }
        Mode::InPlace => {
            let Input::File { path, .. } = input else {
                unreachable!("stdin is refused with -i")
            };
            let (summary, pending) = write::prepare(path, args.backup.as_deref(), |r, w| {
                clean_reporting(cleaner, progress.wrap(r), w, options, &mut report)
            })
            .map_err(|e| match e {
                RewriteError::Stream(e) => stream_err(e),
                RewriteError::Other(message) => Failure::Error(message),
            })?;
            Ok(Done {
                summary,
                body: pending.map_or(Body::None, Body::Commit),
                report,
            })
        }
    }
}

/// Cleans `input` into `output`, handing the edits to `report` as the stream goes when
/// a report or an explanation is wanted.
fn clean_reporting<R: BufRead, W: Write>(
    cleaner: &Cleaner,
    input: R,
    output: W,
    options: &StreamOptions,
    report: &mut FileReport,
) -> Result<StreamSummary, StreamError> {
    if report.wanted() {
        let summary =
            clean_stream_reporting(cleaner, input, output, options, |chunk| report.add(chunk));
        report.close();
        summary
    } else {
        clean_stream(cleaner, input, output, options)
    }
}

/// The state of a run: what has been emitted so far.
struct Run<'a> {
    mode: Mode,
    args: &'a CleanArgs,
    failed: bool,
    changed: usize,
    done: usize,
    /// Inputs that failed.
    errors: usize,
    reporter: Option<Reporter>,
    /// Stdout is gone: stop quietly.
    stop: bool,
}

impl Run<'_> {
    /// Go on with the next input, or stop: stdout is gone.
    fn flow(&self) -> ControlFlow<()> {
        if self.stop {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    /// Emits the result of one input, in input order (on the main thread).
    fn emit(&mut self, input: &Input, result: Result<Done, Failure>) {
        if self.stop {
            return;
        }
        let mut done = match result {
            Ok(done) => done,
            Err(Failure::Skip) => return,
            Err(Failure::BrokenPipe) => {
                self.stop = true;
                return;
            }
            Err(Failure::Stdout(message)) => {
                message::print(format_args!("stdout: {message}"));
                self.failed = true;
                self.stop = true;
                self.report(input, Err(&format!("stdout: {message}")));
                return;
            }
            Err(Failure::Error(message)) => {
                message::print(format_args!("{}: {message}", input.display()));
                self.failed = true;
                self.errors += 1;
                self.report(input, Err(&message));
                return;
            }
        };
        self.done += 1;
        self.changed += usize::from(done.summary.changed);
        self.report(input, Ok((done.summary.changed, &mut done.report)));
        if self.args.explain {
            // Asked for, so an explanation lost to a closed or full stderr fails the
            // run (exit 2); the cleaning goes on.
            let explained = done.report.explain_to(&mut io::stderr().lock());
            if let Err(e) = explained {
                message::print(format_args!(
                    "cannot write the explanation: {}",
                    describe(&e)
                ));
                self.failed = true;
            }
        }
        let written = match done.body {
            Body::None if self.mode == Mode::Check && done.summary.changed && !self.args.quiet => {
                input.write_list_line(&mut io::stdout().lock(), self.args.list_end())
            }
            Body::None => Ok(()),
            Body::Commit(_) => unreachable!("rewrites are committed before they are emitted"),
            Body::Text(mut spool) => io::copy(&mut spool, &mut io::stdout().lock()).map(drop),
            Body::Diff(diff) if diff.is_empty() => Ok(()),
            Body::Diff(diff) => {
                let choice = match self.args.color {
                    ColorWhen::Auto => anstream::ColorChoice::Auto,
                    ColorWhen::Always => anstream::ColorChoice::Always,
                    ColorWhen::Never => anstream::ColorChoice::Never,
                };
                let mut out = anstream::AutoStream::new(io::stdout().lock(), choice);
                diff::write_coloured(&mut out, &diff).and_then(|()| out.flush())
            }
        };
        if let Err(e) = written {
            if e.kind() != io::ErrorKind::BrokenPipe {
                message::print(format_args!("stdout: {}", describe(&e)));
                self.failed = true;
            }
            self.stop = true;
        }
    }

    fn report(&mut self, input: &Input, result: Result<(bool, &mut FileReport), &str>) {
        let Some(reporter) = &mut self.reporter else {
            return;
        };
        if let Err(e) = reporter.file(&input.report_name(), result) {
            message::print(format_args!("cannot write the report: {}", describe(&e)));
            self.failed = true;
            self.reporter = None;
        }
    }

    fn finish(mut self) -> Result<ExitCode, String> {
        if let Some(reporter) = self.reporter.take() {
            if let Err(e) = reporter.finish() {
                message::print(format_args!("cannot write the report: {}", describe(&e)));
                self.failed = true;
            }
        }
        if let Err(e) = io::stdout().flush() {
            // (A write to stdout that failed before has stopped the run and said so.)
            if e.kind() != io::ErrorKind::BrokenPipe && !self.stop {
                message::print(format_args!("stdout: {}", describe(&e)));
                self.failed = true;
            }
        }
        if self.mode == Mode::InPlace && !self.args.quiet {
            message::print(in_place_summary(self.changed, self.done, self.errors));
        }
        Ok(ExitCode::from(if self.failed {
            EXIT_ERROR
        } else if self.args.check && self.changed > 0 {
            EXIT_CHANGES
        } else {
            0
        }))
    }
}
