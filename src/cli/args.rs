//! The command line, declared with clap's derive API.

use clap::{Args, Parser, Subcommand, ValueEnum};
use laoclean::{Config, Digits, JoinLines, Level, NoiseLines};
use std::ffi::OsString;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  laoclean notes.txt > clean.txt        clean a file to stdout
  cat notes.txt | laoclean              clean stdin to stdout
  laoclean -i docs/                     clean the text documents under docs/ in place
  laoclean -i --backup .orig *.txt      the same, keeping each original as FILE.orig
  laoclean --check docs/                list the files that would change (exit 1 if any)
  laoclean --check -0 docs/ | xargs -0 -r laoclean -i    clean only those (any file name)
  laoclean --diff notes.txt             show the changes as a unified diff
  laoclean -i --report jsonl docs/ > edits.jsonl
  laoclean --digits keep --keep-ho-clusters notes.txt
  laoclean --jsonl --field text --field meta.title < in.jsonl > out.jsonl
  laoclean --explain --dict names.txt notes.txt > clean.txt
  laoclean --level aggressive scan.txt  OCR output: lower margins, lines of specks removed

Input:
  No path, or `-`, reads stdin. Directories are walked recursively, honouring
  .gitignore and .ignore files and skipping hidden files, symbolic links and backups
  (--backup); a walk takes text documents (.txt .text .md .markdown .rst .org and
  files without an extension; with --jsonl, *.jsonl and *.ndjson) unless --glob
  chooses other files; globs that only exclude (`!*.md`) take away from those. Files that look
  binary (a NUL byte in the first 8 KiB) are skipped silently when found by walking
  and are an error when named.
  Text must be UTF-8; a leading byte order mark and CRLF line ends are kept. UTF-16
  text (Windows' 'Unicode', a byte order mark FF FE or FE FF) is an error that says so,
  found by walking too.

Output:
  Without -i, --check or --diff the cleaned text goes to stdout, files in the order
  given. With -i each changed file is replaced atomically (temporary file in the same
  directory, fsync, rename), keeping its permissions; a named symbolic link keeps
  pointing at its target, which is rewritten; files that do not change are not written;
  a file that changes while it is cleaned is left as it is now (an error).
  Several inputs are cleaned in parallel and printed whole, in order; a file with an
  error prints nothing. A single input is streamed, so an error midway (invalid UTF-8)
  leaves what was cleaned before it on stdout. On a terminal, a progress bar shows on
  stderr for an input over 64 MiB or a directory (never with -q or off a terminal).
  With --jsonl each line is one JSON object; only the string values at the --field
  paths change, every other byte of the line is written back as it came, in order.
  A malformed line is an error naming its line number (the lines before it are
  written; with -i the file is left untouched); --skip-bad writes it back unchanged
  and counts it. A --field at which no record holds a string is named on stderr.
  Records are cleaned in parallel batches of lines, in bounded memory.
  The --report goes to --report-file, or to stdout with -i; when stdout carries text, a
  diff or the --check list, --report-file is required. --diff holds each file in memory.
  Nothing is read when what is written would destroy an input or itself: a stdout
  open only for reading or that is a named input (`laoclean f >> f`; a file found by
  walking that is stdout is left out), a --report-file that is an input, stdout, the
  --config or a --dict file or a backup to be made, -i on a path that names a
  descriptor (/dev/stdin, /dev/fd/N), or a --backup suffix that makes a document's
  name (.txt) where a file of that name stands or a directory is walked.
  With -i a file is replaced by a new one: its other hard links keep the old text.

Exit status:
  0  success (with --check: no file would change; --diff alone exits 0)
  1  --check: some file would change
  2  error: bad usage, unreadable or missing path, invalid UTF-8, binary file, failed
     write. The other files are still processed; a file with an error is left untouched.";

/// laoclean: clean damaged Lao text (OCR and typing errors) into canonical Lao.
#[derive(Debug, Parser)]
#[command(
    name = "laoclean",
    version,
    about,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A subcommand; without one, laoclean cleans the given paths.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Arguments of the default action, cleaning.
    #[command(flatten)]
    pub clean: CleanArgs,
}

/// Subcommands. Plain `laoclean FILE` keeps working next to them
/// (`args_conflicts_with_subcommands`).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split text into words (separated by U+200B, or --sep), for indexing.
    Segment(super::segment::SegmentArgs),
    /// Build a dictionary of an archive's own words, for --dict.
    Dict(super::dict::DictArgs),
}

