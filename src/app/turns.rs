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
//! background, one group per task, in order. Whatever needs a turn that may
//! not be there yet asks [`State::reach`].

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::State;
use crate::link::Anchor;
use crate::model::{Transcript, Turn};
use crate::view::{self, Segment};
use crate::web::dom;

/// Turns per group of the list; the group of turns `n..n + GROUP` (`n` one
/// more than a multiple of `GROUP`) is `<div class="group" id="g{n}">`.
pub const GROUP: usize = 40;

/// Groups in the page from the start (the sample has two).
const FIRST_GROUPS: usize = 2;

/// The group turn number `n` is in, counted from 0.
pub(super) fn group_of(n: u32) -> usize {
    (n as usize).saturating_sub(1) / GROUP
}

/// The turns of group `i` of `t`.
fn group_turns(t: &Transcript, i: usize) -> &[Turn] {
    &t.turns[i * GROUP..((i + 1) * GROUP).min(t.turns.len())]
}

/// The turn list's groups, and which are in the page.
#[derive(Default)]
pub struct Groups {
    /// The transcript they show.
    transcript: Option<Arc<Transcript>>,
    /// The groups' `<div>`s, in order.
    elements: Vec<web_sys::Element>,
    /// Per group: whether its turns are in the page.
    filled: Vec<bool>,
    /// The turn every clone starts from.
    template: Option<web_sys::Element>,
    /// Groups filled since the search marks last caught up with them.
    fresh: Vec<usize>,
    /// Which turn list these are (a new transcript makes a new one).
    list: u64,
}

impl Groups {
    /// The groups' `<div>`s that the speaker filter leaves shown, in order.
    pub(super) fn shown(&self) -> Vec<web_sys::Element> {
        self.elements
            .iter()
            .filter(|g| !g.has_attribute("hidden"))
            .cloned()
            .collect()
    }

    /// Puts group `i`'s turns in the page, shown or hidden by `state`'s
    /// speaker filter and with its current turn marked; whether they already
    /// were.
    pub(super) fn fill(&mut self, i: usize, state: State) -> bool {
        if self.filled.get(i) != Some(&false) {
            return true;
        }
        let (Some(t), Some(template), Some(group)) =
            (&self.transcript, &self.template, self.elements.get(i))
        else {
            return true;
        };
        let Some(doc) = group.owner_document() else {
            return true;
        };
        let speaker = state.speaker.get_untracked();
        let current = state.anchor.get_untracked().map(Anchor::turn);
        let fragment = doc.create_document_fragment();
        for turn in group_turns(t, i) {
            if let Some(article) = build_turn(&doc, template, t, turn) {
                if !view::shows(turn, speaker.as_deref()) {
                    let _ = article.set_attribute("hidden", "");
                }
                if current == Some(turn.n) {
                    let _ = article.set_attribute("aria-current", "true");
                }
                let _ = fragment.append_child(&article);
            }
        }
        let _ = group.append_child(&fragment);
        self.filled[i] = true;
        self.fresh.push(i);
        false
    }

