//! Quotes, citations and downloads: what a reader takes out of the viewer.
//!
//! - A selection inside one turn gets a bar, "Copy quote link", "Copy
//!   quote" and "Copy citation"; `q` selects the current turn's first word
//!   for the keyboard (Shift+→ / Shift+← then move its end a word, → / ←
//!   its start). The words it touches are a [`crate::link::Quote`], whose
//!   link opens with them marked (`<mark class="quote">`), found again
//!   after the transcript changed, or else at their turn, with a note
//!   ([`crate::link::quote::find`]).
//! - "Copy citation" (a turn's, or a quote's) offers the styles of
//!   [`crate::cite`].
//! - "Download" writes the whole transcript, the turns of the speaker
//!   filter or those the search finds, in a format of [`crate::export`].
//!
//! All of it but what the viewer alone knows (its transcript, its links,
//! where it is, the turns it draws) is `quote.js` (`src/web/quote.js`),
//! which `floor.js`'s `__floorQuote` loads the first time a viewer needs
//! it, and the readers' module, which finds quotes and formats citations
//! (`quoteFind`, `quoteSelect`, `citeAll`, `exportText` in
//! `src/bin/floor-readers.rs`):
//! a first visit carries neither. `quote.js` asks the viewer through one
//! function, `tell(what, …)` ([`told`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::State;
use super::host::Root;
use crate::link::Anchor;

#[wasm_bindgen]
extern "C" {
    /// `floor.js`'s `__floorQuote(root, viewer, tell)`: `quote.js`'s
    /// controller of the viewer `viewer` in the tree `root` (loaded the
    /// first time words are selected in it or the viewer calls on it),
    /// which tells the viewer the quote bar's action and its selection.
    #[wasm_bindgen(catch, js_name = __floorQuote)]
    fn attach_quote(
        root: &JsValue,
        viewer: &web_sys::Element,
        tell: &js_sys::Function,
    ) -> Result<JsValue, JsValue>;
}

/// A viewer's quotes: `quote.js`'s controller, and whether a quote's
/// words are marked (which repaints then mark again).
#[derive(Default)]
pub struct Quoting {
    controller: Option<JsValue>,
    marked: bool,
}

impl Quoting {
    /// Whether [`start`] was called.
    pub(super) fn started(&self) -> bool {
        self.controller.is_some()
    }
}

/// Once the viewer is in the page: the quote bar waits for a selection.
pub(super) fn start(state: State) {
    let Some(viewer) = state.all(".floor:not(.first-screen)").pop() else {
        return;
    };
    let root: JsValue = match state.host.with_value(|h| h.root.clone()) {
        Root::Page(d) => d.into(),
        Root::Shadow(s) => s.into(),
    };
    let tell = Closure::<dyn Fn(String, JsValue, JsValue, JsValue) -> JsValue>::new(
        move |what: String, a: JsValue, b: JsValue, c: JsValue| {
            if state.alive() {
                told(state, &what, [a, b, c])
            } else {
                JsValue::UNDEFINED
            }
        },
    );
    if let Ok(controller) = attach_quote(&root, &viewer, tell.as_ref().unchecked_ref()) {
        // (Called by quote.js for as long as the viewer lives.)
        tell.forget();
        state
            .quoting
            .update_value(|q| q.controller = Some(controller));
    }
}

/// What `quote.js` asks of the viewer: `wire` (the transcript as wire
/// bytes, for the readers' module), `anchor` (where the reader is), `link`
/// (a fragment's link), `turns` (those shown), `copy` (text `b`, a `a`, of
/// fragment `c`), `status` / `fail` (a message), `reach` (a paragraph's
/// id: drawn), `go` (to a fragment, its words marked) and `lost` (a
/// quote's words nowhere: its turn, with a note).
fn told(state: State, what: &str, [a, b, c]: [JsValue; 3]) -> JsValue {
    let anchor = a.as_string().as_deref().and_then(Anchor::parse);
    match (what, anchor) {
        ("wire", _) => match state.transcript() {
            Some(t) => js_sys::Uint8Array::from(&t.to_wire()[..]).into(),
            None => JsValue::UNDEFINED,
        },
        ("anchor", _) => state.anchor.get_untracked().map(|a| a.to_string()).into(),
        ("link", Some(anchor)) => state.link(anchor).into(),
        ("copy", _) => {
            if let (Some(what), Some(text), Some(anchor)) = (
                a.as_string(),
                b.as_string(),
                c.as_string().as_deref().and_then(Anchor::parse),
            ) {
                copy(state, what, text, anchor);
            }
            JsValue::UNDEFINED
        }
        ("status", _) => {
            state.status.set(a.as_string().unwrap_or_default());
            JsValue::UNDEFINED
        }
        ("fail", _) => {
            state.fail(a.as_string().unwrap_or_default());
            JsValue::UNDEFINED
        }
        ("reach", Some(anchor)) => {
            state.reach(anchor.turn(), anchor.paragraph_index());
            JsValue::UNDEFINED
        }
        ("go", Some(anchor)) => {
            state.quoting.update_value(|q| q.marked = true);
            state.go_to(anchor);
            JsValue::UNDEFINED
        }
        ("lost", Some(anchor)) => {
            let n = anchor.turn();
            let has = state
                .transcript()
                .is_some_and(|t| n as usize <= t.turns.len());
            let said =
                "The quoted words are not in this transcript as they were when the link was made";
            state.status.set(if has {
                format!("{said} (it has changed since): showing turn {n} instead.")
            } else {
                format!("{said}, and it has no turn {n}.")
            });
            state.go_to(Anchor::Turn(n));
            JsValue::UNDEFINED
        }
        _ => JsValue::UNDEFINED,
    }
}

