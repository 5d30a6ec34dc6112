//! The IGF reader: real-time captioning text (`>>` markers, labels in
//! capitals, the header before the first turn), as FORMAT.md describes it,
//! and the other captioners' text it also reads (`NAME:` and `**Name:**`
//! labels without `>>`).
//!
//! Its [`scan`]ners recognise one line with no context; this module, the
//! structure pass, splits the lines into header and turns; [`layout`]
//! decides how the copy's lines make paragraphs.

mod layout;
pub(crate) mod scan;

use crate::model::{Diagnostic, DiagnosticKind, Transcript, Turn};
use crate::read::{header, html};
use crate::resolve::annotate::annotations;
use crate::resolve::speakers;
use crate::text::{self, Line, is_blank, trim};
use layout::{Layout, Paragraph, header_paragraphs};
use scan::Marker;

/// Reads transcript text, after any decoder's `diagnostics`. Byte ranges
/// in the result are offsets into `source`.
pub(crate) fn read(source: &str, mut diagnostics: Vec<Diagnostic>) -> Transcript {
    let bom = if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let source = &source[bom..];

    let extracted;
    let lines_of_source;
    let (text, page) = if html::looks_like_html(source) {
        extracted = html::extract(source);
        lines_of_source = LineIndex::new(source);
        diagnostics.push(note(
            0,
            DiagnosticKind::HtmlExtracted,
            "the input is an HTML page: its text was extracted".into(),
        ));
        for d in &extracted.dropped {
            diagnostics.push(Diagnostic {
                line: lines_of_source.line_of(d.source_offset),
                kind: DiagnosticKind::WrapperDropped,
                message: format!("dropped the page's {}", d.what),
                dropped: (!d.text.is_empty()).then(|| d.text.clone()),
                label: None,
            });
        }
        (
            extracted.text.as_str(),
            Some((&extracted, &lines_of_source)),
        )
    } else {
        (source, None)
    };
    // Offsets and line numbers in `text` → in the caller's string.
    let to_source = |offset: usize| bom + page.map_or(offset, |(p, _)| p.source_offset(offset));
    let line_number = |line: &Line| match page {
        Some((p, index)) => index.line_of(p.source_offset(line.start)),
        None => line.number,
    };

    let mut lines: Vec<Line> = text::lines(text).collect();
    for line in &mut lines {
        if is_php_warning(line.text) {
            diagnostics.push(Diagnostic {
                line: line_number(line),
                kind: DiagnosticKind::PhpWarningDropped,
                message: "dropped a PHP warning printed into the page".into(),
                dropped: Some(trim(line.text).to_string()),
                label: None,
            });
            line.text = "";
        }
    }
    if lines.iter().all(|l| is_blank(l.text)) {
        diagnostics.push(note(
            0,
            DiagnosticKind::Empty,
            "the input holds no text".into(),
        ));
        return Transcript {
            diagnostics,
            ..Transcript::default()
        };
    }

    let markers = find_markers(&lines, &mut diagnostics, &line_number);
    let first_marker = markers.iter().position(Option::is_some);
    let layout = Layout::of(&lines, &markers);
    if let Some(message) = layout.describe() {
        diagnostics.push(note(0, DiagnosticKind::LineLayout, message));
    }

    // Header: the lines before the first marker. Without markers, only the
    // leading title / disclaimer / date / place paragraphs; the rest is text.
    let head_end = first_marker.unwrap_or(lines.len());
    let mut head_paragraphs = header_paragraphs(&lines[..head_end]);
    let loose_text = match first_marker {
        Some(_) => Vec::new(),
        None => {
            let cut = leading_header_len(&head_paragraphs);
            let from = head_paragraphs.get(cut).map_or(head_end, |p| p.line);
            head_paragraphs.truncate(cut);
            let mut loose = layout.paragraphs(&lines[from..head_end], 0);
            for p in &mut loose {
                p.line += from;
            }
            loose
        }
    };
    let head: Vec<(usize, String)> = head_paragraphs
        .into_iter()
        .map(|p| (line_number(&lines[p.line]), p.text))
        .collect();
    let (meta, other_lines) = header::read_header(&head);
    if let Some(&line) = other_lines.first() {
        let n = other_lines.len();
        diagnostics.push(note(
            line,
            DiagnosticKind::TextBeforeFirstTurn,
            format!(
                "{n} paragraph{} before the first turn {} not a title, disclaimer, date or place: kept in meta.other",
                plural(n),
                if n == 1 { "is" } else { "are" }
            ),
        ));
    }

    // Turns.
    let mut turns = Vec::new();
    if let Some(first) = loose_text.first() {
        let first = &lines[first.line];
        let last = lines[..head_end]
            .iter()
            .rev()
            .find(|l| !is_blank(l.text))
            .unwrap_or(first);
        turns.push(Turn {
            paragraphs: loose_text.into_iter().map(|p| p.text).collect(),
            range: [to_source(first.start), to_source(last.end())],
            line: line_number(first),
            ..Turn::default()
        });
    }
    // Each turn runs from its marker line to the next marker line.
    let starts: Vec<usize> = (head_end..lines.len())
        .filter(|&i| markers[i].is_some())
        .collect();
    for (k, &at) in starts.iter().enumerate() {
        let Some(marker) = markers[at] else { continue };
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let line = &lines[at];
        let label = marker.label.map(|(a, b)| &line.text[a..b]);
        let paragraphs: Vec<String> = layout
            .paragraphs(&lines[at..end], marker.text_start)
            .into_iter()
            .map(|p| p.text)
            .collect();
        let last = lines[at..end]
            .iter()
            .rev()
            .find(|l| !is_blank(l.text))
            .unwrap_or(line);
        turns.push(Turn {
            label: label.map(str::to_string),
            paragraphs,
            range: [to_source(line.start), to_source(last.end())],
            line: line_number(line),
            ..Turn::default()
        });
    }

    for (n, turn) in turns.iter_mut().enumerate() {
        turn.n = u32::try_from(n + 1).unwrap_or(u32::MAX);
        turn.annotations = turn
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| annotations(p, i))
            .collect();
    }
    let mut transcript = Transcript {
        meta,
        speakers: Vec::new(),
        turns,
        diagnostics,
    };
    // Sorts the diagnostics by line too.
    speakers::resolve(&mut transcript, &speakers::Choices::default());
    transcript
}

