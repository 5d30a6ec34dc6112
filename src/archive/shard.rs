//! The index files and their bytes: term shards (`index/t/…`: sorted
//! terms, each with its postings and the speakers whose names hold it) and
//! fragments (`index/f/…`: a run of one session's turns as written).
//! Writing here, reading with every length checked: a corrupt file is an
//! [`Error`], never a panic.

use super::format::{Error, Reader, put, put_str};
use super::session::NO_SPEAKER;

/// The magic bytes and version of a term shard.
pub(crate) const SHARD_MAGIC: &[u8; 4] = b"FLt\x01";
/// The magic bytes and version of a fragment.
pub(crate) const FRAGMENT_MAGIC: &[u8; 4] = b"FLf\x01";

/// A speaker as a shard lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// Their position in the archive's speakers.
    pub id: u32,
    /// Their name.
    pub name: String,
    /// Their page, from the site root.
    pub page: String,
    /// Turns and sessions across the archive.
    pub turns: u32,
    /// Sessions they speak in.
    pub sessions: u32,
}

/// One term of a shard being written.
pub(crate) struct TermOut<'a> {
    pub(crate) text: &'a str,
    /// Encoded postings ([`put_postings`]).
    pub(crate) postings: &'a [u8],
    /// Archive speakers whose names hold the term, ascending.
    pub(crate) speakers: &'a [u32],
}

/// Appends one word's postings in one session: the session (as a gap
/// from the one after the last, `next`), its number of turns less one, then
/// each turn (a gap from the one after the last, shifted left, the low bit
/// set when it occurs more than once) with its count less two.
pub(crate) fn put_postings(out: &mut Vec<u8>, next: &mut u32, session: u32, turns: &[[u32; 2]]) {
    put(out, u64::from(session - *next));
    *next = session + 1;
    put(out, turns.len().saturating_sub(1) as u64);
    let mut after = 0u32;
    for &[turn, count] in turns {
        let gap = u64::from(turn - after);
        put(out, gap << 1 | u64::from(count > 1));
        if count > 1 {
            put(out, u64::from(count - 2));
        }
        after = turn + 1;
    }
}

