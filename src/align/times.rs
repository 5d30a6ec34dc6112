//! Matched words to times: each transcript word's, then each turn's start
//! and end and each paragraph's start.
//!
//! - A matched word gets its caption word's time.
//! - A run of unmatched words between two matched ones is spread over the
//!   caption words between them, when the two runs are of like length
//!   (a misheard stretch); a long run the captions do not have (a cut in
//!   the recording, a break in the captioning) stays untimed, and so does
//!   a short run facing a long stretch of captions. So no word, and no
//!   turn, is ever placed inside a gap of the captions.
//! - A turn (or paragraph) starts at its first timed word, less the words
//!   before it at the local speech rate, when there are at most
//!   [`MAX_EXTRAPOLATED`](super::MAX_EXTRAPOLATED) of them; else it stays
//!   untimed. It ends with its last timed word (that word's end), plus
//!   the words after it likewise, never past the next turn's start.
//! - Times never go back: each turn starts at or after the turn before
//!   ends, within the captions' span.

use super::MAX_EXTRAPOLATED;
use super::words::{Heard, Spoken};

/// Each transcript word's time (ms), when it has one.
pub(crate) fn word_times(spoken: &Spoken, heard: &Heard, pairs: &[[u32; 2]]) -> Vec<Option<u32>> {
    let mut times = vec![None; spoken.ids.len()];
    for &[i, j] in pairs {
        times[i as usize] = Some(heard.at[j as usize]);
    }
    for w in pairs.windows(2) {
        let ([i1, j1], [i2, j2]) = (w[0].map(|x| x as usize), w[1].map(|x| x as usize));
        let (nt, nc) = (i2 - i1 - 1, j2 - j1 - 1);
        if nt == 0 || super::anchors::unbalanced(nt, nc) {
            continue;
        }
        // By position among the caption words between.
        for (d, time) in times[i1 + 1..i2].iter_mut().enumerate() {
            let j = j1 + (d + 1) * (j2 - j1) / (i2 - i1);
            *time = Some(heard.at[j]);
        }
    }
    times
}

/// The speech rate (ms a word) between the timed words `f` and `g`,
/// else a usual rate.
fn rate(times: &[Option<u32>], f: usize, g: Option<usize>) -> u32 {
    match (g, times[f]) {
        (Some(g), Some(tf)) if g != f => {
            let tg = times[g].unwrap_or(tf);
            (tf.abs_diff(tg) / g.abs_diff(f) as u32).clamp(FAST_MS, SLOW_MS)
        }
        _ => USUAL_MS,
    }
}

/// The farthest timed word from `f` among the [`MAX_EXTRAPOLATED`] words
/// in `range` in that direction.
fn farthest(times: &[Option<u32>], range: impl DoubleEndedIterator<Item = usize>) -> Option<usize> {
    range
        .take(MAX_EXTRAPOLATED)
        .filter(|&g| times[g].is_some())
        .last()
}

/// A usual speech rate (ms a word, 150 words a minute), and the range a
/// local rate is kept in.
const USUAL_MS: u32 = 400;
const FAST_MS: u32 = 150;
const SLOW_MS: u32 = 800;

/// The start of the words `range` (ms): from their first timed word, if
/// at most [`MAX_EXTRAPOLATED`] words in.
pub(crate) fn start_of(times: &[Option<u32>], range: std::ops::Range<usize>) -> Option<u32> {
    let from = range.start;
    let f = range
        .take(MAX_EXTRAPOLATED + 1)
        .find(|&i| times[i].is_some())?;
    let ahead = farthest(times, f + 1..times.len());
    let back = (f - from) as u32 * rate(times, f, ahead);
    Some(times[f]?.saturating_sub(back))
}

/// The end of the words `range` (ms): the end of their last timed word
/// plus the words after it, if at most [`MAX_EXTRAPOLATED`].
pub(crate) fn end_of(
    times: &[Option<u32>],
    heard: &Heard,
    pairs_at: &[u32],
    range: std::ops::Range<usize>,
) -> Option<u32> {
    let to = range.end;
    let l = range
        .rev()
        .take(MAX_EXTRAPOLATED + 1)
        .find(|&i| times[i].is_some())?;
    let t = times[l]?;
    let r = rate(times, l, farthest(times, (0..l).rev()));
    let own = match pairs_at[l] {
        u32::MAX => t.saturating_add(r),
        j => heard.until[j as usize],
    };
    Some(own.saturating_add((to - 1 - l) as u32 * r))
}
