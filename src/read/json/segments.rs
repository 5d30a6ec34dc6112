//! Timed items to pieces: the segments of a Podcasting 2.0 transcript, of
//! Whisper's JSON (`{"text", "segments": [{"start", "end", "text",
//! "words"}]}`), and the arrays of utterances speech-to-text services
//! write, with the fields [`super::fields`] found.
//!
//! Times are seconds or milliseconds: numbers, numeric strings, or clock
//! strings (`00:01:02.5`, whatever the unit). Milliseconds when the field
//! names say so (`start_ms`, `startMs`), else seconds when any number has a
//! fraction, else — whole numbers all — milliseconds when the items last
//! 100 or more on average (100 seconds an item is no transcript; 100
//! milliseconds is a word), else seconds. The diagnostic names the rule.

use std::fmt::Write;

use super::fields::{self, Keys, ROLES, Role, Shape};
use super::value::{Doc, thousandths};
use crate::model::{DiagnosticKind, Transcript};
use crate::read::cues::{self, Found, Piece, Voice, note, time::clock};
use crate::read::source_map::SourceMap;

/// A time as written: a number in thousandths of its unit and whether it
/// is whole, or a clock time in milliseconds.
enum Time {
    Number(u64, bool),
    Clock(u32),
}

fn time(doc: &Doc, at: usize) -> Option<Time> {
    let (v, whole) = match doc.string(at) {
        Some(s) if s.contains(':') => return clock(s.trim()).map(Time::Clock),
        Some(s) => thousandths(s.trim())?,
        None => thousandths(doc.scalar(at)?)?,
    };
    Some(Time::Number(v, whole))
}

/// Milliseconds of a time, numbers in milliseconds if `ms`, else seconds.
fn ms(t: Time, ms: bool) -> Option<u32> {
    match t {
        Time::Clock(c) => Some(c),
        Time::Number(v, _) => u32::try_from(if ms { v.saturating_add(500) / 1000 } else { v }).ok(),
    }
}

/// Whether the times written as numbers are milliseconds, and why (see the
/// module's documentation).
fn unit(doc: &Doc, shape: &Shape) -> (bool, &'static str) {
    match shape.ms {
        Some(true) => return (true, "milliseconds (the field names say so)"),
        Some(false) => return (false, "seconds (as the spec says)"),
        None => {}
    }
    let (mut numbers, mut fraction) = (false, false);
    // Total length and count of items with two times, and the first and
    // last starts with the count of starts.
    let (mut total, mut lasting, mut first, mut last, mut starts) = (0u64, 0u64, None, 0, 0u64);
    for [at, _] in doc.items(shape.at) {
        let v = fields::values(doc, at, &shape.keys);
        let [s, e, d] = [Role::Start, Role::End, Role::Duration].map(|r| {
            match v[r as usize].and_then(|a| time(doc, a)) {
                Some(Time::Number(n, whole)) => {
                    numbers = true;
                    fraction |= !whole;
                    Some(n)
                }
                _ => None,
            }
        });
        if let Some(s) = s {
            first.get_or_insert(s);
            (last, starts) = (s, starts + 1);
        }
        if let Some(length) = e.zip(s).map(|(e, s)| e.saturating_sub(s)).or(d) {
            (total, lasting) = (total.saturating_add(length), lasting + 1);
        }
    }
    let average = match (lasting, first) {
        (1.., _) => total / lasting,
        (0, Some(first)) if starts > 1 => (last - first.min(last)) / (starts - 1),
        _ => 0,
    };
    match (numbers, fraction) {
        (false, _) => (false, "clock times"),
        (_, true) => (false, "seconds (the numbers have fractions)"),
        _ if average >= 100_000 => (
            true,
            "milliseconds (whole numbers, 100 or more an item on average: too long for seconds)",
        ),
        _ => (
            false,
            "seconds (whole numbers, under 100 an item on average)",
        ),
    }
}

