//! A session page: a transcript pre-rendered as the viewer's own markup,
//! readable and crawlable without JavaScript, which the viewer then takes
//! over in place (`floor page`, and the archive site's `sessions/NAME.html`).
//!
//! [`viewer_markup`] is the DOM the viewer draws for a transcript when it
//! first shows it on Floor's own page (`src/app/mod.rs`, `turns.rs`,
//! `paragraph.rs`, `panels.rs`, `search.rs`), with every turn in it rather
//! than the first groups, and every piece of text escaped. Its root has the
//! first screen's class (the viewer removes it when it shows the
//! transcript, keeping the reader's place) and
//! [`PRERENDERED_CLASS`]: unlike the sample's first screen it is neither
//! inert nor hidden, and keeps its ids (`#t37`, `#t37-p2` work before the
//! viewer is ready, and without JavaScript).
//!
//! [`session_page`] puts it in the viewer's built `index.html`.
//!
//! ```
//! let t = floor::read::parse_str("IGF 2016\n\n>>CHAIR: Welcome <script>alert(1)</script> & thanks.");
//! let html = floor::render::viewer_markup(&t);
//! assert!(html.starts_with(r#"<div class="floor first-screen prerendered">"#));
//! assert!(html.contains(r#"<article class="turn" id="t1">"#));
//! assert!(html.contains(r#"<p id="t1-p1">Welcome &lt;script&gt;alert(1)&lt;/script&gt; &amp; thanks.</p>"#));
//! assert!(!html.contains("<script"));
//! ```

use super::escape;
use super::page::write_segment;
use std::fmt::Write;

use crate::link::time;
use crate::model::{Annotation, DiagnosticKind, Transcript, Turn};
use crate::names::{
    ARCHIVE_LINK_CLASS, FIRST_SCREEN_CLASS, PRERENDERED_CLASS, TRANSCRIPT_ATTRIBUTE,
};
use crate::view;

/// What a session page's head loads in place of `first-screen.js`
/// (`src/web/session.js`, `src/web/session.css`, beside it in the viewer's
/// build).
const SESSION_HEAD: &str =
    r#"<link rel="stylesheet" href="session.css"><script src="session.js"></script>"#;

/// Turns per group of the turn list, as the viewer draws it (`turns.rs`).
const GROUP: usize = 40;

/// `text`, escaped.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(&mut out, text);
    out
}

/// The viewer's toolbar on Floor's own page, before any search. (The search
/// field is named `q`: submitted before the viewer is ready, it opens the
/// page again with `?q=`, which the viewer then searches.)
const TOOLBAR: &str = concat!(
    r##"<a class="skip" href="#turns">Skip to the transcript</a>"##,
    r##"<header class="bar" aria-label="Floor"><div class="toolbar" role="toolbar" aria-label="Transcript actions"><span class="brand">Floor</span>"##,
    r##"<form class="search" role="search" aria-labelledby="search-label title"><label id="search-label" for="search">Search</label><input id="search" name="q" type="search" autocomplete="off" spellcheck="false" aria-keyshortcuts="/" aria-describedby="search-count" value=""><span class="count" id="search-count" role="status" aria-live="polite"></span></form>"##,
    r##"<label class="button file">Open file<input type="file" accept=".txt,.text,.html,.htm,.vtt,.srt,.json,.md,text/*"></label><button type="button">Paste text</button><button type="button" data-action="captions">Add captions</button><button type="button" data-action="download">Download</button><button type="button">Theme: system</button><button type="button" aria-keyshortcuts="?">Keys</button></div></header>"##,
    r##"<div class="alert" role="alert" hidden=""><p></p><button type="button">Dismiss</button></div>"##,
);

/// Exactly the DOM the viewer draws for `t` when it first shows it on
/// Floor's own page (its dialogs aside, which do not show), with all its
/// turns: the root, the toolbar, the status line, the transcript's header,
/// the speakers and the turn list in its groups of 40.
pub fn viewer_markup(t: &Transcript) -> String {
    let mut out = String::with_capacity(t.text_len() * 13 / 10 + 8192);
    let _ = write!(
        out,
        "<div class=\"floor {FIRST_SCREEN_CLASS} {PRERENDERED_CLASS}\">{TOOLBAR}<p class=\"status\" role=\"status\" aria-live=\"polite\">"
    );
    escape(&mut out, &view::shown_status(t));
    out.push_str("</p>");
    head(&mut out, t);
    out.push_str("<div class=\"layout\"><div class=\"side\"><div class=\"results-box\"></div>");
    speakers(&mut out, t);
    out.push_str("</div><div id=\"turns\" role=\"main\" aria-labelledby=\"turns-of title\" tabindex=\"-1\"><span id=\"turns-of\" hidden=\"\">Turns of</span><div class=\"turns\">");
    for (i, group) in t.turns.chunks(GROUP).enumerate() {
        let _ = write!(out, "<div class=\"group\" id=\"g{}\">", i * GROUP + 1);
        for turn in group {
            self::turn(&mut out, t, turn);
        }
        out.push_str("</div>");
    }
    out.push_str("</div></div></div></div>");
    out
}

