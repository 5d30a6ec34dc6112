//! APA 7th edition (Publication Manual of the American Psychological
//! Association, 2020).
//!
//! The reference follows the manual's transcripts and speech recordings
//! (Example 96, `King, M. L., Jr. (1963, August 28). I have a dream [Speech
//! audio recording]. American Rhetoric. URL`; APA Style's "Transcripts of
//! audiovisual works": the speaker as author, the type of transcript in
//! square brackets) and its conference presentations (10.5: the event's
//! name and place as source):
//!
//! `Author, A. A. (Year, Month Day). Title [Meeting transcript]. Publisher,
//! Place. URL`
//!
//! - The author's initials (9.8), a suffix after them (`King, M. L., Jr.`);
//!   a role or group as written (`Chair St. Amour.`).
//! - No author: the title moves to the author's place, before the date (9.12).
//! - No date: `(n.d.)` (9.17).
//! - The title is italic in print; here plain text. It is kept as the
//!   transcript writes it: APA's sentence case needs to know proper nouns.
//! - No retrieval date: a transcript does not change over time (9.16).
//! - A quote, or a turn whose time is known, gets the in-text citation
//!   on the line above, with the time stamp as the locator of
//!   audiovisual works (8.28): `“…” (Doria, 2016, 12:34)`.
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
//!     start: Some(754_300),
//!     quote: Some("a two-year effort".into()),
//!     url: "https://example.org/#t37".into(),
//!     ..Cited::default()
//! };
//! assert_eq!(
//!     cite(&c, Style::Apa),
//!     "\u{201c}a two-year effort\u{201d} (Doria, 2016, 12:34)\n\
//!      Doria, A. (2016, April 6). IGF 2016 MAG Meeting [Meeting transcript]. \
//!      Internet Governance Forum, Geneva, Switzerland. https://example.org/#t37",
//! );
//! ```

use super::{Cited, MONTHS, closed, date_parts, quoted};
use crate::link::time::clock;

pub(super) fn cite(c: &Cited) -> String {
    let author = c.author().map(|a| closed(&a.inverted(true), '.'));
    let date = format!("({}).", date(c.date.as_deref()));
    let genre = (!c.genre.is_empty()).then(|| format!("[{}]", c.genre));
    let title = [c.title.clone(), genre]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let title = (!title.is_empty()).then(|| closed(&title, '.'));
    let mut parts = match author {
        Some(author) => [Some(author), Some(date), title]
            .into_iter()
            .flatten()
            .collect(),
        None => [title, Some(date)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
    };
    let source: Vec<&str> = [&c.publisher, &c.place]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !source.is_empty() {
        parts.push(closed(&source.join(", "), '.'));
    }
    if !c.url.is_empty() {
        parts.push(c.url.clone());
    }
    let reference = parts.join(" ");
    if c.quote.is_none() && c.start.is_none() {
        return reference;
    }
    // The in-text citation: author (or title), year, time stamp.
    let mut cited = vec![c.author().map_or_else(
        || c.title.clone().unwrap_or_else(|| format!("[{}]", c.genre)),
        |a| a.short(),
    )];
    cited.push(match c.date.as_deref().and_then(date_parts) {
        Some((y, _, _)) => y.to_string(),
        None => "n.d.".into(),
    });
    cited.extend(c.start.map(clock));
    let in_text = format!("({})", cited.join(", "));
    match &c.quote {
        Some(quote) => format!("{} {in_text}\n{reference}", quoted(quote, None)),
        None => format!("{in_text}\n{reference}"),
    }
}

/// `2016, April 6`, `2016, April`, `2016`, `n.d.`
fn date(iso: Option<&str>) -> String {
    match iso.map(|d| (d, date_parts(d))) {
        None => "n.d.".into(),
        Some((_, Some((y, Some(m), Some(d))))) => format!("{y}, {} {d}", MONTHS[m as usize - 1]),
        Some((_, Some((y, Some(m), None)))) => format!("{y}, {}", MONTHS[m as usize - 1]),
        Some((_, Some((y, None, _)))) => y.to_string(),
        Some((d, None)) => d.to_string(),
    }
}
