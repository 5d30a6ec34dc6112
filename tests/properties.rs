//! Property tests for the parser: it never panics, what it returns is
//! consistent, it loses no word, and it reads the same transcript through
//! changes of line endings, wrapping, encoding and an HTML wrapper.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use floor::model::{DiagnosticKind, Transcript};
use floor::read::{parse, parse_str};
use floor::text::{is_blank, lines, words};
use proptest::prelude::*;
use proptest::sample::select;

#[path = "support/config.rs"]
mod support_config;
#[path = "support/words.rs"]
mod support_words;
use support_words::paragraph_words;

/// `cases` cases from this file's fixed seed ([`support_config::config`]).
fn config(cases: u32) -> ProptestConfig {
    support_config::config(cases, 0x00F1_0042)
}

// ---------------------------------------------------------------- consistency

/// What every transcript must satisfy, whatever the input: `text` is the
/// decoded text the ranges point into.
fn check_consistent(t: &Transcript, text: &str) -> Result<(), TestCaseError> {
    let mut attributed = 0;
    for (i, turn) in t.turns.iter().enumerate() {
        prop_assert_eq!(turn.n as usize, i + 1, "turn numbers run 1..=len");
        let std::ops::Range { start, end } = turn.span();
        prop_assert!(
            start <= end && end <= text.len(),
            "turn {} range {:?} outside the text ({} bytes)",
            turn.n,
            turn.range,
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "turn {} range {:?} not on char boundaries",
            turn.n,
            turn.range
        );
        match (t.speaker_id(turn), t.label(turn)) {
            (Some(id), Some(label)) => {
                attributed += 1;
                let speaker = t.speaker(id);
                prop_assert!(speaker.is_some(), "turn {}: no speaker {:?}", turn.n, id);
                prop_assert!(
                    speaker.is_some_and(|s| s.labels.iter().any(|l| l == label)),
                    "turn {}: label {:?} not among speaker {:?}'s labels",
                    turn.n,
                    label,
                    id
                );
            }
            (None, None) => {}
            (speaker, label) => prop_assert!(
                false,
                "turn {}: speaker {:?} with label {:?}",
                turn.n,
                speaker,
                label
            ),
        }
        for a in t.annotations(turn) {
            let p = t.paragraph(turn, a.paragraph());
            prop_assert!(
                p.is_some(),
                "turn {}: annotation in paragraph {}",
                turn.n,
                a.paragraph()
            );
            let p = p.unwrap_or_default();
            let in_paragraph = |[s, e]: [usize; 2]| {
                s <= e && e <= p.len() && p.is_char_boundary(s) && p.is_char_boundary(e)
            };
            prop_assert!(
                in_paragraph(a.range()),
                "turn {}: annotation range {:?} outside {:?}",
                turn.n,
                a.range(),
                p
            );
            if let Some(word) = a.word(p) {
                prop_assert!(
                    in_paragraph(word),
                    "turn {}: phonetic word {:?} outside {:?}",
                    turn.n,
                    word,
                    p
                );
            }
        }
    }
    for pair in t.turns.windows(2) {
        prop_assert!(
            pair[0].range[1] <= pair[1].range[0],
            "turns {} and {} overlap: {:?} {:?}",
            pair[0].n,
            pair[1].n,
            pair[0].range,
            pair[1].range
        );
    }
    let total: usize = t.speakers.iter().map(|s| s.turns).sum();
    prop_assert_eq!(
        total,
        attributed,
        "speakers' turns sum to the attributed turns"
    );
    for (i, s) in t.speakers.iter().enumerate() {
        let n = t
            .turns
            .iter()
            .filter(|turn| t.speaker_id(turn) == Some(s.id.as_str()))
            .count();
        prop_assert_eq!(s.turns, n, "speaker {:?} turn count", s.id);
        prop_assert!(s.turns > 0, "speaker {:?} has no turn", s.id);
        prop_assert!(
            t.speakers[..i].iter().all(|o| o.id != s.id),
            "duplicate speaker id {:?}",
            s.id
        );
    }
    Ok(())
}

/// Small pieces transcripts are made of, for building inputs that often hit
/// the parser's interesting paths.
#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    ">", ">>", ">>", "&gt;", "&gt;&gt;", ":", ": ", "(", ")", "[", "]",
    "<p>", "</p>", "<br>", "&nbsp;", "&amp;",
    "\u{a0}", "\u{2011}", "\u{feff}", "\r", "\n", "\n", "\n\n", "\r\n", "\t", " ", " ", "  ",
    "A", "B", "M", "Z", "a", "e", "z", "É", "é", "Ç", "ß", "İ", "ÿ", "0", "1", "7", "9", ".", ",",
    "CHAIR", "ST. AMOUR", "REMOTE INTERVENTION", "Note: ",
    "The following are the outputs of the real-time captioning", "April", "6", "2016",
    "Geneva, Switzerland", "Applause", "phonetic", "Off microphone.", "Warning: ", " on line 3",
    "***", "**", "* * *", "---", "\u{2026}", ";",
    "Welcome to the United Nations", "You are here", "Also available in:", "Español", "SECRETARIAT ",
    "This is the the output of the realtime captioning", "authoritative record.",
];

