//! Generated caption files, shared by the caption tests and the reader
//! benchmarks (each includes this file with `#[path]`): YouTube's rolling
//! automatic captions with word times, and plain cues written as WebVTT
//! and SRT. Deterministic: the same seed gives the same file.

#![allow(dead_code)]

/// Words of automatic captions (lower case, no punctuation).
const VOCABULARY: &[&str] = &[
    "the",
    "internet",
    "governance",
    "forum",
    "we",
    "need",
    "to",
    "make",
    "sure",
    "that",
    "access",
    "is",
    "open",
    "for",
    "all",
    "and",
    "multistakeholder",
    "model",
    "works",
    "data",
    "protection",
    "of",
    "rights",
    "online",
    "in",
    "our",
    "region",
    "thank",
    "you",
    "chair",
    "colleagues",
    "session",
    "policy",
    "network",
    "on",
    "meaningful",
    "connectivity",
];

/// A linear congruential generator: the next number from `state`.
pub fn next(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

/// `ms` as a WebVTT (`.`) or SRT (`,`) timestamp, hours always written.
pub fn stamp(ms: u64, sep: char) -> String {
    format!(
        "{:02}:{:02}:{:02}{sep}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// `lines` caption lines of random words.
pub fn caption_lines(lines: usize, seed: u64) -> Vec<Vec<&'static str>> {
    let mut state = seed;
    (0..lines)
        .map(|_| {
            let n = 4 + next(&mut state) as usize % 5;
            (0..n)
                .map(|_| VOCABULARY[next(&mut state) as usize % VOCABULARY.len()])
                .collect()
        })
        .collect()
}

/// YouTube's automatic captions of `lines`: each line shown in a cue with
/// its words timed (`word<00:00:01.200><c> next</c>`) under the line
/// before, then in a 10 ms "freeze" cue on its own.
pub fn youtube(lines: &[Vec<&str>]) -> String {
    let mut out = String::from("WEBVTT\nKind: captions\nLanguage: en\n\n");
    let mut t: u64 = 160;
    let mut previous = String::from(" ");
    for words in lines {
        let each = 290;
        let end = t + each * words.len() as u64;
        out.push_str(&format!(
            "{} --> {} align:start position:0%\n{previous}\n{}",
            stamp(t, '.'),
            stamp(end, '.'),
            words[0]
        ));
        for (i, w) in words.iter().enumerate().skip(1) {
            out.push_str(&format!("<{}><c> {w}</c>", stamp(t + each * i as u64, '.')));
        }
        out.push_str("\n\n");
        let line = words.join(" ");
        out.push_str(&format!(
            "{} --> {} align:start position:0%\n{line}\n \n\n",
            stamp(end, '.'),
            stamp(end + 10, '.')
        ));
        previous = line;
        t = end + 10;
    }
    out
}

/// A cue for [`webvtt`] and [`srt`]: start and end (ms), speaker, lines.
pub type Cue = (u64, u64, Option<String>, Vec<String>);

/// Cues of `lines`, two lines a cue, some with a speaker named at the
/// start of the first line, some after a pause.
pub fn cues(lines: &[Vec<&str>], seed: u64) -> Vec<Cue> {
    let mut state = seed;
    let mut t = 0;
    lines
        .chunks(2)
        .map(|pair| {
            t += [0, 0, 0, 1500, 5000][next(&mut state) as usize % 5];
            let speaker = match next(&mut state) % 4 {
                0 => Some(
                    ["ANA", "BEN LI", "Chengetai Masango"][next(&mut state) as usize % 3]
                        .to_string(),
                ),
                _ => None,
            };
            let text: Vec<String> = pair.iter().map(|w| w.join(" ")).collect();
            let start = t;
            t += 2000 + next(&mut state) % 2000;
            (start, t, speaker, text)
        })
        .collect()
}

fn cue_text(speaker: &Option<String>, lines: &[String]) -> String {
    let mut text = lines.join("\n");
    if let Some(s) = speaker {
        text.insert_str(0, &format!("{s}: "));
    }
    text
}

/// `cues` as WebVTT.
pub fn webvtt(cues: &[Cue]) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for (start, end, speaker, lines) in cues {
        out.push_str(&format!(
            "{} --> {}\n{}\n\n",
            stamp(*start, '.'),
            stamp(*end, '.'),
            cue_text(speaker, lines)
        ));
    }
    out
}

/// `cues` as SRT.
pub fn srt(cues: &[Cue]) -> String {
    let mut out = String::new();
    for (i, (start, end, speaker, lines)) in cues.iter().enumerate() {
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            i + 1,
            stamp(*start, ','),
            stamp(*end, ','),
            cue_text(speaker, lines)
        ));
    }
    out
}
