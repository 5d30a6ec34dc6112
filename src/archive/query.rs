//! Answering a query from the index: which shards it needs, the turns and
//! counts their postings give, and (for phrases and words with punctuation)
//! the exact answer from the fragments, with snippets. The archive page's
//! module calls these; so do the tests, against the viewer's search.

use super::format::{Error, hash};
use super::shard::{Fragment, Shard, Speaker};
use crate::model::Transcript;
use crate::search::words::each_word;
use crate::search::{Index, Query, is_word_char};

/// One word a term needs in a turn: its folded text, and whether it may be
/// the start of a longer word.
type Need = (String, bool);

/// What a query needs of the index.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Per term, the words it needs.
    needs: Vec<Vec<Need>>,
    /// Whether every term is one word: the postings then answer exactly,
    /// counts included.
    plain: bool,
}

impl Plan {
    /// What `query` needs: a term of one word that word; a phrase or a word
    /// with punctuation each of its words, the last one a prefix while it
    /// is typed.
    pub fn of(query: &Query) -> Plan {
        let mut plan = Plan {
            plain: true,
            ..Plan::default()
        };
        for term in &query.terms {
            let text = &term.text;
            let mut words: Vec<Need> = Vec::new();
            each_word(text, 0, text.len(), |a, b| {
                words.push((text[a..b].to_string(), false))
            });
            if term.prefix
                && text.ends_with(is_word_char)
                && let Some(last) = words.last_mut()
            {
                last.1 = true;
            }
            let one = words.len() == 1 && words[0].0.len() == text.len();
            plan.plain &= one;
            plan.needs.push(words);
        }
        plan
    }

    /// Whether the index can answer: some term holds a word (a query of
    /// punctuation alone would need every turn's text).
    pub fn answerable(&self) -> bool {
        self.needs.iter().any(|n| !n.is_empty())
    }

    /// Whether the postings answer exactly (every term one word).
    pub fn plain(&self) -> bool {
        self.plain
    }

    /// The shards the query needs, given the shards' first terms in order:
    /// for a word the one whose range holds it, for a prefix every shard
    /// its words may be in.
    pub fn shards<S: AsRef<str>>(&self, firsts: &[S]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for (word, prefix) in self.needs.iter().flatten() {
            let at = firsts.partition_point(|f| f.as_ref() <= word.as_str());
            let mut i = at.saturating_sub(1);
            loop {
                if i < firsts.len() && !out.contains(&(i as u32)) {
                    out.push(i as u32);
                }
                i += 1;
                if !(*prefix
                    && firsts
                        .get(i)
                        .is_some_and(|f| f.as_ref().starts_with(word.as_str())))
                {
                    break;
                }
            }
        }
        crate::text::sort::sort_by_key(&mut out, |&i| i);
        out
    }
}

/// What the postings say of a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    /// `(session, turn position, matches)` in order: the matching turns
    /// when [`exact`](Answer::exact), else the turns to check in the
    /// fragments (with no count).
    pub turns: Vec<[u32; 3]>,
    /// Whether `turns` is the answer (a query of words), or candidates.
    pub exact: bool,
    /// The speakers whose names match, by archive position.
    pub speakers: Vec<Speaker>,
}

/// What the postings of `shards` (those [`Plan::shards`] named, decoded)
/// say of `query`, in an archive of `sessions` sessions.
pub fn answer(
    query: &Query,
    plan: &Plan,
    shards: &[&Shard],
    sessions: u32,
) -> Result<Answer, Error> {
    let mut answer = Answer {
        exact: plan.plain,
        ..Answer::default()
    };
    if !plan.answerable() {
        return Ok(answer);
    }
    // Each word's entries once: a word two terms match counts once.
    let mut counted: Vec<(usize, usize)> = Vec::new();
    let mut running: Option<Vec<[u32; 3]>> = None;
    let mut speakers: Option<Vec<Speaker>> = None;
    for (word, prefix) in plan.needs.iter().flatten() {
        let mut found: Vec<[u32; 3]> = Vec::new();
        let mut named: Vec<Speaker> = Vec::new();
        let mut words = 0;
        for (i, shard) in shards.iter().enumerate() {
            for k in shard.lookup(word, *prefix) {
                words += 1;
                let new = !counted.contains(&(i, k));
                counted.push((i, k));
                for [s, t, c] in shard.postings(k, sessions)? {
                    found.push([s, t, if new { c } else { 0 }]);
                }
                named.extend(shard.speakers_of(k).cloned());
            }
        }
        // The turns once each, with the matches of their words summed (one
        // word's postings are in order, and once each already).
        if words > 1 {
            crate::text::sort::sort_by_key(&mut found, |e| (e[0], e[1]));
        }
        let mut merged: Vec<[u32; 3]> = Vec::with_capacity(found.len());
        for e in found {
            match merged.last_mut() {
                Some(last) if last[..2] == e[..2] => last[2] += e[2],
                _ => merged.push(e),
            }
        }
        running = Some(match running {
            None => merged,
            Some(before) => intersect(&before, &merged),
        });
        crate::text::sort::sort_by_key(&mut named, |s| s.id);
        named.dedup_by_key(|s| s.id);
        speakers = Some(match speakers {
            None => named,
            Some(before) => before
                .into_iter()
                .filter(|s| named.binary_search_by_key(&s.id, |n| n.id).is_ok())
                .collect(),
        });
    }
    answer.turns = running.unwrap_or_default();
    if !plan.plain {
        for t in &mut answer.turns {
            t[2] = 0;
        }
    }
    // A speaker matches when the query finds their name as the viewer's
    // search finds text.
    answer.speakers = speakers
        .unwrap_or_default()
        .into_iter()
        .filter(|s| !found_in(query, &[(None, vec![s.name.as_str()])]).is_empty())
        .collect();
    Ok(answer)
}

