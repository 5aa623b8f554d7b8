//! Turning the paths on the command line into the list of inputs: stdin, named files,
//! and the files found by walking directories.

use super::message::describe;
use ignore::overrides::{Override, OverrideBuilder};
use ignore::WalkBuilder;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// One thing to clean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file; `walked` when it was found in a directory rather than named.
    File { path: PathBuf, walked: bool },
}

impl Input {
    /// The name used in messages.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File { path, .. } => path.display().to_string(),
        }
    }

    /// The name used in reports (`-` for stdin).
    pub fn report_name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File { path, .. } => path.display().to_string(),
        }
    }

    /// Writes the name as an entry of a file list (`--check`), ended by `end` (a line
    /// break, or NUL with `--null`): on Unix the path's own bytes, so that a name that
    /// is not UTF-8 can still be passed on to other tools (`xargs`), as `ripgrep -l`
    /// does; elsewhere as in messages.
    pub fn write_list_line(&self, w: &mut impl std::io::Write, end: u8) -> std::io::Result<()> {
        match self {
            #[cfg(unix)]
            Input::File { path, .. } => {
                use std::os::unix::ffi::OsStrExt;
                w.write_all(path.as_os_str().as_bytes())?;
            }
            _ => write!(w, "{}", self.display())?,
        }
        w.write_all(&[end])
    }

    /// Was this file found by walking a directory?
    pub fn walked(&self) -> bool {
        matches!(self, Input::File { walked: true, .. })
    }
}

/// The extensions of the files a directory walk cleans when no `--glob` is given: text
/// documents. Data and source files (`.csv`, `.tsv`, `.json`, `.html`, `.py`…) are not
/// prose, so a walk leaves them alone unless `--glob` names them; a file named on the
/// command line is always cleaned.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "rst", "org"];

/// The files a directory walk takes with `--jsonl` when no `--glob` is given.
pub const JSONL_GLOBS: &[&str] = &["*.jsonl", "*.ndjson"];

/// Is `path` a text document by its name: one of [`DOCUMENT_EXTENSIONS`] (any case), or
/// no extension at all?
fn is_document(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => DOCUMENT_EXTENSIONS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(ext)),
    }
}

/// Does a file name ending in `suffix` look like a file a walk takes by default: a
/// document (`.txt` …) or, with `--jsonl`, a JSON Lines file? (Any case.)
pub fn named_like_a_document(suffix: &OsStr) -> bool {
    let suffix = suffix.to_string_lossy();
    let Some((_, ext)) = suffix.rsplit_once('.') else {
        return false;
    };
    let jsonl = JSONL_GLOBS.iter().map(|g| g.trim_start_matches("*."));
    DOCUMENT_EXTENSIONS
        .iter()
        .copied()
        .chain(jsonl)
        .any(|d| d.eq_ignore_ascii_case(ext))
}

/// What [`collect`] finds: the inputs, the paths that could not be read, the notes of
/// directories in which nothing was found.
pub type Collected = (Vec<Input>, Vec<PathError>, Vec<String>);

/// A path that could not be read: the file (or directory) as named, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// The path, as given or as the walk found it.
    pub file: String,
    /// What went wrong, without the path.
    pub error: String,
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.error)
    }
}

impl PathError {
    /// An error of the walk under `root`, with the path it names where it names one.
    fn of_walk(root: &Path, e: &ignore::Error) -> PathError {
        fn parts(e: &ignore::Error) -> (Option<&Path>, String) {
            match e {
                ignore::Error::WithPath { path, err } => (Some(path), parts(err).1),
                ignore::Error::WithDepth { err, .. }
                | ignore::Error::WithLineNumber { err, .. } => parts(err),
                // The walk's own wording names the path again ("IO error for operation
                // on dir: Permission denied"): the system's alone.
                ignore::Error::Io(io) => (None, describe(&system_error(io))),
                other => (None, other.to_string()),
            }
        }
        let (path, error) = parts(e);
        PathError {
            file: path.unwrap_or(root).display().to_string(),
            error,
        }
    }
}

/// The system's error under an error of the walk, which wraps it with words of its own
/// that name the path again ("IO error for operation on dir: Permission denied").
fn system_error(io: &std::io::Error) -> std::io::Error {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = io.get_ref().map(|e| e as _);
    while let Some(e) = cause {
        if let Some(code) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|e| e.raw_os_error())
        {
            return std::io::Error::from_raw_os_error(code);
        }
        cause = e.source();
    }
    match io.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(io.kind(), io.to_string()),
    }
}

