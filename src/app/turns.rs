//! The turns: one `<article id="t{n}">` per turn, headed by its speaker.
//!
//! The list is built once per transcript; the speaker filter and the current
//! turn update attributes in place. The copy actions use one delegated click
//! handler for the whole list rather than one closure per button.
//!
//! Turns come in groups of [`GROUP`]. A large transcript would take seconds
//! to put in the page at once (about a third of a millisecond per turn), so
//! the list starts with the first groups and the one the reader opened at,
//! and fills the others in the background, one group per task, in order.
//! Whatever needs a turn that may not be there yet asks [`State::reach`].

use std::sync::Arc;

use leptos::prelude::*;

use super::{State, dom};
use crate::model::{Transcript, Turn};
use crate::permalink::Anchor;
use crate::view::{self, Segment};

/// Turns per group of the list; the group of turns `n..n + GROUP` (`n` one
/// more than a multiple of `GROUP`) is `<div class="group" id="g{n}">`.
pub const GROUP: usize = 40;

/// Groups in the page from the start (the sample has two).
const FIRST_GROUPS: usize = 2;

/// Which groups of the turn list are in the page.
#[derive(Default)]
pub struct Groups {
    /// Per group: whether it is in the page (or will be after this tick).
    filled: Vec<RwSignal<bool>>,
    /// Groups filled since the search marks last caught up with them.
    fresh: Vec<usize>,
    /// Which turn list these are (a new transcript makes a new one).
    list: u64,
}

impl Groups {
    /// Fills group `i` (in the page after this tick); whether it already was.
    pub(super) fn fill(&mut self, i: usize) -> bool {
        match self.filled.get(i) {
            Some(filled) if filled.try_get_untracked() == Some(false) => {
                filled.set(true);
                self.fresh.push(i);
                false
            }
            _ => true,
        }
    }
}

/// In a task of its own: lets the search marks catch up with the groups
/// filled before, fills the next empty group, and goes on until all are.
fn fill_in_background(state: State, list: u64) {
    dom::later(move || {
        if !state.alive() {
            return;
        }
        let step = state.groups.try_update_value(|g| {
            if g.list != list {
                return None;
            }
            let fresh = std::mem::take(&mut g.fresh);
            let next = g
                .filled
                .iter()
                .position(|f| f.try_get_untracked() == Some(false));
            if let Some(i) = next {
                g.fill(i);
            }
            Some((fresh, next.is_some() || !g.fresh.is_empty()))
        });
        let Some(Some((fresh, more))) = step else {
            return;
        };
        if !fresh.is_empty() {
            super::search::wake(state, &fresh);
        }
        if more {
            fill_in_background(state, list);
        }
    });
}

/// Every turn of `transcript`.
#[component]
pub fn TurnList(transcript: Arc<Transcript>) -> impl IntoView {
    let state = expect_context::<State>();
    let current = Selector::new(move || state.anchor.get().map(Anchor::turn));
    let filtering = move || state.speaker.with(Option::is_some);
    let t = transcript.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        // In another page's element, a turn's number link cannot reach the
        // turn through the page's fragment: go there directly.
        if let Some(link) = dom::closest(&ev, "a.num")
            && !state.is_page()
        {
            if let Some(anchor) = link
                .get_attribute("href")
                .as_deref()
                .and_then(Anchor::parse)
            {
                ev.prevent_default();
                state.go(anchor);
            }
            return;
        }
        let Some(button) = dom::closest(&ev, "button[data-action]") else {
            return;
        };
        let Some(n) = button
            .get_attribute("data-n")
            .and_then(|n| n.parse::<u32>().ok())
        else {
            return;
        };
        match button.get_attribute("data-action").as_deref() {
            Some("context") => state.context(n),
            Some(action @ ("link" | "cite")) => copy(state, &t, n, action == "cite"),
            _ => {}
        }
    };
    // Turns in groups, each skipped by the browser while off screen
    // (`content-visibility: auto`): thousands of turns cost a hundred boxes
    // in each frame's layout, not thousands.
    let opened_at = state
        .anchor
        .get_untracked()
        .map(|a| (a.turn() as usize).saturating_sub(1) / GROUP);
    let mut filled = Vec::new();
    let turns = transcript
        .turns
        .chunks(GROUP)
        .enumerate()
        .map(|(i, group)| {
            let speakers: Vec<Option<String>> = group.iter().map(|t| t.speaker.clone()).collect();
            // A group with no turn by the chosen speaker is hidden with them.
            let empty = move || {
                state
                    .speaker
                    .with(|f| f.is_some() && !speakers.iter().any(|s| s == f))
            };
            let is_filled = RwSignal::new(i < FIRST_GROUPS || opened_at == Some(i));
            filled.push(is_filled);
            let t = transcript.clone();
            let current = current.clone();
            let range = i * GROUP..(i * GROUP + group.len());
            let turns = move || {
                is_filled.get().then(|| {
                    t.turns[range.clone()]
                        .iter()
                        .map(|turn| {
                            let speaker = turn.speaker.clone();
                            let n = turn.n;
                            let hidden =
                                move || state.speaker.with(|f| f.is_some() && *f != speaker);
                            let is_current = current.clone();
                            view! {
                                <article
                                    id=format!("t{n}")
                                    class="turn"
                                    class:unattributed=turn.speaker.is_none()
                                    hidden=hidden
                                    aria-current=move || is_current.selected(&Some(n)).then_some("true")
                                >
                                    {turn_body(&t, turn, Signal::derive(filtering))}
                                </article>
                            }
                        })
                        .collect_view()
                })
            };
            let first = group.first().map_or(0, |t| t.n);
            view! { <div class="group" id=format!("g{first}") hidden=empty>{turns}</div> }
        })
        .collect_view();
    let more = filled.iter().any(|f| !f.get_untracked());
    let list = state
        .groups
        .try_update_value(|g| {
            g.list += 1;
            g.filled = filled;
            g.fresh.clear();
            g.list
        })
        .unwrap_or(0);
    if more {
        fill_in_background(state, list);
    }
    view! {
        <div class="turns" on:click=on_click>
            {turns}
        </div>
    }
}

