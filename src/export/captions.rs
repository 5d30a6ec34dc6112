//! Captions: WebVTT and SubRip. Each turn is cut into cues of readable
//! length ([`super::timing::cues`]: at most 14 words, about two lines),
//! their times from the turn's (spread by words between the times the
//! turn knows). The speaker goes where each format's readers look:
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
//!      2\n00:00:05,000 --> 00:00:09,500\n>> Ben: Hi &amp; you.\n"
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
            out.push_str(&escape(
                guard::one_line(title).trim_start_matches(['-', ' ', '\t']),
            ));
        }
        out.push('\n');
    }
    let mut number = 0;
    for (i, turn) in turns.iter().enumerate() {
        let mut cues = timing::cues(t, turn, times[i]);
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
            let text = escape(&guard::line_start(&guard::arrows(&text)));
            match names[i] {
                None if k == 0 => out.push_str(">> "),
                None => {}
                Some(name) if k == 0 && (same[i] || (dialect == Dialect::Srt && !bare(name))) => {
                    out.push_str(">> ");
                    out.push_str(&escape(&guard::one_line(name)));
                    out.push_str(": ");
                }
                Some(name) if dialect == Dialect::WebVtt => {
                    out.push_str("<v ");
                    out.push_str(&escape(&guard::one_line(name)));
                    out.push('>');
                }
                Some(name) if k == 0 => {
                    out.push_str(&escape(&guard::one_line(name)));
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

/// A cue time: `00:12:34.500` (WebVTT) or `00:12:34,500` (SRT).
fn clock(ms: u32, dialect: Dialect) -> String {
    let (h, m, s, f) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let sep = if dialect == Dialect::Srt { ',' } else { '.' };
    format!("{h:02}:{m:02}:{s:02}{sep}{f:03}")
}

/// Cue text with `&`, `<`, `>` and `{` as entities: what the readers
/// decode, and players show as the characters.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '{' => out.push_str("&#123;"),
            c => out.push(c),
        }
    }
    out
}
