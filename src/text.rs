//! Small text helpers shared by the parser and its tests.

/// Whether `c` is whitespace for layout purposes: Unicode whitespace, which
/// includes U+00A0 (IGF copies start every paragraph with one).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Whether `c` is a combining mark (an accent written as its own code point,
/// as in decomposed `E\u{301}`): it belongs to the letter before it.
pub fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Whether a line holds nothing but whitespace.
pub fn is_blank(line: &str) -> bool {
    trim(line).is_empty()
}

/// `s` without leading and trailing whitespace (U+00A0 included).
pub fn trim(s: &str) -> &str {
    // ASCII first: most lines start and end with ASCII, and the Unicode
    // whitespace check is the slow path.
    let s = s.trim_ascii();
    if s.starts_with(|c: char| !c.is_ascii()) || s.ends_with(|c: char| !c.is_ascii()) {
        s.trim_matches(is_space)
    } else {
        s
    }
}

/// The words of `s`: maximal runs of letters and digits. This is what
/// "loses no word" counts.
///
/// ```
/// let w: Vec<_> = floor::text::words(">>CHAIR ST. AMOUR:  co\u{2011}chair, 2016!").collect();
/// assert_eq!(w, ["CHAIR", "ST", "AMOUR", "co", "chair", "2016"]);
/// ```
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// `words(s).count()`, a byte at a time through ASCII (four times faster on
/// a large transcript in WASM).
pub fn word_count(s: &str) -> usize {
    let bytes = s.as_bytes();
    let (mut count, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let (word, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        count += usize::from(word && !in_word);
        in_word = word;
        i += len;
    }
    count
}

/// One line of the source: its text without the line terminator, and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// Byte offset of the line's first byte in the source.
    pub start: usize,
    /// The line, without its terminator.
    pub text: &'a str,
    /// 1-based line number.
    pub number: usize,
}

impl Line<'_> {
    /// Byte offset just past the line's text (before its terminator).
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The lines of `source`, where LF, CRLF and a lone CR each end a line.
///
/// ```
/// let lines: Vec<_> = floor::text::lines("a\r\nb\rc\n").map(|l| (l.start, l.text)).collect();
/// assert_eq!(lines, [(0, "a"), (3, "b"), (5, "c")]);
/// ```
pub fn lines(source: &str) -> impl Iterator<Item = Line<'_>> {
    let bytes = source.as_bytes();
    let mut pos = 0;
    let mut number = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        pos = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        number += 1;
        // `end` sits on an ASCII byte or the end, so it is a char boundary.
        Some(Line {
            start,
            text: &source[start..end],
            number,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cover_every_terminator() {
        let got: Vec<_> = lines("\n\r\n\r")
            .map(|l| (l.start, l.text, l.number))
            .collect();
        assert_eq!(got, [(0, "", 1), (1, "", 2), (3, "", 3)]);
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("no terminator").next().unwrap().end(), 13);
    }

    #[test]
    fn words_split_on_everything_but_letters_and_digits() {
        assert_eq!(
            words("Sérgio's  re-zende…").collect::<Vec<_>>(),
            ["Sérgio", "s", "re", "zende"]
        );
        assert_eq!(words("*** >> :").count(), 0);
        for s in [
            "Sérgio's  re-zende…",
            "",
            "a",
            " a b ",
            "日本語 テキスト",
            "x\u{301}y z",
            "***",
        ] {
            assert_eq!(word_count(s), words(s).count(), "{s:?}");
        }
    }
}
