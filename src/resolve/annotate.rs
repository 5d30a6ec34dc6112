//! Annotations: the captioner's notes inside the text.
//!
//! Square brackets are always notes (`[ Applause ]`, `[PLEASE STAND BY]`).
//! Parentheses are notes only when they say something a captioner says
//! (`(indiscernible)`, `(Off microphone.)`, `(Music and singing).`), since
//! speakers use parentheses too.

use crate::model::Annotation;

/// Longest bracketed note, in bytes.
const MAX_NOTE_BYTES: usize = 80;

/// What parenthesised notes start with (lower case, after folding spaces).
const PAREN_NOTES: &[&str] = &[
    "applause",
    "audio cut",
    "audio lost",
    "audio drop",
    "background noise",
    "beep",
    "break",
    "captioner",
    "cheers",
    "cheering",
    "cross talk",
    "cross-talk",
    "crosstalk",
    "distorted audio",
    "end of session",
    "gavel",
    "inaudible",
    "indiscernible",
    "interpretation",
    "laughing",
    "laughs",
    "laughter",
    "lost audio",
    "music",
    "no audio",
    "no sound",
    "off mic",
    "off microphone",
    "off-mic",
    "off-microphone",
    "pause",
    "phonetic",
    "please stand by",
    "recess",
    "silence",
    "singing",
    "sound",
    "speaker off",
    "speaking in",
    "stand by",
    "technical difficulties",
    "video",
];

/// Finds the annotations in one paragraph (`index` is its position in the turn).
///
/// ```
/// let p = "I am Sivi (phonetic) from ISOC. [ Applause ]";
/// let notes = floor::resolve::annotate::annotations(p, 0);
/// assert_eq!(notes.len(), 2);
/// assert_eq!(notes[0].kind(p), "phonetic");
/// let [s, e] = notes[0].word(p).unwrap();
/// assert_eq!(&p[s..e], "Sivi");
/// let [s, e] = notes[1].range();
/// assert_eq!(&p[s..e], "[ Applause ]");
/// ```
pub fn annotations(paragraph: &str, index: usize) -> Vec<Annotation> {
    let mut found = Vec::new();
    find_annotations(paragraph, index, &mut found);
    found
}

/// [`annotations`], added to `found`.
pub fn find_annotations(paragraph: &str, index: usize, found: &mut Vec<Annotation>) {
    let bytes = paragraph.as_bytes();
    let mut at = 0;
    while let Some(offset) = memchr::memchr2(b'[', b'(', &bytes[at..]) {
        let open = at + offset;
        let close_byte = if bytes[open] == b'[' { b']' } else { b')' };
        let window = &bytes[open + 1..bytes.len().min(open + 1 + MAX_NOTE_BYTES)];
        let Some(len) = window
            .iter()
            .position(|&b| b == close_byte || b == b'[' || b == b'(')
        else {
            at = open + 1;
            continue;
        };
        let close = open + 1 + len;
        if bytes[close] != close_byte {
            at = close;
            continue;
        }
        // Both ends are ASCII, so these are char boundaries.
        let kind = Annotation::kind_of(&paragraph[open..=close]);
        let is_note = !kind.is_empty()
            && (close_byte == b']' || PAREN_NOTES.iter().any(|n| starts_with_word(&kind, n)));
        if is_note {
            found.push(Annotation::new(index, [open, close + 1]));
        }
        at = close + 1;
    }
}

fn starts_with_word(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(p: &str) -> Vec<String> {
        annotations(p, 0).into_iter().map(|a| a.kind(p)).collect()
    }

    /// The notes `src/read/igf/FORMAT.md` lists ("Captioners' notes").
    #[test]
    fn format_md_annotations() {
        assert_eq!(kinds("[ Applause ]"), ["applause"]);
        assert_eq!(kinds("[ Laughter ] and [ Gavel ]"), ["laughter", "gavel"]);
        assert_eq!(kinds("(Gavel.)"), ["gavel"]);
        assert_eq!(kinds("(Applause)."), ["applause"]);
        assert_eq!(
            kinds("the (indiscernible) and (inaudible)"),
            ["indiscernible", "inaudible"]
        );
        assert_eq!(
            kinds("(audio cut out) (off microphone) (distorted audio)"),
            ["audio cut out", "off microphone", "distorted audio"]
        );
        assert_eq!(kinds("(Music and singing)."), ["music and singing"]);
        assert_eq!(kinds("(Off microphone.)"), ["off microphone"]);
        assert_eq!(kinds("[PLEASE STAND BY]"), ["please stand by"]);
        assert_eq!(kinds("\\[laughs\\]"), ["laughs"]);
    }

    #[test]
    fn ordinary_parentheses_are_text() {
        assert!(kinds("the Multistakeholder Advisory Group (MAG) met").is_empty());
        assert!(kinds("(soundly) (a (nested) thing) [] ( ) [unclosed").is_empty());
    }

    #[test]
    fn ranges_are_exact() {
        let p = "Yes.  (Applause). Then";
        let a = &annotations(p, 3)[0];
        let [s, e] = a.range();
        assert_eq!((&p[s..e], a.paragraph()), ("(Applause)", 3));
        let p = "(phonetic) first";
        assert_eq!(annotations(p, 0)[0].word(p), None);
    }
}
