//! Rewriting a file in place, safely.
//!
//! The new text goes to a temporary file in the target's own directory (so the final
//! rename stays on one file system). Only when it is complete, flushed and fsynced, with
//! the original's permissions (and owner, where allowed), is it renamed over the target,
//! and the directory fsynced. A reader sees the old file or the new one, never a mix.
//! On any error the temporary file is removed (dropping a `NamedTempFile` deletes it)
//! and the target is untouched. A file whose text does not change is not written at all,
//! so its mtime stays. A symbolic link is followed: the target file is replaced and the
//! link is left as it is. (Hard links to the file keep the old text, as with `sed -i`.)
//!
//! Fault injection for the tests: when the environment variable
//! `LAOCLEAN_TEST_FAIL_BEFORE_RENAME` is set, [`rewrite`] fails after the temporary file
//! is written and fsynced, just before the backup and the rename, as a crash or a full
//! disk would. Nothing else reads it.

use super::files::describe;
use laoclean::stream::{StreamError, StreamSummary};
use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// The environment variable of the fault-injection hook (see the module docs).
pub const FAIL_BEFORE_RENAME: &str = "LAOCLEAN_TEST_FAIL_BEFORE_RENAME";

/// Prefix of the temporary files, so a leftover from a killed process is recognisable.
const TEMP_PREFIX: &str = ".laoclean-";

/// Why a file could not be rewritten; the message says what and where.
#[derive(Debug)]
pub enum RewriteError {
    /// The cleaning itself failed (bad input or I/O while streaming).
    Stream(StreamError),
    /// Anything else, already worded.
    Other(String),
}

/// Cleans the file at `path` in place with `clean`, which reads the old text and writes
/// the new. With `backup`, the original is kept next to the target as its name followed
/// by the suffix. Returns what `clean` returned.
pub fn rewrite<F>(
    path: &Path,
    backup: Option<&OsStr>,
    clean: F,
) -> Result<StreamSummary, RewriteError>
where
    F: FnOnce(&mut BufReader<File>, &mut BufWriter<&File>) -> Result<StreamSummary, StreamError>,
{
    let other = |what: &str, e: io::Error| RewriteError::Other(format!("{what}: {}", describe(&e)));
    // Follow symbolic links: the file to replace is the final target.
    let target = fs::canonicalize(path).map_err(|e| other("cannot open", e))?;
    let file = File::open(&target).map_err(|e| other("cannot open", e))?;
    let meta = file.metadata().map_err(|e| other("cannot open", e))?;
    if !meta.is_file() {
        return Err(RewriteError::Other(
            "not a regular file; cannot rewrite it in place".to_string(),
        ));
    }
    let dir = target.parent().unwrap_or(Path::new("/"));
    let temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| other(&format!("cannot write in {}", dir.display()), e))?;

    let mut reader = BufReader::with_capacity(1 << 16, file);
    let summary = {
        let mut writer = BufWriter::with_capacity(1 << 16, temp.as_file());
        let summary = clean(&mut reader, &mut writer).map_err(RewriteError::Stream)?;
        writer
            .flush()
            .map_err(|e| other("cannot write the new text", e))?;
        summary
    };
    if !summary.changed {
        return Ok(summary); // `temp` is dropped, hence deleted; the file is untouched.
    }
    // A file we may not write stays as it is, though renaming over it would work.
    OpenOptions::new()
        .write(true)
        .open(&target)
        .map_err(|e| other("cannot write", e))?;
    let out = temp.as_file();
    out.set_permissions(meta.permissions())
        .map_err(|e| other("cannot set permissions", e))?;
    // Keep the owner when we are allowed to (root rewriting someone's file).
    let _ = std::os::unix::fs::fchown(out, Some(meta.uid()), Some(meta.gid()));
    out.sync_all()
        .map_err(|e| other("cannot write the new text", e))?;

    if std::env::var_os(FAIL_BEFORE_RENAME).is_some() {
        return Err(RewriteError::Other(format!(
            "write failed before rename ({FAIL_BEFORE_RENAME} is set)"
        )));
    }
    if let Some(suffix) = backup {
        write_backup(&target, dir, suffix, &meta)?;
    }
    temp.persist(&target)
        .map_err(|e| other("cannot replace the file", e.error))?;
    // Make the rename itself durable.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(summary)
}

/// The backup path of `target`: its file name followed by `suffix`.
pub fn backup_path(target: &Path, suffix: &OsStr) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    target.with_file_name(name)
}

/// Copies the original to its backup path, atomically too.
fn write_backup(
    target: &Path,
    dir: &Path,
    suffix: &OsStr,
    meta: &fs::Metadata,
) -> Result<(), RewriteError> {
    let backup = backup_path(target, suffix);
    let fail = |e: io::Error| {
        RewriteError::Other(format!(
            "cannot write the backup {}: {}",
            backup.display(),
            describe(&e)
        ))
    };
    let mut copy = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    io::copy(&mut File::open(target).map_err(fail)?, &mut copy).map_err(fail)?;
    copy.as_file()
        .set_permissions(meta.permissions())
        .map_err(fail)?;
    let _ = std::os::unix::fs::fchown(copy.as_file(), Some(meta.uid()), Some(meta.gid()));
    copy.as_file().sync_all().map_err(fail)?;
    persist(copy, &backup).map_err(fail)
}

fn persist(temp: NamedTempFile, to: &Path) -> io::Result<()> {
    temp.persist(to).map(drop).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(TEMP_PREFIX))
            .collect()
    }

    /// A `clean` that writes `text` and says whether it changed anything.
    fn writes(
        text: &'static str,
        changed: bool,
    ) -> impl FnOnce(&mut BufReader<File>, &mut BufWriter<&File>) -> Result<StreamSummary, StreamError>
    {
        move |_, w| {
            w.write_all(text.as_bytes()).map_err(StreamError::Write)?;
            Ok(StreamSummary {
                changed,
                ..StreamSummary::default()
            })
        }
    }

    #[test]
    fn replaces_the_file_and_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        rewrite(&path, None, writes("new", true)).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o7777,
            0o640
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_unchanged_file_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "same").unwrap();
        let before = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        rewrite(&path, Some(OsStr::new(".bak")), writes("XXXX", false)).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "same");
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
        assert!(!backup_path(&path, OsStr::new(".bak")).exists());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failing_clean_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "ok \u{FFFD}").unwrap();
        let err = rewrite(&path, None, |_, w| {
            w.write_all(b"partial").map_err(StreamError::Write)?;
            Err(StreamError::InvalidUtf8 { offset: 3 })
        });
        assert!(matches!(
            err,
            Err(RewriteError::Stream(StreamError::InvalidUtf8 { offset: 3 }))
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "ok \u{FFFD}");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn backups_keep_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        rewrite(&path, Some(OsStr::new(".orig")), writes("new", true)).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt.orig")).unwrap(),
            "old"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_symlink_stays_a_link_to_the_rewritten_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        let link = dir.path().join("link.txt");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink("target.txt", &link).unwrap();
        rewrite(&link, None, writes("new", true)).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }
}
