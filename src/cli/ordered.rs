//! Cleaning many inputs in parallel and handing the results over in input order.
//!
//! Each input is a job on the rayon pool. The calling thread receives the results, puts
//! them back in input order and hands each one over as soon as every earlier one has
//! been. A new input is started each time a result is handed over, so at most `window`
//! inputs are in flight or waiting at once: memory stays bounded however many inputs
//! there are, and there is no barrier where fast workers wait for a slow one, as there
//! would be with fixed groups.

use std::collections::VecDeque;
use std::ops::ControlFlow;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

/// Runs `work` on every item on the rayon pool and hands the results to `take` in item
/// order, on this thread, with at most `window` items started and not yet handed over.
/// Once `take` breaks, no more items are started; those in flight finish and are
/// dropped. A panic in `work` is resumed here.
pub fn for_each_ordered<T, R>(
    items: &[T],
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(usize, R) -> ControlFlow<()>,
) where
    T: Sync,
    R: Send,
{
    let window = window.max(1);
    let work = &work;
    let (results_tx, results) = mpsc::channel();
    rayon::in_place_scope(|scope| {
        let start = |index: usize| {
            let results_tx = results_tx.clone();
            scope.spawn(move |_| {
                let result = panic::catch_unwind(AssertUnwindSafe(|| work(&items[index])));
                // The receiver lives until every job has finished.
                let _ = results_tx.send((index, result));
            });
        };
        let (mut next, mut head) = (0, 0);
        // Results received out of order: slot k holds item `head + k`.
        let mut waiting: VecDeque<Option<R>> = VecDeque::new();
        let mut stopped = false;
        while next < items.len().min(window) {
            start(next);
            next += 1;
        }
        while head < next {
            let (index, result) = results.recv().expect("every job sends its result");
            let result = result.unwrap_or_else(|payload| panic::resume_unwind(payload));
            let slot = index - head;
            if waiting.len() <= slot {
                waiting.resize_with(slot + 1, || None);
            }
            waiting[slot] = Some(result);
            while let Some(Some(_)) = waiting.front() {
                let result = waiting.pop_front().flatten().expect("checked above");
                stopped = stopped || take(head, result).is_break();
                head += 1;
                if !stopped && next < items.len() {
                    start(next);
                    next += 1;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_item_order_whatever_order_they_finish_in() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        for_each_ordered(
            &items,
            7,
            |&k| {
                // Later items finish first now and then.
                std::thread::sleep(std::time::Duration::from_micros((200 - k) % 13 * 50));
                k * k
            },
            |index, square| {
                seen.push((index, square));
                ControlFlow::Continue(())
            },
        );
        let expected: Vec<(usize, u64)> = (0..200).map(|k| (k as usize, k * k)).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn no_more_than_the_window_is_started_ahead() {
        let items: Vec<usize> = (0..100).collect();
        let started = AtomicUsize::new(0);
        for_each_ordered(
            &items,
            5,
            |_| started.fetch_add(1, Ordering::SeqCst),
            |index, _| {
                // Item `index` is handed over: at most `index + 5` items were started.
                assert!(started.load(Ordering::SeqCst) <= index + 5);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(started.load(Ordering::SeqCst), 100);
    }

    #[test]
    fn breaking_starts_nothing_more() {
        let items: Vec<usize> = (0..1000).collect();
        let started = AtomicUsize::new(0);
        let mut taken = 0;
        for_each_ordered(
            &items,
            4,
            |_| started.fetch_add(1, Ordering::SeqCst),
            |index, _| {
                taken += 1;
                if index == 9 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(taken, 10);
        assert!(started.load(Ordering::SeqCst) <= 14);
    }

    #[test]
    fn a_panic_in_a_job_reaches_the_caller() {
        let items: Vec<usize> = (0..20).collect();
        let caught = panic::catch_unwind(|| {
            for_each_ordered(
                &items,
                4,
                |&k| assert_ne!(k, 11, "item 11"),
                |_, _| ControlFlow::Continue(()),
            )
        });
        assert!(caught.is_err());
    }
}