/// The transcript's header (`panels::TranscriptHeader`), with "About this
/// transcript" filled as `panels::fill_about` fills it.
fn head(out: &mut String, t: &Transcript) {
    let title = t.meta.title.as_deref().unwrap_or("Untitled transcript");
    out.push_str("<section class=\"transcript-head\" aria-labelledby=\"title\"><h1 id=\"title\">");
    escape(out, title);
    out.push_str("</h1>");
    if let Some(w) = view::when_where(t) {
        out.push_str("<p class=\"when\">");
        escape(out, &w);
        out.push_str("</p>");
    }
    out.push_str("<p class=\"figures\">");
    escape(out, &view::figures(t));
    out.push_str("</p>");
    if let Some(d) = &t.meta.disclaimer {
        out.push_str("<details class=\"disclaimer\"><summary>Disclaimer</summary><p>");
        escape(out, d);
        out.push_str("</p></details>");
    }
    out.push_str("<details class=\"about\"><summary>About this transcript</summary>");
    if t.diagnostics.is_empty() {
        out.push_str("<p>The parser noticed nothing unusual.</p>");
    }
    out.push_str("<ul id=\"about-list\">");
    for (i, d) in t.diagnostics.iter().enumerate() {
        out.push_str("<li>");
        if d.line > 0 {
            let _ = write!(out, "Line {}: ", d.line);
        }
        let mut rest = d.message.as_str();
        while let Some((before, after)) = rest.split_once('\u{201c}') {
            let Some((quoted, after)) = after.split_once('\u{201d}') else {
                break;
            };
            escape(out, before);
            out.push_str("\u{201c}<bdi>");
            escape(out, quoted);
            out.push_str("</bdi>\u{201d}");
            rest = after;
        }
        escape(out, rest);
        let action = match (d.kind, &d.label) {
            (DiagnosticKind::SpeakerMerged, Some(label)) => {
                Some(("Undo", "Undo the merge of", label, true))
            }
            (DiagnosticKind::MergeUndone, Some(label)) => {
                Some(("Merge again", "Merge again:", label, false))
            }
            _ => None,
        };
        if let Some((text, name, label, apart)) = action {
            let label = escaped(label);
            let _ = write!(
                out,
                " <button id=\"about-{i}\" type=\"button\" aria-label=\"{name} \u{201c}{label}\u{201d}\" data-label=\"{label}\"{}>{text}</button>",
                if apart { " data-apart=\"\"" } else { "" }
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></details></section>");
}

/// The speaker index (`panels::SpeakerIndex`), open (the stylesheet closes
/// a first screen's on a narrow screen, as the viewer draws it there).
fn speakers(out: &mut String, t: &Transcript) {
    out.push_str("<nav class=\"speakers\" aria-labelledby=\"speakers-title title\"><details open=\"\"><summary><h2 id=\"speakers-title\">Speakers</h2></summary><p class=\"filter-state\" aria-live=\"polite\">Showing all turns.</p><button class=\"clear\" type=\"button\" hidden=\"\">Show all speakers</button><ul>");
    let shares = view::speaker_shares(t);
    for share in shares.iter().take(view::LISTED_SPEAKERS) {
        let Some(s) = t.speakers.get(share.speaker) else {
            continue;
        };
        out.push_str("<li><button type=\"button\" aria-pressed=\"false\" data-speaker=\"");
        escape(out, &s.id);
        out.push_str("\" title=\"Written as: ");
        escape(out, &s.labels.join(", "));
        out.push_str("\"><bdi class=\"name\">");
        escape(out, &s.name);
        let _ = write!(
            out,
            "</bdi><span class=\"count\">{} · {}% of words</span></button></li>",
            view::counted(s.turns, "turn"),
            share.percent
        );
    }
    out.push_str("</ul>");
    if shares.len() > view::LISTED_SPEAKERS {
        let _ = write!(
            out,
            "<p class=\"more\">The {} speakers with the most words are listed. <button type=\"button\">List the other {} speakers</button></p>",
            view::LISTED_SPEAKERS,
            view::thousands(shares.len() - view::LISTED_SPEAKERS)
        );
    }
    out.push_str("</details></nav>");
}

/// One turn (`turns::build_turn`): its heading, number link, time, actions
/// and paragraphs.
fn turn(out: &mut String, t: &Transcript, turn: &Turn) {
    let n = turn.n;
    let unattributed = turn.speaker().is_none();
    let _ = write!(
        out,
        "<article class=\"turn{}\" id=\"t{n}\"><header class=\"turn-head\"><h2><bdi class=\"who\"",
        if unattributed { " unattributed" } else { "" }
    );
    if let Some(label) = t.label(turn) {
        out.push_str(" title=\"Written in the transcript as \u{201c}");
        escape(out, label);
        out.push_str("\u{201d}\"");
    }
    out.push('>');
    escape(out, view::speaker_name(t, turn));
    out.push_str("</bdi>");
    if unattributed {
        out.push_str("<span class=\"visually-hidden\"> (speaker not named)</span>");
    }
    let _ = write!(
        out,
        "</h2><a class=\"num\" href=\"#t{n}\" aria-label=\"Turn {n}, link\">#{n}</a>"
    );
    if let Some(ms) = t.start(turn) {
        let clock = time::clock(ms);
        let _ = write!(
            out,
            "<a class=\"at\" href=\"#t={clock}\"><time datetime=\"{}\">{clock}</time></a>",
            time::datetime(ms)
        );
    }
    out.push_str("<span class=\"actions\"><button type=\"button\" data-action=\"link\">Copy link</button><button type=\"button\" data-action=\"cite\">Copy citation</button><button type=\"button\" data-action=\"context\">Show in context</button></span></header>");
    let annotations = t.annotations(turn);
    for (p, text) in t.paragraphs(turn).iter().enumerate() {
        let _ = write!(out, "<p id=\"t{n}-p{}\">", p + 1);
        paragraph(out, text, annotations, p);
        out.push_str("</p>");
    }
    out.push_str("</article>");
}

/// A paragraph's content (`paragraph::fill`): its text, notes and uncertain
/// words, in chunks when it is long.
fn paragraph(out: &mut String, text: &str, annotations: &[Annotation], p: usize) {
    let chunked = view::in_chunks(text);
    let mut start = 0;
    loop {
        let (end, next) = view::chunk_at(text, start);
        if chunked {
            out.push_str("<span class=\"chunk\">");
        }
        let segments = view::segments_at_most(text, annotations, p, (start, end), view::MAX_SPANS);
        for segment in segments {
            write_segment(out, segment, true);
        }
        if chunked {
            out.push_str("</span>");
        }
        if next > end {
            out.push(' ');
        }
        if end >= text.len() || next <= start {
            return;
        }
        start = next;
    }
}

/// The sample's first screen in the viewer's `index.html`: where it starts
/// and ends (its root `<div>` closed), if it is there.
fn first_screen(template: &str) -> Option<(usize, usize)> {
    let start = ["<div class=\"floor first-screen\"", "<div class=floor"]
        .iter()
        .filter_map(|s| template.find(s))
        .min()?;
    let mut depth = 0usize;
    let mut at = start;
    loop {
        let rest = &template[at..];
        let open = rest.find("<div");
        let close = rest.find("</div>")?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                at += o + 4;
            }
            _ => {
                depth = depth.checked_sub(1)?;
                at += close + 6;
                if depth == 0 {
                    return Some((start, at));
                }
            }
        }
    }
}

/// The element `<tag …>` of `html` (its first), as a byte range.
fn tag(html: &str, tag: &str) -> Option<(usize, usize)> {
    let start = html.find(tag)?;
    let end = start + html[start..].find('>')? + 1;
    Some((start, end))
}

/// The session page of `t`: the viewer's built `index.html` (`template`)
/// with the transcript's title and description, `<html>` naming the
/// transcript the viewer loads (`source_href`, relative to the page:
/// [`TRANSCRIPT_ATTRIBUTE`]), and [`viewer_markup`] in place of the
/// sample's first screen (or at the start of `<body>` if the template has
/// none), `session.js` and `session.css` in place of `first-screen.js`.
/// With `archive_href`, a link back to the archive ("All sessions"), which
/// stays when the viewer takes over: after the transcript in the page (the
/// viewer's skip link stays the first link), at the top on screen, its
/// place kept from the first paint (`session.css`).
///
/// ```
/// let t = floor::read::parse_str("A <b> day\n\n>>CHAIR: Hi.");
/// let page = floor::render::session_page("<html><title>x</title><body></body></html>", &t, "a.txt", Some("../index.html"));
/// assert!(page.contains("<title>A &lt;b&gt; day — Floor</title>"));
/// assert!(page.contains(r#"data-floor-transcript="a.txt""#));
/// assert!(page.contains(r#"<a href="../index.html">All sessions</a>"#));
/// ```
pub fn session_page(
    template: &str,
    t: &Transcript,
    source_href: &str,
    archive_href: Option<&str>,
) -> String {
    let title = t.meta.title.as_deref().unwrap_or("Untitled transcript");
    let mut page = template.to_string();
    // The body: the transcript in place of the sample's first screen, and
    // no <noscript> saying JavaScript is needed (the page reads without).
    // (The archive link after the transcript, before the viewer: the
    // viewer's skip link stays the first link; session.css shows it first.)
    let mut body = viewer_markup(t);
    if let Some(href) = archive_href {
        body.push_str("<nav class=\"");
        body.push_str(ARCHIVE_LINK_CLASS);
        body.push_str("\" aria-label=\"Archive\"><a href=\"");
        escape(&mut body, href);
        body.push_str("\">All sessions</a></nav>");
    }
    let found = first_screen(&page);
    replace(&mut page, found, &body, &["<body"]);
    if let (Some(a), Some(b)) = (page.find("<noscript>"), page.find("</noscript>"))
        && a < b
    {
        page.replace_range(a..b + "</noscript>".len(), "");
    }
    // The head: session.js and session.css in place of first-screen.js.
    // (In the head: the transcript's text may say anything.)
    let head = &page[..page.find("<body").unwrap_or(0)];
    let script = head.find("first-screen.js").and_then(|at| {
        let a = head[..at].rfind("<script")?;
        let b = at + head[at..].find("</script>")? + "</script>".len();
        Some((a, b))
    });
    replace(&mut page, script, SESSION_HEAD, &["<head>", "<html"]);
    let mut title_tag = String::from("<title>");
    escape(&mut title_tag, title);
    title_tag.push_str(" — Floor</title>");
    let title_range = page.find("<title").and_then(|a| {
        let b = a + page[a..].find("</title>")? + "</title>".len();
        Some((a, b))
    });
    replace(&mut page, title_range, &title_tag, &["<head>", "<html"]);
    let description = format!(
        "<meta name=\"description\" content=\"{}\">",
        escaped(&description(t))
    );
    let meta = page.match_indices("<meta").map(|(a, _)| a).find_map(|a| {
        let (a, b) = tag(&page[a..], "<meta").map(|(x, y)| (a + x, a + y))?;
        page[a..b].contains("description").then_some((a, b))
    });
    replace(&mut page, meta, &description, &["</title>"]);
    let attribute = format!(" {TRANSCRIPT_ATTRIBUTE}=\"{}\"", escaped(source_href));
    match page.find("<html") {
        Some(at) => page.insert_str(at + "<html".len(), &attribute),
        None => page.insert_str(0, &format!("<html{attribute}>")),
    }
    page
}

/// Replaces `range` of `page` with `with`, or without one, puts it after the
/// first of the tags `or_after` found (at the start if none is).
fn replace(page: &mut String, range: Option<(usize, usize)>, with: &str, or_after: &[&str]) {
    match range {
        Some((a, b)) => page.replace_range(a..b, with),
        None => {
            let at = or_after
                .iter()
                .find_map(|s| tag(page, s).map(|(_, end)| end))
                .unwrap_or(0);
            page.insert_str(at, with);
        }
    }
}

/// The page's description: title, date and place, figures.
fn description(t: &Transcript) -> String {
    let title = t.meta.title.as_deref().unwrap_or("Untitled transcript");
    let mut out = format!("Transcript: {title}");
    if let Some(w) = view::when_where(t) {
        out.push_str(" (");
        out.push_str(&w);
        out.push(')');
    }
    out.push_str(". ");
    out.push_str(&view::figures(t));
    out.push('.');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../assets/sample.txt");

    #[test]
    fn every_turn_and_paragraph_has_its_id_in_its_group() {
        let t = crate::read::parse_str(SAMPLE);
        let html = viewer_markup(&t);
        assert!(t.turns.len() > GROUP, "the sample has more than a group");
        for turn in &t.turns {
            let id = format!("\" id=\"t{}\"><header class=\"turn-head\">", turn.n);
            assert_eq!(html.matches(&id).count(), 1, "{id}");
            for p in 1..=t.paragraphs(turn).len() {
                assert!(html.contains(&format!("<p id=\"t{}-p{p}\">", turn.n)));
            }
            assert!(!html.contains(&format!(
                "id=\"t{}-p{}\"",
                turn.n,
                t.paragraphs(turn).len() + 1
            )));
        }
        let groups = t.turns.len().div_ceil(GROUP);
        for g in 0..groups {
            assert!(html.contains(&format!("<div class=\"group\" id=\"g{}\">", g * GROUP + 1)));
        }
        assert_eq!(html.matches("<div class=\"group\"").count(), groups);
        // Balanced: what the page's parser will read as one element.
        assert_eq!(html.matches("<div").count(), html.matches("</div>").count());
        assert!(html.contains(&view::shown_status(&t)));
    }

    #[test]
    fn text_stays_text() {
        let t = crate::read::parse_str(
            "<b>Title</b> & \"co\"\n\n>>A<i>: x <script>alert('x')</script> [ <img src=x> ]\n\n>>\"B\": y",
        );
        let html = viewer_markup(&t);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
            "{html}"
        );
        let page = session_page(
            "<!doctype html><html lang=en><title>x</title><body><div class=\"floor first-screen\"><div></div></div></body></html>",
            &t,
            "a\"b.txt",
            Some("../\"index.html"),
        );
        assert!(!page.contains("<script>"), "{page}");
        assert!(
            page.contains("data-floor-transcript=\"a&quot;b.txt\""),
            "{page}"
        );
        assert!(page.contains("href=\"../&quot;index.html\""), "{page}");
    }

    #[test]
    fn the_page_replaces_the_first_screen_and_names_the_transcript() {
        let t = crate::read::parse_str(SAMPLE);
        let template = "<!doctype html><html data-floor-app lang=en><meta charset=utf-8><meta content=\"Floor: read.\" name=description><title>Floor — transcript viewer</title></head><body><noscript><p>Needs JS.</p></noscript><div class=\"floor first-screen\" aria-hidden=true inert><div><p>old</p></div><div></div></div></body></html>";
        let page = session_page(template, &t, "sample.txt", None);
        let title = t.meta.title.as_deref().unwrap();
        assert!(
            page.contains(&format!("<title>{title} — Floor</title>")),
            "{page}"
        );
        assert!(page.starts_with(
            "<!doctype html><html data-floor-transcript=\"sample.txt\" data-floor-app lang=en>"
        ));
        assert!(
            !page.contains("<p>old</p>") && !page.contains("inert") && !page.contains("noscript")
        );
        assert!(
            !page.contains("Floor: read.")
                && page.contains("<meta name=\"description\" content=\"Transcript: ")
        );
        assert!(page.contains(&viewer_markup(&t)));
        assert!(page.ends_with("</div></body></html>"));
        let template =
            template.replace("</title>", "</title><script src=first-screen.js></script>");
        let page = session_page(&template, &t, "sample.txt", None);
        assert!(page.contains(&format!("</title>{SESSION_HEAD}")), "{page}");
        assert!(!page.contains("first-screen.js"));
        assert!(!page.contains("All sessions"));
    }

    #[test]
    fn any_template_gives_a_page() {
        let t = crate::read::parse_str(">>A: Hi.");
        for template in [
            "",
            "<html",
            "<body>",
            "<div class=floor",
            "<div class=\"floor first-screen\"><div>",
            "<title>",
            "</div><meta",
        ] {
            let page = session_page(template, &t, "a.txt", Some("../"));
            assert!(
                page.contains("<p id=\"t1-p1\">Hi.</p>"),
                "{template}: {page}"
            );
            assert!(page.contains("All sessions"));
        }
    }

    #[test]
    fn long_paragraphs_come_in_chunks_with_the_same_text() {
        let long = "word ".repeat(view::CHUNKED / 4);
        let t = crate::read::parse_str(&format!(">>A: {long}"));
        let html = viewer_markup(&t);
        assert!(html.matches("<span class=\"chunk\">").count() >= 2);
        let p = &html[html.find("<p id=\"t1-p1\">").unwrap()..];
        let p = &p[..p.find("</p>").unwrap()];
        let text = p
            .replace("<span class=\"chunk\">", "")
            .replace("</span>", "");
        let turn = &t.turns[0];
        assert_eq!(
            text.trim_start_matches("<p id=\"t1-p1\">"),
            t.paragraph(turn, 0).unwrap()
        );
    }
}
