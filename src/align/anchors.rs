//! Anchors: runs of words the two sides share that cannot be mistaken,
//! and the one order they agree on. Like patience diff, the alignment
//! starts from what occurs exactly once on each side:
//!
//! 1. every n-gram of [`ANCHOR_WORDS`](super::ANCHOR_WORDS) words that
//!    occurs exactly once in the transcript and once in the captions is a
//!    candidate;
//! 2. the longest chain of candidates in the same order on both sides (a
//!    longest increasing subsequence, O(n log n)) are the anchors; the
//!    others (a phrase said twice, once left out) are dropped;
//! 3. between two anchors, the same again inside the gap (what is unique
//!    in a stretch is more than what is unique in the whole), with shorter
//!    n-grams when longer ones find nothing, until a gap is small enough
//!    for [`band`](super::band) to align word by word.
//!
//! Every step is linear or n log n in the words it looks at, and a gap
//! never goes deeper than [`MAX_DEPTH`](super::MAX_DEPTH) levels, so a
//! day-long meeting aligns in a few passes over its words.

use std::collections::HashMap;

use super::{ANCHOR_WORDS, DP_CELLS, MAX_DEPTH, RUN_SLACK, band};
use crate::text::hash::Hashed;

/// What aligning two sequences of word ids found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Matched words: (transcript position, caption position), both
    /// increasing.
    pub(crate) pairs: Vec<[u32; 2]>,
    /// The first pass's candidates (n-grams of the whole unique on both
    /// sides), and how many of them are in its chain: the anchors.
    pub(crate) candidates: usize,
    pub(crate) anchors: usize,
}

/// Aligns the words `a` (the transcript's) with `b` (the captions').
pub(crate) fn align(a: &[u32], b: &[u32]) -> Found {
    let (chain, candidates) = chain(a, b, [0, a.len()], [0, b.len()], ANCHOR_WORDS);
    let mut found = Found {
        anchors: chain.len(),
        candidates,
        ..Found::default()
    };
    drop(chain);
    solve(a, b, [0, a.len()], [0, b.len()], 0, &mut found);
    found
}

/// Aligns `a[ra]` with `b[rb]`, pushing the pairs onto `found` in order.
fn solve(
    a: &[u32],
    b: &[u32],
    [mut i0, mut i1]: [usize; 2],
    [mut j0, mut j1]: [usize; 2],
    depth: usize,
    found: &mut Found,
) {
    let (n, m) = (i1 - i0, j1 - j0);
    if n == 0 || m == 0 {
        return;
    }
    let small = n.saturating_mul(m) <= DP_CELLS;
    if unbalanced(n, m) {
        // A stretch one side does not have (a cut, a break in the
        // captioning): where the other side's few words go in it cannot
        // be told word by word, only by anchors.
        if !small {
            anchored(a, b, [i0, i1], [j0, j1], depth, found);
        }
        return;
    }
    // Equal words at both ends match as they are.
    while i0 < i1 && j0 < j1 && a[i0] == b[j0] {
        found.pairs.push([i0 as u32, j0 as u32]);
        (i0, j0) = (i0 + 1, j0 + 1);
    }
    let mut tail = 0;
    while i0 < i1 - tail && j0 < j1 - tail && a[i1 - tail - 1] == b[j1 - tail - 1] {
        tail += 1;
    }
    (i1, j1) = (i1 - tail, j1 - tail);
    if i1 > i0 && j1 > j0 && (small || !anchored(a, b, [i0, i1], [j0, j1], depth, found)) {
        band::lcs(&a[i0..i1], &b[j0..j1], [i0, j0], &mut found.pairs);
    }
    for d in (0..tail).rev() {
        found
            .pairs
            .push([(i1 + tail - 1 - d) as u32, (j1 + tail - 1 - d) as u32]);
    }
}

/// Whether one side of a gap is far longer than the other: more than
/// twice as long and [`RUN_SLACK`](super::RUN_SLACK) words.
pub(crate) fn unbalanced(n: usize, m: usize) -> bool {
    n > 2 * m + RUN_SLACK || m > 2 * n + RUN_SLACK
}

