//! Timed cues to a transcript: what every timed reader (WebVTT, SRT, the
//! JSON and HTML transcript formats, text exports) shares.
//!
//! A reader turns its format into [`Piece`]s: text with its times, where
//! it came from, and what it says about the speaker ([`Voice`]). A
//! [`Builder`] (pieces pushed one at a time) or [`build`] (all at once)
//! makes turns and paragraphs of them the same way for every format:
//!
//! - consecutive pieces of one speaker are one turn; a piece without a
//!   speaker continues the turn before it; a `>>` (a [`Voice::Break`])
//!   starts a turn whoever speaks;
//! - with no speaker anywhere, turns break at pauses of [`TURN_PAUSE_MS`];
//! - the pieces of a turn are joined into sentences, and paragraphs break
//!   at pauses of [`PARAGRAPH_PAUSE_MS`], after [`PARAGRAPH_SENTENCES`]
//!   sentences or past [`PARAGRAPH_WORDS`] words at a sentence's end, and
//!   in text without full stops (automatic captions) past that many words
//!   anyway; at most [`PARAGRAPH_MAX_WORDS`] words whatever the text. So
//!   2,000 two-line cues read as a transcript, never cut mid-sentence
//!   where the text has sentences.

pub mod captions;
pub mod markup;
pub mod rolling;
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
/// A paragraph ends at the end of a cue past this many words, at a
/// sentence's end or not.
pub const PARAGRAPH_MAX_WORDS: usize = 300;

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
    Diagnostic::new(line, kind, message)
}

/// The transcript of `pieces`, read from the format named `format`. (To
/// read `Name:`, `>>` and dialogue dashes inside the pieces' text as
/// speakers, pass them through [`speakers::split`] first.)
pub fn build(format: &'static str, pieces: Vec<Piece>, found: Found) -> Transcript {
    let named = pieces
        .iter()
        .any(|p| matches!(&p.voice, Voice::Named(_) | Voice::Break(Some(_))));
    let mut b = Builder::new(named);
    for p in pieces {
        b.push(p);
    }
    b.finish(format, found)
}

/// Builds a transcript from pieces pushed one at a time, holding only the
/// turn and paragraph being written: a caption file of a million cues
/// never has them all in memory at once.
pub struct Builder {
    t: Transcript,
    /// Whether the file names its speakers (else pauses make turns).
    named: bool,
    turn: Turn,
    previous_end: Option<u32>,
    order: Order,
}

impl Builder {
    /// A builder for a file that names its speakers (`named`) or not.
    pub fn new(named: bool) -> Builder {
        Builder {
            t: Transcript::default(),
            named,
            turn: Turn::default(),
            previous_end: None,
            order: Order::default(),
        }
    }

    /// Adds the next piece.
    pub fn push(&mut self, piece: Piece) {
        self.order.check(&piece);
        let pause = match (self.previous_end, piece.start) {
            (Some(end), Some(start)) => start.saturating_sub(end),
            _ => 0,
        };
        let starts_turn = match &piece.voice {
            Voice::Continue => !self.named && pause >= TURN_PAUSE_MS,
            Voice::Break(_) => true,
            Voice::Named(label) => self.turn.label.as_deref().is_none_or(|l| {
                // The same speaker as written: exactly, or by the folded key
                // (the speaker resolver merges the rest).
                l != label && self.turn.key != fold::key(label)
            }),
        };
        if starts_turn || self.turn.pieces == 0 {
            self.turn.end(&mut self.t);
            let label = match &piece.voice {
                Voice::Named(l) | Voice::Break(Some(l)) => Some(l.clone()),
                _ => None,
            };
            self.turn = Turn {
                key: label.as_deref().map(fold::key).unwrap_or_default(),
                label,
                ..Turn::default()
            };
        } else if pause >= PARAGRAPH_PAUSE_MS || self.turn.paragraph_full() {
            self.turn.end_paragraph(&mut self.t);
        }
        self.previous_end = piece.end.or(piece.start).max(self.previous_end);
        self.turn.add(piece, &mut self.t);
    }

    /// The transcript, read from the format named `format`, with what the
    /// reader found besides.
    pub fn finish(mut self, format: &'static str, found: Found) -> Transcript {
        self.turn.end(&mut self.t);
        let Found {
            mut meta,
            mut diagnostics,
        } = found;
        self.order.report(&mut diagnostics);
        let mut t = self.t;
        meta.format = format;
        meta.duration = t.turns.iter().filter_map(|turn| t.times(turn)[1]).max();
        t.meta = meta;
        // (Resolving the speakers puts the diagnostics in line order.)
        t.diagnostics = diagnostics;
        t.annotate(crate::resolve::annotate::find_annotations);
        t.shrink_to_fit();
        crate::resolve::speakers::resolve(&mut t, &crate::resolve::speakers::Choices::default());
        t
    }
}

/// Cues out of order and cues that overlap the one before, counted: one
/// summary diagnostic each, never one per cue.
#[derive(Default)]
struct Order {
    last: Option<(u32, u32)>,
    /// Where the last cue starts in the source: its parts share it.
    last_cue: Option<usize>,
    /// How many, and the first one's line.
    before: (usize, usize),
    overlap: (usize, usize),
}

