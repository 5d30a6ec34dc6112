//! Scanners: recognise one line at a time, with no knowledge of the whole file.
//!
//! A turn marker is `>>` (or its HTML-escaped form `&gt;&gt;`) at the start of
//! a line, after any indentation, optionally followed by a speaker label and a
//! colon. Where a file has no `>>` at all, [`bare_label`] recognises the
//! `NAME:` and `**Name:**` labels other captioners use.

use crate::text::fold::is_ignorable;
use crate::text::{is_combining, is_space, trim_end, trim_start};

/// A turn marker found at the start of a line. Offsets are byte offsets
/// within the line (twelve bytes: a file of tiny turns has one a line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Where the speaker label is: empty without one (a label is never empty).
    label: [u32; 2],
    /// Where the turn's own text starts (after the label, the colon and spaces).
    text_start: u32,
}

impl Marker {
    pub(crate) fn new(label: Option<(usize, usize)>, text_start: usize) -> Marker {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let (a, b) = label.unwrap_or((0, 0));
        Marker {
            label: [at(a), at(b)],
            text_start: at(text_start),
        }
    }

    /// Where the speaker label is, if the marker has one.
    pub(crate) fn label(&self) -> Option<(usize, usize)> {
        let [a, b] = self.label;
        (a < b).then_some((a as usize, b as usize))
    }

    /// Where the turn's own text starts (after the label, the colon and spaces).
    pub(crate) fn text_start(&self) -> usize {
        self.text_start as usize
    }
}

/// Longest label accepted, in bytes: longer "labels" are sentences.
const MAX_LABEL_BYTES: usize = 80;
/// Most words a label may have.
const MAX_LABEL_WORDS: usize = 9;

/// Recognises a `>>` turn marker at the start of `line`.
pub(crate) fn marker(line: &str) -> Option<Marker> {
    let body_start = line.len() - trim_start(line).len();
    let after = arrows(&line[body_start..])? + body_start;
    let label_start = skip_spaces(line, after);
    let text_start_unlabelled = label_start;
    match label_at(line, label_start) {
        Some((end, text_start)) => Some(Marker::new(Some((label_start, end)), text_start)),
        None => Some(Marker::new(None, text_start_unlabelled)),
    }
}

/// Where the labelled `>>` markers inside `line` start, past its start (an
/// early file whose line breaks were lost runs its turns together:
/// `… (Gavel.) >>CHAIRMAN DESAI: Thank you.`). Each run of `>` is looked
/// at once, so a line of them is read in linear time.
pub(crate) fn inline_markers(line: &str) -> impl Iterator<Item = usize> + '_ {
    let lead = line.len() - trim_start(line).len();
    let mut at = lead;
    std::iter::from_fn(move || {
        loop {
            let i = at + memchr::memchr(b'>', line.as_bytes().get(at..)?)?;
            at = i + line[i..].bytes().take_while(|&b| b == b'>').count();
            if at - i >= 2 && i > lead && label_at(line, skip_spaces(line, at)).is_some() {
                return Some(i);
            }
        }
    })
}

/// Length of the `>>` marker (`>>`, `>>>`, `&gt;&gt;`, …) at the start of `s`.
pub(crate) fn arrows(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes.starts_with(b">>") {
        return Some(bytes.iter().take_while(|&&b| b == b'>').count());
    }
    let escaped = |at: usize| {
        bytes
            .get(at..at + 4)
            .is_some_and(|g| g.eq_ignore_ascii_case(b"&gt;"))
    };
    if escaped(0) && escaped(4) {
        let mut n = 8;
        while escaped(n) {
            n += 4;
        }
        return Some(n);
    }
    None
}

fn skip_spaces(line: &str, from: usize) -> usize {
    from + line[from..].len() - trim_start(&line[from..]).len()
}

/// Finds a speaker label starting at `start`: returns the label's end and where
/// the text after the colon starts.
fn label_at(line: &str, start: usize) -> Option<(usize, usize)> {
    let rest = &line[start..];
    let window = &rest.as_bytes()[..rest.len().min(MAX_LABEL_BYTES + 1)];
    // ':' is ASCII, so its offset is a char boundary.
    let colon = memchr::memchr(b':', window)?;
    let after = &rest[colon + 1..];
    let label = trim_end(&rest[..colon]);
    // "10:30", "http://": a label's colon is followed by a space or the end,
    // except after an upper-case label (`>>CHAIR:Thank you`).
    let spaced = after.is_empty() || after.starts_with(is_space);
    if !is_label(label, !spaced) || !(spaced || after.starts_with(char::is_alphabetic)) {
        return None;
    }
    Some((start + label.len(), skip_spaces(line, start + colon + 1)))
}

