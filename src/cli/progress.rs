//! The progress bar on stderr, for long runs watched from a terminal.
//!
//! It shows only when stderr is a terminal, `--quiet` is not given, and the run is long:
//! one input larger than [`LARGE_INPUT_BYTES`] (bytes read, rate, ETA), or a directory or
//! several inputs adding up to more than that (files done, rate, ETA). Otherwise nothing
//! is drawn, so pipelines, logs and tests see a silent stderr.

use super::files::Input;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, IsTerminal};
use std::os::fd::AsFd;
use std::time::Duration;

/// Inputs larger than this (64 MiB) get a progress bar.
pub const LARGE_INPUT_BYTES: u64 = 64 << 20;

/// What the bar counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Bytes of the one input, of this many.
    Bytes(u64),
    /// Files, of this many.
    Files(u64),
}

/// Should a bar show, and counting what? `walked` says whether a directory was named,
/// `sizes` are the sizes of the inputs (None when unknown, as for a pipe).
pub fn choose(
    quiet: bool,
    stderr_is_terminal: bool,
    walked: bool,
    sizes: &[Option<u64>],
) -> Option<Unit> {
    if quiet || !stderr_is_terminal || sizes.is_empty() {
        return None;
    }
    let total: u64 = sizes.iter().flatten().sum();
    match sizes {
        [Some(size)] if !walked && *size > LARGE_INPUT_BYTES => Some(Unit::Bytes(*size)),
        [_] if !walked => None,
        _ if walked || total > LARGE_INPUT_BYTES => Some(Unit::Files(sizes.len() as u64)),
        _ => None,
    }
}

/// The bar of a run, or nothing (every method then does nothing).
pub struct Progress {
    bar: Option<ProgressBar>,
    unit: Option<Unit>,
}

impl Progress {
    /// The bar for a run over `inputs` (see the module docs).
    pub fn for_inputs(quiet: bool, inputs: &[Input]) -> Progress {
        let terminal = io::stderr().is_terminal();
        // Sizes are only looked up when a bar could show at all.
        let unit = if quiet || !terminal {
            None
        } else {
            let sizes: Vec<Option<u64>> = inputs.iter().map(size_of).collect();
            choose(quiet, terminal, inputs.iter().any(Input::walked), &sizes)
        };
        let bar = unit.map(|unit| {
            let (len, template) = match unit {
                Unit::Bytes(n) => (
                    n,
                    "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}",
                ),
                Unit::Files(n) => (n, "{bar:40} {pos}/{len} files {files_per_sec} ETA {eta}"),
            };
            let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(template)
                .expect("a valid template")
                .with_key(
                    "files_per_sec",
                    |s: &ProgressState, w: &mut dyn fmt::Write| {
                        let _ = write!(w, "{:.0}/s", s.per_sec());
                    },
                );
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress { bar, unit }
    }

    /// `reader`, counting the bytes read when the bar counts bytes.
    pub fn wrap<'r, R: BufRead + 'r>(&self, reader: R) -> Box<dyn BufRead + 'r> {
        match (&self.bar, self.unit) {
            (Some(bar), Some(Unit::Bytes(_))) => Box::new(bar.wrap_read(reader)),
            _ => Box::new(reader),
        }
    }

    /// One more file done.
    pub fn file_done(&self) {
        if let (Some(bar), Some(Unit::Files(_))) = (&self.bar, self.unit) {
            bar.inc(1);
        }
    }

    /// Runs `f` (which prints to stderr) with the bar out of the way.
    pub fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The size of an input, when it is a regular file (stdin redirected from a file too).
fn size_of(input: &Input) -> Option<u64> {
    let meta = match input {
        Input::File { path, .. } => std::fs::metadata(path).ok()?,
        Input::Stdin => {
            let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
            File::from(fd).metadata().ok()?
        }
    };
    meta.is_file().then_some(meta.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BIG: u64 = LARGE_INPUT_BYTES + 1;

    #[test]
    fn silent_off_a_terminal_and_with_quiet() {
        assert_eq!(choose(false, false, true, &[Some(BIG)]), None);
        assert_eq!(choose(true, true, true, &[Some(BIG)]), None);
    }

    #[test]
    fn a_large_input_counts_bytes_and_a_directory_counts_files() {
        assert_eq!(
            choose(false, true, false, &[Some(BIG)]),
            Some(Unit::Bytes(BIG))
        );
        assert_eq!(choose(false, true, false, &[Some(10)]), None);
        assert_eq!(choose(false, true, false, &[None]), None);
        assert_eq!(
            choose(false, true, true, &[Some(1), Some(2)]),
            Some(Unit::Files(2))
        );
        assert_eq!(choose(false, true, false, &[Some(1), Some(2)]), None);
        assert_eq!(
            choose(false, true, false, &[Some(BIG / 2), Some(BIG / 2 + 1)]),
            Some(Unit::Files(2))
        );
    }
}
