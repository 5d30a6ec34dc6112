//! Podcasting 2.0 JSON transcripts (the `podcast:transcript` tag's JSON
//! format): a `version` and `segments`, each with a `speaker`, a
//! `startTime` and an `endTime` in seconds, and its text in `body`:
//!
//! ```json
//! {"version": "1.0.0", "segments": [
//!   {"speaker": "Darth Vader", "startTime": 0.5, "endTime": 0.75, "body": "I"}]}
//! ```
//!
//! Segments may be words: consecutive segments of one speaker make one
//! turn ([`crate::read::cues::build`]), and a segment without a speaker
//! goes on with the turn before it; a body that starts with `>>` starts a
//! turn ([`crate::read::cues::speakers::leading_markers`]).

use super::fields::{Role, Shape};
use super::value::Doc;

/// Whether the transcript `shape` found is a Podcasting 2.0 one (its items
/// are `segments` with a `body`): then its times are seconds, as the spec
/// says, whatever they look like. Returns the spec's version, as written,
/// if the document says it.
pub(super) fn adopt(doc: &Doc, shape: &mut Shape) -> Option<Option<String>> {
    if shape.key != "segments" || shape.key(Role::Text) != Some("body") {
        return None;
    }
    shape.format = "podcast-json";
    shape.ms = Some(false);
    let version = doc.get(doc.root.unwrap_or_default(), "version");
    Some(version.and_then(|v| doc.string(v)))
}
