//! Both sides as sequences of word ids: each word of the turns' paragraphs
//! folded ([`crate::text::fold`]), split by the crate's one definition
//! ([`crate::text::words`]) and numbered by a [`Vocabulary`] the two sides
//! share, so that comparing words is comparing numbers. Captioner notes
//! (`[ Applause ]`, `(inaudible)`, the brackets of `(phonetic)`) are not
//! words here; the word a `(phonetic)` marks is. Labels are not in the
//! paragraphs, so they are never words either.
//!
//! The captions' side also gets a time for every word ([`Heard::at`]):
//! the times the captions give (a turn's start, a paragraph's start, each
//! timed word, which is at least each cue's first word) are kept where
//! they are, and the words between are spread evenly between them, no
//! word longer than [`MAX_WORD_MS`](super::MAX_WORD_MS).

use crate::model::Transcript;
use crate::text::fold::fold_into;
use crate::text::hash::Chains;

/// The distinct folded words of both sides, numbered from 0.
#[derive(Default)]
pub(crate) struct Vocabulary {
    ids: Chains,
    /// Each word's bytes in `text`.
    spans: Vec<[u32; 2]>,
    text: String,
}

impl Vocabulary {
    /// The number of `word`, given it the first time it is seen.
    pub(crate) fn id(&mut self, word: &str) -> u32 {
        let hash = Chains::hash(word);
        let known = self.ids.find(hash, |i| {
            let [a, b] = self.spans[i];
            &self.text[a as usize..b as usize] == word
        });
        if let Some(i) = known {
            return i as u32;
        }
        let i = self.spans.len();
        let start = self.text.len() as u32;
        self.text.push_str(word);
        self.spans.push([start, self.text.len() as u32]);
        self.ids.insert(hash, i);
        i as u32
    }
}

/// The words of a transcript's turns' paragraphs, notes left out, each
/// folded: `each(global paragraph, byte offset in it, folded word)`, in
/// order. Turns are told apart by their paragraphs
/// ([`Transcript::paragraph_range`]).
fn each_word(t: &Transcript, mut each: impl FnMut(usize, usize, &str)) {
    let mut folded = Vec::new();
    for turn in &t.turns {
        let notes = t.annotations(turn);
        let range = t.paragraph_range(turn);
        for (i, text) in t.paragraphs(turn).iter().enumerate() {
            let g = range.start + i;
            // The note ranges of this paragraph, in order.
            let mut skip = notes
                .iter()
                .filter(|a| a.paragraph() == i)
                .map(|a| a.range());
            let mut next = skip.next();
            for w in crate::text::words(text) {
                let at = w.as_ptr() as usize - text.as_ptr() as usize;
                while next.is_some_and(|[_, b]| b <= at) {
                    next = skip.next();
                }
                if next.is_some_and(|[a, b]| a <= at && at < b) {
                    continue;
                }
                folded.clear();
                fold_into(w, &mut folded, |_, _, _| {});
                if let Ok(word) = std::str::from_utf8(&folded) {
                    each(g, at, word);
                }
            }
        }
    }
}

/// The transcript's side: its words' ids, and where each turn's and each
/// paragraph's words start among them.
pub(crate) struct Spoken {
    pub(crate) ids: Vec<u32>,
    /// The position of each turn's first word in `ids` (the next turn's
    /// is past its last), and one past the last word at the end.
    pub(crate) turns: Vec<u32>,
    /// The same for each paragraph (their positions among all the turns').
    pub(crate) paragraphs: Vec<u32>,
}

impl Spoken {
    /// The words of `t`, numbered by `vocabulary`.
    pub(crate) fn of(t: &Transcript, vocabulary: &mut Vocabulary) -> Spoken {
        let mut ids = Vec::new();
        let mut paragraphs = vec![0; t.paragraph_total() + 1];
        let mut last = 0;
        each_word(t, |g, _, word| {
            // Paragraphs with no words start where the next word is.
            while last < g {
                last += 1;
                paragraphs[last] = ids.len() as u32;
            }
            ids.push(vocabulary.id(word));
        });
        while last < t.paragraph_total() {
            last += 1;
            paragraphs[last] = ids.len() as u32;
        }
        let turns = t
            .turns
            .iter()
            .map(|turn| paragraphs[t.paragraph_range(turn).start])
            .chain([ids.len() as u32])
            .collect();
        Spoken {
            ids,
            turns,
            paragraphs,
        }
    }

    /// The words of turn `i` (its position in `turns`): positions in `ids`.
    pub(crate) fn turn(&self, i: usize) -> std::ops::Range<usize> {
        self.turns[i] as usize..self.turns[i + 1] as usize
    }

    /// The words of paragraph `p` (among all the turns').
    pub(crate) fn paragraph(&self, p: usize) -> std::ops::Range<usize> {
        self.paragraphs[p] as usize..self.paragraphs[p + 1] as usize
    }
}

/// The captions' side: their words' ids and each word's time.
pub(crate) struct Heard {
    pub(crate) ids: Vec<u32>,
    /// Each word's start (ms), never before the word before's.
    pub(crate) at: Vec<u32>,
    /// Each word's end (ms): the next word's start, its turn's end for
    /// the last of a turn, at most [`MAX_WORD_MS`](super::MAX_WORD_MS)
    /// after its start.
    pub(crate) until: Vec<u32>,
}

