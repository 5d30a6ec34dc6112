//! Checks on where a transcript comes from, before and after reading it:
//! which `?src=` URLs are allowed, how large a file may be, and whether bytes
//! are text at all. Each problem comes with a message in plain words.

use crate::read::decode::{Encoding, sniff};

/// Largest transcript accepted, in bytes (50 MB).
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Longest `?src=` URL accepted, in bytes.
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// Checks a `?src=` value: `http:` and `https:` URLs, and relative URLs
/// (resolved against the page), are allowed; any other scheme is refused.
///
/// ```
/// use floor::source::check_src;
/// assert!(check_src("https://example.org/t.txt").is_ok());
/// assert!(check_src("transcripts/2016.txt").is_ok());
/// assert!(check_src("javascript:alert(1)").is_err());
/// assert!(check_src(" JavaScript:alert(1)").is_err());
/// assert!(check_src("data:text/plain,hi").is_err());
/// ```
pub fn check_src(src: &str) -> Result<(), String> {
    check_url(src, ["transcript", "transcripts"])
}

/// [`check_src`] for any address the viewer loads, `what` naming it in the
/// messages, one and many (`["recording", "recordings"]`).
///
/// ```
/// use floor::source::check_url;
/// assert!(check_url("talk.mp4", ["recording", "recordings"]).is_ok());
/// assert_eq!(
///     check_url("ftp://x.org/a.vtt", ["captions"; 2]).unwrap_err(),
///     "Floor only opens captions from http: or https: addresses, not \u{201c}ftp:\u{201d}."
/// );
/// ```
pub fn check_url(src: &str, [what, many]: [&str; 2]) -> Result<(), String> {
    let trimmed = src.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if trimmed.is_empty() {
        return Err(format!("The {what} address is empty."));
    }
    if src.len() > MAX_URL_BYTES {
        return Err(format!(
            "The {what} address is too long ({} KB; at most {} KB).",
            src.len() / 1024,
            MAX_URL_BYTES / 1024
        ));
    }
    match scheme(trimmed) {
        None => Ok(()),
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => Ok(()),
        Some(s) => Err(format!(
            "Floor only opens {many} from http: or https: addresses, not \u{201c}{}:\u{201d}.",
            s.to_ascii_lowercase()
        )),
    }
}

/// The last segment of a URL's path, as written (`talk.vtt` of
/// `https://x.org/media/talk.vtt?v=2#t=1:00`): the file name a fetched
/// transcript's format is hinted by ([`crate::read::parse_named`]). `None`
/// when the path ends with `/`.
///
/// ```
/// use floor::source::file_name;
/// assert_eq!(file_name("https://x.org/media/talk.vtt?v=2#t=1:00"), Some("talk.vtt"));
/// assert_eq!(file_name("cases/a.srt"), Some("a.srt"));
/// assert_eq!(file_name("https://x.org/a.srt/?x=y.srt"), None);
/// ```
pub fn file_name(url: &str) -> Option<&str> {
    // (Bytes: a str's pattern searches cost the WebAssembly more.)
    let b = url.as_bytes();
    let end = b.iter().position(|&c| c == b'?' || c == b'#');
    let path = &b[..end.unwrap_or(b.len())];
    let start = path.iter().rposition(|&c| c == b'/').map_or(0, |i| i + 1);
    let name = url.get(start..path.len())?;
    (!name.is_empty()).then_some(name)
}

/// The URL scheme of `url`, if it has one (`scheme:` before any `/`, `?` or `#`).
/// Tabs and newlines inside are ignored, as browsers ignore them.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let head = &cleaned[..colon];
    if head.is_empty() || head.contains(['/', '?', '#']) {
        return None;
    }
    let valid = head.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // Anything before the colon that is not a valid scheme still must not
    // slip through: the browser would treat it as relative, which is safe.
    valid.then(|| head.to_string())
}

/// A size in megabytes (MiB) with one decimal, rounded: `"100.0"`. Integer
/// arithmetic only, so the WASM carries no float formatting.
///
/// ```
/// assert_eq!(floor::source::megabytes(104_857_600), "100.0");
/// assert_eq!(floor::source::megabytes(1_100_000), "1.0");
/// assert_eq!(floor::source::megabytes(55_000_000), "52.5");
/// ```
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10 + 524_288) / 1_048_576;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Refuses sizes over [`MAX_BYTES`].
pub fn check_size(bytes: u64) -> Result<(), String> {
    if bytes > MAX_BYTES {
        Err(format!(
            "The file is too large to open ({} MB; at most {} MB).",
            megabytes(bytes),
            MAX_BYTES / 1_048_576
        ))
    } else {
        Ok(())
    }
}