/// Finds anchors in `a[ra]` and `b[rb]` (n-grams of
/// [`ANCHOR_WORDS`](super::ANCHOR_WORDS) words, else fewer) and aligns
/// between them; false if there are none.
fn anchored(
    a: &[u32],
    b: &[u32],
    [i0, i1]: [usize; 2],
    [j0, j1]: [usize; 2],
    depth: usize,
    found: &mut Found,
) -> bool {
    if depth >= MAX_DEPTH {
        return false;
    }
    for k in (1..=ANCHOR_WORDS).rev() {
        let (chain, _) = chain(a, b, [i0, i1], [j0, j1], k);
        if chain.is_empty() {
            continue;
        }
        let (mut ci, mut cj) = (i0, j0);
        for [i, j] in chain {
            let (mut i, mut j) = (i as usize, j as usize);
            // Anchors that overlap the one before: only what is past it.
            let skip = ci.saturating_sub(i).max(cj.saturating_sub(j));
            if skip >= k {
                continue;
            }
            (i, j) = (i + skip, j + skip);
            solve(a, b, [ci, i], [cj, j], depth + 1, found);
            for d in 0..k - skip {
                found.pairs.push([(i + d) as u32, (j + d) as u32]);
            }
            (ci, cj) = (i + k - skip, j + k - skip);
        }
        solve(a, b, [ci, i1], [cj, j1], depth + 1, found);
        return true;
    }
    false
}

/// The hash of the `k` words from `s[at]`.
fn gram(s: &[u32], at: usize, k: usize) -> u64 {
    s[at..at + k].iter().fold(0x9E37_79B9_7F4A_7C15, |h, &w| {
        (h.rotate_left(21) ^ u64::from(w)).wrapping_mul(0x517C_C1B7_2722_0A95)
    })
}

/// The n-grams of `k` words found once in `a[ra]` and once in `b[rb]`,
/// (position in `a`, position in `b`), and the longest chain of them in
/// the same order on both sides; with how many there were.
fn chain(
    a: &[u32],
    b: &[u32],
    [i0, i1]: [usize; 2],
    [j0, j1]: [usize; 2],
    k: usize,
) -> (Vec<[u32; 2]>, usize) {
    if i1 - i0 < k || j1 - j0 < k {
        return (Vec::new(), 0);
    }
    // Per n-gram: its count and position on each side.
    let mut grams: HashMap<u64, [u32; 4], Hashed> =
        HashMap::with_capacity_and_hasher(i1 - i0, Hashed);
    for i in i0..=i1 - k {
        let e = grams.entry(gram(a, i, k)).or_insert([0, 0, 0, 0]);
        e[0] += 1;
        e[1] = i as u32;
    }
    for j in j0..=j1 - k {
        if let Some(e) = grams.get_mut(&gram(b, j, k)) {
            e[2] += 1;
            e[3] = j as u32;
        }
    }
    // Candidates in the transcript's order, checked word by word (two
    // n-grams can share a hash).
    let mut candidates = Vec::new();
    for i in i0..=i1 - k {
        if let Some(&[1, _, 1, j]) = grams.get(&gram(a, i, k))
            && a[i..i + k] == b[j as usize..j as usize + k]
        {
            candidates.push([i as u32, j]);
        }
    }
    drop(grams);
    let n = candidates.len();
    (increasing(&candidates), n)
}

