//! The wording of the command line's messages, shared by its commands (and by
//! `examples/segment.rs`, which compiles `segment.rs` on its own).

/// An I/O error as a short message, without Rust's "(os error N)" suffix.
pub fn describe(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
