//! Cue text as caption files write it, to plain text: tags stripped
//! (`<c>`, `<i>`, `<b>`, `<u>`, `<lang en>`, `<ruby>`, `<font …>`, SRT's
//! `{\an8}`), entities decoded, voice spans (`<v Name>`, `<v.loud Name>`)
//! read as speakers, and inline timestamps (`<00:00:01.400>`) kept as the
//! times of the words after them.

use super::time::clock;
use crate::read::html;

/// A run of cue text with one voice.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Span {
    /// The voice span's name, if the text is in one.
    pub voice: Option<String>,
    /// The text: lines separated by `\n`, tags out, entities decoded.
    pub text: String,
    /// Timed words: byte offset in `text` of the word, start in ms.
    pub words: Vec<[u32; 2]>,
}

/// The plain text of cue `text`, in runs of one voice each.
///
/// ```
/// use floor::read::cues::markup::clean;
/// let spans = clean("<v.loud Ana>Hi &amp; <i>welcome</i></v> back<00:00:01.500><c> now</c>");
/// assert_eq!(spans[0].voice.as_deref(), Some("Ana"));
/// assert_eq!(spans[0].text, "Hi & welcome");
/// assert_eq!(spans[1].text, " back now");
/// assert_eq!(spans[1].words, [[6, 1500]]);
/// ```
pub fn clean(text: &str) -> Vec<Span> {
    let mut spans = vec![Span::default()];
    let mut rest = text;
    while !rest.is_empty() {
        let Some(i) = memchr::memchr3(b'<', b'&', b'{', rest.as_bytes()) else {
            push_text(&mut spans, rest);
            break;
        };
        push_text(&mut spans, &rest[..i]);
        rest = &rest[i..];
        let b = rest.as_bytes()[0];
        let used = match b {
            b'<' => tag(&mut spans, rest),
            b'&' => entity(&mut spans, rest),
            _ => ass_override(rest),
        };
        match used {
            Some(n) => rest = &rest[n..],
            None => {
                push_text(&mut spans, &rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    for span in &mut spans {
        // A time before a space times the word after it.
        for w in &mut span.words {
            let at = w[0] as usize;
            let skip = span.text[at.min(span.text.len())..]
                .bytes()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            w[0] = (at + skip) as u32;
        }
    }
    spans.retain(|s| !s.text.is_empty() || s.voice.is_some());
    if spans.is_empty() {
        spans.push(Span::default());
    }
    spans
}

/// The text of one line of cue text, tags out and entities decoded, for
/// comparing lines: no voices or times, and no copy when there is no
/// markup.
pub fn plain(line: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr3(b'<', b'&', b'{', line.as_bytes()).is_none() {
        return line.into();
    }
    let mut spans = clean(line);
    match spans.len() {
        1 => std::mem::take(&mut spans[0].text).into(),
        _ => spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<String>()
            .into(),
    }
}

fn push_text(spans: &mut [Span], s: &str) {
    if let Some(last) = spans.last_mut() {
        last.text.push_str(s);
    }
}

/// A tag at the start of `s`; how many bytes it takes, or `None` if it is
/// not one (a lone `<` is text).
fn tag(spans: &mut Vec<Span>, s: &str) -> Option<usize> {
    let end = memchr::memchr3(b'>', b'<', b'\n', &s.as_bytes()[1..])? + 1;
    if s.as_bytes()[end] != b'>' {
        return None;
    }
    let inner = &s[1..end];
    if inner.starts_with(|c: char| c.is_ascii_digit()) {
        let ms = clock(inner.trim())?;
        let last = spans.last_mut()?;
        let at = last.text.len() as u32;
        last.words.push([at, ms]);
    } else if let Some(name) = inner
        .strip_prefix('v')
        .filter(|r| r.starts_with([' ', '.', '\t']))
    {
        // `<v Name>` or `<v.class.other Name>`.
        let name = name.trim_start_matches(|c: char| !c.is_whitespace()).trim();
        let name = if name.starts_with('.') { "" } else { name };
        spans.push(Span {
            voice: (!name.is_empty()).then(|| {
                let mut decoded = String::new();
                html::decode_into(name, &mut decoded);
                decoded
            }),
            ..Span::default()
        });
    } else if inner == "/v" {
        spans.push(Span::default());
    } else if !inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
        return None;
    }
    Some(end + 1)
}

/// SRT's `{\an8}`-style override at the start of `s`.
fn ass_override(s: &str) -> Option<usize> {
    if !s.starts_with("{\\") {
        return None;
    }
    let end = memchr::memchr2(b'}', b'\n', s.as_bytes())?;
    (s.as_bytes()[end] == b'}').then_some(end + 1)
}

/// An entity at the start of `s` (HTML's, [`html::entity`]), decoded into
/// the last span.
fn entity(spans: &mut [Span], s: &str) -> Option<usize> {
    let (c, len) = html::entity(s.as_bytes())?;
    spans.last_mut()?.text.push(c);
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_out_text_kept() {
        let s = clean(
            "<c.colorE5E5E5>a</c> <b>b</b> <u>c</u> <lang en>d</lang> <ruby>e<rt>f</rt></ruby> 1 < 2 &unknown; {\\an8}g <font color=\"#fff\">h</font>",
        );
        assert_eq!(s[0].text, "a b c d ef 1 < 2 &unknown; g h");
        assert_eq!(clean("&#62;&#x3E; x")[0].text, ">> x");
    }

    #[test]
    fn voices_split_spans() {
        let s = clean("<v Ana>Hi</v><v Ben>Hello");
        let got: Vec<_> = s
            .iter()
            .map(|s| (s.voice.as_deref(), s.text.as_str()))
            .collect();
        assert_eq!(got, [(Some("Ana"), "Hi"), (Some("Ben"), "Hello")]);
    }
}
