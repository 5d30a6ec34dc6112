//! WebVTT (W3C): YouTube's captions (rolling automatic ones included),
//! Zoom's and Teams' transcripts, council and conference captions.
//!
//! The header (`WEBVTT`, a title, `Kind:` lines), `NOTE`, `STYLE` and
//! `REGION` blocks are skipped with their text kept in a diagnostic; cue
//! identifiers, settings, BOM and CRLF are handled; tags are stripped and
//! entities decoded; `<v Name>` voice spans, Zoom's `12 "Jane Doe" (…)`
//! identifiers, `Name:` at a cue's start and `>>` inside cues give the
//! speakers. The reading itself is [`cues::captions`](super::cues::captions),
//! shared with SRT.
//!
//! ```
//! let t = floor::read::parse_str("WEBVTT\n\nNOTE made by hand\n\n1\n00:00:01.000 --> 00:00:04.000 align:start\n<v Ana>Hello &amp; welcome.</v>\n\n0:0:5.5 --> 0:0:8.000\n<v Ben>Thanks.\n");
//! assert_eq!(t.meta.format, "webvtt");
//! assert_eq!(t.turns.len(), 2);
//! assert_eq!(t.paragraphs(&t.turns[0]).to_vec(), ["Hello & welcome."]);
//! assert_eq!(t.times(&t.turns[1]), [Some(5_500), Some(8_000)]);
//! assert_eq!(t.speakers[1].name, "Ben");
//! ```

use super::cues::captions::{Dialect, read as read_captions};
use crate::model::{Diagnostic, Transcript};

/// Reads a WebVTT file.
pub fn read(text: &str, diagnostics: Vec<Diagnostic>) -> Transcript {
    read_captions(text, diagnostics, Dialect::WebVtt)
}
