//! The turns: one `<article id="t{n}">` per turn, headed by its speaker.
//!
//! A transcript can have thousands of turns, so the list is built with plain
//! DOM calls, not components: no reactive state per turn (it cost about 4 KB
//! of WebAssembly memory per turn). Each turn is a clone of one template,
//! with its own parts filled in. The speaker filter and the current turn are
//! two effects that set attributes on the turns in the page; the copy
//! actions use one delegated click handler for the whole list.
//!
//! Turns come in groups of [`GROUP`], each skipped by the browser while off
//! screen (`content-visibility: auto`). A large transcript would still take
//! seconds to put in the page at once, so the list starts with the first
//! groups and the one the reader opened at, and fills the others in the
//! background ([`super::jobs`]), one group per task, in order. Whatever
//! needs a turn that may not be there yet asks [`State::reach`].

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{State, jobs, paragraph};
use crate::link::{Anchor, time};
use crate::model::{Transcript, Turn};
use crate::view;
use crate::web::dom;

/// Turns per group of the list; the group of turns `n..n + GROUP` (`n` one
/// more than a multiple of `GROUP`) is `<div class="group" id="g{n}">`.
const GROUP: usize = 40;

/// Groups in the page from the start (the sample has two).
const FIRST_GROUPS: usize = 2;

/// Text a turn draws at once, in bytes: a longer turn (a paragraph of
/// megabytes, or a text without markers: thousands of paragraphs in one
/// turn) goes on in later tasks, this much at a time ([`Groups::fill_next`]),
/// so that no task of the page draws much more.
const TURN_TEXT: usize = 32 * 1024;

/// A turn in the page but drawn in part: where it goes on.
struct Rest {
    /// Its number.
    n: u32,
    /// Its `<article>`.
    article: web_sys::Element,
    /// Where it goes on.
    at: Cursor,
}

/// Where a turn drawn in part goes on: the next paragraph to draw (from 0),
/// and if that one is drawn in part, its `<p>` and the byte its next chunk
/// starts at.
type Cursor = (usize, Option<(web_sys::Element, usize)>);

/// The group turn number `n` is in, counted from 0.
fn group_of(n: u32) -> usize {
    (n as usize).saturating_sub(1) / GROUP
}

/// The turns of group `i` of `t`.
fn group_turns(t: &Transcript, i: usize) -> &[Turn] {
    &t.turns[i * GROUP..((i + 1) * GROUP).min(t.turns.len())]
}

/// The turn list's groups, and which are in the page.
#[derive(Default)]
pub(super) struct Groups {
    /// The transcript they show.
    transcript: Option<Arc<Transcript>>,
    /// The groups' `<div>`s, in order.
    elements: Vec<web_sys::Element>,
    /// Per group: whether its turns are in the page.
    filled: Vec<bool>,
    /// The turn every clone starts from.
    template: Option<web_sys::Element>,
    /// The turns `(first, last)` of the groups filled since the background
    /// work last asked ([`Groups::take_filled`]).
    newly_filled: Vec<(u32, u32)>,
    /// The turns drawn in part, in order.
    rest: Vec<Rest>,
}

impl Groups {
    /// Puts turn `n`'s group in the page if it is not yet, and the turn's
    /// paragraphs up to paragraph `p` (from 0) if it is drawn in part.
    pub(super) fn reach(&mut self, n: u32, p: usize, state: State) {
        self.fill(group_of(n), state);
        while let Some(i) = self.rest.iter().position(|r| r.n == n && r.at.0 <= p) {
            self.go_on(i);
        }
    }

    /// Draws more of the first turn drawn in part, or puts the first group
    /// not yet in the page in it.
    pub(super) fn fill_next(&mut self, state: State) {
        if !self.rest.is_empty() {
            self.go_on(0);
        } else if let Some(i) = self.filled.iter().position(|f| !f) {
            self.fill(i, state);
        }
    }

