//! `floor-readers`: the readers of saved pages (the HTML extractor) and of
//! the timed formats (WebVTT, SRT, the JSON and HTML transcript formats,
//! text exports) as a module of their own, which the
//! viewer loads on demand (`src/web/readers.rs`) when a file needs one: the
//! viewer's first visit does not carry them. It reads text and hands back
//! the transcript as wire bytes (`Transcript::to_wire`).

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

// The viewer's allocator: a caption file makes many small allocations.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Reads `text` (`name` a hint of its format) into wire bytes.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn read(text: String, name: Option<String>) -> Vec<u8> {
    floor::read::parse_named(utf8(text), name.as_deref()).to_wire()
}

/// The transcript of wire bytes `wire` aligned to the captions `captions`
/// (`name` a hint of their format), as wire bytes; an error when `wire` is
/// not a transcript.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn align(
    wire: Vec<u8>,
    captions: String,
    name: Option<String>,
) -> Result<Vec<u8>, wasm_bindgen::JsError> {
    let transcript = floor::model::Transcript::from_wire(&wire)
        .ok_or_else(|| wasm_bindgen::JsError::new("not a transcript's wire bytes"))?;
    let captions = floor::read::parse_named(utf8(captions), name.as_deref());
    Ok(floor::align::align(&transcript, &captions).to_wire())
}

/// The JS API's `align(text, captions)`: `text` read (`name` a hint of its
/// format), then aligned to `captions`, as wire bytes.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = alignText)]
pub fn align_text(
    text: String,
    name: Option<String>,
    captions: String,
    captions_name: Option<String>,
) -> Vec<u8> {
    let transcript = floor::read::parse_named(utf8(text), name.as_deref());
    let captions = floor::read::parse_named(utf8(captions), captions_name.as_deref());
    floor::align::align(&transcript, &captions).to_wire()
}

#[cfg(target_arch = "wasm32")]
fn utf8(text: String) -> floor::read::decode::Decoded {
    floor::read::decode::Decoded {
        text,
        encoding: floor::read::decode::Encoding::Utf8,
        diagnostics: Vec::new(),
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("floor-readers is the viewer's WebAssembly module: build it for wasm32 (make dist)");
    std::process::exit(2);
}

/// The viewer's Download: the transcript of wire bytes `wire` written in
/// `format` (`md`, `txt`, `json`, `vtt`, `srt`, `podcast-json` or
/// `podcast-html`: `floor::export::Format`), only its turns numbered
/// `turns` (from 1; empty for every turn: the speaker filter's or the
/// search's turns, as the viewer shows them). An error says why in a
/// sentence for the reader when it cannot be written: captions (`vtt`,
/// `srt`, `podcast-json`) of a transcript without times, a format or a
/// turn it does not know, bytes that are not a transcript.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn export(
    wire: Vec<u8>,
    format: String,
    turns: Vec<u32>,
) -> Result<String, wasm_bindgen::JsError> {
    use wasm_bindgen::JsError;
    let transcript = floor::model::Transcript::from_wire(&wire)
        .ok_or_else(|| JsError::new("not a transcript's wire bytes"))?;
    let format = floor::export::Format::parse(&format)
        .ok_or_else(|| JsError::new(&format!("Floor cannot export “{format}”.")))?;
    let turns = floor::export::Selection::Turns(turns);
    floor::export::export(&transcript, format, &turns).map_err(|e| JsError::new(&e.to_string()))
}

/// A citation of turn `turn` (from 1) of the transcript of wire bytes `wire`
/// in `style` (`plain`, `apa`, `chicago`, `mla`, `bibtex`, `csl-json`),
/// with the words `quote` (if any), the link `url` and the date it was read
/// `accessed` (ISO `YYYY-MM-DD`, or empty); an error when `wire` is not a
/// transcript or `style` not a style.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn cite(
    wire: Vec<u8>,
    turn: u32,
    quote: Option<String>,
    url: String,
    accessed: String,
    style: String,
) -> Result<String, wasm_bindgen::JsError> {
    let style = floor::cite::Style::parse(&style)
        .ok_or_else(|| wasm_bindgen::JsError::new("not a citation style"))?;
    let cited = cited(&wire, turn, quote, &url, &accessed)?;
    Ok(floor::cite::cite(&cited, style))
}

/// The citations of [`cite`] in every style, in the order of
/// [`floor::cite::Style::ALL`] (plain, APA 7, Chicago, MLA 9, BibTeX,
/// CSL-JSON): for a menu that shows them all.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = citeAll)]
pub fn cite_all(
    wire: Vec<u8>,
    turn: u32,
    quote: Option<String>,
    url: String,
    accessed: String,
) -> Result<Vec<String>, wasm_bindgen::JsError> {
    let cited = cited(&wire, turn, quote, &url, &accessed)?;
    Ok(floor::cite::Style::ALL
        .iter()
        .map(|&style| floor::cite::cite(&cited, style))
        .collect())
}

#[cfg(target_arch = "wasm32")]
fn cited(
    wire: &[u8],
    turn: u32,
    quote: Option<String>,
    url: &str,
    accessed: &str,
) -> Result<floor::cite::Cited, wasm_bindgen::JsError> {
    let transcript = floor::model::Transcript::from_wire(wire)
        .ok_or_else(|| wasm_bindgen::JsError::new("not a transcript's wire bytes"))?;
    Ok(floor::cite::Cited::of(
        &transcript,
        turn,
        quote,
        url,
        accessed,
    ))
}
