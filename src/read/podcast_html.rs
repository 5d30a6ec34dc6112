//! Podcasting 2.0 HTML transcripts: per segment, its speaker in a
//! `<cite>` and its start in a `<time>` (each when known), then its text in
//! a `<p>`:
//!
//! ```html
//! <cite>Kevin:</cite>
//! <time>0:00</time>
//! <p>We have an update planned where we would like to…</p>
//! ```
//!
//! Each `<p>` is a piece for [`cues::build`], with the speaker and time
//! before it (a `<cite>` or `<time>` without its `<p>` is a piece without
//! text). A `>>` at the start of a `<p>` starts a turn (of the `<cite>`'s
//! speaker, else of the label after it, else unattributed):
//! segments of one speaker in a row are one turn otherwise, and a segment
//! without a `<cite>` goes on with the turn before it. A page's `<title>`
//! is the title; scripts and styles are skipped;
//! any other text outside the segments is not read as turns, and is in a
//! `wrapper_dropped` diagnostic's `dropped`. [`crate::read::sniff`] sends a
//! page here when [`looks_like`] says so; other pages stay with the IGF
//! reader.

use crate::model::{Diagnostic, DiagnosticKind, Transcript};
use crate::read::cues::{self, Found, Piece, Voice, note, time::clock};
use crate::read::html::decode_into;
use crate::read::source_map::SourceMap;

/// A tag at a `<`.
struct Tag<'a> {
    /// Its name as written.
    name: &'a str,
    closing: bool,
    /// Just past its `>` (or the end).
    end: usize,
}

impl Tag<'_> {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// Whether it is one of a segment's elements.
    fn of_segment(&self) -> bool {
        self.is("cite") || self.is("time") || self.is("p")
    }
}

/// The tag that starts at byte `lt` (a `<`) of `s`, if one does.
fn tag_at(s: &str, lt: usize) -> Option<Tag<'_>> {
    let b = s.as_bytes();
    let closing = b.get(lt + 1) == Some(&b'/');
    let from = lt + 1 + usize::from(closing);
    if !b.get(from)?.is_ascii_alphabetic() {
        return None;
    }
    let to = from
        + b[from..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
    let end = memchr::memchr(b'>', &b[to..]).map_or(b.len(), |k| to + k + 1);
    Some(Tag {
        name: &s[from..to],
        closing,
        end,
    })
}

/// Just past the comment, doctype or processing instruction at byte `lt`
/// (a `<`) of `s`, if one is there.
fn skip_markup(s: &str, lt: usize) -> Option<usize> {
    let b = s.as_bytes();
    let (needle, len): (&[u8], usize) = match b.get(lt + 1)? {
        b'!' if s[lt..].starts_with("<!--") => (b"-->", 3),
        b'!' | b'?' => (b">", 1),
        _ => return None,
    };
    Some(memchr::memmem::find(&b[lt..], needle).map_or(b.len(), |k| lt + k + len))
}

/// Whether `text` (trimmed at the start) is a Podcasting 2.0 HTML
/// transcript: twice at least among its first 4,096 tags, a `</cite>` or
/// `</time>` followed (after spaces) by a `<time>` or `<p>`.
pub fn looks_like(text: &str) -> bool {
    let b = text.as_bytes();
    // Just past the last tag, if it closed a `<cite>` or `<time>`.
    let (mut n, mut i, mut after) = (0, 0, None);
    for _ in 0..4096 {
        let Some(k) = memchr::memchr(b'<', &b[i..]) else {
            break;
        };
        let lt = i + k;
        let tag = tag_at(text, lt);
        if let Some(t) = &tag
            && !t.closing
            && (t.is("time") || t.is("p"))
            && after
                .and_then(|a| text.get(a..lt))
                .is_some_and(|gap| gap.trim().is_empty())
        {
            n += 1;
        }
        after = tag
            .filter(|t| t.closing && (t.is("cite") || t.is("time")))
            .map(|t| t.end);
        i = lt + 1;
    }
    n >= 2
}

