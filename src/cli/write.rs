//! Rewriting a file in place, safely.
//!
//! The new text goes to a temporary file in the target's own directory (so the final
//! rename stays on one file system). Only when it is complete, flushed and fsynced, with
//! the original's permissions (and owner, where allowed), is it renamed over the target,
//! and the directory fsynced. Many files at once ([`commit_group`]) share the waits: one
//! `syncfs(2)` per file system makes all their new texts durable before any rename, and
//! one more makes the renames durable. A reader sees the old file or the new one, never a mix.
//! On any error the temporary file is removed (dropping its handle deletes it) and the
//! target is untouched. A file whose text does not change is not written at all, so its
//! mtime stays; if it fits in [`IN_MEMORY_BYTES`], no temporary file is made either
//! ([`NewText`]), so a second run over a clean archive only reads. A symbolic link is
//! followed: the target file is replaced and the link is left as it is. Other hard
//! links to the file keep the old text, as with `sed -i`. If the file changes while it
//! is being cleaned (its size, modification time or inode differ just before the
//! rename), it is left as it is now and the run reports an error.
//!
//! Interrupted by SIGINT (Ctrl-C), SIGTERM or SIGHUP once [`clean_up_on_interrupt`] is
//! set up, the process deletes the temporary files it has made and ends as the signal
//! would have ended it: every file is then its old text or, if already renamed, its new.
//!
//! Fault injection for the tests: when the environment variable
//! `LAOCLEAN_TEST_FAIL_BEFORE_RENAME` is set, [`rewrite`] fails after the temporary file
//! is written and fsynced, just before the backup and the rename, as a crash or a full
//! disk would. Nothing else reads it.

use super::message::describe;
use laoclean::stream::{StreamError, StreamSummary};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use tempfile::{NamedTempFile, TempPath};

/// The environment variable of the fault-injection hook (see the module docs).
pub const FAIL_BEFORE_RENAME: &str = "LAOCLEAN_TEST_FAIL_BEFORE_RENAME";

/// Prefix of the temporary files, so a leftover from a killed process is recognisable.
const TEMP_PREFIX: &str = ".laoclean-";

/// The temporary files of this process that exist now: what an interrupt deletes. A file
/// is made and listed, renamed (or deleted) and unlisted, under this one lock, so the
/// signal thread ([`clean_up_on_interrupt`]) finds each file either still temporary or
/// already in place, never halfway.
static TEMP_FILES: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// [`TEMP_FILES`], locked. A panic elsewhere does not spoil it: each change is one
/// insert or remove.
fn temp_files() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    TEMP_FILES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file next to a target (or in the temporary directory), listed in
/// [`TEMP_FILES`] from its creation until it is renamed into place ([`Temp::persist`])
/// or deleted (when this is dropped).
pub(super) struct Temp {
    /// `None` once renamed.
    path: Option<TempPath>,
}

impl Temp {
    /// Makes a temporary file with `make` and lists it; returns its open handle too.
    fn create<F>(make: impl FnOnce() -> io::Result<NamedTempFile<F>>) -> io::Result<(F, Temp)> {
        let mut files = temp_files();
        let (file, path) = make()?.into_parts();
        files.insert(path.to_path_buf());
        Ok((file, Temp { path: Some(path) }))
    }

    /// A temporary file in `dir`, open for writing.
    fn new_in(dir: &Path) -> io::Result<(File, Temp)> {
        Temp::create(|| temp_builder().tempfile_in(dir))
    }

    /// A temporary file in the temporary directory (`TMPDIR`), open for writing: for
    /// what waits its turn to be written out (a file's report).
    pub(super) fn new_spill() -> io::Result<(File, Temp)> {
        Temp::create(|| temp_builder().tempfile())
    }

    /// Where the file is now.
    pub(super) fn path(&self) -> &Path {
        self.path.as_deref().expect("not yet renamed")
    }

    /// Renames the file to `to` (on failure, deletes it) and unlists it. `files` is the
    /// locked [`TEMP_FILES`]: the caller holds the lock over the rename.
    fn persist(mut self, to: &Path, files: &mut BTreeSet<PathBuf>) -> io::Result<()> {
        let path = self.path.take().expect("not yet renamed");
        let name = path.to_path_buf();
        // A failed rename gives the path back in the error, which deletes it when dropped.
        let renamed = path.persist(to).map_err(|e| e.error);
        files.remove(&name);
        renamed
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let mut files = temp_files();
            let name = path.to_path_buf();
            drop(path); // deletes the file
            files.remove(&name);
        }
    }
}

