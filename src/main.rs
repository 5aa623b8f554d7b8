//! The `laoclean` command line (being written: see issue 2).
use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s)?;
    print!("{}", laoclean::Cleaner::default().clean(&s));
    Ok(())
}
