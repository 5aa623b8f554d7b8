//! Where the standard streams go, checked before anything is read: a stdout that is
//! closed (`>&-`) or open only for reading would lose the output without a word (Rust's
//! runtime puts /dev/null in place of a closed one, and its standard library takes
//! writes that fail as a closed descriptor does as done), and a stdout that is one of
//! the inputs (`laoclean notes.txt >> notes.txt`) would feed the output back into the
//! input or overwrite it.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// A standard stream as the process got it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Not open, or not open the way it is used (stdout open only for reading).
    Closed,
    /// Open: the device and inode of its file, and whether that is a regular file or a
    /// character device (a terminal, /dev/null) rather than a pipe or a socket.
    Open {
        id: (u64, u64),
        regular: bool,
        device: bool,
    },
}

impl Stream {
    /// The file of `fd` (0, 1 or 2), for reading (`write` false) or writing.
    pub fn of(fd: i32, write: bool) -> Stream {
        // SAFETY: `fcntl(F_GETFL)` and `fstat` only read the state of a descriptor
        // number; an unused number gives an error, not undefined behaviour.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        if flags < 0 {
            return Stream::Closed;
        }
        let mode = flags & libc::O_ACCMODE;
        let usable = if write {
            mode != libc::O_RDONLY
        } else {
            mode != libc::O_WRONLY
        };
        if !usable {
            return Stream::Closed;
        }
        // SAFETY: as above; `stat` is plain data, written by `fstat` on success.
        let mut stat: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd, &mut stat) } != 0 {
            return Stream::Closed;
        }
        // Rust's runtime opens /dev/null, for reading and writing, in place of a standard
        // descriptor the process was started without (`>&-`); a shell's redirection to
        // /dev/null opens it for one of the two.
        let kind = stat.st_mode & libc::S_IFMT;
        if kind == libc::S_IFCHR && mode == libc::O_RDWR && is_dev_null(stat.st_rdev) {
            return Stream::Closed;
        }
        #[allow(clippy::unnecessary_cast)] // the field types differ between platforms
        Stream::Open {
            id: (stat.st_dev as u64, stat.st_ino as u64),
            regular: kind == libc::S_IFREG,
            device: kind == libc::S_IFCHR,
        }
    }

    /// Is this stream the existing regular file at `path` (links followed)?
    pub fn is(self, path: &Path) -> bool {
        matches!(self, Stream::Open { regular: true, .. }) && self.is_open_at(path)
    }

    /// Would writing to `path` write where this stream goes, other than to a terminal or
    /// /dev/null, where two outputs can meet harmlessly (a file or a pipe: `/dev/stdout`
    /// names one)?
    pub fn carries(self, path: &Path) -> bool {
        matches!(self, Stream::Open { device: false, .. }) && self.is_open_at(path)
    }

    /// Is this stream open on the file at `path` (links followed)?
    fn is_open_at(self, path: &Path) -> bool {
        match (self, fs::metadata(path)) {
            (Stream::Open { id, .. }, Ok(m)) => id == (m.dev(), m.ino()),
            _ => false,
        }
    }
}

/// Checks that stdout can carry output that is printed while `files` (and stdin, if
/// `reads_stdin`) are read: it is open for writing, and none of them.
pub fn check_stdout<'p>(
    files: impl IntoIterator<Item = &'p Path>,
    reads_stdin: bool,
) -> Result<Stream, String> {
    let stdout = Stream::of(1, true);
    if stdout == Stream::Closed {
        return Err(
            "stdout is closed (or open only for reading): nothing could be \
                    printed; redirect it to a file or /dev/null"
                .into(),
        );
    }
    let mut fed_back = files
        .into_iter()
        .find(|path| stdout.is(path))
        .map(|path| path.display().to_string());
    if fed_back.is_none()
        && reads_stdin
        && matches!(stdout, Stream::Open { regular: true, .. })
        && Stream::of(0, false) == stdout
    {
        fed_back = Some("stdin".to_string());
    }
    match fed_back {
        Some(input) => Err(format!(
            "stdout is the input {input}: the output would overwrite it or feed back into \
             it; write it elsewhere"
        )),
        None => Ok(stdout),
    }
}

/// Is `rdev` the device number of `/dev/null`?
fn is_dev_null(rdev: libc::dev_t) -> bool {
    use std::os::unix::fs::MetadataExt;
    #[allow(clippy::unnecessary_cast)] // the field types differ between platforms
    fs::metadata("/dev/null").is_ok_and(|m| m.rdev() == rdev as u64)
}

/// Is `path`, as named, a standard stream or a descriptor of a process rather than a
/// file (`/dev/stdin`, `/dev/fd/3`, `/proc/self/fd/0`)? Opening it opens whatever the
/// descriptor holds; `-i` would rewrite a file the user never named.
pub fn names_a_descriptor(path: &Path) -> bool {
    let Ok(abs) = std::path::absolute(path) else {
        return false;
    };
    let parts: Vec<_> = abs.components().map(|c| c.as_os_str().to_owned()).collect();
    let part = |i: usize| parts.get(i).and_then(|p| p.to_str());
    matches!(
        (part(1), part(2), part(3)),
        (Some("dev"), Some("stdin" | "stdout" | "stderr" | "fd"), _)
            | (Some("proc"), Some(_), Some("fd"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_are_told_from_files() {
        for p in [
            "/dev/stdin",
            "/dev/fd/3",
            "/proc/self/fd/0",
            "/proc/42/fd/1",
        ] {
            assert!(names_a_descriptor(Path::new(p)), "{p}");
        }
        for p in ["/dev/shm/notes.txt", "notes.txt", "/proc/cpuinfo", "fd/0"] {
            assert!(!names_a_descriptor(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn a_closed_descriptor_is_closed() {
        assert_eq!(Stream::of(987, true), Stream::Closed);
    }
}
