//! Timestamps as caption and transcript files write them, to milliseconds.
//!
//! One tolerant reader for all of them: `00:01:02.345` (WebVTT),
//! `00:01:02,345` (SRT), unpadded `0:0:3.490`, `1:02` (minutes and
//! seconds), `[00:12:34]`.

/// Reads a clock time `[[h:]m:]s[.frac]` (`.` or `,` before the fraction)
/// as milliseconds. Hours may have any number of digits; minutes and
/// seconds below 60 when a larger unit precedes them.
///
/// ```
/// use floor::read::cues::time::clock;
/// assert_eq!(clock("00:01:02.345"), Some(62_345));
/// assert_eq!(clock("00:01:02,345"), Some(62_345));
/// assert_eq!(clock("0:0:3.49"), Some(3_490));
/// assert_eq!(clock("12:34"), Some(754_000));
/// assert_eq!(clock("1:02:03"), Some(3_723_000));
/// assert_eq!(clock("1:75"), None);
/// assert_eq!(clock("12"), None);
/// ```
pub fn clock(s: &str) -> Option<u32> {
    let (whole, frac) = match memchr::memchr2(b'.', b',', s.as_bytes()) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    // Up to three runs of digits, separated by colons.
    let mut units = [0u64; 3];
    let (mut n, mut digits) = (0, 0);
    for b in whole.bytes() {
        match b {
            b'0'..=b'9' if digits < 9 => {
                units[n] = units[n] * 10 + u64::from(b - b'0');
                digits += 1;
            }
            b':' if digits > 0 && n < 2 => (n, digits) = (n + 1, 0),
            _ => return None,
        }
    }
    if n == 0 || digits == 0 {
        return None;
    }
    let (h, m, sec) = match n {
        1 => (0, units[0], units[1]),
        _ => (units[0], units[1], units[2]),
    };
    if sec >= 60 || (n == 2 && m >= 60) {
        return None;
    }
    let ms = fraction_ms(frac)?;
    u32::try_from(((h * 60 + m) * 60 + sec) * 1000 + ms).ok()
}

/// A caption file's timing line, read: `00:00:01,000 --> 00:00:04,000
/// align:start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing<'l> {
    /// The start, in milliseconds.
    pub start: u32,
    /// The end, in milliseconds.
    pub end: u32,
    /// The start as written (SRT's has a comma).
    pub start_text: &'l str,
    /// What follows the end: WebVTT's cue settings, SRT's coordinates.
    pub settings: &'l str,
}

/// Reads a timing line: a [`clock`] time, `-->`, a clock time, then any
/// settings; `None` unless both times read. The one reading of timing lines,
/// for telling a caption file (`read::sniff`) and for reading one.
///
/// ```
/// use floor::read::cues::time::timing;
/// let t = timing("00:00:01,000 --> 00:00:04,000  X1:10").unwrap();
/// assert_eq!((t.start, t.end, t.start_text, t.settings), (1_000, 4_000, "00:00:01,000", "  X1:10"));
/// assert_eq!(timing("00:00:01.000 --> soon"), None);
/// ```
pub fn timing(line: &str) -> Option<Timing<'_>> {
    let arrow = crate::text::find_bytes(line.as_bytes(), b"-->")?;
    let start_text = line[..arrow].trim();
    let rest = line[arrow + 3..].trim_start();
    let cut = rest.find(char::is_whitespace).unwrap_or(rest.len());
    Some(Timing {
        start: clock(start_text)?,
        end: clock(&rest[..cut])?,
        start_text,
        settings: &rest[cut..],
    })
}

/// Milliseconds of a fraction's digits (`5` → 500, `345` → 345, `3456` →
/// 345); no fraction is 0.
fn fraction_ms(frac: Option<&str>) -> Option<u64> {
    let Some(f) = frac else { return Some(0) };
    if f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = &f.as_bytes()[..f.len().min(3)];
    let mut ms = 0;
    for i in 0..3 {
        ms = ms * 10 + digits.get(i).map_or(0, |d| u64::from(d - b'0'));
    }
    Some(ms)
}
