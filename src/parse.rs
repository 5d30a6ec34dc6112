//! The parser's structure pass: lines → header and turns → paragraphs.
//!
//! Parsing never fails and never panics: any input gives a [`Transcript`],
//! with [`Diagnostic`]s saying what was noticed. No word is lost: every word
//! of the decoded text ends up, in order, in `meta`, in a turn, or in a
//! diagnostic's `dropped` text.
//!
//! The passes, each in its own module:
//! 1. [`decode`](crate::decode) (an edge) turns bytes into text;
//! 2. [`html`](crate::html) extracts the text of a saved page, if it is one;
//! 3. [`scan`](crate::scan) recognises turn markers line by line;
//! 4. this module splits the lines into header and turns, and the lines of
//!    each into paragraphs, after looking at how the whole copy was wrapped;
//! 5. [`header`](crate::header), [`speakers`](crate::speakers) and
//!    [`annotate`](crate::annotate) read the header, resolve labels and find
//!    the captioner's notes.

use crate::annotate::annotations;
use crate::decode::Decoded;
use crate::header;
use crate::html;
use crate::model::{Diagnostic, DiagnosticKind, Transcript, Turn};
use crate::scan::{self, Marker};
use crate::speakers;
use crate::text::{self, Line, is_blank, is_space, trim};

/// Parses transcript bytes: decodes them (BOM, UTF-8, UTF-16, else
/// Windows-1252), then parses the text. Native only; the browser decodes with
/// `TextDecoder` and calls [`parse_decoded`].
///
/// ```
/// let t = floor::parse::parse(b"Title\n\n>>CHAIR: Bienvenue \xE0 tous.");
/// assert_eq!(t.turns[0].paragraphs, ["Bienvenue à tous."]);
/// assert_eq!(t.diagnostics[0].kind, floor::model::DiagnosticKind::EncodingFallback);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(bytes: &[u8]) -> Transcript {
    parse_decoded(crate::decode::decode(bytes))
}

/// Parses text decoded by an edge, keeping the decoder's diagnostics.
pub fn parse_decoded(decoded: Decoded) -> Transcript {
    parse_text(&decoded.text, decoded.diagnostics)
}

/// Parses transcript text. Byte ranges in the result are offsets into `text`.
///
/// ```
/// let t = floor::parse::parse_str("Title\n\n>>CHAIR: Good morning.\n\n>>CHAIR: Next.\n\n>> (Off microphone.)");
/// assert_eq!(t.meta.title.as_deref(), Some("Title"));
/// assert_eq!(t.turns.len(), 3);
/// assert_eq!(t.speakers[0].id, "chair");
/// assert_eq!(t.speakers[0].turns, 2);
/// assert_eq!(t.turns[2].speaker, None);
/// ```
pub fn parse_str(text: &str) -> Transcript {
    parse_text(text, Vec::new())
}

fn parse_text(source: &str, mut diagnostics: Vec<Diagnostic>) -> Transcript {
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
    let mut labels = Vec::new();
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
            ..Turn::default()
        });
        labels.push(None);
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
            ..Turn::default()
        });
        labels.push(label.map(|l| (l, line_number(line))));
    }

    let resolved = speakers::resolve(&labels);
    diagnostics.extend(resolved.diagnostics);
    for (n, (turn, speaker)) in turns.iter_mut().zip(&resolved.of_turn).enumerate() {
        turn.n = u32::try_from(n + 1).unwrap_or(u32::MAX);
        turn.speaker = speaker.map(|s| resolved.speakers[s].id.clone());
        turn.annotations = turn
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| annotations(p, i))
            .collect();
    }
    crate::sort::sort_by_key(&mut diagnostics, |d| d.line);
    Transcript {
        meta,
        speakers: resolved.speakers,
        turns,
        diagnostics,
    }
}

