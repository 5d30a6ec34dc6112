//! Decoding bytes in the browser. The encoding is chosen by the core's
//! [`sniff`]; UTF-8 is decoded in Rust, UTF-16 and Windows-1252 by the
//! platform's `TextDecoder`, so the WASM carries no encoding tables.

use crate::read::decode::{Decoded, Encoding, sniff};

/// Decodes `bytes` following [`sniff`], as [`crate::read::decode::decode`] does
/// natively. Valid UTF-8 becomes the text in place, without a copy (a large
/// transcript is never in memory twice).
pub fn decode(mut bytes: Vec<u8>) -> Decoded {
    let (encoding, bom) = sniff(&bytes);
    match encoding {
        Encoding::Utf8 => {
            bytes.drain(..bom);
            match String::from_utf8(bytes) {
                Ok(text) => Decoded::new(text, encoding, bom, false),
                Err(e) => {
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    Decoded::new(text, encoding, bom, true)
                }
            }
        }
        _ => match platform(encoding.label(), &bytes[bom..], true) {
            Some(text) => Decoded::new(text, encoding, bom, false),
            None => {
                let text = platform(encoding.label(), &bytes[bom..], false).unwrap_or_default();
                Decoded::new(text, encoding, bom, true)
            }
        },
    }
}

/// `new TextDecoder(label, { fatal }).decode(bytes)`; `None` when a fatal
/// decoder meets an invalid sequence (or the platform lacks the encoding).
fn platform(label: &str, bytes: &[u8], fatal: bool) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(fatal);
    let decoder = web_sys::TextDecoder::new_with_label_and_options(label, &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}
