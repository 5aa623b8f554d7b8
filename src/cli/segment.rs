//! `laoclean segment [FILES]`: words separated by a delimiter, for indexing.

use super::message::{self, describe};
use anyhow::Context;
use laoclean::stream::{StreamError, BINARY_PROBE_BYTES};
use laoclean::words::lexicon::read_numbered_word_list;
use laoclean::words::syllable::is_lao_word;
use laoclean::words::{Lexicon, LexiconError, Segmenter};
use std::io::{BufRead, Read, Write};
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
    /// Worker threads, 1 to 1024 (default: one per core).
    #[arg(
        short = 'j',
        long,
        value_name = "N",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1024)
    )]
    pub threads: Option<usize>,
}

/// The embedded lexicon plus the words of the `--dict` files. A file that cannot be
/// read or parsed is an error naming it (and the line); with `warn`, each word that is
/// not a Lao word by its shape, and so is skipped, is named on stderr with its line.
pub fn load_lexicon(paths: &[PathBuf], warn: bool) -> Result<Lexicon, String> {
    let mut words = Vec::new();
    for path in paths {
        let bytes = std::fs::read(path)
            .map_err(|e| format!("--dict {}: cannot read: {}", path.display(), describe(&e)))?;
        // Named with the first bad byte, as the cleaning names it in an input.
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            format!("--dict {}: invalid UTF-8 at byte {at}", path.display())
        })?;
        let entries = read_numbered_word_list(&text).map_err(|e| match e {
            LexiconError::Syntax { line, message } => {
                format!("--dict {}:{line}: {message}", path.display())
            }
            e => format!("--dict {}: {e}", path.display()),
        })?;
        for (line, word, count) in entries {
            if warn && !is_lao_word(&laoclean::normalize(&word)) {
                message::print(format_args!(
                    "--dict {}:{line}: `{word}` is not a Lao word by its shape \
                     (Lao letters in valid syllables); skipped",
                    path.display()
                ));
            }
            words.push((word, count));
        }
    }
    Lexicon::embedded()
        .with_user_words(words)
        .map_err(|e| format!("--dict: {e}"))
}

/// Segments `text`: the character stage (unless `raw`), then words joined by `sep`.
pub fn segment_text(seg: &Segmenter, text: &str, sep: &str, raw: bool) -> String {
    if raw {
        seg.segment(text, sep)
    } else {
        seg.segment(&laoclean::normalize(text), sep)
    }
}

/// Text is segmented this many bytes at a time (extended to the next line break), so
/// memory stays bounded on inputs of any size; each chunk is segmented in parallel.
const CHUNK_BYTES: usize = 8 << 20;

/// Runs `laoclean segment`.
pub fn run(args: &SegmentArgs) -> anyhow::Result<()> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .with_context(|| format!("cannot start {n} threads"))?;
    }
    let seg = Segmenter::new(load_lexicon(&args.dicts, true).map_err(anyhow::Error::msg)?);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let stdin = [PathBuf::from("-")];
    let files = if args.files.is_empty() {
        &stdin[..]
    } else {
        &args.files[..]
    };
    // A file that cannot be read, is not UTF-8 or is binary is named and skipped; the
    // others are still segmented, and the run fails at the end.
    let mut failed = 0;
    for f in files {
        let result = if f.as_os_str() == "-" {
            segment_stream(&seg, std::io::stdin().lock(), &mut out, args, "<stdin>")
        } else {
            // A named file is checked whole first, so that a bad one gives no output at
            // all (stdin cannot be read twice: it stops where it turns bad).
            let name = f.display().to_string();
            let open = || {
                std::fs::File::open(f)
                    .map_err(|e| anyhow::anyhow!("{name}: cannot open: {}", describe(&e)))
            };
            open()
                .and_then(|file| check_text(file, &name))
                .and_then(|()| segment_stream(&seg, open()?, &mut out, args, &name))
        };
        match result.map_err(|e| e.downcast::<std::io::Error>()) {
            // (Errors of the input are worded; a bare `io::Error` is a write to stdout.)
            Err(Ok(e)) => return Err(stdout_error(e)),
            Err(Err(e)) => {
                message::print(format_args!("{e:#}"));
                failed += 1;
            }
            Ok(()) => {}
        }
    }
    out.flush().map_err(stdout_error)?;
    anyhow::ensure!(
        failed == 0,
        "{failed} of {} inputs not segmented",
        files.len()
    );
    Ok(())
}

