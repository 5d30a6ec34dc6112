//! The recording beside the transcript: the viewer's own player of
//! `?media=`, the host page's `<video>` or `<audio>` (`data-floor-media`),
//! or a framing page's player, which sends its time (`floor:time`) and is
//! asked for one (`floor:seek`).
//!
//! A timed turn's time is a control that seeks the recording there. While
//! it plays, the turn being spoken is marked `aria-current="time"` and the
//! view follows it, until the reader scrolls or moves away; "Follow" takes
//! it up again.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::State;
use crate::link::Anchor;
use crate::names::SEEK_MESSAGE;
use crate::web::dom;

/// The recording beside the transcript, and the captions it was aligned
/// to.
#[derive(Default)]
pub struct Recording {
    /// Its URL (`?media=`), when the viewer plays it.
    pub media_url: Option<String>,
    /// The URL of the captions the transcript was aligned to (`?captions=`).
    pub captions_url: Option<String>,
    /// The player the viewer seeks and follows: its own or the host page's.
    pub player: Option<web_sys::HtmlMediaElement>,
    /// Whether a recording plays beside the transcript: a player, or a
    /// framing page's that sends its time (`floor:time`).
    pub beside: bool,
    /// Whether the view follows the turn being spoken.
    pub following: bool,
    /// The turn being spoken (`aria-current="time"`).
    pub spoken: Option<u32>,
    /// The viewer's listener of the recording and of scrolling ([`events`]).
    pub events: Option<js_sys::Function>,
}

/// How far (seconds) the step keys move the recording.
pub const STEP_SECONDS: f64 = 5.0;

/// Puts the player bar after the viewer's status line `status`: the
/// viewer's own player (`?media=`, checked) and "Follow" (pressed while the
/// view follows), hidden until a recording plays beside the transcript.
/// Drawn once with plain DOM calls (a view costs the first visit more), so
/// it stays whatever transcript is shown; the viewer's click handler
/// presses "Follow".
pub(super) fn add_bar(state: State, status: &web_sys::Element) -> Option<()> {
    let doc = status.owner_document()?;
    let section = doc.create_element("section").ok()?;
    section.set_class_name("player");
    section.set_attribute("aria-label", "Recording").ok()?;
    let button = doc.create_element("button").ok()?;
    for (name, value) in [
        ("type", "button"),
        ("class", "follow"),
        ("aria-keyshortcuts", "f"),
        ("title", "Keep the turn being spoken in view"),
    ] {
        button.set_attribute(name, value).ok()?;
    }
    button.set_text_content(Some("Follow"));
    section.append_child(&button).ok()?;
    status.after_with_node_1(&section).ok()?;
    show_bar(state);
    // The reader scrolls: the view stops following.
    let events = state.recording.with_value(|r| r.events.clone())?;
    let root = status.parent_element()?;
    for event in ["wheel", "touchmove"] {
        let _ = root.add_event_listener_with_callback(event, &events);
    }
    let url = state.recording.with_value(|r| r.media_url.clone())?;
    match crate::source::check_url(&url, ["recording", "recordings"]) {
        Ok(()) => add_player(state, &status.next_element_sibling()?, &url),
        Err(message) => state.fail(message),
    }
    Some(())
}

/// Shows the player bar once a recording plays beside the transcript, and
/// "Follow" pressed while the view follows.
fn show_bar(state: State) {
    if let Some(bar) = state.all("section.player").pop() {
        let (beside, pressed) = state.recording.with_value(|r| (r.beside, r.following));
        let _ = bar.toggle_attribute_with_force("hidden", !beside);
        if let Some(button) = bar.last_element_child() {
            let _ = button.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
        }
    }
}

/// Sets whether a recording plays beside the transcript, and whether the
/// view follows it; the bar says so.
pub(super) fn set_playing(state: State, beside: bool, following: Option<bool>) {
    state.recording.update_value(|r| {
        r.beside = beside;
        r.following = following.unwrap_or(r.following);
    });
    show_bar(state);
}

/// Puts the viewer's own player of `url` first in `section`: an `<audio>`
/// for an audio file's extension, else a `<video>`; its errors said in the
/// alert.
fn add_player(state: State, section: &web_sys::Element, url: &str) {
    let Some(doc) = section.owner_document() else {
        return;
    };
    let tag = if crate::source::is_audio(url) { "audio" } else { "video" };
    let Some(media) = doc
        .create_element(tag)
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlMediaElement>().ok())
    else {
        return;
    };
    for (name, value) in [("controls", ""), ("playsinline", ""), ("preload", "metadata"), ("src", url)] {
        let _ = media.set_attribute(name, value);
    }
    if let Some(events) = state.recording.with_value(|r| r.events.clone()) {
        for event in ["timeupdate", "error"] {
            let _ = media.add_event_listener_with_callback(event, &events);
        }
    }
    let _ = section.prepend_with_node_1(&media);
    state.recording.update_value(|r| r.player = Some(media));
    set_playing(state, true, None);
}

