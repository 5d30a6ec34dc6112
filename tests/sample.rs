//! The bundled sample (assets/sample.txt, an IGF record) read by the core.

use floor::parse::parse;

const SAMPLE: &str = include_str!("../assets/sample.txt");

#[test]
fn sample_title_is_its_first_line() {
    let t = parse(SAMPLE);
    assert_eq!(
        t.title,
        "IGF 2016 First Open Consultations and MAG Meeting April 6"
    );
}

#[test]
fn sample_paragraphs_follow_the_blank_lines() {
    let t = parse(SAMPLE);
    assert!(
        t.paragraphs[0].starts_with("The following are the outputs of the real-time captioning")
    );
    assert_eq!(t.paragraphs[1], "6 April 2016");
    assert_eq!(t.paragraphs[2], "Geneva, Switzerland");
    assert!(t.paragraphs[3].starts_with(">>CHENGETAI MASANGO: Okay."));
    // Every speaker marker begins a paragraph of its own in this copy.
    let markers = SAMPLE.matches(">>").count();
    let starting = t.paragraphs.iter().filter(|p| p.starts_with(">>")).count();
    assert_eq!(starting, markers);
    // Every non-blank line after the title ends up in exactly one paragraph.
    let blocks = SAMPLE
        .split("\n\n")
        .filter(|b| !b.chars().all(char::is_whitespace))
        .count();
    assert_eq!(t.paragraphs.len() + 1, blocks);
}

#[test]
fn parsing_loses_no_word() {
    let t = parse(SAMPLE);
    assert_eq!(t.word_count(), SAMPLE.split_whitespace().count());
}