fn note(line: usize, kind: DiagnosticKind, message: String) -> Diagnostic {
    Diagnostic {
        line,
        kind,
        message,
        dropped: None,
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
    let key = |line: &Line, (a, b): (usize, usize)| crate::case::upper_str(&line.text[a..b]);
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

/// A paragraph being built: its text and the index of its first line.
#[derive(Debug)]
struct Paragraph {
    line: usize,
    text: String,
}

/// How the copy lays paragraphs out in lines, decided once for the whole
/// file from the blocks (runs of non-blank lines) of its turns.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    /// Every block is one line: paragraphs are separated by blank lines.
    Blocks,
    /// Each line is a paragraph (single-newline paragraphs).
    Lines,
    /// Paragraphs are hard-wrapped near `width` bytes.
    Wrapped {
        /// The width lines were wrapped at, in bytes.
        width: usize,
        /// Whether blank lines separate paragraphs within turns; if not, a
        /// short line that ends a sentence ends its paragraph.
        blank_separated: bool,
    },
    /// One sentence per line.
    Sentences,
}

/// A block line longer than this is a paragraph, not a wrapped line.
const LONG_LINE: usize = 250;

/// The `k`-th smallest of `values` (from 0), if it is at most `cap`.
fn nth_at_most(values: &[usize], k: usize, cap: usize) -> Option<usize> {
    let mut counts = vec![0usize; cap + 1];
    for &v in values.iter().filter(|&&v| v <= cap) {
        counts[v] += 1;
    }
    let mut seen = 0;
    counts.iter().position(|&c| {
        seen += c;
        seen > k
    })
}

impl Layout {
    fn of(lines: &[Line], markers: &[Option<Marker>]) -> Layout {
        let first = markers.iter().position(Option::is_some).unwrap_or(0);
        let mut lengths = Vec::new(); // every line of a multi-line block
        let (mut inner, mut near_candidates, mut ends_sentence, mut inner_break) =
            (0usize, Vec::new(), 0usize, 0usize);
        // (length of the whole line, its text after any label)
        let mut block: Vec<(usize, &str)> = Vec::new();
        let mut flush = |block: &mut Vec<(usize, &str)>| {
            if block.len() > 1 {
                for (i, &(len, l)) in block.iter().enumerate() {
                    lengths.push(len);
                    if i + 1 < block.len() {
                        inner += 1;
                        near_candidates.push(len);
                        ends_sentence += usize::from(ends_a_sentence(l));
                    }
                    inner_break += usize::from(has_inner_sentence_break(l));
                }
            }
            block.clear();
        };
        let (mut inner_blanks, mut prev_blank, mut turns) = (0usize, false, 0usize);
        for (i, line) in lines.iter().enumerate().skip(first) {
            let blank = is_blank(line.text);
            turns += usize::from(markers[i].is_some());
            inner_blanks += usize::from(prev_blank && !blank && markers[i].is_none());
            prev_blank = blank;
            if blank || (markers[i].is_some() && !block.is_empty()) {
                flush(&mut block);
            }
            if !is_blank(line.text) {
                let t = match markers[i] {
                    Some(m) => &line.text[m.text_start..],
                    None => line.text,
                };
                block.push((trim(line.text).len(), trim(t)));
            }
        }
        flush(&mut block);
        if lengths.is_empty() {
            return Layout::Blocks;
        }
        let n = lengths.len();
        let long = lengths.iter().filter(|&&l| l > LONG_LINE).count();
        if long * 10 >= n {
            return Layout::Lines;
        }
        // Fewer than a tenth of the lines are long, so the 90th percentile
        // is at most LONG_LINE: counted, not sorted.
        let longest = lengths.iter().copied().max().unwrap_or(0);
        let width = nth_at_most(&lengths, (n * 9 / 10).min(n - 1), LONG_LINE).unwrap_or(longest);
        let near = near_candidates
            .iter()
            .filter(|&&l| l * 10 >= width * 7)
            .count();
        let inner = inner.max(1);
        let sentence_ends = ends_sentence * 10 >= inner * 6;
        let blank_separated = inner_blanks > 0 && inner_blanks * 20 >= turns;
        // Lines that mostly reach the same width and never pass it much were
        // wrapped, even where the wrap fell at the end of a sentence.
        let bounded = longest <= width + width / 5;
        if width <= 110 && near * 10 >= inner * 6 && (!sentence_ends || bounded) {
            Layout::Wrapped {
                width,
                blank_separated,
            }
        } else if sentence_ends && inner_break * 10 < n * 3 {
            Layout::Sentences
        } else if ends_sentence * 10 < inner * 5 {
            // Most lines stop mid-sentence: a wrapped copy, if a ragged one.
            Layout::Wrapped {
                width,
                blank_separated,
            }
        } else {
            Layout::Lines
        }
    }

    fn describe(self) -> Option<String> {
        match self {
            Layout::Blocks => None,
            Layout::Lines => Some(
                "paragraphs are separated by single line breaks: each line was kept as a paragraph"
                    .into(),
            ),
            Layout::Wrapped { width, .. } => Some(format!(
                "lines were hard-wrapped near {width} columns: they were joined into paragraphs"
            )),
            Layout::Sentences => Some(
                "the copy has one sentence per line: sentences were joined into paragraphs".into(),
            ),
        }
    }

    /// The paragraphs of a turn's `lines`; its text starts at byte
    /// `first_text` of the first (marker) line.
    fn paragraphs(self, lines: &[Line], first_text: usize) -> Vec<Paragraph> {
        // Four more spaces than the marker line start a paragraph; a single
        // space or tab only continues a wrapped line.
        let base = lines.first().map_or(0, |l| leading_spaces(l.text));
        let mut out: Vec<Paragraph> = Vec::new();
        let mut open = false; // whether the last paragraph may take more lines
        let mut prev_len = 0;
        let mut prev_ends = false;
        for (i, line) in lines.iter().enumerate() {
            let raw = if i == 0 {
                &line.text[first_text..]
            } else {
                line.text
            };
            let t = trim(raw);
            if t.is_empty() {
                open = false;
                continue;
            }
            let starts_paragraph = !open
                || match self {
                    Layout::Blocks | Layout::Lines => true,
                    Layout::Wrapped {
                        width,
                        blank_separated,
                    } => {
                        cue(raw, base)
                            || (!blank_separated && prev_len * 10 < width * 6 && prev_ends)
                    }
                    Layout::Sentences => cue(raw, base),
                };
            push_line(&mut out, i, t, starts_paragraph);
            open = true;
            prev_len = trim(line.text).len();
            prev_ends = ends_a_sentence(t);
        }
        out
    }
}

/// Adds line `i` (text `t`) to the paragraphs: as a new one, or joined to the
/// last with one space.
fn push_line(out: &mut Vec<Paragraph>, i: usize, t: &str, starts_paragraph: bool) {
    match out.last_mut() {
        Some(p) if !starts_paragraph => {
            p.text.push(' ');
            p.text.push_str(t);
        }
        _ => out.push(Paragraph {
            line: i,
            text: t.to_string(),
        }),
    }
}

/// The header's paragraphs, whatever the layout of the turns: blank lines
/// separate them; a block of long lines has one paragraph per line; in a
/// wrapped block a line starts a new paragraph after a short line (a title,
/// a date, a place), after a sentence that ends well before the width, next
/// to a date line, or when it reads `Field: value`. A wrapped disclaimer is
/// joined back.
fn header_paragraphs(lines: &[Line]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut block_start = 0;
    while block_start < lines.len() {
        let block_end = (block_start..lines.len())
            .find(|&i| is_blank(lines[i].text))
            .unwrap_or(lines.len());
        let block = &lines[block_start..block_end];
        let widest = block.iter().map(|l| trim(l.text).len()).max().unwrap_or(0);
        let mut prev: Option<&str> = None;
        for (j, line) in block.iter().enumerate() {
            let t = trim(line.text);
            // Lines longer than a wrapped copy's are paragraphs of their own.
            let wrapped = widest <= 110;
            let starts_paragraph = match prev {
                None => true,
                Some(p) => {
                    !wrapped
                        || (ends_a_sentence(p) && p.len() * 100 < widest * 85)
                        || p.len() * 10 < widest * 6
                        || header::parse_date_line(p).is_some()
                        || header::parse_date_line(t).is_some()
                        || line.text.starts_with('\u{a0}')
                        || is_field(t)
                }
            };
            push_line(&mut out, block_start + j, t, starts_paragraph);
            prev = Some(t);
        }
        block_start = block_end + 1;
    }
    out
}

/// Whether a header line reads `Field: value` (`Room: Johnson`, `Day & Time: …`).
fn is_field(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(field, _)| {
        field.len() <= 40
            && field.split_whitespace().count() <= 4
            && field.starts_with(char::is_uppercase)
    })
}

