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
    let transcript = transcript(&wire)?;
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
#[wasm_bindgen::prelude::wasm_bindgen(js_name = exportText)]
pub fn export(
    wire: Vec<u8>,
    format: String,
    turns: Vec<u32>,
) -> Result<String, wasm_bindgen::JsError> {
    use wasm_bindgen::JsError;
    let transcript = transcript(&wire)?;
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
    let transcript = transcript(wire)?;
    Ok(floor::cite::Cited::of(
        &transcript,
        turn,
        quote,
        url,
        accessed,
    ))
}

/// The transcript of wire bytes `wire`, or the error that says it is not one.
#[cfg(target_arch = "wasm32")]
fn transcript(wire: &[u8]) -> Result<floor::model::Transcript, wasm_bindgen::JsError> {
    floor::model::Transcript::from_wire(wire)
        .ok_or_else(|| wasm_bindgen::JsError::new("not a transcript's wire bytes"))
}

/// Quote `fragment` (`t37-p2:w4-16~…`), or the error that says it is not one.
#[cfg(target_arch = "wasm32")]
fn quote(fragment: &str) -> Result<floor::link::Quote, wasm_bindgen::JsError> {
    floor::link::Quote::parse(fragment).ok_or_else(|| wasm_bindgen::JsError::new("not a quote"))
}

/// Looks for the words of quote `fragment` in the transcript of wire bytes
/// `wire` ([`floor::link::quote::find`]): `["exact", fragment]` where it
/// says, `["moved", fragment]` of where they are now, or `["lost"]`; then
/// each paragraph's marks, three numbers each (paragraph index, start, end:
/// UTF-16 offsets into its text).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = quoteFind)]
pub fn quote_find(wire: Vec<u8>, fragment: String) -> Result<Vec<String>, wasm_bindgen::JsError> {
    use floor::link::quote::{Found, find, marks};
    let t = transcript(&wire)?;
    let q = quote(&fragment)?;
    let (kind, q, spans) = match find(&t, &q) {
        Found::Exact(spans) => ("exact", q, spans),
        Found::Moved(moved, spans) => ("moved", moved, spans),
        Found::Lost => return Ok(vec!["lost".into()]),
    };
    let mut out = vec![kind.to_string(), q.to_string()];
    for (p, a, b) in marks(&t, q.turn, &spans) {
        out.extend([p.to_string(), a.to_string(), b.to_string()]);
    }
    Ok(out)
}

/// The quote (its fragment) of the words of turn `n` that a selection from
/// UTF-16 offset `a` of its paragraph (index) `p` to `b` of paragraph `q`
/// touches ([`floor::link::Quote::select`]); empty if it touches none.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = quoteSelect)]
pub fn quote_select(
    wire: Vec<u8>,
    n: u32,
    p: u32,
    a: u32,
    q: u32,
    b: u32,
) -> Result<String, wasm_bindgen::JsError> {
    let t = transcript(&wire)?;
    let byte = |p: u32, at: u32| {
        let turn = t.turns.get((n as usize).checked_sub(1)?)?;
        Some((
            p as usize,
            floor::link::quote::byte_at(t.paragraph(turn, p as usize)?, at),
        ))
    };
    let quote = byte(p, a)
        .zip(byte(q, b))
        .and_then(|(start, end)| floor::link::Quote::select(&t, n, start, end));
    Ok(quote.map_or(String::new(), |q| q.to_string()))
}

/// What "Copy quote" copies for quote `fragment` of the transcript of wire
/// bytes `wire`, linked to `link` ([`floor::link::quote::attributed`]).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = quoteText)]
pub fn quote_text(
    wire: Vec<u8>,
    fragment: String,
    link: String,
) -> Result<String, wasm_bindgen::JsError> {
    let t = transcript(&wire)?;
    Ok(floor::link::quote::attributed(
        &t,
        &quote(&fragment)?,
        &link,
    ))
}

/// The words of quote `fragment` of the transcript of wire bytes `wire`,
/// as written ([`floor::link::quote::passage`]), where they are found;
/// empty if they are nowhere.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = quoteWords)]
pub fn quote_words(wire: Vec<u8>, fragment: String) -> Result<String, wasm_bindgen::JsError> {
    use floor::link::quote::{Found, find, passage};
    let t = transcript(&wire)?;
    let q = quote(&fragment)?;
    Ok(match find(&t, &q) {
        Found::Exact(spans) => passage(&t, q.turn, &spans),
        Found::Moved(moved, spans) => passage(&t, moved.turn, &spans),
        Found::Lost => String::new(),
    })
}
