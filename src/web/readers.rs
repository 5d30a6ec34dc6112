//! The readers of saved pages and timed formats (WebVTT, SRT, the JSON and
//! HTML transcript formats, text exports), and the aligner of a transcript
//! to its recording's captions ([`crate::align`]), which the viewer's module
//! does not carry: `floor.js`'s `__floorRead` ([`crate::names::READ_GLOBAL`])
//! and `__floorAlign` ([`crate::names::ALIGN_GLOBAL`]) load `floor-readers`
//! the first time they are needed, in a worker, and hand back the
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

    /// `floor.js`'s `__floorAlign(wire, captions, name)`: the transcript of
    /// `wire` aligned to the captions `captions` (`name` a hint of their
    /// format), as wire bytes.
    #[wasm_bindgen(catch, js_name = __floorAlign)]
    fn align_wire(
        wire: &[u8],
        captions: &str,
        name: Option<String>,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// Reads `text` (`name` a hint of its format) with the readers' module.
/// `Err` says why they could not read it.
pub async fn read(text: &str, name: Option<&str>) -> Result<Transcript, String> {
    answer(read_wire(text, name.map(str::to_string))).await
}

/// `transcript` aligned to `captions` (`name` a hint of their format) by
/// the readers' module. `Err` says why it could not be done.
pub async fn align(
    transcript: &Transcript,
    captions: &str,
    name: Option<&str>,
) -> Result<Transcript, String> {
    answer(align_wire(
        &transcript.to_wire(),
        captions,
        name.map(str::to_string),
    ))
    .await
}

/// The transcript a call of the readers' module resolves to.
async fn answer(call: Result<js_sys::Promise, JsValue>) -> Result<Transcript, String> {
    let failed = |e: JsValue| {
        let why = e
            .as_string()
            .or_else(|| js_sys::Error::from(e).message().as_string());
        format!(
            "the readers for this format could not be loaded ({})",
            why.unwrap_or_default()
        )
    };
    let bytes = JsFuture::from(call.map_err(failed)?)
        .await
        .map_err(failed)?;
    let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
    Transcript::from_wire(&bytes)
        .ok_or_else(|| "the readers' module gave what is not a transcript".into())
}
