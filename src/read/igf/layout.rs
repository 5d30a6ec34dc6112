//! How the copy lays paragraphs out in lines: blank-line blocks, one
//! paragraph per line, hard-wrapped lines, one sentence per line. Decided
//! once for the whole file, then applied to each turn and to the header.

use super::lines::Lines;
use super::scan::Marker;
use crate::read::header;
use crate::text::{self, is_blank, is_space, trim};

/// A paragraph being built: its text and the index of its first line.
#[derive(Debug)]
pub(super) struct Paragraph {
    pub(super) line: usize,
    pub(super) text: String,
}

/// How the copy lays paragraphs out in lines, decided once for the whole
/// file from the blocks (runs of non-blank lines) of its turns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Layout {
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

// ---------------------------------------------------------------- thresholds
//
// Lengths are in bytes of a trimmed line. A block is a run of non-blank
// lines of the turns; the "block lines" counted are those of blocks of two
// lines or more, and a block's inner lines are all but its last (the lines
// after which a wrapped paragraph goes on).

/// A block line longer than this is a paragraph, not a wrapped line.
const LONG_LINE: usize = 250;

/// Widest wrap a copy can have: lines wrapped wider than this were not
/// hard-wrapped (copies are wrapped near 80 columns).
const WRAPPED_WIDTH_MAX: usize = 110;

/// When at least this share of the block lines are longer than
/// [`LONG_LINE`], each line is a paragraph ([`Layout::Lines`]).
const LONG_LINES: Share = Share::new(1, 10);

/// The width a copy was wrapped at is the length that this share of its
/// block lines do not pass (the 90th percentile).
const WIDTH_PERCENTILE: Share = Share::new(9, 10);

/// An inner line reaches the width when its length is at least this share
/// of it.
const NEAR_WIDTH: Share = Share::new(7, 10);

/// A copy is hard-wrapped when at least this share of its inner lines reach
/// the width.
const WRAPPED_LINES: Share = Share::new(6, 10);

/// A copy's lines end sentences when at least this share of its inner lines
/// end one.
const SENTENCE_ENDS: Share = Share::new(6, 10);

/// A copy whose longest line passes the width by at most the width divided
/// by this is bounded by it: wrapped, even where wraps fell at sentence ends.
const OVERSHOOT_DIVISOR: usize = 5;

/// A copy with one sentence per line has fewer than this share of lines that
/// hold a sentence end followed by another sentence.
const INNER_SENTENCE_BREAKS: Share = Share::new(3, 10);

/// A ragged wrapped copy has fewer than this share of inner lines that end
/// a sentence: most stop mid-sentence.
const RAGGED_SENTENCE_ENDS: Share = Share::new(5, 10);

/// Blank lines separate paragraphs within turns when blank lines inside turns
/// number at least this share of the turns.
const BLANK_SEPARATED: Share = Share::new(1, 20);

/// A line shorter than this share of the width is short: in a wrapped copy
/// without blank lines, a short line that ends a sentence ends its
/// paragraph; in the header, the line after a short line starts one.
const SHORT_LINE: Share = Share::new(6, 10);

/// In a wrapped header block, a line after a sentence that ends before this
/// share of the block's widest line starts a new paragraph.
const HEADER_SENTENCE_END: Share = Share::new(85, 100);

/// A line indented by at least this many more spaces than its turn's marker
/// line starts a paragraph.
const PARAGRAPH_INDENT: usize = 4;

/// Longest field name of a `Field: value` header line, in bytes.
const FIELD_MAX_BYTES: usize = 40;

/// Most words in the field name of a `Field: value` header line.
const FIELD_MAX_WORDS: usize = 4;

/// A share `num / den` of a whole, compared in whole numbers (no division).
#[derive(Debug, Clone, Copy)]
struct Share {
    num: usize,
    den: usize,
}

impl Share {
    const fn new(num: usize, den: usize) -> Share {
        Share { num, den }
    }

    /// Whether `part` is at least this share of `whole`.
    fn reached(self, part: usize, whole: usize) -> bool {
        part * self.den >= whole * self.num
    }

