//! The transcript header: the paragraphs before the first `>>SPEAKER:` turn.
//!
//! An IGF transcript opens with a title, a captioning disclaimer, and optional
//! date and place lines (see `src/read/igf/FORMAT.md`, "A transcript, from
//! the top", and its examples of each era's disclaimer and date shapes). This
//! module recognises each of them and sorts the header paragraphs into a
//! [`Meta`]. Everything here is pure and never panics: text is only ever cut
//! at char boundaries, and every token lookup is bounds-checked.

use crate::model::Meta;
use crate::text::fold::{fold_char, key};
use crate::text::is_word_char;

/// English month names, in order; a month is its full name, its first three
/// letters, or `sept`.
const MONTHS: &str =
    "january february march april may june july august september october november december";
/// Weekday names and abbreviations allowed before a date.
const WEEKDAYS: &str = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun";
/// Words that may stay in lower case inside a place name.
const PARTICLES: &[&str] = &[
    "de", "des", "do", "da", "dos", "das", "del", "di", "du", "of", "the", "la", "le", "les",
    "and", "on", "am", "y", "et",
];
/// Words that, just before a number in a title, make it a label rather than a day.
const LABELS: &[&str] = &[
    "room", "day", "session", "workshop", "ws", "part", "panel", "no", "number", "track", "hall",
    "level", "item", "phase",
];
/// Years a date may have.
const YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;
/// Longest first paragraph still taken as the title, in chars.
pub(crate) const TITLE_MAX: usize = 200;
/// Longest place line, in chars.
const PLACE_MAX_CHARS: usize = 80;
/// Most words in a place line.
const PLACE_MAX_WORDS: usize = 8;
/// Longest date line, in bytes (`September 28, 2011 - 09:00AM` is 29): a
/// longer paragraph is not read as one, nor tokenised.
const DATE_LINE_MAX_BYTES: usize = 120;
/// Longest disclaimer, in bytes (IGF's run to about 500): a longer paragraph
/// is not folded to be checked.
const DISCLAIMER_MAX_BYTES: usize = 4000;

/// A date line's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    /// ISO date YYYY-MM-DD (the first day, for a range).
    pub date: String,
    /// HH:MM (24-hour), when given.
    pub time: Option<String>,
}

// ---------------------------------------------------------------- tokens

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A run of ASCII digits (value saturates; `digits` counts them).
    Num { value: u32, digits: usize },
    /// A run of letters, lower-cased; `capital` when its first letter was upper case.
    Word { text: String, capital: bool },
    /// Any other single char.
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    /// No whitespace between this token and the previous one.
    glued: bool,
}

fn tokenize(s: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let (mut glued, mut prev) = (false, 0u8);
    for c in s.chars() {
        // A byte-order mark inside the text separates as a space does;
        // other invisible characters and accents written apart vanish, as
        // folding drops them.
        if c.is_whitespace() || c == '\u{feff}' {
            (glued, prev) = (false, 0);
            continue;
        }
        let mut folded = fold_char(c);
        if folded.is_empty() {
            continue;
        }
        let class = match c {
            '0'..='9' => 1,
            c if c.is_alphabetic() => 2,
            _ => 3,
        };
        match out.last_mut().map(|t| &mut t.kind) {
            Some(Kind::Num { value, digits }) if class == 1 && prev == 1 => {
                *value = value
                    .saturating_mul(10)
                    .saturating_add(c.to_digit(10).unwrap_or(0));
                *digits += 1;
            }
            Some(Kind::Word { text, .. }) if class == 2 && prev == 2 => {
                text.extend(folded);
            }
            _ => {
                let kind = match class {
                    1 => Kind::Num {
                        value: c.to_digit(10).unwrap_or(0),
                        digits: 1,
                    },
                    2 => Kind::Word {
                        text: folded.by_ref().collect(),
                        capital: c.is_uppercase(),
                    },
                    _ => Kind::Punct(c),
                };
                out.push(Token { kind, glued });
            }
        }
        (glued, prev) = (true, class);
    }
    out
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}')
}

fn month_number(word: &str) -> Option<u32> {
    let i = MONTHS.split(' ').position(|m| {
        word == m || m.get(..3) == Some(word) || (m == "september" && word == "sept")
    })?;
    u32::try_from(i + 1).ok()
}

fn is_ordinal(word: &str) -> bool {
    matches!(word, "st" | "nd" | "rd" | "th")
}

/// A position in a token list; copied to backtrack.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    toks: &'a [Token],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.i)
    }
    fn at_end(&self) -> bool {
        self.i >= self.toks.len()
    }
    fn num(&mut self, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
        match self.peek()?.kind {
            Kind::Num { value, digits: d } if digits.contains(&d) => {
                self.i += 1;
                Some(value)
            }
            _ => None,
        }
    }
    fn word(&mut self, accept: impl Fn(&str) -> bool) -> Option<&'a str> {
        match &self.peek()?.kind {
            Kind::Word { text, .. } if accept(text) => {
                self.i += 1;
                Some(text)
            }
            _ => None,
        }
    }
    fn punct(&mut self, accept: impl Fn(char) -> bool) -> bool {
        let hit = matches!(self.peek(), Some(Token { kind: Kind::Punct(p), .. }) if accept(*p));
        self.i += usize::from(hit);
        hit
    }
}

