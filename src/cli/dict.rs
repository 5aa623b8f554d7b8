//! `laoclean dict build --corpus DIR -o FILE`: a dictionary of an archive's own words.
//!
//! Every file under DIR is cleaned, segmented with the current dictionary (plus any
//! `--dict`), and counted; the known words with their counts and the new words that pass
//! the thresholds of `laoclean::words::corpus` are written to FILE, which `--dict FILE`
//! then loads. Refused candidates are listed in FILE as comments, with the reason.

use super::message::describe;
use laoclean::words::corpus::{write_dictionary, Vocabulary, VocabularyOptions};
use laoclean::words::Segmenter;
use laoclean::Cleaner;
use rayon::prelude::*;
use std::path::PathBuf;

/// Arguments of `laoclean dict`.
#[derive(clap::Args, Debug, Clone)]
pub struct DictArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: DictCommand,
}

/// Subcommands of `laoclean dict`.
#[derive(clap::Subcommand, Debug, Clone)]
pub enum DictCommand {
    /// Count the words of an archive and write a dictionary that `--dict` loads.
    Build(DictBuildArgs),
}

/// Arguments of `laoclean dict build`.
#[derive(clap::Args, Debug, Clone)]
pub struct DictBuildArgs {
    /// Folder of UTF-8 text documents, walked as a cleaning run walks one (.txt .md …
    /// and files without an extension; .gitignore honoured, hidden and binary files
    /// skipped).
    #[arg(long, value_name = "DIR")]
    pub corpus: PathBuf,
    /// The dictionary file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// A new word must occur at least this often.
    #[arg(long, default_value_t = 5)]
    pub min_count: u64,
    /// Refuse a new word when a known word one edit away is this many times more frequent.
    #[arg(long, default_value_t = 10.0)]
    pub ratio: f64,
    /// Words to treat as known while counting (one a line, optional TAB count); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
}

/// Runs `laoclean dict`.
pub fn run(args: &DictArgs) -> anyhow::Result<()> {
    match &args.command {
        DictCommand::Build(b) => build(b),
    }
}

fn build(args: &DictBuildArgs) -> anyhow::Result<()> {
    let seg = Segmenter::new(
        super::segment::load_lexicon(&args.dicts, true).map_err(anyhow::Error::msg)?,
    );
    anyhow::ensure!(
        args.ratio.is_finite() && args.ratio > 0.0,
        "--ratio {}: give a number above 0",
        args.ratio
    );
    anyhow::ensure!(
        args.corpus.is_dir(),
        "--corpus {}: no such directory",
        args.corpus.display()
    );
    // Said before the corpus is read, not after.
    anyhow::ensure!(
        !args.output.is_dir(),
        "-o {}: a directory; give the dictionary's file name (-o {})",
        args.output.display(),
        args.output.join("words.tsv").display()
    );
    let cleaner = Cleaner::default();
    // The documents a cleaning walk takes, but not the dictionary being written (an
    // earlier one would be counted as text: its refused words would pass next time).
    let (inputs, _, _) = super::files::collect(std::slice::from_ref(&args.corpus), &[], None)
        .map_err(anyhow::Error::msg)?;
    let output = std::fs::canonicalize(&args.output).ok();
    // An earlier dictionary in the corpus is left out and replaced; a document of the
    // corpus is never overwritten (`-o corpus/notes.txt` would lose the notes).
    if let Some(out) = &output {
        let is_input = inputs.iter().any(|input| match input {
            super::files::Input::File { path, .. } => {
                std::fs::canonicalize(path).ok().as_ref() == Some(out)
            }
            super::files::Input::Stdin => false,
        });
        anyhow::ensure!(
            !is_input || made_by_dict_build(out),
            "-o {}: a document of the corpus, not a dictionary of `laoclean dict build`; \
             write the dictionary elsewhere",
            args.output.display()
        );
    }
    let files: Vec<PathBuf> = inputs
        .into_iter()
        .filter_map(|input| match input {
            super::files::Input::File { path, .. } => Some(path),
            super::files::Input::Stdin => None,
        })
        .filter(|path| output.is_none() || std::fs::canonicalize(path).ok() != output)
        .collect();
    anyhow::ensure!(
        !files.is_empty(),
        "no text documents under {}",
        args.corpus.display()
    );
    let results: Vec<(Vocabulary, bool)> = files
        .par_iter()
        .map(|f| {
            let mut v = Vocabulary::default();
            // Binary files (a NUL byte in the first 8 KiB) and other encodings: skipped.
            let text = std::fs::read(f)
                .ok()
                .filter(|b| {
                    let probe = b.len().min(laoclean::stream::BINARY_PROBE_BYTES);
                    memchr::memchr(0, &b[..probe]).is_none()
                })
                .and_then(|b| String::from_utf8(b).ok());
            match text {
                Some(text) => {
                    v.add_text(&seg, &cleaner.clean(&text));
                    (v, true)
                }
                None => (v, false),
            }
        })
        .collect();
    let mut vocab = Vocabulary::default();
    let mut skipped = 0;
    for (v, ok) in results {
        skipped += usize::from(!ok);
        vocab.merge(v);
    }
    let opts = VocabularyOptions::default()
        .min_count(args.min_count)
        .ratio(args.ratio);
    let entries = vocab.dictionary(seg.lexicon(), &opts);
    // Written whole or not at all: an earlier dictionary stays as it was until then,
    // and Ctrl-C leaves no temporary file behind.
    super::write::clean_up_on_interrupt()
        .map_err(|e| anyhow::anyhow!("cannot watch for interrupts: {}", describe(&e)))?;
    super::write::write_whole(&args.output, write_dictionary(&entries).as_bytes())
        .map_err(|e| anyhow::anyhow!("-o {}: {}", args.output.display(), describe(&e)))?;
    let new = entries.iter().filter(|e| e.accepted && !e.known).count();
    let refused = entries.iter().filter(|e| !e.accepted).count();
    // (A summary lost to a broken stderr stops nothing: the dictionary is written.)
    super::message::print(format_args!(
        "dict build: {} files ({skipped} binary or not UTF-8, skipped), {} Lao tokens; \
         wrote {} words ({new} new), refused {refused} candidates -> {}",
        files.len() - skipped,
        vocab.tokens(),
        entries.len() - refused,
        args.output.display()
    ));
    Ok(())
}

/// Does the file at `path` begin as a dictionary that `laoclean dict build` wrote?
fn made_by_dict_build(path: &std::path::Path) -> bool {
    use std::io::Read;
    let header = laoclean::words::corpus::DICTIONARY_HEADER.as_bytes();
    let mut start = vec![0; header.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok_and(|()| start == header)
}
