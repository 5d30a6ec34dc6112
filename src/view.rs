//! The viewer's logic as plain types: what the page shows and where the
//! reader is, computed from a [`Transcript`] and the URL. Components only map
//! these to DOM, so everything here is tested natively.

use crate::model::{Annotation, Transcript, Turn};
use crate::text::{isolated, without_bidi_controls, word_count};

/// Silent reading speed used for the reading-time estimate (words per minute).
pub const READING_WPM: usize = 230;

/// Figures shown in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Number of turns.
    pub turns: usize,
    /// Number of speakers.
    pub speakers: usize,
    /// Number of words in the turns.
    pub words: usize,
    /// Estimated reading time in minutes (at least 1 when there are words).
    pub minutes: usize,
}

impl Stats {
    /// The figures of `t`.
    ///
    /// ```
    /// let t = floor::read::parse_str(">>A: one two three\n\n>>B: four");
    /// let s = floor::view::Stats::of(&t);
    /// assert_eq!((s.turns, s.speakers, s.words, s.minutes), (2, 2, 4, 1));
    /// ```
    pub fn of(t: &Transcript) -> Stats {
        let words = t.word_count();
        Stats {
            turns: t.turns.len(),
            speakers: t.speakers.len(),
            words,
            minutes: words.div_ceil(READING_WPM),
        }
    }
}

/// A speaker's line in the speaker index.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerShare {
    /// Index into [`Transcript::speakers`].
    pub speaker: usize,
    /// Words spoken.
    pub words: usize,
    /// Share of all words in the turns, 0.0 to 1.0.
    pub share: f64,
    /// The share in whole percent, rounded (integer arithmetic: the WASM
    /// then carries no float formatting).
    pub percent: u32,
}

/// Every speaker with their share of the words, most words first (ties in
/// order of appearance).
pub fn speaker_shares(t: &Transcript) -> Vec<SpeakerShare> {
    let mut counts = vec![0usize; t.speakers.len()];
    let mut total = 0;
    for turn in &t.turns {
        let n: usize = t.paragraphs(turn).iter().map(word_count).sum();
        total += n;
        if let Some(count) = turn.speaker().and_then(|i| counts.get_mut(i)) {
            *count += n;
        }
    }
    let mut shares: Vec<SpeakerShare> = counts
        .into_iter()
        .enumerate()
        .map(|(speaker, words)| SpeakerShare {
            speaker,
            words,
            share: if total == 0 {
                0.0
            } else {
                words as f64 / total as f64
            },
            percent: if total == 0 {
                0
            } else {
                ((words * 200 + total) / (total * 2)) as u32
            },
        })
        .collect();
    crate::text::sort::sort_by(&mut shares, |a, b| {
        b.words.cmp(&a.words).then(a.speaker.cmp(&b.speaker))
    });
    shares
}

/// The display name of a turn's speaker, or "Unattributed".
pub fn speaker_name<'a>(t: &'a Transcript, turn: &Turn) -> &'a str {
    t.speaker_of(turn)
        .map_or("Unattributed", |s| s.name.as_str())
}

/// A piece of a paragraph, for rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Plain text.
    Text(&'a str),
    /// A captioner's note such as `[ Applause ]` (its kind:
    /// [`Annotation::kind_of`]).
    Note(&'a str),
    /// A word the captioner marked `(phonetic)`: spelled as heard.
    Uncertain(&'a str),
}

/// Splits paragraph `index`'s text into plain text, notes and uncertain words.
///
/// ```
/// use floor::view::{segments, Segment};
/// let t = floor::read::parse_str(">>A: I am Sivi (phonetic) here. [ Applause ]");
/// let turn = &t.turns[0];
/// let first = t.paragraph(turn, 0).unwrap();
/// assert_eq!(segments(first, t.annotations(turn), 0), [
///     Segment::Text("I am "),
///     Segment::Uncertain("Sivi"),
///     Segment::Text(" "),
///     Segment::Note("(phonetic)"),
///     Segment::Text(" here. "),
///     Segment::Note("[ Applause ]"),
/// ]);
/// ```
pub fn segments<'a>(
    paragraph: &'a str,
    annotations: &'a [Annotation],
    index: usize,
) -> Vec<Segment<'a>> {
    // Cut points: (start, end, segment), sorted, non-overlapping.
    let mut cuts: Vec<(usize, usize, Segment<'a>)> = Vec::new();
    for a in annotations.iter().filter(|a| a.paragraph() == index) {
        let [s, e] = a.range();
        if let Some([ws, we]) = a.word(paragraph)
            && let Some(w) = paragraph.get(ws..we)
        {
            cuts.push((ws, we, Segment::Uncertain(w)));
        }
        if let Some(note) = paragraph.get(s..e) {
            cuts.push((s, e, Segment::Note(note)));
        }
    }
    crate::text::sort::sort_by_key(&mut cuts, |c| c.0);
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e, seg) in cuts {
        if s < at {
            continue; // overlapping: keep the first
        }
        if s > at {
            out.push(Segment::Text(&paragraph[at..s]));
        }
        out.push(seg);
        at = e;
    }
    if at < paragraph.len() {
        out.push(Segment::Text(&paragraph[at..]));
    }
    out
}

