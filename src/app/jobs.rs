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
//! The turn list and the painter never call each other: the loop tells the
//! painter which turns came into the page (filled by the loop or by
//! [`State::reach`]), and the painter paints the marks that waited for them.

use leptos::prelude::*;

use super::State;
use super::marks::Painter;
use super::turns::Groups;
use crate::names::timing;
use crate::web::dom;

/// Milliseconds of painting per background task.
const SLICE_MS: f64 = 4.0;

/// The queue's state.
#[derive(Default)]
pub(super) struct Jobs {
    /// Bumped by every plan of marks: a task of an older one stops.
    generation: u64,
    /// Whether a task of this generation is waiting to run.
    queued: bool,
    /// Whether the next task paints rather than fills, when both wait.
    paint_next: bool,
}

/// Whether `generation` is still the queue's.
fn current(state: State, generation: u64) -> bool {
    state.jobs.try_with_value(|j| j.generation) == Some(generation)
}

/// After a new plan of marks ([`Painter::plan`]): a new generation, whose
/// marks on the turns on screen are painted in the next frame (a new
/// transcript's turns are in the page by then), and the rest in the
/// background; `then` runs in a task after that frame unless a newer plan
/// came.
pub(super) fn paint_planned(state: State, then: impl FnOnce() + 'static) {
    let Some(generation) = state.jobs.try_update_value(|j| {
        j.generation += 1;
        j.queued = false;
        j.generation
    }) else {
        return;
    };
    dom::request_animation_frame(move || {
        if !state.alive() || !current(state, generation) {
            return;
        }
        dom::timed(timing::PAINT, || {
            let (from, to) = state
                .groups
                .try_with_value(Groups::on_screen)
                .unwrap_or_default();
            state.painter.update_value(|p| p.prioritize(from, to));
            paint(state, |n, _| (from..=to).contains(&n));
        });
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

/// One task of the queue: the marks that waited for groups filled since the
/// last one go first; then a slice of painting or one group filled; then
/// the next task, while there is work.
fn run(state: State, generation: u64) {
    if !state.alive() {
        return;
    }
    let turn = state.jobs.try_update_value(|j| {
        (j.generation == generation).then(|| {
            j.paint_next = !j.paint_next;
            !j.paint_next
        })
    });
    let Some(Some(paint_now)) = turn else { return };
    let filled = state
        .groups
        .try_update_value(Groups::take_filled)
        .unwrap_or_default();
    if !filled.is_empty() {
        state.painter.update_value(|p| p.wake(&filled));
    }
    let paints = state
        .painter
        .try_with_value(Painter::has_work)
        .unwrap_or(false);
    let fills = state
        .groups
        .try_with_value(Groups::unfilled)
        .unwrap_or(false);
    if paints && (paint_now || !fills) {
        let clock = web_sys::window().and_then(|w| w.performance());
        let now = || clock.as_ref().map_or(0.0, |c| c.now());
        let start = now();
        paint(state, |_, done| done == 0 || now() - start <= SLICE_MS);
    } else if fills {
        let _ = state.groups.try_update_value(|g| g.fill_next(state));
    }
    let more = state
        .painter
        .try_with_value(Painter::has_work)
        .unwrap_or(false)
        || state
            .groups
            .try_with_value(|g| g.unfilled() || g.has_filled())
            .unwrap_or(false);
    if more {
        dom::later(move || run(state, generation));
    } else {
        state.jobs.update_value(|j| j.queued = false);
    }
}

/// Paints planned paragraphs while `go(turn, painted so far)` says so, and
/// marks `floor:marks-done` once none is left.
fn paint(state: State, go: impl FnMut(u32, usize) -> bool) {
    let left = state.shown.with_untracked(|shown| {
        let shown = shown.as_ref()?;
        state
            .painter
            .try_update_value(|p| p.paint(state, &shown.transcript, go))
    });
    if left != Some(true)
        && let Some(p) = web_sys::window().and_then(|w| w.performance())
    {
        let _ = p.mark(timing::MARKS_DONE);
    }
}