/// Arguments of the default action: clean files, directories or stdin.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Files or directories to clean; `-` or no path reads stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Rewrite the files in place instead of printing them.
    #[arg(short = 'i', long, conflicts_with_all = ["check", "diff"])]
    pub in_place: bool,

    /// With -i, keep each original file as FILE followed by SUFFIX.
    #[arg(long, value_name = "SUFFIX", requires = "in_place")]
    pub backup: Option<OsString>,

    /// In directories, clean the files matching GLOB instead of the text documents
    /// (repeatable; `!GLOB` excludes; only `!GLOB`s: the documents but those).
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,

    /// Write nothing; list the files that would change and exit with 1 if any.
    #[arg(long)]
    pub check: bool,

    /// With --check, end each file name with a NUL byte instead of a line break (for
    /// `xargs -0`: names may hold line breaks).
    #[arg(short = '0', long, requires = "check")]
    pub null: bool,

    /// Print a unified diff of the changes instead of the text.
    #[arg(long)]
    pub diff: bool,

    /// Colour the diff: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Report every edit and suggestion: json (one document) or jsonl (one edit a line).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub report: Option<ReportFormat>,

    /// Where the --report goes (default: stdout, if stdout carries nothing else).
    #[arg(long, value_name = "PATH", requires = "report")]
    pub report_file: Option<PathBuf>,

    /// Worker threads, 1 to 1024 (default: one per core).
    #[arg(
        short = 'j',
        long,
        value_name = "N",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1024)
    )]
    pub threads: Option<usize>,

    /// Print only errors (and the text or diff asked for; with --check, no list: the exit
    /// status says whether any file would change).
    #[arg(short, long)]
    pub quiet: bool,

    /// Digits: keep as they are, make Lao digits ascii (default), or make digits lao.
    #[arg(long, value_enum, value_name = "MODE", help_heading = "Cleaning")]
    pub digits: Option<DigitsArg>,

    /// Keep ຫນ ຫມ ຫລ instead of folding them to ໜ ໝ ຫຼ.
    #[arg(long, help_heading = "Cleaning")]
    pub keep_ho_clusters: bool,

    /// Keep U+200B ZERO WIDTH SPACE between Lao words (line-break hints, `segment`'s
    /// output) instead of removing it with the other invisible characters.
    #[arg(long, help_heading = "Cleaning")]
    pub keep_zwsp: bool,

    /// Do not run the spacing rules.
    #[arg(long, help_heading = "Cleaning")]
    pub no_spacing: bool,

    /// How far word corrections go: safe (none), standard (default), aggressive.
    #[arg(long, value_enum, value_name = "LEVEL", help_heading = "Cleaning")]
    pub level: Option<LevelArg>,

    /// Rejoin hard-wrapped lines of a paragraph: auto (default), always, never (the word
    /// stage: not at --level safe).
    #[arg(long, value_enum, value_name = "WHEN", help_heading = "Cleaning")]
    pub join_lines: Option<JoinLinesArg>,

    /// Lines of OCR specks (stray letters among punctuation, no word): auto (removed at
    /// --level aggressive, suggested below), drop, keep.
    #[arg(long, value_enum, value_name = "WHAT", help_heading = "Cleaning")]
    pub noise_lines: Option<NoiseLinesArg>,

    /// Read the settings from a JSON file (a laoclean Config); flags override it.
    #[arg(long, value_name = "FILE", help_heading = "Cleaning")]
    pub config: Option<PathBuf>,

    /// Read and write JSON Lines: clean the string fields named by --field in each record.
    #[arg(long, conflicts_with = "diff", help_heading = "JSON Lines")]
    pub jsonl: bool,

    /// With --jsonl, a field to clean: a dotted path such as `text` or `meta.title`
    /// (repeatable; default `text`).
    #[arg(
        long = "field",
        value_name = "PATH",
        requires = "jsonl",
        help_heading = "JSON Lines"
    )]
    pub fields: Vec<String>,

    /// With --jsonl, pass a malformed line through unchanged (and count it) instead of
    /// stopping with an error.
    #[arg(long, requires = "jsonl", help_heading = "JSON Lines")]
    pub skip_bad: bool,

    /// Byte budget of a block of text cleaned at once (for tests and measurements).
    #[arg(long, value_name = "BYTES", hide = true)]
    pub block_size: Option<usize>,

    /// Bytes of report held in memory before it waits in the temporary directory (for
    /// tests and measurements).
    #[arg(long, value_name = "BYTES", hide = true)]
    pub report_memory: Option<usize>,

    /// Add the words of FILE (one a line, optional TAB count) to the dictionary of the
    /// word stage, so they are read as words; those it lacks are never corrected, those
    /// it holds get the count (repeatable).
    #[arg(long = "dict", value_name = "FILE", help_heading = "Cleaning")]
    pub dicts: Vec<PathBuf>,

    /// Print every edit and suggestion to stderr: file:line:col, original → replacement,
    /// rule id, confidence and the alternatives weighed (with --jsonl: file:line: field:).
    #[arg(long)]
    pub explain: bool,
}