/// The names of the temporary files: `.laoclean-XXXXXX.tmp`.
fn temp_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(".tmp");
    builder
}

/// Starts a thread that, when the process gets SIGINT, SIGTERM or SIGHUP, deletes every
/// temporary file and ends the process as that signal would have (so the shell sees it;
/// failing that, with exit status 128 + the signal). A signal that the process ignores
/// (`nohup`, or SIGINT in a background job) stays ignored.
pub fn clean_up_on_interrupt() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let watched: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
        .into_iter()
        .filter(|&signal| !is_ignored(signal))
        .collect();
    let mut signals = signal_hook::iterator::Signals::new(watched)?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until the end: no temporary file is made or renamed after this.
            let mut files = temp_files();
            for path in std::mem::take(&mut *files) {
                let _ = fs::remove_file(path);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal); // only if the signal could not be raised
        }
    });
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all, as a rewrite does: into a temporary file
/// beside it, fsynced, then renamed over it and the directory fsynced. A link is
/// followed; an existing file keeps its permissions, a new one gets the umask's; what
/// is no regular file (`/dev/null`, a FIFO) is written to as it is. For files laoclean
/// makes (the dictionary of `laoclean dict build`).
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let target = fs::canonicalize(path).unwrap_or_else(|_| dangling_target(path));
    if fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
        return fs::write(&target, bytes);
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (mut file, temp) = Temp::create(|| {
        temp_builder()
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(&dir)
    })?;
    if let Ok(meta) = fs::metadata(&target) {
        file.set_permissions(meta.permissions())?;
    }
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    temp.persist(&target, &mut temp_files())?;
    File::open(&dir)?.sync_all()
}

/// Where `path` leads when it names no existing file: through its symbolic links (a
/// link to a file yet to be made, up to 40 of them), else `path` itself.
fn dangling_target(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        let Ok(next) = fs::read_link(&at) else { break };
        at = match at.parent() {
            Some(dir) => dir.join(next),
            None => next,
        };
    }
    at
}

/// Does the process ignore `signal` (its disposition is `SIG_IGN`)?
fn is_ignored(signal: i32) -> bool {
    // SAFETY: a null new action only reads the current one into `current`, which is a
    // plain C struct that may be zeroed.
    unsafe {
        let mut current: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut current) == 0
            && current.sa_sigaction == libc::SIG_IGN
    }
}

/// Why a file could not be rewritten; the message says what and where.
#[derive(Debug)]
pub enum RewriteError<E = StreamError> {
    /// The cleaning itself failed (bad input or I/O while streaming).
    Stream(E),
    /// Anything else, already worded.
    Other(String),
}

/// What a cleaning pass tells [`rewrite`]: did the text change?
pub trait Rewritten {
    /// Did the new text differ from the old?
    fn changed(&self) -> bool;
}

impl Rewritten for StreamSummary {
    fn changed(&self) -> bool {
        self.changed
    }
}

/// Cleans the file at `path` in place with `clean`, which reads the old text and writes
/// the new. With `backup`, the original is kept next to the target as its name followed
/// by the suffix. Returns what `clean` returned. ([`prepare`] then [`Pending::commit`].)
pub fn rewrite<S, E, F>(path: &Path, backup: Option<&OsStr>, clean: F) -> Result<S, RewriteError<E>>
where
    S: Rewritten,
    F: FnOnce(&mut BufReader<File>, &mut NewText<'_>) -> Result<S, E>,
{
    let (summary, pending) = prepare(path, backup, clean)?;
    if let Some(pending) = pending {
        let dir = pending.commit().map_err(RewriteError::Other)?;
        sync_dir(&dir);
    }
    Ok(summary)
}

/// A new text written to its temporary file, with the original's permissions, waiting
/// for [`Pending::commit`] to make it durable and put it in place. Dropping it deletes
/// the temporary file and leaves the original untouched. It holds the file's path, not
/// an open file, so thousands of them waiting for a group commit cost no descriptors.
pub struct Pending {
    temp: Temp,
    target: PathBuf,
    meta: fs::Metadata,
    backup: Option<std::ffi::OsString>,
}

/// Bytes of new text kept in memory before it goes to a temporary file: most files fit,
/// and one that fits and comes out unchanged never touches the disk.
const IN_MEMORY_BYTES: usize = 1 << 20;

/// Where the new text of a file goes while it is cleaned: memory, then, past
/// [`IN_MEMORY_BYTES`] or once the text is known to have changed, a temporary file next
/// to the target. So a run over files that are already clean creates no file at all.
pub struct NewText<'d> {
    dir: &'d Path,
    memory: Vec<u8>,
    /// The file (dropped first, so its buffer is flushed before the file is deleted).
    temp: Option<(BufWriter<File>, Temp)>,
    /// Why the temporary file could not be made, when a write failed for that.
    spill_error: Option<io::Error>,
}

