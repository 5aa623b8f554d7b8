//! Helpers shared by the golden tests (`tests/golden.rs`, `tests/segment.rs`).

use std::fs;
use std::path::{Path, PathBuf};

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
