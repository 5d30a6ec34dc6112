//! Small wrappers over browser APIs the app uses: URL, history, scrolling,
//! focus, clipboard and storage. Each one fails quietly where the browser
//! refuses (private mode storage, a blocked clipboard), returning `None` or
//! `false` so callers can say so in plain words.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page's `location.search` and `location.hash`.
pub fn search_and_hash() -> (String, String) {
    let loc = window().map(|w| w.location());
    let search = loc
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let hash = loc.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    (search, hash)
}

/// The page's URL without search and fragment: `origin + pathname`.
pub fn page_base() -> String {
    let Some(loc) = window().map(|w| w.location()) else {
        return String::new();
    };
    format!(
        "{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    )
}

/// Replaces the current history entry's search and fragment with `url`
/// (`?…#…`, or `""`), without reloading or scrolling.
pub fn replace_url(url: &str) {
    // Anything pending is older than this.
    PENDING_URL.with(|p| {
        if let Some((_, timer)) = p.borrow_mut().take()
            && let Some(w) = window()
        {
            w.clear_timeout_with_handle(timer);
        }
    });
    let Some(w) = window() else { return };
    // Always from the path: a bare "#t5" would keep the old query string.
    let target = format!("{}{url}", page_path(&w));
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target));
    }
}

thread_local! {
    /// A URL waiting to be written by `replace_url_soon`, and its timer.
    static PENDING_URL: std::cell::RefCell<Option<(String, i32)>> = const { std::cell::RefCell::new(None) };
}

/// Like [`replace_url`], but once typing pauses for a quarter of a second:
/// every change of the page's URL makes the browser recheck every link on the
/// page (thousands in a long transcript), too slow to do on each keystroke.
pub fn replace_url_soon(url: &str) {
    let Some(w) = window() else { return };
    let write = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Some((url, _)) = PENDING_URL.with(|p| p.borrow_mut().take()) {
            replace_url(&url);
        }
    });
    let Ok(timer) =
        w.set_timeout_with_callback_and_timeout_and_arguments_0(write.unchecked_ref(), 250)
    else {
        return replace_url(url);
    };
    let old = PENDING_URL.with(|p| p.borrow_mut().replace((url.to_string(), timer)));
    if let Some((_, old)) = old {
        w.clear_timeout_with_handle(old);
    }
}

/// Replaces the fragment of the page's URL (keeping its path and query), or
/// removes it for `None`.
pub fn replace_fragment(anchor: &Option<String>) {
    let (search, _) = search_and_hash();
    match anchor {
        Some(a) => replace_url(&format!("{search}#{a}")),
        None => replace_url(&search),
    }
}

/// The page's URL without its fragment.
pub fn page_url_without_fragment() -> String {
    let Some(w) = window() else {
        return String::new();
    };
    let href = w.location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((before, _)) => before.to_string(),
        None => href,
    }
}

fn page_path(w: &web_sys::Window) -> String {
    w.location().pathname().unwrap_or_else(|_| "./".into())
}

/// Scrolls `el` into view and focuses it (elements that are not focusable
/// get `tabindex="-1"`).
pub fn reveal(el: web_sys::Element) {
    el.scroll_into_view();
    settle(el.clone(), 12, stop_settling());
    if let Some(html) = el.dyn_ref::<web_sys::HtmlElement>() {
        if !html.has_attribute("tabindex") {
            let _ = html.set_attribute("tabindex", "-1");
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = html.focus_with_options(&options);
    }
}

/// Stops keeping the last revealed element at the top: the app is about to
/// scroll somewhere else. Returns the new settling generation.
pub fn stop_settling() -> u64 {
    SETTLING.with(|g| {
        g.set(g.get() + 1);
        g.get()
    })
}

thread_local! {
    /// Bumped by every `reveal`: an older settling stops.
    static SETTLING: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Keeps `el` at the top for a few frames: turns above it that were laid out
/// with estimated heights (`content-visibility: auto`) take their real height
/// as they render, which would otherwise push `el` away. It stops as soon as
/// something else is revealed or the focus leaves `el` (the reader moved on:
/// the browser brings the newly focused element into view instead).
fn settle(el: web_sys::Element, frames: u32, generation: u64) {
    let Some(w) = window() else { return };
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        if SETTLING.with(|g| g.get()) != generation || !holds_focus(&el) {
            return;
        }
        let top = el.get_bounding_client_rect().top();
        let margin = window()
            .and_then(|w| w.get_computed_style(&el).ok().flatten())
            .and_then(|s| s.get_property_value("scroll-margin-top").ok())
            .map(|v| js_sys::Number::parse_float(v.trim_end_matches("px")))
            .filter(|v| v.is_finite())
            .unwrap_or(0.0);
        if (top - margin).abs() > 2.0 {
            el.scroll_into_view();
        }
        if frames > 1 {
            settle(el, frames - 1, generation);
        }
    });
    let _ = w.request_animation_frame(callback.unchecked_ref());
}

