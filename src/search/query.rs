//! Queries: words and `"quoted phrases"`, folded as the text is.

use memchr::memmem::Finder;

use super::implies_all;
use super::words::is_word_char;
use crate::text::fold::fold;

/// Most terms a query searches for: a longer query (a pasted paragraph, a
/// shared `?q=` of thousands of words) searches for its first ones, and
/// says so ([`Query::capped`]).
pub const MAX_TERMS: usize = 32;

/// Most bytes of a query read: the rest is not parsed.
pub const MAX_QUERY_BYTES: usize = 1000;

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub(crate) terms: Vec<Term>,
    /// Whether terms past [`MAX_TERMS`] (or text past [`MAX_QUERY_BYTES`])
    /// were left out.
    capped: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    /// Folded text of the term.
    pub(crate) text: String,
    /// Whether it may end inside a word (the last word while typing).
    pub(crate) prefix: bool,
}

impl Query {
    /// Reads a query: `"quoted phrases"` and words; the last word (or an
    /// unclosed last phrase) matches as a prefix. A term given twice is
    /// searched once; a query of more
    /// than [`MAX_TERMS`] terms is searched for its first ones, and one
    /// longer than [`MAX_QUERY_BYTES`] for its first bytes: its cost stays
    /// bounded whatever is pasted or linked.
    ///
    /// ```
    /// use floor::search::Query;
    /// assert!(Query::parse("  ").is_empty());
    /// assert_eq!(Query::parse("\"best practice\" forum").len(), 2);
    /// assert_eq!(Query::parse("the the THE the ").len(), 1);
    /// let long = Query::parse(&"word ".repeat(2500));
    /// assert_eq!((long.len(), long.capped()), (1, true));
    /// let many: String = (0..100).map(|i| format!("w{i} ")).collect();
    /// assert_eq!(Query::parse(&many).len(), floor::search::MAX_TERMS);
    /// ```
    pub fn parse(query: &str) -> Query {
        let mut terms: Vec<Term> = Vec::new();
        let cut = query.floor_char_boundary(MAX_QUERY_BYTES);
        let mut capped = cut < query.len();
        let query = &query[..cut];
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
        // Each term once (the same text, whole word or prefix alike: no
        // turn or mark changes), the first [`MAX_TERMS`] of them. Each is
        // compared with at most that many kept: linear in the terms.
        let mut kept: Vec<Term> = Vec::new();
        for term in terms {
            if !kept.contains(&term) {
                if kept.len() == MAX_TERMS {
                    capped = true;
                    break;
                }
                kept.push(term);
            }
        }
        let terms = kept;
        Query { terms, capped }
    }

    /// Whether the query was cut to its first [`MAX_TERMS`] terms or
    /// [`MAX_QUERY_BYTES`] bytes.
    pub fn capped(&self) -> bool {
        self.capped
    }

    /// Whether every turn that matches `self` also matches `earlier`, as when
    /// the reader types on: each of `earlier`'s terms is implied by one of
    /// `self`'s, which matches only where that term does (it has the term's
    /// text as a prefix, and a whole-word term stays one). A query narrows
    /// an empty query never, and itself always.
    ///
    /// ```
    /// use floor::search::Query;
    /// let q = Query::parse;
    /// assert!(q("best pr").narrows(&q("best p")));
    /// assert!(q("best ").narrows(&q("best")));
    /// assert!(q("forum best").narrows(&q("best")));
    /// assert!(!q("best").narrows(&q("best "))); // "best" is also "bestow"
    /// assert!(!q("bes").narrows(&q("best")));
    /// assert!(!q("best").narrows(&q("")));
    /// ```
    pub fn narrows(&self, earlier: &Query) -> bool {
        !earlier.terms.is_empty() && implies_all(&self.terms, &earlier.terms)
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
    /// Whether every occurrence of `self` is one of `other` too (at the same
    /// start): the same text or more, and `other` has no word end to keep
    /// that `self` might not.
    pub(super) fn implies(&self, other: &Term) -> bool {
        self.text.starts_with(&other.text)
            && (other.prefix
                || !other.text.ends_with(is_word_char)
                || (self.text == other.text && !self.prefix))
    }

    /// Calls `push(start, end)` (plus `offset`) for every occurrence of the
    /// term in `folded` that starts at a word start and (unless a prefix) ends
    /// at a word end.
    pub(super) fn find_all(
        &self,
        finder: &Finder,
        folded: &str,
        offset: usize,
        mut push: impl FnMut(usize, usize),
    ) {
        let needle = self.text.as_bytes();
        let word_start = self.text.starts_with(is_word_char);
        let word_end = !self.prefix && self.text.ends_with(is_word_char);
        let bytes = folded.as_bytes();
        let mut from = 0;
        // A match of a UTF-8 needle starts on a char boundary, so stepping one
        // byte past it never splits a char that matters.
        while let Some(i) = finder.find(&bytes[from..]) {
            let start = from + i;
            let end = start + needle.len();
            let inside =
                word_start && word_before(folded, start) || word_end && word_after(folded, end);
            if !inside {
                push(offset + start, offset + end);
            }
            from = start + 1;
        }
    }
}

/// Whether a word character ends at `at`.
pub(super) fn word_before(folded: &str, at: usize) -> bool {
    match folded.as_bytes()[..at].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => folded[..at].chars().next_back().is_some_and(is_word_char),
    }
}

/// Whether a word character starts at `at`.
pub(super) fn word_after(folded: &str, at: usize) -> bool {
    match folded.as_bytes().get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => folded[at..].chars().next().is_some_and(is_word_char),
    }
}