/// A run of a paragraph's text with how to show it: inside a note or an
/// uncertain word or neither, and inside a search match (its overall index)
/// or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The text, as written.
    pub text: &'a str,
    /// The segment this text belongs to (its text field is the whole segment).
    pub segment: Segment<'a>,
    /// Which segment that is: its index in the segments split.
    pub segment_index: usize,
    /// The overall index of the search match this text is part of.
    pub mark: Option<usize>,
}

/// Splits a paragraph's segments at the edges of search marks
/// `(start, end, match index)` (byte ranges in the paragraph, sorted).
///
/// ```
/// use floor::view::{pieces, segments};
/// let p = "Hear (inaudible) now";
/// let t = floor::read::parse_str(&format!(">>A: {p}"));
/// let segs = segments(p, t.annotations(&t.turns[0]), 0);
/// let got: Vec<_> = pieces(&segs, &[(3, 9, 7)]).iter().map(|x| (x.text, x.mark)).collect();
/// assert_eq!(got, [("Hea", None), ("r ", Some(7)), ("(ina", Some(7)), ("udible)", None), (" now", None)]);
/// ```
pub fn pieces<'a>(segments: &[Segment<'a>], marks: &[(usize, usize, usize)]) -> Vec<Piece<'a>> {
    let mut out = Vec::with_capacity(segments.len() + 2 * marks.len());
    let mut offset = 0;
    for (segment_index, &segment) in segments.iter().enumerate() {
        let text = match segment {
            Segment::Text(t) | Segment::Note(t) | Segment::Uncertain(t) => t,
        };
        let (start, end) = (offset, offset + text.len());
        let mut at = start;
        for &(ms, me, i) in marks.iter().filter(|&&(ms, me, _)| ms < end && me > start) {
            let (ms, me) = (ms.max(start), me.min(end));
            if ms > at {
                out.push(Piece {
                    text: &text[at - start..ms - start],
                    segment,
                    segment_index,
                    mark: None,
                });
            }
            if me > ms.max(at) {
                out.push(Piece {
                    text: &text[ms.max(at) - start..me - start],
                    segment,
                    segment_index,
                    mark: Some(i),
                });
            }
            at = at.max(me);
        }
        if at < end {
            out.push(Piece {
                text: &text[at - start..],
                segment,
                segment_index,
                mark: None,
            });
        }
        offset = end;
    }
    out
}

/// The tooltip of a word the captioner marked `(phonetic)`.
pub const UNCERTAIN_TITLE: &str = "Spelled as heard (phonetic)";

/// Text around a match `[start, end)` of `paragraph`: up to about 60 bytes
/// before and 80 after, cut at spaces, with an ellipsis where cut, and
/// without directional formatting characters (a snippet is an excerpt: an
/// override cut from its context would reverse it).
///
/// ```
/// let p = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
/// let (before, hit, after) = floor::view::snippet(p, 63, 71);
/// assert_eq!(hit, "thirteen");
/// assert!(before.starts_with('…') && after == " fourteen");
/// ```
pub fn snippet(paragraph: &str, start: usize, end: usize) -> (String, String, String) {
    let floor = |i: usize| {
        (0..=i)
            .rev()
            .find(|&j| paragraph.is_char_boundary(j))
            .unwrap_or(0)
    };
    let ceil = |i: usize| {
        (i..=paragraph.len())
            .find(|&j| paragraph.is_char_boundary(j))
            .unwrap_or(paragraph.len())
    };
    let (start, end) = (
        floor(start.min(paragraph.len())),
        ceil(end.min(paragraph.len()).max(start)),
    );
    let from = floor(start.saturating_sub(60));
    let from = if from == 0 {
        0
    } else {
        paragraph[from..start]
            .find(' ')
            .map_or(from, |i| from + i + 1)
    };
    let to = ceil((end + 80).min(paragraph.len()));
    let to = if to == paragraph.len() {
        to
    } else {
        paragraph[end..to].rfind(' ').map_or(to, |i| end + i)
    };
    let before = format!(
        "{}{}",
        if from > 0 { "…" } else { "" },
        without_bidi_controls(&paragraph[from..start])
    );
    let after = format!(
        "{}{}",
        without_bidi_controls(&paragraph[end..to]),
        if to < paragraph.len() { "…" } else { "" }
    );
    (before, without_bidi_controls(&paragraph[start..end]), after)
}

