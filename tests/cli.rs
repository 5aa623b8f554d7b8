//! The `laoclean` command line, run as a process: every flag and every error path.
//!
//! Texts that must change use a Lao digit (໓ becomes 3 with the default settings) or ເເ
//! (becomes ແ); `CLEAN` text never changes.

mod common;

use assert_cmd::Command;
use common::{laoclean, write};
use predicates::prelude::*;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Text the default settings change: "number ໓໓" and ເເ for ແ.
const DIRTY: &str = "ເລກທີ ໓໓\nເເລະ\n";
/// What `DIRTY` becomes.
const CLEANED: &str = "ເລກທີ 33\nແລະ\n";
/// Text that is already clean.
const CLEAN: &str = "ສະບາຍດີ\n";

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

/// The objects of a JSON Lines file (a `--report jsonl`).
fn json_lines(path: &Path) -> Vec<serde_json::Value> {
    read(path)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Names of leftover temporary files in `dir`.
fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".laoclean-"))
        .collect()
}

/// Can this process write where the permission bits say it may not (root)?
fn permissions_are_bypassed() -> bool {
    let dir = TempDir::new().unwrap();
    let probe = write(dir.path(), "probe", "x");
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o444)).unwrap();
    fs::OpenOptions::new().write(true).open(&probe).is_ok()
}

/// `chattr +i` on `path` until dropped; `None` where the file system or the process
/// cannot do it. Root cannot write through it, unlike through permission bits.
struct Immutable(PathBuf);

impl Immutable {
    fn set(path: &Path) -> Option<Immutable> {
        let ok = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

// ---- stdin and stdout ----

#[test]
fn stdin_is_cleaned_to_stdout() {
    laoclean()
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout(CLEANED)
        .stderr("");
}

#[test]
fn dash_reads_stdin() {
    laoclean()
        .arg("-")
        .write_stdin(CLEAN)
        .assert()
        .success()
        .stdout(CLEAN);
}

#[test]
fn clean_text_passes_through_byte_for_byte() {
    let text = "\u{FEFF}ສະບາຍດີ\r\n\r\nhello, world\r\nກ\n\n\nຂ";
    laoclean().write_stdin(text).assert().success().stdout(text);
}

#[test]
fn a_large_input_streams_through_unchanged() {
    // Several block budgets long, with paragraphs, long lines and CRLF.
    let mut text = String::new();
    for i in 0..80_000 {
        text.push_str(&format!("ສະບາຍດີ {i} ປະເທດລາວ"));
        text.push_str(match i % 7 {
            0 => "\n\n",
            1 => "\r\n",
            _ => " ",
        });
    }
    // The last piece ends in a space, which the spacing rules remove: end the text cleanly.
    text.push_str("ຈົບ\n");
    assert!(text.len() > 3 << 20);
    let out = laoclean().write_stdin(text.clone()).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout == text.as_bytes(),
        "output differs from the input"
    );
}

#[test]
fn files_are_printed_in_the_order_given() {
    let dir = TempDir::new().unwrap();
    let mut args = Vec::new();
    let mut expected = String::new();
    // More files than one parallel group, named so that no sorting would give this order.
    for i in (0..40).rev() {
        let text = format!("ໄຟລ໌ {i}\n");
        args.push(write(dir.path(), &format!("f{i:02}.txt"), &text));
        expected.push_str(&text);
    }
    for threads in ["1", "2"] {
        laoclean()
            .arg("-j")
            .arg(threads)
            .args(&args)
            .assert()
            .success()
            .stdout(expected.clone());
    }
}

#[test]
fn stdin_can_sit_between_files() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", "ກ\n");
    let b = write(dir.path(), "b.txt", "ຂ\n");
    laoclean()
        .arg(&a)
        .arg("-")
        .arg(&b)
        .write_stdin(CLEAN)
        .assert()
        .success()
        .stdout(format!("ກ\n{CLEAN}ຂ\n"));
}

// ---- directories ----

fn tree() -> TempDir {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "a.txt", "a\n");
    write(d, "c.md", "c\n");
    write(d, "sub/b.txt", "b\n");
    write(d, "ignored.txt", "ignored\n");
    write(d, "build/out.txt", "build\n");
    write(d, ".hidden.txt", "hidden\n");
    write(d, ".gitignore", "ignored.txt\nbuild/\n");
    write(d, "image.bin", b"PNG\0\0\x01\x02");
    dir
}

#[test]
fn directories_are_walked_honouring_gitignore_and_skipping_binary_files() {
    let dir = tree();
    laoclean()
        .arg(dir.path())
        .assert()
        .success()
        .stdout("a\nc\nb\n")
        .stderr("");
}

#[test]
fn globs_choose_the_files_found_by_walking() {
    let dir = tree();
    laoclean()
        .arg(dir.path())
        .args(["--glob", "*.txt"])
        .assert()
        .success()
        .stdout("a\nb\n");
    laoclean()
        .arg(dir.path())
        .args(["--glob", "*.txt", "--glob", "!sub/**"])
        .assert()
        .success()
        .stdout("a\n");
    laoclean()
        .arg(dir.path())
        .args(["--glob", "a["])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad --glob"));
    // Globs that only exclude take from the documents, not from every file: the CSV,
    // the JSON and the .orig copy are not cleaned.
    let dir = TempDir::new().unwrap();
    let listed = |args: &[&str]| {
        let out = laoclean()
            .current_dir(dir.path())
            .args(["--check", "--glob"])
            .args(args)
            .arg(".")
            .output()
            .unwrap();
        let mut names: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        names.sort();
        names
    };
    for file in ["a.txt", "b.md", "x.csv", "y.json", "a.txt.orig"] {
        write(dir.path(), file, DIRTY);
    }
    for file in ["z.jsonl", "w.jsonl"] {
        write(dir.path(), file, "{\"text\": \"ເເ\"}\n");
    }
    assert_eq!(listed(&["!*.md"]), ["./a.txt"]);
    assert_eq!(listed(&["!w.*", "--jsonl"]), ["./z.jsonl"]);
}

#[test]
fn a_walk_that_finds_nothing_says_so() {
    // A .gitignore above the folder, or no document in it: a note, not silence (a
    // --check that checked nothing exited 0 without a word); -q keeps quiet.
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".gitignore", "*.txt\n");
    write(dir.path(), "d/a.txt", DIRTY);
    write(dir.path(), "e/x.csv", DIRTY);
    for sub in ["d", "e"] {
        laoclean()
            .current_dir(dir.path())
            .args(["--check", sub])
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "{sub}: no file to clean found"
            )));
    }
    laoclean()
        .current_dir(dir.path())
        .args(["-q", "--check", "d"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn directories_are_cleaned_in_place() {
    let dir = tree();
    write(dir.path(), "sub/dirty.txt", DIRTY);
    write(dir.path(), "build/dirty.txt", DIRTY);
    laoclean().arg("-i").arg(dir.path()).assert().success();
    assert_eq!(read(&dir.path().join("sub/dirty.txt")), CLEANED);
    // Ignored by .gitignore: untouched.
    assert_eq!(read(&dir.path().join("build/dirty.txt")), DIRTY);
    assert_eq!(
        fs::read(dir.path().join("image.bin")).unwrap(),
        b"PNG\0\0\x01\x02"
    );
}

#[test]
fn a_temporary_directory_that_fails_is_named_not_the_input() {
    // Several inputs are printed in order; a text past 4 MiB waits in a file of TMPDIR.
    let dir = TempDir::new().unwrap();
    let big = write(dir.path(), "big.txt", "plain ASCII text\n".repeat(300_000));
    let small = write(dir.path(), "small.txt", CLEAN);
    let out = laoclean()
        .env("TMPDIR", dir.path().join("no-such-dir"))
        .arg(&big)
        .arg(&small)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("big.txt: cannot keep the cleaned text in the temporary directory")
            && said.contains("no-such-dir until it is printed"),
        "{said}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), CLEAN);
}

#[test]
fn a_report_past_memory_waits_in_the_temporary_directory() {
    // 20,000 edits: each file's report passes what is kept in memory and is written
    // from a file of TMPDIR, whole and in order, the same on one thread or two.
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", "ເເລະ\n".repeat(20_000));
    let b = write(dir.path(), "b.txt", "ເເລະ ໓\n");
    let tmp = dir.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    for threads in ["1", "2"] {
        let report = dir.path().join(format!("report-{threads}.json"));
        laoclean()
            .env("TMPDIR", &tmp)
            .args(["-j", threads, "--report", "json", "--report-file"])
            .arg(&report)
            .arg(&a)
            .arg(&b)
            .assert()
            .success();
        let v: serde_json::Value = serde_json::from_str(&read(&report)).unwrap();
        let edits = v["files"][0]["edits"].as_array().unwrap();
        assert_eq!(edits.len(), 20_000);
        assert_eq!(edits[19_999]["line"], 20_000);
        assert_eq!(v["files"][0]["changes"].as_array().unwrap().len(), 20_000);
        assert_eq!(v["files"][1]["edits"].as_array().unwrap().len(), 2);
    }
    let lines = json_lines(&{
        let report = dir.path().join("report.jsonl");
        laoclean()
            .env("TMPDIR", &tmp)
            .args(["--report", "jsonl", "--report-file"])
            .arg(&report)
            .arg(&a)
            .assert()
            .success();
        report
    });
    assert_eq!(lines.len(), 20_000);
    assert_eq!(lines[19_999]["start"], 19_999 * 13);
    assert!(
        fs::read_dir(&tmp).unwrap().next().is_none(),
        "spills deleted"
    );
}

#[test]
fn reports_waiting_their_turn_hold_no_file_descriptor() {
    // 300 files rewritten in place, each one's report and explanation spilled to the
    // temporary directory (no memory allowed for reports), under a limit of 64 open
    // files: the results of a group wait for its commit with their spills closed.
    let dir = TempDir::new().unwrap();
    let files = dir.path().join("files");
    for i in 0..300 {
        write(&files, &format!("f{i:03}.txt"), "ເເລະ ໓\n");
    }
    let tmp = dir.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    let report = dir.path().join("report.json");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#"ulimit -n 64 && exec "$@""#)
        .arg("bash")
        .arg(env!("CARGO_BIN_EXE_laoclean"))
        .args(["-i", "-q", "--explain", "--report", "json"])
        .args(["--report-memory", "0", "--report-file"])
        .arg(&report)
        .arg(&files)
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{said}");
    let v: serde_json::Value = serde_json::from_str(&read(&report)).unwrap();
    let entries = v["files"].as_array().unwrap();
    assert_eq!(entries.len(), 300);
    assert!(entries
        .iter()
        .all(|e| e["edits"].as_array().unwrap().len() == 2));
    assert_eq!(said.lines().count(), 600, "two explained edits a file");
    assert_eq!(read(&files.join("f299.txt")), "ແລະ 3\n");
    assert!(
        fs::read_dir(&tmp).unwrap().next().is_none(),
        "spills deleted"
    );
}

#[test]
fn a_report_that_cannot_be_kept_leaves_the_file_as_it_was() {
    // A report past what memory holds, and one that spills at its first bytes (no
    // memory allowed), in each format and as an explanation: the file fails before it
    // is rewritten.
    let runs: [&[&str]; 4] = [
        &["--report", "jsonl"],
        &["--report", "json", "--report-memory", "0"],
        &["--report", "jsonl", "--report-memory", "0"],
        &["--explain", "--report-memory", "0"],
    ];
    for (i, flags) in runs.iter().enumerate() {
        let dir = TempDir::new().unwrap();
        let dirty = "ເເລະ\n".repeat(if i == 0 { 20_000 } else { 3 });
        let a = write(dir.path(), "a.txt", &dirty);
        let report = dir.path().join("report");
        let mut cmd = laoclean();
        cmd.env("TMPDIR", dir.path().join("no-such-dir"))
            .arg("-i")
            .args(*flags);
        if flags[0] == "--report" {
            cmd.arg("--report-file").arg(&report);
        }
        let out = cmd.arg(&a).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("a.txt: cannot keep the report in the temporary directory")
                && said.contains("(set TMPDIR to another directory)"),
            "{flags:?}: {said}"
        );
        assert_eq!(read(&a), dirty, "{flags:?}");
        let error = match flags.get(1) {
            Some(&"jsonl") => {
                let lines = json_lines(&report);
                assert_eq!(lines.len(), 1);
                lines[0]["error"].clone()
            }
            Some(&"json") => {
                let v: serde_json::Value = serde_json::from_str(&read(&report)).unwrap();
                v["files"][0]["error"].clone()
            }
            _ => continue,
        };
        assert!(error
            .as_str()
            .unwrap()
            .starts_with("cannot keep the report"));
    }
}

#[test]
fn a_named_binary_file_is_an_error() {
    let dir = TempDir::new().unwrap();
    let bin = write(dir.path(), "image.bin", b"PNG\0\x01");
    let ok = write(dir.path(), "ok.txt", CLEAN);
    laoclean()
        .arg(&bin)
        .arg(&ok)
        .assert()
        .code(2)
        .stdout(CLEAN)
        .stderr(predicate::str::contains("image.bin: binary file"));
}

#[test]
fn utf16_text_is_named_as_such_named_or_walked() {
    // Windows' "Unicode" files: NUL bytes where the text has ASCII (a space), or none
    // (Lao alone) and a first byte that is no UTF-8. Named or found by a walk, each is
    // an error that says what it is; a binary file found by walking is still skipped.
    let dir = TempDir::new().unwrap();
    let utf16 = |text: &str, mark: [u8; 2], big: bool| -> Vec<u8> {
        let units = text.encode_utf16().flat_map(|u| match big {
            true => u.to_be_bytes(),
            false => u.to_le_bytes(),
        });
        mark.into_iter().chain(units).collect()
    };
    write(
        dir.path(),
        "d/le.txt",
        utf16("ສະບາຍດີ ເເລະ\n", [0xFF, 0xFE], false),
    );
    write(
        dir.path(),
        "d/be.txt",
        utf16("ສະບາຍດີເເລະ", [0xFE, 0xFF], true),
    );
    write(dir.path(), "d/image", b"PNG\0\x01");
    let out = laoclean()
        .current_dir(dir.path())
        .arg("d")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("d/le.txt: UTF-16 text (byte order mark FF FE)"),
        "{said}"
    );
    assert!(
        said.contains("d/be.txt: UTF-16 text (byte order mark FE FF)"),
        "{said}"
    );
    assert!(!said.contains("image"), "{said}");
    // And with -i, which opens the files itself: said, and the files left as they are.
    let before = std::fs::read(dir.path().join("d/le.txt")).unwrap();
    let out = laoclean()
        .current_dir(dir.path())
        .args(["-i", "d"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("d/le.txt: UTF-16 text (byte order mark FF FE)")
            && said.contains("d/be.txt: UTF-16 text (byte order mark FE FF)"),
        "{said}"
    );
    assert_eq!(std::fs::read(dir.path().join("d/le.txt")).unwrap(), before);
    // The same for `segment` (named or on stdin) and `--jsonl`.
    let le = dir.path().join("d/le.txt");
    laoclean()
        .arg("segment")
        .arg(&le)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "le.txt: UTF-16 text (byte order mark FF FE)",
        ));
    laoclean()
        .arg("segment")
        .write_stdin(std::fs::read(&le).unwrap())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>: UTF-16 text (byte order mark FF FE)",
        ));
    laoclean()
        .arg("--jsonl")
        .write_stdin(utf16("{\"text\": \"ເເລະ\"}\n", [0xFE, 0xFF], true))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>: UTF-16 text (byte order mark FE FF)",
        ));
    // And the cleaning itself, on stdin: Lao alone, and with ASCII (NUL bytes).
    for text in ["ສະບາຍດີ", "ສະບາຍດີ ເເລະ\n"] {
        laoclean()
            .write_stdin(utf16(text, [0xFF, 0xFE], false))
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "<stdin>: UTF-16 text (byte order mark FF FE)",
            ));
    }
    // A pipe that hands over the mark's first byte alone; and text whose first byte
    // alone looks like one (stays invalid UTF-8, at byte 0, with the byte read after
    // it kept).
    let slow = |first: &[u8], rest: &[u8]| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_laoclean"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(first).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        stdin.write_all(rest).unwrap();
        drop(stdin);
        child.wait_with_output().unwrap()
    };
    let text = utf16("ສະບາຍດີ ເເລະ\n", [0xFF, 0xFE], false);
    let out = slow(&text[..1], &text[1..]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("<stdin>: UTF-16 text (byte order mark FF FE)"),
        "{said}"
    );
    let out = slow(&[0xFE], "ກ".as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("<stdin>: invalid UTF-8 at byte 0"), "{said}");
    let out = slow(&[0xFF], b"");
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8 at byte 0"));
}

