//! Times in a recording as Floor writes and reads them: the clock beside a
//! turn (`12:34`, `1:02:03`), its ISO 8601 duration for `<time datetime>`
//! (`PT12M34S`), and the `t=` values of links (`#t=12:34`, `?t=754`).
//!
//! A time shown is rounded down to its second, and a `t=` value names a
//! whole second: it opens the first turn shown at that second, else the
//! turn being spoken then ([`turn_at`]), so that a turn's shown time opens
//! that turn.

use crate::model::{Transcript, Turn};

/// The largest time, in seconds, whose milliseconds fit the model's `u32`.
const MAX_SECONDS: u32 = u32::MAX / 1000;

/// `ms` as a clock, rounded down to the second: `m:ss` under an hour,
/// `h:mm:ss` from an hour on.
///
/// ```
/// use floor::link::time::clock;
/// assert_eq!(clock(0), "0:00");
/// assert_eq!(clock(754_999), "12:34");
/// assert_eq!(clock(3_723_000), "1:02:03");
/// assert_eq!(clock(36_000_000), "10:00:00");
/// ```
pub fn clock(ms: u32) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `ms` as an ISO 8601 duration (what HTML's `<time datetime>` takes for
/// a time into a recording), rounded down to the second; hours only from
/// an hour on, as [`clock`].
///
/// ```
/// use floor::link::time::datetime;
/// assert_eq!(datetime(754_000), "PT12M34S");
/// assert_eq!(datetime(3_723_500), "PT1H2M3S");
/// assert_eq!(datetime(3_600_000), "PT1H0M0S");
/// assert_eq!(datetime(999), "PT0M0S");
/// ```
pub fn datetime(ms: u32) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("PT{h}H{m}M{s}S")
    } else {
        format!("PT{m}M{s}S")
    }
}

/// Reads a `t=` value as seconds: `754`, `754s`, `12:34`, `1:02:03`,
/// `12m34s`, `1h2m3s` (units in that order, each at most once, any of them
/// left out; upper case too, and a `datetime` value such as `PT12M34S`).
/// Whole seconds only; `None` for anything else, or a time past what the
/// model holds (about 49 days).
///
/// ```
/// use floor::link::time::parse;
/// for value in ["754", "754s", "12:34", "0:12:34", "12m34s", "12m 34s", "PT12M34S"] {
///     let expected = if value.contains(' ') { None } else { Some(754) };
///     assert_eq!(parse(value), expected, "{value}");
/// }
/// assert_eq!(parse("1:02:03"), Some(3_723));
/// assert_eq!(parse("1h2m3s"), Some(3_723));
/// assert_eq!(parse("1h"), Some(3_600));
/// assert_eq!(parse("90m"), Some(5_400));
/// assert_eq!(parse("12:34.5"), None);
/// assert_eq!(parse("3s2m"), None);
/// assert_eq!(parse("37"), Some(37));
/// ```
pub fn parse(value: &str) -> Option<u32> {
    let b = value.as_bytes();
    let seconds = if b.contains(&b':') {
        // (The readers' clock takes fractions and commas: not here.)
        if b.iter().any(|&c| c == b'.' || c == b',') {
            return None;
        }
        crate::read::cues::time::clock(value)? / 1000
    } else {
        units(b.strip_prefix(b"PT").unwrap_or(b))?
    };
    (seconds <= MAX_SECONDS).then_some(seconds)
}

/// `754`, and `1h2m3s` and its parts, as seconds: each a number and its
/// unit, hours, minutes and seconds in that order (a number alone is
/// seconds).
fn units(mut rest: &[u8]) -> Option<u32> {
    let (mut total, mut last) = (0u32, 0);
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        let n = rest[..digits]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        let (rank, scale) = match rest.get(digits).map(u8::to_ascii_lowercase) {
            Some(b'h') => (1, 3600),
            Some(b'm') => (2, 60),
            Some(b's') => (3, 1),
            None if last == 0 => (3, 1),
            _ => return None,
        };
        if rank <= last {
            return None;
        }
        total = total.checked_add(n.checked_mul(scale)?)?;
        last = rank;
        rest = rest.get(digits + 1..).unwrap_or_default();
    }
    Some(total)
}

