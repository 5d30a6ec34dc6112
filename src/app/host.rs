//! Where a viewer lives and how it talks to the page around it.
//!
//! A viewer is either **Floor's own page** (`index.html`, which owns its URL:
//! `?src=`, `?q=`, `?speaker=` and `#t{n}` are the viewer's state), possibly
//! framed by another site (`?embed=1`, which also talks to the parent window
//! over `postMessage`), or **an element of another page** (`data-floor`,
//! `data-floor-src`, or the JS API's `mount`), drawn in a shadow root so that
//! neither page's styles reach the other.

use wasm_bindgen::JsCast;

use crate::link::Anchor;

/// The tree a viewer's elements live in: ids are unique within it.
#[derive(Clone)]
pub enum Root {
    /// Floor's own page.
    Page(web_sys::Document),
    /// The shadow root of an element of another page.
    Shadow(web_sys::ShadowRoot),
}

impl Root {
    /// The element with this id in the viewer.
    pub fn by_id(&self, id: &str) -> Option<web_sys::Element> {
        match self {
            Root::Page(d) => d.get_element_by_id(id),
            Root::Shadow(s) => s.get_element_by_id(id),
        }
    }

    /// The elements matching `selector` in the viewer.
    pub fn all(&self, selector: &str) -> Vec<web_sys::Element> {
        let list = match self {
            Root::Page(d) => d.query_selector_all(selector),
            Root::Shadow(s) => s.query_selector_all(selector),
        };
        let Ok(list) = list else { return Vec::new() };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
            .collect()
    }
}

/// How a viewer was opened.
#[derive(Clone)]
pub struct Host {
    /// Its tree.
    pub root: Root,
    /// Whether it is Floor's own page (owning the URL).
    pub page: bool,
    /// Compact chrome: in a frame (`?embed=1`) or in an element.
    pub compact: bool,
    /// Framed: the parent origins it may talk to (`?origin=`, repeatable).
    /// Empty: it talks to no one.
    pub trusted: Vec<String>,
    /// In an element: whether it reads and writes the host page's fragment
    /// (`#t37`), so that the host page's URL is a permalink. The first viewer
    /// of a page does.
    pub permalinks: bool,
    /// In an element: where Floor's own page is (`…/index.html` beside the
    /// script), for links to a transcript from a URL.
    pub base: String,
    /// The element listening for the viewer's keys: `None` on Floor's own
    /// page (the window listens).
    pub element: Option<web_sys::HtmlElement>,
    /// In an element: the selector of the host page's `<video>` or
    /// `<audio>` the viewer follows and seeks (`data-floor-media`).
    pub media: Option<String>,
}

impl Host {
    /// Floor's own page; framed when the query has `embed=1`.
    pub fn page(other: &[(String, String)]) -> Host {
        let embed = other.iter().any(|(k, v)| k == "embed" && v == "1");
        let trusted = if embed {
            other
                .iter()
                .filter(|(k, _)| k == "origin")
                .flat_map(|(_, v)| v.split(','))
                .filter_map(crate::source::trusted_origin)
                .collect()
        } else {
            Vec::new()
        };
        let document = web_sys::window()
            .and_then(|w| w.document())
            .expect("Floor's page has a document");
        Host {
            root: Root::Page(document),
            page: true,
            compact: embed,
            trusted,
            permalinks: false,
            base: String::new(),
            element: None,
            media: None,
        }
    }

    /// Posts `message` to the parent window, once per trusted origin (the
    /// browser delivers it only if the parent has that origin).
    pub fn post(&self, message: &js_sys::Object) {
        let Some(parent) = web_sys::window()
            .and_then(|w| w.parent().ok().flatten())
            .filter(|p| web_sys::window().is_some_and(|w| !js_sys::Object::is(p, &w)))
        else {
            return;
        };
        for origin in &self.trusted {
            let _ = parent.post_message(message, origin);
        }
    }

    /// Whether a message came from a trusted parent.
    pub fn trusts(&self, event: &web_sys::MessageEvent) -> bool {
        let from_parent = match (
            event.source(),
            web_sys::window().and_then(|w| w.parent().ok().flatten()),
        ) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
            _ => false,
        };
        from_parent && self.trusted.iter().any(|o| *o == event.origin())
    }
}

/// A message `{ type: kind, …fields }` (`kind`: one of the `…_MESSAGE`
/// names of [`crate::names`]).
pub fn message(kind: &str, fields: &[(&str, wasm_bindgen::JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"type".into(), &kind.into());
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object
}

/// Field `key` of a message from the parent of type `kind` (one of the
/// `…_MESSAGE` names of [`crate::names`]): `{ type: kind, key: … }`.
fn field(data: &wasm_bindgen::JsValue, kind: &str, key: &str) -> Option<wasm_bindgen::JsValue> {
    if !data.is_object() {
        return None;
    }
    let found = js_sys::Reflect::get(data, &"type".into()).ok()?;
    if found.as_string()? != kind {
        return None;
    }
    js_sys::Reflect::get(data, &key.into()).ok()
}

/// The time a `floor:time` message reports, in seconds: `{ type:
/// "floor:time", time: 754.2 }`. Anything else (no number, not finite,
/// negative) is `None`.
pub fn time_report(data: &wasm_bindgen::JsValue) -> Option<f64> {
    let time = field(data, crate::names::TIME_MESSAGE, "time")?.as_f64()?;
    (time.is_finite() && time >= 0.0).then_some(time)
}

/// The turn a `floor:go` message asks for: `{ type: "floor:go", anchor:
/// "t37" }` (with or without `#`). Anything else is `None`.
pub fn go_request(data: &wasm_bindgen::JsValue) -> Option<Anchor> {
    let anchor = field(data, crate::names::GO_MESSAGE, "anchor")?.as_string()?;
    if anchor.len() > 64 {
        return None;
    }
    Anchor::parse(&anchor)
}
