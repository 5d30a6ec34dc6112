//! The web app: thin Leptos components over the core (wasm32 only).
//!
//! State that a reader can share (speaker filter, current turn) lives in the
//! URL through [`crate::link::Location`]; the logic lives in the core
//! ([`crate::view`], [`crate::source`], the parser). Components map state to
//! DOM. Transcript text reaches the page only as text nodes, never through
//! `innerHTML`.

use leptos::either::Either;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use wasm_bindgen::JsCast;

use crate::link::Location;
use crate::names::THEME_ATTRIBUTE;
use crate::web::dom;
use host::{Host, Root};
use theme::Theme;

mod frame;
pub mod host;
mod jobs;
mod keys;
mod load;
mod marks;
mod media;
mod panels;
mod paragraph;
mod quote;
mod search;
mod state;
mod theme;
mod turns;

pub use load::{SAMPLE_URL, Start, open_file, show_bytes};
pub use panels::{Help, PasteDialog, SpeakerIndex, TranscriptHeader};
pub use search::{SearchField, SearchResults, highlight};
pub use state::{LazyIndex, Shown, Source, State};
pub use turns::TurnList;

/// Mounts the viewer on Floor's own page, in its `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}

/// Floor's own page: the viewer, with the page's URL as its state.
#[component]
pub fn App() -> impl IntoView {
    let (search, hash) = dom::search_and_hash();
    let location = Location::parse(&search, &hash);
    let host = Host::page(&location.other);
    view! { <Viewer location=location host=host start=Start::Page /> }
}

/// A viewer in an element of another page (see [`host`]): `root` is the
/// element's shadow root, `element` the element.
pub fn mount_in(
    container: web_sys::HtmlElement,
    root: web_sys::ShadowRoot,
    element: web_sys::HtmlElement,
    start: Start,
    permalinks: bool,
    base: String,
    media: Option<String>,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    // The host page's fragment: a turn, or a time (`#t=12:34`).
    let (_, hash) = dom::search_and_hash();
    let at = if permalinks {
        Location::parse("", &hash)
    } else {
        Location::default()
    };
    let location = Location {
        src: match &start {
            Start::Url(url) => Some(url.clone()),
            _ => None,
        },
        anchor: at.anchor,
        time: at.time,
        ..Location::default()
    };
    let host = Host {
        root: Root::Shadow(root),
        page: false,
        compact: true,
        trusted: Vec::new(),
        permalinks,
        base,
        element: Some(element),
        media,
    };
    leptos::mount::mount_to(container, move || {
        view! { <Viewer location=location host=host start=start /> }
    })
}

