//! The crate's one hash map: [`Chains`], from the hash of a string (or any
//! `u64`) to the small numbers stored under it, which the caller checks.
//! Each map type costs its own copy of a hash table's code in the
//! WebAssembly (about 3 KB), so labels, groups, ids and words all share
//! this one, which is a few lines over two vectors.
//!
//! The hasher is fast: these maps hold every distinct label of a file,
//! which the input chooses, so a chosen collision could cost time, never a
//! wrong answer; the standard hasher's resistance to chosen collisions cost
//! a third of the time to resolve many labels.

use std::hash::BuildHasher;

/// Numbers stored by hash: each hash leads to a chain of the numbers
/// stored under it, the latest first. Equal hashes do not mean equal keys:
/// the caller checks each number it gets (and may get a number stored
/// under another hash that shares its 32-bit fingerprint).
///
/// A table of chain heads, at most half full, over the entries: 20 to 28
/// bytes a number, and no general-purpose hash table in the WebAssembly.
///
/// ```ignore
/// let mut ids = Chains::default();
/// ids.insert(Chains::hash("chair"), 0);
/// assert_eq!(ids.find(Chains::hash("chair"), |i| i == 0), Some(0));
/// ```
#[derive(Debug, Default)]
pub(crate) struct Chains {
    /// The latest entry of each bucket (a power of two of them), or END.
    heads: Vec<u32>,
    /// Per number stored: its hash's fingerprint, it, and the next entry
    /// of its bucket.
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    fingerprint: u32,
    value: u32,
    next: u32,
}

impl Chains {
    const END: u32 = u32::MAX;

    /// The hash of a string.
    pub(crate) fn hash(key: &str) -> u64 {
        Hashed.hash_one(key)
    }

    fn fingerprint(hash: u64) -> u32 {
        (hash ^ (hash >> 32)) as u32
    }

    fn bucket(&self, fingerprint: u32) -> usize {
        fingerprint as usize & (self.heads.len().wrapping_sub(1))
    }

    /// Stores `value` under `hash`, unless it is the latest stored there.
    pub(crate) fn insert(&mut self, hash: u64, value: usize) {
        let fingerprint = Self::fingerprint(hash);
        if self.get_fingerprint(fingerprint).next() == Some(value) {
            return;
        }
        if self.entries.len() * 2 >= self.heads.len() {
            self.grow();
        }
        let b = self.bucket(fingerprint);
        self.entries.push(Entry {
            fingerprint,
            value: value as u32,
            next: self.heads[b],
        });
        self.heads[b] = (self.entries.len() - 1) as u32;
    }

    /// Doubles the buckets and threads the entries through them again,
    /// oldest first, so that each chain stays latest first.
    fn grow(&mut self) {
        self.heads = vec![Self::END; (self.heads.len() * 2).max(8)];
        for i in 0..self.entries.len() {
            let b = self.bucket(self.entries[i].fingerprint);
            self.entries[i].next = self.heads[b];
            self.heads[b] = i as u32;
        }
    }

    /// The numbers stored under `hash`, the latest first.
    pub(crate) fn get(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        self.get_fingerprint(Self::fingerprint(hash))
    }

    fn get_fingerprint(&self, fingerprint: u32) -> impl Iterator<Item = usize> + '_ {
        let mut at = match self.heads.is_empty() {
            true => Self::END,
            false => self.heads[self.bucket(fingerprint)],
        };
        std::iter::from_fn(move || {
            loop {
                let e = self.entries.get(at as usize)?;
                at = e.next;
                if e.fingerprint == fingerprint {
                    return Some(e.value as usize);
                }
            }
        })
    }

    /// The first number stored under `hash` that `is` the one looked for.
    pub(crate) fn find(&self, hash: u64, is: impl Fn(usize) -> bool) -> Option<usize> {
        self.get(hash).find(|&v| is(v))
    }
}

/// The hasher of the crate's maps of labels, ids and hashes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Hashed;

