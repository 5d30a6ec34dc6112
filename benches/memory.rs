//! `cargo bench --bench memory`: peak memory and time of parsing (and of
//! indexing for search) against the input's size, for each shape of input
//! that once took far more than its size: many tiny turns, one long
//! paragraph, text without markers, punctuation without markers, many
//! distinct labels, a paragraph of notes, tiny turns run together on one
//! line, a JSON array of tiny items; caption files of tiny cues, of rolling
//! cues with word times, and of many voices; at 1, 10 and 40 MB.
//!
//! Peak memory is counted by a global allocator that tracks the bytes live
//! (what the process asked for, not what the system gave it): the ratio to
//! the input is what the issue bounds (about 10x).

use std::time::Instant;

#[path = "../tests/support/counting.rs"]
mod counting;
#[path = "../tests/support/letters.rs"]
mod letters;

use letters::letters;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// About `size` bytes of input of one shape.
fn input(shape: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + 64);
    match shape {
        "tiny turns" => {
            while out.len() < size {
                out.push_str(">>A: x\n");
            }
        }
        "long paragraph" => {
            out.push_str(">>CHAIR: ");
            while out.len() < size {
                out.push_str("word ");
            }
        }
        "no markers" => {
            out.push_str("Minutes\n\n");
            while out.len() < size {
                out.push_str("The meeting discussed access and rights online.\n\n");
            }
        }
        "run-on turns" => {
            while out.len() < size {
                out.push_str(">>A: x ");
            }
        }
        "many notes" => {
            out.push_str(">>CHAIR: ");
            while out.len() < size {
                out.push_str("[x] ");
            }
        }
        "tiny cues" => {
            out.push_str("WEBVTT\n\n");
            while out.len() < size {
                out.push_str("0:1 --> 0:2\nx\n\n");
            }
        }
        "rolling cues" => {
            out.push_str("WEBVTT\n\n");
            let mut s = 0;
            while out.len() < size {
                let (a, b) = (letters(s), letters(s + 1));
                out.push_str(&format!(
                    "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.500 align:start position:0%\n{a} one two\n{b}<00:00:00.400><c> three</c><00:00:00.800><c> four</c>\n\n",
                    s / 60 % 60, s % 60, s / 60 % 60, s % 60
                ));
                s += 1;
            }
        }
        "speaker cues" => {
            out.push_str("WEBVTT\n\n");
            let mut i = 0;
            while out.len() < size {
                out.push_str(&format!("0:1 --> 0:2\n<v {}>Hi.\n\n", letters(i % 5000)));
                i += 1;
            }
        }
        "punctuation" => {
            while out.len() < size {
                out.push(';');
            }
        }
        "json items" => {
            out.push('[');
            while out.len() < size {
                out.push_str("{\"text\":\"a\"},");
            }
            out.push_str("{\"text\":\"a\"}]");
        }
        _ => {
            let mut i = 0;
            while out.len() < size {
                out.push_str(&format!(">>DELEGATE {}: Thank you.\n\n", letters(i)));
                i += 1;
            }
        }
    }
    out
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1, 10, 40]
    } else {
        sizes
    };
    println!("peak memory while parsing, and then indexing, against the input");
    println!(
        "{:<16} {:>6} {:>8} {:>12} {:>10} {:>14} {:>10}",
        "shape", "MB", "turns", "parse peak", "parse ms", "+ index peak", "index ms"
    );
    for shape in [
        "tiny turns",
        "long paragraph",
        "no markers",
        "punctuation",
        "json items",
        "many labels",
        "many notes",
        "run-on turns",
        "tiny cues",
        "rolling cues",
        "speaker cues",
    ] {
        for &mb in &sizes {
            let text = input(shape, mb * 1_000_000);
            let base = counting::start();
            let start = Instant::now();
            let t = floor::read::parse_str(&text);
            let parse_ms = start.elapsed().as_secs_f64() * 1000.0;
            let parse_peak = counting::peak_since(base);
            let start = Instant::now();
            let index = floor::search::Index::new(&t);
            let index_ms = start.elapsed().as_secs_f64() * 1000.0;
            let index_peak = counting::peak_since(base);
            println!(
                "{shape:<16} {mb:>6} {:>8} {:>11.1}x {parse_ms:>10.0} {:>13.1}x {index_ms:>10.0}",
                t.turns.len(),
                parse_peak as f64 / text.len() as f64,
                index_peak as f64 / text.len() as f64,
            );
            drop(index);
            drop(t);
        }
    }
}
