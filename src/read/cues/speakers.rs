//! Speakers inside cue text, the way captioners and meeting tools write
//! them: `>> NAME:` or `&gt;&gt;` (a turn, with its speaker when labelled),
//! `Name: text` at a cue's start (Zoom, SRT), and `- ` dialogue dashes.
//!
//! A `Name:` at a cue's start counts as a speaker when it reads as a label
//! ([`scan::is_label`]) and either is upper case or starts cues at least
//! twice in the file ([`Labels`]): `Note: the next…` once is text.

use super::{Piece, Voice};
use crate::read::igf::scan;
use crate::text::fold::key;
use crate::text::hash::Tally;

/// The `Name:` labels that start cues in a file, counted, to tell
/// speakers from text that happens to have a colon.
#[derive(Default)]
pub struct Labels {
    uses: Tally,
}

impl Labels {
    /// Counts the label `text` (a cue's text) starts with, if any;
    /// whether it is then one [`Labels::accepts`].
    pub fn count(&mut self, text: &str) -> bool {
        let Some(label) = candidate(text) else {
            return false;
        };
        let k = key(label);
        self.uses.add(&k);
        scan::is_label(label, true) || self.uses.get(&k) >= 2
    }

    /// Whether `label`, found at a cue's start, names a speaker.
    pub fn accepts(&self, label: &str) -> bool {
        scan::is_label(label, true) || self.uses.get(&key(label)) >= 2
    }
}

/// The `Name:` label `text` starts with, unless it starts with a turn
/// marker (whose label counts anyway).
pub fn candidate(text: &str) -> Option<&str> {
    let body = text.trim_start();
    if scan::arrows(body).is_some() || dash(body) {
        return None;
    }
    let ((a, b), _) = scan::bare_label(body, false)?;
    Some(&body[a..b])
}

/// Reads speakers in `pieces`' text ([`parts`]), counting the labels
/// over them all first.
pub fn split(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut labels = Labels::default();
    for p in &pieces {
        if p.voice == Voice::Continue {
            _ = labels.count(&p.text);
        }
    }
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        parts(p, &labels, &mut out);
    }
    out
}

/// `piece` cut at the turn markers in its text (`>>`, a dialogue dash at
/// a line start) into `out`, each part's label read. Lines of a piece's
/// text are separated by `\n`; the parts' text has spaces.
pub fn parts(piece: Piece, labels: &Labels, out: &mut Vec<Piece>) {
    // Where parts start, where their text starts after the marker, and
    // whether they start with one.
    let mut cuts: Vec<(usize, usize, bool)> = vec![(0, 0, false)];
    let text = piece.text.as_str();
    let mut line_start = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        if dash(&line[lead..]) {
            let at = line_start + lead;
            push_cut(&mut cuts, at, at + 2);
        }
        let mut from = 0;
        while let Some((i, len)) = find_marker(&line[from..]) {
            let at = line_start + from + i;
            push_cut(&mut cuts, at, at + len);
            from += i + len;
        }
        line_start += line.len() + 1;
    }
    if cuts.len() == 1 && !cuts[0].2 {
        return labelled(piece, false, labels, out);
    }
    let Piece {
        start,
        end,
        voice,
        text,
        words,
        line,
        range,
        ..
    } = piece;
    for (k, &(at, body, marker)) in cuts.iter().enumerate() {
        let stop = cuts.get(k + 1).map_or(text.len(), |c| c.0);
        let body = body.min(stop);
        let part_words: Vec<[u32; 2]> = words
            .iter()
            .filter(|w| (at..stop.max(at + 1)).contains(&(w[0] as usize)))
            .map(|&[o, ms]| [(o as usize).saturating_sub(body) as u32, ms])
            .collect();
        let part_start = match k {
            0 => start,
            _ => part_words.first().map(|w| w[1]).or(start),
        };
        let part_text = text[body..stop].trim_end();
        if k == 0 && !marker && part_text.trim().is_empty() {
            continue;
        }
        let p = Piece {
            start: part_start,
            end,
            voice: if k == 0 {
                voice.clone()
            } else {
                Voice::Continue
            },
            words: part_words,
            // The parts of one cue share its source: all but the last
            // take none of it, so that the turns they start or end never
            // overlap (the last holds the cue's range).
            ..Piece::new(
                part_text.to_string(),
                line,
                part_range(range, k + 1 < cuts.len()),
            )
        };
        labelled(p, marker, labels, out);
    }
}

/// A part's source range: the cue's, or for a part that is not its last,
/// the empty range at its start.
pub(crate) fn part_range(range: [usize; 2], more: bool) -> [usize; 2] {
    if more { [range[0], range[0]] } else { range }
}

fn push_cut(cuts: &mut Vec<(usize, usize, bool)>, at: usize, body: usize) {
    if at == 0 {
        cuts[0] = (0, body, true);
    } else {
        cuts.push((at, body, true));
    }
}

/// Whether a line starts with a dialogue dash: `- `, `– ` or `— `.
fn dash(line: &str) -> bool {
    ["- ", "– ", "— "].iter().any(|d| line.starts_with(d))
}

