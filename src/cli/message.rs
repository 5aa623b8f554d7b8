//! The wording of the command line's messages, shared by its commands (and by
//! `examples/segment.rs`, which compiles `segment.rs` on its own), and their printing.

use std::fmt::Display;
use std::io::{self, Write};

/// An I/O error as a short message, without Rust's "(os error N)" suffix.
pub fn describe(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Prints `laoclean: {text}` as a line on stderr. A stderr that cannot take it (a closed
/// pipe, a full disk) loses the message; unlike `eprintln!`, this never panics.
pub fn print(text: impl Display) {
    let line = format!("laoclean: {text}\n");
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// The byte order mark of UTF-16 text that `head` begins with, if it does (as `FF FE`).
/// Text that begins so is never UTF-8: neither byte stands in UTF-8.
pub fn utf16_bom(head: &[u8]) -> Option<&'static str> {
    match head {
        [0xFF, 0xFE, ..] => Some("FF FE"),
        [0xFE, 0xFF, ..] => Some("FE FF"),
        _ => None,
    }
}

/// What is said of UTF-16 text that begins with the byte order mark `mark`.
pub fn utf16_message(mark: &str) -> String {
    format!("UTF-16 text (byte order mark {mark}), not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)")
}
