//! Folding: the one form text is compared in, for search, speakers and
//! every other comparison.

use crate::text::{is_combining, swar};

/// Folds text for matching: lower case, accents removed, U+00A0 and runs of
/// whitespace as one space, U+2011 as `-`. Leading and trailing whitespace
/// become one space too (callers trim queries themselves).
///
/// ```
/// assert_eq!(floor::text::fold::fold("Co\u{2011}Chair\u{a0}  SÉRGIO"), "co-chair sergio");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    fold_into(text, &mut out, |_, _| {});
    into_string(out)
}

/// `fold_into` only ever appends whole UTF-8 chars, so this never loses text.
pub(crate) fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Folds `text` onto `out`, calling `at(folded_offset, original_offset)` before
/// each character whose folded bytes do not follow on from the previous
/// character's one to one (so that a sparse map can be kept).
pub(crate) fn fold_into(text: &str, out: &mut Vec<u8>, mut at: impl FnMut(usize, usize)) {
    // What `char::is_whitespace` says of an ASCII byte.
    let ascii_space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    let bytes = text.as_bytes();
    let mut in_space = false;
    let mut linear = false; // whether the next char continues the current run
    let mut i = 0;
    while i < bytes.len() {
        // The common case, a run of ASCII that folds byte for byte: no
        // whitespace but single spaces. Copied and lowered in bulk.
        let mut end = i;
        let mut space = in_space;
        while let Some(chunk) = bytes.get(end..end + 8) {
            match plain_run(chunk, space) {
                Some(last_is_space) => space = last_is_space,
                None => break,
            }
            end += 8;
        }
        while let Some(&b) = bytes.get(end) {
            let ok = b.is_ascii() && (!ascii_space(b) || (b == b' ' && !space));
            if !ok {
                break;
            }
            space = b == b' ';
            end += 1;
        }
        if end > i {
            if !linear {
                at(out.len(), i);
            }
            let start = out.len();
            out.extend_from_slice(&bytes[i..end]);
            lower_ascii(&mut out[start..]);
            in_space = space;
            linear = true;
            i = end;
            continue;
        }
        // `i` is on a char boundary: runs and chars end on one.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let at_char = i;
        i += c.len_utf8();
        if c.is_whitespace() {
            if !in_space {
                if !(linear && c == ' ') {
                    at(out.len(), at_char);
                }
                out.push(b' ');
                in_space = true;
                linear = c == ' ';
            } else {
                linear = false;
            }
            continue;
        }
        in_space = false;
        if is_combining(c) {
            linear = false;
            continue;
        }
        let start = out.len();
        let mapped = match c {
            '\u{2011}' | '\u{2010}' => '-',
            'İ' => 'i',
            _ => c,
        };
        // Multi-char lower-case forms keep their first letter.
        let folded = crate::text::case::lower(mapped)
            .find(|&l| !is_combining(l))
            .map_or(c, fold_accent);
        if !linear || folded.len_utf8() != c.len_utf8() {
            at(start, at_char);
        }
        out.extend_from_slice(folded.encode_utf8(&mut [0; 4]).as_bytes());
        linear = folded.len_utf8() == c.len_utf8();
    }
}

/// `bytes.make_ascii_lowercase()`, eight ASCII bytes at a time in one `u64`
/// (the bulk of folding a large transcript, which calls it on ASCII runs).
fn lower_ascii(bytes: &mut [u8]) {
    let mut chunks = bytes.chunks_exact_mut(8);
    for chunk in &mut chunks {
        match swar::ascii(chunk) {
            // 0x80 >> 2 is the case bit, 0x20.
            Some(w) => {
                chunk.copy_from_slice(&(w | (swar::between(w, b'A', b'Z') >> 2)).to_le_bytes())
            }
            None => chunk.make_ascii_lowercase(),
        }
    }
    chunks.into_remainder().make_ascii_lowercase();
}

/// Whether eight bytes fold byte for byte (ASCII, no control bytes, no space
/// after a space, `after_space` saying whether the byte before them is one);
/// if so, whether the last is a space. Eight at a time, in one `u64`.
fn plain_run(chunk: &[u8], after_space: bool) -> Option<bool> {
    let w = swar::ascii(chunk)?;
    let control = !swar::between(w, 0x20, 0x7f) & swar::HIGH;
    let spaces = swar::between(w, b' ', b' ');
    let after_spaces = (spaces << 8) | if after_space { 0x80 } else { 0 };
    (control == 0 && spaces & after_spaces == 0).then_some(spaces >> 63 == 1)
}

/// The unaccented ASCII letter for common Latin letters with diacritics.
pub fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ł' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lowering ASCII eight bytes at a time is `make_ascii_lowercase`.
    #[test]
    fn lowering_ascii_in_bulk() {
        let mut seed = 5u32;
        for len in 0..200 {
            let mut bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = crate::text::lcg(seed);
                    (seed >> 16) as u8 & 0x7f
                })
                .collect();
            let mut expected = bytes.clone();
            expected.make_ascii_lowercase();
            lower_ascii(&mut bytes);
            assert_eq!(bytes, expected);
        }
        let mut all: Vec<u8> = (0..0x80).collect();
        let mut expected = all.clone();
        expected.make_ascii_lowercase();
        lower_ascii(&mut all);
        assert_eq!(all, expected);
    }

    /// The eight-byte path folds as char by char does: folding each char
    /// alone never takes it, and runs of spaces become one afterwards.
    #[test]
    fn folding_in_bulk_is_folding_char_by_char() {
        let pieces = [
            "a", "Z", "best", " ", "  ", "\t", "\n", "\u{1f}", "\u{7f}", "É", "\u{a0}", "e\u{301}",
            "!", "Forum ", "IPv6", "\u{2011}",
        ];
        for text in crate::text::random_mixes(&pieces, 3000, 40, 11) {
            let mut expected = String::new();
            for c in text.chars() {
                let f = fold(&c.to_string());
                if !(f == " " && expected.ends_with(' ')) {
                    expected.push_str(&f);
                }
            }
            assert_eq!(fold(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn plain_runs_are_found_exactly() {
        let bytes = [b' ', b'a', b'Z', b'\t', b'\n', 0x1f, 0x7f, 0xc3, b'!'];
        let mut seed = 5u32;
        for _ in 0..20_000 {
            let mut chunk = [0u8; 8];
            for b in &mut chunk {
                seed = crate::text::lcg(seed);
                *b = bytes[(seed >> 16) as usize % bytes.len()];
            }
            for after in [false, true] {
                let mut space = after;
                let mut plain = true;
                for &b in &chunk {
                    plain &= b.is_ascii() && b >= 0x20 && !(b == b' ' && space);
                    space = b == b' ';
                }
                let expected = plain.then_some(chunk[7] == b' ');
                assert_eq!(
                    plain_run(&chunk, after),
                    expected,
                    "{chunk:?} after a space: {after}"
                );
            }
        }
    }
}
