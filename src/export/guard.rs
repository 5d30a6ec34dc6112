//! Guards for text a reader would misread: each inserts U+2060 WORD JOINER
//! ([`WJ`]), invisible, where the text would otherwise start a turn, a
//! tag or a timing line. A word joiner is no word ([`crate::text::words`])
//! and folds to nothing, so the words, the search and the citations of
//! the text read back are those of the text written.
//!
//! ```
//! use floor::export::guard::{WJ, arrows, line_start, tags};
//! assert_eq!(arrows("a >> CHAIR: b"), format!("a >{WJ}> CHAIR: b"));
//! assert_eq!(line_start("NOTE: the next item"), format!("NOTE:{WJ} the next item"));
//! assert_eq!(line_start("- a dash"), format!("-{WJ} a dash"));
//! assert_eq!(line_start("Plain text: fine"), "Plain text: fine");
//! assert_eq!(tags("1 < 2 <script>"), "1 < 2 ＜script>");
//! ```

use std::borrow::Cow;

use crate::read::igf::scan;

/// U+2060 WORD JOINER: invisible, no word, folded away.
pub const WJ: char = '\u{2060}';

/// `s` with a word joiner between the two halves of every `>>` and
/// `&gt;&gt;` (a turn marker to every reader of captioning text), and in
/// every `->` (a caption's timing arrow, `-->`, or a short one).
pub fn arrows(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    if memchr::memchr(b'>', b).is_none() && !has_escaped_arrow(b) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 6);
    // Whether the text written ends with `>` or `&gt;`.
    let (mut after_arrow, mut i) = (false, 0);
    while i < s.len() {
        let rest = &s[i..];
        let arrow = if rest.starts_with('>') {
            1
        } else if rest.len() >= 4 && rest.as_bytes()[..4].eq_ignore_ascii_case(b"&gt;") {
            4
        } else {
            0
        };
        if arrow > 0 {
            if after_arrow || (arrow == 1 && out.ends_with('-')) {
                out.push(WJ);
            }
            out.push_str(&rest[..arrow]);
            after_arrow = true;
            i += arrow;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        after_arrow = false;
        i += c.len_utf8();
    }
    out.into()
}

fn has_escaped_arrow(b: &[u8]) -> bool {
    memchr::memchr_iter(b'&', b).any(|i| {
        b.get(i..i + 4)
            .is_some_and(|g| g.eq_ignore_ascii_case(b"&gt;"))
    })
}

/// `s` guarded where it starts a line of its own: a speaker label
/// (`NOTE:`, `**Name:**`) gets a word joiner just past its colon (or its
/// closing `**`), so no reader takes it for a speaker, and a dialogue dash
/// (`- `) one past the dash.
pub fn line_start(s: &str) -> Cow<'_, str> {
    let mut out: Cow<str> = s.into();
    for dash in ["- ", "– ", "— "] {
        if let Some(rest) = out.trim_start().strip_prefix(dash) {
            let lead = out.len() - out.trim_start().len();
            let d = &dash[..dash.len() - 1];
            out = format!("{}{d}{WJ} {rest}", &out[..lead]).into();
            break;
        }
    }
    // A few times at most: each pass moves past one label.
    for _ in 0..4 {
        let Some(at) = label_end(&out) else { break };
        let mut s = out.into_owned();
        s.insert(at, WJ);
        out = s.into();
    }
    out
}

/// Just past the colon (or the closing `**`) of the speaker label `s`
/// starts with, if it starts with one.
fn label_end(s: &str) -> Option<usize> {
    let lead = s.len() - s.trim_start().len();
    let body = &s[lead..];
    let ((_, end), _) = scan::bare_label(body, false)?;
    let rest = &body[end..];
    let past = match ["**:", ":**"].iter().find(|m| rest.starts_with(*m)) {
        Some(m) => end + m.len(),
        None => end + rest.find(':')? + 1,
    };
    Some(lead + past)
}

/// `s` with each `<` that would open a tag, a comment or a declaration
/// (`<p`, `</`, `<!`, `<?`) written as U+FF1C FULLWIDTH LESS-THAN SIGN
/// (`＜`): text that no reader takes for HTML, and no Markdown renderer
/// renders as such. (A word joiner there would join the tag's name, a
/// word.)
pub fn tags(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let opens = |i: usize| {
        b.get(i + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
    };
    if !memchr::memchr_iter(b'<', b).any(opens) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut last = 0;
    for i in memchr::memchr_iter(b'<', b).filter(|&i| opens(i)) {
        out.push_str(&s[last..i]);
        out.push(LT);
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out.into()
}

/// What [`tags`] writes for a `<`.
pub const LT: char = '\u{ff1c}';

/// `s` on one line: line breaks as spaces.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        s.replace("\r\n", " ").replace(['\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

/// `s` as the text of a line of its own in a text format: on one line,
/// its arrows and start guarded, and its tags if `tags`.
pub fn paragraph(s: &str, guard_tags: bool) -> String {
    let s = one_line(s);
    let s = arrows(&s);
    let s = if guard_tags { tags(&s) } else { s };
    line_start(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_at_the_start_are_guarded() {
        for s in [
            "NOTE: x",
            "**Jerod Santo:** x",
            "**Jerod Santo**: x",
            "\u{a0}MARILYN CADE: x",
            "Ana Silva: x",
            "A: B: C: x",
        ] {
            let g = line_start(s);
            assert!(scan::bare_label(&g, false).is_none(), "{s:?} → {g:?}");
            assert!(scan::bare_label(g.trim_start(), false).is_none(), "{g:?}");
            let words: Vec<_> = crate::text::words(s).collect();
            assert_eq!(crate::text::words(&g).collect::<Vec<_>>(), words);
        }
        assert_eq!(
            line_start("A sentence, then: more"),
            "A sentence, then: more"
        );
    }

    #[test]
    fn arrows_are_broken() {
        assert_eq!(arrows(">>>x"), format!(">{WJ}>{WJ}>x"));
        assert_eq!(arrows("&gt;&GT; x"), format!("&gt;{WJ}&GT; x"));
        assert_eq!(arrows("a --> b"), format!("a --{WJ}> b"));
        assert_eq!(arrows("3 -> 4"), format!("3 -{WJ}> 4"));
        assert_eq!(arrows("a > b"), "a > b");
        assert!(scan::marker(&arrows(">> CHAIR: x")).is_none());
    }
}
