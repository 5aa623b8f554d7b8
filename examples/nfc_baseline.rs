//! Baseline for the whole-process benchmark: Unicode NFC (the `unicode-normalization`
//! crate) over standard input, written to standard output, read and written the same way
//! as `laoclean` does. Run: `cargo run --release --example nfc_baseline < FILE > /dev/null`.
use std::io::{Read, Write};
use unicode_normalization::UnicodeNormalization;

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let out: String = text.nfc().collect();
    std::io::stdout().lock().write_all(out.as_bytes())
}
