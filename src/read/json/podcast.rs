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
//! turn ([`crate::read::cues::build`]).

use super::fields::{Role, Shape};
use super::value::Doc;

/// Whether the transcript `shape` found is a Podcasting 2.0 one (its items
/// are `segments` with a `body`): then its fields are the spec's, and its
/// times seconds whatever they look like. Returns the spec's version, as
/// written, if the document says it.
pub(super) fn adopt(doc: &Doc, shape: &mut Shape) -> Option<Option<String>> {
    if shape.key != "segments" || shape.key(Role::Text) != Some("body") {
        return None;
    }
    shape.format = "podcast-json";
    shape.ms = Some(false);
    for (role, key) in [
        (Role::Start, "startTime"),
        (Role::End, "endTime"),
        (Role::Duration, ""),
        (Role::Speaker, "speaker"),
    ] {
        shape.keys[role as usize] = Some(key).filter(|k| !k.is_empty());
    }
    let version = doc.root.and_then(|r| doc.get(r, "version"));
    Some(version.and_then(|v| doc.string(v)))
}
