//! Search over a transcript: golden query cases from `tests/data/search/`,
//! and a property test that the index finds exactly what a naive scan of the
//! folded text finds.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/words.rs"]
mod words;

use floor::search::{Found, Index, Query};
use floor::text::fold::fold;
use proptest::prelude::*;

const TRANSCRIPT: &str = include_str!("data/search/transcript.txt");
const QUERIES: &str = include_str!("data/search/queries.txt");

struct Case {
    q: String,
    speaker: Option<String>,
    turns: Vec<u32>,
    marks: Vec<String>,
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for block in QUERIES.split("\n\n") {
        let mut case = Case {
            q: String::new(),
            speaker: None,
            turns: Vec::new(),
            marks: Vec::new(),
        };
        let mut any = false;
        for line in block.lines().filter(|l| !l.starts_with('#')) {
            let (key, value) = line.split_once(':').expect("key: value");
            let value = value.strip_prefix(' ').unwrap_or(value);
            any = true;
            match key {
                "q" => case.q = value.to_string(),
                "speaker" => case.speaker = Some(value.to_string()),
                "turns" => {
                    case.turns = value
                        .split(' ')
                        .filter(|t| *t != "-")
                        .map(|t| t.parse().unwrap())
                        .collect()
                }
                "marks" => {
                    case.marks = value
                        .split(" | ")
                        .filter(|m| !m.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                other => panic!("unknown key {other}"),
            }
        }
        if any {
            cases.push(case);
        }
    }
    cases
}

#[test]
fn golden_queries() {
    let t = &floor::read::parse_str(TRANSCRIPT);
    let all_turns = &t.turns;
    let index = Index::new(t);
    let cases = cases();
    assert!(cases.len() >= 15);
    for case in cases {
        let hits = index.search(&Query::parse(&case.q), case.speaker.as_deref());
        let turns: Vec<u32> = hits.turns.iter().map(|h| h.n).collect();
        let marks: Vec<&str> = hits
            .turns
            .iter()
            .flat_map(|h| {
                let turn = &all_turns[h.n as usize - 1];
                h.marks
                    .iter()
                    .map(move |&[p, s, e]| &t.paragraph(turn, p).unwrap()[s..e])
            })
            .collect();
        assert_eq!(turns, case.turns, "turns for {:?}", case.q);
        assert_eq!(marks, case.marks, "marks for {:?}", case.q);
    }
}

/// A naive reference: every position of every term in each paragraph's folded
/// text, with the same word-boundary rules, checked byte by byte; a turn
/// matches when every term occurs, and overlapping occurrences count once.
fn naive(
    t: &floor::model::Transcript,
    words: &[String],
    last_is_prefix: bool,
) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    for turn in &t.turns {
        let folded: Vec<String> = t.paragraphs(turn).iter().map(fold).collect();
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        let all = words.iter().enumerate().all(|(i, w)| {
            let prefix = last_is_prefix && i + 1 == words.len();
            let before_count = spans.len();
            for (p, f) in folded.iter().enumerate() {
                for start in 0..f.len() {
                    if !f.is_char_boundary(start) || !f[start..].starts_with(w.as_str()) {
                        continue;
                    }
                    let end = start + w.len();
                    let before = f[..start]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                    let after = f[end..].chars().next().is_some_and(char::is_alphanumeric);
                    if !before && (prefix || !after) {
                        spans.push((p, start, end));
                    }
                }
            }
            spans.len() > before_count
        });
        if all {
            spans.sort_unstable();
            let mut merged: Vec<(usize, usize, usize)> = Vec::new();
            for (p, s, e) in spans {
                match merged.last_mut() {
                    Some(last) if last.0 == p && s < last.2 => last.2 = last.2.max(e),
                    _ => merged.push((p, s, e)),
                }
            }
            out.push((turn.n, merged.len()));
        }
    }
    out
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "forum",
        "Forum",
        "FORUM",
        "forums",
        "sérgio",
        "SERGIO",
        "café",
        "cafe",
        "co\u{2011}chair",
        "co-chair",
        "ipv6",
        "IPv6",
        "best",
        "bestow",
        "practice",
        "Practice",
        "naïve",
        "NAIVE",
        // Folds that change the length: one char to several, or to nothing.
        "Straße",
        "STRASSE",
        "strass",
        "ＦＯＲＵＭ",
        "fo\u{200b}rum",
        "Ștefan",
        "ŞTEFAN",
        "stefan",
        "ﬁnal",
        "final",
    ])
    .prop_map(str::to_string)
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![" ", "  ", "\u{a0}", ". ", ", ", " \u{a0}", " (", ") "])
}

/// A transcript of `turns` (words with what follows each), speakers 0 and 1
/// taking turns.
fn transcript_of(turns: &[Vec<(String, &str)>]) -> floor::model::Transcript {
    floor::read::parse_str(&words::turns_text(turns, 2))
}

