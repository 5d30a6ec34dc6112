//! Floor's model as JSON: what `floor parse` prints (`meta`, `speakers`,
//! `turns`, `diagnostics`, the fields of [`crate::model`]), written by
//! hand so that the WebAssembly build carries no JSON library. Floor
//! reads it back (`floor-json`) to the same speakers (ids, names, labels),
//! turns, paragraphs, times and header. A selection's turns are numbered
//! from 1 again, and its speakers are those who speak in it.
//!
//! One difference from `floor parse`: control characters in strings are
//! written `\u00XX`, never `\t` or `\n`, so that they read back as they
//! were.
//!
//! ```
//! use floor::export::{Format, Selection, export};
//! let t = floor::read::parse_str("Title\n\n>>CHAIR: Hello.\n\n>>ANA: Hi [ Applause ].");
//! let json = export(&t, Format::Json, &Selection::All).unwrap();
//! assert!(json.starts_with("{\"meta\":{\"title\":\"Title\","));
//! let back = floor::read::parse_file(json.as_bytes(), "x.json");
//! assert_eq!(back.meta.format, "floor-json");
//! assert_eq!(back.speakers, t.speakers);
//! assert_eq!(back.paragraphs(&back.turns[1]).to_vec(), ["Hi [ Applause ]."]);
//! assert_eq!(back.annotations(&back.turns[1]).len(), 1);
//! ```

use crate::model::{Speaker, Transcript, Turn};

/// `turns` of `t` as Floor's JSON.
pub fn write(t: &Transcript, turns: &[&Turn]) -> String {
    let mut o = String::with_capacity(t.text_len() * 2 + 1024);
    let m = &t.meta;
    o.push_str("{\"meta\":{");
    for (i, (key, value)) in [
        ("title", &m.title),
        ("disclaimer", &m.disclaimer),
        ("date", &m.date),
        ("date_text", &m.date_text),
        ("time", &m.time),
        ("location", &m.location),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            o.push(',');
        }
        key_of(&mut o, key);
        option(&mut o, value.as_deref());
    }
    o.push(',');
    key_of(&mut o, "other");
    strings(&mut o, m.other.iter().map(String::as_str));
    o.push(',');
    key_of(&mut o, "format");
    string(&mut o, m.format);
    o.push(',');
    key_of(&mut o, "duration");
    seconds(&mut o, m.duration);
    o.push_str("},\n\"speakers\":[");
    // The speakers who speak in the turns chosen, with their turns there.
    let mut count = vec![0usize; t.speakers.len()];
    for turn in turns {
        if let Some(s) = turn.speaker() {
            count[s] += 1;
        }
    }
    let mut first = true;
    for (s, n) in t.speakers.iter().zip(&count).filter(|(_, n)| **n > 0) {
        if !std::mem::take(&mut first) {
            o.push(',');
        }
        o.push('\n');
        speaker(&mut o, s, *n);
    }
    o.push_str("],\n\"turns\":[");
    let timed = t.is_timed();
    for (i, turn) in turns.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        o.push('\n');
        write_turn(&mut o, t, turn, i as u32 + 1, timed);
    }
    o.push_str("],\n\"diagnostics\":[");
    for (i, d) in t.diagnostics.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        o.push_str("\n{\"line\":");
        o.push_str(&d.line.to_string());
        o.push(',');
        key_of(&mut o, "kind");
        string(&mut o, d.kind.name());
        o.push(',');
        key_of(&mut o, "message");
        string(&mut o, &d.message);
        for (key, value) in [("dropped", &d.dropped), ("label", &d.label)] {
            if let Some(v) = value {
                o.push(',');
                key_of(&mut o, key);
                string(&mut o, v);
            }
        }
        o.push('}');
    }
    o.push_str("]}\n");
    o
}

