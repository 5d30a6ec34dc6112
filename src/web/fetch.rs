//! Fetching bytes over HTTP with the browser's `fetch`. The body is read
//! by `floor.js` (`__floorBody`), a few lines of JavaScript that cost less
//! than their WebAssembly would.

use std::fmt;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a fetch produced no bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// The request never got a response (offline, refused, blocked by CORS).
    Network,
    /// The server answered with an HTTP error status.
    Status(u16),
    /// The response body could not be read.
    Body,
    /// The body is larger than [`crate::source::MAX_BYTES`]: its size as the
    /// server announced it, or `None` when it passed the limit as it came.
    TooLarge(Option<u64>),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Network => write!(
                f,
                "the server could not be reached, or it does not allow other sites to read the file (CORS)"
            ),
            FetchError::Status(404) => write!(f, "the server has no such file (HTTP 404)"),
            FetchError::Status(code) => write!(f, "the server answered HTTP {code}"),
            FetchError::Body => write!(f, "the response could not be read"),
            FetchError::TooLarge(n) => write!(
                f,
                "the file is too large ({} MB; at most {} MB)",
                match n {
                    Some(n) => crate::source::megabytes(*n),
                    None => format!("more than {}", crate::source::MAX_BYTES / 1_048_576),
                },
                crate::source::MAX_BYTES / 1_048_576
            ),
        }
    }
}

/// The response that `floor.js` started fetching for `url` before the
/// WebAssembly was ready (Floor's page's own transcript), taken once.
fn prefetched(url: &str) -> Option<js_sys::Promise> {
    let global = js_sys::global();
    let key = JsValue::from_str(crate::names::PREFETCH_GLOBAL);
    let early = js_sys::Reflect::get(&global, &key).ok()?;
    if js_sys::Reflect::get(&early, &"url".into())
        .ok()?
        .as_string()?
        != url
    {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    js_sys::Reflect::get(&early, &"response".into())
        .ok()?
        .dyn_into()
        .ok()
}

#[wasm_bindgen]
extern "C" {
    /// `floor.js`'s `__floorBody(response, max)` ([`crate::names::BODY_GLOBAL`]):
    /// resolves to the body's bytes (a `Uint8Array`), or to a number when
    /// the body is larger than `max`: its announced size (`Content-Length`),
    /// or 0 when it passed `max` as it came (the download is then cancelled).
    /// Rejects when the body cannot be read (and throws without floor.js).
    #[wasm_bindgen(catch, js_name = __floorBody)]
    fn read_body(response: &web_sys::Response, max: f64) -> Result<js_sys::Promise, JsValue>;
}

/// Fetches `url` (relative URLs resolve against the page) and returns its
/// body. A body over [`crate::source::MAX_BYTES`] is refused as soon as it
/// is known to be: announced so, or passing the limit as it comes, whatever
/// the headers said; its download then stops. The body stays in JavaScript
/// until it is whole, then is copied into WebAssembly memory once: a refused
/// or failed body never enters it.
pub async fn bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let request = prefetched(url).unwrap_or_else(|| window.fetch_with_str(url));
    let response = JsFuture::from(request)
        .await
        .map_err(|_| FetchError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| FetchError::Network)?;
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let body =
        read_body(&response, crate::source::MAX_BYTES as f64).map_err(|_| FetchError::Body)?;
    let body = JsFuture::from(body).await.map_err(|_| FetchError::Body)?;
    match body.as_f64() {
        Some(n) => Err(FetchError::TooLarge((n > 0.0).then_some(n as u64))),
        None => Ok(js_sys::Uint8Array::new(&body).to_vec()),
    }
}
