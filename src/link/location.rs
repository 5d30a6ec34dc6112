//! The viewer's shareable state as it is written in the URL:
//! `?src=…&speaker=…&q=…&nomerge=…#t{n}`, or a time into the recording,
//! `#t=12:34` or `?t=754`, instead of the turn.

use super::{Anchor, time};

/// The parameter of a label kept apart (`Location::no_merge`).
const NO_MERGE_PARAM: &str = "nomerge";

/// The shareable state of the viewer, as it is written in the URL:
/// `?src=…&speaker=…&q=…&nomerge=…#t{n}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// Where the transcript came from, when it was a URL.
    pub src: Option<String>,
    /// The URL of the recording's captions (`?captions=`), which the
    /// transcript is aligned to ([`crate::align`]) once both are loaded.
    pub captions: Option<String>,
    /// The URL of the recording itself (`?media=`: audio or video), played
    /// beside the transcript.
    pub media: Option<String>,
    /// The speaker filter: a [`crate::model::Speaker::id`].
    pub speaker: Option<String>,
    /// The search query.
    pub q: Option<String>,
    /// The turn or paragraph the reader is at.
    pub anchor: Option<Anchor>,
    /// A time into the recording, in seconds (`#t=12:34`, `?t=754`: see
    /// [`time::parse`]), whose turn the viewer opens ([`time::turn_at`])
    /// when there is no `anchor`. `#t37` is a turn and `#t=37` a time.
    pub time: Option<u32>,
    /// Speaker labels the reader keeps apart (merges undone), one
    /// `nomerge=` each, exactly as written.
    pub no_merge: Vec<String>,
    /// Other query parameters, kept as they were (an embedding page's own).
    pub other: Vec<(String, String)>,
}

impl Location {
    /// Reads `search` (`?a=b&…`, with or without `?`) and `hash` (`#t5`,
    /// `#t=1:02`, or empty). A time in the fragment wins over one in the
    /// query; a `t=` that is not a time is kept as another parameter.
    ///
    /// ```
    /// use floor::link::Location;
    /// use floor::link::Anchor;
    /// let l = Location::parse("?src=https%3A%2F%2Fx.org%2Fa.txt&speaker=chair&q=best+practice", "#t12");
    /// assert_eq!(l.src.as_deref(), Some("https://x.org/a.txt"));
    /// assert_eq!(l.q.as_deref(), Some("best practice"));
    /// assert_eq!(l.anchor, Some(Anchor::Turn(12)));
    /// assert_eq!(l.to_url(), "?src=https%3A%2F%2Fx.org%2Fa.txt&speaker=chair&q=best%20practice#t12");
    /// let l = Location::parse("?t=754", "");
    /// assert_eq!((l.anchor, l.time), (None, Some(754)));
    /// assert_eq!(l.to_url(), "#t=12:34");
    /// let l = Location::parse("", "#t=12m34s");
    /// assert_eq!((l.anchor, l.time), (None, Some(754)));
    /// let l = Location::parse("", "#t754");
    /// assert_eq!((l.anchor, l.time), (Some(Anchor::Turn(754)), None));
    /// let l = Location::parse("?nomerge=REMOTE+INVERVENTION&nomerge=CHair", "");
    /// assert_eq!(l.no_merge, ["REMOTE INVERVENTION", "CHair"]);
    /// assert_eq!(l.to_url(), "?nomerge=REMOTE%20INVERVENTION&nomerge=CHair");
    /// let l = Location::parse("?media=talk.mp4&src=talk.txt&captions=talk.vtt", "");
    /// assert_eq!(l.captions.as_deref(), Some("talk.vtt"));
    /// assert_eq!(l.to_url(), "?src=talk.txt&captions=talk.vtt&media=talk.mp4");
    /// ```
    pub fn parse(search: &str, hash: &str) -> Location {
        let mut loc = Location {
            anchor: Anchor::parse(hash),
            ..Location::default()
        };
        let search = search.strip_prefix('?').unwrap_or(search);
        // The query's pairs, then a time in the fragment (which wins).
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let pairs = search.split('&').map(|p| (p, false));
        let hash_time = hash.starts_with("t=").then_some((hash, true));
        for (pair, in_hash) in pairs.chain(hash_time).filter(|p| !p.0.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (decode_component(k), decode_component(v));
            let slot = match k.as_str() {
                crate::names::SRC_PARAM => &mut loc.src,
                crate::names::CAPTIONS_PARAM => &mut loc.captions,
                crate::names::MEDIA_PARAM => &mut loc.media,
                "speaker" => &mut loc.speaker,
                "q" => &mut loc.q,
                "t" => {
                    match time::parse(&v) {
                        Some(seconds) => loc.time = Some(seconds),
                        None if !in_hash => loc.other.push((k, v)),
                        None => {}
                    }
                    continue;
                }
                NO_MERGE_PARAM => {
                    if !v.is_empty() {
                        loc.no_merge.push(v);
                    }
                    continue;
                }
                _ => {
                    loc.other.push((k, v));
                    continue;
                }
            };
            *slot = (!v.is_empty()).then_some(v);
        }
        loc
    }

