//! Plain text, as IGF's captioners write it: the header's lines, then
//! each turn as `>>Name: ` and its first paragraph, its other paragraphs
//! after it, an unattributed turn after `>>` alone. Floor reads it back as
//! IGF text. Text is written as it is, but for the guards of
//! [`super::guard`]; only a text whose tags would make it read as a page
//! has them written `＜`.
//!
//! ```
//! use floor::export::{Format, Selection, export};
//! let t = floor::read::parse_str(">>ANA SILVA: Hello.\n\nNOTE: not a speaker.\n\n>> (Off microphone.)");
//! let txt = export(&t, Format::Text, &Selection::All).unwrap();
//! assert_eq!(txt, ">>Ana Silva: Hello.\n\nNOTE:\u{2060} not a speaker.\n\n>> (Off microphone.)\n");
//! let back = floor::read::parse_file(txt.as_bytes(), "x.txt");
//! assert_eq!(back.turns.len(), 2);
//! assert_eq!(back.speakers[0].name, "Ana Silva");
//! assert_eq!(back.speaker_of(&back.turns[1]), None);
//! //! ```

use super::guard::paragraph;
use crate::model::{Transcript, Turn};

/// `turns` of `t` as plain text.
pub fn write(t: &Transcript, turns: &[&Turn]) -> String {
    let out = write_guarded(t, turns, false);
    // Text with tags enough to read as a page is written with its tags
    // guarded.
    match crate::read::sniff::sniff(&out, Some("export.txt")) {
        crate::read::sniff::Format::Igf if !crate::read::html::looks_like_html(&out) => out,
        _ => write_guarded(t, turns, true),
    }
}

fn write_guarded(t: &Transcript, turns: &[&Turn], tags: bool) -> String {
    let mut out = String::new();
    for line in super::header(t) {
        out.push_str(&paragraph(line, tags));
        out.push_str("\n\n");
    }
    for turn in turns {
        let mut paragraphs = t.paragraphs(turn).iter();
        out.push_str(">>");
        if let Some(name) = super::name_of(t, turn) {
            out.push_str(&super::guard::one_line(name));
            out.push(':');
        }
        if let Some(first) = paragraphs.next() {
            out.push(' ');
            out.push_str(&paragraph(first, tags));
        }
        out.push_str("\n\n");
        for p in paragraphs {
            out.push_str(&paragraph(p, tags));
            out.push_str("\n\n");
        }
    }
    out.pop();
    out
}
