//! Rewriting a file in place, safely.
//!
//! The new text goes to a temporary file in the target's own directory (so the final
//! rename stays on one file system). Only when it is complete, flushed and fsynced, with
//! the original's permissions (and owner, where allowed), is it renamed over the target,
//! and the directory fsynced. A reader sees the old file or the new one, never a mix.
//! On any error the temporary file is removed (dropping a `NamedTempFile` deletes it)
//! and the target is untouched. A file whose text does not change is not written at all,
//! so its mtime stays. A symbolic link is followed: the target file is replaced and the
//! link is left as it is. Other hard links to the file keep the old text, as with
//! `sed -i`. If the file changes while it is being cleaned (its size, modification time
//! or inode differ just before the rename), it is left as it is now and the run reports
//! an error.
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
    let not_regular =
        || RewriteError::Other("not a regular file; cannot rewrite it in place".to_string());
    let target = match fs::canonicalize(path) {
        Ok(target) => target,
        // `/dev/stdin` and the like resolve to `pipe:[…]`, which does not exist.
        Err(_) if fs::metadata(path).is_ok_and(|m| !m.is_file()) => return Err(not_regular()),
        Err(e) => return Err(other("cannot open", e)),
    };
    // Checked before opening: opening a FIFO for reading would wait for a writer.
    if !fs::metadata(&target)
        .map_err(|e| other("cannot open", e))?
        .is_file()
    {
        return Err(not_regular());
    }
    let file = File::open(&target).map_err(|e| other("cannot open", e))?;
    let meta = file.metadata().map_err(|e| other("cannot open", e))?;
    if !meta.is_file() {
        return Err(not_regular());
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
    // Keep the owner when we are allowed to (root rewriting someone's file); before the
    // mode, as a change of owner clears the set-user-ID and set-group-ID bits.
    let _ = std::os::unix::fs::fchown(out, Some(meta.uid()), Some(meta.gid()));
    out.set_permissions(meta.permissions())
        .map_err(|e| other("cannot set permissions", e))?;
    out.sync_all()
        .map_err(|e| other("cannot write the new text", e))?;

    if std::env::var_os(FAIL_BEFORE_RENAME).is_some() {
        return Err(RewriteError::Other(format!(
            "write failed before rename ({FAIL_BEFORE_RENAME} is set)"
        )));
    }
    // Somebody saved the file while it was being cleaned: their text wins.
    if changed_since(&target, &meta) {
        return Err(RewriteError::Other(
            "the file changed while it was being cleaned; left as it is now".to_string(),
        ));
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

/// Is the file at `target` no longer the one described by `before` (another inode, or
/// another size or modification time)?
fn changed_since(target: &Path, before: &fs::Metadata) -> bool {
    match fs::metadata(target) {
        Ok(now) => {
            (
                now.dev(),
                now.ino(),
                now.len(),
                now.mtime(),
                now.mtime_nsec(),
            ) != (
                before.dev(),
                before.ino(),
                before.len(),
                before.mtime(),
                before.mtime_nsec(),
            )
        }
        Err(_) => true,
    }
}

/// The backup path of `target`: its file name followed by `suffix`.
pub fn backup_path(target: &Path, suffix: &OsStr) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    target.with_file_name(name)
}

/// Keeps the original at its backup path, atomically too: a second name (hard link) for
/// the original file, which keeps exactly the bytes that were read, its mode, owner and
/// times; where the file system has no hard links, a copy.
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
    let link = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .make_in(dir, |name| fs::hard_link(target, name));
    if let Ok(link) = link {
        return link.persist(&backup).map(drop).map_err(|e| fail(e.error));
    }
    let mut copy = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    io::copy(&mut File::open(target).map_err(fail)?, &mut copy).map_err(fail)?;
    let _ = std::os::unix::fs::fchown(copy.as_file(), Some(meta.uid()), Some(meta.gid()));
    copy.as_file()
        .set_permissions(meta.permissions())
        .map_err(fail)?;
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

    #[test]
    fn a_file_changed_while_cleaning_is_left_as_it_is_now() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        let editor = path.clone();
        let result = rewrite(&path, Some(OsStr::new(".orig")), move |_, w| {
            // Somebody appends to the file while it is being cleaned.
            let mut f = OpenOptions::new().append(true).open(&editor).unwrap();
            f.write_all(b" and more").unwrap();
            w.write_all(b"new").map_err(StreamError::Write)?;
            Ok(StreamSummary {
                changed: true,
                ..StreamSummary::default()
            })
        });
        assert!(matches!(result, Err(RewriteError::Other(m)) if m.contains("changed while")));
        assert_eq!(fs::read_to_string(&path).unwrap(), "old and more");
        assert!(!dir.path().join("a.txt.orig").exists());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn the_backup_is_the_original_file_with_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o4640)).unwrap();
        rewrite(&path, Some(OsStr::new(".orig")), writes("new", true)).unwrap();
        let backup = dir.path().join("a.txt.orig");
        assert_eq!(fs::read_to_string(&backup).unwrap(), "old");
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!((mode(&path), mode(&backup)), (0o4640, 0o4640));
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        let result = rewrite(&fifo, None, writes("new", true));
        assert!(matches!(result, Err(RewriteError::Other(m)) if m.contains("not a regular file")));
    }
}