    /// Draws [`TURN_TEXT`] more of the turn `rest[i]`.
    fn go_on(&mut self, i: usize) {
        let (Some(t), Some(rest)) = (&self.transcript, self.rest.get_mut(i)) else {
            return;
        };
        let n = rest.n;
        let at = (rest.at.0, rest.at.1.take());
        // (Done, or not drawable: no longer drawn in part either way.)
        match t
            .turns
            .get(n as usize - 1)
            .and_then(|turn| draw_paragraphs(&rest.article, (t, turn), at))
        {
            Some(at) => rest.at = at,
            None => {
                self.rest.remove(i);
            }
        }
        self.newly_filled.push((n, n));
    }

    /// Whether some groups are not in the page yet, or some turns are drawn
    /// in part.
    pub(super) fn unfilled(&self) -> bool {
        self.filled.contains(&false) || !self.rest.is_empty()
    }

    /// Whether groups were filled since [`Groups::take_filled`] last asked.
    pub(super) fn has_filled(&self) -> bool {
        !self.newly_filled.is_empty()
    }

    /// The turns `(first, last)` of the groups filled since the last call.
    pub(super) fn take_filled(&mut self) -> Vec<(u32, u32)> {
        std::mem::take(&mut self.newly_filled)
    }

    /// The groups' `<div>`s that the speaker filter leaves shown, in order.
    fn shown(&self) -> Vec<web_sys::Element> {
        self.elements
            .iter()
            .filter(|g| !g.has_attribute("hidden"))
            .cloned()
            .collect()
    }

    /// Puts group `i`'s turns in the page, shown or hidden by `state`'s
    /// speaker filter and with its current turn marked, if they are not yet.
    fn fill(&mut self, i: usize, state: State) {
        if self.filled.get(i) != Some(&false) {
            return;
        }
        let (Some(t), Some(template), Some(group)) =
            (&self.transcript, &self.template, self.elements.get(i))
        else {
            return;
        };
        let Some(doc) = group.owner_document() else {
            return;
        };
        let speaker = state.speaker.get_untracked();
        let current = state.anchor.get_untracked().map(Anchor::turn);
        let spoken = state.recording.with_value(|r| r.spoken);
        let seekable = super::media::beside(state);
        let fragment = doc.create_document_fragment();
        let turns = group_turns(t, i);
        for turn in turns {
            if let Some((article, rest)) = build_turn(&doc, template, (t, turn), seekable) {
                if let Some(at) = rest {
                    let article = article.clone();
                    self.rest.push(Rest {
                        n: turn.n,
                        article,
                        at,
                    });
                }
                if !view::shows(t, turn, speaker.as_deref()) {
                    let _ = article.set_attribute("hidden", "");
                }
                if let Some(value) = current_value(current, spoken, turn.n) {
                    let _ = article.set_attribute("aria-current", value);
                }
                let _ = fragment.append_child(&article);
            }
        }
        let _ = group.append_child(&fragment);
        self.filled[i] = true;
        if let (Some(first), Some(last)) = (turns.first(), turns.last()) {
            self.newly_filled.push((first.n, last.n));
        }
    }

    /// Shows the turns of `speaker` only (all with `None`): every turn in the
    /// page, and the groups, hidden when none of their turns is shown.
    fn filter(&self, speaker: Option<&str>) {
        let Some(t) = &self.transcript else { return };
        let shown = |turn: &Turn| view::shows(t, turn, speaker);
        for (i, group) in self.elements.iter().enumerate() {
            let turns = group_turns(t, i);
            let _ = group.toggle_attribute_with_force("hidden", !turns.iter().any(shown));
            if !self.filled[i] {
                continue;
            }
            let mut article = group.first_element_child();
            for turn in turns {
                let Some(el) = article else { break };
                let _ = el.toggle_attribute_with_force("hidden", !shown(turn));
                article = el.next_element_sibling();
            }
        }
    }

