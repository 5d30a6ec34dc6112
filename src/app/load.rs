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
                Source::Url(url) => url.clone(),
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
                    First::Text(text) => show_bytes(state, text.into_bytes(), Source::Given).await,
                }
                // Its captions (`?captions=`), before a time can be opened.
                if let Some(url) = captions
                    && state.alive()
                    && state.shown.with_untracked(Option::is_some)
                {
                    state.recording.update_value(|r| r.captions_url = None);
                    match source::check_url(&url, ["captions"; 2]) {
                        Ok(()) => load_url(state, url.clone(), Source::Url(url), true).await,
                        Err(message) => state.fail(message),
                    }
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

/// Where the page loads its transcript from: `?src=` or the sample.
fn initial_source(location: &Location) -> Result<Source, String> {
    match &location.src {
        Some(src) => source::check_src(src).map(|()| Source::Url(src.clone())),
        None => Ok(Source::Sample),
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
    match fetched {
        Ok(bytes) if captions => {
            if align_bytes(state, bytes, source::file_name(&url).map(str::to_string)).await {
                state.recording.update_value(|r| r.captions_url = Some(url));
                state.sync_url();
            }
        }
        Ok(bytes) => show_bytes(state, bytes, source).await,
        Err(e) => state.fail(format!("Could not load the {what} from {url}: {e}.")),
    }
}

/// Checks and parses bytes from any source, then shows them. A file's name,
/// or the last segment of a URL's path, is a hint of its format. A text
/// that needs them (a saved page; WebVTT, SRT, JSON…) is read by the readers
/// loaded the first time one is needed ([`crate::web::readers`]).
pub async fn show_bytes(state: State, bytes: Vec<u8>, source: Source) {
    if let Err(message) =
        source::check_size(bytes.len() as u64).and_then(|()| source::check_text(&bytes))
    {
        state.fail(message);
        return;
    }
    let name = match &source {
        Source::File(name) => Some(name.as_str()),
        Source::Url(url) => source::file_name(url),
        _ => None,
    };
    let decoded = decode(bytes);
    let transcript = if crate::read::needs_readers(&decoded.text) {
        state.status.set("Reading the transcript…".into());
        let read = readers::read(&decoded.text, name).await;
        if !state.alive() {
            return;
        }
        match read {
            Ok(mut t) => {
                let mut diagnostics = decoded.diagnostics;
                diagnostics.append(&mut t.diagnostics);
                t.diagnostics = diagnostics;
                t
            }
            Err(why) => return state.fail(format!("Could not read this transcript: {why}.")),
        }
    } else {
        dom::timed(timing::PARSE, || parse_named(decoded, name))
    };
    match source::check_parsed(&transcript) {
        Ok(()) => state.show(transcript, source),
        Err(message) => state.fail(message),
    }
}

/// Aligns the transcript shown to captions (`bytes`; `name`: their file
/// name, a hint of their format) with the readers' module, then shows it
/// with their times and says how much was timed. Captions that time
/// nothing leave the transcript as it was, and say why. Whether it was
/// timed.
pub async fn align_bytes(state: State, bytes: Vec<u8>, name: Option<String>) -> bool {
    let Some((transcript, source)) = state
        .shown
        .with_untracked(|s| s.as_ref().map(|s| (s.transcript.clone(), s.source.clone())))
    else {
        return false;
    };
    if let Err(message) =
        source::check_size(bytes.len() as u64).and_then(|()| source::check_text(&bytes))
    {
        state.fail(format!("These captions cannot be used: {message}"));
        return false;
    }
    state.status.set("Aligning the transcript to the captions…".into());
    let aligned = readers::align(&transcript, &decode(bytes).text, name.as_deref()).await;
    if !state.alive() {
        return false;
    }
    match aligned.and_then(|t| crate::view::aligned(&t).map(|said| (t, said))) {
        Ok((t, said)) => {
            state.recording.update_value(|r| r.captions_url = None);
            state.show(t, source);
            state.status.set(said);
            state.sync_url();
            true
        }
        Err(why) => {
            state.fail(why);
            false
        }
    }
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
            Some(bytes) if captions => {
                align_bytes(state, bytes, Some(name)).await;
            }
            Some(bytes) => show_bytes(state, bytes, Source::File(name)).await,
            None => state.fail(format!("Could not read the file {name}.")),
        }
    });
}