/// Runs `f` on a copy of the cursor and keeps its progress only on success.
fn attempt<'a, T>(c: &mut Cursor<'a>, f: impl FnOnce(&mut Cursor<'a>) -> Option<T>) -> Option<T> {
    let mut t = *c;
    let r = f(&mut t);
    if r.is_some() {
        *c = t;
    }
    r
}

// ---------------------------------------------------------------- dates

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        1..=12 => 31,
        _ => 0,
    }
}

/// `YYYY-MM-DD` when the date exists and the year is plausible.
fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let ok = YEARS.contains(&year) && day >= 1 && day <= days_in_month(year, month);
    ok.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A day number, with an optional ordinal suffix glued on (`6th`).
fn day(c: &mut Cursor) -> Option<u32> {
    let d = c.num(1..=2)?;
    if matches!(c.peek(), Some(Token { kind: Kind::Word { text, .. }, glued: true }) if is_ordinal(text))
    {
        c.i += 1;
    }
    Some(d)
}

/// `27`, `27-30` or `27 -30`: the first day and the last, if a range.
fn day_range(c: &mut Cursor) -> Option<(u32, Option<u32>)> {
    let first = day(c)?;
    let last = attempt(c, |c| c.punct(is_dash).then(|| day(c)).flatten());
    Some((first, last))
}

fn month(c: &mut Cursor) -> Option<u32> {
    let m = c
        .word(|w| month_number(w).is_some())
        .and_then(month_number)?;
    c.punct(|p| p == '.');
    Some(m)
}

/// `6 April 2016`, `6th of April, 2016`, `27-30 September 2011`.
fn day_month_year(c: &mut Cursor) -> Option<(u32, u32, u32, Option<u32>)> {
    let (d, last) = day_range(c)?;
    c.word(|w| w == "of");
    let m = month(c)?;
    c.punct(|p| p == ',');
    Some((c.num(4..=4)?, m, d, last))
}

/// `April 6, 2016`, `Sept. 28, 2011`.
fn month_day_year(c: &mut Cursor) -> Option<(u32, u32, u32, Option<u32>)> {
    let m = month(c)?;
    let (d, last) = day_range(c)?;
    c.punct(|p| p == ',');
    Some((c.num(4..=4)?, m, d, last))
}

/// `2016-04-06`.
fn iso_date(c: &mut Cursor) -> Option<(u32, u32, u32, Option<u32>)> {
    let y = c.num(4..=4)?;
    let m = c.punct(is_dash).then(|| c.num(1..=2)).flatten()?;
    let d = c.punct(is_dash).then(|| c.num(1..=2)).flatten()?;
    Some((y, m, d, None))
}

fn date(c: &mut Cursor) -> Option<String> {
    let (y, m, d, last) = attempt(c, iso_date)
        .or_else(|| attempt(c, day_month_year))
        .or_else(|| attempt(c, month_day_year))?;
    if let Some(last) = last {
        iso(y, m, last).filter(|_| last > d)?;
    }
    iso(y, m, d)
}

/// `am`, `PM.`, `a.m.`: `Some(true)` for pm.
fn meridiem(c: &mut Cursor) -> Option<bool> {
    attempt(c, |c| {
        let pm = if let Some(w) = c.word(|w| w == "am" || w == "pm") {
            w == "pm"
        } else {
            let w = c.word(|w| w == "a" || w == "p")?;
            (c.punct(|p| p == '.') && c.word(|w| w == "m").is_some()).then_some(w == "p")?
        };
        c.punct(|p| p == '.');
        Some(pm)
    })
}

/// `15:00`, `09:00AM`, `9 a.m.` → (hour, minute) on the 24-hour clock.
fn time(c: &mut Cursor) -> Option<(u32, u32)> {
    attempt(c, |c| {
        let h = c.num(1..=2)?;
        let minute = if c.punct(|p| p == ':') {
            Some(c.num(2..=2)?)
        } else {
            None
        };
        let pm = meridiem(c);
        let minute = minute.or(pm.map(|_| 0))?;
        let hour = match pm {
            Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
            None if h <= 23 => h,
            _ => return None,
        };
        (minute <= 59).then_some((hour, minute))
    })
}

/// Reads a line that is entirely a date (optionally with a time), e.g.
/// `6 April 2016`, ` 01 MAR 2017`, ` 12 JUNE 2017 15:00`,
/// `September 28, 2011 - 09:00AM`, `27 -30 September 2011`,
/// `Monday, 6 April 2016`, `6 April, 2016`, `2016-04-06`, `April 6, 2016`,
/// `6th April 2016`, `Sept. 28, 2011`, `28 September 2011 09:00 AM`,
/// `15:00 - 6 April 2016`. Month names and abbreviations are English, in any
/// case; a time may be followed by `UTC`, `GMT`, `CET` or `CEST`.
///
/// Returns `None` when the line has other words (a sentence mentioning a
/// date is not a date line), or when the date is impossible (31 February,
/// month 13, a year outside 1990..=2100, a range running backwards).
#[must_use]
pub fn parse_date_line(line: &str) -> Option<DateLine> {
    if line.len() > DATE_LINE_MAX_BYTES {
        return None;
    }
    let toks = tokenize(line);
    let allowed = |p: char| is_dash(p) || matches!(p, ',' | '.' | ':');
    if toks
        .iter()
        .any(|t| matches!(t.kind, Kind::Punct(p) if !allowed(p)))
    {
        return None;
    }
    let mut c = Cursor { toks: &toks, i: 0 };
    let lead = attempt(&mut c, |c| {
        let t = time(c)?;
        c.punct(|p| is_dash(p) || p == ',');
        Some(t)
    });
    if c.word(|w| WEEKDAYS.split(' ').any(|d| d == w)).is_some() {
        c.punct(|p| p == '.');
        c.punct(|p| p == ',');
    }
    let date = date(&mut c)?;
    let time = lead.or_else(|| {
        attempt(&mut c, |c| {
            c.punct(|p| is_dash(p) || p == ',');
            c.word(|w| w == "at");
            let t = time(c)?;
            c.word(|w| matches!(w, "utc" | "gmt" | "cet" | "cest"));
            Some(t)
        })
    });
    c.punct(|p| p == '.');
    c.at_end().then(|| DateLine {
        date,
        time: time.map(|(h, m)| format!("{h:02}:{m:02}")),
    })
}

