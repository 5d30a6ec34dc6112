//! The viewer's state: the transcript on screen, where it came from, and the
//! reactive state its components share (query, filter, current turn, alert),
//! with what changes it as a whole: showing a transcript, failing, going to a
//! turn, writing the URL.

use std::sync::Arc;

use leptos::prelude::*;

use super::host::{self, Host};
use super::jobs::Jobs;
use crate::link::{Anchor, Location, time};
use crate::model::{DiagnosticKind, Transcript};
use crate::names::{FIRST_SCREEN_SELECTOR, PERMALINK_MESSAGE, timing};
use crate::resolve::speakers::{Choices, resolve};
use crate::search::{Hits, Index, Query};
use crate::view;
use crate::web::dom;

/// Where the transcript on screen came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The bundled sample.
    Sample,
    /// A URL given with `?src=`.
    Url(String),
    /// The transcript a session page names, relative to it.
    Page(String),
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
        matches!(
            self,
            Source::Sample | Source::Url(_) | Source::Page(_) | Source::Given
        )
    }
}

/// The transcript on screen and where it came from.
#[derive(Debug, Clone)]
pub struct Shown {
    /// Which transcript this is: counted from 1 by [`State::show`]. Work
    /// done for one (the marks painted on it) is not taken for another's.
    pub id: u64,
    /// The parsed transcript.
    pub transcript: Arc<Transcript>,
    /// Its search index: for a large transcript, built once the first
    /// screen is painted (or at once, if a search needs it before).
    pub index: Arc<LazyIndex>,
    /// Where it came from.
    pub source: Source,
}

