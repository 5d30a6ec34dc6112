//! The transcript model: owned, serialisable data and nothing else.
//!
//! Field names are a public contract: the CLI prints them as JSON and the JS
//! API returns them as plain objects (`turns[].speaker`, `.label`,
//! `.paragraphs`, `.annotations`, `.range`, `.line`).
//!
//! Memory stays proportional to the input: a transcript keeps all its turns'
//! text in one string, and a turn is a few numbers into it (a file of a
//! million tiny turns once took 70 times its size). Read a turn's text
//! through its transcript: [`Transcript::label`], [`Transcript::paragraphs`],
//! [`Transcript::annotations`], [`Transcript::speaker_of`].

mod wire;

pub(crate) use wire::FORMATS;

use serde::Serialize;
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};

/// A parsed transcript: its header, its speakers, its turns, and what the
/// parser noticed on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// The turns' labels and paragraphs, one after another.
    text: String,
    /// Where each paragraph is in `text`, turn after turn.
    paragraphs: Vec<[u32; 2]>,
    /// The turns' annotations, turn after turn.
    annotations: Vec<Annotation>,
    /// The position in `turns` of each annotation's turn (ascending).
    annotation_turns: Vec<u32>,
    /// Each turn's start and end in milliseconds ([`NONE`] when unknown);
    /// empty when no turn has a time (an IGF text).
    times: Vec<[u32; 2]>,
    /// Each paragraph's start in milliseconds ([`NONE`] when unknown),
    /// beside `paragraphs`; empty when no paragraph has a time.
    paragraph_starts: Vec<u32>,
    /// Timed words: those the source times one by one (YouTube's
    /// automatic captions, Whisper's words), and the first word of each
    /// cue (piece) that has no word times of its own, at the cue's start.
    /// The position of
    /// the paragraph in `paragraphs`, the word's byte offset in it, and
    /// its start in milliseconds; in order.
    word_times: Vec<[u32; 3]>,
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
    /// The format that was read: `igf`, `webvtt`, `srt`, `podcast-json`,
    /// `podcast-html`, `json-segments`, `text-export`, …
    pub format: &'static str,
    /// How long the recording is, in milliseconds, when the source says
    /// (the last cue's end; the captions' for an aligned transcript);
    /// serialised in seconds.
    #[serde(serialize_with = "seconds")]
    pub duration: Option<u32>,
}

/// Milliseconds as seconds, or `null`.
fn seconds<S: Serializer>(ms: &Option<u32>, s: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => s.serialize_f64(f64::from(*ms) / 1000.0),
        None => s.serialize_none(),
    }
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

/// One turn: what one speaker (or an unattributed voice) said until the
/// next marker. Its text is its transcript's ([`Transcript::label`],
/// [`Transcript::paragraphs`], [`Transcript::annotations`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    /// The turn number, from 1.
    pub n: u32,
    /// The turn's byte range `[start, end)` in the decoded source text.
    pub range: [u32; 2],
    /// The 1-based line of the decoded source text the turn starts on.
    pub line: u32,
    /// Its speaker's position in [`Transcript::speakers`], or [`NONE`].
    speaker: u32,
    /// Its label's range in the transcript's text, or `[NONE, NONE]`.
    label: [u32; 2],
    /// Its first paragraph's position in the transcript's paragraphs (the
    /// next turn's is past its last).
    paragraphs: u32,
}

/// A turn field that is not there (no speaker, no label).
const NONE: u32 = u32::MAX;

impl Turn {
    /// The position of its speaker in [`Transcript::speakers`], if it has one.
    pub fn speaker(&self) -> Option<usize> {
        (self.speaker != NONE).then_some(self.speaker as usize)
    }

    /// Whether it has a speaker label.
    pub fn has_label(&self) -> bool {
        self.label[0] != NONE
    }

    /// Its byte range in the decoded source text, as a `Range`.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.range[0] as usize..self.range[1] as usize
    }
}

/// A captioner's note inside the text: `[ Applause ]`, `(indiscernible)`,
/// … Where it is, and nothing else: what it says is read from its
/// paragraph ([`Annotation::kind`], [`Annotation::word`]). Twelve bytes: a
/// paragraph of notes can hold one every three bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Annotation {
    /// Index of the paragraph in its turn (from 0).
    paragraph: u32,
    /// Byte range `[start, end)` of the annotation, brackets included, in
    /// that paragraph.
    range: [u32; 2],
}

