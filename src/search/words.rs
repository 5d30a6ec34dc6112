//! The words of a search [`Index`](crate::search::Index): each distinct word
//! of its folded text once, with the turns it occurs in and how often.
//!
//! A query of plain words (no phrase, no punctuation) is answered from these
//! alone, without reading the text: a word term is one entry, the last word
//! typed is the run of entries it starts, and a turn matches when each term
//! has an entry there. Its matches are the occurrences of those entries: a
//! plain word only ever matches at the start of a word and inside it, so two
//! terms that match at the same place match the same word, and the marks the
//! full search would draw are one per word.

/// What a word is made of (in folded text, letters and digits: folding
/// drops accents written apart and invisible characters).
pub(crate) use crate::text::is_word_char;

/// The words of some folded text, by turn.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    /// Each word's first occurrence, `(start, end)` in the folded text, by id.
    text: Vec<(u32, u32)>,
    /// Word ids in the order of their text.
    sorted: Vec<u32>,
    /// By id, where the word's entries start in `turns` and `counts` (and,
    /// one past the last id, where they end).
    starts: Vec<u32>,
    /// The turns each word occurs in, in order.
    turns: Vec<u32>,
    /// How often it occurs in each of them.
    counts: Vec<u32>,
}

/// What [`Words::count`] found: per turn that matches, its position and
/// number of matches, in order.
pub(crate) type Counts = Vec<(u32, u32)>;

impl Words {
    /// The words of `folded`, whose turns start at `starts` (in order; the
    /// last one ends with the text).
    pub(crate) fn new(folded: &str, starts: &[usize]) -> Words {
        let mut ids = Table::default();
        let mut text: Vec<(u32, u32)> = Vec::new();
        // `(id, turn, count)`, in turn order; `latest[id]`: the word's last.
        let mut entries: Vec<(u32, u32, u32)> = Vec::new();
        let mut latest: Vec<usize> = Vec::new();
        for (turn, &start) in starts.iter().enumerate() {
            let end = starts.get(turn + 1).copied().unwrap_or(folded.len());
            each_word(folded, start, end, |s, e| {
                let id = ids.id(folded, &mut text, (s as u32, e as u32));
                if id == latest.len() {
                    latest.push(usize::MAX);
                }
                match entries.get_mut(latest[id]) {
                    Some(last) if last.1 == turn as u32 => last.2 += 1,
                    _ => {
                        latest[id] = entries.len();
                        entries.push((id as u32, turn as u32, 1));
                    }
                }
            });
        }
        // Group the entries by word (a counting sort keeps each in turn order).
        let mut at = vec![0u32; text.len() + 1];
        for e in &entries {
            at[e.0 as usize + 1] += 1;
        }
        for i in 1..at.len() {
            at[i] += at[i - 1];
        }
        let starts = at.clone();
        let mut turns = vec![0; entries.len()];
        let mut counts = vec![0; entries.len()];
        for (id, turn, count) in entries {
            let k = &mut at[id as usize];
            turns[*k as usize] = turn;
            counts[*k as usize] = count;
            *k += 1;
        }
        let mut sorted: Vec<u32> = (0..text.len() as u32).collect();
        crate::text::sort::sort_by(&mut sorted, |&a, &b| {
            word(folded, &text, a).cmp(word(folded, &text, b))
        });
        Words {
            text,
            sorted,
            starts,
            turns,
            counts,
        }
    }

    /// Calls `f(word, turns, counts)` for each distinct word of `folded`
    /// (the text these words were made from), in the order of their text:
    /// the turns it occurs in, in order, and how often in each.
    pub(crate) fn each(&self, folded: &str, mut f: impl FnMut(&str, &[u32], &[u32])) {
        for &id in &self.sorted {
            let (s, e) = (self.starts[id as usize], self.starts[id as usize + 1]);
            let (s, e) = (s as usize, e as usize);
            f(
                word(folded, &self.text, id),
                &self.turns[s..e],
                &self.counts[s..e],
            );
        }
    }

