//! The viewer's keys: `j`/`k`, `[`/`]`, `/`, `n`/`N`, `q`, `?`, `Esc` (the
//! recording's `p`, `,`/`.`, `f` are `media.js`'s: [`super::media`]).

use leptos::prelude::*;

use super::{State, search};
use crate::link::Anchor;
use crate::view;
use crate::web::dom;

/// Keyboard navigation: `j`/`k`, `[`/`]`, `?`, `Esc`. Never while typing.
pub(super) fn on_key(state: State, ev: &web_sys::KeyboardEvent) {
    if ev.ctrl_key()
        || ev.meta_key()
        || ev.alt_key()
        || dom::typing_target(ev)
        || state.dialog_open()
    {
        return;
    }
    let key = ev.key();
    let (forward, same) = match key.as_str() {
        "j" => (true, false),
        "k" => (false, false),
        "]" => (true, true),
        "[" => (false, true),
        "?" => {
            state.help.set(true);
            ev.prevent_default();
            return;
        }
        "/" => {
            ev.prevent_default();
            if let Some(field) = state.by_id("search") {
                dom::focus(&field);
            }
            return;
        }
        "q" => {
            ev.prevent_default();
            super::quote::keyboard(state);
            return;
        }
        "n" | "N" => {
            search::step(state, key == "n");
            return;
        }
        "Escape" => {
            if state.alert.get_untracked().is_some() {
                state.alert.set(None);
            } else if state.query.with_untracked(|q| !q.is_empty()) {
                search::clear(state);
            } else if state.speaker.get_untracked().is_some() {
                state.speaker.set(None);
                state.sync_url();
            }
            return;
        }
        _ => return,
    };
    let target = state.shown.with_untracked(|s| {
        let t = &s.as_ref()?.transcript;
        let visible = state
            .speaker
            .with_untracked(|f| view::visible_turns(t, f.as_deref()));
        let from = state.anchor.get_untracked().map(Anchor::turn);
        view::step(t, &visible, from, forward, same)
    });
    if let Some(n) = target {
        ev.prevent_default();
        state.go(Anchor::Turn(n));
    }
}
