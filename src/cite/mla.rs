//! MLA 9th edition (MLA Handbook, 2021).
//!
//! The works-cited entry follows the core elements as the
//! handbook fills them for a speech or address (the handbook's `Atwood,
//! Margaret. “Silencing the Scream.” Boundaries of the Imagination Forum,
//! MLA Convention, 29 Dec. 1993, Royal York Hotel, Toronto. Address.`):
//! author, title of the source in quotation marks, the container (the
//! organisation behind the meeting), the date, the place where it was
//! held, then the description of the work (`Transcript`), the URL and
//! the access date as optional elements:
//!
//! `Doria, Avri. “Title.” Internet Governance Forum, 6 Apr. 2016, Geneva,
//! Switzerland. Meeting transcript. example.org/#t37. Accessed 28 Nov. 2026.`
//!
//! - The author inverted, a suffix after a comma (`King, Martin Luther,
//!   Jr.`); a role or group as written; no author: the title first.
//! - Months abbreviated (`Apr.`, `Sept.`); the URL without `https://`.
//! - The container is italic in print; here plain text.
//! - A quote, or a turn whose time is known, gets the in-text citation on
//!   the line above, the time stamp its locator: `“…” (Doria
//!   00:12:34)`.
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
//! assert_eq!(
//!     cite(&c, Style::Mla),
//!     "Doria, Avri. \u{201c}IGF 2016 MAG Meeting.\u{201d} Internet Governance Forum, \
//!      6 Apr. 2016, Geneva, Switzerland. Meeting transcript. example.org/#t37. \
//!      Accessed 28 Nov. 2026.",
//! );
//! ```

use super::{Cited, closed, date_parts, quoted};

/// Month abbreviations, January first, as the handbook writes them.
const MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];

pub(super) fn cite(c: &Cited) -> String {
    let mut parts = Vec::new();
    if let Some(author) = c.author() {
        parts.push(closed(&author.inverted(false), '.'));
    }
    if let Some(title) = &c.title {
        parts.push(quoted(title, Some('.')));
    }
    let when = c.date.as_deref().map(date);
    let container: Vec<&str> = [&c.publisher, &when, &c.place]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !container.is_empty() {
        parts.push(closed(&container.join(", "), '.'));
    }
    if !c.genre.is_empty() {
        parts.push(closed(&c.genre, '.'));
    }
    if !c.url.is_empty() {
        let url = ["https://", "http://"]
            .iter()
            .find_map(|scheme| c.url.strip_prefix(scheme))
            .unwrap_or(&c.url);
        parts.push(closed(url, '.'));
    }
    if let Some(accessed) = &c.accessed {
        parts.push(format!("Accessed {}.", date(accessed)));
    }
    let entry = parts.join(" ");
    if c.quote.is_none() && c.start.is_none() {
        return entry;
    }
    // The in-text citation: the author's family name (or the title), and
    // the time stamp.
    let mut cited = vec![c.author().map_or_else(
        || {
            c.title
                .as_deref()
                .map_or_else(|| c.genre.clone(), |t| quoted(t, None))
        },
        |a| a.short(),
    )];
    cited.extend(c.start.map(time_stamp));
    let in_text = format!("({})", cited.join(" "));
    match &c.quote {
        Some(quote) => format!("{} {in_text}\n{entry}", quoted(quote, None)),
        None => format!("{in_text}\n{entry}"),
    }
}

/// `6 Apr. 2016`, `Apr. 2016`, `2016`; an unreadable date as written.
fn date(iso: &str) -> String {
    match date_parts(iso) {
        Some((y, Some(m), Some(d))) => format!("{d} {} {y}", MONTHS[m as usize - 1]),
        Some((y, Some(m), None)) => format!("{} {y}", MONTHS[m as usize - 1]),
        Some((y, None, _)) => y.to_string(),
        None => iso.to_string(),
    }
}

/// Hours, minutes and seconds, as the handbook writes time stamps:
/// `00:12:34`.
fn time_stamp(ms: u32) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}
