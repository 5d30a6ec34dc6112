//! Readers: transcript bytes in, one [`Transcript`] out.
//!
//! Parsing never fails and never panics: any input gives a [`Transcript`],
//! with [`Diagnostic`](crate::model::Diagnostic)s saying what was noticed.
//! No word is lost: every word of the decoded text ends up, in order, in
//! `meta`, in a turn, or in a diagnostic's `dropped` text.
//!
//! The passes, each in its own module:
//! 1. [`decode`] (an edge) turns bytes into text;
//! 2. [`html`] extracts the text of a saved page, if it is one;
//! 3. [`igf`] reads the text: its scanners recognise turn markers line by
//!    line, its structure pass splits the lines into header and turns, and
//!    the lines of each into paragraphs, after looking at how the whole copy
//!    was wrapped;
//! 4. [`header`] reads the header, and [`crate::resolve`] resolves labels to
//!    speakers and finds the captioner's notes.
//!
//! Other formats, which [`sniff`] tells from the content, have a reader
//! each that makes [`cues::Piece`]s for [`cues::build`]: [`webvtt`] and
//! [`srt`] (both read by [`cues::captions`]), [`json`] (Podcasting 2.0,
//! Whisper, speech-to-text utterances; and Floor's own JSON, read back
//! whole, without pieces), [`podcast_html`], [`export`] (text exports with
//! speaker headers). They, and [`html`]'s extractor, are the
//! `readers` feature: the viewer loads them on demand ([`needs_readers`]).
//!
//! A [`source_map::SourceMap`] maps what a reader read (the text after a
//! byte-order mark, or a page's extracted text) back to the caller's source.

pub mod cues;
pub mod decode;
pub mod export;
pub(crate) mod header;
pub mod html;
pub(crate) mod igf;
pub mod json;
pub mod podcast_html;
pub mod sniff;
pub(crate) mod source_map;
pub mod srt;
pub mod webvtt;

use crate::model::Transcript;
use decode::Decoded;

/// Parses transcript bytes: decodes them (BOM, UTF-8, UTF-16, else
/// Windows-1252), then parses the text. Native only; the browser decodes with
/// `TextDecoder` and calls [`parse_decoded`].
///
/// ```
/// let t = floor::read::parse(b"Title\n\n>>CHAIR: Bienvenue \xE0 tous.");
/// assert_eq!(t.paragraphs(&t.turns[0]).to_vec(), ["Bienvenue à tous."]);
/// assert_eq!(t.diagnostics[0].kind, floor::model::DiagnosticKind::EncodingFallback);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(bytes: &[u8]) -> Transcript {
    parse_decoded(decode::decode(bytes))
}

/// Parses a file's bytes, its name a hint for the formats content cannot
/// tell apart (an SRT whose every cue has as many commas as dots). Native
/// only, like [`parse`].
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_file(bytes: &[u8], name: &str) -> Transcript {
    parse_named(decode::decode(bytes), Some(name))
}

/// Parses text decoded by an edge, keeping the decoder's diagnostics.
pub fn parse_decoded(decoded: Decoded) -> Transcript {
    parse_named(decoded, None)
}

/// Parses text decoded by an edge, with the file's name (or extension) as
/// a hint for the formats its content cannot tell apart
/// ([`sniff::sniff`]). Without the `readers` feature (the viewer's own
/// module) every text is read as IGF text, and a page as text: the viewer
/// hands a text that [`needs_readers`] to the readers' module instead.
pub fn parse_named(decoded: Decoded, name: Option<&str>) -> Transcript {
    let format = sniff_named(&decoded.text, name);
    read_as(format, &decoded.text, decoded.diagnostics)
}

