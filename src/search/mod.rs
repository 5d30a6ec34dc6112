//! Search: find words and phrases in a transcript's turns, as the reader types.
//!
//! Text and queries are compared after [`fold`]ing: lower case, accents
//! removed (`é` = `e`), U+00A0 and every run of whitespace read as one space,
//! U+2011 read as `-`. The [`Index`] keeps all the turns' folded text in one
//! string, with a sparse map back to the text as written, so highlights land exactly on the
//! original characters (inside annotations and across U+00A0 too).
//!
//! A [`Query`] is words and `"quoted phrases"`: a turn matches when every one
//! appears in it, in any order. Words match whole words, except the last one,
//! which matches as a word prefix while typing. Phrases match exactly, in order.
//!
//! ```
//! use floor::search::{Index, Query};
//! let t = floor::read::parse_str(">>A: The Best Practice Forum met.\n\n>>B: Best of all.\n\n>>A: Practicing.");
//! let index = Index::new(&t);
//! let hits = index.search(&Query::parse("best pract"), None);
//! assert_eq!(hits.turns.iter().map(|h| h.n).collect::<Vec<_>>(), [1]);
//! assert_eq!(hits.matches(), 2);
//! let [p, s, e] = hits.turns[0].marks[1];
//! assert_eq!(&t.paragraph(&t.turns[0], p).unwrap()[s..e], "Pract"); // the typed prefix
//! ```

use memchr::memmem::Finder;

use crate::model::Transcript;
use crate::text::fold::{fold_into, into_string};
mod query;
pub(crate) mod words;

pub(crate) use query::Term;
use query::word_after;
pub use query::{MAX_QUERY_BYTES, MAX_TERMS, Query};
pub(crate) use words::{Words, is_word_char};

/// Where a paragraph's folded text lies in the index.
#[derive(Debug, Clone, Copy)]
struct Para {
    /// Start in [`Index::folded`].
    start: u32,
    /// Length of the paragraph as written, to clamp the ends of marks.
    len: u32,
    /// Its first breakpoint in [`Index::map`].
    map: u32,
}

/// One turn of the index (turn `n` is at `n - 1`): eight bytes, as a file
/// can have millions.
#[derive(Debug, Clone, Copy)]
struct TurnEntry {
    /// Position in [`Index::speakers`], or [`NO_SPEAKER`].
    speaker: u32,
    /// Its first paragraph in [`Index::paras`] (the next turn's is past its
    /// last).
    first: u32,
}

/// A [`TurnEntry`] without a speaker.
const NO_SPEAKER: u32 = u32::MAX;

/// The searchable text of a transcript's turns.
///
/// Every paragraph of every turn is folded into one string, each followed by
/// `\n` (which folded text never contains otherwise, so no match spans two
/// paragraphs). A sparse map leads back from folded bytes to the paragraphs
/// as written.
#[derive(Debug, Clone, Default)]
pub struct Index {
    folded: String,
    turns: Vec<TurnEntry>,
    paras: Vec<Para>,
    /// Breakpoints `(folded, original)`: from `folded` on, folded bytes map one
    /// to one onto the bytes of the paragraph as written, from `original`. Each
    /// paragraph's start is one. An `original` with [`WHOLE`] set starts one
    /// char's fold (`ß` → `ss`): a match starting or ending inside it covers
    /// the whole char.
    map: Vec<(u32, u32)>,
    /// Speaker ids, in order of first turn.
    speakers: Vec<String>,
    /// Which index this is, so that [`Hits`] from another one are never
    /// taken for its own (see [`Index::search_from`]).
    id: u32,
    /// The folded text's words, for [`Index::find`], built on its first call
    /// (the viewer, which marks every match, never needs them).
    words: std::sync::OnceLock<Words>,
}

/// The bit of a breakpoint's original offset that says the folded bytes
/// from it to the next breakpoint are one char's (paragraphs are shorter
/// than 2 GB: the input is at most 50 MB).
const WHOLE: u32 = 1 << 31;

/// An occurrence of a term: `(turn, start, end)`, the turn's position in the
/// index and the folded text's bytes.
type Occurrence = (u32, u32, u32);

/// Where the next [`Index`] gets its `id` from.
static NEXT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

