//! The transcript model: owned, serialisable data and nothing else.
//!
//! Field names are a public contract: the CLI prints them as JSON and the JS
//! API returns them as plain objects.

use serde::Serialize;

/// A parsed transcript: its header, its speakers, its turns, and what the
/// parser noticed on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Transcript {
    /// What the header (the text before the first turn) says.
    pub meta: Meta,
    /// One entry per person or role, after merging labels, in order of first
    /// appearance.
    pub speakers: Vec<Speaker>,
    /// The turns, in order, numbered from 1.
    pub turns: Vec<Turn>,
    /// What the parser noticed and how it resolved it.
    pub diagnostics: Vec<Diagnostic>,
}

/// The transcript's header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// The title line, e.g. `IGF 2016 First Open Consultations and MAG Meeting April 6`.
    pub title: Option<String>,
    /// The captioning disclaimer paragraph, as written.
    pub disclaimer: Option<String>,
    /// The meeting date as ISO `YYYY-MM-DD`, when one is found.
    pub date: Option<String>,
    /// The date line as written, e.g. `6 April 2016` or ` 12 JUNE 2017 15:00`, trimmed.
    pub date_text: Option<String>,
    /// The time of day as `HH:MM` (24-hour), when the date line gives one.
    pub time: Option<String>,
    /// The place, e.g. `Geneva, Switzerland`.
    pub location: Option<String>,
    /// Every other header paragraph, as written, in order.
    pub other: Vec<String>,
}

/// A person or role who speaks in the transcript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// A stable slug from the display name, unique in the transcript: `chair-st-amour`.
    pub id: String,
    /// The display name: `Chair St. Amour`.
    pub name: String,
    /// Every label that names this speaker, as written in the file, in order of
    /// first appearance.
    pub labels: Vec<String>,
    /// How many turns this speaker has.
    pub turns: usize,
}

/// One turn: what one speaker (or an unattributed voice) said until the next marker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Turn {
    /// The turn number, from 1.
    pub n: u32,
    /// The speaker's [`Speaker::id`], or `None` for an unattributed `>>` turn.
    pub speaker: Option<String>,
    /// The speaker label as written (without `>>` and the colon), or `None`.
    pub label: Option<String>,
    /// The text of each paragraph as written (lines of a wrapped paragraph
    /// joined by one space, ends trimmed), annotations left in place.
    pub paragraphs: Vec<String>,
    /// The captioner's annotations found in the paragraphs.
    pub annotations: Vec<Annotation>,
    /// The turn's byte range `[start, end)` in the decoded source text.
    pub range: [usize; 2],
    /// The 1-based line of the decoded source text the turn starts on.
    pub line: usize,
}

/// A captioner's note inside the text: `[ Applause ]`, `(indiscernible)`, …
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// Index of the paragraph in [`Turn::paragraphs`] (from 0).
    pub paragraph: usize,
    /// Byte range `[start, end)` of the annotation, brackets included, in that paragraph.
    pub range: [usize; 2],
    /// What it notes, lower case, without brackets or final full stop:
    /// `applause`, `indiscernible`, `audio cut out`, `off microphone`, `phonetic`, …
    pub kind: String,
    /// For `(phonetic)`: the byte range in the paragraph of the word it marks as a guess.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word: Option<[usize; 2]>,
}

/// Something the parser noticed, and how it resolved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The 1-based line in the decoded source text where it applies (0 for the whole file).
    pub line: usize,
    /// What kind of thing it is.
    pub kind: DiagnosticKind,
    /// What happened, in plain words.
    pub message: String,
    /// Text that the parser dropped (a page wrapper, a PHP warning), so that no
    /// word of the source is lost without a trace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped: Option<String>,
    /// The speaker label it is about, as written (a merge, which a reader
    /// can undo by naming this label).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The kinds of [`Diagnostic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// The bytes were not valid UTF-8 and were read as Windows-1252.
    EncodingFallback,
    /// The bytes were UTF-16 (with a byte-order mark) and were decoded as such.
    Utf16,
    /// Invalid sequences were replaced with U+FFFD.
    InvalidBytes,
    /// The input was an HTML page or fragment; its text was extracted.
    HtmlExtracted,
    /// Part of a page wrapper (script, style, menu, footer, …) was dropped.
    WrapperDropped,
    /// A PHP warning printed into the page was dropped.
    PhpWarningDropped,
    /// Separator lines in the header (no letters or digits: `***`) are not
    /// shown; their text is in `dropped`.
    SeparatorDropped,
    /// Two speaker labels were taken to name the same speaker.
    SpeakerMerged,
    /// A label that was merged is kept as a speaker of its own, as asked.
    MergeUndone,
    /// A label mixes letters of the Latin, Greek and Cyrillic alphabets.
    MixedScriptLabel,
    /// No `>>` speaker marker was found.
    NoSpeakerMarkers,
    /// Speaker labels were found at line starts without `>>` markers.
    LabelsWithoutMarkers,
    /// The header holds text that is not a title, disclaimer, date or place.
    TextBeforeFirstTurn,
    /// The input holds no text at all.
    Empty,
    /// How lines were joined into paragraphs, when the copy was not one
    /// paragraph per blank-line separated block.
    LineLayout,
}

impl Transcript {
    /// The speaker with this id.
    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.id == id)
    }

    /// Number of words (runs of letters and digits) in the turns' paragraphs.
    ///
    /// ```
    /// let t = floor::read::parse_str(">>A: One two.\n\n>>B: Three, four-five.");
    /// assert_eq!(t.word_count(), 5);
    /// ```
    pub fn word_count(&self) -> usize {
        self.turns
            .iter()
            .flat_map(|t| &t.paragraphs)
            .map(|p| crate::text::word_count(p))
            .sum()
    }
}
