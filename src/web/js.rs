//! The JS API: the core's parser for JavaScript callers.
//!
//! ```js
//! const transcript = parse(">>CHAIR: Good morning.");
//! transcript.turns[0].speaker; // "chair"
//! const captions = parse(webvtt);
//! captions.turns[0].start;     // 754.3: seconds into the recording
//! captions.turns[0].end;       // 761 (each null when not known)
//! captions.meta.format;        // "webvtt"
//! ```
//!
//! The objects have exactly the field names of `floor parse` JSON output
//! (`meta`, `speakers`, `turns`, `diagnostics`); absent values are `null`.
//! Every turn has `start` and `end`, in seconds into the recording (`null`
//! in a transcript without times, such as IGF text); a timed transcript's
//! turns also have `paragraph_starts` (seconds, or `null`, one per
//! paragraph) and `word_times` (`[paragraph, byte offset, seconds]` for
//! words timed one by one), and its `meta.duration` is in seconds.

use wasm_bindgen::prelude::*;

use crate::model::Transcript;
use crate::names::{
    BASE_OPTION, ENHANCED_SELECTOR, MEDIA_ATTRIBUTE, MOUNTED_ATTRIBUTE, SRC_ATTRIBUTE,
    STYLESHEET_OPTION,
};

/// The transcript as plain objects: what its `Serialize` impl (the
/// `floor parse` JSON) writes, with `null` for absent values, built
/// directly (serde's machinery for the whole model weighs more in the
/// viewer's module than this).
#[doc(hidden)]
pub fn to_js(t: &Transcript) -> JsValue {
    use js_sys::{Array, Object};
    let m = &t.meta;
    let meta = Object::new();
    set(&meta, "title", opt_str(m.title.as_deref()));
    set(&meta, "disclaimer", opt_str(m.disclaimer.as_deref()));
    set(&meta, "date", opt_str(m.date.as_deref()));
    set(&meta, "date_text", opt_str(m.date_text.as_deref()));
    set(&meta, "time", opt_str(m.time.as_deref()));
    set(&meta, "location", opt_str(m.location.as_deref()));
    set(
        &meta,
        "other",
        strings(&mut m.other.iter().map(String::as_str)),
    );
    set(&meta, "format", m.format.into());
    set(&meta, "duration", seconds(m.duration));

    let speakers = Array::new();
    for s in &t.speakers {
        let o = Object::new();
        set(&o, "id", s.id.as_str().into());
        set(&o, "name", s.name.as_str().into());
        set(
            &o,
            "labels",
            strings(&mut s.labels.iter().map(String::as_str)),
        );
        set(&o, "turns", number(s.turns));
        speakers.push(&o);
    }

    let timed = t.is_timed();
    let turns = Array::new();
    for turn in &t.turns {
        let o = Object::new();
        let [start, end] = t.times(turn);
        set(&o, "n", number(turn.n as usize));
        set(&o, "start", seconds(start));
        set(&o, "end", seconds(end));
        set(&o, "speaker", opt_str(t.speaker_id(turn)));
        set(&o, "label", opt_str(t.label(turn)));
        let paragraphs = t.paragraphs(turn);
        set(&o, "paragraphs", strings(&mut paragraphs.iter()));
        if timed {
            let starts = Array::new();
            let words = Array::new();
            for i in 0..paragraphs.len() {
                starts.push(&seconds(t.paragraph_start(turn, i)));
                for [at, ms] in t.word_times(turn, i) {
                    let w = Array::of3(&number(i), &number(at as usize), &seconds(Some(ms)));
                    words.push(&w);
                }
            }
            set(&o, "paragraph_starts", starts.into());
            set(&o, "word_times", words.into());
        }
        let notes = Array::new();
        for a in t.annotations(turn) {
            let paragraph = paragraphs.get(a.paragraph()).unwrap_or_default();
            let n = Object::new();
            set(&n, "paragraph", number(a.paragraph()));
            set(&n, "range", pair(a.range()));
            set(&n, "kind", a.kind(paragraph).into());
            if let Some(word) = a.word(paragraph) {
                set(&n, "word", pair(word));
            }
            notes.push(&n);
        }
        set(&o, "annotations", notes.into());
        set(&o, "range", pair(turn.range.map(|n| n as usize)));
        set(&o, "line", number(turn.line as usize));
        turns.push(&o);
    }

    let diagnostics = Array::new();
    for d in &t.diagnostics {
        let o = Object::new();
        set(&o, "line", number(d.line));
        set(&o, "kind", d.kind.name().into());
        set(&o, "message", d.message.as_str().into());
        if let Some(dropped) = &d.dropped {
            set(&o, "dropped", dropped.as_str().into());
        }
        if let Some(label) = &d.label {
            set(&o, "label", label.as_str().into());
        }
        diagnostics.push(&o);
    }

    let o = Object::new();
    set(&o, "meta", meta.into());
    set(&o, "speakers", speakers.into());
    set(&o, "turns", turns.into());
    set(&o, "diagnostics", diagnostics.into());
    o.into()
}

