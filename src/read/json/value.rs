//! A small, tolerant JSON reader that keeps no tree.
//!
//! Why not serde_json: it is not in the WebAssembly build (the JS API hands
//! plain objects to JavaScript), and reading transcripts with it would add
//! several KB gzip there for a document model the readers make three calls
//! of. A hand reader of a few hundred lines is the choice. It never parses a
//! float either (`str::parse::<f64>` alone brings a few KB): numbers are
//! read to thousandths with integer arithmetic ([`thousandths`]).
//!
//! [`Doc::new`] checks the syntax once, in a loop with a stack of at most
//! [`MAX_DEPTH`] open arrays and objects: a `[[[[…` of 50 MB stops there,
//! and nothing recurses. A value is then only where it starts in the text:
//! [`Doc::items`] and [`Doc::members`] walk an array or an object, skipping
//! what is not asked for, and [`Doc::string`] and [`Doc::scalar`] read one.
//! Nothing is kept per value, so memory is what the caller keeps, and a walk
//! is linear in what it walks.
//!
//! Tolerant: a byte-order mark, trailing commas, bare words as values
//! (`NaN`, `Infinity`), control characters in strings, bad escapes (kept
//! as written), lone surrogates (U+FFFD). On a syntax error,
//! [`Doc::stop`] says where and why, and what comes before it can still be
//! read: a walk ends at the first value that does not end before the stop.

/// Most arrays and objects open at once.
pub(crate) const MAX_DEPTH: usize = 512;

/// Where a document stops being JSON, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stop {
    /// Byte offset (a char boundary).
    pub at: usize,
    /// What was wrong, in a few words.
    pub why: &'static str,
}

/// A JSON text, checked.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    /// The text.
    pub text: &'a str,
    /// Where the top value starts, if there is one.
    pub root: Option<usize>,
    /// Where the syntax breaks, if it does.
    pub stop: Option<Stop>,
    /// How far the text can be read: to the stop, or the end.
    end: usize,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// A byte of a bare value: a number, `true`, `null`, `NaN`.
fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.')
}

fn ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| is_ws(c)) {
        i += 1;
    }
    i
}

fn bare_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| is_bare(c)) {
        i += 1;
    }
    i
}

/// Just past the closing quote of the string that opens at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        let k = j + memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        if b[k] == b'"' {
            return Some(k + 1);
        }
        j = k + 2;
    }
}

#[derive(PartialEq)]
enum Want {
    Value,
    Key,
    Next,
}