/// A turn's heading, actions and paragraphs.
fn turn_body(
    transcript: &Transcript,
    turn: &Turn,
    filtering: Signal<bool>,
) -> impl IntoView + use<> {
    let n = turn.n;
    let name = view::speaker_name(transcript, turn).to_string();
    let label_title = turn
        .label
        .clone()
        .map(|l| format!("Written in the transcript as \u{201c}{l}\u{201d}"));
    let paragraphs = turn
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let pieces = view::segments(p, &turn.annotations, i)
                .into_iter()
                .map(|s| match s {
                    Segment::Text(text) => view! { {text.to_string()} }.into_any(),
                    Segment::Note(text, kind) => {
                        view! { <span class="note" data-kind=kind.to_string()>{text.to_string()}</span> }.into_any()
                    }
                    Segment::Uncertain(word) => view! {
                        <span class="uncertain" title=view::UNCERTAIN_TITLE>{word.to_string()}</span>
                    }
                    .into_any(),
                })
                .collect_view();
            view! { <p id=format!("t{n}-p{}", i + 1)>{pieces}</p> }
        })
        .collect_view();
    view! {
        <header class="turn-head">
            <h2>
                <span class="who" title=label_title>{name}</span>
                {turn.speaker.is_none().then(|| view! { <span class="visually-hidden">" (speaker not named)"</span> })}
            </h2>
            <a class="num" href=format!("#t{n}") aria-label=format!("Turn {n}, link")>{format!("#{n}")}</a>
            <span class="actions">
                <button type="button" data-action="link" data-n=n.to_string()>"Copy link"</button>
                <button type="button" data-action="cite" data-n=n.to_string()>"Copy citation"</button>
                <button type="button" data-action="context" data-n=n.to_string() hidden=move || !filtering.get()>
                    "Show in context"
                </button>
            </span>
        </header>
        {paragraphs}
    }
}

/// Copies the link to turn `n` (or a citation holding it) and says so.
fn copy(state: State, t: &Transcript, n: u32, citation: bool) {
    let linkable = state
        .shown
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.source.linkable()));
    let link = state.link(Anchor::Turn(n));
    state.tell_parent(Anchor::Turn(n));
    let text = if citation {
        view::citation(t, n, &link)
    } else {
        link
    };
    let what = if citation { "Citation" } else { "Link" };
    leptos::task::spawn_local(async move {
        let copied = dom::copy(&text).await;
        if !state.alive() {
            return;
        }
        if copied {
            let caveat = if linkable {
                ""
            } else {
                " It only works for someone who opens the same file."
            };
            state
                .status
                .set(format!("{what} to turn {n} copied.{caveat}"));
        } else {
            state.fail(format!(
                "The browser did not allow copying. The {} is: {text}",
                what.to_lowercase()
            ));
        }
    });
}
