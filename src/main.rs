//! `floor-web`: the browser entry point that trunk builds (see `index.html`).

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    // Floor's own page says so (`<html data-floor-app>`). Anywhere else (a
    // host page loading `floor.js`, Node loading the module for its JS API or
    // the benchmarks) nothing is mounted until asked: `enhance`, `mount`.
    let own_page = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|html| html.has_attribute(floor::names::APP_ATTRIBUTE));
    if own_page {
        floor::app::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "floor-web runs in the browser: build it with `make dist` or `trunk serve`.\n\
         Natively, use the `floor` command-line tool."
    );
    std::process::exit(2);
}