/// The same, without `<` or `&`: text that is never taken as HTML.
fn plain_fragments() -> Vec<&'static str> {
    FRAGMENTS
        .iter()
        .copied()
        .filter(|f| !f.contains(['<', '&']))
        .collect()
}

fn joined(fragments: Vec<&'static str>, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(select(fragments), 0..max).prop_map(|v| v.concat())
}

// ---------------------------------------------------------------- no word lost

/// Every word of `text` is in the transcript: the header's (before the
/// first turn, which can start inside a line) as a multiset in `meta`, the
/// turns' in order (label, then paragraphs), and those of dropped lines in
/// the diagnostics' `dropped` text.
fn check_lossless(text: &str, t: &Transcript) -> Result<(), TestCaseError> {
    // The parser skips a leading BOM; ranges still count its bytes.
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let (text, shift) = (&text[bom..], bom);
    // Separators hold no words, and can come from a line that holds the
    // disclaimer too (`…record.***`): their line is not dropped.
    let dropped_lines: Vec<usize> = t
        .diagnostics
        .iter()
        .filter(|d| d.dropped.is_some() && d.kind != DiagnosticKind::SeparatorDropped)
        .map(|d| d.line)
        .collect();
    let start = t
        .turns
        .first()
        .map_or(text.len(), |turn| turn.span().start.saturating_sub(shift));
    let (mut head, mut body, mut dropped) = (Vec::new(), Vec::new(), Vec::new());
    for line in lines(text) {
        if dropped_lines.contains(&line.number) {
            dropped.extend(words(line.text));
        } else {
            // The first turn can start inside a line (a `>>NAME:` there).
            let cut = start.clamp(line.start, line.end()) - line.start;
            head.extend(words(&line.text[..cut]));
            body.extend(words(&line.text[cut..]));
        }
    }

    let m = &t.meta;
    let mut meta_words: Vec<&str> = [&m.title, &m.disclaimer, &m.date_text, &m.location]
        .into_iter()
        .flatten()
        .chain(&m.other)
        .flat_map(|s| words(s))
        .collect();
    meta_words.sort_unstable();
    head.sort_unstable();
    prop_assert_eq!(head, meta_words, "header words (as a multiset) vs meta");

    let mut dropped_words: Vec<&str> = t
        .diagnostics
        .iter()
        .filter_map(|d| d.dropped.as_deref())
        .flat_map(words)
        .collect();
    dropped_words.sort_unstable();
    dropped.sort_unstable();
    prop_assert_eq!(dropped, dropped_words, "dropped lines vs diagnostics");

    let turn_words: Vec<&str> = t
        .turns
        .iter()
        .flat_map(|turn| t.label(turn).into_iter().chain(t.paragraphs(turn)))
        .flat_map(words)
        .collect();
    prop_assert_eq!(
        body,
        turn_words,
        "words from the first turn on vs the turns'"
    );
    Ok(())
}