/// Why [`NewText::into_temp`] failed.
enum Spill {
    /// The temporary file could not be created.
    Create(io::Error),
    /// It could not be written.
    Write(io::Error),
}

impl<'d> NewText<'d> {
    fn new(dir: &'d Path) -> Self {
        NewText {
            dir,
            memory: Vec::new(),
            temp: None,
            spill_error: None,
        }
    }

    /// Moves the text so far to a new temporary file in the target's directory.
    fn spill(&mut self) -> Result<&mut BufWriter<File>, Spill> {
        if self.temp.is_none() {
            let (file, temp) = Temp::new_in(self.dir).map_err(Spill::Create)?;
            let mut writer = BufWriter::with_capacity(1 << 16, file);
            writer
                .write_all(&std::mem::take(&mut self.memory))
                .map_err(Spill::Write)?;
            self.temp = Some((writer, temp));
        }
        Ok(&mut self.temp.as_mut().expect("just made").0)
    }

    /// The whole new text in its temporary file, flushed.
    fn into_temp(mut self) -> Result<(File, Temp), Spill> {
        self.spill()?;
        let (writer, temp) = self.temp.take().expect("spilled");
        let file = writer
            .into_inner()
            .map_err(|e| Spill::Write(e.into_error()))?;
        Ok((file, temp))
    }
}

impl Write for NewText<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.temp.is_none() && self.memory.len() + bytes.len() <= IN_MEMORY_BYTES {
            self.memory.extend_from_slice(bytes);
            return Ok(bytes.len());
        }
        match self.spill() {
            Ok(temp) => temp.write(bytes),
            Err(Spill::Write(e)) => Err(e),
            Err(Spill::Create(e)) => {
                let error = io::Error::new(e.kind(), e.to_string());
                self.spill_error = Some(e);
                Err(error)
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.temp {
            Some((writer, _)) => writer.flush(),
            None => Ok(()),
        }
    }
}

/// Why a file that was saved, cut short or replaced while it was cleaned is left as it is.
const CHANGED_MEANWHILE: &str = "the file changed while it was being cleaned; left as it is now";

