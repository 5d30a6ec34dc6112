//! A viewer framed by another site (`?embed=1&origin=…`): what it says to
//! its trusted parent (its height, `floor:seek`) and what it hears from it
//! (`floor:go`, `floor:time`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{State, host};
use crate::names::{HEIGHT_MESSAGE, VIEWER_SELECTOR};
use crate::web::dom;

/// Messages from the trusted parent: go to a turn (`floor:go`), or the
/// time its player is at (`floor:time`). Anything else, or from anyone
/// else, is ignored.
pub(super) fn listen_to_parent(state: State) -> WindowListenerHandle {
    window_event_listener(leptos::ev::message, move |ev| {
        let trusted = state
            .host
            .try_with_value(|h| h.trusts(&ev))
            .unwrap_or(false);
        if !trusted {
            return;
        }
        let data = ev.data();
        if let Some(anchor) = host::go_request(&data) {
            state.go(anchor);
        } else if let Some(seconds) = host::time_report(&data) {
            super::media::heard(state, seconds);
        }
    })
}

/// In a frame: posts the viewer's height to the trusted parent whenever it
/// changes, so that the frame can grow to fit.
pub(super) fn report_height(state: State) {
    let callback = wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Array)>::new(
        move |entries: js_sys::Array| {
            let Some(el) = entries
                .get(0)
                .dyn_into::<web_sys::ResizeObserverEntry>()
                .ok()
                .map(|e| e.target())
            else {
                return;
            };
            let height = el
                .scroll_height()
                .max(el.get_bounding_client_rect().height().ceil() as i32);
            let _ = state.host.try_with_value(|h| {
                h.post(&host::message(HEIGHT_MESSAGE, &[("height", height.into())]))
            });
        },
    );
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    dom::request_animation_frame(move || {
        // The viewer's root, not the pre-rendered first screen beside it.
        if let Some(el) = state.all(VIEWER_SELECTOR).into_iter().next() {
            observer.observe(&el);
        }
        // Alive for the page's lifetime: a framed page has one viewer, never
        // unmounted.
        std::mem::forget((observer, callback));
    });
}
