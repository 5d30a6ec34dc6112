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
//! each that makes [`cues::Piece`]s for [`cues::build`]: [`json`]
//! (Podcasting 2.0, Whisper, speech-to-text utterances),
//! [`podcast_html`], [`export`] (text exports with speaker headers).
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

/// Parses text decoded by an edge, keeping the decoder's diagnostics.
pub fn parse_decoded(decoded: Decoded) -> Transcript {
    parse_named(decoded, None)
}

/// Parses text decoded by an edge, with the file's name (or extension) as
/// a hint for the formats its content cannot tell apart
/// ([`sniff::sniff`]).
pub fn parse_named(decoded: Decoded, name: Option<&str>) -> Transcript {
    read_as(sniff::sniff(&decoded.text, name), &decoded.text, decoded.diagnostics)
}

/// Reads `text` as `format`.
fn read_as(format: sniff::Format, text: &str, diagnostics: Vec<crate::model::Diagnostic>) -> Transcript {
    match format {
        sniff::Format::WebVtt => webvtt::read(text, diagnostics),
        sniff::Format::Srt => srt::read(text, diagnostics),
        sniff::Format::Json => json::read(text, diagnostics),
        sniff::Format::PodcastHtml => podcast_html::read(text, diagnostics),
        sniff::Format::TextExport => export::read(text, diagnostics),
        sniff::Format::Igf => igf::read(text, diagnostics),
    }
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
    read_as(sniff::sniff(text, None), text, Vec::new())
}
