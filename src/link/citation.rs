//! Citations of a turn, as "Copy citation" gives them.

use crate::model::Transcript;
use crate::text::without_bidi_controls;
use crate::view::speaker_name;

/// One line of plain text citing a turn: speaker, title, date, turn number
/// and the time it starts at in the recording (when known), link.
/// Directional formatting characters in the transcript's text are left out
/// (an unclosed one would reorder what the citation is pasted into).
///
/// ```
/// let t = floor::read::parse_str("IGF 2016 MAG Meeting\n\n6 April 2016\n\n>>CHAIR ST. AMOUR: Hello.");
/// assert_eq!(
///     floor::link::citation(&t, 1, "https://h/x?src=a#t1"),
///     "Chair St. Amour, \u{201c}IGF 2016 MAG Meeting\u{201d}, 2016-04-06, turn 1. https://h/x?src=a#t1",
/// );
/// use floor::read::cues::{build, Found, Piece, Voice};
/// let mut cue = Piece::new("Hello.".into(), 3, [8, 40]);
/// (cue.start, cue.voice) = (Some(754_300), Voice::Named("Ana".into()));
/// let t = build("webvtt", vec![cue], Found::default());
/// assert_eq!(
///     floor::link::citation(&t, 1, "https://h/x?src=a.vtt#t1"),
///     "Ana, turn 1 at 12:34. https://h/x?src=a.vtt#t1",
/// );
/// ```
pub fn citation(t: &Transcript, n: u32, link: &str) -> String {
    let turn = t.turns.get((n as usize).wrapping_sub(1));
    let name = turn.map_or("Unattributed", |turn| speaker_name(t, turn));
    let mut parts = vec![without_bidi_controls(name)];
    if let Some(title) = &t.meta.title {
        parts.push(format!("\u{201c}{}\u{201d}", without_bidi_controls(title)));
    }
    if let Some(date) = &t.meta.date {
        parts.push(date.clone());
    }
    let start = turn.and_then(|turn| t.start(turn));
    parts.push(match start {
        Some(ms) => format!("turn {n} at {}", super::time::clock(ms)),
        None => format!("turn {n}"),
    });
    format!("{}. {link}", parts.join(", "))
}
