//! Unified diffs of a file's text before and after cleaning, coloured by line kind.

use similar::TextDiff;
use std::io::{self, Read, Write};
use std::time::Duration;

/// A diff that takes longer than this is made coarser (still correct), not slower.
const DIFF_TIMEOUT: Duration = Duration::from_secs(10);

/// The unified diff (3 lines of context) from `old` to `new`, headed by `name`.
/// Empty when the texts are equal.
///
/// Lines end at `\n` only, as `patch` reads them (a lone `\r` stays inside its line),
/// and a last line without one is followed by `\ No newline at end of file`; so
/// `patch` applies the diff to files with CR, CRLF or mixed line ends alike.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    // (similar's own line splitting would also end a line at a lone `\r`.)
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = TextDiff::configure()
        .timeout(DIFF_TIMEOUT)
        .diff_slices(&old_lines, &new_lines);
    let mut out = format!("--- {name}\t(original)\n+++ {name}\t(cleaned)\n");
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        out.push_str(&format!("{}\n", hunk.header()));
        for change in hunk.iter_changes() {
            let line = change.value();
            out.push_str(&format!("{}{line}", change.tag()));
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// A reader that keeps a copy of every byte read through it. `--diff` gets the original
/// text this way while the cleaning reads it, so a binary file or invalid UTF-8 stops the
/// read as early as in the other modes (`--diff /dev/zero` is refused at once).
pub struct Recorder<'a, R> {
    inner: R,
    copy: &'a mut Vec<u8>,
}

impl<'a, R: Read> Recorder<'a, R> {
    /// Reads `inner`, appending what it reads to `copy`.
    pub fn new(inner: R, copy: &'a mut Vec<u8>) -> Self {
        Recorder { inner, copy }
    }
}

impl<R: Read> Read for Recorder<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.copy.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// Writes `diff` with ANSI colours by line kind. Pass an `anstream::AutoStream`, which
/// removes them when colour is off.
pub fn write_coloured(out: &mut dyn Write, diff: &str) -> io::Result<()> {
    const RESET: &str = "\x1b[0m";
    for line in diff.split_inclusive('\n') {
        let style = if line.starts_with("---") || line.starts_with("+++") {
            "\x1b[1m"
        } else if line.starts_with("@@") {
            "\x1b[36m"
        } else if line.starts_with('-') {
            "\x1b[31m"
        } else if line.starts_with('+') {
            "\x1b[32m"
        } else {
            ""
        };
        if style.is_empty() {
            out.write_all(line.as_bytes())?;
            continue;
        }
        // Colour the line's text, not its line end.
        let body = line.trim_end_matches(['\n', '\r']);
        write!(out, "{style}{body}{RESET}{}", &line[body.len()..])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_names_the_file_and_shows_the_change() {
        let d = unified("a.txt", "x\nເເ\ny\n", "x\nແ\ny\n");
        assert!(d.starts_with("--- a.txt\t(original)\n+++ a.txt\t(cleaned)\n@@ -1,3 +1,3 @@\n"));
        assert!(d.contains("\n-ເເ\n+ແ\n"));
        assert_eq!(unified("a", "same", "same"), "");
    }

    #[test]
    fn lines_end_at_line_feeds_only_as_patch_reads_them() {
        // A file of lone CRs is one line without a line end, for `patch`.
        let d = unified("cr.txt", "ເເ\rx\r", "ແ\rx\r");
        assert_eq!(
            d,
            "--- cr.txt\t(original)\n+++ cr.txt\t(cleaned)\n@@ -1 +1 @@\n\
             -ເເ\rx\r\n\\ No newline at end of file\n\
             +ແ\rx\r\n\\ No newline at end of file\n"
        );
        // CRLF lines keep their CR; a final line without a line end is marked.
        let d = unified("m.txt", "a\r\nເເ\r\nb", "a\r\nແ\r\nb");
        assert!(
            d.ends_with("@@ -1,3 +1,3 @@\n a\r\n-ເເ\r\n+ແ\r\n b\n\\ No newline at end of file\n")
        );
    }

    #[test]
    fn a_recorder_keeps_what_was_read() {
        let mut copy = Vec::new();
        let mut text = String::new();
        Recorder::new(&b"abc"[..], &mut copy)
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!((text.as_str(), copy.as_slice()), ("abc", &b"abc"[..]));
    }

    #[test]
    fn colours_wrap_the_text_of_changed_lines() {
        let mut out = Vec::new();
        write_coloured(&mut out, "@@ -1 +1 @@\n-a\r\n+b\n c\n").unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "\x1b[36m@@ -1 +1 @@\x1b[0m\n\x1b[31m-a\x1b[0m\r\n\x1b[32m+b\x1b[0m\n c\n"
        );
    }
}
