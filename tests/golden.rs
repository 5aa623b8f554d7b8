//! Golden tests: every corpus sample cleaned with the default settings must match the
//! reviewed expected output in `tests/golden/clean/`, and cleaning that output again must
//! change nothing (no edits, no suggestions that would be applied).
//!
//! After a deliberate change of behaviour, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --release --test golden`, then read the diff
//! (`git diff tests/golden`) before committing it.

mod common;

use common::{check_golden, samples};
use laoclean::Cleaner;
use std::fs;
use std::path::Path;

#[test]
fn corpus_samples_clean_to_the_reviewed_output() {
    let cleaner = Cleaner::default();
    check_golden(Path::new("tests/golden/clean"), |text| {
        cleaner.clean(text).into_owned()
    });
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
