//! The readers of saved pages and timed formats (WebVTT, SRT, the JSON and
//! HTML transcript formats, text exports), which the viewer's module does
//! not carry: `floor.js`'s
//! `__floorRead` ([`crate::names::READ_GLOBAL`]) loads `floor-readers` the
//! first time a text needs them, in a worker, and hands back the
//! transcript as wire bytes ([`Transcript::from_wire`]).

use crate::model::Transcript;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `floor.js`'s `__floorRead(text, name)`: resolves to the transcript
    /// as wire bytes (a `Uint8Array`); rejects when the readers cannot be
    /// loaded (and throws without floor.js).
    #[wasm_bindgen(catch, js_name = __floorRead)]
    fn read_wire(text: &str, name: Option<String>) -> Result<js_sys::Promise, JsValue>;
}

/// Reads `text` (`name` a hint of its format) with the readers' module.
/// `Err` says why they could not read it.
pub async fn read(text: &str, name: Option<&str>) -> Result<Transcript, String> {
    let failed = |e: JsValue| {
        let why = e
            .as_string()
            .or_else(|| js_sys::Error::from(e).message().as_string());
        format!(
            "the readers for this format could not be loaded ({})",
            why.unwrap_or_default()
        )
    };
    let promise = read_wire(text, name.map(str::to_string)).map_err(failed)?;
    let bytes = JsFuture::from(promise).await.map_err(failed)?;
    let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
    Transcript::from_wire(&bytes)
        .ok_or_else(|| "the readers' module gave what is not a transcript".into())
}
