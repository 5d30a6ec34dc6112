//! One paragraph of a turn as the page shows it: its text, its captioner
//! notes and uncertain words in spans, and the search's `<mark>`s. The turn
//! list draws every paragraph with it, and the mark painter draws a
//! paragraph again with it when its marks change, so both draw the same.
//!
//! A long paragraph (over [`view::CHUNKED`] bytes) is drawn in chunks
//! ([`view::parts`]), each a `<span class="chunk">` of its own, which the
//! painter redraws apart and the browser lays out apart (skipping those off
//! screen): a keystroke costs the chunks on screen, not the paragraph. The
//! space between two chunks stays between them, so the paragraph's text is
//! the same.

use wasm_bindgen::JsCast;

use super::State;
use crate::link::Anchor;
use crate::model::{Transcript, Turn};
use crate::view::{self, Segment, Span};
use crate::web::dom;

/// A part of a paragraph drawn apart: `(turn, paragraph index, chunk
/// index)`; chunk 0 of a paragraph drawn whole is the paragraph.
pub(super) type Part = (u32, usize, usize);

/// Fills `el` with paragraph `p` of `turn`, unmarked: its text, its notes
/// and uncertain words in spans, in chunks if it is long; from byte `start`
/// (0, or where an earlier call stopped), chunk after chunk while `budget`
/// (bytes) lasts, at least one. Returns where to go on, if it stopped before
/// the end.
pub(super) fn fill(
    doc: &web_sys::Document,
    el: &web_sys::Element,
    (t, turn): (&Transcript, &Turn),
    p: usize,
    mut start: usize,
    budget: &mut usize,
) -> Option<usize> {
    let text = t.paragraph(turn, p)?;
    let chunked = view::in_chunks(text);
    loop {
        let (end, next) = view::chunk_at(text, start);
        let mut into = el.clone();
        if chunked && let Ok(chunk) = doc.create_element("span") {
            chunk.set_class_name("chunk");
            let _ = el.append_child(&chunk);
            into = chunk;
        }
        draw(doc, &into, (t, turn), p, (start, end), &[], None);
        // The space between two chunks.
        if next > end {
            dom::append_text(el, " ");
        }
        *budget = budget.saturating_sub(end - start);
        if end == text.len() {
            return None;
        }
        start = next;
        if *budget == 0 {
            return Some(start);
        }
    }
}

