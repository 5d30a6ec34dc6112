//! `floor-web`: the browser entry point that trunk builds (see `index.html`).

#[cfg(target_arch = "wasm32")]
fn main() {
    floor::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "floor-web runs in the browser: build it with `make dist` or `trunk serve`.\n\
         Natively, use the `floor` command-line tool."
    );
    std::process::exit(2);
}
