//! Floor's own JSON (`floor-json`): the model as `floor parse` prints it
//! and `floor export --format json` writes it (`meta`, `speakers`, `turns`,
//! `diagnostics`), read back to the same header, speakers (ids, names,
//! labels), turns, paragraphs, times and diagnostics:
//!
//! ```json
//! {"meta": {"title": "Title", "format": "igf", …},
//!  "speakers": [{"id": "chair", "name": "Chair", "labels": ["CHAIR"], "turns": 1}],
//!  "turns": [{"n": 1, "start": null, "end": null, "speaker": "chair", "label": "CHAIR",
//!             "paragraphs": ["Hello."], "annotations": [], "range": [7, 22], "line": 3}],
//!  "diagnostics": []}
//! ```
//!
//! Told by its shape: a top object with `meta`, `speakers` and `turns`, its
//! turns objects with `paragraphs`. What is derived is derived again:
//! annotations from the paragraphs, each speaker's number of turns; a
//! turn's `range` and `line` are where it is in the JSON. When the
//! speakers are not those of the turns (a turn's speaker not among them,
//! or without its label, a label without a speaker, an id twice), the
//! speakers are resolved from the labels, as any reader's. The format read
//! before is said in a `format_read` diagnostic; `meta.format` is
//! `floor-json`.

use super::value::{Doc, thousandths};
use crate::model::FORMATS;
use crate::model::{Diagnostic, DiagnosticKind, Speaker, Transcript};
use crate::read::cues::note;
use crate::read::source_map::SourceMap;

/// Whether the document is Floor's JSON.
pub(super) fn is_floor(doc: &Doc) -> bool {
    let Some(root) = doc.root.filter(|&r| doc.is(r, b'{')) else {
        return false;
    };
    let has = |key: &str, bracket: u8| doc.get(root, key).is_some_and(|at| doc.is(at, bracket));
    has("meta", b'{')
        && has("speakers", b'[')
        && doc.get(root, "turns").is_some_and(|turns| {
            doc.is(turns, b'[')
                && doc
                    .items(turns)
                    .next()
                    .is_none_or(|[at, _]| doc.get(at, "paragraphs").is_some())
        })
}

/// Milliseconds of a number of seconds (`null` is none).
fn ms(doc: &Doc, at: Option<usize>) -> Option<u32> {
    let (v, _) = thousandths(doc.scalar(at?)?)?;
    u32::try_from(v).ok()
}

/// A whole number.
fn whole(doc: &Doc, at: Option<usize>) -> Option<usize> {
    let (v, _) = thousandths(doc.scalar(at?)?)?;
    usize::try_from(v / 1000).ok()
}

fn string(doc: &Doc, at: Option<usize>) -> Option<String> {
    doc.string(at?)
}

fn strings(doc: &Doc, at: Option<usize>) -> Vec<String> {
    at.map(|at| doc.items(at).filter_map(|[a, _]| doc.string(a)).collect())
        .unwrap_or_default()
}

