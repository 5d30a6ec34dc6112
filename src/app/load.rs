//! Loading a transcript: what a viewer shows first, fetching a URL, reading a
//! local file, and the checks every input goes through before it is shown.

use leptos::prelude::*;

use super::{Source, State};
use crate::link::Location;
use crate::names::timing;
use crate::read::parse_named;
use crate::source;
use crate::web::{decode::decode, dom, fetch, readers};

pub use crate::names::SAMPLE_URL;

/// What a viewer shows first.
#[derive(Debug, Clone)]
pub enum Start {
    /// Floor's own page: `?src=` or the sample.
    Page,
    /// Text (or HTML) given by the host page.
    Text(String),
    /// A URL given by the host page.
    Url(String),
}

/// Starts loading what `start` says (a URL to fetch, or text given by the
/// host page), then opens the permalink the viewer was opened with, or the
/// turn of its time (`#t=12:34`, `?t=754`). A refused address is reported
/// at once.
pub(super) fn first(state: State, start: Start, location: &Location) {
    enum First {
        Fetch(String, Source),
        Text(String),
    }
    let first = match start {
        Start::Page => initial_source(location).map(|source| {
            let url = match &source {
                Source::Url(url) | Source::Page(url) => url.clone(),
                _ => SAMPLE_URL.to_string(),
            };
            First::Fetch(url, source)
        }),
        Start::Url(url) => {
            source::check_src(&url).map(|()| First::Fetch(url.clone(), Source::Url(url)))
        }
        Start::Text(text) => Ok(First::Text(text)),
    };
    let time = location.time;
    let captions = location.captions.clone();
    match first {
        Ok(first) => {
            leptos::task::spawn_local(async move {
                match first {
                    First::Fetch(url, source) => load_url(state, url, source, false).await,
                    First::Text(text) => {
                        show_bytes(state, text.into_bytes(), Source::Given, false).await;
                    }
                }
                // Its captions (`?captions=`), before a time can be opened.
                if let Some(url) = captions
                    && state.alive()
                    && state.shown.with_untracked(Option::is_some)
                {
                    match source::check_url(&url, ["captions"; 2]) {
                        Ok(()) => load_url(state, url.clone(), Source::Url(url), true).await,
                        Err(message) => state.fail(message),
                    }
                }
                // The recording, once there is a transcript to follow it.
                if state.alive() && state.shown.with_untracked(Option::is_some) {
                    super::media::start(state);
                }
                // Open the permalink the page was opened with, or its time.
                if state.alive() {
                    match (state.anchor.get_untracked(), time) {
                        (Some(anchor), _) => state.go(anchor),
                        (None, Some(seconds)) => state.go_time(seconds),
                        _ => {}
                    }
                }
            });
        }
        Err(message) => state.fail(message),
    }
}

/// Where the page loads its transcript from: `?src=`, the one a session
/// page names (`<html data-floor-transcript>`), or the sample.
fn initial_source(location: &Location) -> Result<Source, String> {
    let own = || {
        web_sys::window()?
            .document()?
            .document_element()?
            .get_attribute(crate::names::TRANSCRIPT_ATTRIBUTE)
    };
    match (&location.src, own()) {
        (Some(src), _) => source::check_src(src).map(|()| Source::Url(src.clone())),
        (None, Some(own)) => source::check_src(&own).map(|()| Source::Page(own)),
        (None, None) => Ok(Source::Sample),
    }
}

/// Fetches, checks, decodes and parses a transcript from a URL; or, with
/// `captions`, captions (`?captions=`) that the transcript shown is aligned
/// to, which the URL then keeps if they timed it.
async fn load_url(state: State, url: String, source: Source, captions: bool) {
    if !state.alive() {
        return;
    }
    let what = if captions { "captions" } else { "transcript" };
    state.status.set(format!("Loading the {what}…"));
    let fetched = fetch::bytes(&url).await;
    // The viewer may have been unmounted while the transcript was on its way.
    if !state.alive() {
        return;
    }
    let shown = match fetched {
        Ok(bytes) => show_bytes(state, bytes, source, captions).await,
        Err(e) => {
            state.fail(format!("Could not load the {what} from {url}: {e}."));
            false
        }
    };
    // The URL keeps captions only if they timed the transcript.
    if captions {
        if shown {
            state.recording.update_value(|r| r.captions_url = Some(url));
        }
        state.sync_url();
    }
}

/// Checks and parses bytes from any source, then shows them. A file's name,
/// or the last segment of a URL's path, is a hint of its format. A text
/// that needs them (a saved page; WebVTT, SRT, JSON…) is read by the readers
/// loaded the first time one is needed ([`crate::web::readers`]).
///
/// With `captions`, the bytes are captions of the recording: the readers'
/// module aligns the transcript shown to them, which is shown again with
/// their times, the status saying how much was timed; captions that time
/// nothing leave it as it was, and say why. Whether something was shown.
pub async fn show_bytes(state: State, bytes: Vec<u8>, source: Source, captions: bool) -> bool {
    if let Err(message) =
        source::check_size(bytes.len() as u64).and_then(|()| source::check_text(&bytes))
    {
        state.fail(message);
        return false;
    }
    let name = match &source {
        Source::File(name) => Some(name.as_str()),
        Source::Url(url) | Source::Page(url) => source::file_name(url),
        _ => None,
    };
    let decoded = decode(bytes);
    let shown = state
        .shown
        .with_untracked(|s| s.as_ref().map(|s| (s.transcript.clone(), s.source.clone())));
    let read = match &shown {
        Some((t, _)) if captions => {
            state
                .status
                .set("Aligning the transcript to the captions…".into());
            readers::align(t, &decoded.text, name).await
        }
        _ if captions => return false,
        _ if crate::read::needs_readers(&decoded.text) => {
            state.status.set("Reading the transcript…".into());
            readers::read(&decoded.text, name).await.map(|mut t| {
                let mut diagnostics = decoded.diagnostics;
                diagnostics.append(&mut t.diagnostics);
                t.diagnostics = diagnostics;
                t
            })
        }
        _ => Ok(dom::timed(timing::PARSE, || parse_named(decoded, name))),
    };
    if !state.alive() {
        return false;
    }
    let checked = read
        .map_err(|why| {
            let what = if captions {
                "these captions"
            } else {
                "this transcript"
            };
            format!("Could not read {what}: {why}.")
        })
        .and_then(|t| match captions {
            true => crate::view::aligned(&t).map(|said| (t, said)),
            false => source::check_parsed(&t).map(|()| (t, String::new())),
        });
    match (checked, shown) {
        (Ok((t, said)), Some((_, shown))) if captions => {
            state.recording.update_value(|r| r.captions_url = None);
            state.show(t, shown);
            state.status.set(said);
        }
        (Ok((t, _)), _) => state.show(t, source),
        (Err(message), _) => {
            state.fail(message);
            return false;
        }
    }
    true
}

/// Opens a local file (from the file input or a drop); with `captions`
/// (from "Add captions"), captions the transcript shown is aligned to.
pub fn open_file(state: State, file: web_sys::File, captions: bool) {
    state.paste.set(false);
    if let Err(message) = source::check_size(file.size() as u64) {
        state.fail(message);
        return;
    }
    let name = file.name();
    state.status.set(format!("Opening {name}…"));
    leptos::task::spawn_local(async move {
        let read = dom::read_file(&file).await;
        if !state.alive() {
            return;
        }
        match read {
            Some(bytes) => {
                show_bytes(state, bytes, Source::File(name), captions).await;
            }
            None => state.fail(format!("Could not read the file {name}.")),
        }
    });
}