#[test]
fn a_jsonl_line_that_is_not_utf8_is_named_with_the_byte_in_the_line() {
    laoclean()
        .arg("--jsonl")
        .write_stdin(&b"{\"text\": \"\xe0\xba\x81\"}\n{\"text\": \"\xff\"}\n"[..])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "line 2: invalid UTF-8 at byte 10 of the line",
        ));
}

// ---- in place ----

#[test]
fn a_backup_suffix_like_a_document_extension_is_refused_for_a_walk() {
    // `notes.txt` would be skipped as the backup of `notes`, then written over by it.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "notes", DIRTY);
    let other = write(dir.path(), "notes.txt", "ເເ OTHER\n");
    laoclean()
        .args(["-i", "--backup", ".TXT"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--backup .TXT: ")
                .and(predicate::str::contains("choose another suffix")),
        );
    assert_eq!(read(&other), "ເເ OTHER\n");
    assert_eq!(read(&dir.path().join("notes")), DIRTY);
}

/// Sets the extended attribute `name` of `path`; false where the file system refuses.
#[cfg(target_os = "linux")]
fn set_xattr(path: &Path, name: &str, value: &[u8]) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let p = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let n = std::ffi::CString::new(name).unwrap();
    // SAFETY: NUL-terminated strings and a slice valid for its length.
    unsafe {
        libc::setxattr(
            p.as_ptr(),
            n.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        ) == 0
    }
}

/// The extended attribute `name` of `path`, if any.
#[cfg(target_os = "linux")]
fn get_xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let p = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let n = std::ffi::CString::new(name).unwrap();
    let mut buf = vec![0u8; 4096];
    // SAFETY: as above; `buf` is writable for its length.
    let got = unsafe { libc::getxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    (got >= 0).then(|| buf[..got as usize].to_vec())
}

#[test]
#[cfg(target_os = "linux")]
fn in_place_keeps_the_access_list_and_extended_attributes() {
    // An access list (user 65534 may write; the owning group only reads, the mode's
    // group bits being its mask) and a user attribute, where the file system has them.
    let dir = TempDir::new().unwrap();
    let file = write(dir.path(), "a.txt", DIRTY);
    let entry = |tag: u16, perm: u16, id: u32| {
        [
            &tag.to_le_bytes()[..],
            &perm.to_le_bytes(),
            &id.to_le_bytes(),
        ]
        .concat()
    };
    let acl: Vec<u8> = [
        &2u32.to_le_bytes()[..],
        &entry(1, 6, u32::MAX),  // owner rw
        &entry(2, 6, 65534),     // user 65534 rw
        &entry(4, 4, u32::MAX),  // group r
        &entry(16, 6, u32::MAX), // mask rw
        &entry(32, 4, u32::MAX), // other r
    ]
    .concat();
    let with_acl = set_xattr(&file, "system.posix_acl_access", &acl);
    let with_user = set_xattr(&file, "user.laoclean-test", b"kept");
    if !with_acl && !with_user {
        return; // a file system without extended attributes
    }
    let before = get_xattr(&file, "system.posix_acl_access");
    laoclean().arg("-i").arg(&file).assert().success();
    assert_eq!(read(&file), CLEANED);
    if with_acl {
        assert_eq!(get_xattr(&file, "system.posix_acl_access"), before);
    }
    if with_user {
        assert_eq!(
            get_xattr(&file, "user.laoclean-test").as_deref(),
            Some(&b"kept"[..])
        );
    }
}

#[test]
fn the_in_place_summary_counts_every_file_named() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", DIRTY);
    write(dir.path(), "bad.txt", b"\xff\n");
    write(dir.path(), "r.jsonl", "{\"text\": \"ເເ\"}\n");
    laoclean()
        .current_dir(dir.path())
        .args(["-i", "missing.txt", "a.txt", "bad.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "1 of 3 files changed (2 had errors and were left untouched)",
        ));
    laoclean()
        .current_dir(dir.path())
        .args(["-i", "--jsonl", "missing.jsonl", "r.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "1 of 2 files changed (1 had an error and was left untouched)",
        ));
}

#[test]
fn each_named_hard_link_is_cleaned() {
    // A rewrite gives the name it went through a new file: the other link is cleaned
    // too when it is named or walked (it kept the old text, and --check failed after -i).
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a/x.txt", DIRTY);
    fs::create_dir(dir.path().join("b")).unwrap();
    let b = dir.path().join("b/y.txt");
    fs::hard_link(&a, &b).unwrap();
    laoclean()
        .arg("-i")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("2 of 2 files changed"));
    assert_eq!(
        (read(&a), read(&b)),
        (CLEANED.to_string(), CLEANED.to_string())
    );
    laoclean().arg("--check").arg(dir.path()).assert().success();
}

#[test]
fn in_place_rewrites_the_file() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    laoclean()
        .arg("-i")
        .arg(&path)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("1 of 1 files changed"));
    assert_eq!(read(&path), CLEANED);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn quiet_prints_nothing() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    laoclean()
        .args(["-i", "-q"])
        .arg(&path)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(read(&path), CLEANED);
}

#[test]
fn backup_keeps_the_original() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    let clean = write(dir.path(), "b.txt", CLEAN);
    laoclean()
        .args(["-i", "--backup", ".orig"])
        .arg(&path)
        .arg(&clean)
        .assert()
        .success();
    assert_eq!(read(&path), CLEANED);
    assert_eq!(read(&dir.path().join("a.txt.orig")), DIRTY);
    // Unchanged files get no backup.
    assert!(!dir.path().join("b.txt.orig").exists());
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn an_unchanged_file_is_not_rewritten() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", CLEAN);
    let before = fs::metadata(&path).unwrap();
    laoclean().arg("-i").arg(&path).assert().success();
    let after = fs::metadata(&path).unwrap();
    assert_eq!(before.ino(), after.ino());
    assert_eq!(before.modified().unwrap(), after.modified().unwrap());
    assert_eq!(read(&path), CLEAN);
}

#[test]
fn in_place_keeps_bom_and_crlf() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", "\u{FEFF}ເລກ ໓\r\n\r\nເເລະ\r\n");
    laoclean().arg("-i").arg(&path).assert().success();
    assert_eq!(read(&path), "\u{FEFF}ເລກ 3\r\n\r\nແລະ\r\n");
}

#[test]
fn in_place_keeps_permissions() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    laoclean().arg("-i").arg(&path).assert().success();
    assert_eq!(read(&path), CLEANED);
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o7777, 0o640);
}

#[test]
fn a_read_only_file_is_refused_or_keeps_its_mode() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let result = laoclean().arg("-i").arg(&path).assert();
    if permissions_are_bypassed() {
        // Root may write any file: it is rewritten and stays read-only.
        result.success();
        assert_eq!(read(&path), CLEANED);
    } else {
        result.code(2).stderr(predicate::str::contains(
            "a.txt: cannot write: Permission denied",
        ));
        assert_eq!(read(&path), DIRTY);
    }
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o7777, 0o444);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn an_immutable_file_is_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    let other = write(dir.path(), "b.txt", DIRTY);
    let Some(_guard) = Immutable::set(&path) else {
        eprintln!("chattr +i is not available here: the permission test covers this path");
        return;
    };
    laoclean()
        .arg("-i")
        .arg(&path)
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a.txt: cannot write: Operation not permitted",
        ));
    assert_eq!(read(&path), DIRTY);
    assert_eq!(read(&other), CLEANED);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn an_unwritable_directory_is_an_error() {
    let dir = TempDir::new().unwrap();
    let sub = dir.path().join("locked");
    let path = write(&sub, "a.txt", DIRTY);
    let guard = Immutable::set(&sub);
    if guard.is_none() {
        fs::set_permissions(&sub, fs::Permissions::from_mode(0o555)).unwrap();
        if permissions_are_bypassed() {
            fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
            eprintln!("neither chattr nor permissions can lock a directory here");
            return;
        }
    }
    let result = laoclean().arg("-i").arg(&path).assert();
    drop(guard);
    let _ = fs::set_permissions(&sub, fs::Permissions::from_mode(0o755));
    result
        .code(2)
        .stderr(predicate::str::contains("a.txt: cannot write in"));
    assert_eq!(read(&path), DIRTY);
    assert!(temp_files(&sub).is_empty());
}

