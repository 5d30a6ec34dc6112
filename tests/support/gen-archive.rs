//! Writes a synthetic IGF archive (tests/support/archive.rs) to disk:
//!
//! ```text
//! cargo run --release --example gen-archive -- --count N --seed S OUT_DIR [--hostile] [--oversize BYTES]
//! cargo run --example gen-archive -- --model   # rewrites tests/support/archive_model.txt
//! ```
//!
//! The files go in subfolders by year, the truth in `OUT_DIR/.truth.json`;
//! totals are printed at the end.

#[path = "archive.rs"]
mod archive;

use std::path::{Path, PathBuf};
use std::time::Instant;

fn usage() -> ! {
    eprintln!(
        "usage: gen-archive --count N --seed S OUT_DIR [--hostile] [--oversize BYTES] [--mean-bytes BYTES]\n       gen-archive --model"
    );
    std::process::exit(2)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut count, mut seed, mut out) = (None, 1u64, None::<PathBuf>);
    let mut options = archive::Options::default();
    let number = |v: Option<String>| -> u64 {
        v.and_then(|v| v.replace('_', "").parse().ok())
            .unwrap_or_else(|| usage())
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--count" => count = Some(number(args.next()) as usize),
            "--seed" => seed = number(args.next()),
            "--hostile" => options.hostile = true,
            "--oversize" => options.oversize = number(args.next()) as usize,
            "--mean-bytes" => options.mean_bytes = number(args.next()) as usize,
            "--model" => return write_model(),
            _ if a.starts_with('-') => usage(),
            _ if out.is_none() => out = Some(a.into()),
            _ => usage(),
        }
    }
    let (Some(count), Some(out)) = (count, out) else {
        usage()
    };
    let start = Instant::now();
    let archive = archive::Archive::new(seed, count, &options);
    let (mut bytes, mut words) = (0usize, 0usize);
    let mut dirs = std::collections::HashSet::new();
    for file in archive.files() {
        let path = out.join(&file.path);
        let dir = path.parent().unwrap().to_path_buf();
        if dirs.insert(dir.clone()) {
            std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&dir, e));
        }
        std::fs::write(&path, &file.bytes).unwrap_or_else(|e| fail(&path, e));
        bytes += file.bytes.len();
        words += file.words;
    }
    let truth_path = out.join(".truth.json");
    let json = serde_json::to_string_pretty(&archive.truth).unwrap();
    std::fs::write(&truth_path, json).unwrap_or_else(|e| fail(&truth_path, e));
    let turns: usize = archive.truth.files.iter().map(|f| f.turns).sum();
    println!(
        "{} files, {} bytes, {} turns, {} words, {} people, {:.2} s",
        archive.len(),
        bytes,
        turns,
        words,
        archive.truth.people.len(),
        start.elapsed().as_secs_f64()
    );
}

fn fail(path: &Path, e: std::io::Error) -> ! {
    eprintln!("gen-archive: {}: {e}", path.display());
    std::process::exit(1)
}

/// Rebuilds the model table from the corpus.
fn write_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let texts: Vec<(&str, String)> = archive::MODEL_SOURCES
        .iter()
        .map(|p| (*p, std::fs::read_to_string(root.join(p)).unwrap()))
        .collect();
    let sources: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let table = archive::build_model(&sources);
    let path = root.join("tests/support/archive_model.txt");
    std::fs::write(&path, table).unwrap_or_else(|e| fail(&path, e));
    println!("wrote {}", path.display());
}