/// Whether the number token at `i` can be a day in a title: one or two
/// digits, not part of a code (`G20`, `1.5`, `10:00`), not a label's number
/// (`Room 6`, `Day 2`, `#6`).
fn title_day(toks: &[Token], i: usize) -> Option<u32> {
    let tok = toks.get(i)?;
    let Kind::Num {
        value,
        digits: 1..=2,
    } = tok.kind
    else {
        return None;
    };
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    let labelled = match prev.map(|t| &t.kind) {
        Some(Kind::Word { text, .. }) => tok.glued || LABELS.contains(&text.as_str()),
        Some(Kind::Num { .. }) => tok.glued,
        Some(Kind::Punct(p)) => *p == '#' || (tok.glued && matches!(p, '.' | ',' | ':' | '/')),
        None => false,
    };
    let next = toks.get(i + 1);
    let coded = match next.map(|t| (&t.kind, t.glued)) {
        Some((Kind::Word { text, .. }, true)) => !is_ordinal(text),
        Some((Kind::Num { .. }, true)) => true,
        Some((Kind::Punct(p), true)) => {
            *p == ':' || (!is_dash(*p) && toks.get(i + 2).is_some_and(|t| t.glued))
        }
        _ => false,
    };
    (!labelled && !coded).then_some(value)
}

/// The month named by the (capitalised) word token at `i`.
fn title_month(toks: &[Token], i: usize) -> Option<u32> {
    match &toks.get(i)?.kind {
        Kind::Word {
            text,
            capital: true,
        } => month_number(text),
        _ => None,
    }
}

/// Finds a date in a title such as
/// `IGF 2016 First Open Consultations and MAG Meeting April 6` → `2016-04-06`:
/// the first 4-digit year in 1990..=2100 anywhere in the title, plus the
/// first capitalised month name next to a day (`April 6`, `April 6th`,
/// `Sept. 28`, `6 April`, `6th of April`). A number is not taken as a day
/// when it is glued to other text (`G20`, `10:00`, `1.5`) or follows a label
/// such as `Room`, `Day`, `Session`, `Workshop` or `#`. Returns `None` when
/// there is no year or no month next to a valid day.
#[must_use]
pub fn date_in_title(title: &str) -> Option<String> {
    let toks = tokenize(title);
    let year = toks.iter().find_map(|t| match t.kind {
        Kind::Num { value, digits: 4 } if YEARS.contains(&value) => Some(value),
        _ => None,
    })?;
    (0..toks.len()).find_map(|i| {
        let m = title_month(&toks, i)?;
        // "April 6", "Sept. 28"; else "6 April", "6th of April", "27-30 April"
        let after = if punct_at(&toks, i + 1) == Some('.') {
            i + 2
        } else {
            i + 1
        };
        let on = |j: usize| title_day(&toks, j).and_then(|d| iso(year, m, d));
        on(after).or_else(|| on(day_before(&toks, i)?))
    })
}

fn word_at(toks: &[Token], j: usize) -> Option<&str> {
    match &toks.get(j)?.kind {
        Kind::Word { text, .. } => Some(text),
        _ => None,
    }
}

fn punct_at(toks: &[Token], j: usize) -> Option<char> {
    match toks.get(j)?.kind {
        Kind::Punct(p) => Some(p),
        _ => None,
    }
}

/// Where the day of a "Day Month" title date would be, for the month at `i`.
fn day_before(toks: &[Token], i: usize) -> Option<usize> {
    let mut b = i.checked_sub(1)?;
    if word_at(toks, b) == Some("of") {
        b = b.checked_sub(1)?;
    }
    if word_at(toks, b).is_some_and(is_ordinal) {
        b = b.checked_sub(1)?;
    }
    let range = b >= 2
        && toks.get(b).is_some_and(|t| t.glued)
        && punct_at(toks, b - 1).is_some_and(is_dash)
        && toks
            .get(b - 2)
            .is_some_and(|t| matches!(t.kind, Kind::Num { .. }));
    Some(if range { b - 2 } else { b })
}

// ---------------------------------------------------------------- disclaimers and places

/// How disclaimers open, folded (after any `Note:`).
const OPENINGS: &[&str] = &[
    "the following is the output",
    "the following are the output",
    "the following is an output",
    "the following is a transcript",
    "the following is the transcript",
    "the following is a rough",
    "this is the output of the",
    // The 2014 page's slip.
    "this is the the output of",
    "this text is being provided",
];