/// The turn a `t=` time of `seconds` opens: the first turn whose shown
/// time is that second, else the turn being spoken at its start
/// ([`Transcript::turn_at`]). `None` for a transcript without times.
///
/// ```
/// use floor::read::cues::{build, Found, Piece};
/// let piece = |start, text: &str| {
///     let mut p = Piece::new(text.into(), 1, [0, 0]);
///     p.start = Some(start);
///     p.voice = floor::read::cues::Voice::Break(None);
///     p
/// };
/// let t = build("test", vec![piece(0, "One."), piece(754_300, "Two."), piece(800_000, "Three.")], Found::default());
/// use floor::link::time::turn_at;
/// assert_eq!(turn_at(&t, 754).map(|t| t.n), Some(2)); // shown at 12:34
/// assert_eq!(turn_at(&t, 700).map(|t| t.n), Some(1)); // being spoken then
/// assert_eq!(turn_at(&t, 9_999).map(|t| t.n), Some(3));
/// ```
pub fn turn_at(t: &Transcript, seconds: u32) -> Option<&Turn> {
    t.turns
        .iter()
        .find(|turn| t.start(turn).is_some_and(|ms| ms / 1000 == seconds))
        .or_else(|| t.turn_at(seconds.saturating_mul(1000)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::cues::{Found, Piece, Voice, build};

    fn timed(starts: &[u32]) -> Transcript {
        let pieces = starts
            .iter()
            .enumerate()
            .map(|(i, &ms)| {
                let mut p = Piece::new(format!("Turn {}.", i + 1), i + 1, [0, 0]);
                (p.start, p.end, p.voice) = (Some(ms), Some(ms + 500), Voice::Break(None));
                p
            })
            .collect();
        build("test", pieces, Found::default())
    }

    #[test]
    fn shown_times_read_back_as_their_second() {
        for ms in [
            0, 999, 59_999, 60_000, 754_321, 3_599_999, 3_600_000, 86_399_000,
        ] {
            let shown = clock(ms);
            assert_eq!(parse(&shown), Some(ms / 1000), "{shown}");
            assert_eq!(parse(&datetime(ms)), Some(ms / 1000), "{}", datetime(ms));
        }
    }

    #[test]
    fn rejects_what_is_not_a_time() {
        for bad in [
            "",
            "s",
            "h",
            "PT",
            "-5",
            "+5",
            "5 ",
            " 5",
            "5x",
            "1.5",
            "1.5s",
            "1,5",
            "12:",
            ":12",
            "1:75",
            "1:02:75",
            "1:2:3:4",
            "2s1m",
            "1m1m",
            "1h2h",
            "m5",
            "5ms",
            "1e3",
            "١٢",
            "4294968",
            "99999999999",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert_eq!(parse("4294967"), Some(4_294_967));
        assert_eq!(parse("71582m47s"), Some(4_294_967));
    }

    #[test]
    fn a_shown_time_opens_its_turn() {
        let t = timed(&[1_200, 754_300, 754_800, 800_000, 3_723_000]);
        for turn in &t.turns {
            let shown = clock(t.start(turn).unwrap());
            let opened = parse(&shown).and_then(|s| turn_at(&t, s)).map(|t| t.n);
            // Turns 2 and 3 are both shown at 12:34: the first of them.
            let expected = if turn.n == 3 { 2 } else { turn.n };
            assert_eq!(opened, Some(expected), "{shown}");
        }
        // Between turns: the one being spoken; before them all: the first.
        assert_eq!(turn_at(&t, 799).map(|t| t.n), Some(3));
        assert_eq!(turn_at(&t, 0).map(|t| t.n), Some(1));
        assert_eq!(turn_at(&t, 4_000_000).map(|t| t.n), Some(5));
        assert_eq!(turn_at(&crate::read::parse_str(">>A: Hi."), 0), None);
    }
}