impl std::hash::BuildHasher for Hashed {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

/// A multiply and a rotation per eight bytes.
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ rest.len() as u64);
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// A count per string (how many of each element are open, how often each
/// label is used), on [`Chains`].
#[derive(Debug, Default)]
pub(crate) struct Tally {
    ids: Chains,
    counts: Vec<(String, usize)>,
}

impl Tally {
    fn at(&self, key: &str) -> Option<usize> {
        self.ids
            .find(Chains::hash(key), |k| self.counts[k].0 == key)
    }

    /// The count of `key` (0 if never added).
    pub(crate) fn get(&self, key: &str) -> usize {
        self.at(key).map_or(0, |k| self.counts[k].1)
    }

    /// Adds one to the count of `key`.
    pub(crate) fn add(&mut self, key: &str) {
        match self.at(key) {
            Some(k) => self.counts[k].1 += 1,
            None => {
                self.ids.insert(Chains::hash(key), self.counts.len());
                self.counts.push((key.to_string(), 1));
            }
        }
    }

    /// Takes one from the count of `key` (never below 0).
    pub(crate) fn remove(&mut self, key: &str) {
        if let Some(k) = self.at(key) {
            self.counts[k].1 = self.counts[k].1.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    #[test]
    fn chains_keep_every_number_under_its_hash() {
        let mut c = Chains::default();
        c.insert(7, 1);
        c.insert(7, 2);
        c.insert(7, 2); // the latest again: kept once
        c.insert(8, 3);
        assert_eq!(c.get(7).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(c.get(8).collect::<Vec<_>>(), [3]);
        assert_eq!(c.get(9).count(), 0);
        assert_eq!(c.find(7, |v| v == 1), Some(1));
        assert_eq!(c.find(7, |v| v == 5), None);
        assert_eq!(Chains::hash("chair"), Chains::hash("chair"));
    }

    #[test]
    fn chains_agree_with_a_naive_map_as_they_grow() {
        // Hashes from a fixed-seed generator, a few repeated, some sharing a
        // fingerprint (the same after folding the halves), some a bucket.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut naive: Vec<(u64, Vec<usize>)> = Vec::new();
        let mut c = Chains::default();
        for value in 0..5000 {
            let r = next();
            let hash = match r % 4 {
                0 if !naive.is_empty() => naive[(r as usize / 4) % naive.len()].0,
                1 => (r % 64) << 32 | (r % 64),
                _ => r,
            };
            c.insert(hash, value);
            match naive.iter_mut().find(|(h, _)| *h == hash) {
                Some((_, values)) => values.insert(0, value),
                None => naive.push((hash, vec![value])),
            }
        }
        for (hash, values) in &naive {
            // Every number under `hash`, the latest first, among those of
            // hashes that share its fingerprint.
            let got: Vec<usize> = c.get(*hash).collect();
            let mine: Vec<usize> = got.iter().copied().filter(|v| values.contains(v)).collect();
            assert_eq!(&mine, values, "{hash:x}");
            let print = Chains::fingerprint(*hash);
            let others = naive
                .iter()
                .filter(|(h, _)| Chains::fingerprint(*h) == print)
                .map(|(_, v)| v.len())
                .sum::<usize>();
            assert_eq!(got.len(), others, "{hash:x}");
        }
    }

    #[test]
    fn a_tally_counts_each_string() {
        let mut t = Tally::default();
        t.add("p");
        t.add("p");
        t.add("div");
        t.remove("p");
        t.remove("span");
        assert_eq!((t.get("p"), t.get("div"), t.get("span")), (1, 1, 0));
        t.remove("div");
        t.remove("div");
        assert_eq!(t.get("div"), 0);
    }

    #[test]
    fn strings_that_differ_hash_apart() {
        let h = |s: &str| Hashed.hash_one(s);
        assert_ne!(h("chair"), h("chaiR"));
        assert_ne!(h(""), h("\0"));
        assert_ne!(h("abcdefgh"), h("abcdefgh\0"));
        assert_eq!(h("same"), h("same"));
    }
}