/// Sets `key` of a plain object (which cannot fail).
fn set(o: &js_sys::Object, key: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(o, &key.into(), &value);
}

/// A string, or `null`.
fn opt_str(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

/// Milliseconds as seconds, or `null`.
fn seconds(ms: Option<u32>) -> JsValue {
    ms.map_or(JsValue::NULL, |ms| {
        JsValue::from_f64(f64::from(ms) / 1000.0)
    })
}

fn number(n: usize) -> JsValue {
    JsValue::from_f64(n as f64)
}

/// A byte range `[start, end]`.
fn pair([a, b]: [usize; 2]) -> JsValue {
    js_sys::Array::of2(&number(a), &number(b)).into()
}

fn strings(items: &mut dyn Iterator<Item = &str>) -> JsValue {
    items
        .map(JsValue::from_str)
        .collect::<js_sys::Array>()
        .into()
}

/// The reader's choices in an options object: `{ noMerge: ["LABEL", …] }`,
/// labels (exactly as written) kept as speakers of their own.
fn choices(options: &JsValue) -> crate::resolve::speakers::Choices {
    let no_merge = options
        .is_object()
        .then(|| js_sys::Reflect::get(options, &"noMerge".into()).ok())
        .flatten()
        .filter(js_sys::Array::is_array)
        .map(|list| {
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    crate::resolve::speakers::Choices { no_merge }
}

/// `t` with the choices of `options` applied.
fn chosen(mut t: Transcript, options: &JsValue) -> Transcript {
    let choices = choices(options);
    if !choices.no_merge.is_empty() {
        crate::resolve::speakers::resolve(&mut t, &choices);
    }
    t
}

/// Parses transcript text (plain text, an HTML page, WebVTT, SRT or JSON:
/// told by its content) into plain objects.
/// `options` (optional): `{ noMerge: ["LABEL", …] }` keeps those labels as
/// speakers of their own, where Floor merged them into a label they look
/// like (its `speaker_merged` diagnostics name them).
/// A saved page, or text in a timed format (WebVTT, SRT, JSON), is refused
/// with a message naming `read`, which loads the readers this module does
/// not carry.
#[wasm_bindgen(js_name = parse)]
pub fn parse(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    if crate::read::needs_readers(text) {
        return Err(JsError::new(
            "this text may be a page, captions or JSON: read it with `await read(text)`, which loads their readers",
        ));
    }
    Ok(to_js(&chosen(crate::read::parse_str(text), &options)))
}

/// Whether `text` is a page or may be in a timed format (WebVTT, SRT,
/// JSON…): whether `read` hands it to the readers loaded on demand.
#[wasm_bindgen(js_name = needsReaders)]
pub fn needs_readers(text: &str) -> bool {
    crate::read::needs_readers(text)
}

/// The transcript the timed readers handed over as wire bytes, as plain
/// objects (with the same `options` as `parse`).
#[wasm_bindgen(js_name = fromWire)]
pub fn from_wire(bytes: Vec<u8>, options: JsValue) -> Result<JsValue, JsError> {
    let t = Transcript::from_wire(&bytes).ok_or_else(|| JsError::new("not a transcript"))?;
    Ok(to_js(&chosen(t, &options)))
}

/// Parses transcript bytes (a `Uint8Array` in any supported encoding), with
/// the same `options` as `parse`.
#[wasm_bindgen(js_name = parseBytes)]
pub fn parse_bytes(bytes: Vec<u8>, options: JsValue) -> Result<JsValue, JsError> {
    let decoded = super::decode::decode(bytes);
    if crate::read::needs_readers(&decoded.text) {
        return parse(&decoded.text, options);
    }
    Ok(to_js(&chosen(
        crate::read::parse_decoded(decoded),
        &options,
    )))
}

/// Parses transcript text and returns only its number of turns, without
/// building JS objects: what the WASM parse benchmark times.
#[wasm_bindgen(js_name = countTurns)]
pub fn count_turns(text: &str) -> u32 {
    crate::read::parse_str(text).turns.len() as u32
}

/// A transcript's search index, for JavaScript callers: the viewer's
/// search without the viewer.
///
/// ```js
/// const index = new Search(text);
/// index.search("best pract"); // { matches: 2, turns: Uint32Array [1] }
/// ```
#[wasm_bindgen]
pub struct Search {
    index: crate::search::Index,
    /// The last full search's hits, which the next one starts from.
    last: crate::search::Hits,
}

#[wasm_bindgen]
impl Search {
    /// Parses transcript text (plain text or an HTML page) and indexes its
    /// turns; `options` as for `parse` (speaker ids follow its choices).
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, options: JsValue) -> Search {
        let index = crate::search::Index::new(&chosen(crate::read::parse_str(text), &options));
        index.prepare_find();
        Search {
            index,
            last: crate::search::Hits::default(),
        }
    }

    /// Searches as the viewer does (words, `"phrases"`, the last word a
    /// prefix), optionally in one speaker's turns (a speaker id). Returns
    /// `{ matches, turns }`: the number of occurrences the viewer would
    /// mark and the matching turn numbers, in order. A query of plain words
    /// is answered from the index's words; others start from the search
    /// before when the query only narrows it, as in the viewer.
    pub fn search(&mut self, query: &str, speaker: Option<String>) -> JsValue {
        let query = crate::search::Query::parse(query);
        let found = self.index.find(&query, speaker.as_deref(), &mut self.last);
        let object = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&object, &"matches".into(), &(found.matches as u32).into());
        let _ = js_sys::Reflect::set(
            &object,
            &"turns".into(),
            &js_sys::Uint32Array::from(&found.turns[..]),
        );
        object.into()
    }
}

thread_local! {
    /// Mounted viewers, by the number in their element's `data-floor-mounted`.
    static VIEWERS: std::cell::RefCell<Vec<(u32, Box<dyn std::any::Any>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// What `mount` reads from its options object.
struct Options {
    src: Option<String>,
    text: Option<String>,
    stylesheet: Option<String>,
    base: String,
    permalinks: bool,
    media: Option<String>,
}

fn string_field(options: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(options, &key.into()).ok()?.as_string()
}

impl Options {
    fn read(options: &JsValue) -> Options {
        let object = options.is_object();
        let get = |k| object.then(|| string_field(options, k)).flatten();
        Options {
            src: get("src"),
            text: get("text"),
            stylesheet: get(STYLESHEET_OPTION),
            base: get(BASE_OPTION).unwrap_or_default(),
            media: get("media"),
            permalinks: object
                && js_sys::Reflect::get(options, &"permalinks".into())
                    .ok()
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false),
        }
    }
}

/// Mounts a viewer in `element`, in a shadow root that replaces what the
/// element shows (its own content stays in the page for readers without
/// JavaScript). `options`: `{ src }` (a URL) or `{ text }` (transcript text
/// or HTML); without either, the element's own content. Also `stylesheet`
/// (the URL of `floor.css`), `base` (the URL of Floor's page, for links) and
/// `permalinks` (whether the host page's fragment addresses this viewer),
/// and `media` (a selector of the page's `<video>` or `<audio>` the viewer
/// follows and seeks; also the element's `data-floor-media`).
/// Mounting again replaces the viewer.
#[wasm_bindgen(js_name = mount)]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<(), JsError> {
    mount_with(element, Options::read(&options))
}

fn mount_with(element: web_sys::HtmlElement, options: Options) -> Result<(), JsError> {
    use wasm_bindgen::JsCast;
    unmount(&element);
    let document = element
        .owner_document()
        .ok_or_else(|| JsError::new("the element is not in a document"))?;
    let root = match element.shadow_root() {
        Some(root) => root,
        None => element
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .map_err(|_| JsError::new("this element cannot hold a viewer (no shadow root)"))?,
    };
    let start = match (options.src, options.text) {
        (Some(src), _) => crate::app::Start::Url(src),
        (None, Some(text)) => crate::app::Start::Text(text),
        // The element's own content: its markup when it has elements (the
        // parser reads HTML), else its text (entities already decoded).
        (None, None) if element.child_element_count() > 0 => {
            crate::app::Start::Text(element.inner_html())
        }
        (None, None) => crate::app::Start::Text(element.text_content().unwrap_or_default()),
    };
    if let Some(href) = &options.stylesheet {
        let link = document
            .create_element("link")
            .map_err(|_| JsError::new("cannot create the stylesheet link"))?;
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", href);
        let _ = root.append_child(&link);
    }
    let container: web_sys::HtmlElement = document
        .create_element("div")
        .map_err(|_| JsError::new("cannot create the viewer"))?
        .unchecked_into();
    let _ = root.append_child(&container);
    let handle = crate::app::mount_in(
        container,
        root,
        element.clone(),
        start,
        options.permalinks,
        options.base,
        options
            .media
            .or_else(|| element.get_attribute(MEDIA_ATTRIBUTE)),
    );
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let _ = element.set_attribute(MOUNTED_ATTRIBUTE, &id.to_string());
    VIEWERS.with(|v| v.borrow_mut().push((id, Box::new(handle))));
    Ok(())
}

/// Removes the viewer mounted in `element` (if any): its listeners go, and
/// the element shows its own content again.
#[wasm_bindgen(js_name = unmount)]
pub fn unmount(element: &web_sys::HtmlElement) {
    let Some(id) = element
        .get_attribute(MOUNTED_ATTRIBUTE)
        .and_then(|v| v.parse::<u32>().ok())
    else {
        return;
    };
    let handle = VIEWERS.with(|v| {
        let mut v = v.borrow_mut();
        let at = v.iter().position(|(i, _)| *i == id)?;
        Some(v.remove(at).1)
    });
    drop(handle);
    if let Some(root) = element.shadow_root() {
        while let Some(child) = root.first_child() {
            let _ = root.remove_child(&child);
        }
    }
    let _ = element.remove_attribute(MOUNTED_ATTRIBUTE);
}

/// Mounts a viewer in every element of the page marked `data-floor` (its
/// content is the transcript) or `data-floor-src="URL"`, not yet mounted.
/// The first viewer of the page keeps permalinks in the page's fragment.
/// `options` as for `mount` (`stylesheet`, `base`). Returns how many.
#[wasm_bindgen(js_name = enhance)]
pub fn enhance(options: JsValue) -> u32 {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return 0;
    };
    let Ok(list) = document.query_selector_all(ENHANCED_SELECTOR) else {
        return 0;
    };
    let base = Options::read(&options);
    let mut mounted = 0;
    for i in 0..list.length() {
        let Some(el) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if el.has_attribute(MOUNTED_ATTRIBUTE) {
            continue;
        }
        let options = Options {
            src: el.get_attribute(SRC_ATTRIBUTE),
            text: None,
            stylesheet: base.stylesheet.clone(),
            base: base.base.clone(),
            media: None,
            permalinks: i == 0,
        };
        if mount_with(el, options).is_ok() {
            mounted += 1;
        }
    }
    mounted
}