#[test]
fn an_unreadable_directory_is_one_error_that_names_it() {
    // Root reads any directory: the run is made as `nobody` then.
    let dir = TempDir::new().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let sub = dir.path().join("locked");
    write(&sub, "a.txt", DIRTY);
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o600)).unwrap();
    let mut cmd = process();
    cmd.current_dir(dir.path()).arg("locked");
    if permissions_are_bypassed() {
        use std::os::unix::process::CommandExt;
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert_eq!(said, "laoclean: locked: Permission denied\n");
}

#[test]
fn a_symlink_stays_a_link_and_its_target_is_rewritten() {
    let dir = TempDir::new().unwrap();
    let target = write(dir.path(), "real/target.txt", DIRTY);
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("real/target.txt", &link).unwrap();
    laoclean().arg("-i").arg(&link).assert().success();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/target.txt"));
    assert_eq!(read(&target), CLEANED);
    assert!(temp_files(dir.path()).is_empty());
    assert!(temp_files(&dir.path().join("real")).is_empty());
}

#[test]
fn the_same_file_named_twice_is_cleaned_once() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("a.txt", &link).unwrap();
    laoclean()
        .arg("-i")
        .arg(&path)
        .arg(&path)
        .arg(&link)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 of 1 files changed"));
    assert_eq!(read(&path), CLEANED);
}

#[test]
fn an_interrupted_write_leaves_the_original_and_no_temp_file() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    laoclean()
        .args(["-i", "--backup", ".orig"])
        .arg(&path)
        .env("LAOCLEAN_TEST_FAIL_BEFORE_RENAME", "1")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a.txt: write failed before rename",
        ));
    assert_eq!(read(&path), DIRTY);
    assert!(!dir.path().join("a.txt.orig").exists());
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn an_interrupt_removes_the_temporary_file_and_ends_with_the_signal() {
    use std::os::unix::process::ExitStatusExt;
    use std::time::{Duration, Instant};
    let old = "ເເລະ ສໍາຄັນ ໃຫ່ຍ ໓໒\n".repeat(600_000); // 31 MB: about a second to clean
    let new = "ແລະ ສຳຄັນ ໃຫຍ່ 32\n".repeat(600_000);
    for (signal, backup) in [(libc::SIGINT, None), (libc::SIGTERM, Some(".orig"))] {
        let dir = TempDir::new().unwrap();
        let path = write(dir.path(), "big.txt", &old);
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_laoclean"));
        cmd.args(["-q", "-i"]).arg(&path);
        if let Some(suffix) = backup {
            cmd.args(["--backup", suffix]);
        }
        let mut child = cmd.spawn().unwrap();
        // Interrupt once the temporary file is being written (or, on a machine fast
        // enough to finish first, not at all).
        let start = Instant::now();
        while temp_files(dir.path()).is_empty()
            && child.try_wait().unwrap().is_none()
            && start.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        // SAFETY: kill(2) only sends a signal to our child, by its process id.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let status = child.wait().unwrap();

        assert!(temp_files(dir.path()).is_empty(), "signal {signal}");
        let text = fs::read_to_string(&path).unwrap();
        let kept = backup.map(|suffix| dir.path().join(format!("big.txt{suffix}")));
        if status.success() {
            // It finished before the signal came.
            assert!(text == new, "signal {signal}: not fully cleaned");
        } else {
            assert_eq!(status.signal(), Some(signal), "{status}");
            // Either the old text, or the new one if the rename came first.
            assert!(text == old || text == new, "signal {signal}: a mix");
        }
        if let Some(kept) = kept {
            // A backup exists exactly when the file was rewritten, and is the original.
            assert_eq!(kept.exists(), text == new, "signal {signal}");
            if kept.exists() {
                assert!(fs::read_to_string(&kept).unwrap() == old);
            }
        }
    }
}

#[test]
fn in_place_refuses_stdin() {
    laoclean()
        .arg("-i")
        .write_stdin(DIRTY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot take stdin"));
    laoclean()
        .args(["-i", "-"])
        .write_stdin(DIRTY)
        .assert()
        .code(2);
}

// ---- bad input ----

#[test]
fn invalid_utf8_names_the_file_and_offset_and_other_files_go_on() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    let mut bad_bytes = "ກຂ\n\n".repeat(100).into_bytes();
    bad_bytes.extend_from_slice(b"ok \xE0\xBA( end\n");
    let bad = write(dir.path(), "notes.txt", &bad_bytes);
    let c = write(dir.path(), "c.txt", DIRTY);
    // To stdout: the bad file prints nothing, the others print.
    laoclean()
        .arg(&a)
        .arg(&bad)
        .arg(&c)
        .assert()
        .code(2)
        .stdout(format!("{CLEANED}{CLEANED}"))
        .stderr(predicate::str::contains(
            "notes.txt: invalid UTF-8 at byte 803",
        ));
    // In place: the bad file is untouched, the others are cleaned.
    laoclean()
        .arg("-i")
        .arg(&a)
        .arg(&bad)
        .arg(&c)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "notes.txt: invalid UTF-8 at byte 803",
        ));
    assert_eq!(fs::read(&bad).unwrap(), bad_bytes);
    assert_eq!(read(&a), CLEANED);
    assert_eq!(read(&c), CLEANED);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn invalid_utf8_on_stdin_is_an_error() {
    laoclean()
        .write_stdin(&b"ab\xFF"[..])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>: invalid UTF-8 at byte 2"));
}

#[test]
fn a_missing_path_is_an_error_and_the_rest_is_cleaned() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", CLEAN);
    laoclean()
        .arg(&a)
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2)
        .stdout(CLEAN)
        .stderr(predicate::str::contains(
            "missing.txt: No such file or directory",
        ));
}

// ---- check, diff ----

#[test]
fn check_lists_files_that_would_change_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let dirty = write(dir.path(), "dirty.txt", DIRTY);
    let clean = write(dir.path(), "clean.txt", CLEAN);
    laoclean()
        .arg("--check")
        .arg(&clean)
        .arg(&dirty)
        .assert()
        .code(1)
        .stdout(format!("{}\n", dirty.display()));
    assert_eq!(read(&dirty), DIRTY);
    laoclean()
        .args(["--check", "-q"])
        .arg(&dirty)
        .assert()
        .code(1)
        .stdout("");
    laoclean()
        .arg("--check")
        .arg(&clean)
        .assert()
        .success()
        .stdout("");
    laoclean()
        .arg("--check")
        .write_stdin(DIRTY)
        .assert()
        .code(1)
        .stdout("<stdin>\n");
}

#[test]
fn check_lists_a_name_that_is_not_utf8_as_its_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    for jsonl in [false, true] {
        let name = std::ffi::OsStr::from_bytes(if jsonl {
            b"caf\xe9.jsonl"
        } else {
            b"caf\xe9.txt"
        });
        let path = dir.path().join(name);
        let body = if jsonl {
            "{\"text\": \"ເເລະ\"}\n"
        } else {
            DIRTY
        };
        if fs::write(&path, body).is_err() {
            return; // a file system that takes UTF-8 names only
        }
        let mut expected = path.as_os_str().as_bytes().to_vec();
        expected.push(b'\n');
        let out = laoclean()
            .arg("--check")
            .args(jsonl.then_some("--jsonl"))
            .arg(&path)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        assert_eq!(out, expected, "--jsonl {jsonl}");
    }
}

#[test]
fn check_with_an_error_exits_2() {
    let dir = TempDir::new().unwrap();
    let dirty = write(dir.path(), "dirty.txt", DIRTY);
    laoclean()
        .arg("--check")
        .arg(&dirty)
        .arg(dir.path().join("missing"))
        .assert()
        .code(2);
}

#[test]
fn diff_shows_a_unified_diff_without_colour_off_a_terminal() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    let name = path.display().to_string();
    let out = stdout_of(laoclean().arg("--diff").arg(&path));
    assert_eq!(
        out,
        format!(
            "--- {name}\t(original)\n+++ {name}\t(cleaned)\n@@ -1,2 +1,2 @@\n\
             -ເລກທີ ໓໓\n-ເເລະ\n+ເລກທີ 33\n+ແລະ\n"
        )
    );
    assert!(!out.contains('\x1b'));
    assert_eq!(read(&path), DIRTY);
    // --check with --diff: the diff, and exit 1.
    laoclean()
        .args(["--diff", "--check"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(out);
    let clean = write(dir.path(), "clean.txt", CLEAN);
    laoclean()
        .arg("--diff")
        .arg(&clean)
        .assert()
        .success()
        .stdout("");
}

#[test]
fn diff_refuses_a_binary_input_before_reading_it_all() {
    // /dev/zero never ends: --diff reads it no further than the other modes do.
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        return;
    }
    for mode in [&[][..], &["--check"], &["--diff"]] {
        laoclean()
            .args(mode)
            .arg(zero)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stdout("")
            .stderr("laoclean: /dev/zero: binary file (NUL byte at byte 0)\n");
    }
}

#[test]
fn diff_applies_with_patch_whatever_the_line_ends() {
    // `patch` ends lines at LF only: a file of lone CRs is one line without a line end.
    let patch_runs = std::process::Command::new("patch")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !patch_runs {
        return; // no GNU patch here; the diff module's unit tests check the format
    }
    let dir = TempDir::new().unwrap();
    let texts = [
        "ເລກທີ ໓໓\rເເລະ\r",
        "ເລກທີ ໓໓\r\nເເລະ\r\n",
        "ເລກທີ ໓໓\rເເລະ\nຂ\r\nເເ\n",
        "ເລກທີ ໓໓\nເເລະ",
    ];
    for text in texts {
        let path = write(dir.path(), "a.txt", text);
        let diff = stdout_of(laoclean().arg("--diff").arg(&path));
        let cleaned = stdout_of(laoclean().arg(&path));
        let diff_file = write(dir.path(), "a.diff", &diff);
        let out = std::process::Command::new("patch")
            .args(["--batch", "--silent", "-i"])
            .arg(&diff_file)
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{text:?}: {diff:?} {out:?}");
        assert_eq!(read(&path), cleaned, "{text:?}");
    }
}

#[test]
fn diff_colour_follows_the_color_flag_and_no_color() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", DIRTY);
    let always = stdout_of(laoclean().args(["--diff", "--color", "always"]).arg(&path));
    assert!(always.contains("\x1b[31m-ເລກທີ ໓໓\x1b[0m\n"), "{always:?}");
    assert!(always.contains("\x1b[32m+ເລກທີ 33\x1b[0m\n"), "{always:?}");
    let never = stdout_of(laoclean().args(["--diff", "--color", "never"]).arg(&path));
    assert!(!never.contains('\x1b') && never.contains("+ເລກທີ 33"));
    let no_color = stdout_of(
        laoclean()
            .args(["--diff", "--color", "auto"])
            .env("NO_COLOR", "1")
            .env("CLICOLOR_FORCE", "1")
            .arg(&path),
    );
    assert_eq!(no_color, never);
}

// ---- reports ----

