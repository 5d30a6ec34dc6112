//! The web app: thin Leptos components over the core (wasm32 only).
//!
//! State that a reader can share (speaker filter, current turn) lives in the
//! URL through [`crate::link::Location`]; the logic lives in the core
//! ([`crate::view`], [`crate::source`], the parser). Components map state to
//! DOM. Transcript text reaches the page only as text nodes, never through
//! `innerHTML`.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::link::Anchor;
use crate::link::Location;
use crate::model::Transcript;
use crate::read::parse_decoded;
use crate::search::{Hits, Index, Query};
use crate::source;
use crate::view;
use crate::web::{decode::decode, dom, fetch};
use host::{Host, Root};

pub mod host;
mod panels;
mod search;
mod turns;

pub use panels::{Help, PasteDialog, SpeakerIndex, TranscriptHeader};
pub use search::{SearchField, SearchResults, highlight};
pub use turns::TurnList;

/// The bundled sample, as a URL relative to the page, so that a build served
/// under any sub-path finds it beside `index.html`.
pub const SAMPLE_URL: &str = "sample.txt";

/// Where the transcript on screen came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The bundled sample.
    Sample,
    /// A URL given with `?src=`.
    Url(String),
    /// A local file, by name.
    File(String),
    /// Pasted text.
    Paste,
    /// Text on the page a viewer is embedded in.
    Given,
}

impl Source {
    /// Whether a link can bring someone else to this transcript.
    pub fn linkable(&self) -> bool {
        matches!(self, Source::Sample | Source::Url(_) | Source::Given)
    }
}

/// The transcript on screen and where it came from.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The parsed transcript.
    pub transcript: Arc<Transcript>,
    /// Its search index: for a large transcript, built once the first
    /// screen is painted (or at once, if a search needs it before).
    pub index: Arc<LazyIndex>,
    /// Where it came from.
    pub source: Source,
}

/// Text (in bytes) from which a transcript's index is built after its first
/// screen is painted rather than before: about 25 ms of index in the page
/// for 4.7 MB, so under 1 MB it would gain the first screen a few ms and
/// cost the search a frame.
const LAZY_INDEX_BYTES: usize = 1_000_000;

/// A transcript's search index, built the first time it is asked for.
#[derive(Debug)]
pub struct LazyIndex {
    transcript: Arc<Transcript>,
    index: std::sync::OnceLock<Index>,
}

impl LazyIndex {
    /// The index, built now if it is not yet.
    pub fn get(&self) -> &Index {
        self.index
            .get_or_init(|| dom::timed("floor:index", || Index::new(&self.transcript)))
    }
}

/// The app's reactive state, shared by its components through context.
#[derive(Clone, Copy)]
pub struct State {
    /// The transcript on screen, if any.
    pub shown: RwSignal<Option<Shown>>,
    /// A failure to show in the alert region (the transcript stays).
    pub alert: RwSignal<Option<String>>,
    /// Progress or confirmation to announce politely ("Loading…", "Link copied").
    pub status: RwSignal<String>,
    /// The speaker filter.
    pub speaker: RwSignal<Option<String>>,
    /// The turn or paragraph the reader is at.
    pub anchor: RwSignal<Option<Anchor>>,
    /// Whether the keyboard help is open.
    pub help: RwSignal<bool>,
    /// Whether the paste dialog is open.
    pub paste: RwSignal<bool>,
    /// Query parameters that are not Floor's, kept in the URL.
    pub other_params: StoredValue<Vec<(String, String)>>,
    /// The search query as typed.
    pub query: RwSignal<String>,
    /// What the query finds (under the speaker filter).
    pub hits: Memo<Hits>,
    /// The match the reader moved to with Enter / `n`, counted from 0.
    pub current_match: RwSignal<Option<usize>>,
    /// Notified when the results list should show the hits as they are now.
    pub listed: Trigger,
    /// The search marks painted into the turns.
    pub painter: StoredValue<search::Painter, LocalStorage>,
    /// Where the viewer lives.
    pub host: StoredValue<Host, LocalStorage>,
    /// The turn list's groups: whether each is in the page yet (see
    /// [`TurnList`]), and the groups filled since the marks last caught up.
    pub groups: StoredValue<turns::Groups, LocalStorage>,
}