/// Lower-case words a name may hold: "Ana de Souza", "Maria van der Berg".
const PARTICLES: &[&str] = &[
    "al", "and", "bin", "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos", "du",
    "e", "el", "la", "le", "of", "the", "van", "von", "y", "zu",
];

/// Whether `label` reads as a speaker label: a few words of letters (and a
/// little punctuation), either mostly upper case (`CHAIR ST. AMOUR`,
/// `JAC sm KEE`) or, unless `strict`, Title Case (`William Light`).
pub(crate) fn is_label(label: &str, strict: bool) -> bool {
    if label.is_empty() || label.len() > MAX_LABEL_BYTES {
        return false;
    }
    let allowed = |c: char| {
        c.is_alphanumeric()
            || is_combining(c)
            || is_ignorable(c)
            || is_space(c)
            || matches!(
                c,
                '.' | '\'' | '’' | '-' | '‑' | '(' | ')' | '&' | '/' | ','
            )
    };
    if !label.chars().all(allowed) || label.starts_with(['(', ',', '.', '-']) {
        return false;
    }
    let words: Vec<&str> = label.split(is_space).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > MAX_LABEL_WORDS {
        return false;
    }
    let upper = label.chars().filter(|c| c.is_uppercase()).count();
    let lower = label.chars().filter(|c| c.is_lowercase()).count();
    if upper == 0 {
        return false;
    }
    if upper >= lower {
        return true;
    }
    !strict
        && words.iter().all(|w| {
            let first = w.trim_start_matches(['(', '\'', '’']).chars().next();
            match first {
                Some(c) if c.is_alphabetic() => {
                    c.is_uppercase() || PARTICLES.contains(&crate::text::fold::fold(w).as_str())
                }
                _ => true,
            }
        })
}

/// A label at the start of a line with no `>>`: `ERIN: I'm Erin.`,
/// `**Jerod Santo:** Alright`, `Travis:` alone, after any no-break spaces
/// (an IGF page starts each paragraph with one: `\u{a0}MARILYN CADE:`).
/// Returns the label's range and where the text starts. `strict` accepts
/// only upper-case labels (and Markdown bold ones, which are explicit).
pub(crate) fn bare_label(line: &str, strict: bool) -> Option<((usize, usize), usize)> {
    let body = line.trim_start_matches(['\u{a0}', '\u{202f}', '\u{2007}']);
    let lead = line.len() - body.len();
    let ((a, b), text) = bare_label_at_start(body, strict)?;
    Some(((lead + a, lead + b), lead + text))
}

