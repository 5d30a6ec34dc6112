//! Search: find words and phrases in a transcript's turns, as the reader types.
//!
//! Text and queries are compared after [`fold`]ing: lower case, accents
//! removed (`é` = `e`), U+00A0 and every run of whitespace read as one space,
//! U+2011 read as `-`. The [`Index`] keeps each turn's folded text with a
//! sparse map back to the text as written, so highlights land exactly on the
//! original characters (inside annotations and across U+00A0 too).
//!
//! A [`Query`] is words and `"quoted phrases"`: a turn matches when every one
//! appears in it, in any order. Words match whole words, except the last one,
//! which matches as a word prefix while typing. Phrases match exactly, in order.
//!
//! ```
//! use floor::search::{Index, Query};
//! let t = floor::parse::parse_str(">>A: The Best Practice Forum met.\n\n>>B: Best of all.\n\n>>A: Practicing.");
//! let index = Index::new(&t);
//! let hits = index.search(&Query::parse("best pract"), None);
//! assert_eq!(hits.turns.iter().map(|h| h.n).collect::<Vec<_>>(), [1]);
//! assert_eq!(hits.matches(), 2);
//! let [p, s, e] = hits.turns[0].marks[1];
//! assert_eq!(&t.turns[0].paragraphs[p][s..e], "Pract"); // the typed prefix
//! ```

use crate::model::Transcript;
use crate::speakers::fold_accent;
use crate::text::is_combining;

/// Folds text for matching: lower case, accents removed, U+00A0 and runs of
/// whitespace as one space, U+2011 as `-`. Leading and trailing whitespace
/// become one space too (callers trim queries themselves).
///
/// ```
/// assert_eq!(floor::search::fold("Co\u{2011}Chair\u{a0}  SÉRGIO"), "co-chair sergio");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out, |_, _| {});
    out
}

/// Folds `text` onto `out`, calling `at(folded_offset, original_offset)` before
/// each character whose folded bytes do not follow on from the previous
/// character's one to one (so that a sparse map can be kept).
fn fold_into(text: &str, out: &mut String, mut at: impl FnMut(usize, usize)) {
    // What `char::is_whitespace` says of an ASCII byte.
    let ascii_space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    let bytes = text.as_bytes();
    let mut in_space = false;
    let mut linear = false; // whether the next char continues the current run
    let mut i = 0;
    while i < bytes.len() {
        // The common case, a run of ASCII letters, digits and punctuation:
        // copied and lowered in bulk.
        if bytes[i].is_ascii() && !ascii_space(bytes[i]) {
            let run = bytes[i..]
                .iter()
                .position(|&b| !b.is_ascii() || ascii_space(b))
                .unwrap_or(bytes.len() - i);
            if !linear {
                at(out.len(), i);
            }
            let start = out.len();
            out.push_str(&text[i..i + run]);
            out[start..].make_ascii_lowercase();
            in_space = false;
            linear = true;
            i += run;
            continue;
        }
        // `i` is on a char boundary: runs and chars end on one.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let at_char = i;
        i += c.len_utf8();
        if c.is_whitespace() {
            if !in_space {
                if !(linear && c == ' ') {
                    at(out.len(), at_char);
                }
                out.push(' ');
                in_space = true;
                linear = c == ' ';
            } else {
                linear = false;
            }
            continue;
        }
        in_space = false;
        if is_combining(c) {
            linear = false;
            continue;
        }
        let start = out.len();
        let mapped = match c {
            '\u{2011}' | '\u{2010}' => '-',
            'İ' => 'i',
            _ => c,
        };
        // Multi-char lower-case forms keep their first letter.
        let folded = mapped
            .to_lowercase()
            .find(|&l| !is_combining(l))
            .map_or(c, fold_accent);
        if !linear || folded.len_utf8() != c.len_utf8() {
            at(start, at_char);
        }
        out.push(folded);
        linear = folded.len_utf8() == c.len_utf8();
    }
}

/// One turn's searchable text.
#[derive(Debug, Clone)]
struct Entry {
    n: u32,
    speaker: Option<String>,
    /// The paragraphs folded, joined by `\n`.
    folded: String,
    /// Where each paragraph starts in `folded`.
    starts: Vec<usize>,
    /// Breakpoints `(folded, paragraph, original)`: from `folded` on, folded
    /// bytes map one to one onto the paragraph's original bytes.
    map: Vec<(usize, usize, usize)>,
}

impl Entry {
    /// The paragraph and original byte offset of folded byte `pos`.
    fn original(&self, pos: usize) -> (usize, usize) {
        let i = self.map.partition_point(|&(f, _, _)| f <= pos).max(1) - 1;
        let (f, p, o) = self.map[i];
        (p, o + (pos - f))
    }
}

/// The searchable text of a transcript's turns.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<Entry>,
    /// The paragraphs' original lengths, to clamp the ends of marks.
    lengths: Vec<Vec<usize>>,
}

