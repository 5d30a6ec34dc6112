//! The Podcasting 2.0 transcript formats (the `podcast:transcript` tag's
//! JSON and HTML, as the Podcastindex namespace describes them).
//!
//! - JSON: `{"version": "1.0.0", "segments": [...]}`, a segment per cue of
//!   readable length ([`super::timing::cues`]), each with its `speaker`
//!   (left out for an unattributed turn), `startTime` and `endTime` in
//!   seconds, and its text in `body`;
//! - HTML: a page with the title in `<title>`, then a segment per
//!   paragraph: its speaker in `<cite>` (`<cite>Name:</cite>`), the turn's
//!   start in `<time>` (`12:34`, when known) before its first paragraph,
//!   the text in `<p>`, every text escaped.
//!
//! Segments of one speaker in a row are one turn to a reader, and a
//! segment without a speaker goes on with the turn before it: a turn that
//! follows a turn of the same speaker, and an unattributed turn, start
//! with captioners' turn marker `>> `, which Floor's readers take for a
//! turn's start ([`crate::read::cues::speakers::leading_markers`]).
//!
//! ```
//! use floor::export::{Format, Selection, export};
//! let t = floor::read::parse_str(
//!     "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Ana>Hello.\n\n00:05.000 --> 00:09.500\n<v Ben>Hi.\n",
//! );
//! let json = export(&t, Format::PodcastJson, &Selection::All).unwrap();
//! assert_eq!(
//!     json,
//!     "{\"version\":\"1.0.0\",\"segments\":[\n\
//!      {\"speaker\":\"Ana\",\"startTime\":1.0,\"endTime\":4.0,\"body\":\"Hello.\"},\n\
//!      {\"speaker\":\"Ben\",\"startTime\":5.0,\"endTime\":9.5,\"body\":\"Hi.\"}]}\n"
//! );
//! let html = export(&t, Format::PodcastHtml, &Selection::All).unwrap();
//! assert!(html.contains("<cite>Ben:</cite>\n<time>0:05</time>\n<p>Hi.</p>\n"));
//! let back = floor::read::parse_file(html.as_bytes(), "x.html");
//! assert_eq!(back.meta.format, "podcast-html");
//! assert_eq!(back.turns.len(), 2);
//! ```

use super::guard;
use super::json::{seconds, string};
use super::timing;
use crate::model::{Transcript, Turn};

/// Most characters in a JSON segment (a longer word alone).
const SEGMENT_CHARS: usize = 84;

/// Whether each of `turns` starts with a turn marker: an unattributed
/// turn, and a turn of the same speaker as the turn before.
fn marked(t: &Transcript, turns: &[&Turn]) -> Vec<bool> {
    let names: Vec<Option<&str>> = turns.iter().map(|turn| super::name_of(t, turn)).collect();
    (0..turns.len())
        .map(|i| names[i].is_none() || (i > 0 && names[i] == names[i - 1]))
        .collect()
}

/// `turns` of `t` as Podcasting 2.0 JSON.
pub fn json(t: &Transcript, turns: &[&Turn]) -> String {
    let times = timing::turn_times(t, turns);
    let marked = marked(t, turns);
    let mut o = String::with_capacity(t.text_len() * 2 + 64);
    o.push_str("{\"version\":\"1.0.0\",\"segments\":[");
    let mut first = true;
    for (i, turn) in turns.iter().enumerate() {
        let name = super::name_of(t, turn);
        let mut cues = timing::cues(t, turn, times[i], SEGMENT_CHARS);
        if cues.is_empty() {
            cues.push(timing::Cue {
                text: "",
                paragraph: 0,
                times: times[i],
            });
        }
        for (k, cue) in cues.iter().enumerate() {
            if !std::mem::take(&mut first) {
                o.push(',');
            }
            o.push_str("\n{");
            if let Some(name) = name {
                o.push_str("\"speaker\":");
                string(&mut o, &guard::one_line(name));
                o.push(',');
            }
            o.push_str("\"startTime\":");
            seconds(&mut o, Some(cue.times[0]));
            o.push_str(",\"endTime\":");
            seconds(&mut o, Some(cue.times[1]));
            o.push_str(",\"body\":");
            let text = guard::one_line(cue.text);
            let mut body = guard::line_start(&guard::arrows(&text)).into_owned();
            if marked[i] && k == 0 {
                body.insert_str(0, ">> ");
            }
            string(&mut o, &body);
            o.push('}');
        }
    }
    o.push_str("]}\n");
    o
}

/// `turns` of `t` as a Podcasting 2.0 HTML page.
pub fn html(t: &Transcript, turns: &[&Turn]) -> String {
    let page = html_page(t, turns, false);
    // A page of `<p>`s alone (no speaker, no time) reads as any page: its
    // segments then say so with an empty `<cite>` and `<time>`.
    match crate::read::podcast_html::looks_like(&page) {
        true => page,
        false => html_page(t, turns, true),
    }
}

fn html_page(t: &Transcript, turns: &[&Turn], explicit: bool) -> String {
    let times = t.is_timed().then(|| timing::turn_times(t, turns));
    let marked = marked(t, turns);
    let mut o = String::with_capacity(t.text_len() * 2 + 256);
    o.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    if let Some(title) = t.meta.title.as_deref() {
        o.push_str("<title>");
        o.push_str(&escape(&guard::one_line(title)));
        o.push_str("</title>\n");
    }
    o.push_str("</head>\n<body>\n");
    for (i, turn) in turns.iter().enumerate() {
        let name = super::name_of(t, turn);
        // The turn's start, on its first segment only: segments have no
        // end, and a reader takes the time between two starts for a
        // pause, which would cut the turn.
        let mut starts: Vec<Option<u32>> = vec![None; t.paragraphs(turn).len().max(1)];
        starts[0] = times.as_ref().map(|times| times[i][0]);
        let paragraphs = t.paragraphs(turn);
        let texts = paragraphs.iter().chain(paragraphs.is_empty().then_some(""));
        for (p, text) in texts.enumerate() {
            match name {
                Some(name) => {
                    o.push_str("<cite>");
                    o.push_str(&escape(&guard::one_line(name)));
                    o.push_str(":</cite>\n");
                }
                None if explicit => o.push_str("<cite></cite>\n"),
                None => {}
            }
            match starts[p] {
                Some(ms) => {
                    o.push_str("<time>");
                    o.push_str(&crate::link::time::clock(ms));
                    o.push_str("</time>\n");
                }
                None if explicit => o.push_str("<time></time>\n"),
                None => {}
            }
            o.push_str("<p>");
            if p == 0 && marked[i] {
                o.push_str("&gt;&gt; ");
            }
            let text = guard::one_line(text);
            o.push_str(&escape(&guard::line_start(&guard::arrows(&text))));
            o.push_str("</p>\n");
        }
    }
    o.push_str("</body>\n</html>\n");
    o
}

/// Text for HTML: `&`, `<`, `>` and `"` as entities.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