    /// Shows the turns of `speaker` only (all with `None`): every turn in the
    /// page, and the groups, hidden when none of their turns is shown.
    fn filter(&self, speaker: Option<&str>) {
        let Some(t) = &self.transcript else { return };
        let shown = |turn: &Turn| view::shows(turn, speaker);
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
}

/// In a task of its own: lets the search marks catch up with the groups
/// filled before, fills the next empty group, and goes on until all are.
fn fill_in_background(state: State, list: u64) {
    dom::later(move || {
        if !state.alive() {
            return;
        }
        let step = state.groups.try_update_value(|g| {
            if g.list != list {
                return None;
            }
            let fresh = std::mem::take(&mut g.fresh);
            let next = g.filled.iter().position(|f| !f);
            if let Some(i) = next {
                g.fill(i, state);
            }
            Some((fresh, next.is_some() || !g.fresh.is_empty()))
        });
        let Some(Some((fresh, more))) = step else {
            return;
        };
        if !fresh.is_empty() {
            super::search::wake(state, &fresh);
        }
        if more {
            fill_in_background(state, list);
        }
    });
}

/// Every turn of `transcript`.
#[component]
pub fn TurnList(transcript: Arc<Transcript>) -> impl IntoView {
    let state = expect_context::<State>();
    let t = transcript.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        // In another page's element, a turn's number link cannot reach the
        // turn through the page's fragment: go there directly.
        if let Some(link) = dom::closest(&ev, "a.num")
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
        let Some(button) = dom::closest(&ev, "button[data-action]") else {
            return;
        };
        let Some(n) = button
            .closest("article.turn")
            .ok()
            .flatten()
            .and_then(|a| Anchor::parse(&a.id()))
            .map(Anchor::turn)
        else {
            return;
        };
        match button.get_attribute("data-action").as_deref() {
            Some("context") => state.context(n),
            Some(action @ ("link" | "cite")) => copy(state, &t, n, action == "cite"),
            _ => {}
        }
    };
    // Builds the groups (filling the first ones) as soon as the list's
    // element exists, before it is in the page. A new transcript rebuilds
    // the list in the same element: the old turns go first.
    let build = move |el: web_sys::Element| {
        let Some(doc) = el.owner_document() else {
            return;
        };
        el.set_text_content(None);
        let opened_at = state.anchor.get_untracked().map(|a| group_of(a.turn()));
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
        let list = state
            .groups
            .try_update_value(|g| {
                *g = Groups {
                    transcript: Some(transcript.clone()),
                    elements,
                    filled: vec![false; count],
                    template: template(&doc),
                    fresh: Vec::new(),
                    list: g.list + 1,
                };
                state.speaker.with_untracked(|f| g.filter(f.as_deref()));
                for i in (0..FIRST_GROUPS).chain(opened_at) {
                    g.fill(i, state);
                }
                g.fresh.clear();
                g.list
            })
            .unwrap_or(0);
        fill_in_background(state, list);
    };
    // The speaker filter and the current turn, on the turns in the page
    // (a group filled later gets them as it is built).
    Effect::new(move |_| {
        state.speaker.with(|f| {
            state.groups.with_value(|g| g.filter(f.as_deref()));
        });
    });
    Effect::new(move |before: Option<Option<u32>>| {
        let now = state.anchor.get().map(Anchor::turn);
        if let Some(n) = before.flatten()
            && let Some(el) = state.by_id(&format!("t{n}"))
        {
            let _ = el.remove_attribute("aria-current");
        }
        if let Some(n) = now
            && let Some(el) = state.by_id(&format!("t{n}"))
        {
            let _ = el.set_attribute("aria-current", "true");
        }
        now
    });
    view! {
        <div class="turns" class:filtering=move || state.speaker.with(Option::is_some) on:click=on_click use:build></div>
    }
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
    let who = el("span", "who")?;
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

/// Turn `turn` of `t`: a clone of `template` with its id, speaker, number
/// and paragraphs.
fn build_turn(
    doc: &web_sys::Document,
    template: &web_sys::Element,
    t: &Transcript,
    turn: &Turn,
) -> Option<web_sys::Element> {
    let n = turn.n;
    let article: web_sys::Element = template.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    article.set_id(&format!("t{n}"));
    if turn.speaker.is_none() {
        let _ = article.class_list().add_1("unattributed");
    }
    let head = article.first_element_child()?;
    let h2 = head.first_element_child()?;
    let who = h2.first_element_child()?;
    who.set_text_content(Some(view::speaker_name(t, turn)));
    if let Some(label) = &turn.label {
        let title = format!("Written in the transcript as \u{201c}{label}\u{201d}");
        who.set_attribute("title", &title).ok()?;
    }
    if turn.speaker.is_none() {
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
    for (i, _) in turn.paragraphs.iter().enumerate() {
        let p = doc.create_element("p").ok()?;
        p.set_id(&format!("t{n}-p{}", i + 1));
        fill_paragraph(doc, &p, turn, i, &[]);
        article.append_child(&p).ok()?;
    }
    Some(article)
}

/// Fills `el` with paragraph `p` of `turn`: its text, its notes and
/// uncertain words in spans, and the marks `(start, end)` (byte ranges of
/// the paragraph, in order). Plain text goes in with `append(string)`.
pub(super) fn fill_paragraph(
    doc: &web_sys::Document,
    el: &web_sys::Element,
    turn: &Turn,
    p: usize,
    marks: &[(usize, usize)],
) {
    let Some(text) = turn.paragraphs.get(p) else {
        return;
    };
    let segments = view::segments(text, &turn.annotations, p);
    let js = dom::JsText::new(text);
    // The first <mark>, which the others are copies of.
    let mut first_mark: Option<web_sys::Node> = None;
    // The span of the note or uncertain word the last piece went into.
    let mut wrapper: Option<(*const u8, web_sys::Element)> = None;
    for piece in view::pieces(&segments, &numbered(marks)) {
        let parent = match piece.segment {
            Segment::Text(_) => el.clone(),
            Segment::Note(whole, _) | Segment::Uncertain(whole) => match &wrapper {
                Some((at, span)) if *at == whole.as_ptr() => span.clone(),
                _ => {
                    let Some(span) = wrap(doc, &piece.segment) else {
                        continue;
                    };
                    let _ = el.append_child(&span);
                    wrapper = Some((whole.as_ptr(), span.clone()));
                    span
                }
            },
        };
        if piece.mark.is_some() {
            let mark = match &first_mark {
                Some(m) => m.clone_node(),
                None => doc.create_element("mark").map(web_sys::Node::from),
            };
            if let Ok(mark) = mark.map(JsCast::unchecked_into::<web_sys::Element>) {
                js.append(&mark, piece.text);
                let _ = parent.append_child(&mark);
                first_mark.get_or_insert_with(|| mark.clone().into());
            }
        } else {
            js.append(&parent, piece.text);
        }
    }
}

/// Marks `(start, end)` as `view::pieces` takes them, numbered from 0.
pub(super) fn numbered(marks: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
    marks
        .iter()
        .enumerate()
        .map(|(k, &(s, e))| (s, e, k))
        .collect()
}

/// The empty span a note or an uncertain word goes in.
fn wrap(doc: &web_sys::Document, segment: &Segment) -> Option<web_sys::Element> {
    let span = doc.create_element("span").ok()?;
    match *segment {
        Segment::Text(_) => return None,
        Segment::Note(_, kind) => {
            span.set_class_name("note");
            span.set_attribute("data-kind", kind).ok()?;
        }
        Segment::Uncertain(_) => {
            span.set_class_name("uncertain");
            span.set_attribute("title", view::UNCERTAIN_TITLE).ok()?;
        }
    }
    Some(span)
}

/// Copies the link to turn `n` (or a citation holding it) and says so.
fn copy(state: State, t: &Transcript, n: u32, citation: bool) {
    let linkable = state
        .shown
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.source.linkable()));
    let link = state.link(Anchor::Turn(n));
    state.tell_parent(Anchor::Turn(n));
    let text = if citation {
        crate::link::citation(t, n, &link)
    } else {
        link
    };
    let what = if citation { "Citation" } else { "Link" };
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
