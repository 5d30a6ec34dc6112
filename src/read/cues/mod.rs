//! Timed cues to a transcript: what every timed reader (WebVTT, SRT, the
//! JSON and HTML transcript formats, text exports) shares.
//!
//! A reader turns its format into [`Piece`]s: text with its times, where
//! it came from, and what it says about the speaker ([`Voice`]). [`build`]
//! makes turns and paragraphs of them the same way for every format:
//!
//! - consecutive pieces of one speaker are one turn; a piece without a
//!   speaker continues the turn before it; a `>>` (a [`Voice::Break`])
//!   starts a turn whoever speaks;
//! - with no speaker anywhere, turns break at pauses of [`TURN_PAUSE_MS`];
//! - the pieces of a turn are joined into sentences, and paragraphs break
//!   at pauses of [`PARAGRAPH_PAUSE_MS`], after [`PARAGRAPH_SENTENCES`]
//!   sentences, or (text without full stops) past [`PARAGRAPH_WORDS`]
//!   words, so that 2,000 two-line cues read as a transcript.

pub mod speakers;
pub mod time;

use crate::model::{Diagnostic, DiagnosticKind, Meta, Transcript};
use crate::text::fold;

/// Without speakers, a pause this long (ms) between cues starts a turn.
pub const TURN_PAUSE_MS: u32 = 4_000;
/// A pause this long (ms) between cues starts a paragraph.
pub const PARAGRAPH_PAUSE_MS: u32 = 2_000;
/// A paragraph ends at the end of a cue once it holds this many sentences.
pub const PARAGRAPH_SENTENCES: usize = 4;
/// A paragraph ends at the end of a cue past this many words, full stop or
/// not (automatic captions have none).
pub const PARAGRAPH_WORDS: usize = 120;

/// What a piece of text says about who speaks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Voice {
    /// Nothing: it continues the turn before it.
    Continue,
    /// A speaker, as written: it continues the turn before it if that is
    /// the same speaker's, else starts one.
    Named(String),
    /// A turn marker (`>>`, a dialogue dash), with its label if it has one:
    /// it starts a turn.
    Break(Option<String>),
}

/// A piece of timed text: a cue, or the part of one after a `>>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Start in milliseconds, when known.
    pub start: Option<u32>,
    /// End in milliseconds, when known.
    pub end: Option<u32>,
    /// Who speaks it.
    pub voice: Voice,
    /// The text, tags stripped and entities decoded, lines joined by
    /// spaces.
    pub text: String,
    /// Timed words: byte offset in `text`, start in milliseconds.
    pub words: Vec<[u32; 2]>,
    /// The 1-based line of the decoded source it starts on.
    pub line: usize,
    /// Its byte range in the decoded source.
    pub range: [usize; 2],
    /// While speakers are read: the spaces after a label's colon.
    pub(crate) label_gap: usize,
}

impl Piece {
    /// A piece of `text` with no times or speaker.
    pub fn new(text: String, line: usize, range: [usize; 2]) -> Piece {
        Piece {
            start: None,
            end: None,
            voice: Voice::Continue,
            text,
            words: Vec::new(),
            line,
            range,
            label_gap: 0,
        }
    }
}

/// What a reader found besides its pieces.
#[derive(Debug, Default)]
pub struct Found {
    /// The header: a title, when the format has one.
    pub meta: Meta,
    /// The decoder's diagnostics, then the reader's.
    pub diagnostics: Vec<Diagnostic>,
}

/// A diagnostic with no dropped text or label.
pub fn note(line: usize, kind: DiagnosticKind, message: String) -> Diagnostic {
    Diagnostic {
        line,
        kind,
        message,
        dropped: None,
        label: None,
    }
}