    /// The turns in which every one of `terms` occurs, each with its number
    /// of matches, among those `keep` allows. A term is `(text, prefix)`:
    /// one word, whole unless `prefix`. `None` when a term is not one word,
    /// or there are more than 32 terms. No terms match no turn.
    pub(crate) fn count(
        &self,
        folded: &str,
        terms: &[(&str, bool)],
        turns: usize,
        keep: impl Fn(usize) -> bool,
    ) -> Option<Counts> {
        let plain = |t: &str| !t.is_empty() && t.chars().all(is_word_char);
        if terms.is_empty() {
            return Some(Vec::new());
        }
        if terms.len() > 32 || !terms.iter().all(|(t, _)| plain(t)) {
            return None;
        }
        let word = |id: u32| word(folded, &self.text, id);
        // Per turn, which terms it has (a bit each) and its matches.
        let mut has = vec![0u32; turns];
        let mut matches = vec![0u32; turns];
        // The terms' runs of `sorted` so far: a word in two runs counts once.
        let mut counted: Vec<(usize, usize)> = Vec::with_capacity(terms.len());
        for (k, &(term, prefix)) in terms.iter().enumerate() {
            let from = self.sorted.partition_point(|&id| word(id) < term);
            let len = self.sorted[from..]
                .iter()
                .take_while(|&&id| {
                    let w = word(id);
                    if prefix {
                        w.starts_with(term)
                    } else {
                        w == term
                    }
                })
                .count();
            for (p, &id) in self.sorted.iter().enumerate().skip(from).take(len) {
                let new = !counted.iter().any(|&(a, b)| (a..b).contains(&p));
                let (s, e) = (self.starts[id as usize], self.starts[id as usize + 1]);
                let (s, e) = (s as usize, e as usize);
                for (&turn, &count) in self.turns[s..e].iter().zip(&self.counts[s..e]) {
                    has[turn as usize] |= 1 << k;
                    if new {
                        matches[turn as usize] += count;
                    }
                }
            }
            counted.push((from, from + len));
        }
        let all = u32::MAX >> (32 - terms.len());
        Some(
            (0..turns)
                .filter(|&i| has[i] == all && keep(i))
                .map(|i| (i as u32, matches[i]))
                .collect(),
        )
    }
}

/// The text of word `id`, given the words' places (`(start, end)` in
/// `folded`, by id).
fn word<'a>(folded: &'a str, text: &[(u32, u32)], id: u32) -> &'a str {
    let (s, e) = text[id as usize];
    &folded[s as usize..e as usize]
}

/// Word ids by text, while [`Words::new`] reads the text: an open-addressing
/// hash table of ids (plus one; zero is empty), a word's text being its
/// first occurrence. Smaller and, for short keys, faster than a `HashMap`.
#[derive(Default)]
struct Table {
    slots: Vec<u32>,
}

impl Table {
    /// The id of the word at `at` in `folded`; a new word gets the next id,
    /// and `at` goes onto `text`, the words by id.
    fn id(&mut self, folded: &str, text: &mut Vec<(u32, u32)>, at: (u32, u32)) -> usize {
        if self.slots.len() < 2 * (text.len() + 1) {
            let size = (4 * (text.len() + 1)).next_power_of_two().max(1024);
            self.slots = vec![0; size];
            for id in 0..text.len() as u32 {
                let slot = self.find(folded, text, word(folded, text, id));
                self.slots[slot] = id + 1;
            }
        }
        let key = &folded[at.0 as usize..at.1 as usize];
        let slot = self.find(folded, text, key);
        match self.slots[slot] {
            0 => {
                text.push(at);
                self.slots[slot] = text.len() as u32;
                text.len() - 1
            }
            id => id as usize - 1,
        }
    }

    /// The slot that holds the word `key`, or the empty one where it would go.
    fn find(&self, folded: &str, text: &[(u32, u32)], key: &str) -> usize {
        let mask = self.slots.len() - 1;
        // FxHash's step (rustc's hasher), eight bytes at a time; the slot
        // from the top bits, which the multiplications mix best.
        let mut hash: u64 = 0;
        for chunk in key.as_bytes().chunks(8) {
            let mut eight = [0; 8];
            eight[..chunk.len()].copy_from_slice(chunk);
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(eight))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        let mut slot = (hash >> (64 - self.slots.len().trailing_zeros())) as usize;
        loop {
            match self.slots[slot] {
                0 => return slot,
                id if word(folded, text, id - 1) == key => return slot,
                _ => {}
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// Calls `push(start, end)` for each word of `folded[from..to]`.
pub(crate) fn each_word(folded: &str, from: usize, to: usize, mut push: impl FnMut(usize, usize)) {
    let bytes = &folded.as_bytes()[..to];
    // Whether the char at `i` is a word char, and its length.
    let class = |i: usize| match bytes[i] {
        b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
        _ => folded[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (is_word_char(c), c.len_utf8())),
    };
    let mut i = from;
    while i < to {
        // Between words, then in one: each a tight loop over ASCII.
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
        {
            i += 1;
        }
        if i >= to {
            break;
        }
        let (word, len) = class(i);
        if !word {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        loop {
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            match bytes.get(i) {
                Some(b) if !b.is_ascii() => match class(i) {
                    (true, len) => i += len,
                    _ => break,
                },
                _ => break,
            }
        }
        push(start, i);
    }
}