/// The transcript of the items of `shape`, with `found` (the decoder's
/// diagnostics and the document's title) and what it says of the version
/// of a Podcasting 2.0 transcript.
pub(super) fn read(
    doc: &Doc,
    shape: &Shape,
    mut found: Found,
    version: Option<String>,
) -> Transcript {
    let (in_ms, rule) = unit(doc, shape);
    let lines = SourceMap::verbatim(doc.text, 0);
    let mut pieces = Vec::new();
    let mut skipped = 0;
    let mut word_keys: Option<(Keys, bool)> = None;
    // A speaker given as a number is `Speaker 1` (`Channel 1`).
    let number_label = match shape.key(Role::Speaker) {
        Some(k) if k.eq_ignore_ascii_case("channel") => "Channel ",
        _ => "Speaker ",
    };
    let mut items = doc.items(shape.at);
    for [at, end] in items.by_ref() {
        let v = fields::values(doc, at, &shape.keys);
        let value = |r: Role| v[r as usize];
        let Some(mut text) = value(Role::Text)
            .and_then(|a| doc.string(a).or_else(|| doc.scalar(a).map(str::to_string)))
        else {
            skipped += 1;
            continue;
        };
        if text.contains(['\r', '\t']) {
            text = text.replace(['\r', '\t'], " ");
        }
        let mut piece = Piece::new(text, lines.line_at(at), [at, end]);
        let time = |r: Role| {
            value(r)
                .and_then(|a| time(doc, a))
                .and_then(|t| ms(t, in_ms))
        };
        piece.start = time(Role::Start);
        piece.end =
            time(Role::End).or_else(|| Some(piece.start?.saturating_add(time(Role::Duration)?)));
        if let Some(s) = value(Role::Speaker) {
            let label = match doc.string(s) {
                Some(name) => name.trim().to_string(),
                None => doc
                    .scalar(s)
                    .filter(|n| *n != "null")
                    .map_or(String::new(), |n| [number_label, n].concat()),
            };
            if !label.is_empty() {
                piece.voice = Voice::Named(label);
            }
        }
        if let Some(words) = value(Role::Words).filter(|&w| doc.is(w, b'[')) {
            let (keys, ms_named) =
                *word_keys.get_or_insert_with(|| fields::keys(doc, doc.items(words)));
            time_words(doc, words, &keys, ms_named || in_ms, &mut piece);
        }
        pieces.push(piece);
    }
    let mut message = match (shape.format, version) {
        ("podcast-json", Some(v)) => {
            format!("read as a Podcasting 2.0 JSON transcript (version {v}): ")
        }
        ("podcast-json", None) => "read as a Podcasting 2.0 JSON transcript: ".to_string(),
        _ if shape.key == "segments" => "read as JSON segments (Whisper's shape): ".to_string(),
        _ => "read as JSON segments: ".to_string(),
    };
    describe(&mut message, shape, pieces.len(), rule);
    if pieces.iter().any(|p| !p.words.is_empty()) {
        let _ = write!(
            message,
            ", word times from `{}`",
            shape.key(Role::Words).unwrap_or_default()
        );
    }
    if skipped > 0 {
        let _ = write!(message, "; {skipped} items without text skipped");
    }
    found
        .diagnostics
        .push(note(0, DiagnosticKind::FormatRead, message));
    if let Some(stop) = doc.stop {
        let cut = items.cut.unwrap_or(stop.at);
        let rest = doc.text[cut..].trim();
        found.diagnostics.push(crate::model::Diagnostic {
            dropped: rest
                .contains(char::is_alphanumeric)
                .then(|| rest.to_string()),
            ..note(
                lines.line_at(stop.at),
                DiagnosticKind::FormatRead,
                super::stopped(
                    doc,
                    stop,
                    &format!(
                        "the {} items before it are read, the rest is not",
                        pieces.len()
                    ),
                ),
            )
        });
    }
    if !pieces.iter().any(|p| matches!(p.voice, Voice::Named(_))) {
        pieces = cues::speakers::split(pieces);
    } else {
        for p in &mut pieces {
            if p.text.contains('\n') {
                p.text = p.text.replace('\n', " ");
            }
        }
    }
    cues::build(shape.format, pieces, found)
}

/// Appends which items and fields were read to `m`.
fn describe(m: &mut String, shape: &Shape, n: usize, rule: &str) {
    let _ = match shape.key {
        "" => write!(m, "{n} items of the top-level array"),
        key => write!(m, "{n} items of `{key}`"),
    };
    let _ = write!(
        m,
        ", text from `{}`",
        shape.key(Role::Text).unwrap_or_default()
    );
    if let Some(s) = shape.key(Role::Speaker) {
        let _ = write!(m, ", speaker from `{s}`");
    }
    let _ = match [Role::Start, Role::End, Role::Duration].map(|r| shape.key(r)) {
        [Some(s), Some(e), _] | [Some(s), None, Some(e)] => {
            write!(m, ", times from `{s}` and `{e}` in {rule}")
        }
        [Some(s), None, None] => write!(m, ", times from `{s}` in {rule}"),
        _ => write!(m, ", no times"),
    };
}

/// Times the words of `piece` listed in the array at `at`: each word found
/// in the text after the one before.
fn time_words(doc: &Doc, at: usize, keys: &Keys, in_ms: bool, piece: &mut Piece) {
    let mut from = 0;
    for [w, _] in doc.items(at) {
        let v: [Option<usize>; ROLES] = fields::values(doc, w, keys);
        let (Some(word), Some(start)) = (
            v[Role::Text as usize].and_then(|a| doc.string(a)),
            v[Role::Start as usize]
                .and_then(|a| time(doc, a))
                .and_then(|t| ms(t, in_ms)),
        ) else {
            continue;
        };
        let word = word.trim();
        if let Some(k) = piece
            .text
            .get(from..)
            .and_then(|t| t.find(word))
            .filter(|_| !word.is_empty())
        {
            piece
                .words
                .push([u32::try_from(from + k).unwrap_or(u32::MAX), start]);
            from += k + word.len();
        }
    }
}
