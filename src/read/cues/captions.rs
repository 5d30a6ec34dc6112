//! Caption files, WebVTT and SRT alike: blocks of lines, each a cue (an
//! identifier line, a timing line, text lines) or something else (a
//! header, a `NOTE`), to [`Piece`]s.
//!
//! Both formats are read by one scanner, tolerant of what real files do:
//! a timing line starts a cue even without the blank line before it, a
//! block with no timing line is text without times, and a timing line that
//! does not parse keeps its cue's text. What differs is in [`Dialect`]:
//! WebVTT's header, `NOTE` / `STYLE` / `REGION` blocks and cue settings,
//! SRT's numbered cues and coordinates.

use super::markup::{Span, clean, plain};
use super::rolling::{Dedupe, Detect};
use super::speakers::Labels;
use super::time::timing;
use super::{Builder, Found, Piece, Voice, note};
use crate::model::{Diagnostic, DiagnosticKind, Transcript};
use crate::text::{Line, find_bytes, lines};

/// Which caption format is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// W3C WebVTT.
    WebVtt,
    /// SubRip.
    Srt,
}

/// WebVTT's cue settings.
const SETTINGS: &[&str] = &["vertical", "line", "position", "size", "align", "region"];

/// Counts of what is reported once for the whole file.
#[derive(Default)]
struct Tally {
    /// (how many, first line, up to three examples)
    unknown_settings: (usize, usize, Vec<String>),
    empty: (usize, usize),
    untimed: (usize, usize),
    skipped: (usize, usize, String),
}

/// A cue found by the first pass: numbers only, its text read again by
/// the second (a file of a million cues holds 28 bytes for each).
#[derive(Clone, Copy)]
struct Cue {
    /// Start and end in ms, [`NONE`] when unknown.
    times: [u32; 2],
    /// Its text lines' span in the source (tags and all).
    text: [u32; 2],
    /// The whole block's span: identifier, timing line, text.
    range: [u32; 2],
    /// The 1-based line it starts on.
    line: u32,
    /// Whether its identifier names a speaker (Zoom: `12 "Jane Doe" (…)`):
    /// the identifier line is then `range[0]..` its first line end.
    zoom: bool,
}

const NONE: u32 = u32::MAX;

/// How many cues from the start tell whether captions roll.
const ROLLING_SAMPLE: usize = 1000;

/// What the first pass learnt about the whole file.
#[derive(Default)]
struct Survey {
    labels: Labels,
    rolling: Detect,
    /// Whether any cue names its speaker.
    named: bool,
}

/// Reads a caption file in `dialect` into a transcript.
pub fn read(text: &str, diagnostics: Vec<Diagnostic>, dialect: Dialect) -> Transcript {
    let mut found = Found {
        diagnostics,
        ..Found::default()
    };
    let mut tally = Tally::default();
    let mut survey = Survey::default();
    // Timing lines bound the number of cues: reserve once.
    let arrows = memchr::memmem::find_iter(text.as_bytes(), b"-->").count();
    let mut cues: Vec<Cue> = Vec::with_capacity(arrows + 1);
    let mut block: Vec<Line> = Vec::new();
    let mut first = true;
    let mut all = lines(text);
    loop {
        let line = all.next();
        match line {
            Some(l) if !l.text.is_empty() => {
                block.push(l);
                continue;
            }
            _ => {}
        }
        if !block.is_empty() {
            let mut pass = Pass {
                text,
                dialect,
                found: &mut found,
                tally: &mut tally,
                survey: &mut survey,
                cues: &mut cues,
            };
            pass.block(&block, first);
            first = false;
            block.clear();
        }
        if line.is_none() {
            break;
        }
    }
    drop(block);
    report(&tally, &mut found.diagnostics);
    // The second pass: each cue's text read, cut at its markers, into the
    // builder.
    let rolling = survey.rolling.is_rolling();
    let mut dedupe = Dedupe::default();
    let mut ids = Ids::default();
    let mut builder = Builder::new(survey.named);
    let mut parts: Vec<Piece> = Vec::new();
    for cue in cues {
        let known = |ms: u32| (ms != NONE).then_some(ms);
        let (start, end) = (known(cue.times[0]), known(cue.times[1]));
        let range = [cue.range[0] as usize, cue.range[1] as usize];
        let body = text
            .get(cue.text[0] as usize..cue.text[1] as usize)
            .unwrap_or_default();
        let id_voice = cue.zoom.then(|| {
            let id = text[range[0]..].lines().next().unwrap_or_default();
            zoom_speaker(id)
        });
        let spans = clean(body);
        let last = spans.len() - 1;
        for (k, mut span) in spans.into_iter().enumerate() {
            if k == 0 && span.voice.is_none() {
                span.voice = id_voice.clone().flatten();
            }
            // A cue's voices share its range as its `>>` parts do.
            let range = super::speakers::part_range(range, k < last);
            let mut p = piece(span, cue.line as usize, range, start, end);
            if k == 0 && p.words.first().is_some_and(|w| w[0] > 0) {
                // The first word of a cue with word times starts with it.
                if let Some(s) = start {
                    let lead = p.text.len() - p.text.trim_start().len();
                    p.words.insert(0, [lead as u32, s]);
                }
            }
            let p = match rolling {
                true => match dedupe.cut(p) {
                    Some(p) => p,
                    None => continue,
                },
                false => p,
            };
            super::speakers::parts(p, &survey.labels, &mut parts);
            for mut p in parts.drain(..) {
                ids.rename(&mut p);
                builder.push(p);
            }
        }
    }
    dedupe.report(&mut found.diagnostics);
    ids.report(&mut found.diagnostics);
    let format = match dialect {
        Dialect::WebVtt => "webvtt",
        Dialect::Srt => "srt",
    };
    builder.finish(format, found)
}

