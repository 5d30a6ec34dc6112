//! Properties of the caption readers (WebVTT, SRT): rolling captions give
//! each word once, WebVTT and SRT of the same cues read the same, every
//! word of every cue is in a turn, and any mix of caption syntax parses
//! into a consistent transcript.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/captions.rs"]
mod captions;

use floor::model::Transcript;
use floor::read::parse_str;
use floor::text::words;
use proptest::prelude::*;
use proptest::sample::select;

#[path = "support/config.rs"]
mod support_config;

/// `cases` cases from this file's fixed seed ([`support_config::config`]).
fn config(cases: u32) -> ProptestConfig {
    support_config::config(cases, 0x00C0_FFEE)
}

#[path = "support/words.rs"]
mod support_words;
use support_words::paragraph_words;

/// The transcript as JSON without what differs between two files of the
/// same cues: where things are in the file, and the format's name.
fn reading(t: &Transcript) -> serde_json::Value {
    let mut v = serde_json::to_value(t).expect("serialises");
    v["meta"]["format"] = serde_json::Value::Null;
    for turn in v["turns"].as_array_mut().into_iter().flatten() {
        turn["range"] = serde_json::Value::Null;
        turn["line"] = serde_json::Value::Null;
    }
    for d in v["diagnostics"].as_array_mut().into_iter().flatten() {
        d["line"] = serde_json::Value::Null;
    }
    v
}

