//! Search in the page: the field, the live count, the results list, and the
//! `<mark>` highlights.
//!
//! The matching is the core's ([`crate::search`]). Highlights are painted
//! straight into the paragraphs that change, as text nodes and `<mark>`
//! elements (never HTML), so a keystroke touches only the paragraphs whose
//! marks differ instead of re-rendering the transcript.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{State, dom};
use crate::model::Transcript;
use crate::permalink::Anchor;
use crate::search::Hits;
use crate::view::{self, Piece, Segment};

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
                prop:value=move || state.query.get()
                on:input=move |ev| {
                    state.query.set(event_target_value(&ev));
                    dom::replace_url(&state.location().to_url());
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
    dom::replace_url(&state.location().to_url());
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
        dom::replace_url(&state.location().to_url());
    }
    show_current(next);
}

/// Marks match `i` as the current one and scrolls it into view.
fn show_current(i: usize) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(list) = doc.query_selector_all("mark.current") {
        for k in 0..list.length() {
            if let Some(el) = list
                .item(k)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.class_list().remove_1("current");
            }
        }
    }
    if let Ok(Some(first)) = doc.query_selector(&format!("mark[data-i=\"{i}\"]")) {
        let _ = first.class_list().add_1("current");
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        first.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Keeps the `<mark>`s in the paragraphs in step with the hits: repaints the
/// paragraphs that gain, lose or change marks. Call once per transcript.
pub fn highlight(state: State) {
    // (turn, paragraph) → marks (start, end, overall index) painted now.
    type Painted = BTreeMap<(u32, usize), Vec<(usize, usize, usize)>>;
    // Which transcript the marks were painted on (a new one comes unmarked).
    type Key = Option<usize>;
    Effect::new(move |previous: Option<(Key, Painted)>| {
        let mut now: Painted = BTreeMap::new();
        state.hits.with(|hits| {
            let mut i = 0;
            for turn in &hits.turns {
                for &[p, s, e] in &turn.marks {
                    now.entry((turn.n, p)).or_default().push((s, e, i));
                    i += 1;
                }
            }
        });
        let key: Key = state.shown.with(|s| {
            s.as_ref()
                .map(|s| std::sync::Arc::as_ptr(&s.transcript) as usize)
        });
        let previous = match previous {
            Some((k, painted)) if k == key => painted,
            _ => Painted::new(),
        };
        // A new query or filter starts from no current match.
        state.current_match.set(None);
        let (to_clear, to_paint): (Vec<_>, Vec<_>) = (
            previous
                .keys()
                .filter(|k| !now.contains_key(k))
                .copied()
                .collect(),
            now.iter()
                .filter(|(k, m)| previous.get(k) != Some(m))
                .map(|(k, m)| (*k, m.clone()))
                .collect(),
        );
        // After the turns are in the page (they render in the same update as
        // a new transcript).
        super::request_animation_frame(move || {
            state.shown.with_untracked(|shown| {
                let Some(shown) = shown else { return };
                for key in to_clear {
                    paint(&shown.transcript, key, &[]);
                }
                for (key, marks) in to_paint {
                    paint(&shown.transcript, key, &marks);
                }
            });
        });
        (key, now)
    });
}

/// Repaints paragraph `p` of turn `n` with these marks.
fn paint(t: &Transcript, (n, p): (u32, usize), marks: &[(usize, usize, usize)]) {
    let Some(turn) = t.turns.get(n as usize - 1) else {
        return;
    };
    let Some(text) = turn.paragraphs.get(p) else {
        return;
    };
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(el) = doc.get_element_by_id(&format!("t{n}-p{}", p + 1)) else {
        return;
    };
    let segments = view::segments(text, &turn.annotations, p);
    el.set_text_content(None);
    for piece in view::pieces(&segments, marks) {
        if let Some(node) = piece_node(&doc, &piece) {
            let _ = el.append_child(&node);
        }
    }
}

/// The DOM for one piece: text, inside `<mark>` when matched, inside the
/// note or uncertain-word span it belongs to (as `TurnList` renders them).
fn piece_node(doc: &web_sys::Document, piece: &Piece) -> Option<web_sys::Node> {
    let mut node: web_sys::Node = doc.create_text_node(piece.text).into();
    if let Some(i) = piece.mark {
        let mark = doc.create_element("mark").ok()?;
        mark.set_attribute("data-i", &i.to_string()).ok()?;
        mark.append_child(&node).ok()?;
        node = mark.into();
    }
    let wrap = |class: &str, attr: (&str, &str)| -> Option<web_sys::Node> {
        let span = doc.create_element("span").ok()?;
        span.set_attribute("class", class).ok()?;
        span.set_attribute(attr.0, attr.1).ok()?;
        span.append_child(&node).ok()?;
        Some(span.into())
    };
    match piece.segment {
        Segment::Text(_) => Some(node),
        Segment::Note(_, kind) => wrap("note", ("data-kind", kind)),
        Segment::Uncertain(_) => wrap("uncertain", ("title", view::UNCERTAIN_TITLE)),
    }
}

/// One row per matching turn: speaker, turn number and a snippet.
#[component]
pub fn SearchResults() -> impl IntoView {
    let state = expect_context::<State>();
    let rows = move || {
        state.shown.with(|shown| {
            let shown = shown.as_ref()?;
            let t = &shown.transcript;
            state.hits.with(|hits| {
                if state.query.with(|q| q.trim().is_empty()) {
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
