//! Stand-alone front end of `laoclean segment` (the same code, `src/cli/segment.rs`),
//! used by `tools/compare_laonlp.py`. With `--repeat N` it segments the input N times
//! and reports the throughput on standard error instead of writing the output.
//!
//! ```text
//! cargo run --release --example segment -- --sep '|' corpus-samples/*.txt
//! ```

#[path = "../src/cli/segment.rs"]
#[allow(dead_code)]
mod segment;

#[path = "../src/cli/message.rs"]
mod message;

use clap::Parser;
use laoclean::words::Segmenter;

#[derive(Parser)]
struct Args {
    #[command(flatten)]
    segment: segment::SegmentArgs,
    /// Segment the concatenated input this many times and report the speed.
    #[arg(long)]
    repeat: Option<usize>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let Some(n) = args.repeat else {
        return segment::run(&args.segment);
    };
    let seg = Segmenter::new(
        segment::load_lexicon(&args.segment.dicts, true).map_err(anyhow::Error::msg)?,
    );
    let mut text = String::new();
    for f in &args.segment.files {
        text.push_str(&std::fs::read_to_string(f)?);
    }
    let text = laoclean::normalize(&text).into_owned();
    let big = text.repeat(n);
    let t = std::time::Instant::now();
    let tokens = seg.tokens(&big).len();
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "{{\"bytes\": {}, \"tokens\": {tokens}, \"seconds\": {secs:.4}, \"mb_per_s\": {:.2}, \"threads\": {}}}",
        big.len(),
        big.len() as f64 / secs / 1e6,
        rayon::current_num_threads()
    );
    Ok(())
}