/// Whether the focus is on `el` or inside it (in its document or shadow root).
fn holds_focus(el: &web_sys::Element) -> bool {
    let root = el.get_root_node();
    let active = if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.active_element()
    } else if let Some(doc) = root.dyn_ref::<web_sys::Document>() {
        doc.active_element()
    } else {
        None
    };
    active.is_some_and(|a| el.contains(Some(&a)))
}

/// Whether the reader asked for reduced motion (no smooth scrolling).
pub fn reduced_motion() -> bool {
    window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Focuses `el`, if it can take focus.
pub fn focus(el: &web_sys::Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Writes `text` to the clipboard; `false` when the browser refuses.
pub async fn copy(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let promise = w.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Reads a remembered setting.
pub fn load_setting(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Remembers a setting (or forgets it, for `None`).
pub fn save_setting(key: &str, value: Option<&str>) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok()).flatten() {
        let _ = match value {
            Some(v) => storage.set_item(key, v),
            None => storage.remove_item(key),
        };
    }
}

/// Sets (or removes) an attribute on the `<html>` element.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
}

/// Whether a keyboard event comes from a place where typing goes: an input,
/// a text area, a select or editable content.
pub fn typing_target(event: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = origin(event) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|h| h.is_content_editable())
}

/// The closest element matching `selector` from an event's target.
pub fn closest(event: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    origin(event)?.closest(selector).ok()?
}

/// The element an event started at, inside shadow roots too (where
/// `event.target` is the shadow host for listeners outside it).
fn origin(event: &web_sys::Event) -> Option<web_sys::Element> {
    event
        .composed_path()
        .get(0)
        .dyn_into::<web_sys::Element>()
        .ok()
        .or_else(|| event.target()?.dyn_into::<web_sys::Element>().ok())
}

/// Reads a `File` (from an input or a drop) into bytes.
pub async fn read_file(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Runs `f` and records how long it took as a User Timing measure named
/// `name` (`performance.getEntriesByName(name)`), for the benchmarks.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let performance = window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(name, &start);
    }
    out
}

/// The height of the window, in CSS pixels.
pub fn screen_height() -> f64 {
    window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(1000.0)
}

/// The first of `0..count` for which `is` holds, given that it holds for
/// all after that one too (a binary search); `count` if none.
pub fn first(count: u32, is: &dyn Fn(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if is(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Runs `f` on the next animation frame.
pub fn request_animation_frame(f: impl FnOnce() + 'static) {
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = window() {
        let _ = w.request_animation_frame(closure.unchecked_ref());
    }
}

/// Runs `f` in a task of its own, after the browser has had a chance to
/// handle input and render (`setTimeout(f, 0)`).
pub fn later(f: impl FnOnce() + 'static) {
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), 0);
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// An element, for `append` with a JS string.
    type Parent;
    /// `element.append(text)` with a JS string, which needs no decoding.
    #[wasm_bindgen(method, js_name = append)]
    fn append(this: &Parent, text: &js_sys::JsString);
}

/// Appends `text` to `parent` as a text node (`element.append(text)`).
pub fn append_text(parent: &web_sys::Element, text: &str) {
    parent
        .unchecked_ref::<Parent>()
        .append(&js_sys::JsString::from(text));
}

/// A paragraph's text passed to JavaScript once, then cut into pieces there:
/// each piece costs a `slice` instead of decoding its UTF-8 again.
pub struct JsText<'a> {
    text: &'a str,
    js: js_sys::JsString,
    /// Where the last piece ended: in bytes, and in UTF-16 units.
    at: std::cell::Cell<(usize, u32)>,
}

impl<'a> JsText<'a> {
    /// `text` as a JS string.
    pub fn new(text: &'a str) -> JsText<'a> {
        JsText {
            text,
            js: js_sys::JsString::from(text),
            at: std::cell::Cell::new((0, 0)),
        }
    }

    /// Appends `piece`, a part of the text (pieces in order), to `parent` as
    /// a text node.
    pub fn append(&self, parent: &web_sys::Element, piece: &str) {
        parent.unchecked_ref::<Parent>().append(&self.piece(piece));
    }

    /// `piece` (a part of the text) as a JS string.
    fn piece(&self, piece: &str) -> js_sys::JsString {
        if piece.len() == self.text.len() {
            return self.js.clone();
        }
        let start = (piece.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        let (mut byte, mut unit) = self.at.get();
        if start < byte {
            (byte, unit) = (0, 0); // out of order: count from the start
        }
        let (Some(gap), Some(_)) = (
            self.text.get(byte..start),
            self.text.get(start..start + piece.len()),
        ) else {
            return piece.into(); // not part of the text after all
        };
        // JS strings count UTF-16 units.
        let units = |s: &str| {
            if s.is_ascii() {
                s.len() as u32
            } else {
                s.encode_utf16().count() as u32
            }
        };
        let from = unit + units(gap);
        let to = from + units(piece);
        self.at.set((start + piece.len(), to));
        self.js.slice(from, to)
    }
}
