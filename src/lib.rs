//! Floor: read, search and cite meeting transcripts in any browser.
//!
//! The crate has one **core** — the transcript [`model`], its [`read`]ers,
//! [`resolve`]d speakers, [`search`], [`link`]s, [`cite`]ations and the
//! [`align`]ment of an untimed transcript to captions — written in plain
//! Rust with no I/O, shared by the web app, the JS API and the native
//! command-line tool.
//! The core never imports leptos, wasm-bindgen or web-sys: those live in
//! `app` (compiled for `wasm32` only), so `cargo test` on the host builds and
//! tests the core alone.
//!
//! # Example
//!
//! ```
//! let text = "IGF 2016 MAG Meeting\n\n6 April 2016\n\nGeneva, Switzerland\n\n\
//!             >>CHAIR ST. AMOUR: Good morning. [ Applause ]\n\n\
//!             >>REMOTE INTERVENTION: Thank you, Chair.\n";
//! let t = floor::read::parse_str(text);
//! assert_eq!(t.meta.date.as_deref(), Some("2016-04-06"));
//! assert_eq!(t.meta.location.as_deref(), Some("Geneva, Switzerland"));
//! assert_eq!(t.turns.len(), 2);
//! assert_eq!(t.speaker_id(&t.turns[0]), Some("chair-st-amour"));
//! let turn = &t.turns[0];
//! assert_eq!(t.kind(turn, &t.annotations(turn)[0]), "applause");
//! assert_eq!(t.speakers[1].name, "Remote Intervention");
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod align;
pub mod archive;
pub mod cite;
pub mod export;
pub mod link;
pub mod model;
pub mod names;
pub mod read;
pub mod render;
pub mod resolve;
pub mod search;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
pub mod source;
pub mod text;
pub mod view;

#[cfg(all(target_arch = "wasm32", feature = "viewer"))]
pub mod app;
#[cfg(all(target_arch = "wasm32", feature = "viewer"))]
pub mod web;
