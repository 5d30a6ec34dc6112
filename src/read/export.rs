//! Text that meeting and transcription tools export, a speaker header
//! before each turn's text:
//!
//! - `Name  12:34` (Otter): a name, spaces, a clock time, and nothing else;
//!   the text on the lines after;
//! - `[00:12:34] Name: text`: the text after the colon and on the lines
//!   after;
//! - `Name (00:12:34): text` (Rev, Descript), likewise.
//!
//! The text of a header runs to the next header, lines joined by spaces;
//! the paragraphs before the first header are the title and `meta.other`.
//! A header's name reads as one ([`is_name`]). [`looks_like`] is
//! conservative, so that IGF text (whose paragraphs start with `>>`, and
//! which may hold a `10:30`) and plain text never come here.

use crate::model::{Diagnostic, DiagnosticKind, Transcript};
use crate::read::cues::{self, Found, Piece, Voice, note, time::clock};
use crate::read::html::Extracted;
use crate::read::source_map::SourceMap;
use crate::text::{self, is_blank, trim};

/// How many lines from the start [`looks_like`] looks at.
const LOOK_LINES: usize = 400;

/// Most words in a speaker's name.
const NAME_WORDS: usize = 5;

/// A header line's speaker, start (ms) and the text after it, if `line`
/// is one.
///
/// ```text
/// "Jane Doe  0:03"              → ("Jane Doe", 3000, "")
/// "[00:01:02] Ana: Hello."      → ("Ana", 62000, " Hello.")
/// "Speaker 1 (00:00:05): Yes."  → ("Speaker 1", 5000, " Yes.")
/// ```
fn header(line: &str) -> Option<(&str, u32, &str)> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let line = line.trim_end();
    let (name, time, text) = if let Some(rest) = line.strip_prefix('[') {
        let (time, rest) = rest.split_once(']')?;
        let (name, text) = rest.split_once(':')?;
        (name.trim(), time, text)
    } else if let Some((name, rest)) = line.split_once(" (") {
        let (time, rest) = rest.split_once(')')?;
        let text = rest.strip_prefix(':').or(rest.is_empty().then_some(""))?;
        (name.trim_end(), time, text)
    } else {
        let space = line.bytes().rposition(|c| c == b' ')?;
        (line[..space].trim_end(), &line[space..], "")
    };
    (is_name(name)).then_some((name, clock(time.trim())?, text))
}

/// Whether `name` reads as a speaker's name: at most [`NAME_WORDS`] words
/// and 60 bytes, starting with a letter, its first and last words with a
/// capital, a digit or a letter without case, the words between too or
/// short (`Jane Doe`, `Speaker 1`, `Dr. Smith`, `Delegate of Kenya`; not
/// `We met at`), and no `,`, `;` or `:` at its end.
fn is_name(name: &str) -> bool {
    let capital = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase())
    };
    let n = name.split_whitespace().count();
    name.len() <= 60
        && name.starts_with(char::is_alphabetic)
        && !name.ends_with([',', ';', ':'])
        && n <= NAME_WORDS
        && name
            .split_whitespace()
            .enumerate()
            .all(|(i, w)| capital(w) || (i > 0 && i + 1 < n && w.len() <= 3))
}

/// Whether `text` is a text export: among its first [`LOOK_LINES`] lines,
/// at least two headers, and more headers than paragraphs (lines after a
/// blank line, or the first) that start otherwise.
pub fn looks_like(text: &str) -> bool {
    let (mut headers, mut others, mut after_blank) = (0, 0, true);
    for line in text::lines(text).take(LOOK_LINES) {
        let blank = is_blank(line.text);
        if header(line.text).is_some() {
            headers += 1;
        } else if after_blank && !blank {
            others += 1;
        }
        after_blank = blank;
    }
    headers >= 2 && headers > others
}

/// Reads a text export.
pub fn read(source: &str, diagnostics: Vec<Diagnostic>) -> Transcript {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    read_mapped(
        &source[bom..],
        &SourceMap::verbatim(source, bom),
        diagnostics,
    )
}

/// Reads the text of a saved page that [`looks_like`] a text export
/// (the IGF reader extracted it, from `source[bom..]`).
#[cfg_attr(not(feature = "readers"), allow(dead_code))]
pub(crate) fn read_page(
    source: &str,
    bom: usize,
    page: &Extracted,
    mut diagnostics: Vec<Diagnostic>,
) -> Transcript {
    let map = SourceMap::extracted(source, bom, page);
    diagnostics.push(note(
        0,
        DiagnosticKind::HtmlExtracted,
        "the input is an HTML page: its text was extracted".into(),
    ));
    for d in &page.dropped {
        diagnostics.push(Diagnostic {
            dropped: (!d.text.is_empty()).then(|| d.text.clone()),
            ..note(
                map.dropped_line(d),
                DiagnosticKind::WrapperDropped,
                "dropped the page's ".to_string() + d.what,
            )
        });
    }
    read_mapped(&page.text, &map, diagnostics)
}