impl Annotation {
    /// A note at `range` of paragraph `paragraph` (from 0) of its turn.
    pub fn new(paragraph: usize, range: [usize; 2]) -> Annotation {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Annotation {
            paragraph: at(paragraph),
            range: range.map(at),
        }
    }

    /// Index of the paragraph in its turn (from 0).
    pub fn paragraph(&self) -> usize {
        self.paragraph as usize
    }

    /// Byte range `[start, end)` of the annotation, brackets included, in
    /// its paragraph.
    pub fn range(&self) -> [usize; 2] {
        self.range.map(|n| n as usize)
    }

    /// For `(phonetic)`: the byte range in its `paragraph` of the word it
    /// marks as a guess, the one just before it.
    ///
    /// ```
    /// use floor::model::Annotation;
    /// let p = "I am Sivi (phonetic) here.";
    /// assert_eq!(Annotation::new(0, [10, 20]).word(p), Some([5, 9]));
    /// assert_eq!(Annotation::new(0, [0, 10]).word("(phonetic) first"), None);
    /// ```
    pub fn word(&self, paragraph: &str) -> Option<[usize; 2]> {
        let [open, _] = self.range();
        if self.kind(paragraph) != "phonetic" {
            return None;
        }
        let head = paragraph.get(..open)?.trim_end();
        let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '‑');
        let start = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word(c))
            .last()?
            .0;
        Some([start, head.len()])
    }

    /// What it notes, read from its `paragraph`'s text: see
    /// [`Annotation::kind_of`].
    pub fn kind(&self, paragraph: &str) -> String {
        let [a, b] = self.range();
        paragraph
            .get(a..b)
            .map(Annotation::kind_of)
            .unwrap_or_default()
    }

    /// What a note says, lower case and folded, without its brackets, final
    /// full stop or backslashes, spaces single: `applause`,
    /// `indiscernible`, `audio cut out`, `off microphone`, `phonetic`, …
    ///
    /// ```
    /// use floor::model::Annotation;
    /// assert_eq!(Annotation::kind_of("[ Applause ]"), "applause");
    /// assert_eq!(Annotation::kind_of("(Off microphone.)"), "off microphone");
    /// ```
    pub fn kind_of(note: &str) -> String {
        let mut inner = note.chars();
        inner.next();
        inner.next_back();
        let inner = inner
            .as_str()
            .trim_end_matches(['\\', '.', ' ', '\u{a0}'])
            .trim_start_matches(['\\', ' ', '\u{a0}']);
        crate::text::fold::fold(inner).trim().to_string()
    }
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

impl Diagnostic {
    /// A diagnostic with no dropped text or label.
    pub fn new(line: usize, kind: DiagnosticKind, message: String) -> Diagnostic {
        Diagnostic {
            line,
            kind,
            message,
            dropped: None,
            label: None,
        }
    }
}

/// The kinds of [`Diagnostic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Which format was read, and how (the JSON fields and time unit used).
    FormatRead,
    /// Blocks of a caption file that hold no cue (`NOTE`, `STYLE`,
    /// `REGION`, a header's settings) are not shown; their text is in
    /// `dropped`.
    BlockSkipped,
    /// A timing line that does not parse; its cue is kept as text.
    TimingUnreadable,
    /// Cues that start before the one before them started, or overlap it.
    CuesOutOfOrder,
    /// Cue settings (`align:start`) that are not WebVTT's.
    CueSettingUnknown,
    /// Cues with no text.
    CueEmpty,
    /// Rolling captions repeat each line in the next cue: the repeats were
    /// dropped, every word kept once.
    RepeatsDropped,
    /// Speakers given as opaque ids (`<v 8d1f…>`) are shown as
    /// `Speaker 1`, …; the ids are in `dropped`.
    OpaqueSpeakerIds,
    /// Site furniture saved with an IGF page (a banner, `You are here`, a
    /// legacy-site notice) is not taken as the title; its text is in
    /// `dropped`.
    SiteChromeDropped,
    /// The transcript was timed by aligning it to captions of its
    /// recording ([`crate::align`]): how many turns, how well.
    Aligned,
    /// The captions could not time the transcript (they hold no words, or
    /// seem to be of another recording): it is left untimed.
    NotAligned,
}