    /// The first and last turn on a screen of `height`, give or take half a
    /// screen. The groups are measured first (measuring a turn inside a
    /// group the browser skips would make it lay the group out), then the
    /// turns of the groups found.
    pub(super) fn on_screen(&self, height: f64) -> (u32, u32) {
        // (Not a selector query: that would look through every node of the page.)
        let groups = self.shown();
        let count = groups.len() as u32;
        let group = |i: u32| groups.get(i as usize);
        // The first group whose bottom is below a screen above the top.
        let lo = dom::first(count, &|i| {
            group(i).is_none_or(|g| g.get_bounding_client_rect().bottom() >= -height)
        });
        let mut last = lo;
        while last + 1 < count
            && group(last + 1).is_some_and(|g| g.get_bounding_client_rect().top() < 2.0 * height)
        {
            last += 1;
        }
        let first_turn = |i: u32| {
            group(i).and_then(|g| g.id().strip_prefix('g').and_then(|n| n.parse::<u32>().ok()))
        };
        let (Some(a), Some(b)) = (first_turn(lo), first_turn(last)) else {
            return (0, 0);
        };
        // Inside the first and the last of them (near the screen, so laid out),
        // only the turns from half a screen above it to half a screen below.
        let shown = |i: u32| -> Vec<web_sys::Element> {
            let Some(g) = group(i) else { return Vec::new() };
            let children = g.children();
            (0..children.length())
                .filter_map(|k| children.item(k))
                .filter(|el| !el.has_attribute("hidden"))
                .collect()
        };
        let number = |el: &web_sys::Element| Anchor::parse(&el.id()).map(Anchor::turn);
        let from = shown(lo)
            .iter()
            .find(|el| el.get_bounding_client_rect().bottom() > -height / 2.0)
            .and_then(number);
        let to = shown(last)
            .iter()
            .rev()
            .find(|el| el.get_bounding_client_rect().top() < height * 1.5)
            .and_then(number);
        (from.unwrap_or(a), to.unwrap_or(b + GROUP as u32 - 1))
    }
}

/// Every turn of `transcript`.
#[component]
pub fn TurnList(transcript: Arc<Transcript>) -> impl IntoView {
    let state = expect_context::<State>();
    // Builds the groups (filling the first ones) as soon as the list's
    // element exists, before it is in the page. A new transcript rebuilds
    // the list in the same element: the old turns go first.
    let build = move |el: web_sys::Element| {
        let Some(doc) = el.owner_document() else {
            return;
        };
        el.set_text_content(None);
        let opened_at = state.anchor.get_untracked();
        let count = transcript.turns.len().div_ceil(GROUP);
        let mut elements = Vec::with_capacity(count);
        for i in 0..count {
            let Ok(group) = doc.create_element("div") else {
                return;
            };
            group.set_class_name("group");
            group.set_id(&format!("g{}", i * GROUP + 1));
            let _ = el.append_child(&group);
            elements.push(group);
        }
        let _ = state.jobs.try_update_value(|j| {
            let g = &mut j.groups;
            *g = Groups {
                transcript: Some(transcript.clone()),
                elements,
                filled: vec![false; count],
                template: template(&doc),
                newly_filled: Vec::new(),
                rest: Vec::new(),
            };
            state.speaker.with_untracked(|f| g.filter(f.as_deref()));
            for i in 0..FIRST_GROUPS {
                g.fill(i, state);
            }
            // The turn opened at, as far as its paragraph.
            if let Some(anchor) = opened_at {
                g.reach(anchor.turn(), anchor.paragraph_index(), state);
            }
            // (In the page before any mark is painted on this transcript.)
            g.newly_filled.clear();
        });
        // The other groups, in the background.
        jobs::wake(state);
    };
    // The speaker filter and the current turn, on the turns in the page
    // (a group filled later gets them as it is built).
    Effect::new(move |_| {
        state.speaker.with(|f| {
            state.jobs.with_value(|j| j.groups.filter(f.as_deref()));
        });
    });
    Effect::new(move |before: Option<Option<u32>>| {
        let now = state.anchor.get().map(Anchor::turn);
        for n in [before.flatten(), now].into_iter().flatten() {
            mark_current(state, n);
        }
        now
    });
    view! {
        <div class="turns" class:filtering=move || state.speaker.with(Option::is_some) use:build></div>
    }
}