impl Index {
    /// Builds the index of `t`'s turns.
    pub fn new(t: &Transcript) -> Index {
        let mut entries = Vec::with_capacity(t.turns.len());
        let mut lengths = Vec::with_capacity(t.turns.len());
        for turn in &t.turns {
            let mut folded =
                String::with_capacity(turn.paragraphs.iter().map(String::len).sum::<usize>() + 8);
            let mut starts = Vec::with_capacity(turn.paragraphs.len());
            let mut map = Vec::new();
            for (p, text) in turn.paragraphs.iter().enumerate() {
                if p > 0 {
                    folded.push('\n');
                }
                starts.push(folded.len());
                map.push((folded.len(), p, 0));
                fold_into(text, &mut folded, |f, o| {
                    if map.last().is_some_and(|&(lf, _, _)| lf == f) {
                        map.pop();
                    }
                    map.push((f, p, o));
                });
            }
            entries.push(Entry {
                n: turn.n,
                speaker: turn.speaker.clone(),
                folded,
                starts,
                map,
            });
            lengths.push(turn.paragraphs.iter().map(String::len).collect());
        }
        Index { entries, lengths }
    }

    /// The turns that match `query`, optionally only those of one speaker,
    /// with every occurrence of every term marked.
    pub fn search(&self, query: &Query, speaker: Option<&str>) -> Hits {
        let mut hits = Hits::default();
        if query.terms.is_empty() {
            return hits;
        }
        for (entry, lengths) in self.entries.iter().zip(&self.lengths) {
            if speaker.is_some_and(|s| entry.speaker.as_deref() != Some(s)) {
                continue;
            }
            let mut found: Vec<(usize, usize)> = Vec::new();
            let all = query.terms.iter().all(|term| {
                let before = found.len();
                term.find_all(&entry.folded, &mut found);
                found.len() > before
            });
            if !all {
                continue;
            }
            // One mark per stretch of text, however many terms cover it.
            found.sort_unstable();
            let mut merged: Vec<(usize, usize)> = Vec::with_capacity(found.len());
            for (s, e) in found {
                match merged.last_mut() {
                    Some(last) if s < last.1 => last.1 = last.1.max(e),
                    _ => merged.push((s, e)),
                }
            }
            let found = merged;
            let marks = found
                .into_iter()
                .filter_map(|(s, e)| {
                    let (p, start) = entry.original(s);
                    let (q, end) = if e == entry.folded.len() || entry.starts.contains(&(e + 1)) {
                        (p, lengths[p])
                    } else {
                        entry.original(e)
                    };
                    (p == q && start < end).then_some([p, start, end.min(lengths[p])])
                })
                .collect::<Vec<_>>();
            hits.turns.push(TurnHits { n: entry.n, marks });
        }
        hits
    }
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// The matching turns, in order.
    pub turns: Vec<TurnHits>,
}

impl Hits {
    /// Number of marked occurrences in all matching turns.
    pub fn matches(&self) -> usize {
        self.turns.iter().map(|t| t.marks.len()).sum()
    }

    /// The `index`-th match overall (0-based), as `(turn number, mark)`.
    pub fn nth(&self, index: usize) -> Option<(u32, [usize; 3])> {
        let mut rest = index;
        for t in &self.turns {
            if rest < t.marks.len() {
                return Some((t.n, t.marks[rest]));
            }
            rest -= t.marks.len();
        }
        None
    }

    /// What a live region says: "3 of 13 matches in 9 turns", "No matches".
    pub fn describe(&self, current: Option<usize>) -> String {
        let (m, t) = (self.matches(), self.turns.len());
        if m == 0 {
            return "No matches".into();
        }
        let s = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "es" });
        let turns = format!("{t} turn{}", if t == 1 { "" } else { "s" });
        match current {
            Some(i) => format!("{} of {} in {turns}", i + 1, s(m, "match")),
            None => format!("{} in {turns}", s(m, "match")),
        }
    }
}

/// The matches in one turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnHits {
    /// The turn number.
    pub n: u32,
    /// Marked ranges `[paragraph, start, end)`, in the paragraphs as written,
    /// in order.
    pub marks: Vec<[usize; 3]>,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// Folded text of the term.
    text: String,
    /// Whether it may end inside a word (the last word while typing).
    prefix: bool,
}

