//! `cargo bench --bench memory`: peak memory and time of parsing (and of
//! indexing for search) against the input's size, for each shape of input
//! that once took far more than its size: many tiny turns, one long
//! paragraph, text without markers, punctuation without markers, many
//! distinct labels, a paragraph of notes; at 1, 10 and 40 MB.
//!
//! Peak memory is counted by a global allocator that tracks the bytes live
//! (what the process asked for, not what the system gave it): the ratio to
//! the input is what the issue bounds (about 10x).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

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
                let live =
                    LIVE.fetch_add(new - layout.size(), Ordering::Relaxed) + new - layout.size();
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

/// `n` in capital letters: A, B, …, Z, BA, …
fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

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
        "many notes" => {
            out.push_str(">>CHAIR: ");
            while out.len() < size {
                out.push_str("[x] ");
            }
        }
        "punctuation" => {
            while out.len() < size {
                out.push(';');
            }
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
        "many labels",
        "many notes",
    ] {
        for &mb in &sizes {
            let text = input(shape, mb * 1_000_000);
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let start = Instant::now();
            let t = floor::read::parse_str(&text);
            let parse_ms = start.elapsed().as_secs_f64() * 1000.0;
            let parse_peak = PEAK.load(Ordering::Relaxed) - base;
            let start = Instant::now();
            let index = floor::search::Index::new(&t);
            let index_ms = start.elapsed().as_secs_f64() * 1000.0;
            let index_peak = PEAK.load(Ordering::Relaxed) - base;
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