/// The entries of `a` whose turn is in `b` (both in order), matches summed.
fn intersect(a: &[[u32; 3]], b: &[[u32; 3]]) -> Vec<[u32; 3]> {
    let mut out = Vec::new();
    let mut j = 0;
    for x in a {
        while j < b.len() && b[j][..2] < x[..2] {
            j += 1;
        }
        if let Some(y) = b.get(j).filter(|y| y[..2] == x[..2]) {
            out.push([x[0], x[1], x[2] + y[2]]);
        }
    }
    out
}

/// What the viewer's search finds in `turns` (speaker, paragraphs): per
/// turn that matches, its position in `turns` and its marks.
fn found_in(query: &Query, turns: &[(Option<u32>, Vec<&str>)]) -> Vec<(usize, Vec<[usize; 3]>)> {
    let mut t = Transcript::default();
    for (_, paras) in turns {
        t.push_turn(None, paras.iter().copied(), [0, 0], 0);
    }
    Index::new(&t)
        .search(query, None)
        .turns
        .into_iter()
        .map(|h| (h.n as usize - 1, h.marks))
        .collect()
}

/// A session's fragments, as the archive page has fetched them.
#[derive(Debug, Clone, Default)]
pub struct Fragments {
    list: Vec<Fragment>,
}

impl Fragments {
    /// Adds a fragment's bytes, checked against its name (`index/f/HASH.bin`
    /// or just `HASH`).
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        check_name(name, bytes)?;
        let f = Fragment::decode(bytes)?;
        self.list.push(f);
        Ok(())
    }

    /// The turn at position `at`, if fetched.
    pub fn turn(&self, at: u32) -> Option<(&Fragment, &super::shard::FragmentTurn)> {
        self.list
            .iter()
            .find_map(|f| f.turns.iter().find(|t| t.at == at).map(|t| (f, t)))
    }

    /// The exact matches of `query` in the turns at `turns` (all fetched):
    /// `(turn position, matches)` for those that match, in order; `None`
    /// when one of them is not in a fragment fetched.
    pub fn check(&self, query: &Query, turns: &[u32]) -> Option<Vec<[u32; 2]>> {
        let mut texts = Vec::with_capacity(turns.len());
        for &at in turns {
            let (_, t) = self.turn(at)?;
            texts.push((t.speaker, t.paragraphs.iter().map(String::as_str).collect()));
        }
        Some(
            found_in(query, &texts)
                .into_iter()
                .map(|(i, marks)| [turns[i], marks.len() as u32])
                .collect(),
        )
    }

    /// A snippet of turn `at` for `query`: its speaker's name (empty for
    /// none), its number, then pieces of text, every other one (the second,
    /// the fourth…) a match to mark; about `width` bytes around the first
    /// match. `None` when the turn is not fetched.
    pub fn snippet(&self, query: &Query, at: u32, width: usize) -> Option<Vec<String>> {
        let (f, t) = self.turn(at)?;
        let speaker = t
            .speaker
            .and_then(|s| f.speakers.get(s as usize))
            .cloned()
            .unwrap_or_default();
        let mut out = vec![speaker, t.n.to_string()];
        let paras: Vec<&str> = t.paragraphs.iter().map(String::as_str).collect();
        let found = found_in(query, &[(t.speaker, paras.clone())]);
        let marks = found.first().map(|f| f.1.clone()).unwrap_or_default();
        let p = marks.first().map_or(0, |m| m[0]);
        let text = paras.get(p).copied().unwrap_or("");
        let first = marks.first().map_or(0, |m| m[1]);
        let start = text.floor_char_boundary(first.saturating_sub(width / 3));
        // Start at a word's start.
        let start = if start > 0 {
            text[start..first]
                .find(|c: char| c.is_whitespace())
                .map_or(start, |i| start + i + 1)
        } else {
            0
        };
        let end = text.floor_char_boundary((start + width).min(text.len()));
        let mut at = start;
        let mut pieces = vec![if start > 0 {
            "…".to_string()
        } else {
            String::new()
        }];
        for &[mp, s, e] in &marks {
            if mp != p || s < at || s >= end {
                continue;
            }
            let e = text.floor_char_boundary(e.min(text.len()));
            if let Some(last) = pieces.last_mut() {
                last.push_str(text.get(at..s).unwrap_or(""));
            }
            pieces.push(text.get(s..e).unwrap_or("").to_string());
            pieces.push(String::new());
            at = e;
        }
        let end = end.max(at);
        if let Some(last) = pieces.last_mut() {
            last.push_str(text.get(at..end).unwrap_or(""));
            if end < text.len() {
                last.push('…');
            }
        }
        out.extend(pieces);
        Some(out)
    }
}

/// Checks that `bytes` hash to the name `name` (`…/HASH.bin` or `HASH`).
pub fn check_name(name: &str, bytes: &[u8]) -> Result<(), Error> {
    let stem = name.rsplit('/').next().unwrap_or(name);
    let stem = stem.strip_suffix(".bin").unwrap_or(stem);
    if stem == hash(bytes) {
        Ok(())
    } else {
        Err(Error::Hash)
    }
}

/// A shard's bytes, checked against its name and decoded.
pub fn shard(name: &str, bytes: &[u8]) -> Result<Shard, Error> {
    check_name(name, bytes)?;
    Shard::decode(bytes)
}
