//! Turning the paths on the command line into the list of inputs: stdin, named files,
//! and the files found by walking directories.

use ignore::overrides::{Override, OverrideBuilder};
use ignore::WalkBuilder;
use std::collections::HashSet;
use std::fs;
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

    /// Was this file found by walking a directory?
    pub fn walked(&self) -> bool {
        matches!(self, Input::File { walked: true, .. })
    }
}

/// The inputs named by `paths` (stdin when there is none), in order, and one message
/// per path that could not be read. Directories are walked in file-name order,
/// honouring `.gitignore` and `.ignore` (also outside a git repository), skipping hidden
/// entries and symbolic links; `globs` filter what walking finds.
///
/// # Errors
/// A malformed glob.
pub fn collect(paths: &[PathBuf], globs: &[String]) -> Result<(Vec<Input>, Vec<String>), String> {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    if paths.is_empty() {
        inputs.push(Input::Stdin);
    }
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Err(e) => errors.push(format!("{}: {}", path.display(), describe(&e))),
            Ok(meta) if meta.is_dir() => walk(path, globs, &mut inputs, &mut errors)?,
            Ok(_) => inputs.push(Input::File {
                path: path.clone(),
                walked: false,
            }),
        }
    }
    Ok((inputs, errors))
}

fn walk(
    root: &Path,
    globs: &[String],
    inputs: &mut Vec<Input>,
    errors: &mut Vec<String>,
) -> Result<(), String> {
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
                    && !chosen.matched(entry.path(), false).is_ignore() =>
            {
                inputs.push(Input::File {
                    path: entry.into_path(),
                    walked: true,
                })
            }
            Ok(_) => {}
            Err(e) => errors.push(e.to_string()),
        }
    }
    Ok(())
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

/// Keeps the first of inputs that are the same file (after following links), so that
/// no file is rewritten twice at once.
pub fn dedup_files(inputs: Vec<Input>) -> Vec<Input> {
    let mut seen = HashSet::new();
    inputs
        .into_iter()
        .filter(|input| match input {
            Input::Stdin => true,
            Input::File { path, .. } => {
                seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            }
        })
        .collect()
}

/// An I/O error as a short message, without Rust's "(os error N)" suffix.
pub fn describe(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_path_is_stdin_and_dash_is_stdin() {
        let (inputs, errors) = collect(&[], &[]).unwrap();
        assert_eq!(inputs, [Input::Stdin]);
        assert!(errors.is_empty());
        let (inputs, _) = collect(&[PathBuf::from("-")], &[]).unwrap();
        assert_eq!(inputs, [Input::Stdin]);
    }

    #[test]
    fn missing_paths_are_reported() {
        let (inputs, errors) = collect(&[PathBuf::from("/no/such/laoclean")], &[]).unwrap();
        assert!(inputs.is_empty());
        assert_eq!(errors, ["/no/such/laoclean: No such file or directory"]);
    }

    #[test]
    fn bad_globs_are_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(collect(&[dir.path().to_path_buf()], &["a[".to_string()]).is_err());
    }
}
