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
mod lines;
pub(crate) mod scan;

use crate::model::{Diagnostic, DiagnosticKind, Meta, Transcript};
use crate::read::header;
use crate::read::html::Extracted;
use crate::read::source_map::SourceMap;
use crate::resolve::annotate::find_annotations;
use crate::resolve::speakers;
use crate::text::fold::key;
use crate::text::{is_blank, trim};
use layout::{Layout, Paragraph, header_paragraphs};
use lines::{LineTable, Lines};
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

/// Labelled `>>` markers inside lines (`… (Gavel.) >>CHAIRMAN DESAI: …`)
/// start turns when there is one for at most this many at line starts: a
/// file whose line breaks were lost has few markers at line starts for its
/// turns (none, or those a hard wrap put there by chance), a transcript as
/// captioned almost none inside a line.
const LINE_START_MARKERS_PER_INLINE: usize = 4;

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
    // A saved page's text: the extractor is one of the readers the viewer
    // loads on demand (`read::needs_readers`).
    #[cfg(feature = "readers")]
    let page = crate::read::html::looks_like_html(input).then(|| crate::read::html::extract(input));
    #[cfg(not(feature = "readers"))]
    let page: Option<Extracted> = None;
    // A saved page of a text export (`Name  12:34` headers) is one.
    #[cfg(feature = "readers")]
    if let Some(page) = &page
        && crate::read::export::looks_like(&page.text)
    {
        return crate::read::export::read_page(source, bom, page, diagnostics);
    }
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
    pass.drop_site_chrome();
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
    lines: LineTable<'t>,
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
    /// The transcript being built: its turns, in order
    /// ([`Structure::build_turns`]).
    transcript: Transcript,
}

impl<'t> Structure<'t> {
    fn new(text: &'t str, map: SourceMap<'t>, diagnostics: Vec<Diagnostic>) -> Structure<'t> {
        Structure {
            lines: LineTable::new(text),
            map,
            diagnostics,
            markers: Vec::new(),
            first_marker: None,
            layout: Layout::Blocks,
            meta: Meta::default(),
            transcript: Transcript::default(),
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
        let lines = self.lines.all().iter();
        let warnings = lines
            .filter(|l| is_php_warning(l.text))
            .map(|l| l.number)
            .collect();
        self.drop_lines(
            warnings,
            DiagnosticKind::PhpWarningDropped,
            "dropped a PHP warning printed into the page",
        );
    }

    /// Blanks the IGF sites' furniture above the transcript, the lines
    /// before its first line of text that [`is_site_chrome`], keeping the
    /// text of each in a diagnostic: it is no title.
    fn drop_site_chrome(&mut self) {
        let mut chrome = Vec::new();
        for line in self.lines.all().iter() {
            if !is_blank(line.text) {
                if !is_site_chrome(line.text) {
                    break;
                }
                chrome.push(line.number);
            }
        }
        self.drop_lines(
            chrome,
            DiagnosticKind::SiteChromeDropped,
            "dropped a line of the site's furniture above the transcript",
        );
    }

    /// Blanks lines `numbers` (from 1), keeping the text of each in a
    /// diagnostic of `kind`.
    fn drop_lines(&mut self, numbers: Vec<usize>, kind: DiagnosticKind, message: &str) {
        for n in numbers {
            let line = self.lines.all().at(n - 1);
            self.diagnostics.push(Diagnostic {
                dropped: Some(trim(line.text).to_string()),
                ..note(self.map.line(&line), kind, message.into())
            });
            self.lines.blank(n - 1);
        }
    }

    /// Where the text has labelled `>>` markers inside its lines, and none
    /// or few at their starts (an early file whose line breaks were lost: at
    /// most [`LINE_START_MARKERS_PER_INLINE`] at line starts for each inside
    /// a line), cuts the lines before each, so it starts a line.
    /// Returns whether it did; `starts` is how many lines start with a
    /// marker.
    fn cut_at_inline_markers(&mut self, starts: usize) -> bool {
        let lines = self.lines.all();
        let inside: usize = lines
            .iter()
            .map(|l| scan::inline_markers(l.text).count())
            .sum();
        let cut = inside > 0 && starts <= LINE_START_MARKERS_PER_INLINE * inside;
        if cut {
            self.lines.cut(scan::inline_markers);
            self.map.lines_cut();
        }
        cut
    }