impl State {
    /// Fresh state for the given URL state, in `host`.
    pub fn new(location: &Location, host: Host) -> State {
        let shown: RwSignal<Option<Shown>> = RwSignal::new(None);
        let query = RwSignal::new(location.q.clone().unwrap_or_default());
        let speaker = RwSignal::new(location.speaker.clone());
        // Each search starts from the one before: typing on narrows it.
        let hits = Memo::new(move |earlier: Option<&Hits>| {
            let query = query.with(|q| Query::parse(q));
            shown.with(|s| match s {
                Some(s) if !query.is_empty() => speaker.with(|f| {
                    dom::timed("floor:search", || {
                        s.index.get().search_from(&query, f.as_deref(), earlier)
                    })
                }),
                _ => Hits::default(),
            })
        });
        State {
            shown,
            alert: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            speaker,
            anchor: RwSignal::new(location.anchor),
            help: RwSignal::new(false),
            paste: RwSignal::new(false),
            other_params: StoredValue::new(location.other.clone()),
            query,
            hits,
            current_match: RwSignal::new(None),
            painter: StoredValue::new_local(search::Painter::default()),
            listed: Trigger::new(),
            host: StoredValue::new_local(host),
            groups: StoredValue::new_local(turns::Groups::default()),
        }
    }

    /// The URL state as it is now.
    pub fn location(&self) -> Location {
        let src = self
            .shown
            .with_untracked(|s| match s.as_ref().map(|s| &s.source) {
                Some(Source::Url(url)) => Some(url.clone()),
                _ => None,
            });
        Location {
            src,
            speaker: self.speaker.get_untracked(),
            q: Some(self.query.get_untracked()).filter(|q| !q.trim().is_empty()),
            anchor: self.anchor.get_untracked(),
            other: self.other_params.get_value(),
        }
    }

    /// Whether the viewer is still mounted (work scheduled for later checks).
    pub fn alive(&self) -> bool {
        self.host.try_with_value(|_| ()).is_some()
    }

    /// The element with this id in the viewer.
    pub fn by_id(&self, id: &str) -> Option<web_sys::Element> {
        self.host.try_with_value(|h| h.root.by_id(id)).flatten()
    }

    /// The elements matching `selector` in the viewer.
    pub fn all(&self, selector: &str) -> Vec<web_sys::Element> {
        self.host
            .try_with_value(|h| h.root.all(selector))
            .unwrap_or_default()
    }

    /// Whether this is Floor's own page (which owns its URL).
    pub fn is_page(&self) -> bool {
        self.host.try_with_value(|h| h.page).unwrap_or(false)
    }

    /// Writes the state a reader can share where it belongs: the page's URL
    /// on Floor's own page, the host page's fragment for an element that
    /// keeps permalinks, nowhere otherwise.
    pub fn sync_url(&self) {
        match self.host.try_with_value(|h| (h.page, h.permalinks)) {
            Some((true, _)) => dom::replace_url(&self.location().to_url()),
            Some((false, true)) => {
                dom::replace_fragment(&self.anchor.get_untracked().map(|a| a.to_string()))
            }
            _ => {}
        }
    }

    /// [`State::sync_url`] once typing pauses.
    pub fn sync_url_soon(&self) {
        if self.is_page() {
            dom::replace_url_soon(&self.location().to_url());
        }
    }

    /// The link to `anchor` that "Copy link" gives.
    pub fn link(&self, anchor: Anchor) -> String {
        let (page, permalinks, base) = self
            .host
            .try_with_value(|h| (h.page, h.permalinks, h.base.clone()))
            .unwrap_or_default();
        if page {
            let location = Location {
                speaker: None,
                q: None,
                anchor: Some(anchor),
                ..self.location()
            };
            return format!("{}{}", dom::page_base(), location.to_url());
        }
        match self.location().src {
            // Floor's own page, opening the same URL.
            Some(src) if !permalinks => {
                let location = Location {
                    src: Some(src),
                    anchor: Some(anchor),
                    ..Location::default()
                };
                format!("{base}{}", location.to_url())
            }
            // The host page, at the turn.
            _ => format!("{}#{anchor}", dom::page_url_without_fragment()),
        }
    }