#[test]
fn json_report_has_an_entry_per_file() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    let b = write(dir.path(), "b.txt", CLEAN);
    let bad = write(dir.path(), "bad.txt", b"\xFF");
    let out = laoclean()
        .args(["-i", "-q", "--report", "json"])
        .arg(&a)
        .arg(&b)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["file"], a.display().to_string());
    assert_eq!(files[0]["changed"], true);
    let edits = files[0]["edits"].as_array().unwrap();
    assert!(edits
        .iter()
        .any(|e| e["rule"] == "char.digits" && e["line"] == 1));
    for e in edits {
        for key in [
            "line",
            "column",
            "start",
            "end",
            "replacement",
            "rule",
            "confidence",
        ] {
            assert!(e.get(key).is_some(), "{key} missing in {e}");
        }
    }
    assert_eq!(files[1]["changed"], false);
    assert_eq!(files[1]["edits"].as_array().unwrap().len(), 0);
    assert_eq!(files[1]["changes"].as_array().unwrap().len(), 0);
    assert_eq!(files[2]["error"], "invalid UTF-8 at byte 0");
    // The net changes rebuild the cleaned file from the original one.
    let original = DIRTY;
    let mut rebuilt = String::new();
    let mut at = 0;
    for c in files[0]["changes"].as_array().unwrap() {
        let (start, end) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(c["original"], original[start..end]);
        rebuilt += &original[at..start];
        rebuilt += c["replacement"].as_str().unwrap();
        at = end;
    }
    rebuilt += &original[at..];
    assert_eq!(rebuilt, fs::read_to_string(&a).unwrap());
    assert_ne!(rebuilt, original);
}

#[test]
fn check_null_ends_each_name_with_nul_and_needs_check() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a\nb.txt", "ເເ\n");
    write(dir.path(), "c.txt", "ok\n");
    write(dir.path(), "d.txt", "໓\n");
    let out = laoclean()
        .args(["--check", "-0", "-j1"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let mut names: Vec<&[u8]> = out.stdout.split(|&b| b == 0).collect();
    assert_eq!(names.pop(), Some(&b""[..]), "ends with NUL");
    let expected = |n: &str| dir.path().join(n).display().to_string().into_bytes();
    names.sort();
    assert_eq!(names, [&expected("a\nb.txt")[..], &expected("d.txt")[..]]);
    laoclean()
        .args(["--null"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--check"));
}

#[test]
fn reports_name_the_files_that_failed_and_list_edits_in_text_order() {
    let dir = TempDir::new().unwrap();
    let bad = write(dir.path(), "bad.txt", "ok\n\u{0}");
    let good = write(dir.path(), "good.txt", "ເເລະ ໓໒ ,ກ ສໍາຄັນ\n");
    let missing = dir.path().join("missing.txt");
    let r = dir.path().join("r.jsonl");
    laoclean()
        .args(["--check", "--report", "jsonl", "--report-file"])
        .arg(&r)
        .args([&bad, &good, &missing])
        .assert()
        .code(2);
    let lines = json_lines(&r);
    let error_of = |path: &Path| {
        lines
            .iter()
            .find(|l| l["file"] == path.display().to_string() && l.get("error").is_some())
            .map(|l| l["error"].as_str().unwrap().to_string())
    };
    assert!(
        error_of(&bad).is_some_and(|e| e.contains("binary")),
        "{lines:?}"
    );
    assert!(
        error_of(&missing).is_some_and(|e| e.contains("No such file")),
        "{lines:?}"
    );
    let starts: Vec<u64> = lines
        .iter()
        .filter(|l| l["file"] == good.display().to_string())
        .map(|l| l["start"].as_u64().unwrap())
        .collect();
    assert!(
        starts.len() >= 3 && starts.windows(2).all(|w| w[0] <= w[1]),
        "{starts:?}"
    );
    // The JSON document names the missing file too.
    let out = laoclean()
        .args(["--check", "--report", "json", "--report-file"])
        .arg(dir.path().join("r.json"))
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&read(&dir.path().join("r.json"))).unwrap();
    assert_eq!(v["files"][0]["file"], missing.display().to_string());
}

#[test]
fn jsonl_keeps_a_byte_order_mark_before_the_first_record() {
    laoclean()
        .arg("--jsonl")
        .write_stdin("\u{FEFF}{\"text\": \"ເເລະ\"}\n{\"text\": \"ເເ\"}\n")
        .assert()
        .success()
        .stdout("\u{FEFF}{\"text\": \"ແລະ\"}\n{\"text\": \"ແ\"}\n");
    // Files printed one after the other: only the first one's mark, at the start of the
    // stream (inside it, a mark would make the next record unreadable).
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.jsonl", "\u{FEFF}{\"text\": \"ເເ\"}\n");
    let b = write(dir.path(), "b.jsonl", "\u{FEFF}{\"text\": \"ເເ\"}\n");
    laoclean()
        .args(["--jsonl", "-j1"])
        .args([&a, &b])
        .assert()
        .success()
        .stdout("\u{FEFF}{\"text\": \"ແ\"}\n{\"text\": \"ແ\"}\n");
    // Rewritten in place, each keeps its own.
    laoclean()
        .args(["--jsonl", "-i"])
        .args([&a, &b])
        .assert()
        .success();
    assert_eq!(read(&b), "\u{FEFF}{\"text\": \"ແ\"}\n");
}

#[test]
fn jsonl_says_when_no_record_holds_a_field() {
    // A misspelt --field cleans nothing: said on stderr, the exit status still 0.
    let input = "{\"text\": \"ເເ\"}\n\n{\"text\": 3}\n";
    laoclean()
        .args(["--jsonl", "--field", "txt", "--field", "text"])
        .write_stdin(input)
        .assert()
        .success()
        .stdout("{\"text\": \"ແ\"}\n\n{\"text\": 3}\n")
        .stderr("laoclean: --field txt: no record holds a string there; nothing was cleaned at that path\n");
    // Not for a field named twice, nor with -q, nor for input without records.
    laoclean()
        .args(["--jsonl", "--field", "text", "--field", "text"])
        .write_stdin(input)
        .assert()
        .success()
        .stderr("");
    laoclean()
        .args(["--jsonl", "--field", "txt", "-q"])
        .write_stdin(input)
        .assert()
        .success()
        .stderr("");
    laoclean()
        .args(["--jsonl", "--field", "txt"])
        .write_stdin("\n")
        .assert()
        .success()
        .stderr("");
}

#[test]
fn jsonl_mode_reports_a_fields_edits_in_text_order() {
    // The word stage runs after the spacing stage, but its edit comes first in the text:
    // the report lists a field's edits and suggestions by position, as for a text file.
    let dir = TempDir::new().unwrap();
    let input = write(
        dir.path(),
        "in.jsonl",
        "{\"text\": \"ມະຕິກອງປະຊຸມໃຫ່ຍ ຄັ້ງທີ\\nຂອງພັກ ,ແລະ\"}\n",
    );
    for format in ["jsonl", "json"] {
        let r = dir.path().join(format!("r.{format}"));
        laoclean()
            .args(["--jsonl", "--report", format, "--report-file"])
            .arg(&r)
            .arg(&input)
            .assert()
            .success();
        let starts: Vec<u64> = if format == "jsonl" {
            json_lines(&r)
                .iter()
                .map(|l| l["start"].as_u64().unwrap())
                .collect()
        } else {
            let v: serde_json::Value = serde_json::from_str(&read(&r)).unwrap();
            v["files"][0]["records"][0]["fields"][0]["edits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["start"].as_u64().unwrap())
                .collect()
        };
        assert_eq!(starts, [36, 86, 88], "{format}");
    }
}

#[test]
fn jsonl_mode_reports_name_missing_paths_and_files_that_stopped() {
    let dir = TempDir::new().unwrap();
    let good = write(dir.path(), "a.jsonl", "{\"text\": \"ເເລະ\"}\n");
    let bad = write(dir.path(), "bad.jsonl", "{\"text\": \"ເເລະ\"}\nnot json\n");
    let missing = dir.path().join("missing.jsonl");
    let r = dir.path().join("r.jsonl");
    laoclean()
        .args(["--jsonl", "--report", "jsonl", "--report-file"])
        .arg(&r)
        .args([&good, &missing, &bad])
        .assert()
        .code(2);
    let lines = json_lines(&r);
    let name = |p: &Path| p.display().to_string();
    // Paths that could not be read first (as the other modes report them), then the
    // files in order, a stopped file's error after the edits of its records.
    assert_eq!(lines[0]["file"], name(&missing), "{lines:?}");
    assert!(lines[0]["error"].as_str().unwrap().contains("No such file"));
    assert_eq!(lines[1]["file"], name(&good));
    assert_eq!(lines[1]["rule"], "char.double-e");
    assert_eq!(lines[2]["file"], name(&bad));
    assert_eq!(lines[2]["line"], 1);
    assert_eq!(lines[3]["file"], name(&bad));
    assert!(
        lines[3]["error"].as_str().unwrap().starts_with("line 2:"),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 4);
    // The JSON document names them too.
    let rj = dir.path().join("r.json");
    laoclean()
        .args(["--jsonl", "--report", "json", "--report-file"])
        .arg(&rj)
        .args([&good, &missing, &bad])
        .assert()
        .code(2);
    let v: serde_json::Value = serde_json::from_str(&read(&rj)).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["file"], name(&missing));
    assert!(files[0]["error"].is_string());
    assert_eq!(files[1]["file"], name(&good));
    assert!(files[1].get("error").is_none());
    assert_eq!(files[2]["records"].as_array().unwrap().len(), 1);
    assert!(files[2]["error"].is_string());
}

#[test]
fn jsonl_in_place_reports_a_stopped_file_by_its_error_alone() {
    // With -i a file that stops at a malformed line is left as it was: the edits of its
    // records before that line were not made, so neither the report nor the explanation
    // lists them (printed, they were: the lines before it went out cleaned).
    let dir = TempDir::new().unwrap();
    let bad_text = "{\"text\": \"ເເລະ\"}\nnot json\n";
    let good = write(dir.path(), "a.jsonl", "{\"text\": \"ເເລະ\"}\n");
    let bad = write(dir.path(), "bad.jsonl", bad_text);
    let name = |p: &Path| p.display().to_string();
    for memory in ["0", "65536"] {
        fs::write(&good, "{\"text\": \"ເເລະ\"}\n").unwrap();
        let r = dir.path().join("r.jsonl");
        let out = laoclean()
            .args(["--jsonl", "-i", "--explain", "--report-memory", memory])
            .args(["--report", "jsonl", "--report-file"])
            .arg(&r)
            .args([&good, &bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(read(&bad), bad_text);
        assert_eq!(read(&good), "{\"text\": \"ແລະ\"}\n");
        let lines = json_lines(&r);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(
            (&lines[0]["file"], &lines[0]["rule"]),
            (&name(&good).into(), &"char.double-e".into())
        );
        assert_eq!(lines[1]["file"], name(&bad));
        assert!(lines[1]["error"].as_str().unwrap().starts_with("line 2:"));
        let said = String::from_utf8_lossy(&out.stderr);
        let explained: Vec<&str> = said.lines().filter(|l| l.contains("→")).collect();
        assert_eq!(explained.len(), 1, "{said}");
        assert!(explained[0].starts_with(&format!("{}:1: text: ", name(&good))));
        let rj = dir.path().join("r.json");
        fs::write(&good, "{\"text\": \"ເເລະ\"}\n").unwrap();
        laoclean()
            .args(["--jsonl", "-i", "--report-memory", memory])
            .args(["--report", "json", "--report-file"])
            .arg(&rj)
            .args([&good, &bad])
            .assert()
            .code(2);
        let v: serde_json::Value = serde_json::from_str(&read(&rj)).unwrap();
        let files = v["files"].as_array().unwrap();
        assert_eq!(files[0]["records"].as_array().unwrap().len(), 1);
        assert_eq!(files[1]["records"], serde_json::json!([]));
        assert!(files[1]["error"].as_str().unwrap().starts_with("line 2:"));
    }
}

#[test]
fn jsonl_in_place_with_a_report_that_cannot_be_held_leaves_the_file_as_it_was() {
    // With -i the report and the explanation wait in the temporary directory (no memory
    // allowed here); where it cannot be used, the file stops before it is rewritten,
    // and the report stays a whole document that names TMPDIR.
    let dir = TempDir::new().unwrap();
    let text = "{\"text\": \"ເເລະ\"}\n";
    let a = write(dir.path(), "a.jsonl", text);
    let tmp = dir.path().join("no-such-dir");
    for flags in [&["--report", "json"][..], &["--explain"][..]] {
        let r = dir.path().join("r.json");
        let mut cmd = laoclean();
        cmd.env("TMPDIR", &tmp)
            .args(["--jsonl", "-i", "--report-memory", "0"])
            .args(flags);
        if flags[0] == "--report" {
            cmd.arg("--report-file").arg(&r);
        }
        let out = cmd.arg(&a).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert_eq!(read(&a), text, "{flags:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("a.jsonl: cannot keep the report in the temporary directory")
                && said.contains("no-such-dir"),
            "{flags:?}: {said}"
        );
        if flags[0] == "--report" {
            let v: serde_json::Value = serde_json::from_str(&read(&r)).unwrap();
            assert_eq!(v["files"][0]["records"], serde_json::json!([]));
            assert!(v["files"][0]["error"]
                .as_str()
                .unwrap()
                .starts_with("cannot keep the report"));
        }
    }
}

#[test]
fn jsonl_explain_names_the_line_and_the_field_of_each_edit() {
    let input = concat!(
        "{\"text\": \"ກອງປະຊຸມໃຫ່ຍ\", \"meta\": {\"title\": \"ເເລະ\"}}\n",
        "{\"text\": \"abc\"}\n",
        "{\"text\": \"ສຽງກອງກອງທັບ\"}\n",
    );
    laoclean()
        .args([
            "--jsonl",
            "--field",
            "text",
            "--field",
            "meta.title",
            "--explain",
        ])
        .write_stdin(input)
        .assert()
        .success()
        .stderr(concat!(
            "<stdin>:1: text: ໃຫ່ຍ → ໃຫຍ່  word.spelling (1.00)  alternatives: ໃຫ່ຍ\n",
            "<stdin>:1: meta.title: ເເລ → ແລ  char.double-e (1.00)\n",
            "<stdin>:3: text: suggestion: ກອງ → ∅  word.duplicate (0.50)  alternatives: ກອງ\n",
        ));
}

#[test]
fn jsonl_report_has_a_line_per_edit_with_byte_spans_into_the_file() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    let report = dir.path().join("edits.jsonl");
    laoclean()
        .args(["--report", "jsonl", "--report-file"])
        .arg(&report)
        .arg(&a)
        .assert()
        .success()
        .stdout(CLEANED);
    let text = read(&report);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    for l in &lines {
        assert_eq!(l["file"], a.display().to_string());
        assert!(l["suggestion"].is_boolean());
        let (start, end) = (l["start"].as_u64().unwrap(), l["end"].as_u64().unwrap());
        assert_eq!(
            &DIRTY.as_bytes()[start as usize..end as usize],
            l["original"].as_str().unwrap().as_bytes(),
            "{l}"
        );
    }
    assert!(lines
        .iter()
        .any(|l| l["rule"] == "char.double-e" && l["line"] == 2));
}

#[test]
fn report_needs_a_file_when_stdout_carries_text() {
    laoclean()
        .args(["--report", "json"])
        .write_stdin(DIRTY)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--report-file"));
    laoclean()
        .args(["--report-file", "x.json"])
        .write_stdin(DIRTY)
        .assert()
        .code(2);
}

#[test]
fn a_report_file_that_is_an_input_is_refused() {
    // Creating the report would empty the input before it is read (or -i would write
    // the report over it): refused, by name, through a link too, and the file kept.
    let dir = TempDir::new().unwrap();
    let file = write(dir.path(), "a.txt", DIRTY);
    std::os::unix::fs::symlink(&file, dir.path().join("link.txt")).unwrap();
    for report in ["a.txt", "link.txt"] {
        for args in [&["--report", "jsonl"][..], &["-i", "--report", "json"]] {
            laoclean()
                .current_dir(dir.path())
                .args(args)
                .args(["--report-file", report, "a.txt"])
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains("is the input a.txt"));
            assert_eq!(read(&file), DIRTY);
        }
    }
    // The same through a walked directory, with --jsonl.
    let jsonl = write(dir.path(), "d/r.jsonl", "{\"text\": \"ເເ\"}\n");
    laoclean()
        .current_dir(dir.path())
        .args([
            "--jsonl",
            "--report",
            "jsonl",
            "--report-file",
            "d/r.jsonl",
            "d",
        ])
        .assert()
        .code(2);
    assert_eq!(read(&jsonl), "{\"text\": \"ເເ\"}\n");
}

// ---- where the output goes ----

/// The binary as a plain process, for tests that set its descriptors themselves.
fn process() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_laoclean"))
}

/// Runs `cmd` with file descriptor `fd` closed, as `>&-` or `2>&-` do.
fn with_closed(cmd: &mut std::process::Command, fd: i32) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    // SAFETY: `close` is async-signal-safe, and the child only closes its own descriptor.
    unsafe {
        cmd.pre_exec(move || {
            libc::close(fd);
            Ok(())
        });
    }
    cmd.stdin(std::process::Stdio::null()).output().unwrap()
}

