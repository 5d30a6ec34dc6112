//! Aligning an untimed transcript to captions (`floor::align`): a
//! day-long meeting (60,000 words each side, the captions with a fifth of
//! the words wrong), timed natively with its peak memory (a counting
//! allocator), then the accuracy of every test pair: turns, coverage,
//! median and 90th percentile start error. Numbers, not pass/fail (the
//! tests in `tests/align.rs` check the pairs).

#[path = "../tests/support/align.rs"]
mod align_support;
#[path = "../tests/support/captions.rs"]
mod captions;
#[path = "../tests/support/counting.rs"]
mod counting;

use align_support::*;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

fn main() {
    println!(
        "Day-long meeting: untimed transcript against captions with a fifth of the words wrong\n"
    );
    println!(
        "words each side   align (best of 5)   peak memory   per word   coverage  median   p90"
    );
    for words in [15_000, 30_000, 60_000] {
        let text = meeting(words, 42);
        let t = floor::read::parse_str(&text);
        let (said, truth) = say(&t, 42);
        let vtt = captions_of(&said, ASR, None, 42);
        let captions = floor::read::parse_str(&vtt);
        // The day-long pair, for the same measure in WebAssembly
        // (tests/bench/align-wasm.mjs).
        if words == 60_000 {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench-align");
            let written = std::fs::create_dir_all(dir)
                .and_then(|()| std::fs::write(format!("{dir}/meeting.txt"), &text))
                .and_then(|()| std::fs::write(format!("{dir}/meeting.vtt"), &vtt));
            if let Err(e) = written {
                eprintln!("could not write the pair to {dir}: {e}");
            }
        }
        let mut best = f64::INFINITY;
        let mut peak = 0;
        let mut aligned = None;
        for _ in 0..5 {
            let base = counting::start();
            let started = Instant::now();
            let a = floor::align::align(&t, &captions);
            best = best.min(started.elapsed().as_secs_f64() * 1000.0);
            peak = peak.max(counting::peak_since(base));
            aligned = Some(a);
        }
        let aligned = aligned.expect("aligned");
        let row = measure("meeting", &aligned, &truth, None);
        println!(
            "{:>15}   {:>14.1} ms   {:>8.1} MB   {:>5.0} B   {:>7.1}%  {:>5.2}s {:>5.2}s",
            t.word_count(),
            best,
            peak as f64 / 1e6,
            peak as f64 / (t.word_count() + said.len()) as f64,
            row.coverage * 100.0,
            row.median,
            row.p90
        );
    }
    println!("\nAccuracy, pair by pair (as tests/align.rs checks them)\n");
    println!("{HEADER}");
    for (row, _) in pairs() {
        println!("{row}");
    }
}
