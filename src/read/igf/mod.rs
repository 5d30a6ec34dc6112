//! The IGF reader: real-time captioning text (`>>` markers, labels in
//! capitals, the header before the first turn), as `src/read/igf/FORMAT.md`
//! describes it, and the other captioners' text it also reads (`NAME:` and
//! `**Name:**` labels without `>>`).
//!
//! Its [`scan`]ners recognise one line with no context; this module, the
//! structure pass, splits the lines into header and turns; [`layout`]
//! decides how the copy's lines make paragraphs.
//!
//! The structure pass is a [`Structure`] holding what the steps decided so
//! far, with one method per step; [`read`] calls them in order.

mod layout;
pub(crate) mod scan;

use crate::model::{Diagnostic, DiagnosticKind, Meta, Transcript, Turn};
use crate::read::header;
use crate::read::html::{self, Extracted};
use crate::read::source_map::SourceMap;
use crate::resolve::annotate::annotations;
use crate::resolve::speakers;
use crate::text::{self, Line, is_blank, trim};
use layout::{Layout, Paragraph, header_paragraphs};
use scan::Marker;

/// Most paragraphs a file without markers may open with as its header
/// (title, disclaimer between separators, date, place, a few fields): the
/// rest is text, never read as header lines.
const MAX_HEADER_PARAGRAPHS: usize = 12;

/// Fewest line-start labels (`NAME:`, `**Name:**`) that make a file's turns
/// when it has no `>>` markers, or few.
const MIN_BARE_LABEL_TURNS: usize = 2;

/// Line-start labels make turns only when they are at least this many times
/// as many as the `>>` lines.
const BARE_LABELS_PER_MARKER: usize = 2;

/// A mixed-case line-start label (`Travis:`) counts when the file uses it at
/// least this many times.
const MIN_BARE_LABEL_USES: usize = 2;

/// Reads transcript text, after any decoder's `diagnostics`. Byte ranges
/// in the result are offsets into `source`.
pub(crate) fn read(source: &str, diagnostics: Vec<Diagnostic>) -> Transcript {
    let bom = if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let input = &source[bom..];
    let page = html::looks_like_html(input).then(|| html::extract(input));
    let (text, map) = match &page {
        Some(page) => (page.text.as_str(), SourceMap::extracted(source, bom, page)),
        None => (input, SourceMap::verbatim(source, bom)),
    };
    let mut pass = Structure::new(text, map, diagnostics);
    if let Some(page) = &page {
        pass.note_page(page);
    }
    pass.drop_php_warnings();
    if pass.holds_no_text() {
        return pass.empty();
    }
    pass.find_markers();
    pass.decide_layout();
    let loose_text = pass.read_header();
    pass.build_turns(loose_text);
    pass.annotate();
    pass.finish()
}

/// The structure pass over the text being read: its lines, and what each
/// step has found so far.
struct Structure<'t> {
    /// The lines of the text being read (PHP warnings blanked).
    lines: Vec<Line<'t>>,
    /// Where the text came from in the caller's source.
    map: SourceMap<'t>,
    /// The decoder's diagnostics, then the reader's, in the order noticed.
    diagnostics: Vec<Diagnostic>,
    /// The turn marker of each line ([`Structure::find_markers`]).
    markers: Vec<Option<Marker>>,
    /// The line of the first marker, if any.
    first_marker: Option<usize>,
    /// How the copy's lines make paragraphs ([`Structure::decide_layout`]).
    layout: Layout,
    /// What the header says ([`Structure::read_header`]).
    meta: Meta,
    /// The turns, in order ([`Structure::build_turns`]).
    turns: Vec<Turn>,
}