    /// Shows a newly loaded transcript, replacing the one on screen.
    pub fn show(&self, transcript: Transcript, source: Source) {
        let speaker_known = self.speaker.with_untracked(|s| {
            s.as_deref()
                .is_none_or(|id| transcript.speaker(id).is_some())
        });
        if !speaker_known {
            self.speaker.set(None);
        }
        let status = view::shown_status(&transcript);
        self.drop_first_screen();
        self.alert.set(None);
        let transcript = Arc::new(transcript);
        let index = Arc::new(LazyIndex {
            transcript: transcript.clone(),
            index: std::sync::OnceLock::new(),
        });
        // A transcript of usual size is indexed at once (a few ms): only a
        // large one's index waits for the first screen.
        let text: usize = transcript
            .turns
            .iter()
            .flat_map(|t| &t.paragraphs)
            .map(String::len)
            .sum();
        if text < LAZY_INDEX_BYTES {
            index.get();
        }
        self.current_match.set(None);
        self.shown.set(Some(Shown {
            transcript,
            index: index.clone(),
            source,
        }));
        self.status.set(status);
        // Once the first screen is painted: a large transcript's index (unless
        // a search built it already: a query in the URL, or a key pressed
        // first). Then, as the browser first runs WebAssembly from quickly
        // compiled code and optimises what runs long, two searches nobody
        // sees make the reader's first keystrokes two to three times faster
        // on a large transcript.
        request_animation_frame(move || {
            dom::later(move || {
                let index = index.get();
                for query in ["e", "th e"] {
                    let _ = index.search(&Query::parse(query), None);
                }
            })
        });
    }

    /// Puts turn `n` in the page if it is not yet (the turn list fills its
    /// groups in the background); whether it already was.
    pub fn reach(&self, n: u32) -> bool {
        let state = *self;
        self.groups
            .try_update_value(|g| g.fill(turns::group_of(n), state))
            .unwrap_or(true)
    }

    /// Reports a failure; what is on screen stays.
    pub fn fail(&self, message: String) {
        self.drop_first_screen();
        self.status.set(String::new());
        self.alert.set(Some(message));
    }

    /// On Floor's own page: removes the sample's pre-rendered first screen
    /// (index.html's `.first-screen`, src/web/first-screen.mjs), which keeps
    /// the viewer out of sight until it has something to show. The viewer's
    /// own turns are put in the page before the browser paints again.
    fn drop_first_screen(&self) {
        if self.is_page() {
            for el in self.all(".first-screen") {
                el.remove();
            }
        }
    }

    /// Moves the reader to `anchor`: marks it current, writes it in the URL,
    /// scrolls it into view and focuses it.
    pub fn go(&self, anchor: Anchor) {
        let paragraphs = self.shown.with_untracked(|s| {
            let turn = s
                .as_ref()?
                .transcript
                .turns
                .get((anchor.turn() as usize).checked_sub(1)?)?;
            Some(turn.paragraphs.len())
        });
        let Some(paragraphs) = paragraphs else { return };
        // A paragraph the turn does not have: the turn itself.
        let anchor = match anchor {
            Anchor::Paragraph(n, m) if m as usize > paragraphs => Anchor::Turn(n),
            a => a,
        };
        // A filtered-out turn is shown in context.
        let visible = self.shown.with_untracked(|s| {
            let turn = s
                .as_ref()
                .and_then(|s| s.transcript.turns.get(anchor.turn() as usize - 1));
            self.speaker
                .with_untracked(|f| f.is_none() || turn.is_some_and(|t| t.speaker == *f))
        });
        if !visible {
            self.speaker.set(None);
        }
        self.anchor.set(Some(anchor));
        self.sync_url();
        self.tell_parent(anchor);
        self.reach(anchor.turn());
        let id = anchor.to_string();
        let state = *self;
        // After the DOM caught up with a filter change.
        request_animation_frame(move || {
            if let Some(el) = state.by_id(&id) {
                dom::reveal(el);
            }
        });
    }

