//! Quote links: a fragment that names a run of words inside one turn,
//! `#t37-p2:w4-16~9c1e04b2`, beside the turn and paragraph anchors
//! ([`super::Anchor`]) and, like them, public contract.
//!
//! # The fragment
//!
//! - `t{n}-p{m}:w{a}-{b}`: words `a` to `b` (from 1, both included) of
//!   paragraph `m` of turn `n`. One word is `w{a}`, never `w{a}-{a}`.
//! - `t{n}:w{a}-{b}`: words `a` to `b` of turn `n`, its paragraphs' words
//!   counted on from one paragraph to the next (a passage that crosses
//!   paragraphs).
//! - `~{check}`, optional: eight lowercase hex digits, the [`check`] of the
//!   quoted words. A link Floor makes always has it: it is how a link made
//!   before the transcript was corrected is told apart.
//!
//! Words are those of [`crate::text::words`], as in search and word
//! counts: a captioner's note such as `[ Applause ]` counts its words.
//!
//! # Opening one
//!
//! [`find`] looks for the quoted words in the transcript: where the link
//! says, when they are there and their check agrees ([`Found::Exact`]);
//! else, by the check, a run of as many words with that check, in the
//! same turn first, then the nearest turn ([`Found::Moved`]); else nowhere
//! ([`Found::Lost`]: the viewer opens the turn, and says so). It never marks
//! other words than those quoted without saying so. A link without a check
//! marks its words if the turn has them.

use std::fmt;

use super::anchor::number;
use crate::model::Transcript;
use crate::text::fold::fold_char;
use crate::text::words;

/// A quoted run of words in one turn (see the [module](self) docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quote {
    /// The turn (from 1).
    pub turn: u32,
    /// The paragraph (from 1) the words are counted in, or 0 for the whole
    /// turn.
    pub paragraph: u32,
    /// The first word (from 1).
    pub from: u32,
    /// The last word (from 1, at least `from`).
    pub to: u32,
    /// The words' [`check`], when the link carries it.
    pub check: Option<u32>,
}

