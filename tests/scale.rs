//! The command line at scale, run as a process: `--jsonl` records, long lines cut into
//! blocks, thread counts and block budgets, and a silent stderr off a terminal.
//!
//! Texts that must change use a Lao digit (໓ becomes 3 with the default settings) or ເເ
//! (becomes ແ).

mod common;

use common::{laoclean, write};
use laoclean::jsonl::{clean_record, FieldPath};
use laoclean::Cleaner;
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// The corpus samples, concatenated.
fn samples() -> String {
    common::samples()
        .iter()
        .map(|p| fs::read_to_string(p).unwrap() + "\n\n")
        .collect()
}

// ---------------------------------------------------------------- --jsonl

#[test]
fn jsonl_cleans_the_named_fields_and_keeps_every_other_byte() {
    let input = concat!(
        r#"{"id": 1, "text": "ເລກທີ ໓໓", "meta": {"title": "ເເລະ", "n": 1.50}, "x": "໓"}"#,
        "\r\n",
        r#"{"text":"\u0e99\u0ecd\u0ec9\u0eb2","meta":{"title":["໓"]},"n":1e3}"#,
        "\n",
        "\n",
        r#"{"other":"໓"}"#,
    );
    let expected = concat!(
        r#"{"id": 1, "text": "ເລກທີ 33", "meta": {"title": "ແລະ", "n": 1.50}, "x": "໓"}"#,
        "\r\n",
        r#"{"text":"ນ້ຳ","meta":{"title":["໓"]},"n":1e3}"#,
        "\n",
        "\n",
        r#"{"other":"໓"}"#,
    );
    laoclean()
        .args(["--jsonl", "--field", "text", "--field", "meta.title"])
        .write_stdin(input)
        .assert()
        .success()
        .stdout(expected)
        .stderr("");
}

#[test]
fn jsonl_cleans_text_when_no_field_is_named() {
    laoclean()
        .arg("--jsonl")
        .write_stdin("{\"text\":\"໓\",\"title\":\"໓\"}\n")
        .assert()
        .success()
        .stdout("{\"text\":\"3\",\"title\":\"໓\"}\n");
}

#[test]
fn jsonl_keeps_order_across_batches_and_threads() {
    // More lines than one batch holds, each record cleaned as the library cleans it.
    let paragraphs: Vec<String> = samples()
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect();
    let mut input = String::new();
    for i in 0..40_000 {
        let p = &paragraphs[i % paragraphs.len()];
        let text = if i % 5 == 0 {
            format!("{p} ໓")
        } else {
            p.clone()
        };
        let record = serde_json::json!({"id": i, "text": text, "meta": {"title": "ເເ"}});
        input.push_str(&record.to_string());
        input.push('\n');
    }
    let fields = [FieldPath::parse("text").unwrap()];
    let cleaner = Cleaner::default();
    let expected: String = input
        .lines()
        .map(|l| clean_record(&cleaner, l, &fields, false).unwrap().line + "\n")
        .collect();
    assert_ne!(expected, input);
    for threads in ["1", "2", "3"] {
        let out = laoclean()
            .args(["--jsonl", "-j", threads])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(out.stdout == expected.as_bytes(), "-j{threads} differs");
    }
}

#[test]
fn a_malformed_line_is_an_error_naming_the_file_and_line() {
    let dir = TempDir::new().unwrap();
    let file = write(
        dir.path(),
        "in.jsonl",
        "{\"text\":\"໓\"}\n{\"text\":\"ກ\"}\n{\"text\": ໓}\n{\"text\":\"໓\"}\n",
    );
    laoclean()
        .arg("--jsonl")
        .arg(&file)
        .assert()
        .code(2)
        .stdout("{\"text\":\"3\"}\n{\"text\":\"ກ\"}\n")
        .stderr(predicate::str::contains(format!(
            "{}: line 3: not a JSON object",
            file.display()
        )));
    // Not UTF-8, or not an object: malformed too.
    for bad in [&b"{\"text\":\"\xFF\"}\n"[..], b"[1]\n", b"{\"a\":1} x\n"] {
        laoclean()
            .arg("--jsonl")
            .write_stdin(bad)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("<stdin>: line 1:"));
    }
}

