//! Captions: WebVTT and SubRip. Each turn is cut into cues of readable
//! length ([`super::timing::cues`]: at most 14 words, and two lines of
//! at most 65 characters in WebVTT, 32 in SRT, as the Podcasting 2.0
//! transcript formats ask), their times from the turn's (spread by words
//! between the times the turn knows). The speaker goes where each format's readers look:
//!
//! - WebVTT: a voice tag on every cue (`<v Ana Silva>`);
//! - SRT: `Name: ` before the first cue of a turn (the cues after it
//!   continue it);
//! - a turn that follows a turn of the same speaker starts with `>> Name: `,
//!   and an unattributed turn with `>> `: captioners' turn marker, which
//!   starts a turn whoever speaks.
//!
//! Cue text escapes `&`, `<` and `>` as entities (so `-->` and tags in the
//! text stay text), and guards `>>` and a cue that starts like a label or a
//! dialogue dash ([`super::guard`]).
//!
//! ```
//! use floor::export::{Format, Selection, export};
//! let t = floor::read::parse_str(
//!     "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Ana>Hello there.\n\n00:05.000 --> 00:09.500\n<v Ben>Hi &amp; <b>you</b>.\n",
//! );
//! let vtt = export(&t, Format::WebVtt, &Selection::All).unwrap();
//! assert_eq!(
//!     vtt,
//!     "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ana>Hello there.\n\n\
//!      00:00:05.000 --> 00:00:09.500\n<v Ben>Hi &amp; you.\n"
//! );
//! // `Ana:` once, in mixed case, would be text to an SRT reader: `>> Ana:` is not.
//! let srt = export(&t, Format::Srt, &Selection::All).unwrap();
//! assert_eq!(
//!     srt,
//!     "1\n00:00:01,000 --> 00:00:04,000\n>> Ana: Hello there.\n\n\
//!      2\n00:00:05,000 --> 00:00:09,500\n>> Ben: Hi & you.\n"
//! );
//! let back = floor::read::parse_file(srt.as_bytes(), "x.srt");
//! assert_eq!(back.speakers.len(), 2);
//! assert_eq!(back.times(&back.turns[1]), [Some(5_000), Some(9_500)]);
//! //! ```

use super::guard;
use super::timing::{self, Cue};
use crate::model::{Transcript, Turn};
use crate::read::igf::scan::is_label;

/// Which caption format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// WebVTT.
    WebVtt,
    /// SubRip.
    Srt,
}

/// Most characters in a line of a cue, in WebVTT and in SRT (a longer
/// word alone).
pub const LINE_CHARS: [usize; 2] = [65, 32];

