//! Exports read back: every format of `floor::export` on every transcript
//! of `tests/data/` and the sample, parsed again by Floor's readers, gives
//! the same turns, speakers and words, and times within a second.
//!
//! `cargo test --test export -- --nocapture` prints the round-trip table.

use std::path::{Path, PathBuf};

use floor::export::{Error, Format, Selection, export, export_turns};
use floor::model::Transcript;

/// Every transcript file of `tests/data/` (cases and corpus) and the sample.
fn files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if !p.to_string_lossy().ends_with(".expected.json") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    walk(&root.join("tests/data/cases"), &mut out);
    walk(&root.join("tests/data/corpus"), &mut out);
    out.push(root.join("assets/sample.txt"));
    out
}

fn parse(path: &Path) -> Transcript {
    floor::read::parse_file(&std::fs::read(path).unwrap(), &path.to_string_lossy())
}

/// What a turn is compared by: its speaker's display name, its words, its
/// start and end.
#[derive(Debug, Clone)]
struct Turn {
    name: Option<String>,
    words: Vec<String>,
    times: [Option<u32>; 2],
}

fn turns(t: &Transcript, chosen: Option<&[u32]>) -> Vec<Turn> {
    t.turns
        .iter()
        .filter(|turn| chosen.is_none_or(|c| c.contains(&turn.n)))
        .map(|turn| Turn {
            name: t.speaker_of(turn).map(|s| s.name.clone()),
            words: t
                .paragraphs(turn)
                .iter()
                .flat_map(floor::text::words)
                .map(str::to_string)
                .collect(),
            times: t.times(turn),
        })
        .collect()
}

/// Which times a format keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Timed {
    No,
    Starts,
    Both,
}

fn timed(t: &Transcript, format: Format) -> Timed {
    match format {
        _ if !t.is_timed() => Timed::No,
        Format::Markdown | Format::Text => Timed::No,
        Format::PodcastHtml => Timed::Starts,
        _ => Timed::Both,
    }
}

/// What one export read back showed.
#[derive(Default, Debug)]
struct Outcome {
    turns: usize,
    words: usize,
    /// Largest difference of a start or end, ms.
    max_error: u32,
}

/// Compares `back` with `want`: the same turns, each with the same
/// speaker (display name) and words, times within a second.
fn compare(want: &[Turn], back: &[Turn], timed: Timed) -> Result<Outcome, String> {
    let mut o = Outcome::default();
    let mut i = 0;
    for (j, b) in back.iter().enumerate() {
        let Some(first) = want.get(i) else {
            return Err(format!("turn {} read back is extra: {:?}", j + 1, b));
        };
        if b.name != first.name {
            return Err(format!(
                "turn {}: speaker {:?} read back as {:?}",
                i + 1,
                first.name,
                b.name
            ));
        }
        let (words, last) = (&first.words, first);
        i += 1;
        if *words != b.words {
            let at = words
                .iter()
                .zip(&b.words)
                .position(|(a, b)| a != b)
                .unwrap_or(words.len().min(b.words.len()));
            return Err(format!(
                "turn {} (read back {}): words differ at word {at}: {:?} / {:?}",
                i,
                j + 1,
                &words[at.saturating_sub(3)..(at + 3).min(words.len())],
                &b.words[at.saturating_sub(3)..(at + 3).min(b.words.len())],
            ));
        }
        if timed != Timed::No {
            let ends = (timed == Timed::Both).then_some((last.times[1], b.times[1]));
            for (w, g) in [(first.times[0], b.times[0])].into_iter().chain(ends) {
                if let (Some(w), Some(g)) = (w, g) {
                    let e = w.abs_diff(g);
                    if e >= 1000 {
                        return Err(format!("turn {i}: time {w} ms read back as {g} ms"));
                    }
                    o.max_error = o.max_error.max(e);
                }
            }
        }
        o.turns += 1;
        o.words += words.len();
    }
    if i < want.len() {
        return Err(format!(
            "{} turns read back of {}: turn {} on missing",
            back.len(),
            want.len(),
            i + 1
        ));
    }
    Ok(o)
}