/// The inputs named by `paths` (stdin when there is none), in order, one message per
/// path that could not be read, and one note per directory in which the walk found
/// nothing to clean (a `.gitignore` above it, or no file the globs choose). Directories are walked in file-name order,
/// honouring `.gitignore` and `.ignore` (also outside a git repository), skipping hidden
/// entries and symbolic links; `globs` choose what walking finds (by default, the
/// [`DOCUMENT_EXTENSIONS`]). Walked files whose name ends with `backup_suffix` are
/// backups of an earlier run and are skipped.
///
/// # Errors
/// A malformed glob.
pub fn collect(
    paths: &[PathBuf],
    globs: &[String],
    backup_suffix: Option<&OsStr>,
) -> Result<Collected, String> {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    if paths.is_empty() {
        inputs.push(Input::Stdin);
    }
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Err(e) => errors.push(PathError {
                file: path.display().to_string(),
                error: describe(&e),
            }),
            Ok(meta) if meta.is_dir() => {
                let (before, failed) = (inputs.len(), errors.len());
                walk(path, globs, backup_suffix, &mut inputs, &mut errors)?;
                // (A directory that could not be read has its error, not this note.)
                if inputs.len() == before && errors.len() == failed {
                    notes.push(format!(
                        "{}: no file to clean found (the files chosen: text documents or \
                         --glob; .gitignore and .ignore files honoured, also above it)",
                        path.display()
                    ));
                }
            }
            Ok(_) => inputs.push(Input::File {
                path: path.clone(),
                walked: false,
            }),
        }
    }
    Ok((inputs, errors, notes))
}

fn walk(
    root: &Path,
    globs: &[String],
    backup_suffix: Option<&OsStr>,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<PathError>,
) -> Result<(), String> {
    let is_backup = |path: &Path| {
        backup_suffix.is_some_and(|suffix| {
            path.file_name()
                .is_some_and(|n| n.as_encoded_bytes().ends_with(suffix.as_encoded_bytes()))
        })
    };
    let mut walker = WalkBuilder::new(root);
    walker
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    // The globs filter what the walk finds; they do not override .gitignore or hidden
    // files as `WalkBuilder::overrides` would.
    let chosen = overrides(root, globs)?;
    for entry in walker.build() {
        match entry {
            Ok(entry)
                if entry.file_type().is_some_and(|t| t.is_file())
                    && chosen_by(&chosen, globs, entry.path())
                    && !is_backup(entry.path()) =>
            {
                inputs.push(Input::File {
                    path: entry.into_path(),
                    walked: true,
                })
            }
            Ok(_) => {}
            Err(e) => errors.push(PathError::of_walk(root, &e)),
        }
    }
    Ok(())
}

/// Does the walk take `path`: matched by the globs when there are any, else a document?
/// Globs that only exclude (`!*.md`) exclude from the documents, not from every file.
fn chosen_by(chosen: &Override, globs: &[String], path: &Path) -> bool {
    if globs.is_empty() {
        is_document(path)
    } else if globs.iter().all(|g| g.starts_with('!')) {
        is_document(path) && !chosen.matched(path, false).is_ignore()
    } else {
        !chosen.matched(path, false).is_ignore()
    }
}

fn overrides(root: &Path, globs: &[String]) -> Result<Override, String> {
    let mut builder = OverrideBuilder::new(root);
    for glob in globs {
        builder
            .add(glob)
            .map_err(|e| format!("bad --glob `{glob}`: {e}"))?;
    }
    builder.build().map_err(|e| format!("bad --glob: {e}"))
}

/// Keeps the first of inputs that name the same file (the same path once symbolic
/// links are resolved), so that no file is rewritten twice. Hard links are names of
/// their own: a rewrite gives the name it went through a new file, so each named link
/// is cleaned, as `sed -i` does.
pub fn dedup_files(inputs: Vec<Input>) -> Vec<Input> {
    let mut seen = HashSet::new();
    inputs
        .into_iter()
        .filter(|input| match input {
            Input::Stdin => true,
            Input::File { path, .. } => match fs::canonicalize(path) {
                Ok(real) => seen.insert(real),
                Err(_) => true, // reported when it is opened
            },
        })
        .collect()
}

