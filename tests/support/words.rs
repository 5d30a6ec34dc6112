//! The words of a transcript's turns, as the property tests compare them
//! (each includes this file with `#[path]`).

use floor::model::Transcript;

/// The words of the turns' paragraphs, in order (labels left out).
pub fn paragraph_words(t: &Transcript) -> Vec<String> {
    t.turns
        .iter()
        .flat_map(|turn| t.paragraphs(turn))
        .flat_map(floor::text::words)
        .map(str::to_string)
        .collect()
}