/// A kind is serialised as its [`DiagnosticKind::name`].
impl Serialize for DiagnosticKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl DiagnosticKind {
    /// Its name, as serialised (`speaker_merged`, its variant's name in
    /// snake case): what the JS API's objects and `floor parse` JSON give
    /// as a diagnostic's `kind`.
    pub fn name(self) -> &'static str {
        match self {
            DiagnosticKind::EncodingFallback => "encoding_fallback",
            DiagnosticKind::Utf16 => "utf16",
            DiagnosticKind::InvalidBytes => "invalid_bytes",
            DiagnosticKind::HtmlExtracted => "html_extracted",
            DiagnosticKind::WrapperDropped => "wrapper_dropped",
            DiagnosticKind::PhpWarningDropped => "php_warning_dropped",
            DiagnosticKind::SeparatorDropped => "separator_dropped",
            DiagnosticKind::SpeakerMerged => "speaker_merged",
            DiagnosticKind::MergeUndone => "merge_undone",
            DiagnosticKind::MixedScriptLabel => "mixed_script_label",
            DiagnosticKind::NoSpeakerMarkers => "no_speaker_markers",
            DiagnosticKind::LabelsWithoutMarkers => "labels_without_markers",
            DiagnosticKind::TextBeforeFirstTurn => "text_before_first_turn",
            DiagnosticKind::Empty => "empty",
            DiagnosticKind::LineLayout => "line_layout",
            DiagnosticKind::FormatRead => "format_read",
            DiagnosticKind::BlockSkipped => "block_skipped",
            DiagnosticKind::TimingUnreadable => "timing_unreadable",
            DiagnosticKind::CuesOutOfOrder => "cues_out_of_order",
            DiagnosticKind::CueSettingUnknown => "cue_setting_unknown",
            DiagnosticKind::CueEmpty => "cue_empty",
            DiagnosticKind::RepeatsDropped => "repeats_dropped",
            DiagnosticKind::OpaqueSpeakerIds => "opaque_speaker_ids",
            DiagnosticKind::SiteChromeDropped => "site_chrome_dropped",
            DiagnosticKind::Aligned => "aligned",
            DiagnosticKind::NotAligned => "not_aligned",
        }
    }

    /// Every kind, in declaration order (the wire format numbers them so).
    pub const ALL: &'static [DiagnosticKind] = &[
        DiagnosticKind::EncodingFallback,
        DiagnosticKind::Utf16,
        DiagnosticKind::InvalidBytes,
        DiagnosticKind::HtmlExtracted,
        DiagnosticKind::WrapperDropped,
        DiagnosticKind::PhpWarningDropped,
        DiagnosticKind::SeparatorDropped,
        DiagnosticKind::SpeakerMerged,
        DiagnosticKind::MergeUndone,
        DiagnosticKind::MixedScriptLabel,
        DiagnosticKind::NoSpeakerMarkers,
        DiagnosticKind::LabelsWithoutMarkers,
        DiagnosticKind::TextBeforeFirstTurn,
        DiagnosticKind::Empty,
        DiagnosticKind::LineLayout,
        DiagnosticKind::FormatRead,
        DiagnosticKind::BlockSkipped,
        DiagnosticKind::TimingUnreadable,
        DiagnosticKind::CuesOutOfOrder,
        DiagnosticKind::CueSettingUnknown,
        DiagnosticKind::CueEmpty,
        DiagnosticKind::RepeatsDropped,
        DiagnosticKind::OpaqueSpeakerIds,
        DiagnosticKind::SiteChromeDropped,
        DiagnosticKind::Aligned,
        DiagnosticKind::NotAligned,
    ];
}