/// Binds the host page's `<video>` or `<audio>` that `selector`
/// (`data-floor-media`) names; an alert when there is none. Its listeners
/// go with the viewer.
pub(super) fn bind_host_media(state: State, selector: &str) {
    let media = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlMediaElement>().ok());
    let Some(media) = media else {
        state.fail(format!(
            "This page has no <video> or <audio> at \u{201c}{}\u{201d} for the transcript to follow.",
            crate::text::isolated(selector)
        ));
        return;
    };
    let Some(events) = state.recording.with_value(|r| r.events.clone()) else {
        return;
    };
    let _ = media.add_event_listener_with_callback("timeupdate", &events);
    state.recording.update_value(|r| r.player = Some(media.clone()));
    set_playing(state, true, None);
    let kept = send_wrapper::SendWrapper::new((media, events));
    on_cleanup(move || {
        let (media, events) = kept.take();
        let _ = media.remove_event_listener_with_callback("timeupdate", &events);
    });
}

/// The viewer's one listener of its recording's events (its time, an error)
/// and of the reader's scrolling (which stops following). It lives as
/// long as the page (one per viewer).
pub(super) fn events(state: State) -> js_sys::Function {
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(
        move |ev: web_sys::Event| {
            if !state.alive() {
                return;
            }
            match ev.type_().as_str() {
                "timeupdate" => {
                    if let Some(media) = ev
                        .current_target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlMediaElement>().ok())
                    {
                        at_time(state, media.current_time());
                    }
                }
                "error" => state.fail(
                    "The recording could not be played: its address did not answer, or this browser cannot play its type. The transcript stays."
                        .into(),
                ),
                _ => stop_following(state),
            }
        },
    );
    listener.into_js_value().unchecked_into()
}

/// The recording is at `seconds` (the player's time, or the framing
/// page's): marks the turn being spoken, and brings it into view when the
/// view follows. Anything but a time a recording can have is ignored.
pub(super) fn at_time(state: State, seconds: f64) {
    if !(0.0..=4_000_000.0).contains(&seconds) {
        return;
    }
    let ms = (seconds * 1000.0) as u32;
    let n = state.shown.with_untracked(|s| {
        let t = &s.as_ref()?.transcript;
        t.is_timed().then(|| t.turn_at(ms).map(|turn| turn.n)).flatten()
    });
    let before = state.recording.with_value(|r| r.spoken);
    if n != before {
        state.recording.update_value(|r| r.spoken = n);
        for turn in [before, n].into_iter().flatten() {
            super::turns::mark_current(state, turn);
        }
        if let Some(n) = n
            && state.recording.with_value(|r| r.following)
        {
            follow(state, n);
        }
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

/// The reader scrolled or moved away: the view stops following.
pub(super) fn stop_following(state: State) {
    if state.recording.with_value(|r| r.following && r.beside) {
        set_playing(state, true, Some(false));
    }
}

/// "Follow" (or `f`): follows the turn being spoken again, and brings it
/// into view; or stops following.
pub(super) fn toggle_follow(state: State) {
    let (beside, now, spoken) = state.recording.with_value(|r| (r.beside, !r.following, r.spoken));
    set_playing(state, beside, Some(now));
    if now && let Some(n) = spoken {
        follow(state, n);
    }
}

/// A turn's time was chosen (`ms` into the recording): the player seeks
/// there and plays, or the framing page is asked to (`floor:seek`).
/// Whether anything took it.
pub(super) fn seek(state: State, ms: u32) -> bool {
    let seconds = f64::from(ms) / 1000.0;
    if let Some(media) = state.recording.with_value(|r| r.player.clone()) {
        media.set_current_time(seconds);
        play(&media);
    } else {
        let framed = state
            .host
            .try_with_value(|h| h.page && !h.trusted.is_empty())
            .unwrap_or(false);
        if !framed {
            return false;
        }
        let message = super::host::message(SEEK_MESSAGE, &[("time", seconds.into())]);
        let _ = state.host.try_with_value(|h| h.post(&message));
    }
    let beside = state.recording.with_value(|r| r.beside);
    set_playing(state, beside, Some(true));
    at_time(state, seconds);
    true
}

/// The keys of the recording: `p` plays or pauses, `,` and `.` step
/// [`STEP_SECONDS`] back and forward, `f` follows. Whether `key` was one
/// (with a player to act on).
pub(super) fn key(state: State, key: &str) -> bool {
    if key == "f" && state.recording.with_value(|r| r.beside) {
        toggle_follow(state);
        return true;
    }
    let Some(media) = state.recording.with_value(|r| r.player.clone()) else {
        return false;
    };
    match key {
        "p" if media.paused() => play(&media),
        "p" => {
            let _ = media.pause();
        }
        "," | "." => {
            let step = if key == "," { -STEP_SECONDS } else { STEP_SECONDS };
            media.set_current_time((media.current_time() + step).max(0.0));
        }
        _ => return false,
    }
    true
}

/// Plays `media` (a refusal, without a gesture of the reader's, leaves
/// the player's own button to them).
fn play(media: &web_sys::HtmlMediaElement) {
    let _ = media.play();
}
