//! The word stage: the whole cleaner at each level on the corpus samples concatenated
//! and repeated to about 1 MB, single-threaded. `safe` runs no word stage, so the
//! difference between `safe` and `standard` (or `aggressive`) is the word stage's cost.
//!
//! A second group times the default level on text made to be hard for the word stage,
//! at two sizes: a long stretch with no dictionary word (one consonant repeated, alone
//! or with spaces between) and random syllables. Time must grow with the input, not
//! with its square: the throughputs at the two sizes should be about the same.
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

    let mut group = c.benchmark_group("words_worst_case");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let cleaner = Cleaner::default();
    // (`misspelt_line`: one line with a misspelt word in every three, each corrected:
    // the later rounds' lines were found again for every edit, quadratic on one line.)
    for (name, unit) in [
        ("one_consonant", "ກ"),
        ("consonant_space", "ກ "),
        ("misspelt_line", "ປະເທດລາວ ມີ ໃຫ່ຍ "),
    ] {
        for kb in [64, 256] {
            let text = unit.repeat(kb * 1024 / unit.len());
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, kb), &text, |b, t| {
                b.iter(|| cleaner.clean(black_box(t)).len())
            });
        }
    }
    for kb in [64, 256] {
        let text = random_syllables(kb * 1024);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("random_syllables", kb), &text, |b, t| {
            b.iter(|| cleaner.clean(black_box(t)).len())
        });
    }
    group.finish();
}

/// About `bytes` of random Lao syllables (consonant, vowel, sometimes a final) on one
/// line, a space after three in ten: no word stands in it, so the edit search runs
/// everywhere. Deterministic (a fixed linear congruential generator).
fn random_syllables(bytes: usize) -> String {
    let consonants: Vec<char> = "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮ".chars().collect();
    let vowels = ["າ", "ິ", "ີ", "ຶ", "ື", "ຸ", "ູ", "ະ", "ັ", "ົ", ""];
    let mut state: u64 = 1;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    let mut text = String::new();
    while text.len() < bytes {
        text.push(consonants[next(consonants.len())]);
        text.push_str(vowels[next(vowels.len())]);
        if next(2) == 0 {
            text.push(consonants[next(consonants.len())]);
        }
        if next(10) < 3 {
            text.push(' ');
        }
    }
    text
}

criterion_group!(benches, bench);
criterion_main!(benches);