impl<'a> Doc<'a> {
    /// Checks `text`'s syntax: where its value starts, and where it stops
    /// being JSON, if it does.
    pub fn new(text: &'a str) -> Doc<'a> {
        let b = text.as_bytes();
        let mut i = ws(b, if text.starts_with('\u{feff}') { 3 } else { 0 });
        let root = (i < b.len()).then_some(i);
        let mut open: Vec<u8> = Vec::new();
        let mut want = Want::Value;
        let stop = loop {
            i = ws(b, i);
            let stop = |why| Some(Stop { at: i, why });
            let Some(&c) = b.get(i) else {
                break if open.is_empty() && want == Want::Next {
                    None
                } else {
                    stop("the file ends before the JSON does")
                };
            };
            match want {
                Want::Next => match (c, open.last()) {
                    (_, None) => break stop("text after the JSON"),
                    (b',', Some(&o)) => {
                        i += 1;
                        want = if o == b'{' { Want::Key } else { Want::Value };
                    }
                    (b']', Some(b'[')) | (b'}', Some(b'{')) => {
                        open.pop();
                        i += 1;
                    }
                    _ => break stop("a comma or a closing bracket expected"),
                },
                Want::Key => match c {
                    b'"' => {
                        let Some(e) = string_end(b, i) else {
                            break stop("the file ends inside a string");
                        };
                        i = ws(b, e);
                        if b.get(i) != Some(&b':') {
                            break Some(Stop {
                                at: i,
                                why: "a colon expected",
                            });
                        }
                        i += 1;
                        want = Want::Value;
                    }
                    b'}' => {
                        open.pop();
                        i += 1;
                        want = Want::Next;
                    }
                    _ => break stop("a key in quotes expected"),
                },
                Want::Value => match c {
                    b'{' | b'[' if open.len() == MAX_DEPTH => {
                        break stop("nested too deep");
                    }
                    b'{' | b'[' => {
                        open.push(c);
                        i += 1;
                        want = if c == b'{' { Want::Key } else { Want::Value };
                    }
                    b']' if open.last() == Some(&b'[') => {
                        open.pop();
                        i += 1;
                        want = Want::Next;
                    }
                    b'"' => match string_end(b, i) {
                        Some(e) => {
                            i = e;
                            want = Want::Next;
                        }
                        None => break stop("the file ends inside a string"),
                    },
                    c if is_bare(c) => {
                        i = bare_end(b, i);
                        want = Want::Next;
                    }
                    _ => break stop("a value expected"),
                },
            }
        };
        Doc {
            text,
            root,
            end: stop.map_or(b.len(), |s| s.at),
            stop,
        }
    }

    /// Just past the value that starts at `at`, if it ends before the stop.
    pub fn skip(&self, at: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let end = match *b.get(at)? {
            b'"' => string_end(b, at)?,
            b'[' | b'{' => {
                let (mut depth, mut i) = (0usize, at);
                loop {
                    match *b.get(i)? {
                        b'"' => {
                            i = string_end(b, i)?;
                            continue;
                        }
                        b'[' | b'{' => depth += 1,
                        b']' | b'}' => {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                break i + 1;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            c if is_bare(c) => bare_end(b, at),
            _ => return None,
        };
        (end <= self.end).then_some(end)
    }

    /// Whether the value at `at` is an array (`[`) or an object (`{`).
    pub fn is(&self, at: usize, bracket: u8) -> bool {
        self.text.as_bytes().get(at) == Some(&bracket)
    }

    /// The values of the array or the members of the object at `at`.
    pub fn items(&self, at: usize) -> Items<'_, 'a> {
        let object = self.is(at, b'{');
        Items {
            doc: self,
            at: at + 1,
            object,
            done: !(object || self.is(at, b'[')),
            cut: None,
        }
    }

    /// The members of the object at `at`: each key as written (escapes
    /// left as they are) and where its value starts.
    pub fn members(&self, at: usize) -> impl Iterator<Item = (&'a str, usize)> + '_ {
        let b = self.text.as_bytes();
        let object = self.is(at, b'{');
        self.items(at)
            .filter(move |_| object)
            .filter_map(move |[k, _]| {
                let e = string_end(b, k)?;
                let v = ws(b, ws(b, e) + 1);
                Some((self.text.get(k + 1..e - 1)?, v))
            })
    }

    /// The value of the member `key` of the object at `at`.
    pub fn get(&self, at: usize, key: &str) -> Option<usize> {
        self.members(at).find(|&(k, _)| k == key).map(|(_, v)| v)
    }

    /// The string at `at`, escapes decoded.
    pub fn string(&self, at: usize) -> Option<String> {
        if !self.is(at, b'"') {
            return None;
        }
        let end = self.skip(at)?;
        Some(unescape(self.text.get(at + 1..end - 1)?))
    }

    /// The bare value at `at` as written: a number, `true`, `null`.
    pub fn scalar(&self, at: usize) -> Option<&'a str> {
        let b = self.text.as_bytes();
        is_bare(*b.get(at)?).then(|| &self.text[at..bare_end(b, at)])
    }
}

/// A walk over an array's values or an object's members: where each starts
/// and ends (for a member, where its key starts and its value ends). An
/// array's value that does not end before the document's stop is not
/// walked; the last member of an object is, its end the stop.
pub(crate) struct Items<'d, 'a> {
    doc: &'d Doc<'a>,
    at: usize,
    object: bool,
    done: bool,
    /// Where the walk stopped early: the start of the first value that does
    /// not end before the document's stop, or where the stop is.
    pub cut: Option<usize>,
}

impl Iterator for Items<'_, '_> {
    type Item = [usize; 2];

    fn next(&mut self) -> Option<[usize; 2]> {
        if self.done {
            return None;
        }
        let doc = self.doc;
        let b = doc.text.as_bytes();
        let mut i = ws(b, self.at);
        if b.get(i) == Some(&b',') {
            i = ws(b, i + 1);
        }
        // Where the value starts (after a member's key), and ends.
        let (value, end) = match b.get(i) {
            _ if i >= doc.end => (doc.end, None),
            Some(b']' | b'}') => {
                self.done = true;
                return None;
            }
            Some(b'"') if self.object => {
                let v = string_end(b, i).map_or(doc.end, |e| ws(b, ws(b, e) + 1));
                (v, doc.skip(v))
            }
            _ => (i, doc.skip(i)),
        };
        if let Some(e) = end {
            self.at = e;
            return Some([i, e]);
        }
        self.done = true;
        self.cut = Some(i.min(doc.end));
        // A member whose value breaks off is still one: its value can be
        // walked up to the break.
        (self.object && value < doc.end).then_some([i, doc.end])
    }
}

/// `s` (a string's contents) with its escapes decoded; escaped control
/// characters (`\n`, `\t`, …) are spaces: a transcript's text is lines
/// joined by spaces.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('\\') {
        out.push_str(&rest[..k]);
        let mut chars = rest[k + 1..].chars();
        let c = chars.next().unwrap_or('\\');
        rest = chars.as_str();
        let hi = hex4(rest).filter(|_| c == 'u');
        out.push(match (c, hi) {
            ('n' | 't' | 'r' | 'b' | 'f', _) => ' ',
            (_, Some(hi)) => {
                let lo = rest[4..].strip_prefix("\\u").and_then(hex4);
                let code = match lo {
                    Some(lo)
                        if (0xD800..0xDC00).contains(&hi) && (0xDC00..0xE000).contains(&lo) =>
                    {
                        rest = &rest[6..];
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    _ => hi,
                };
                rest = &rest[4..];
                char::from_u32(code).unwrap_or('\u{FFFD}')
            }
            // `\"`, `\\`, `\/`, and any other escaped char (a `\u` without
            // four hex digits too) as itself.
            (c, None) => c,
        });
    }
    out.push_str(rest);
    out
}

/// Four hex digits at the start of `s`.
fn hex4(s: &str) -> Option<u32> {
    s.get(..4)?
        .chars()
        .try_fold(0, |v, c| Some(v * 16 + c.to_digit(16)?))
}

/// A non-negative decimal number as written (`12`, `3.25`, `1e2`,
/// `"0.5"`'s contents) in thousandths, rounded, and whether it was written
/// as a whole number (no point, no exponent). Integer arithmetic only.
///
/// ```text
/// "3.25" → (3250, false)    "12" → (12000, true)    "1e-3" → (1, false)
/// ```
pub(crate) fn thousandths(s: &str) -> Option<(u64, bool)> {
    let b = s.as_bytes();
    let b = b.strip_prefix(b"+").unwrap_or(b);
    let (mut v, mut scale, mut digits, mut point, mut i) = (0u64, 3i32, 0, false, 0);
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' if v < u64::MAX / 100 => {
                v = v * 10 + u64::from(c - b'0');
                scale -= i32::from(point);
            }
            // Past 17 digits, a digit only scales.
            b'0'..=b'9' => scale += i32::from(!point),
            b'.' if !point => point = true,
            _ => break,
        }
        digits += usize::from(c.is_ascii_digit());
        i += 1;
    }
    let whole = i == b.len() && !point;
    if let Some(e) = b.get(i..).filter(|e| !e.is_empty()) {
        let e = e.strip_prefix(b"e").or(e.strip_prefix(b"E"))?;
        let (sign, e) = match e.strip_prefix(b"-") {
            Some(e) => (-1, e),
            None => (1, e.strip_prefix(b"+").unwrap_or(e)),
        };
        let mut x = 0;
        for &d in e {
            x = (x * 10 + i32::from(d.checked_sub(b'0').filter(|d| *d < 10)?)).min(99);
        }
        if e.is_empty() {
            return None;
        }
        scale += sign * x;
    }
    if digits == 0 {
        return None;
    }
    while scale > 0 {
        v = v.saturating_mul(10);
        scale -= 1;
    }
    while scale < 0 && v > 0 {
        v = if scale == -1 { (v + 5) / 10 } else { v / 10 };
        scale += 1;
    }
    Some((v, whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        doc.items(doc.root.unwrap())
            .filter_map(|[a, _]| doc.string(a))
            .collect()
    }

    #[test]
    fn walks_arrays_and_objects() {
        let text = r#" {"a": [1, "x", {"b": null}], "c" : "d\"e", "f": {}} "#;
        let doc = Doc::new(text);
        assert_eq!(doc.stop, None);
        let root = doc.root.unwrap();
        let keys: Vec<&str> = doc.members(root).map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "c", "f"]);
        let a = doc.get(root, "a").unwrap();
        let items: Vec<&str> = doc.items(a).map(|[s, e]| &text[s..e]).collect();
        assert_eq!(items, ["1", "\"x\"", "{\"b\": null}"]);
        assert_eq!(
            doc.string(doc.get(root, "c").unwrap()).as_deref(),
            Some("d\"e")
        );
        assert_eq!(doc.scalar(doc.items(a).next().unwrap()[0]), Some("1"));
        assert_eq!(doc.get(root, "zz"), None);
        assert_eq!(doc.members(a).count(), 0, "an array has no members");
    }

