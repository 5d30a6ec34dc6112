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
    let decoded = floor::read::decode::Decoded {
        text,
        encoding: floor::read::decode::Encoding::Utf8,
        diagnostics: Vec::new(),
    };
    floor::read::parse_named(decoded, name.as_deref()).to_wire()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("floor-readers is the viewer's WebAssembly module: build it for wasm32 (make dist)");
    std::process::exit(2);
}