/// The first pass over the blocks.
struct Pass<'a, 't> {
    text: &'t str,
    dialect: Dialect,
    found: &'a mut Found,
    tally: &'a mut Tally,
    survey: &'a mut Survey,
    cues: &'a mut Vec<Cue>,
}

impl Pass<'_, '_> {
    /// One block: the header, a skipped block, or one or more cues.
    fn block(&mut self, block: &[Line], first: bool) {
        let head = block[0].text.trim_start_matches('\u{feff}');
        if self.dialect == Dialect::WebVtt {
            if first && head.starts_with("WEBVTT") {
                return header(block, head, self.found);
            }
            let kind = head.split(' ').next().unwrap_or_default();
            let kind = kind.split('\t').next().unwrap_or_default();
            if head.starts_with(['N', 'S', 'R'])
                && matches!(kind, "NOTE" | "STYLE" | "REGION")
                && !block.iter().any(|l| is_timing(l.text))
            {
                return skip(block, self.tally);
            }
        }
        // Cues start at timing lines; the line before one is its identifier.
        let timings: Vec<usize> = (0..block.len())
            .filter(|&i| is_timing(block[i].text))
            .collect();
        if timings.is_empty() {
            return self.untimed(block);
        }
        // A cue's identifier is the line before its timing line, unless
        // that line is the timing line of the cue before.
        let mut starts: Vec<usize> = Vec::with_capacity(timings.len() + 1);
        let mut after = 0;
        for &i in &timings {
            let id = i > after && is_identifier(block[i - 1].text, i == 1);
            starts.push(if id { i - 1 } else { i });
            after = i + 1;
        }
        if starts[0] > 0 {
            self.untimed(&block[..starts[0]]);
        }
        starts.push(block.len());
        for (k, &t) in timings.iter().enumerate() {
            self.cue(&block[starts[k]..starts[k + 1]], t - starts[k]);
        }
    }

    /// Text without a timing line: kept, without times.
    fn untimed(&mut self, block: &[Line]) {
        let t = &mut self.tally.untimed;
        if t.0 == 0 {
            t.1 = block[0].number;
        }
        t.0 += 1;
        let span = [block[0].start, block[block.len() - 1].end()];
        self.push(block[0].number, span, span, [NONE; 2], false);
    }

    /// One cue: `lines[timing]` is its timing line; a line before it, its
    /// identifier.
    fn cue(&mut self, lines: &[Line], timing: usize) {
        let line = lines[timing];
        let times = match read_timing(line.text, self.dialect, self.tally, line.number) {
            Some((s, e)) => [s, e],
            None => {
                let mut d = note(
                    line.number,
                    DiagnosticKind::TimingUnreadable,
                    "a timing line does not parse: its cue is kept without times".into(),
                );
                d.dropped = Some(line.text.to_string());
                self.found.diagnostics.push(d);
                [NONE; 2]
            }
        };
        let zoom = timing > 0 && zoom_speaker(lines[0].text).is_some();
        let body = &lines[timing + 1..];
        let range = [lines[0].start, lines[lines.len() - 1].end()];
        let text = match (body.first(), body.last()) {
            (Some(a), Some(b)) => [a.start, b.end()],
            _ => [line.end(), line.end()],
        };
        if body.iter().all(|l| crate::text::is_blank(l.text)) {
            let t = &mut self.tally.empty;
            if t.0 == 0 {
                t.1 = line.number;
            }
            t.0 += 1;
        }
        self.push(lines[0].number, range, text, times, zoom);
    }

