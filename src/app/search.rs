//! Search in the page: the field, the live count, the results list, and the
//! `<mark>` highlights.
//!
//! The matching is the core's ([`crate::search`]). Highlights are painted
//! straight into the paragraphs that change, as text nodes and `<mark>`
//! elements (never HTML), so a keystroke touches only the paragraphs whose
//! marks differ instead of re-rendering the transcript.

use std::collections::VecDeque;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::State;
use crate::link::Anchor;
use crate::model::Transcript;
use crate::search::Hits;
use crate::view;
use crate::web::dom;

/// Most rows in the results list; the count says how many turns there are.
const MAX_ROWS: usize = 200;

/// The search field, with the live count of matches.
#[component]
pub fn SearchField() -> impl IntoView {
    let state = expect_context::<State>();
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            step(state, !ev.shift_key());
        }
        "Escape" => {
            ev.prevent_default();
            clear(state);
        }
        _ => {}
    };
    // The field shows the query when it changes elsewhere (Esc, the URL);
    // setting the value of the field being typed in would force a layout.
    let field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move || {
        let q = state.query.get();
        if let Some(input) = field.get()
            && input.value() != q
        {
            input.set_value(&q);
        }
    });
    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search">"Search"</label>
            <input
                id="search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                aria-keyshortcuts="/"
                aria-describedby="search-count"
                node_ref=field
                value=state.query.get_untracked()
                on:input=move |ev| {
                    dom::timed("floor:input", || {
                        state.query.set(event_target_value(&ev));
                        state.sync_url_soon();
                    })
                }
                on:keydown=on_key
            />
            <span id="search-count" class="count" role="status" aria-live="polite">
                {move || {
                    let q = state.query.get();
                    if q.trim().is_empty() {
                        String::new()
                    } else {
                        state.hits.with(|h| h.describe(state.current_match.get()))
                    }
                }}
            </span>
        </form>
    }
}

/// Clears the search.
pub fn clear(state: State) {
    state.query.set(String::new());
    state.current_match.set(None);
    state.sync_url();
}

/// Moves to the next (or previous) match, wrapping around, and scrolls it into view.
pub fn step(state: State, forward: bool) {
    let total = state.hits.with_untracked(Hits::matches);
    if total == 0 {
        return;
    }
    // Without a current match, start from the turn the reader is at.
    let from_turn = || {
        let at = state.anchor.get_untracked().map(Anchor::turn)?;
        state.hits.with_untracked(|h| {
            let mut i = 0;
            let mut before = None;
            for t in &h.turns {
                if t.n >= at && forward {
                    return Some(i);
                }
                if t.n <= at {
                    before = Some(i + t.marks.len() - 1);
                }
                i += t.marks.len();
            }
            if forward { None } else { before }
        })
    };
    let next = match (state.current_match.get_untracked(), forward) {
        (None, true) => from_turn().unwrap_or(0),
        (None, false) => from_turn().unwrap_or(total - 1),
        (Some(i), true) => (i + 1) % total,
        (Some(i), false) => (i + total - 1) % total,
    };
    state.current_match.set(Some(next));
    if let Some((n, _)) = state.hits.with_untracked(|h| h.nth(next)) {
        state.anchor.set(Some(Anchor::Turn(n)));
        state.sync_url();
    }
    show_current(state, next);
}

