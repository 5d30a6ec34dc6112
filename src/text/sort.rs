//! One sort for the whole crate.
//!
//! `slice::sort*` is generic: each element type and comparator gets its own
//! copy of a large, fast sort, 2–5 KB of WebAssembly each. These functions
//! sort a list of positions with one small merge sort, then move the elements
//! into that order: a little slower, much smaller.
//!
//! ```
//! let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
//! floor::text::sort::sort_by_key(&mut v, |p| p.0);
//! assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]); // stable
//! ```

use std::cmp::Ordering;

/// Sorts `v` by `compare`, stably (equal elements keep their order).
pub fn sort_by<T>(v: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = positions(v.len(), &|a, b| compare(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `v` by the key `key` gives each element, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// `0..n` sorted by `compare` on positions: the one sort, a bottom-up merge
/// sort (stable, `n log n` comparisons, a few hundred bytes of WebAssembly
/// where the standard library's sort is several kilobytes).
fn positions(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let middle = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right) = (start, middle);
            for slot in &mut merged[start..end] {
                // The left run's element first when they are equal: stable.
                let from_right = left == middle
                    || (right < end && compare(order[right], order[left]) == Ordering::Less);
                if from_right {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 7u32;
        for n in [0, 1, 2, 3, 10, 100, 1000] {
            let v: Vec<(u32, usize)> = (0..n)
                .map(|i| {
                    seed = crate::text::lcg(seed);
                    (seed % 17, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "n = {n}");
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| b.cmp(a));
            let mut std = v;
            std.sort_by(|a, b| b.cmp(a));
            assert_eq!(ours, std, "n = {n}, reversed");
        }
    }
}