/// `t` exported in `format` (the turns `chosen`, or all) and read back.
fn round_trip(t: &Transcript, format: Format, chosen: Option<&[u32]>) -> Result<Outcome, String> {
    let all: Vec<u32> = t.turns.iter().map(|turn| turn.n).collect();
    let out = export_turns(t, format, chosen.unwrap_or(&all)).map_err(|e| e.to_string())?;
    let name = format!("export.{}", format.extension());
    let back = floor::read::parse_file(out.as_bytes(), &name);
    let want = turns(t, chosen);
    let got = turns(&back, None);
    let o = compare(&want, &got, timed(t, format))
        .map_err(|e| format!("{e}\n--- export ---\n{}", head(&out)))?;
    if matches!(format, Format::Markdown | Format::Text | Format::Json) {
        // Paragraphs kept too: the same words, paragraph by paragraph.
        let paragraphs = |t: &Transcript, turn: &floor::model::Turn| -> Vec<Vec<String>> {
            t.paragraphs(turn)
                .iter()
                .map(|p| floor::text::words(p).map(str::to_string).collect())
                .collect()
        };
        let kept = t
            .turns
            .iter()
            .filter(|turn| chosen.is_none_or(|c| c.contains(&turn.n)));
        for (a, b) in kept.zip(&back.turns) {
            if paragraphs(t, a) != paragraphs(&back, b) {
                return Err(format!("turn {}: paragraphs differ", a.n));
            }
        }
    }
    if format == Format::Json && chosen.is_none() {
        // Floor's JSON: the same speakers, labels, paragraphs and header.
        if back.speakers != t.speakers {
            return Err(format!("speakers: {:?} / {:?}", t.speakers, back.speakers));
        }
        let mut meta = back.meta.clone();
        meta.format = t.meta.format;
        if meta != t.meta {
            return Err(format!("meta: {:?} / {:?}", t.meta, back.meta));
        }
        for (a, b) in t.turns.iter().zip(&back.turns) {
            if t.paragraphs(a).to_vec() != back.paragraphs(b).to_vec()
                || t.label(a) != back.label(b)
                || t.times(a) != back.times(b)
                || t.annotations(a) != back.annotations(b)
            {
                return Err(format!("turn {} differs", a.n));
            }
            for p in 0..t.paragraphs(a).len() {
                let wa: Vec<_> = t.word_times(a, p).collect();
                let wb: Vec<_> = back.word_times(b, p).collect();
                if wa != wb || t.paragraph_start(a, p) != back.paragraph_start(b, p) {
                    return Err(format!("turn {} paragraph {p}: times differ", a.n));
                }
            }
        }
    }
    Ok(o)
}

fn head(s: &str) -> String {
    s.chars().take(3000).collect()
}

#[derive(Default)]
struct Row {
    tried: usize,
    passed: usize,
    not_applicable: usize,
    turns: usize,
    words: usize,
    max_error: u32,
    failures: Vec<String>,
}

/// Every format on every file: the round-trip table, printed; fails on any
/// file that does not read back.
#[test]
fn every_format_reads_back_on_every_file() {
    let files = files();
    let mut rows: Vec<(Format, Row)> = Format::ALL.iter().map(|&f| (f, Row::default())).collect();
    for path in &files {
        let t = parse(path);
        for (format, row) in &mut rows {
            if format.needs_times() && !t.is_timed() {
                assert_eq!(
                    export(&t, *format, &Selection::All),
                    Err(Error::Untimed(*format))
                );
                row.not_applicable += 1;
                continue;
            }
            row.tried += 1;
            match round_trip(&t, *format, None) {
                Ok(o) => {
                    row.passed += 1;
                    row.turns += o.turns;
                    row.words += o.words;
                    row.max_error = row.max_error.max(o.max_error);
                }
                Err(e) => row.failures.push(format!("{}: {e}", path.display())),
            }
        }
    }
    println!(
        "\n| format | files tried | read back the same | untimed (refused) | turns | words | max time error |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (format, row) in &rows {
        println!(
            "| `{}` | {} | {} | {} | {} | {} | {} ms |",
            format.name(),
            row.tried,
            row.passed,
            row.not_applicable,
            row.turns,
            row.words,
            row.max_error
        );
    }
    let failures: Vec<&String> = rows.iter().flat_map(|(_, r)| &r.failures).collect();
    for f in &failures {
        println!("\nFAILED {f}");
    }
    assert!(failures.is_empty(), "{} round trips failed", failures.len());
}

