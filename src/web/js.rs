//! The JS API: the core's parser for JavaScript callers.
//!
//! ```js
//! const transcript = parse(">>CHAIR: Good morning.");
//! transcript.turns[0].speaker; // "chair"
//! ```
//!
//! The objects have exactly the field names of `floor parse` JSON output
//! (`meta`, `speakers`, `turns`, `diagnostics`); absent values are `null`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::Transcript;

fn to_js(transcript: &Transcript) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    transcript
        .serialize(&serializer)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Parses transcript text (plain text or an HTML page) into plain objects.
#[wasm_bindgen(js_name = parse)]
pub fn parse(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::parse::parse_str(text))
}

/// Parses transcript bytes (a `Uint8Array` in any supported encoding).
#[wasm_bindgen(js_name = parseBytes)]
pub fn parse_bytes(bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(&crate::parse::parse_decoded(super::decode::decode(bytes)))
}

/// Parses transcript text and returns only its number of turns, without
/// building JS objects: what the WASM parse benchmark times.
#[wasm_bindgen(js_name = countTurns)]
pub fn count_turns(text: &str) -> u32 {
    crate::parse::parse_str(text).turns.len() as u32
}