impl Quote {
    /// Reads a quote fragment without `#` (see the [module](self) docs);
    /// `None` for anything else, so that each quote has one spelling.
    ///
    /// ```
    /// use floor::link::Quote;
    /// let q = Quote::parse("t37-p2:w4-16~09c1e04b").unwrap();
    /// assert_eq!((q.turn, q.paragraph, q.from, q.to, q.check), (37, 2, 4, 16, Some(0x09c1e04b)));
    /// assert_eq!(q.to_string(), "t37-p2:w4-16~09c1e04b");
    /// assert_eq!(Quote::parse("t5:w7").map(|q| (q.paragraph, q.from, q.to)), Some((0, 7, 7)));
    /// for bad in ["t5:w7-7", "t5:w8-7", "t5:w0", "t5:w07", "t5:w1~9C1E04B2", "t5:w1~123", "t5-p0:w1"] {
    ///     assert_eq!(Quote::parse(bad), None, "{bad}");
    /// }
    /// ```
    pub fn parse(fragment: &str) -> Option<Quote> {
        let (place, rest) = fragment.split_once(":w")?;
        let (range, check) = match rest.split_once('~') {
            Some((range, check)) => (range, Some(hex8(check)?)),
            None => (rest, None),
        };
        let (from, to) = match range.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(range)?, number(range)?),
        };
        if to < from || (to == from && range.contains('-')) {
            return None;
        }
        let (turn, paragraph) = match super::Anchor::parse(place)? {
            super::Anchor::Turn(n) => (n, 0),
            super::Anchor::Paragraph(n, m) => (n, m),
            super::Anchor::Quote(_) => return None,
        };
        Some(Quote {
            turn,
            paragraph,
            from,
            to,
            check,
        })
    }

    /// The quote of the words that bytes `start` (in paragraph index `p`)
    /// to `end` (in paragraph index `q`) of turn `n` of `t` touch, with its
    /// check: counted in the paragraph when it is one, else in the turn.
    /// `None` if they touch no word.
    ///
    /// ```
    /// let t = floor::read::parse_str(">>ANA: One two three.\n\nFour five.\n\n>>BO: Six.");
    /// let q = floor::link::Quote::select(&t, 1, (0, 5), (0, 9)).unwrap();
    /// assert_eq!(q.to_string(), format!("t1-p1:w2-3~{:08x}", floor::link::quote::check(["two", "three"])));
    /// let q = floor::link::Quote::select(&t, 1, (0, 9), (1, 2)).unwrap();
    /// assert_eq!((q.paragraph, q.from, q.to), (0, 3, 4));
    /// ```
    pub fn select(
        t: &Transcript,
        n: u32,
        (p, start): (usize, usize),
        (q, end): (usize, usize),
    ) -> Option<Quote> {
        let spans = spans(t, n)?;
        let first = spans.iter().position(|w| (w.0, w.2) > (p, start))?;
        let last = spans.iter().rposition(|w| (w.0, w.1) < (q, end))?;
        if last < first {
            return None;
        }
        let one = spans[first].0 == spans[last].0;
        // Counted from the paragraph's first word, or the turn's.
        let base = if one {
            spans.iter().position(|w| w.0 == spans[first].0)?
        } else {
            0
        };
        Some(Quote {
            turn: n,
            paragraph: if one { spans[first].0 as u32 + 1 } else { 0 },
            from: (first - base + 1) as u32,
            to: (last - base + 1) as u32,
            check: Some(check(word_texts(t, n, &spans[first..=last]))),
        })
    }

    /// Where this quote's words are in its turn's [`spans`] (indices,
    /// end excluded), if the turn has that many.
    fn at(&self, spans: &[Span]) -> Option<std::ops::Range<usize>> {
        let base = match self.paragraph {
            0 => 0,
            m => spans.iter().position(|w| w.0 == m as usize - 1)?,
        };
        let (a, b) = (base + self.from as usize - 1, base + self.to as usize);
        let same = |i: usize| self.paragraph == 0 || spans[i].0 == self.paragraph as usize - 1;
        (b <= spans.len() && same(b - 1)).then_some(a..b)
    }
}

impl fmt::Display for Quote {
    /// Writes the fragment without `#`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "t{}", self.turn)?;
        if self.paragraph > 0 {
            write!(f, "-p{}", self.paragraph)?;
        }
        write!(f, ":w{}", self.from)?;
        if self.to > self.from {
            write!(f, "-{}", self.to)?;
        }
        match self.check {
            Some(c) => write!(f, "~{c:08x}"),
            None => Ok(()),
        }
    }
}

/// A word of a turn: its paragraph's index and its byte range there.
pub type Span = (usize, usize, usize);

/// Every word of turn `n` of `t`, in order: `None` if there is no such turn.
pub fn spans(t: &Transcript, n: u32) -> Option<Vec<Span>> {
    let turn = t.turns.get((n as usize).checked_sub(1)?)?;
    let mut out = Vec::new();
    for (p, text) in t.paragraphs(turn).iter().enumerate() {
        let base = text.as_ptr() as usize;
        out.extend(words(text).map(|w| {
            let start = w.as_ptr() as usize - base;
            (p, start, start + w.len())
        }));
    }
    Some(out)
}

