//! Fetching bytes over HTTP with the browser's `fetch`.

use std::fmt;

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
    /// The server announced a body larger than [`crate::source::MAX_BYTES`].
    TooLarge(u64),
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
                crate::source::megabytes(*n),
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

/// Fetches `url` (relative URLs resolve against the page) and returns its body.
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
    let length = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.parse::<u64>().ok());
    if let Some(n) = length.filter(|&n| n > crate::source::MAX_BYTES) {
        return Err(FetchError::TooLarge(n));
    }
    let body = response.array_buffer().map_err(|_| FetchError::Body)?;
    let body = JsFuture::from(body).await.map_err(|_| FetchError::Body)?;
    Ok(js_sys::Uint8Array::new(&body).to_vec())
}
