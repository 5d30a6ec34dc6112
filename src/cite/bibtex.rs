//! BibTeX: a `@misc` entry (Oren Patashnik, "BibTeXing", 1988: `misc`
//! takes `author`, `title`, `howpublished`, `month`, `year` and `note`),
//! with biblatex's `date`, `address` (its `location`), `url` and `urldate`
//! (biblatex manual, 2.1–2.2), which BibTeX's styles leave out.
//!
//! - `author`: a person as `von Last, Jr, First` (`van der Berg, Anna`;
//!   `King, Jr., Martin Luther`); a role or group in braces, one name
//!   never split (`{Chair St. Amour}`); none for an unattributed turn.
//! - `title` in an extra pair of braces: its capitals kept as written.
//! - `howpublished`: what it is and who held it (`Meeting transcript,
//!   Internet Governance Forum`); `address`: the place.
//! - `month` as BibTeX's macro (`apr`), `year`, and `date` (ISO) for biblatex.
//! - `note`: the turn, its time, and the quote in curly quotation marks.
//! - Text is UTF-8 (biber and BibTeX 8-bit versions read it); `{ } % & $ #
//!   _ ~ ^ \` are escaped (`\&`, `\textasciitilde{}`, …). A URL is kept
//!   as it is but for braces, backslashes and spaces, percent-encoded.
//! - The key: the family name, year and turn in ASCII (`doria2016t37`).
//!
//! ```
//! use floor::cite::{cite, Cited, Style};
//! let c = Cited {
//!     speaker: Some("Avri Doria".into()),
//!     title: Some("IGF 2016 MAG Meeting".into()),
//!     genre: "Meeting transcript".into(),
//!     publisher: Some("Internet Governance Forum".into()),
//!     date: Some("2016-04-06".into()),
//!     place: Some("Geneva, Switzerland".into()),
//!     turn: 37,
//!     start: Some(754_300),
//!     url: "https://example.org/#t37".into(),
//!     accessed: Some("2026-11-28".into()),
//!     ..Cited::default()
//! };
//! assert_eq!(cite(&c, Style::Bibtex), "\
//! @misc{doria2016t37,
//!   author = {Doria, Avri},
//!   title = {{IGF 2016 MAG Meeting}},
//!   howpublished = {Meeting transcript, Internet Governance Forum},
//!   address = {Geneva, Switzerland},
//!   year = {2016},
//!   month = apr,
//!   date = {2016-04-06},
//!   url = {https://example.org/#t37},
//!   urldate = {2026-11-28},
//!   note = {Turn 37 at 12:34},
//! }");
//! ```

use super::{Cited, Name, date_parts};

/// BibTeX's month macros, January first.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

pub(super) fn cite(c: &Cited) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let author = c.author();
    match &author {
        Some(Name::Person {
            given,
            particle,
            family,
            suffix,
        }) => {
            let last = [particle.as_str(), family]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let name = [last.as_str(), suffix, given]
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| escape(p))
                .collect::<Vec<_>>()
                .join(", ");
            fields.push(("author", braced(&name)));
        }
        Some(Name::AsWritten(name)) => fields.push(("author", braced(&braced(&escape(name))))),
        None => {}
    }
    if let Some(title) = &c.title {
        fields.push(("title", braced(&braced(&escape(title)))));
    }
    let howpublished: Vec<&str> = [Some(&c.genre), c.publisher.as_ref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .map(String::as_str)
        .collect();
    if !howpublished.is_empty() {
        fields.push(("howpublished", braced(&escape(&howpublished.join(", ")))));
    }
    if let Some(place) = &c.place {
        fields.push(("address", braced(&escape(place))));
    }
    let date = c.date.as_deref().and_then(date_parts);
    if let Some((y, m, _)) = date {
        fields.push(("year", braced(&y.to_string())));
        if let Some(m) = m {
            fields.push(("month", MONTHS[m as usize - 1].to_string()));
        }
    }
    if let (Some(_), Some(iso)) = (date, &c.date) {
        fields.push(("date", braced(iso)));
    }
    if !c.url.is_empty() {
        fields.push(("url", braced(&url(&c.url))));
    }
    if let Some(accessed) = c.accessed.as_deref().filter(|a| date_parts(a).is_some()) {
        fields.push(("urldate", braced(accessed)));
    }
    if let Some(note) = super::note(c) {
        fields.push(("note", braced(&escape(&note))));
    }
    let mut out = format!("@misc{{{},\n", super::key(c));
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {value},\n"));
    }
    out.push('}');
    out
}

fn braced(s: &str) -> String {
    format!("{{{s}}}")
}

/// Text with BibTeX's and LaTeX's special characters escaped.
///
/// ```text
/// R&D 100% {x} $5 #1 a_b ~ ^ \  →  R\&D 100\% \{x\} \$5 \#1 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{}
/// ```
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL for a `url` field (verbatim in biblatex, `\url` in natbib): as it
/// is, but for what would unbalance the field or break it, percent-encoded.
fn url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}