/// The passage of turn `n` of `t` from its word `spans[0]` to the last of
/// `spans` (words in order), as written: each paragraph's part of it whole,
/// paragraphs joined by a space.
///
/// ```
/// use floor::link::quote;
/// let t = floor::read::parse_str(">>ANA: One, two.\n\nThree (four).");
/// let spans = quote::spans(&t, 1).unwrap();
/// assert_eq!(quote::passage(&t, 1, &spans[1..]), "two Three (four");
/// ```
pub fn passage(t: &Transcript, n: u32, spans: &[Span]) -> String {
    let mut out = String::new();
    let Some(turn) = (n as usize).checked_sub(1).and_then(|i| t.turns.get(i)) else {
        return out;
    };
    let mut rest = spans;
    while let Some(&(p, a, _)) = rest.first() {
        let run = rest.iter().take_while(|w| w.0 == p).count();
        let end = rest[run - 1].2;
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(
            t.paragraph(turn, p)
                .and_then(|s| s.get(a..end))
                .unwrap_or_default(),
        );
        rest = &rest[run..];
    }
    out
}

/// What "Copy quote" copies: the quote's words in quotation marks, then an
/// attribution line, the turn's [`citation`](super::citation) with `link`.
/// Empty if its words are not in `t` ([`find`]).
///
/// ```
/// let t = floor::read::parse_str("IGF 2016 MAG Meeting\n\n6 April 2016\n\n>>CHAIR ST. AMOUR: Hello, and welcome all.");
/// let q = floor::link::Quote::select(&t, 1, (0, 7), (0, 18)).unwrap();
/// assert_eq!(
///     floor::link::quote::attributed(&t, &q, "https://h/#t1"),
///     "\u{201c}and welcome\u{201d}\n\u{2014} Chair St. Amour, \u{201c}IGF 2016 MAG Meeting\u{201d}, 2016-04-06, turn 1. https://h/#t1",
/// );
/// ```
pub fn attributed(t: &Transcript, quote: &Quote, link: &str) -> String {
    let (n, spans) = match find(t, quote) {
        Found::Exact(spans) => (quote.turn, spans),
        Found::Moved(moved, spans) => (moved.turn, spans),
        Found::Lost => return String::new(),
    };
    format!(
        "\u{201c}{}\u{201d}\n\u{2014} {}",
        crate::text::without_bidi_controls(&passage(t, n, &spans)),
        super::citation(t, n, link)
    )
}

/// The words `spans` of turn `n` of `t`, as written.
fn word_texts<'a>(
    t: &'a Transcript,
    n: u32,
    spans: &'a [Span],
) -> impl Iterator<Item = &'a str> + 'a {
    let turn = t.turns.get(n as usize - 1);
    spans.iter().map(move |&(p, a, b)| {
        turn.and_then(|turn| t.paragraph(turn, p))
            .and_then(|text| text.get(a..b))
            .unwrap_or_default()
    })
}

/// The check of a run of words: each word [folded](crate::text::fold)
/// and hashed (32-bit FNV-1a of its folded UTF-8), the hashes combined as
/// a polynomial (`h₁·31ⁿ⁻¹ + … + hₙ`, wrapping at 2³²) and mixed
/// (MurmurHash3's finalizer). A corrected word, one more or one fewer,
/// changes it; case, accents and punctuation do not.
///
/// ```
/// use floor::link::quote::check;
/// assert_eq!(check(["Internet", "Governance"]), check(["internet", "governance"]));
/// assert_ne!(check(["Internet", "Governance"]), check(["Governance", "Internet"]));
/// assert_eq!(check(["a"]), 0x1a80_b1b3);
/// ```
pub fn check<'a>(words: impl IntoIterator<Item = &'a str>) -> u32 {
    mix(words
        .into_iter()
        .fold(0u32, |h, w| h.wrapping_mul(31).wrapping_add(word_hash(w))))
}

/// A word's FNV-1a hash, folded.
fn word_hash(word: &str) -> u32 {
    let mut h = 0x811c_9dc5u32;
    let mut buf = [0; 4];
    for c in word.chars().flat_map(fold_char) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ b as u32).wrapping_mul(0x0100_0193);
        }
    }
    h
}