/// What turn `n`'s `aria-current` says: `time` while it is being spoken
/// in the recording, else `true` when the reader is at it.
fn current_value(at: Option<u32>, spoken: Option<u32>, n: u32) -> Option<&'static str> {
    if spoken == Some(n) {
        Some("time")
    } else {
        (at == Some(n)).then_some("true")
    }
}

/// Sets turn `n`'s `aria-current` as it is now (if it is in the page).
pub(super) fn mark_current(state: State, n: u32) {
    let Some(el) = state.by_id(&Anchor::Turn(n).to_string()) else {
        return;
    };
    let at = state.anchor.get_untracked().map(Anchor::turn);
    let _ = match current_value(at, state.recording.with_value(|r| r.spoken), n) {
        Some(value) => el.set_attribute("aria-current", value),
        None => el.remove_attribute("aria-current"),
    };
}

/// The parts every turn shares, cloned for each: its heading's place, the
/// number link and the actions.
fn template(doc: &web_sys::Document) -> Option<web_sys::Element> {
    let el = |tag: &str, class: &str| {
        let e = doc.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        Some(e)
    };
    let article = el("article", "turn")?;
    let head = el("header", "turn-head")?;
    let h2 = el("h2", "")?;
    let who = el("bdi", "who")?;
    h2.append_child(&who).ok()?;
    head.append_child(&h2).ok()?;
    let num = el("a", "num")?;
    head.append_child(&num).ok()?;
    let actions = el("span", "actions")?;
    for (action, label) in [
        ("link", "Copy link"),
        ("cite", "Copy citation"),
        ("context", "Show in context"),
    ] {
        let button = el("button", "")?;
        button.set_attribute("type", "button").ok()?;
        button.set_attribute("data-action", action).ok()?;
        button.set_text_content(Some(label));
        actions.append_child(&button).ok()?;
    }
    head.append_child(&actions).ok()?;
    article.append_child(&head).ok()?;
    Some(article)
}

/// Turn `turn` of `t`: a clone of `template` with its id, speaker, number,
/// the `<time>` it starts at (when known: a link to that time, labelled
/// "Play from …" when a recording plays beside the transcript
/// (`seekable`)) and paragraphs (the first [`TURN_TEXT`] of them, and where to go on).
fn build_turn(
    doc: &web_sys::Document,
    template: &web_sys::Element,
    (t, turn): (&Transcript, &Turn),
    seekable: bool,
) -> Option<(web_sys::Element, Option<Cursor>)> {
    let n = turn.n;
    let article: web_sys::Element = template.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    article.set_id(&Anchor::Turn(n).to_string());
    if turn.speaker().is_none() {
        let _ = article.class_list().add_1("unattributed");
    }
    let head = article.first_element_child()?;
    let h2 = head.first_element_child()?;
    let who = h2.first_element_child()?;
    who.set_text_content(Some(view::speaker_name(t, turn)));
    if let Some(label) = t.label(turn) {
        let title = format!("Written in the transcript as \u{201c}{label}\u{201d}");
        who.set_attribute("title", &title).ok()?;
    }
    if turn.speaker().is_none() {
        let note = doc.create_element("span").ok()?;
        note.set_class_name("visually-hidden");
        note.set_text_content(Some(" (speaker not named)"));
        h2.append_child(&note).ok()?;
    }
    let num = h2.next_element_sibling()?;
    num.set_attribute("href", &format!("#t{n}")).ok()?;
    num.set_attribute("aria-label", &format!("Turn {n}, link"))
        .ok()?;
    num.set_text_content(Some(&format!("#{n}")));
    // Beside its number, when it starts in the recording.
    // A link to the time (`#t=12:34`), which plays the recording from
    // there when one plays beside the transcript.
    if let Some(ms) = t.start(turn) {
        let clock = time::clock(ms);
        let link = doc.create_element("a").ok()?;
        link.set_class_name("at");
        link.set_attribute("href", &format!("#t={clock}")).ok()?;
        if seekable {
            link.set_attribute("aria-label", &format!("Play from {clock}"))
                .ok()?;
        }
        let at = doc.create_element("time").ok()?;
        at.set_attribute("datetime", &time::datetime(ms)).ok()?;
        at.set_text_content(Some(&clock));
        link.append_child(&at).ok()?;
        head.insert_before(&link, num.next_element_sibling().as_deref())
            .ok()?;
    }
    let rest = draw_paragraphs(&article, (t, turn), (0, None));
    Some((article, rest))
}