/// No text vanishes: the non-space characters of every block (lines between
/// blank lines) with no letter or digit and no marker syntax (`>`, `:`, a
/// bold label's `**`) are in the transcript: in `meta`, a turn, or a
/// diagnostic's `dropped` text (as a multiset: blocks may be joined).
fn check_no_text_vanishes(text: &str, t: &Transcript) -> Result<(), TestCaseError> {
    let mut wanted: Vec<char> = Vec::new();
    for block in text.split("\n\n").flat_map(|b| b.split("\r\n\r\n")) {
        let visible: Vec<char> = block
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
            .collect();
        let syntax = visible
            .iter()
            .any(|&c| c.is_alphanumeric() || matches!(c, '>' | ':' | '*'));
        if !syntax {
            wanted.extend(visible);
        }
    }
    let m = &t.meta;
    let mut have: Vec<char> = [&m.title, &m.disclaimer, &m.date_text, &m.location]
        .into_iter()
        .flatten()
        .chain(&m.other)
        .map(String::as_str)
        .chain(
            t.turns
                .iter()
                .flat_map(|turn| t.label(turn).into_iter().chain(t.paragraphs(turn))),
        )
        .chain(t.diagnostics.iter().filter_map(|d| d.dropped.as_deref()))
        .flat_map(|s| s.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    have.sort_unstable();
    for c in wanted {
        match have.binary_search(&c) {
            Ok(i) => {
                have.remove(i);
            }
            Err(_) => prop_assert!(false, "{c:?} of a block without words vanished"),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let t = parse(&bytes);
        let text = floor::read::decode::decode(&bytes).text;
        check_consistent(&t, &text)?;
    }

    #[test]
    fn transcript_alphabet_never_panics(s in joined(FRAGMENTS.to_vec(), 200)) {
        check_consistent(&parse_str(&s), &s)?;
        // parse() decodes first: a UTF-8 BOM is not part of the decoded text.
        let t = parse(s.as_bytes());
        check_consistent(&t, &floor::read::decode::decode(s.as_bytes()).text)?;
    }

    #[test]
    fn plain_text_loses_no_word(s in joined(plain_fragments(), 200)) {
        let t = parse_str(&s);
        check_consistent(&t, &s)?;
        check_lossless(&s, &t)?;
        check_no_text_vanishes(&s, &t)?;
    }

    #[test]
    fn arbitrary_plain_strings_lose_no_word(s in any::<String>().prop_map(|s| s.replace(['<', '&'], ""))) {
        let t = parse_str(&s);
        check_consistent(&t, &s)?;
        check_lossless(&s, &t)?;
    }

    #[test]
    fn word_count_counts_the_words(s in any::<String>()) {
        prop_assert_eq!(floor::text::word_count(&s), words(&s).count());
    }
}

// ---------------------------------------------------------------- mutations

/// A transcript file of the test data, decoded, and its parse.
struct Sample {
    name: String,
    text: String,
    parsed: Transcript,
}

fn collect(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    out.extend(paths.into_iter().filter(|p| p.is_file() && keep(p)));
}

/// tests/data/corpus/igf/*.txt and the .txt / .md files of tests/data/cases/
/// read as IGF text: the copies these properties make (rewrapped, in HTML)
/// are copies of a transcript's text. (Caption files in `.txt` have their
/// own properties, in tests/captions.rs.)
fn samples() -> &'static [Sample] {
    static SAMPLES: OnceLock<Vec<Sample>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let ext = |p: &Path, exts: &[&str]| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        };
        let mut paths = Vec::new();
        collect(&data.join("corpus/igf"), &|p| ext(p, &["txt"]), &mut paths);
        collect(&data.join("cases"), &|p| ext(p, &["txt", "md"]), &mut paths);
        assert!(!paths.is_empty(), "no samples under {}", data.display());
        paths
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).expect("readable sample");
                Sample {
                    name: p.strip_prefix(&data).unwrap_or(&p).display().to_string(),
                    text: floor::read::decode::decode(&bytes).text,
                    parsed: parse(&bytes),
                }
            })
            .filter(|s: &Sample| s.parsed.meta.format == "igf")
            .collect()
    })
}

fn sample_index() -> impl Strategy<Value = usize> {
    0..samples().len()
}

/// The lines of `text` joined by `eol`, keeping a final line break.
fn with_line_ends(text: &str, eol: &str) -> String {
    let mut out = lines(text).map(|l| l.text).collect::<Vec<_>>().join(eol);
    if text.ends_with(['\n', '\r']) {
        out.push_str(eol);
    }
    out
}

/// Every line longer than `width` chars hard-wrapped at ASCII spaces (none
/// inside a `>>NAME:`), the continuation lines indented by one space; blank
/// lines kept.
fn rewrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in lines(text) {
        let mut rest = line.text;
        let mut prefix = "";
        loop {
            let room = width - prefix.len();
            if rest.chars().count() <= room {
                out.push_str(prefix);
                out.push_str(rest);
                out.push('\n');
                break;
            }
            // Break at the last space that fits, after the line's first word,
            // and not between a `>>` and its label's colon: a label is read
            // on one line (one cut in two is the start of a sentence).
            let body = rest.len() - rest.trim_start_matches(' ').len();
            let fits = rest.char_indices().nth(room).map_or(rest.len(), |(i, _)| i);
            let in_label = |i: usize| {
                let before = &rest[..i];
                before
                    .rfind(">>")
                    .is_some_and(|m| i - m <= 80 && !before[m..].contains(':'))
                    && rest[i..].find(':').is_some_and(|c| c <= 80)
            };
            let cut = rest[body..fits]
                .rmatch_indices(' ')
                .map(|(i, _)| body + i)
                .find(|&i| !rest[..i].trim().is_empty() && !in_label(i))
                .or_else(|| {
                    rest[fits..]
                        .match_indices(' ')
                        .map(|(i, _)| fits + i)
                        .find(|&i| !in_label(i))
                });
            let Some(cut) = cut else {
                out.push_str(prefix);
                out.push_str(rest);
                out.push('\n');
                break;
            };
            out.push_str(prefix);
            out.push_str(rest[..cut].trim_end_matches(' '));
            out.push('\n');
            rest = rest[cut..].trim_start_matches(' ');
            prefix = " ";
            if rest.is_empty() {
                break;
            }
        }
    }
    out
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// Windows-1252's 0x80..=0x9F (the five unassigned bytes as `\0`).
const CP1252_HIGH: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// The text in Windows-1252, if every char has a byte.
fn windows_1252(text: &str) -> Option<Vec<u8>> {
    text.chars()
        .map(|c| match u32::from(c) {
            0..=0x7F | 0xA0..=0xFF => u8::try_from(u32::from(c)).ok(),
            _ => CP1252_HIGH
                .iter()
                .position(|&h| h == c && h != '\0')
                .and_then(|i| u8::try_from(0x80 + i).ok()),
        })
        .collect()
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
    out
}