/// Draws bytes `from..to` of paragraph `p` of `turn` into `el` with the
/// marks `(start, end)` (byte ranges of the paragraph, in order), those of
/// mark `current` (two when it runs into a note) of class `current`, and
/// returns them. Plain text goes in with `append(string)`.
fn draw(
    doc: &web_sys::Document,
    el: &web_sys::Element,
    (t, turn): (&Transcript, &Turn),
    p: usize,
    (from, to): Span,
    marks: &[Span],
    current: Option<usize>,
) -> Vec<web_sys::Element> {
    let mut found = Vec::new();
    let Some(paragraph) = t.paragraph(turn, p) else {
        return found;
    };
    let Some(text) = paragraph.get(from..to) else {
        return found;
    };
    let segments = view::segments_at_most(
        paragraph,
        t.annotations(turn),
        p,
        (from, to),
        view::MAX_SPANS,
    );
    let js = dom::JsText::new(text);
    // The first <mark>, which the others are copies of.
    let mut first_mark: Option<web_sys::Node> = None;
    // The span of the note or uncertain word the last piece went into, by
    // the index of its segment.
    let mut wrapper: Option<(usize, web_sys::Element)> = None;
    for piece in view::pieces(&segments, marks, from) {
        let parent = match piece.segment {
            Segment::Text(_) => el.clone(),
            Segment::Note(..) | Segment::Uncertain(_) => match &wrapper {
                Some((at, span)) if *at == piece.segment_index => span.clone(),
                _ => {
                    let Some(span) = wrap(doc, &piece.segment) else {
                        continue;
                    };
                    let _ = el.append_child(&span);
                    wrapper = Some((piece.segment_index, span.clone()));
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
                if piece.mark == current {
                    found.push(mark);
                }
            }
        } else {
            js.append(&parent, piece.text);
        }
    }
    // (Once every copy of the first is made.)
    for mark in &found {
        let _ = mark.class_list().add_1("current");
    }
    found
}

/// Paragraph `p` of turn `n`'s `<p>`, if it is in the page.
fn paragraph(state: State, n: u32, p: usize) -> Option<web_sys::Element> {
    state.by_id(&Anchor::Paragraph(n, p as u32 + 1).to_string())
}

/// The element part `(n, p, c)` is drawn in: paragraph `p` of turn `n`, or
/// its chunk `c`. `None` if it is not in the page (yet: its group of turns
/// is not filled).
fn element(
    state: State,
    (t, turn): (&Transcript, &Turn),
    (n, p, c): Part,
) -> Option<web_sys::Element> {
    let el = paragraph(state, n, p)?;
    if !view::in_chunks(t.paragraph(turn, p)?) {
        return Some(el);
    }
    el.children().item(c as u32)
}

/// Draws part `part` of `t`, bytes `range` of its paragraph, again with
/// these marks (those that touch it), and returns the `<mark>`s of mark
/// `current` of them. `None` if it is not in the page (yet: its group of
/// turns is not filled).
pub(super) fn redraw(
    state: State,
    t: &Transcript,
    part: Part,
    range: Span,
    marks: &[Span],
    current: Option<usize>,
) -> Option<Vec<web_sys::Element>> {
    let (Some(turn), Some(doc)) = (
        t.turns.get(part.0 as usize - 1),
        web_sys::window().and_then(|w| w.document()),
    ) else {
        return Some(Vec::new());
    };
    if part.1 >= t.paragraphs(turn).len() {
        return Some(Vec::new());
    }
    let el = element(state, (t, turn), part)?;
    el.set_text_content(None);
    let found = draw(&doc, &el, (t, turn), part.1, range, marks, current);
    // A quote opened keeps its marks.
    super::quote::repainted(state, &el);
    Some(found)
}

/// The chunks of paragraph `(n, p)` (drawn in chunks) that are on a screen
/// of `height`, give or take half a screen: their indices `lo..hi`.
pub(super) fn on_screen(state: State, (n, p): (u32, usize), height: f64) -> (usize, usize) {
    let Some(el) = paragraph(state, n, p) else {
        return (0, 0);
    };
    let chunks = el.children();
    let rect = |i: u32| chunks.item(i).map(|c| c.get_bounding_client_rect());
    // The first chunk whose bottom is below half a screen above the top,
    // then those whose top is above one and a half screens (all of them in a
    // hidden paragraph, whose chunks are nowhere: the painter keeps them in
    // the order of the page).
    let lo = dom::first(chunks.length(), &|i| {
        rect(i).is_some_and(|r| r.bottom() > -height / 2.0)
    });
    let mut hi = lo;
    while rect(hi).is_some_and(|r| r.top() < height * 1.5) {
        hi += 1;
    }
    (lo as usize, hi as usize)
}

/// The empty span a note or an uncertain word goes in.
fn wrap(doc: &web_sys::Document, segment: &Segment) -> Option<web_sys::Element> {
    let span = doc.create_element("span").ok()?;
    match *segment {
        Segment::Text(_) => return None,
        Segment::Note(_, whole) => {
            span.set_class_name("note");
            let kind = crate::model::Annotation::kind_of(whole);
            span.set_attribute("data-kind", &kind).ok()?;
        }
        Segment::Uncertain(_) => {
            span.set_class_name("uncertain");
            span.set_attribute("title", view::UNCERTAIN_TITLE).ok()?;
        }
    }
    Some(span)
}
