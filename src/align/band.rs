//! Word by word between two anchors: the longest common subsequence of
//! the two stretches, by dynamic programming over a band of the table.
//!
//! The table never holds more than [`DP_CELLS`](super::DP_CELLS) cells
//! (a byte each, the way back): a gap small enough gets the whole table,
//! a larger one (no anchors found inside it) only a band around its
//! diagonal, as wide as the cap allows. Two stretches of one talk run
//! along the diagonal; what the band leaves out stays unmatched, which
//! only costs coverage, never a wrong time.

use super::DP_CELLS;

/// The way back from a cell.
const DIAGONAL: u8 = 1;
const UP: u8 = 2;
const LEFT: u8 = 3;

/// Pushes onto `out` the pairs of a longest common subsequence of `a` and
/// `b` (as positions offset by `at`), in order; within a band around the
/// diagonal when the whole table would pass the cap.
pub(crate) fn lcs(a: &[u32], b: &[u32], at: [usize; 2], out: &mut Vec<[u32; 2]>) {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return;
    }
    // Row i (1..=n) covers columns lo[i]..=hi[i] (1..=m), both never
    // decreasing.
    let half = (DP_CELLS / n / 2).max(1);
    let full = n.saturating_mul(m) <= DP_CELLS;
    let bounds = |i: usize| -> [usize; 2] {
        if full {
            return [1, m];
        }
        let centre = i * m / n;
        [centre.saturating_sub(half).max(1), (centre + half).min(m)]
    };
    let mut rows = Vec::with_capacity(n + 1);
    let mut ways: Vec<u8> = Vec::new();
    let (mut before, mut now): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    let mut prev = [1, 0]; // row 0: empty, every value 0
    for i in 1..=n {
        let [lo, hi] = bounds(i);
        rows.push((ways.len(), lo, hi));
        now.clear();
        // H(i - 1, j): a lower bound outside the row's band.
        let up = |j: usize, before: &[u32]| -> u32 {
            let [plo, phi] = prev;
            if j < plo || j == 0 || before.is_empty() {
                0
            } else {
                before[j.min(phi) - plo]
            }
        };
        for j in lo..=hi {
            let diagonal = up(j - 1, &before);
            let over = up(j, &before);
            let left = if j > lo {
                now[j - 1 - lo]
            } else {
                up(j - 1, &before)
            };
            let (value, way) = if a[i - 1] == b[j - 1] {
                (diagonal + 1, DIAGONAL)
            } else if over >= left {
                (over, UP)
            } else {
                (left, LEFT)
            };
            now.push(value);
            ways.push(way);
        }
        prev = [lo, hi];
        std::mem::swap(&mut before, &mut now);
    }
    // Back from the last row's last cell.
    let start = out.len();
    let (mut i, mut j) = (n, rows[n - 1].2);
    while i > 0 && j > 0 {
        let (base, lo, hi) = rows[i - 1];
        if j > hi {
            j = hi;
            continue;
        }
        if j < lo {
            i -= 1;
            continue;
        }
        match ways[base + j - lo] {
            DIAGONAL => {
                out.push([(at[0] + i - 1) as u32, (at[1] + j - 1) as u32]);
                (i, j) = (i - 1, j - 1);
            }
            UP => i -= 1,
            _ => j -= 1,
        }
    }
    out[start..].reverse();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(a: &[u32], b: &[u32]) -> Vec<[u32; 2]> {
        let mut out = Vec::new();
        lcs(a, b, [0, 0], &mut out);
        out
    }

    #[test]
    fn a_longest_common_subsequence() {
        assert_eq!(
            pairs(&[1, 2, 3, 4], &[1, 3, 4, 5]),
            [[0, 0], [2, 1], [3, 2]]
        );
        assert!(pairs(&[1], &[2]).is_empty());
        assert_eq!(pairs(&[7, 7, 7], &[7]).len(), 1);
    }

    #[test]
    fn a_band_when_the_table_is_too_large() {
        let n = DP_CELLS / 100;
        let a: Vec<u32> = (0..n as u32).collect();
        let b: Vec<u32> = (0..n as u32)
            .map(|w| if w % 7 == 0 { u32::MAX } else { w })
            .collect();
        let p = pairs(&a, &b);
        assert_eq!(p.len(), n - n.div_ceil(7));
        assert!(p.windows(2).all(|w| w[0][0] < w[1][0] && w[0][1] < w[1][1]));
    }
}