/// A failed write to stdout as the run's error: `stdout: No space left on device`. A
/// closed pipe stays an `io::Error`, which `main` takes as the reader having gone away
/// (`laoclean segment big.txt | head`), not as an error.
fn stdout_error(e: std::io::Error) -> anyhow::Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        e.into()
    } else {
        anyhow::anyhow!("stdout: {}", describe(&e))
    }
}

/// An error if `bytes`, which start at byte `offset` of the input, hold a NUL byte in
/// its first [`BINARY_PROBE_BYTES`]: a binary file, as the cleaning commands say; or
/// begin as UTF-16 text, which is said so.
fn binary_check(bytes: &[u8], offset: u64, name: &str) -> anyhow::Result<()> {
    if let (0, Some(mark)) = (offset, super::message::utf16_bom(bytes)) {
        anyhow::bail!("{name}: {}", super::message::utf16_message(mark));
    }
    let probe = (BINARY_PROBE_BYTES as u64).saturating_sub(offset) as usize;
    match memchr::memchr(0, &bytes[..bytes.len().min(probe)]) {
        Some(at) => Err(anyhow::anyhow!(
            "{name}: {}",
            StreamError::Binary {
                offset: offset + at as u64
            }
        )),
        None => Ok(()),
    }
}

/// Reads `reader` through once: an error if it is binary (a NUL byte in the first
/// 8 KiB) or not UTF-8, naming the byte. Memory stays at one buffer.
fn check_text(reader: impl Read, name: &str) -> anyhow::Result<()> {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut offset = 0u64;
    loop {
        // Bytes of a character cut by the last read are kept at the front.
        let kept = buf.len();
        buf.resize(kept + (1 << 16), 0);
        let n = reader
            .read(&mut buf[kept..])
            .map_err(|e| anyhow::anyhow!("{name}: read error: {}", describe(&e)))?;
        buf.truncate(kept + n);
        // (`buf` starts at byte `offset` of the file.)
        binary_check(&buf, offset, name)?;
        match std::str::from_utf8(&buf) {
            Ok(_) => {
                offset += buf.len() as u64;
                buf.clear();
            }
            // A character cut at the end of the buffer: read on, unless the file ended.
            Err(e) if e.error_len().is_none() && n > 0 => {
                let good = e.valid_up_to();
                offset += good as u64;
                buf.drain(..good);
            }
            Err(e) => {
                anyhow::bail!(
                    "{name}: invalid UTF-8 at byte {}",
                    offset + e.valid_up_to() as u64
                )
            }
        }
        if n == 0 {
            return Ok(());
        }
    }
}

/// Segments `reader` to `out` a chunk at a time; chunks end at line breaks.
fn segment_stream(
    seg: &Segmenter,
    reader: impl Read,
    out: &mut impl Write,
    args: &SegmentArgs,
    name: &str,
) -> anyhow::Result<()> {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let mut chunk = Vec::with_capacity(CHUNK_BYTES + (1 << 16));
    let mut offset = 0u64;
    loop {
        chunk.clear();
        (&mut reader)
            .take(CHUNK_BYTES as u64)
            .read_to_end(&mut chunk)
            .map_err(|e| anyhow::anyhow!("{name}: read error: {}", describe(&e)))?;
        if chunk.is_empty() {
            return Ok(());
        }
        let mut skip = 0;
        if offset == 0 {
            // A binary file is refused (a named file was checked already; stdin is
            // checked here), and a leading byte order mark is kept, no word of the text.
            binary_check(&chunk, 0, name)?;
            if chunk.starts_with("\u{FEFF}".as_bytes()) {
                out.write_all("\u{FEFF}".as_bytes())?;
                skip = 3;
            }
        }
        if chunk.last() != Some(&b'\n') {
            reader
                .read_until(b'\n', &mut chunk)
                .map_err(|e| anyhow::anyhow!("{name}: read error: {}", describe(&e)))?;
        }
        let text = std::str::from_utf8(&chunk[skip..]).map_err(|e| {
            anyhow::anyhow!(
                "{name}: invalid UTF-8 at byte {}",
                offset + (skip + e.valid_up_to()) as u64
            )
        })?;
        out.write_all(segment_text(seg, text, &args.sep, args.raw).as_bytes())?;
        offset += chunk.len() as u64;
    }
}
