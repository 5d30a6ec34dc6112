//! The lines of the text being read, eight bytes each: where each starts
//! and ends. A [`Line`] (with its text and number) is made when asked for.
//!
//! A file of tiny turns has a line every few bytes; as `Vec<Line>` (32 bytes
//! a line natively) they alone took several times the input.

use crate::text::{self, Line};

/// The lines of a text, owned: the byte range of each.
pub(super) struct LineTable<'t> {
    text: &'t str,
    spans: Vec<[u32; 2]>,
}

impl<'t> LineTable<'t> {
    /// The lines of `text` (shorter than 4 GiB: the reader cuts longer ones).
    pub(super) fn new(text: &'t str) -> LineTable<'t> {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let spans = text::lines(text)
            .map(|l| [at(l.start), at(l.end())])
            .collect();
        LineTable { text, spans }
    }

    /// Makes line `i` blank (its text dropped), keeping its place.
    pub(super) fn blank(&mut self, i: usize) {
        if let Some(span) = self.spans.get_mut(i) {
            span[1] = span[0];
        }
    }

    /// Cuts the lines also where `cuts` says (offsets inside a line, in
    /// order): each piece is a line of its own, numbered in turn (the source
    /// map then numbers lines by offset).
    pub(super) fn cut<I: Iterator<Item = usize>>(&mut self, cuts: impl Fn(&'t str) -> I) {
        let mut spans = Vec::with_capacity(self.spans.len());
        for &[start, end] in &self.spans {
            let mut from = start;
            let text = self
                .text
                .get(start as usize..end as usize)
                .unwrap_or_default();
            for cut in cuts(text) {
                let at = start + u32::try_from(cut).unwrap_or(0);
                spans.push([from, at]);
                from = at;
            }
            spans.push([from, end]);
        }
        self.spans = spans;
    }

    /// All the lines.
    pub(super) fn all(&self) -> Lines<'_> {
        Lines {
            text: self.text,
            spans: &self.spans,
            first: 0,
            before: u32::MAX,
        }
    }
}

/// Some consecutive lines of a text: what `&[Line]` would be. Of
/// `"a\nbc\n\nd"`, `all().slice(1..3)` is two lines, the first `at(0)`
/// with text `"bc"` and number 2.
#[derive(Clone, Copy)]
pub(super) struct Lines<'a> {
    text: &'a str,
    spans: &'a [[u32; 2]],
    /// The position of the first of them among all the lines.
    first: usize,
    /// Where the line before the first ends (`u32::MAX`: none).
    before: u32,
}

impl<'a> Lines<'a> {
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Line `i` of these (from 0). Panics past the end, as a slice does.
    pub(super) fn at(&self, i: usize) -> Line<'a> {
        let [start, end] = self.spans[i];
        let (start, end) = (start as usize, end as usize);
        Line {
            start,
            text: self.text.get(start..end).unwrap_or_default(),
            number: self.first + i + 1,
        }
    }

    pub(super) fn first(&self) -> Option<Line<'a>> {
        (!self.is_empty()).then(|| self.at(0))
    }

    /// Lines `range` of these.
    pub(super) fn slice(&self, range: std::ops::Range<usize>) -> Lines<'a> {
        let before = match range.start {
            0 => self.before,
            i => self.spans[i - 1][1],
        };
        Lines {
            text: self.text,
            first: self.first + range.start,
            spans: &self.spans[range],
            before,
        }
    }

    /// Whether line `i` starts where the line before ends: it was cut from
    /// it ([`LineTable::cut`]), in the middle of a line of the text.
    pub(super) fn starts_mid_line(&self, i: usize) -> bool {
        let before = match i {
            0 => self.before,
            i => self.spans.get(i - 1).map_or(u32::MAX, |s| s[1]),
        };
        self.spans.get(i).is_some_and(|s| s[0] == before)
    }

    pub(super) fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = Line<'a>> + ExactSizeIterator + 'a {
        let this = *self;
        (0..self.len()).map(move |i| this.at(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_the_text_lines() {
        for text in ["", "a", "a\nbc\r\n\rd\n", "\n\n", "é\r\nü"] {
            let table = LineTable::new(text);
            let want: Vec<Line> = text::lines(text).collect();
            let got: Vec<Line> = table.all().iter().collect();
            assert_eq!(got, want, "{text:?}");
            for a in 0..=want.len() {
                for b in a..=want.len() {
                    let got: Vec<Line> = table.all().slice(a..b).iter().collect();
                    assert_eq!(got, want[a..b], "{text:?} {a}..{b}");
                }
            }
        }
    }

    #[test]
    fn cut_lines() {
        let mut table = LineTable::new("ab>>c>>d\nxy>>z");
        table.cut(|line| line.match_indices(">>").map(|(i, _)| i));
        let lines: Vec<(usize, &str, usize)> = table
            .all()
            .iter()
            .map(|l| (l.start, l.text, l.number))
            .collect();
        let want = [
            (0, "ab", 1),
            (2, ">>c", 2),
            (5, ">>d", 3),
            (9, "xy", 4),
            (11, ">>z", 5),
        ];
        assert_eq!(lines, want);
        let mid: Vec<bool> = (0..6).map(|i| table.all().starts_mid_line(i)).collect();
        assert_eq!(mid, [false, true, true, false, true, false]);
        let two = table.all().slice(2..4);
        assert!(two.starts_mid_line(0) && !two.starts_mid_line(1));
        assert!(!LineTable::new("a\n\nb").all().starts_mid_line(1));
    }

    #[test]
    fn a_blanked_line_keeps_its_place() {
        let mut table = LineTable::new("a\nWarning: x\nb");
        table.blank(1);
        let lines: Vec<(usize, &str, usize)> = table
            .all()
            .iter()
            .map(|l| (l.start, l.text, l.number))
            .collect();
        assert_eq!(lines, [(0, "a", 1), (2, "", 2), (13, "b", 3)]);
    }
}
