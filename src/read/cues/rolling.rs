//! Rolling captions (YouTube's automatic captions, roll-up CART): each cue
//! shows the line before it again, then a new one, and 10 ms "freeze" cues
//! show both once more. Read as they are, every line would appear two or
//! three times.
//!
//! A file is rolling when most cues start with the line the cue before
//! ended with, and cues of two lines do ([`Detect`]); then the lines a cue
//! repeats from the one before are dropped ([`Dedupe`]), so every spoken
//! word appears once, in order, with its time.

use super::{Piece, Voice, note};
use crate::model::{Diagnostic, DiagnosticKind};

/// The lines of a cue's text that show something, trimmed.
fn shown_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(str::trim).filter(|l| !l.is_empty())
}

/// Tells whether a file is rolling, from its cues' texts in order.
#[derive(Default)]
pub struct Detect {
    last: String,
    last_lines: usize,
    cues: usize,
    repeats: usize,
}

impl Detect {
    /// Looks at the next cue: its first and last lines that show
    /// something (tags out; `None` if none does), and how many lines it
    /// has (a line of spaces counts: YouTube's cues always have two).
    pub fn cue_lines(&mut self, first: Option<&str>, last: &str, lines: usize) {
        let (first, last) = (first.map(str::trim), last.trim());
        // A repeat rolls when one of the two cues has two lines.
        if first.is_some_and(|f| f == self.last) && (lines > 1 || self.last_lines > 1) {
            self.repeats += 1;
        }
        self.cues += 1;
        self.last.clear();
        self.last.push_str(last);
        self.last_lines = lines;
    }

    /// Whether most cues roll.
    pub fn is_rolling(&self) -> bool {
        self.repeats >= 1 && self.repeats * 3 >= self.cues
    }
}

/// Drops the lines each cue repeats from the one before.
#[derive(Default)]
pub struct Dedupe {
    previous: Vec<String>,
    dropped: usize,
    first_line: usize,
}

impl Dedupe {
    /// `p` without the lines it repeats from the cue before; `None` if
    /// nothing is left. Pieces with a voice are kept whole.
    pub fn cut(&mut self, mut p: Piece) -> Option<Piece> {
        if p.voice != Voice::Continue {
            self.previous.clear();
            return Some(p);
        }
        let lines: Vec<String> = shown_lines(&p.text).map(str::to_string).collect();
        let k = overlap(&self.previous, &lines);
        if k > 0 {
            if self.dropped == 0 {
                self.first_line = p.line;
            }
            self.dropped += k;
            cut_lines(&mut p, k);
        }
        self.previous = lines;
        (!p.text.trim().is_empty()).then_some(p)
    }

    /// One diagnostic for the lines dropped, if any.
    pub fn report(&self, diagnostics: &mut Vec<Diagnostic>) {
        let n = self.dropped;
        if n > 0 {
            diagnostics.push(note(
                self.first_line,
                DiagnosticKind::RepeatsDropped,
                format!(
                    "rolling captions: {n} line{} repeated from the cue before {} dropped, each word kept once",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "was" } else { "were" }
                ),
            ));
        }
    }
}

/// The most lines that end `before` and start `now`.
fn overlap(before: &[String], now: &[String]) -> usize {
    (1..=before.len().min(now.len()))
        .rev()
        .find(|&k| before[before.len() - k..] == now[..k])
        .unwrap_or(0)
}

/// Drops the first `k` shown lines of a piece's text, and their word times.
fn cut_lines(p: &mut Piece, k: usize) {
    let (mut seen, mut at) = (0, 0);
    let mut cut = p.text.len();
    for line in p.text.split('\n') {
        let end = at + line.len();
        if !line.trim().is_empty() {
            seen += 1;
        }
        if seen == k {
            cut = (end + 1).min(p.text.len());
            break;
        }
        at = end + 1;
    }
    p.text.drain(..cut);
    p.words.retain(|w| w[0] as usize >= cut);
    for w in &mut p.words {
        w[0] -= cut as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shows `detect` a cue's whole text, as the caption reader shows it
    /// the lines it needs.
    fn cue(detect: &mut Detect, text: &str) {
        let (mut first, mut last) = (None, "");
        for line in shown_lines(text) {
            first = first.or(Some(line));
            last = line;
        }
        detect.cue_lines(first, last, text.split('\n').count());
    }

    fn run(texts: &[&str]) -> (bool, Vec<String>) {
        let mut detect = Detect::default();
        for t in texts {
            cue(&mut detect, t);
        }
        let mut dedupe = Dedupe::default();
        let out = texts
            .iter()
            .filter_map(|t| dedupe.cut(Piece::new(t.to_string(), 1, [0, 0])))
            .map(|p| p.text.trim().to_string())
            .collect();
        (detect.is_rolling(), out)
    }

    #[test]
    fn each_line_once() {
        let (rolling, out) = run(&[
            " \nhello this is",
            "hello this is\n ",
            "hello this is\nthe next line",
            "the next line\n ",
            "the next line\nand the last",
        ]);
        assert!(rolling);
        assert_eq!(out, ["hello this is", "the next line", "and the last"]);
    }

    #[test]
    fn plain_subtitles_are_not_rolling() {
        assert!(!run(&["No.", "No.", "No.", "Yes.", "Maybe."]).0);
    }
}
