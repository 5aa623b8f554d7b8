//! Build script: compiles the data in `dictionaries/` into tables embedded in the binary.
fn main() {
    println!("cargo:rerun-if-changed=dictionaries");
}