/// Reads Floor's JSON (`doc`, which [`is_floor`]).
pub(super) fn read(doc: &Doc, mut diagnostics: Vec<Diagnostic>) -> Transcript {
    let root = doc.root.unwrap_or_default();
    let lines = SourceMap::verbatim(doc.text, 0);
    let mut t = Transcript::default();
    let meta = doc.get(root, "meta").unwrap_or_default();
    let field = |key: &str| string(doc, doc.get(meta, key));
    t.meta.title = field("title");
    t.meta.disclaimer = field("disclaimer");
    t.meta.date = field("date");
    t.meta.date_text = field("date_text");
    t.meta.time = field("time");
    t.meta.location = field("location");
    t.meta.other = strings(doc, doc.get(meta, "other"));
    t.meta.duration = ms(doc, doc.get(meta, "duration"));
    t.meta.format = "floor-json";
    let before = field("format").unwrap_or_default();
    // The speakers, as written.
    let mut speakers: Vec<Speaker> = Vec::new();
    if let Some(at) = doc.get(root, "speakers") {
        for [s, _] in doc.items(at) {
            let Some(id) = string(doc, doc.get(s, "id")) else {
                continue;
            };
            speakers.push(Speaker {
                name: string(doc, doc.get(s, "name")).unwrap_or_else(|| id.clone()),
                id,
                labels: strings(doc, doc.get(s, "labels")),
                turns: 0,
            });
        }
    }
    // The turns, and each one's speaker; whether the speakers are those of
    // the turns (each id once, each labelled turn's speaker known).
    let mut speaker_of: Vec<Option<usize>> = Vec::new();
    let mut consistent =
        (0..speakers.len()).all(|i| speakers[..i].iter().all(|o| o.id != speakers[i].id));
    let mut timed = false;
    let mut items = doc.items(doc.get(root, "turns").unwrap_or_default());
    for [at, end] in items.by_ref() {
        let label = string(doc, doc.get(at, "label"));
        let paragraphs = strings(doc, doc.get(at, "paragraphs"));
        let first = t.paragraph_total();
        t.push_turn(
            label.as_deref(),
            paragraphs.iter().map(String::as_str),
            [at, end],
            lines.line_at(at),
        );
        let i = t.turns.len() - 1;
        let id = string(doc, doc.get(at, "speaker"));
        let s = id
            .as_deref()
            .and_then(|id| speakers.iter().position(|s| s.id == id));
        // A turn has a speaker when it has a label, one of the speaker's.
        consistent &= s.is_some() == id.is_some()
            && match (s, &label) {
                (Some(s), Some(label)) => speakers[s].labels.contains(label),
                (None, None) => true,
                _ => false,
            };
        speaker_of.push(s);
        let times = [ms(doc, doc.get(at, "start")), ms(doc, doc.get(at, "end"))];
        timed |= times != [None, None];
        t.set_turn_times(i, times);
        if let Some(starts) = doc.get(at, "paragraph_starts") {
            for (p, [s, _]) in doc.items(starts).enumerate().take(paragraphs.len()) {
                t.set_paragraph_start(first + p, ms(doc, Some(s)));
            }
        }
        if let Some(words) = doc.get(at, "word_times") {
            for [w, _] in doc.items(words) {
                let v: Vec<usize> = doc.items(w).map(|[a, _]| a).collect();
                let (Some(p), Some(offset), Some(start)) = (
                    whole(doc, v.first().copied()),
                    whole(doc, v.get(1).copied()),
                    ms(doc, v.get(2).copied()),
                ) else {
                    continue;
                };
                // Only on a char boundary of a paragraph the turn has.
                if paragraphs
                    .get(p)
                    .is_some_and(|text| text.is_char_boundary(offset))
                {
                    t.time_word_of(first + p, offset, start);
                }
            }
        }
    }
    let mut message = String::from("read as Floor's JSON");
    if !before.is_empty() {
        message.push_str(" of a transcript read as ");
        message.push_str(
            FORMATS
                .iter()
                .find(|f| **f == before)
                .copied()
                .unwrap_or("another format"),
        );
    }
    message.push_str(": ");
    message.push_str(&t.turns.len().to_string());
    message.push_str(" turns");
    if !consistent && !t.turns.is_empty() {
        message.push_str("; speakers resolved from the labels");
    }
    diagnostics.push(note(0, DiagnosticKind::FormatRead, message));
    if let Some(stop) = doc.stop {
        let d = super::stopped(doc, stop, "the turns before it are read, the rest is not");
        diagnostics.push(d);
    }
    // The diagnostics it holds.
    if let Some(at) = doc.get(root, "diagnostics") {
        for [d, _] in doc.items(at) {
            let kind = string(doc, doc.get(d, "kind"));
            let Some(&kind) = DiagnosticKind::ALL
                .iter()
                .find(|k| Some(k.name()) == kind.as_deref())
            else {
                continue;
            };
            if kind == DiagnosticKind::FormatRead
                && string(doc, doc.get(d, "message"))
                    .is_some_and(|m| m.starts_with("read as Floor's JSON"))
            {
                continue;
            }
            diagnostics.push(Diagnostic {
                line: whole(doc, doc.get(d, "line")).unwrap_or(0),
                kind,
                message: string(doc, doc.get(d, "message")).unwrap_or_default(),
                dropped: string(doc, doc.get(d, "dropped")),
                label: string(doc, doc.get(d, "label")),
            });
        }
    }
    if timed && t.meta.duration.is_none() {
        t.meta.duration = t.turns.iter().filter_map(|turn| t.times(turn)[1]).max();
    }
    t.annotate(crate::resolve::annotate::find_annotations);
    t.shrink_to_fit();
    if consistent {
        let mut count = vec![0usize; speakers.len()];
        for &s in speaker_of.iter().flatten() {
            count[s] += 1;
        }
        // The speakers with turns, in order, and where each went.
        let mut moved = vec![None; speakers.len()];
        let mut kept = Vec::with_capacity(speakers.len());
        for (i, mut s) in speakers.into_iter().enumerate() {
            if count[i] > 0 {
                s.turns = count[i];
                moved[i] = Some(kept.len());
                kept.push(s);
            }
        }
        for (i, s) in speaker_of.iter().enumerate() {
            t.set_speaker(i, s.and_then(|s| moved[s]));
        }
        t.speakers = kept;
        t.diagnostics = diagnostics;
    } else {
        t.diagnostics = diagnostics;
        crate::resolve::speakers::resolve(&mut t, &crate::resolve::speakers::Choices::default());
    }
    t
}