/// Refuses bytes that are clearly not text: known binary formats (images,
/// archives, PDF, audio, video, WebAssembly) and data full of control bytes.
///
/// ```
/// use floor::source::check_text;
/// assert!(check_text(b"\x89PNG\r\n\x1a\n....").is_err());
/// assert!(check_text(b"PK\x03\x04zip").is_err());
/// assert!(check_text(b">>CHAIR: Hello.").is_ok());
/// assert!(check_text(b"\xff\xfe>\0>\0").is_ok()); // UTF-16 text
/// ```
pub fn check_text(bytes: &[u8]) -> Result<(), String> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or an office document)"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"\0asm", "a WebAssembly module"),
        (b"OggS", "an Ogg audio or video file"),
        (b"ID3", "an MP3 audio file"),
        (b"fLaC", "a FLAC audio file"),
        (b"\x7fELF", "a program"),
        (b"MZ", "a Windows program"),
        (b"7z\xbc\xaf", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\xd0\xcf\x11\xe0", "an old Office document"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(format!(
                "This file is {what}, not a transcript: open a text or HTML file."
            ));
        }
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" || bytes.get(4..8) == Some(b"ftyp") {
        return Err(
            "This file is audio, video or an image, not a transcript: open a text or HTML file."
                .into(),
        );
    }
    if matches!(sniff(bytes).0, Encoding::Utf16Le | Encoding::Utf16Be) {
        return Ok(());
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if head.contains(&0) || control * 20 > head.len() {
        return Err(
            "This file does not look like text (it holds binary data): open a text or HTML file."
                .into(),
        );
    }
    Ok(())
}

/// Refuses a parsed input with nothing to show (empty, or only whitespace),
/// so that the transcript on screen stays.
///
/// ```
/// use floor::{read::parse_str, source::check_parsed};
/// assert!(check_parsed(&parse_str(" \n\t\n")).is_err());
/// assert!(check_parsed(&parse_str("Just a line of text.")).is_ok());
/// ```
pub fn check_parsed(t: &crate::model::Transcript) -> Result<(), String> {
    let empty = t
        .diagnostics
        .iter()
        .any(|d| d.kind == crate::model::DiagnosticKind::Empty);
    if empty {
        Err("There is nothing to show: the input is empty or holds only spaces.".into())
    } else {
        Ok(())
    }
}

/// A parent origin an embedded viewer may talk to, from a `?origin=` value:
/// `scheme://host[:port]` as a browser writes `MessageEvent.origin`
/// (lower case, no trailing slash). Anything else (paths, `*`, `null`, other
/// schemes) is refused: `None`.
///
/// ```
/// use floor::source::trusted_origin;
/// assert_eq!(trusted_origin("https://www.IntGovForum.org/"), Some("https://www.intgovforum.org".into()));
/// assert_eq!(trusted_origin("http://127.0.0.1:8080"), Some("http://127.0.0.1:8080".into()));
/// assert_eq!(trusted_origin("*"), None);
/// assert_eq!(trusted_origin("https://a.example/page"), None);
/// assert_eq!(trusted_origin("javascript://x"), None);
/// ```
pub fn trusted_origin(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_suffix('/').unwrap_or(text);
    let (scheme, rest) = text.split_once("://")?;
    let ok = matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', '@', ' ', '*', '\\']);
    ok.then(|| text.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_sources() {
        for src in [
            "",
            "  ",
            "file:///etc/passwd",
            "data:,x",
            "vbscript:x",
            "java\tscript:alert(1)",
            "blob:https://x/1",
        ] {
            assert!(check_src(src).is_err(), "{src:?}");
        }
        assert!(check_src(&format!("https://x.org/{}", "a".repeat(9000))).is_err());
    }

    #[test]
    fn allowed_sources() {
        for src in [
            "http://x.org/a",
            "HTTPS://X.ORG/a?b=c:d",
            "/a/b.txt",
            "./a.txt",
            "a.txt?x=y:z",
            "#frag",
            "//cdn.x.org/a.txt",
        ] {
            assert!(check_src(src).is_ok(), "{src:?}");
        }
    }

    #[test]
    fn sizes() {
        assert!(check_size(MAX_BYTES).is_ok());
        assert!(check_size(MAX_BYTES + 1).unwrap_err().contains("50 MB"));
    }

    #[test]
    fn text_and_not_text() {
        assert!(check_text(b"").is_ok());
        assert!(check_text("caf\u{e9}".as_bytes()).is_ok());
        assert!(check_text(b"caf\xe9 windows-1252").is_ok());
        assert!(check_text(b"text\0with nul").is_err());
        assert!(check_text(&[1u8, 2, 3, 4, 5, 6, 7, 8]).is_err());
    }
}
