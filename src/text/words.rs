//! Words: the one definition the parser ("no word is lost"), the figures,
//! speaker resolution and the search share.
//!
//! A word is a longest run of word chars — letters, digits, combining accents
//! and invisible characters — that holds at least one visible letter or
//! digit. An accent written as its own code point (`e\u{301}`) or a zero-width
//! space inside a name (`AN\u{200b}NA`) stays inside its word, so a word
//! folds (see [`crate::text::fold`]) to the same letters however it was
//! typed. Folded text holds neither, so there a word char is a letter or a
//! digit.
//!
//! ```
//! let w: Vec<_> = floor::text::words(">>CHAIR ST. AMOUR:  co\u{2011}chair, Se\u{301}rgio 2016!").collect();
//! assert_eq!(w, ["CHAIR", "ST", "AMOUR", "co", "chair", "Se\u{301}rgio", "2016"]);
//! ```

use super::fold::{is_combining, is_ignorable};
use super::swar;

/// Whether `c` belongs inside a word: a letter, a digit, a combining accent
/// or an invisible character.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && (is_combining(c) || is_ignorable(c)))
}

/// Whether `c` makes a run of word chars a word: a letter or digit that is
/// not invisible.
fn is_visible_alphanumeric(c: char) -> bool {
    c.is_alphanumeric() && !is_ignorable(c)
}

/// The words of `s`, in order.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| w.chars().any(is_visible_alphanumeric))
}

/// `words(s).count()`: eight bytes at a time through plain ASCII (one
/// `u64`), a char at a time through the rest. On a large transcript in WASM
/// that is several times faster than a byte at a time, which was itself four
/// times faster than counting `words`.
pub fn word_count(s: &str) -> usize {
    let bytes = s.as_bytes();
    // Whether the run of word chars that the last char ended is counted
    // already (it holds a visible letter or digit).
    let (mut count, mut counted, mut i) = (0, false, 0);
    while i < bytes.len() {
        if let Some(x) = bytes.get(i..i + 8).and_then(swar::ascii) {
            // ASCII has no combining or invisible chars: a word char is a
            // letter or digit, and each starts or continues a counted word.
            let digit = swar::between(x, b'0', b'9');
            let letter = swar::between(x | (swar::ONES * 0x20), b'a', b'z');
            let alnum = digit | letter;
            // A word is counted where a letter or digit follows a char that
            // is not in a counted word.
            let before = (alnum << 8) | if counted { 0x80 } else { 0 };
            count += (alnum & !before).count_ones() as usize;
            counted = alnum >> 63 == 1;
            i += 8;
            continue;
        }
        let b = bytes[i];
        let (word, visible, len) = if b.is_ascii() {
            let w = b.is_ascii_alphanumeric();
            (w, w, 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (is_word_char(c), is_visible_alphanumeric(c), c.len_utf8())
        };
        count += usize::from(visible && !counted);
        counted = word && (counted || visible);
        i += len;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_everything_but_letters_digits_and_what_joins_them() {
        assert_eq!(
            words("Sérgio's  re-zende…").collect::<Vec<_>>(),
            ["Sérgio", "s", "re", "zende"]
        );
        assert_eq!(words("*** >> :").count(), 0);
        assert_eq!(
            words("AN\u{200b}NA \u{200b} \u{301}x \u{ad}").collect::<Vec<_>>(),
            ["AN\u{200b}NA", "\u{301}x"]
        );
        for s in [
            "Sérgio's  re-zende…",
            "",
            "a",
            " a b ",
            "日本語 テキスト",
            "x\u{301}y z",
            "***",
            "\u{200b}\u{200b} a\u{200b}",
            "\u{115f} x",
        ] {
            assert_eq!(word_count(s), words(s).count(), "{s:?}");
        }
    }

    /// Random mixes: counting eight bytes at a time counts what `words`
    /// finds, whatever joins or splits the words.
    #[test]
    fn word_count_is_the_count_of_words() {
        let pieces = [
            "a", "Z", "0", "best", " ", "/", ":", "é", "e\u{301}", "\u{301}", "\u{200b}", "\u{ad}",
            "\u{202e}", "日本", "…", "\u{2011}", "IPv6", "\u{a0}", "\u{115f}",
        ];
        for text in crate::text::random_mixes(&pieces, 5000, 40, 3) {
            assert_eq!(word_count(&text), words(&text).count(), "{text:?}");
        }
    }
}
