//! What the index keeps of one transcript ([`Session`]): its header, its
//! speakers' names, its turns' text as written (for the fragments that
//! check phrases and give snippets), and its folded words with the turns
//! they occur in and how often (for the postings). The site builder caches
//! it between builds ([`Session::to_bytes`]), so a build reads no
//! transcript again.

use super::format::{Error, Reader, put, put_str};
use crate::model::Transcript;
use crate::search::Index;

/// A turn without a speaker.
pub(crate) const NO_SPEAKER: u32 = u32::MAX;

/// What the index keeps of one transcript.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    /// The title (empty when the transcript has none).
    pub title: String,
    /// The date, ISO `YYYY-MM-DD` (empty when unknown).
    pub date: String,
    /// The place (empty when unknown).
    pub place: String,
    /// The speakers' display names, in the transcript's order.
    pub speakers: Vec<String>,
    /// Words in the turns (as [`crate::view::Stats`] counts them).
    pub words: u64,
    /// Per turn (in order): its number, its speaker (position in
    /// `speakers`, or [`NO_SPEAKER`]), and its number of paragraphs.
    pub(crate) turns: Vec<[u32; 3]>,
    /// Each paragraph's length in bytes in `text`, turn after turn.
    pub(crate) paras: Vec<u32>,
    /// The paragraphs as written, one after another.
    pub(crate) text: String,
    /// The distinct folded words, in order of their text, each with where
    /// its entries start in `postings`.
    pub(crate) terms: Vec<(String, u32)>,
    /// `(turn position, count)`, word after word, each word's in turn order.
    pub(crate) postings: Vec<[u32; 2]>,
}

/// The magic bytes and version of [`Session::to_bytes`].
const MAGIC: &[u8; 4] = b"FLs\x01";

impl Session {
    /// What the index keeps of `t`.
    ///
    /// ```
    /// let t = floor::read::parse_str("IGF 2016\n\n>>A: Best practice, best.\n\n>>B: Bye");
    /// let s = floor::archive::Session::of(&t);
    /// assert_eq!((s.title.as_str(), s.turn_count(), s.words), ("IGF 2016", 2, 4));
    /// assert_eq!(floor::archive::Session::from_bytes(&s.to_bytes()), Some(s));
    /// ```
    pub fn of(t: &Transcript) -> Session {
        let mut s = Session {
            title: t.meta.title.clone().unwrap_or_default(),
            date: t.meta.date.clone().unwrap_or_default(),
            place: t.meta.location.clone().unwrap_or_default(),
            speakers: t.speakers.iter().map(|s| s.name.clone()).collect(),
            words: t.word_count() as u64,
            text: String::with_capacity(t.text_len()),
            ..Session::default()
        };
        for turn in &t.turns {
            let paragraphs = t.paragraphs(turn);
            s.turns.push([
                turn.n,
                turn.speaker().map_or(NO_SPEAKER, |i| i as u32),
                paragraphs.len() as u32,
            ]);
            for p in paragraphs {
                s.paras.push(p.len() as u32);
                s.text.push_str(p);
            }
        }
        // The words as the viewer's search sees them: the same folding,
        // the same word boundaries, the same counts.
        let index = Index::new(t);
        let folded = index.folded();
        index.words().each(folded, |word, turns, counts| {
            s.terms.push((word.to_string(), s.postings.len() as u32));
            s.postings
                .extend(turns.iter().zip(counts).map(|(&t, &c)| [t, c]));
        });
        s
    }

    /// Drops the turns' text, once the session's [`fragments`] are made
    /// (they hold it): what `build` needs of the session then, at a
    /// fraction of the bytes.
    ///
    /// [`fragments`]: super::fragments
    ///
    /// ```
    /// let t = floor::read::parse_str(">>A: Best practice.");
    /// let mut s = floor::archive::Session::of(&t);
    /// let made = floor::archive::fragments(&s, &Default::default());
    /// s.drop_text();
    /// assert_eq!((s.text_len(), s.turn_count(), made.len()), (0, 1, 1));
    /// assert_eq!(floor::archive::Session::from_bytes(&s.to_bytes()), Some(s));
    /// ```
    pub fn drop_text(&mut self) {
        for turn in &mut self.turns {
            turn[2] = 0;
        }
        self.paras = Vec::new();
        self.text = String::new();
    }

    /// Number of turns.
    pub fn turn_count(&self) -> usize {
        self.turns.len()
    }

    /// Number of speakers.
    pub fn speaker_count(&self) -> usize {
        self.speakers.len()
    }

    /// Bytes of text in the turns.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The figures the viewer shows of the transcript.
    pub fn stats(&self) -> crate::view::Stats {
        let words = self.words as usize;
        crate::view::Stats {
            turns: self.turns.len(),
            speakers: self.speakers.len(),
            words,
            minutes: words.div_ceil(crate::view::READING_WPM),
        }
    }