/// Parses transcript text. Byte ranges in the result are offsets into `text`.
///
/// ```
/// let t = floor::read::parse_str("Title\n\n>>CHAIR: Good morning.\n\n>>CHAIR: Next.\n\n>> (Off microphone.)");
/// assert_eq!(t.meta.title.as_deref(), Some("Title"));
/// assert_eq!(t.turns.len(), 3);
/// assert_eq!(t.speakers[0].id, "chair");
/// assert_eq!(t.speakers[0].turns, 2);
/// assert_eq!(t.speaker_id(&t.turns[2]), None);
/// ```
pub fn parse_str(text: &str) -> Transcript {
    read_as(sniff_named(text, None), text, Vec::new())
}

/// The format of `text`; IGF without the readers loaded on demand.
fn sniff_named(text: &str, name: Option<&str>) -> sniff::Format {
    #[cfg(feature = "readers")]
    return sniff::sniff(text, name);
    #[cfg(not(feature = "readers"))]
    return {
        let _ = (text, name);
        sniff::Format::Igf
    };
}

/// Reads `text` as `format`.
fn read_as(
    format: sniff::Format,
    text: &str,
    diagnostics: Vec<crate::model::Diagnostic>,
) -> Transcript {
    match format {
        #[cfg(feature = "readers")]
        sniff::Format::WebVtt => webvtt::read(text, diagnostics),
        #[cfg(feature = "readers")]
        sniff::Format::Srt => srt::read(text, diagnostics),
        #[cfg(feature = "readers")]
        sniff::Format::Json => json::read(text, diagnostics),
        #[cfg(feature = "readers")]
        sniff::Format::PodcastHtml => podcast_html::read(text, diagnostics),
        #[cfg(feature = "readers")]
        sniff::Format::TextExport => export::read(text, diagnostics),
        _ => igf::read(text, diagnostics),
    }
}

/// How much of a text's start [`needs_readers`] looks at.
const READERS_HINT_BYTES: usize = 16 * 1024;

/// Whether `text` needs the readers the viewer loads on demand: a saved
/// page or fragment ([`html::looks_like_html`]), or a text that may be in a
/// timed format (WebVTT, SRT, JSON, a text export…), told cheaply: every
/// text [`sniff::sniff`] finds timed (`tests/golden.rs` checks it on every
/// file of `tests/data/`), and a few IGF texts besides (an arrow, `-->`,
/// near the start; two short lines that could be an export's speaker
/// headers). The viewer's module, which does not carry these readers,
/// hands such a text to the readers' module, which sniffs it and may read
/// it as IGF text after all.
///
/// ```
/// assert!(floor::read::needs_readers("WEBVTT\n\n00:01.000 --> 00:02.000\nHi"));
/// assert!(floor::read::needs_readers("  {\"segments\": []}"));
/// assert!(floor::read::needs_readers("<p>>>CHAIR: Hi.</p>"));
/// assert!(!floor::read::needs_readers("Title\n\n>>CHAIR: Hi."));
/// ```
pub fn needs_readers(text: &str) -> bool {
    let b = text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes();
    let lead = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let body = &b[lead..];
    body.starts_with(b"WEBVTT")
        || matches!(body.first(), Some(b'{' | b'['))
        || crate::text::find_bytes(&body[..body.len().min(READERS_HINT_BYTES)], b"-->").is_some()
        || html::looks_like_html(text)
        || crate::text::lines(text)
            .take(EXPORT_HINT_LINES)
            .filter(|l| may_be_export_header(l.text))
            .nth(1)
            .is_some()
}

/// How many lines [`needs_readers`] looks at for a text export's headers.
const EXPORT_HINT_LINES: usize = 400;

/// Whether a line could be a text export's speaker header, cheaply (a
/// superset of `export`'s): `[00:12:34] …`, `Name  12:34` (a short line
/// ending in a clock) or `Name (00:12:34): …`.
fn may_be_export_header(line: &str) -> bool {
    let b = line.trim_ascii_end().as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let n = b.len();
    (b.first() == Some(&b'[') && digit(1))
        || ((5..80).contains(&n)
            && b[n - 3] == b':'
            && digit(n - 1)
            && digit(n - 2)
            && digit(n - 4))
        || crate::text::find_bytes(b, b"):").is_some_and(|i| i >= 5 && digit(i - 1))
}
