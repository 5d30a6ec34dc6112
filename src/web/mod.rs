//! Browser edges (wasm32 only): fetching, decoding with the platform's
//! `TextDecoder`, and the JS API. Components live in [`crate::app`].

pub mod decode;
pub mod dom;
pub mod fetch;
pub mod js;
pub mod readers;
