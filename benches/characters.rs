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

criterion_group!(benches, bench);
criterion_main!(benches);
