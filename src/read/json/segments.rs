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

use super::fields::{self, Keys, Role, Shape};
use super::value::{Doc, thousandths};
use crate::read::cues::{Piece, Voice, time::clock};
use crate::read::source_map::SourceMap;

const START: usize = Role::Start as usize;
const END: usize = Role::End as usize;
const DURATION: usize = Role::Duration as usize;
const TEXT: usize = Role::Text as usize;
const SPEAKER: usize = Role::Speaker as usize;

/// A time as written: a number in thousandths of its unit and whether it
/// is whole, or (`None`) a clock time in milliseconds.
type Time = (u64, Option<bool>);

fn time(doc: &Doc, at: Option<usize>) -> Option<Time> {
    let at = at?;
    Some(match doc.string(at) {
        Some(s) if s.contains(':') => (u64::from(clock(s.trim())?), None),
        Some(s) => thousandths(s.trim()).map(|(v, w)| (v, Some(w)))?,
        None => thousandths(doc.scalar(at)?).map(|(v, w)| (v, Some(w)))?,
    })
}

/// Milliseconds of a time, numbers in milliseconds if `ms`, else seconds.
fn ms((v, whole): Time, ms: bool) -> Option<u32> {
    let ms = ms && whole.is_some();
    u32::try_from(if ms { v.saturating_add(500) / 1000 } else { v }).ok()
}

/// Whether the times written as numbers are milliseconds, and why (see the
/// module's documentation), and how many items there are.
fn unit(doc: &Doc, shape: &Shape) -> (bool, &'static str, usize) {
    let mut items = 0;
    let (mut numbers, mut fraction, mut total, mut n, mut last) = (false, false, 0u64, 0u64, None);
    for [at, _] in doc.items(shape.at) {
        items += 1;
        let v = fields::values(doc, at, &shape.keys);
        let [s, e, d] = [START, END, DURATION].map(|r| {
            let (t, whole) = time(doc, v[r])?;
            numbers |= whole.is_some();
            fraction |= whole == Some(false);
            whole.map(|_| t)
        });
        // An item's length: its end less its start, its duration, or the
        // time since the start before.
        let length = match (s, e, d, last) {
            (Some(s), Some(e), ..) => Some(e.saturating_sub(s)),
            (_, _, Some(d), _) => Some(d),
            (Some(s), _, _, Some(l)) => Some(s.saturating_sub(l)),
            _ => None,
        };
        last = s.or(last);
        if let Some(length) = length {
            (total, n) = (total.saturating_add(length), n + 1);
        }
    }
    let (ms, rule) = match (shape.ms, numbers, fraction) {
        (Some(true), ..) => (true, "milliseconds (the field names say so)"),
        (Some(false), ..) => (false, "seconds (as the spec says)"),
        (_, false, _) => (false, "clock times"),
        (_, _, true) => (false, "seconds (the numbers have fractions)"),
        _ if total / n.max(1) >= 100_000 => (
            true,
            "milliseconds (whole numbers, 100 or more an item on average: too long for seconds)",
        ),
        _ => (
            false,
            "seconds (whole numbers, under 100 an item on average)",
        ),
    };
    (ms, rule, items)
}

/// The pieces of the items of `shape`, and where the items stop being
/// read (before an item that breaks off). Appends what was read to
/// `message`.
pub(super) fn pieces(
    doc: &Doc,
    shape: &Shape,
    message: &mut String,
) -> (Vec<Piece>, Option<usize>) {
    let (in_ms, rule, count) = unit(doc, shape);
    let lines = SourceMap::verbatim(doc.text, 0);
    // A speaker given as a number is `Speaker 1` (`Channel 1`).
    let number = match shape.keys[SPEAKER] {
        Some(k) if k.eq_ignore_ascii_case("channel") => "Channel ",
        _ => "Speaker ",
    };
    // A piece is some 130 bytes, an item as few as 13: no room to spare.
    let mut pieces = Vec::with_capacity(count);
    let (mut items_seen, mut timed_words) = (0, false);
    let mut word_keys: Option<(Keys, bool)> = None;
    let mut items = doc.items(shape.at);
    for [at, end] in items.by_ref() {
        items_seen += 1;
        let v = fields::values(doc, at, &shape.keys);
        let Some(text) = v[TEXT].and_then(|a| doc.string(a)) else {
            continue;
        };
        let mut piece = Piece::new(text, lines.line_at(at), [at, end]);
        let time = |r: usize| ms(time(doc, v[r])?, in_ms);
        piece.start = time(START);
        piece.end = time(END).or_else(|| Some(piece.start?.saturating_add(time(DURATION)?)));
        if let Some(s) = v[SPEAKER] {
            let label = match doc.scalar(s) {
                Some("null") | None => doc.string(s).unwrap_or_default(),
                Some(n) => number.to_string() + n,
            };
            if !label.trim().is_empty() {
                piece.voice = Voice::Named(label.trim().to_string());
            }
        }
        if let Some(words) = v[Role::Words as usize].filter(|&w| doc.is(w, b'[')) {
            let (keys, ms_named) =
                *word_keys.get_or_insert_with(|| fields::keys(doc, doc.items(words)));
            time_words(doc, words, &keys, ms_named || in_ms, &mut piece);
            timed_words |= !piece.words.is_empty();
        }
        pieces.push(piece);
    }
    message.push_str(&pieces.len().to_string());
    message.push_str(" items of ");
    match shape.key {
        "" => message.push_str("the top-level array"),
        key => {
            message.push('`');
            message.push_str(key);
            message.push('`');
        }
    }
    // The fields used, in [`Role`]'s order.
    for (key, name) in shape
        .keys
        .iter()
        .zip(["text", "start", "end", "duration", "speaker"])
    {
        if let Some(key) = key {
            for part in [", ", name, " `", key, "`"] {
                message.push_str(part);
            }
        }
    }
    if shape.keys[START].is_some() {
        message.push_str("; times in ");
        message.push_str(rule);
    }
    if timed_words {
        message.push_str("; word times from `words`");
    }
    if items_seen > pieces.len() {
        message.push_str("; items without text skipped: ");
        message.push_str(&(items_seen - pieces.len()).to_string());
    }
    (pieces, items.cut)
}

/// Times the words of `piece` listed in the array at `at`: each word found
/// in the text after the one before.
fn time_words(doc: &Doc, at: usize, keys: &Keys, in_ms: bool, piece: &mut Piece) {
    let mut from = 0;
    for [w, _] in doc.items(at) {
        let v = fields::values(doc, w, keys);
        let (Some(word), Some(start)) = (
            v[TEXT].and_then(|a| doc.string(a)),
            time(doc, v[START]).and_then(|t| ms(t, in_ms)),
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
            piece.words.push([(from + k) as u32, start]);
            from += k + word.len();
        }
    }
}