    /// Records a cue, and what the whole file needs to know of it.
    fn push(
        &mut self,
        line: usize,
        range: [usize; 2],
        text: [usize; 2],
        times: [u32; 2],
        zoom: bool,
    ) {
        let body = &self.text[text[0]..text[1]];
        let s = &mut *self.survey;
        let b = body.as_bytes();
        if memchr::memchr2(b'<', b'>', b).is_some() || memchr::memchr(b'&', b).is_some() {
            let find = |s: &[u8]| find_bytes(b, s).is_some();
            s.named |= find(b"<v") || find(b">>") || find(b"&gt;&gt;");
        }
        s.named |= zoom;
        let mut shown = body.split('\n').filter(|l| !l.trim().is_empty());
        let first = shown.next().map(plain);
        if !body.starts_with("<v") {
            s.named |= s.labels.count(first.as_deref().unwrap_or_default());
        }
        // Whether captions roll shows in their first thousand cues.
        if self.cues.len() < ROLLING_SAMPLE {
            let last = match shown.next_back() {
                Some(last) => plain(last),
                None => first.clone().unwrap_or_default(),
            };
            let lines = memchr::memchr_iter(b'\n', b).count() + 1;
            s.rolling.cue_lines(first.as_deref(), &last, lines);
        }
        let at = |n: usize| u32::try_from(n).unwrap_or(NONE - 1);
        self.cues.push(Cue {
            times,
            text: text.map(at),
            range: range.map(at),
            line: at(line),
            zoom,
        });
    }
}

/// Whether a line is a timing line (`… --> …`), readable or not: an
/// arrow, or a short line that starts with a digit and holds a short one
/// (`00:00:12,5 -> 00:00:14.000`).
fn is_timing(line: &str) -> bool {
    let b = line.as_bytes();
    let arrow = |b: &[u8]| find_bytes(b, b"->").is_some();
    match b.first() {
        Some(c) if c.is_ascii_digit() && b.len() < 80 => arrow(b),
        _ => find_bytes(b, b"-->").is_some(),
    }
}

/// Whether a line before a timing line is that cue's identifier: the
/// block's first line, or a number (an SRT index in a file without blank
/// lines).
fn is_identifier(line: &str, first_in_block: bool) -> bool {
    first_in_block || line.trim().bytes().all(|b| b.is_ascii_digit())
}

/// WebVTT's header: `WEBVTT`, perhaps a title after it, perhaps header
/// lines (`Kind: captions`, `Language: en`).
fn header(block: &[Line], head: &str, found: &mut Found) {
    let title = head["WEBVTT".len()..]
        .trim_start_matches([' ', '\t', '-'])
        .trim();
    if !title.is_empty() {
        found.meta.title = Some(title.to_string());
    }
    if block.len() > 1 {
        let text: Vec<&str> = block[1..].iter().map(|l| l.text).collect();
        found.diagnostics.push(Diagnostic {
            dropped: Some(text.join("\n")),
            ..note(
                block[1].number,
                DiagnosticKind::BlockSkipped,
                format!(
                    "the WebVTT header's {} line{} (such as `{}`) {} not shown",
                    text.len(),
                    if text.len() == 1 { "" } else { "s" },
                    text[0].chars().take(40).collect::<String>(),
                    if text.len() == 1 { "is" } else { "are" },
                ),
            )
        });
    }
}

fn skip(block: &[Line], tally: &mut Tally) {
    let t = &mut tally.skipped;
    if t.0 == 0 {
        t.1 = block[0].number;
    } else {
        t.2.push_str("\n\n");
    }
    t.0 += 1;
    for (i, l) in block.iter().enumerate() {
        if i > 0 {
            t.2.push('\n');
        }
        t.2.push_str(l.text);
    }
}

fn piece(
    span: Span,
    line: usize,
    range: [usize; 2],
    start: Option<u32>,
    end: Option<u32>,
) -> Piece {
    Piece {
        start,
        end,
        voice: span.voice.map_or(Voice::Continue, Voice::Named),
        words: span.words,
        ..Piece::new(span.text, line, range)
    }
}

