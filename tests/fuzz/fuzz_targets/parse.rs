//! Drains the whole parser — decoding, HTML extraction, scanning, structure —
//! on arbitrary bytes, and checks the model's invariants on what it returns,
//! and that parsing never holds more than 16 times the input's size (plus a
//! little for any input) at once: a counting allocator tracks the bytes live.
#![no_main]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use libfuzzer_sys::fuzz_target;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator unchanged; only counts
// are kept beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new) };
        if !q.is_null() {
            if new > layout.size() {
                let grown = new - layout.size();
                let live = LIVE.fetch_add(grown, Ordering::Relaxed) + grown;
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Most bytes live at once while parsing, per byte of input.
const MAX_RATIO: usize = 16;
/// What any input may take besides (tables, the first allocations).
const SLACK: usize = 64 * 1024;

fuzz_target!(|bytes: &[u8]| {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let t = floor::read::parse(bytes);
    let peak = PEAK.load(Ordering::Relaxed) - base;
    assert!(
        peak <= MAX_RATIO * bytes.len() + SLACK,
        "parsing {} bytes held {peak} bytes at once",
        bytes.len()
    );
    for (i, turn) in t.turns.iter().enumerate() {
        assert_eq!(turn.n as usize, i + 1);
        assert!(turn.range[0] <= turn.range[1]);
        assert_eq!(turn.speaker().is_some(), t.speaker_of(turn).is_some());
        for a in t.annotations(turn) {
            let p = t.paragraph(turn, a.paragraph()).expect("its paragraph");
            let [s, e] = a.range();
            assert!(p.get(s..e).is_some());
        }
    }
});
