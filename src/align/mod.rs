//! Aligning an untimed transcript to its recording's captions: the
//! transcript's turns and paragraphs get the times of the words the
//! captions time.
//!
//! A meeting's transcript is typed by a captioner (or edited by hand) and
//! carries no times; the recording's captions (WebVTT, SRT, YouTube's
//! automatic captions, Whisper's JSON: anything [`crate::read`] reads with
//! times) carry times but read worse. [`align`] reads both as sequences of
//! folded words ([`words`]), finds the phrases they share that cannot be
//! mistaken and the one order they agree on ([`anchors`]), aligns word by
//! word between those ([`band`]), and turns the matched words into times
//! ([`times`]):
//!
//! ```text
//! transcript   >>CHAIR: Good morning everyone and welcome to the open consultations.
//! captions     00:05.000  good morning everyone and welcome to the open consultation
//!                          ═════════════════════ anchors ═══════════╗      ╳ (misheard)
//! result       turn 1 starts at 0:05, its words timed from the captions'
//! ```
//!
//! What it survives: speech-recognition errors (a fifth of the words
//! wrong), words the captioner left out or added, stretches missing from
//! either side (a cut in the recording, a break in the captioning), the
//! transcript's labels (never words), captioner notes (`[ Applause ]`,
//! `(inaudible)`: not words; the word a `(phonetic)` marks is one).
//!
//! What it never does: place a turn inside a gap of the captions (a turn
//! whose words the captions do not have stays untimed), or time a
//! transcript from captions of another recording (few words match, and
//! those scattered: the transcript comes back untimed and a
//! [`DiagnosticKind::NotAligned`] says why). It is linear in the words,
//! give or take a logarithm, and never fills a quadratic table: the
//! word-by-word tables are at most [`DP_CELLS`] cells.
//!
//! ```
//! let transcript = floor::read::parse_str(
//!     ">>CHAIR: Good morning everyone and welcome to the open consultations.\n\n\
//!      >>ANA LIMA: Thank you Chair, it is a pleasure to be here with you today.\n",
//! );
//! let captions = floor::read::parse_str(
//!     "WEBVTT\n\n00:00:05.000 --> 00:00:09.000\ngood morning everyone and welcome to the open consultation\n\n\
//!      00:00:11.000 --> 00:00:15.500\nthank you chair it's a pleasure to be here with you today\n",
//! );
//! let timed = floor::align::align(&transcript, &captions);
//! assert_eq!(timed.times(&timed.turns[0])[0], Some(5_000));
//! assert_eq!(timed.times(&timed.turns[1]), [Some(11_000), Some(15_500)]);
//! assert_eq!(timed.meta.format, "igf");
//! assert_eq!(timed.meta.duration, Some(15_500));
//! let said = timed.diagnostics.last().unwrap();
//! assert_eq!(said.kind, floor::model::DiagnosticKind::Aligned);
//! assert!(said.message.starts_with("Timed 2 of 2 turns (100%)"), "{}", said.message);
//! ```

pub mod anchors;
pub mod band;
pub mod times;
pub mod words;

use crate::model::{Diagnostic, DiagnosticKind, Transcript};

/// Anchors are n-grams of this many words (fewer inside gaps where none
/// are found).
pub const ANCHOR_WORDS: usize = 3;
/// Gaps between anchors are searched for anchors again at most this deep.
pub const MAX_DEPTH: usize = 8;
/// A word-by-word table holds at most this many cells (a byte each); a
/// larger gap gets a band around its diagonal.
pub const DP_CELLS: usize = 1 << 16;
/// A caption word lasts at most this long (ms) when its end is a guess.
pub const MAX_WORD_MS: u32 = 1_000;
/// A matched word is kept when this many other matches near it
/// ([`SUPPORT_WINDOW`] words either side, at most [`SUPPORT_SHIFT`] off
/// its diagonal) back it.
pub const SUPPORT_NEED: usize = 2;
/// See [`SUPPORT_NEED`].
pub const SUPPORT_WINDOW: u32 = 5;
/// See [`SUPPORT_NEED`].
pub const SUPPORT_SHIFT: i64 = 2;
/// Unmatched words between two matched ones are timed when the two runs
/// (transcript's, captions') are within twice the other's length plus
/// this many words.
pub const RUN_SLACK: usize = 8;
/// A turn's or paragraph's start is extrapolated back at most this many
/// words from its first timed word (and its end forward).
pub const MAX_EXTRAPOLATED: usize = 20;
/// A pause of the captions this long (ms) between two matched words
/// ends a run of matches (see [`SHORT_RUN`]).
pub const GAP_MS: u32 = 5_000;
/// A run of at most this many matches next to a jump of the transcript
/// (a stretch the captions do not have) is left out: a common phrase
/// matched on the wrong side of a cut.
pub const SHORT_RUN: usize = 6;
/// Captions whose matched words are fewer than this share of the shorter
/// side's are taken to be of another recording.
pub const MIN_MATCHED: f64 = 0.2;