/// The transcript of `pieces`, read from the format named `format`.
pub fn build(format: &'static str, pieces: Vec<Piece>, found: Found) -> Transcript {
    let Found {
        mut meta,
        mut diagnostics,
    } = found;
    check_order(&pieces, &mut diagnostics);
    let named = pieces
        .iter()
        .any(|p| matches!(&p.voice, Voice::Named(_) | Voice::Break(Some(_))));
    let mut t = Transcript::default();
    let mut turn = Turn::default();
    let mut previous_end: Option<u32> = None;
    for piece in pieces {
        let pause = match (previous_end, piece.start) {
            (Some(end), Some(start)) => start.saturating_sub(end),
            _ => 0,
        };
        let starts_turn = match &piece.voice {
            Voice::Continue => !named && pause >= TURN_PAUSE_MS,
            Voice::Break(_) => true,
            Voice::Named(label) => turn.label.as_deref().is_none_or(|l| !same_label(l, label)),
        };
        if starts_turn || turn.pieces == 0 {
            turn.push_to(&mut t);
            turn = Turn {
                label: match &piece.voice {
                    Voice::Named(l) | Voice::Break(Some(l)) => Some(l.clone()),
                    _ => None,
                },
                ..Turn::default()
            };
        } else if pause >= PARAGRAPH_PAUSE_MS || turn.paragraph_full() {
            turn.end_paragraph();
        }
        previous_end = piece.end.or(piece.start).max(previous_end);
        turn.add(piece);
    }
    turn.push_to(&mut t);
    meta.format = format;
    meta.duration = t.turns.iter().filter_map(|turn| t.times(turn)[1]).max();
    t.meta = meta;
    diagnostics.sort_by_key(|d| d.line);
    t.diagnostics = diagnostics;
    t.annotate(crate::resolve::annotate::find_annotations);
    t.shrink_to_fit();
    crate::resolve::speakers::resolve(&mut t, &crate::resolve::speakers::Choices::default());
    t
}

/// Whether two speaker labels name the same speaker as written (the
/// speaker resolver merges the rest).
fn same_label(a: &str, b: &str) -> bool {
    a == b || fold::key(a) == fold::key(b)
}

/// One summary diagnostic each for cues out of order and cues that
/// overlap the one before: never one per cue.
fn check_order(pieces: &[Piece], diagnostics: &mut Vec<Diagnostic>) {
    let (mut before, mut overlap) = ((0, 0), (0, 0));
    let mut last: Option<(u32, u32)> = None;
    for p in pieces {
        let Some(start) = p.start else { continue };
        if let Some((s, e)) = last {
            if start < s {
                before = (before.0 + 1, if before.0 == 0 { p.line } else { before.1 });
            } else if start < e && p.range != pieces[0].range {
                overlap = (overlap.0 + 1, if overlap.0 == 0 { p.line } else { overlap.1 });
            }
        }
        last = Some((start, p.end.unwrap_or(start)));
    }
    if before.0 > 0 {
        diagnostics.push(note(
            before.1,
            DiagnosticKind::CuesOutOfOrder,
            format!(
                "{} cue{} start{} before the cue before {}: kept in the file's order",
                before.0,
                if before.0 == 1 { "" } else { "s" },
                if before.0 == 1 { "s" } else { "" },
                if before.0 == 1 { "it" } else { "them" },
            ),
        ));
    }
    if overlap.0 > 0 {
        diagnostics.push(note(
            overlap.1,
            DiagnosticKind::CuesOutOfOrder,
            format!(
                "{} cue{} start{} before the cue before {} ends: kept in the file's order",
                overlap.0,
                if overlap.0 == 1 { "" } else { "s" },
                if overlap.0 == 1 { "s" } else { "" },
                if overlap.0 == 1 { "it" } else { "them" },
            ),
        ));
    }
}

/// A turn being built.
#[derive(Default)]
struct Turn {
    label: Option<String>,
    /// Finished paragraphs: text, start, timed words (offset, ms).
    paragraphs: Vec<(String, Option<u32>, Vec<[u32; 2]>)>,
    /// The paragraph being written.
    text: String,
    start: Option<u32>,
    words: Vec<[u32; 2]>,
    sentences: usize,
    pieces: usize,
    times: [Option<u32>; 2],
    line: usize,
    range: [usize; 2],
}

