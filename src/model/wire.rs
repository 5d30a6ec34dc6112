//! A transcript as bytes and back: how the timed readers, loaded on
//! demand in a module of their own (`floor-readers`), hand what they read
//! to the viewer, whose module does not carry them.
//!
//! Little-endian `u32`s and length-prefixed UTF-8 strings, field after
//! field in [`Transcript`]'s order; a version number first. Decoding checks
//! every length and offset, and gives `None` for bytes that are not a
//! transcript of this version: it never panics.
//!
//! ```
//! let t = floor::read::parse_str("Title\n\n>>CHAIR: Good morning. [ Applause ]");
//! let bytes = t.to_wire();
//! assert_eq!(floor::model::Transcript::from_wire(&bytes), Some(t));
//! assert_eq!(floor::model::Transcript::from_wire(&bytes[..9]), None);
//! ```

use super::{Annotation, Diagnostic, DiagnosticKind, NONE, Speaker, Transcript, Turn};

/// The format's version: bytes of another version do not decode.
const VERSION: u32 = 1;

/// The formats a transcript can name, for [`Meta::format`] (a `&'static
/// str`): a name not listed decodes as `other`.
pub(crate) const FORMATS: &[&str] = &[
    "igf",
    "webvtt",
    "srt",
    "podcast-json",
    "podcast-html",
    "json-segments",
    "whisper-json",
    "text-export",
    "json",
    "floor-json",
];

struct Writer(Vec<u8>);

