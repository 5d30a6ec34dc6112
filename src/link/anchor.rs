//! Permalinks: the URL fragments that name one turn or one paragraph.
//!
//! Turns are numbered from 1 and written `t{n}`; a paragraph of a turn is
//! `t{n}-p{m}`, also from 1. These strings are element ids in the viewer and
//! fragments in shared links, so their form is a stable public contract. So
//! is a quote's, `t{n}-p{m}:w{a}-{b}~{check}` ([`Quote`]), a run of words
//! in a turn.

use std::fmt;

use super::Quote;

/// A place in a transcript that a link can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// Turn `n` (from 1).
    Turn(u32),
    /// Paragraph `m` (from 1) of turn `n` (from 1): `Paragraph(n, m)`.
    Paragraph(u32, u32),
    /// A run of words in a turn: see [`Quote`].
    Quote(Quote),
}

impl Anchor {
    /// Reads a fragment such as `t37`, `#t37` or `t37-p2`. Returns `None` for
    /// anything else, including zero, signs, leading zeros and trailing text,
    /// so that each anchor has exactly one spelling.
    ///
    /// ```
    /// use floor::link::Anchor;
    /// assert_eq!(Anchor::parse("#t37"), Some(Anchor::Turn(37)));
    /// assert_eq!(Anchor::parse("t37-p2"), Some(Anchor::Paragraph(37, 2)));
    /// assert_eq!(Anchor::parse("t0"), None);
    /// assert_eq!(Anchor::parse("t037"), None);
    /// assert!(matches!(Anchor::parse("#t37-p2:w4-16"), Some(Anchor::Quote(_))));
    /// ```
    pub fn parse(fragment: &str) -> Option<Anchor> {
        let rest = fragment.strip_prefix('#').unwrap_or(fragment);
        if rest.contains(":w") {
            return Quote::parse(rest).map(Anchor::Quote);
        }
        let rest = rest.strip_prefix('t')?;
        match rest.split_once("-p") {
            None => number(rest).map(Anchor::Turn),
            Some((turn, para)) => Some(Anchor::Paragraph(number(turn)?, number(para)?)),
        }
    }

    /// The turn this anchor is in.
    pub fn turn(self) -> u32 {
        match self {
            Anchor::Turn(n) | Anchor::Paragraph(n, _) => n,
            Anchor::Quote(q) => q.turn,
        }
    }

    /// The index (from 0) of the paragraph this anchor is at in its turn: 0
    /// for a turn.
    ///
    /// ```
    /// use floor::link::Anchor;
    /// assert_eq!(Anchor::Paragraph(3, 2).paragraph_index(), 1);
    /// assert_eq!(Anchor::Turn(3).paragraph_index(), 0);
    /// ```
    pub fn paragraph_index(self) -> usize {
        match self {
            Anchor::Turn(_) => 0,
            Anchor::Paragraph(_, m) => m.saturating_sub(1) as usize,
            Anchor::Quote(q) => q.paragraph.saturating_sub(1) as usize,
        }
    }

    /// The element this anchor is at: the turn or paragraph itself, a
    /// quote's paragraph (or turn).
    ///
    /// ```
    /// use floor::link::Anchor;
    /// assert_eq!(Anchor::parse("t3-p2:w1-4").unwrap().place(), Anchor::Paragraph(3, 2));
    /// assert_eq!(Anchor::parse("t3:w1-4").unwrap().place(), Anchor::Turn(3));
    /// ```
    pub fn place(self) -> Anchor {
        match self {
            Anchor::Quote(q) if q.paragraph > 0 => Anchor::Paragraph(q.turn, q.paragraph),
            Anchor::Quote(q) => Anchor::Turn(q.turn),
            a => a,
        }
    }
}

/// A positive decimal number written without sign or leading zeros.
pub(super) fn number(digits: &str) -> Option<u32> {
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if canonical { digits.parse().ok() } else { None }
}

impl fmt::Display for Anchor {
    /// Writes the fragment without `#`: `t37` or `t37-p2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anchor::Turn(n) => write!(f, "t{n}"),
            Anchor::Paragraph(n, m) => write!(f, "t{n}-p{m}"),
            Anchor::Quote(q) => q.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        for anchor in [
            Anchor::Turn(1),
            Anchor::Turn(4_000),
            Anchor::Paragraph(12, 3),
        ] {
            assert_eq!(Anchor::parse(&anchor.to_string()), Some(anchor));
        }
    }

    #[test]
    fn rejects_malformed_fragments() {
        for bad in [
            "",
            "#",
            "t",
            "t-1",
            "t+1",
            "T1",
            "t1-p",
            "t1-p0",
            "t1p2",
            "t1-p2x",
            "t99999999999",
            // A time (`#t=12:34`), not a turn.
            "t=37",
            "#t=12:34",
        ] {
            assert_eq!(Anchor::parse(bad), None, "{bad:?}");
        }
    }
}
