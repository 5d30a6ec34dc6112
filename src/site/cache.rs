//! What a build keeps for the next one, in `SITE/.floor/`:
//!
//! - `cache/KEY.bin`: what the site needs of one source ([`Entry`]: its
//!   header, speakers, turns' first words, and what the search index keeps
//!   of it), under a key of the source's bytes and name. A source whose key
//!   has an entry is not parsed again.
//! - `manifest.tsv`: every file the last build wrote, with the key it was
//!   made from and its length. A file whose key is unchanged (and is still
//!   there, as long) is not made or written again; a file no longer made
//!   is removed.
//!
//! Entries of sources that are gone are removed at the end of a build.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::Transcript;

/// Bumped whenever what the builder makes of a source changes: every
/// key changes with it, so nothing of an older build is taken as current.
pub const VERSION: u32 = 4;

/// Most bytes of a turn's first words, on a speaker's page.
const SNIPPET_BYTES: usize = 160;

/// What the site needs of one source, kept between builds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Entry {
    /// The header's title.
    pub title: Option<String>,
    /// The meeting's date, ISO.
    pub date: Option<String>,
    /// The place.
    pub place: Option<String>,
    /// The format read (`igf`, `webvtt`, …).
    pub format: String,
    /// The file's name, for a title when the header has none.
    pub file_name: String,
    /// Its number of turns.
    pub turns: u32,
    /// Its number of words.
    pub words: u64,
    /// Its speakers, in the transcript's order.
    pub speakers: Vec<SpeakerOf>,
    /// Each turn that has a speaker.
    pub said: Vec<Said>,
    /// Its index fragments: the position of each one's first turn, and
    /// its path in the site (named by its bytes).
    pub fragments: Vec<(u32, String)>,
    /// What the search index keeps of it ([`crate::archive::Session`]'s
    /// bytes, without its text: the fragments hold it); stored after the
    /// rest.
    #[serde(skip)]
    pub session: Vec<u8>,
}

/// One speaker of a source.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SpeakerOf {
    /// The name the file's resolution gave.
    pub name: String,
    /// Every label written for them, with its number of turns.
    pub labels: Vec<(String, u32)>,
    /// Their number of turns.
    pub turns: u32,
}

/// One turn with a speaker.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Said {
    /// The turn's number.
    pub n: u32,
    /// Its speaker's position in [`Entry::speakers`].
    pub speaker: u32,
    /// Its number of words.
    pub words: u32,
    /// Its first words.
    pub snippet: String,
}

impl Entry {
    /// What the site needs of `t`, read from the file `file_name`.
    pub fn of(
        t: &Transcript,
        file_name: &str,
        session: Vec<u8>,
        fragments: Vec<(u32, String)>,
    ) -> Entry {
        let mut speakers: Vec<SpeakerOf> = t
            .speakers
            .iter()
            .map(|s| SpeakerOf {
                name: s.name.clone(),
                labels: s.labels.iter().map(|l| (l.clone(), 0)).collect(),
                turns: s.turns as u32,
            })
            .collect();
        let mut said = Vec::new();
        let mut words = 0u64;
        for turn in &t.turns {
            let n: usize = t.paragraphs(turn).iter().map(crate::text::word_count).sum();
            words += n as u64;
            let Some(s) = turn.speaker() else { continue };
            if let (Some(label), Some(speaker)) = (t.label(turn), speakers.get_mut(s))
                && let Some(l) = speaker.labels.iter_mut().find(|(l, _)| l == label)
            {
                l.1 += 1;
            }
            said.push(Said {
                n: turn.n,
                speaker: s as u32,
                words: n as u32,
                snippet: snippet(t.paragraphs(turn).iter()),
            });
        }
        Entry {
            title: t.meta.title.clone(),
            date: t.meta.date.clone(),
            place: t.meta.location.clone(),
            format: t.meta.format.to_string(),
            file_name: file_name.to_string(),
            turns: t.turns.len() as u32,
            words,
            speakers,
            said,
            fragments,
            session,
        }
    }

    /// The title shown: the header's, or the file's name.
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.file_name)
    }

    /// The entry as bytes: a magic number, the JSON of the rest, then
    /// [`Entry::session`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let json = serde_json::to_vec(self).unwrap_or_default();
        let mut out = Vec::with_capacity(8 + json.len() + self.session.len());
        out.extend_from_slice(b"FLC");
        out.push(VERSION as u8);
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&json);
        out.extend_from_slice(&self.session);
        out
    }

    /// An entry read back, or `None` for bytes that are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Entry> {
        let rest = bytes.strip_prefix(b"FLC")?;
        let (&version, rest) = rest.split_first()?;
        if u32::from(version) != VERSION {
            return None;
        }
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let json = rest.get(4..4 + len)?;
        let mut entry: Entry = serde_json::from_slice(json).ok()?;
        entry.session = rest[4 + len..].to_vec();
        Some(entry)
    }
}

