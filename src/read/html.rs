//! Readable text from a saved HTML page or fragment (IGF real-time captioning pages).
//!
//! A small tolerant tokenizer feeds a tree-less walker that keeps a stack of open
//! elements. Block elements become paragraph breaks, `<br>` a line break, entities are
//! decoded, and page furniture (head, scripts, navigation, header, footer, forms, ...)
//! is dropped and recorded in [`Extracted::dropped`]. [`Extracted::map`] maps every byte
//! of the text back to the source. Linear time, no panics on any input.

use std::ops::Range;

/// Text extracted from an HTML page, with a map back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The readable text: block elements separated by blank lines ("\n\n"), `<br>` as "\n", entities decoded.
    pub text: String,
    /// Segment starts: pairs [text_offset, source_offset], sorted by text_offset; a byte of `text` at offset t
    /// came from the source at source_offset + (t - text_offset) of the last segment starting at or before t
    /// (exact for plain runs copied verbatim; for decoded entities and synthesized newlines it points at the
    /// entity / tag that produced them).
    pub map: Vec<[usize; 2]>,
    /// What was dropped, in source order.
    pub dropped: Vec<Dropped>,
}

/// A part of the page that was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Byte offset in the source where the dropped part starts.
    pub source_offset: usize,
    /// What it was, in a word or two: "script", "style", "head", "navigation", "header", "footer", "comment"...
    pub what: &'static str,
    /// The text content it had (whitespace collapsed to single spaces, trimmed; may be empty).
    /// Scripts and styles nested in another dropped part (e.g. the head) are left out of its text.
    pub text: String,
}

impl Extracted {
    /// Maps a byte offset in `text` to a byte offset in the source. Offsets past the end of
    /// `text` are clamped to it; `text.len()` maps just past the source of the last text byte,
    /// so the result never exceeds the length of the source given to [`extract`].
    pub fn source_offset(&self, text_offset: usize) -> usize {
        let t = text_offset.min(self.text.len());
        match self.map.partition_point(|seg| seg[0] <= t).checked_sub(1) {
            Some(i) => self.map[i][1].saturating_add(t - self.map[i][0]),
            None => 0,
        }
    }
}

/// Whether `text` is an HTML page or fragment rather than plain text.
///
/// The rule: after any BOM and whitespace, the text starts with `<!doctype`, `<!--`, `<?xml`
/// or one of the tags `html head body meta link title div p article section main table span
/// ul ol h1`..`h6 header nav` (case-insensitive, followed by whitespace, `>` or `/`); or it
/// contains at least four paragraph/line-break tags (`<p>`, `<p ` , `</p>`, `<br>`, `<br/>`,
/// `<br />`). So a plain transcript that quotes `<p>…</p>` once, or carries a literal
/// `<script>` line, stays plain text, while a fragment of two paragraphs is HTML.
pub fn looks_like_html(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "!doctype", "!--", "?xml", "html", "head", "body", "meta", "link", "title", "div", "p",
        "article", "section", "main", "table", "span", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "nav",
    ];
    let start = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    if let Some(rest) = start.strip_prefix('<').map(str::as_bytes) {
        for o in OPENERS {
            let Some(head) = rest.get(..o.len()) else {
                continue;
            };
            let ends = matches!(rest.get(o.len()), None | Some(b'>' | b'/'))
                || rest.get(o.len()).is_some_and(|&c| is_ws(c));
            if head.eq_ignore_ascii_case(o.as_bytes())
                && (!o.as_bytes()[0].is_ascii_alphabetic() || ends)
            {
                return true;
            }
        }
    }
    let bytes = text.as_bytes();
    let mut count = 0;
    for i in memchr::memchr_iter(b'<', bytes) {
        let mut buf = [0u8; 5];
        for (d, s) in buf.iter_mut().zip(&bytes[i + 1..]) {
            *d = s.to_ascii_lowercase();
        }
        let p = buf[0] == b'p' && (buf[1] == b'>' || is_ws(buf[1]));
        if p || [&b"/p>"[..], b"br>", b"br/>", b"br />"]
            .iter()
            .any(|t| buf.starts_with(t))
        {
            count += 1;
            if count >= 4 {
                return true;
            }
        }
    }
    false
}

/// Extracts the readable text of an HTML page or fragment. Never fails.
pub fn extract(source: &str) -> Extracted {
    let mut w = Walker {
        src: source,
        ..Walker::default()
    };
    let bytes = source.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        if bytes[pos] == b'<'
            && let Some(next) = w.markup(pos)
        {
            pos = next;
            continue;
        }
        // A text run up to the next '<' (a literal '<' at `pos` belongs to it).
        let end = bytes[pos + 1..]
            .iter()
            .position(|&c| c == b'<')
            .map_or(bytes.len(), |k| pos + 1 + k);
        w.text(pos, end, true);
        pos = end;
    }
    w.finish()
}