impl Turn {
    fn add(&mut self, piece: Piece) {
        if self.pieces == 0 {
            self.line = piece.line;
            self.range[0] = piece.range[0];
            self.times[0] = piece.start;
        }
        self.pieces += 1;
        self.range[1] = self.range[1].max(piece.range[1]);
        self.times[0] = self.times[0].or(piece.start);
        self.times[1] = piece.end.or(piece.start).max(self.times[1]);
        let text = piece.text.trim();
        if text.is_empty() {
            return;
        }
        let lead = piece.text.len() - piece.text.trim_start().len();
        if self.text.is_empty() {
            self.start = piece.start.or(piece.words.first().map(|w| w[1]));
        } else {
            self.text.push(' ');
        }
        let base = self.text.len();
        self.text.push_str(text);
        for [at, ms] in piece.words {
            let at = (at as usize).saturating_sub(lead).min(text.len());
            self.words.push([(base + at) as u32, ms]);
        }
        self.sentences += sentence_ends(text);
    }

    /// Whether the paragraph being written is long enough to end here.
    fn paragraph_full(&self) -> bool {
        let ended = self
            .text
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '?', '!', '…']);
        (ended && self.sentences >= PARAGRAPH_SENTENCES)
            || crate::text::word_count(&self.text) >= PARAGRAPH_WORDS
    }

    fn end_paragraph(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            let words = std::mem::take(&mut self.words);
            self.paragraphs.push((text, self.start.take(), words));
        }
        self.sentences = 0;
    }

    fn push_to(mut self, t: &mut Transcript) {
        if self.pieces == 0 {
            return;
        }
        self.end_paragraph();
        t.push_turn(
            self.label.as_deref(),
            self.paragraphs.iter().map(|p| p.0.as_str()),
            self.range,
            self.line,
        );
        t.time_last_turn(self.times, self.paragraphs.iter().map(|p| p.1));
        let first = t.paragraph_total() - self.paragraphs.len();
        for (i, (_, _, words)) in self.paragraphs.iter().enumerate() {
            for &[at, ms] in words {
                t.time_word_of(first + i, at as usize, ms);
            }
        }
    }
}

/// How many sentences `text` ends: full stops, question and exclamation
/// marks followed by a space or the end.
fn sentence_ends(text: &str) -> usize {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .filter(|&(i, &c)| {
            matches!(c, b'.' | b'?' | b'!') && b.get(i + 1).is_none_or(|n| *n == b' ')
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(start: u32, end: u32, voice: Voice, text: &str) -> Piece {
        Piece {
            start: Some(start),
            end: Some(end),
            voice,
            ..Piece::new(text.into(), 1, [0, 0])
        }
    }

    #[test]
    fn one_speakers_cues_are_one_turn() {
        let named = |s: &str| Voice::Named(s.into());
        let t = build(
            "test",
            vec![
                piece(0, 1000, named("Ana"), "Hello there."),
                piece(1000, 2000, Voice::Continue, "How are you?"),
                piece(2000, 3000, named("Ana"), "Fine."),
                piece(3000, 4000, named("Ben"), "Good."),
                piece(4000, 5000, Voice::Break(None), "Applause."),
            ],
            Found::default(),
        );
        assert_eq!(t.turns.len(), 3);
        assert_eq!(
            t.paragraphs(&t.turns[0]).to_vec(),
            ["Hello there. How are you? Fine."]
        );
        assert_eq!(t.times(&t.turns[1]), [Some(3000), Some(4000)]);
        assert_eq!(t.meta.duration, Some(5000));
        assert_eq!(t.meta.format, "test");
    }

    #[test]
    fn without_speakers_pauses_make_turns_and_paragraphs() {
        let c = Voice::Continue;
        let t = build(
            "test",
            vec![
                piece(0, 1000, c.clone(), "One."),
                piece(3500, 4000, c.clone(), "Two."),
                piece(9000, 9500, c.clone(), "Three."),
            ],
            Found::default(),
        );
        assert_eq!(t.turns.len(), 2);
        assert_eq!(t.paragraphs(&t.turns[0]).to_vec(), ["One.", "Two."]);
        assert_eq!(t.paragraph_start(&t.turns[0], 1), Some(3500));
    }
}
