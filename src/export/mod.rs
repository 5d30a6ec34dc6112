//! Exports: a transcript, or some of its turns, written in a format that
//! Floor's own readers read back to the same turns, speakers and words.
//!
//! Core: pure Rust, no I/O, no browser crates. The CLI (`floor export`)
//! writes what [`export`] returns to a file or stdout; the viewer's
//! Download gets it from the readers' module (`floor-readers`' `export`).
//!
//! | [`Format`] | what | reads back as |
//! |---|---|---|
//! | `md` | Markdown: the header, then each turn's speaker in bold (`**Name:**`) and its paragraphs | `igf` |
//! | `txt` | plain text, IGF's convention: `>>Name: text` | `igf` |
//! | `json` | Floor's model, as `floor parse` prints it | `floor-json` |
//! | `vtt` | WebVTT: a cue per line of text, `<v Name>` voice tags | `webvtt` |
//! | `srt` | SubRip: a cue per line of text, `Name: ` where a turn starts | `srt` |
//! | `podcast-json` | Podcasting 2.0 JSON: `segments` with `speaker`, `startTime`, `endTime`, `body` | `podcast-json` |
//! | `podcast-html` | Podcasting 2.0 HTML: `<cite>`, `<time>`, `<p>` per segment | `podcast-html` |
//!
//! Which turns: all, one speaker's, or those a search matches
//! ([`Selection`]: the viewer's speaker filter and search, with the
//! viewer's own [`crate::search::Index`]).
//!
//! Text that a reader would misread is guarded ([`guard`]): a `>>` inside
//! a paragraph, a paragraph that starts like a speaker label or a dialogue
//! dash, something that looks like a tag or a timing line; captions and
//! HTML escape `<`, `>` and `&`. The guards insert an invisible U+2060 WORD
//! JOINER, which changes no word and no search.
//!
//! ```
//! use floor::export::{Format, Selection, export};
//! let t = floor::read::parse_str("Title\n\n>>CHAIR: Good morning.\n\n>>ANA SILVA: Hello.");
//! let md = export(&t, Format::Markdown, &Selection::All).unwrap();
//! assert_eq!(md, "Title\n=====\n\n**Chair:** Good morning.\n\n**Ana Silva:** Hello.\n");
//! let txt = export(&t, Format::Text, &Selection::Speaker("ana-silva".into())).unwrap();
//! assert_eq!(txt, "Title\n\n>>Ana Silva: Hello.\n");
//! // Captions need times: an IGF text has none.
//! let e = export(&t, Format::WebVtt, &Selection::All).unwrap_err();
//! assert_eq!(e.to_string(), "This transcript has no times, so it cannot be written as WebVTT captions: export it as Markdown, plain text, JSON or Podcasting 2.0 HTML, or add captions first to time it.");
//! ```

mod captions;
pub mod guard;
mod json;
mod markdown;
mod podcast;
mod text;
mod timing;

use crate::model::{Transcript, Turn};

/// The formats a transcript can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown (`md`).
    Markdown,
    /// Plain text (`txt`).
    Text,
    /// Floor's model as JSON (`json`).
    Json,
    /// WebVTT captions (`vtt`).
    WebVtt,
    /// SubRip captions (`srt`).
    Srt,
    /// Podcasting 2.0 transcript JSON (`podcast-json`).
    PodcastJson,
    /// Podcasting 2.0 transcript HTML (`podcast-html`).
    PodcastHtml,
}

impl Format {
    /// Every format, in the order of the CLI's usage.
    pub const ALL: [Format; 7] = [
        Format::Markdown,
        Format::Text,
        Format::Json,
        Format::WebVtt,
        Format::Srt,
        Format::PodcastJson,
        Format::PodcastHtml,
    ];