/// How disclaimers end, in the order they are looked for: the IGF's last
/// sentence, the CART notice's, the IGF's without its last sentence.
const CLOSINGS: &[&str] = &[
    "authoritative record",
    "verbatim record of the proceedings",
    "transcription errors",
];

/// Whether a paragraph is the captioning disclaimer: it opens like
/// `[Note:] The following is/are the output(s) of the [real-time] captioning
/// taken during ...` or `This is the output of the realtime captioning`
/// (every era of IGF wording, including virtual calls, interventions and the
/// 2014 page's `This is the the output`), or it says the text `should not
/// be treated as an authoritative record` (`posted` or `posed as an aid`),
/// or it is the CART provider's `rough draft format` / `not a totally
/// verbatim record` notice. Case-insensitive; punctuation, `***`, U+00A0
/// and extra spaces are ignored.
#[must_use]
pub fn is_disclaimer(paragraph: &str) -> bool {
    const PHRASES: &[&str] = &[
        "not be treated as an authoritative record",
        "provided in a rough draft format",
        "not be a totally verbatim record",
    ];
    if paragraph.len() > DISCLAIMER_MAX_BYTES {
        return false;
    }
    let text = key(paragraph);
    let body = text.strip_prefix("note ").unwrap_or(&text);
    let opens = OPENINGS.iter().any(|o| body.starts_with(o))
        && (body.contains("caption") || body.contains("transcri"));
    opens || PHRASES.iter().any(|p| body.contains(p))
}

/// Where the disclaimer is in a header paragraph: the whole of a
/// disclaimer, or, in a paragraph that runs the title, the disclaimer and
/// more together (an early file whose line breaks were lost), from its
/// opening words (`Note: The following …`, looked for in the paragraph's
/// first [`DISCLAIMER_MAX_BYTES`]) through the sentence of its first
/// [`CLOSINGS`] found (or to the end).
fn disclaimer_in(paragraph: &str) -> Option<(usize, usize)> {
    let bytes = paragraph.as_bytes();
    let whole = || is_disclaimer(paragraph).then_some((0, bytes.len()));
    let head = &bytes[..bytes.len().min(DISCLAIMER_MAX_BYTES)];
    // (What the ASCII openings and closings match starts and ends on char
    // boundaries.)
    let mut i = usize::MAX;
    for o in OPENINGS {
        i = i.min(find_ascii(head, o).unwrap_or(i));
    }
    if i == usize::MAX {
        return whole();
    }
    let before = paragraph[..i].trim_end();
    let start = match before.len().checked_sub(5) {
        Some(n) if bytes[n..before.len()].eq_ignore_ascii_case(b"note:") => n,
        _ => i,
    };
    if paragraph[..start].ends_with(is_word_char) {
        return whole();
    }
    let rest = &bytes[start..bytes.len().min(start + DISCLAIMER_MAX_BYTES)];
    let mut end = bytes.len();
    for c in CLOSINGS {
        if let Some(n) = find_ascii(rest, c) {
            let n = n + c.len();
            end = start + n + usize::from(rest.get(n) == Some(&b'.'));
            break;
        }
    }
    if is_disclaimer(&paragraph[start..end]) {
        Some((start, end))
    } else {
        whole()
    }
}

/// Where `needle` (ASCII, lower case) first is in `hay`, case ignored.
fn find_ascii(hay: &[u8], needle: &str) -> Option<usize> {
    let first = *needle.as_bytes().first()?;
    // The first byte alone rules out nearly every window: a whole
    // comparison per window cost a site build of 5,000 files 2 s.
    hay.windows(needle.len()).position(|w| {
        w[0].to_ascii_lowercase() == first && w.eq_ignore_ascii_case(needle.as_bytes())
    })
}

/// Whether a word of a place name is acceptable: capitalised, a lower-case
/// particle (`de`, `of`, ...), an elided particle (`d'Ivoire`), or no letters.
fn place_word(word: &str) -> bool {
    let core = word.trim_matches(|c: char| !c.is_alphabetic());
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if core.is_empty() || capital(core) || PARTICLES.contains(&core) {
        return true;
    }
    matches!(core.split_once(['\'', '\u{2019}']), Some((pre, rest)) if matches!(pre, "d" | "l") && capital(rest))
}

