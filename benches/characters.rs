//! The character stage against Unicode NFC (`unicode-normalization`) on the same Lao
//! text: the corpus samples concatenated and repeated to about 4 MB, as the user has
//! them (`raw`, with decomposed ຳ, ເເ, Lao digits…) and after the stage (`clean`).
//!
//! Run: `cargo bench --bench characters`. Criterion prints the throughput of each.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;
use unicode_normalization::UnicodeNormalization;

fn bench(c: &mut Criterion) {
    let raw = common::corpus("", 4 << 20);
    let clean = laoclean::normalize(&raw).into_owned();
    let mut group = c.benchmark_group("characters");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (name, text) in [("raw", &raw), ("clean", &clean)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("laoclean", name), text, |b, t| {
            b.iter(|| laoclean::normalize(black_box(t)).len())
        });
        group.bench_with_input(BenchmarkId::new("nfc", name), text, |b, t| {
            b.iter(|| black_box(t).nfc().collect::<String>().len())
        });
    }
    group.finish();
}

/// Runs of numbers cut by doubled separators (`1,,1,,…`) with no blank in them: each
/// number's start was once found by going back over the whole run (quadratic: 60 KB
/// took 5 s), Thai digits at the default settings and ASCII digits in `--digits lao`.
/// Two sizes each: time should grow with the size, not its square.
fn worst_case(c: &mut Criterion) {
    let mut group = c.benchmark_group("characters_worst_case");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let lao_digits = laoclean::Config::default().digits(laoclean::Digits::Lao);
    let cases = [
        ("thai_digits", "\u{0E51},,", laoclean::Config::default()),
        ("ascii_digits_lao_mode", "1,,", lao_digits),
    ];
    for (name, unit, config) in cases {
        let cleaner = laoclean::Cleaner::new(config.level(laoclean::Level::Safe));
        for kb in [64, 256] {
            let text = format!("ລາວ {}", unit.repeat(kb * 1024 / unit.len()));
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, kb), &text, |b, t| {
                b.iter(|| cleaner.clean(black_box(t)).len())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench, worst_case);
criterion_main!(benches);
