//! Times for the formats that need them: each exported turn's start and
//! end (those a transcript timed in part lacks spread between their
//! neighbours'), and a turn cut into cues of readable length, each with
//! its start and end from the times the turn knows (its start and end,
//! its paragraphs' starts, its timed words) and spread evenly between
//! them by words.

use crate::model::{Transcript, Turn};

/// Most words in a cue.
pub const CUE_WORDS: usize = 14;
/// How long a turn of unknown end lasts, per word (ms).
const MS_PER_WORD: u32 = 400;

/// Each turn's start and end (ms), `turns` being some of `t`'s turns in
/// order: its own where known, else from its neighbours; end after start.
pub fn turn_times(t: &Transcript, turns: &[&Turn]) -> Vec<[u32; 2]> {
    let known: Vec<[Option<u32>; 2]> = turns.iter().map(|turn| t.times(turn)).collect();
    let mut out: Vec<[u32; 2]> = Vec::with_capacity(turns.len());
    for (i, turn) in turns.iter().enumerate() {
        let previous = out.last().map(|p| p[1]);
        let next_start = known[i + 1..].iter().find_map(|k| k[0]);
        let start = known[i][0]
            .or(previous)
            .or(next_start.map(|s| s.saturating_sub(1)))
            .unwrap_or(0);
        let words = t
            .paragraphs(turn)
            .iter()
            .map(crate::text::word_count)
            .sum::<usize>()
            .max(1) as u32;
        let end = known[i][1]
            .or(next_start.filter(|&s| s > start))
            .unwrap_or_else(|| start.saturating_add(MS_PER_WORD.saturating_mul(words)));
        out.push([start, end.max(start.saturating_add(1))]);
    }
    out
}

/// A cue: some words of one paragraph of a turn, with its times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue<'t> {
    /// Its text: the words and what is between them, as written.
    pub text: &'t str,
    /// The paragraph (from 0) of the turn it is in.
    pub paragraph: usize,
    /// Start and end, ms.
    pub times: [u32; 2],
}

/// Whether a token would join the cue before it without a space on the
/// way back ([`crate::read::cues`] joins a cue that starts with a full stop
/// or a comma to the one before).
fn joins(token: &str) -> bool {
    token.starts_with(['.', ',', ';', ':', '!', '?', ')', '…'])
}

/// `turn` cut into cues: each paragraph into runs of at most
/// [`CUE_WORDS`] words and `chars` characters (a longer word alone), cut
/// at spaces; their times between `times` (the turn's start and end).
pub fn cues<'t>(t: &'t Transcript, turn: &Turn, times: [u32; 2], chars: usize) -> Vec<Cue<'t>> {
    // Each cue's text and first word's position in the turn's words.
    let mut cues: Vec<(Cue<'t>, usize)> = Vec::new();
    // Times the turn knows: a word position and its time.
    let mut anchors: Vec<(usize, u32)> = vec![(0, times[0])];
    let mut words = 0;
    for (p, paragraph) in t.paragraphs(turn).iter().enumerate() {
        if let Some(ms) = t.paragraph_start(turn, p) {
            anchors.push((words, ms));
        }
        let timed: Vec<[u32; 2]> = t.word_times(turn, p).collect();
        let mut timed = timed.iter().peekable();
        // Tokens: runs of non-space, each with its byte offset.
        let mut start: Option<usize> = None;
        let (mut in_cue, mut from) = (0, 0);
        let mut end = 0;
        let mut tokens = paragraph.char_indices().peekable();
        let mut token_start = None;
        loop {
            let next = tokens.next();
            let space = next.is_none_or(|(_, c)| c.is_whitespace());
            match (token_start, space) {
                (None, false) => token_start = next.map(|(i, _)| i),
                (Some(a), true) => {
                    let b = next.map_or(paragraph.len(), |(i, _)| i);
                    token_start = None;
                    let token = &paragraph[a..b];
                    let n = crate::text::word_count(token);
                    let full = in_cue >= CUE_WORDS
                        || (b - from > chars && paragraph[from..b].chars().count() > chars);
                    if let Some(s) = start
                        && full
                        && !joins(token)
                    {
                        cues.push((
                            Cue {
                                text: &paragraph[s..end],
                                paragraph: p,
                                times: [0, 0],
                            },
                            words - in_cue,
                        ));
                        start = None;
                    }
                    if start.is_none() {
                        (start, in_cue, from) = (Some(a), 0, a);
                    }
                    while let Some(&&[at, ms]) = timed.peek() {
                        if at as usize >= b {
                            break;
                        }
                        if at as usize >= a {
                            anchors.push((words, ms));
                        }
                        timed.next();
                    }
                    in_cue += n;
                    words += n;
                    end = b;
                }
                _ => {}
            }
            if next.is_none() {
                break;
            }
        }
        if let Some(s) = start {
            cues.push((
                Cue {
                    text: &paragraph[s..end],
                    paragraph: p,
                    times: [0, 0],
                },
                words - in_cue,
            ));
        }
    }
    anchors.push((words, times[1]));
    // Anchors in order of words and times, within the turn's times.
    let mut kept: Vec<(usize, u32)> = Vec::with_capacity(anchors.len());
    for (w, ms) in anchors {
        let ms = ms.clamp(times[0], times[1]);
        if kept.last().is_none_or(|&(lw, lms)| w >= lw && ms >= lms) {
            kept.push((w, ms));
        }
    }
    let at = |w: usize| -> u32 {
        let i = kept.partition_point(|&(aw, _)| aw <= w);
        let (w0, t0) = kept[i.saturating_sub(1)];
        match kept.get(i) {
            Some(&(w1, t1)) if w1 > w0 => {
                t0 + ((u64::from(t1 - t0) * (w - w0) as u64) / (w1 - w0) as u64) as u32
            }
            _ => t0,
        }
    };
    let n = cues.len();
    let mut out: Vec<Cue<'t>> = Vec::with_capacity(n);
    for k in 0..n {
        let start = if k == 0 { times[0] } else { at(cues[k].1) };
        let end = match cues.get(k + 1) {
            Some(next) => at(next.1),
            None => times[1],
        };
        let mut cue = cues[k].0.clone();
        // Each cue at least a millisecond long, after the one before.
        let start = out.last().map_or(start, |c: &Cue| start.max(c.times[1]));
        cue.times = [start, end.max(start + 1)];
        out.push(cue);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_make_cues_of_readable_length() {
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let vtt = format!(
            "WEBVTT\n\n00:00:10.000 --> 00:00:30.000\n<v Ana>{}\n",
            words.join(" ")
        );
        let t = crate::read::parse_str(&vtt);
        let turns: Vec<&Turn> = t.turns.iter().collect();
        let times = turn_times(&t, &turns);
        assert_eq!(times, [[10_000, 30_000]]);
        let cues = cues(&t, turns[0], times[0], 100);
        assert_eq!(cues.len(), 3);
        assert_eq!(cues[0].text.split(' ').count(), CUE_WORDS);
        assert_eq!(cues[0].times[0], 10_000);
        assert_eq!(cues[2].times[1], 30_000);
        assert!(cues.windows(2).all(|w| w[0].times[1] <= w[1].times[0]));
        let back: Vec<&str> = cues.iter().map(|c| c.text).collect();
        assert_eq!(back.join(" "), words.join(" "));
    }
}