/// A turn's first words, at most [`SNIPPET_BYTES`], cut at a space, with
/// `…` when there is more; paragraphs one space apart.
fn snippet<'a>(paragraphs: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in paragraphs {
        for word in p.split_whitespace() {
            if out.len() + 1 + word.len() > SNIPPET_BYTES {
                if out.is_empty() {
                    out.push_str(&word[..word.floor_char_boundary(SNIPPET_BYTES)]);
                }
                out.push('…');
                return out;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// The first year in `text`: four digits alone (not part of a longer
/// number), 1990 to 2099. An undated transcript is listed under the year
/// its title or its folder names (`IGF 2016 …`, `2016/…`).
///
/// ```
/// use floor::site::cache::year_in;
/// assert_eq!(year_in("IGF 2016 Day 2 - Room 3"), Some("2016"));
/// assert_eq!(year_in("igf2019-ws-12.txt"), Some("2019"));
/// assert_eq!(year_in("WS 12345 and 1200"), None);
/// ```
pub fn year_in(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let digits = b[i..i + 4].iter().all(u8::is_ascii_digit);
        let alone =
            (i == 0 || !b[i - 1].is_ascii_digit()) && !b.get(i + 4).is_some_and(u8::is_ascii_digit);
        let year = &text[i..i + 4];
        (digits && alone && ("1990"..="2099").contains(&year)).then_some(year)
    })
}

/// A key of `bytes`, as 32 hex digits.
pub fn key_of(parts: &[&[u8]]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&VERSION.to_le_bytes());
    for part in parts {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    format!("{:032x}", h.digest128())
}

/// The files a build wrote: path under the site → (key, length).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest(pub HashMap<String, (String, u64)>);

impl Manifest {
    /// The manifest at `path`; empty when there is none (or it is not one).
    pub fn load(path: &Path) -> Manifest {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let mut map = HashMap::new();
        for line in text.lines() {
            let mut parts = line.splitn(3, '\t');
            if let (Some(key), Some(len), Some(file)) = (parts.next(), parts.next(), parts.next())
                && let Ok(len) = len.parse()
            {
                map.insert(file.to_string(), (key.to_string(), len));
            }
        }
        Manifest(map)
    }

    /// The manifest as text: one `key\tlength\tpath` line per file, sorted.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = self
            .0
            .iter()
            .map(|(file, (key, len))| format!("{key}\t{len}\t{file}\n"))
            .collect();
        lines.sort();
        lines.concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_back_and_refuses_other_bytes() {
        let t = crate::read::parse_str(
            "IGF 2016\n\n6 April 2016\n\n>>ANA SILVA: Hello all.\n\n>>Ana Silva: Again.\n\n>>CHAIR: Thanks.",
        );
        let e = Entry::of(&t, "a.txt", vec![1, 2, 3], Vec::new());
        assert_eq!(
            e.speakers[0].labels,
            [("ANA SILVA".to_string(), 1), ("Ana Silva".to_string(), 1)]
        );
        assert_eq!(e.said.len(), 3);
        let back = Entry::from_bytes(&e.to_bytes()).unwrap();
        assert_eq!(back.session, [1, 2, 3]);
        assert_eq!(back.title(), "IGF 2016");
        assert_eq!(back.words, e.words);
        let bytes = e.to_bytes();
        for cut in 0..12 {
            assert!(Entry::from_bytes(&bytes[..cut]).is_none());
        }
        assert!(Entry::from_bytes(b"FLC\x00junk").is_none());
    }

    #[test]
    fn snippets_stop_at_a_word() {
        let long = "word ".repeat(100);
        let s = snippet([long.as_str()].into_iter());
        assert!(s.ends_with("word…") && s.len() <= SNIPPET_BYTES + '…'.len_utf8());
        assert_eq!(
            snippet(["Two", "paragraphs."].into_iter()),
            "Two paragraphs."
        );
    }

    #[test]
    fn a_manifest_reads_back() {
        let mut m = Manifest::default();
        m.0.insert("sessions/a b.html".into(), ("k1".into(), 12));
        let path = std::env::temp_dir().join(format!("floor-manifest-{}", std::process::id()));
        std::fs::write(&path, m.to_text()).unwrap();
        assert_eq!(Manifest::load(&path), m);
        let _ = std::fs::remove_file(path);
    }
}
