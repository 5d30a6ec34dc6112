//! Text: lines, spaces, words, and the folding every comparison goes
//! through, with the tables they need.

pub mod case;
pub mod fold;
// Generated (see `fold::tests`); rustfmt would make it differ from the generator.
#[rustfmt::skip]
mod fold_tables;
pub(crate) mod hash;
// Generated (see `case::tests`); rustfmt would make it differ from the generator.
#[rustfmt::skip]
mod case_tables;
pub mod sort;
pub(crate) mod swar;
mod words;

pub use words::{is_word_char, word_count, words};

/// English month names, January first: dates as readers read them (the
/// archive page, citations).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `c` is whitespace for layout purposes: Unicode whitespace, which
/// includes U+00A0 (IGF copies start every paragraph with one).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

pub use fold::is_combining;

/// Whether `c` is a directional formatting character (marks, embeddings,
/// overrides, isolates): invisible, and able to reorder the text after it.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` without directional formatting characters: for text that leaves the
/// transcript (a citation, a snippet), where an unclosed one would reorder
/// what follows it.
///
/// ```
/// assert_eq!(floor::text::without_bidi_controls("a\u{202e}12345\u{200f}"), "a12345");
/// ```
pub fn without_bidi_controls(s: &str) -> String {
    s.chars().filter(|&c| !is_bidi_control(c)).collect()
}

/// `s` between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL
/// ISOLATE: in plain text (the status line), an untrusted value that cannot
/// reorder the text around it, whatever controls it holds.
pub fn isolated(s: &str) -> String {
    ["\u{2068}", s, "\u{2069}"].concat()
}

/// Where `needle` (a few bytes, not empty) first is in `haystack`: the
/// first byte found with `memchr`, the rest compared. For the short,
/// fixed needles of the readers (`-->`, `<v`) on short haystacks, where
/// building a `memmem::Finder` for each search costs more than the search.
///
/// ```
/// assert_eq!(floor::text::find_bytes(b"00:01 --> 00:02", b"-->"), Some(6));
/// assert_eq!(floor::text::find_bytes(b"- ->", b"-->"), None);
/// ```
pub fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(i) = memchr::memchr(first, &haystack[from..]) {
        let at = from + i;
        if haystack[at + 1..].starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether a line holds nothing but whitespace.
pub fn is_blank(line: &str) -> bool {
    trim(line).is_empty()
}

/// `s` without leading and trailing whitespace (U+00A0 included).
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// `s` without leading whitespace (U+00A0 included): `trim_start_matches(is_space)`.
pub fn trim_start(s: &str) -> &str {
    // ASCII first: most lines start with ASCII. Then a char at a time while
    // the start is not ASCII (IGF lines start with U+00A0): a plain loop,
    // cheaper than the generic pattern searcher behind `trim_start_matches`,
    // which showed in profiles of a large transcript's parse in WASM.
    let mut s = s.trim_ascii_start();
    while let Some(c) = s.chars().next().filter(|&c| !c.is_ascii() && is_space(c)) {
        s = s[c.len_utf8()..].trim_ascii_start();
    }
    s
}

/// `s` without trailing whitespace (U+00A0 included): `trim_end_matches(is_space)`.
pub fn trim_end(s: &str) -> &str {
    let mut s = s.trim_ascii_end();
    while let Some(c) = s
        .chars()
        .next_back()
        .filter(|&c| !c.is_ascii() && is_space(c))
    {
        s = s[..s.len() - c.len_utf8()].trim_ascii_end();
    }
    s
}

/// One line of the source: its text without the line terminator, and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// Byte offset of the line's first byte in the source.
    pub start: usize,
    /// The line, without its terminator.
    pub text: &'a str,
    /// 1-based line number.
    pub number: usize,
}

impl Line<'_> {
    /// Byte offset just past the line's text (before its terminator).
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The lines of `source`, where LF, CRLF and a lone CR each end a line.
///
/// ```
/// let lines: Vec<_> = floor::text::lines("a\r\nb\rc\n").map(|l| (l.start, l.text)).collect();
/// assert_eq!(lines, [(0, "a"), (3, "b"), (5, "c")]);
/// ```
pub fn lines(source: &str) -> impl Iterator<Item = Line<'_>> {
    let bytes = source.as_bytes();
    let mut pos = 0;
    let mut number = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        pos = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        number += 1;
        // `end` sits on an ASCII byte or the end, so it is a char boundary.
        Some(Line {
            start,
            text: &source[start..end],
            number,
        })
    })
}

/// Checks that generated file `path` (from the crate's root) is `want`, what
/// its generator gives now; with the environment variable `update` set,
/// writes it first. The tests of `module` run the generator.
#[cfg(test)]
pub(crate) fn generated_file_is(path: &str, want: &str, update: &str, module: &str) {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os(update).is_some() {
        std::fs::write(&full, want).unwrap();
    }
    let have = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        have == want,
        "{path} is not what its generator gives now: run `{update}=1 cargo test --lib {module}` and commit it"
    );
}

/// The next number of the tests' fixed-seed generator (a linear
/// congruential one; the high bits are the random ones).
#[cfg(test)]
pub(crate) fn lcg(seed: u32) -> u32 {
    seed.wrapping_mul(1_103_515_245).wrapping_add(12_345)
}

/// Test inputs from a fixed seed: `count` strings, each of up to `max - 1`
/// of `pieces`, picked by [`lcg`].
#[cfg(test)]
pub(crate) fn random_mixes(pieces: &[&str], count: usize, max: u32, mut seed: u32) -> Vec<String> {
    let mut mixes = Vec::with_capacity(count);
    for _ in 0..count {
        let mut text = String::new();
        for _ in 0..(seed % max) {
            seed = lcg(seed);
            text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
        }
        seed = lcg(seed);
        mixes.push(text);
    }
    mixes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cover_every_terminator() {
        let got: Vec<_> = lines("\n\r\n\r")
            .map(|l| (l.start, l.text, l.number))
            .collect();
        assert_eq!(got, [(0, "", 1), (1, "", 2), (3, "", 3)]);
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("no terminator").next().unwrap().end(), 13);
    }

    /// Random mixes of ASCII and other text, words across every 8-byte
    /// boundary: counting eight bytes at a time counts what `words` finds,
    /// and trimming keeps what `trim_matches` (and its start and end
    /// halves) keep.
    #[test]
    fn word_count_and_trim_agree_with_the_plain_definitions() {
        let pieces = [
            "a", "Z", "0", "9", "best", " ", "  ", "\t", "\n", "/", ":", "@", "[", "`", "{",
            "\u{7f}", "\u{1f}", "é", "É", "\u{a0}", "\u{2003}", "\u{3000}", "e\u{301}", "日本",
            "…", "\u{2011}", "IPv6",
        ];
        for text in random_mixes(&pieces, 5000, 48, 7) {
            assert_eq!(word_count(&text), words(&text).count(), "{text:?}");
            assert_eq!(trim(&text), text.trim_matches(is_space), "{text:?}");
            assert_eq!(
                trim_start(&text),
                text.trim_start_matches(is_space),
                "{text:?}"
            );
            assert_eq!(trim_end(&text), text.trim_end_matches(is_space), "{text:?}");
        }
    }
}
