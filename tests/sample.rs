//! The bundled sample (assets/sample.txt, an IGF record) read by the core.
#![cfg(not(target_arch = "wasm32"))]

use floor::model::DiagnosticKind;
use floor::read::parse;
use floor::text::words;

const SAMPLE: &[u8] = include_bytes!("../assets/sample.txt");

#[test]
fn sample_header() {
    let m = parse(SAMPLE).meta;
    assert_eq!(
        m.title.as_deref(),
        Some("IGF 2016 First Open Consultations and MAG Meeting April 6")
    );
    assert!(
        m.disclaimer
            .unwrap()
            .starts_with("The following are the outputs of the real-time captioning")
    );
    assert_eq!(m.date.as_deref(), Some("2016-04-06"));
    assert_eq!(m.date_text.as_deref(), Some("6 April 2016"));
    assert_eq!(m.location.as_deref(), Some("Geneva, Switzerland"));
    assert!(m.other.is_empty(), "{:?}", m.other);
}

#[test]
fn sample_turns_and_speakers() {
    let t = parse(SAMPLE);
    assert_eq!(t.turns.len(), 54);
    assert_eq!(t.turns.iter().filter(|t| t.has_label()).count(), 53);
    let unattributed: Vec<_> = t.turns.iter().filter(|t| t.speaker().is_none()).collect();
    assert_eq!(unattributed.len(), 1);
    assert_eq!(t.paragraph(unattributed[0], 0), Some("(Off microphone.)"));
    assert_eq!(
        t.kind(unattributed[0], &t.annotations(unattributed[0])[0]),
        "off microphone"
    );
    assert_eq!(t.speakers.len(), 17);
    assert_eq!(t.speakers.iter().map(|s| s.turns).sum::<usize>(), 53);
    let chair = t.speaker("chair-st-amour").expect("the chair");
    assert_eq!((chair.name.as_str(), chair.turns), ("Chair St. Amour", 24));
    let remote = t.speaker("remote-intervention").unwrap();
    assert_eq!(
        remote.labels,
        ["REMOTE INTERVENTION", "REMOTE INVERVENTION"]
    );
    assert_eq!(
        t.speaker("jac-sm-kee").unwrap().labels,
        ["JAC SM KEE", "JAC sm KEE"]
    );
    assert_eq!(
        t.diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::SpeakerMerged)
            .count(),
        2
    );
    for (i, turn) in t.turns.iter().enumerate() {
        assert_eq!(turn.n as usize, i + 1);
    }
}

#[test]
fn sample_turn_ranges_start_at_their_markers() {
    let t = parse(SAMPLE);
    let text = std::str::from_utf8(SAMPLE).unwrap();
    for turn in &t.turns {
        let slice = &text[turn.span()];
        assert!(
            slice.trim_start_matches([' ', '\u{a0}']).starts_with(">>"),
            "turn {}",
            turn.n
        );
        let last = t.paragraphs(turn).iter().next_back().unwrap();
        assert!(slice.trim_end().ends_with(last), "turn {}", turn.n);
    }
}

#[test]
fn sample_paragraphs_are_the_blank_line_blocks() {
    let t = parse(SAMPLE);
    let text = std::str::from_utf8(SAMPLE).unwrap();
    let body = &text[t.turns[0].span().start..];
    let blocks = body.split("\n\n").filter(|b| !b.trim().is_empty()).count();
    assert_eq!(
        t.turns
            .iter()
            .map(|turn| t.paragraphs(turn).len())
            .sum::<usize>(),
        blocks
    );
}

#[test]
fn sample_loses_no_word() {
    let t = parse(SAMPLE);
    let text = std::str::from_utf8(SAMPLE).unwrap();
    let m = &t.meta;
    let mut got: Vec<&str> = Vec::new();
    for s in [&m.title, &m.disclaimer, &m.date_text, &m.location]
        .into_iter()
        .flatten()
    {
        got.extend(words(s));
    }
    for turn in &t.turns {
        got.extend(t.label(turn).into_iter().flat_map(words));
        got.extend(t.paragraphs(turn).iter().flat_map(words));
    }
    assert_eq!(got, words(text).collect::<Vec<_>>());
}

/// The first visit never loads the readers' module: the bundled sample, and
/// an IGF transcript of the corpus, are read by the viewer's own module.
#[test]
fn igf_text_needs_no_readers_module() {
    let root = env!("CARGO_MANIFEST_DIR");
    for file in [
        "assets/sample.txt",
        "tests/data/corpus/igf/igf-2016-mag-2016-04-06.txt",
    ] {
        let text = std::fs::read_to_string(format!("{root}/{file}")).expect("readable");
        assert!(!floor::read::needs_readers(&text), "{file}");
    }
}
