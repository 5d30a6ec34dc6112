//! Citations of a turn, as "Copy citation" gives them: the plain text
//! style of [`crate::cite`], which has the others.

use crate::cite::{Cited, Style, cite};
use crate::model::Transcript;

/// One line of plain text citing a turn: speaker, title, date, turn number
/// and the time it starts at in the recording (when known), link
/// ([`crate::cite::Style::Plain`]).
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
    cite(&Cited::of(t, n, None, link, ""), Style::Plain)
}
