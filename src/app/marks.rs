//! The search's `<mark>`s in the page: which each paragraph has, and the
//! paragraphs to draw again so that they have the marks of the hits. The
//! background work of bringing them in step runs in [`super::jobs`].

use std::collections::VecDeque;

use super::{State, paragraph};
use crate::model::Transcript;
use crate::search::Hits;

/// A paragraph, as `(turn, paragraph index)`.
type Key = (u32, usize);

/// The `<mark>`s painted into the paragraphs, and the repaints that bring
/// them in step with the hits: the paragraphs on screen first, then those
/// after them, then those before, nearest first, so a keystroke never waits
/// for thousands of marks far away.
#[derive(Default)]
pub(super) struct Painter {
    /// Which transcript the marks are painted on ([`super::Shown::id`]; a
    /// new one comes unmarked).
    transcript: Option<u64>,
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
    /// Plans the repaints that bring the marks of transcript `t` (with its
    /// [`super::Shown::id`]) to those of `hits`: one walk over the
    /// transcript's paragraphs, in order, beside the hits.
    pub(super) fn plan(&mut self, t: Option<(u64, &Transcript)>, hits: &Hits) {
        let id = t.map(|(id, _)| id);
        if self.transcript != id {
            self.transcript = id;
            self.first = vec![0];
            let mut total = 0;
            for turn in t.map_or(&[][..], |(_, t)| &t.turns[..]) {
                total += turn.paragraphs.len() as u32;
                self.first.push(total);
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
    pub(super) fn repaint(
        &mut self,
        state: State,
        t: &Transcript,
        key: Key,
        marks: &[(usize, usize)],
    ) {
        let Some(slot) = self.slot(key) else { return };
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

    /// Repaints the planned paragraphs, in order, while `go(turn, painted
    /// so far)` says so; whether some are left.
    pub(super) fn paint(
        &mut self,
        state: State,
        t: &Transcript,
        mut go: impl FnMut(u32, usize) -> bool,
    ) -> bool {
        let mut done = 0;
        while self.ordered
            && let Some(&((n, _), _)) = self.todo.front()
            && go(n, done)
        {
            let Some((key, marks)) = self.todo.pop_front() else {
                break;
            };
            self.repaint(state, t, key, &marks);
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
