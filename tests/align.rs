//! Aligning untimed transcripts to captions (`floor::align`), pair by
//! pair, against times known otherwise: a real transcript with its
//! recording's captions, timed files written untimed and their captions
//! made worse (a fifth of the words wrong, some left out and added, a
//! stretch cut), the IGF transcript with captions made up at a varying
//! speech rate; then bad input and properties. Every pair asserts the
//! median and 90th percentile turn-start error and the coverage;
//! `cargo bench --bench align` prints the same table.

#[path = "support/align.rs"]
mod align_support;
#[path = "support/captions.rs"]
mod captions;
#[path = "support/config.rs"]
mod config;

use align_support::*;
use floor::align::align;
use floor::model::{DiagnosticKind, Transcript};
use proptest::prelude::*;

/// The pair's row, checked: median turn start within 1 s, 90th percentile
/// within 3 s, coverage at least `coverage`, no turn of a cut timed.
fn check(row: &Row, coverage: f64) {
    println!("{HEADER}\n{row}");
    assert!(row.coverage >= coverage, "{row}");
    assert!(row.median <= 1.0, "{row}");
    assert!(row.p90 <= 3.0, "{row}");
    assert_eq!(row.timed_in_cut, 0, "{row}");
    if row.paragraphs > 0 {
        assert!(row.paragraph_median <= 1.0, "{row}");
        assert!(row.paragraph_p90 <= 3.0, "{row}");
    }
}

fn diagnostic(t: &Transcript, kind: DiagnosticKind) -> &str {
    t.diagnostics
        .iter()
        .find(|d| d.kind == kind)
        .map(|d| d.message.as_str())
        .unwrap_or_else(|| panic!("no {kind:?}: {:?}", t.diagnostics))
}

#[test]
fn talkpython_paragraphs_are_timed_from_the_episodes_captions() {
    let row = talkpython();
    check(&row, 0.95);
    assert!(row.paragraph_coverage >= 0.95, "{row}");
}

#[test]
fn the_podcast_example_is_timed_from_its_srt() {
    check(&podcastindex(), 0.95);
}

#[test]
fn clean_captions_time_nearly_every_turn() {
    for (name, file) in timed_files() {
        check(&perturbed(&name, &file, CLEAN, false, 1), 0.95);
    }
}

#[test]
fn a_fifth_of_the_words_wrong_and_a_cut() {
    for (seed, (name, file)) in timed_files().into_iter().enumerate() {
        let row = perturbed(&name, &file, ASR, true, seed as u64 + 11);
        check(&row, 0.85);
    }
}

#[test]
fn the_igf_transcript_with_captions_of_its_words() {
    check(&igf(CLEAN, false, 3), 0.95);
    let row = igf(ASR, true, 5);
    check(&row, 0.85);
    assert!(row.in_cut >= 3, "{row}");
}

#[test]
fn captions_of_another_recording_leave_it_untimed() {
    let t = floor::read::parse_str(&data("igf/igf-2016-mag-2016-04-06.txt"));
    for other in [
        "captions/talkpython-001.vtt",
        "other/3b1b-inventing-math-english.srt",
        "captions/zoom-classroom-speaker-prefixes.vtt",
    ] {
        let captions = floor::read::parse_file(data(other).as_bytes(), other);
        let aligned = align(&t, &captions);
        assert!(
            !aligned.is_timed(),
            "{other}: {:?}",
            aligned.diagnostics.last()
        );
        let said = diagnostic(&aligned, DiagnosticKind::NotAligned);
        assert!(
            said.starts_with("These captions do not seem to be of this transcript's recording: "),
            "{said}"
        );
        assert_eq!(aligned.meta.duration, None);
    }
}

#[test]
fn captions_with_no_words_or_no_transcript_say_so() {
    let t = floor::read::parse_str(">>A: Good morning everyone.\n\n>>B: Thank you.");
    let empty = floor::read::parse_str("WEBVTT\n\n00:01.000 --> 00:02.000\n[ Music ]\n");
    let aligned = align(&t, &empty);
    assert!(!aligned.is_timed());
    assert_eq!(
        diagnostic(&aligned, DiagnosticKind::NotAligned),
        "The captions (webvtt) hold no words: the transcript is left untimed."
    );
    let captions =
        floor::read::parse_str("WEBVTT\n\n00:01.000 --> 00:02.000\ngood morning everyone\n");
    let nothing = align(&Transcript::default(), &captions);
    assert!(nothing.turns.is_empty() && !nothing.is_timed());
    assert!(diagnostic(&nothing, DiagnosticKind::NotAligned).contains("no words to align"));
    let untimed = align(&t, &t);
    assert!(diagnostic(&untimed, DiagnosticKind::NotAligned).contains("hold no times"));
}

