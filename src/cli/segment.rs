//! `laoclean segment [FILES]`: words separated by a delimiter, for indexing.

use anyhow::Context;
use laoclean::words::{Lexicon, Segmenter};
use std::io::{Read, Write};
use std::path::PathBuf;

/// Arguments of `laoclean segment`.
#[derive(clap::Args, Debug, Clone)]
pub struct SegmentArgs {
    /// Files to segment; standard input when none. Output goes to standard output.
    pub files: Vec<PathBuf>,
    /// Written between two words that no space separates.
    #[arg(long, default_value = "\u{200B}", hide_default_value = true)]
    pub sep: String,
    /// Extra words (one a line, optional TAB and count); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Segment the text as it is, without the character stage first.
    #[arg(long)]
    pub raw: bool,
}

/// The lexicon: the embedded list plus the `--dict` files.
pub fn lexicon(dicts: &[PathBuf]) -> anyhow::Result<Lexicon> {
    if dicts.is_empty() {
        return Ok(Lexicon::embedded());
    }
    Lexicon::embedded()
        .with_user_files(dicts)
        .context("loading --dict")
}

/// Segments `text`: the character stage (unless `raw`), then words joined by `sep`.
pub fn segment_text(seg: &Segmenter, text: &str, sep: &str, raw: bool) -> String {
    if raw {
        seg.segment(text, sep)
    } else {
        seg.segment(&laoclean::normalize(text), sep)
    }
}

/// Runs `laoclean segment`.
pub fn run(args: &SegmentArgs) -> anyhow::Result<()> {
    let seg = Segmenter::new(lexicon(&args.dicts)?);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.files.is_empty() {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input (is it UTF-8?)")?;
        out.write_all(segment_text(&seg, &text, &args.sep, args.raw).as_bytes())?;
    }
    for f in &args.files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        out.write_all(segment_text(&seg, &text, &args.sep, args.raw).as_bytes())?;
    }
    out.flush()?;
    Ok(())
}
