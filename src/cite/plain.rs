//! Plain text: Floor's own one-line citation, as "Copy citation" has always
//! given it (`floor::link::citation`).
//!
//! The speaker's display name (`Unattributed` when there is none), the
//! title in curly quotation marks, the ISO date, the turn and the time it
//! starts at in the recording when known, then the link. A quote goes first,
//! in curly quotation marks, on a line of its own.
//!
//! ```
//! use floor::cite::{cite, Cited, Style};
//! let c = Cited {
//!     speaker: Some("Avri Doria".into()),
//!     title: Some("IGF 2016 MAG Meeting".into()),
//!     date: Some("2016-04-06".into()),
//!     turn: 37,
//!     start: Some(754_300),
//!     quote: Some("a two-year effort".into()),
//!     url: "https://example.org/#t37".into(),
//!     ..Cited::default()
//! };
//! assert_eq!(
//!     cite(&c, Style::Plain),
//!     "\u{201c}a two-year effort\u{201d}\n\
//!      Avri Doria, \u{201c}IGF 2016 MAG Meeting\u{201d}, 2016-04-06, turn 37 at 12:34. https://example.org/#t37",
//! );
//! ```

use super::Cited;
use crate::link::time::clock;

pub(super) fn cite(c: &Cited) -> String {
    let mut parts = vec![c.speaker.clone().unwrap_or_else(|| "Unattributed".into())];
    if let Some(title) = &c.title {
        parts.push(super::quoted(title, None));
    }
    if let Some(date) = &c.date {
        parts.push(date.clone());
    }
    match (c.turn, c.start) {
        (0, Some(ms)) => parts.push(format!("at {}", clock(ms))),
        (0, None) => {}
        (n, Some(ms)) => parts.push(format!("turn {n} at {}", clock(ms))),
        (n, None) => parts.push(format!("turn {n}")),
    }
    let mut line = parts.join(", ") + ".";
    if !c.url.is_empty() {
        line = format!("{line} {}", c.url);
    }
    match &c.quote {
        Some(quote) => format!("{}\n{line}", super::quoted(quote, None)),
        None => line,
    }
}