/// MurmurHash3's 32-bit finalizer (a bijection).
fn mix(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// What [`find`] found of a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Its words are where it says: in turn `quote.turn`, these words.
    Exact(Vec<Span>),
    /// Its words are elsewhere (the transcript changed): this quote of
    /// them, and its words.
    Moved(Quote, Vec<Span>),
    /// Its words are not in the transcript (as they were).
    Lost,
}

/// Looks for `quote`'s words in `t` (see the [module](self) docs).
///
/// ```
/// use floor::link::{Quote, quote::{find, Found}};
/// let t = floor::read::parse_str(">>ANA: One two three.\n\n>>BO: Two three four.");
/// let q = Quote::select(&t, 1, (0, 4), (0, 13)).unwrap();
/// assert!(matches!(find(&t, &q), Found::Exact(_)));
/// // The link was made before a word was added to turn 1: the words are
/// // found again there, one on.
/// let edited = floor::read::parse_str(">>ANA: Zero one two three.\n\n>>BO: Two three four.");
/// let Found::Moved(moved, _) = find(&edited, &q) else { panic!() };
/// assert_eq!(moved.to_string()[..10], *"t1-p1:w3-4");
/// // A corrected word: the words are nowhere as they were.
/// let corrected = floor::read::parse_str(">>ANA: One too three.\n\n>>BO: Two tree four.");
/// assert_eq!(find(&corrected, &q), Found::Lost);
/// ```
pub fn find(t: &Transcript, quote: &Quote) -> Found {
    let here = spans(t, quote.turn).unwrap_or_default();
    if let Some(range) = quote.at(&here) {
        let agrees = quote
            .check
            .is_none_or(|c| c == check(word_texts(t, quote.turn, &here[range.clone()])));
        if agrees {
            return Found::Exact(here[range].to_vec());
        }
    }
    let Some(want) = quote.check else {
        return Found::Lost;
    };
    let len = (quote.to - quote.from + 1) as usize;
    // The quote's turn, then the others, nearest first.
    let count = t.turns.len() as u32;
    let near = (1..=count.max(quote.turn)).flat_map(|d| {
        let before = quote.turn.checked_sub(d).filter(|&n| n >= 1);
        let after = Some(quote.turn + d).filter(|&n| n <= count);
        before.into_iter().chain(after)
    });
    for n in std::iter::once(quote.turn).chain(near) {
        let Some(spans) = spans(t, n) else { continue };
        if let Some(i) = window(t, n, &spans, len, want) {
            let words = spans[i..i + len].to_vec();
            let moved = Quote::select(t, n, (words[0].0, words[0].1), {
                let last = words[len - 1];
                (last.0, last.2)
            });
            if let Some(moved) = moved {
                return Found::Moved(moved, words);
            }
        }
    }
    Found::Lost
}

/// The first run of `len` of turn `n`'s words `spans` whose check is
/// `want`: the checks of every run, rolled along in one pass.
fn window(t: &Transcript, n: u32, spans: &[Span], len: usize, want: u32) -> Option<usize> {
    if spans.len() < len {
        return None;
    }
    let hashes: Vec<u32> = word_texts(t, n, spans).map(word_hash).collect();
    // 31^(len - 1): the weight of the word that leaves the run.
    let top = (1..len).fold(1u32, |p, _| p.wrapping_mul(31));
    let mut h = hashes[..len]
        .iter()
        .fold(0u32, |h, &w| h.wrapping_mul(31).wrapping_add(w));
    for i in 0..=hashes.len() - len {
        if i > 0 {
            h = h
                .wrapping_sub(hashes[i - 1].wrapping_mul(top))
                .wrapping_mul(31)
                .wrapping_add(hashes[i + len - 1]);
        }
        if mix(h) == want {
            return Some(i);
        }
    }
    None
}