/// A speaker's turns and a search's turns: exactly those read back.
#[test]
fn selections_export_exactly_the_chosen_turns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in [
        "assets/sample.txt",
        "tests/data/corpus/captions/talkpython-001.vtt",
        "tests/data/corpus/other/podcastindex-example.json",
    ] {
        let t = parse(&root.join(file));
        let mut selections: Vec<Selection> = t
            .speakers
            .iter()
            .take(3)
            .map(|s| Selection::Speaker(s.id.clone()))
            .collect();
        for q in [
            "the",
            "internet governance",
            "\"thank you\"",
            "zzzz-nothing",
        ] {
            selections.push(Selection::Query {
                query: q.into(),
                speaker: None,
            });
        }
        if let Some(s) = t.speakers.first() {
            selections.push(Selection::Query {
                query: "the".into(),
                speaker: Some(s.id.clone()),
            });
        }
        for selection in &selections {
            let chosen = selection.turns(&t).unwrap();
            // The viewer's search finds the same turns.
            if let Selection::Query { query, speaker } = selection {
                let index = floor::search::Index::new(&t);
                let hits = index.search(&floor::search::Query::parse(query), speaker.as_deref());
                let marked: Vec<u32> = hits.turns.iter().map(|h| h.n).collect();
                assert_eq!(chosen, marked, "{file} {selection:?}");
            }
            for format in Format::ALL {
                if format.needs_times() && !t.is_timed() {
                    continue;
                }
                let out = export(&t, format, selection).unwrap();
                let back =
                    floor::read::parse_file(out.as_bytes(), &format!("x.{}", format.extension()));
                let want = turns(&t, Some(&chosen));
                let got = turns(&back, None);
                if let Err(e) = compare(&want, &got, timed(&t, format)) {
                    panic!(
                        "{file} {selection:?} as {}: {e}\n{}",
                        format.name(),
                        head(&out)
                    );
                }
            }
        }
    }
}