#[test]
fn skip_bad_passes_malformed_lines_through_and_counts_them() {
    let input = b"{\"text\":\"\xFF\"}\nnope\n{\"text\":\"\xE0\xBB\x93\"}\n";
    laoclean()
        .args(["--jsonl", "--skip-bad"])
        .write_stdin(&input[..])
        .assert()
        .success()
        .stdout(&b"{\"text\":\"\xFF\"}\nnope\n{\"text\":\"3\"}\n"[..])
        .stderr("laoclean: 2 malformed lines passed through unchanged (--skip-bad)\n");
    laoclean()
        .args(["--jsonl", "--skip-bad", "-q"])
        .write_stdin(&input[..])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn jsonl_report_lines_carry_the_record_line_and_field() {
    let dir = TempDir::new().unwrap();
    let report = dir.path().join("edits.jsonl");
    laoclean()
        .args(["--jsonl", "--field", "text", "--field", "meta.title"])
        .args(["--report", "jsonl", "--report-file"])
        .arg(&report)
        .write_stdin("{\"text\":\"ກ\"}\n{\"meta\":{\"title\":\"ເເ\"},\"text\":\"ກ ໓\"}\n")
        .assert()
        .success()
        .stdout("{\"text\":\"ກ\"}\n{\"meta\":{\"title\":\"ແ\"},\"text\":\"ກ 3\"}\n");
    let lines: Vec<serde_json::Value> = fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let places: Vec<(u64, &str, u64, u64, &str)> = lines
        .iter()
        .map(|v| {
            (
                v["line"].as_u64().unwrap(),
                v["field"].as_str().unwrap(),
                v["start"].as_u64().unwrap(),
                v["end"].as_u64().unwrap(),
                v["file"].as_str().unwrap(),
            )
        })
        .collect();
    // Offsets are bytes in the decoded field value.
    assert_eq!(
        places,
        [(2, "meta.title", 0, 6, "-"), (2, "text", 4, 7, "-")]
    );
}

#[test]
fn jsonl_json_report_is_one_document_with_records_per_file() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.jsonl", "{\"text\":\"໓\"}\n");
    let b = write(dir.path(), "b.jsonl", "{\"text\":\"ກ\"}\nbad\n");
    let report = dir.path().join("r.json");
    laoclean()
        .args(["--jsonl", "--report", "json", "--report-file"])
        .arg(&report)
        .arg(&a)
        .arg(&b)
        .assert()
        .code(2);
    let doc: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["records"][0]["line"], 1);
    assert_eq!(files[0]["records"][0]["fields"][0]["field"], "text");
    assert_eq!(files[1]["records"].as_array().unwrap().len(), 0);
    assert!(files[1]["error"].as_str().unwrap().starts_with("line 2:"));
}

#[test]
fn jsonl_in_place_rewrites_good_files_and_leaves_bad_ones() {
    let dir = TempDir::new().unwrap();
    let good = write(dir.path(), "good.jsonl", "{\"text\":\"໓\",\"n\":1.0}\n");
    let same = write(dir.path(), "same.jsonl", "{\"text\":\"ກ\"}\n");
    let bad = write(dir.path(), "bad.jsonl", "{\"text\":\"໓\"}\n{\n");
    laoclean()
        .args(["--jsonl", "-i"])
        .args([&good, &same, &bad])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl: line 2:"))
        .stderr(predicate::str::contains(
            "1 of 3 files changed (1 had an error and was left untouched)",
        ));
    assert_eq!(
        fs::read_to_string(&good).unwrap(),
        "{\"text\":\"3\",\"n\":1.0}\n"
    );
    assert_eq!(fs::read_to_string(&same).unwrap(), "{\"text\":\"ກ\"}\n");
    assert_eq!(fs::read_to_string(&bad).unwrap(), "{\"text\":\"໓\"}\n{\n");
    // --check lists what would change.
    let again = write(dir.path(), "again.jsonl", "{\"text\":\"໓\"}\n");
    laoclean()
        .args(["--jsonl", "--check"])
        .args([&same, &again])
        .assert()
        .code(1)
        .stdout(format!("{}\n", again.display()));
}

#[test]
fn jsonl_flags_need_jsonl_and_refuse_diff() {
    laoclean()
        .args(["--field", "text"])
        .write_stdin("")
        .assert()
        .code(2);
    laoclean()
        .args(["--skip-bad"])
        .write_stdin("")
        .assert()
        .code(2);
    laoclean()
        .args(["--jsonl", "--diff"])
        .write_stdin("")
        .assert()
        .code(2);
    laoclean()
        .args(["--jsonl", "--field", "a..b"])
        .write_stdin("{}\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad field path"));
}