/// `turns` of `t` as captions in `dialect`.
pub fn write(t: &Transcript, turns: &[&Turn], dialect: Dialect) -> String {
    let times = timing::turn_times(t, turns);
    let names: Vec<Option<&str>> = turns.iter().map(|turn| super::name_of(t, turn)).collect();
    // Whether each turn follows a turn of the same speaker.
    let same: Vec<bool> = (0..turns.len())
        .map(|i| i > 0 && names[i].is_some() && names[i] == names[i - 1])
        .collect();
    // SRT's `Name:` at a cue's start is a speaker when it reads as an
    // upper-case label, or starts cues twice.
    let mut uses: Vec<(&str, usize)> = Vec::new();
    for (name, _) in names.iter().zip(&same).filter(|(_, s)| !**s) {
        if let Some(name) = name {
            match uses.iter_mut().find(|(n, _)| n == name) {
                Some((_, k)) => *k += 1,
                None => uses.push((name, 1)),
            }
        }
    }
    let bare = |name: &str| {
        is_label(name, true)
            || (is_label(name, false) && uses.iter().any(|&(n, k)| n == name && k >= 2))
    };
    let mut out = String::with_capacity(t.text_len() * 2 + 64);
    if dialect == Dialect::WebVtt {
        out.push_str("WEBVTT");
        if let Some(title) = t.meta.title.as_deref().filter(|s| !s.trim().is_empty()) {
            out.push(' ');
            let title = guard::one_line(title);
            out.push_str(&escape(title.trim_start_matches(['-', ' ', '\t']), dialect));
        }
        out.push('\n');
    }
    let mut number = 0;
    for (i, turn) in turns.iter().enumerate() {
        let width = LINE_CHARS[(dialect == Dialect::Srt) as usize];
        let mut cues = timing::cues(t, turn, times[i], 2 * width);
        if cues.is_empty() {
            cues.push(Cue {
                text: "",
                paragraph: 0,
                times: times[i],
            });
        }
        for (k, cue) in cues.iter().enumerate() {
            if number > 0 || dialect == Dialect::WebVtt {
                out.push('\n');
            }
            number += 1;
            if dialect == Dialect::Srt {
                out.push_str(&number.to_string());
                out.push('\n');
            }
            let [a, b] = cue.times;
            out.push_str(&clock(a, dialect));
            out.push_str(" --> ");
            out.push_str(&clock(b, dialect));
            out.push('\n');
            let text = guard::one_line(cue.text);
            let text = guard::arrows(&text);
            // Each line guarded where it starts: a reader cuts a turn at a
            // dialogue dash at any line's start.
            // (SRT's `Name: ` takes room on the first line.)
            let prefix = match names[i] {
                Some(name) if k == 0 && dialect == Dialect::Srt => name.chars().count() + 5,
                _ => 0,
            };
            let lines: Vec<String> = wrap(&text, width, width.saturating_sub(prefix).max(8))
                .iter()
                .map(|line| escape(&guard::line_start(line), dialect))
                .collect();
            let text = lines.join("\n");
            match names[i] {
                None if k == 0 => out.push_str(">> "),
                None => {}
                Some(name) if k == 0 && (same[i] || (dialect == Dialect::Srt && !bare(name))) => {
                    out.push_str(">> ");
                    out.push_str(&escape(&guard::one_line(name), dialect));
                    out.push_str(": ");
                }
                Some(name) if dialect == Dialect::WebVtt => {
                    out.push_str("<v ");
                    out.push_str(&escape(&guard::one_line(name), dialect));
                    out.push('>');
                }
                Some(name) if k == 0 => {
                    out.push_str(&escape(&guard::one_line(name), dialect));
                    out.push_str(": ");
                }
                Some(_) => {}
            }
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}

/// `text` in lines of at most `width` characters (`first` for the first)
/// where it can be, cut at spaces: one line, or two as even as they can
/// be, or as many as it takes.
fn wrap(text: &str, width: usize, first: usize) -> Vec<&str> {
    let chars = text.chars().count();
    if chars <= first {
        return vec![text];
    }
    // Two lines: the space nearest the middle that leaves both short enough.
    let spaces = text.char_indices().filter(|(_, c)| *c == ' ');
    let best = spaces
        .map(|(i, _)| (i, text[..i].chars().count()))
        .filter(|&(_, n)| n <= first && chars - n - 1 <= width)
        .min_by_key(|&(_, n)| n.abs_diff(chars / 2));
    if let Some((i, _)) = best {
        return vec![&text[..i], &text[i + 1..]];
    }
    // Else greedily.
    let mut lines = Vec::new();
    let mut rest = text;
    while rest.chars().count() > if lines.is_empty() { first } else { width } {
        let room = if lines.is_empty() { first } else { width };
        let cut = rest
            .char_indices()
            .filter(|(_, c)| *c == ' ')
            .take_while(|&(i, _)| rest[..i].chars().count() <= room)
            .last()
            .or_else(|| rest.char_indices().find(|(_, c)| *c == ' '));
        match cut {
            Some((i, _)) => {
                lines.push(&rest[..i]);
                rest = &rest[i + 1..];
            }
            None => break,
        }
    }
    lines.push(rest);
    lines
}

/// A cue time: `00:12:34.500` (WebVTT) or `00:12:34,500` (SRT).
fn clock(ms: u32, dialect: Dialect) -> String {
    let (h, m, s, f) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let sep = if dialect == Dialect::Srt { ',' } else { '.' };
    format!("{h:02}:{m:02}:{s:02}{sep}{f:03}")
}

/// Cue text escaped. WebVTT: `&`, `<` and `>` as entities, as the format
/// asks, and `{` before `\\` (an SRT override, which readers drop). SRT, whose players mostly show entities as written: only what a
/// reader would take for markup, an entity (`&amp;`), a tag (`<i>`,
/// `<00:01.000>`) or an override (`{\an8}`), has its first character
/// written as an entity.
pub(super) fn escape(s: &str, dialect: Dialect) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        let rest = &s.as_bytes()[i..];
        let markup = match c {
            '&' => crate::read::html::entity(rest).is_some(),
            '<' => rest
                .get(1)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'/'),
            '{' => rest.get(1) == Some(&b'\\'),
            _ => false,
        };
        match c {
            '{' if markup => out.push_str("&#123;"),
            '&' | '<' | '>' if dialect == Dialect::WebVtt || markup => {
                out.push_str(match c {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    _ => "&gt;",
                });
            }
            c => out.push(c),
        }
    }
    out
}
