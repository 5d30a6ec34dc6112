//! Quotes, citations and downloads: what a reader takes out of the viewer.
//!
//! - A selection inside one turn gets a bar, "Copy quote link", "Copy
//!   quote" and "Copy citation"; `q` selects the current turn's first word
//!   for the keyboard (Shift+→ / Shift+← then move its end a word, → / ←
//!   its start). The words it touches are a [`Quote`], whose link opens
//!   with them marked (`<mark class="quote">`), found again after the
//!   transcript changed, or else at their turn, with a note
//!   ([`link::quote::find`]).
//! - "Copy citation" (a turn's, or a quote's) offers the styles of
//!   [`crate::cite`], formatted by the readers' module.
//! - "Download" writes the whole transcript, the turns of the speaker
//!   filter or those the search finds, in a format of [`crate::export`],
//!   also in the readers' module.
//!
//! The bar, the marks, the dialog and saving are `quote.js`
//! (`src/web/quote.js`), which `floor.js`'s `__floorQuote` loads the first
//! time a viewer needs it: a first visit carries neither it nor the
//! styles and formats.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::State;
use super::host::Root;
use crate::link::quote::{self, Found};
use crate::link::{Anchor, Quote};
use crate::web::dom;

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

/// A viewer's quotes: `quote.js`'s controller, and the quote marked.
#[derive(Default)]
pub struct Quoting {
    controller: Option<JsValue>,
    /// The quote opened, as `(turn, paragraph index, start, end)` offsets
    /// (UTF-16) into its paragraphs' text, which repaints mark again.
    marked: Vec<(u32, usize, u32, u32)>,
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
    let tell = Closure::<dyn Fn(String, String, u32, String, u32)>::new(
        move |action: String, from: String, a: u32, to: String, b: u32| {
            if state.alive() {
                selected(state, &action, (&from, a), (&to, b));
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

/// The viewer goes: `quote.js` lets go of the page.
pub(super) fn detach(state: State) {
    call(state, "detach", &[]);
}

/// Calls `quote.js`'s `name` with `args`: its promise.
fn call(state: State, name: &str, args: &[JsValue]) -> Option<js_sys::Promise> {
    let controller = state.quoting.try_with_value(|q| q.controller.clone())??;
    let f: js_sys::Function = js_sys::Reflect::get(&controller, &name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(&controller, &args).ok()?.dyn_into().ok()
}

/// The UTF-16 offset of byte `at` of `text`.
fn utf16_at(text: &str, at: usize) -> u32 {
    text.get(..at).map_or(0, |s| s.encode_utf16().count()) as u32
}

/// The byte of `text` at UTF-16 offset `at` (the end of the char it is in).
fn byte_at(text: &str, at: u32) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= at {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The quote bar's `action` ("link", "quote", "cite") on the selection
/// from offset `a` (UTF-16) of paragraph `from` (an id, `t37-p2`) to `b` of
/// `to`.
fn selected(state: State, action: &str, (from, a): (&str, u32), (to, b): (&str, u32)) {
    let Some(t) = state.transcript() else { return };
    let (Some(Anchor::Paragraph(n, p)), Some(Anchor::Paragraph(m, q))) =
        (Anchor::parse(from), Anchor::parse(to))
    else {
        return;
    };
    let at = |p: u32, offset: u32| {
        let turn = t.turns.get(n as usize - 1)?;
        Some((
            p as usize - 1,
            byte_at(t.paragraph(turn, p as usize - 1)?, offset),
        ))
    };
    let (Some(start), Some(end)) = (at(p, a), at(q, b)) else {
        return;
    };
    let Some(quote) = (n == m).then(|| Quote::select(&t, n, start, end)).flatten() else {
        state
            .status
            .set("Select words of one turn to quote them.".into());
        return;
    };
    let anchor = Anchor::Quote(quote);
    match action {
        "link" => copy(state, "Quote link", state.link(anchor), anchor),
        "quote" => {
            let text = quote::attributed(&t, &quote, &state.link(anchor));
            copy(state, "Quote", text, anchor);
        }
        "cite" => cite(state, anchor),
        _ => {}
    }
}

/// Copies `text` (a `what`: "Link", "Quote link", "Citation"…) of
/// `anchor`, tells the framing page the anchor's permalink, and says so.
pub(super) fn copy(state: State, what: &'static str, text: String, anchor: Anchor) {
    let linkable = state
        .shown
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.source.linkable()));
    state.tell_parent(anchor);
    let n = anchor.turn();
    leptos::task::spawn_local(async move {
        let copied = dom::copy(&text).await;
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

/// "Copy citation" of `anchor` (a turn or a quote): a dialog of the styles.
pub(super) fn cite(state: State, anchor: Anchor) {
    let _ = (state, anchor);
}

/// Opens quote `q`: the anchor to go to (the quote, found where it says
/// or elsewhere, or its turn), its words to mark, and a note when they
/// were not where the link said.
pub(super) fn open(state: State, q: Quote) -> Option<Anchor> {
    let t = state.transcript()?;
    let (anchor, spans) = match quote::find(&t, &q) {
        Found::Exact(spans) => (Anchor::Quote(q), spans),
        Found::Moved(moved, spans) => {
            state.status.set(format!(
                "The transcript has changed since this quote link was made: its words are now in turn {}.",
                moved.turn
            ));
            (Anchor::Quote(moved), spans)
        }
        Found::Lost => {
            state.status.set(format!(
                "The quoted words are not in this transcript as they were when the link was made (it has changed since): showing turn {} instead.",
                q.turn
            ));
            unmark(state);
            return (q.turn as usize <= t.turns.len()).then_some(Anchor::Turn(q.turn));
        }
    };
    let n = anchor.turn();
    let turn = t.turns.get(n as usize - 1)?;
    let mut marked: Vec<(u32, usize, u32, u32)> = Vec::new();
    for (p, a, b) in spans {
        let text = t.paragraph(turn, p)?;
        match marked.last_mut() {
            Some(last) if last.1 == p => last.3 = utf16_at(text, b),
            _ => marked.push((n, p, utf16_at(text, a), utf16_at(text, b))),
        }
    }
    unmark(state);
    state.quoting.update_value(|q| q.marked = marked);
    Some(anchor)
}

/// The id of the paragraph a quote's words start in, once [`open`]ed.
pub(super) fn first_paragraph(state: State) -> Option<String> {
    state.quoting.with_value(|q| {
        q.marked
            .first()
            .map(|&(n, p, ..)| Anchor::Paragraph(n, p as u32 + 1).to_string())
    })
}

/// Marks the opened quote's words in paragraph `(n, p)` as drawn now, or
/// in every paragraph of it (`None`), each put in the page first.
pub(super) fn paint(state: State, only: Option<(u32, usize)>) {
    let marked = state
        .quoting
        .try_with_value(|q| q.marked.clone())
        .unwrap_or_default();
    for (n, p, a, b) in marked {
        match only {
            Some(o) if o != (n, p) => continue,
            Some(_) => {}
            None => state.reach(n, p),
        }
        if let Some(el) = state.by_id(&Anchor::Paragraph(n, p as u32 + 1).to_string()) {
            call(state, "mark", &[el.into(), a.into(), b.into()]);
        }
    }
}

/// Takes the marks of the quote opened off the page.
pub(super) fn unmark(state: State) {
    let had = state
        .quoting
        .try_update_value(|q| !std::mem::take(&mut q.marked).is_empty())
        .unwrap_or(false);
    if had {
        call(state, "unmark", &[]);
    }
}

/// `q`: selects the first word of the turn the reader is at (or the first
/// on screen) and gives the quote bar the focus.
pub(super) fn keyboard(state: State) {
    let n = state
        .anchor
        .get_untracked()
        .map(Anchor::turn)
        .or_else(|| super::turns::first_on_screen(state));
    let Some(n) = n else { return };
    state.reach(n, 0);
    if let Some(turn) = state.by_id(&Anchor::Turn(n).to_string()) {
        call(state, "select", &[turn.into()]);
    }
}