/// The turns shown under a speaker filter: all turns, or that speaker's.
pub fn visible_turns<'a>(t: &'a Transcript, speaker: Option<&str>) -> Vec<&'a Turn> {
    t.turns
        .iter()
        .filter(|turn| shows(t, turn, speaker))
        .collect()
}

/// Whether the speaker filter `speaker` (a speaker id, or `None` for all)
/// shows `turn`.
pub fn shows(t: &Transcript, turn: &Turn, speaker: Option<&str>) -> bool {
    speaker.is_none() || t.speaker_id(turn) == speaker
}

/// Where `j` / `k` / `]` / `[` go from turn `from` (a turn number, or `None`
/// before any): the next or previous visible turn, optionally only turns by
/// the speaker of turn `from`. Returns a turn number.
pub fn step(
    t: &Transcript,
    visible: &[&Turn],
    from: Option<u32>,
    forward: bool,
    same_speaker: bool,
) -> Option<u32> {
    let speaker = from
        .and_then(|n| t.turns.get((n as usize).checked_sub(1)?))
        .map(|turn| turn.speaker());
    let fits = |turn: &&&Turn| !same_speaker || Some(turn.speaker()) == speaker;
    let from = from.unwrap_or(0);
    if forward {
        visible
            .iter()
            .filter(|turn| turn.n > from)
            .find(fits)
            .map(|turn| turn.n)
    } else {
        visible
            .iter()
            .rev()
            .filter(|turn| turn.n < from)
            .find(fits)
            .map(|turn| turn.n)
    }
}

/// What the status line says when a transcript is shown: its title and
/// number of turns, that it has no speaker markers when so, and that it has
/// no turns at all when so (a title alone, a note that the transcript is
/// not available).
///
/// ```
/// let t = floor::read::parse_str("Minutes\n\nNo one is named here.");
/// assert_eq!(
///     floor::view::shown_status(&t),
///     "Showing \u{201c}\u{2068}Minutes\u{2069}\u{201d}: 1 turn. No speaker markers found: the text is shown as it is."
/// );
/// let t = floor::read::parse_str("Minutes of the meeting");
/// assert_eq!(
///     floor::view::shown_status(&t),
///     "Showing \u{201c}\u{2068}Minutes of the meeting\u{2069}\u{201d}. No turns found: the file holds only its header."
/// );
/// ```
pub fn shown_status(t: &Transcript) -> String {
    // (Isolated: a control in the title cannot reorder the status around it.)
    let title = isolated(t.meta.title.as_deref().unwrap_or("Untitled transcript"));
    let n = t.turns.len();
    if n == 0 {
        return format!(
            "Showing \u{201c}{title}\u{201d}. No turns found: the file holds only its header."
        );
    }
    let mut status = format!(
        "Showing \u{201c}{title}\u{201d}: {n} turn{}.",
        if n == 1 { "" } else { "s" }
    );
    if t.diagnostics
        .iter()
        .any(|d| d.kind == crate::model::DiagnosticKind::NoSpeakerMarkers)
    {
        status.push_str(" No speaker markers found: the text is shown as it is.");
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Transcript {
        crate::read::parse_str(">>A: one\n\n>>B: two\n\n>>A: three\n\n>> four\n\n>>B: five")
    }

    #[test]
    fn stepping_through_turns() {
        let t = sample();
        let all = visible_turns(&t, None);
        assert_eq!(step(&t, &all, None, true, false), Some(1));
        assert_eq!(step(&t, &all, Some(1), true, false), Some(2));
        assert_eq!(step(&t, &all, Some(5), true, false), None);
        assert_eq!(step(&t, &all, Some(1), true, true), Some(3));
        assert_eq!(step(&t, &all, Some(5), false, true), Some(2));
        assert_eq!(step(&t, &all, Some(3), false, false), Some(2));
        let only_b = visible_turns(&t, Some("b"));
        assert_eq!(only_b.iter().map(|t| t.n).collect::<Vec<_>>(), [2, 5]);
        assert_eq!(step(&t, &only_b, Some(2), true, false), Some(5));
    }

    #[test]
    fn shares_sum_to_one() {
        let t = sample();
        let s = speaker_shares(&t);
        assert_eq!(s.iter().map(|s| s.words).sum::<usize>(), 4);
        assert!(
            (s.iter().map(|s| s.share).sum::<f64>() - 0.8).abs() < 1e-9,
            "the unattributed word is nobody's"
        );
        for share in &s {
            assert_eq!(share.percent, (share.share * 100.0).round() as u32);
        }
    }
}