/// The viewer goes: `quote.js` lets go of the page.
pub(super) fn detach(state: State) {
    call(state, "detach", &[]);
}

/// Calls `quote.js`'s `name` with `args` (loading it first, if it is not
/// yet).
fn call(state: State, name: &str, args: &[JsValue]) {
    let Some(Some(controller)) = state.quoting.try_with_value(|q| q.controller.clone()) else {
        return;
    };
    if let Ok(f) = js_sys::Reflect::get(&controller, &name.into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.apply(&controller, &args.iter().collect());
    }
}

/// Copies `text` (a `what`: "Link", "Quote link", "Citation"…) of
/// `anchor`, tells the framing page the anchor's permalink, and says so.
pub(super) fn copy(state: State, what: String, text: String, anchor: Anchor) {
    let linkable = state
        .shown
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.source.linkable()));
    state.tell_parent(anchor);
    let n = anchor.turn();
    leptos::task::spawn_local(async move {
        let copied = crate::web::dom::copy(&text).await;
        if !state.alive() {
            return;
        }
        if copied {
            let caveat = if linkable {
                ""
            } else {
                " It only works for someone who opens the same file."
            };
            state
                .status
                .set(format!("{what} to turn {n} copied.{caveat}"));
        } else {
            state.fail(format!(
                "The browser did not allow copying. The {} is: {text}",
                what.to_ascii_lowercase()
            ));
        }
    });
}

/// "Copy citation" of `anchor` (a turn or a quote): `quote.js`'s dialog of
/// the styles.
pub(super) fn cite(state: State, anchor: Anchor) {
    call(state, "cite", &[anchor.to_string().into()]);
}

/// Opens quote link `anchor`: goes to its place at once; `quote.js` has its
/// words found by the readers' module, then marks them and comes back to
/// `go` there (or says where they went, or that they are gone: `lost`).
pub(super) fn open(state: State, anchor: Anchor) {
    unmark(state);
    state.go_to(anchor);
    call(state, "open", &[anchor.to_string().into()]);
}

/// A paragraph drawn again (the search's marks): a quote's marks too.
pub(super) fn repainted(state: State, el: &web_sys::Element) {
    if state.quoting.try_with_value(|q| q.marked) == Some(true) {
        call(state, "repaint", &[el.into()]);
    }
}

/// Takes the marks of the quote opened off the page.
pub(super) fn unmark(state: State) {
    let had = state
        .quoting
        .try_update_value(|q| std::mem::take(&mut q.marked))
        .unwrap_or(false);
    if had {
        call(state, "unmark", &[]);
    }
}

/// "Download": `quote.js`'s dialog of the formats of [`crate::export`]
/// and the turns to write: all of them, the speaker filter's, the
/// search's (each offered when it is on).
pub(super) fn download(state: State) {
    let Some(t) = state.transcript() else { return };
    let scopes = js_sys::Array::new();
    let offer = |label: String, turns: Vec<u32>| {
        scopes.push(&js_sys::Array::of2(
            &label.into(),
            &js_sys::Uint32Array::from(&turns[..]),
        ));
    };
    offer(format!("All {} turns", t.turns.len()), Vec::new());
    if let Some(id) = state.speaker.get_untracked() {
        let turns: Vec<u32> = crate::view::visible_turns(&t, Some(&id))
            .iter()
            .map(|turn| turn.n)
            .collect();
        let name = t.speaker(&id).map_or(id.as_str(), |s| s.name.as_str());
        let s = if turns.len() == 1 { "" } else { "s" };
        offer(
            format!("The {} turn{s} of {name} (the speaker filter)", turns.len()),
            turns,
        );
    }
    let query = state.query.get_untracked();
    let found: Vec<u32> = state
        .hits
        .with_untracked(|h| h.turns.iter().map(|h| h.n).collect());
    if !found.is_empty() {
        let s = if found.len() == 1 { "" } else { "s" };
        offer(
            format!(
                "The {} turn{s} matching \u{201c}{}\u{201d} (the search)",
                found.len(),
                query.trim()
            ),
            found,
        );
    }
    let name = t.meta.title.clone().unwrap_or_else(|| "transcript".into());
    let timed = t.turns.iter().any(|turn| t.start(turn).is_some());
    call(
        state,
        "download",
        &[scopes.into(), name.into(), timed.into()],
    );
}

/// `q`: selects the first word of the turn the reader is at and gives the
/// quote bar the focus (or says how to choose a turn).
pub(super) fn keyboard(state: State) {
    let Some(n) = state.anchor.get_untracked().map(Anchor::turn) else {
        state.status.set(
            "Go to a turn first (j, k or its number), then press q to quote its words.".into(),
        );
        return;
    };
    state.reach(n, 0);
    if let Some(turn) = state.by_id(&Anchor::Turn(n).to_string()) {
        call(state, "select", &[turn.into()]);
    }
}