/// The bytes of a shard of `terms` (in order), `speakers` the entries of
/// the archive's speakers.
pub(crate) fn shard_bytes(terms: &[TermOut], speakers: &dyn Fn(u32) -> Speaker) -> Vec<u8> {
    // The shard's own table of the speakers its terms name.
    let mut local: Vec<u32> = terms
        .iter()
        .flat_map(|t| t.speakers.iter().copied())
        .collect();
    local.sort_unstable();
    local.dedup();
    let mut out = Vec::new();
    out.extend_from_slice(SHARD_MAGIC);
    put(&mut out, terms.len() as u64);
    put(&mut out, local.len() as u64);
    for &id in &local {
        let s = speakers(id);
        put(&mut out, u64::from(id));
        put_str(&mut out, &s.name);
        put_str(&mut out, &s.page);
        put(&mut out, u64::from(s.turns));
        put(&mut out, u64::from(s.sessions));
    }
    let mut last = "";
    for t in terms {
        let shared = last
            .bytes()
            .zip(t.text.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let shared = t.text.floor_char_boundary(shared);
        put(&mut out, shared as u64);
        put_str(&mut out, &t.text[shared..]);
        put(&mut out, t.speakers.len() as u64);
        for s in t.speakers {
            put(&mut out, local.binary_search(s).unwrap_or(0) as u64);
        }
        put(&mut out, t.postings.len() as u64);
        last = t.text;
    }
    for t in terms {
        out.extend_from_slice(t.postings);
    }
    out
}

/// A decoded term shard.
#[derive(Debug, Clone, Default)]
pub struct Shard {
    /// Its terms, in order: text, speakers (positions in `speakers`), and
    /// where its postings are in `postings`.
    terms: Vec<(String, Vec<u32>, std::ops::Range<usize>)>,
    speakers: Vec<Speaker>,
    postings: Vec<u8>,
}

impl Shard {
    /// Reads a shard's bytes; an error, never a panic, for any other bytes.
    pub fn decode(bytes: &[u8]) -> Result<Shard, Error> {
        let mut r = Reader::new(bytes);
        r.magic(SHARD_MAGIC)?;
        let terms = r.count(4)?;
        let speakers = r.count(5)?;
        let mut shard = Shard::default();
        for _ in 0..speakers {
            shard.speakers.push(Speaker {
                id: r.u32()?,
                name: r.str()?.to_string(),
                page: r.str()?.to_string(),
                turns: r.u32()?,
                sessions: r.u32()?,
            });
        }
        let mut last = String::new();
        let mut at = 0usize;
        for _ in 0..terms {
            let shared = r.u32()? as usize;
            let rest = r.str()?;
            let prefix = last.get(..shared).ok_or(Error::Corrupt)?;
            let text = format!("{prefix}{rest}");
            if (!shard.terms.is_empty() && text <= last) || text.is_empty() {
                return Err(Error::Corrupt);
            }
            let n = r.count(1)?;
            let mut speakers = Vec::with_capacity(n);
            for _ in 0..n {
                let s = r.u32()?;
                if s as usize >= shard.speakers.len() {
                    return Err(Error::Corrupt);
                }
                speakers.push(s);
            }
            let len = r.num()? as usize;
            let end = at.checked_add(len).ok_or(Error::Corrupt)?;
            last.clone_from(&text);
            shard.terms.push((text, speakers, at..end));
            at = end;
        }
        let rest = bytes.len() - r.at();
        if rest != at {
            return Err(Error::Corrupt);
        }
        shard.postings = r.bytes(rest)?.to_vec();
        Ok(shard)
    }

    /// The positions of the terms `word` names: itself, or (`prefix`)
    /// every term it starts.
    pub(crate) fn lookup(&self, word: &str, prefix: bool) -> std::ops::Range<usize> {
        let from = self.terms.partition_point(|t| t.0.as_str() < word);
        let len = self.terms[from..]
            .iter()
            .take_while(|t| {
                if prefix {
                    t.0.starts_with(word)
                } else {
                    t.0 == word
                }
            })
            .count();
        from..from + len
    }

    /// The speakers whose names hold term `k`.
    pub(crate) fn speakers_of(&self, k: usize) -> impl Iterator<Item = &Speaker> {
        self.terms
            .get(k)
            .into_iter()
            .flat_map(|t| t.1.iter().filter_map(|&s| self.speakers.get(s as usize)))
    }

    /// Term `k`'s postings `(session, turn position, count)`, in order;
    /// an error for postings that run past their bytes or name a session
    /// past `sessions`.
    pub(crate) fn postings(&self, k: usize, sessions: u32) -> Result<Vec<[u32; 3]>, Error> {
        let Some((_, _, range)) = self.terms.get(k) else {
            return Ok(Vec::new());
        };
        let bytes = self.postings.get(range.clone()).ok_or(Error::Corrupt)?;
        let mut r = Reader::new(bytes);
        let mut out = Vec::new();
        let mut next = 0u32;
        while !r.done() {
            let session = next.checked_add(r.u32()?).ok_or(Error::Corrupt)?;
            if session >= sessions {
                return Err(Error::Corrupt);
            }
            next = session + 1;
            let n = r.count(1)?.checked_add(1).ok_or(Error::Corrupt)?;
            let mut after = 0u32;
            for _ in 0..n {
                let g = r.num()?;
                let turn = u32::try_from(g >> 1)
                    .ok()
                    .and_then(|g| after.checked_add(g))
                    .ok_or(Error::Corrupt)?;
                let count = if g & 1 == 1 {
                    r.u32()?.checked_add(2).ok_or(Error::Corrupt)?
                } else {
                    1
                };
                out.push([session, turn, count]);
                after = turn.checked_add(1).ok_or(Error::Corrupt)?;
            }
        }
        Ok(out)
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether it has no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// One turn of a fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentTurn {
    /// Its position in the session's turns.
    pub at: u32,
    /// Its number.
    pub n: u32,
    /// Its speaker's name, if it has a speaker.
    pub speaker: Option<u32>,
    /// Its paragraphs as written.
    pub paragraphs: Vec<String>,
}

/// A decoded fragment: a run of one session's turns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fragment {
    /// The session's speakers' names.
    pub speakers: Vec<String>,
    /// The turns, in order.
    pub turns: Vec<FragmentTurn>,
}

/// The bytes of a fragment: the session's speakers' names, then turns
/// `first..` with their paragraphs.
pub(crate) fn fragment_bytes(
    speakers: &[String],
    first: usize,
    turns: &[(&[u32; 3], Vec<&str>)],
) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(FRAGMENT_MAGIC);
    put(&mut out, speakers.len() as u64);
    for s in speakers {
        put_str(&mut out, s);
    }
    put(&mut out, first as u64);
    put(&mut out, turns.len() as u64);
    for (t, paras) in turns {
        put(&mut out, u64::from(t[0]));
        put(&mut out, u64::from(t[1].wrapping_add(1)));
        put(&mut out, paras.len() as u64);
        for p in paras {
            put_str(&mut out, p);
        }
    }
    out
}

impl Fragment {
    /// Reads a fragment's bytes; an error, never a panic, for any other
    /// bytes.
    pub fn decode(bytes: &[u8]) -> Result<Fragment, Error> {
        let mut r = Reader::new(bytes);
        r.magic(FRAGMENT_MAGIC)?;
        let mut f = Fragment::default();
        for _ in 0..r.count(1)? {
            f.speakers.push(r.str()?.to_string());
        }
        let first = r.u32()?;
        let n = r.count(3)?;
        for i in 0..n as u32 {
            let num = r.u32()?;
            let speaker = r.u32()?.wrapping_sub(1);
            let speaker = (speaker != NO_SPEAKER).then_some(speaker);
            if speaker.is_some_and(|s| s as usize >= f.speakers.len()) {
                return Err(Error::Corrupt);
            }
            let mut paragraphs = Vec::new();
            for _ in 0..r.count(1)? {
                paragraphs.push(r.str()?.to_string());
            }
            let at = first.checked_add(i).ok_or(Error::Corrupt)?;
            f.turns.push(FragmentTurn {
                at,
                n: num,
                speaker,
                paragraphs,
            });
        }
        if !r.done() {
            return Err(Error::Corrupt);
        }
        Ok(f)
    }
}