    /// In a frame: tells the trusted parent the permalink of `anchor`.
    pub fn tell_parent(&self, anchor: Anchor) {
        let framed = self
            .host
            .try_with_value(|h| h.page && !h.trusted.is_empty());
        if framed != Some(true) {
            return;
        }
        let url = self.link(anchor);
        let message = host::message(
            "permalink",
            &[("anchor", anchor.to_string().into()), ("url", url.into())],
        );
        let _ = self.host.try_with_value(|h| h.post(&message));
    }
}

impl State {
    /// Shows turn `n` in the whole transcript: clears the speaker filter, then goes there.
    pub fn context(&self, n: u32) {
        self.speaker.set(None);
        self.go(Anchor::Turn(n));
    }

    /// Whether a modal dialog (help, paste) has the keyboard.
    fn dialog_open(&self) -> bool {
        self.help.get_untracked() || self.paste.get_untracked()
    }
}

/// Mounts the viewer on Floor's own page, in its `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}

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

/// Where the page loads its transcript from: `?src=` or the sample.
fn initial_source(location: &Location) -> Result<Source, String> {
    match &location.src {
        Some(src) => source::check_src(src).map(|()| Source::Url(src.clone())),
        None => Ok(Source::Sample),
    }
}

/// Fetches, checks, decodes and parses a transcript from a URL.
async fn load_url(state: State, url: String, source: Source) {
    if !state.alive() {
        return;
    }
    state.status.set("Loading the transcript…".into());
    let fetched = fetch::bytes(&url).await;
    // The viewer may have been unmounted while the transcript was on its way.
    if !state.alive() {
        return;
    }
    match fetched {
        Ok(bytes) => show_bytes(state, bytes, source),
        Err(e) => state.fail(format!("Could not load the transcript from {url}: {e}.")),
    }
}

/// Checks and parses bytes from any source, then shows them.
pub fn show_bytes(state: State, bytes: Vec<u8>, source: Source) {
    if let Err(message) =
        source::check_size(bytes.len() as u64).and_then(|()| source::check_text(&bytes))
    {
        state.fail(message);
        return;
    }
    let transcript = dom::timed("floor:parse", || parse_decoded(decode(bytes)));
    match source::check_parsed(&transcript) {
        Ok(()) => state.show(transcript, source),
        Err(message) => state.fail(message),
    }
}

