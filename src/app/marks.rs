//! The search's `<mark>`s in the page: which each paragraph has, and the
//! paragraphs to draw again so that they have the marks of the hits. The
//! background work of bringing them in step runs in [`super::jobs`].

use std::collections::VecDeque;
use std::sync::Arc;

use super::{Shown, State, paragraph};
use crate::model::Transcript;
use crate::search::Hits;

/// Milliseconds of painting per background task.
const SLICE_MS: f64 = 4.0;

/// A paragraph, as `(turn, paragraph index)`.
type Key = (u32, usize);

/// The `<mark>`s painted into the paragraphs, and the repaints that bring
/// them in step with the hits: the paragraphs on screen first, then those
/// after them, then those before, nearest first, so a keystroke never waits
/// for thousands of marks far away.
#[derive(Default)]
pub(super) struct Painter {
    /// The transcript the marks are painted on, with its [`Shown::id`] (a
    /// new one comes unmarked).
    transcript: Option<(u64, Arc<Transcript>)>,
    /// Where each turn's paragraphs start in `painted`, by turn (from turn
    /// 1), then their total.
    first: Vec<u32>,
    /// Marks `(start, end)` painted now, by paragraph, in transcript order
    /// (empty: none).
    painted: Vec<Vec<(usize, usize)>>,
    /// Paragraphs still to repaint, with the marks they should get.
    todo: VecDeque<(Key, Vec<(usize, usize)>)>,
    /// Whether `todo` is in the order of the screen yet ([`Painter::prioritize`]):
    /// until then, nothing is painted from it.
    ordered: bool,
    /// Paragraphs to repaint that are not in the page yet (their group of
    /// turns is not filled): repainted when it is, by [`Painter::wake`].
    waiting: Vec<(Key, Vec<(usize, usize)>)>,
}

impl Painter {
    /// Plans the repaints that bring the marks of the transcript `shown` to
    /// those of `hits`: one walk over the transcript's paragraphs, in order,
    /// beside the hits.
    pub(super) fn plan(&mut self, shown: Option<&Shown>, hits: &Hits) {
        if self.transcript.as_ref().map(|t| t.0) != shown.map(|s| s.id) {
            self.transcript = shown.map(|s| (s.id, s.transcript.clone()));
            self.first = vec![0];
            let mut total = 0;
            if let Some(s) = shown {
                for turn in &s.transcript.turns {
                    total += s.transcript.paragraphs(turn).len() as u32;
                    self.first.push(total);
                }
            }
            self.painted = vec![Vec::new(); total as usize];
        }
        self.waiting.clear();
        let mut todo = VecDeque::new();
        let mut turns = hits.turns.iter().peekable();
        for (i, w) in self.first.windows(2).enumerate() {
            let n = i as u32 + 1;
            while turns.next_if(|h| h.n < n).is_some() {}
            // The turn's marks, by paragraph and in order.
            let mut rest = turns
                .next_if(|h| h.n == n)
                .map_or(&[][..], |h| &h.marks[..]);
            for p in 0..(w[1] - w[0]) as usize {
                let (here, after) = rest.split_at(rest.iter().take_while(|m| m[0] == p).count());
                rest = after;
                let now = &self.painted[w[0] as usize + p];
                let same = now.len() == here.len()
                    && now.iter().zip(here).all(|(&a, m)| a == (m[1], m[2]));
                if !same {
                    todo.push_back(((n, p), here.iter().map(|m| (m[1], m[2])).collect()));
                }
            }
        }
        self.todo = todo;
        self.ordered = false;
    }

    /// Where paragraph `(n, p)`'s marks are kept in `painted`.
    fn slot(&self, (n, p): Key) -> Option<usize> {
        let i = (n as usize).checked_sub(1)?;
        let (first, end) = (
            *self.first.get(i)? as usize,
            *self.first.get(i + 1)? as usize,
        );
        (first + p < end).then_some(first + p)
    }

    /// Brings paragraph `key` to `marks`, unless it has them already (say,
    /// painted ahead of its turn for the current match).
    pub(super) fn repaint(&mut self, state: State, key: Key, marks: &[(usize, usize)]) {
        let Some(slot) = self.slot(key) else { return };
        let Some((_, t)) = &self.transcript else {
            return;
        };
        if self.painted[slot] == marks {
            return;
        }
        if !paragraph::redraw(state, t, key, marks) {
            self.waiting.push((key, marks.to_vec()));
            return;
        }
        self.painted[slot] = marks.to_vec();
    }

    /// Puts the paragraphs of turns `from..=to` first, then those after, then
    /// those before (nearest first); painting may start.
    pub(super) fn prioritize(&mut self, from: u32, to: u32) {
        let todo: Vec<_> = std::mem::take(&mut self.todo).into();
        let (before, rest): (Vec<_>, Vec<_>) = todo.into_iter().partition(|t| t.0.0 < from);
        let (inside, after): (Vec<_>, Vec<_>) = rest.into_iter().partition(|t| t.0.0 <= to);
        self.todo = inside
            .into_iter()
            .chain(after)
            .chain(before.into_iter().rev())
            .collect();
        self.ordered = true;
    }

    /// Whether paragraphs wait to be painted, in order.
    pub(super) fn has_work(&self) -> bool {
        self.ordered && !self.todo.is_empty()
    }

    /// Repaints the planned paragraphs, in order: those of the turns in
    /// `urgent` (a range of turn numbers) all at once, or else a slice of
    /// [`SLICE_MS`]. Whether some are left.
    pub(super) fn paint(&mut self, state: State, urgent: Option<(u32, u32)>) -> bool {
        let clock = web_sys::window().and_then(|w| w.performance());
        let now = || clock.as_ref().map_or(0.0, |c| c.now());
        let start = now();
        let mut done = 0;
        while self.ordered
            && let Some(&((n, _), _)) = self.todo.front()
        {
            let go = match urgent {
                Some((from, to)) => (from..=to).contains(&n),
                None => done == 0 || now() - start <= SLICE_MS,
            };
            if !go {
                break;
            }
            let Some((key, marks)) = self.todo.pop_front() else {
                break;
            };
            self.repaint(state, key, &marks);
            done += 1;
        }
        !self.todo.is_empty()
    }

    /// Puts first the paragraphs that waited for turns `(first, last)` of
    /// `filled` to be in the page.
    pub(super) fn wake(&mut self, filled: &[(u32, u32)]) {
        let (now, still): (Vec<_>, Vec<_>) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|((n, _), _)| filled.iter().any(|&(a, b)| (a..=b).contains(n)));
        self.waiting = still;
        for item in now.into_iter().rev() {
            self.todo.push_front(item);
        }
    }
}
