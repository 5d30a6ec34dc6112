//! JSON transcripts: Floor's own ([`floor`]: `floor parse`'s model, read
//! back), Podcasting 2.0 `segments` ([`podcast`]), Whisper's
//! segments and the utterances of speech-to-text services
//! ([`segments`]), read with a small JSON reader of our own ([`value`]),
//! in the array and fields [`fields`] finds.
//!
//! What is read:
//! - a transcript (an array of objects with a text field): its items as
//!   pieces for [`cues::build`], with one `format_read` diagnostic naming
//!   the fields and the time unit used (format `podcast-json` or
//!   `json-segments`; Whisper's JSON is `json-segments`);
//! - JSON that holds no transcript: no turns, and a diagnostic saying what
//!   was looked for and what the top object has. Its keys and values are
//!   not a transcript's words: none is taken as one;
//! - JSON that breaks off (a truncated download) or breaks: the items
//!   before the break are read, and a diagnostic says where it stopped,
//!   with the text not read in its `dropped`; if no transcript was found
//!   before the break, the file is read as text, so no word is lost.

mod fields;
mod floor;
mod podcast;
mod segments;
pub(crate) mod value;

use crate::model::{Diagnostic, DiagnosticKind, Transcript};
use crate::read::cues::{self, Found, Piece, Voice, note};
use crate::read::source_map::SourceMap;
use value::{Doc, Stop};

/// Whether `text` (trimmed at the start) looks like a JSON document that
/// may hold a transcript: an object with a key (`{"`), or an array of
/// objects (`[{`). So plain text, or a line that starts with `[00:12]`,
/// never does.
///
/// ```
/// use floor::read::json::looks_like;
/// assert!(looks_like("{\n  \"segments\": []}"));
/// assert!(looks_like("[ {\"text\": \"Hi\"}"));
/// assert!(!looks_like("[00:00:01] Ana: Hi"));
/// assert!(!looks_like("[ Applause ]"));
/// ```
pub fn looks_like(text: &str) -> bool {
    let b = text.as_bytes();
    let next = b.iter().skip(1).find(|c| !c.is_ascii_whitespace());
    matches!(
        (b.first(), next),
        (Some(b'{'), Some(b'"' | b'}')) | (Some(b'['), Some(b'{'))
    )
}

/// Reads a JSON transcript (see the module's documentation).
pub fn read(text: &str, diagnostics: Vec<Diagnostic>) -> Transcript {
    let doc = Doc::new(text);
    if floor::is_floor(&doc) {
        return floor::read(&doc, diagnostics);
    }
    let mut found = Found {
        diagnostics,
        ..Found::default()
    };
    let Some(mut shape) = fields::find(&doc) else {
        if let Some(stop) = doc.stop {
            let then = "no transcript before it, so the file is read as text";
            found.diagnostics.push(stopped(&doc, stop, then));
            return super::igf::read(text, found.diagnostics);
        }
        let mut message = String::from(
            "no transcript found in this JSON: looked for `segments` or another array of objects \
             with a text field (`text`, `body`, `transcript`, `content`, `utterance`, `sentence`, \
             `word`) at the top or one or two levels down",
        );
        let mut sep = "; its top-level keys: `";
        for (key, _) in doc.members(doc.root.unwrap_or_default()).take(8) {
            message.push_str(sep);
            message.push_str(key);
            sep = "`, `";
        }
        if sep.len() == 4 {
            message.push('`');
        }
        found
            .diagnostics
            .push(note(0, DiagnosticKind::FormatRead, message));
        return cues::build("json", Vec::new(), found);
    };
    let mut message = String::from("read as ");
    match podcast::adopt(&doc, &mut shape) {
        Some(version) => {
            message.push_str("a Podcasting 2.0 JSON transcript, version ");
            message.push_str(version.as_deref().unwrap_or("not given"));
        }
        None if shape.key == "segments" => message.push_str("JSON segments (Whisper's shape)"),
        None => message.push_str("JSON segments"),
    }
    message.push_str(": ");
    let (mut pieces, cut) = segments::pieces(&doc, &shape, &mut message);
    found
        .diagnostics
        .push(note(0, DiagnosticKind::FormatRead, message));
    if let Some(stop) = doc.stop {
        let then = pieces.len().to_string() + " items before it are read, the rest is not";
        let mut d = stopped(&doc, stop, &then);
        let rest = text[cut.unwrap_or(stop.at)..].trim();
        d.dropped = rest
            .contains(char::is_alphanumeric)
            .then(|| rest.to_string());
        found.diagnostics.push(d);
    }
    // Without speakers, `>> NAME:` or `Name:` in the text may say them;
    // with them, a `>>` at a segment's start starts a turn.
    let named = pieces.iter().any(|p| matches!(p.voice, Voice::Named(_)));
    if named {
        cues::speakers::leading_markers(&mut pieces);
    }
    let marks = |p: &Piece| {
        p.text.contains(['>', ':', '&']) || p.text.trim_start().starts_with(['-', '–', '—'])
    };
    if !named && pieces.iter().any(marks) {
        pieces = cues::speakers::split(pieces);
        // The parts of an item share its range, and may go to two turns:
        // all but the last get its start, so that turns do not overlap.
        for i in 1..pieces.len() {
            if pieces[i].range == pieces[i - 1].range {
                pieces[i - 1].range[1] = pieces[i - 1].range[0];
            }
        }
    }
    cues::build(shape.format, pieces, found)
}