impl Query {
    /// Reads a query: `"quoted phrases"` and words; the last word (or an
    /// unclosed last phrase) matches as a prefix.
    ///
    /// ```
    /// use floor::search::Query;
    /// assert!(Query::parse("  ").is_empty());
    /// assert_eq!(Query::parse("\"best practice\" forum").len(), 2);
    /// ```
    pub fn parse(query: &str) -> Query {
        let mut terms = Vec::new();
        let mut rest = query;
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            if let Some(quoted) = rest.strip_prefix('"') {
                let (phrase, after, closed) = match quoted.find('"') {
                    Some(i) => (&quoted[..i], &quoted[i + 1..], true),
                    None => (quoted, "", false),
                };
                let text = fold(phrase).trim().to_string();
                if !text.is_empty() {
                    terms.push(Term {
                        text,
                        prefix: !closed,
                    });
                }
                rest = after;
            } else {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '"')
                    .unwrap_or(rest.len());
                let text = fold(&rest[..end]);
                if !text.is_empty() {
                    terms.push(Term {
                        text,
                        prefix: false,
                    });
                }
                rest = &rest[end..];
            }
        }
        // The last word is still being typed.
        let typing = !query.ends_with(char::is_whitespace) && !query.ends_with('"');
        if let Some(last) = terms.last_mut() {
            last.prefix |= typing;
        }
        Query { terms }
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Number of terms (words and phrases).
    pub fn len(&self) -> usize {
        self.terms.len()
    }
}

impl Term {
    /// Pushes every occurrence of the term in `folded` that starts at a word
    /// start and (unless a prefix) ends at a word end.
    fn find_all(&self, folded: &str, found: &mut Vec<(usize, usize)>) {
        let needle = self.text.as_str();
        let mut from = 0;
        while let Some(i) = folded[from..].find(needle) {
            let start = from + i;
            let end = start + needle.len();
            let starts_word = !starts_inside_word(folded, start, needle);
            let ends_word = self.prefix || !ends_inside_word(folded, end, needle);
            if starts_word && ends_word {
                found.push((start, end));
            }
            from = start + folded[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether a match at `start` would begin in the middle of a word (only when
/// the needle itself begins with a word character).
fn starts_inside_word(folded: &str, start: usize, needle: &str) -> bool {
    needle.starts_with(is_word_char)
        && folded[..start]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
}

/// Whether a match ending at `end` would stop in the middle of a word.
fn ends_inside_word(folded: &str, end: usize, needle: &str) -> bool {
    needle.ends_with(is_word_char) && folded[end..].chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, query: &str) -> Vec<String> {
        let t = crate::parse::parse_str(text);
        let hits = Index::new(&t).search(&Query::parse(query), None);
        hits.turns
            .iter()
            .flat_map(|h| h.marks.iter().map(move |&[p, s, e]| (h.n, p, s, e)))
            .map(|(n, p, s, e)| t.turns[n as usize - 1].paragraphs[p][s..e].to_string())
            .collect()
    }

    #[test]
    fn marks_follow_the_text_as_written() {
        assert_eq!(
            marked(">>A: Thank you.\u{a0} Next", "\"you. next\""),
            ["you.\u{a0} Next"]
        );
        assert_eq!(
            marked(">>A: Thank you.\u{a0} Next", "you. next"),
            ["you.", "Next"]
        );
        assert_eq!(
            marked(">>A: the co\u{2011}chair", "co-chair"),
            ["co\u{2011}chair"]
        );
        assert_eq!(
            marked(">>A: SÉRGIO and Se\u{301}rgio", "sergio"),
            ["SÉRGIO", "Se\u{301}rgio"]
        );
        assert_eq!(marked(">>A: [ Applause ] then", "applause"), ["Applause"]);
        assert_eq!(marked(">>A: Ünïcödé wörds", "UNICODE"), ["Ünïcödé"]);
    }

    #[test]
    fn words_phrases_and_prefixes() {
        let text =
            ">>A: best practice forum\n\n>>B: practice makes the best\n\n>>C: bestowed practices";
        assert_eq!(
            marked(text, "best practice").len(),
            4,
            "both words, whole words but the last"
        );
        assert_eq!(marked(text, "best practice ").len(), 4);
        assert_eq!(marked(text, "\"best practice\""), ["best practice"]);
        assert_eq!(marked(text, "\"practice forum"), ["practice forum"]);
        assert_eq!(
            marked(text, "bes"),
            ["bes", "bes", "bes"],
            "the typed prefix is marked"
        );
        assert_eq!(marked(text, "bes "), Vec::<String>::new());
        assert!(marked(text, "\"\"").is_empty());
    }

    #[test]
    fn overlapping_terms_make_one_mark() {
        assert_eq!(
            marked(">>A: best practice here", "\"best practice\" practice"),
            ["best practice"]
        );
    }

    #[test]
    fn speaker_filter_and_counts() {
        let t = crate::parse::parse_str(">>A: one one\n\n>>B: one\n\n>>A: two");
        let index = Index::new(&t);
        let all = index.search(&Query::parse("one"), None);
        assert_eq!((all.matches(), all.turns.len()), (3, 2));
        assert_eq!(all.describe(Some(0)), "1 of 3 matches in 2 turns");
        assert_eq!(all.nth(2), Some((2, [0, 0, 3])));
        let b = index.search(&Query::parse("one"), Some("b"));
        assert_eq!(b.turns.iter().map(|h| h.n).collect::<Vec<_>>(), [2]);
        assert_eq!(
            index.search(&Query::parse("zzz"), None).describe(None),
            "No matches"
        );
    }
}
