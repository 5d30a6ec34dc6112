//! Which array of a JSON document holds the transcript, and which fields
//! of its items hold the text, the times and the speaker.
//!
//! The transcript is the array, at the top or under a member of the top
//! object (or of an object under it: Deepgram's `results.utterances`),
//! whose first items are objects with a text field. `segments` (Podcasting
//! 2.0, Whisper) is preferred, then `utterances`, then any other, and
//! `words` last: a list of words is the transcript only when nothing else
//! is.

use super::value::{Doc, Items};

/// What a field of an item holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Its text.
    Text,
    /// When it starts.
    Start,
    /// When it ends.
    End,
    /// How long it lasts (when there is no end).
    Duration,
    /// Who speaks it.
    Speaker,
    /// Its timed words.
    Words,
}

/// How many roles.
pub(super) const ROLES: usize = 6;

/// The names of each role's field, role after role in [`Role`]'s order
/// (` | ` between roles), the preferred first. They are compared in lower
/// case without `_` and `-`, and without a last `ms` or `millis` (which
/// says the unit): `start_time`, `startTime` and `startTimeMs` are all
/// `starttime`.
const NAMES: &str = "text body transcript content utterance sentence punctuatedword word \
                     | start starttime begin from offset ts | end endtime to | duration \
                     | speaker speakerlabel speakername name speakerid channel | words";

/// A field's role (a [`Role`] as a number), its rank (lower is
/// preferred), and whether its name says milliseconds.
fn role(key: &str) -> Option<(usize, usize, bool)> {
    let mut buf = [0u8; 24];
    let mut n = 0;
    for c in key.bytes().filter(|c| !matches!(c, b'_' | b'-')) {
        *buf.get_mut(n)? = c.to_ascii_lowercase();
        n += 1;
    }
    let mut name = &buf[..n];
    let mut ms = false;
    for unit in [&b"millis"[..], b"ms"] {
        if let Some(rest) = name.strip_suffix(unit) {
            (name, ms) = (rest, true);
            break;
        }
    }
    let (mut role, mut rank) = (0, 0);
    for word in NAMES.as_bytes().split(|&c| c == b' ') {
        if word == b"|" {
            role += 1;
            continue;
        }
        if word == name {
            return Some((role, rank, ms));
        }
        rank += 1;
    }
    None
}

/// The field names of each [`Role`] in some items, by role.
pub(super) type Keys<'a> = [Option<&'a str>; ROLES];

/// The preferred field name of each role among the objects of the first
/// 16 `items`, and whether the start's (else the end's) name says
/// milliseconds.
pub(super) fn keys<'a>(doc: &Doc<'a>, items: Items<'_, 'a>) -> (Keys<'a>, bool) {
    let mut keys: Keys<'a> = [None; ROLES];
    let (mut ranks, mut ms) = ([usize::MAX; ROLES], [false; ROLES]);
    for [at, _] in items.take(16) {
        for (key, _) in doc.members(at) {
            if let Some((role, rank, in_ms)) = role(key)
                && rank < ranks[role]
            {
                (keys[role], ranks[role], ms[role]) = (Some(key), rank, in_ms);
            }
        }
    }
    let (start, end) = (Role::Start as usize, Role::End as usize);
    (keys, ms[start] || (keys[start].is_none() && ms[end]))
}

/// Where the values of each role are in the object at `at`.
pub(super) fn values(doc: &Doc, at: usize, keys: &Keys) -> [Option<usize>; ROLES] {
    let mut values = [None; ROLES];
    for (key, value) in doc.members(at) {
        for (slot, k) in values.iter_mut().zip(keys) {
            if slot.is_none() && *k == Some(key) {
                *slot = Some(value);
            }
        }
    }
    values
}

/// Where a transcript is in a document, and how its items say things.
#[derive(Debug)]
pub(super) struct Shape<'a> {
    /// Where the array starts.
    pub at: usize,
    /// Its member's name; empty for the top value.
    pub key: &'a str,
    /// The items' field of each role.
    pub keys: Keys<'a>,
    /// Whether times are milliseconds: `Some` when the field names (or a
    /// spec) say, `None` to decide from the values.
    pub ms: Option<bool>,
    /// The format's name.
    pub format: &'static str,
}

impl<'a> Shape<'a> {
    /// The items' field for `role`.
    pub fn key(&self, role: Role) -> Option<&'a str> {
        self.keys[role as usize]
    }
}

/// The array that holds the transcript, if there is one (see the module's
/// documentation).
pub(super) fn find<'a>(doc: &Doc<'a>) -> Option<Shape<'a>> {
    let root = doc.root?;
    let mut best: Option<(u8, Shape<'a>)> = None;
    let mut consider = |key: &'a str, at: usize| {
        let rank = match key {
            "segments" => 0,
            "utterances" => 1,
            "words" => 3,
            _ => 2,
        };
        if !doc.is(at, b'[') || best.as_ref().is_some_and(|b| b.0 <= rank) {
            return;
        }
        let (keys, ms) = keys(doc, doc.items(at));
        if keys[Role::Text as usize].is_some() {
            let ms = ms.then_some(true);
            let format = "json-segments";
            best = Some((
                rank,
                Shape {
                    at,
                    key,
                    keys,
                    ms,
                    format,
                },
            ));
        }
    };
    consider("", root);
    for (key, at) in doc.members(root) {
        consider(key, at);
        for (key, at) in doc.members(at) {
            consider(key, at);
        }
    }
    best.map(|b| b.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_in_any_spelling() {
        let start = Role::Start as usize;
        assert_eq!(role("startTime"), Some((start, 9, false)));
        assert_eq!(role("start_time_ms"), Some((start, 9, true)));
        assert_eq!(role("endMs"), Some((Role::End as usize, 14, true)));
        assert_eq!(
            role("speaker-label"),
            Some((Role::Speaker as usize, 19, false))
        );
        assert_eq!(role("words"), Some((Role::Words as usize, 24, false)));
        assert_eq!(
            role("punctuated_word").map(|r| r.0),
            Some(Role::Text as usize)
        );
        assert_eq!(role("items"), None);
        assert_eq!(role("a_very_long_key_that_is_no_field_at_all"), None);
    }

    #[test]
    fn finds_the_transcript_array() {
        fn shape(text: &str) -> Option<(String, Keys<'_>, Option<bool>)> {
            let doc = Doc::new(text);
            find(&doc).map(|s| (s.key.to_string(), s.keys, s.ms))
        }
        let (key, keys, ms) = shape(
            r#"{"words": [{"text": "a", "start": 1}], "utterances": [{"speaker": "A", "text": "a", "start_ms": 1, "end_ms": 2}]}"#,
        )
        .unwrap();
        assert_eq!(key, "utterances");
        assert_eq!(
            keys,
            [
                Some("text"),
                Some("start_ms"),
                Some("end_ms"),
                None,
                Some("speaker"),
                None
            ]
        );
        assert_eq!(ms, Some(true));
        let (key, ..) =
            shape(r#"{"results": {"channels": [{"x": 1}], "utterances": [{"transcript": "a"}]}}"#)
                .unwrap();
        assert_eq!(key, "utterances");
        let (key, keys, ms) = shape(r#"[{"begin": "0:01", "content": "a"}]"#).unwrap();
        assert_eq!(
            (key.as_str(), keys[0], keys[1], ms),
            ("", Some("content"), Some("begin"), None)
        );
        assert!(shape(r#"{"a": [1, 2], "b": {"c": [{"d": "e"}]}}"#).is_none());
    }
}
