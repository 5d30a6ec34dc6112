//! Search in the page: the field, the live count, the results list, and the
//! `<mark>` highlights.
//!
//! The matching is the core's ([`crate::search`]). Highlights are painted
//! straight into the paragraphs that change, as text nodes and `<mark>`
//! elements (never HTML), so a keystroke touches only the paragraphs (or the
//! chunks of a long one) whose marks differ instead of re-rendering the
//! transcript: [`highlight`] plans them ([`super::marks`]) and
//! [`super::jobs`] paints them.

use leptos::prelude::*;

use super::{State, jobs};
use crate::link::Anchor;
use crate::names::timing;
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
        <form class="search" role="search" aria-labelledby="search-label title" on:submit=|ev| ev.prevent_default()>
            <label id="search-label" for="search">"Search"</label>
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
                    dom::timed(timing::INPUT, || {
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
    // Which paragraph the match is in, where, and its marks.
    let Some((n, [p, s, _], marks)) = state.hits.with_untracked(|h| {
        let (n, m) = h.nth(i)?;
        Some((n, m, paragraph_marks(h, n, m[0])))
    }) else {
        return;
    };
    let Some(t) = state.transcript() else {
        return;
    };
    let Some(turn) = t.turns.get(n as usize - 1) else {
        return;
    };
    // Its turn may not be in the page yet.
    state.reach(n, p);
    let mut first = true;
    // The parts of the paragraph it is in (one, or two chunks).
    for (c, (range, here)) in view::parts(t.paragraph(turn, p).unwrap_or_default(), &marks)
        .into_iter()
        .enumerate()
    {
        let Some(k) = here.iter().position(|m| m.0 == s) else {
            continue;
        };
        // Painted again with its `<mark>`s current (two when it runs into a
        // note).
        let current = state
            .jobs
            .try_update_value(|j| j.painter.repaint(state, (n, p, c), range, here, Some(k)));
        if let Some(el) = current.unwrap_or_default().first()
            && std::mem::take(&mut first)
        {
            let _ = dom::stop_settling();
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&options);
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

/// Keeps the `<mark>`s in the paragraphs in step with the hits: plans the
/// repaints, which the background queue (`jobs.rs`) carries out (the turns on screen in the
/// next frame), then rebuilds the results list. Call once.
pub fn highlight(state: State) {
    Effect::new(move |_| {
        // A new query or filter starts from no current match.
        state.current_match.set(None);
        // (Both tracked: a new transcript or new hits repaint.)
        let generation = dom::timed(timing::PLAN, || {
            state.shown.with(|s| {
                state
                    .hits
                    .with(|hits| state.jobs.try_update_value(|j| j.plan(s.as_ref(), hits)))
            })
        });
        if let Some(generation) = generation {
            // The results list, in a task after the frame with the marks.
            jobs::paint_planned(state, generation, move || state.listed.notify());
        }
    });
}

/// One row per matching turn: speaker, turn number and a snippet.
#[component]
pub fn SearchResults() -> impl IntoView {
    let state = expect_context::<State>();
    // Rebuilt when `highlight` says so, after the frame showing the count
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
                        let (before, hit, after) =
                            view::snippet(t.paragraph(turn, p).unwrap_or_default(), s, e);
                        let n = h.n;
                        view! {
                            <li>
                                <button type="button" on:click=move |_| state.go(Anchor::Turn(n))>
                                    <span class="who"><bdi>{name}</bdi>" · #"{n}</span>
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
