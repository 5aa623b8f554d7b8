//! Clean text costs no allocation: `laoclean::normalize` hands it back borrowed without
//! touching the heap. Counted with a global allocator, so this file holds one test only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn clean_text_is_returned_borrowed_without_allocating() {
    let mut raw = String::new();
    for entry in std::fs::read_dir("corpus-samples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            raw.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    let clean = laoclean::normalize(&raw).into_owned();
    assert_ne!(clean, raw, "the samples have errors for the stage to fix");

    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let out = laoclean::normalize(&clean);
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    assert!(matches!(out, std::borrow::Cow::Borrowed(_)));
    assert_eq!(
        after - before,
        0,
        "allocations while normalising clean text"
    );
}