// ---------------------------------------------------------------- progress

#[test]
fn stderr_off_a_terminal_stays_silent_on_a_directory() {
    let dir = TempDir::new().unwrap();
    for i in 0..50 {
        write(dir.path(), &format!("d{}/f{i}.txt", i % 3), "ເລກ ໓\n");
    }
    laoclean().arg(dir.path()).assert().success().stderr("");
    laoclean()
        .arg("--check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr("");
}

// ---------------------------------------------------------------- long lines

/// Lines of `line_bytes` or more without a break: corpus text with its line ends made
/// into spaces, and a run of Lao text without any space.
fn long_lines(total: usize, line_bytes: usize) -> String {
    let flat = samples().replace(['\n', '\r'], " ");
    let words: Vec<&str> = flat.split(' ').filter(|w| !w.is_empty()).collect();
    let mut text = String::new();
    let mut line = String::new();
    let mut i = 0;
    while text.len() < total {
        let w = words[i % words.len()];
        i += 1;
        line.push_str(w);
        // Now and then no space between words: a long stretch only clusters can cut.
        if i % 997 > 300 {
            line.push(' ');
        }
        if line.len() >= line_bytes {
            text.push_str(line.trim_end());
            text.push_str(if i % 2 == 0 { "\n" } else { "\n\n" });
            line.clear();
        }
    }
    text
}

#[test]
fn long_lines_give_the_same_output_for_any_threads() {
    // 6 MB in lines of 1.5 MB: longer than the default 1 MiB block budget.
    let text = long_lines(6 << 20, 3 << 19);
    let run = |args: &[&str]| {
        let out = laoclean()
            .args(args)
            .write_stdin(text.clone())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        out.stdout
    };
    let one = run(&["-j1"]);
    assert!(one == run(&["-j2"]), "-j1 and -j2 differ");
    // The cut lines are rejoined: as many line ends as in the input.
    let ends = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
    assert_eq!(ends(&one), ends(text.as_bytes()));
    // Smaller budgets cut more; the thread count still changes nothing.
    for budget in ["4096", "65536"] {
        let a = run(&["-j1", "--block-size", budget]);
        assert!(
            a == run(&["-j2", "--block-size", budget]),
            "budget {budget}"
        );
        assert_eq!(ends(&a), ends(text.as_bytes()));
    }
    // A budget above the longest line cleans each line whole: as the library does.
    let whole = Cleaner::default().clean(&text).into_owned();
    assert!(run(&["-j2", "--block-size", "4000000"]) == whole.as_bytes());
}

// ---------------------------------------------------------------- many files with -i

#[test]
fn many_files_in_place_across_groups_are_all_committed() {
    // More files than a group of commits holds (256), some clean, some bad.
    let dir = TempDir::new().unwrap();
    let mut dirty = Vec::new();
    for i in 0..300 {
        let name = format!("d{}/f{i:03}.txt", i % 7);
        let text: &[u8] = match i % 10 {
            0 => "ສະບາຍດີ\n".as_bytes(),
            9 => b"ok \xFF\n",
            _ => "ເລກ ໓\n".as_bytes(),
        };
        let path = write(dir.path(), &name, text);
        if !matches!(i % 10, 0 | 9) {
            dirty.push(path);
        }
    }
    let out = laoclean()
        .args(["-j2", "-i"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.ends_with(&format!(
            "{} of 300 files changed (30 had errors and were left untouched)\n",
            dirty.len()
        )),
        "{stderr}"
    );
    // The 30 bad files are named in input order.
    let bad: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("invalid UTF-8"))
        .collect();
    assert_eq!(bad.len(), 30);
    let mut sorted = bad.clone();
    sorted.sort();
    assert_eq!(bad, sorted);
    for path in &dirty {
        assert_eq!(fs::read_to_string(path).unwrap(), "ເລກ 3\n");
    }
    let leftovers = walk_names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with(".laoclean-"))
        .count();
    assert_eq!(leftovers, 0);
}

fn walk_names(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            names.extend(walk_names(&entry.path()));
        } else {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names
}
