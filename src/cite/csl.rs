//! CSL-JSON, the input of Citation Style Language processors (citeproc-js
//! in Zotero and Mendeley, citeproc-rs, pandoc): an array of one item, as
//! the schema `csl-data.json` describes it (CSL 1.0.2).
//!
//! - `type`: `speech` (CSL's type for "a speech or other presentation:
//!   a lecture, a talk, a paper presented at a conference").
//! - `author`: a person as `family` / `given`, with
//!   `non-dropping-particle` and `suffix`; a role or group as `literal`;
//!   none for an unattributed turn.
//! - `title`; `genre` (`Meeting transcript`); `event-title`, the event the
//!   speech was given at (the organisation that held the meeting), and
//!   `event` for processors of CSL 1.0.1; `event-place`.
//! - `issued` and `accessed` as `date-parts`.
//! - `URL`.
//! - `note`: the turn, its time and the quote in curly quotation marks
//!   (Zotero keeps it in Extra). CSL's `locator` belongs to a citation, not
//!   to an item.
//!
//! Written by hand, valid JSON: quotation marks, backslashes and control
//! characters escaped.
//!
//! ```
//! use floor::cite::{cite, Cited, Style};
//! let c = Cited {
//!     speaker: Some("Avri Doria".into()),
//!     title: Some("IGF 2016 MAG Meeting".into()),
//!     genre: "Meeting transcript".into(),
//!     publisher: Some("Internet Governance Forum".into()),
//!     date: Some("2016-04-06".into()),
//!     place: Some("Geneva, Switzerland".into()),
//!     turn: 37,
//!     url: "https://example.org/#t37".into(),
//!     accessed: Some("2026-11-28".into()),
//!     ..Cited::default()
//! };
//! assert_eq!(cite(&c, Style::CslJson), r##"[
//!   {
//!     "id": "doria2016t37",
//!     "type": "speech",
//!     "author": [{"family": "Doria", "given": "Avri"}],
//!     "title": "IGF 2016 MAG Meeting",
//!     "genre": "Meeting transcript",
//!     "event-title": "Internet Governance Forum",
//!     "event": "Internet Governance Forum",
//!     "event-place": "Geneva, Switzerland",
//!     "issued": {"date-parts": [[2016, 4, 6]]},
//!     "URL": "https://example.org/#t37",
//!     "accessed": {"date-parts": [[2026, 11, 28]]},
//!     "note": "Turn 37"
//!   }
//! ]"##);
//! ```

use super::{Cited, Name, date_parts};

pub(super) fn cite(c: &Cited) -> String {
    let author = c.author();
    let mut fields: Vec<(&str, String)> =
        vec![("id", string(&super::key(c))), ("type", string("speech"))];
    match &author {
        Some(Name::Person {
            given,
            particle,
            family,
            suffix,
        }) => {
            let mut name = vec![format!("\"family\": {}", string(family))];
            name.push(format!("\"given\": {}", string(given)));
            if !particle.is_empty() {
                name.push(format!("\"non-dropping-particle\": {}", string(particle)));
            }
            if !suffix.is_empty() {
                name.push(format!("\"suffix\": {}", string(suffix)));
            }
            fields.push(("author", format!("[{{{}}}]", name.join(", "))));
        }
        Some(Name::AsWritten(name)) => {
            fields.push(("author", format!("[{{\"literal\": {}}}]", string(name))))
        }
        None => {}
    }
    if let Some(title) = &c.title {
        fields.push(("title", string(title)));
    }
    if !c.genre.is_empty() {
        fields.push(("genre", string(&c.genre)));
    }
    if let Some(publisher) = &c.publisher {
        fields.push(("event-title", string(publisher)));
        fields.push(("event", string(publisher)));
    }
    if let Some(place) = &c.place {
        fields.push(("event-place", string(place)));
    }
    if let Some(date) = &c.date {
        fields.push(("issued", date_value(date)));
    }
    if !c.url.is_empty() {
        fields.push(("URL", string(&c.url)));
    }
    if let Some(accessed) = &c.accessed {
        fields.push(("accessed", date_value(accessed)));
    }
    if let Some(note) = super::note(c) {
        fields.push(("note", string(&note)));
    }
    let body = fields
        .iter()
        .map(|(name, value)| format!("    \"{name}\": {value}"))
        .collect::<Vec<_>>()
        .join(",\n");
    format!("[\n  {{\n{body}\n  }}\n]")
}

/// A date as CSL's `date-parts`, or as `raw` when it is not ISO.
fn date_value(iso: &str) -> String {
    match date_parts(iso) {
        Some((y, m, d)) => {
            let parts: Vec<String> = [Some(y), m, d]
                .into_iter()
                .flatten()
                .map(|n| n.to_string())
                .collect();
            format!("{{\"date-parts\": [[{}]]}}", parts.join(", "))
        }
        None => format!("{{\"raw\": {}}}", string(iso)),
    }
}

/// `s` as a JSON string.
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