#[test]
fn stdout_that_is_an_input_is_refused() {
    // `laoclean a.txt >> a.txt` read its own output back without end; `a b > b` lost b.
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    let b = write(dir.path(), "b.txt", DIRTY);
    let append = |p: &Path| fs::OpenOptions::new().append(true).open(p).unwrap();
    for (args, out) in [
        (vec!["a.txt"], &a),
        (vec!["a.txt", "b.txt"], &b),
        (vec!["--diff", "a.txt"], &a),
        (vec!["--check", "a.txt"], &a),
        (vec!["-i", "--report", "jsonl", "a.txt"], &a),
        (vec!["segment", "a.txt"], &a),
    ] {
        let run = process()
            .current_dir(dir.path())
            .args(&args)
            .stdout(append(out))
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("stdout is the input"), "{args:?}: {stderr}");
        assert_eq!(
            (read(&a), read(&b)),
            (DIRTY.into(), DIRTY.into()),
            "{args:?}"
        );
    }
    // Stdin and stdout the same file.
    let run = process()
        .stdin(fs::File::open(&a).unwrap())
        .stdout(append(&a))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(read(&a), DIRTY);
    // A file found by walking that is stdout is the output the shell made: left out.
    let listed = write(dir.path(), "docs/changed.txt", "");
    write(dir.path(), "docs/d.txt", DIRTY);
    let run = process()
        .current_dir(dir.path())
        .args(["--check", "docs"])
        .stdout(fs::OpenOptions::new().write(true).open(&listed).unwrap())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("changed.txt: left out"));
    assert_eq!(read(&listed), "docs/d.txt\n");
    // -i prints nothing to stdout without a report: a redirection there harms nothing.
    let run = process()
        .current_dir(dir.path())
        .args(["-i", "a.txt"])
        .stdout(append(&b))
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(read(&a), CLEANED);
}

#[test]
fn a_read_only_stdout_is_an_error() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    let said = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();
    for args in [
        &["a.txt"][..],
        &["--diff", "a.txt"],
        &["-i", "--report", "jsonl", "a.txt"],
        &["segment", "a.txt"],
    ] {
        let read_only = process()
            .current_dir(dir.path())
            .args(args)
            .stdout(fs::File::open(&a).unwrap())
            .output()
            .unwrap();
        assert_eq!(read_only.status.code(), Some(2), "{args:?}");
        assert!(
            said(&read_only).contains("stdout is not open for writing"),
            "{args:?}"
        );
        assert_eq!(read(&a), DIRTY, "{args:?}");
    }
    // /dev/null open for reading and writing, as Python's subprocess.DEVNULL gives it
    // and as Rust's runtime puts it in place of a closed stdout: output meant to go
    // nowhere, and the run goes on (`--check` exits 1: a file would change).
    let devnull = || {
        fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
            .unwrap()
    };
    let out = process()
        .current_dir(dir.path())
        .args(["--check", "a.txt"])
        .stdout(devnull())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    let closed = with_closed(process().current_dir(dir.path()).args(["a.txt"]), 1);
    assert!(closed.status.success(), "{}", said(&closed));
    // A stderr that goes nowhere stops nothing, --explain included.
    let closed = with_closed(
        process()
            .current_dir(dir.path())
            .args(["-i", "--explain", "a.txt"])
            .stdout(devnull()),
        2,
    );
    assert!(closed.status.success());
    assert_eq!(read(&a), CLEANED);
}

#[test]
fn a_report_file_that_is_the_config_a_dict_a_backup_or_stdout_is_refused() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    let config = write(dir.path(), "team.json", "{\"digits\": \"keep\"}");
    let dict = write(dir.path(), "names.txt", "ສົມສັກ\n");
    let cases: [(&[&str], &str); 4] = [
        (
            &["--config", "team.json", "--report-file", "team.json"],
            "--config file",
        ),
        (
            &["--dict", "names.txt", "--report-file", "names.txt"],
            "--dict file",
        ),
        (
            &["-i", "--backup", ".orig", "--report-file", "a.txt.orig"],
            "the backup of",
        ),
        (
            &["-i", "--backup", ".orig", "--report-file", "./a.txt.orig"],
            "the backup of",
        ),
    ];
    for (args, why) in cases {
        laoclean()
            .current_dir(dir.path())
            .args(["--report", "json"])
            .args(args)
            .arg("a.txt")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(why));
        assert_eq!(read(&a), DIRTY);
        assert!(!dir.path().join("a.txt.orig").exists());
    }
    assert_eq!(read(&config), "{\"digits\": \"keep\"}");
    assert_eq!(read(&dict), "ສົມສັກ\n");
    // The report and the text both to one file.
    let out = write(dir.path(), "out.txt", "");
    let run = process()
        .current_dir(dir.path())
        .args(["--report", "jsonl", "--report-file", "out.txt", "a.txt"])
        .stdout(fs::OpenOptions::new().write(true).open(&out).unwrap())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("is stdout"));
    // Or a pipe, named /dev/stdout; with -i stdout carries nothing else, and /dev/null
    // takes anything.
    laoclean()
        .current_dir(dir.path())
        .args([
            "--check",
            "--report",
            "jsonl",
            "--report-file",
            "/dev/stdout",
            "a.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is stdout"));
    laoclean()
        .current_dir(dir.path())
        .args(["--report", "jsonl", "--report-file", "/dev/null", "a.txt"])
        .assert()
        .success()
        .stdout(CLEANED);
    laoclean()
        .current_dir(dir.path())
        .args([
            "-i",
            "--report",
            "jsonl",
            "--report-file",
            "/dev/stdout",
            "a.txt",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"rule\""));
    assert_eq!(read(&a), CLEANED);
}

#[test]
fn a_backup_suffix_named_like_a_document_does_not_replace_one() {
    // `notes` backed up as `notes.txt` would replace the document notes.txt.
    let dir = TempDir::new().unwrap();
    let notes = write(dir.path(), "notes", DIRTY);
    let other = write(dir.path(), "notes.txt", "my other notes\n");
    laoclean()
        .current_dir(dir.path())
        .args(["-i", "--backup", ".txt", "notes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "would replace a file of that name",
        ));
    assert_eq!(
        (read(&notes), read(&other)),
        (DIRTY.into(), "my other notes\n".into())
    );
    // With no such file in the way, the suffix is taken.
    fs::remove_file(&other).unwrap();
    laoclean()
        .current_dir(dir.path())
        .args(["-i", "--backup", ".txt", "notes"])
        .assert()
        .success();
    assert_eq!((read(&notes), read(&other)), (CLEANED.into(), DIRTY.into()));
}

#[test]
fn in_place_refuses_a_descriptor_for_a_file() {
    // `-i /dev/stdin < f` would rewrite f, a file never named.
    let dir = TempDir::new().unwrap();
    let f = write(dir.path(), "f.txt", DIRTY);
    for path in ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"] {
        let run = process()
            .args(["-i", path])
            .stdin(fs::File::open(&f).unwrap())
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{path}");
        assert!(
            String::from_utf8_lossy(&run.stderr).contains("names a descriptor"),
            "{path}"
        );
        assert_eq!(read(&f), DIRTY, "{path}");
    }
}

// ---- settings ----

