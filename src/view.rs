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

/// `n` with its noun, singular for one: `1 turn`, `54 turns`, `0 speakers`.
///
/// ```
/// use floor::view::counted;
/// assert_eq!(counted(1, "turn"), "1 turn");
/// assert_eq!(counted(54, "turn"), "54 turns");
/// assert_eq!(counted(0, "speaker"), "0 speakers");
/// ```
pub fn counted(n: usize, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} {noun}{s}")
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

/// Groups digits by thousands.
///
/// ```
/// assert_eq!(floor::view::thousands(12345), "12,345");
/// assert_eq!(floor::view::thousands(999), "999");
/// ```
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, digit) in s.bytes().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(digit));
    }
    out
}

/// The figures line of the transcript's header.
///
/// ```
/// let t = floor::read::parse_str(">>A: one two three\n\n>>B: four");
/// assert_eq!(floor::view::figures(&t), "2 turns · 2 speakers · 4 words · about 1 min to read");
/// ```
pub fn figures(t: &Transcript) -> String {
    let stats = Stats::of(t);
    format!(
        "{} · {} · {} word{} · about {} min to read",
        counted(stats.turns, "turn"),
        counted(stats.speakers, "speaker"),
        thousands(stats.words),
        if stats.words == 1 { "" } else { "s" },
        stats.minutes
    )
}

/// The date and place line of the transcript's header, if it has either.
pub fn when_where(t: &Transcript) -> Option<String> {
    let m = &t.meta;
    let parts: Vec<&str> = [
        m.date_text.as_deref().or(m.date.as_deref()),
        m.location.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Speakers the speaker index lists at first, those with the most words: a
/// file can have a speaker a turn, and "List the other speakers" lists the
/// rest.
pub const LISTED_SPEAKERS: usize = 100;

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
    /// A captioner's note such as `[ Applause ]`, or the part of it drawn,
    /// and the whole note (its kind: [`Annotation::kind_of`]).
    Note(&'a str, &'a str),
    /// A word the captioner marked `(phonetic)`: spelled as heard.
    Uncertain(&'a str),
}

impl<'a> Segment<'a> {
    /// Its text, as written.
    pub fn text(self) -> &'a str {
        match self {
            Segment::Text(t) | Segment::Note(t, _) | Segment::Uncertain(t) => t,
        }
    }
}

/// Splits paragraph `index`'s text into plain text, notes and uncertain
/// words, from byte `from` to byte `to` (a note or word they cut is cut
/// too).
///
/// ```
/// use floor::view::{segments, Segment};
/// let t = floor::read::parse_str(">>A: I am Sivi (phonetic) here. [ Applause ]");
/// let turn = &t.turns[0];
/// let p = t.paragraph(turn, 0).unwrap();
/// assert_eq!(segments(p, t.annotations(turn), 0, (0, p.len())), [
///     Segment::Text("I am "),
///     Segment::Uncertain("Sivi"),
///     Segment::Text(" "),
///     Segment::Note("(phonetic)", "(phonetic)"),
///     Segment::Text(" here. "),
///     Segment::Note("[ Applause ]", "[ Applause ]"),
/// ]);
/// assert_eq!(segments(p, t.annotations(turn), 0, (2, 13)), [
///     Segment::Text("am "),
///     Segment::Uncertain("Sivi"),
///     Segment::Text(" "),
///     Segment::Note("(ph", "(phonetic)"),
/// ]);
/// ```
pub fn segments<'a>(
    paragraph: &'a str,
    annotations: &'a [Annotation],
    index: usize,
    range: (usize, usize),
) -> Vec<Segment<'a>> {
    segments_at_most(paragraph, annotations, index, range, usize::MAX)
}