impl<'t> Structure<'t> {
    fn new(text: &'t str, map: SourceMap<'t>, diagnostics: Vec<Diagnostic>) -> Structure<'t> {
        Structure {
            lines: text::lines(text).collect(),
            map,
            diagnostics,
            markers: Vec::new(),
            first_marker: None,
            layout: Layout::Blocks,
            meta: Meta::default(),
            turns: Vec::new(),
        }
    }

    /// Notes that the text was extracted from a page, and what of the page
    /// was dropped.
    fn note_page(&mut self, page: &Extracted) {
        self.diagnostics.push(note(
            0,
            DiagnosticKind::HtmlExtracted,
            "the input is an HTML page: its text was extracted".into(),
        ));
        for d in &page.dropped {
            self.diagnostics.push(Diagnostic {
                line: self.map.dropped_line(d),
                kind: DiagnosticKind::WrapperDropped,
                message: format!("dropped the page's {}", d.what),
                dropped: (!d.text.is_empty()).then(|| d.text.clone()),
                label: None,
            });
        }
    }

    /// Blanks the PHP warnings printed into a page, keeping their text in a
    /// diagnostic each.
    fn drop_php_warnings(&mut self) {
        for line in &mut self.lines {
            if is_php_warning(line.text) {
                self.diagnostics.push(Diagnostic {
                    line: self.map.line(line),
                    kind: DiagnosticKind::PhpWarningDropped,
                    message: "dropped a PHP warning printed into the page".into(),
                    dropped: Some(trim(line.text).to_string()),
                    label: None,
                });
                line.text = "";
            }
        }
    }

    fn holds_no_text(&self) -> bool {
        self.lines.iter().all(|l| is_blank(l.text))
    }

    /// The transcript of a text with nothing to read: no turns, and the
    /// diagnostics in the order noticed (not sorted by line).
    fn empty(mut self) -> Transcript {
        self.diagnostics.push(note(
            0,
            DiagnosticKind::Empty,
            "the input holds no text".into(),
        ));
        Transcript {
            diagnostics: self.diagnostics,
            ..Transcript::default()
        }
    }

    /// Finds the turn marker of each line: `>>` markers, plus line-start
    /// labels (`NAME:`, `**Name:**`) where those are how the file marks its
    /// turns — at least [`MIN_BARE_LABEL_TURNS`] of them, and at least
    /// [`BARE_LABELS_PER_MARKER`] times as many as `>>` lines.
    fn find_markers(&mut self) {
        let lines = &self.lines;
        let mut markers: Vec<Option<Marker>> = lines.iter().map(|l| scan::marker(l.text)).collect();
        let arrows = markers.iter().flatten().count();
        let accepted = bare_label_markers(lines, &markers);
        let labelled = accepted.iter().flatten().count();
        if labelled >= MIN_BARE_LABEL_TURNS && labelled >= BARE_LABELS_PER_MARKER * arrows {
            let first = lines
                .iter()
                .zip(&accepted)
                .find(|(_, m)| m.is_some())
                .map_or(0, |(l, _)| self.map.line(l));
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
            self.diagnostics
                .push(note(first, DiagnosticKind::LabelsWithoutMarkers, message));
            for (m, a) in markers.iter_mut().zip(accepted) {
                if m.is_none() {
                    *m = a;
                }
            }
        } else if arrows == 0 {
            self.diagnostics.push(note(
                0,
                DiagnosticKind::NoSpeakerMarkers,
                "no speaker markers found: the text is shown as it is".into(),
            ));
        }
        self.first_marker = markers.iter().position(Option::is_some);
        self.markers = markers;
    }

    /// Decides, once for the whole file, how its lines make paragraphs.
    fn decide_layout(&mut self) {
        self.layout = Layout::of(&self.lines, &self.markers);
        if let Some(message) = self.layout.describe() {
            self.diagnostics
                .push(note(0, DiagnosticKind::LineLayout, message));
        }
    }

    /// The line that ends the header: the first marker's, or the end.
    fn head_end(&self) -> usize {
        self.first_marker.unwrap_or(self.lines.len())
    }

    /// Reads the header: the lines before the first marker. Without
    /// markers, only the leading title / disclaimer / date / place
    /// paragraphs are header; the rest is loose text, returned.
    fn read_header(&mut self) -> Vec<Paragraph> {
        let head_end = self.head_end();
        let mut head_paragraphs = header_paragraphs(&self.lines[..head_end]);
        let loose_text = match self.first_marker {
            Some(_) => Vec::new(),
            None => {
                let cut = leading_header_len(&head_paragraphs);
                let from = head_paragraphs.get(cut).map_or(head_end, |p| p.line);
                head_paragraphs.truncate(cut);
                let mut loose = self.layout.paragraphs(&self.lines[from..head_end], 0);
                for p in &mut loose {
                    p.line += from;
                }
                loose
            }
        };
        let head: Vec<(usize, String)> = head_paragraphs
            .into_iter()
            .map(|p| (self.map.line(&self.lines[p.line]), p.text))
            .collect();
        let header::Header {
            meta,
            other_lines,
            separators,
        } = header::read_header(&head);
        // Separator lines (`***` around a disclaimer) are not shown, but kept.
        if let Some(&(line, _)) = separators.first() {
            let n = separators.len();
            let text: Vec<String> = separators.into_iter().map(|(_, s)| s).collect();
            self.diagnostics.push(Diagnostic {
                dropped: Some(text.join("\n")),
                ..note(
                    line,
                    DiagnosticKind::SeparatorDropped,
                    format!(
                        "{n} separator line{} in the header (no letters or digits) {} not shown",
                        plural(n),
                        if n == 1 { "is" } else { "are" }
                    ),
                )
            });
        }
        if let Some(&line) = other_lines.first() {
            let n = other_lines.len();
            self.diagnostics.push(note(
                line,
                DiagnosticKind::TextBeforeFirstTurn,
                format!(
                    "{n} paragraph{} before the first turn {} not a title, disclaimer, date or place: kept in meta.other",
                    plural(n),
                    if n == 1 { "is" } else { "are" }
                ),
            ));
        }
        self.meta = meta;
        loose_text
    }

    /// Builds the turns: the loose text of a file without markers as one
    /// unattributed turn, then one turn from each marker line to the next.
    fn build_turns(&mut self, loose_text: Vec<Paragraph>) {
        let head_end = self.head_end();
        if let Some(first) = loose_text.first() {
            let range = self.range(first.line, head_end);
            let line = self.map.line(&self.lines[first.line]);
            self.turns.push(Turn {
                paragraphs: loose_text.into_iter().map(|p| p.text).collect(),
                range,
                line,
                ..Turn::default()
            });
        }
        let starts: Vec<usize> = (head_end..self.lines.len())
            .filter(|&i| self.markers[i].is_some())
            .collect();
        for (k, &at) in starts.iter().enumerate() {
            let Some(marker) = self.markers[at] else {
                continue;
            };
            let end = starts.get(k + 1).copied().unwrap_or(self.lines.len());
            let line = self.lines[at];
            let label = marker.label.map(|(a, b)| &line.text[a..b]);
            let paragraphs: Vec<String> = self
                .layout
                .paragraphs(&self.lines[at..end], marker.text_start)
                .into_iter()
                .map(|p| p.text)
                .collect();
            self.turns.push(Turn {
                label: label.map(str::to_string),
                paragraphs,
                range: self.range(at, end),
                line: self.map.line(&line),
                ..Turn::default()
            });
        }
    }

    /// The byte range in the caller's source of a turn that starts on line
    /// `first` and whose lines end before line `end`: to the end of its last
    /// non-blank line.
    fn range(&self, first: usize, end: usize) -> [usize; 2] {
        let (lines, first) = (&self.lines[first..end], &self.lines[first]);
        let last = lines
            .iter()
            .rev()
            .find(|l| !is_blank(l.text))
            .unwrap_or(first);
        [self.map.offset(first.start), self.map.offset(last.end())]
    }

    /// Numbers the turns from 1 and finds the captioner's notes in them.
    fn annotate(&mut self) {
        for (n, turn) in self.turns.iter_mut().enumerate() {
            turn.n = u32::try_from(n + 1).unwrap_or(u32::MAX);
            turn.annotations = turn
                .paragraphs
                .iter()
                .enumerate()
                .flat_map(|(i, p)| annotations(p, i))
                .collect();
        }
    }

    /// The transcript, its turns' labels resolved to speakers, with its
    /// diagnostics in line order (stably: in the order noticed within a
    /// line; resolving sorts them).
    fn finish(mut self) -> Transcript {
        // Without markers and without text after the header, nothing is
        // "shown as it is" but the header: say so.
        if self.turns.is_empty() {
            for d in &mut self.diagnostics {
                if d.kind == DiagnosticKind::NoSpeakerMarkers {
                    d.message = "no speaker markers and no text after the header: no turns".into();
                }
            }
        }
        let mut t = Transcript {
            meta: self.meta,
            speakers: Vec::new(),
            turns: self.turns,
            diagnostics: self.diagnostics,
        };
        speakers::resolve(&mut t, &speakers::Choices::default());
        t
    }
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

