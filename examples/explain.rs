//! Prints the cleaned text and the report (edits and suggestions) of stdin as JSON lines.
//!
//! `cargo run --release --example explain < file.txt`
use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s)?;
    let level = match std::env::args().nth(1).as_deref() {
        Some("aggressive") => laoclean::Level::Aggressive,
        Some("safe") => laoclean::Level::Safe,
        _ => laoclean::Level::Standard,
    };
    let c = laoclean::Cleaner::new(laoclean::Config::default().level(level));
    let r = c.clean_with_report(&s);
    for e in &r.edits {
        println!("edit {}", serde_json::to_string(e).unwrap());
    }
    for e in &r.suggestions {
        println!("sugg {}", serde_json::to_string(e).unwrap());
    }
    Ok(())
}