// ---------------------------------------------------------------------------------------
// Element classes.

// Tables, kept compact on purpose.
#[rustfmt::skip]
const VOID: &[&str] = &[
    "br", "img", "input", "meta", "link", "hr", "wbr", "col", "source", "area", "base", "embed",
    "param", "track", "keygen", "basefont", "bgsound", "frame", "image",
];
#[rustfmt::skip]
const BLOCK: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
    "thead", "tbody", "tfoot", "caption", "section", "article", "main", "aside", "blockquote",
    "pre", "listing", "dl", "dt", "dd", "figure", "figcaption", "hr", "address", "center",
    "header", "footer", "nav", "form", "fieldset", "legend", "details", "summary", "dialog",
    "menu", "dir", "hgroup", "body", "html", "title", "option", "textarea", "xmp",
];
/// What may stand in a head; any other start tag directly in the head ends it.
#[rustfmt::skip]
const HEAD_TAGS: &[&str] = &[
    "base", "basefont", "bgsound", "link", "meta", "title", "script", "style", "noscript",
    "template", "head",
];
/// Elements dropped with their content whatever their attributes, and what they are called.
#[rustfmt::skip]
const DROPPED_TAGS: &[(&str, &str)] = &[
    ("script", "script"), ("style", "style"), ("noscript", "noscript"), ("template", "template"),
    ("svg", "svg"), ("iframe", "iframe"), ("object", "object"), ("head", "head"),
    ("title", "title"), ("nav", "navigation"), ("header", "header"), ("footer", "footer"),
    ("select", "select"), ("button", "button"), ("noembed", "noembed"),
    ("noframes", "noframes"),
];
/// Substrings of `id` / `class` that mark page furniture, and what it is called.
#[rustfmt::skip]
const FURNITURE: &[(&str, &str)] = &[
    ("menu", "navigation"), ("navbar", "navigation"), ("nav-", "navigation"),
    ("skip-link", "navigation"), ("breadcrumb", "breadcrumbs"), ("footer", "footer"),
    ("sidebar", "sidebar"), ("cookie", "cookie notice"), ("social", "social links"),
    ("share", "social links"),
];

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Raw text elements end only at their own end tag; `Some(true)` if entities are decoded.
fn raw_text(name: &str) -> Option<bool> {
    match name {
        "title" | "textarea" => Some(true),
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(false),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Tokenizer helpers.

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| from + k)
}

/// A start or end tag, from just after `<` or `</`.
#[derive(Default)]
struct Tag {
    name_end: usize,
    /// Just past the closing `>`; `None` if the input ends inside the tag.
    end: Option<usize>,
    self_closing: bool,
    id: Option<Range<usize>>,
    class: Option<Range<usize>>,
    role: Option<Range<usize>>,
}

