//! A transcript as a static HTML page: plain, semantic and crawlable, for
//! search engines, readers without JavaScript, and as the reference the
//! viewer's first paint is measured against (`floor html FILE`).
//!
//! The page has the viewer's anchors (`#t37`, `#t37-p2`), each turn an
//! `<article>` headed by its speaker (and, in a timed transcript, the
//! `<time>` it starts at in the recording), captioner notes as `<span
//! class="note">`. Every piece of transcript text is escaped: the page holds
//! no markup that came from the input.
//!
//! ```
//! let t = floor::read::parse_str("IGF 2016\n\n>>CHAIR: Welcome <all> & thanks. [ Applause ]");
//! let page = floor::render::html_page(&t);
//! assert!(page.contains("<title>IGF 2016</title>"));
//! assert!(page.contains(r#"<article id="t1"><h2>Chair</h2>"#));
//! assert!(page.contains(r#"<p id="t1-p1">Welcome &lt;all&gt; &amp; thanks. <span class="note">[ Applause ]</span></p>"#));
//! ```

use std::fmt::Write;

use crate::link::time;
use crate::model::Transcript;
use crate::view::{self, Segment};

/// Writes `text` with `&`, `<`, `>`, `"` and `'` escaped: text and
/// attribute values alike.
pub fn escape(out: &mut String, text: &str) {
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        let with = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(with);
        from = i + 1;
    }
    out.push_str(&text[from..]);
}

/// Writes a piece of a paragraph: its text, escaped; a note in a `<span
/// class="note">` (with its kind as `data-kind` when `kinds`, as the
/// viewer draws it); an uncertain word in a `<span class="uncertain">`.
pub(super) fn write_segment(out: &mut String, segment: Segment, kinds: bool) {
    match segment {
        Segment::Text(text) => escape(out, text),
        Segment::Note(text, whole) => {
            out.push_str("<span class=\"note\"");
            if kinds {
                out.push_str(" data-kind=\"");
                escape(out, &crate::model::Annotation::kind_of(whole));
                out.push('"');
            }
            out.push('>');
            escape(out, text);
            out.push_str("</span>");
        }
        Segment::Uncertain(word) => {
            out.push_str("<span class=\"uncertain\" title=\"");
            escape(out, view::UNCERTAIN_TITLE);
            out.push_str("\">");
            escape(out, word);
            out.push_str("</span>");
        }
    }
}

/// The stylesheet of the static page: readable, light and dark, print.
const STYLE: &str = "body{max-width:44rem;margin:0 auto;padding:1rem;font:1.0625rem/1.6 system-ui,sans-serif;color-scheme:light dark}\
article{margin:1.5rem 0}h2{font-size:1rem;margin:0 0 .25rem}.note{font-style:italic}\
.meta,h2 time{color:GrayText}h2 time{font-weight:400;margin-left:.5em}details{margin:1rem 0}";

/// The whole page.
pub fn html_page(t: &Transcript) -> String {
    let mut out = String::with_capacity(t.text_len() * 11 / 10 + 4096);
    let title = t.meta.title.as_deref().unwrap_or("Transcript");
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    escape(&mut out, title);
    let _ = write!(
        out,
        "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>"
    );
    escape(&mut out, title);
    out.push_str("</h1>\n");
    let place = [t.meta.date.as_deref(), t.meta.location.as_deref()];
    let place: Vec<&str> = place.into_iter().flatten().collect();
    if !place.is_empty() {
        out.push_str("<p class=\"meta\">");
        escape(&mut out, &place.join(" · "));
        out.push_str("</p>\n");
    }
    let stats = view::Stats::of(t);
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · {} · {}</p>",
        view::counted(stats.turns, "turn"),
        view::counted(stats.speakers, "speaker"),
        view::counted(stats.words, "word")
    );
    if let Some(d) = &t.meta.disclaimer {
        out.push_str("<details><summary>Disclaimer</summary><p>");
        escape(&mut out, d);
        out.push_str("</p></details>\n");
    }
    out.push_str("</header>\n<main>\n");
    for turn in &t.turns {
        let _ = write!(out, "<article id=\"t{}\"><h2>", turn.n);
        escape(&mut out, view::speaker_name(t, turn));
        if let Some(ms) = t.start(turn) {
            let _ = write!(
                out,
                " <time datetime=\"{}\">{}</time>",
                time::datetime(ms),
                time::clock(ms)
            );
        }
        out.push_str("</h2>");
        for (i, paragraph) in t.paragraphs(turn).iter().enumerate() {
            let _ = write!(out, "\n<p id=\"t{}-p{}\">", turn.n, i + 1);
            for segment in view::segments(paragraph, t.annotations(turn), i, (0, paragraph.len())) {
                write_segment(&mut out, segment, false);
            }
            out.push_str("</p>");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use crate::read::cues::{Found, Piece, Voice, build};

    #[test]
    fn a_timed_turn_has_its_time_beside_its_speaker() {
        let cue = |start: u32, who: &str, text: &str| {
            let mut p = Piece::new(text.into(), 1, [0, 0]);
            (p.start, p.voice) = (Some(start), Voice::Named(who.into()));
            p
        };
        let t = build(
            "test",
            vec![cue(754_300, "Ana", "Hi."), cue(3_723_000, "Ben", "<b>")],
            Found::default(),
        );
        let page = super::html_page(&t);
        assert!(
            page.contains(
                r#"<article id="t1"><h2>Ana <time datetime="PT12M34S">12:34</time></h2>"#
            )
        );
        assert!(
            page.contains(
                r#"<article id="t2"><h2>Ben <time datetime="PT1H2M3S">1:02:03</time></h2>"#
            )
        );
        assert!(page.contains("&lt;b&gt;"));
        // Untimed: no time.
        let page = super::html_page(&crate::read::parse_str(">>CHAIR: Hi."));
        assert!(page.contains(r#"<article id="t1"><h2>Chair</h2>"#));
        assert!(!page.contains("<time"));
    }
}