    /// The format named `name` (`md`, `txt`, `json`, `vtt`, `srt`,
    /// `podcast-json`, `podcast-html`; case does not matter).
    ///
    /// ```
    /// use floor::export::Format;
    /// assert_eq!(Format::parse("VTT"), Some(Format::WebVtt));
    /// assert_eq!(Format::parse("podcast-html"), Some(Format::PodcastHtml));
    /// assert_eq!(Format::parse("docx"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Format> {
        let name = name.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// Its name, as [`Format::parse`] takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Json => "json",
            Format::WebVtt => "vtt",
            Format::Srt => "srt",
            Format::PodcastJson => "podcast-json",
            Format::PodcastHtml => "podcast-html",
        }
    }

    /// The extension of a file in this format, without its dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Json | Format::PodcastJson => "json",
            Format::WebVtt => "vtt",
            Format::Srt => "srt",
            Format::PodcastHtml => "html",
        }
    }

    /// Its MIME type (what a download is labelled with; the podcast
    /// formats' are those the `podcast:transcript` tag names).
    pub fn mime(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Text => "text/plain; charset=utf-8",
            Format::Json | Format::PodcastJson => "application/json",
            Format::WebVtt => "text/vtt; charset=utf-8",
            Format::Srt => "application/x-subrip",
            Format::PodcastHtml => "text/html; charset=utf-8",
        }
    }

    /// What it is, in a few words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Text => "plain text",
            Format::Json => "Floor's JSON",
            Format::WebVtt => "WebVTT captions",
            Format::Srt => "SubRip (SRT) captions",
            Format::PodcastJson => "Podcasting 2.0 JSON",
            Format::PodcastHtml => "Podcasting 2.0 HTML",
        }
    }

    /// Whether it needs times: every cue and segment has a start and an
    /// end. An untimed transcript is refused ([`Error::Untimed`]); a
    /// transcript timed in part has its other turns' times spread between
    /// their neighbours'.
    pub fn needs_times(self) -> bool {
        matches!(self, Format::WebVtt | Format::Srt | Format::PodcastJson)
    }
}

/// Which turns to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// The whole transcript.
    All,
    /// The turns of the speaker with this id ([`crate::model::Speaker::id`]),
    /// as the viewer's speaker filter shows them.
    Speaker(String),
    /// The turns a search matches, as the viewer's search finds them
    /// ([`crate::search::Index::find`]), of one speaker (an id) if given.
    Query {
        /// The search, as typed.
        query: String,
        /// A speaker's id, when the speaker filter is on too.
        speaker: Option<String>,
    },
    /// These turns, by number (from 1); an empty list is every turn.
    Turns(Vec<u32>),
}

impl Selection {
    /// The numbers of the turns chosen, in order.
    ///
    /// ```
    /// use floor::export::Selection;
    /// let t = floor::read::parse_str(">>A: best practice\n\n>>B: other\n\n>>A: best of all");
    /// assert_eq!(Selection::Speaker("a".into()).turns(&t), Ok(vec![1, 3]));
    /// let q = Selection::Query { query: "best pr".into(), speaker: None };
    /// assert_eq!(q.turns(&t), Ok(vec![1]));
    /// assert!(Selection::Turns(vec![4]).turns(&t).is_err());
    /// ```
    pub fn turns(&self, t: &Transcript) -> Result<Vec<u32>, Error> {
        let known = |id: &str| {
            t.speaker(id)
                .map(|_| ())
                .ok_or_else(|| Error::NoSuchSpeaker(id.to_string()))
        };
        match self {
            Selection::All => Ok(t.turns.iter().map(|turn| turn.n).collect()),
            Selection::Turns(n) if n.is_empty() => Selection::All.turns(t),
            Selection::Turns(n) => {
                let mut n = n.clone();
                n.sort_unstable();
                n.dedup();
                match n.iter().find(|&&n| n == 0 || n as usize > t.turns.len()) {
                    Some(&bad) => Err(Error::NoSuchTurn(bad)),
                    None => Ok(n),
                }
            }
            Selection::Speaker(id) => {
                known(id)?;
                let of = |turn: &&Turn| t.speaker_id(turn) == Some(id.as_str());
                Ok(t.turns.iter().filter(of).map(|turn| turn.n).collect())
            }
            Selection::Query { query, speaker } => {
                if let Some(id) = speaker {
                    known(id)?;
                }
                let index = crate::search::Index::new(t);
                let query = crate::search::Query::parse(query);
                let mut hits = crate::search::Hits::default();
                Ok(index.find(&query, speaker.as_deref(), &mut hits).turns)
            }
        }
    }
}

