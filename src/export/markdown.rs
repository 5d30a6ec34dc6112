//! Markdown: the title as a heading, the other header lines as
//! paragraphs, then each turn: its speaker's name in bold (`**Name:**`)
//! before its first paragraph, its other paragraphs after it, an
//! unattributed turn after `>>` (and every turn as `>>Name: ` when fewer
//! than two turns, or fewer than twice as many as the unattributed ones,
//! have a speaker: bold labels are not taken for turns then). Floor reads it back as IGF text (whose
//! reader takes bold `**Name:**` labels at a paragraph's start for
//! speakers), and so does any Markdown reader, as a readable document.
//! Text is untrusted: a `<` that would open a tag is written `＜`, so a
//! Markdown renderer never renders the text as HTML.
//!
//! ```
//! use floor::export::{Format, Selection, export};
//! let t = floor::read::parse_str(
//!     "IGF 2016 MAG Meeting\n\n6 April 2016\n\n>>CHAIR: Welcome.\n\nNext item.\n\n>>ANA SILVA: Thanks.\n\n>> (Off microphone.)",
//! );
//! let md = export(&t, Format::Markdown, &Selection::All).unwrap();
//! assert_eq!(
//!     md,
//!     "IGF 2016 MAG Meeting\n====================\n\n6 April 2016\n\n\
//!      **Chair:** Welcome.\n\nNext item.\n\n**Ana Silva:** Thanks.\n\n>> (Off microphone.)\n"
//! );
//! let back = floor::read::parse_file(md.as_bytes(), "x.md");
//! assert_eq!(back.turns.len(), 3);
//! assert_eq!(back.speakers[0].name, "Chair");
//! assert_eq!(back.paragraphs(&back.turns[0]).to_vec(), ["Welcome.", "Next item."]);
//! ```

use super::guard::paragraph;
use crate::model::{Transcript, Turn};

/// `turns` of `t` as Markdown.
pub fn write(t: &Transcript, turns: &[&Turn]) -> String {
    // Bold labels mark a text's turns when there are two at least, and
    // twice as many as `>>` lines ([`crate::read::igf`]); else every turn
    // is written `>>Name: `, as in plain text.
    let named = turns.iter().filter(|turn| turn.speaker().is_some()).count();
    let bold = named >= 2 && named >= 2 * (turns.len() - named);
    let mut out = String::new();
    let mut header = super::header(t).into_iter();
    if let Some(title) = t.meta.title.as_deref() {
        header.next();
        let title = paragraph(title, true);
        let width = title.chars().count().max(3);
        out.push_str(&title);
        out.push('\n');
        out.extend(std::iter::repeat_n('=', width));
        out.push_str("\n\n");
    }
    for line in header {
        out.push_str(&paragraph(line, true));
        out.push_str("\n\n");
    }
    for turn in turns {
        let mut paragraphs = t.paragraphs(turn).iter();
        match super::name_of(t, turn) {
            Some(name) if bold => {
                out.push_str("**");
                out.push_str(&super::guard::one_line(name));
                out.push_str(":**");
            }
            Some(name) => {
                out.push_str(">>");
                out.push_str(&super::guard::one_line(name));
                out.push(':');
            }
            None => out.push_str(">>"),
        }
        if let Some(first) = paragraphs.next() {
            out.push(' ');
            out.push_str(&paragraph(first, true));
        }
        out.push_str("\n\n");
        for p in paragraphs {
            out.push_str(&paragraph(p, true));
            out.push_str("\n\n");
        }
    }
    out.pop();
    out
}