fn bare_label_at_start(line: &str, strict: bool) -> Option<((usize, usize), usize)> {
    if line.starts_with(is_space) {
        return None;
    }
    if let Some(inner) = line.strip_prefix("**") {
        // **Name:** text   or   **Name**: text
        let close = inner.find("**")?;
        let name = inner[..close].strip_suffix(':').unwrap_or(&inner[..close]);
        let mut after = 2 + close + 2;
        if name.len() == close {
            after = line[after..].strip_prefix(':').map(|_| after + 1)?;
        }
        if !is_label(name, false)
            || !(line[after..].is_empty() || line[after..].starts_with(is_space))
        {
            return None;
        }
        return Some(((2, 2 + name.len()), skip_spaces(line, after)));
    }
    let (end, text) = label_at(line, 0)?;
    if !is_label(&line[..end], strict) {
        return None;
    }
    Some(((0, end), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_and_its_label() {
        let line = "   >>CHAIR ST. AMOUR:  Thank you.";
        let m = marker(line).unwrap();
        assert_eq!(
            &line[m.label().unwrap().0..m.label().unwrap().1],
            "CHAIR ST. AMOUR"
        );
        assert_eq!(&line[m.text_start()..], "Thank you.");
        let m = marker(">> (Off microphone.)").unwrap();
        assert_eq!(m.label(), None);
        assert_eq!(marker("Text with >> inside"), None);
    }

    #[test]
    fn a_bare_label() {
        let line = "**Jerod Santo:** Alright, we're joined";
        let (label, text) = bare_label(line, true).unwrap();
        assert_eq!(&line[label.0..label.1], "Jerod Santo");
        assert_eq!(&line[text..], "Alright, we're joined");
        assert!(bare_label("Room: Johnson", true).is_none());
        assert!(bare_label("Room: Johnson", false).is_some());
    }

    fn label_of(line: &str) -> Option<&str> {
        let m = marker(line)?;
        m.label().map(|(a, b)| &line[a..b])
    }

    /// The marker and label shapes of `src/read/igf/FORMAT.md` ("Turns").
    #[test]
    fn every_marker_shape_in_format_md() {
        let cases = [
            (
                ">>CHAIR ST. AMOUR: Thank you.",
                Some("CHAIR ST. AMOUR"),
                "Thank you.",
            ),
            (
                ">> MALCOLM JOHNSON:  Good morning",
                Some("MALCOLM JOHNSON"),
                "Good morning",
            ),
            ("   >> VINTON CERF:  Hello", Some("VINTON CERF"), "Hello"),
            ("\t >>MARKUS KUMMER:   Yes", Some("MARKUS KUMMER"), "Yes"),
            ("\u{a0}>>CHAIR:", Some("CHAIR"), ""),
            (
                ">>REMOTE INTERVENTION: From Brazil",
                Some("REMOTE INTERVENTION"),
                "From Brazil",
            ),
            (
                ">>SÉRGIO REZENDE: Obrigado",
                Some("SÉRGIO REZENDE"),
                "Obrigado",
            ),
            (">>JAC sm KEE: Thanks", Some("JAC sm KEE"), "Thanks"),
            (">> William Light: So", Some("William Light"), "So"),
            (">> (Off microphone.)", None, "(Off microphone.)"),
            (
                ">> I am Sivi (phonetic) from ISOC.",
                None,
                "I am Sivi (phonetic) from ISOC.",
            ),
            (">> Moderator: Welcome", Some("Moderator"), "Welcome"),
            (">> So what I said: this", None, "So what I said: this"),
            (">> The time is 10:30 now", None, "The time is 10:30 now"),
            ("&gt;&gt; GOOD MORNING.", None, "GOOD MORNING."),
            ("&gt;&gt;&gt; OKAY: yes", Some("OKAY"), "yes"),
            (">>", None, ""),
            (">>CHAIR:Thank you all.", Some("CHAIR"), "Thank you all."),
            (
                ">>SE\u{301}RGIO REZENDE: Hi",
                Some("SE\u{301}RGIO REZENDE"),
                "Hi",
            ),
            (
                ">> Note:this is not a label",
                None,
                "Note:this is not a label",
            ),
        ];
        for (line, label, text) in cases {
            let m = marker(line).unwrap_or_else(|| panic!("no marker in {line:?}"));
            assert_eq!(label_of(line), label, "{line:?}");
            assert_eq!(&line[m.text_start()..], text, "{line:?}");
        }
    }

    #[test]
    fn markers_inside_a_line() {
        let line = ">>CHAIR: Hi. (Gavel.) >>CHAIRMAN DESAI: Yes.>>MR. X: No. a >> b >>>> >>";
        let at: Vec<usize> = inline_markers(line).collect();
        assert_eq!(at, [22, 44]);
        assert_eq!(&line[44..50], ">>MR. ");
        // Only past the line's start, and only with a label.
        assert_eq!(inline_markers("  >>CHAIR: x >> so: y").count(), 0);
        // A run of `>` is one run, however long.
        let long = format!("x {}CHAIR: y", ">".repeat(100_000));
        assert_eq!(inline_markers(&long).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn a_bare_label_after_no_break_spaces() {
        let line = "\u{a0}\u{a0}MARILYN CADE:\u{a0} Thank you.";
        let ((a, b), text) = bare_label(line, true).unwrap();
        assert_eq!((&line[a..b], &line[text..]), ("MARILYN CADE", "Thank you."));
        assert!(bare_label(" MARILYN CADE: Thank you.", true).is_none());
    }

    #[test]
    fn not_markers() {
        for line in ["", "text", " > quoted", "a >> b", "&gt; x", "&gt;", ">"] {
            assert_eq!(marker(line), None, "{line:?}");
        }
    }

    #[test]
    fn labels_reject_sentences() {
        for label in [
            "So what I said",
            "well",
            "Session facilitator(s)",
            "1234",
            "(Off microphone.)",
            "",
        ] {
            assert!(!is_label(label, false), "{label:?}");
        }
        let long = "A".repeat(90);
        assert!(!is_label(&long, false));
    }
}
