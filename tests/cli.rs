//! The `floor` command-line tool, run as a user would.

use std::process::Command;

fn floor(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_floor"))
        .args(args)
        .output()
        .expect("floor runs")
}

#[test]
fn text_prints_title_then_paragraphs() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.txt");
    let out = floor(&["text", sample]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut blocks = stdout.split("\n\n");
    assert_eq!(
        blocks.next(),
        Some("IGF 2016 First Open Consultations and MAG Meeting April 6")
    );
    assert_eq!(blocks.nth(1), Some("6 April 2016"));
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = floor(&["text", "/no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("cannot read /no/such/file.txt"), "{stderr}");
}

#[test]
fn bad_usage_exits_2_with_usage() {
    let out = floor(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("usage: floor")
    );
}
