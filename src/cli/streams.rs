//! Where the standard streams go, checked before anything is read: a stdout open only
//! for reading (`1<file`) would lose the output without a word (Rust's standard library
//! takes writes that fail as on a closed descriptor as done), and a stdout that is one
//! of the inputs (`laoclean notes.txt >> notes.txt`) would feed the output back into the
//! input or overwrite it. A stdout closed when the process starts (`>&-`) cannot be told
//! here: Rust's runtime opens /dev/null in its place, for reading and writing, as
//! Python's `subprocess.DEVNULL` does for a stdout that is meant to go nowhere.

use std::fs;
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
        let kind = stat.st_mode & libc::S_IFMT;
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
        match self {
            Stream::Open { id, .. } => super::files::file_id(path) == Some(id),
            Stream::Closed => false,
        }
    }
}

/// Checks that `stdout` can carry output that is printed while `files` (and stdin, if
/// `reads_stdin`) are read: it is open for writing, and none of them.
pub fn check_stdout<'p>(
    stdout: Stream,
    files: impl IntoIterator<Item = &'p Path>,
    reads_stdin: bool,
) -> Result<(), String> {
    if stdout == Stream::Closed {
        return Err(
            "stdout is not open for writing: nothing could be printed; redirect \
                    it to a file or /dev/null"
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
        None => Ok(()),
    }
}

/// Is `path` a standard stream or a descriptor of a process rather than a file
/// (`/dev/stdin`, `/dev/fd/3`, `/proc/self/fd/0`, or a link to one)? Opening it opens
/// whatever the descriptor holds; `-i` would rewrite a file the user never named.
pub fn names_a_descriptor(path: &Path) -> bool {
    let Ok(mut p) = std::path::absolute(path).map(|p| lexically_normal(&p)) else {
        return false;
    };
    // Its folder with links resolved (`/dev/fd` is one), then the name itself if it is
    // a link, and so on (as the system would, up to its limit on links).
    for _ in 0..40 {
        if is_descriptor_path(&p) {
            return true;
        }
        let (Some(parent), Some(name)) = (p.parent(), p.file_name()) else {
            return false;
        };
        let Ok(dir) = fs::canonicalize(parent) else {
            return false;
        };
        let here = dir.join(name);
        if is_descriptor_path(&here) {
            return true;
        }
        match fs::read_link(&here) {
            Ok(target) => p = lexically_normal(&dir.join(target)),
            Err(_) => return false,
        }
    }
    false
}

/// Is the absolute, normal `path` under `/dev/fd`, `/proc/*/fd`, or a standard stream
/// of `/dev`?
fn is_descriptor_path(path: &Path) -> bool {
    let parts: Vec<_> = path
        .components()
        .map(|c| c.as_os_str().to_owned())
        .collect();
    let part = |i: usize| parts.get(i).and_then(|p| p.to_str());
    matches!(
        (part(1), part(2), part(3)),
        (Some("dev"), Some("stdin" | "stdout" | "stderr" | "fd"), _)
            | (Some("proc"), Some(_), Some("fd"))
    )
}

/// `path` with its `.` and `..` taken out by the letter (`/dev/../dev/stdin` is
/// `/dev/stdin`).
fn lexically_normal(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_are_told_from_files() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("in");
        std::os::unix::fs::symlink("/dev/stdin", &link).unwrap();
        let link = link.to_str().unwrap();
        for p in [
            link,
            "/dev/../dev/stdin",
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