impl Transcript {
    /// The speaker with this id.
    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.id == id)
    }

    /// `turn`'s speaker.
    pub fn speaker_of(&self, turn: &Turn) -> Option<&Speaker> {
        self.speakers.get(turn.speaker()?)
    }

    /// `turn`'s speaker's [`Speaker::id`], or `None` for an unattributed turn.
    pub fn speaker_id(&self, turn: &Turn) -> Option<&str> {
        self.speaker_of(turn).map(|s| s.id.as_str())
    }

    /// `turn`'s speaker label as written (without `>>` and the colon), if
    /// it has one.
    pub fn label(&self, turn: &Turn) -> Option<&str> {
        turn.has_label().then(|| self.slice(turn.label))
    }

    /// `turn`'s paragraphs: the text of each as written (lines of a wrapped
    /// paragraph joined by one space, ends trimmed), annotations left in
    /// place.
    pub fn paragraphs(&self, turn: &Turn) -> Paragraphs<'_> {
        let [a, b] = self.paragraph_span(turn);
        Paragraphs {
            text: &self.text,
            spans: self
                .paragraphs
                .get(a as usize..b as usize)
                .unwrap_or_default(),
        }
    }

    /// Paragraph `i` of `turn` (from 0).
    pub fn paragraph(&self, turn: &Turn, i: usize) -> Option<&str> {
        self.paragraphs(turn).get(i)
    }

    /// The captioner's annotations found in `turn`'s paragraphs.
    pub fn annotations(&self, turn: &Turn) -> &[Annotation] {
        let i = turn.n.wrapping_sub(1);
        let a = self.annotation_turns.partition_point(|&t| t < i);
        let b = a + self.annotation_turns[a..].partition_point(|&t| t == i);
        self.annotations.get(a..b).unwrap_or_default()
    }

    /// What annotation `a` of `turn` notes ([`Annotation::kind_of`]).
    pub fn kind(&self, turn: &Turn, a: &Annotation) -> String {
        a.kind(self.paragraph(turn, a.paragraph()).unwrap_or_default())
    }

    /// The positions of `turn`'s paragraphs in `paragraphs`: from its first
    /// to the next turn's.
    fn paragraph_span(&self, turn: &Turn) -> [u32; 2] {
        let end = self
            .turns
            .get(turn.n as usize)
            .map_or(self.paragraphs.len() as u32, |next| next.paragraphs);
        [turn.paragraphs, end.max(turn.paragraphs)]
    }

    fn slice(&self, [a, b]: [u32; 2]) -> &str {
        self.text.get(a as usize..b as usize).unwrap_or_default()
    }

    /// Appends a turn (numbered next) with its label and paragraphs, and no
    /// speaker or annotations yet: what readers build transcripts with.
    pub fn push_turn<'p>(
        &mut self,
        label: Option<&str>,
        paragraphs: impl IntoIterator<Item = &'p str>,
        range: [usize; 2],
        line: usize,
    ) {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX - 1);
        let label = match label {
            Some(l) => {
                let start = self.text.len();
                self.text.push_str(l);
                [at(start), at(self.text.len())]
            }
            None => [NONE, NONE],
        };
        let first = self.paragraphs.len();
        for p in paragraphs {
            let start = self.text.len();
            self.text.push_str(p);
            self.paragraphs.push([at(start), at(self.text.len())]);
        }
        self.turns.push(Turn {
            n: at(self.turns.len() + 1),
            range: [at(range[0]), at(range[1])],
            line: at(line),
            speaker: NONE,
            label,
            paragraphs: at(first),
        });
    }

    /// Sets the speaker of turn `i` (its position in `turns`) to the one at
    /// `speaker` in `speakers`, or none.
    pub fn set_speaker(&mut self, i: usize, speaker: Option<usize>) {
        if let Some(turn) = self.turns.get_mut(i) {
            turn.speaker = speaker.map_or(NONE, |s| u32::try_from(s).unwrap_or(NONE));
        }
    }

    /// Finds the annotations of every turn with `find(paragraph, index,
    /// found)`, which adds those of a paragraph to `found`, replacing any
    /// found before.
    pub fn annotate(&mut self, find: impl Fn(&str, usize, &mut Vec<Annotation>)) {
        let (mut annotations, mut turns) = (Vec::new(), Vec::new());
        for (t, turn) in self.turns.iter().enumerate() {
            let [a, b] = self.paragraph_span(turn);
            for (i, span) in self.paragraphs[a as usize..b as usize].iter().enumerate() {
                let text = self
                    .text
                    .get(span[0] as usize..span[1] as usize)
                    .unwrap_or_default();
                find(text, i, &mut annotations);
                turns.resize(annotations.len(), t as u32);
            }
        }
        annotations.shrink_to_fit();
        turns.shrink_to_fit();
        (self.annotations, self.annotation_turns) = (annotations, turns);
    }

    /// Number of words (runs of letters and digits) in the turns' paragraphs.
    ///
    /// ```
    /// let t = floor::read::parse_str(">>A: One two.\n\n>>B: Three, four-five.");
    /// assert_eq!(t.word_count(), 5);
    /// ```
    pub fn word_count(&self) -> usize {
        self.paragraphs
            .iter()
            .map(|&span| crate::text::word_count(self.slice(span)))
            .sum()
    }

    /// Frees the room kept for more turns, paragraphs and text: readers
    /// call it once they are done.
    pub fn shrink_to_fit(&mut self) {
        if !self.times.is_empty() {
            self.times.resize(self.turns.len(), [NONE; 2]);
        }
        if !self.paragraph_starts.is_empty() {
            self.paragraph_starts.resize(self.paragraphs.len(), NONE);
        }
        self.turns.shrink_to_fit();
        self.text.shrink_to_fit();
        self.paragraphs.shrink_to_fit();
        self.times.shrink_to_fit();
        self.paragraph_starts.shrink_to_fit();
        self.word_times.shrink_to_fit();
    }

    /// Whether any turn has a time.
    pub fn is_timed(&self) -> bool {
        !self.times.is_empty()
    }

    /// `turn`'s start and end in milliseconds, each when known.
    pub fn times(&self, turn: &Turn) -> [Option<u32>; 2] {
        let t = self.times.get(turn.n.wrapping_sub(1) as usize);
        let known = |ms: u32| (ms != NONE).then_some(ms);
        [t.and_then(|t| known(t[0])), t.and_then(|t| known(t[1]))]
    }

    /// `turn`'s start in milliseconds, when known.
    pub fn start(&self, turn: &Turn) -> Option<u32> {
        self.times(turn)[0]
    }

    /// The start in milliseconds of paragraph `i` of `turn`, when known.
    pub fn paragraph_start(&self, turn: &Turn, i: usize) -> Option<u32> {
        let [a, _] = self.paragraph_span(turn);
        let ms = *self.paragraph_starts.get(a as usize + i)?;
        (ms != NONE).then_some(ms)
    }

    /// The timed words of paragraph `i` of `turn`: each one's byte offset
    /// in the paragraph and its start in milliseconds.
    pub fn word_times(&self, turn: &Turn, i: usize) -> impl Iterator<Item = [u32; 2]> + '_ {
        let p = (self.paragraph_span(turn)[0] as usize + i) as u32;
        let a = self.word_times.partition_point(|w| w[0] < p);
        let b = a + self.word_times[a..].partition_point(|w| w[0] == p);
        self.word_times[a..b].iter().map(|w| [w[1], w[2]])
    }

    /// The turn being spoken at `ms`: the last turn that starts at or
    /// before it (the first timed turn for a time before them all).
    ///
    /// ```
    /// let t = floor::read::parse_str("WEBVTT\n\n00:01.000 --> 00:04.000\n<v Ana>Hello.\n\n00:05.000 --> 00:09.000\n<v Ben>Hi.\n");
    /// assert_eq!(t.turn_at(6_000).map(|t| t.n), Some(2));
    /// assert_eq!(t.turn_at(0).map(|t| t.n), Some(1));
    /// ```
    pub fn turn_at(&self, ms: u32) -> Option<&Turn> {
        let timed = |i: &usize| self.times.get(*i).is_some_and(|t| t[0] != NONE);
        let mut best = None;
        for i in (0..self.times.len()).filter(timed) {
            if self.times[i][0] > ms {
                return best.or(self.turns.get(i));
            }
            best = self.turns.get(i);
        }
        best
    }

    /// Appends a paragraph to the last turn pushed, starting at `start`
    /// (ms) when known: what readers that make paragraphs one at a time
    /// build with.
    pub fn push_paragraph(&mut self, text: &str, start: Option<u32>) {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX - 1);
        let from = self.text.len();
        self.text.push_str(text);
        self.paragraphs.push([at(from), at(self.text.len())]);
        if let Some(ms) = start {
            self.paragraph_starts
                .resize(self.paragraphs.len() - 1, NONE);
            self.paragraph_starts.push(ms);
        }
    }

    /// Sets the end of the last turn's byte range and its times (start
    /// and end, in ms, each when known).
    pub fn end_last_turn(&mut self, end: usize, times: [Option<u32>; 2]) {
        let n = self.turns.len();
        let Some(turn) = self.turns.last_mut() else {
            return;
        };
        turn.range[1] = u32::try_from(end)
            .unwrap_or(u32::MAX - 1)
            .max(turn.range[0]);
        if times != [None, None] {
            self.times.resize(n - 1, [NONE; 2]);
            self.times.push(times.map(|t| t.unwrap_or(NONE)));
        }
    }

    /// Forgets every time: the turns', the paragraphs' and the words'
    /// (what [`crate::align`] does before it times a transcript afresh).
    pub fn clear_times(&mut self) {
        self.times = Vec::new();
        self.paragraph_starts = Vec::new();
        self.word_times = Vec::new();
        self.meta.duration = None;
    }

    /// Sets the start and end (ms, each when known) of turn `i` (its
    /// position in `turns`). Times stay empty while no turn has one.
    ///
    /// ```
    /// let mut t = floor::read::parse_str(">>A: One.\n\n>>B: Two.");
    /// assert!(!t.is_timed());
    /// t.set_turn_times(1, [Some(4_000), None]);
    /// assert_eq!(t.times(&t.turns[1]), [Some(4_000), None]);
    /// assert_eq!(t.start(&t.turns[0]), None);
    /// ```
    pub fn set_turn_times(&mut self, i: usize, times: [Option<u32>; 2]) {
        if i >= self.turns.len() || (self.times.is_empty() && times == [None, None]) {
            return;
        }
        self.times.resize(self.turns.len(), [NONE; 2]);
        self.times[i] = times.map(|t| t.unwrap_or(NONE));
    }

    /// Sets the start (ms, when known) of paragraph `p`: its position among
    /// all the turns' paragraphs ([`Transcript::paragraph_range`]).
    pub fn set_paragraph_start(&mut self, p: usize, ms: Option<u32>) {
        if p >= self.paragraphs.len() || (self.paragraph_starts.is_empty() && ms.is_none()) {
            return;
        }
        self.paragraph_starts.resize(self.paragraphs.len(), NONE);
        self.paragraph_starts[p] = ms.unwrap_or(NONE);
    }

    /// The positions of `turn`'s paragraphs among all the turns'.
    pub fn paragraph_range(&self, turn: &Turn) -> std::ops::Range<usize> {
        let [a, b] = self.paragraph_span(turn);
        a as usize..b as usize
    }

    /// The position of the last paragraph pushed among all the turns'.
    pub fn last_paragraph(&self) -> usize {
        self.paragraphs.len().saturating_sub(1)
    }

    /// Times a word: at byte `offset` of paragraph `paragraph` (its
    /// position among all the turns' paragraphs), starting at `ms`. Words
    /// are timed in order.
    pub fn time_word_of(&mut self, paragraph: usize, offset: usize, ms: u32) {
        let at = |n: usize| u32::try_from(n).unwrap_or(NONE);
        self.word_times.push([at(paragraph), at(offset), ms]);
    }

    /// Makes room for `n` more turns.
    pub fn reserve_turns(&mut self, n: usize) {
        self.turns.reserve_exact(n);
    }

    /// The number of paragraphs of all the turns.
    pub fn paragraph_total(&self) -> usize {
        self.paragraphs.len()
    }

    /// The bytes of all the turns' labels and paragraphs.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }
}