    /// The `>>` marker each line starts with, if any.
    fn line_markers(&self) -> Vec<Option<Marker>> {
        self.lines
            .all()
            .iter()
            .map(|l| scan::marker(l.text))
            .collect()
    }

    fn holds_no_text(&self) -> bool {
        self.lines.all().iter().all(|l| is_blank(l.text))
    }

    /// The transcript of a text with nothing to read: no turns, and the
    /// diagnostics in the order noticed (not sorted by line).
    fn empty(mut self) -> Transcript {
        self.diagnostics.push(note(
            0,
            DiagnosticKind::Empty,
            "the input holds no text".into(),
        ));
        let mut t = Transcript::default();
        t.diagnostics = self.diagnostics;
        t.meta.format = "igf";
        t
    }

    /// Finds the turn marker of each line: `>>` markers (after cutting the
    /// lines at markers inside them, [`Structure::cut_at_inline_markers`]),
    /// plus line-start labels (`NAME:`, `**Name:**`) where those are how the
    /// file marks its turns — at least [`MIN_BARE_LABEL_TURNS`] of them, and
    /// at least [`BARE_LABELS_PER_MARKER`] times as many as `>>` lines.
    fn find_markers(&mut self) {
        let mut markers = self.line_markers();
        let mut arrows = markers.iter().flatten().count();
        if self.cut_at_inline_markers(arrows) {
            markers = self.line_markers();
            arrows = markers.iter().flatten().count();
        }
        let lines = self.lines.all();
        let accepted = bare_label_markers(lines, &markers);
        let labelled = accepted.len();
        if labelled >= MIN_BARE_LABEL_TURNS && labelled >= BARE_LABELS_PER_MARKER * arrows {
            let first = accepted
                .first()
                .map_or(0, |&(i, _)| self.map.line(&lines.at(i)));
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
            for (i, marker) in accepted {
                markers[i] = Some(marker);
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
        self.layout = Layout::of(self.lines.all(), &self.markers);
        if let Some(message) = self.layout.describe() {
            self.diagnostics
                .push(note(0, DiagnosticKind::LineLayout, message));
        }
    }

    /// The line that ends the header: the first marker's, or the end.
    fn head_end(&self) -> usize {
        self.first_marker.unwrap_or(self.markers.len())
    }

    /// Reads the header: the lines before the first marker. Without
    /// markers, only the leading title / disclaimer / date / place
    /// paragraphs are header; the rest is loose text, returned.
    fn read_header(&mut self) -> Vec<Paragraph> {
        let head_end = self.head_end();
        let lines = self.lines.all();
        // Without markers, only the first few paragraphs can be header.
        let most = match self.first_marker {
            Some(_) => usize::MAX,
            None => MAX_HEADER_PARAGRAPHS + 1,
        };
        let mut head_paragraphs = header_paragraphs(lines.slice(0..head_end), most);
        let loose_text = match self.first_marker {
            Some(_) => Vec::new(),
            None => {
                let cut = leading_header_len(&head_paragraphs);
                let from = head_paragraphs.get(cut).map_or(head_end, |p| p.line);
                head_paragraphs.truncate(cut);
                let mut loose = self.layout.paragraphs(lines.slice(from..head_end), 0);
                for p in &mut loose {
                    p.line += from;
                }
                loose
            }
        };
        let head: Vec<(usize, String)> = head_paragraphs
            .into_iter()
            .map(|p| (self.map.line(&lines.at(p.line)), p.text))
            .collect();
        let header::Header {
            meta,
            other_lines,
            separators,
        } = header::read_header(&head);
        // Separators (`***` around a disclaimer, on lines of their own or
        // glued to it) are not shown, but kept.
        if let Some(&(line, _)) = separators.first() {
            let n = separators.len();
            let text: Vec<String> = separators.into_iter().map(|(_, s)| s).collect();
            self.diagnostics.push(Diagnostic {
                dropped: Some(text.join("\n")),
                ..note(
                    line,
                    DiagnosticKind::SeparatorDropped,
                    format!(
                        "{n} separator{} in the header (no letters or digits) {} not shown",
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
        let lines = self.lines.all();
        let markers = &self.markers;
        let turns = markers[head_end..].iter().flatten().count();
        self.transcript
            .reserve_turns(turns + usize::from(!loose_text.is_empty()));
        if let Some(first) = loose_text.first() {
            let range = self.range(first.line, head_end);
            let line = self.map.line(&lines.at(first.line));
            let paragraphs = loose_text.iter().map(|p| p.text.as_str());
            self.transcript.push_turn(None, paragraphs, range, line);
        }
        drop(loose_text);
        let mut next = (head_end..markers.len())
            .filter(|&i| markers[i].is_some())
            .peekable();
        while let Some(at) = next.next() {
            let Some(marker) = markers[at] else {
                continue;
            };
            let end = next.peek().copied().unwrap_or(markers.len());
            let line = lines.at(at);
            let label = marker.label().map(|(a, b)| &line.text[a..b]);
            let paragraphs = self
                .layout
                .paragraphs(lines.slice(at..end), marker.text_start());
            let range = self.range(at, end);
            let line = self.map.line(&line);
            let texts = paragraphs.iter().map(|p| p.text.as_str());
            self.transcript.push_turn(label, texts, range, line);
        }
    }

    /// The byte range in the caller's source of a turn that starts on line
    /// `first` and whose lines end before line `end`: to the end of its last
    /// non-blank line.
    fn range(&self, first: usize, end: usize) -> [usize; 2] {
        let lines = self.lines.all().slice(first..end);
        let first = lines.at(0);
        let last = lines
            .iter()
            .rev()
            .find(|l| !is_blank(l.text))
            .unwrap_or(first);
        [self.map.offset(first.start), self.map.offset(last.end())]
    }

    /// Finds the captioner's notes in the turns.
    fn annotate(&mut self) {
        self.transcript.annotate(find_annotations);
    }

    /// The transcript, its turns' labels resolved to speakers, with its
    /// diagnostics in line order (stably: in the order noticed within a
    /// line; resolving sorts them).
    fn finish(mut self) -> Transcript {
        // Without markers and without text after the header, nothing is
        // "shown as it is" but the header: say so.
        if self.transcript.turns.is_empty() {
            for d in &mut self.diagnostics {
                if d.kind == DiagnosticKind::NoSpeakerMarkers {
                    d.message = "no speaker markers and no text after the header: no turns".into();
                }
            }
        }
        let mut t = self.transcript;
        t.meta = self.meta;
        t.meta.format = "igf";
        t.diagnostics = self.diagnostics;
        // The lines and markers go before speakers are resolved.
        drop((self.lines, self.markers));
        t.shrink_to_fit();
        speakers::resolve(&mut t, &speakers::Choices::default());
        t
    }
}

fn note(line: usize, kind: DiagnosticKind, message: String) -> Diagnostic {
    Diagnostic::new(line, kind, message)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The line-start labels (`NAME:`, `**Name:**`) of the lines without a `>>`
/// marker that could mark turns: a label counts when it is upper case, bold,
/// or used at least [`MIN_BARE_LABEL_USES`] times.
///
/// Only the lines with such a label are listed, by position.
fn bare_label_markers(lines: Lines, markers: &[Option<Marker>]) -> Vec<(usize, Marker)> {
    let candidates: Vec<(usize, Marker)> = lines
        .iter()
        .zip(markers)
        .enumerate()
        .filter(|(_, (_, m))| m.is_none())
        .filter_map(|(i, (l, _))| {
            let (range, text_start) = scan::bare_label(l.text, false)?;
            Some((i, Marker::new(Some(range), text_start)))
        })
        .collect();
    let label = |i: usize, m: &Marker| {
        let (a, b) = m.label().unwrap_or_default();
        let line = lines.at(i);
        (line.text, &line.text[a..b])
    };
    let mut uses = crate::text::hash::Tally::default();
    for (i, m) in &candidates {
        uses.add(&crate::text::fold::key(label(*i, m).1));
    }
    candidates
        .into_iter()
        .filter(|(i, m)| {
            let (line, label) = label(*i, m);
            line.starts_with("**")
                || scan::is_label(label, true)
                || uses.get(&crate::text::fold::key(label)) >= MIN_BARE_LABEL_USES
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
    is_php_message(line)
        && line.rsplit_once(" on line ").is_some_and(|(_, n)| {
            n.trim().chars().all(|c| c.is_ascii_digit()) && !n.trim().is_empty()
        })
}

/// Whether a line opens like a PHP message (`Deprecated:`, `PHP Warning:`).
fn is_php_message(line: &str) -> bool {
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
}

/// How the lines of the IGF sites' furniture open, folded, each with a space
/// after: the United Nations banner, the breadcrumb's `You are here`, the
/// old site's notice, the translations' `Also available in:`.
const CHROME: &[&str] = &[
    "welcome to the united nations ",
    "you are here ",
    "this is now a legacy site ",
    "also available in ",
];

/// The languages the IGF sites name their translations in, folded
/// (`Español`, `Русский`): a line of these alone follows `Also available
/// in:`.
const LANGUAGES: &str = "english espanol francais русскии العربية 中文";

/// Longest line of furniture, in bytes: a longer line is not folded to be
/// checked.
const CHROME_MAX_BYTES: usize = 300;

/// Whether a line is furniture of the IGF sites, as a page copied or saved
/// from them has above the transcript: a [`CHROME`] line, a PHP message
/// (with or without its `on line N`), a lone link (the new site's, after
/// the legacy notice), a line of [`LANGUAGES`].
fn is_site_chrome(line: &str) -> bool {
    let t = trim(line);
    if t.len() > CHROME_MAX_BYTES {
        return false;
    }
    let k = key(t) + " ";
    is_php_message(t)
        || CHROME.iter().any(|c| k.starts_with(c))
        || (!t.contains(' ') && (t.starts_with("http") || t.starts_with("www.")))
        || k.split_terminator(' ')
            .all(|w| LANGUAGES.split(' ').any(|l| l == w))
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
    fn site_chrome() {
        for line in [
            "Welcome to the United Nations | Department of Economic and Social Affairs",
            "You are here",
            " You are here: ",
            "This is now a legacy site and could be not up to date. Please move to the new IGF Website at",
            "This is now a legacy site and could be not up to date. Please move to the new IGF Website at https://www.intgovforum.org",
            "https://www.intgovforum.org/",
            "Also available in:",
            "Also available in: English Español",
            "Español  Français Русский",
            "العربية 中文",
            "Deprecated: Function create_function() is deprecated",
        ] {
            assert!(is_site_chrome(line), "{line:?}");
        }
        for line in [
            "IGF 2010",
            "IGF 2021 Third Open Consultations & MAG Meeting - Day 3",
            "Transcript Afternoon of September 16",
            "You are heretics",
            "Welcome, everyone, to the United Nations",
            "English as a working language",
            "https://www.intgovforum.org is the new site",
            "***",
            "",
        ] {
            assert!(!is_site_chrome(line), "{line:?}");
        }
    }

    #[test]
    fn languages_are_folded() {
        assert_eq!(
            key("English Español Français Русский العربية 中文"),
            LANGUAGES
        );
    }

    #[test]
    fn php_warnings() {
        assert!(is_php_warning(
            "Deprecated: Array and string offset access syntax with curly braces is deprecated in /x/y.php on line 12"
        ));
        assert!(!is_php_warning("Warning: the next speaker is late."));
    }
}