/// The longest chain of `pairs` (ordered by their first number) whose
/// second numbers increase too: patience sorting, O(n log n).
pub(crate) fn increasing(pairs: &[[u32; 2]]) -> Vec<[u32; 2]> {
    // tails[l]: the pair ending the best chain of length l + 1 so far.
    let mut tails: Vec<u32> = Vec::new();
    let mut before = vec![u32::MAX; pairs.len()];
    for (p, &[_, j]) in pairs.iter().enumerate() {
        let l = tails.partition_point(|&t| pairs[t as usize][1] < j);
        if l > 0 {
            before[p] = tails[l - 1];
        }
        if l == tails.len() {
            tails.push(p as u32);
        } else {
            tails[l] = p as u32;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied().unwrap_or(u32::MAX);
    while at != u32::MAX {
        chain.push(pairs[at as usize]);
        at = before[at as usize];
    }
    chain.reverse();
    chain
}

/// The pairs backed by their neighbours: a matched word is kept when at
/// least `need` other matches within [`SUPPORT_WINDOW`](super::SUPPORT_WINDOW)
/// words of it on the transcript's side sit on nearly the same diagonal
/// (a word or two left out or added between). Two unrelated texts share
/// many common words ("the", "and") that a word-by-word alignment pairs
/// up; they are scattered, and this leaves them out.
pub(crate) fn supported(pairs: &[[u32; 2]], need: usize) -> Vec<[u32; 2]> {
    use super::{SUPPORT_SHIFT, SUPPORT_WINDOW};
    let diagonal = |p: [u32; 2]| i64::from(p[1]) - i64::from(p[0]);
    let mut kept = Vec::with_capacity(pairs.len());
    let mut lo = 0;
    for (x, &p) in pairs.iter().enumerate() {
        while pairs[lo][0] + SUPPORT_WINDOW < p[0] {
            lo += 1;
        }
        let d = diagonal(p);
        let near = pairs[lo..]
            .iter()
            .enumerate()
            .take_while(|(_, q)| q[0] <= p[0] + SUPPORT_WINDOW)
            .filter(|&(y, q)| lo + y != x && (diagonal(*q) - d).abs() <= SUPPORT_SHIFT)
            .count();
        if near >= need {
            kept.push(p);
        }
    }
    kept
}

/// The pairs without the short runs stranded by a stretch one side does
/// not have: where the captions pause for more than
/// [`GAP_MS`](super::GAP_MS) or the transcript jumps far ahead of them
/// (an unbalanced gap, as at a cut), the matches between two such breaks
/// are a run; a run of at most [`SHORT_RUN`](super::SHORT_RUN) matches
/// next to a jump is a common phrase ("thank you") matched on the wrong
/// side of the cut, and is left out.
pub(crate) fn coherent(pairs: Vec<[u32; 2]>, at: &[u32]) -> Vec<[u32; 2]> {
    use super::{GAP_MS, SHORT_RUN};
    // Between pairs k - 1 and k: 0 none, 1 a pause, 2 a jump.
    let breaks: Vec<u8> = (0..pairs.len())
        .map(|k| {
            let Some(p) = k.checked_sub(1).map(|k| pairs[k]) else {
                return 1;
            };
            let q = pairs[k];
            let (di, dj) = ((q[0] - p[0] - 1) as usize, (q[1] - p[1] - 1) as usize);
            if unbalanced(di, dj) {
                2
            } else if at[q[1] as usize].saturating_sub(at[p[1] as usize]) > GAP_MS {
                1
            } else {
                0
            }
        })
        .collect();
    let mut kept = Vec::with_capacity(pairs.len());
    let mut start = 0;
    while start < pairs.len() {
        let end = (start + 1..pairs.len())
            .find(|&k| breaks[k] != 0)
            .unwrap_or(pairs.len());
        let jump = breaks[start] == 2 || breaks.get(end) == Some(&2);
        if !(jump && end - start <= SHORT_RUN) {
            kept.extend_from_slice(&pairs[start..end]);
        }
        start = end;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_increasing_chain() {
        let pairs = [[0, 5], [1, 1], [2, 2], [3, 9], [4, 3], [5, 4]];
        assert_eq!(increasing(&pairs), [[1, 1], [2, 2], [4, 3], [5, 4]]);
        assert!(increasing(&[]).is_empty());
    }

    #[test]
    fn anchors_survive_errors_and_a_phrase_out_of_place() {
        let a: Vec<u32> = (0..200).collect();
        let mut b: Vec<u32> = (0..200)
            .map(|w| if w % 5 == 0 { 1000 + w } else { w })
            .collect();
        b.splice(100..100, [10, 11, 12]);
        let f = align(&a, &b);
        assert!(
            f.pairs
                .windows(2)
                .all(|w| w[0][0] < w[1][0] && w[0][1] < w[1][1])
        );
        assert!(f.pairs.len() >= 155, "{}", f.pairs.len());
        assert!(f.pairs.contains(&[151, 154]));
    }
}
