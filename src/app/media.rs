//! The recording beside the transcript: the viewer's own player of
//! `?media=`, the host page's `<video>` or `<audio>` (`data-floor-media`),
//! or a framing page's player, which sends its time (`floor:time`) and is
//! asked for one (`floor:seek`).
//!
//! The player bar, "Follow" and the recording's keys are `media.js`
//! (`src/web/media.js`), which `floor.js`'s `__floorMedia` loads only for a
//! viewer with a recording. It tells the viewer the recording's time and
//! whether the view follows; the viewer marks the turn being spoken
//! `aria-current="time"` and, when following, brings it into view. A timed
//! turn's time is a control that seeks the recording there.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::State;
use crate::link::Anchor;
use crate::names::SEEK_MESSAGE;
use crate::web::dom;

#[wasm_bindgen]
extern "C" {
    /// `floor.js`'s `__floorMedia(status, options, tell)`: draws the
    /// recording's bar after the viewer's status line and returns its
    /// controller (`seek(seconds)`, `time(seconds)`, `detach()`).
    #[wasm_bindgen(catch, js_name = __floorMedia)]
    fn attach_media(
        status: &web_sys::Element,
        options: &js_sys::Object,
        tell: &js_sys::Function,
    ) -> Result<JsValue, JsValue>;
}

/// The recording beside the transcript, and the captions it was aligned
/// to.
#[derive(Default)]
pub struct Recording {
    /// Its URL (`?media=`), when the viewer plays it.
    pub media_url: Option<String>,
    /// The URL of the captions the transcript was aligned to (`?captions=`),
    /// set once they timed it.
    pub captions_url: Option<String>,
    /// `media.js`'s controller of the bar, once a recording is beside the
    /// transcript.
    pub controller: Option<JsValue>,
    /// The turn being spoken (`aria-current="time"`).
    pub spoken: Option<u32>,
}

/// Once the first transcript is shown: draws the recording's bar for the
/// viewer's own player (`?media=`) or the host page's (`data-floor-media`),
/// if it has one.
pub(super) fn start(state: State) {
    let selector = state.host.try_with_value(|h| h.media.clone()).flatten();
    if selector.is_some() || state.recording.with_value(|r| r.media_url.is_some()) {
        attach(state, selector);
    }
}

/// Draws the recording's bar after the viewer's status line, for the
/// viewer's own player (`?media=`, checked), the host page's (`selector`,
/// `data-floor-media`: found by `media.js`), or, with neither, a framing
/// page's (`floor:time`). Its listeners go with the viewer.
fn attach(state: State, selector: Option<String>) {
    let Some(status) = state.all("p.status").pop() else {
        return;
    };
    let url = state.recording.with_value(|r| r.media_url.clone());
    if let Some(Err(message)) = url
        .as_deref()
        .map(|url| crate::source::check_url(url, ["recording", "recordings"]))
    {
        return state.fail(message);
    }
    let options = js_sys::Object::new();
    let keys = state.host.try_with_value(|h| h.element.clone()).flatten();
    for (key, value) in [
        ("url", url.map(JsValue::from)),
        ("selector", selector.map(JsValue::from)),
        ("keys", keys.map(JsValue::from)),
    ] {
        if let Some(value) = value {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value);
        }
    }
    // What media.js tells: the recording's time and whether the view
    // follows, or a message.
    let tell = Closure::<dyn Fn(JsValue, bool)>::new(move |said: JsValue, following: bool| {
        if !state.alive() {
            return;
        }
        match said.as_f64() {
            Some(seconds) => at_time(state, seconds, following),
            None => state.fail(said.as_string().unwrap_or_default()),
        }
    });
    let Ok(controller) = attach_media(&status, &options, tell.as_ref().unchecked_ref()) else {
        return;
    };
    // (Called by media.js for as long as the page lives.)
    tell.forget();
    state
        .recording
        .update_value(|r| r.controller = Some(controller));
}

/// The viewer goes: `media.js` lets go of the page's player and keys.
pub(super) fn detach(state: State) {
    if let Some(Some(controller)) = state.recording.try_with_value(|r| r.controller.clone()) {
        call(&controller, "detach", JsValue::UNDEFINED);
    }
}

/// Calls `media.js`'s controller: its method `name` with `argument`.
fn call(controller: &JsValue, name: &str, argument: JsValue) {
    if let Some(f) = js_sys::Reflect::get(controller, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call1(controller, &argument);
    }
}

/// A framing page's player is at `seconds` (`floor:time`): the bar shows
/// "Follow", and the turn being spoken is marked.
pub(super) fn heard(state: State, seconds: f64) {
    if state.recording.with_value(|r| r.controller.is_none()) {
        attach(state, None);
    }
    if let Some(controller) = state.recording.with_value(|r| r.controller.clone()) {
        call(&controller, "time", seconds.into());
    }
}

/// The recording is at `seconds`: marks the turn being spoken, and brings
/// it into view when the view `following` it. Anything but a time a
/// recording can have is ignored.
fn at_time(state: State, seconds: f64, following: bool) {
    if !(0.0..=4_000_000.0).contains(&seconds) {
        return;
    }
    let ms = (seconds * 1000.0) as u32;
    let n = state.shown.with_untracked(|s| {
        let t = &s.as_ref()?.transcript;
        t.is_timed()
            .then(|| t.turn_at(ms).map(|turn| turn.n))
            .flatten()
    });
    let before = state.recording.with_value(|r| r.spoken);
    if n != before {
        state.recording.update_value(|r| r.spoken = n);
        for turn in [before, n].into_iter().flatten() {
            super::turns::mark_current(state, turn);
        }
    }
    if let Some(n) = n.filter(|_| following) {
        follow(state, n);
    }
}

/// Brings turn `n` (being spoken) into view without moving the focus:
/// smoothly, unless the reader prefers reduced motion.
fn follow(state: State, n: u32) {
    state.reach(n, 0);
    dom::request_animation_frame(move || {
        let Some(el) = state.by_id(&Anchor::Turn(n).to_string()) else {
            return;
        };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        if !dom::reduced_motion() {
            options.set_behavior(web_sys::ScrollBehavior::Smooth);
        }
        dom::stop_settling();
        el.scroll_into_view_with_scroll_into_view_options(&options);
    });
}

/// Whether the recording plays in a player of this page (a turn's time
/// then says it plays from there).
pub(super) fn beside(state: State) -> bool {
    let selector = state.host.try_with_value(|h| h.media.is_some());
    state
        .recording
        .with_value(|r| r.controller.is_some() && (r.media_url.is_some() || selector == Some(true)))
}

/// A turn's time was chosen (`ms` into the recording): the player plays
/// from there, or the framing page is asked to (`floor:seek`). Whether
/// anything took it.
pub(super) fn seek(state: State, ms: u32) -> bool {
    let seconds = f64::from(ms) / 1000.0;
    if let Some(controller) = state
        .recording
        .with_value(|r| r.controller.clone())
        .filter(|_| beside(state))
    {
        call(&controller, "seek", seconds.into());
        return true;
    }
    let framed = state
        .host
        .try_with_value(|h| h.page && !h.trusted.is_empty())
        .unwrap_or(false);
    if framed {
        let message = super::host::message(SEEK_MESSAGE, &[("time", seconds.into())]);
        let _ = state.host.try_with_value(|h| h.post(&message));
        at_time(state, seconds, true);
    }
    framed
}