/// The id of the speaker `name` names in `t`: an id, a display name or a
/// label, compared folded ([`crate::text::fold::key`]); ids first.
///
/// ```
/// let t = floor::read::parse_str(">>CHAIR ST. AMOUR: Hi.\n\n>>ANA: Hello.");
/// assert_eq!(floor::export::speaker_id(&t, "chair st amour"), Some("chair-st-amour"));
/// assert_eq!(floor::export::speaker_id(&t, "ana"), Some("ana"));
/// assert_eq!(floor::export::speaker_id(&t, "Ben"), None);
/// ```
pub fn speaker_id<'t>(t: &'t Transcript, name: &str) -> Option<&'t str> {
    let key = crate::text::fold::key(name);
    let by_id = t.speakers.iter().find(|s| s.id == name);
    let by_name = || {
        t.speakers
            .iter()
            .find(|s| crate::text::fold::key(&s.name) == key)
    };
    let by_label = || {
        t.speakers
            .iter()
            .find(|s| s.labels.iter().any(|l| crate::text::fold::key(l) == key))
    };
    by_id
        .or_else(by_name)
        .or_else(by_label)
        .map(|s| s.id.as_str())
}

/// Why a transcript cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The format needs times and no turn has one.
    Untimed(Format),
    /// A turn number that the transcript does not have.
    NoSuchTurn(u32),
    /// A speaker id that the transcript does not have.
    NoSuchSpeaker(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Untimed(format) => write!(
                f,
                "This transcript has no times, so it cannot be written as {}: export it as \
                 Markdown, plain text, JSON or Podcasting 2.0 HTML, or add captions first to \
                 time it.",
                format.describe()
            ),
            Error::NoSuchTurn(n) => write!(f, "This transcript has no turn {n}."),
            Error::NoSuchSpeaker(id) => write!(f, "This transcript has no speaker “{id}”."),
        }
    }
}

impl std::error::Error for Error {}

/// `t`'s turns that `selection` chooses, written in `format`.
pub fn export(t: &Transcript, format: Format, selection: &Selection) -> Result<String, Error> {
    let turns = selection.turns(t)?;
    export_turns(t, format, &turns)
}

/// `t`'s turns numbered `turns` (from 1; in the transcript's order, each
/// once, whatever the list's), written in `format`. The header (title,
/// date, place) goes with any selection.
pub fn export_turns(t: &Transcript, format: Format, turns: &[u32]) -> Result<String, Error> {
    let mut numbers = turns.to_vec();
    numbers.sort_unstable();
    numbers.dedup();
    let mut chosen: Vec<&Turn> = Vec::with_capacity(numbers.len());
    for n in numbers {
        let turn = (n as usize)
            .checked_sub(1)
            .and_then(|i| t.turns.get(i))
            .ok_or(Error::NoSuchTurn(n))?;
        chosen.push(turn);
    }
    if format.needs_times() && !t.is_timed() {
        return Err(Error::Untimed(format));
    }
    Ok(match format {
        Format::Markdown => markdown::write(t, &chosen),
        Format::Text => text::write(t, &chosen),
        Format::Json => json::write(t, &chosen),
        Format::WebVtt => captions::write(t, &chosen, captions::Dialect::WebVtt),
        Format::Srt => captions::write(t, &chosen, captions::Dialect::Srt),
        Format::PodcastJson => podcast::json(t, &chosen),
        Format::PodcastHtml => podcast::html(t, &chosen),
    })
}

/// The name a turn is exported under: its speaker's display name, or
/// `None` for an unattributed turn.
fn name_of<'t>(t: &'t Transcript, turn: &Turn) -> Option<&'t str> {
    t.speaker_of(turn).map(|s| s.name.as_str())
}

/// The header lines of `t` worth a reader's eye, in the order an IGF text
/// has them: title, disclaimer, date, place, the rest.
fn header(t: &Transcript) -> Vec<&str> {
    let m = &t.meta;
    let date = m.date_text.as_deref().or(m.date.as_deref());
    [
        m.title.as_deref(),
        m.disclaimer.as_deref(),
        date,
        m.location.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(m.other.iter().map(String::as_str))
    .filter(|l| !l.trim().is_empty())
    .collect()
}
