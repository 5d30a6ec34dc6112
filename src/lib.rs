//! Floor: read, search and cite meeting transcripts in any browser.
//!
//! The crate has one **core** — the transcript [`model`], the [`parse`]r,
//! [`search`] and [`permalink`]s — written in plain Rust with no I/O, shared by
//! the web app, the JS API and the native command-line tool. The core never
//! imports leptos, wasm-bindgen or web-sys: those live in `app` (compiled for
//! `wasm32` only), so `cargo test` on the host builds and tests the core alone.
//!
//! # Example
//!
//! ```
//! let doc = floor::parse::parse("Meeting title\n\n First paragraph.\n\n Second.\n");
//! assert_eq!(doc.title, "Meeting title");
//! assert_eq!(doc.paragraphs, ["First paragraph.", "Second."]);
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod model;
pub mod parse;
pub mod permalink;
pub mod search;

#[cfg(target_arch = "wasm32")]
pub mod app;
