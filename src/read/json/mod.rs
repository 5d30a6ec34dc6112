//! JSON transcripts: Podcasting 2.0 `segments`, speech-to-text segments
//! and utterances. (Stub: read as text until the JSON readers land.)

use crate::model::{Diagnostic, Transcript};

/// Whether `text` (trimmed at the start) looks like a JSON document.
pub fn looks_like(text: &str) -> bool {
    text.trim_end().ends_with(['}', ']'])
}

/// Reads a JSON transcript.
pub fn read(text: &str, diagnostics: Vec<Diagnostic>) -> Transcript {
    super::igf::read(text, diagnostics)
}
