fn main() {
    let s = std::fs::read_to_string("bench-data/lao-2mb.txt").unwrap();
    let seg = laoclean::words::Segmenter::new(laoclean::words::Lexicon::embedded());
    let t = std::time::Instant::now();
    let mut n = 0;
    for line in s.lines() {
        n += seg.tokens(line).len();
    }
    let dt = t.elapsed().as_secs_f64();
    println!("{n} tokens {:.1} MB/s", s.len() as f64 / 1e6 / dt);
}