/// Draws [`TURN_TEXT`] (at least a chunk) of `turn`'s paragraphs into its
/// `article` from where it stopped; where to go on, if it is not done.
fn draw_paragraphs(
    article: &web_sys::Element,
    (t, turn): (&Transcript, &Turn),
    (mut p, mut inside): Cursor,
) -> Option<Cursor> {
    let doc = article.owner_document()?;
    let mut budget = TURN_TEXT;
    while p < t.paragraphs(turn).len() {
        if budget == 0 {
            return Some((p, None));
        }
        let (el, start) = match inside.take() {
            Some(at) => at,
            None => {
                let el = doc.create_element("p").ok()?;
                el.set_id(&Anchor::Paragraph(turn.n, p as u32 + 1).to_string());
                article.append_child(&el).ok()?;
                (el, 0)
            }
        };
        if let Some(next) = paragraph::fill(&doc, &el, (t, turn), p, start, &mut budget) {
            return Some((p, Some((el, next))));
        }
        p += 1;
    }
    None
}

/// The viewer's clicks, delegated from its root: a turn's number link in
/// another page's element, a turn's actions, and "Undo" / "Merge again" in
/// "About this transcript" (one listener: each costs WebAssembly).
pub(super) fn on_click(state: State, ev: &leptos::ev::MouseEvent) {
    // In another page's element, a turn's number link cannot reach the
    // turn through the page's fragment: go there directly.
    if let Some(link) = dom::closest(ev, "a.num")
        && !state.is_page()
    {
        if let Some(anchor) = link
            .get_attribute("href")
            .as_deref()
            .and_then(Anchor::parse)
        {
            ev.prevent_default();
            state.go(anchor);
        }
        return;
    }
    // A turn's time: the recording plays from there (or the framing page
    // is asked to); else, in another page's element, the viewer goes to
    // the turn, as the page's `#t=` does on Floor's own page.
    if let Some(link) = dom::closest(ev, "a.at") {
        let ms = turn_of(&link).and_then(|n| {
            let t = state.transcript()?;
            t.start(t.turns.get(n as usize - 1)?)
        });
        if let Some(ms) = ms {
            if super::media::seek(state, ms) {
                ev.prevent_default();
            } else if !state.is_page() {
                ev.prevent_default();
                state.go_time(ms / 1000);
            }
        }
        return;
    }
    if let Some(button) = dom::closest(ev, "button[data-speaker]") {
        let id = button.get_attribute("data-speaker");
        super::panels::choose_speaker(state, id);
        return;
    }
    if let Some(button) = dom::closest(ev, "button[data-label]")
        && let Some(label) = button.get_attribute("data-label")
    {
        state.keep_apart(&label, button.has_attribute("data-apart"));
        return;
    }
    let Some(button) = dom::closest(ev, "button[data-action]") else {
        return;
    };
    // The toolbar's "Add captions": the paste dialog, asking for captions.
    match button.get_attribute("data-action").as_deref() {
        Some("captions") => return super::panels::ask(state, true),
        Some("download") => return super::quote::download(state),
        _ => {}
    }
    let Some(n) = turn_of(&button) else {
        return;
    };
    let anchor = Anchor::Turn(n);
    match button.get_attribute("data-action").as_deref() {
        Some("context") => state.context(n),
        Some("link") => super::quote::copy(state, "Link".into(), state.link(anchor), anchor),
        Some("cite") => super::quote::cite(state, anchor),
        _ => {}
    }
}

/// The number of the turn `el` is in.
fn turn_of(el: &web_sys::Element) -> Option<u32> {
    let article = el.closest("article.turn").ok()??;
    Anchor::parse(&article.id()).map(Anchor::turn)
}