    /// Word `k`'s entries in `postings`.
    pub(crate) fn postings_of(&self, k: usize) -> &[[u32; 2]] {
        let start = self.terms.get(k).map_or(0, |t| t.1 as usize);
        let end = self
            .terms
            .get(k + 1)
            .map_or(self.postings.len(), |t| t.1 as usize);
        self.postings.get(start..end).unwrap_or_default()
    }

    /// The paragraphs of each turn, as `(turn, paragraphs)` in order.
    pub(crate) fn each_turn<'s>(&'s self, mut f: impl FnMut(usize, &'s [u32; 3], Vec<&'s str>)) {
        let (mut p, mut at) = (0usize, 0usize);
        for (i, turn) in self.turns.iter().enumerate() {
            let mut paras = Vec::with_capacity(turn[2] as usize);
            for _ in 0..turn[2] {
                let len = self.paras.get(p).copied().unwrap_or(0) as usize;
                paras.push(self.text.get(at..at + len).unwrap_or_default());
                at += len;
                p += 1;
            }
            f(i, turn, paras);
        }
    }

    /// The session as bytes, for the site builder's cache.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.text.len() + 8 * self.postings.len() + 1024);
        out.extend_from_slice(MAGIC);
        for s in [&self.title, &self.date, &self.place] {
            put_str(&mut out, s);
        }
        put(&mut out, self.speakers.len() as u64);
        for s in &self.speakers {
            put_str(&mut out, s);
        }
        put(&mut out, self.words);
        put(&mut out, self.turns.len() as u64);
        for t in &self.turns {
            put(&mut out, u64::from(t[0]));
            put(&mut out, u64::from(t[1].wrapping_add(1)));
            put(&mut out, u64::from(t[2]));
        }
        put(&mut out, self.paras.len() as u64);
        for &p in &self.paras {
            put(&mut out, u64::from(p));
        }
        put_str(&mut out, &self.text);
        put(&mut out, self.terms.len() as u64);
        for (w, start) in &self.terms {
            put_str(&mut out, w);
            put(&mut out, u64::from(*start));
        }
        put(&mut out, self.postings.len() as u64);
        for p in &self.postings {
            put(&mut out, u64::from(p[0]));
            put(&mut out, u64::from(p[1]));
        }
        out
    }

    /// A session from [`to_bytes`](Session::to_bytes); `None` for bytes
    /// that are not one (another version, cut short, inconsistent).
    pub fn from_bytes(b: &[u8]) -> Option<Session> {
        Session::read(b).ok()
    }

    fn read(b: &[u8]) -> Result<Session, Error> {
        let mut r = Reader::new(b);
        r.magic(MAGIC)?;
        let mut s = Session {
            title: r.str()?.to_string(),
            date: r.str()?.to_string(),
            place: r.str()?.to_string(),
            ..Session::default()
        };
        let n = r.count(1)?;
        for _ in 0..n {
            s.speakers.push(r.str()?.to_string());
        }
        s.words = r.num()?;
        let n = r.count(3)?;
        let mut paragraphs = 0u64;
        for _ in 0..n {
            let t = [r.u32()?, r.u32()?.wrapping_sub(1), r.u32()?];
            if t[1] != NO_SPEAKER && t[1] as usize >= s.speakers.len() {
                return Err(Error::Corrupt);
            }
            paragraphs += u64::from(t[2]);
            s.turns.push(t);
        }
        let n = r.count(1)?;
        if n as u64 != paragraphs {
            return Err(Error::Corrupt);
        }
        let mut len = 0u64;
        for _ in 0..n {
            let p = r.u32()?;
            len += u64::from(p);
            s.paras.push(p);
        }
        s.text = r.str()?.to_string();
        if len != s.text.len() as u64 {
            return Err(Error::Corrupt);
        }
        // Every paragraph on char boundaries.
        let mut at = 0usize;
        for &p in &s.paras {
            at += p as usize;
            if !s.text.is_char_boundary(at) {
                return Err(Error::Corrupt);
            }
        }
        let n = r.count(2)?;
        for _ in 0..n {
            let w = r.str()?.to_string();
            let start = r.u32()?;
            if s.terms
                .last()
                .is_some_and(|(last, at)| *last >= w || *at > start)
            {
                return Err(Error::Corrupt);
            }
            s.terms.push((w, start));
        }
        let n = r.count(2)?;
        if s.terms.last().is_some_and(|t| t.1 as usize > n) {
            return Err(Error::Corrupt);
        }
        for _ in 0..n {
            let p = [r.u32()?, r.u32()?];
            if p[0] as usize >= s.turns.len() {
                return Err(Error::Corrupt);
            }
            s.postings.push(p);
        }
        if !r.done() {
            return Err(Error::Corrupt);
        }
        Ok(s)
    }
}