/// Whether a short line names a place, like `Geneva, Switzerland`,
/// `João Pessoa, Brazil`, `UNESCO Headquarters, Paris, France`,
/// `Palais des Nations, Geneva`, or `Paris` right after the date line.
///
/// Rules (conservative): at most [`PLACE_MAX_CHARS`] chars and
/// [`PLACE_MAX_WORDS`] words (80 and 8); only letters, spaces
/// and `, . - ' ’ ( ) & /` (so no digits and no `: ; ! ?`); a final `.` only
/// in an abbreviation such as `D.C.`; the first word and every other word
/// capitalised, except particles (`de`, `des`, `do`, `da`, `of`, `the`, `la`,
/// `le`, `and`, `on`, ...). A line without a comma (a single word like
/// `Paris`, or `Palais des Nations`) only counts when `after_date` is true
/// (the line right after the date line), and never when it is all capitals:
/// `CHENGETAI MASANGO` is a speaker's name, not a place.
#[must_use]
pub fn looks_like_place(line: &str, after_date: bool) -> bool {
    let line = line.trim();
    let allowed = |c: char| {
        c.is_alphabetic() || c.is_whitespace() || ",.-'\u{2019}()&/\u{2011}\u{2013}".contains(c)
    };
    // (Chars are at most four bytes: a longer line is no place, uncounted.)
    if line.is_empty()
        || line.len() > 4 * PLACE_MAX_CHARS
        || line.chars().count() > PLACE_MAX_CHARS
        || !line.chars().all(allowed)
    {
        return false;
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let Some(last) = words.last() else {
        return false;
    };
    if words.len() > PLACE_MAX_WORDS
        || (line.ends_with('.') && !last.trim_end_matches('.').contains('.'))
    {
        return false;
    }
    let has_comma = line.contains(',');
    let all_caps = !line.chars().any(char::is_lowercase);
    if !has_comma && (!after_date || all_caps) {
        return false;
    }
    let first_capital = line
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    first_capital && words.iter().all(|w| place_word(w))
}

// ---------------------------------------------------------------- the header

/// Reads the header paragraphs (already whitespace-normalised, each with its
/// 1-based source line number) into a [`Meta`]. In order:
/// - paragraphs with no letter or digit (`***`, rules) are skipped;
/// - the first disclaimer ([`is_disclaimer`]) → `disclaimer`; later ones →
///   `other`. It can be found inside a paragraph that runs the title and
///   more into it ([`disclaimer_in`]): what comes before it and after it
///   are paragraphs of their own, without the stars glued to them;
/// - the first date line ([`parse_date_line`]) → `date`, `date_text`, `time`;
///   later ones → `other`;
/// - the first remaining paragraph is the `title` when it has at most
///   [`TITLE_MAX`] (200) chars; a longer one goes to `other` and there is no title;
/// - after it, the first paragraph that [`looks_like_place`] (with
///   `after_date` when it comes right after the date line) → `location`;
/// - everything else → `other`, in order, as written;
/// - with no date line, `date` comes from [`date_in_title`] (`date_text`
///   stays `None`).
///
/// Returns the `Meta` and the line numbers of the paragraphs put in `other`.
#[must_use]
pub fn read_header(paragraphs: &[(usize, String)]) -> Header {
    let mut meta = Meta::default();
    let mut other_lines = Vec::new();
    let mut separators = Vec::new();
    let (mut title_decided, mut prev_was_date) = (false, false);
    for (line, text) in paragraphs {
        // The first disclaimer, and what runs into it before and after.
        let found = meta.disclaimer.is_none().then(|| disclaimer_in(text));
        let (a, b) = found.flatten().unwrap_or((0, 0));
        for (i, piece) in [&text[..a], &text[a..b], &text[b..]]
            .into_iter()
            .enumerate()
        {
            let mut trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            if !trimmed.chars().any(char::is_alphanumeric) {
                separators.push((*line, trimmed.to_string()));
                continue;
            }
            // Stars glued to the pieces of a paragraph (`…Access *** Note:`)
            // are separators.
            let whole = trimmed;
            if a < b {
                let inner = whole.trim_start_matches(['*', ' ', '\u{a0}']);
                let at = whole.len() - inner.len();
                trimmed = inner.trim_end_matches(['*', ' ', '\u{a0}', '\t']);
                for stars in [&whole[..at], &whole[at + trimmed.len()..]] {
                    if !stars.is_empty() {
                        separators.push((*line, stars.trim().to_string()));
                    }
                }
            }
            if i == 1 {
                meta.disclaimer = Some(trimmed.to_string());
                prev_was_date = false;
                continue;
            }
            let after_date = std::mem::replace(&mut prev_was_date, false);
            if is_disclaimer(trimmed) {
                // A later disclaimer is another paragraph.
            } else if let Some(d) = parse_date_line(trimmed) {
                if meta.date_text.is_none() {
                    (meta.date, meta.time) = (Some(d.date), d.time);
                    meta.date_text = Some(trimmed.to_string());
                    prev_was_date = true;
                    continue;
                }
            } else if meta.location.is_none()
                && (title_decided || after_date)
                && looks_like_place(trimmed, after_date)
            {
                // A place right after the date is the place even with no title yet.
                meta.location = Some(trimmed.to_string());
                continue;
            } else if !title_decided {
                title_decided = true;
                if trimmed.chars().count() <= TITLE_MAX {
                    meta.title = Some(trimmed.to_string());
                    continue;
                }
            }
            meta.other.push(trimmed.to_string());
            other_lines.push(*line);
        }
    }
    if meta.date.is_none() {
        meta.date = meta.title.as_deref().and_then(date_in_title);
    }
    Header {
        meta,
        other_lines,
        separators,
    }
}

/// What [`read_header`] found.
#[derive(Debug, Default)]
pub struct Header {
    /// Title, disclaimer, date, place and the other paragraphs.
    pub meta: Meta,
    /// The lines of the paragraphs in `meta.other`.
    pub other_lines: Vec<usize>,
    /// Paragraphs with no letter or digit (`***`, `* * *` around a
    /// disclaimer), with their lines: not shown, but not lost either.
    pub separators: Vec<(usize, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const IGF_TITLE: &str = "IGF 2016 First Open Consultations and MAG Meeting April 6";
    const IGF_DISCLAIMER: &str = "The following are the outputs of the real-time captioning taken during the First Open Consultations and Multistakeholder Advisory Group (MAG) Meeting for IGF 2016 in Geneva, Switzerland, from 4 to 6 April 2016. Although it is largely accurate, in some cases it may be incomplete or inaccurate due to inaudible passages or transcription errors. It is posted as an aid to understanding the proceedings at the event, but should not be treated as an authoritative record.";

    fn paras(items: &[(usize, &str)]) -> Vec<(usize, String)> {
        items.iter().map(|(n, s)| (*n, s.to_string())).collect()
    }

    #[test]
    fn date_lines() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("6 April 2016", "2016-04-06", None),
            (" 01 MAR 2017", "2017-03-01", None),
            (" 12 JUNE 2017 15:00", "2017-06-12", Some("15:00")),
            ("September 28, 2011 - 09:00AM", "2011-09-28", Some("09:00")),
            ("27 -30 September 2011", "2011-09-27", None),
            ("27-30 September 2011", "2011-09-27", None),
            ("27\u{2013}30 September 2011", "2011-09-27", None),
            ("Monday, 6 April 2016", "2016-04-06", None),
            ("6 April, 2016", "2016-04-06", None),
            ("2016-04-06", "2016-04-06", None),
            ("April 6, 2016", "2016-04-06", None),
            ("6th April 2016", "2016-04-06", None),
            ("6th of April 2016", "2016-04-06", None),
            ("Sept. 28, 2011", "2011-09-28", None),
            ("September 27-30, 2011", "2011-09-27", None),
            ("28 September 2011 09:00 AM", "2011-09-28", Some("09:00")),
            ("28 September 2011 12:30 p.m.", "2011-09-28", Some("12:30")),
            ("28 September 2011, 3pm", "2011-09-28", Some("15:00")),
            ("28 September 2011 at 12:00 AM", "2011-09-28", Some("00:00")),
            ("6 November 2020 14:50 UTC", "2020-11-06", Some("14:50")),
            ("15:00 - 6 April 2016", "2016-04-06", Some("15:00")),
            ("\u{a0}29 February 2016", "2016-02-29", None),
            ("\u{feff}6 april 2016.", "2016-04-06", None),
        ];
        for (line, date, time) in cases {
            let got = parse_date_line(line);
            let want = DateLine {
                date: date.to_string(),
                time: time.map(str::to_string),
            };
            assert_eq!(got, Some(want), "{line:?}");
        }
    }

    #[test]
    fn not_date_lines() {
        #[rustfmt::skip]
        let cases = [
            "We met on 6 April 2016 in Geneva.", "2016", "Room 6", "31 February 2016",
            "29 February 2015", "April", "IGF 2016", "6 April", "April 2016", "2016-13-01",
            "2016-04", "6 April 1989", "6 April 2101", "30-27 September 2011", "6 April 2016 25:00",
            "6 April 2016 10:75", "6 April 2016 13:00 PM", "6 April 2016 Geneva", "6 April 16",
            "Day & Time: Thursday, 3-4:15pm", "06/04/2016", "", "   ",
        ];
        for line in cases {
            assert_eq!(parse_date_line(line), None, "{line:?}");
        }
    }

    #[test]
    fn dates_in_titles() {
        let cases: &[(&str, Option<&str>)] = &[
            (IGF_TITLE, Some("2016-04-06")),
            (
                "IGF 2017 - Day 2 - Room XII - WS 6 Internet Governance",
                None,
            ),
            ("IGF 2016 MAG Meeting 6 April", Some("2016-04-06")),
            (
                "IGF 2011 Open Consultations 27-30 September",
                Some("2011-09-27"),
            ),
            (
                "IGF 2011 Open Consultations September 27-30",
                Some("2011-09-27"),
            ),
            ("IGF 2018 Virtual MAG Call 3rd of May", Some("2018-05-03")),
            ("MAG Meeting Sept. 28 (IGF 2011)", Some("2011-09-28")),
            ("April 6 MAG Meeting 2016", Some("2016-04-06")),
            ("IGF 2016 Room 6 April Session", None),
            ("IGF 2016 Workshop #6 April Session", None),
            ("IGF 2016 G20 April Review", None),
            ("IGF 2016 Meeting April 10:00", None),
            ("IGF 2016 Meeting February 30", None),
            ("IGF 2016 we may 6 times", None),
            ("MAG Meeting April 6", None),
            (
                "Local data journalism still matters (and we can make it better!)",
                None,
            ),
            ("", None),
        ];
        for (title, want) in cases {
            assert_eq!(date_in_title(title).as_deref(), *want, "{title:?}");
        }
    }

    #[test]
    fn disclaimers() {
        let yes = [
            IGF_DISCLAIMER,
            "Note: The following is the output of the real-time captioning taken during the Fifth Meeting of the IGF, in Vilnius. Although it is largely accurate, in some cases it may be incomplete or inaccurate due to inaudible passages or transcription errors. It is posted as an aid, but should not be treated as an authoritative record.",
            "NOTE:  THE FOLLOWING IS THE OUTPUT OF THE REAL-TIME CAPTIONING TAKEN DURING THE IGF 2007 MEETING IN RIO DE JANEIRO.",
            "The following are the outputs of the real-time captioning taken during an IGF virtual call. Although it is largely accurate, in some cases it may be incomplete or inaccurate due to inaudible passages or transcription errors.",
            "The following are the outputs of the captioning taken during an IGF intervention. Although it is largely accurate, in some cases it may be incomplete or inaccurate due to inaudible passages or transcription errors.",
            "\u{a0}The\u{a0}following  are the outputs of the  real-time captioning taken during the IGF 2019 MAG meeting.",
            "*** The following is the output of the real-time captioning taken during the IGF 2009. ***",
            "This transcript is posted as an aid to understanding the proceedings, but should not be treated as an authoritative record.",
            "This text is being provided in a rough draft format. Communication Access Realtime Translation (CART) is provided in order to facilitate communication accessibility and may not be a totally verbatim record of the proceedings.",
            "This is the the output of the realtime captioning taken during the IGF 2014. Although it is largely accurate, in some cases it may be incomplete or inaccurate due to inaudible passages or transcription errors.",
            "This is the output of the realtime captioning taken during the IGF 2014. It is posed as an aid to understanding the proceedings at the session, but should not be treated as an authoritative record.***",
        ];
        for p in yes {
            assert!(is_disclaimer(p), "{p:?}");
        }
        let no = [
            "Thank you, Chair. I want to thank the captioning team for their excellent work this week.",
            "The following speakers are on the list: Brazil, India, and the captioning team asked us to slow down.",
            "The outputs of this meeting will be published.",
            "Note: the meeting starts at 10.",
            IGF_TITLE,
            "",
            "***",
        ];
        for p in no {
            assert!(!is_disclaimer(p), "{p:?}");
        }
    }

    #[test]
    fn a_disclaimer_inside_a_paragraph() {
        let title = "IGF Athens 2006 Opening Session ";
        let d = "Note: The following is the output of the real-time captioning taken during the IGF. It is posted as an aid, but should not be treated as an authoritative record.";
        let p = format!("{title}{d}*** - Chair's Summing Up -");
        let (a, b) = disclaimer_in(&p).unwrap();
        assert_eq!((&p[..a], &p[a..b]), (title, d));
        // A whole disclaimer, and none.
        assert_eq!(disclaimer_in(d), Some((0, d.len())));
        let whole = "This transcript is posted as an aid, but should not be treated as an authoritative record.";
        assert_eq!(disclaimer_in(whole), Some((0, whole.len())));
        assert_eq!(disclaimer_in(IGF_TITLE), None);
        // Not inside a word, nor without a word of captioning.
        assert_eq!(
            disclaimer_in("Xthe following is the output of the captioning"),
            None
        );
        assert_eq!(
            disclaimer_in("IGF 2006 The following is the output of the meeting."),
            None
        );
    }

    #[test]
    fn a_header_run_together() {
        let p = paras(&[(
            1,
            "IGF 2007 Rio *** Note: The following is the output of the real-time captioning taken during the IGF. It is posted as an aid, but should not be treated as an authoritative record.*** - Chair's Summing Up -",
        )]);
        let h = read_header(&p);
        assert_eq!(h.meta.title.as_deref(), Some("IGF 2007 Rio"));
        assert!(
            h.meta
                .disclaimer
                .is_some_and(|d| d.starts_with("Note: ") && d.ends_with("record."))
        );
        assert_eq!(
            (h.meta.other, h.other_lines),
            (vec!["- Chair's Summing Up -".to_string()], vec![1])
        );
        let stars = |n: usize| vec![(1, "***".to_string()); n];
        assert_eq!(h.separators, stars(2));
    }

    #[test]
    fn places() {
        let cases: &[(&str, bool, bool)] = &[
            ("Geneva, Switzerland", false, true),
            ("Geneva, Switzerland", true, true),
            ("João Pessoa, Brazil", false, true),
            ("UNESCO Headquarters, Paris, France", false, true),
            ("Palais des Nations, Geneva", false, true),
            ("Rio de Janeiro, Brazil", false, true),
            ("Sharm El Sheikh, Egypt", false, true),
            ("Abidjan, Côte d'Ivoire", false, true),
            ("Washington, D.C.", false, true),
            ("GENEVA, SWITZERLAND", false, true),
            ("Paris", true, true),
            ("Paris", false, false),
            ("Palais des Nations", true, true),
            ("Palais des Nations", false, false),
            ("CHENGETAI MASANGO", true, false),
            ("GENEVA", true, false),
            ("Thank you.", true, false),
            ("Good morning everyone", true, false),
            ("Room: Johnson", true, false),
            ("Room 6, Geneva", false, false),
            ("Geneva, Switzerland.", false, false),
            ("Is this Geneva, Switzerland?", false, false),
            ("Hello, world", false, false),
            (
                "One, Two, Three, Four, Five, Six, Seven, Eight, Nine",
                false,
                false,
            ),
            ("", true, false),
            ("***", true, false),
        ];
        for (line, after_date, want) in cases {
            assert_eq!(
                looks_like_place(line, *after_date),
                *want,
                "{line:?} after_date={after_date}"
            );
        }
    }

    #[test]
    fn igf_sample_header() {
        let p = paras(&[
            (1, IGF_TITLE),
            (3, IGF_DISCLAIMER),
            (6, "6 April 2016"),
            (8, "Geneva, Switzerland"),
        ]);
        let want = Meta {
            title: Some(IGF_TITLE.into()),
            disclaimer: Some(IGF_DISCLAIMER.into()),
            date: Some("2016-04-06".into()),
            date_text: Some("6 April 2016".into()),
            time: None,
            location: Some("Geneva, Switzerland".into()),
            other: vec![],
            ..Meta::default()
        };
        let h = read_header(&p);
        assert_eq!((h.meta, h.other_lines), (want, vec![]));
    }

    #[test]
    fn stars_around_the_disclaimer() {
        let d = "The following is the output of the real-time captioning taken during the IGF 2009 open consultations.";
        let p = paras(&[
            (1, "IGF 2009 Open Consultations"),
            (3, "***"),
            (4, d),
            (5, "* * *"),
            (7, "Paris"),
        ]);
        let Header {
            meta,
            other_lines: other,
            ..
        } = read_header(&p);
        assert_eq!(meta.title.as_deref(), Some("IGF 2009 Open Consultations"));
        assert_eq!(meta.disclaimer.as_deref(), Some(d));
        assert_eq!((meta.date, meta.location), (None, None));
        assert_eq!((meta.other, other), (vec!["Paris".to_string()], vec![7]));
    }

    #[test]
    fn date_with_time_and_no_place() {
        let p = paras(&[
            (1, "IGF 2017 MAG Virtual Meeting"),
            (2, "12 JUNE 2017 15:00"),
            (3, "Paris"),
        ]);
        let Header {
            meta,
            other_lines: other,
            ..
        } = read_header(&p);
        assert_eq!(meta.date.as_deref(), Some("2017-06-12"));
        assert_eq!(meta.date_text.as_deref(), Some("12 JUNE 2017 15:00"));
        assert_eq!(meta.time.as_deref(), Some("15:00"));
        assert_eq!(meta.location.as_deref(), Some("Paris"));
        assert!(other.is_empty());
    }

    #[test]
    fn date_from_title() {
        let Header {
            meta,
            other_lines: other,
            ..
        } = read_header(&paras(&[(1, IGF_TITLE)]));
        assert_eq!(meta.date.as_deref(), Some("2016-04-06"));
        assert_eq!(
            (meta.date_text, meta.disclaimer, other),
            (None, None, vec![])
        );
    }

    #[test]
    fn srccon_header() {
        let lines = [
            "Local data journalism still matters (and we can make it better!)",
            "Session facilitator(s): Carla Astudillo, Erin Petenko, Steve Stirling",
            "Day & Time: Thursday, 3-4:15pm",
            "Room: Johnson",
        ];
        let p: Vec<(usize, String)> = lines
            .iter()
            .enumerate()
            .map(|(i, s)| (i + 1, s.to_string()))
            .collect();
        let Header {
            meta,
            other_lines: other,
            ..
        } = read_header(&p);
        assert_eq!(meta.title.as_deref(), Some(lines[0]));
        assert_eq!(meta.other, lines[1..]);
        assert_eq!(other, [2, 3, 4]);
        assert_eq!(
            (meta.date, meta.disclaimer, meta.location),
            (None, None, None)
        );
    }

    #[test]
    fn long_first_paragraph_and_repeats() {
        let long = "word ".repeat(60);
        let p = paras(&[
            (1, &long),
            (2, IGF_DISCLAIMER),
            (3, IGF_DISCLAIMER),
            (4, "6 April 2016"),
            (5, "7 April 2016"),
        ]);
        let Header {
            meta,
            other_lines: other,
            ..
        } = read_header(&p);
        assert_eq!(
            (meta.title, meta.date.as_deref()),
            (None, Some("2016-04-06"))
        );
        assert_eq!(other, [1, 3, 5]);
        let h = read_header(&[]);
        assert_eq!((h.meta, h.other_lines), (Meta::default(), vec![]));
    }

    #[test]
    fn a_place_after_the_date_is_not_a_title() {
        let Header {
            meta,
            other_lines: other,
            ..
        } = read_header(&paras(&[(1, "6 April 2016"), (3, "Geneva, Switzerland")]));
        assert_eq!(meta.title, None);
        assert_eq!(meta.location.as_deref(), Some("Geneva, Switzerland"));
        assert!(other.is_empty());
    }

    #[test]
    fn never_panics() {
        #[rustfmt::skip]
        let odd = [
            "", " ", "\u{a0}", "\u{feff}", "-", ",,,", ":", "12:", "::", "1 2 3 4", "0 April 2016",
            "6 April 0", "99999999999999999999 April 2016", "April 99999999999999999999",
            "٣ أبريل ٢٠١٦", "🎉 6 April 2016 🎉", "6\u{301} April 2016", "April 6th, 2016 12:00 pm",
            "12:00 pm", "a.m.", "6 April 2016 a.", "Sept.", "31-31 May 2016", "IGF 2016 April",
            "2016 April 6", "d'", "'", "(((", "ǅungla, Ǆ", "İstanbul, Türkiye", "th April 2016",
            "6th", ">>CHAIR: 6 April 2016", "G20 2016 May 1st", "IGF 2016 Mayo 5",
        ];
        let mut odd: Vec<String> = odd.iter().map(ToString::to_string).collect();
        odd.push("a".repeat(10_000));
        odd.push("9".repeat(5_000));
        odd.push("6 April 2016 ".repeat(1_000));
        odd.push("é, ".repeat(1_000));
        for s in &odd {
            let _ = (parse_date_line(s), date_in_title(s), is_disclaimer(s));
            let _ = (looks_like_place(s, true), looks_like_place(s, false));
        }
        let all: Vec<(usize, String)> = odd.into_iter().enumerate().collect();
        let _ = read_header(&all);
    }
}
