//! `cargo bench --bench search`: the search index natively, on the bundled
//! sample and on its turns repeated 100 times (as the page benchmark
//! `tests/bench/search.mjs` builds them): index build time, then the time of
//! each query typed letter by letter ("best practice forum"): searched
//! afresh, typed on from the hits before (as the viewer does), and found
//! without marks (`Index::find`, the JS API's `search`). Median of several
//! runs; plain numbers, no timing assertions.

use std::hint::black_box;
use std::time::{Duration, Instant};

use floor::search::{Index, Query};

const SAMPLE: &str = include_str!("../assets/sample.txt");
const QUERY: &str = "best practice forum";

/// The sample's header once, then its turns 100 times.
fn big() -> String {
    let first = SAMPLE
        .lines()
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            Some((start, line))
        })
        .find(|(_, line)| line.trim_start().starts_with(">>"))
        .map_or(0, |(start, _)| start);
    let body = SAMPLE[first..].trim_end();
    format!("{}{}\n", &SAMPLE[..first], vec![body; 100].join("\n\n"))
}

fn median(mut runs: Vec<Duration>) -> f64 {
    runs.sort();
    runs[runs.len() / 2].as_secs_f64() * 1e3
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    for (name, text) in [("sample", SAMPLE.to_string()), ("sample x100", big())] {
        let t = floor::read::parse_str(&text);
        let runs = if text.len() > 1_000_000 { 15 } else { 101 };
        let build = time(runs, || Index::new(&t));
        println!(
            "{name}: {:.2} MB, {} turns; index build {build:.3} ms",
            text.len() as f64 / 1e6,
            t.turns.len()
        );
        let words = time(runs, || {
            let index = Index::new(&t);
            index.prepare_find();
            index
        });
        println!("{name}: index build with the words for `find` {words:.3} ms");
        let index = Index::new(&t);
        index.prepare_find();
        let (mut worst, mut worst_typed, mut worst_found): (f64, f64, f64) = (0.0, 0.0, 0.0);
        println!("  query so far            afresh    typed on    found (no marks)");
        let mut before = floor::search::Hits::default();
        for i in 1..=QUERY.len() {
            let q = Query::parse(&QUERY[..i]);
            let ms = time(runs, || index.search(&q, None));
            let typed = time(runs, || index.search_from(&q, None, Some(&before)));
            let found = time(runs, || index.find(&q, None, &mut Default::default()));
            let hits = index.search_from(&q, None, Some(&before));
            worst = worst.max(ms);
            worst_typed = worst_typed.max(typed);
            worst_found = worst_found.max(found);
            println!(
                "  {:<22} {ms:>6.3} ms  {typed:>6.3} ms  {found:>6.3} ms  {:>6} matches in {:>5} turns",
                format!("{:?}", &QUERY[..i]),
                hits.matches(),
                hits.turns.len()
            );
            before = hits;
        }
        println!(
            "{name}: slowest query {worst:.3} ms afresh, {worst_typed:.3} ms typed on, {worst_found:.3} ms found"
        );
    }
}
