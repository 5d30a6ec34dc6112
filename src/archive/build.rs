//! The index of an archive from its sessions: term shards and fragments,
//! content-addressed, and the entry the archive page carries.

use super::format::hash;
use super::shard::{Speaker, TermOut, fragment_bytes, put_postings, shard_bytes};
use super::{Listing, Session, SpeakerEntry};
use crate::search::words::each_word;
use crate::text::fold::fold;

/// The sizes the index is cut at.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A shard is cut once its terms' postings and texts pass this many
    /// bytes (a term is never split: one common word may make a larger one).
    pub shard_bytes: usize,
    /// A fragment is cut once its turns' text passes this many bytes (a
    /// turn is never split).
    pub fragment_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            shard_bytes: 40_000,
            fragment_bytes: 16_000,
        }
    }
}

/// What the archive page needs of the index: the shards' first terms and
/// names, and each session's fragments (the position of its first turn and
/// its name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// `(first term, file name)` per shard, in order of their terms.
    pub shards: Vec<(String, String)>,
    /// Per session (in the archive's order), its fragments.
    pub fragments: Vec<Vec<(u32, String)>>,
}

/// The index files of `listings` (in the archive's order) and the entry
/// that names them.
pub(crate) fn index(
    listings: &[&Listing],
    speakers: &[SpeakerEntry],
    options: &Options,
) -> (Vec<(String, Vec<u8>)>, Entry) {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut entry = Entry::default();
    // Every term once, with its postings so far and the next session its
    // gaps count from.
    let mut vocabulary = Vocabulary::default();
    let mut postings: Vec<Vec<u8>> = Vec::new();
    let mut next: Vec<u32> = Vec::new();
    for (s, listing) in listings.iter().enumerate() {
        let session = listing.session;
        for (k, (word, _)) in session.terms.iter().enumerate() {
            let id = vocabulary.id(word);
            if id == postings.len() {
                postings.push(Vec::new());
                next.push(0);
            }
            put_postings(
                &mut postings[id],
                &mut next[id],
                s as u32,
                session.postings_of(k),
            );
        }
    }
    // The speakers' names' words.
    let mut named: Vec<Vec<u32>> = vec![Vec::new(); postings.len()];
    for (i, s) in speakers.iter().enumerate() {
        let f = fold(&s.name);
        each_word(&f, 0, f.len(), |a, b| {
            let id = vocabulary.id(&f[a..b]);
            if id == postings.len() {
                postings.push(Vec::new());
                named.push(Vec::new());
            }
            if named[id].last() != Some(&(i as u32)) {
                named[id].push(i as u32);
            }
        });
    }
    let terms: Vec<&str> = (0..postings.len()).map(|i| vocabulary.word(i)).collect();
    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| terms[a as usize].cmp(terms[b as usize]));
    let speaker = |id: u32| {
        let s = &speakers[id as usize];
        Speaker {
            id,
            name: s.name.clone(),
            page: s.page.clone(),
            turns: s.turns,
            sessions: s.sessions,
        }
    };
    // Shards of consecutive terms, each about `shard_bytes`.
    let mut cut: Vec<TermOut> = Vec::new();
    let mut size = 0;
    let mut flush = |cut: &mut Vec<TermOut>, files: &mut Vec<(String, Vec<u8>)>| {
        if let Some(first) = cut.first() {
            let bytes = shard_bytes(cut, &speaker);
            let name = format!("index/t/{}.bin", hash(&bytes));
            entry.shards.push((first.text.to_string(), name.clone()));
            files.push((name, bytes));
            cut.clear();
        }
    };
    for &id in &order {
        let id = id as usize;
        let t = TermOut {
            text: terms[id],
            postings: &postings[id],
            speakers: &named[id],
        };
        size += t.text.len() + t.postings.len() + 2 * t.speakers.len() + 4;
        cut.push(t);
        if size >= options.shard_bytes {
            flush(&mut cut, &mut files);
            size = 0;
        }
    }
    flush(&mut cut, &mut files);
    // Each session's fragments: made already (the site builder makes them
    // with the session, on every core, and keeps their names), or here.
    for listing in listings {
        match listing.fragments {
            Some(list) => entry.fragments.push(list.to_vec()),
            None => {
                let made = fragments(listing.session, options);
                entry.fragments.push(
                    made.iter()
                        .map(|(first, name, _)| (*first, name.clone()))
                        .collect(),
                );
                files.extend(made.into_iter().map(|(_, name, bytes)| (name, bytes)));
            }
        }
    }
    // The same fragment twice (a transcript in the archive twice) is one file.
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    (files, entry)
}

/// One session's turns in fragments of about `options.fragment_bytes`
/// (a turn is never split): per fragment, the position of its first turn,
/// its path (`index/f/HASH.bin`) and its bytes. They depend on the session
/// alone, so a builder may make them with it and keep only their names
/// ([`Listing::fragments`](super::Listing::fragments)).
pub fn fragments(session: &Session, options: &Options) -> Vec<(u32, String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut run: Vec<(&[u32; 3], Vec<&str>)> = Vec::new();
    let (mut first, mut size) = (0usize, 0usize);
    let mut flush = |first: usize, run: &mut Vec<(&[u32; 3], Vec<&str>)>| {
        if !run.is_empty() {
            let bytes = fragment_bytes(&session.speakers, first, run);
            out.push((first as u32, format!("index/f/{}.bin", hash(&bytes)), bytes));
            run.clear();
        }
    };
    session.each_turn(|i, turn, paras| {
        if run.is_empty() {
            first = i;
        }
        size += paras.iter().map(|p| p.len() + 2).sum::<usize>() + 4;
        run.push((turn, paras));
        if size >= options.fragment_bytes {
            flush(first, &mut run);
            size = 0;
        }
    });
    flush(first, &mut run);
    out
}

/// The archive's distinct words, each with an id (in order of first
/// sight): their text in one string, looked up by hash in an
/// open-addressing table. Every session's words go through it, so it is
/// kept compact (the texts side by side, the hashes apart) rather than
/// pointing into each session.
#[derive(Default)]
struct Vocabulary {
    text: String,
    /// Per id, its text's end in `text` (its start is the previous end).
    ends: Vec<u32>,
    hashes: Vec<u64>,
    /// Ids plus one (zero: empty), at most half full.
    slots: Vec<u32>,
}

impl Vocabulary {
    fn word(&self, id: usize) -> &str {
        let start = if id == 0 {
            0
        } else {
            self.ends[id - 1] as usize
        };
        &self.text[start..self.ends[id] as usize]
    }

    /// The id of `word`, a new one (the next) if it is new.
    fn id(&mut self, word: &str) -> usize {
        if self.slots.len() < 2 * (self.ends.len() + 1) {
            self.grow();
        }
        let hash = crate::text::hash::Chains::hash(word);
        let mask = self.slots.len() - 1;
        let mut slot = (hash >> 32) as usize & mask;
        loop {
            match self.slots[slot] {
                0 => break,
                id => {
                    let id = id as usize - 1;
                    if self.hashes[id] == hash && self.word(id) == word {
                        return id;
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        self.hashes.push(hash);
        self.slots[slot] = self.ends.len() as u32;
        self.ends.len() - 1
    }

    fn grow(&mut self) {
        let size = (4 * (self.ends.len() + 1)).next_power_of_two().max(1024);
        self.slots = vec![0; size];
        let mask = size - 1;
        for (id, &hash) in self.hashes.iter().enumerate() {
            let mut slot = (hash >> 32) as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = id as u32 + 1;
        }
    }
}