#[test]
fn thread_count_does_not_change_the_output() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples");
    let one = laoclean().args(["-j", "1"]).arg(&samples).output().unwrap();
    let two = laoclean().args(["-j", "2"]).arg(&samples).output().unwrap();
    assert!(one.status.success() && two.status.success());
    assert!(!one.stdout.is_empty());
    assert!(one.stdout == two.stdout);
    // A count from 1 to 1024: 0 and thousands of threads (seconds to start) are refused.
    for n in ["0", "5000"] {
        laoclean()
            .args(["-j", n])
            .write_stdin(CLEAN)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("1..=1024"));
    }
}

#[test]
fn digits_option() {
    laoclean()
        .args(["--digits", "keep"])
        .write_stdin("ເລກ ໓\n")
        .assert()
        .stdout("ເລກ ໓\n");
    laoclean()
        .args(["--digits", "ascii"])
        .write_stdin("ເລກ ໓\n")
        .assert()
        .stdout("ເລກ 3\n");
    laoclean().args(["--digits", "nine"]).assert().code(2);
}

#[test]
fn ho_cluster_option() {
    laoclean().write_stdin("ຫນ້າ\n").assert().stdout("ໜ້າ\n");
    laoclean()
        .arg("--keep-ho-clusters")
        .write_stdin("ຫນ້າ\n")
        .assert()
        .stdout("ຫນ້າ\n");
    // The word stage does not fold them either (the lexicon spells them folded), at
    // any level; it reads them folded, so a word beside one is corrected as usual, and
    // a word it corrects keeps its unfolded cluster.
    let kept = "ຫນັງສື ຫລາຍ ຫລັກ ຫລື ຫລານ ຫມູ\n";
    for level in ["safe", "standard", "aggressive"] {
        laoclean()
            .args(["--keep-ho-clusters", "--level", level])
            .write_stdin(kept)
            .assert()
            .stdout(kept);
    }
    laoclean()
        .args(["--keep-ho-clusters", "--explain"])
        .write_stdin("ມີຫລາຍຢ່າງ ແລະ ໃຫ່ຍຫລວງ, ເຮັດຫນາທີ່\n")
        .assert()
        .stdout("ມີຫລາຍຢ່າງ ແລະ ໃຫຍ່ຫລວງ, ເຮັດຫນ້າທີ່\n")
        .stderr(predicate::str::contains("ໃຫ່ຍຫລວງ → ໃຫຍ່ຫລວງ"))
        .stderr(predicate::str::contains("ຫນາ → ຫນ້າ"))
        .stderr(predicate::str::contains("ຫຼ").not());
    // In text that writes them unfolded, a cluster the edit moves a mark onto, changes
    // or rejoins across a line break is written unfolded too.
    laoclean()
        .args(["--keep-ho-clusters", "--join-lines", "always"])
        .write_stdin("ຕ່ຳແຫນງ ຄວາມຫນັ້ນຄົງ ມີຫ\nລາຍ\n")
        .assert()
        .stdout("ຕຳແຫນ່ງ ຄວາມຫມັ້ນຄົງ ມີຫລາຍ\n");
    // Judged by paragraph: a cluster the edit brings is folded in a paragraph that
    // writes none unfolded, whatever the others do and however the file is cut into
    // blocks (of whole paragraphs: 64 bytes hold each of these, not both).
    for size in ["1048576", "64"] {
        laoclean()
            .args(["--keep-ho-clusters", "--block-size", size])
            .write_stdin("ຫລາຍຄົນ ທັງຫົດ\n\nທັງຫົດ ແມ່ນ ໜ້າທີ່\n")
            .assert()
            .stdout("ຫລາຍຄົນ ທັງຫມົດ\n\nທັງໝົດ ແມ່ນ ໜ້າທີ່\n");
    }
}

#[test]
fn zero_width_space_option() {
    // Web text writes U+200B between Lao words as a line-break hint.
    let text = "ປະເທດ\u{200B}ລາວ\u{200B}ເປັນ\n";
    laoclean()
        .args(["--level", "safe"])
        .write_stdin(text)
        .assert()
        .stdout("ປະເທດລາວເປັນ\n");
    for level in ["safe", "standard", "aggressive"] {
        laoclean()
            .args(["--keep-zwsp", "--level", level])
            .write_stdin(text)
            .assert()
            .stdout(text);
    }
    // The other invisible characters still go.
    laoclean()
        .arg("--keep-zwsp")
        .write_stdin("ປະເທດ\u{200D}\u{200B}ລາວ\u{00AD}\n")
        .assert()
        .stdout("ປະເທດ\u{200B}ລາວ\n");
    // The config file's key.
    let dir = TempDir::new().unwrap();
    let config = write(dir.path(), "laoclean.json", r#"{"keep_zwsp": true}"#);
    laoclean()
        .arg("--config")
        .arg(&config)
        .write_stdin(text)
        .assert()
        .success()
        .stdout(text);
}

#[test]
fn segmented_text_cleaned_with_keep_zwsp_keeps_every_break() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples");
    let segmented = laoclean()
        .arg("segment")
        .arg(samples.join("000_94ee796a000bb7f6.txt"))
        .output()
        .unwrap();
    assert!(segmented.status.success());
    let breaks = |bytes: &[u8]| String::from_utf8_lossy(bytes).matches('\u{200B}').count();
    assert!(breaks(&segmented.stdout) > 100);
    for level in ["safe", "standard", "aggressive"] {
        let cleaned = laoclean()
            .args(["--keep-zwsp", "--level", level])
            .write_stdin(segmented.stdout.clone())
            .output()
            .unwrap();
        assert!(cleaned.status.success());
        assert_eq!(
            breaks(&cleaned.stdout),
            breaks(&segmented.stdout),
            "{level}"
        );
        // And a second cleaning changes nothing.
        laoclean()
            .args(["--keep-zwsp", "--level", level])
            .write_stdin(cleaned.stdout.clone())
            .assert()
            .stdout(cleaned.stdout);
    }
}

#[test]
fn word_stage_options_are_accepted() {
    laoclean()
        .args(["--level", "safe", "--join-lines", "never", "--no-spacing"])
        .write_stdin(CLEAN)
        .assert()
        .success()
        .stdout(CLEAN);
    laoclean().args(["--level", "wild"]).assert().code(2);
}

#[test]
fn join_lines_option() {
    // Two short lines: `auto` leaves them (not a wrapped paragraph), `always` rejoins the
    // word they cut, `never` never does; Windows line breaks too, and in place.
    let text = "ວາລະ\nສານ\n";
    laoclean().write_stdin(text).assert().success().stdout(text);
    for (mode, out) in [("always", "ວາລະສານ\n"), ("never", text), ("auto", text)] {
        laoclean()
            .args(["--join-lines", mode])
            .write_stdin(text)
            .assert()
            .success()
            .stdout(out);
    }
    laoclean()
        .args(["--join-lines", "always"])
        .write_stdin("ວາລະ\r\nສານ\r\n")
        .assert()
        .success()
        .stdout("ວາລະສານ\r\n");
    let dir = TempDir::new().unwrap();
    let file = write(dir.path(), "wrapped.txt", "ວາລະ\r\nສານ\r\n\r\nເເລະ\r\n");
    laoclean()
        .args(["--join-lines", "always", "-i"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(read(&file), "ວາລະສານ\r\n\r\nແລະ\r\n");
    laoclean()
        .args(["--join-lines", "sometimes"])
        .assert()
        .code(2);
}

#[test]
fn noise_lines_option() {
    // A line of OCR specks: removed at `aggressive` or with `drop`, else only suggested.
    let text = "ກອງປະຊຸມ\n< -- ລ +. ມ,\nຄັ້ງທີ\n";
    laoclean().write_stdin(text).assert().success().stdout(text);
    laoclean()
        .args(["--explain"])
        .write_stdin(text)
        .assert()
        .success()
        .stderr(predicate::str::contains("noise.speck-line"));
    for args in [&["--level", "aggressive"][..], &["--noise-lines", "drop"]] {
        laoclean()
            .args(args)
            .write_stdin(text)
            .assert()
            .success()
            .stdout("ກອງປະຊຸມ\nຄັ້ງທີ\n");
    }
    laoclean()
        .args([
            "--level",
            "aggressive",
            "--noise-lines",
            "keep",
            "--explain",
        ])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(text)
        .stderr(predicate::str::contains("noise.speck-line").not());
    laoclean().args(["--noise-lines", "some"]).assert().code(2);
}

#[test]
fn config_file_with_flags_overriding() {
    let dir = TempDir::new().unwrap();
    let config = write(dir.path(), "laoclean.json", r#"{"digits": "keep"}"#);
    laoclean()
        .arg("--config")
        .arg(&config)
        .write_stdin("ເລກ ໓\n")
        .assert()
        .success()
        .stdout("ເລກ ໓\n");
    laoclean()
        .arg("--config")
        .arg(&config)
        .args(["--digits", "ascii"])
        .write_stdin("ເລກ ໓\n")
        .assert()
        .success()
        .stdout("ເລກ 3\n");
    let bad = write(dir.path(), "bad.json", r#"{"digitz": "keep"}"#);
    laoclean()
        .arg("--config")
        .arg(&bad)
        .write_stdin(CLEAN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json: bad config"));
    laoclean()
        .arg("--config")
        .arg(dir.path().join("none.json"))
        .write_stdin(CLEAN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the config"));
}

// ---- usage ----

#[test]
fn help_and_version() {
    laoclean()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("Exit status:"))
        .stdout(predicate::str::contains("--in-place"));
    laoclean()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("laoclean "));
}

#[test]
fn conflicting_flags_are_usage_errors() {
    laoclean().args(["--backup", ".bak", "f"]).assert().code(2);
    laoclean().args(["-i", "--check", "f"]).assert().code(2);
    laoclean().args(["-i", "--diff", "f"]).assert().code(2);
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    laoclean()
        .args(["-i", "--backup", ""])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("non-empty suffix"));
    assert_eq!(read(&a), DIRTY);
}

#[test]
fn explain_prints_each_edit_and_suggestion_on_stderr() {
    laoclean()
        .arg("--explain")
        .write_stdin("ເເຈ້ງ ກອງປະຊຸມໃຫ່ຍ\nສຽງກອງກອງທັບ\n")
        .assert()
        .success()
        .stdout("ແຈ້ງ ກອງປະຊຸມໃຫຍ່\nສຽງກອງກອງທັບ\n")
        .stderr(predicate::str::contains(
            "<stdin>:1:1: ເເຈ້ → ແຈ້  char.double-e (1.00)",
        ))
        .stderr(predicate::str::contains(
            "<stdin>:1:15: ໃຫ່ຍ → ໃຫຍ່  word.spelling (1.00)",
        ))
        .stderr(predicate::str::contains("alternatives: ໃຫ່ຍ"))
        .stderr(predicate::str::contains(
            "<stdin>:2:4: suggestion: ກອງ → ∅  word.duplicate (0.50)",
        ));
}

#[test]
fn explain_names_the_file_and_is_silent_at_level_safe_for_words() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "ກອງປະຊຸມໃຫ່ຍ\n").unwrap();
    laoclean()
        .args(["--explain", "--level", "safe"])
        .arg(&f)
        .assert()
        .success()
        .stdout("ກອງປະຊຸມໃຫ່ຍ\n")
        .stderr("");
    laoclean()
        .arg("--explain")
        .arg(&f)
        .assert()
        .success()
        .stderr(predicate::str::starts_with(format!(
            "{}:1:9: ",
            f.display()
        )));
}

#[test]
fn dict_words_are_never_corrected() {
    let dir = TempDir::new().unwrap();
    let words = dir.path().join("names.txt");
    // A user's own spelling that the word stage would otherwise respell.
    fs::write(&words, "# my words\nບັບປຸງ\n").unwrap();
    laoclean()
        .write_stdin("ການບັບປຸງ\n")
        .assert()
        .success()
        .stdout("ການປັບປຸງ\n");
    laoclean()
        .arg("--dict")
        .arg(&words)
        .write_stdin("ການບັບປຸງ\n")
        .assert()
        .success()
        .stdout("ການບັບປຸງ\n");
}

#[test]
fn dict_words_the_lexicon_holds_only_count() {
    // The README's workflow: an archive's dictionary counts its common words too; they
    // must not stop the corrections around them. (ກອງ listed stopped ປະຊຸມໃຫ່ຍ → ໃຫຍ່.)
    let dir = TempDir::new().unwrap();
    let words = write(dir.path(), "common.txt", "ກອງ\t50\nປະຊຸມ\n");
    laoclean()
        .arg("--dict")
        .arg(&words)
        .write_stdin("ກອງປະຊຸມໃຫ່ຍ\n")
        .assert()
        .success()
        .stdout("ກອງປະຊຸມໃຫຍ່\n");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples");
    let archive = dir.path().join("archive.dict");
    laoclean()
        .args(["dict", "build", "--corpus"])
        .arg(&samples)
        .arg("-o")
        .arg(&archive)
        .assert()
        .success();
    let sample = samples.join("002_7c2f928f52b65107.txt");
    let plain = laoclean().arg(&sample).output().unwrap();
    let with_dict = laoclean()
        .arg("--dict")
        .arg(&archive)
        .arg(&sample)
        .output()
        .unwrap();
    assert!(plain.status.success() && with_dict.status.success());
    assert!(plain.stdout != fs::read(&sample).unwrap());
    assert!(plain.stdout == with_dict.stdout);
}

#[test]
fn dict_words_that_are_no_lao_words_are_named_when_skipped() {
    let dir = TempDir::new().unwrap();
    // A Lao word, a space typed for the TAB, a misspelling the grammar refuses.
    let words = write(dir.path(), "w.txt", "ວຽງຈັນ\nລາວ 5\nໃຫ່ຍ\t3\n");
    for args in [&["--dict", "w.txt"][..], &["segment", "--dict", "w.txt"]] {
        laoclean()
            .current_dir(dir.path())
            .args(args)
            .write_stdin("ກ\n")
            .assert()
            .success()
            .stderr(
                predicate::str::contains("--dict w.txt:2: `ລາວ 5` is not a Lao word")
                    .and(predicate::str::contains("--dict w.txt:3: `ໃຫ່ຍ`"))
                    .and(predicate::str::contains(":1:").not()),
            );
    }
    laoclean()
        .args(["-q", "--dict"])
        .arg(&words)
        .write_stdin("ກ\n")
        .assert()
        .success()
        .stderr("");
    // A bad line is an error naming the file and the line.
    write(dir.path(), "n.txt", "ວຽງຈັນ\t99999999999999999999999\n");
    laoclean()
        .current_dir(dir.path())
        .args(["--dict", "n.txt"])
        .write_stdin("ກ\n")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--dict n.txt:1: count")
                .and(predicate::str::contains("too large")),
        );
}