/// [`segments`], with the notes and uncertain words past the first `max`
/// left in the text around them (the page draws at most [`MAX_SPANS`] of
/// them in a part of a paragraph).
///
/// ```
/// use floor::view::{segments_at_most, Segment};
/// let p = "a [x] b [y] c";
/// let t = floor::read::parse_str(&format!(">>A: {p}"));
/// let notes = t.annotations(&t.turns[0]);
/// assert_eq!(segments_at_most(p, notes, 0, (0, p.len()), 1), [
///     Segment::Text("a "),
///     Segment::Note("[x]", "[x]"),
///     Segment::Text(" b [y] c"),
/// ]);
/// assert_eq!(segments_at_most(p, notes, 0, (0, p.len()), 2).len(), 5);
/// ```
pub fn segments_at_most<'a>(
    paragraph: &'a str,
    annotations: &'a [Annotation],
    index: usize,
    (from, to): (usize, usize),
    max: usize,
) -> Vec<Segment<'a>> {
    // Cut points: (start, end, segment), sorted, non-overlapping.
    let mut cuts: Vec<(usize, usize, Segment<'a>)> = Vec::new();
    let clip = |[s, e]: [usize; 2]| (s.max(from), e.min(to));
    // The annotations are in order (paragraph, then place) and apart: those
    // that end after `from`, up to the first that starts at `to` or later
    // (whose uncertain word may be before `to`). A chunk of a paragraph of
    // notes looks at its own, not at all of them.
    let first = annotations.partition_point(|a| (a.paragraph(), a.range()[1]) <= (index, from));
    for a in annotations[first..]
        .iter()
        .take_while(|a| a.paragraph() == index)
    {
        let [s, e] = a.range();
        if let Some((ws, we)) = a.word(paragraph).map(clip)
            && let Some(w) = paragraph.get(ws..we).filter(|w| !w.is_empty())
        {
            cuts.push((ws, we, Segment::Uncertain(w)));
        }
        let (cs, ce) = clip([s, e]);
        if let (Some(note), Some(whole)) = (
            paragraph.get(cs..ce).filter(|n| !n.is_empty()),
            paragraph.get(s..e),
        ) {
            cuts.push((cs, ce, Segment::Note(note, whole)));
        }
        if s >= to {
            break;
        }
    }
    crate::text::sort::sort_by_key(&mut cuts, |c| c.0);
    let mut out = Vec::new();
    let mut at = from;
    for (s, e, seg) in cuts.into_iter().take(max) {
        if s < at {
            continue; // overlapping: keep the first
        }
        if s > at {
            out.push(Segment::Text(&paragraph[at..s]));
        }
        out.push(seg);
        at = e;
    }
    if at < to {
        out.push(Segment::Text(&paragraph[at..to]));
    }
    out
}

/// A paragraph longer than this (in bytes) is drawn in chunks of about
/// [`CHUNK`] bytes, each a unit of the page's repainting and layout.
pub const CHUNKED: usize = 2 * CHUNK;

/// Whether the page draws `paragraph` in chunks ([`parts`]): whether it is
/// longer than [`CHUNKED`].
pub fn in_chunks(paragraph: &str) -> bool {
    paragraph.len() > CHUNKED
}

/// The length a long paragraph's chunks are cut at, give or take a sentence.
pub const CHUNK: usize = 8192;

/// How far after [`CHUNK`] bytes a cut looks for the end of a sentence.
const SENTENCE: usize = 1024;

/// A byte range `(start, end)` of a paragraph.
pub type Span = (usize, usize);