impl Index {
    /// Builds the index of `t`'s turns.
    pub fn new(t: &Transcript) -> Index {
        let paragraphs = t.paragraph_total();
        let mut folded = Vec::with_capacity(t.text_len() + paragraphs);
        let mut index = Index {
            folded: String::new(),
            turns: Vec::with_capacity(t.turns.len()),
            paras: Vec::with_capacity(paragraphs),
            map: Vec::with_capacity(paragraphs),
            speakers: Vec::new(),
            words: std::sync::OnceLock::new(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        // The transcript's speakers, in order of first turn, are the index's.
        index.speakers = t.speakers.iter().map(|s| s.id.clone()).collect();
        for turn in &t.turns {
            let paragraphs = t.paragraphs(turn);
            index.turns.push(TurnEntry {
                speaker: turn.speaker().map_or(NO_SPEAKER, |s| s as u32),
                first: index.paras.len() as u32,
            });
            for text in paragraphs {
                let start = folded.len() as u32;
                index.paras.push(Para {
                    start,
                    len: text.len() as u32,
                    map: index.map.len() as u32,
                });
                index.map.push((start, 0));
                let map = &mut index.map;
                fold_into(text, &mut folded, |f, o, whole| {
                    let point = (f as u32, o as u32 | if whole { WHOLE } else { 0 });
                    match map.last_mut() {
                        Some(last) if last.0 == point.0 => *last = point,
                        _ => map.push(point),
                    }
                });
                folded.push(b'\n');
            }
        }
        index.folded = into_string(folded);
        index.map.shrink_to_fit();
        index
    }

    /// The folded text's words, built on the first call.
    pub(crate) fn words(&self) -> &Words {
        self.words.get_or_init(|| {
            let starts: Vec<usize> = (0..self.turns.len()).map(|i| self.turn_start(i)).collect();
            Words::new(&self.folded, &starts)
        })
    }

    /// Builds now what [`find`](Index::find) builds on its first call: the
    /// list of the text's words (a few times the turns' size in bytes).
    pub fn prepare_find(&self) {
        self.words();
    }

    /// The folded text (each paragraph followed by `\n`), which
    /// [`words`](Index::words) point into.
    pub(crate) fn folded(&self) -> &str {
        &self.folded
    }

    /// The turns that match `query` (optionally only one speaker's) and the
    /// number of matches, without the marks: what a count or a list of
    /// turns needs. A query of plain words is answered from the index's
    /// words, without reading the text. Any other (a phrase, a word with
    /// punctuation) is searched as [`search_from`](Index::search_from) does,
    /// from `earlier`, which then holds this search's hits for the next.
    ///
    /// ```
    /// use floor::search::{Hits, Index, Query};
    /// let t = floor::read::parse_str(">>A: best practice, best\n\n>>B: best of all");
    /// let index = Index::new(&t);
    /// let found = index.find(&Query::parse("best pr"), None, &mut Hits::default());
    /// assert_eq!((found.turns, found.matches), (vec![1], 3));
    /// ```
    pub fn find(&self, query: &Query, speaker: Option<&str>, earlier: &mut Hits) -> Found {
        let speaker_at = match speaker.map(|id| self.speaker_at(id)) {
            Some(None) => return Found::default(),
            at => at.flatten(),
        };
        let terms: Vec<(&str, bool)> = query
            .terms
            .iter()
            .map(|t| (&t.text[..], t.prefix))
            .collect();
        let keep = |i: usize| speaker_at.is_none() || self.speaker_of(i) == speaker_at;
        match self
            .words()
            .count(&self.folded, &terms, self.turns.len(), keep)
        {
            Some(counts) => Found {
                matches: counts.iter().map(|c| c.1 as usize).sum(),
                turns: counts.iter().map(|c| c.0 + 1).collect(),
            },
            None => {
                *earlier = self.search_from(query, speaker, Some(earlier));
                Found::from(&*earlier)
            }
        }
    }

    /// Every occurrence `(turn, start, end)` of `term` in the folded text of
    /// `turns` (`None`: all), in order.
    fn scan(&self, term: &Term, turns: Option<&[u32]>) -> Vec<Occurrence> {
        let mut occurrences = Vec::new();
        let finder = Finder::new(term.text.as_bytes());
        match turns {
            None => self.find_in(term, &finder, 0..self.turns.len(), &mut occurrences),
            Some(turns) => {
                // Runs of consecutive turns, each searched as one text.
                let mut rest = turns;
                while let Some(&first) = rest.first() {
                    let run = 1 + rest.windows(2).take_while(|w| w[1] == w[0] + 1).count();
                    let first = first as usize;
                    self.find_in(term, &finder, first..first + run, &mut occurrences);
                    rest = &rest[run..];
                }
            }
        }
        occurrences
    }

    /// The occurrences of `term` in `turns`, from `list`, the occurrences of
    /// a term it [implies](Term::implies) in (at least) those turns.
    fn narrow(
        &self,
        term: &Term,
        implied: &Term,
        list: &[Occurrence],
        turns: &[u32],
    ) -> Vec<Occurrence> {
        let same = term == implied;
        let word_end = !term.prefix && term.text.ends_with(is_word_char);
        let needle = term.text.as_bytes();
        let folded = self.folded.as_bytes();
        in_turns(list, turns)
            .into_iter()
            .filter(|&(_, s, _)| {
                let (s, e) = (s as usize, s as usize + needle.len());
                same || (folded.get(s..e) == Some(needle)
                    && !(word_end && word_after(&self.folded, e)))
            })
            .map(|(i, s, _)| (i, s, s + needle.len() as u32))
            .collect()
    }

    /// Pushes `(turn, start, end)` for every occurrence of `term` in the
    /// folded text of `turns`.
    fn find_in(
        &self,
        term: &Term,
        finder: &Finder,
        turns: std::ops::Range<usize>,
        out: &mut Vec<Occurrence>,
    ) {
        let start = self.turn_start(turns.start);
        let end = if turns.end < self.turns.len() {
            self.turn_start(turns.end)
        } else {
            self.folded.len()
        };
        // Which turn each occurrence is in, walking both in order.
        let mut turn = turns.start;
        term.find_all(finder, &self.folded[start..end], start, |s, e| {
            while turn + 1 < turns.end && self.turn_start(turn + 1) <= s {
                turn += 1;
            }
            out.push((turn as u32, s as u32, e as u32));
        });
    }

    /// The turns that match `query`, optionally only those of one speaker,
    /// with every occurrence of every term marked.
    pub fn search(&self, query: &Query, speaker: Option<&str>) -> Hits {
        self.search_from(query, speaker, None)
    }

    /// The same as [`search`](Index::search), sooner while the reader types:
    /// when `earlier` are the hits of an earlier search in this index, with
    /// the same speaker, for a query that `query` [narrows](Query::narrows),
    /// only the turns that matched then are searched, and a term the same as
    /// one asked then, or that word typed on, is looked for only where that
    /// one was found. Any other `earlier` is ignored.
    ///
    /// ```
    /// use floor::search::{Index, Query};
    /// let t = floor::read::parse_str(">>A: best practice\n\n>>B: best of all\n\n>>C: practice");
    /// let index = Index::new(&t);
    /// let best = index.search(&Query::parse("best"), None);
    /// let q = Query::parse("best pr");
    /// assert_eq!(index.search_from(&q, None, Some(&best)), index.search(&q, None));
    /// ```
    pub fn search_from(
        &self,
        query: &Query,
        speaker: Option<&str>,
        earlier: Option<&Hits>,
    ) -> Hits {
        let mut hits = Hits {
            capped: query.capped(),
            ..Hits::default()
        };
        if query.terms.is_empty() {
            return hits;
        }
        let within = earlier.and_then(|e| e.asked.as_ref()).filter(|a| {
            a.index == self.id
                && a.speaker.as_deref() == speaker
                && !a.found.is_empty()
                && implies_all(&query.terms, a.found.iter().map(|(t, _)| t))
        });
        // The turns still in the running (`None`: all of them).
        let mut candidates: Option<Vec<u32>> = match (within, speaker) {
            (Some(a), _) => Some(a.turns.clone()),
            (None, None) => None,
            (None, Some(id)) => {
                let Some(s) = self.speaker_at(id) else {
                    return hits;
                };
                Some(
                    (0..self.turns.len() as u32)
                        .filter(|&i| self.speaker_of(i as usize) == Some(s))
                        .collect(),
                )
            }
        };
        // Longer terms first: they are rarer, so later terms scan fewer turns.
        // (A query has a few terms: each goes before the first shorter one.)
        let mut order: Vec<&Term> = Vec::with_capacity(query.terms.len());
        for t in &query.terms {
            let at = order.iter().position(|o| o.text.len() < t.text.len());
            order.insert(at.unwrap_or(order.len()), t);
        }
        // Per term, its occurrences `(turn, start, end)` in the turns still in
        // the running, in order.
        let mut found: Vec<Vec<Occurrence>> = Vec::with_capacity(order.len());
        for &term in &order {
            // A term that implies one asked before (the same word, or the
            // word typed on) occurs only where that one did: its occurrences
            // then are those, checked, not a new scan of the text.
            // (Taking the earlier hits, the candidates start as their turns.)
            let before = within.and_then(|a| a.found.iter().find(|(t, _)| term.implies(t)));
            let occurrences = match (before, candidates.as_deref()) {
                (Some((t, list)), Some(turns)) => self.narrow(term, t, list, turns),
                _ => self.scan(term, candidates.as_deref()),
            };
            let mut turns: Vec<u32> = occurrences.iter().map(|o| o.0).collect();
            turns.dedup();
            candidates = Some(turns);
            found.push(occurrences);
        }
        let candidates = candidates.unwrap_or_default();
        // Each remaining turn's occurrences from every term, in order (a merge
        // of the terms' lists), as marks: one per stretch of text, however
        // many terms cover it.
        let mut cursors = vec![0; found.len()];
        let mut ends = vec![0; found.len()];
        for &i in &candidates {
            for ((list, at), end) in found.iter().zip(&mut cursors).zip(&mut ends) {
                while *at < list.len() && list[*at].0 < i {
                    *at += 1;
                }
                *end = *at;
                while *end < list.len() && list[*end].0 == i {
                    *end += 1;
                }
            }
            let mut marker = Marker::new(self, i as usize);
            let mut marks = Vec::new();
            let mut current: Option<(u32, u32)> = None;
            loop {
                let mut next: Option<(usize, (u32, u32))> = None;
                for (k, list) in found.iter().enumerate() {
                    if cursors[k] < ends[k] {
                        let (_, s, e) = list[cursors[k]];
                        if next.is_none_or(|(_, first)| (s, e) < first) {
                            next = Some((k, (s, e)));
                        }
                    }
                }
                let Some((k, (s, e))) = next else { break };
                cursors[k] += 1;
                match &mut current {
                    Some(last) if s < last.1 => last.1 = last.1.max(e),
                    _ => {
                        if let Some(done) = current.replace((s, e)) {
                            marks.extend(marker.mark(done));
                        }
                    }
                }
            }
            if let Some(done) = current {
                marks.extend(marker.mark(done));
            }
            hits.turns.push(TurnHits { n: i + 1, marks });
        }
        hits.asked = Some(Asked {
            index: self.id,
            speaker: speaker.map(str::to_string),
            turns: candidates,
            found: order.into_iter().cloned().zip(found).collect(),
        });
        hits
    }

    /// Speaker `id`'s position in [`Index::speakers`] (what turns refer to
    /// it by), if any turn is theirs.
    fn speaker_at(&self, id: &str) -> Option<u32> {
        self.speakers.iter().position(|x| x == id).map(|s| s as u32)
    }

    /// Turn `i`'s speaker's position in [`Index::speakers`], if it has one.
    fn speaker_of(&self, i: usize) -> Option<u32> {
        self.turns
            .get(i)
            .map(|t| t.speaker)
            .filter(|&s| s != NO_SPEAKER)
    }

    /// The positions in [`Index::paras`] of turn `i`'s paragraphs.
    fn paras_of(&self, i: usize) -> std::ops::Range<usize> {
        let first = self
            .turns
            .get(i)
            .map_or(self.paras.len(), |t| t.first as usize);
        let end = self
            .turns
            .get(i + 1)
            .map_or(self.paras.len(), |t| t.first as usize);
        first..end.max(first)
    }

    /// Where turn `i`'s folded text starts (the end of the text for a last
    /// turn without paragraphs, and past the last turn: a transcript may
    /// have none).
    fn turn_start(&self, i: usize) -> usize {
        self.turns
            .get(i)
            .and_then(|t| self.paras.get(t.first as usize))
            .map_or(self.folded.len(), |p| p.start as usize)
    }
}

/// Turns one turn's matches, in order, into marks in its paragraphs as
/// written, walking its paragraphs along.
struct Marker<'a> {
    index: &'a Index,
    /// The turn's paragraphs.
    paras: &'a [Para],
    /// Where the turn's paragraphs start in [`Index::paras`].
    first: usize,
    /// The paragraph of the last match.
    p: usize,
}

impl<'a> Marker<'a> {
    fn new(index: &'a Index, i: usize) -> Marker<'a> {
        let paras = index.paras_of(i);
        Marker {
            index,
            first: paras.start,
            paras: &index.paras[paras],
            p: 0,
        }
    }

    /// A match `[start, end)` in the folded text (after the last one), as a
    /// mark `[paragraph, start, end)` in the paragraph as written.
    fn mark(&mut self, (s, e): (u32, u32)) -> Option<[usize; 3]> {
        while self.paras.get(self.p + 1).is_some_and(|q| q.start <= s) {
            self.p += 1;
        }
        let para = self.paras.get(self.p).filter(|q| q.start <= s)?;
        // The paragraph's breakpoints.
        let map_end = self
            .index
            .paras
            .get(self.first + self.p + 1)
            .map_or(self.index.map.len(), |q| q.map as usize);
        let map = &self.index.map[para.map as usize..map_end];
        let len = para.len as usize;
        let start = original(map, s, false, len);
        // A match that ends the paragraph ends with it (trailing combining marks included).
        let end = if self.index.folded.as_bytes().get(e as usize) == Some(&b'\n') {
            len
        } else {
            original(map, e, true, len)
        };
        (start < end).then_some([self.p, start, end.min(len)])
    }
}

/// The original byte offset (in its paragraph, `len` bytes long) of folded
/// byte `pos`, given the paragraph's breakpoints: inside one char's fold,
/// that char's start, or its end for the `end` of a match.
fn original(map: &[(u32, u32)], pos: u32, end: bool, len: usize) -> usize {
    let i = map.partition_point(|&(f, _)| f <= pos).max(1) - 1;
    let Some(&(f, o)) = map.get(i) else { return 0 };
    let whole = o & WHOLE != 0;
    let o = o & !WHOLE;
    match (whole && pos > f, end) {
        (false, _) => (o + (pos - f)) as usize,
        (true, false) => o as usize,
        (true, true) => map
            .get(i + 1)
            .map_or(len, |&(_, next)| (next & !WHOLE) as usize),
    }
}

/// What [`Index::find`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The matching turns' numbers, in order.
    pub turns: Vec<u32>,
    /// The number of matches in them: the marks [`Index::search`] would draw.
    pub matches: usize,
}

/// The turns and number of matches of a search's hits.
impl From<&Hits> for Found {
    fn from(hits: &Hits) -> Found {
        Found {
            turns: hits.turns.iter().map(|t| t.n).collect(),
            matches: hits.matches(),
        }
    }
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    /// The matching turns, in order.
    pub turns: Vec<TurnHits>,
    /// What was asked, for [`Index::search_from`].
    asked: Option<Asked>,
    /// Whether the query was cut to its first terms ([`Query::capped`]).
    capped: bool,
}

/// Hits are equal when they mark the same text, whatever was asked.
impl PartialEq for Hits {
    fn eq(&self, other: &Hits) -> bool {
        self.turns == other.turns
    }
}

impl Eq for Hits {}

/// The question [`Hits`] answer.
#[derive(Debug, Clone)]
struct Asked {
    /// The [`Index`]'s id.
    index: u32,
    speaker: Option<String>,
    /// The matching turns' positions in the index.
    turns: Vec<u32>,
    /// Each term's occurrences in (at least) those turns.
    found: Vec<(Term, Vec<Occurrence>)>,
}

/// Whether each of `earlier` is implied by one of `terms`.
fn implies_all<'a>(terms: &[Term], earlier: impl IntoIterator<Item = &'a Term>) -> bool {
    earlier
        .into_iter()
        .all(|e| terms.iter().any(|t| t.implies(e)))
}

