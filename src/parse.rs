//! Turning transcript text into a [`Transcript`].
//!
//! Parsing never fails: any input, even empty, yields a value.

use crate::model::Transcript;

/// Parses transcript text into a title and paragraphs.
///
/// The title is the first non-blank line. Paragraphs are separated by blank
/// lines; the lines of one paragraph are joined with single spaces, and runs of
/// whitespace (including U+00A0, which IGF copies put at the start of every
/// paragraph) collapse to one space. A leading byte-order mark is ignored, and
/// CRLF or lone CR line endings read the same as LF.
///
/// ```
/// use floor::parse::parse;
/// let t = parse("\u{feff}Title\r\n\r\n\u{a0}A  wrapped\r\n line.\r\n\r\n\r\nNext.");
/// assert_eq!(t.title, "Title");
/// assert_eq!(t.paragraphs, ["A wrapped line.", "Next."]);
/// assert_eq!(parse(""), Default::default());
/// ```
pub fn parse(text: &str) -> Transcript {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = lines(text);
    // Blank lines before the title carry nothing.
    let mut title = String::new();
    for line in lines.by_ref() {
        if !is_blank(line) {
            title = normalise(line);
            break;
        }
    }
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in lines {
        if is_blank(line) {
            flush(&mut current, &mut paragraphs);
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    flush(&mut current, &mut paragraphs);
    Transcript { title, paragraphs }
}

/// The lines of `text`, with LF, CRLF and lone CR all ending a line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
}

/// Whether a line holds nothing but whitespace (U+00A0 included).
fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// Collapses every run of whitespace to one space and trims both ends.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    if !current.is_empty() {
        paragraphs.push(normalise(current));
        current.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_whitespace_input_give_an_empty_transcript() {
        for input in ["", "\n\n", " \u{a0}\t\r\n", "\u{feff}"] {
            assert_eq!(parse(input), Transcript::default(), "{input:?}");
        }
    }

    #[test]
    fn title_alone() {
        let t = parse("\n\n  Only a title  \n");
        assert_eq!(t.title, "Only a title");
        assert!(t.paragraphs.is_empty());
    }

    #[test]
    fn cr_only_line_endings_separate_paragraphs() {
        let t = parse("T\r\rone\rtwo\r\rthree");
        assert_eq!(t.paragraphs, ["one two", "three"]);
    }
}