/// Where the content of the element `name` that starts at `from` ends, and
/// where to go on: at its end tag, or (left open) where the next segment's
/// element starts. With `segment` false, only its end tag ends it.
fn content(s: &str, from: usize, name: &str, segment: bool) -> (usize, usize) {
    let b = s.as_bytes();
    let mut i = from;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + k;
        if let Some(end) = skip_markup(s, lt).filter(|_| segment) {
            i = end;
            continue;
        }
        if let Some(t) = tag_at(s, lt) {
            if t.closing && t.is(name) {
                return (lt, t.end);
            }
            if segment && !t.closing && t.of_segment() {
                return (lt, lt);
            }
        }
        i = lt + 1;
    }
    (b.len(), b.len())
}

/// Appends the text of `html` to `out`: tags dropped (`<br>` a space),
/// entities decoded, runs of whitespace one space.
fn text_into(html: &str, out: &mut String) {
    let mut raw = String::with_capacity(html.len());
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + k;
        decode_into(&html[i..lt], &mut raw);
        if let Some(end) = skip_markup(html, lt) {
            i = end;
            continue;
        }
        match tag_at(html, lt) {
            Some(t) => {
                if t.is("br") {
                    raw.push(' ');
                }
                i = t.end;
            }
            None => {
                raw.push('<');
                i = lt + 1;
            }
        }
    }
    decode_into(&html[i..], &mut raw);
    for word in raw.split_whitespace() {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
}

fn text_of(html: &str) -> String {
    let mut out = String::new();
    text_into(html, &mut out);
    out
}

/// Keeps the text of `html`, found at `at` outside the segments.
fn stray(html: &str, at: usize, outside: &mut String, outside_at: &mut Option<usize>) {
    if !html.trim().is_empty() {
        outside_at.get_or_insert(at);
        text_into(html, outside);
    }
}