impl Writer {
    fn n(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn size(&mut self, n: usize) {
        self.n(u32::try_from(n).unwrap_or(NONE));
    }
    fn s(&mut self, s: &str) {
        self.size(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt(&mut self, s: &Option<String>) {
        match s {
            Some(s) => self.s(s),
            None => self.n(NONE),
        }
    }
    fn strings(&mut self, v: &[String]) {
        self.size(v.len());
        for s in v {
            self.s(s);
        }
    }
    fn numbers(&mut self, len: usize, v: impl Iterator<Item = u32>) {
        self.size(len);
        for n in v {
            self.n(n);
        }
    }
}

struct Reader<'b>(&'b [u8]);

impl<'b> Reader<'b> {
    fn n(&mut self) -> Option<u32> {
        let (head, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        Some(u32::from_le_bytes(*head))
    }
    /// A count of items of at least `each` bytes: no more than the bytes
    /// left can hold (a bad count does not allocate gigabytes).
    fn count(&mut self, each: usize) -> Option<usize> {
        let n = self.n()? as usize;
        (n.saturating_mul(each) <= self.0.len()).then_some(n)
    }
    fn bytes(&mut self) -> Option<&'b [u8]> {
        let n = self.count(1)?;
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn s(&mut self) -> Option<String> {
        Some(std::str::from_utf8(self.bytes()?).ok()?.to_string())
    }
    fn opt(&mut self) -> Option<Option<String>> {
        if self.0.get(..4) == Some(&NONE.to_le_bytes()) {
            self.0 = &self.0[4..];
            return Some(None);
        }
        self.s().map(Some)
    }
    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.count(4)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.s()?);
        }
        Some(v)
    }
    fn numbers(&mut self) -> Option<Vec<u32>> {
        let n = self.count(4)?;
        let (head, rest) = self.0.split_at(4 * n);
        self.0 = rest;
        Some(
            head.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

impl Transcript {
    /// The transcript as bytes, for [`Transcript::from_wire`].
    pub fn to_wire(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(
            self.text.len() + 64 * self.turns.len() + 1024,
        ));
        w.n(VERSION);
        let m = &self.meta;
        for f in [
            &m.title,
            &m.disclaimer,
            &m.date,
            &m.date_text,
            &m.time,
            &m.location,
        ] {
            w.opt(f);
        }
        w.strings(&m.other);
        w.s(m.format);
        w.n(m.duration.unwrap_or(NONE));
        w.size(self.speakers.len());
        for s in &self.speakers {
            w.s(&s.id);
            w.s(&s.name);
            w.strings(&s.labels);
            w.size(s.turns);
        }
        w.size(self.turns.len());
        for t in &self.turns {
            for n in [
                t.n, t.range[0], t.range[1], t.line, t.speaker, t.label[0], t.label[1],
            ] {
                w.n(n);
            }
            w.n(t.paragraphs);
        }
        w.size(self.diagnostics.len());
        for d in &self.diagnostics {
            w.size(d.line);
            w.size(
                DiagnosticKind::ALL
                    .iter()
                    .position(|k| *k == d.kind)
                    .unwrap_or(0),
            );
            w.s(&d.message);
            w.opt(&d.dropped);
            w.opt(&d.label);
        }
        w.s(&self.text);
        let (p, a) = (&self.paragraphs, &self.annotations);
        w.numbers(2 * p.len(), p.iter().flatten().copied());
        let notes = a.iter().flat_map(|a| [a.paragraph, a.range[0], a.range[1]]);
        w.numbers(3 * a.len(), notes);
        let (t, s, x) = (&self.annotation_turns, &self.paragraph_starts, &self.times);
        w.numbers(t.len(), t.iter().copied());
        w.numbers(2 * x.len(), x.iter().flatten().copied());
        w.numbers(s.len(), s.iter().copied());
        let words = &self.word_times;
        w.numbers(3 * words.len(), words.iter().flatten().copied());
        w.0
    }

    /// The transcript [`Transcript::to_wire`] wrote, or `None` if `bytes`
    /// are not one (cut short, another version, offsets out of range).
    pub fn from_wire(bytes: &[u8]) -> Option<Transcript> {
        let mut r = Reader(bytes);
        if r.n()? != VERSION {
            return None;
        }
        let mut t = Transcript::default();
        let m = &mut t.meta;
        for f in [
            &mut m.title,
            &mut m.disclaimer,
            &mut m.date,
            &mut m.date_text,
            &mut m.time,
            &mut m.location,
        ] {
            *f = r.opt()?;
        }
        m.other = r.strings()?;
        let format = r.bytes()?;
        m.format = FORMATS
            .iter()
            .find(|f| f.as_bytes() == format)
            .copied()
            .unwrap_or("other");
        m.duration = Some(r.n()?).filter(|&d| d != NONE);
        for _ in 0..r.count(16)? {
            t.speakers.push(Speaker {
                id: r.s()?,
                name: r.s()?,
                labels: r.strings()?,
                turns: r.n()? as usize,
            });
        }
        for _ in 0..r.count(32)? {
            let mut v = [0; 8];
            for x in &mut v {
                *x = r.n()?;
            }
            t.turns.push(Turn {
                n: v[0],
                range: [v[1], v[2]],
                line: v[3],
                speaker: v[4],
                label: [v[5], v[6]],
                paragraphs: v[7],
            });
        }
        for _ in 0..r.count(16)? {
            t.diagnostics.push(Diagnostic {
                line: r.n()? as usize,
                kind: *DiagnosticKind::ALL.get(r.n()? as usize)?,
                message: r.s()?,
                dropped: r.opt()?,
                label: r.opt()?,
            });
        }
        t.text = r.s()?;
        let v = r.numbers()?;
        t.paragraphs = v.chunks_exact(2).map(|c| [c[0], c[1]]).collect();
        let ok = v.len() % 2 == 0;
        let v = r.numbers()?;
        t.annotations = (v.chunks_exact(3))
            .map(|c| Annotation {
                paragraph: c[0],
                range: [c[1], c[2]],
            })
            .collect();
        let ok = ok && v.len() % 3 == 0;
        t.annotation_turns = r.numbers()?;
        let v = r.numbers()?;
        t.times = v.chunks_exact(2).map(|c| [c[0], c[1]]).collect();
        let ok = ok && v.len() % 2 == 0;
        t.paragraph_starts = r.numbers()?;
        let v = r.numbers()?;
        t.word_times = v.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect();
        let ok = ok && v.len() % 3 == 0;
        (ok && r.0.is_empty() && t.is_well_formed()).then_some(t)
    }

    /// Whether every number points where it may: what decoding checks, so
    /// that nothing read from bytes can make an accessor slice out of range.
    fn is_well_formed(&self) -> bool {
        let len = self.text.len();
        let in_text = |[a, b]: [u32; 2]| {
            a <= b
                && (b as usize) <= len
                && self.text.is_char_boundary(a as usize)
                && self.text.is_char_boundary(b as usize)
        };
        let np = self.paragraphs.len() as u32;
        let mut previous = 0;
        let turns_ok = self.turns.iter().enumerate().all(|(i, t)| {
            let ok = t.n as usize == i + 1
                && t.paragraphs >= previous
                && t.paragraphs <= np
                && (t.speaker == NONE || (t.speaker as usize) < self.speakers.len())
                && (t.label == [NONE, NONE] || in_text(t.label));
            previous = t.paragraphs;
            ok
        });
        let annotations_ok = self.annotations.len() == self.annotation_turns.len()
            && self.annotation_turns.windows(2).all(|w| w[0] <= w[1])
            && self
                .annotation_turns
                .iter()
                .all(|&t| (t as usize) < self.turns.len());
        turns_ok
            && annotations_ok
            && self.paragraphs.iter().all(|&p| in_text(p))
            && (self.times.is_empty() || self.times.len() == self.turns.len())
            && (self.paragraph_starts.is_empty()
                || self.paragraph_starts.len() == self.paragraphs.len())
            && self.word_times.windows(2).all(|w| w[0][0] <= w[1][0])
            && self.word_times.iter().all(|w| w[0] < np)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kind's place in [`DiagnosticKind::ALL`]: a kind added to the enum
    /// and not here does not compile; added here, it must be in `ALL`.
    fn place(k: DiagnosticKind) -> usize {
        match k {
            DiagnosticKind::EncodingFallback => 0,
            DiagnosticKind::Utf16 => 1,
            DiagnosticKind::InvalidBytes => 2,
            DiagnosticKind::HtmlExtracted => 3,
            DiagnosticKind::WrapperDropped => 4,
            DiagnosticKind::PhpWarningDropped => 5,
            DiagnosticKind::SeparatorDropped => 6,
            DiagnosticKind::SpeakerMerged => 7,
            DiagnosticKind::MergeUndone => 8,
            DiagnosticKind::MixedScriptLabel => 9,
            DiagnosticKind::NoSpeakerMarkers => 10,
            DiagnosticKind::LabelsWithoutMarkers => 11,
            DiagnosticKind::TextBeforeFirstTurn => 12,
            DiagnosticKind::Empty => 13,
            DiagnosticKind::LineLayout => 14,
            DiagnosticKind::FormatRead => 15,
            DiagnosticKind::BlockSkipped => 16,
            DiagnosticKind::TimingUnreadable => 17,
            DiagnosticKind::CuesOutOfOrder => 18,
            DiagnosticKind::CueSettingUnknown => 19,
            DiagnosticKind::CueEmpty => 20,
            DiagnosticKind::RepeatsDropped => 21,
            DiagnosticKind::OpaqueSpeakerIds => 22,
            DiagnosticKind::SiteChromeDropped => 23,
            DiagnosticKind::Aligned => 24,
            DiagnosticKind::NotAligned => 25,
        }
    }

    #[test]
    fn every_kind_is_listed_once() {
        for (i, k) in DiagnosticKind::ALL.iter().enumerate() {
            assert_eq!(place(*k), i, "{k:?}");
        }
        assert_eq!(
            DiagnosticKind::ALL.len(),
            place(DiagnosticKind::NotAligned) + 1
        );
        for (i, k) in DiagnosticKind::ALL.iter().enumerate() {
            assert_eq!(DiagnosticKind::ALL.iter().position(|x| x == k), Some(i));
        }
    }

    #[test]
    fn cut_or_changed_bytes_never_panic() {
        let t = crate::read::parse_str("Title\n\n>>CHAIR: One. [ Applause ]\n\n>>ANA: Two.");
        let bytes = t.to_wire();
        assert_eq!(Transcript::from_wire(&bytes).as_ref(), Some(&t));
        for cut in 0..bytes.len() {
            assert_eq!(Transcript::from_wire(&bytes[..cut]), None);
        }
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut b = bytes.clone();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let i = (seed >> 33) as usize % b.len();
            b[i] = (seed >> 20) as u8;
            if let Some(t) = Transcript::from_wire(&b) {
                for turn in &t.turns {
                    let _ = (
                        t.label(turn),
                        t.paragraphs(turn).to_vec(),
                        t.annotations(turn),
                    );
                    let _ = t.times(turn);
                }
            }
        }
    }
}
