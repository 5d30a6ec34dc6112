//! One paragraph of a turn as the page shows it: its text, its captioner
//! notes and uncertain words in spans, and the search's `<mark>`s. The turn
//! list draws every paragraph with it, and the mark painter draws a
//! paragraph again with it when its marks change, so both draw the same.

use wasm_bindgen::JsCast;

use super::State;
use crate::model::{Transcript, Turn};
use crate::view::{self, Segment};
use crate::web::dom;

/// Fills `el` with paragraph `p` of `turn`: its text, its notes and
/// uncertain words in spans, and the marks `(start, end)` (byte ranges of
/// the paragraph, in order). Plain text goes in with `append(string)`.
pub(super) fn fill(
    doc: &web_sys::Document,
    el: &web_sys::Element,
    (t, turn): (&Transcript, &Turn),
    p: usize,
    marks: &[(usize, usize)],
) {
    let Some(text) = t.paragraph(turn, p) else {
        return;
    };
    let segments = view::segments(text, t.annotations(turn), p);
    let js = dom::JsText::new(text);
    // The first <mark>, which the others are copies of.
    let mut first_mark: Option<web_sys::Node> = None;
    // The span of the note or uncertain word the last piece went into, by
    // the index of its segment.
    let mut wrapper: Option<(usize, web_sys::Element)> = None;
    for piece in view::pieces(&segments, &numbered(marks)) {
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
            }
        } else {
            js.append(&parent, piece.text);
        }
    }
}

/// Draws paragraph `p` of turn `n` of `t` again, with these marks. False if
/// the paragraph is not in the page (yet: its group of turns is not filled).
pub(super) fn redraw(
    state: State,
    t: &Transcript,
    (n, p): (u32, usize),
    marks: &[(usize, usize)],
) -> bool {
    let Some(turn) = t.turns.get(n as usize - 1) else {
        return true;
    };
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return true;
    };
    if p >= t.paragraphs(turn).len() {
        return true;
    }
    let Some(el) = state.by_id(&format!("t{n}-p{}", p + 1)) else {
        return false;
    };
    el.set_text_content(None);
    fill(&doc, &el, (t, turn), p, marks);
    true
}

/// Which of the `<mark>`s [`fill`] draws in paragraph `p` of `turn` with
/// `marks` are match `k` of them (two when it runs into a note), by their
/// order among the paragraph's `<mark>`s.
pub(super) fn marks_of(
    t: &Transcript,
    turn: &Turn,
    p: usize,
    marks: &[(usize, usize)],
    k: usize,
) -> Vec<u32> {
    let Some(text) = t.paragraph(turn, p) else {
        return Vec::new();
    };
    let segments = view::segments(text, t.annotations(turn), p);
    view::pieces(&segments, &numbered(marks))
        .iter()
        .filter_map(|piece| piece.mark)
        .enumerate()
        .filter(|&(_, m)| m == k)
        .map(|(j, _)| j as u32)
        .collect()
}

/// Marks `(start, end)` as `view::pieces` takes them, numbered from 0.
fn numbered(marks: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
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
        Segment::Note(note) => {
            span.set_class_name("note");
            let kind = crate::model::Annotation::kind_of(note);
            span.set_attribute("data-kind", &kind).ok()?;
        }
        Segment::Uncertain(_) => {
            span.set_class_name("uncertain");
            span.set_attribute("title", view::UNCERTAIN_TITLE).ok()?;
        }
    }
    Some(span)
}
