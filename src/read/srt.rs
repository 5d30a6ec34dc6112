//! SubRip (SRT) subtitles: numbered cues, `00:00:01,000 --> 00:00:04,000`
//! timing lines (with optional `X1:` coordinates), multi-line cues, `<i>` and
//! `<font>` tags, `{\an8}` overrides. `Name:` where a speaker's turn starts
//! names it (unnamed cues continue that turn), and `- ` dialogue dashes
//! start turns. Read by [`cues::captions`](super::cues::captions), shared
//! with WebVTT.
//!
//! ```
//! let t = floor::read::parse_str("1\n00:00:01,000 --> 00:00:03,500\nTRAVIS: When you first get\nstarted, it's\n\n2\n00:00:03,600 --> 00:00:05,000\nalmost guaranteed.\n");
//! assert_eq!(t.meta.format, "srt");
//! assert_eq!(t.paragraphs(&t.turns[0]).to_vec(), ["When you first get started, it's almost guaranteed."]);
//! assert_eq!(t.label(&t.turns[0]), Some("TRAVIS"));
//! ```

use super::cues::captions::{Dialect, read as read_captions};
use crate::model::{Diagnostic, Transcript};

/// Reads an SRT file.
pub fn read(text: &str, diagnostics: Vec<Diagnostic>) -> Transcript {
    read_captions(text, diagnostics, Dialect::Srt)
}