/// A timing line's start and end, noting settings WebVTT does not know.
fn read_timing(
    line: &str,
    dialect: Dialect,
    tally: &mut Tally,
    number: usize,
) -> Option<(u32, u32)> {
    let t = timing(line)?;
    for setting in t.settings.split_ascii_whitespace() {
        let key = setting.split(':').next().unwrap_or_default();
        let known = match dialect {
            Dialect::WebVtt => SETTINGS.contains(&key) && setting.contains(':'),
            // SRT's coordinates: X1:… X2:… Y1:… Y2:…
            Dialect::Srt => matches!(key, "X1" | "X2" | "Y1" | "Y2"),
        };
        if !known {
            let t = &mut tally.unknown_settings;
            if t.0 == 0 {
                t.1 = number;
            }
            t.0 += 1;
            if t.2.len() < 3 && !t.2.iter().any(|s| s == setting) {
                t.2.push(setting.chars().take(40).collect());
            }
        }
    }
    Some((t.start, t.end))
}

/// The speaker in a Zoom cue identifier: `12 "Jane Doe" (123456)`.
fn zoom_speaker(id: &str) -> Option<String> {
    let rest = id.trim().trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.trim_start().strip_prefix('"')?;
    let (name, _) = rest.split_once('"')?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The diagnostics counted over the whole file.
fn report(t: &Tally, diagnostics: &mut Vec<Diagnostic>) {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    if t.unknown_settings.0 > 0 {
        let (n, line, examples) = &t.unknown_settings;
        diagnostics.push(note(
            *line,
            DiagnosticKind::CueSettingUnknown,
            format!(
                "{n} cue setting{} not WebVTT's, ignored: {}",
                s(*n),
                examples.join(", ")
            ),
        ));
    }
    if t.empty.0 > 0 {
        diagnostics.push(note(
            t.empty.1,
            DiagnosticKind::CueEmpty,
            format!("{} cue{} with no text", t.empty.0, s(t.empty.0)),
        ));
    }
    if t.untimed.0 > 0 {
        diagnostics.push(note(
            t.untimed.1,
            DiagnosticKind::TimingUnreadable,
            format!(
                "{} block{} of text without a timing line: read as text without times",
                t.untimed.0,
                s(t.untimed.0)
            ),
        ));
    }
    if t.skipped.0 > 0 {
        diagnostics.push(Diagnostic {
            dropped: Some(t.skipped.2.clone()),
            ..note(
                t.skipped.1,
                DiagnosticKind::BlockSkipped,
                format!(
                    "{} NOTE, STYLE or REGION block{} not shown",
                    t.skipped.0,
                    if t.skipped.0 == 1 { " is" } else { "s are" }
                ),
            )
        });
    }
}

/// Speakers given as opaque ids (Teams: `<v 8d1f3c2a-…>`) become
/// `Speaker 1`, `Speaker 2`, …, in order of first appearance; one
/// diagnostic keeps the ids.
#[derive(Default)]
struct Ids {
    ids: Vec<String>,
    first_line: usize,
}

impl Ids {
    fn rename(&mut self, p: &mut Piece) {
        let (Voice::Named(l) | Voice::Break(Some(l))) = &mut p.voice else {
            return;
        };
        if !is_opaque(l) {
            return;
        }
        let n = match self.ids.iter().position(|id| id == l) {
            Some(n) => n,
            None => {
                if self.ids.is_empty() {
                    self.first_line = p.line;
                }
                self.ids.push(l.clone());
                self.ids.len() - 1
            }
        };
        *l = format!("Speaker {}", n + 1);
    }

    fn report(&self, diagnostics: &mut Vec<Diagnostic>) {
        let n = self.ids.len();
        if n == 0 {
            return;
        }
        let listed: Vec<String> = (self.ids.iter().enumerate())
            .map(|(i, id)| format!("Speaker {}: {id}", i + 1))
            .collect();
        diagnostics.push(Diagnostic {
            dropped: Some(listed.join("\n")),
            ..note(
                self.first_line,
                DiagnosticKind::OpaqueSpeakerIds,
                format!(
                    "{n} speaker{} given as ids, shown as Speaker 1{}",
                    if n == 1 { "" } else { "s" },
                    if n == 1 {
                        String::new()
                    } else {
                        format!("…{n}")
                    }
                ),
            )
        });
    }
}

/// Whether a voice name is an id, not a name: one token of at least eight
/// characters with at least three digits (`8d1f3c2a-…`, `user/1234567`).
fn is_opaque(name: &str) -> bool {
    name.len() >= 8
        && !name.contains(char::is_whitespace)
        && name.bytes().filter(u8::is_ascii_digit).count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_identifiers() {
        assert_eq!(
            zoom_speaker("12 \"Jane Doe\" (123456)").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(zoom_speaker("12"), None);
    }

    #[test]
    fn opaque() {
        assert!(is_opaque("8d1f3c2a-11aa-4b2c-9d3e-0123456789ab"));
        assert!(!is_opaque("Jane Doe"));
        assert!(!is_opaque("R2D2"));
    }
}
