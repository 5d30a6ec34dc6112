//! Citations of a turn or a quote, in the formats researchers paste into
//! their work: plain text (the viewer's "Copy citation" of old), APA 7,
//! Chicago (notes and bibliography, 17th ed.), MLA 9, BibTeX and CSL-JSON
//! (for Zotero and other reference managers).
//!
//! [`Cited`] is what a citation says, taken once from a transcript
//! ([`Cited::of`]) or written by hand; [`cite`] writes it in a [`Style`].
//! Each style has a file of its own, which names the rules it follows
//! and shows a worked example.
//!
//! What every style shares:
//!
//! - **The speaker is the author.** A label that reads as a person's full
//!   name (two words or more once leading role words and honorifics are
//!   left out: `Chair Avri Doria` → Avri Doria) is inverted where the style
//!   inverts names (`Doria, A.`; `Doria, Avri`; BibTeX `Doria, Avri`; CSL
//!   `family` / `given`), with particles (`van`, `de`, `St.`) kept with the
//!   family name and a suffix (`Jr.`, `III`) kept apart. A role (`Moderator`,
//!   `Audience`, `Speaker 2`) or a name that is one word once roles are left
//!   out (`Chair St. Amour`) is written as it is (BibTeX `{…}`, CSL
//!   `literal`). An unattributed turn has no author: each style's rule for a
//!   work without one (the title first).
//! - **The title** is the transcript's, as written: Floor cannot tell proper
//!   nouns apart to put a title in sentence case (APA) or title case.
//! - **The publisher** (APA's source, MLA's container, Chicago's sponsor,
//!   CSL's `event-title`) is the Internet Governance Forum when the title or
//!   the place says IGF, else left out.
//! - **The time** (when the recording's time of the turn is known) and
//!   **the quote** go where each style puts a locator: APA and MLA an
//!   in-text citation on the line above the reference, Chicago a full note
//!   in place of the bibliography entry, BibTeX and CSL-JSON the `note`.
//! - **Plain text**: no italics (APA's and MLA's italic titles are plain);
//!   curly quotation marks. Directional formatting characters are left out
//!   of every field (an unclosed one would reorder what the citation is
//!   pasted into).

mod apa;
mod bibtex;
mod chicago;
mod csl;
mod mla;
mod name;
mod plain;

pub use name::Name;

use crate::model::Transcript;
use crate::text::without_bidi_controls;

/// A citation format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// One line: speaker, title, date, turn and time, link.
    Plain,
    /// APA 7th edition: reference list entry (and in-text citation).
    Apa,
    /// Chicago 17th edition, notes and bibliography.
    Chicago,
    /// MLA 9th edition: works-cited entry (and in-text citation).
    Mla,
    /// A BibTeX `@misc` entry (biblatex's `date` and `urldate` too).
    Bibtex,
    /// CSL-JSON: an array of one `speech` item.
    CslJson,
}

impl Style {
    /// Every style, in the order a menu shows them.
    pub const ALL: [Style; 6] = [
        Style::Plain,
        Style::Apa,
        Style::Chicago,
        Style::Mla,
        Style::Bibtex,
        Style::CslJson,
    ];

    /// The style a name gives (`plain`, `apa`, `chicago`, `mla`, `bibtex`,
    /// `csl-json`; any case).
    ///
    /// ```
    /// use floor::cite::Style;
    /// assert_eq!(Style::parse("CSL-JSON"), Some(Style::CslJson));
    /// assert_eq!(Style::parse("harvard"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Style> {
        Style::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The style's name as [`Style::parse`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            Style::Plain => "plain",
            Style::Apa => "apa",
            Style::Chicago => "chicago",
            Style::Mla => "mla",
            Style::Bibtex => "bibtex",
            Style::CslJson => "csl-json",
        }
    }

    /// The style's label for a menu: `APA 7`, `Chicago`, `MLA 9`, …
    pub fn label(self) -> &'static str {
        match self {
            Style::Plain => "Plain text",
            Style::Apa => "APA 7",
            Style::Chicago => "Chicago",
            Style::Mla => "MLA 9",
            Style::Bibtex => "BibTeX",
            Style::CslJson => "CSL-JSON",
        }
    }
}