/// The whole viewer.
#[component]
pub fn Viewer(
    /// The state it opens with (the page's URL, or an anchor).
    location: Location,
    /// Where it lives.
    host: Host,
    /// What it shows first.
    start: Start,
) -> impl IntoView {
    let page = host.page;
    let compact = host.compact;
    let framed = page && !host.trusted.is_empty();
    let element = host.element.clone();
    let state = State::new(&location, host);
    provide_context(state);

    // What to show first: a URL to fetch, or text given by the host page.
    load::first(state, start, &location);

    search::highlight(state);

    let mut handles = Vec::new();
    if page {
        // Back/forward between fragments and links to #t… (or a time,
        // #t=12:34) inside the page.
        handles.push(window_event_listener(leptos::ev::hashchange, move |_| {
            let (_, hash) = dom::search_and_hash();
            let at = Location::parse("", &hash);
            match (at.anchor, at.time) {
                (Some(anchor), _) => state.go(anchor),
                (None, Some(seconds)) => state.go_time(seconds),
                _ => state.anchor.set(None),
            }
        }));
        handles.push(window_event_listener(leptos::ev::keydown, move |ev| {
            keys::on_key(state, &ev)
        }));
        // Drag and drop anywhere on the page.
        handles.push(window_event_listener(leptos::ev::dragover, move |ev| {
            ev.prevent_default()
        }));
        handles.push(window_event_listener(leptos::ev::drop, move |ev| {
            ev.prevent_default();
            if let Some(file) = ev
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                // Dropped on "Add captions": the captions to align to.
                let captions = state.paste.get_untracked() && state.add_captions.get_value();
                open_file(state, file, captions);
            }
        }));
    }
    if framed {
        // Messages from the trusted parent: go to a turn.
        handles.push(frame::listen_to_parent(state));
    }
    // In an element: the viewer's own keys, while focus is inside it.
    let key_listener = element.map(|el| {
        let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(
            move |ev: web_sys::KeyboardEvent| keys::on_key(state, &ev),
        );
        let _ = el.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        (el, listener)
    });
    let key_listener = send_wrapper::SendWrapper::new(key_listener);
    on_cleanup(move || {
        media::detach(state);
        quote::detach(state);
        let key_listener = key_listener.take();
        for handle in handles {
            handle.remove();
        }
        if let Some((el, listener)) = key_listener {
            let _ = el
                .remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
    });

    let theme = theme::remembered(page);
    let role = if page { "main" } else { "region" };
    if framed {
        frame::report_height(state);
    }

    view! {
        <div
            class="floor"
            class:compact={compact}
            {..custom_attribute(THEME_ATTRIBUTE, move || theme.get().stored())}
            on:click=move |ev| turns::on_click(state, &ev)
        >
            {page.then(|| view! { <a class="skip" href="#turns">"Skip to the transcript"</a> })}
            <Toolbar theme=theme />
            <div role="alert" class="alert" hidden=move || state.alert.with(Option::is_none)>
                <p>{move || state.alert.get().unwrap_or_default()}</p>
                <button type="button" on:click=move |_| state.alert.set(None)>"Dismiss"</button>
            </div>
            <p class="status" role="status" aria-live="polite">{move || state.status.get()}</p>
            // The turns are the page's main landmark on Floor's own page,
            // a region of the page elsewhere (which has its own); before a
            // transcript (loading, or an error) the landmark is there,
            // with a heading, so the skip link leads somewhere.
            {move || state.shown.with(|shown| match shown.as_ref() {
                None => Either::Left(view! {
                    <div id="turns" role=role aria-label="Transcript" tabindex="-1">
                        <h1 class="visually-hidden">"Floor"</h1>
                    </div>
                }),
                Some(shown) => Either::Right({
                let t = shown.transcript.clone();
                let source = shown.source.clone();
                view! {
                    <TranscriptHeader transcript=t.clone() source=source />
                    <div class="layout">
                        <div class="side">
                            <SearchResults />
                            <SpeakerIndex transcript=t.clone() />
                        </div>
                        <div id="turns" role=role aria-labelledby="turns-of title" tabindex="-1">
                            <span id="turns-of" hidden>"Turns of"</span>
                            <TurnList transcript=t />
                        </div>
                    </div>
                }
            })})}
            <Help />
            <PasteDialog />
        </div>
    }
}

/// The bar of actions: open a file, paste text, theme, keyboard help.
#[component]
fn Toolbar(theme: RwSignal<Theme>) -> impl IntoView {
    let state = expect_context::<State>();
    // Opening other transcripts is for Floor's own page, not a frame.
    let page = state
        .host
        .try_with_value(|h| h.page && !h.compact)
        .unwrap_or(false);
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(state, file, false);
        }
        input.set_value("");
    };
    // In a banner landmark (a `display: contents` header, which leaves the
    // toolbar sticky), so that no content of the page is outside landmarks.
    view! {
        <header class="bar" aria-label="Floor">
        <div class="toolbar" role="toolbar" aria-label="Transcript actions">
            <span class="brand">"Floor"</span>
            <SearchField />
            {page.then(|| view! {
                <label class="button file">
                    "Open file"
                    <input type="file" accept=".txt,.text,.html,.htm,.vtt,.srt,.json,.md,text/*" on:change=on_file />
                </label>
                <button type="button" on:click=move |_| panels::ask(state, false)>"Paste text"</button>
                <button type="button" data-action="captions">"Add captions"</button>
            })}
            <button type="button" data-action="download">"Download"</button>
            <button
                type="button"
                on:click=move |_| {
                    let next = theme.get_untracked().next();
                    theme.set(next);
                    next.save();
                }
            >
                {move || format!("Theme: {}", theme.get().label())}
            </button>
            <button type="button" aria-keyshortcuts="?" on:click=move |_| state.help.set(true)>
                "Keys"
            </button>
        </div>
        </header>
    }
}