/// The parts of a paragraph that the page draws apart, each with the marks
/// of `marks` (sorted, apart) that touch it: the whole paragraph, or for one
/// longer than [`CHUNKED`], chunks of about [`CHUNK`] bytes. A chunk ends at
/// a space, at the end of a sentence if one comes soon, and the space is in
/// neither chunk; text with no space is cut without one, at a char.
///
/// ```
/// use floor::view::parts;
/// let ranges = |p: &str| parts(p, &[]).into_iter().map(|(r, _)| r).collect::<Vec<_>>();
/// // A sentence ends just after 8192 bytes; then none does.
/// let p = format!("{}. {} end", "a".repeat(8195), "b ".repeat(9000));
/// assert_eq!(ranges(&p), [(0, 8196), (8197, 16390), (16391, p.len())]);
/// let marks = [(0, 1), (8190, 8200), (9000, 9001)];
/// let got: Vec<_> = parts(&p, &marks).into_iter().map(|(_, m)| m).collect();
/// assert_eq!(got, [&marks[..2], &marks[1..], &[]]);
/// // No space at all.
/// assert_eq!(ranges(&"é".repeat(9000)), [(0, 16384), (16384, 18000)]);
/// assert_eq!(ranges("short"), [(0, 5)]);
/// ```
pub fn parts<'m>(paragraph: &str, marks: &'m [Span]) -> Vec<(Span, &'m [Span])> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    loop {
        let (end, next) = chunk_at(paragraph, start);
        // The marks that touch bytes `start..end`.
        while marks.get(from).is_some_and(|m| m.1 <= start) {
            from += 1;
        }
        let n = marks[from..].iter().take_while(|m| m.0 < end).count();
        out.push(((start, end), &marks[from..from + n]));
        if end == paragraph.len() {
            return out;
        }
        start = next;
    }
}

/// The chunk of `paragraph` that starts at byte `start` (the start of one of
/// its [`parts`]): where it ends, and where the next starts (after the space
/// between them, if any). The last ends at the paragraph's end.
pub fn chunk_at(paragraph: &str, start: usize) -> (usize, usize) {
    let len = paragraph.len();
    if len.saturating_sub(start) <= CHUNKED {
        return (len, len);
    }
    let at = start + CHUNK;
    let rest = &paragraph.as_bytes()[at..];
    match rest
        .windows(2)
        .take(SENTENCE)
        .position(|w| w == b". ")
        .map(|i| i + 1)
        .or_else(|| rest.iter().take(CHUNK).position(|&b| b == b' '))
    {
        Some(i) => (at + i, at + i + 1),
        None => {
            let i = paragraph.ceil_char_boundary(at + CHUNK);
            (i, i)
        }
    }
}

/// Most notes and uncertain words a part of a paragraph (the whole, or a
/// chunk: [`parts`]) draws as spans of their own: past them, its notes are
/// drawn as its plain text (a paragraph of nothing but `[x]` would otherwise
/// be a million elements to lay out, and freeze the page).
pub const MAX_SPANS: usize = 256;

/// A run of a paragraph's text with how to show it: inside a note or an
/// uncertain word or neither, and inside a search match (its index)
/// or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The text, as written.
    pub text: &'a str,
    /// The segment this text belongs to (its text field is the whole segment).
    pub segment: Segment<'a>,
    /// Which segment that is: its index in the segments split.
    pub segment_index: usize,
    /// The index of the search match this text is part of.
    pub mark: Option<usize>,
}