#[test]
fn a_turn_in_a_cut_stays_untimed() {
    // Turns 2 and 3 are not in the captions: nothing of them is said
    // between the first turn and the fourth.
    let t = floor::read::parse_str(
        ">>A: Good morning everyone and welcome to the second session of the day.\n\n\
         >>B: Thank you Chair. Our delegation would like to raise three points about capacity building.\n\n\
         >>C: We support the remarks of the previous speaker on capacity and funding.\n\n\
         >>A: Thank you. We now turn to the remote participants for their questions.\n",
    );
    let captions = floor::read::parse_str(
        "WEBVTT\n\n00:00:05.000 --> 00:00:10.000\ngood morning everyone and welcome to the second session of the day\n\n\
         00:01:40.000 --> 00:01:46.000\nthank you we now turn to the remote participants for their questions\n",
    );
    let aligned = align(&t, &captions);
    let starts: Vec<_> = aligned
        .turns
        .iter()
        .map(|turn| aligned.start(turn))
        .collect();
    assert_eq!(starts[..3], [Some(5_000), None, None]);
    assert!(
        starts[3].is_some_and(|s| (99_000..=100_000).contains(&s)),
        "{starts:?}"
    );
    let said = diagnostic(&aligned, DiagnosticKind::Aligned);
    assert!(said.starts_with("Timed 2 of 4 turns (50%)"), "{said}");
    assert!(
        said.ends_with("2 turns stay untimed: the captions do not cover them."),
        "{said}"
    );
}

#[test]
fn odd_input_never_panics() {
    let captions = floor::read::parse_str("WEBVTT\n\n00:01.000 --> 00:02.000\nword\n");
    let one = floor::read::parse_str(">>A: word");
    let aligned = align(&one, &captions);
    assert_eq!(aligned.start(&aligned.turns[0]), Some(1_000));
    let many = format!(">>A: {}", "word ".repeat(50_000));
    let repeated = format!(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n{}\n\n00:03.000 --> 00:09.000\n{}\n",
        "word ".repeat(30_000),
        "word ".repeat(30_000)
    );
    let t = floor::read::parse_str(&many);
    let c = floor::read::parse_str(&repeated);
    let started = std::time::Instant::now();
    let aligned = align(&t, &c);
    assert_eq!(aligned.word_count(), t.word_count());
    assert!(started.elapsed().as_secs() < 20);
}

/// Texts of a few words, some shared, some notes and labels.
fn text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "good",
        "morning",
        "chair",
        "thank",
        "you",
        "the",
        "internet",
        "forum",
        "[ Applause ]",
        "(inaudible)",
        "Sivi (phonetic)",
        ".",
        ",",
        "\n\n>>ANA: ",
        "\n\n>>BEN LI: ",
        "2016",
    ]);
    prop::collection::vec(word, 0..80).prop_map(|w| w.join(" "))
}

/// Cues of those words, at times that may go back or overlap.
fn cues() -> impl Strategy<Value = String> {
    prop::collection::vec((0u32..200_000, 0u32..9_000, text()), 0..12).prop_map(|cues| {
        let stamp = |ms: u32| format!("{:02}:{:02}.{:03}", ms / 60_000, ms / 1000 % 60, ms % 1000);
        let mut out = String::from("WEBVTT\n\n");
        for (start, length, text) in cues {
            let text = text.replace("\n\n", " ");
            out.push_str(&format!(
                "{} --> {}\n{text}\n\n",
                stamp(start),
                stamp(start + length)
            ));
        }
        out
    })
}

proptest! {
    #![proptest_config(config::config(300, 19))]

    /// Aligning never panics, changes no word or turn (only times), and
    /// its times go forward turn after turn, within the captions' span.
    #[test]
    fn alignment_only_adds_times_in_order(transcript in text(), captions in cues()) {
        let t = floor::read::parse_str(&format!(">>ANA: {transcript}"));
        let c = floor::read::parse_str(&captions);
        let aligned = align(&t, &c);
        prop_assert_eq!(aligned.turns.len(), t.turns.len());
        for (a, b) in aligned.turns.iter().zip(&t.turns) {
            prop_assert_eq!(a, b);
            prop_assert_eq!(aligned.paragraphs(a).to_vec(), t.paragraphs(b).to_vec());
            prop_assert_eq!(aligned.label(a), t.label(b));
            prop_assert_eq!(aligned.annotations(a), t.annotations(b));
        }
        prop_assert_eq!(&aligned.speakers, &t.speakers);
        prop_assert_eq!(aligned.meta.format, t.meta.format);
        let span = c.turns.iter().filter_map(|turn| c.times(turn)[0]).min();
        let mut last = 0;
        for turn in &aligned.turns {
            let [s, e] = aligned.times(turn);
            prop_assert_eq!(s.is_some(), e.is_some());
            if let (Some(s), Some(e)) = (s, e) {
                prop_assert!(s >= last && e >= s, "{} {} after {}", s, e, last);
                prop_assert!(Some(s) >= span);
                prop_assert!(Some(e) <= aligned.meta.duration);
                last = e;
                let mut p = s;
                for i in 0..aligned.paragraphs(turn).len() {
                    if let Some(ps) = aligned.paragraph_start(turn, i) {
                        prop_assert!(ps >= p && ps <= e);
                        p = ps;
                    }
                }
            }
        }
    }
}