/// Opens a local file (from the file input or a drop).
pub fn open_file(state: State, file: web_sys::File) {
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
            Some(bytes) => show_bytes(state, bytes, Source::File(name)),
            None => state.fail(format!("Could not read the file {name}.")),
        }
    });
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
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let (_, hash) = dom::search_and_hash();
    let anchor = if permalinks {
        Anchor::parse(&hash)
    } else {
        None
    };
    let location = Location {
        src: match &start {
            Start::Url(url) => Some(url.clone()),
            _ => None,
        },
        anchor,
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
    enum First {
        Fetch(String, Source),
        Text(String),
    }
    let first = match start {
        Start::Page => initial_source(&location).map(|source| {
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
    match first {
        Ok(first) => {
            leptos::task::spawn_local(async move {
                match first {
                    First::Fetch(url, source) => load_url(state, url, source).await,
                    First::Text(text) => show_bytes(state, text.into_bytes(), Source::Given),
                }
                // Open the permalink the page was opened with.
                if state.alive()
                    && let Some(anchor) = state.anchor.get_untracked()
                {
                    state.go(anchor);
                }
            });
        }
        Err(message) => state.fail(message),
    }

    search::highlight(state);

    let mut handles = Vec::new();
    if page {
        // Back/forward between fragments and links to #t… inside the page.
        handles.push(window_event_listener(leptos::ev::hashchange, move |_| {
            let (_, hash) = dom::search_and_hash();
            match Anchor::parse(&hash) {
                Some(anchor) => state.go(anchor),
                None => state.anchor.set(None),
            }
        }));
        handles.push(window_event_listener(leptos::ev::keydown, move |ev| {
            on_key(state, &ev)
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
                open_file(state, file);
            }
        }));
    }
    if framed {
        // Messages from the trusted parent: go to a turn.
        handles.push(window_event_listener(leptos::ev::message, move |ev| {
            let trusted = state
                .host
                .try_with_value(|h| h.trusts(&ev))
                .unwrap_or(false);
            if let Some(anchor) = trusted.then(|| host::go_request(&ev.data())).flatten() {
                state.go(anchor);
            }
        }));
    }
    // In an element: the viewer's own keys, while focus is inside it.
    let key_listener = element.map(|el| {
        let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(
            move |ev: web_sys::KeyboardEvent| on_key(state, &ev),
        );
        let _ = el.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        (el, listener)
    });
    let key_listener = send_wrapper::SendWrapper::new(key_listener);
    on_cleanup(move || {
        let key_listener = key_listener.take();
        for handle in handles {
            handle.remove();
        }
        if let Some((el, listener)) = key_listener {
            let _ = el
                .remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
    });

    let theme = RwSignal::new(load_theme());
    Effect::new(move || {
        let theme = theme.get();
        if page {
            dom::set_root_attribute("data-theme", theme.stored());
        }
    });
    if framed {
        report_height(state);
    }

    view! {
        <div
            class="floor"
            class:compact=compact
            data-theme=move || theme.get().stored()
        >
            {page.then(|| view! { <a class="skip" href="#turns">"Skip to the transcript"</a> })}
            <Toolbar theme=theme />
            <div role="alert" class="alert" hidden=move || state.alert.with(Option::is_none)>
                <p>{move || state.alert.get().unwrap_or_default()}</p>
                <button type="button" on:click=move |_| state.alert.set(None)>"Dismiss"</button>
            </div>
            <p class="status" role="status" aria-live="polite">{move || state.status.get()}</p>
            {move || state.shown.with(|shown| shown.as_ref().map(|shown| {
                let t = shown.transcript.clone();
                let source = shown.source.clone();
                view! {
                    <TranscriptHeader transcript=t.clone() source=source />
                    <div class="layout">
                        <div class="side">
                            <SearchResults />
                            <SpeakerIndex transcript=t.clone() />
                        </div>
                        <main id="turns" tabindex="-1">
                            <TurnList transcript=t />
                        </main>
                    </div>
                }
            }))}
            <Help />
            <PasteDialog />
        </div>
    }
}

/// In a frame: posts the viewer's height to the trusted parent whenever it
/// changes, so that the frame can grow to fit.
fn report_height(state: State) {
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
            let _ = state
                .host
                .try_with_value(|h| h.post(&host::message("height", &[("height", height.into())])));
        },
    );
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    request_animation_frame(move || {
        // The viewer's root, not the pre-rendered first screen beside it.
        if let Some(el) = state.all(".floor:not(.first-screen)").into_iter().next() {
            observer.observe(&el);
        }
        // Alive for the page's lifetime: a framed page has one viewer, never
        // unmounted.
        std::mem::forget((observer, callback));
    });
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
            open_file(state, file);
        }
        input.set_value("");
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Transcript actions">
            <span class="brand">"Floor"</span>
            <SearchField />
            {page.then(|| view! {
                <label class="button file">
                    "Open file"
                    <input type="file" accept=".txt,.text,.html,.htm,.vtt,.srt,.md,text/*" on:change=on_file />
                </label>
                <button type="button" on:click=move |_| state.paste.set(true)>"Paste text"</button>
            })}
            <button
                type="button"
                on:click=move |_| {
                    let next = theme.get_untracked().next();
                    theme.set(next);
                    dom::save_setting(THEME_KEY, next.stored());
                }
            >
                {move || format!("Theme: {}", theme.get().label())}
            </button>
            <button type="button" aria-keyshortcuts="?" on:click=move |_| state.help.set(true)>
                "Keys"
            </button>
        </div>
    }
}

/// Keyboard navigation: `j`/`k`, `[`/`]`, `?`, `Esc`. Never while typing.
fn on_key(state: State, ev: &web_sys::KeyboardEvent) {
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

const THEME_KEY: &str = "floor-theme";

/// The colour theme: the system's, or one chosen and remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
    fn label(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    fn stored(self) -> Option<&'static str> {
        (self != Theme::System).then(|| self.label())
    }
}

fn load_theme() -> Theme {
    match dom::load_setting(THEME_KEY).as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

/// Runs `f` on the next animation frame.
pub(crate) fn request_animation_frame(f: impl FnOnce() + 'static) {
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(closure.unchecked_ref());
    }
}
