//! The words of a transcript's turns, as the property tests compare them
//! (each includes this file with `#[path]`), and the text of turns they
//! read. Each test uses some of them.
#![allow(dead_code)]

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

/// The text of a transcript whose turns are `turns` (each its words, with
/// what follows each word), `speakers` speakers taking turns (`>>SPEAKER
/// 0:`, `>>SPEAKER 1:`, …): what the search property tests read.
pub fn turns_text<W: AsRef<str>>(turns: &[Vec<(W, &str)>], speakers: usize) -> String {
    turns
        .iter()
        .enumerate()
        .map(|(i, words)| {
            let body: String = words
                .iter()
                .map(|(w, s)| format!("{}{s}", w.as_ref()))
                .collect();
            format!(">>SPEAKER {}: {}\n\n", i % speakers, body.trim_end())
        })
        .collect()
}
