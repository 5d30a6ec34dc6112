//! The archive page (`SITE/index.html`): every session by date, grouped by
//! year, newest first, as plain HTML that works without JavaScript; the
//! index's entry in a JSON data block; the search form, the filters, and
//! the places `archive.js` writes results and counts into.

use std::fmt::Write;

use super::build::Entry;
use super::{Listing, SpeakerEntry};
use crate::render::escape;
use crate::view::{counted, thousands};

/// Speakers named in a row before "and N more".
const ROW_SPEAKERS: usize = 4;

/// The id of the index's entry (a `<script type="application/json">`).
pub const ENTRY_ID: &str = "floor-archive-index";

/// An ISO date as written for readers: `2016-04-06` → `6 April 2016`;
/// anything else as it is.
pub(crate) fn date_text(iso: &str) -> String {
    use crate::text::MONTHS;
    let parts: Vec<&str> = iso.split('-').collect();
    match parts[..] {
        [y, m, d] => match (m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// `s` as a JSON string, `<` written `\u003c` so that no `</script>` can
/// end the data block.
fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The entry as JSON: `{"version":1,"sessions":N,"shards":[[first,name]…],
/// "fragments":[[[turn,name]…]…]}`.
fn entry_json(entry: &Entry) -> String {
    let mut out = String::from("{\"version\":1,");
    let _ = write!(out, "\"sessions\":{},\"shards\":[", entry.fragments.len());
    for (i, (first, name)) in entry.shards.iter().enumerate() {
        out.push_str(if i > 0 { ",[" } else { "[" });
        json_str(&mut out, first);
        out.push(',');
        json_str(&mut out, name);
        out.push(']');
    }
    out.push_str("],\"fragments\":[");
    for (i, list) in entry.fragments.iter().enumerate() {
        out.push_str(if i > 0 { ",[" } else { "[" });
        for (j, (turn, name)) in list.iter().enumerate() {
            let _ = write!(out, "{}[{turn},", if j > 0 { "," } else { "" });
            json_str(&mut out, name);
            out.push(']');
        }
        out.push(']');
    }
    out.push_str("]}");
    out
}

/// The archive page.
pub(crate) fn page(
    listings: &[&Listing],
    speakers: &[SpeakerEntry],
    assets: &str,
    entry: &Entry,
) -> String {
    let mut out = String::with_capacity(600 * listings.len() + 8192);
    let a = |out: &mut String, s: &str| escape(out, s);
    let words: u64 = listings.iter().map(|l| l.session.words).sum();
    let turns: usize = listings.iter().map(|l| l.session.turn_count()).sum();
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>Transcripts</title>\n");
    for (rel, file) in [
        ("icon", "favicon.svg"),
        ("stylesheet", "floor.css"),
        ("stylesheet", "archive.css"),
    ] {
        out.push_str("<link rel=\"");
        out.push_str(rel);
        out.push_str("\" href=\"");
        a(&mut out, assets);
        out.push_str(file);
        out.push_str("\">\n");
    }
    let _ = write!(out, "<script type=\"application/json\" id=\"{ENTRY_ID}\">");
    out.push_str(&entry_json(entry));
    out.push_str("</script>\n<script type=\"module\" src=\"");
    a(&mut out, assets);
    out.push_str("archive.js\"></script>\n</head>\n<body class=\"floor archive\">\n");
    out.push_str("<a class=\"skip\" href=\"#archive-list\">Skip to the sessions</a>\n");
    out.push_str("<header class=\"archive-head\">\n<h1>Transcripts</h1>\n<p>");
    let _ = write!(
        out,
        "{} session{} · {} turn{} · {} word{}",
        thousands(listings.len()),
        if listings.len() == 1 { "" } else { "s" },
        thousands(turns),
        if turns == 1 { "" } else { "s" },
        thousands(words as usize),
        if words == 1 { "" } else { "s" }
    );
    out.push_str("</p>\n</header>\n<main>\n");
    // The search.
    out.push_str(
        "<form role=\"search\" class=\"archive-search\" id=\"archive-search\">\n\
         <label for=\"archive-q\">Search all transcripts</label>\n\
         <div class=\"archive-field\"><input id=\"archive-q\" name=\"q\" type=\"search\" \
         autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"archive-hint\">\
         <button class=\"button\" type=\"submit\">Search</button></div>\n\
         <p id=\"archive-hint\" class=\"archive-hint\">Words, the last one as you type it; \
         \"quoted phrases\" exactly.</p>\n</form>\n\
         <p id=\"archive-count\" class=\"archive-count\" role=\"status\" aria-live=\"polite\"></p>\n\
         <div id=\"archive-alert\" class=\"alert\" role=\"alert\" hidden></div>\n\
         <section id=\"archive-results\" class=\"archive-results\" aria-label=\"Search results\" hidden></section>\n",
    );
    // The filters: years (anchors without JavaScript), a speaker.
    let mut years: Vec<(&str, usize)> = Vec::new();
    for l in listings {
        let y = year(&l.session.date);
        match years.last_mut() {
            Some((last, n)) if *last == y => *n += 1,
            _ => years.push((y, 1)),
        }
    }
    out.push_str("<nav class=\"archive-filters\" aria-label=\"Filter the sessions\">\n<h2 class=\"visually-hidden\">Filters</h2>\n<ul class=\"archive-years\">\n");
    for (y, n) in &years {
        let label = if y.is_empty() { "Undated" } else { y };
        let id = if y.is_empty() { "undated" } else { y };
        let _ = writeln!(
            out,
            "<li><a href=\"?year={id}#y{id}\" data-year=\"{id}\">{label}</a> <span class=\"archive-n\">({n})</span></li>"
        );
    }
    out.push_str(
        "</ul>\n<div class=\"archive-speaker\" id=\"archive-speaker-filter\" hidden>\
         <label for=\"archive-speaker\">Speaker</label> \
         <input id=\"archive-speaker\" type=\"search\" list=\"archive-speakers\" autocomplete=\"off\">\
         <datalist id=\"archive-speakers\"></datalist></div>\n\
         <p id=\"archive-filtered\" class=\"archive-filtered\" hidden></p>\n</nav>\n",
    );
    // The sessions.
    out.push_str("<div id=\"archive-list\" class=\"archive-list\">\n");
    let mut s = 0;
    for (y, _) in &years {
        let id = if y.is_empty() { "undated" } else { y };
        let label = if y.is_empty() { "Undated" } else { y };
        let group: Vec<&&Listing> = listings[s..]
            .iter()
            .take_while(|l| year(&l.session.date) == *y)
            .collect();
        let _ = write!(
            out,
            "<section class=\"archive-year\" id=\"y{id}\" data-year=\"{id}\" aria-labelledby=\"h{id}\">\n<h2 id=\"h{id}\">{label} <span class=\"archive-n\">{}</span></h2>\n<ol class=\"archive-sessions\">\n",
            counted(group.len(), "session")
        );
        for l in group {
            row(&mut out, s, l, speakers);
            s += 1;
        }
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("</div>\n</main>\n</body>\n</html>\n");
    out
}

/// The year of an ISO date (empty for none).
fn year(date: &str) -> &str {
    date.get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or("")
}

/// Writes a session's date (a `<time>`, as [`date_text`] writes it) and
/// place, `·` between them, as the archive lists sessions (its rows, and
/// the speakers' pages); whether it wrote anything.
pub(crate) fn when(out: &mut String, date: &str, place: &str) -> bool {
    if !date.is_empty() {
        out.push_str("<time datetime=\"");
        escape(out, date);
        out.push_str("\">");
        escape(out, &date_text(date));
        out.push_str("</time>");
    }
    if !date.is_empty() && !place.is_empty() {
        out.push_str(" · ");
    }
    escape(out, place);
    !date.is_empty() || !place.is_empty()
}

/// One session's row.
fn row(out: &mut String, s: usize, l: &Listing, speakers: &[SpeakerEntry]) {
    let session = l.session;
    let ids: Vec<String> = l.speakers.iter().flatten().map(u32::to_string).collect();
    let _ = write!(
        out,
        "<li id=\"s{s}\" data-sp=\"{}\">\n<h3><a href=\"",
        ids.join(" ")
    );
    escape(out, l.page);
    out.push_str("\">");
    let title = if session.title.is_empty() {
        l.page
    } else {
        &session.title
    };
    escape(out, title);
    out.push_str("</a></h3>\n<p class=\"archive-meta\">");
    if when(out, &session.date, &session.place) {
        out.push_str(" · ");
    }
    let stats = session.stats();
    let _ = writeln!(
        out,
        "{} · {} word{} · about {} min to read</p>",
        counted(stats.turns, "turn"),
        thousands(stats.words),
        if stats.words == 1 { "" } else { "s" },
        stats.minutes
    );
    if !session.speakers.is_empty() {
        out.push_str("<p class=\"archive-who\">");
        for (i, name) in session.speakers.iter().take(ROW_SPEAKERS).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match l
                .speakers
                .get(i)
                .copied()
                .flatten()
                .and_then(|a| speakers.get(a as usize))
            {
                Some(entry) => {
                    out.push_str("<a href=\"");
                    escape(out, &entry.page);
                    out.push_str("\">");
                    escape(out, &entry.name);
                    out.push_str("</a>");
                }
                None => escape(out, name),
            }
        }
        let more = session.speakers.len().saturating_sub(ROW_SPEAKERS);
        if more > 0 {
            let _ = write!(out, " and {more} more");
        }
        out.push_str("</p>\n");
    }
    out.push_str("</li>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numbers_read_as_the_viewer_writes_them() {
        assert_eq!(date_text("2016-04-06"), "6 April 2016");
        assert_eq!(date_text("2016-13-06"), "2016-13-06");
        assert_eq!(thousands(1234567), "1,234,567");
        let mut s = String::new();
        json_str(&mut s, "a\"</script>\n");
        assert_eq!(s, "\"a\\\"\\u003c/script>\\u000a\"");
    }
}