/// A page: each blank-line separated block of `text` as one `<p>`. Inside
/// a block of several lines, the lines are kept apart with `<br>` (a bare
/// line break inside a `<p>` is only a space in HTML).
fn html_page(text: &str) -> String {
    let mut out = String::from("<!doctype html><html><head><title>x</title></head><body>\n");
    let mut block: Vec<String> = Vec::new();
    let flush = |block: &mut Vec<String>, out: &mut String| {
        if !block.is_empty() {
            out.push_str("<p>");
            out.push_str(&block.join("<br>\n"));
            out.push_str("</p>\n");
            block.clear();
        }
    };
    for line in lines(text) {
        if is_blank(line.text) {
            flush(&mut block, &mut out);
        } else {
            block.push(escape_html(line.text));
        }
    }
    flush(&mut block, &mut out);
    out.push_str("</body></html>\n");
    out
}

/// Whether every blank-line separated block of `text` is a single line, so
/// that a `<p>` per block keeps the paragraphs of the plain copy.
fn one_line_blocks(text: &str) -> bool {
    let mut previous_blank = true;
    for line in lines(text) {
        let blank = is_blank(line.text);
        if !blank && !previous_blank {
            return false;
        }
        previous_blank = blank;
    }
    true
}

#[derive(Clone, Copy, PartialEq)]
enum Paragraphs {
    /// Paragraphs must be identical.
    Exact,
    /// Paragraphs must be identical after collapsing whitespace.
    Collapsed,
    /// Only the words must be the same.
    WordsOnly,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `got` (a mutated copy) reads like `want` (the original).
fn same_reading(
    want: &Transcript,
    got: &Transcript,
    paragraphs: Paragraphs,
    what: &str,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        got.turns.len(),
        want.turns.len(),
        "{}: number of turns",
        what
    );
    for (w, g) in want.turns.iter().zip(&got.turns) {
        prop_assert_eq!(
            got.label(g),
            want.label(w),
            "{}: label of turn {}",
            what,
            w.n
        );
        prop_assert_eq!(
            g.speaker(),
            w.speaker(),
            "{}: speaker of turn {}",
            what,
            w.n
        );
    }
    prop_assert_eq!(&got.speakers, &want.speakers, "{}: speakers", what);
    prop_assert_eq!(
        paragraph_words(got),
        paragraph_words(want),
        "{}: words of the turns",
        what
    );
    for (w, g) in want.turns.iter().zip(&got.turns) {
        match paragraphs {
            Paragraphs::Exact => {
                prop_assert_eq!(
                    got.paragraphs(g).to_vec(),
                    want.paragraphs(w).to_vec(),
                    "{}: paragraphs of turn {}",
                    what,
                    w.n
                );
            }
            Paragraphs::Collapsed => {
                let c = |t: &Transcript, turn: &floor::model::Turn| {
                    t.paragraphs(turn).iter().map(collapse).collect::<Vec<_>>()
                };
                prop_assert_eq!(
                    c(got, g),
                    c(want, w),
                    "{}: paragraphs of turn {} (whitespace collapsed)",
                    what,
                    w.n
                );
            }
            Paragraphs::WordsOnly => {}
        }
    }
    Ok(())
}

