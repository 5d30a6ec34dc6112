//! Drains the whole parser — decoding, HTML extraction, scanning, structure —
//! on arbitrary bytes, and checks the model's invariants on what it returns,
//! and that parsing never holds more than 16 times the input's size (plus a
//! little for any input) at once: a counting allocator tracks the bytes live.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../support/counting.rs"]
mod counting;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// Most bytes live at once while parsing, per byte of input.
const MAX_RATIO: usize = 16;
/// What any input may take besides (tables, the first allocations).
const SLACK: usize = 64 * 1024;

fuzz_target!(|bytes: &[u8]| {
    let base = counting::start();
    let t = floor::read::parse(bytes);
    let peak = counting::peak_since(base);
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