/// Marks match `i` as the current one and scrolls it into view.
fn show_current(state: State, i: usize) {
    for el in state.all("mark.current") {
        let _ = el.class_list().remove_1("current");
    }
    // Which paragraph the match is in, and which of its matches it is.
    let Some((n, p, k, marks)) = state.hits.with_untracked(|h| {
        let (n, [p, s, _]) = h.nth(i)?;
        let marks = paragraph_marks(h, n, p);
        let k = marks.iter().position(|m| m.0 == s)?;
        Some((n, p, k, marks))
    }) else {
        return;
    };
    // Its turn may not be in the page yet.
    state.reach(n);
    // It may not be painted yet: paint its paragraph now.
    state.shown.with_untracked(|shown| {
        if let Some(shown) = shown {
            state
                .painter
                .update_value(|painter| painter.repaint(state, &shown.transcript, (n, p), &marks));
        }
    });
    let Some(para) = state.by_id(&format!("t{n}-p{}", p + 1)) else {
        return;
    };
    // The `<mark>`s of match `k` (two when it runs into a note), by their
    // order among the paragraph's marks.
    let which: Vec<u32> = state.shown.with_untracked(|shown| {
        let Some(turn) = shown
            .as_ref()
            .and_then(|s| s.transcript.turns.get(n as usize - 1))
        else {
            return Vec::new();
        };
        let segments = view::segments(&turn.paragraphs[p], &turn.annotations, p);
        view::pieces(&segments, &super::turns::numbered(&marks))
            .iter()
            .filter_map(|piece| piece.mark)
            .enumerate()
            .filter(|&(_, m)| m == k)
            .map(|(j, _)| j as u32)
            .collect()
    });
    let Ok(all) = para.query_selector_all("mark") else {
        return;
    };
    for (i, j) in which.into_iter().enumerate() {
        if let Some(el) = all
            .item(j)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.class_list().add_1("current");
            if i == 0 {
                let _ = dom::stop_settling();
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    }
}

/// Paragraph `p` of turn `n`'s marks `(start, end)` in `hits`.
fn paragraph_marks(hits: &Hits, n: u32, p: usize) -> Vec<(usize, usize)> {
    let Ok(at) = hits.turns.binary_search_by_key(&n, |t| t.n) else {
        return Vec::new();
    };
    hits.turns[at]
        .marks
        .iter()
        .filter(|m| m[0] == p)
        .map(|&[_, s, e]| (s, e))
        .collect()
}

/// A paragraph, as `(turn, paragraph index)`.
type Key = (u32, usize);

/// The `<mark>`s painted into the paragraphs, and the job that brings them in
/// step with the hits: the paragraphs on screen in the next frame, the rest
/// in short slices after it, nearest first, so a keystroke never waits for
/// thousands of marks far away.
#[derive(Default)]
pub struct Painter {
    /// Which transcript the marks are painted on (a new one comes unmarked).
    transcript: Option<usize>,
    /// Where each turn's paragraphs start in `painted`, by turn (from turn
    /// 1), then their total.
    first: Vec<u32>,
    /// Marks `(start, end)` painted now, by paragraph, in transcript order
    /// (empty: none).
    painted: Vec<Vec<(usize, usize)>>,
    /// Paragraphs still to repaint, with the marks they should get.
    todo: VecDeque<(Key, Vec<(usize, usize)>)>,
    /// Paragraphs to repaint that are not in the page yet (their group of
    /// turns is not filled): repainted when it is, by [`wake`].
    waiting: Vec<(Key, Vec<(usize, usize)>)>,
    /// Bumped by every new plan; a slice of an older job stops.
    generation: u64,
}

impl Painter {
    /// Plans the repaints that bring the marks of `t` to those of `hits`:
    /// one walk over the transcript's paragraphs, in order, beside the hits.
    fn plan(&mut self, t: Option<&Transcript>, hits: &Hits) {
        let id = t.map(|t| t as *const Transcript as usize);
        if self.transcript != id {
            self.transcript = id;
            self.first = vec![0];
            let mut total = 0;
            for turn in t.map_or(&[][..], |t| &t.turns[..]) {
                total += turn.paragraphs.len() as u32;
                self.first.push(total);
            }
            self.painted = vec![Vec::new(); total as usize];
        }
        self.generation += 1;
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
    fn repaint(&mut self, state: State, t: &Transcript, key: Key, marks: &[(usize, usize)]) {
        let Some(slot) = self.slot(key) else { return };
        if self.painted[slot] == marks {
            return;
        }
        if !paint(state, t, key, marks) {
            self.waiting.push((key, marks.to_vec()));
            return;
        }
        self.painted[slot] = marks.to_vec();
    }

    /// Puts the paragraphs of turns `from..=to` first, then those after, then
    /// those before (nearest first).
    fn prioritize(&mut self, from: u32, to: u32) {
        let todo: Vec<_> = std::mem::take(&mut self.todo).into();
        let (before, rest): (Vec<_>, Vec<_>) = todo.into_iter().partition(|t| t.0.0 < from);
        let (inside, after): (Vec<_>, Vec<_>) = rest.into_iter().partition(|t| t.0.0 <= to);
        self.todo = inside
            .into_iter()
            .chain(after)
            .chain(before.into_iter().rev())
            .collect();
    }
}

/// Paints the paragraphs that waited for `groups` of turns to be in the page.
pub fn wake(state: State, groups: &[usize]) {
    let generation = state.painter.try_update_value(|p| {
        let (now, still): (Vec<_>, Vec<_>) = std::mem::take(&mut p.waiting)
            .into_iter()
            .partition(|((n, _), _)| groups.contains(&super::turns::group_of(*n)));
        p.waiting = still;
        let woken = !now.is_empty();
        for item in now.into_iter().rev() {
            p.todo.push_front(item);
        }
        woken.then_some(p.generation)
    });
    if let Some(Some(generation)) = generation {
        run(state, generation, None);
    }
}

/// Keeps the `<mark>`s in the paragraphs in step with the hits. Call once.
pub fn highlight(state: State) {
    Effect::new(move |_| {
        // A new query or filter starts from no current match.
        state.current_match.set(None);
        // (Both tracked: a new transcript or new hits repaint.)
        let generation = dom::timed("floor:plan", || {
            state.shown.with(|s| {
                let t = s.as_ref().map(|s| &*s.transcript);
                state.hits.with(|hits| {
                    state.painter.try_update_value(|p| {
                        p.plan(t, hits);
                        p.generation
                    })
                })
            })
        });
        // After the turns are in the page (they render in the same update as
        // a new transcript).
        if let Some(generation) = generation {
            dom::request_animation_frame(move || {
                if !state.alive() {
                    return;
                }
                dom::timed("floor:paint", || {
                    let (from, to) = on_screen(state);
                    state.painter.update_value(|p| p.prioritize(from, to));
                    run(state, generation, Some((from, to)));
                });
                // The results list, in a task after this frame.
                dom::later(move || {
                    if state.painter.try_with_value(|p| p.generation) == Some(generation) {
                        state.listed.notify();
                    }
                });
            });
        }
    });
}

/// Paints the planned paragraphs: those of the turns in `urgent` (a range of
/// turn numbers) all at once, then the rest in slices of a few milliseconds,
/// each in its own task.
fn run(state: State, generation: u64, urgent: Option<(u32, u32)>) {
    if !state.alive() {
        return;
    }
    const SLICE_MS: f64 = 4.0;
    let clock = web_sys::window().and_then(|w| w.performance());
    let now = || clock.as_ref().map_or(0.0, |c| c.now());
    let start = now();
    let more = state.shown.with_untracked(|shown| {
        let Some(shown) = shown else { return false };
        state
            .painter
            .try_update_value(|p| {
                if p.generation != generation {
                    return false;
                }
                let mut done = 0;
                while let Some((key, _)) = p.todo.front() {
                    let now_or_never = urgent.is_some_and(|(a, b)| (a..=b).contains(&key.0));
                    if !now_or_never && (urgent.is_some() || (done > 0 && now() - start > SLICE_MS))
                    {
                        break;
                    }
                    let Some((key, marks)) = p.todo.pop_front() else {
                        break;
                    };
                    p.repaint(state, &shown.transcript, key, &marks);
                    done += 1;
                }
                !p.todo.is_empty()
            })
            .unwrap_or(false)
    });
    if more {
        dom::later(move || run(state, generation, None));
    } else if let Some(p) = clock {
        let _ = p.mark("floor:marks-done");
    }
}

/// The first and last turn on screen, give or take half a screen. The groups
/// are measured first (measuring a turn inside a group the browser skips
/// would make it lay the group out), then the turns of the groups found.
fn on_screen(state: State) -> (u32, u32) {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(1000.0);
    // (Not a selector query: that would look through every node of the page.)
    let groups = state
        .groups
        .try_with_value(|g| g.shown())
        .unwrap_or_default();
    let count = groups.len() as u32;
    let group = |i: u32| groups.get(i as usize);
    let bottom = |i: u32| group(i).map_or(f64::MAX, |g| g.get_bounding_client_rect().bottom());
    // The first group whose bottom is below a screen above the top.
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if bottom(mid) < -height {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let mut last = lo;
    while last + 1 < count
        && group(last + 1).is_some_and(|g| g.get_bounding_client_rect().top() < 2.0 * height)
    {
        last += 1;
    }
    let first_turn = |i: u32| {
        group(i).and_then(|g| g.id().strip_prefix('g').and_then(|n| n.parse::<u32>().ok()))
    };
    let (Some(a), Some(b)) = (first_turn(lo), first_turn(last)) else {
        return (0, 0);
    };
    // Inside the first and the last of them (near the screen, so laid out),
    // only the turns from half a screen above it to half a screen below.
    let shown = |i: u32| -> Vec<web_sys::Element> {
        let Some(g) = group(i) else { return Vec::new() };
        let children = g.children();
        (0..children.length())
            .filter_map(|k| children.item(k))
            .filter(|el| !el.has_attribute("hidden"))
            .collect()
    };
    let number = |el: &web_sys::Element| Anchor::parse(&el.id()).map(Anchor::turn);
    let from = shown(lo)
        .iter()
        .find(|el| el.get_bounding_client_rect().bottom() > -height / 2.0)
        .and_then(number);
    let to = shown(last)
        .iter()
        .rev()
        .find(|el| el.get_bounding_client_rect().top() < height * 1.5)
        .and_then(number);
    (
        from.unwrap_or(a),
        to.unwrap_or(b + super::turns::GROUP as u32 - 1),
    )
}

/// Repaints paragraph `p` of turn `n` with these marks, as the turn list
/// builds it plus `<mark>`s. False if the paragraph is not in the page (yet).
fn paint(state: State, t: &Transcript, (n, p): Key, marks: &[(usize, usize)]) -> bool {
    let Some(turn) = t.turns.get(n as usize - 1) else {
        return true;
    };
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return true;
    };
    if p >= turn.paragraphs.len() {
        return true;
    }
    let Some(el) = state.by_id(&format!("t{n}-p{}", p + 1)) else {
        return false;
    };
    el.set_text_content(None);
    super::turns::fill_paragraph(&doc, &el, turn, p, marks);
    true
}

/// One row per matching turn: speaker, turn number and a snippet.
#[component]
pub fn SearchResults() -> impl IntoView {
    let state = expect_context::<State>();
    // Rebuilt when the painter says so, after the frame showing the count
    // and the marks on screen: the list never delays a keystroke's frame.
    let rows = move || {
        state.listed.track();
        state.shown.with_untracked(|shown| {
            let shown = shown.as_ref()?;
            let t = &shown.transcript;
            state.hits.with_untracked(|hits| {
                if state.query.with_untracked(|q| q.trim().is_empty()) {
                    return None;
                }
                let more = hits.turns.len().saturating_sub(MAX_ROWS);
                let rows = hits
                    .turns
                    .iter()
                    .take(MAX_ROWS)
                    .map(|h| {
                        let turn = &t.turns[h.n as usize - 1];
                        let name = view::speaker_name(t, turn).to_string();
                        let [p, s, e] = h.marks[0];
                        let (before, hit, after) = view::snippet(&turn.paragraphs[p], s, e);
                        let n = h.n;
                        view! {
                            <li>
                                <button type="button" on:click=move |_| state.go(Anchor::Turn(n))>
                                    <span class="who">{name}" · #"{n}</span>
                                    <span class="snippet">{before}<mark>{hit}</mark>{after}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                let empty = hits.turns.is_empty();
                Some(view! {
                    <section class="results" aria-labelledby="results-title">
                        <h2 id="results-title">"Results"</h2>
                        {empty.then(|| view! { <p>"No matches."</p> })}
                        <ol>{rows}</ol>
                        {(more > 0).then(|| view! { <p>{format!("…and {more} more turns.")}</p> })}
                    </section>
                })
            })
        })
    };
    view! { <div class="results-box">{rows}</div> }
}
