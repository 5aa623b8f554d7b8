//! Prints each line of standard input cut into Lao syllables
//! ([`laoclean::words::syllable::syllables`]), joined by the separator given as the
//! first argument (default `|`). Used by `tools/spaced_eval.py`.
//!
//! ```text
//! echo 'ສາທາລະນະລັດ' | cargo run --release --example syllables -- '|'
//! ```

use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let sep = std::env::args().nth(1).unwrap_or_else(|| "|".to_string());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        writeln!(
            out,
            "{}",
            laoclean::words::syllable::syllables(&line).join(&sep)
        )?;
    }
    out.flush()
}
