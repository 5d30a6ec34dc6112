//! The search's `<mark>`s in the page: which each paragraph has, and the
//! parts of paragraphs to draw again so that they have the marks of the
//! hits (a paragraph, or a chunk of a long one: [`paragraph::Part`]). The
//! background work of bringing them in step runs in [`super::jobs`].

use std::sync::Arc;

use super::paragraph::{self, Part};
use super::{Shown, State};
use crate::model::Transcript;
use crate::search::Hits;
use crate::view::{self, Span};

/// Milliseconds of painting per background task.
const SLICE_MS: f64 = 4.0;

/// A repaint: the part, its byte range in its paragraph, and the marks
/// `(start, end)` it should get (those that touch it).
type Repaint = (Part, Span, Vec<Span>);

/// The `<mark>`s painted into the paragraphs, and the repaints that bring
/// them in step with the hits: the parts on screen first, then those after
/// them, then those before, nearest first, so a keystroke never waits for
/// thousands of marks far away.
#[derive(Default)]
pub(super) struct Painter {
    /// The transcript the marks are painted on, with its [`Shown::id`] (a
    /// new one comes unmarked).
    transcript: Option<(u64, Arc<Transcript>)>,
    /// Where each turn's paragraphs start in `painted`, by turn (from turn
    /// 1), then their total.
    first: Vec<u32>,
    /// Marks `(start, end)` painted now, by paragraph, in transcript order,
    /// then by part (none past the end).
    painted: Vec<Vec<Vec<Span>>>,
    /// Parts still to repaint: in the order of the page until
    /// [`Painter::prioritize`], then the next one last.
    todo: Vec<Repaint>,
    /// Whether `todo` is in the order of the screen yet ([`Painter::prioritize`]):
    /// until then, nothing is painted from it.
    ordered: bool,
    /// How many parts at the end of `todo` (the next ones) are on screen.
    urgent: usize,
    /// Parts to repaint that are not in the page yet (their group of turns
    /// is not filled): repainted when it is, by [`Painter::wake`].
    waiting: Vec<Repaint>,
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
            self.painted.clear();
            self.painted.resize_with(total as usize, Vec::new);
        }
        self.waiting.clear();
        let mut todo = Vec::new();
        let mut turns = hits.turns.iter().peekable();
        let transcript = self.transcript.as_ref().map(|t| t.1.clone());
        let t = transcript.as_deref();
        for (turn, w) in t.iter().flat_map(|t| &t.turns).zip(self.first.windows(2)) {
            let n = turn.n;
            while turns.next_if(|h| h.n < n).is_some() {}
            // The turn's marks, by paragraph and in order.
            let mut rest = turns
                .next_if(|h| h.n == n)
                .map_or(&[][..], |h| &h.marks[..]);
            for p in 0..(w[1] - w[0]) as usize {
                let (here, after) = rest.split_at(rest.iter().take_while(|m| m[0] == p).count());
                rest = after;
                let now = &self.painted[w[0] as usize + p];
                if here.is_empty() && now.iter().all(Vec::is_empty) {
                    continue;
                }
                let here: Vec<_> = here.iter().map(|m| (m[1], m[2])).collect();
                for (c, (range, marks)) in view::parts(
                    t.and_then(|t| t.paragraph(turn, p)).unwrap_or_default(),
                    &here,
                )
                .into_iter()
                .enumerate()
                {
                    if now.get(c).map_or(&[][..], Vec::as_slice) != marks {
                        todo.push(((n, p, c), range, marks.to_vec()));
                    }
                }
            }
        }
        self.todo = todo;
        self.ordered = false;
    }

    /// Where paragraph `(n, p)`'s marks are kept in `painted`.
    fn slot(&self, n: u32, p: usize) -> Option<usize> {
        let i = (n as usize).checked_sub(1)?;
        let (first, end) = (
            *self.first.get(i)? as usize,
            *self.first.get(i + 1)? as usize,
        );
        (first + p < end).then_some(first + p)
    }

    /// Brings part `part` (bytes `range` of its paragraph) to `marks`,
    /// unless it has them already (say, painted ahead of its turn for the
    /// current match), or draws it again with mark `current` of them marked
    /// current, and returns that mark's `<mark>`s.
    pub(super) fn repaint(
        &mut self,
        state: State,
        part: Part,
        range: Span,
        marks: &[Span],
        current: Option<usize>,
    ) -> Vec<web_sys::Element> {
        let (n, p, c) = part;
        let (Some(slot), Some((_, t))) = (self.slot(n, p), &self.transcript) else {
            return Vec::new();
        };
        let now = &mut self.painted[slot];
        if current.is_none() && now.get(c).map_or(&[][..], Vec::as_slice) == marks {
            return Vec::new();
        }
        let Some(found) = paragraph::redraw(state, t, part, range, marks, current) else {
            self.waiting.push((part, range, marks.to_vec()));
            return Vec::new();
        };
        if now.len() <= c {
            now.resize_with(c + 1, Vec::new);
        }
        now[c] = marks.to_vec();
        // A quote opened keeps its marks.
        super::quote::paint(state, Some((n, p)));
        found
    }

    /// Puts first the parts on screen: those of turns `from..=to`, but of a
    /// paragraph drawn in chunks only the chunks on a screen of `height`;
    /// then those after, then those before (nearest first). Painting may
    /// start.
    pub(super) fn prioritize(&mut self, state: State, from: u32, to: u32, height: f64) {
        // In the order of the page (`todo` is in that order until now), those
        // before the screen, then those on it, then those after: counted.
        let (mut before, mut now) = (0, 0);
        // The chunks on screen of the last paragraph in chunks looked at.
        let mut seen = ((0, 0), (0, 0));
        for &((n, p, c), _, _) in &self.todo {
            let chunked = (from..=to).contains(&n)
                && self.transcript.as_ref().is_some_and(|(_, t)| {
                    t.turns
                        .get(n as usize - 1)
                        .and_then(|turn| t.paragraph(turn, p))
                        .is_some_and(view::in_chunks)
                });
            if chunked && seen.0 != (n, p) {
                seen = ((n, p), paragraph::on_screen(state, (n, p), height));
            }
            let (lo, hi) = if chunked { seen.1 } else { (0, usize::MAX) };
            if n < from || c < lo {
                before += 1;
            } else if n <= to && c < hi {
                now += 1;
            }
        }
        // The next one last: those on screen, those after, those before
        // from the nearest.
        self.todo[before..].reverse();
        self.urgent = now;
        self.ordered = true;
    }

    /// Whether parts wait to be painted, in order.
    pub(super) fn has_work(&self) -> bool {
        self.ordered && !self.todo.is_empty()
    }

    /// Repaints the planned parts, in order: those on screen all at once
    /// (`on_screen`), or else a slice of [`SLICE_MS`]. Whether some are
    /// left.
    pub(super) fn paint(&mut self, state: State, on_screen: bool) -> bool {
        let clock = web_sys::window().and_then(|w| w.performance());
        let now = || clock.as_ref().map_or(0.0, |c| c.now());
        let start = now();
        let mut done = 0;
        while self.ordered && !self.todo.is_empty() {
            let go = if on_screen {
                done < self.urgent
            } else {
                done == 0 || now() - start <= SLICE_MS
            };
            if !go {
                break;
            }
            let Some((part, range, marks)) = self.todo.pop() else {
                break;
            };
            self.repaint(state, part, range, &marks, None);
            done += 1;
        }
        self.urgent = 0;
        !self.todo.is_empty()
    }

    /// Puts first the parts that waited for turns `(first, last)` of
    /// `filled` to be in the page.
    pub(super) fn wake(&mut self, filled: &[(u32, u32)]) {
        let (now, still): (Vec<_>, Vec<_>) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|((n, ..), ..)| filled.iter().any(|&(a, b)| (a..=b).contains(n)));
        self.waiting = still;
        self.todo.extend(now.into_iter().rev());
    }
}
