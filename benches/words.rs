//! The word stage: the whole cleaner at each level on the corpus samples concatenated
//! and repeated to about 1 MB, single-threaded. `safe` runs no word stage, so the
//! difference between `safe` and `standard` (or `aggressive`) is the word stage's cost.
//!
//! Run: `cargo bench --bench words`. Criterion prints the throughput of each.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use laoclean::{Cleaner, Config, Level};
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let text = common::corpus("\n\n", 1 << 20);
    let mut group = c.benchmark_group("words");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(text.len() as u64));
    for (name, level) in [
        ("safe", Level::Safe),
        ("standard", Level::Standard),
        ("aggressive", Level::Aggressive),
    ] {
        let cleaner = Cleaner::new(Config::default().level(level));
        group.bench_with_input(BenchmarkId::new("clean", name), &text, |b, t| {
            b.iter(|| cleaner.clean(black_box(t)).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
