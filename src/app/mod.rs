//! The web app: thin Leptos components over the core (wasm32 only).
//!
//! State that a reader can share (speaker filter, current turn) lives in the
//! URL through [`crate::view::Location`]; the logic lives in the core
//! ([`crate::view`], [`crate::source`], the parser). Components map state to
//! DOM. Transcript text reaches the page only as text nodes, never through
//! `innerHTML`.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::Transcript;
use crate::parse::parse_decoded;
use crate::permalink::Anchor;
use crate::search::{Hits, Index, Query};
use crate::source;
use crate::view::{self, Location};
use crate::web::{decode::decode, dom, fetch};

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
}

impl Source {
    /// Whether a link can bring someone else to this transcript.
    pub fn linkable(&self) -> bool {
        matches!(self, Source::Sample | Source::Url(_))
    }
}

/// The transcript on screen and where it came from.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The parsed transcript.
    pub transcript: Arc<Transcript>,
    /// Its search index.
    pub index: Arc<Index>,
    /// Where it came from.
    pub source: Source,
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
}

impl State {
    /// Fresh state for the given URL state.
    pub fn new(location: &Location) -> State {
        let shown: RwSignal<Option<Shown>> = RwSignal::new(None);
        let query = RwSignal::new(location.q.clone().unwrap_or_default());
        let speaker = RwSignal::new(location.speaker.clone());
        let hits = Memo::new(move |_| {
            let query = query.with(|q| Query::parse(q));
            shown.with(|s| match s {
                Some(s) if !query.is_empty() => speaker
                    .with(|f| dom::timed("floor:search", || s.index.search(&query, f.as_deref()))),
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

    /// Shows a newly loaded transcript, replacing the one on screen.
    pub fn show(&self, transcript: Transcript, source: Source) {
        let speaker_known = self.speaker.with_untracked(|s| {
            s.as_deref()
                .is_none_or(|id| transcript.speaker(id).is_some())
        });
        if !speaker_known {
            self.speaker.set(None);
        }
        let title = transcript
            .meta
            .title
            .clone()
            .unwrap_or_else(|| "Untitled transcript".into());
        let turns = transcript.turns.len();
        self.alert.set(None);
        let index = Arc::new(dom::timed("floor:index", || Index::new(&transcript)));
        self.current_match.set(None);
        self.shown.set(Some(Shown {
            transcript: Arc::new(transcript),
            index,
            source,
        }));
        self.status
            .set(format!("Showing \u{201c}{title}\u{201d}: {turns} turns."));
    }

    /// Reports a failure; what is on screen stays.
    pub fn fail(&self, message: String) {
        self.status.set(String::new());
        self.alert.set(Some(message));
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
        dom::replace_url(&self.location().to_url());
        let id = anchor.to_string();
        // After the DOM caught up with a filter change.
        request_animation_frame(move || {
            dom::reveal(&id);
        });
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

/// Mounts the app on the page's `<body>`.
pub fn start() {
    apply_theme(load_theme());
    leptos::mount::mount_to_body(App);
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
    state.status.set("Loading the transcript…".into());
    match fetch::bytes(&url).await {
        Ok(bytes) => show_bytes(state, &bytes, source),
        Err(e) => state.fail(format!("Could not load the transcript from {url}: {e}.")),
    }
}

/// Checks and parses bytes from any source, then shows them.
pub fn show_bytes(state: State, bytes: &[u8], source: Source) {
    if let Err(message) =
        source::check_size(bytes.len() as u64).and_then(|()| source::check_text(bytes))
    {
        state.fail(message);
        return;
    }
    let transcript = dom::timed("floor:parse", || parse_decoded(decode(bytes)));
    state.show(transcript, source);
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
        match dom::read_file(&file).await {
            Some(bytes) => show_bytes(state, &bytes, Source::File(name)),
            None => state.fail(format!("Could not read the file {name}.")),
        }
    });
}

/// The whole viewer.
#[component]
pub fn App() -> impl IntoView {
    let (search, hash) = dom::search_and_hash();
    let location = Location::parse(&search, &hash);
    let state = State::new(&location);
    provide_context(state);

    match initial_source(&location) {
        Ok(source) => {
            let url = match &source {
                Source::Url(url) => url.clone(),
                _ => SAMPLE_URL.to_string(),
            };
            leptos::task::spawn_local(async move {
                load_url(state, url, source).await;
                // Open the permalink the page was opened with.
                if let Some(anchor) = state.anchor.get_untracked() {
                    state.go(anchor);
                }
            });
        }
        Err(message) => state.fail(message),
    }

    search::highlight(state);

    // Back/forward between fragments and links to #t… inside the page.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let (_, hash) = dom::search_and_hash();
        match Anchor::parse(&hash) {
            Some(anchor) => state.go(anchor),
            None => state.anchor.set(None),
        }
    });
    let _ = window_event_listener(leptos::ev::keydown, move |ev| on_key(state, &ev));
    // Drag and drop anywhere on the page.
    let _ = window_event_listener(leptos::ev::dragover, move |ev| ev.prevent_default());
    let _ = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            open_file(state, file);
        }
    });

    view! {
        <a class="skip" href="#turns">"Skip to the transcript"</a>
        <Toolbar />
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
    }
}

/// The bar of actions: open a file, paste text, theme, keyboard help.
#[component]
fn Toolbar() -> impl IntoView {
    let state = expect_context::<State>();
    let theme = RwSignal::new(load_theme());
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
            <label class="button file">
                "Open file"
                <input type="file" accept=".txt,.text,.html,.htm,.vtt,.srt,.md,text/*" on:change=on_file />
            </label>
            <button type="button" on:click=move |_| state.paste.set(true)>"Paste text"</button>
            <button
                type="button"
                on:click=move |_| {
                    let next = theme.get_untracked().next();
                    theme.set(next);
                    apply_theme(next);
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
            dom::focus("search");
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
                dom::replace_url(&state.location().to_url());
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

fn apply_theme(theme: Theme) {
    dom::set_root_attribute("data-theme", theme.stored());
}

/// Runs `f` on the next animation frame.
pub(crate) fn request_animation_frame(f: impl FnOnce() + 'static) {
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(closure.unchecked_ref());
    }
}