/// Splits a paragraph's segments (from byte `from` of it on) at the edges
/// of search marks `(start, end)` (byte ranges in the paragraph, sorted;
/// parts of marks outside the segments are left out); a piece's mark is
/// its index in `marks`.
///
/// ```
/// use floor::view::{pieces, segments};
/// let p = "Hear (inaudible) now";
/// let t = floor::read::parse_str(&format!(">>A: {p}"));
/// let segs = segments(p, t.annotations(&t.turns[0]), 0, (0, p.len()));
/// let got: Vec<_> = pieces(&segs, &[(0, 1), (3, 9)], 0).iter().map(|x| (x.text, x.mark)).collect();
/// assert_eq!(got, [("H", Some(0)), ("ea", None), ("r ", Some(1)), ("(ina", Some(1)), ("udible)", None), (" now", None)]);
/// let segs = segments(p, t.annotations(&t.turns[0]), 0, (5, p.len()));
/// let got: Vec<_> = pieces(&segs, &[(3, 9)], 5).iter().map(|x| (x.text, x.mark)).collect();
/// assert_eq!(got, [("(ina", Some(0)), ("udible)", None), (" now", None)]);
/// ```
pub fn pieces<'a>(
    segments: &[Segment<'a>],
    marks: &[(usize, usize)],
    from: usize,
) -> Vec<Piece<'a>> {
    let mut out = Vec::with_capacity(segments.len() + 2 * marks.len());
    let mut offset = from;
    for (segment_index, &segment) in segments.iter().enumerate() {
        let text = segment.text();
        let (start, end) = (offset, offset + text.len());
        let mut at = start;
        for (i, &(ms, me)) in marks.iter().enumerate() {
            if ms >= end || me <= start {
                continue;
            }
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
    let floor = |i: usize| paragraph.floor_char_boundary(i);
    let ceil = |i: usize| paragraph.ceil_char_boundary(i);
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

/// What the status says once a transcript was aligned to its recording's
/// captions ([`crate::align`]): the aligner's report, how many turns were
/// timed (`Ok`); or, when none was, why (`Err`, the transcript left as it
/// was).
///
/// ```
/// let t = floor::read::parse_str(">>ANA: One two three four.\n\n>>BEN: Five six seven eight.");
/// let c = floor::read::parse_str("WEBVTT\n\n00:01.000 --> 00:03.000\none two three four\n\n00:04.000 --> 00:06.000\nfive six seven eight\n");
/// let said = floor::view::aligned(&floor::align::align(&t, &c)).unwrap();
/// assert!(said.starts_with("Timed 2 of 2 turns (100%)"), "{said}");
/// assert!(floor::view::aligned(&t).is_err());
/// ```
pub fn aligned(t: &Transcript) -> Result<String, String> {
    use crate::model::DiagnosticKind::{Aligned, NotAligned};
    let said = t
        .diagnostics
        .iter()
        .rfind(|d| matches!(d.kind, Aligned | NotAligned));
    match said {
        Some(d) if d.kind == Aligned => Ok(d.message.clone()),
        Some(d) => Err(d.message.clone()),
        None => Err("The captions timed no turn of this transcript.".into()),
    }
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

    /// The segments of a whole paragraph cut to bytes `start..stop`: a
    /// naive oracle for [`segments`] of a part, which looks up only the
    /// part's annotations.
    fn cut_from<'a>(whole: &[Segment<'a>], start: usize, stop: usize) -> Vec<Segment<'a>> {
        let mut at = 0;
        let mut out = Vec::new();
        for &w in whole {
            let text = w.text();
            let (a, b) = (at.max(start), (at + text.len()).min(stop));
            if a < b {
                let part = &text[a - at..b - at];
                out.push(match w {
                    Segment::Text(_) => Segment::Text(part),
                    Segment::Note(_, note) => Segment::Note(part, note),
                    Segment::Uncertain(_) => Segment::Uncertain(part),
                });
            }
            at += text.len();
        }
        out
    }

    #[test]
    fn a_part_has_the_segments_of_its_bytes() {
        // Notes with spaces in them, so that chunks are cut inside notes,
        // between an uncertain word and its (phonetic), and anywhere else.
        for filler in ["", "a", "ab ", "abc d"] {
            let line = format!("{filler} Sivi (phonetic) [ Applause here ] x ").repeat(1500);
            let t = crate::read::parse_str(&format!(">>A: {line}"));
            let (turn, p) = (&t.turns[0], t.paragraph(&t.turns[0], 0).unwrap());
            let whole = segments(p, t.annotations(turn), 0, (0, p.len()));
            assert!(whole.len() > 4000);
            for ((start, stop), _) in parts(p, &[]) {
                let got = segments(p, t.annotations(turn), 0, (start, stop));
                assert_eq!(got, cut_from(&whole, start, stop), "{filler:?} {start}");
                // Any byte range at all.
                for (a, b) in [(start + 1, stop - 3), (start + 7, start + 40)] {
                    let (a, b) = (p.floor_char_boundary(a), p.floor_char_boundary(b));
                    let got = segments(p, t.annotations(turn), 0, (a, b));
                    assert_eq!(got, cut_from(&whole, a, b), "{filler:?} {a}..{b}");
                }
            }
        }
    }

    /// A long paragraph of the sample's words (accents, notes, uncertain
    /// words, sentence ends), and every match of a few words in it.
    fn long_paragraph() -> (Transcript, Vec<Span>) {
        let sample = include_str!("../assets/sample.txt");
        let words: Vec<&str> = sample
            .split_whitespace()
            .filter(|w| !w.starts_with(">>"))
            .collect();
        let line = format!("{} Sivi (phonetic) and Sérgio.", words.join(" ")).repeat(3);
        let t = crate::read::parse_str(&format!(">>A: {line}"));
        let p = t.paragraph(&t.turns[0], 0).unwrap();
        let mut marks = Vec::new();
        for (at, _) in p
            .match_indices("the ")
            .chain(p.match_indices("[ Applause ]"))
        {
            marks.push((at, at + if p[at..].starts_with('[') { 12 } else { 4 }));
        }
        crate::text::sort::sort_by_key(&mut marks, |m| m.0);
        (t, marks)
    }

    #[test]
    fn long_paragraphs_are_cut_into_chunks_that_keep_the_text() {
        let (t, marks) = long_paragraph();
        let (turn, p) = (&t.turns[0], t.paragraph(&t.turns[0], 0).unwrap());
        assert!(p.len() > 4 * CHUNKED, "{}", p.len());
        assert!(t.annotations(turn).len() > 10);
        let parts = parts(p, &marks);
        assert!(parts.len() > 4);
        let whole = segments(p, t.annotations(turn), 0, (0, p.len()));
        // The chunks and the single spaces between them are the paragraph.
        let mut end = 0;
        let mut text = String::new();
        for (i, &((start, stop), here)) in parts.iter().enumerate() {
            assert!(
                start == end || (start == end + 1 && &p[end..start] == " "),
                "{i}"
            );
            text.push_str(&p[end..start]);
            assert!(
                stop - start >= CHUNK && stop - start <= CHUNKED + SENTENCE || i + 1 == parts.len()
            );
            // Its segments are its text, and a note cut by it is cut.
            let segments = segments(p, t.annotations(turn), 0, (start, stop));
            assert_eq!(segments, cut_from(&whole, start, stop), "{i}");
            let drawn: String = segments.iter().map(|s| s.text()).collect();
            assert_eq!(drawn, p[start..stop]);
            text.push_str(&drawn);
            // Its marks: exactly those that touch it, in order.
            let touch: Vec<Span> = marks
                .iter()
                .copied()
                .filter(|m| m.0 < stop && m.1 > start)
                .collect();
            assert_eq!(here, touch, "{i}");
            // Cut into pieces, it is its text again, and each mark's part of it is marked.
            let pieces = pieces(&segments, here, start);
            assert_eq!(
                pieces.iter().map(|x| x.text).collect::<String>(),
                p[start..stop]
            );
            for x in pieces.iter().filter(|x| x.mark.is_some()) {
                let (ms, me) = here[x.mark.unwrap_or_default()];
                let at = x.text.as_ptr() as usize - p.as_ptr() as usize;
                assert!(ms <= at && at + x.text.len() <= me);
            }
            end = stop;
        }
        assert_eq!(end, p.len());
        assert_eq!(&text, p);
        // The same with no marks.
        let bare: Vec<Span> = super::parts(p, &[]).into_iter().map(|x| x.0).collect();
        assert_eq!(bare, parts.iter().map(|x| x.0).collect::<Vec<_>>());
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