impl CleanArgs {
    /// What ends a name in the `--check` list: NUL with `--null`, else a line break.
    pub fn list_end(&self) -> u8 {
        if self.null {
            0
        } else {
            b'\n'
        }
    }

    /// The settings: `base` (the --config file or the defaults) with the flags applied.
    pub fn apply_to(&self, mut base: Config) -> Config {
        if let Some(d) = self.digits {
            base.digits = d.into();
        }
        if self.keep_ho_clusters {
            base.fold_ho_clusters = false;
        }
        if self.keep_zwsp {
            base.keep_zwsp = true;
        }
        if self.no_spacing {
            base.spacing = false;
        }
        if let Some(l) = self.level {
            base.level = l.into();
        }
        if let Some(j) = self.join_lines {
            base.join_lines = j.into();
        }
        if let Some(n) = self.noise_lines {
            base.noise_lines = n.into();
        }
        base
    }
}

/// When to colour the diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The format of `--report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One JSON document with an entry per file.
    Json,
    /// One JSON object per line, one line per edit or suggestion.
    Jsonl,
}

/// `--digits`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DigitsArg {
    /// Leave digits as they are.
    Keep,
    /// Lao digits become ASCII.
    Ascii,
    /// ASCII digits in Lao text become Lao.
    Lao,
}

impl From<DigitsArg> for Digits {
    fn from(d: DigitsArg) -> Digits {
        match d {
            DigitsArg::Keep => Digits::Keep,
            DigitsArg::Ascii => Digits::Ascii,
            DigitsArg::Lao => Digits::Lao,
        }
    }
}

/// `--level`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Character and spacing rules only.
    Safe,
    /// Dictionary corrections with a clear margin.
    Standard,
    /// A lower margin, for heavy OCR noise (lines of OCR specks removed too).
    Aggressive,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Safe => Level::Safe,
            LevelArg::Standard => Level::Standard,
            LevelArg::Aggressive => Level::Aggressive,
        }
    }
}

/// `--join-lines`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum JoinLinesArg {
    /// When the paragraph looks hard-wrapped.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl From<JoinLinesArg> for JoinLines {
    fn from(j: JoinLinesArg) -> JoinLines {
        match j {
            JoinLinesArg::Auto => JoinLines::Auto,
            JoinLinesArg::Always => JoinLines::Always,
            JoinLinesArg::Never => JoinLines::Never,
        }
    }
}

/// `--noise-lines`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NoiseLinesArg {
    /// Removed at --level aggressive, suggested below.
    Auto,
    /// Removed.
    Drop,
    /// Left, and not suggested.
    Keep,
}

impl From<NoiseLinesArg> for NoiseLines {
    fn from(n: NoiseLinesArg) -> NoiseLines {
        match n {
            NoiseLinesArg::Auto => NoiseLines::Auto,
            NoiseLinesArg::Drop => NoiseLines::Drop,
            NoiseLinesArg::Keep => NoiseLines::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_override_the_config_file() {
        let cli = Cli::parse_from(["laoclean", "--digits", "keep", "--no-spacing", "f"]);
        let base = Config::default()
            .fold_ho_clusters(false)
            .keep_zwsp(true)
            .digits(Digits::Lao);
        let config = cli.clean.apply_to(base);
        assert_eq!(config.digits, Digits::Keep);
        assert!(!config.spacing && !config.fold_ho_clusters && config.keep_zwsp);
        assert_eq!(config.level, Level::Standard);
        let cli = Cli::parse_from(["laoclean", "--keep-zwsp", "f"]);
        assert!(cli.clean.apply_to(Config::default()).keep_zwsp);
    }
}