impl Order {
    fn check(&mut self, p: &Piece) {
        let Some(start) = p.start else { return };
        // The parts of one cue (cut at `>>`) share its times.
        if self.last_cue == Some(p.range[0]) {
            return;
        }
        self.last_cue = Some(p.range[0]);
        if let Some((s, e)) = self.last {
            let count = |c: &mut (usize, usize)| {
                if c.0 == 0 {
                    c.1 = p.line;
                }
                c.0 += 1;
            };
            if start < s {
                count(&mut self.before);
            } else if start < e {
                count(&mut self.overlap);
            }
        }
        self.last = Some((start, p.end.unwrap_or(start)));
    }

    fn report(&self, diagnostics: &mut Vec<Diagnostic>) {
        for ((n, line), what) in [(self.before, "it"), (self.overlap, "it ends")] {
            if n == 0 {
                continue;
            }
            let (s, it) = if n == 1 { ("s", "it") } else { ("", "them") };
            let what = what.replace("it", it);
            diagnostics.push(note(
                line,
                DiagnosticKind::CuesOutOfOrder,
                format!(
                    "{n} cue{} start{s} before the cue before {what}: kept in the file's order",
                    if n == 1 { "" } else { "s" },
                ),
            ));
        }
    }
}

/// The turn being built: its paragraphs go into the transcript as they
/// end; the paragraph being written is kept here.
#[derive(Default)]
struct Turn {
    label: Option<String>,
    /// Its label's folded key ([`fold::key`]), to compare the next label with.
    key: String,
    /// The paragraph being written, its start and timed words.
    text: String,
    start: Option<u32>,
    words: Vec<[u32; 2]>,
    sentences: usize,
    words_in: usize,
    pieces: usize,
    times: [Option<u32>; 2],
    range: [usize; 2],
}

impl Turn {
    fn add(&mut self, piece: Piece, t: &mut Transcript) {
        if self.pieces == 0 {
            self.range = piece.range;
            t.push_turn(self.label.as_deref(), [], piece.range, piece.line);
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
        let no_word_times = piece.words.is_empty();
        if self.text.is_empty() {
            self.start = piece.start.or(piece.words.first().map(|w| w[1]));
        } else if !text.starts_with(['.', ',', ';', ':', '!', '?', ')', '…']) {
            // (A cue that starts with the full stop of the one before
            // joins it without a space.)
            self.text.push(' ');
        }
        let base = self.text.len();
        self.text.push_str(text);
        for [at, ms] in piece.words {
            let at = (at as usize).saturating_sub(lead).min(text.len());
            self.words.push([(base + at) as u32, ms]);
        }
        if no_word_times && let Some(ms) = piece.start {
            // A piece with no word times of its own times its first word:
            // what aligning a transcript to captions reads, to the cue.
            if let Some(w) = crate::text::words(text).next() {
                let at = w.as_ptr() as usize - text.as_ptr() as usize;
                self.words.push([(base + at) as u32, ms]);
            }
        }
        self.sentences += sentence_ends(text);
        self.words_in += crate::text::word_count(text);
    }

    /// Whether the paragraph being written is long enough to end here.
    fn paragraph_full(&self) -> bool {
        let ended = self
            .text
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '?', '!', '…']);
        let long = self.words_in >= PARAGRAPH_WORDS;
        (ended && (long || self.sentences >= PARAGRAPH_SENTENCES))
            || (long && self.sentences == 0)
            || self.words_in >= PARAGRAPH_MAX_WORDS
    }

    fn end_paragraph(&mut self, t: &mut Transcript) {
        if !self.text.is_empty() {
            t.push_paragraph(&self.text, self.start.take());
            let p = t.last_paragraph();
            for &[at, ms] in &self.words {
                t.time_word_of(p, at as usize, ms);
            }
            self.text.clear();
            self.words.clear();
        }
        self.sentences = 0;
        self.words_in = 0;
    }

    fn end(&mut self, t: &mut Transcript) {
        if self.pieces == 0 {
            return;
        }
        self.end_paragraph(t);
        t.end_last_turn(self.range[1], self.times);
        self.pieces = 0;
    }
}

/// How many sentences `text` ends: full stops, question and exclamation
/// marks followed by a space or the end.
fn sentence_ends(text: &str) -> usize {
    let b = text.as_bytes();
    memchr::memchr3_iter(b'.', b'?', b'!', b)
        .filter(|&i| b.get(i + 1).is_none_or(|n| *n == b' '))
        .count()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A turn as the readers' tests compare it: label, start, paragraphs,
    /// line.
    pub(crate) type Summary<'t> = (Option<&'t str>, Option<u32>, Vec<String>, u32);

    /// Each turn of `t`, as [`Summary`].
    pub(crate) fn summary(t: &Transcript) -> Vec<Summary<'_>> {
        let turn = |turn| {
            (
                t.label(turn),
                t.start(turn),
                t.paragraphs(turn).to_vec(),
                turn.line,
            )
        };
        t.turns.iter().map(turn).collect()
    }

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
