//! `floor-web`: the browser entry point that trunk builds (see `index.html`).

#[cfg(target_arch = "wasm32")]
fn main() {
    // Outside a page (Node loading the module for its JS API or the
    // benchmark) there is nothing to mount.
    if web_sys::window().is_some() {
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
