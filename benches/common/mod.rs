//! What the benchmarks share: the corpus samples as one text.

/// The corpus samples in name order, each followed by `separator`, repeated to at least
/// `bytes` bytes. Benchmarks run from the repository root.
pub fn corpus(separator: &str, bytes: usize) -> String {
    let mut files: Vec<_> = std::fs::read_dir("corpus-samples")
        .expect("run from the repository root")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let one: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap() + separator)
        .collect();
    one.repeat(bytes / one.len() + 1)
}
