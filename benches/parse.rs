//! `cargo bench --bench parse`: parser throughput on the bundled sample and on
//! the sample repeated 100 times (about 4.7 MB), beside two baselines over the
//! same bytes — counting newlines with `memchr` (the memory-speed limit) and
//! splitting into owned `String` lines (the allocation floor). Criterion
//! prints each as MB/s ("thrpt"); the summary at the end prints the ratios.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};

const SAMPLE: &[u8] = include_bytes!("../assets/sample.txt");

fn inputs() -> [(&'static str, Vec<u8>); 2] {
    [
        ("sample", SAMPLE.to_vec()),
        ("sample x100", SAMPLE.repeat(100)),
    ]
}

fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

fn owned_lines(bytes: &[u8]) -> Vec<String> {
    // The same UTF-8 validation parse does, then one String per line.
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    text.lines().map(str::to_owned).collect()
}

fn parse(bytes: &[u8]) -> floor::model::Transcript {
    floor::read::parse(bytes)
}

fn bench(c: &mut Criterion) {
    for (name, bytes) in inputs() {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if bytes.len() > 1_000_000 {
            group.sample_size(20);
        }
        group.bench_function("memchr newlines", |b| {
            b.iter(|| newlines(black_box(&bytes)))
        });
        group.bench_function("owned lines", |b| b.iter(|| owned_lines(black_box(&bytes))));
        group.bench_function("parse", |b| b.iter(|| parse(black_box(&bytes))));
        group.finish();
    }
}

/// A plain-numbers summary (median of a few timed runs), so the ratio the
/// target is stated in is printed directly.
fn summary() {
    println!("\nsummary (median of 15 runs):");
    let mut json = Vec::new();
    println!(
        "{:<12} {:>14} {:>14} {:>14} {:>18}",
        "input", "memchr MB/s", "lines MB/s", "parse MB/s", "parse / lines"
    );
    for (name, bytes) in inputs() {
        let mbps = |f: &dyn Fn()| {
            let mut times: Vec<f64> = (0..15)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64()
                })
                .collect();
            times.sort_by(f64::total_cmp);
            bytes.len() as f64 / 1e6 / times[times.len() / 2]
        };
        let m = mbps(&|| {
            black_box(newlines(black_box(&bytes)));
        });
        let l = mbps(&|| {
            black_box(owned_lines(black_box(&bytes)));
        });
        let p = mbps(&|| {
            black_box(parse(black_box(&bytes)));
        });
        println!("{name:<12} {m:>14.0} {l:>14.0} {p:>14.0} {:>18.2}", p / l);
        json.push(format!("\"{name}\": {p:.1}"));
    }
    // For the WASM benchmark (tests/bench/parse-wasm.mjs) to print the ratio.
    let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let _ = std::fs::write(
        format!("{dir}/bench-parse-native.json"),
        format!("{{{}}}\n", json.join(", ")),
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary();
}