fn parse_tag(b: &[u8], start: usize) -> Tag {
    let mut i = start;
    while i < b.len() && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut tag = Tag {
        name_end: i,
        ..Tag::default()
    };
    loop {
        let mut slash = false;
        while i < b.len() && (is_ws(b[i]) || b[i] == b'/') {
            slash = b[i] == b'/';
            i += 1;
        }
        let Some(&c) = b.get(i) else { return tag };
        if c == b'>' {
            tag.self_closing = slash;
            tag.end = Some(i + 1);
            return tag;
        }
        // Attribute name (its first character may be anything, even '=').
        let name_start = i;
        i += 1;
        while i < b.len() && !is_ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = &b[name_start..i];
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = b[i + 1..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |k| i + 1 + k);
                let value = i + 1..end;
                i = (end + 1).min(b.len());
                value
            }
            _ => {
                let from = i;
                while i < b.len() && !is_ws(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                from..i
            }
        };
        for (key, slot) in [
            (&b"id"[..], &mut tag.id),
            (b"class", &mut tag.class),
            (b"role", &mut tag.role),
        ] {
            if name.eq_ignore_ascii_case(key) && slot.is_none() {
                *slot = Some(value.clone());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Entities.

/// Names of U+00A0..=U+00FF, in order.
#[rustfmt::skip]
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];
#[rustfmt::skip]
const OTHER: &[(&str, char)] = &[
    ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''), ("AMP", '&'),
    ("LT", '<'), ("GT", '>'), ("QUOT", '"'), ("COPY", '©'), ("REG", '®'), ("ndash", '–'),
    ("mdash", '—'), ("lsquo", '‘'), ("rsquo", '’'), ("ldquo", '“'), ("rdquo", '”'),
    ("sbquo", '‚'), ("bdquo", '„'), ("hellip", '…'), ("bull", '•'), ("euro", '€'),
    ("trade", '™'), ("dagger", '†'), ("Dagger", '‡'), ("permil", '‰'), ("lsaquo", '‹'),
    ("rsaquo", '›'), ("prime", '′'), ("Prime", '″'), ("minus", '−'), ("hyphen", '‐'),
    ("ensp", '\u{2002}'), ("emsp", '\u{2003}'), ("thinsp", '\u{2009}'), ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'), ("lrm", '\u{200E}'), ("rlm", '\u{200F}'), ("OElig", 'Œ'),
    ("oelig", 'œ'), ("Scaron", 'Š'), ("scaron", 'š'), ("Yuml", 'Ÿ'), ("fnof", 'ƒ'),
    ("circ", 'ˆ'), ("tilde", '˜'), ("larr", '←'), ("rarr", '→'), ("uarr", '↑'), ("darr", '↓'),
];
/// Windows-1252 meanings of `&#128;`..`&#159;` (0: kept as is), as browsers do.
#[rustfmt::skip]
const CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Decodes the entity at the start of `b` (which starts with `&`): the character and the
/// number of bytes it took, or `None` if it is not one (the `&` is then literal).
pub(crate) fn entity(b: &[u8]) -> Option<(char, usize)> {
    if b.get(1) == Some(&b'#') {
        let radix = if matches!(b.get(2), Some(b'x' | b'X')) {
            16
        } else {
            10
        };
        let start = if radix == 16 { 3 } else { 2 };
        let (mut i, mut v) = (start, 0u32);
        while let Some(d) = b.get(i).and_then(|&c| (c as char).to_digit(radix)) {
            v = v.saturating_mul(radix).saturating_add(d).min(0x11_0000);
            i += 1;
        }
        if i == start {
            return None;
        }
        if let Some(&cp) = v.checked_sub(0x80).and_then(|k| CP1252.get(k as usize))
            && cp != 0
        {
            v = u32::from(cp);
        }
        let ch = if v == 0 { None } else { char::from_u32(v) };
        return Some((
            ch.unwrap_or('\u{FFFD}'),
            i + usize::from(b.get(i) == Some(&b';')),
        ));
    }
    let n = b
        .iter()
        .skip(1)
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if n == 0 || n > 8 {
        return None; // no known name is longer
    }
    let name = std::str::from_utf8(b.get(1..1 + n)?).ok()?;
    let ch = match LATIN1.iter().position(|&l| l == name) {
        Some(k) => char::from_u32(0xA0 + k as u32)?,
        None => OTHER.iter().find(|(o, _)| *o == name)?.1,
    };
    if b.get(1 + n) == Some(&b';') {
        Some((ch, n + 2))
    } else if matches!(
        name,
        "amp" | "lt" | "gt" | "quot" | "nbsp" | "AMP" | "LT" | "GT" | "QUOT"
    ) {
        Some((ch, n + 1))
    } else {
        None
    }
}

/// Appends `s` to `out` with entities decoded.
pub(crate) fn decode_into(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let (mut i, mut run) = (0, 0);
    while i < b.len() {
        if b[i] == b'&'
            && let Some((ch, len)) = entity(&b[i..])
        {
            out.push_str(&s[run..i]);
            out.push(ch);
            i += len;
            run = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[run..]);
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// Output with pending breaks and the source map.

#[derive(Default)]
struct Out {
    text: String,
    map: Vec<[usize; 2]>,
    /// Pending newlines (0..=2) and the tag that asked for them.
    nl: u8,
    nl_src: usize,
    /// Pending collapsed whitespace, by where it started.
    space: Option<usize>,
}

impl Out {
    fn space(&mut self, src: usize) {
        self.space.get_or_insert(src);
    }
    fn brk(&mut self, n: u8, src: usize) {
        if n > self.nl {
            (self.nl, self.nl_src) = (n, src);
        }
    }
    /// Starts a map segment for bytes about to be pushed, unless the last one continues.
    fn seg(&mut self, src: usize) {
        let t = self.text.len();
        match self.map.last() {
            Some(&[t0, s0]) if s0.checked_add(t - t0) == Some(src) => {}
            _ => self.map.push([t, src]),
        }
    }
    /// Appends `s`, which came from the source at `src`, after any pending break or space.
    fn emit(&mut self, mut s: &str, mut src: usize) {
        if s.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            if self.nl > 0 {
                let have = if self.text.ends_with("\n\n") {
                    2
                } else {
                    u8::from(self.text.ends_with('\n'))
                };
                for _ in have..self.nl {
                    self.seg(self.nl_src);
                    self.text.push('\n');
                }
            } else if let Some(sp) = self.space
                && !self.text.ends_with('\n')
            {
                self.seg(sp);
                self.text.push(' ');
            }
        }
        (self.nl, self.space) = (0, None);
        // Preformatted text brings its own newlines: never a leading one, never two blank lines.
        while let Some(rest) = s.strip_prefix('\n')
            && (self.text.is_empty() || self.text.ends_with("\n\n"))
        {
            (s, src) = (rest, src + 1);
        }
        if !s.is_empty() {
            self.seg(src);
            self.text.push_str(s);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The walker.

/// A dropped element being skipped: it sits at `stack[depth]` and is `dropped[index]`.
struct Dropping {
    depth: usize,
    index: usize,
    block: bool,
    buf: String,
}

#[derive(Default)]
struct Walker<'a> {
    src: &'a str,
    out: Out,
    dropped: Vec<Dropped>,
    /// Open elements (lower-case names) and how many of each are open.
    stack: Vec<String>,
    open: crate::text::hash::Tally,
    drop: Option<Dropping>,
    /// Just past the last `<pre>` start tag: a newline right there is not content.
    pre_start: usize,
}

impl Walker<'_> {
    /// Handles markup at `pos` (a `<`); returns where to go on, or `None` if the `<` is text.
    fn markup(&mut self, pos: usize) -> Option<usize> {
        let b = self.src.as_bytes();
        let len = b.len();
        let to_gt = |from: usize| {
            b.get(from..)
                .and_then(|r| r.iter().position(|&c| c == b'>'))
                .map_or(len, |k| from + k + 1)
        };
        match *b.get(pos + 1)? {
            b'!' if b[pos..].starts_with(b"<!--") => {
                let (end, next) = if b[pos..].starts_with(b"<!-->") {
                    (pos + 4, pos + 5)
                } else if b[pos..].starts_with(b"<!--->") {
                    (pos + 4, pos + 6)
                } else {
                    find_from(b, pos + 4, b"-->").map_or((len, len), |e| (e, e + 3))
                };
                if self.drop.is_none() {
                    let text = collapse(&self.src[pos + 4..end]);
                    self.dropped.push(Dropped {
                        source_offset: pos,
                        what: "comment",
                        text,
                    });
                }
                Some(next)
            }
            b'!' if b[pos..].starts_with(b"<![CDATA[") => {
                let (end, next) = find_from(b, pos + 9, b"]]>").map_or((len, len), |e| (e, e + 3));
                self.text(pos + 9, end, false);
                Some(next)
            }
            // Doctype, bogus comments and processing instructions are ignored.
            b'!' | b'?' => Some(to_gt(pos + 2)),
            b'/' => match *b.get(pos + 2)? {
                c if c.is_ascii_alphabetic() => Some(self.end_tag(pos)),
                _ => Some(to_gt(pos + 2)),
            },
            c if c.is_ascii_alphabetic() => Some(self.start_tag(pos)),
            _ => None,
        }
    }

    fn start_tag(&mut self, pos: usize) -> usize {
        let tag = parse_tag(self.src.as_bytes(), pos + 1);
        let Some(end) = tag.end else {
            return self.src.len();
        }; // unclosed at EOF: dropped, as browsers do
        let name = self.src[pos + 1..tag.name_end].to_ascii_lowercase();
        let name = name.as_str();
        // Anything that does not belong in the head ends it (there is no `</head>` in many pages).
        if let Some(d) = &self.drop
            && self.dropped[d.index].what == "head"
            && (name == "body" || (!HEAD_TAGS.contains(&name) && self.stack.len() == d.depth + 1))
        {
            self.pop_to(d.depth, pos);
        }
        self.implied_ends(name, pos);
        let block = BLOCK.contains(&name);
        let starts_drop = if self.drop.is_none() {
            self.drop_reason(name, &tag)
        } else {
            None
        };
        if name == "br" {
            self.line_break(pos);
        } else if block {
            self.block_break(pos);
        } else if starts_drop.is_some() {
            self.out.space(pos);
        }
        if let Some(what) = starts_drop {
            self.dropped.push(Dropped {
                source_offset: pos,
                what,
                text: String::new(),
            });
            let index = self.dropped.len() - 1;
            self.drop = Some(Dropping {
                depth: self.stack.len(),
                index,
                block,
                buf: String::new(),
            });
        }
        if tag.self_closing || VOID.contains(&name) {
            self.pop_to(self.stack.len(), end); // ends a drop that started on this very tag
            return end;
        }
        self.stack.push(name.to_string());
        self.open.add(name);
        if name == "pre" || name == "listing" {
            self.pre_start = end;
        }
        match raw_text(name) {
            Some(decode) => self.raw_text(name, end, decode),
            None => end,
        }
    }

    /// Closes elements whose end tag may be omitted, as the new `name` implies.
    fn implied_ends(&mut self, name: &str, pos: usize) {
        #[rustfmt::skip]
        let closes_p = BLOCK.contains(&name) && !matches!(name, "td" | "th" | "tr" | "thead" | "tbody"
            | "tfoot" | "caption" | "body" | "html" | "title" | "option" | "textarea" | "xmp");
        let close_if = |w: &mut Self, names: &[&str]| {
            if w.stack
                .last()
                .is_some_and(|top| names.contains(&top.as_str()))
            {
                w.pop_to(w.stack.len() - 1, pos);
            }
        };
        if closes_p {
            close_if(self, &["p"]);
        }
        match name {
            "li" => close_if(self, &["li"]),
            "dt" | "dd" => close_if(self, &["dt", "dd"]),
            "td" | "th" => close_if(self, &["td", "th"]),
            "tr" => {
                close_if(self, &["td", "th"]);
                close_if(self, &["tr"]);
            }
            "option" => close_if(self, &["option"]),
            _ => {}
        }
    }

    /// Why an element is page furniture to drop, if it is.
    fn drop_reason(&self, name: &str, tag: &Tag) -> Option<&'static str> {
        if let Some(&(_, what)) = DROPPED_TAGS.iter().find(|(tag, _)| *tag == name) {
            return Some(what);
        }
        // Body classes like Drupal's "one-sidebar" say nothing about the content.
        if matches!(name, "html" | "body" | "main")
            || (tag.id.is_none() && tag.class.is_none() && tag.role.is_none())
        {
            return None;
        }
        let value = |r: &Option<Range<usize>>| {
            r.clone()
                .map_or(String::new(), |r| self.src[r].to_ascii_lowercase())
        };
        for role in value(&tag.role).split_ascii_whitespace() {
            match role {
                "navigation" => return Some("navigation"),
                "banner" => return Some("header"),
                "contentinfo" => return Some("footer"),
                "search" => return Some("search"),
                _ => {}
            }
        }
        let names = value(&tag.id) + " " + &value(&tag.class);
        FURNITURE
            .iter()
            .find(|(needle, _)| names.contains(needle))
            .map(|&(_, what)| what)
    }

    /// Skips the content of a raw text element (up to its end tag, left for the main loop).
    fn raw_text(&mut self, name: &str, start: usize, decode: bool) -> usize {
        let b = self.src.as_bytes();
        let mut i = start;
        let end = loop {
            let Some(k) = find_from(b, i, b"</") else {
                break b.len();
            };
            let after = k + 2 + name.len();
            if b.get(k + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && b.get(after)
                    .is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
            {
                break k;
            }
            i = k + 2;
        };
        let content = &self.src[start..end];
        match &mut self.drop {
            // Scripts and styles inside another dropped part (the head) are not its text.
            Some(d) if d.depth + 1 < self.stack.len() && matches!(name, "script" | "style") => {
                d.buf.push(' ')
            }
            Some(d) if decode => decode_into(content, &mut d.buf),
            Some(d) => d.buf.push_str(content),
            None => self.text(start, end, decode),
        }
        end
    }

    fn end_tag(&mut self, pos: usize) -> usize {
        let tag = parse_tag(self.src.as_bytes(), pos + 2);
        let Some(end) = tag.end else {
            return self.src.len();
        };
        let name = self.src[pos + 2..tag.name_end].to_ascii_lowercase();
        if self.open.get(&name) > 0
            && let Some(k) = self.stack.iter().rposition(|open| *open == name)
        {
            self.pop_to(k, pos);
        }
        if name == "br" {
            self.line_break(pos); // `</br>` is a `<br>` to browsers
        } else if BLOCK.contains(&name.as_str()) {
            self.block_break(pos);
        }
        end
    }

    /// Closes open elements down to `len` of them; ends the drop if its element closed.
    fn pop_to(&mut self, len: usize, pos: usize) {
        while self.stack.len() > len {
            if let Some(name) = self.stack.pop() {
                self.open.remove(&name);
            }
        }
        if let Some(d) = self.drop.take_if(|d| self.stack.len() <= d.depth) {
            self.dropped[d.index].text = collapse(&d.buf);
            if d.block {
                self.out.brk(2, pos)
            } else {
                self.out.space(pos)
            }
        }
    }

    fn block_break(&mut self, pos: usize) {
        match &mut self.drop {
            Some(d) => d.buf.push(' '),
            None => self.out.brk(2, pos),
        }
    }

    fn line_break(&mut self, pos: usize) {
        match &mut self.drop {
            Some(d) => d.buf.push(' '),
            None => self.out.brk((self.out.nl + 1).min(2), pos),
        }
    }

    fn in_pre(&self) -> bool {
        ["pre", "listing"].iter().any(|&p| self.open.get(p) > 0)
    }

    /// Handles the text `src[a..b]`, decoding entities if `decode`.
    fn text(&mut self, a: usize, b: usize, decode: bool) {
        let Some(s) = self.src.get(a..b).filter(|s| !s.is_empty()) else {
            return;
        };
        if let Some(d) = &mut self.drop {
            let in_head = self.dropped[d.index].what == "head" && self.stack.len() == d.depth + 1;
            if !(in_head && s.bytes().any(|c| !is_ws(c))) {
                return if decode {
                    decode_into(s, &mut d.buf)
                } else {
                    d.buf.push_str(s)
                };
            }
            let depth = d.depth;
            self.pop_to(depth, a); // text directly in the head ends it
        }
        let pre = self.in_pre();
        let bytes = self.src.as_bytes();
        let mut i = a;
        if pre && a == self.pre_start {
            i += [&b"\r\n"[..], b"\n", b"\r"]
                .iter()
                .find(|nl| s.as_bytes().starts_with(nl))
                .map_or(0, |nl| nl.len());
        }
        let mut run = i;
        while i < b {
            let c = bytes[i];
            if c == b'&'
                && decode
                && let Some((ch, len)) = entity(&bytes[i..b])
            {
                self.out.emit(&self.src[run..i], run);
                if !pre && ch.is_ascii_whitespace() {
                    self.out.space(i);
                } else {
                    self.out.emit(ch.encode_utf8(&mut [0; 4]), i);
                }
                i += len;
                run = i;
                continue;
            }
            if pre && c == b'\r' {
                self.out.emit(&self.src[run..i], run);
                if bytes.get(i + 1) != Some(&b'\n') {
                    self.out.emit("\n", i);
                }
                run = i + 1;
            } else if !pre && is_ws(c) {
                self.out.emit(&self.src[run..i], run);
                self.out.space(i);
                run = i + 1;
            }
            i += 1;
        }
        self.out.emit(&self.src[run..b], run);
    }

    fn finish(mut self) -> Extracted {
        self.pop_to(0, self.src.len());
        let keep = self
            .out
            .text
            .trim_end_matches([' ', '\t', '\n', '\r', '\x0c'])
            .len();
        self.out.text.truncate(keep);
        let segments = self.out.map.partition_point(|seg| seg[0] < keep);
        self.out.map.truncate(segments);
        Extracted {
            text: self.out.text,
            map: self.out.map,
            dropped: self.dropped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8" />
<title>IGF 2023 &ndash; Day 0 | Internet Governance Forum</title>
<link rel="stylesheet" href="/style.css">
<script>var x = "<p>not text</p>"; if (a < b) { go("</div>"); }</script>
<style>p { color: red; }</style>
</head>
<body class="html not-front one-sidebar sidebar-first">
<a href="#main" class="skip-link">Skip to main content</a>
<nav id="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav>
<header role="banner"><div class="logo">IGF</div></header>
<div id="main" class="content">
<h1>Opening Session — Día 1</h1>
<p><em>The following are the outputs of the real-time captioning taken during an IGF event.</em></p>
<!-- transcript starts -->
<p>&nbsp;&gt;&gt;CHAIR ST. AMOUR:  Thank you.</p>
<p>(Applause)  Q&amp;A   follows.<br />
&gt;&gt;ANRIETTE ESTERHUYSEN: Caf&eacute; &#8212; d&#xE9;j&agrave; vu.</p>
</div>
<footer><p>&copy; IGF 2023</p></footer>
<script>window.track();</script>
</body>
</html>
"##;

    #[test]
    fn saved_page() {
        let e = extract(PAGE);
        assert_eq!(
            e.text,
            "Opening Session — Día 1\n\n\
             The following are the outputs of the real-time captioning taken during an IGF event.\n\n\
             \u{a0}>>CHAIR ST. AMOUR: Thank you.\n\n\
             (Applause) Q&A follows.\n\
             >>ANRIETTE ESTERHUYSEN: Café — déjà vu."
        );
        #[rustfmt::skip]
        let expected = [
            ("head", "IGF 2023 – Day 0 | Internet Governance Forum", "<head>"),
            ("navigation", "Skip to main content", "<a href=\"#main\""),
            ("navigation", "Home About", "<nav"),
            ("header", "IGF", "<header"),
            ("comment", "transcript starts", "<!--"),
            ("footer", "© IGF 2023", "<footer"),
            ("script", "window.track();", "<script>window"),
        ];
        let dropped: Vec<_> = e
            .dropped
            .iter()
            .map(|d| (d.what, d.text.as_str(), d.source_offset))
            .collect();
        let expected: Vec<_> = expected
            .iter()
            .map(|&(w, t, at)| (w, t, PAGE.find(at).unwrap()))
            .collect();
        assert_eq!(dropped, expected);
        // Each paragraph's first byte, and a few inner ones, point at their source.
        #[rustfmt::skip]
        let points = [
            ("Opening", "Opening Session"), ("Día", "Día"), ("The following", "The following"),
            ("\u{a0}>>CHAIR", "&nbsp;&gt;"), (">>CHAIR", "&gt;&gt;CHAIR"), ("Thank", "Thank"),
            ("(Applause)", "(Applause)"), ("A follows", "A   follows"),
            (">>ANRIETTE", "&gt;&gt;ANRIETTE"), ("é —", "&eacute;"), ("— d", "&#8212;"), ("vu.", "vu."),
        ];
        for (in_text, in_source) in points {
            let t = e.text.find(in_text).unwrap();
            assert_eq!(
                e.source_offset(t),
                PAGE.find(in_source).unwrap(),
                "{in_text:?}"
            );
        }
        let second_gt = e.text.find(">>CHAIR").unwrap() + 1;
        assert_eq!(
            e.source_offset(second_gt),
            PAGE.find("&gt;&gt;CHAIR").unwrap() + 4
        );
        // Synthesized newlines point at the tags that made them.
        for (t, _) in e.text.match_indices('\n') {
            assert_eq!(PAGE.as_bytes()[e.source_offset(t)], b'<');
        }
        let end = PAGE.find("vu.").unwrap() + 3;
        assert_eq!(
            (e.source_offset(e.text.len()), e.source_offset(usize::MAX)),
            (end, end)
        );
        assert!(e.map.windows(2).all(|w| w[0][0] < w[1][0]));
    }

    /// Input → expected text.
    #[rustfmt::skip]
    const CASES: &[(&str, &str)] = &[
        // Fragments, blocks and line breaks.
        ("<p>a</p><p>b</p>", "a\n\nb"),
        ("<p>a<p>b", "a\n\nb"),
        ("  <div><div> a </div>\n<p>  b  c </p></div>  ", "a\n\nb c"),
        ("a<br>b<br/><br />c<br><br><br>d", "a\nb\n\nc\n\nd"),
        ("<br><p>a <br> b</p><br>", "a\nb"),
        ("<ul><li>one<li>two</ul><p>x<b>y</b> <i>z</i>", "one\n\ntwo\n\nxy z"),
        ("<table><tr><td>a<td>b<tr><th>c</table>", "a\n\nb\n\nc"),
        ("x\u{a0}\u{a0}y &nbsp; z", "x\u{a0}\u{a0}y \u{a0} z"),
        ("<P>One<BR>Two</P><SCRIPT>x</script >y", "One\nTwo\n\ny"),
        (r#"<p title="a>b" data-x='c>d' hidden>text</p>"#, "text"),
        ("a<![CDATA[<b>&amp;</b>]]>b<?php echo 1 ?>c<!x>d</>e", "a<b>&amp;</b>bcde"),
        // Preformatted text.
        ("<p>x</p><pre>\n  line 1\r\n    line  2\n</pre><p>y</p>", "x\n\n  line 1\n    line  2\n\ny"),
        ("<pre>\n\n\n\na</pre>", "a"),
        // Entities.
        ("&amp;amp; &#x110000; &unknown; & a &#0; &#xD800;", "&amp; \u{FFFD} &unknown; & a \u{FFFD} \u{FFFD}"),
        ("x &lt y &gt; &amp z &copy &copy; &#150; &#39; &#x2011; &# &#x; &", "x < y > & z &copy © – ' \u{2011} &# &#x; &"),
        ("&gt;&gt;CHAIR: &Eacute;&szlig;&yuml;&AElig;&shy;", ">>CHAIR: Éßÿ\u{c6}\u{ad}"),
        ("AT&T &#99999999999999999999; a&#10;b", "AT&T \u{FFFD} a b"),
        // Unclosed constructs and literal '<'.
        (r#"<p>hello</p><div class="x"#, "hello"),
        ("<p>hello <b", "hello"),
        ("<p>a</p><", "a\n\n<"),
        ("a < b and c > d, x<3 </ y", "a < b and c > d, x<3"),
        // Dropping.
        ("<html><head><title>T</title><body><p>x</p></body></html>", "x"),
        ("<title>T</title>x", "x"),
        ("<main class=share><p class=x>kept</p></main><aside>aside</aside>", "kept\n\naside"),
        ("<p class=footer>f<p>kept", "kept"),
    ];

    #[test]
    fn cases() {
        for (html, text) in CASES {
            assert_eq!(extract(html).text, *text, "{html:?}");
        }
    }

    /// Dropped parts as (what, text).
    type Parts = &'static [(&'static str, &'static str)];

    /// The text and the dropped parts (what, text).
    fn parts(html: &str) -> (String, Vec<(&'static str, String)>) {
        let e = extract(html);
        (
            e.text,
            e.dropped.into_iter().map(|d| (d.what, d.text)).collect(),
        )
    }

    #[test]
    fn dropped_parts() {
        #[rustfmt::skip]
        let cases: &[(&str, &str, Parts)] = &[
            ("<p>a</p><!-- never closed <p>b", "a", &[("comment", "never closed <p>b")]),
            ("<p>a</p><script>never </scrip closed", "a", &[("script", "never </scrip closed")]),
            ("<p>a<nav><p>menu</div>b</nav>c", "a\n\nc", &[("navigation", "menu b")]),
            ("<head><title>T</title><p>Body text", "Body text", &[("head", "T")]),
            (
                r#"<div role="navigation">n</div><div class="Cookie-Banner">c</div><p>k<button>b</button>k</p><svg/>s<form><textarea>t</textarea></form>"#,
                "k k\n\ns\n\nt",
                &[("navigation", "n"), ("cookie notice", "c"), ("button", "b"), ("svg", "")],
            ),
        ];
        for (html, text, dropped) in cases {
            let dropped: Vec<_> = dropped.iter().map(|&(w, t)| (w, t.to_string())).collect();
            assert_eq!(parts(html), (text.to_string(), dropped), "{html:?}");
        }
    }

    #[test]
    fn deep_nesting() {
        let n = 100_000;
        let s = format!("{}deep{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(extract(&s).text, "deep");
        let s = format!(
            "<nav>{}x</nav>after{}",
            "<div><span>".repeat(n),
            "</i>".repeat(n)
        );
        assert_eq!(extract(&s).text, "after");
    }

    #[test]
    fn html_detection() {
        assert!(looks_like_html(PAGE));
        assert!(looks_like_html("\u{feff}  <!doctype html><p>x"));
        assert!(looks_like_html("<DIV class=x>a</DIV>"));
        assert!(looks_like_html("<p>a</p>\n<p>b</p>\n<p>c</p>"));
        assert!(looks_like_html("Title\n<P>a</P> <p class=x>b</p>"));
        assert!(!looks_like_html(
            ">>CHAIR: Good morning.\n\n>>SPEAKER: Thank you <p> is a tag."
        ));
        assert!(!looks_like_html(
            ">>CHAIR: text\n<script>alert(1)</script>\nmore text"
        ));
        assert!(!looks_like_html("<pizza> and <p>a</p>"));
        assert!(!looks_like_html("<script>alert(1)</script>"));
        assert!(!looks_like_html(""));
    }

    fn check(s: &str) {
        let e = extract(s);
        assert!(e.map.windows(2).all(|w| w[0][0] < w[1][0]));
        assert!(e.map.last().is_none_or(|m| m[0] < e.text.len()));
        assert!(!e.text.starts_with('\n') && !e.text.ends_with('\n') && !e.text.contains("\n\n\n"));
        for t in 0..=e.text.len() {
            assert!(e.source_offset(t) <= s.len(), "{s:?}");
        }
        let _ = looks_like_html(s);
    }

    #[test]
    fn never_panics() {
        for cut in (0..=PAGE.len()).filter(|&c| PAGE.is_char_boundary(c)) {
            check(&PAGE[..cut]);
        }
        let pieces: Vec<&str> = "< > / ! - & # x ; p br script \" ' = é \u{a0} amp <!-- --> ]]> \
            <![CDATA[ nav class menu pre ? 0 9 head </ title body li &#x <p> a"
            .split(' ')
            .chain([" ", "\n", "\r"])
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..3000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for _ in 0..seed % 120 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            check(&s);
        }
    }
}