/// The first half of [`rewrite`]: cleans the file into memory and, if the text changed
/// (or outgrows memory), into a temporary file next to it. Returns what `clean`
/// returned, and the rewrite to commit if the text changed. The second half,
/// [`Pending::commit`], mostly waits on the disk (fsync), so a caller can run many
/// commits at once while it cleans the next files.
pub fn prepare<S, E, F>(
    path: &Path,
    backup: Option<&OsStr>,
    clean: F,
) -> Result<(S, Option<Pending>), RewriteError<E>>
where
    S: Rewritten,
    F: FnOnce(&mut BufReader<File>, &mut NewText<'_>) -> Result<S, E>,
{
    let other =
        |what: &str, e: io::Error| RewriteError::<E>::Other(format!("{what}: {}", describe(&e)));
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
    let cannot_write_in = |e: io::Error| other(&format!("cannot write in {}", dir.display()), e);
    let mut reader = BufReader::with_capacity(1 << 16, file);
    // UTF-16 text (Windows' "Unicode") is said so before anything is read as UTF-8, as
    // by the other modes (`open` in cli/mod.rs). (A read error is met again below.)
    if let Some(mark) = reader.fill_buf().ok().and_then(super::message::utf16_bom) {
        return Err(RewriteError::Other(super::message::utf16_message(mark)));
    }
    let mut new_text = NewText::new(dir);
    let summary = match clean(&mut reader, &mut new_text) {
        Ok(summary) => summary,
        Err(e) => {
            return Err(match new_text.spill_error.take() {
                Some(spill) => cannot_write_in(spill),
                // Cut short or rewritten while it was read: say so, not what the
                // reading then found (invalid UTF-8 where a character was cut).
                None if changed_since(&target, &meta) => {
                    RewriteError::Other(CHANGED_MEANWHILE.to_string())
                }
                None => RewriteError::Stream(e),
            });
        }
    };
    if !summary.changed() {
        return Ok((summary, None)); // A temporary file, if any, is dropped, hence deleted.
    }
    // A file we may not write stays as it is, though renaming over it would work.
    OpenOptions::new()
        .write(true)
        .open(&target)
        .map_err(|e| other("cannot write", e))?;
    let (out, temp) = new_text.into_temp().map_err(|e| match e {
        Spill::Create(e) => cannot_write_in(e),
        Spill::Write(e) => other("cannot write the new text", e),
    })?;
    let out = &out;
    // Keep the owner when we are allowed to (root rewriting someone's file); before the
    // mode, as a change of owner clears the set-user-ID and set-group-ID bits.
    let _ = std::os::unix::fs::fchown(out, Some(meta.uid()), Some(meta.gid()));
    out.set_permissions(meta.permissions())
        .map_err(|e| other("cannot set permissions", e))?;
    copy_extended_attributes(&target, out).map_err(|e| other("cannot keep the access list", e))?;
    let pending = Pending {
        temp,
        target,
        meta,
        backup: backup.map(OsStr::to_os_string),
    };
    Ok((summary, Some(pending)))
}

impl Pending {
    /// The directory of the target (and of the temporary file).
    fn dir(&self) -> &Path {
        self.target.parent().unwrap_or(Path::new("/"))
    }

    /// The second half of [`rewrite`]: fsyncs the new text, writes the backup and renames
    /// the new text over the target. Returns the directory, for the caller to make the
    /// rename durable with [`sync_dir`] (once for many files of a directory). The error
    /// says what failed.
    pub fn commit(self) -> Result<PathBuf, String> {
        // fsync makes the file's data durable whichever descriptor wrote it.
        File::open(self.temp.path())
            .and_then(|f| f.sync_all())
            .map_err(|e| format!("cannot write the new text: {}", describe(&e)))?;
        self.put_in_place()
    }

    /// Backup and rename, once the new text is durable: the part of [`Pending::commit`]
    /// after the fsync.
    fn put_in_place(self) -> Result<PathBuf, String> {
        let other = |what: &str, e: io::Error| format!("{what}: {}", describe(&e));
        let Pending {
            temp,
            target,
            meta,
            backup,
        } = self;
        let dir = target.parent().unwrap_or(Path::new("/"));
        if std::env::var_os(FAIL_BEFORE_RENAME).is_some() {
            return Err(format!(
                "write failed before rename ({FAIL_BEFORE_RENAME} is set)"
            ));
        }
        // Somebody saved the file while it was being cleaned: their text wins.
        if changed_since(&target, &meta) {
            return Err(CHANGED_MEANWHILE.to_string());
        }
        let backup = match &backup {
            Some(suffix) => Some(make_backup(&target, dir, suffix, &meta)?),
            None => None,
        };
        // Both renames under the lock of the temporary files: an interrupt finds the
        // backup and the new text both in place or neither. (Declared last, the lock is
        // released first on an early return, before `temp` is dropped and takes it.)
        let mut files = temp_files();
        if let Some((copy, path)) = backup {
            copy.persist(&path, &mut files)
                .map_err(|e| cannot_back_up(&path, &e))?;
        }
        temp.persist(&target, &mut files)
            .map_err(|e| other("cannot replace the file", e))?;
        Ok(dir.to_path_buf())
    }
}

/// Commits many rewrites at once, with the guarantees of [`Pending::commit`] for each:
/// the new texts are made durable with one sync of each file system they are on
/// (`syncfs(2)` on Linux) rather than an fsync per file, then each file gets its backup
/// and its rename, and one more sync makes the renames durable. Where a file system
/// cannot be synced that way, its files are fsynced one by one and their directories
/// after the renames. Returns one result per rewrite, in order.
pub fn commit_group(group: Vec<Pending>) -> Vec<Result<(), String>> {
    let synced = sync_file_systems(group.iter().map(|p| (p.meta.dev(), p.dir())));
    let mut dirs = std::collections::BTreeSet::new();
    let mut renamed = Vec::new();
    let results = group
        .into_iter()
        .map(|pending| {
            let dev = pending.meta.dev();
            let dir = if synced.contains(&dev) {
                pending.put_in_place()?
            } else {
                pending.commit()?
            };
            if synced.contains(&dev) {
                renamed.push((dev, dir));
            } else {
                dirs.insert(dir);
            }
            Ok(())
        })
        .collect();
    let mut again = std::collections::BTreeMap::new();
    for (dev, dir) in renamed {
        again.entry(dev).or_insert(dir);
    }
    for (dev, dir) in again {
        if sync_file_systems(std::iter::once((dev, dir.as_path()))).is_empty() {
            sync_dir(&dir);
        }
    }
    for dir in dirs {
        sync_dir(&dir);
    }
    results
}

/// Makes all written data and metadata of the file systems holding `dirs` (device, a
/// directory on it) durable, one `syncfs(2)` per device. Returns the devices synced.
#[cfg(target_os = "linux")]
fn sync_file_systems<'d>(
    dirs: impl Iterator<Item = (u64, &'d Path)>,
) -> std::collections::BTreeSet<u64> {
    use std::os::fd::AsRawFd;
    let mut tried = std::collections::BTreeSet::new();
    let mut synced = std::collections::BTreeSet::new();
    for (dev, dir) in dirs {
        if tried.insert(dev) {
            let Ok(dir) = File::open(dir) else { continue };
            // SAFETY: `dir` is open for the whole call, and syncfs only reads the number.
            if unsafe { libc::syncfs(dir.as_raw_fd()) } == 0 {
                synced.insert(dev);
            }
        }
    }
    synced
}

/// Elsewhere: no file system is synced at once; files are fsynced one by one.
#[cfg(not(target_os = "linux"))]
fn sync_file_systems<'d>(
    _dirs: impl Iterator<Item = (u64, &'d Path)>,
) -> std::collections::BTreeSet<u64> {
    std::collections::BTreeSet::new()
}

/// Makes the renames done in `dir` durable (fsync of the directory).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
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

/// The original for its backup path, as a temporary file in `dir` that
/// [`Pending::put_in_place`] renames with the new text: a second name (hard link) for
/// the original file, which keeps exactly the bytes that were read, its mode, owner and
/// times; where the file system has no hard links, a copy. Returns it and the path.
fn make_backup(
    target: &Path,
    dir: &Path,
    suffix: &OsStr,
    meta: &fs::Metadata,
) -> Result<(Temp, PathBuf), String> {
    let backup = backup_path(target, suffix);
    let link = Temp::create(|| temp_builder().make_in(dir, |name| fs::hard_link(target, name)));
    if let Ok(((), link)) = link {
        return Ok((link, backup));
    }
    let fail = |e: io::Error| cannot_back_up(&backup, &e);
    let (mut copy, temp) = Temp::new_in(dir).map_err(fail)?;
    io::copy(&mut File::open(target).map_err(fail)?, &mut copy).map_err(fail)?;
    let _ = std::os::unix::fs::fchown(&copy, Some(meta.uid()), Some(meta.gid()));
    copy.set_permissions(meta.permissions()).map_err(fail)?;
    copy_extended_attributes(target, &copy).map_err(fail)?;
    copy.sync_all().map_err(fail)?;
    Ok((temp, backup))
}

/// The error for a backup that could not be written.
fn cannot_back_up(backup: &Path, e: &io::Error) -> String {
    format!(
        "cannot write the backup {}: {}",
        backup.display(),
        describe(e)
    )
}

/// Copies the extended attributes of the file at `from` to `to`: its POSIX access list
/// (`system.posix_acl_access`, part of its permissions: without it the group bits of
/// the mode would grant what its mask only bounded) and the others (user notes,
/// security labels) as far as the file system and the user's rights allow. Failing to
/// copy the access list is an error; the others are kept where they can be.
#[cfg(target_os = "linux")]
fn copy_extended_attributes(from: &Path, to: &File) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let path = CString::new(from.as_os_str().as_bytes())?;
    // The names, NUL-separated.
    // SAFETY: `path` is NUL-terminated and the buffer writable for the length given.
    let names = match grown(1024, |b| unsafe {
        libc::listxattr(path.as_ptr(), b.as_mut_ptr().cast(), b.len())
    }) {
        Err(e) if e.raw_os_error() == Some(libc::ENOTSUP) => return Ok(()), // none here
        r => r?,
    };
    for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = CString::new(name)?;
        // SAFETY: as above, `name` NUL-terminated too.
        let value = grown(256, |b| unsafe {
            libc::getxattr(path.as_ptr(), name.as_ptr(), b.as_mut_ptr().cast(), b.len())
        });
        let set = value.and_then(|value| {
            // SAFETY: the descriptor is open; `name` and `value` are valid for their
            // lengths.
            let r = unsafe {
                libc::fsetxattr(
                    to.as_raw_fd(),
                    name.as_ptr(),
                    value.as_ptr().cast(),
                    value.len(),
                    0,
                )
            };
            if r == 0 {
                Ok(())
            } else {
                Err(io::Error::last_os_error())
            }
        });
        if let Err(e) = set {
            if name.as_bytes() == b"system.posix_acl_access" {
                return Err(e);
            }
        }
    }
    Ok(())
}

