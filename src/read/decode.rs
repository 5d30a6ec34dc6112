//! Bytes to text. The choice of encoding is core ([`sniff`]); the decoding
//! itself is an edge: natively [`decode`] uses `encoding_rs`, and the browser
//! app uses the platform's `TextDecoder`, so the WASM carries no tables.
//!
//! The rule: a UTF-8 or UTF-16 byte-order mark decides; otherwise UTF-16
//! without one is told by its zero bytes (every other byte of text in Latin
//! letters); otherwise valid UTF-8 is UTF-8; anything else is read as
//! Windows-1252 (legacy IGF pages were served as Windows-1252 / Latin-1),
//! and a diagnostic says so.

use crate::model::{Diagnostic, DiagnosticKind};

/// An encoding the input may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8,
    /// UTF-16, little-endian (announced by a byte-order mark, or told by
    /// its zero bytes).
    Utf16Le,
    /// UTF-16, big-endian (likewise).
    Utf16Be,
    /// Windows-1252: the fallback for bytes that are not valid UTF-8.
    Windows1252,
}

impl Encoding {
    /// The WHATWG label of the encoding, as `TextDecoder` takes it.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// Chooses the encoding of `bytes` and the length of its byte-order mark.
///
/// ```
/// use floor::read::decode::{sniff, Encoding};
/// assert_eq!(sniff(b"\xEF\xBB\xBFhi"), (Encoding::Utf8, 3));
/// assert_eq!(sniff(b"\xFF\xFEh\0"), (Encoding::Utf16Le, 2));
/// assert_eq!(sniff("é".as_bytes()), (Encoding::Utf8, 0));
/// assert_eq!(sniff(b"caf\xE9"), (Encoding::Windows1252, 0));
/// assert_eq!(sniff(b">\0>\0C\0H\0A\0I\0R\0:\0"), (Encoding::Utf16Le, 0));
/// assert_eq!(sniff(b"\0>\0>\0C\0H\0A\0I\0R\0:"), (Encoding::Utf16Be, 0));
/// ```
pub fn sniff(bytes: &[u8]) -> (Encoding, usize) {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
        [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
        _ => match utf16_without_bom(bytes) {
            Some(encoding) => (encoding, 0),
            None if std::str::from_utf8(bytes).is_ok() => (Encoding::Utf8, 0),
            None => (Encoding::Windows1252, 0),
        },
    }
}

/// Bytes read to tell UTF-16 without a byte-order mark.
const UTF16_SNIFF_BYTES: usize = 1024;

/// UTF-16 without a byte-order mark, told by its first bytes: text in Latin
/// letters (markers, labels, digits, spaces) has a zero in every pair, on
/// one side (the high byte), where UTF-8 and Windows-1252 text has none.
/// At least four pairs, a zero in two fifths of them on one side and in
/// hardly any on the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(UTF16_SNIFF_BYTES)];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let many = |n: usize| n * 5 >= pairs * 2;
    let few = |n: usize| n * 20 <= pairs;
    match (many(odd) && few(even), many(even) && few(odd)) {
        (true, _) => Some(Encoding::Utf16Le),
        (_, true) => Some(Encoding::Utf16Be),
        _ => None,
    }
}

/// Decoded text, with what decoding noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// What decoding noticed (fallback, UTF-16, replaced bytes).
    pub diagnostics: Vec<Diagnostic>,
}

impl Decoded {
    /// Wraps text that an edge decoded from bytes in `encoding` (after a
    /// byte-order mark of `bom` bytes); `replaced` says whether invalid
    /// sequences became U+FFFD.
    pub fn new(text: String, encoding: Encoding, bom: usize, replaced: bool) -> Decoded {
        let mut diagnostics = Vec::new();
        let note = |kind, message: &str| Diagnostic {
            line: 0,
            kind,
            message: message.to_string(),
            dropped: None,
            label: None,
        };
        match encoding {
            Encoding::Windows1252 => diagnostics.push(note(
                DiagnosticKind::EncodingFallback,
                "the file is not valid UTF-8: it was read as Windows-1252 (Latin-1)",
            )),
            Encoding::Utf16Le | Encoding::Utf16Be if bom > 0 => diagnostics.push(note(
                DiagnosticKind::Utf16,
                "the file is UTF-16 (it starts with a byte-order mark) and was decoded as such",
            )),
            Encoding::Utf16Le | Encoding::Utf16Be => diagnostics.push(note(
                DiagnosticKind::Utf16,
                "the file is UTF-16 without a byte-order mark (told by its zero bytes) and was decoded as such",
            )),
            Encoding::Utf8 => {}
        }
        if replaced {
            diagnostics.push(note(
                DiagnosticKind::InvalidBytes,
                "some bytes could not be decoded and were replaced with \u{FFFD}",
            ));
        }
        Decoded {
            text,
            encoding,
            diagnostics,
        }
    }
}

/// Decodes `bytes` natively with `encoding_rs`, following [`sniff`].
///
/// ```
/// let d = floor::read::decode::decode(b"caf\xE9 \x93quoted\x94");
/// assert_eq!(d.text, "café \u{201c}quoted\u{201d}");
/// assert_eq!(d.diagnostics.len(), 1);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, bom) = sniff(bytes);
    // Valid UTF-8 (the usual case) is validated once and copied.
    if encoding == Encoding::Utf8
        && let Ok(text) = std::str::from_utf8(&bytes[bom..])
    {
        return Decoded::new(text.to_owned(), Encoding::Utf8, bom, false);
    }
    let codec = match encoding {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
    };
    let (text, replaced) = codec.decode_without_bom_handling(&bytes[bom..]);
    Decoded::new(text.into_owned(), encoding, bom, replaced)
}
