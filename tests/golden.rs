//! Golden tests: every corpus sample cleaned with the default settings must match the
//! reviewed expected output in `tests/golden/clean/`, and cleaning that output again must
//! change nothing (no edits, no suggestions that would be applied).
//!
//! After a deliberate change of behaviour, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --release --test golden`, then read the diff
//! (`git diff tests/golden`) before committing it.

use laoclean::Cleaner;
use std::fs;
use std::path::{Path, PathBuf};

fn samples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir("corpus-samples")
        .expect("corpus-samples/ is part of the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "the five corpus samples");
    files
}

fn golden_path(sample: &Path) -> PathBuf {
    Path::new("tests/golden/clean").join(sample.file_name().unwrap())
}

#[test]
fn corpus_samples_clean_to_the_reviewed_output() {
    let cleaner = Cleaner::default();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for sample in samples() {
        let input = fs::read_to_string(&sample).unwrap();
        let output = cleaner.clean(&input);
        let golden = golden_path(&sample);
        if update {
            fs::write(&golden, output.as_bytes()).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!("{} is missing: run with UPDATE_GOLDEN=1", golden.display())
        });
        if output != expected {
            let line = output
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
        "output differs from golden: {mismatches:#?}"
    );
}

#[test]
fn cleaned_samples_are_left_alone() {
    let cleaner = Cleaner::default();
    for sample in samples() {
        let input = fs::read_to_string(&sample).unwrap();
        let once = cleaner.clean(&input).into_owned();
        let report = cleaner.clean_with_report(&once);
        assert_eq!(report.text, once, "{}: not idempotent", sample.display());
        assert!(
            report.edits.is_empty(),
            "{}: edits on clean text: {:#?}",
            sample.display(),
            report.edits
        );
    }
}

#[test]
fn report_spans_point_at_the_original_text() {
    let cleaner = Cleaner::default();
    for sample in samples() {
        let input = fs::read_to_string(&sample).unwrap();
        let report = cleaner.clean_with_report(&input);
        assert_eq!(report.text, cleaner.clean(&input), "{}", sample.display());
        for e in &report.edits {
            assert!(e.start <= e.end && e.end <= input.len(), "{e:?}");
            assert!(
                input.is_char_boundary(e.start) && input.is_char_boundary(e.end),
                "{e:?}"
            );
        }
    }
}