/// A line that announces a new paragraph in a joined layout: it starts with
/// U+00A0 (as every paragraph of an IGF text copy does; a wrapped line that
/// merely begins at the U+00A0 after a sentence starts with a space first),
/// or with at least four more spaces than the turn's marker line (FORMAT.md:
/// "continuation paragraphs indented by four spaces").
fn cue(raw: &str, base: usize) -> bool {
    raw.starts_with('\u{a0}') || leading_spaces(raw) >= base + 4
}

fn leading_spaces(line: &str) -> usize {
    line.bytes().take_while(|&b| b == b' ').count()
}

fn ends_a_sentence(line: &str) -> bool {
    let t = text::trim_end(line).trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '?', '!', ':', ';', '…'])
}

/// Whether a line holds a sentence end followed by another sentence.
fn has_inner_sentence_break(line: &str) -> bool {
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '?' | '!') && chars.peek().is_some_and(|&c| is_space(c)) {
            while chars.peek().is_some_and(|&c| is_space(c)) {
                chars.next();
            }
            if chars.peek().is_some_and(|c| c.is_uppercase()) {
                return true;
            }
        }
    }
    false
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
    fn nth_at_most_is_the_sorted_nth() {
        let values = [5, 300, 1, 5, 250, 0, 7, 251];
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        for (k, &v) in sorted.iter().enumerate() {
            let want = (v <= 250).then_some(v);
            assert_eq!(nth_at_most(&values, k, 250), want, "k = {k}");
        }
    }

    #[test]
    fn empty_inputs_say_so() {
        for input in ["", "\u{feff}", "  \n\u{a0}\r\n\t"] {
            let t = parse_str(input);
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