/// A copy of `transcript` with the start and end of every turn it can
/// time, and the start of every paragraph it can, from `captions` (any
/// timed transcript the readers produce). Its format stays the
/// transcript's; its duration is the captions'. One diagnostic says how
/// it went: [`DiagnosticKind::Aligned`] with the coverage (turns timed of
/// the turns with words), the anchors and how well they agree, and the
/// captions' format; or [`DiagnosticKind::NotAligned`] when the captions
/// hold no words or no times, or seem to be of another recording, with
/// the transcript left untimed. Never panics.
pub fn align(transcript: &Transcript, captions: &Transcript) -> Transcript {
    let mut out = transcript.clone();
    out.clear_times();
    let format = captions.meta.format;
    let untimed = |mut out: Transcript, why: String| {
        out.diagnostics
            .push(Diagnostic::new(0, DiagnosticKind::NotAligned, why));
        out
    };
    let mut vocabulary = words::Vocabulary::default();
    let spoken = words::Spoken::of(transcript, &mut vocabulary);
    let heard = words::Heard::of(captions, &mut vocabulary);
    drop(vocabulary);
    if spoken.ids.is_empty() {
        return untimed(
            out,
            "The transcript holds no words to align: it is left untimed.".into(),
        );
    }
    if heard.ids.is_empty() {
        return untimed(
            out,
            format!("The captions ({format}) hold no words: the transcript is left untimed."),
        );
    }
    if heard.at.is_empty() {
        return untimed(
            out,
            format!("The captions ({format}) hold no times: the transcript is left untimed."),
        );
    }
    let found = anchors::align(&spoken.ids, &heard.ids);
    let shorter = spoken.ids.len().min(heard.ids.len());
    let need = SUPPORT_NEED.min(shorter.saturating_sub(1));
    let pairs = anchors::supported(&found.pairs, need);
    drop(found.pairs);
    let pairs = anchors::coherent(pairs, &heard.at);
    let matched = pairs.len() as f64 / shorter as f64;
    let spoken_words = spoken.ids.len();
    if matched < MIN_MATCHED {
        return untimed(
            out,
            format!(
                "These captions do not seem to be of this transcript's recording: only {} of \
                 their {} words ({format}) match the transcript's {spoken_words} ({}%), \
                 scattered; the transcript is left untimed.",
                pairs.len(),
                heard.ids.len(),
                percent(pairs.len(), shorter),
            ),
        );
    }
    let times = times::word_times(&spoken, &heard, &pairs);
    let mut pairs_at = vec![u32::MAX; spoken_words];
    for &[i, j] in &pairs {
        pairs_at[i as usize] = j;
    }
    drop(pairs);
    let first = heard.at[0];
    let last = heard.until.last().copied().unwrap_or(first);
    let duration = captions.meta.duration.unwrap_or(last).max(last);

    // Starts: never before the turn before's, nor before a word already
    // said.
    let n = transcript.turns.len();
    let mut starts: Vec<Option<u32>> = Vec::with_capacity(n);
    let mut floor = first;
    let mut said = first;
    for i in 0..n {
        let range = spoken.turn(i);
        let start =
            times::start_of(&times, range.clone()).map(|s| s.max(floor).max(said).min(duration));
        if let Some(s) = start {
            floor = s;
        }
        if let Some(t) = range.clone().rev().find_map(|w| times[w]) {
            said = said.max(t);
        }
        starts.push(start);
    }
    // Ends: never past the next turn's start.
    let mut next = duration;
    let mut ends = vec![None; n];
    for i in (0..n).rev() {
        let Some(s) = starts[i] else { continue };
        let e = times::end_of(&times, &heard, &pairs_at, spoken.turn(i)).unwrap_or(s);
        ends[i] = Some(e.min(next).max(s));
        next = s;
    }
    let mut timed = 0;
    let mut with_words = 0;
    for (i, turn) in transcript.turns.iter().enumerate() {
        with_words += usize::from(!spoken.turn(i).is_empty());
        let (Some(s), Some(e)) = (starts[i], ends[i]) else {
            continue;
        };
        timed += 1;
        out.set_turn_times(i, [Some(s), Some(e)]);
        let mut floor = s;
        for (k, p) in transcript.paragraph_range(turn).enumerate() {
            let at = match k {
                0 => Some(s),
                _ => times::start_of(&times, spoken.paragraph(p)).map(|t| t.clamp(floor, e)),
            };
            if let Some(t) = at {
                floor = t;
            }
            out.set_paragraph_start(p, at);
        }
    }
    if timed == 0 {
        return untimed(
            out,
            format!(
                "These captions do not seem to be of this transcript's recording: no turn \
                 could be timed from their {} words ({format}); the transcript is left untimed.",
                heard.ids.len()
            ),
        );
    }
    out.meta.duration = Some(duration);
    let uncovered = with_words - timed;
    let mut message = format!(
        "Timed {timed} of {with_words} turns ({}%) by aligning {} of the transcript's \
         {spoken_words} words to the captions ({format}, {} words): {} anchors, {}% of the \
         anchor candidates in one order.",
        percent(timed, with_words),
        pairs_at.iter().filter(|&&j| j != u32::MAX).count(),
        heard.ids.len(),
        found.anchors,
        percent(found.anchors, found.candidates.max(found.anchors).max(1)),
    );
    if uncovered > 0 {
        let (s, them) = if uncovered == 1 {
            ("", "it")
        } else {
            ("s", "them")
        };
        message.push_str(&format!(
            " {uncovered} turn{s} stay untimed: the captions do not cover {them}."
        ));
    }
    out.diagnostics
        .push(Diagnostic::new(0, DiagnosticKind::Aligned, message));
    out
}

/// `part` of `whole` in whole percent, rounded down (99% is not all).
fn percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}