fn speaker(o: &mut String, s: &Speaker, turns: usize) {
    o.push_str("{\"id\":");
    string(o, &s.id);
    o.push_str(",\"name\":");
    string(o, &s.name);
    o.push_str(",\"labels\":");
    strings(o, s.labels.iter().map(String::as_str));
    o.push_str(",\"turns\":");
    o.push_str(&turns.to_string());
    o.push('}');
}

fn write_turn(o: &mut String, t: &Transcript, turn: &Turn, n: u32, timed: bool) {
    let [start, end] = t.times(turn);
    o.push_str("{\"n\":");
    o.push_str(&n.to_string());
    o.push_str(",\"start\":");
    seconds(o, start);
    o.push_str(",\"end\":");
    seconds(o, end);
    o.push_str(",\"speaker\":");
    option(o, t.speaker_id(turn));
    o.push_str(",\"label\":");
    option(o, t.label(turn));
    o.push_str(",\"paragraphs\":");
    let paragraphs = t.paragraphs(turn);
    strings(o, paragraphs.iter());
    if timed {
        o.push_str(",\"paragraph_starts\":[");
        for i in 0..paragraphs.len() {
            if i > 0 {
                o.push(',');
            }
            seconds(o, t.paragraph_start(turn, i));
        }
        o.push_str("],\"word_times\":[");
        let mut first = true;
        for i in 0..paragraphs.len() {
            for [at, ms] in t.word_times(turn, i) {
                if !std::mem::take(&mut first) {
                    o.push(',');
                }
                o.push('[');
                o.push_str(&i.to_string());
                o.push_str(".0,");
                o.push_str(&at.to_string());
                o.push_str(".0,");
                seconds(o, Some(ms));
                o.push(']');
            }
        }
        o.push(']');
    }
    o.push_str(",\"annotations\":[");
    for (i, a) in t.annotations(turn).iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        let paragraph = t.paragraph(turn, a.paragraph()).unwrap_or_default();
        let [x, y] = a.range();
        o.push_str("{\"paragraph\":");
        o.push_str(&a.paragraph().to_string());
        o.push_str(&format!(",\"range\":[{x},{y}],\"kind\":"));
        string(o, &a.kind(paragraph));
        if let Some([x, y]) = a.word(paragraph) {
            o.push_str(&format!(",\"word\":[{x},{y}]"));
        }
        o.push('}');
    }
    let [a, b] = turn.range;
    o.push_str(&format!("],\"range\":[{a},{b}],\"line\":{}}}", turn.line));
}

fn key_of(o: &mut String, key: &str) {
    string(o, key);
    o.push(':');
}

fn option(o: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(o, s),
        None => o.push_str("null"),
    }
}

fn strings<'a>(o: &mut String, items: impl Iterator<Item = &'a str>) {
    o.push('[');
    for (i, s) in items.enumerate() {
        if i > 0 {
            o.push(',');
        }
        string(o, s);
    }
    o.push(']');
}

/// Milliseconds as seconds, as serde writes an `f64` (`1.5`, `3.0`), or
/// `null`.
pub(super) fn seconds(o: &mut String, ms: Option<u32>) {
    let Some(ms) = ms else {
        o.push_str("null");
        return;
    };
    o.push_str(&(ms / 1000).to_string());
    o.push('.');
    let frac = format!("{:03}", ms % 1000);
    let frac = frac.trim_end_matches('0');
    o.push_str(if frac.is_empty() { "0" } else { frac });
}

/// `s` as a JSON string: `"` and `\` escaped, control characters as
/// `\u00XX`.
pub(super) fn string(o: &mut String, s: &str) {
    o.push('"');
    let mut last = 0;
    for (i, c) in s.char_indices() {
        if c == '"' || c == '\\' || c < ' ' {
            o.push_str(&s[last..i]);
            match c {
                '"' => o.push_str("\\\""),
                '\\' => o.push_str("\\\\"),
                c => o.push_str(&format!("\\u{:04x}", c as u32)),
            }
            last = i + c.len_utf8();
        }
    }
    o.push_str(&s[last..]);
    o.push('"');
}