impl Heard {
    /// The words of the captions `c`, numbered by `vocabulary`, and their
    /// times.
    pub(crate) fn of(c: &Transcript, vocabulary: &mut Vocabulary) -> Heard {
        // The times the captions give, as (word position, ms), in order;
        // an end as the position past the turn's last word.
        let mut ids = Vec::new();
        let mut given: Vec<(u32, u32)> = Vec::new();
        let mut ends: Vec<(u32, u32)> = Vec::new();
        // Each paragraph's timed words, read beside its words.
        let mut turn_of = Vec::with_capacity(c.paragraph_total());
        for (i, turn) in c.turns.iter().enumerate() {
            turn_of.extend(c.paragraph_range(turn).map(|_| i));
        }
        let mut word_times: Vec<[u32; 2]> = Vec::new();
        let mut current = usize::MAX;
        let mut turn_seen = usize::MAX;
        each_word(c, |g, at, word| {
            let k = ids.len() as u32;
            let ti = turn_of[g];
            let turn = &c.turns[ti];
            if ti != turn_seen {
                if turn_seen != usize::MAX
                    && let Some(end) = c.times(&c.turns[turn_seen])[1]
                {
                    ends.push((k, end));
                }
                turn_seen = ti;
                if let Some(ms) = c.start(turn) {
                    given.push((k, ms));
                }
            }
            if g != current {
                current = g;
                let i = g - c.paragraph_range(turn).start;
                if let Some(ms) = c.paragraph_start(turn, i) {
                    given.push((k, ms));
                }
                word_times.clear();
                word_times.extend(c.word_times(turn, i));
                word_times.reverse();
            }
            // The timed words at or before this one's offset (a time on a
            // note or between words goes to the next word).
            while let Some(&[w, ms]) = word_times.last() {
                if w as usize > at {
                    break;
                }
                given.push((k, ms));
                word_times.pop();
            }
            ids.push(vocabulary.id(word));
        });
        if turn_seen != usize::MAX
            && let Some(end) = c.times(&c.turns[turn_seen])[1]
        {
            ends.push((ids.len() as u32, end));
        }
        let (at, until) = spread(ids.len(), &given, &ends);
        Heard { ids, at, until }
    }
}

/// Every word's start and end from the times `given` (word position, ms)
/// and the turns' `ends` (position past their last word, ms): a word with
/// a time keeps it (the latest given, never before the word before's);
/// the words between two times are spread evenly, each at most
/// [`MAX_WORD_MS`](super::MAX_WORD_MS) long.
fn spread(n: usize, given: &[(u32, u32)], ends: &[(u32, u32)]) -> (Vec<u32>, Vec<u32>) {
    use super::MAX_WORD_MS;
    let mut at = vec![u32::MAX; n];
    let mut floor = 0;
    for &(k, ms) in given {
        if let Some(slot) = at.get_mut(k as usize) {
            floor = floor.max(ms);
            *slot = floor;
        }
    }
    // Words before the first time: at it.
    let first = at.iter().position(|&ms| ms != u32::MAX);
    let Some(first) = first else {
        return (Vec::new(), Vec::new());
    };
    let t0 = at[first];
    at[..first].fill(t0);
    // Between two known times, evenly; after the last, a word's length
    // from it, up to the turn's end.
    let mut k = first;
    while k < n {
        let next = (k + 1..n).find(|&j| at[j] != u32::MAX);
        let (t1, to) = (at[k], next.unwrap_or(n));
        let step = match next {
            Some(j) => ((at[j] - t1) / (j - k) as u32).min(MAX_WORD_MS),
            None => MAX_WORD_MS / 3,
        };
        for (d, slot) in at[k + 1..to].iter_mut().enumerate() {
            *slot = t1.saturating_add(step * (d as u32 + 1));
        }
        k = to;
    }
    // Ends: the next word's start, at most a word's length; the turn's end
    // for its last word.
    let mut until: Vec<u32> = (0..n)
        .map(|k| {
            let next = at.get(k + 1).copied().unwrap_or(u32::MAX);
            next.min(at[k].saturating_add(MAX_WORD_MS))
        })
        .collect();
    for &(past, end) in ends {
        if let Some(k) = (past as usize).checked_sub(1)
            && k < n
        {
            until[k] = end.max(at[k]);
        }
    }
    // Spread from the words' own times after a long silence can pass the
    // next known time: keep the order.
    for k in 1..n {
        at[k] = at[k].max(at[k - 1]);
    }
    for k in 0..n {
        until[k] = until[k].max(at[k]);
    }
    (at, until)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_not_words_and_captions_are_timed_word_by_word() {
        let mut v = Vocabulary::default();
        let t =
            crate::read::parse_str(">>A: Hello [ Applause ] Sivi (phonetic) here.\n\n>>B: Hello.");
        let s = Spoken::of(&t, &mut v);
        assert_eq!(s.ids, [0, 1, 2, 0]);
        assert_eq!(s.turns, [0, 3, 4]);
        let c = crate::read::parse_str(
            "WEBVTT\n\n00:01.000 --> 00:03.000\nhello sivi here\n\n00:03.000 --> 00:04.000\nmore words\n",
        );
        let h = Heard::of(&c, &mut v);
        assert_eq!(h.ids, [0, 1, 2, 3, 4]);
        assert_eq!(h.at[0], 1000);
        assert_eq!(h.at[3], 3000);
        assert!(h.at[1] > 1000 && h.at[2] < 3000);
        assert_eq!(h.until[4], 4000);
    }
}