/// What a citation says: plain data, taken from a transcript by
/// [`Cited::of`] or written by hand. Dates are ISO: `YYYY-MM-DD`, or
/// `YYYY-MM` or `YYYY` when that is all that is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cited {
    /// The speaker's display name; `None` for an unattributed turn.
    pub speaker: Option<String>,
    /// Whether the speaker is a role (`Moderator`, `Audience`), not a
    /// person: the name is then written as it is, never inverted.
    pub role: bool,
    /// The transcript's title.
    pub title: Option<String>,
    /// What the work is: `Meeting transcript` for an IGF transcript,
    /// `Transcript` for others (APA's bracketed description, Chicago's and
    /// MLA's, CSL's `genre`).
    pub genre: String,
    /// The organisation behind the meeting: `Internet Governance Forum`
    /// when the title or place says IGF.
    pub publisher: Option<String>,
    /// The meeting's date (ISO).
    pub date: Option<String>,
    /// The meeting's place: `Geneva, Switzerland`.
    pub place: Option<String>,
    /// The turn's number (0: the transcript as a whole, no turn).
    pub turn: u32,
    /// Where the turn starts in the recording, in milliseconds.
    pub start: Option<u32>,
    /// The words quoted, if any.
    pub quote: Option<String>,
    /// The link to the turn (or the transcript); may be empty.
    pub url: String,
    /// When the link was read (ISO).
    pub accessed: Option<String>,
}

/// The organisation named as publisher of IGF transcripts.
pub const IGF: &str = "Internet Governance Forum";

impl Cited {
    /// What citing turn `turn` of `t` says, with the words `quote` (if any),
    /// the link `url` and the date it was read `accessed` (ISO
    /// `YYYY-MM-DD`; empty: not said).
    ///
    /// ```
    /// let t = floor::read::parse_str(
    ///     "IGF 2016 MAG Meeting\n\n6 April 2016\n\nGeneva, Switzerland\n\n>>AVRI DORIA: Hello.",
    /// );
    /// let c = floor::cite::Cited::of(&t, 1, None, "https://h/#t1", "2026-11-28");
    /// assert_eq!(c.speaker.as_deref(), Some("Avri Doria"));
    /// assert_eq!(c.publisher.as_deref(), Some("Internet Governance Forum"));
    /// assert_eq!(c.genre, "Meeting transcript");
    /// assert_eq!((c.date.as_deref(), c.place.as_deref()), (Some("2016-04-06"), Some("Geneva, Switzerland")));
    /// ```
    pub fn of(
        t: &Transcript,
        turn: u32,
        quote: Option<String>,
        url: &str,
        accessed: &str,
    ) -> Cited {
        let found = t.turns.get((turn as usize).wrapping_sub(1));
        let speaker = found.and_then(|found| t.speaker_of(found));
        let title = t.meta.title.clone();
        let place = t.meta.location.clone();
        let igf = [&title, &place].into_iter().flatten().any(|s| says_igf(s));
        Cited {
            speaker: speaker.map(|s| s.name.clone()),
            role: speaker.is_some_and(|s| crate::resolve::speakers::is_role(&s.name)),
            title,
            genre: if t.meta.format == "igf" {
                "Meeting transcript"
            } else {
                "Transcript"
            }
            .into(),
            publisher: igf.then(|| IGF.to_string()),
            date: t.meta.date.clone(),
            place,
            turn,
            start: found.and_then(|found| t.start(found)),
            quote: quote.filter(|q| !q.trim().is_empty()),
            url: url.to_string(),
            accessed: Some(accessed.trim())
                .filter(|a| !a.is_empty())
                .map(str::to_string),
        }
    }

    /// The same, every text without directional formatting characters and
    /// with its spaces trimmed; empty texts as not given.
    fn clean(&self) -> Cited {
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(|s| without_bidi_controls(s).trim().to_string())
                .filter(|s| !s.is_empty())
        };
        Cited {
            speaker: text(&self.speaker),
            role: self.role,
            title: text(&self.title),
            genre: without_bidi_controls(self.genre.trim()),
            publisher: text(&self.publisher),
            date: text(&self.date),
            place: text(&self.place),
            turn: self.turn,
            start: self.start,
            quote: text(&self.quote),
            url: without_bidi_controls(self.url.trim()),
            accessed: text(&self.accessed),
        }
    }

    /// The speaker as a name to write: a person's, one written as it is,
    /// or none.
    pub fn author(&self) -> Option<Name> {
        let speaker = self.speaker.as_deref()?;
        Some(if self.role {
            Name::AsWritten(speaker.to_string())
        } else {
            Name::read(speaker)
        })
    }
}

