//! Chicago, notes and bibliography (The Chicago Manual of Style, 17th ed.,
//! 2017), the system of the humanities.
//!
//! A turn is cited as a lecture or a paper presented at a meeting (14.217):
//! the speaker, the title in quotation marks, then what it is, the sponsor,
//! the place and the date, and the URL when it is read online:
//!
//! - bibliography entry (14.21): `Doria, Avri. “Title.” Meeting transcript,
//!   Internet Governance Forum, Geneva, Switzerland, April 6, 2016. URL.`
//!   (the manual's `Hong, Viviana. “Censorship in Children’s Literature
//!   during Argentina’s Dirty War (1976–1983).” Lecture, University of
//!   Chicago, Chicago, IL, April 30, 2015.`);
//! - with a quote, or a time into the recording, the quote and then the
//!   full note instead (14.20), which carries the locator, a time stamp:
//!   `Avri Doria, “Title” (meeting transcript, Internet Governance Forum,
//!   Geneva, Switzerland, April 6, 2016), at 12:34, URL.`
//!
//! A role or group is written as it is; no author: the title first; no
//! date: `n.d.`. An access date only when there is no date (14.12).
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
//!     ..Cited::default()
//! };
//! assert_eq!(
//!     cite(&c, Style::Chicago),
//!     "Doria, Avri. \u{201c}IGF 2016 MAG Meeting.\u{201d} Meeting transcript, \
//!      Internet Governance Forum, Geneva, Switzerland, April 6, 2016. https://example.org/#t37.",
//! );
//! let c = Cited { start: Some(754_300), ..c };
//! assert_eq!(
//!     cite(&c, Style::Chicago),
//!     "Avri Doria, \u{201c}IGF 2016 MAG Meeting\u{201d} (meeting transcript, \
//!      Internet Governance Forum, Geneva, Switzerland, April 6, 2016), at 12:34, https://example.org/#t37.",
//! );
//! ```

use super::{Cited, closed, month_day_year, quoted};
use crate::link::time::clock;

pub(super) fn cite(c: &Cited) -> String {
    if c.quote.is_some() || c.start.is_some() {
        let note = note(c);
        return match &c.quote {
            Some(quote) => format!("{}\n{note}", quoted(quote, None)),
            None => note,
        };
    }
    bibliography(c)
}

/// What the work is, who held it, where and when: `Meeting transcript,
/// Internet Governance Forum, Geneva, Switzerland, April 6, 2016`.
fn facts(c: &Cited, lower: bool) -> String {
    let mut genre = c.genre.clone();
    if lower {
        genre = lower_first(&genre);
    }
    let date = c.date.as_deref().map_or("n.d.".into(), month_day_year);
    [
        Some(&genre),
        c.publisher.as_ref(),
        c.place.as_ref(),
        Some(&date),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(", ")
}

fn bibliography(c: &Cited) -> String {
    let mut parts = Vec::new();
    if let Some(author) = c.author() {
        parts.push(closed(&author.inverted(false), '.'));
    }
    if let Some(title) = &c.title {
        parts.push(quoted(title, Some('.')));
    }
    // The facts open the entry or follow a period: a capital (`N.d.`).
    parts.push(closed(&upper_first(&facts(c, false)), '.'));
    if c.date.is_none()
        && let Some(accessed) = &c.accessed
    {
        parts.push(format!("Accessed {}.", month_day_year(accessed)));
    }
    if !c.url.is_empty() {
        parts.push(closed(&c.url, '.'));
    }
    parts.join(" ")
}

fn note(c: &Cited) -> String {
    let mut head = Vec::new();
    if let Some(author) = c.author() {
        head.push(author.natural());
    }
    let facts = facts(c, true);
    let mut out = match &c.title {
        Some(title) => {
            head.push(quoted(title, None));
            format!("{} ({facts})", head.join(", "))
        }
        None => {
            head.push(facts);
            head.join(", ")
        }
    };
    if let Some(ms) = c.start {
        out.push_str(&format!(", at {}", clock(ms)));
    }
    if c.date.is_none()
        && let Some(accessed) = &c.accessed
    {
        out.push_str(&format!(", accessed {}", month_day_year(accessed)));
    }
    if !c.url.is_empty() {
        out.push_str(&format!(", {}", c.url));
    }
    closed(&out, '.')
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        // Only a capital followed by lower case: `Lecture`, not `IGF`.
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