/// The property tests' configuration: `cases` cases from a fixed seed.
fn config(cases: u32, seed: u64) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(2_000, 0x5EA2C4))]

    #[test]
    fn the_index_finds_what_a_naive_scan_finds(
        turns in prop::collection::vec(prop::collection::vec((word(), separator()), 0..12), 1..6),
        query in prop::collection::vec(word(), 1..3),
        typing in any::<bool>(),
        speaker in prop::option::of(prop::sample::select(vec!["speaker-0", "speaker-1"])),
    ) {
        let t = transcript_of(&turns);
        let q = query.join(" ") + if typing { "" } else { " " };
        let hits = Index::new(&t).search(&Query::parse(&q), speaker);
        let folded_words: Vec<String> = query.iter().map(|w| fold(w)).collect();
        // The naive scan over the speaker's turns only.
        let expected: Vec<(u32, usize)> = naive(&t, &folded_words, typing)
            .into_iter()
            .filter(|&(n, _)| speaker.is_none() || t.speaker_id(&t.turns[n as usize - 1]) == speaker)
            .collect();
        // Distinct marks: a word repeated in the query is marked once.
        let got: Vec<u32> = hits.turns.iter().map(|h| h.n).collect();
        prop_assert_eq!(got, expected.iter().map(|e| e.0).collect::<Vec<_>>());
        for h in &hits.turns {
            for &[p, s, e] in &h.marks {
                // A mark is one term, or overlapping terms merged: it starts with one.
                let marked = fold(&t.paragraph(&t.turns[h.n as usize - 1], p).unwrap()[s..e]);
                prop_assert!(folded_words.iter().any(|w| marked.starts_with(w.as_str())), "marked {:?} for {:?}", marked, folded_words);
            }
        }
        let counts: Vec<usize> = hits.turns.iter().map(|h| h.marks.len()).collect();
        prop_assert_eq!(counts, expected.iter().map(|e| e.1).collect::<Vec<_>>());
    }
}

proptest! {
    #![proptest_config(config(1_000, 0x7E9E))]

    /// Typing a query key by key, with backspaces and a speaker filter that
    /// changes, each search starting from the one before (as the viewer
    /// does) finds exactly what a search afresh finds.
    #[test]
    fn searching_from_the_last_hits_finds_what_a_fresh_search_finds(
        turns in prop::collection::vec(prop::collection::vec((word(), separator()), 0..12), 1..6),
        pieces in prop::collection::vec(
            (
                prop_oneof![word(), Just("\"".to_string()), Just(" ".to_string())],
                prop::option::of(prop::sample::select(vec!["speaker-0", "speaker-1"])),
                0..3usize,
            ),
            1..6,
        ),
    ) {
        let t = transcript_of(&turns);
        let index = Index::new(&t);
        // What the field holds after each key (a letter or a backspace).
        let mut typed = String::new();
        let mut steps = Vec::new();
        for (piece, speaker, backspaces) in pieces {
            for c in piece.chars() {
                typed.push(c);
                steps.push((typed.clone(), speaker));
            }
            for _ in 0..backspaces {
                typed.pop();
                steps.push((typed.clone(), speaker));
            }
        }
        let mut last = floor::search::Hits::default();
        let mut earlier = floor::search::Hits::default();
        for (typed, speaker) in steps {
            let q = Query::parse(&typed);
            let hits = index.search_from(&q, speaker, Some(&last));
            prop_assert_eq!(&hits, &index.search(&q, speaker), "query {:?}", typed);
            // Counting without the marks finds the same turns and matches.
            let found = index.find(&q, speaker, &mut earlier);
            prop_assert_eq!(found, Found::from(&hits), "query {:?}", typed);
            last = hits;
        }
    }
}

/// On real transcripts (the IGF corpus, the parser's cases and the bundled
/// sample), counting without the marks finds what the full search finds:
/// for each word (the first 300 distinct ones of each text), as a prefix of
/// one, two and four characters, whole, and after the word before it.
#[test]
fn finding_without_marks_agrees_with_the_search_on_real_text() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("assets/sample.txt")];
    for dir in ["tests/data/corpus/igf", "tests/data/cases"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let p = entry.path();
            if p.extension()
                .is_some_and(|e| e == "txt" || e == "md" || e == "html")
            {
                paths.push(p);
            }
        }
    }
    let mut checked = 0;
    for path in paths {
        let text = floor::read::decode::decode(&std::fs::read(&path).unwrap()).text;
        let t = floor::read::parse_str(&text);
        let index = Index::new(&t);
        let folded: String = t
            .turns
            .iter()
            .flat_map(|turn| t.paragraphs(turn))
            .map(|p| fold(p) + " ")
            .collect();
        let mut words: Vec<&str> = Vec::new();
        for w in folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if words.len() < 300 && !words.contains(&w) {
                words.push(w);
            }
        }
        let speaker = t
            .turns
            .first()
            .and_then(|turn| t.speaker_id(turn))
            .map(str::to_string);
        let mut earlier = floor::search::Hits::default();
        for (i, w) in words.iter().enumerate() {
            let cut = |n: usize| w.char_indices().nth(n).map_or(*w, |(at, _)| &w[..at]);
            let before = words[i.saturating_sub(1)];
            let queries = [
                cut(1).to_string(),
                cut(2).to_string(),
                cut(4).to_string(),
                format!("{w} "),
                format!("{before} {}", cut(2)),
                format!("{w} {before}"),
            ];
            for q in queries {
                for speaker in [None, speaker.as_deref()] {
                    let query = Query::parse(&q);
                    let found = index.find(&query, speaker, &mut earlier);
                    let expected = Found::from(&index.search(&query, speaker));
                    assert_eq!(
                        found,
                        expected,
                        "{}: {q:?}, speaker {speaker:?}",
                        path.display()
                    );
                    checked += usize::from(!found.turns.is_empty());
                }
            }
        }
    }
    assert!(checked > 5_000, "only {checked} queries found anything");
}

/// Hits from another index are never taken for this one's.
#[test]
fn hits_from_another_index_are_ignored() {
    let a = Index::new(&floor::read::parse_str(
        ">>A: best\n\n>>B: none\n\n>>C: best",
    ));
    let b = Index::new(&floor::read::parse_str(">>A: none\n\n>>B: best"));
    let q = Query::parse("best");
    let from_a = a.search(&q, None);
    assert_eq!(b.search_from(&q, None, Some(&from_a)), b.search(&q, None));
    assert_eq!(b.search(&q, None).turns[0].n, 2);
}