/// Whether `s` names the IGF: the word `IGF` (`IGF 2016`, `IGF2019`) or
/// `Internet Governance Forum`, in any case.
fn says_igf(s: &str) -> bool {
    let key = crate::text::fold::key(s);
    key.contains("internet governance forum")
        || key.split(' ').any(|w| {
            w.strip_prefix("igf")
                .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// `c` in `style`. Lines are separated by `\n`; nothing ends with one.
///
/// ```
/// use floor::cite::{cite, Cited, Style};
/// let c = Cited {
///     speaker: Some("Avri Doria".into()),
///     title: Some("IGF 2016 MAG Meeting".into()),
///     genre: "Meeting transcript".into(),
///     publisher: Some("Internet Governance Forum".into()),
///     date: Some("2016-04-06".into()),
///     place: Some("Geneva, Switzerland".into()),
///     turn: 37,
///     url: "https://example.org/#t37".into(),
///     ..Cited::default()
/// };
/// assert_eq!(
///     cite(&c, Style::Apa),
///     "Doria, A. (2016, April 6). IGF 2016 MAG Meeting [Meeting transcript]. \
///      Internet Governance Forum, Geneva, Switzerland. https://example.org/#t37",
/// );
/// ```
pub fn cite(c: &Cited, style: Style) -> String {
    let c = c.clean();
    match style {
        Style::Plain => plain::cite(&c),
        Style::Apa => apa::cite(&c),
        Style::Chicago => chicago::cite(&c),
        Style::Mla => mla::cite(&c),
        Style::Bibtex => bibtex::cite(&c),
        Style::CslJson => csl::cite(&c),
    }
}

/// A date's parts: year, and month and day when given. `None` for what is
/// not an ISO date.
pub(crate) fn date_parts(iso: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let mut parts = iso.split('-');
    let number = |p: Option<&str>, digits: usize| {
        p.filter(|p| p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let year = number(parts.next(), 4)?;
    let month = match parts.next() {
        None => None,
        p => Some(number(p, 2).filter(|m| (1..=12).contains(m))?),
    };
    let day = match parts.next() {
        None => None,
        p => Some(number(p, 2).filter(|d| (1..=31).contains(d))?),
    };
    if parts.next().is_some() || (day.is_some() && month.is_none()) {
        return None;
    }
    Some((year, month, day))
}

/// A key for the entry (BibTeX's key, CSL's id): the family name (or the
/// name's first word, or `transcript`) in ASCII letters and digits, the
/// year and the turn: `doria2016t37`.
pub(crate) fn key(c: &Cited) -> String {
    let word = match c.author() {
        Some(Name::Person { family, .. }) => family,
        Some(Name::AsWritten(name)) => name.split_whitespace().next().unwrap_or("").to_string(),
        None => String::new(),
    };
    let mut key: String = crate::text::fold::key(&word)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if key.is_empty() {
        key = "transcript".into();
    }
    if let Some((y, _, _)) = c.date.as_deref().and_then(date_parts) {
        key.push_str(&y.to_string());
    }
    if c.turn > 0 {
        key.push_str(&format!("t{}", c.turn));
    }
    key
}

pub(crate) use crate::text::MONTHS;

/// A date as `April 6, 2016` (`April 2016`, `2016`); an unreadable one as
/// written.
pub(crate) fn month_day_year(iso: &str) -> String {
    match date_parts(iso) {
        Some((y, Some(m), Some(d))) => format!("{} {d}, {y}", MONTHS[m as usize - 1]),
        Some((y, Some(m), None)) => format!("{} {y}", MONTHS[m as usize - 1]),
        Some((y, None, _)) => y.to_string(),
        None => iso.to_string(),
    }
}

/// `text` followed by `end`, unless it already ends with a mark that closes
/// a sentence (`?`, `!`, `.`): `“Why?”`, not `“Why?.”`.
pub(crate) fn closed(text: &str, end: char) -> String {
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}{end}")
    }
}

/// `text` between curly double quotation marks, with a sentence mark
/// `end` inside them (American usage, as APA, Chicago and MLA ask).
pub(crate) fn quoted(text: &str, end: Option<char>) -> String {
    match end {
        Some(end) => format!("\u{201c}{}\u{201d}", closed(text, end)),
        None => format!("\u{201c}{text}\u{201d}"),
    }
}

/// The note BibTeX and CSL-JSON carry (reference managers show it): the
/// turn and its time in the recording, then the quoted words, as
/// `Turn 37 at 12:34: “…”`; `None` when there is none of them.
pub(crate) fn note(c: &Cited) -> Option<String> {
    let mut note = Vec::new();
    match (c.turn, c.start) {
        (0, Some(ms)) => note.push(format!("At {}", crate::link::time::clock(ms))),
        (0, None) => {}
        (n, Some(ms)) => note.push(format!("Turn {n} at {}", crate::link::time::clock(ms))),
        (n, None) => note.push(format!("Turn {n}")),
    }
    if let Some(quote) = &c.quote {
        note.push(quoted(quote, None));
    }
    (!note.is_empty()).then(|| note.join(": "))
}