/// A diagnostic at the line where the JSON of `doc` stops, saying why,
/// then `then`.
pub(super) fn stopped(doc: &Doc, stop: Stop, then: &str) -> Diagnostic {
    let mut m = String::from("the JSON breaks off here (");
    m.push_str(stop.why);
    if stop.why.ends_with("expected")
        && let Some(c) = doc.text[stop.at..].chars().next()
    {
        m.push_str(", `");
        m.push(c);
        m.push_str("` found");
    }
    m.push_str("): ");
    m.push_str(then);
    let line = SourceMap::verbatim(doc.text, 0).line_at(stop.at);
    note(line, DiagnosticKind::FormatRead, m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::parse_str;

    fn paragraphs(t: &Transcript) -> Vec<(Option<&str>, Vec<String>)> {
        t.turns
            .iter()
            .map(|turn| (t.label(turn), t.paragraphs(turn).to_vec()))
            .collect()
    }

    #[test]
    fn podcast_segments_of_one_speaker_make_one_turn() {
        let t = parse_str(
            r#"{"version": "1.0.0", "segments": [
                {"speaker": "Darth Vader", "startTime": 0.5, "endTime": 0.75, "body": "I"},
                {"speaker": "Darth Vader", "startTime": 1, "endTime": 1.25, "body": "am"},
                {"speaker": "Luke", "startTime": 2.75, "endTime": 3.0, "body": "Nooooo\n"}]}"#,
        );
        assert_eq!(t.meta.format, "podcast-json");
        assert_eq!(
            paragraphs(&t),
            [
                (Some("Darth Vader"), vec!["I am".to_string()]),
                (Some("Luke"), vec!["Nooooo".to_string()])
            ]
        );
        assert_eq!(t.times(&t.turns[0]), [Some(500), Some(1250)]);
        assert_eq!(t.turns[1].line, 4);
        assert!(
            t.diagnostics[0].message.contains("version 1.0.0:"),
            "{:?}",
            t.diagnostics
        );
    }

    #[test]
    fn whisper_segments_with_word_times() {
        let t = parse_str(
            r#"{"text": " Hello there. Bye.", "segments": [
                {"id": 0, "start": 0.0, "end": 1.5, "text": " Hello there.",
                 "words": [{"word": " Hello", "start": 0.0, "end": 0.5}, {"word": " there.", "start": 0.6, "end": 1.5}]},
                {"id": 1, "start": 7.0, "end": 8.0, "text": " Bye.", "tokens": [1, 2]}], "language": "en"}"#,
        );
        assert_eq!(t.meta.format, "json-segments");
        assert_eq!(t.turns.len(), 2, "a pause of 5.5 s without speakers");
        assert_eq!(
            t.word_times(&t.turns[0], 0).collect::<Vec<_>>(),
            [[0, 0], [6, 600]]
        );
        let m = &t.diagnostics[0].message;
        assert!(
            m.contains("start `start`, end `end`; times in seconds")
                && m.contains("word times from `words`"),
            "{m}"
        );
    }

    #[test]
    fn utterances_in_milliseconds() {
        let by_values = parse_str(
            r#"[{"speaker": 0, "start": 250, "end": 2650, "transcript": "Hi."},
                {"speaker": 1, "start": 3000, "end": 5200, "transcript": "Hello."}]"#,
        );
        assert_eq!(
            by_values.times(&by_values.turns[1]),
            [Some(3000), Some(5200)]
        );
        assert_eq!(by_values.label(&by_values.turns[0]), Some("Speaker 0"));
        assert!(
            by_values.diagnostics[0]
                .message
                .contains("too long for seconds")
        );
        let by_name = parse_str(r#"[{"startMs": 2, "durationMs": 3, "text": "a"}]"#);
        assert_eq!(by_name.times(&by_name.turns[0]), [Some(2), Some(5)]);
        let clock = parse_str(r#"[{"from": "00:01:02.5", "to": "0:01:03", "body": "a"}]"#);
        assert_eq!(clock.times(&clock.turns[0]), [Some(62_500), Some(63_000)]);
        let whole = parse_str(r#"[{"start": 2, "end": "5", "text": "a"}]"#);
        assert_eq!(whole.times(&whole.turns[0]), [Some(2_000), Some(5_000)]);
    }

    #[test]
    fn turns_split_inside_an_item_do_not_overlap() {
        let t = parse_str(r#"[{"text": "One."}, {"text": "Two. >> CHAIR: Three."}]"#);
        let got: Vec<_> = t
            .turns
            .iter()
            .map(|turn| (t.label(turn), turn.range))
            .collect();
        assert_eq!(got, [(None, [1, 19]), (Some("CHAIR"), [19, 52])]);
    }

    #[test]
    fn json_without_a_transcript_says_what_was_looked_for() {
        let t = parse_str(r#"{"name": "x", "items": [1, 2]}"#);
        assert!(t.turns.is_empty());
        assert_eq!(t.meta.format, "json");
        let m = &t.diagnostics[0].message;
        assert!(
            m.starts_with("no transcript found in this JSON")
                && m.ends_with("its top-level keys: `name`, `items`"),
            "{m}"
        );
    }

    #[test]
    fn truncated_json_reads_what_came_before() {
        let text = "[{\"text\": \"One.\"},\n{\"text\": \"Two.\"},\n{\"text\": \"Thr";
        let t = parse_str(text);
        assert_eq!(paragraphs(&t), [(None, vec!["One. Two.".to_string()])]);
        let d = &t.diagnostics[1];
        assert_eq!(
            (d.line, d.dropped.as_deref()),
            (3, Some("{\"text\": \"Thr"))
        );
        assert!(
            d.message.contains("the file ends inside a string"),
            "{}",
            d.message
        );
        // Broken before any transcript: read as text.
        let t = parse_str("{\"a\": 1 \"b\": [{\"text\": \"One.\"}]}");
        assert_eq!(t.meta.format, "igf");
        assert!(
            t.diagnostics
                .iter()
                .any(|d| d.message.contains("read as text")),
            "{:?}",
            t.diagnostics
        );
    }
}