#[test]
fn a_missing_dict_file_is_an_error() {
    laoclean()
        .args(["--dict", "/nonexistent/words.txt"])
        .write_stdin("ກ\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--dict"));
}

#[test]
fn a_dict_file_that_is_not_utf8_is_named_with_the_byte() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "d.txt", b"ok\n\xff\n");
    for command in [&[][..], &["segment"]] {
        laoclean()
            .current_dir(dir.path())
            .args(command)
            .args(["--dict", "d.txt"])
            .write_stdin("ກ\n")
            .assert()
            .code(2)
            .stdout("")
            .stderr("laoclean: --dict d.txt: invalid UTF-8 at byte 3\n");
    }
}

// ---- laoclean segment ----

#[test]
fn segment_separates_words_with_the_chosen_delimiter() {
    laoclean()
        .args(["segment", "--sep", "|"])
        .write_stdin("ກອງປະຊຸມຄົບຄະນະ 2021\n")
        .assert()
        .success()
        .stdout("ກອງ|ປະຊຸມ|ຄົບ|ຄະນະ 2021\n");
}

#[test]
fn segment_leaves_addresses_and_paths_whole_and_its_output_cleans_back() {
    // A separator inside an address or a path would break it for whoever indexes the
    // text; with --keep-zwsp the cleaning then protects them as before.
    let text = "ເບິ່ງhttps://lo.wikipedia.org/wiki/ໃຫຍ່ ແລະ ~/ນໍາ/ໃຫຍ່.txt ຫຼື ສົມ@mail.la\n";
    let segmented = laoclean()
        .args(["segment", "--sep", "\u{200B}"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(segmented.status.success());
    let out = String::from_utf8(segmented.stdout).unwrap();
    for span in [
        "https://lo.wikipedia.org/wiki/ໃຫຍ່",
        "~/ນໍາ/ໃຫຍ່.txt",
        "ສົມ@mail.la",
    ] {
        assert!(
            out.contains(&format!(" {span}")) || out.contains(&format!("\u{200B}{span}")),
            "{out}"
        );
    }
    assert!(out.starts_with("ເບິ່ງ\u{200B}https://"), "{out}");
    laoclean()
        .args(["--keep-zwsp"])
        .write_stdin(out.clone())
        .assert()
        .success()
        .stdout(out);
}

#[test]
fn segment_defaults_to_zero_width_space_and_normalises_first() {
    // ໍາ is composed by the character stage before segmenting; --raw skips that.
    laoclean()
        .arg("segment")
        .write_stdin("ກອງປະຊຸມ ດໍາເນີນ")
        .assert()
        .success()
        .stdout("ກອງ\u{200B}ປະຊຸມ ດຳເນີນ");
    laoclean()
        .args(["segment", "--raw", "--sep", "|"])
        .write_stdin("ດໍາເນີນ")
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{0ECD}\u{0EB2}"));
}

#[test]
fn segment_reads_files_in_order_and_the_output_does_not_depend_on_threads() {
    let dir = TempDir::new().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(&a, "ກອງປະຊຸມ\n").unwrap();
    fs::write(&b, "ຄົບຄະນະ\n").unwrap();
    let one = laoclean()
        .args(["segment", "-j1", "--sep", "|"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(one.status.success());
    assert_eq!(
        String::from_utf8(one.stdout.clone()).unwrap(),
        "ກອງ|ປະຊຸມ\nຄົບ|ຄະນະ\n"
    );
    let two = laoclean()
        .args(["segment", "-j2", "--sep", "|"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn segment_names_a_full_stdout_as_stdout() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        return; // not a Linux machine
    }
    for input in ["ກອງປະຊຸມ\n".to_string(), "ກອງປະຊຸມ\n".repeat(100_000)]
    {
        let dir = TempDir::new().unwrap();
        let file = write(dir.path(), "a.txt", &input);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_laoclean"))
            .arg("segment")
            .arg(&file)
            .stdout(fs::File::create(full).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "laoclean: stdout: No space left on device\n"
        );
    }
}

#[test]
fn segment_uses_user_words() {
    let dir = TempDir::new().unwrap();
    let words = dir.path().join("words.txt");
    fs::write(&words, "ຄົບຄະນະ\t50\n").unwrap();
    laoclean()
        .args(["segment", "--sep", "|", "--dict"])
        .arg(&words)
        .write_stdin("ກອງປະຊຸມຄົບຄະນະ")
        .assert()
        .success()
        .stdout("ກອງ|ປະຊຸມ|ຄົບຄະນະ");
}

#[test]
fn segment_errors_name_the_file_and_byte() {
    laoclean()
        .arg("segment")
        .write_stdin(&b"\xe0\xba\x81\xff"[..])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>: invalid UTF-8 at byte 3"));
    laoclean()
        .args(["segment", "/nonexistent/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nonexistent/file.txt: cannot open",
        ));
    // A bad file is named and skipped; the files after it are still segmented. A binary
    // file is refused as the cleaning commands refuse it, and a byte order mark is kept.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", "\u{FEFF}ກອງປະຊຸມ\n");
    write(dir.path(), "b.bin", b"\xe0\xba\x81\0\n");
    // Bad far into the file: nothing of it is written (a named file is checked whole
    // first); a character cut by a read boundary is no error.
    let mut late = "ກອງປະຊຸມ\n".repeat(30_000).into_bytes();
    late.extend_from_slice(b"\xff\n");
    write(dir.path(), "late.txt", &late);
    laoclean()
        .current_dir(dir.path())
        .args(["segment", "late.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "late.txt: invalid UTF-8 at byte {}",
            late.len() - 2
        )));
    let big = "ກອງປະຊຸມ ".repeat(30_000);
    write(dir.path(), "big.txt", &big);
    laoclean()
        .current_dir(dir.path())
        .args(["segment", "--sep", "|", "big.txt"])
        .assert()
        .success();
    for raw in [&[][..], &["--raw"]] {
        laoclean()
            .current_dir(dir.path())
            .args(["segment", "--sep", "|"])
            .args(raw)
            .args(["a.txt", "missing.txt", "b.bin", "late.txt", "a.txt"])
            .assert()
            .code(2)
            .stdout("\u{FEFF}ກອງ|ປະຊຸມ\n\u{FEFF}ກອງ|ປະຊຸມ\n")
            .stderr(
                predicate::str::contains("missing.txt: cannot open")
                    .and(predicate::str::contains("b.bin: binary file"))
                    .and(predicate::str::contains("3 of 5 inputs not segmented")),
            );
    }
}

// ---- laoclean dict build ----

#[test]
fn dict_build_writes_a_dictionary_that_segment_loads() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    // An unknown name, repeated often enough to become a word of the archive.
    let text = "ທ່ານ ສົມພອນວົງໄຊ ໄດ້ກ່າວ. ".repeat(8);
    fs::write(corpus.join("a.txt"), &text).unwrap();
    fs::write(corpus.join("b.txt"), &text).unwrap();
    let out = dir.path().join("archive.dict");
    laoclean()
        .args(["dict", "build", "--corpus"])
        .arg(&corpus)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("2 files"));
    let dict = fs::read_to_string(&out).unwrap();
    assert!(dict.starts_with("# laoclean dictionary"), "{dict}");
    assert!(dict.lines().any(|l| l.starts_with("ທ່ານ\t")), "{dict}");
    // The file loads as a user dictionary.
    laoclean()
        .args(["segment", "--dict"])
        .arg(&out)
        .write_stdin("ທ່ານ")
        .assert()
        .success();
}

#[test]
fn dict_build_needs_files() {
    let dir = TempDir::new().unwrap();
    laoclean()
        .args(["dict", "build", "--corpus"])
        .arg(dir.path())
        .args(["-o", "/dev/null"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no text documents"));
    for (args, says) in [
        (
            ["--corpus", "/nonexistent", "--ratio", "10"],
            "no such directory",
        ),
        (["--corpus", ".", "--ratio", "nan"], "above 0"),
    ] {
        laoclean()
            .args(["dict", "build", "-o", "/dev/null"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
}

#[test]
fn dict_build_counts_the_documents_not_its_own_output() {
    // A candidate seen 4 times (fewer than 5) stays refused on a second run that finds
    // the first run's dictionary inside the corpus; a CSV and a binary file are no
    // documents of the archive.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "c/a.txt", "ທ່ານ ແອັບເປິ້ນ\n".repeat(4));
    write(dir.path(), "c/d.csv", "x,ແອັບເປິ້ນ\n".repeat(4));
    write(dir.path(), "c/e", "\0ແອັບເປິ້ນ\n");
    for _ in 0..2 {
        laoclean()
            .current_dir(dir.path())
            .args(["dict", "build", "--corpus", "c", "-o", "c/words.txt"])
            .assert()
            .success()
            .stderr(predicate::str::contains("1 files (1 binary"));
    }
    let dict = read(&dir.path().join("c/words.txt"));
    assert!(dict.contains("# ແອັບເປິ້ນ\t4\t# seen 4 times"), "{dict}");
}

#[test]
fn dict_build_names_an_output_that_is_a_directory_before_reading() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "c/a.txt", "ປະເທດລາວ\n");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    laoclean()
        .current_dir(dir.path())
        .args(["dict", "build", "--corpus", "c", "-o", "out"])
        .assert()
        .code(2)
        .stderr(
            "laoclean: -o out: a directory; give the dictionary's file name (-o out/words.tsv)\n",
        );
}

#[test]
fn dict_build_replaces_a_dictionary_whole_through_its_link_with_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    write(dir.path(), "c/a.txt", "ປະເທດລາວ ສົມພອນວົງໄຊ\n".repeat(6));
    let old = write(dir.path(), "words.tsv", "old\n");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("words.tsv", dir.path().join("link.tsv")).unwrap();
    // What is no regular file is written to, not replaced.
    laoclean()
        .current_dir(dir.path())
        .args(["dict", "build", "--corpus", "c", "-o", "/dev/null"])
        .assert()
        .success();
    use std::os::unix::fs::FileTypeExt;
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device());
    assert_eq!(read(&old), "old\n");
    laoclean()
        .current_dir(dir.path())
        .args(["dict", "build", "--corpus", "c", "-o", "link.tsv"])
        .assert()
        .success();
    assert!(read(&old).contains("ປະເທດລາວ\t6"), "{}", read(&old));
    // A link to a file yet to be made makes that file, and stays a link.
    std::os::unix::fs::symlink("later.tsv", dir.path().join("ahead.tsv")).unwrap();
    laoclean()
        .current_dir(dir.path())
        .args(["dict", "build", "--corpus", "c", "-o", "ahead.tsv"])
        .assert()
        .success();
    assert!(read(&dir.path().join("later.tsv")).contains("ປະເທດລາວ\t6"));
    let meta = std::fs::symlink_metadata(dir.path().join("ahead.tsv")).unwrap();
    assert!(meta.file_type().is_symlink());
    let meta = std::fs::symlink_metadata(dir.path().join("link.tsv")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    let mode = std::fs::metadata(&old).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".laoclean-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn dict_build_never_overwrites_a_document_of_the_corpus() {
    let dir = TempDir::new().unwrap();
    let notes = "ປະເທດລາວ ສົມພອນວົງໄຊ\n".repeat(6);
    write(dir.path(), "c/notes.txt", &notes);
    write(dir.path(), "c/more.txt", &notes);
    laoclean()
        .current_dir(dir.path())
        .args(["dict", "build", "--corpus", "c", "-o", "c/notes.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "c/notes.txt: a document of the corpus",
        ));
    assert_eq!(read(&dir.path().join("c/notes.txt")), notes);
}

// ---- data files, backups, links ----

#[test]
fn tabs_are_never_changed() {
    // Tab-separated data: empty fields and trailing tabs are values.
    let tsv = "ຊື່\tອາຍຸ\tບ້ານ\nສົມ\t\tວຽງຈັນ\nຄຳ\t25\t\n\t\t\n";
    laoclean().write_stdin(tsv).assert().success().stdout(tsv);
}

#[test]
fn lines_without_lao_keep_their_spacing() {
    let text = "« bonjour » dit-il : « ça va ? »\nHello , world !\n50 % of  100\n";
    laoclean().write_stdin(text).assert().success().stdout(text);
}

#[test]
fn comma_separated_rows_get_no_space_after_their_commas() {
    let csv = "ຊື່,ອາຍຸ,ບ້ານ\nສົມ,25,ວຽງຈັນ\n";
    laoclean().write_stdin(csv).assert().success().stdout(csv);
    // A sentence with a missing space still gets it.
    laoclean()
        .write_stdin("ສະຫະລັດ,ແຮ່, ລາວ\n")
        .assert()
        .success()
        .stdout("ສະຫະລັດ, ແຮ່, ລາວ\n");
}

#[test]
fn code_fences_of_tildes_and_indented_fences_are_left_alone() {
    let text = "~~~\nລາວ  ,  x\n~~~\n- item\n    ```\n    ລາວ  ,\n    ```\n";
    laoclean().write_stdin(text).assert().success().stdout(text);
}

#[test]
fn walking_cleans_documents_only_unless_globs_say_otherwise() {
    let dir = TempDir::new().unwrap();
    let doc = write(dir.path(), "a.txt", DIRTY);
    let data = write(dir.path(), "b.csv", DIRTY);
    laoclean().arg("-i").arg(dir.path()).assert().success();
    assert_eq!(read(&doc), CLEANED);
    assert_eq!(read(&data), DIRTY);
    laoclean()
        .args(["-i", "--glob", "*.csv"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(read(&data), CLEANED);
    // A file named on the command line is always cleaned.
    let named = write(dir.path(), "c.json", DIRTY);
    laoclean().arg("-i").arg(&named).assert().success();
    assert_eq!(read(&named), CLEANED);
}

#[test]
fn backups_are_not_cleaned_by_a_second_run() {
    let dir = TempDir::new().unwrap();
    let file = write(dir.path(), "a.txt", DIRTY);
    laoclean()
        .args(["-i", "--backup", ".orig"])
        .arg(dir.path())
        .assert()
        .success();
    fs::write(&file, format!("{CLEANED}ເເ\n")).unwrap();
    laoclean()
        .args(["-i", "--backup", ".orig"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("1 of 1 files changed"));
    // The backup holds the file as it was before the second run.
    assert_eq!(
        read(&dir.path().join("a.txt.orig")),
        format!("{CLEANED}ເເ\n")
    );
    assert!(!dir.path().join("a.txt.orig.orig").exists());
}

#[test]
fn an_input_that_is_another_inputs_backup_is_refused() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    let b = write(dir.path(), "a.txt.orig", DIRTY);
    laoclean()
        .args(["-i", "--backup", ".orig"])
        .arg(&a)
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is also an input"));
    assert_eq!((read(&a), read(&b)), (DIRTY.to_string(), DIRTY.to_string()));
}

#[test]
fn a_file_and_a_link_to_it_are_cleaned_once() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.txt", DIRTY);
    let b = dir.path().join("b.txt");
    std::os::unix::fs::symlink(&a, &b).unwrap();
    laoclean()
        .arg("-i")
        .arg(&a)
        .arg(&b)
        .arg(&a)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 of 1 files changed"));
    assert_eq!(read(&a), CLEANED);
    assert!(fs::symlink_metadata(&b).unwrap().file_type().is_symlink());
}

#[test]
fn a_fifo_or_stdin_path_is_not_rewritten() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe");
    if !std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        return;
    }
    laoclean()
        .arg("-i")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
}

#[test]
fn printing_many_files_into_a_closed_pipe_stops_quietly() {
    use std::io::Read;
    use std::process::{Command as Process, Stdio};
    let dir = TempDir::new().unwrap();
    for i in 0..400 {
        write(dir.path(), &format!("f{i:03}.txt"), "ເລກ ໓\n".repeat(200));
    }
    let mut child = Process::new(env!("CARGO_BIN_EXE_laoclean"))
        .args(["-j2"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the first file's text, then close the pipe.
    let mut first = vec![0; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("ເລກ 3"));
    assert_eq!(stderr, "");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_full_stdout_is_named_as_stdout_not_as_the_file() {
    // Writing the cleaned text fails (a full disk): the error is stdout's, whichever
    // input was being cleaned, and is said once.
    let full = Path::new("/dev/full");
    if !full.exists() {
        return; // not a Linux machine
    }
    let dir = TempDir::new().unwrap();
    let file = write(dir.path(), "a.txt", DIRTY);
    let jsonl = write(dir.path(), "a.jsonl", "{\"text\": \"ເເລະ\"}\n");
    let runs: [&[&std::ffi::OsStr]; 7] = [
        &[file.as_os_str()],
        &[file.as_os_str(), file.as_os_str()],
        &[],
        &["--check".as_ref(), file.as_os_str()],
        &["--diff".as_ref(), file.as_os_str()],
        &["--jsonl".as_ref(), jsonl.as_os_str(), jsonl.as_os_str()],
        // (the changed file's name is what --check prints: no panic, one message)
        &["--jsonl".as_ref(), "--check".as_ref(), jsonl.as_os_str()],
    ];
    for args in runs {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_laoclean"))
            .args(args)
            .stdin(fs::File::open(&file).unwrap())
            .stdout(fs::File::create(full).unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(
            err.matches("laoclean: stdout: ").count(),
            1,
            "{args:?}: {err}"
        );
        assert!(!err.contains("a.txt") && !err.contains("panicked"), "{err}");
        assert!(!err.contains("a.jsonl"), "{err}");
    }
    // With a report, the file's entry says why it stopped.
    let report = dir.path().join("report.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_laoclean"))
        .args(["--jsonl", "--report", "json", "--report-file"])
        .args([report.as_os_str(), jsonl.as_os_str()])
        .stdout(fs::File::create(full).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    let error = report["files"][0]["error"].as_str().unwrap_or_default();
    assert!(error.starts_with("stdout: "), "{report}");
}

#[test]
fn a_full_report_file_stops_the_report_not_the_cleaning() {
    // The report cannot be written (a full disk): the text still comes out whole, the
    // error is the report's, and the run fails.
    let full = Path::new("/dev/full");
    if !full.exists() {
        return; // not a Linux machine
    }
    let dir = TempDir::new().unwrap();
    let records: String = (0..2000)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"ເເລະ\"}}\n"))
        .collect();
    write(dir.path(), "a.jsonl", &records);
    write(dir.path(), "a.txt", DIRTY.repeat(2000));
    for args in [["--jsonl", "a.jsonl"], ["--", "a.txt"]] {
        for format in ["json", "jsonl"] {
            let out = laoclean()
                .current_dir(dir.path())
                .args(["--report", format, "--report-file", "/dev/full"])
                .args(args)
                .output()
                .unwrap();
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?} {format}: {err}");
            assert_eq!(
                err.matches("cannot write the report").count(),
                1,
                "{args:?} {format}: {err}"
            );
            assert!(
                !err.contains("a.jsonl:") && !err.contains("a.txt:"),
                "{err}"
            );
            let text = String::from_utf8(out.stdout).unwrap();
            let expected = if args[0] == "--jsonl" {
                records.replace("ເເ", "ແ")
            } else {
                CLEANED.repeat(2000)
            };
            assert!(text == expected, "{args:?} {format}: {} bytes", text.len());
        }
    }
}

#[test]
fn a_full_stderr_never_panics_and_a_lost_explanation_fails_the_run() {
    // Messages lost to a full stderr are no error of their own; an explanation asked for
    // and lost is (exit 2). Either way the text is cleaned and rewritten in full.
    let full = Path::new("/dev/full");
    if !full.exists() {
        return; // not a Linux machine
    }
    let dir = TempDir::new().unwrap();
    let words = write(dir.path(), "words.txt", "abc\n");
    let jsonl = write(dir.path(), "a.jsonl", "{\"text\": \"ເເລະ\"}\n");
    let runs: [(&[&str], i32); 8] = [
        (&["--explain", "a.txt"], 2),
        (&["-i", "a.txt"], 0),
        (&["-i", "--explain", "a.txt"], 2),
        (&["--diff", "--explain", "a.txt"], 2),
        (&["-i", "--jsonl", "a.jsonl"], 0),
        (&["a.txt", "missing.txt"], 2),
        (&["--dict", "words.txt", "a.txt"], 0),
        (&["segment", "missing.txt"], 2),
    ];
    for (args, code) in runs {
        write(dir.path(), "a.txt", DIRTY);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_laoclean"))
            .current_dir(dir.path())
            .args(args)
            .stderr(fs::File::create(full).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        if args[0] == "-i" && args.contains(&"a.txt") {
            assert_eq!(read(&dir.path().join("a.txt")), CLEANED, "{args:?}");
        }
    }
    assert_eq!(read(&words), "abc\n");
    assert_eq!(read(&jsonl), "{\"text\": \"ແລະ\"}\n");
}

#[test]
fn explaining_into_a_closed_pipe_still_rewrites_every_file() {
    // `laoclean -i --explain DIR 2>&1 | head -1`: stderr closes early; every file is
    // still cleaned and the run fails, as the explanation was lost.
    use std::io::Read;
    use std::process::{Command as Process, Stdio};
    let dir = TempDir::new().unwrap();
    for i in 0..300 {
        write(dir.path(), &format!("f{i:03}.txt"), DIRTY.repeat(200));
    }
    let mut child = Process::new(env!("CARGO_BIN_EXE_laoclean"))
        .args(["-j2", "-i", "--explain"])
        .arg(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = vec![0; 100];
    child.stderr.take().unwrap().read_exact(&mut first).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2));
    for i in 0..300 {
        let text = read(&dir.path().join(format!("f{i:03}.txt")));
        assert!(text == CLEANED.repeat(200), "f{i:03}.txt not cleaned");
    }
}