fn note(line: usize, kind: DiagnosticKind, message: String) -> Diagnostic {
    Diagnostic {
        line,
        kind,
        message,
        dropped: None,
        label: None,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The turn marker of each line: `>>` markers, plus line-start labels
/// (`NAME:`, `**Name:**`) where those are how the file marks its turns — at
/// least two of them, and at least twice as many as `>>` lines. A label line
/// counts when its label is upper case, bold, or used twice.
fn find_markers(
    lines: &[Line],
    diagnostics: &mut Vec<Diagnostic>,
    line_number: &dyn Fn(&Line) -> usize,
) -> Vec<Option<Marker>> {
    let mut markers: Vec<Option<Marker>> = lines.iter().map(|l| scan::marker(l.text)).collect();
    let arrows = markers.iter().flatten().count();
    let candidates: Vec<Option<((usize, usize), usize)>> = lines
        .iter()
        .zip(&markers)
        .map(|(l, m)| {
            if m.is_some() {
                None
            } else {
                scan::bare_label(l.text, false)
            }
        })
        .collect();
    let key = |line: &Line, (a, b): (usize, usize)| crate::text::fold::key(&line.text[a..b]);
    let mut uses: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (line, c) in lines.iter().zip(&candidates) {
        if let Some((range, _)) = c {
            *uses.entry(key(line, *range)).or_default() += 1;
        }
    }
    let accepted: Vec<Option<Marker>> = lines
        .iter()
        .zip(candidates)
        .map(|(line, c)| {
            let (range, text_start) = c?;
            let ok = line.text.starts_with("**")
                || scan::is_label(&line.text[range.0..range.1], true)
                || uses.get(&key(line, range)).is_some_and(|&n| n >= 2);
            ok.then_some(Marker {
                label: Some(range),
                text_start,
            })
        })
        .collect();
    let labelled = accepted.iter().flatten().count();
    if labelled >= 2 && labelled >= 2 * arrows {
        let first = lines
            .iter()
            .zip(&accepted)
            .find(|(_, m)| m.is_some())
            .map_or(0, |(l, _)| line_number(l));
        let message = if arrows == 0 {
            format!(
                "no >> markers: {labelled} lines that start with a speaker label (NAME:) were taken as turns"
            )
        } else {
            format!(
                "only {arrows} >> marker{}: {labelled} lines that start with a speaker label (NAME:) were taken as turns too",
                plural(arrows)
            )
        };
        diagnostics.push(note(first, DiagnosticKind::LabelsWithoutMarkers, message));
        for (m, a) in markers.iter_mut().zip(accepted) {
            if m.is_none() {
                *m = a;
            }
        }
    } else if arrows == 0 {
        diagnostics.push(note(
            0,
            DiagnosticKind::NoSpeakerMarkers,
            "no speaker markers found: the text is shown as it is".into(),
        ));
    }
    markers
}

/// Without markers: how many leading paragraphs are header (a short title,
/// then disclaimer, date and place paragraphs); the rest is loose text.
fn leading_header_len(paragraphs: &[Paragraph]) -> usize {
    let mut after_date = false;
    paragraphs
        .iter()
        .enumerate()
        .position(|(i, p)| {
            let p = p.text.as_str();
            let is_date = header::parse_date_line(p).is_some();
            let keep = (i == 0 && p.chars().count() <= 200)
                || is_date
                || header::is_disclaimer(p)
                || header::looks_like_place(p, after_date)
                || !p.chars().any(char::is_alphanumeric);
            after_date = is_date;
            !keep
        })
        .unwrap_or(paragraphs.len())
}

/// Whether a line is a PHP warning printed into a page, such as
/// `Deprecated: Array and string offset access syntax with curly braces is
/// deprecated in /var/www/x.php on line 12`.
fn is_php_warning(line: &str) -> bool {
    let line = trim(line);
    let line = line.strip_prefix("PHP ").unwrap_or(line);
    [
        "Deprecated:",
        "Warning:",
        "Notice:",
        "Strict Standards:",
        "Fatal error:",
        "Parse error:",
    ]
    .iter()
    .any(|p| line.starts_with(p))
        && line.rsplit_once(" on line ").is_some_and(|(_, n)| {
            n.trim().chars().all(|c| c.is_ascii_digit()) && !n.trim().is_empty()
        })
}

/// Line numbers of byte offsets in a source.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text::lines(source).skip(1).map(|l| l.start));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_inputs_say_so() {
        for input in ["", "\u{feff}", "  \n\u{a0}\r\n\t"] {
            let t = crate::read::parse_str(input);
            assert!(t.turns.is_empty(), "{input:?}");
            assert_eq!(t.diagnostics[0].kind, DiagnosticKind::Empty);
        }
    }

    #[test]
    fn php_warnings() {
        assert!(is_php_warning(
            "Deprecated: Array and string offset access syntax with curly braces is deprecated in /x/y.php on line 12"
        ));
        assert!(!is_php_warning("Warning: the next speaker is late."));
    }

    #[test]
    fn line_index() {
        let idx = LineIndex::new("a\nbc\r\nd");
        assert_eq!([0, 1, 2, 3, 6].map(|o| idx.line_of(o)), [1, 1, 2, 2, 3]);
    }
}