/// A turn's paragraphs, read from its transcript's text.
#[derive(Debug, Clone, Copy)]
pub struct Paragraphs<'t> {
    text: &'t str,
    spans: &'t [[u32; 2]],
}

impl<'t> Paragraphs<'t> {
    /// How many.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Paragraph `i` (from 0).
    pub fn get(&self, i: usize) -> Option<&'t str> {
        let [a, b] = *self.spans.get(i)?;
        self.text.get(a as usize..b as usize)
    }

    /// The paragraphs in order.
    pub fn iter(&self) -> ParagraphIter<'t> {
        ParagraphIter {
            text: self.text,
            spans: self.spans.iter(),
        }
    }

    /// The paragraphs as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl<'t> IntoIterator for Paragraphs<'t> {
    type Item = &'t str;
    type IntoIter = ParagraphIter<'t>;
    fn into_iter(self) -> ParagraphIter<'t> {
        self.iter()
    }
}

/// The paragraphs of a turn, in order.
#[derive(Debug, Clone)]
pub struct ParagraphIter<'t> {
    text: &'t str,
    spans: std::slice::Iter<'t, [u32; 2]>,
}

impl<'t> ParagraphIter<'t> {
    fn at(&self, [a, b]: [u32; 2]) -> &'t str {
        self.text.get(a as usize..b as usize).unwrap_or_default()
    }
}

