//! Which format a text is in, from its content; a file's extension is
//! only a hint for the formats content cannot tell apart.
//!
//! A WebVTT file without its `WEBVTT` line is still WebVTT, and a `.txt`
//! holding SRT is SRT: timing lines (`00:00:01,000 --> 00:00:04,000`)
//! near the start decide, whatever the name.

use super::cues::time::timing;

/// The formats Floor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// IGF real-time captioning text, or any text with `>>` turns (and a
    /// saved page of it).
    Igf,
    /// W3C WebVTT (YouTube, Zoom, Teams captions and transcripts).
    WebVtt,
    /// SubRip subtitles.
    Srt,
    /// JSON: Podcasting 2.0 transcripts, speech-to-text segments.
    Json,
    /// A Podcasting 2.0 HTML transcript: `<cite>`, `<time>`, `<p>` per
    /// segment.
    PodcastHtml,
    /// Text exported by meeting tools, with a speaker header per turn
    /// (`Name  12:34`, `[00:12:34] Name:`, `Name (00:12:34):`).
    TextExport,
}

/// How many lines from the start are looked at for timing lines.
const LOOK_LINES: usize = 60;

/// The format of `text` (after any byte-order mark). `hint` is the file's
/// name or extension, if known.
///
/// ```
/// use floor::read::sniff::{sniff, Format};
/// assert_eq!(sniff("WEBVTT\n\n00:01.000 --> 00:02.000\nHi", None), Format::WebVtt);
/// assert_eq!(sniff("1\n00:00:01,000 --> 00:00:02,000\nHi", Some("a.txt")), Format::Srt);
/// assert_eq!(sniff("00:00:01.000 --> 00:00:02.000\nHi", None), Format::WebVtt);
/// assert_eq!(sniff("Title\n\n>>CHAIR: Hi.", Some("a.vtt")), Format::Igf);
/// assert_eq!(sniff("{\"segments\": []}", None), Format::Json);
/// assert_eq!(sniff("<cite>Ana:</cite> <time>0:00</time> <p>Hi.</p>", None), Format::PodcastHtml);
/// assert_eq!(sniff("Ana  0:00\nHi.\n\nBen  0:04\nHello.", None), Format::TextExport);
/// ```
pub fn sniff(text: &str, hint: Option<&str>) -> Format {
    let body = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if body.starts_with("WEBVTT") {
        return Format::WebVtt;
    }
    if super::json::looks_like(body) {
        return Format::Json;
    }
    if super::podcast_html::looks_like(body) {
        return Format::PodcastHtml;
    }
    let mut commas = 0;
    let mut dots = 0;
    let lines = crate::text::lines(body).map(|l| l.text);
    for line in lines.filter(|l| !l.trim().is_empty()).take(LOOK_LINES) {
        if let Some(t) = timing(line) {
            if t.start_text.contains(',') {
                commas += 1;
            } else {
                dots += 1;
            }
        }
    }
    if commas + dots > 0 {
        let srt_hint = hint.is_some_and(|h| h.to_ascii_lowercase().ends_with(".srt"));
        return if commas > dots || (commas == dots && srt_hint) {
            Format::Srt
        } else {
            Format::WebVtt
        };
    }
    // A page of a text export is read by the IGF reader, which extracts
    // the page's text and hands it to the text export reader.
    if super::export::looks_like(body) && !super::html::looks_like_html(body) {
        return Format::TextExport;
    }
    Format::Igf
}
