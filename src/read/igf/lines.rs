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

    /// All the lines.
    pub(super) fn all(&self) -> Lines<'_> {
        Lines {
            text: self.text,
            spans: &self.spans,
            first: 0,
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
        Lines {
            text: self.text,
            first: self.first + range.start,
            spans: &self.spans[range],
        }
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