    /// This share of `n`, rounded down.
    fn of(self, n: usize) -> usize {
        n * self.num / self.den
    }
}

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
    pub(super) fn of(lines: Lines, markers: &[Option<Marker>]) -> Layout {
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
        // The pieces of a line cut at markers inside it
        // ([`Lines::starts_mid_line`]) are as long as the line: from this
        // one to line `run_end`, `run_len` bytes.
        let (mut run_end, mut run_len) = (0, 0);
        for (i, line) in lines.iter().enumerate().skip(first) {
            let blank = is_blank(line.text);
            turns += usize::from(markers[i].is_some());
            inner_blanks += usize::from(prev_blank && !blank && markers[i].is_none());
            prev_blank = blank;
            if blank || (markers[i].is_some() && !block.is_empty()) {
                flush(&mut block);
            }
            if i >= run_end {
                run_end = (i + 1..lines.len())
                    .find(|&j| !lines.starts_mid_line(j))
                    .unwrap_or(lines.len());
                run_len = lines.at(run_end - 1).end() - line.start;
            }
            if !blank {
                let t = match markers[i] {
                    Some(m) => &line.text[m.text_start()..],
                    None => line.text,
                };
                let whole = i + 1 == run_end && !lines.starts_mid_line(i);
                block.push((
                    if whole {
                        trim(line.text).len()
                    } else {
                        run_len
                    },
                    trim(t),
                ));
            }
        }
        flush(&mut block);
        if lengths.is_empty() {
            return Layout::Blocks;
        }
        let n = lengths.len();
        let long = lengths.iter().filter(|&&l| l > LONG_LINE).count();
        if LONG_LINES.reached(long, n) {
            return Layout::Lines;
        }
        // Fewer than a tenth of the lines are long, so the 90th percentile
        // is at most LONG_LINE: counted, not sorted.
        let longest = lengths.iter().copied().max().unwrap_or(0);
        let width =
            nth_at_most(&lengths, WIDTH_PERCENTILE.of(n).min(n - 1), LONG_LINE).unwrap_or(longest);
        let near = near_candidates
            .iter()
            .filter(|&&l| NEAR_WIDTH.reached(l, width))
            .count();
        let inner = inner.max(1);
        let sentence_ends = SENTENCE_ENDS.reached(ends_sentence, inner);
        let blank_separated = inner_blanks > 0 && BLANK_SEPARATED.reached(inner_blanks, turns);
        // Lines that mostly reach the same width and never pass it much were
        // wrapped, even where the wrap fell at the end of a sentence.
        let bounded = longest <= width + width / OVERSHOOT_DIVISOR;
        if width <= WRAPPED_WIDTH_MAX
            && WRAPPED_LINES.reached(near, inner)
            && (!sentence_ends || bounded)
        {
            Layout::Wrapped {
                width,
                blank_separated,
            }
        } else if sentence_ends && !INNER_SENTENCE_BREAKS.reached(inner_break, n) {
            Layout::Sentences
        } else if !RAGGED_SENTENCE_ENDS.reached(ends_sentence, inner) {
            // Most lines stop mid-sentence: a wrapped copy, if a ragged one.
            Layout::Wrapped {
                width,
                blank_separated,
            }
        } else {
            Layout::Lines
        }
    }

    pub(super) fn describe(self) -> Option<String> {
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
    pub(super) fn paragraphs(self, lines: Lines, first_text: usize) -> Vec<Paragraph> {
        // PARAGRAPH_INDENT more spaces than the marker line start a
        // paragraph; a single space or tab only continues a wrapped line.
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
                            || (!blank_separated
                                && !SHORT_LINE.reached(prev_len, width)
                                && prev_ends)
                    }
                    Layout::Sentences => cue(raw, base),
                };
            push_line(&mut out, i, t, starts_paragraph);
            open = true;
            prev_len = trim(line.text).len();
            // A line cut from the middle of one is short for that, not
            // because its paragraph ended.
            prev_ends = ends_a_sentence(t) && !lines.starts_mid_line(i);
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
/// joined back. At most `most` paragraphs are read.
pub(super) fn header_paragraphs(lines: Lines, most: usize) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut block_start = 0;
    while block_start < lines.len() {
        let block_end = (block_start..lines.len())
            .find(|&i| is_blank(lines.at(i).text))
            .unwrap_or(lines.len());
        let block = lines.slice(block_start..block_end);
        let widest = block.iter().map(|l| trim(l.text).len()).max().unwrap_or(0);
        let mut prev: Option<&str> = None;
        for (j, line) in block.iter().enumerate() {
            let t = trim(line.text);
            // Lines longer than a wrapped copy's are paragraphs of their own.
            let wrapped = widest <= WRAPPED_WIDTH_MAX;
            let starts_paragraph = match prev {
                None => true,
                Some(p) => {
                    !wrapped
                        || (ends_a_sentence(p) && !HEADER_SENTENCE_END.reached(p.len(), widest))
                        || !SHORT_LINE.reached(p.len(), widest)
                        || header::parse_date_line(p).is_some()
                        || header::parse_date_line(t).is_some()
                        || line.text.starts_with('\u{a0}')
                        || is_field(t)
                }
            };
            if starts_paragraph && out.len() == most {
                return out;
            }
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
        field.len() <= FIELD_MAX_BYTES
            && field.split_whitespace().count() <= FIELD_MAX_WORDS
            && field.starts_with(char::is_uppercase)
    })
}

/// A line that announces a new paragraph in a joined layout: it starts with
/// U+00A0 (as every paragraph of an IGF text copy does; a wrapped line that
/// merely begins at the U+00A0 after a sentence starts with a space first),
/// or with at least [`PARAGRAPH_INDENT`] more spaces than the turn's marker
/// line (`src/read/igf/FORMAT.md`, "Paragraphs and lines": continuation
/// paragraphs indented by four spaces).
fn cue(raw: &str, base: usize) -> bool {
    raw.starts_with('\u{a0}') || leading_spaces(raw) >= base + PARAGRAPH_INDENT
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
}