impl<'t> Iterator for ParagraphIter<'t> {
    type Item = &'t str;
    fn next(&mut self) -> Option<&'t str> {
        let span = *self.spans.next()?;
        Some(self.at(span))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.spans.size_hint()
    }
}

impl DoubleEndedIterator for ParagraphIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let span = *self.spans.next_back()?;
        Some(self.at(span))
    }
}

impl ExactSizeIterator for ParagraphIter<'_> {}

/// The JSON (and JS) form: the transcript as it reads, each turn with its
/// speaker's id, label, paragraphs and annotations.
impl Serialize for Transcript {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Turns<'a>(&'a Transcript);
        impl Serialize for Turns<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let t = self.0;
                let mut seq = serializer.serialize_seq(Some(t.turns.len()))?;
                for turn in &t.turns {
                    seq.serialize_element(&TurnOf(t, turn))?;
                }
                seq.end()
            }
        }
        struct TurnOf<'a>(&'a Transcript, &'a Turn);
        impl Serialize for TurnOf<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (t, turn) = (self.0, self.1);
                let timed = t.is_timed();
                let mut s = serializer.serialize_struct("Turn", 9 + 2 * timed as usize)?;
                s.serialize_field("n", &turn.n)?;
                let [start, end] = t.times(turn).map(|ms| ms.map(|ms| f64::from(ms) / 1000.0));
                s.serialize_field("start", &start)?;
                s.serialize_field("end", &end)?;
                s.serialize_field("speaker", &t.speaker_id(turn))?;
                s.serialize_field("label", &t.label(turn))?;
                s.serialize_field("paragraphs", &ParagraphsOf(t.paragraphs(turn)))?;
                if timed {
                    let n = t.paragraphs(turn).len();
                    let mut starts = Vec::with_capacity(n);
                    let mut words: Vec<[f64; 3]> = Vec::new();
                    for i in 0..n {
                        starts.push(t.paragraph_start(turn, i).map(|ms| f64::from(ms) / 1000.0));
                        for [at, ms] in t.word_times(turn, i) {
                            words.push([i as f64, f64::from(at), f64::from(ms) / 1000.0]);
                        }
                    }
                    s.serialize_field("paragraph_starts", &starts)?;
                    s.serialize_field("word_times", &words)?;
                }
                s.serialize_field("annotations", &NotesOf(t, turn))?;
                s.serialize_field("range", &turn.range)?;
                s.serialize_field("line", &turn.line)?;
                s.end()
            }
        }
        // An annotation with its kind, read from its paragraph.
        struct NoteOf<'a>(&'a Transcript, &'a Turn, Annotation);
        impl Serialize for NoteOf<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (t, turn, a) = (self.0, self.1, self.2);
                let paragraph = t.paragraph(turn, a.paragraph()).unwrap_or_default();
                let word = a.word(paragraph);
                let mut s =
                    serializer.serialize_struct("Annotation", 3 + word.is_some() as usize)?;
                s.serialize_field("paragraph", &a.paragraph())?;
                s.serialize_field("range", &a.range())?;
                s.serialize_field("kind", &a.kind(paragraph))?;
                if let Some(word) = word {
                    s.serialize_field("word", &word)?;
                }
                s.end()
            }
        }
        struct NotesOf<'a>(&'a Transcript, &'a Turn);
        impl Serialize for NotesOf<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let notes = self.0.annotations(self.1);
                let mut seq = serializer.serialize_seq(Some(notes.len()))?;
                for &a in notes {
                    seq.serialize_element(&NoteOf(self.0, self.1, a))?;
                }
                seq.end()
            }
        }
        struct ParagraphsOf<'a>(Paragraphs<'a>);
        impl Serialize for ParagraphsOf<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
                for p in self.0.iter() {
                    seq.serialize_element(p)?;
                }
                seq.end()
            }
        }
        let mut s = serializer.serialize_struct("Transcript", 4)?;
        s.serialize_field("meta", &self.meta)?;
        s.serialize_field("speakers", &self.speakers)?;
        s.serialize_field("turns", &Turns(self))?;
        s.serialize_field("diagnostics", &self.diagnostics)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kind's name is what serde writes for it, for every kind.
    #[test]
    fn kind_names_are_their_serialisation() {
        for &kind in DiagnosticKind::ALL {
            // The variant's name in snake case.
            let mut snake = String::new();
            for (i, c) in format!("{kind:?}").chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            }
            assert_eq!(kind.name(), snake);
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::from(kind.name()),
                "{kind:?}"
            );
        }
    }
}