/// The items of `list` (in turn order) whose turn is one of `turns` (in order).
fn in_turns(list: &[Occurrence], turns: &[u32]) -> Vec<Occurrence> {
    let mut out = Vec::with_capacity(list.len());
    let mut k = 0;
    for &o in list {
        while k < turns.len() && turns[k] < o.0 {
            k += 1;
        }
        if turns.get(k) == Some(&o.0) {
            out.push(o);
        }
    }
    out
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
    /// A query cut to its first terms says so: "2 matches in 1 turn (the
    /// first 32 words searched)".
    pub fn describe(&self, current: Option<usize>) -> String {
        let (m, t) = (self.matches(), self.turns.len());
        let capped = if self.capped {
            " (the first 32 words searched)"
        } else {
            ""
        };
        if m == 0 {
            return format!("No matches{capped}");
        }
        let s = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "es" });
        let turns = format!("{t} turn{}", if t == 1 { "" } else { "s" });
        match current {
            Some(i) => format!("{} of {} in {turns}{capped}", i + 1, s(m, "match")),
            None => format!("{} in {turns}{capped}", s(m, "match")),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, query: &str) -> Vec<String> {
        let t = crate::read::parse_str(text);
        let hits = Index::new(&t).search(&Query::parse(query), None);
        hits.turns
            .iter()
            .flat_map(|h| h.marks.iter().map(move |&[p, s, e]| (h.n, p, s, e)))
            .map(|(n, p, s, e)| t.paragraph(&t.turns[n as usize - 1], p).unwrap()[s..e].to_string())
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
        // Chars that fold to several (`ß` → `ss`) or to other bytes are
        // marked whole, even where a match ends inside one.
        assert_eq!(
            marked(">>A: Straße and STRASSE", "strasse"),
            ["Straße", "STRASSE"]
        );
        assert_eq!(marked(">>A: die Straße", "stras"), ["Straß"]);
        assert_eq!(
            marked(">>A: ＣＨＡＩＲ ﬁnal", "chair fin"),
            ["ＣＨＡＩＲ", "ﬁn"]
        );
        assert_eq!(
            marked(">>A: Ștefan, Doğan, Nguyễn", "stefan dogan nguyen"),
            ["Ștefan", "Doğan", "Nguyễn"]
        );
        assert_eq!(marked(">>A: AN\u{200b}NA says", "anna"), ["AN\u{200b}NA"]);
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
    fn an_empty_last_turn_matches_nothing() {
        // Turn 3 has no paragraph; under its speaker's filter it must not
        // pick up the words of the turns before it.
        let t = crate::read::parse_str(">>A: hello there\n\n>>B: hello\n\n>>A:\n");
        assert!(t.paragraphs(&t.turns[2]).is_empty());
        let index = Index::new(&t);
        let hits = index.search(&Query::parse("hello"), Some("a"));
        assert_eq!(hits.turns.iter().map(|h| h.n).collect::<Vec<_>>(), [1]);
        let hits = index.search(&Query::parse("there hello"), None);
        assert_eq!(hits.turns.iter().map(|h| h.n).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn a_query_of_too_many_words_is_cut_and_says_so() {
        let t = crate::read::parse_str(">>A: w0 w1 w2 the end");
        let index = Index::new(&t);
        let many: String = (0..1000).map(|i| format!("w{} ", i % 3)).collect();
        let hits = index.search(&Query::parse(&many), None);
        assert_eq!(hits.matches(), 3);
        let said = hits.describe(None);
        assert!(
            said.ends_with(&format!("(the first {MAX_TERMS} words searched)")),
            "{said}"
        );
        let distinct: String = (0..100).map(|i| format!("x{i} ")).collect();
        let q = Query::parse(&distinct);
        assert_eq!((q.len(), q.capped()), (MAX_TERMS, true));
        assert!(!Query::parse("the end").capped());
    }

    #[test]
    fn speaker_filter_and_counts() {
        let t = crate::read::parse_str(">>A: one one\n\n>>B: one\n\n>>A: two");
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