/// What `call` writes into a buffer, from `size` bytes and four times larger while it
/// says the buffer is too small (`ERANGE`: the attributes may grow in between), up to
/// 16 MiB. `call` returns the length written or −1 with `errno` set, as the xattr
/// calls do.
#[cfg(target_os = "linux")]
fn grown(mut size: usize, mut call: impl FnMut(&mut [u8]) -> isize) -> io::Result<Vec<u8>> {
    loop {
        let mut buf = vec![0u8; size];
        let n = call(&mut buf);
        if n >= 0 {
            buf.truncate(n as usize);
            return Ok(buf);
        }
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::ERANGE) || size >= 16 << 20 {
            return Err(e);
        }
        size *= 4;
    }
}

/// Elsewhere the calls take other arguments (macOS) or do not exist: nothing copied.
#[cfg(not(target_os = "linux"))]
fn copy_extended_attributes(_from: &Path, _to: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A summary that says only whether the text changed.
    fn summary_of(changed: bool) -> StreamSummary {
        let mut summary = StreamSummary::default();
        summary.changed = changed;
        summary
    }
    use std::os::unix::fs::PermissionsExt;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(TEMP_PREFIX))
            .collect()
    }

    /// The temporary files in `dir` that an interrupt would delete.
    fn listed(dir: &Path) -> usize {
        temp_files().iter().filter(|p| p.starts_with(dir)).count()
    }

    /// A `clean` that writes `text` and says whether it changed anything.
    fn writes(
        text: &'static str,
        changed: bool,
    ) -> impl FnOnce(&mut BufReader<File>, &mut NewText<'_>) -> Result<StreamSummary, StreamError>
    {
        move |_, w| {
            w.write_all(text.as_bytes()).map_err(StreamError::Write)?;
            Ok(summary_of(changed))
        }
    }

    #[test]
    fn a_group_is_put_in_place_together_and_a_file_saved_meanwhile_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut group = Vec::new();
        let mut paths = Vec::new();
        for (k, sub) in ["a", "b", "a"].iter().enumerate() {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
            let path = dir.path().join(sub).join(format!("{k}.txt"));
            fs::write(&path, "old").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
            let (_, pending) =
                prepare(&path, Some(OsStr::new(".bak")), writes("new", true)).unwrap();
            group.push(pending.expect("the text changed"));
            paths.push(path);
        }
        // Somebody saves the second file before the group is committed.
        fs::write(&paths[1], "theirs, longer").unwrap();
        let results = commit_group(group);
        assert!(results[0].is_ok() && results[2].is_ok());
        assert!(matches!(&results[1], Err(m) if m.contains("changed while")));
        for (k, path) in paths.iter().enumerate() {
            let want = if k == 1 { "theirs, longer" } else { "new" };
            assert_eq!(fs::read_to_string(path).unwrap(), want);
            let mode = fs::metadata(path).unwrap().permissions().mode() & 0o777;
            if k != 1 {
                assert_eq!(mode, 0o640);
                assert_eq!(
                    fs::read_to_string(backup_path(path, OsStr::new(".bak"))).unwrap(),
                    "old"
                );
            }
        }
        for sub in ["a", "b"] {
            assert!(leftovers(&dir.path().join(sub)).is_empty());
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
    fn an_unchanged_file_makes_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "same").unwrap();
        // Creating and deleting a temporary file would change the directory's mtime.
        let before = fs::metadata(dir.path()).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let (_, pending) = prepare(&path, None, writes("same", false)).unwrap();
        assert!(pending.is_none());
        let after = fs::metadata(dir.path()).unwrap().modified().unwrap();
        assert_eq!(after, before);
    }

    #[test]
    fn a_text_larger_than_memory_goes_through_its_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        let line = "ກ".repeat(1000) + "\n";
        let lines = IN_MEMORY_BYTES / line.len() * 3;
        let (_, pending) = prepare(&path, None, |_, w| {
            for _ in 0..lines {
                w.write_all(line.as_bytes()).map_err(StreamError::Write)?;
                // Past the memory budget, the text is already in the temporary file.
                assert!(w.temp.is_some() || w.memory.len() <= IN_MEMORY_BYTES);
            }
            Ok::<_, StreamError>(summary_of(true))
        })
        .unwrap();
        assert_eq!(leftovers(dir.path()).len(), 1);
        assert_eq!(listed(dir.path()), 1);
        let pending = pending.unwrap();
        pending.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), line.repeat(lines));
        assert!(leftovers(dir.path()).is_empty());
        assert_eq!(listed(dir.path()), 0);
    }

    #[test]
    fn a_directory_without_room_for_the_temporary_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let mut new_text = NewText::new(&gone);
        new_text.write_all(b"small").unwrap();
        let spilled = new_text.write_all(&vec![b'x'; IN_MEMORY_BYTES]);
        assert_eq!(spilled.unwrap_err().kind(), io::ErrorKind::NotFound);
        assert!(new_text.spill_error.is_some());
        assert!(matches!(new_text.into_temp(), Err(Spill::Create(_))));
    }

    #[test]
    fn rewrites_waiting_for_their_commit_hold_no_open_files() {
        let open_files = || fs::read_dir("/proc/self/fd").map(|d| d.count()).ok();
        let dir = tempfile::tempdir().unwrap();
        let before = open_files();
        let pending: Vec<Pending> = (0..50)
            .map(|k| {
                let path = dir.path().join(format!("{k}.txt"));
                fs::write(&path, "old").unwrap();
                prepare(&path, None, writes("new", true))
                    .unwrap()
                    .1
                    .unwrap()
            })
            .collect();
        // Other tests run on other threads and open files too: allow for a few of them.
        if let (Some(before), Some(after)) = (before, open_files()) {
            assert!(after < before + 25, "{before} open files, then {after}");
        }
        assert!(commit_group(pending).iter().all(Result::is_ok));
        assert_eq!(fs::read_to_string(dir.path().join("7.txt")).unwrap(), "new");
    }

    #[test]
    fn a_failing_clean_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "ok \u{FFFD}").unwrap();
        let err = rewrite(&path, None, |_, w| {
            w.write_all(b"partial").map_err(StreamError::Write)?;
            Err::<StreamSummary, _>(StreamError::InvalidUtf8 { offset: 3 })
        });
        assert!(matches!(
            err,
            Err(RewriteError::Stream(StreamError::InvalidUtf8 { offset: 3 }))
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "ok \u{FFFD}");
        assert!(leftovers(dir.path()).is_empty());
        assert_eq!(listed(dir.path()), 0);
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
        assert_eq!(listed(dir.path()), 0);
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
            Ok::<_, StreamError>(summary_of(true))
        });
        assert!(matches!(result, Err(RewriteError::Other(m)) if m.contains("changed while")));
        assert_eq!(fs::read_to_string(&path).unwrap(), "old and more");
        assert!(!dir.path().join("a.txt.orig").exists());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_file_cut_short_while_it_is_read_is_said_to_have_changed() {
        // Emptied while it was read, the text ends in the middle of a character: the
        // reading fails, and the message says why, not where the UTF-8 broke.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        let editor = path.clone();
        let result = rewrite(&path, None, move |_, _| {
            fs::write(&editor, "").unwrap();
            Err::<StreamSummary, _>(StreamError::Write(io::Error::other("cut")))
        });
        assert!(matches!(result, Err(RewriteError::Other(m)) if m.contains("changed while")));
        assert_eq!(fs::read_to_string(&path).unwrap(), "");
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
