//! The viewer's background work, in one queue: filling the turn list's
//! groups ([`Groups`], one group per task) and painting the search marks
//! away from the screen ([`Painter`], in slices of about 4 ms). Each runs in
//! a task of its own (`setTimeout(0)`), after the browser has handled input
//! and rendered; when both kinds wait, they take turns.
//!
//! One generation counts the plans of marks (a keystroke, a filter, a new
//! transcript): a new plan makes the tasks of the one before stop. Its marks
//! on screen are painted in the next frame, then one loop of tasks goes on
//! with the rest of them and with the groups still empty.
//!
//! The queue holds the groups and the painter, which never call each other:
//! it tells the painter which turns came into the page (filled by a task or
//! by [`State::reach`]), and the painter paints the marks that waited for
//! them.

use leptos::prelude::*;

use super::marks::Painter;
use super::turns::Groups;
use super::{Shown, State};
use crate::names::timing;
use crate::search::Hits;
use crate::web::dom;

/// The background work of a viewer and what it works on.
#[derive(Default)]
pub(super) struct Jobs {
    /// The turn list's groups: whether each is in the page yet (see
    /// [`super::TurnList`]).
    pub(super) groups: Groups,
    /// The search marks painted into the turns, and those still to paint.
    pub(super) painter: Painter,
    /// Bumped by every plan of marks: a task of an older one stops.
    generation: u64,
    /// Whether a task of this generation is waiting to run.
    queued: bool,
    /// Whether the next task paints rather than fills, when both wait.
    paint_next: bool,
}

impl Jobs {
    /// Plans the marks of `hits` on the transcript `shown`
    /// ([`Painter::plan`]), as a new generation: the tasks of the one
    /// before stop. Returns it.
    pub(super) fn plan(&mut self, shown: Option<&Shown>, hits: &Hits) -> u64 {
        self.painter.plan(shown, hits);
        self.generation += 1;
        self.queued = false;
        self.generation
    }

    /// Paints the marks of the turns on screen, and orders the rest by
    /// their distance from the screen; false if `generation` is not the
    /// queue's any more.
    fn paint_on_screen(&mut self, state: State, generation: u64) -> bool {
        if self.generation != generation {
            return false;
        }
        let height = dom::screen_height();
        let (from, to) = self.groups.on_screen(height);
        self.painter.prioritize(state, from, to, height);
        let left = self.painter.paint(state, true);
        if !left {
            marks_done();
        }
        true
    }

    /// One task's work: the marks that waited for groups filled since the
    /// last task go first; then a slice of painting, or one group filled.
    /// Whether there is more to do; `None` if `generation` is not the
    /// queue's any more.
    fn step(&mut self, state: State, generation: u64) -> Option<bool> {
        if self.generation != generation {
            return None;
        }
        self.paint_next = !self.paint_next;
        self.painter.wake(&self.groups.take_filled());
        let fills = self.groups.unfilled();
        let more = if self.painter.has_work() && (!self.paint_next || !fills) {
            let left = self.painter.paint(state, false);
            if !left {
                marks_done();
            }
            left || fills
        } else {
            self.groups.fill_next(state);
            self.groups.unfilled() || self.groups.has_filled()
        };
        self.queued = more;
        Some(more)
    }
}

/// Whether `generation` is still the queue's.
fn current(state: State, generation: u64) -> bool {
    state.jobs.try_with_value(|j| j.generation) == Some(generation)
}

/// After [`Jobs::plan`]: the marks of `generation` on the turns on screen
/// are painted in the next frame (a new transcript's turns are in the page
/// by then), and the rest in the background; `then` runs in a task after
/// that frame unless a newer plan came. Until that frame, the queue goes on
/// filling groups (even in a hidden tab, which has no frames), but paints
/// nothing.
pub(super) fn paint_planned(state: State, generation: u64, then: impl FnOnce() + 'static) {
    wake(state);
    dom::request_animation_frame(move || {
        if !state.alive() {
            return;
        }
        let painted = dom::timed(timing::PAINT, || {
            state
                .jobs
                .try_update_value(|j| j.paint_on_screen(state, generation))
        });
        if painted != Some(true) {
            return;
        }
        wake(state);
        dom::later(move || {
            if current(state, generation) {
                then();
            }
        });
    });
}

/// Makes sure a task runs the queue: there is new work (a new turn list to
/// fill, marks to paint).
pub(super) fn wake(state: State) {
    let start = state.jobs.try_update_value(|j| {
        let idle = !std::mem::replace(&mut j.queued, true);
        idle.then_some(j.generation)
    });
    if let Some(Some(generation)) = start {
        dom::later(move || run(state, generation));
    }
}

/// A task of the queue, and the next while there is work.
fn run(state: State, generation: u64) {
    if !state.alive() {
        return;
    }
    let more = state.jobs.try_update_value(|j| j.step(state, generation));
    if more == Some(Some(true)) {
        dom::later(move || run(state, generation));
    }
}

/// Every planned mark is painted.
fn marks_done() {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(timing::MARKS_DONE);
    }
}