    #[test]
    fn decodes_escapes() {
        assert_eq!(
            strings(r#"["a\n\t\/\\", "\u00e9\ud83d\ude00", "\ud83d x", "\uZZ", "\q", "\u00"]"#),
            ["a  /\\", "é😀", "\u{FFFD} x", "uZZ", "q", "u00"]
        );
    }

    #[test]
    fn tolerates_what_tools_write() {
        let doc = Doc::new("\u{feff}[1, NaN, {\"a\": 2,},]");
        assert_eq!(doc.stop, None);
        assert_eq!(doc.items(doc.root.unwrap()).count(), 3);
    }

    #[test]
    fn says_where_it_stops() {
        let stop = |t: &str| Doc::new(t).stop.map(|s| (s.at, s.why));
        assert_eq!(
            stop("[1, 2"),
            Some((5, "the file ends before the JSON does"))
        );
        assert_eq!(stop("{\"a\" 1}"), Some((5, "a colon expected")));
        assert_eq!(
            stop("[1 2]"),
            Some((3, "a comma or a closing bracket expected"))
        );
        assert_eq!(stop("[\"abc"), Some((1, "the file ends inside a string")));
        assert_eq!(stop("{} x"), Some((3, "text after the JSON")));
        assert_eq!(stop("{1: 2}"), Some((1, "a key in quotes expected")));
        assert_eq!(stop("[}"), Some((1, "a value expected")));
        assert_eq!(stop("{\"a\": }"), Some((6, "a value expected")));
    }

    #[test]
    fn reads_up_to_the_stop() {
        let text = r#"[{"t": "a"}, {"t": "b"}, {"t": "c"#;
        let doc = Doc::new(text);
        let mut items = doc.items(0);
        assert_eq!(items.by_ref().count(), 2);
        assert_eq!(items.cut, Some(25));
        let doc = Doc::new("[1, 2] x");
        assert_eq!(doc.items(0).count(), 2);
        // A member whose value breaks off is walked up to the break.
        let doc = Doc::new(r#"{"a": 1, "b": [2, {"c"#);
        let b = doc.get(0, "b").unwrap();
        assert_eq!(doc.items(b).count(), 1);
    }

    #[test]
    fn deep_nesting_stops_without_recursion() {
        let deep = "[".repeat(1_000_000);
        let doc = Doc::new(&deep);
        assert_eq!(doc.stop.map(|s| s.at), Some(MAX_DEPTH));
        assert_eq!(doc.items(0).count(), 0);
        let closed = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(Doc::new(&closed).stop, None);
        assert_eq!(Doc::new(&closed).skip(0), Some(closed.len()));
    }

    #[test]
    fn numbers_in_thousandths() {
        let t = thousandths;
        assert_eq!(t("3.25"), Some((3250, false)));
        assert_eq!(t("12"), Some((12000, true)));
        assert_eq!(t("0.0005"), Some((1, false)));
        assert_eq!(t("0.0004"), Some((0, false)));
        assert_eq!(t("1.2345"), Some((1235, false)));
        assert_eq!(t("1e2"), Some((100_000, false)));
        assert_eq!(t("2.5E-1"), Some((250, false)));
        assert_eq!(t(".5"), Some((500, false)));
        assert_eq!(t("99999999999999999999999"), Some((u64::MAX, true)));
        assert_eq!(t("1e99999999999"), Some((u64::MAX, false)));
        assert_eq!(t("+7"), Some((7000, true)));
        assert_eq!(t(&format!("0.{}", "0".repeat(100_000))), Some((0, false)));
        for bad in ["", ".", "-1", "1e", "abc", "1.2.3", "NaN", "1e+", "1x"] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }
}