/// Reads a Podcasting 2.0 HTML transcript.
pub fn read(source: &str, diagnostics: Vec<Diagnostic>) -> Transcript {
    let lines = SourceMap::verbatim(source, 0);
    let mut found = Found {
        diagnostics,
        ..Found::default()
    };
    let mut pieces: Vec<Piece> = Vec::new();
    // The segment being read, until its `<p>`.
    let mut open: Option<Piece> = None;
    // Text outside the segments, and where it starts.
    let (mut outside, mut outside_at) = (String::new(), None);
    let b = source.as_bytes();
    let mut i = if source.starts_with('\u{feff}') { 3 } else { 0 };
    while i < b.len() {
        let lt = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |k| i + k);
        stray(&source[i..lt], i, &mut outside, &mut outside_at);
        if lt == b.len() {
            break;
        }
        if let Some(end) = skip_markup(source, lt) {
            i = end;
            continue;
        }
        let Some(tag) = tag_at(source, lt) else {
            // A `<` that is text.
            stray("&lt;", lt, &mut outside, &mut outside_at);
            i = lt + 1;
            continue;
        };
        i = tag.end;
        if tag.closing {
            continue;
        }
        if tag.is("script") || tag.is("style") || tag.is("title") {
            let (inner, next) = content(source, i, tag.name, false);
            if tag.is("title") {
                found.meta.title = Some(text_of(&source[i..inner])).filter(|t| !t.is_empty());
            }
            i = next;
            continue;
        }
        if !tag.of_segment() {
            continue;
        }
        let (inner, next) = content(source, i, tag.name, true);
        let html = &source[i..inner];
        i = next;
        let mut piece = open
            .take()
            .unwrap_or_else(|| Piece::new(String::new(), 0, [lt, lt]));
        let ends = tag.is("p")
            || (tag.is("cite") && piece.voice != Voice::Continue)
            || (tag.is("time") && piece.start.is_some());
        if ends && !tag.is("p") {
            // A second `<cite>` or `<time>` before a `<p>`: the one before
            // is a segment without text.
            pieces.push(piece);
            piece = Piece::new(String::new(), 0, [lt, lt]);
        }
        piece.range[1] = next;
        if tag.is("cite") {
            let name = text_of(html);
            let name = name.trim_end_matches(':').trim_end();
            if !name.is_empty() {
                piece.voice = Voice::Named(name.to_string());
            }
        } else if tag.is("time") {
            let time = text_of(html);
            piece.start = clock(&time);
            if piece.start.is_none() {
                stray(html, lt, &mut outside, &mut outside_at);
            }
        } else {
            piece.text = text_of(html);
        }
        if tag.is("p") {
            pieces.push(piece);
        } else {
            open = Some(piece);
        }
    }
    pieces.extend(open);
    for p in &mut pieces {
        p.line = lines.line_at(p.range[0]);
    }
    let message = "read as a Podcasting 2.0 HTML transcript: ".to_string()
        + &pieces.len().to_string()
        + " segments, speakers from `<cite>`, starts from `<time>`, text from `<p>`";
    found
        .diagnostics
        .push(note(0, DiagnosticKind::FormatRead, message));
    if let Some(at) = outside_at {
        found.diagnostics.push(Diagnostic {
            dropped: Some(outside),
            ..note(
                lines.line_at(at),
                DiagnosticKind::WrapperDropped,
                "text outside the segments (`<cite>`, `<time>`, `<p>`) is not read as turns".into(),
            )
        });
    }
    // A `>>` at a segment's start starts a turn.
    cues::speakers::leading_markers(&mut pieces);
    cues::build("podcast-html", pieces, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_with_and_without_speakers_and_times() {
        let page = "<html><head><title>Episode 1</title><style>p{}</style></head><body>\n\
                    <h1>Transcript</h1>\n\
                    <cite>Kevin:</cite>\n<time>0:00</time>\n<p>\n  We have an update &amp; more.\n</p>\n\
                    <cite>Alban :</cite>\n<time>0:09</time>\n<p>You're <em>triggering</em> Tom.<br>Yes.\n\
                    <time>1:02:03</time><p>Unclosed.\n<!-- <p>not this</p> --></body></html>";
        assert!(looks_like(page));
        let t = read(page, Vec::new());
        let got = crate::read::cues::tests::summary(&t);
        assert_eq!(
            got,
            [
                (
                    Some("Kevin"),
                    Some(0),
                    vec!["We have an update & more.".to_string()],
                    3
                ),
                (
                    Some("Alban"),
                    Some(9_000),
                    vec![
                        "You're triggering Tom. Yes.".to_string(),
                        "Unclosed.".to_string()
                    ],
                    8
                ),
            ]
        );
        assert_eq!(t.paragraph_start(&t.turns[1], 0), Some(9_000));
        assert_eq!(t.meta.title.as_deref(), Some("Episode 1"));
        assert_eq!(t.meta.format, "podcast-html");
        let dropped = t
            .diagnostics
            .iter()
            .find(|d| d.kind == DiagnosticKind::WrapperDropped);
        assert_eq!(
            dropped.and_then(|d| d.dropped.as_deref()),
            Some("Transcript")
        );
    }

    #[test]
    fn a_byte_order_mark_is_no_text() {
        let t = read(
            "\u{feff}<cite>A:</cite><time>0:01</time><p>x</p>",
            Vec::new(),
        );
        assert_eq!(t.turns.len(), 1);
        assert!(
            t.diagnostics
                .iter()
                .all(|d| d.kind == DiagnosticKind::FormatRead)
        );
    }

    #[test]
    fn other_pages_are_not_podcast_transcripts() {
        assert!(!looks_like("<p>Hello</p><cite>A book</cite> and more"));
        assert!(!looks_like(
            "<blockquote><p>Hi</p><cite>Ana</cite></blockquote><p>x</p>"
        ));
    }
}
