fn main() {
    let mut one = String::new();
    for f in std::fs::read_dir("corpus-samples").unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt") {
            one.push_str(&std::fs::read_to_string(p).unwrap());
        }
    }
    let raw = one.repeat(30);
    let clean = laoclean::normalize(&raw).into_owned();
    let which = std::env::args().nth(1).unwrap_or_default();
    let t = if which == "raw" { &raw } else { &clean };
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..100 {
        n += laoclean::normalize(std::hint::black_box(t)).len();
    }
    let el = start.elapsed();
    println!(
        "{} MB/s {}",
        (t.len() * 100) as f64 / el.as_secs_f64() / 1e6,
        n
    );
}