/// One byte-level edit of a sample, as a fuzzer makes them.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    /// A stretch of the text copied somewhere else.
    Splice(usize, usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<prop::sample::Index>();
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
        (
            any::<usize>(),
            prop::collection::vec(
                prop::sample::select(vec![
                    b'>', b'\n', b'\r', b':', b'<', b'&', b'[', b'(', 0xc3, 0xa9, 0xe2, 0x80, 0xff,
                    0, b' '
                ])
                .boxed(),
                1..8
            )
        )
            .prop_map(|(i, v)| Edit::Insert(i, v)),
        (any::<usize>(), 1usize..200).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), 1usize..300, at).prop_map(|(i, n, to)| Edit::Splice(
            i,
            n,
            to.index(usize::MAX)
        )),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    if bytes.is_empty() {
        return;
    }
    let at = |i: usize, len: usize| i % (len + 1);
    match edit {
        Edit::Flip(i, b) => {
            let i = *i % bytes.len();
            bytes[i] = *b;
        }
        Edit::Insert(i, v) => {
            let i = at(*i, bytes.len());
            bytes.splice(i..i, v.iter().copied());
        }
        Edit::Delete(i, n) => {
            let i = *i % bytes.len();
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
        Edit::Splice(i, n, to) => {
            let i = *i % bytes.len();
            let piece = bytes[i..(i + n).min(bytes.len())].to_vec();
            let to = at(*to, bytes.len());
            bytes.splice(to..to, piece);
        }
    }
}

proptest! {
    #![proptest_config(config(10_000))]

    /// Mutations of the corpus, as a fuzzer makes them: a window of up to
    /// 4 KB of a sample with up to eight byte-level edits never panics and
    /// still gives a consistent model.
    #[test]
    fn mutated_corpus_windows_never_panic(
        i in sample_index(),
        start in any::<prop::sample::Index>(),
        len in 1usize..4096,
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let text = samples()[i].text.as_bytes();
        let from = start.index(text.len().max(1));
        let mut bytes = text[from.min(text.len())..(from + len).min(text.len())].to_vec();
        for e in &edits {
            apply(&mut bytes, e);
        }
        let t = parse(&bytes);
        let decoded = floor::read::decode::decode(&bytes).text;
        check_consistent(&t, &decoded)?;
    }
}

// ---------------------------------------------------------------- JSON and podcast HTML

/// The JSON and HTML files of the test data (cases and corpus), by name,
/// decoded.
fn markup_samples() -> &'static [(String, String)] {
    static SAMPLES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let keep = |p: &Path| {
            let name = p.to_string_lossy();
            (name.ends_with(".json") || name.ends_with(".html"))
                && !name.ends_with(".expected.json")
        };
        let mut paths = Vec::new();
        collect(&data.join("cases"), &keep, &mut paths);
        collect(&data.join("corpus/other"), &keep, &mut paths);
        assert!(
            paths.len() >= 8,
            "JSON and HTML samples under {}",
            data.display()
        );
        paths
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).expect("readable sample");
                let name = p.strip_prefix(&data).unwrap_or(&p).display().to_string();
                (name, floor::read::decode::decode(&bytes).text)
            })
            .collect()
    })
}

/// The JSON transcripts among [`markup_samples`], by position.
fn json_transcripts() -> Vec<usize> {
    let samples = markup_samples();
    (0..samples.len())
        .filter(|&i| {
            let format = parse_str(&samples[i].1).meta.format;
            samples[i].0.ends_with(".json") && format.contains("json") && format != "json"
        })
        .collect()
}

/// Pieces of JSON transcripts and of near misses (escapes, surrogates,
/// numbers of every shape, clock strings, the fields the readers look
/// for), and of podcast HTML.
#[rustfmt::skip]
const JSON_FRAGMENTS: &[&str] = &[
    "{", "}", "[", "]", "\"", ":", ",", " ", "\n", "\\", "\\u", "\\ud83d", "\\ude00", "\\u00e9",
    "\\n", "\\\"", "\"segments\"", "\"utterances\"", "\"words\"", "\"text\"", "\"body\"",
    "\"word\"", "\"speaker\"", "\"start\"", "\"end\"", "\"startTime\"", "\"endTime\"",
    "\"start_ms\"", "\"duration\"", "\"version\"", "\"title\"", "0", "1.5", "250", "-1", "1e9",
    "1e-3", "99999999999999999999", "\"0:01\"", "\"12\"", "true", "null", "NaN", "\"Ana\"",
    "\"Hi.\"", "\" >> CHAIR: x\"", "é", "\u{feff}", "{\"text\": \"a\", \"start\": 1}",
    "<cite>", "</cite>", "<time>", "</time>", "<p>", "</p>", "0:00", "Ana:", "<!--", "-->",
];

/// Strings that start like a JSON transcript (or a podcast page) and go on
/// with [`JSON_FRAGMENTS`].
fn json_ish() -> impl Strategy<Value = String> {
    let starts = vec![
        "",
        "{\"",
        "[{",
        "{\"segments\": [{",
        "{\"version\": \"1.0.0\", \"segments\": [{\"body\": \"x\", ",
        "[{\"text\": \"a\", \"words\": [{",
        "<cite>A:</cite><time>0:01</time><p>",
    ];
    (select(starts), joined(JSON_FRAGMENTS.to_vec(), 80))
        .prop_map(|(a, b)| [a, b.as_str()].concat())
}