/// `piece` with the label at its text's start read, if any, pushed onto
/// `out`. After a marker, the piece starts a turn.
fn labelled(mut piece: Piece, marker: bool, labels: &Labels, out: &mut Vec<Piece>) {
    let lead = piece.text.len() - piece.text.trim_start().len();
    let body = &piece.text[lead..];
    let found = if marker {
        scan::marker(&[">>", body].concat())
            .and_then(|m| m.label().map(|(a, b)| ((a - 2, b - 2), m.text_start() - 2)))
    } else if piece.voice == Voice::Continue {
        scan::bare_label(body, false).filter(|&((a, b), _)| labels.accepts(&body[a..b]))
    } else {
        None
    };
    if let Some(((a, b), text_start)) = found {
        let label = body[a..b].to_string();
        let cut = lead + text_start;
        piece.text.drain(..cut);
        for w in &mut piece.words {
            w[0] = (w[0] as usize).saturating_sub(cut) as u32;
        }
        piece.voice = match marker {
            true => Voice::Break(Some(label)),
            false => Voice::Named(label),
        };
    } else if marker {
        piece.voice = Voice::Break(None);
    }
    if piece.text.contains('\n') {
        piece.text = piece.text.replace('\n', " ");
    }
    out.push(piece);
}

/// Turn markers at the start of pieces whose speaker is given apart from
/// their text (a Podcasting 2.0 segment's `speaker`, `<cite>`): a piece
/// whose text starts with `>>` starts a turn, of its speaker if it names
/// one, else of the label after the marker, if any. Segments of one
/// speaker in a row are one turn, and a segment without one goes on with
/// the turn before it: the marker is how a file says that a turn of the
/// same speaker, or an unattributed one, starts there.
///
/// ```
/// use floor::read::cues::{Piece, Voice, speakers::leading_markers};
/// let mut p = vec![
///     Piece { voice: Voice::Named("Ana".into()), ..Piece::new(">> Again.".into(), 1, [0, 0]) },
///     Piece::new(">> (Off microphone.)".into(), 2, [0, 0]),
///     Piece::new("Text >> inside.".into(), 3, [0, 0]),
/// ];
/// leading_markers(&mut p);
/// assert_eq!((&p[0].voice, p[0].text.as_str()), (&Voice::Break(Some("Ana".into())), "Again."));
/// assert_eq!((&p[1].voice, p[1].text.as_str()), (&Voice::Break(None), "(Off microphone.)"));
/// assert_eq!(p[2].voice, Voice::Continue);
/// ```
pub fn leading_markers(pieces: &mut [Piece]) {
    for p in pieces {
        let lead = p.text.len() - p.text.trim_start().len();
        let Some(m) = scan::marker(&p.text[lead..]) else {
            continue;
        };
        let named = match &p.voice {
            Voice::Named(name) => Some(name.clone()),
            _ => None,
        };
        let body = &p.text[lead..];
        let (label, cut) = match (named, m.label()) {
            (Some(name), _) => (Some(name), lead + scan::arrows(body).unwrap_or(0)),
            (None, Some((a, b))) => (Some(body[a..b].to_string()), lead + m.text_start()),
            (None, None) => (None, lead + m.text_start()),
        };
        let cut = cut + p.text[cut..].len() - p.text[cut..].trim_start().len();
        p.text.drain(..cut);
        for w in &mut p.words {
            w[0] = (w[0] as usize).saturating_sub(cut) as u32;
        }
        p.voice = Voice::Break(label);
    }
}

/// Where the next `>>` or `&gt;&gt;` is in `s`, and its length.
fn find_marker(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b'>', b'&', &b[from..]) {
        let at = from + i;
        if let Some(len) = scan::arrows(&s[at..]) {
            return Some((at, len));
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &[&str]) -> Vec<(Voice, String)> {
        let pieces = input
            .iter()
            .map(|t| Piece::new(t.to_string(), 1, [0, 0]))
            .collect();
        split(pieces)
            .into_iter()
            .map(|p| (p.voice, p.text))
            .collect()
    }

    #[test]
    fn markers_inside_cues_start_turns() {
        assert_eq!(
            texts(&["so we go on. >> CHAIR: Thank you.\nNext", "&gt;&gt; Yes."]),
            [
                (Voice::Continue, "so we go on.".into()),
                (Voice::Break(Some("CHAIR".into())), "Thank you. Next".into()),
                (Voice::Break(None), " Yes.".into()),
            ]
        );
    }

    #[test]
    fn names_at_cue_starts_need_capitals_or_two_uses() {
        let got = texts(&["Dora Demszky: Yes.", "Note: once.", "Dora Demszky: Again."]);
        assert_eq!(got[0].0, Voice::Named("Dora Demszky".into()));
        assert_eq!(got[1], (Voice::Continue, "Note: once.".into()));
        let got = texts(&["MODERATOR: Once."]);
        assert_eq!(got[0], (Voice::Named("MODERATOR".into()), "Once.".into()));
    }

    #[test]
    fn dialogue_dashes() {
        let got = texts(&["- Hi.\n- Hello."]);
        assert_eq!(
            got,
            [
                (Voice::Break(None), "Hi.".into()),
                (Voice::Break(None), "Hello.".into())
            ]
        );
    }
}
