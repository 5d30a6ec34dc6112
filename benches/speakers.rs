//! `cargo bench --bench speakers`: speaker resolution against the number of
//! distinct labels (10,000, 20,000, 40,000, and 200,000 in a 4 MB file),
//! for three kinds of label sets:
//! - names: distinct labels, half of them used twice;
//! - near: every label one letter from many others (`PARTICIPANT ABCD`),
//!   the worst case for typo candidates;
//! - variants: labels that fold alike in groups of four (case, accents,
//!   invisible characters, full-width letters).
//!
//! Prints the median of several runs of `resolve` on a parsed transcript,
//! and of the whole parse. Resolution was quadratic before: 20,000 labels
//! took 5 s, 40,000 took 20 s.

use std::time::Instant;

use floor::resolve::speakers::{Choices, resolve};

#[path = "../tests/support/letters.rs"]
mod letters;

use letters::letters;

fn transcript(kind: &str, n: usize) -> String {
    let mut text = String::with_capacity(n * 40);
    for i in 0..n {
        let label = match kind {
            "names" => format!("DELEGATE {} OF {}", letters(i), letters(i * 7 + 3)),
            "near" => format!("PARTICIPANT {}", letters(i)),
            _ => {
                let base = format!("SPEAKER {}", letters(i / 4));
                match i % 4 {
                    0 => base,
                    1 => base.to_lowercase().replacen('s', "S", 1),
                    2 => base.replacen('E', "\u{200b}E", 1),
                    _ => base.replacen('S', "Ｓ", 1),
                }
            }
        };
        text.push_str(&format!(">>{label}: Thank you.\n\n"));
        if i % 2 == 0 {
            text.push_str(&format!(">>{label}: Again.\n\n"));
        }
    }
    text
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    println!("speaker resolution (median of 5 runs; ms)");
    println!(
        "{:<10} {:>9} {:>11} {:>9} {:>12} {:>10}",
        "labels", "kind", "input MB", "speakers", "resolve ms", "parse ms"
    );
    for n in [10_000, 20_000, 40_000, 200_000] {
        for kind in ["names", "near", "variants"] {
            let text = transcript(kind, n);
            let mut t = floor::read::parse_str(&text);
            let speakers = t.speakers.len();
            let runs = if n > 40_000 { 3 } else { 5 };
            let resolve_ms = median(
                (0..runs)
                    .map(|_| {
                        let start = Instant::now();
                        resolve(&mut t, &Choices::default());
                        start.elapsed().as_secs_f64() * 1000.0
                    })
                    .collect(),
            );
            let parse_ms = median(
                (0..runs)
                    .map(|_| {
                        let start = Instant::now();
                        std::hint::black_box(floor::read::parse_str(&text));
                        start.elapsed().as_secs_f64() * 1000.0
                    })
                    .collect(),
            );
            println!(
                "{n:<10} {kind:>9} {:>11.1} {speakers:>9} {resolve_ms:>12.1} {parse_ms:>10.1}",
                text.len() as f64 / 1e6
            );
        }
    }
}