/// Most labels kept apart that a URL is taken at: more are not a reader's.
const MAX_NO_MERGE: usize = 64;

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
            .get_or_init(|| dom::timed(timing::INDEX, || Index::new(&self.transcript)))
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
    /// Speaker labels kept apart (merges the reader undid), as in the URL.
    pub no_merge: StoredValue<Vec<String>>,
    /// Whether "About this transcript" opens open when the header is drawn
    /// (anew after an undone merge, with the reader in it).
    pub about_open: RwSignal<bool>,
    /// Whether the keyboard help is open.
    pub help: RwSignal<bool>,
    /// Whether the paste dialog is open.
    pub paste: RwSignal<bool>,
    /// Whether the paste dialog asks for captions ("Add captions") rather
    /// than a transcript.
    pub add_captions: StoredValue<bool>,
    /// The recording beside the transcript and the captions it was
    /// aligned to ([`super::media`]).
    pub recording: StoredValue<super::media::Recording, LocalStorage>,
    /// The quote bar and the quote opened ([`super::quote`]).
    pub(super) quoting: StoredValue<super::quote::Quoting, LocalStorage>,
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
    /// Where the viewer lives.
    pub host: StoredValue<Host, LocalStorage>,
    /// The background work (filling the turn list's groups, painting the
    /// search marks) and what it works on.
    pub(super) jobs: StoredValue<Jobs, LocalStorage>,
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
                    dom::timed(timing::SEARCH, || {
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
            no_merge: StoredValue::new(location.no_merge.clone()),
            about_open: RwSignal::new(false),
            help: RwSignal::new(false),
            paste: RwSignal::new(false),
            add_captions: StoredValue::new(false),
            recording: StoredValue::new_local(super::media::Recording {
                media_url: location.media.clone(),
                // Once they have timed the transcript (`load::load_url`).
                ..Default::default()
            }),
            quoting: StoredValue::new_local(Default::default()),
            other_params: StoredValue::new(location.other.clone()),
            query,
            hits,
            current_match: RwSignal::new(None),
            listed: Trigger::new(),
            host: StoredValue::new_local(host),
            jobs: StoredValue::new_local(Jobs::default()),
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
            captions: self.recording.with_value(|r| r.captions_url.clone()),
            media: self.recording.with_value(|r| r.media_url.clone()),
            speaker: self.speaker.get_untracked(),
            q: Some(self.query.get_untracked()).filter(|q| !q.trim().is_empty()),
            anchor: self.anchor.get_untracked(),
            time: None,
            no_merge: self.no_merge.get_value(),
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

    /// Shows a newly loaded transcript, replacing the one on screen, its
    /// speakers resolved with the labels the reader keeps apart (those of
    /// them it has).
    pub fn show(&self, mut transcript: Transcript, source: Source) {
        let choices = self.no_merge.with_value(|labels| {
            let known = |l: &String| transcript.speakers.iter().any(|s| s.labels.contains(l));
            let no_merge: Vec<String> = labels
                .iter()
                .take(MAX_NO_MERGE)
                .filter(|l| known(l))
                .cloned()
                .collect();
            Choices { no_merge }
        });
        if !choices.no_merge.is_empty() {
            resolve(&mut transcript, &choices);
        }
        self.no_merge.set_value(choices.no_merge);
        self.display(transcript, source);
    }

    /// Moves the reader to the turn of time `seconds` (a `t=` link:
    /// [`time::turn_at`]), whose anchor the URL then reads; or says the
    /// transcript shown has no times.
    pub fn go_time(&self, seconds: u32) {
        let Some(t) = self.transcript() else { return };
        match time::turn_at(&t, seconds) {
            Some(turn) => self.go(Anchor::Turn(turn.n)),
            None => self.status.set(format!(
                "This transcript has no times to open at {}.",
                time::clock(seconds.saturating_mul(1000))
            )),
        }
    }

    /// Shows `transcript`, its speakers resolved, replacing the one on screen.
    fn display(&self, transcript: Transcript, source: Source) {
        let speaker_known = self.speaker.with_untracked(|s| {
            s.as_deref()
                .is_none_or(|id| transcript.speaker(id).is_some())
        });
        if !speaker_known {
            self.speaker.set(None);
        }
        let status = view::shown_status(&transcript);
        let place = self.drop_first_screen();
        self.alert.set(None);
        let transcript = Arc::new(transcript);
        let index = Arc::new(LazyIndex {
            transcript: transcript.clone(),
            index: std::sync::OnceLock::new(),
        });
        // A transcript of usual size is indexed at once (a few ms): only a
        // large one's index waits for the first screen.
        let text = transcript.text_len();
        if text < LAZY_INDEX_BYTES {
            index.get();
        }
        self.current_match.set(None);
        let id = self
            .shown
            .with_untracked(|s| s.as_ref().map_or(0, |s| s.id))
            + 1;
        self.shown.set(Some(Shown {
            id,
            transcript,
            index: index.clone(),
            source,
        }));
        self.status.set(status);
        if self.quoting.with_value(|q| !q.started()) {
            super::quote::start(*self);
        }
        // Once the first screen is painted: a large transcript's index (unless
        // a search built it already: a query in the URL, or a key pressed
        // first). Then, as the browser first runs WebAssembly from quickly
        // compiled code and optimises what runs long, two searches nobody
        // sees make the reader's first keystrokes two to three times faster
        // on a large transcript.
        let state = *self;
        dom::request_animation_frame(move || {
            // Where the reader was in a session's pre-rendered page.
            if let Some(place) = place {
                state.keep_place(place);
            }
            // The header is in the page: its list of what the parser noticed.
            if let Some(ul) = state.by_id(super::panels::ABOUT_LIST) {
                super::panels::fill_about(&ul, &index.transcript);
            }
            dom::later(move || {
                let index = index.get();
                for query in ["e", "th e"] {
                    let _ = index.search(&Query::parse(query), None);
                }
            })
        });
    }

    /// Keeps speaker label `label` apart (`apart`: undoes its merge) or lets
    /// it merge again, resolves the speakers of the transcript on screen
    /// anew, writes the choice in the URL, says so, and puts the focus on
    /// the button that takes it back.
    pub fn keep_apart(&self, label: &str, apart: bool) {
        self.no_merge.update_value(|labels| {
            labels.retain(|l| l != label);
            if apart {
                labels.push(label.to_string());
            }
        });
        let Some((mut transcript, source)) = self.shown.with_untracked(|s| {
            s.as_ref()
                .map(|s| ((*s.transcript).clone(), s.source.clone()))
        }) else {
            return;
        };
        let no_merge = self.no_merge.get_value();
        resolve(&mut transcript, &Choices { no_merge });
        // The header is drawn anew: "About this transcript", where the
        // reader is, stays open.
        self.about_open.set(true);
        self.display(transcript, source);
        self.sync_url();
        let said = if apart {
            "is now shown as a speaker of its own"
        } else {
            "is merged again"
        };
        let shown = crate::text::isolated(label);
        self.status
            .set(format!("The label \u{201c}{shown}\u{201d} {said}."));
        let back = self.shown.with_untracked(|s| {
            let kind = if apart {
                DiagnosticKind::MergeUndone
            } else {
                DiagnosticKind::SpeakerMerged
            };
            s.as_ref()?
                .transcript
                .diagnostics
                .iter()
                .position(|d| d.kind == kind && d.label.as_deref() == Some(label))
        });
        if let Some(i) = back {
            self.reveal_soon(super::panels::about_button(i), false);
        }
    }

    /// The transcript shown, if any.
    pub fn transcript(&self) -> Option<Arc<Transcript>> {
        self.shown
            .with_untracked(|s| s.as_ref().map(|s| s.transcript.clone()))
    }

    /// Puts turn `n` in the page if it is not yet (the turn list fills its
    /// groups in the background), with its paragraphs up to `p` (from 0; a
    /// long turn is drawn in parts).
    pub fn reach(&self, n: u32, p: usize) {
        let state = *self;
        self.jobs.try_update_value(|j| j.groups.reach(n, p, state));
    }

    /// Reports a failure; what is on screen stays.
    pub fn fail(&self, message: String) {
        let _ = self.drop_first_screen();
        self.status.set(String::new());
        self.alert.set(Some(message));
    }

    /// On Floor's own page: removes the sample's pre-rendered first screen
    /// (index.html's `.first-screen`, src/web/first-screen.mjs), which keeps
    /// the viewer out of sight until it has something to show. The viewer's
    /// own turns are put in the page before the browser paints again.
    ///
    /// A session page's pre-rendered transcript (`render::session_page`) is
    /// a first screen too, with every turn and its ids: where the reader is
    /// in it ([`place_in`]), for the viewer to put them there
    /// ([`State::keep_place`]).
    fn drop_first_screen(&self) -> Option<(Anchor, f64)> {
        let mut place = None;
        if self.is_page() {
            for el in self.all(FIRST_SCREEN_SELECTOR) {
                place = place.or_else(|| place_in(&el));
                el.remove();
            }
        }
        place
    }

    /// Reaches the paragraph (or turn) `anchor` and scrolls it `top` px
    /// from the top of the screen, where it was in the pre-rendered page
    /// the viewer took the place of: in the frame the viewer first draws,
    /// before it is painted. (The focus and the words typed in the search
    /// field are `session.js`'s to carry over.)
    fn keep_place(&self, (anchor, top): (Anchor, f64)) {
        self.reach(anchor.turn(), anchor.paragraph_index());
        if let (Some(el), Some(w)) = (self.by_id(&anchor.place().to_string()), web_sys::window()) {
            w.scroll_by_with_x_and_y(0.0, el.get_bounding_client_rect().top() - top);
        }
    }

    /// Moves the reader to `anchor`: marks it current, writes it in the URL,
    /// scrolls it into view and focuses it.
    pub fn go(&self, anchor: Anchor) {
        // A quote: its words found (where the link says, or elsewhere
        // with a note), or its turn.
        let anchor = match anchor {
            Anchor::Quote(q) => match super::quote::open(*self, q) {
                Some(anchor) => anchor,
                None => return,
            },
            a => {
                super::quote::unmark(*self);
                a
            }
        };
        let paragraphs = self.shown.with_untracked(|s| {
            let turn = s
                .as_ref()?
                .transcript
                .turns
                .get((anchor.turn() as usize).checked_sub(1)?)?;
            Some(s.as_ref()?.transcript.paragraphs(turn).len())
        });
        let Some(paragraphs) = paragraphs else { return };
        // A paragraph the turn does not have: the turn itself.
        let anchor = match anchor {
            Anchor::Paragraph(n, m) if m as usize > paragraphs => Anchor::Turn(n),
            a => a,
        };
        // A filtered-out turn is shown in context.
        let visible = self.shown.with_untracked(|s| {
            let id = s.as_ref().and_then(|s| {
                let t = &s.transcript;
                t.speaker_id(t.turns.get(anchor.turn() as usize - 1)?)
            });
            self.speaker
                .with_untracked(|f| f.is_none() || (id.is_some() && id == f.as_deref()))
        });
        if !visible {
            self.speaker.set(None);
        }
        self.anchor.set(Some(anchor));
        self.sync_url();
        self.tell_parent(anchor);
        self.reach(anchor.turn(), anchor.paragraph_index());
        // After the DOM caught up with a filter change (or, as the viewer
        // opens, was drawn): a quote's marks, and the place shown.
        let id = super::quote::first_paragraph(*self).unwrap_or(anchor.place().to_string());
        let state = *self;
        dom::request_animation_frame(move || super::quote::paint(state, None));
        self.reveal_soon(id, true);
    }

    /// Once the page has caught up with the state (the next frame): focuses
    /// the element with id `id`, and with `reveal` scrolls it to the top and
    /// keeps it there ([`dom::reveal`]: a turn or paragraph).
    fn reveal_soon(&self, id: String, reveal: bool) {
        let state = *self;
        dom::request_animation_frame(move || match state.by_id(&id) {
            Some(el) if reveal => dom::reveal(el),
            Some(el) => dom::focus(&el),
            None => {}
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
            PERMALINK_MESSAGE,
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
    pub(super) fn dialog_open(&self) -> bool {
        self.help.get_untracked() || self.paste.get_untracked()
    }
}

/// Where the reader is in a first screen `el` about to go: the first
/// paragraph (or turn) on screen, and how far from the top. `None` for the
/// sample's first screen, whose turns have no ids.
fn place_in(el: &web_sys::Element) -> Option<(Anchor, f64)> {
    let rect = |e: &web_sys::Element| e.get_bounding_client_rect();
    // The first of `parent`'s children whose bottom is on screen.
    let on_screen = |parent: &web_sys::Element| {
        let children = parent.children();
        let below = |i: u32| children.item(i).is_none_or(|c| rect(&c).bottom() > 0.0);
        children.item(dom::first(children.length(), &below))
    };
    let turns = el.query_selector(".turns").ok()??;
    let turn = on_screen(&on_screen(&turns)?)?;
    let at = on_screen(&turn)
        .filter(|p| Anchor::parse(&p.id()).is_some())
        .unwrap_or(turn);
    Some((Anchor::parse(&at.id())?, rect(&at).top()))
}
