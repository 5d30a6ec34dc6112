//! Where the text a reader reads came from in the caller's source.
//!
//! A reader does not always read the caller's string as it is: a byte-order
//! mark is skipped, and a saved page is read as the text [`html::extract`]
//! takes out of it. Ranges and line numbers in the result must still point
//! into the caller's source; a [`SourceMap`] maps them back.

use std::cell::OnceCell;

use crate::read::html::{self, Extracted};
use crate::text::{self, Line};

/// Maps offsets and lines of the text being read to offsets and 1-based
/// line numbers in the caller's source.
#[derive(Debug)]
pub(crate) struct SourceMap<'a> {
    /// The caller's source.
    source: &'a str,
    /// Bytes of `source` skipped before the text's own source (a byte-order
    /// mark): they hold no line break.
    skipped: usize,
    /// The page the text was extracted from `source[skipped..]`, if any.
    page: Option<&'a Extracted>,
    /// Where each line of `source` starts, built on first need.
    line_starts: OnceCell<Vec<usize>>,
    /// The reader cut lines of the text in pieces ([`SourceMap::lines_cut`]).
    cut: bool,
}

impl<'a> SourceMap<'a> {
    /// The text is `source[skipped..]` as it is; the `skipped` bytes (a
    /// byte-order mark) hold no line break.
    pub(crate) fn verbatim(source: &'a str, skipped: usize) -> SourceMap<'a> {
        SourceMap {
            source,
            skipped,
            page: None,
            line_starts: OnceCell::new(),
            cut: false,
        }
    }

    /// The text is `page.text`, extracted from `source[skipped..]` by
    /// [`html::extract`]; the `skipped` bytes hold no line break.
    pub(crate) fn extracted(source: &'a str, skipped: usize, page: &'a Extracted) -> SourceMap<'a> {
        SourceMap {
            page: Some(page),
            ..SourceMap::verbatim(source, skipped)
        }
    }

    /// The offset in the caller's source of byte `offset` of the text. In
    /// extracted text, a byte that an entity or a tag produced maps to that
    /// entity or tag (see [`Extracted::map`]).
    pub(crate) fn offset(&self, offset: usize) -> usize {
        self.skipped + self.page.map_or(offset, |p| p.source_offset(offset))
    }

    /// The 1-based number, in the caller's source, of the line that holds
    /// `line` of the text (where the line starts, for extracted text).
    pub(crate) fn line(&self, line: &Line) -> usize {
        if self.page.is_some() || self.cut {
            self.line_at(self.offset(line.start))
        } else {
            // The skipped bytes hold no line break: lines are numbered alike.
            line.number
        }
    }

    /// Says that the reader cut lines of the text in pieces, numbered as
    /// lines of their own: lines are then numbered by where they start.
    pub(crate) fn lines_cut(&mut self) {
        self.cut = true;
    }

    /// The 1-based number, in the caller's source, of the line where a
    /// dropped part of the page starts.
    pub(crate) fn dropped_line(&self, dropped: &html::Dropped) -> usize {
        self.line_at(self.skipped + dropped.source_offset)
    }

    /// The 1-based number of the line of the caller's source that holds
    /// byte `offset` of the source.
    pub(crate) fn line_at(&self, offset: usize) -> usize {
        let starts = self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(text::lines(self.source).skip(1).map(|l| l.start));
            starts
        });
        starts.partition_point(|&s| s <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(text: &str, start: usize) -> Line<'_> {
        text::lines(text)
            .find(|l| l.start == start)
            .expect("a line starts there")
    }

    #[test]
    fn verbatim_text_after_a_bom() {
        let source = "\u{feff}a\nbc\r\nd";
        let text = &source[3..];
        let map = SourceMap::verbatim(source, 3);
        assert_eq!([0, 2, 4, 7].map(|o| map.offset(o)), [3, 5, 7, 10]);
        assert_eq!([0, 2, 6].map(|s| map.line(&line_of(text, s))), [1, 2, 3]);
        assert_eq!(
            [0, 3, 4, 5, 6, 9, 10].map(|o| map.line_at(o)),
            [1, 1, 1, 2, 2, 3, 3]
        );
    }

    #[test]
    fn verbatim_text_as_is() {
        let map = SourceMap::verbatim("a\rb", 0);
        assert_eq!(map.offset(2), 2);
        assert_eq!(map.line(&line_of("a\rb", 2)), 2);
        assert_eq!([0, 1, 2].map(|o| map.line_at(o)), [1, 1, 2]);
        assert_eq!(SourceMap::verbatim("", 0).line_at(0), 1);
    }

    #[test]
    fn extracted_text() {
        let source = "\u{feff}<p>One</p>\n<nav>Menu</nav><p>Two<br>\nthree</p>";
        let page = html::extract(&source[3..]);
        let map = SourceMap::extracted(source, 3, &page);
        let text = page.text.as_str();
        let at = |word: &str| text.find(word).expect("the word is in the text");
        // Offsets land on the same words in the caller's source.
        for word in ["One", "Two", "three"] {
            assert_eq!(&source[map.offset(at(word))..][..word.len()], word);
        }
        // Lines are numbered as the source's, not as the text's.
        let lines: Vec<(&str, usize)> = text::lines(text)
            .filter(|l| !l.text.is_empty())
            .map(|l| (l.text, map.line(&l)))
            .collect();
        assert_eq!(lines, [("One", 1), ("Two", 2), ("three", 3)]);
        let nav = &page.dropped[0];
        assert_eq!((nav.what, map.dropped_line(nav)), ("navigation", 2));
    }
}
