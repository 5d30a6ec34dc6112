//! Speakers inside cue text, the way captioners and meeting tools write
//! them: `>> NAME:` or `&gt;&gt;` (a turn, with its speaker when labelled),
//! `Name: text` at a cue's start (Zoom, SRT), and `- ` dialogue dashes.
//!
//! A `Name:` at a cue's start counts as a speaker when it reads as a label
//! ([`scan::is_label`]) and either is upper case or starts cues at least
//! twice in the file: `Note: the next…` once is text.

use super::{Piece, Voice};
use crate::read::igf::scan;
use crate::text::hash::Tally;

/// Splits each piece at the turn markers in its text (`>>`, a dialogue
/// dash at a line start), and reads the speaker labels at the start of
/// each part. Lines of a piece's text are separated by `\n`; the parts'
/// text has them as spaces.
pub fn split(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut parts = Vec::with_capacity(pieces.len());
    for piece in pieces {
        split_one(piece, &mut parts);
    }
    // `Name:` candidates at the start of a piece that does not follow a
    // marker: kept when upper case or used twice.
    let mut uses = Tally::default();
    for p in &parts {
        if let Voice::Named(l) = &p.voice {
            uses.add(&crate::text::fold::key(l));
        }
    }
    for p in &mut parts {
        let Voice::Named(l) = &p.voice else { continue };
        if !scan::is_label(l, true) && uses.get(&crate::text::fold::key(l)) < 2 {
            // Not a speaker: the label goes back into the text.
            let l = std::mem::take(match &mut p.voice {
                Voice::Named(l) => l,
                _ => unreachable!(),
            });
            let colon = p.label_gap;
            unsplit(p, &l, colon);
        }
    }
    for p in &mut parts {
        p.label_gap = 0;
    }
    parts
}

/// `piece` cut at its markers into `out`.
fn split_one(piece: Piece, out: &mut Vec<Piece>) {
    let text = piece.text.as_str();
    // Where parts start: (offset, is a marker), and where each part's text
    // starts after its marker.
    let mut cuts: Vec<(usize, usize, bool)> = vec![(0, 0, false)];
    let mut line_start = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        if let Some(rest) = body
            .strip_prefix("- ")
            .or_else(|| body.strip_prefix("– "))
            .or_else(|| body.strip_prefix("\u{2014} "))
        {
            let at = line_start + lead;
            let _ = rest;
            push_cut(&mut cuts, at, at + 2.min(body.len()), true);
        }
        let mut from = 0;
        while let Some(i) = find_arrows(&line[from..]) {
            let at = line_start + from + i;
            let len = arrows_len(&line[from + i..]);
            push_cut(&mut cuts, at, at + len, true);
            from += i + len;
        }
        line_start += line.len() + 1;
    }
    if cuts.len() == 1 && !cuts[0].2 {
        return labelled(piece, 0, false, out);
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
        let part_words: Vec<[u32; 2]> = words
            .iter()
            .filter(|w| (w[0] as usize) >= at && (w[0] as usize) < stop.max(at + 1))
            .map(|&[o, ms]| [(o as usize).saturating_sub(body) as u32, ms])
            .collect();
        let part_start = if k == 0 {
            start
        } else {
            part_words.first().map(|w| w[1]).or(start)
        };
        let body_text = text[body.min(stop)..stop].trim_end().to_string();
        if k == 0 && !marker && body_text.trim().is_empty() {
            continue;
        }
        let p = Piece {
            start: part_start,
            end,
            voice: if k == 0 { voice.clone() } else { Voice::Continue },
            text: body_text,
            words: part_words,
            line,
            range,
            label_gap: 0,
        };
        labelled(p, 0, marker, out);
    }
}

fn push_cut(cuts: &mut Vec<(usize, usize, bool)>, at: usize, body: usize, marker: bool) {
    if at == 0 {
        cuts[0] = (0, body, marker);
    } else {
        cuts.push((at, body, marker));
    }
}

/// `piece` with the label at its text's start read, if any, pushed onto
/// `out`. After a marker, the piece starts a turn.
fn labelled(mut piece: Piece, _: usize, marker: bool, out: &mut Vec<Piece>) {
    let lead = piece.text.len() - piece.text.trim_start().len();
    let body = &piece.text[lead..];
    let found = if marker {
        scan::marker(&[">>", body].concat()).and_then(|m| {
            m.label()
                .map(|(a, b)| ((a - 2, b - 2), m.text_start() - 2))
        })
    } else if piece.voice == Voice::Continue {
        scan::bare_label(body, false)
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
        piece.label_gap = cut - (lead + b);
        piece.voice = if marker {
            Voice::Break(Some(label))
        } else {
            Voice::Named(label)
        };
    } else if marker {
        piece.voice = Voice::Break(None);
    }
    piece.text = piece.text.replace('\n', " ");
    out.push(piece);
}

/// Puts a label taken for a speaker back at the start of its piece's text.
fn unsplit(p: &mut Piece, label: &str, gap: usize) {
    let gap = gap.max(1);
    let head = format!("{label}:{}", " ".repeat(gap - 1));
    p.text.insert_str(0, &head);
    for w in &mut p.words {
        w[0] += head.len() as u32;
    }
    p.voice = Voice::Continue;
}

/// Where the next `>>` or `&gt;&gt;` is in `s`.
fn find_arrows(s: &str) -> Option<usize> {
    let a = memchr::memmem::find(s.as_bytes(), b">>");
    let b = memchr::memmem::find(s.as_bytes(), b"&gt;&gt;");
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The length of the marker at the start of `s`.
fn arrows_len(s: &str) -> usize {
    let b = s.as_bytes();
    if b.starts_with(b">>") {
        b.iter().take_while(|&&c| c == b'>').count()
    } else {
        let mut n = 0;
        while b.get(n..n + 4).is_some_and(|g| g == b"&gt;") {
            n += 4;
        }
        n
    }
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