/// Each paragraph's part of the words `spans` (in order), as `(paragraph
/// index, start, end)` offsets in UTF-16 units into its text: what the
/// viewer marks.
///
/// ```
/// use floor::link::quote;
/// let t = floor::read::parse_str(">>ANA: Él dijo, sí.\n\nY más.");
/// let spans = quote::spans(&t, 1).unwrap();
/// assert_eq!(quote::marks(&t, 1, &spans[1..4]), [(0, 3, 11), (1, 0, 1)]);
/// ```
pub fn marks(t: &Transcript, n: u32, spans: &[Span]) -> Vec<(usize, u32, u32)> {
    let turn = t.turns.get((n as usize).wrapping_sub(1));
    let text = |p| {
        turn.and_then(|turn| t.paragraph(turn, p))
            .unwrap_or_default()
    };
    let mut out: Vec<(usize, u32, u32)> = Vec::new();
    for &(p, a, b) in spans {
        let end = utf16_at(text(p), b);
        match out.last_mut() {
            Some(last) if last.0 == p => last.2 = end,
            _ => out.push((p, utf16_at(text(p), a), end)),
        }
    }
    out
}

/// The UTF-16 offset of byte `at` of `text` (a browser's offsets).
pub fn utf16_at(text: &str, at: usize) -> u32 {
    text.get(..at).map_or(0, |s| s.encode_utf16().count()) as u32
}

/// The byte of `text` at UTF-16 offset `at` (inside a char: its end).
///
/// ```
/// use floor::link::quote::{byte_at, utf16_at};
/// let text = "a😀b";
/// assert_eq!((utf16_at(text, 5), byte_at(text, 3), byte_at(text, 2)), (3, 5, 5));
/// ```
pub fn byte_at(text: &str, at: u32) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= at {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// Eight lowercase hex digits.
fn hex8(s: &str) -> Option<u32> {
    let ok = s.len() == 8 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if ok {
        u32::from_str_radix(s, 16).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The naive check: every run's check computed afresh.
    fn naive(t: &Transcript, n: u32, spans: &[Span], len: usize, want: u32) -> Option<usize> {
        (0..=spans.len().checked_sub(len)?)
            .find(|&i| check(word_texts(t, n, &spans[i..i + len])) == want)
    }

    #[test]
    fn rolling_check_agrees_with_the_naive_one() {
        let t = crate::read::parse_str(
            ">>ANA: a b c a b c d a b\n\nc d e f g a b c\n\n>>BO: Straße STRASSE strasse é e",
        );
        for n in 1..=2 {
            let spans = spans(&t, n).unwrap();
            for len in 1..=spans.len() {
                for i in 0..=spans.len() - len {
                    let want = check(word_texts(&t, n, &spans[i..i + len]));
                    assert_eq!(
                        window(&t, n, &spans, len, want),
                        naive(&t, n, &spans, len, want)
                    );
                }
            }
        }
    }

    #[test]
    fn select_then_find_round_trips_every_run() {
        let t = crate::read::parse_str(
            ">>ANA: One, two (three)\n\nfour [ Applause ] five.\n\n>>BO: six",
        );
        let spans = spans(&t, 1).unwrap();
        for a in 0..spans.len() {
            for b in a..spans.len() {
                let q = Quote::select(&t, 1, (spans[a].0, spans[a].1), (spans[b].0, spans[b].2))
                    .unwrap();
                assert_eq!(Quote::parse(&q.to_string()), Some(q));
                assert_eq!(find(&t, &q), Found::Exact(spans[a..=b].to_vec()), "{q}");
            }
        }
    }

    #[test]
    fn a_link_without_a_check_past_the_turn_is_lost() {
        let t = crate::read::parse_str(">>ANA: One two.\n\n>>BO: Three.");
        assert_eq!(find(&t, &Quote::parse("t1-p1:w2-3").unwrap()), Found::Lost);
        assert_eq!(find(&t, &Quote::parse("t9:w1").unwrap()), Found::Lost);
        assert!(matches!(
            find(&t, &Quote::parse("t2:w1").unwrap()),
            Found::Exact(_)
        ));
    }
}