/// The line-start labels (`NAME:`, `**Name:**`) of the lines without a `>>`
/// marker that could mark turns: a label counts when it is upper case, bold,
/// or used at least [`MIN_BARE_LABEL_USES`] times.
fn bare_label_markers(lines: &[Line], markers: &[Option<Marker>]) -> Vec<Option<Marker>> {
    let candidates: Vec<Option<((usize, usize), usize)>> = lines
        .iter()
        .zip(markers)
        .map(|(l, m)| {
            if m.is_some() {
                None
            } else {
                scan::bare_label(l.text, false)
            }
        })
        .collect();
    let key = |line: &Line, (a, b): (usize, usize)| crate::text::fold::key(&line.text[a..b]);
    let mut uses = crate::text::hash::Tally::default();
    for (line, c) in lines.iter().zip(&candidates) {
        if let Some((range, _)) = c {
            uses.add(&key(line, *range));
        }
    }
    lines
        .iter()
        .zip(candidates)
        .map(|(line, c)| {
            let (range, text_start) = c?;
            let ok = line.text.starts_with("**")
                || scan::is_label(&line.text[range.0..range.1], true)
                || uses.get(&key(line, range)) >= MIN_BARE_LABEL_USES;
            ok.then_some(Marker {
                label: Some(range),
                text_start,
            })
        })
        .collect()
}

