//! The transcript model: owned, serialisable data and nothing else.

use serde::Serialize;

/// A transcript as a readable document: its title and its text paragraphs.
///
/// This is the ground-floor model; speakers and turns come with the full
/// parser. Every field is owned so a transcript can outlive its source text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Transcript {
    /// The first non-blank line of the source, trimmed.
    pub title: String,
    /// The remaining text, one entry per paragraph, whitespace-normalised.
    pub paragraphs: Vec<String>,
}

impl Transcript {
    /// Number of words in the title and all paragraphs (runs of non-whitespace).
    ///
    /// ```
    /// let t = floor::parse::parse("Title here\n\nOne two three.");
    /// assert_eq!(t.word_count(), 5);
    /// ```
    pub fn word_count(&self) -> usize {
        std::iter::once(&self.title)
            .chain(&self.paragraphs)
            .map(|p| p.split_whitespace().count())
            .sum()
    }
}