/// The device and inode of the file at `path` (links followed), if it exists: the one
/// test of "the same file" under every name, link or relative path.
pub fn file_id(path: &Path) -> Option<(u64, u64)> {
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The input that `path` (an existing file, links followed) is, if any: writing a
/// report there would destroy it before it is read.
pub fn input_at(inputs: &[Input], path: &Path) -> Option<PathBuf> {
    let id = file_id(path)?;
    inputs.iter().find_map(|input| match input {
        Input::File { path: p, .. } => (file_id(p) == Some(id)).then(|| p.clone()),
        Input::Stdin => None,
    })
}

/// With `-i --backup SUFFIX` where the suffix makes a document's name (`.txt`): refused
/// when a directory is walked (a document would be taken for the backup of another file
/// and written over by it, `notes` and `notes.txt`), or when a file stands where the
/// backup of a named file would go (more likely a document of its own than the backup
/// of an earlier run).
pub fn document_backup_clash(paths: &[PathBuf], suffix: &OsStr) -> Option<String> {
    if !named_like_a_document(suffix) {
        return None;
    }
    let suffix_text = suffix.to_string_lossy();
    if paths.iter().any(|p| p.is_dir()) {
        return Some(format!(
            "--backup {suffix_text}: backups would be named like the documents a directory \
             walk cleans; choose another suffix (such as .orig)"
        ));
    }
    let taken = paths.iter().find(|p| {
        p.is_file()
            && fs::canonicalize(p).is_ok_and(|t| {
                super::write::backup_path(&t, suffix)
                    .symlink_metadata()
                    .is_ok()
            })
    })?;
    Some(format!(
        "--backup {suffix_text}: the backup of {} would replace a file of that name, named \
         like a document; choose another suffix (such as .orig)",
        taken.display()
    ))
}

/// What else than an input a `--report-file` path is, that writing the report would
/// destroy or that would destroy the report: the `--config` file, a `--dict` file, or
/// with `-i --backup` the backup of an input (existing or to be made).
pub fn report_clash(
    report: &Path,
    args: &super::args::CleanArgs,
    inputs: &[Input],
) -> Option<String> {
    let same = |a: &Path, b: &Path| file_id(a).is_some_and(|id| file_id(b) == Some(id));
    if let Some(config) = args.config.as_deref().filter(|c| same(report, c)) {
        return Some(format!("the --config file {}", config.display()));
    }
    if let Some(dict) = args.dicts.iter().find(|d| same(report, d)) {
        return Some(format!("the --dict file {}", dict.display()));
    }
    let suffix = args.backup.as_deref().filter(|_| args.in_place)?;
    // The report's path as the backups' are made: its directory with links resolved.
    let name = report.file_name()?;
    let dir = match report.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let report = fs::canonicalize(dir).ok()?.join(name);
    inputs.iter().find_map(|input| {
        let Input::File { path, .. } = input else {
            return None;
        };
        let backup = super::write::backup_path(&fs::canonicalize(path).ok()?, suffix);
        (backup == report || same(&backup, &report))
            .then(|| format!("the backup of the input {}", path.display()))
    })
}

/// With `-i --backup SUFFIX`: an input whose backup would be another input (both named
/// on the command line) is refused, as writing the backup would overwrite that input.
pub fn backup_clash(inputs: &[Input], suffix: &OsStr) -> Option<String> {
    let ids: HashSet<(u64, u64)> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File { path, .. } => file_id(path),
            Input::Stdin => None,
        })
        .collect();
    inputs.iter().find_map(|input| {
        let Input::File { path, .. } = input else {
            return None;
        };
        let target = fs::canonicalize(path).ok()?;
        let backup = super::write::backup_path(&target, suffix);
        ids.contains(&file_id(&backup)?).then(|| {
            format!(
                "{}: its backup {} is also an input; clean them in separate runs",
                path.display(),
                backup.display()
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_path_is_stdin_and_dash_is_stdin() {
        let (inputs, errors, _) = collect(&[], &[], None).unwrap();
        assert_eq!(inputs, [Input::Stdin]);
        assert!(errors.is_empty());
        let (inputs, _, _) = collect(&[PathBuf::from("-")], &[], None).unwrap();
        assert_eq!(inputs, [Input::Stdin]);
    }

    #[test]
    fn missing_paths_are_reported() {
        let (inputs, errors, _) =
            collect(&[PathBuf::from("/no/such/laoclean")], &[], None).unwrap();
        assert!(inputs.is_empty());
        assert_eq!(
            errors,
            [PathError {
                file: "/no/such/laoclean".into(),
                error: "No such file or directory".into()
            }]
        );
        assert_eq!(
            errors[0].to_string(),
            "/no/such/laoclean: No such file or directory"
        );
    }

    #[test]
    fn bad_globs_are_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(collect(&[dir.path().to_path_buf()], &["a[".to_string()], None).is_err());
    }

    #[test]
    fn walks_take_documents_and_skip_backups() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.txt",
            "b.MD",
            "notes",
            "data.csv",
            "code.py",
            "a.txt.orig",
        ] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        let names = |globs: &[String], suffix: Option<&OsStr>| -> Vec<String> {
            let (inputs, _, _) = collect(&[dir.path().to_path_buf()], globs, suffix).unwrap();
            inputs
                .iter()
                .map(|i| match i {
                    Input::File { path, .. } => {
                        path.file_name().unwrap().to_string_lossy().into_owned()
                    }
                    Input::Stdin => "-".into(),
                })
                .collect()
        };
        assert_eq!(
            names(&[], Some(OsStr::new(".orig"))),
            ["a.txt", "b.MD", "notes"]
        );
        assert_eq!(names(&["*.csv".to_string()], None), ["data.csv"]);
        assert_eq!(
            names(&["*.orig".to_string()], Some(OsStr::new(".orig"))),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_symbolic_link_is_its_target_and_a_hard_link_a_name_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        let l = dir.path().join("l.txt");
        fs::write(&a, "x").unwrap();
        fs::hard_link(&a, &b).unwrap();
        std::os::unix::fs::symlink(&a, &l).unwrap();
        let file = |path: &Path| Input::File {
            path: path.to_path_buf(),
            walked: false,
        };
        let inputs = vec![file(&a), file(&l), file(&b), file(&a)];
        assert_eq!(dedup_files(inputs), [file(&a), file(&b)]);
    }
}