/// Without markers: how many leading paragraphs are header (a short title,
/// then disclaimer, date and place paragraphs); the rest is loose text.
fn leading_header_len(paragraphs: &[Paragraph]) -> usize {
    let mut after_date = false;
    let cut = paragraphs
        .iter()
        .take(MAX_HEADER_PARAGRAPHS)
        .enumerate()
        .position(|(i, p)| {
            let p = p.text.as_str();
            let is_date = header::parse_date_line(p).is_some();
            let keep = (i == 0
                && p.len() <= 4 * header::TITLE_MAX
                && p.chars().count() <= header::TITLE_MAX)
                || is_date
                || header::is_disclaimer(p)
                || header::looks_like_place(p, after_date)
                || is_separator(p);
            after_date = is_date;
            !keep
        })
        .unwrap_or(paragraphs.len().min(MAX_HEADER_PARAGRAPHS));
    // Separators that end the header open the text instead: a file of
    // punctuation alone (`* * *`, `---`) is shown, not lost.
    cut - paragraphs[..cut]
        .iter()
        .rev()
        .take_while(|p| is_separator(&p.text))
        .count()
}

/// Whether a paragraph has no letter or digit (`***`, `* * *`, `---`, `…`).
fn is_separator(paragraph: &str) -> bool {
    !paragraph.chars().any(char::is_alphanumeric)
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
}