/// A cue's text from pieces: words, markup, markers and labels; and the
/// words a reader must find in the paragraphs (not the labels').
fn cue_text(pieces: &[(u8, &'static str)]) -> (String, Vec<String>) {
    let (mut text, mut want) = (String::new(), Vec::new());
    for (i, &(kind, word)) in pieces.iter().enumerate() {
        match kind {
            // An upper-case label at the cue's start, or after `>>`.
            0 if i == 0 => text.push_str("CHAIR: "),
            1 => text.push_str(" &gt;&gt; NIGEL HICKSON: "),
            2 => text.push_str(" >> "),
            3 => text.push_str(&format!(" <i>{word}</i>")),
            4 => text.push_str(&format!("<00:00:00.500><c> {word}</c>")),
            5 => text.push_str(" &amp; "),
            6 => text.push('\n'),
            _ => text.push_str(&format!(" {word}")),
        }
        if matches!(kind, 3 | 4 | 7..) || (kind == 0 && i > 0) {
            want.extend(words(word).map(str::to_string));
        }
    }
    if text.trim().is_empty() {
        text.push_str("silence");
        want.push("silence".into());
    }
    (text, want)
}

fn cue_pieces() -> impl Strategy<Value = Vec<(u8, &'static str)>> {
    let word = select(vec![
        "access", "rights", "note", "ÉTÉ", "data", "[Music]", "42", "x",
    ]);
    proptest::collection::vec((0u8..10, word), 1..12)
}

/// Fragments of caption syntax, for inputs that mix them anyhow.
const FRAGMENTS: &[&str] = &[
    "WEBVTT",
    "WEBVTT - t",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "-->",
    " --> ",
    "->",
    "00:00:01.000",
    "00:00:02,500",
    "0:0:3.5",
    "1:75",
    "12",
    "1",
    "NOTE",
    "STYLE",
    "REGION",
    "<v A>",
    "<v.x B b>",
    "</v>",
    "<c>",
    "</c>",
    "<00:00:02.000>",
    "<i>",
    "<",
    ">",
    ">>",
    "&gt;&gt;",
    "&amp;",
    "&#",
    ";",
    "- ",
    "A:",
    "JANE DOE: ",
    "\"Jane\" (12)",
    "align:start",
    "spin:x",
    "X1:2",
    "{\\an8}",
    "word",
    "é",
    "\u{feff}",
    "[Music]",
    "8d1f3c2a-0000-1111",
];

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn rolling_captions_give_each_word_once(seed in any::<u64>(), lines in 1usize..60) {
        let lines = captions::caption_lines(lines, seed);
        let t = parse_str(&captions::youtube(&lines));
        prop_assert_eq!(t.meta.format, "webvtt");
        let want: Vec<String> = lines.iter().flatten().map(|w| w.to_string()).collect();
        prop_assert_eq!(paragraph_words(&t), want);
        // Each timed word's offset starts a word of its paragraph.
        for turn in &t.turns {
            for (i, p) in t.paragraphs(turn).iter().enumerate() {
                for [at, _] in t.word_times(turn, i) {
                    let at = at as usize;
                    prop_assert!(p.is_char_boundary(at) && p[at..].starts_with(|c: char| c.is_alphanumeric()));
                    prop_assert!(at == 0 || p[..at].ends_with(' '));
                }
            }
        }
    }

    #[test]
    fn webvtt_and_srt_of_the_same_cues_read_the_same(seed in any::<u64>(), lines in 1usize..80) {
        let lines = captions::caption_lines(lines, seed);
        let cues = captions::cues(&lines, seed ^ 0x5eed);
        let vtt = parse_str(&captions::webvtt(&cues));
        let srt = parse_str(&captions::srt(&cues));
        prop_assert_eq!(vtt.meta.format, "webvtt");
        prop_assert_eq!(srt.meta.format, "srt");
        prop_assert_eq!(reading(&vtt), reading(&srt));
    }

    #[test]
    fn every_word_of_every_cue_is_in_a_turn(cues in proptest::collection::vec(cue_pieces(), 1..20)) {
        let mut file = String::from("WEBVTT\n\n");
        let mut want = Vec::new();
        for (i, pieces) in cues.iter().enumerate() {
            let (text, words) = cue_text(pieces);
            let ms = i as u64 * 3000;
            file.push_str(&format!(
                "{} --> {}\n{}\n\n",
                captions::stamp(ms, '.'),
                captions::stamp(ms + 2500, '.'),
                text.trim_start_matches('\n')
            ));
            want.extend(words);
        }
        let t = parse_str(&file);
        prop_assert_eq!(paragraph_words(&t), want, "{}", file);
    }

    #[test]
    fn caption_syntax_in_any_order_parses(parts in proptest::collection::vec(select(FRAGMENTS.to_vec()), 0..120)) {
        let text = parts.concat();
        for t in [parse_str(&text), floor::read::parse(text.as_bytes())] {
            for (i, turn) in t.turns.iter().enumerate() {
                prop_assert_eq!(turn.n as usize, i + 1);
                let r = turn.span();
                prop_assert!(r.start <= r.end && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                prop_assert!(t.paragraphs(turn).iter().all(|p| !p.trim().is_empty()));
                for (k, p) in t.paragraphs(turn).iter().enumerate() {
                    for [at, _] in t.word_times(turn, k) {
                        prop_assert!(p.is_char_boundary(at as usize) && at as usize <= p.len());
                    }
                }
                prop_assert_eq!(t.speaker_of(turn).is_some(), turn.speaker().is_some());
            }
            for pair in t.turns.windows(2) {
                prop_assert!(pair[0].range[1] <= pair[1].range[0], "turns {} and {} overlap", pair[0].n, pair[1].n);
            }
            if let Some(d) = t.meta.duration {
                prop_assert!(t.turns.iter().all(|turn| t.times(turn)[1].is_none_or(|e| e <= d)));
            }
        }
    }
}

#[test]
fn the_generators_write_what_the_readers_expect() {
    let lines = captions::caption_lines(3, 1);
    let yt = captions::youtube(&lines);
    assert!(yt.starts_with("WEBVTT\nKind: captions"));
    assert_eq!(yt.matches("-->").count(), 6);
    let cues = captions::cues(&lines, 2);
    assert!(captions::srt(&cues).contains(','));
}