    /// The URL's search and fragment, `?src=…&speaker=…&q=…#t5`, or `""`
    /// when nothing is set. Parameters keep a fixed order. A time is
    /// written `#t=12:34` (where it was read from), and only without an
    /// anchor.
    pub fn to_url(&self) -> String {
        let mut out = String::new();
        let fixed = [
            (crate::names::SRC_PARAM, &self.src),
            (crate::names::CAPTIONS_PARAM, &self.captions),
            (crate::names::MEDIA_PARAM, &self.media),
            ("speaker", &self.speaker),
            ("q", &self.q),
        ];
        let pairs = fixed
            .into_iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
            .chain(self.no_merge.iter().map(|v| (NO_MERGE_PARAM, v.as_str())))
            .chain(self.other.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for (k, v) in pairs {
            out.push(if out.is_empty() { '?' } else { '&' });
            out.push_str(&encode_component(k));
            out.push('=');
            out.push_str(&encode_component(v));
        }
        if let Some(anchor) = self.anchor {
            out.push('#');
            out.push_str(&anchor.to_string());
        } else if let Some(seconds) = self.time {
            out.push_str("#t=");
            out.push_str(&time::clock(seconds.saturating_mul(1000)));
        }
        out
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a space); invalid escapes stay as
/// written and invalid UTF-8 becomes U+FFFD.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                match (
                    bytes.get(i + 1).and_then(|&b| hex(b)),
                    bytes.get(i + 2).and_then(|&b| hex(b)),
                ) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_round_trips() {
        let l = Location {
            src: Some("a b&c=d/é".into()),
            speaker: Some("chair-st-amour".into()),
            q: Some("\"best practice\" forum".into()),
            anchor: Some(Anchor::Paragraph(5, 2)),
            time: None,
            captions: None,
            media: None,
            no_merge: vec!["JAC sm KEE".into(), "É&=".into()],
            other: vec![("embed".into(), "1".into())],
        };
        let url = l.to_url();
        let (search, hash) = url.split_once('#').unwrap();
        assert_eq!(Location::parse(search, &format!("#{hash}")), l);
        assert_eq!(Location::default().to_url(), "");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%C3%A9+x"), "é x");
    }

    #[test]
    fn a_time_is_not_a_turn() {
        let at = |search, hash| {
            let l = Location::parse(search, hash);
            (l.anchor, l.time)
        };
        assert_eq!(at("", "#t37"), (Some(Anchor::Turn(37)), None));
        assert_eq!(at("", "#t=37"), (None, Some(37)));
        assert_eq!(at("", "#t37-p2"), (Some(Anchor::Paragraph(37, 2)), None));
        assert_eq!(at("", "#t=1:02:03"), (None, Some(3_723)));
        assert_eq!(at("", "#t=1h2m3s"), (None, Some(3_723)));
        assert_eq!(at("", "#t=12%3A34"), (None, Some(754)));
        assert_eq!(at("?t=754", ""), (None, Some(754)));
        assert_eq!(at("?t=12%3A34", ""), (None, Some(754)));
        // The fragment's time wins; a turn and a time are both kept.
        assert_eq!(at("?t=754", "#t=5"), (None, Some(5)));
        assert_eq!(at("?t=754", "#t5"), (Some(Anchor::Turn(5)), Some(754)));
        // Not a time: nothing, or kept as it was (the query's).
        assert_eq!(at("", "#t=soon"), (None, None));
        assert_eq!(at("", "#t="), (None, None));
        let l = Location::parse("?t=soon", "");
        assert_eq!(l.time, None);
        assert_eq!(l.to_url(), "?t=soon");
        // Written in the fragment, the anchor first.
        let l = Location::parse("?q=x&t=3723", "");
        assert_eq!(l.to_url(), "?q=x#t=1:02:03");
        let l = Location::parse("?t=754", "#t5");
        assert_eq!(l.to_url(), "#t5");
    }
}
