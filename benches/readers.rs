//! `cargo bench --bench readers`: each reader's throughput, natively, on
//! the corpus' real files and on generated ones: ten hours of YouTube's
//! rolling automatic captions (about 5 MB, the target: 100 ms),
//! and the same cues as WebVTT and SRT. Prints the median of 15 runs; the
//! generated files are written to `target/bench-readers/` for the WASM
//! benchmark (`tests/bench/parse-wasm.mjs`), and the MB/s to
//! `target/bench-readers-native.json`.

use std::hint::black_box;
use std::time::Instant;

#[path = "../tests/support/captions.rs"]
mod captions;

fn median_ms(f: &dyn Fn()) -> f64 {
    let mut times: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    // Ten hours at about 2.3 s a line.
    let lines = captions::caption_lines(15_700, 7);
    let cues = captions::cues(&lines, 11);
    let mut inputs: Vec<(String, String)> = vec![
        ("youtube-10h.vtt".into(), captions::youtube(&lines)),
        ("cues.vtt".into(), captions::webvtt(&cues)),
        ("cues.srt".into(), captions::srt(&cues)),
    ];
    let out_dir = format!("{root}/target/bench-readers");
    std::fs::create_dir_all(&out_dir).expect("target/ is writable");
    for (name, text) in &inputs {
        std::fs::write(format!("{out_dir}/{name}"), text).expect("target/ is writable");
    }
    for dir in ["other", "captions"] {
        let dir = format!("{root}/tests/data/corpus/{dir}");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .expect("the corpus")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".expected.json"))
            .collect();
        names.sort();
        for name in names {
            let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_default();
            inputs.push((name, text));
        }
    }
    println!("reader throughput, native (median of 15 runs)");
    println!(
        "{:<44} {:<13} {:>8} {:>7} {:>10} {:>8}",
        "input", "format", "MB", "turns", "ms/parse", "MB/s"
    );
    let mut json = Vec::new();
    for (name, text) in &inputs {
        let t = floor::read::parse_str(text);
        let ms = median_ms(&|| {
            black_box(floor::read::parse_str(black_box(text)));
        });
        let mb = text.len() as f64 / 1e6;
        println!(
            "{name:<44} {:<13} {mb:>8.3} {:>7} {ms:>10.2} {:>8.0}",
            t.meta.format,
            t.turns.len(),
            mb / (ms / 1000.0)
        );
        json.push(format!("\"{name}\": {:.1}", mb / (ms / 1000.0)));
    }
    std::fs::write(
        format!("{root}/target/bench-readers-native.json"),
        format!("{{{}}}\n", json.join(", ")),
    )
    .expect("target/ is writable");
}