proptest! {
    #![proptest_config(config(5_000))]

    #[test]
    fn json_ish_strings_never_panic(s in json_ish()) {
        check_consistent(&parse_str(&s), &s)?;
    }

    /// The JSON and HTML files of the test data, with up to eight
    /// byte-level edits, never panic and give a consistent model.
    #[test]
    fn mutated_json_and_html_never_panic(
        i in 0..markup_samples().len(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let mut bytes = markup_samples()[i].1.as_bytes().to_vec();
        for e in &edits {
            apply(&mut bytes, e);
        }
        let t = parse(&bytes);
        check_consistent(&t, &floor::read::decode::decode(&bytes).text)?;
    }

    /// A JSON transcript cut anywhere (a download that broke off) reads
    /// the items before the cut: its words are the first words of the
    /// whole's. Cut before any item, it is read as text.
    #[test]
    fn truncated_json_reads_the_items_before_the_cut(
        i in select(json_transcripts()),
        cut in any::<prop::sample::Index>(),
    ) {
        let (name, text) = &markup_samples()[i];
        let mut at = cut.index(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let (whole, got) = (parse_str(text), parse_str(&text[..at]));
        check_consistent(&got, &text[..at])?;
        if got.meta.format == whole.meta.format {
            let (got, whole) = (paragraph_words(&got), paragraph_words(&whole));
            prop_assert!(whole.starts_with(&got), "{} cut at {}: {:?} is not a start of {:?}", name, at, got, whole);
        } else {
            // (The IGF reader leaves an empty text's format empty.)
            prop_assert!(matches!(got.meta.format, "igf" | ""), "{} cut at {}: {}", name, at, got.meta.format);
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn crlf_line_endings_read_the_same(i in sample_index()) {
        let s = &samples()[i];
        let mutated = with_line_ends(&s.text, "\r\n");
        let got = parse(mutated.as_bytes());
        check_consistent(&got, &mutated)?;
        same_reading(&s.parsed, &got, Paragraphs::Exact, &format!("{} with CRLF", s.name))?;
        prop_assert_eq!(&got.meta, &s.parsed.meta, "{} with CRLF: meta", s.name);
    }

    #[test]
    fn lone_cr_line_endings_read_the_same(i in sample_index()) {
        let s = &samples()[i];
        let mutated = with_line_ends(&s.text, "\r");
        let got = parse(mutated.as_bytes());
        check_consistent(&got, &mutated)?;
        same_reading(&s.parsed, &got, Paragraphs::Exact, &format!("{} with CR", s.name))?;
        prop_assert_eq!(&got.meta, &s.parsed.meta, "{} with CR: meta", s.name);
    }

    #[test]
    fn rewrapped_copies_keep_turns_and_words(i in sample_index(), width in 50usize..100) {
        let s = &samples()[i];
        let mutated = rewrap(&s.text, width);
        let got = parse(mutated.as_bytes());
        check_consistent(&got, &mutated)?;
        same_reading(&s.parsed, &got, Paragraphs::WordsOnly, &format!("{} wrapped at {width}", s.name))?;
    }

    /// Where every line of the original is a paragraph (blank-line separated
    /// blocks), wrapping it must not move paragraph breaks, nor change the header.
    #[test]
    fn rewrapped_copies_keep_paragraphs(i in sample_index(), width in 50usize..100) {
        let s = &samples()[i];
        if one_line_blocks(&s.text) {
            let mutated = rewrap(&s.text, width);
            let got = parse(mutated.as_bytes());
            let what = format!("{} wrapped at {width}", s.name);
            same_reading(&s.parsed, &got, Paragraphs::Collapsed, &what)?;
            let m = |t: &Transcript| {
                let c = |f: &Option<String>| f.as_deref().map(collapse);
                let other: Vec<String> = t.meta.other.iter().map(|o| collapse(o)).collect();
                (c(&t.meta.title), c(&t.meta.disclaimer), c(&t.meta.date_text), c(&t.meta.location), other)
            };
            prop_assert_eq!(m(&got), m(&s.parsed), "{}: meta (whitespace collapsed)", what);
        }
    }

    #[test]
    fn utf16le_copies_read_the_same(i in sample_index()) {
        let s = &samples()[i];
        let got = parse(&utf16le_with_bom(&s.text));
        check_consistent(&got, &s.text)?;
        same_reading(&s.parsed, &got, Paragraphs::Exact, &format!("{} in UTF-16LE", s.name))?;
        prop_assert_eq!(&got.meta, &s.parsed.meta, "{} in UTF-16LE: meta", s.name);
    }

    #[test]
    fn utf16_copies_without_a_bom_read_the_same(i in sample_index(), big in any::<bool>()) {
        let s = &samples()[i];
        // (Four chars at least tell UTF-16: an empty file is empty in any.)
        prop_assume!(s.text.chars().count() >= 4);
        let units = s.text.encode_utf16();
        let bytes: Vec<u8> = if big {
            units.flat_map(u16::to_be_bytes).collect()
        } else {
            units.flat_map(u16::to_le_bytes).collect()
        };
        let got = parse(&bytes);
        same_reading(&s.parsed, &got, Paragraphs::Exact, &format!("{} in UTF-16 without a BOM", s.name))?;
        prop_assert_eq!(&got.meta, &s.parsed.meta, "{} in UTF-16 without a BOM: meta", s.name);
        let said = got.diagnostics.iter().any(|d| d.message.contains("UTF-16 without a byte-order mark"));
        prop_assert!(said, "{}: the diagnostic names UTF-16", s.name);
    }

    #[test]
    fn windows_1252_copies_read_the_same(i in sample_index()) {
        let s = &samples()[i];
        if let Some(bytes) = windows_1252(&s.text) {
            let got = parse(&bytes);
            check_consistent(&got, &floor::read::decode::decode(&bytes).text)?;
            same_reading(&s.parsed, &got, Paragraphs::Exact, &format!("{} in Windows-1252", s.name))?;
            prop_assert_eq!(&got.meta, &s.parsed.meta, "{} in Windows-1252: meta", s.name);
        }
    }

    #[test]
    fn html_wrapped_copies_read_the_same(i in sample_index()) {
        let s = &samples()[i];
        let page = html_page(&s.text);
        let got = parse(page.as_bytes());
        check_consistent(&got, &page)?;
        // HTML collapses runs of spaces and drops indentation, which some
        // plain copies use to mark paragraphs: whole-line paragraphs keep
        // their text up to spacing, the others only their words.
        let paragraphs = if one_line_blocks(&s.text) { Paragraphs::Collapsed } else { Paragraphs::WordsOnly };
        same_reading(&s.parsed, &got, paragraphs, &format!("{} as HTML", s.name))?;
    }

    #[test]
    #[ignore = "by design: HTML collapses runs of spaces as a browser does, so `Thank you.  Next` \
                reads `Thank you. Next` from a page; html_wrapped_copies_read_the_same checks the rest"]
    fn html_wrapped_copies_keep_paragraphs_exactly(i in sample_index()) {
        let s = &samples()[i];
        if one_line_blocks(&s.text) {
            let got = parse(html_page(&s.text).as_bytes());
            same_reading(&s.parsed, &got, Paragraphs::Exact, &format!("{} as HTML", s.name))?;
        }
    }
}

// ---------------------------------------------------------------- the helpers themselves

#[test]
fn mutation_helpers() {
    assert_eq!(with_line_ends("a\nb\r\nc", "\r"), "a\rb\rc");
    assert_eq!(with_line_ends("a\n\nb\n", "\r\n"), "a\r\n\r\nb\r\n");
    let wrapped = rewrap(
        "\u{a0}>>CHAIR: one two three four five six seven eight nine ten eleven twelve thirteen",
        50,
    );
    assert!(
        wrapped.lines().all(|l| l.chars().count() <= 50),
        "{wrapped}"
    );
    assert!(
        wrapped
            .lines()
            .skip(1)
            .all(|l| l.starts_with(' ') && !l.starts_with("  ")),
        "{wrapped}"
    );
    assert_eq!(words(&wrapped).count(), 14);
    assert_eq!(rewrap("short\n\nx", 50), "short\n\nx\n");
    // A label inside a line is not cut in two.
    let run_in = "one two three four five six seven eight nine ten >>CHAIRMAN DESAI: Yes.";
    assert_eq!(
        rewrap(run_in, 60),
        "one two three four five six seven eight nine ten\n >>CHAIRMAN DESAI: Yes.\n"
    );
    assert_eq!(
        windows_1252("café “x” –"),
        Some(b"caf\xe9 \x93x\x94 \x96".to_vec())
    );
    assert_eq!(windows_1252("co\u{2011}chair"), None);
    assert_eq!(utf16le_with_bom("A"), [0xFF, 0xFE, b'A', 0]);
    assert_eq!(
        html_page("T\n\n\u{a0}>>A: x & y\nz\n"),
        "<!doctype html><html><head><title>x</title></head><body>\n<p>T</p>\n<p>&nbsp;&gt;&gt;A: x &amp; y<br>\nz</p>\n</body></html>\n"
    );
    assert!(one_line_blocks("a\n\nb\n") && !one_line_blocks("a\nb\n"));
}

// ------------------------------------------------ every operation, any transcript

/// Every public operation of the core on `t`: search (any query, with and
/// without a speaker, from the hits before), find, figures, shares, names,
/// stepping, segments and snippets, citations and anchors of every turn (and
/// of turns it does not have), the status line and the static page. None
/// may panic, whatever the transcript, empty ones included.
fn every_operation(t: &Transcript, queries: &[String]) {
    use floor::link::{Anchor, citation};
    use floor::search::{Hits, Index, Query};
    use floor::view;

    let index = Index::new(t);
    let speakers: Vec<Option<&str>> = std::iter::once(None)
        .chain(t.speakers.iter().map(|s| Some(s.id.as_str())))
        .chain(std::iter::once(Some("nobody")))
        .collect();
    let mut before = Hits::default();
    for q in queries {
        let query = Query::parse(q);
        for &speaker in &speakers {
            let hits = index.search(&query, speaker);
            let again = index.search_from(&query, speaker, Some(&before));
            assert_eq!(hits, again, "{q:?}");
            let _ = index.find(&query, speaker, &mut before);
            let _ = hits.describe(Some(0));
            let _ = hits.nth(hits.matches());
            for h in &hits.turns {
                for &[p, s, e] in &h.marks {
                    let paragraph = t.paragraph(&t.turns[h.n as usize - 1], p).unwrap();
                    let _ = view::snippet(paragraph, s, e);
                }
            }
            before = hits;
        }
    }
    let _ = view::Stats::of(t);
    let _ = view::speaker_shares(t);
    let n = t.turns.len() as u32;
    for turn in &t.turns {
        let _ = view::speaker_name(t, turn);
        for (i, p) in t.paragraphs(turn).iter().enumerate() {
            for ((start, stop), _) in view::parts(p, &[(0, p.len())]) {
                let segments = view::segments(p, t.annotations(turn), i, (start, stop));
                let pieces = view::pieces(&segments, &[(0, p.len())], start);
                let drawn: String = pieces.iter().map(|x| x.text).collect();
                assert_eq!(drawn, p[start..stop]);
                // With at most one span, the same text.
                let fewer = view::segments_at_most(p, t.annotations(turn), i, (start, stop), 1);
                let spans = fewer
                    .iter()
                    .filter(|s| !matches!(s, view::Segment::Text(_)));
                assert!(spans.count() <= 1);
                let drawn: String = fewer.iter().map(|s| s.text()).collect();
                assert_eq!(drawn, p[start..stop]);
            }
        }
    }
    for &speaker in &speakers {
        let visible = view::visible_turns(t, speaker);
        for from in [None, Some(0), Some(1), Some(n), Some(n + 1)] {
            for (forward, same) in [(true, false), (false, true), (true, true), (false, false)] {
                let _ = view::step(t, &visible, from, forward, same);
            }
        }
    }
    for k in 0..=n + 1 {
        let _ = citation(t, k, "https://example.org/#t1");
        for anchor in [
            Anchor::Turn(k),
            Anchor::Paragraph(k, 1),
            Anchor::Paragraph(k, 99),
        ] {
            assert_eq!(
                Anchor::parse(&format!("#{anchor}")),
                Some(anchor).filter(|_| k > 0)
            );
        }
    }
    let _ = view::shown_status(t);
    let _ = floor::render::html_page(t);
}

fn query() -> impl Strategy<Value = String> {
    joined(
        vec![
            "a",
            "e",
            "th",
            "the",
            " ",
            "  ",
            "\"",
            "\"a b\"",
            "!!",
            ",",
            "-",
            "co\u{2011}",
            "é",
            "ß",
            "ＣＨ",
            "\u{200b}",
            "*",
            ">>",
            "CHAIR",
            "1",
            "x y z",
        ],
        8,
    )
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn every_operation_works_on_any_transcript(
        s in joined(FRAGMENTS.to_vec(), 60),
        queries in proptest::collection::vec(query(), 0..6),
    ) {
        let t = parse_str(&s);
        every_operation(&t, &queries);
    }
}

/// The transcripts with no turns that broke the viewer: a title alone, a
/// note, punctuation, nothing.
#[test]
fn every_operation_works_without_turns() {
    let queries: Vec<String> = ["e", "th e", "\"x y\"", "!!", "a b c", "\"", ""]
        .iter()
        .map(|q| q.to_string())
        .collect();
    for text in [
        "Minutes of the meeting",
        "Transcript not available.",
        "",
        " \n\n ",
        "Title\n\n6 April 2016\n\nGeneva, Switzerland",
    ] {
        let t = parse_str(text);
        assert!(t.turns.is_empty(), "{text:?}");
        every_operation(&t, &queries);
    }
}