/// Text that readers would misread reads back as written: labels, markers
/// and dashes in the text, timing arrows, tags and entities, bidi controls.
#[test]
fn hostile_text_reads_back() {
    let paragraphs = [
        "Text with >>REMOTE PARTICIPANT: inside, and &gt;&gt; CHAIR: escaped.",
        "NOTE: a paragraph that starts like a label.",
        "**Bold Name:** and ** Markdown **.",
        "- a dialogue dash, – another, — a third.",
        "00:00:01.000 --> 00:00:02.000 a timing line, and 3 -> 4.",
        "<script>alert(1)</script> <p>tags</p> <!-- a comment --> &amp; &lt;b&gt; {\\an8} x.",
        "Bidi \u{202e}reversed\u{202c} and \u{2067}isolated\u{2069} text, زبان فارسی.",
        "[00:12:34] Ana: looks like an export header.",
        "WEBVTT",
        ">> a marker at the start.",
        "[ Applause ] (inaudible) words (phonetic) here.",
    ];
    let json_string = |s: &str| serde_json::to_string(s).unwrap();
    let mut turns_json = Vec::new();
    let speakers = [
        Some(("chair", "Chair")),
        None,
        Some(("chair", "Chair")),
        Some(("ana", "Ana Silva")),
    ];
    for (i, p) in paragraphs.iter().enumerate() {
        let speaker = speakers[i % speakers.len()];
        let ps = [
            json_string(p),
            json_string(paragraphs[(i + 3) % paragraphs.len()]),
        ];
        let (id, label) = match speaker {
            Some((id, name)) => (json_string(id), json_string(name)),
            None => ("null".into(), "null".into()),
        };
        let start = i * 7;
        turns_json.push(format!(
            "{{\"n\":{},\"start\":{start}.0,\"end\":{}.5,\"speaker\":{id},\"label\":{label},\"paragraphs\":[{}],\"annotations\":[],\"range\":[0,0],\"line\":1}}",
            i + 1,
            start + 6,
            ps.join(","),
        ));
    }
    let json = format!(
        "{{\"meta\":{{\"title\":\"Hostile <b>title</b> >> X:\",\"disclaimer\":null,\"date\":null,\"date_text\":null,\"time\":null,\"location\":null,\"other\":[],\"format\":\"webvtt\",\"duration\":null}},\
         \"speakers\":[{{\"id\":\"chair\",\"name\":\"Chair\",\"labels\":[\"Chair\"],\"turns\":6}},{{\"id\":\"ana\",\"name\":\"Ana Silva\",\"labels\":[\"Ana Silva\"],\"turns\":2}}],\
         \"turns\":[{}],\"diagnostics\":[]}}",
        turns_json.join(",")
    );
    let t = floor::read::parse_file(json.as_bytes(), "hostile.json");
    assert_eq!(t.meta.format, "floor-json");
    assert_eq!(t.turns.len(), paragraphs.len());
    for format in Format::ALL {
        if let Err(e) = round_trip(&t, format, None) {
            panic!("{}: {e}", format.name());
        }
        let out = export(&t, format, &Selection::All).unwrap();
        if matches!(format, Format::WebVtt | Format::Srt | Format::PodcastHtml) {
            assert!(
                !out.contains("<script") && !out.contains("<p>tags"),
                "{out}"
            );
        }
        if matches!(format, Format::Markdown | Format::Text) {
            assert!(!out.contains("<script"), "{out}");
        }
    }
}

/// Refusals say what to do.
#[test]
fn untimed_transcripts_are_refused_for_captions() {
    let t = floor::read::parse_str(">>CHAIR: Hello.");
    for format in [Format::WebVtt, Format::Srt, Format::PodcastJson] {
        let e = export(&t, format, &Selection::All).unwrap_err();
        assert!(e.to_string().contains("has no times"), "{e}");
    }
    for format in [
        Format::Markdown,
        Format::Text,
        Format::Json,
        Format::PodcastHtml,
    ] {
        assert!(export(&t, format, &Selection::All).is_ok());
    }
    assert_eq!(
        export(&t, Format::Text, &Selection::Speaker("nobody".into())),
        Err(Error::NoSuchSpeaker("nobody".into()))
    );
    assert_eq!(
        export(&t, Format::Text, &Selection::Turns(vec![2])),
        Err(Error::NoSuchTurn(2))
    );
}

/// A transcript timed in part (as aligning to captions leaves one): the
/// caption formats spread the other turns' times between their
/// neighbours', and the timed turns read back at their times.
#[test]
fn a_transcript_timed_in_part_exports_as_captions() {
    let mut t = parse(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.txt"));
    for i in (0..t.turns.len()).filter(|i| i % 3 != 1) {
        let start = 10_000 + 60_000 * i as u32;
        t.set_turn_times(i, [Some(start), Some(start + 45_000)]);
    }
    assert!(t.is_timed() && t.start(&t.turns[1]).is_none());
    for format in [
        Format::WebVtt,
        Format::Srt,
        Format::PodcastJson,
        Format::PodcastHtml,
    ] {
        if let Err(e) = round_trip(&t, format, None) {
            panic!("{}: {e}", format.name());
        }
        let out = export(&t, format, &Selection::All).unwrap();
        let back = floor::read::parse_file(out.as_bytes(), &format!("x.{}", format.extension()));
        // Every turn read back has a time, in order.
        let starts: Vec<Option<u32>> = back.turns.iter().map(|turn| back.start(turn)).collect();
        assert!(starts.iter().all(Option::is_some), "{}", format.name());
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{}", format.name());
    }
}