/// Reads `text`, which `map` maps to the caller's source.
fn read_mapped(text: &str, map: &SourceMap, diagnostics: Vec<Diagnostic>) -> Transcript {
    let mut found = Found {
        diagnostics,
        ..Found::default()
    };
    let mut pieces: Vec<Piece> = Vec::new();
    // The paragraphs before the first header.
    let mut lead: Vec<String> = Vec::new();
    let mut first = "";
    let mut after_blank = true;
    for line in text::lines(text) {
        let body = trim(line.text);
        if let Some((name, ms, rest)) = header(line.text) {
            if pieces.is_empty() {
                let head = line.text.trim_end();
                first = &head[..head.len() - rest.len()];
            }
            let range = [map.offset(line.start), map.offset(line.end())];
            let mut piece = Piece::new(trim(rest).to_string(), map.line(&line), range);
            piece.start = Some(ms);
            piece.voice = Voice::Named(name.to_string());
            pieces.push(piece);
        } else if body.is_empty() {
        } else if let Some(piece) = pieces.last_mut() {
            if !piece.text.is_empty() {
                piece.text.push(' ');
            }
            piece.text.push_str(body);
            piece.range[1] = map.offset(line.end());
        } else {
            match lead.last_mut().filter(|_| !after_blank) {
                Some(p) => {
                    p.push(' ');
                    p.push_str(body);
                }
                None => lead.push(body.to_string()),
            }
        }
        after_blank = is_blank(line.text);
    }
    let mut lead = lead.into_iter();
    found.meta.title = lead.next();
    found.meta.other = lead.collect();
    let message = "read as a text export: ".to_string()
        + &pieces.len().to_string()
        + " speaker headers like `"
        + first
        + "`";
    found
        .diagnostics
        .push(note(0, DiagnosticKind::FormatRead, message));
    cues::build("text-export", pieces, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(header("Jane Doe  0:03"), Some(("Jane Doe", 3_000, "")));
        assert_eq!(
            header("Speaker 1 1:02:03 "),
            Some(("Speaker 1", 3_723_000, ""))
        );
        assert_eq!(
            header("[00:01:02] Ana: Hello."),
            Some(("Ana", 62_000, " Hello."))
        );
        assert_eq!(
            header("[1:02] Dr. Ana Li:"),
            Some(("Dr. Ana Li", 62_000, ""))
        );
        assert_eq!(
            header("Speaker 1 (00:00:05): Yes."),
            Some(("Speaker 1", 5_000, " Yes."))
        );
        assert_eq!(header("Ana (0:05)"), Some(("Ana", 5_000, "")));
        for not in [
            "We met at 10:30",
            "Lunch is 12:30",
            "The meeting ends 12:30",
            "  Jane Doe  0:03",
            ">>CHAIR: At 10:30",
            "12 JUNE 2017 15:00",
            "Geneva, 10:30",
            "Ana (0:05) said",
            "[00:01:02] no name: x",
            "Jane Doe 0:75",
            "One Two Three Four Five Six 0:01",
        ] {
            assert_eq!(header(not), None, "{not}");
        }
    }

    #[test]
    fn sniffs_conservatively() {
        assert!(looks_like("Ana  0:00\nHi.\n\nBen  0:04\nHello."));
        assert!(looks_like("[0:01] Ana: Hi.\n[0:03] Ben: Hi."));
        assert!(!looks_like("Ana  0:00\nHi."), "one header");
        assert!(!looks_like(
            "Title\n\n>>CHAIR: Hi.\n\nBreak  10:30\n\n>>A: Yes.\n\nLunch  12:30\n\n>>B: No."
        ));
    }

    #[test]
    fn reads_turns_and_the_title() {
        let t = crate::read::parse_str(
            "Weekly call\n\nAna  0:00\nHello there.\nHow are you?\n\nBen  0:07\nFine.\n\nAna  0:12\nGood.\n",
        );
        assert_eq!(t.meta.format, "text-export");
        assert_eq!(t.meta.title.as_deref(), Some("Weekly call"));
        let got = crate::read::cues::tests::summary(&t);
        assert_eq!(
            got,
            [
                (
                    Some("Ana"),
                    Some(0),
                    vec!["Hello there. How are you?".to_string()],
                    3
                ),
                (Some("Ben"), Some(7_000), vec!["Fine.".to_string()], 7),
                (Some("Ana"), Some(12_000), vec!["Good.".to_string()], 10),
            ]
        );
    }
}
