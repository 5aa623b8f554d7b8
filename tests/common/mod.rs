//! Helpers shared by the integration tests: the golden comparison (`tests/golden.rs`,
//! `tests/segment.rs`) and the command builder and files of the process tests
//! (`tests/cli.rs`, `tests/scale.rs`). Each test binary uses a part of them.
#![allow(dead_code)]

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

/// The `laoclean` binary of this build, with no colour or fault-injection settings
/// inherited from the environment.
pub fn laoclean() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_laoclean"));
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("LAOCLEAN_TEST_FAIL_BEFORE_RENAME");
    cmd
}

/// Writes `text` to `dir/name` (creating parent directories) and returns the path.
pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, text).unwrap();
    path
}

/// The five corpus samples, in name order.
pub fn samples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir("corpus-samples")
        .expect("corpus-samples/ is part of the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "the five corpus samples");
    files
}

/// Compares `output(sample text)` of every sample with its reviewed file in `dir`
/// (same file name); with `UPDATE_GOLDEN` set, writes the files instead. Fails naming
/// each sample that differs and its first differing line.
pub fn check_golden(dir: &Path, output: impl Fn(&str) -> String) {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for sample in samples() {
        let out = output(&fs::read_to_string(&sample).unwrap());
        let golden = dir.join(sample.file_name().unwrap());
        if update {
            fs::create_dir_all(dir).unwrap();
            fs::write(&golden, &out).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!("{} is missing: run with UPDATE_GOLDEN=1", golden.display())
        });
        if out != expected {
            let line = out
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .map_or(0, |i| i + 1);
            mismatches.push(format!(
                "{} (first difference on line {line})",
                sample.display()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "output differs from golden in {}: {mismatches:#?}",
        dir.display()
    );
}
