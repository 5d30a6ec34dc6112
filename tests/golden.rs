//! Golden snapshots: every file under tests/data/ (but search/) parsed, as
//! JSON, compared with the `<file>.expected.json` beside it.
//!
//! Refresh the snapshots with `UPDATE_EXPECT=1 cargo test --test golden`,
//! then read the diff before committing it.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

const EXPECTED_SUFFIX: &str = ".expected.json";

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Every file under `dir`, recursively, in sorted order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        // tests/data/search/ holds the search cases of tests/search.rs,
        // tests/data/cite/ the published citations of tests/cite.rs.
        if path.ends_with("search") || path.ends_with("cite") {
            continue;
        }
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn expected_path(input: &Path) -> PathBuf {
    let mut name = input.as_os_str().to_owned();
    name.push(EXPECTED_SUFFIX);
    PathBuf::from(name)
}

fn render(bytes: &[u8], name: &str) -> String {
    let transcript = floor::read::parse_file(bytes, name);
    let mut json = serde_json::to_string_pretty(&transcript).expect("a transcript serialises");
    json.push('\n');
    json
}

/// The first differing line (1-based) and both lines, `None` if equal.
fn first_difference(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (mut want, mut got) = (expected.lines(), actual.lines());
    let show = |line: Option<&str>| line.map_or("<end of file>".to_string(), |l| format!("{l:?}"));
    for number in 1.. {
        match (want.next(), got.next()) {
            (None, None) => break,
            (w, g) if w != g => {
                return Some(format!(
                    "first difference at line {number}:\n  expected: {}\n  actual:   {}",
                    show(w),
                    show(g)
                ));
            }
            _ => {}
        }
    }
    Some("the files differ only in line endings".into())
}

/// Whether `text` reads as IGF text.
fn t_format_is_igf(text: &str, name: &str) -> bool {
    floor::read::sniff::sniff(text, Some(name)) == floor::read::sniff::Format::Igf
}

#[test]
fn golden_snapshots() {
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let root = data_dir();
    let inputs: Vec<PathBuf> = files_under(&root)
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(EXPECTED_SUFFIX))
        .collect();
    assert!(!inputs.is_empty(), "no test data under {}", root.display());

    let mut failures: Vec<(PathBuf, String)> = Vec::new();
    let mut written = 0;
    for input in &inputs {
        let bytes =
            fs::read(input).unwrap_or_else(|e| panic!("cannot read {}: {e}", input.display()));
        let actual = render(&bytes, &input.to_string_lossy());
        // The viewer hands every timed file to the readers' module.
        let text = floor::read::decode::decode(&bytes).text;
        assert!(
            t_format_is_igf(&text, &input.to_string_lossy()) || floor::read::needs_readers(&text),
            "{}: a timed file the viewer would not hand to the timed readers",
            input.display()
        );
        // What the readers' module hands the viewer reads back the same.
        let t = floor::read::parse_file(&bytes, &input.to_string_lossy());
        assert!(
            floor::model::Transcript::from_wire(&t.to_wire()).as_ref() == Some(&t),
            "{}: the transcript does not read back from its wire bytes",
            input.display()
        );
        let expected_file = expected_path(input);
        if update {
            let current = fs::read_to_string(&expected_file).ok();
            if current.as_deref() != Some(actual.as_str()) {
                fs::write(&expected_file, &actual)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", expected_file.display()));
                written += 1;
            }
            continue;
        }
        let rel = input.strip_prefix(&root).unwrap_or(input).to_path_buf();
        match fs::read_to_string(&expected_file) {
            Ok(expected) => {
                if let Some(diff) = first_difference(&expected, &actual) {
                    failures.push((rel, diff));
                }
            }
            Err(e) => failures.push((
                rel,
                format!(
                    "missing {} ({e}): run with UPDATE_EXPECT=1 to create it",
                    expected_file.display()
                ),
            )),
        }
    }
    if update {
        eprintln!(
            "golden: {written} of {} snapshots (re)written",
            inputs.len()
        );
        return;
    }
    if let Some((first, diff)) = failures.first() {
        let list: Vec<String> = failures
            .iter()
            .map(|(p, why)| {
                let short = why.lines().next().unwrap_or_default();
                format!("  {}: {}", p.display(), short.trim_end_matches(':'))
            })
            .collect();
        panic!(
            "{} of {} golden files differ (UPDATE_EXPECT=1 rewrites them):\n{}\n\nfirst failure, {}: {}",
            failures.len(),
            inputs.len(),
            list.join("\n"),
            first.display(),
            diff
        );
    }
}

#[test]
fn first_difference_reports_the_line() {
    assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
    let d = first_difference("a\nb\nc\n", "a\nx\nc\n").unwrap();
    assert!(
        d.contains("line 2") && d.contains("\"b\"") && d.contains("\"x\""),
        "{d}"
    );
    let d = first_difference("a\n", "a\nb\n").unwrap();
    assert!(d.contains("line 2") && d.contains("<end of file>"), "{d}");
}
