//! The examples of the IGF format spec, `src/read/igf/FORMAT.md`, run as
//! tests: each ```` ```example ```` block holds an input, a line with just
//! `.`, and what the parser reads in it, in the compact form [`render`]
//! writes (the spec's "How to read the examples" describes it).
//!
//! A failure names the example's line in FORMAT.md and shows its input,
//! what it expects and what the parser gave. After a deliberate change of
//! the parser, `UPDATE_SPEC=1 cargo test --test spec` rewrites the expected
//! parts; then read the diff: each one says what the parser should do.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;
use std::path::PathBuf;

use floor::model::Transcript;

/// The spec, from the crate root.
const SPEC: &str = "src/read/igf/FORMAT.md";
/// The info string that opens an example (the rest of the line holds its
/// options).
const OPEN: &str = "```example";
/// The line between an example's input and its expected result.
const SEPARATOR: &str = ".";
/// The line that closes an example.
const CLOSE: &str = "```";
/// The option that adds each turn's byte range in the input to the result.
const RANGE: &str = "range";

/// One example of the spec.
#[derive(Debug)]
struct Example {
    /// The 1-based line of its opening fence in the spec.
    line: usize,
    /// The words after `example` on the opening fence.
    options: Vec<String>,
    /// The input as written in the spec (escapes not yet replaced).
    input: Vec<String>,
    /// The expected result as written.
    expected: Vec<String>,
    /// The 0-based line indices of the separator and the closing fence.
    separator: usize,
    close: usize,
}

fn spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SPEC)
}

/// The examples of `spec`, in order. Panics on a malformed example, naming
/// its line.
fn examples(spec: &str) -> Vec<Example> {
    let lines: Vec<&str> = spec.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(options) = lines[i].strip_prefix(OPEN) else {
            i += 1;
            continue;
        };
        let open = i;
        let separator = (open + 1..lines.len())
            .find(|&j| lines[j] == SEPARATOR || lines[j] == CLOSE)
            .filter(|&j| lines[j] == SEPARATOR)
            .unwrap_or_else(|| panic!("{SPEC}:{}: example without a `.` line", open + 1));
        let close = (separator + 1..lines.len())
            .find(|&j| lines[j] == CLOSE)
            .unwrap_or_else(|| panic!("{SPEC}:{}: example not closed", open + 1));
        let owned = |range: std::ops::Range<usize>| -> Vec<String> {
            lines[range].iter().map(ToString::to_string).collect()
        };
        out.push(Example {
            line: open + 1,
            options: options.split_whitespace().map(str::to_string).collect(),
            input: owned(open + 1..separator),
            expected: owned(separator + 1..close),
            separator,
            close,
        });
        i = close + 1;
    }
    out
}

/// The input an example's lines stand for: each line ends with `\n`; `→`
/// is a tab, `␍` a carriage return, and `\u{…}` the char of that hex code.
fn unescape(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let mut rest = line.as_str();
        while let Some(c) = rest.chars().next() {
            let code = rest
                .strip_prefix("\\u{")
                .and_then(|r| r.split_once('}'))
                .and_then(|(hex, after)| {
                    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                    Some((c, after))
                });
            if let Some((c, after)) = code {
                out.push(c);
                rest = after;
                continue;
            }
            out.push(match c {
                '→' => '\t',
                '␍' => '\r',
                c => c,
            });
            rest = &rest[c.len_utf8()..];
        }
        out.push('\n');
    }
    out
}

/// Whether the result writes `c` as an escape: tabs and carriage returns as
/// in inputs, and as `\u{…}` every other char that cannot be seen or that
/// looks like another (no-break spaces, the BOM, U+2011, zero widths,
/// combining accents).
fn escaped(c: char) -> Option<String> {
    match c {
        '\t' => Some("→".into()),
        '\r' => Some("␍".into()),
        ' ' => None,
        c if c.is_control()
            || c.is_whitespace()
            || floor::text::is_combining(c)
            || matches!(
                c,
                '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2011}' | '\u{feff}'
            ) =>
        {
            Some(format!("\\u{{{:x}}}", u32::from(c)))
        }
        _ => None,
    }
}

/// `s` with invisible and look-alike chars escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match escaped(c) {
            Some(e) => out.push_str(&e),
            None => out.push(c),
        }
    }
    out
}

/// The transcript in the spec's compact form, one fact a line: the header's
/// fields, the speakers, the turns (paragraphs, notes, ranges if `ranges`),
/// then the diagnostics.
fn render(t: &Transcript, ranges: bool) -> Vec<String> {
    let mut out = Vec::new();
    let m = &t.meta;
    let fields = [
        ("title", &m.title),
        ("disclaimer", &m.disclaimer),
        ("date", &m.date),
        ("date_text", &m.date_text),
        ("time", &m.time),
        ("location", &m.location),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            out.push(format!("{name}: {}", escape(v)));
        }
    }
    for other in &m.other {
        out.push(format!("other: {}", escape(other)));
    }
    for s in &t.speakers {
        let plural = if s.turns == 1 { "" } else { "s" };
        let labels: Vec<String> = s.labels.iter().map(|l| escape(l)).collect();
        out.push(format!(
            "speaker {}: {}, {} turn{plural}, labels {}",
            s.id,
            escape(&s.name),
            s.turns,
            labels.join(" | ")
        ));
    }
    for turn in &t.turns {
        let mut line = format!("turn {} ", turn.n);
        match (t.speaker_id(turn), t.label(turn)) {
            (Some(id), Some(label)) => write!(line, "[{id}] {}:", escape(label)),
            (None, None) => write!(line, "[-]"),
            // Never: a turn has both or neither (tests/properties.rs).
            (id, label) => write!(line, "[{id:?}] {label:?}:"),
        }
        .expect("writing to a String");
        let mut paragraphs = t.paragraphs(turn).iter();
        if let Some(first) = paragraphs.next() {
            line.push(' ');
            line.push_str(&escape(first));
        }
        out.push(line);
        for p in paragraphs {
            out.push(format!("  ¶ {}", escape(p)));
        }
        for a in t.annotations(turn) {
            let paragraph = t.paragraph(turn, a.paragraph()).unwrap_or_default();
            let [start, end] = a.range();
            let mut line = format!(
                "  note {} {}: {}",
                a.paragraph() + 1,
                a.kind(paragraph),
                escape(&paragraph[start..end])
            );
            if let Some([s, e]) = a.word(paragraph) {
                write!(line, ", word: {}", escape(&paragraph[s..e])).expect("writing to a String");
            }
            out.push(line);
        }
        if ranges {
            out.push(format!("  range {}..{}", turn.range[0], turn.range[1]));
        }
    }
    for d in &t.diagnostics {
        let kind = serde_json::to_value(d.kind).expect("a kind serialises");
        let kind = kind.as_str().unwrap_or_default();
        out.push(format!(
            "diagnostic {} {kind}: {}",
            d.line,
            escape(&d.message)
        ));
        if let Some(dropped) = &d.dropped {
            out.push(format!("  dropped: {}", escape(dropped)));
        }
    }
    out
}

/// What the parser reads in an example's input, rendered.
fn actual(example: &Example) -> Vec<String> {
    let input = unescape(&example.input);
    let transcript = floor::read::parse_str(&input);
    render(&transcript, example.options.iter().any(|o| o == RANGE))
}

#[test]
fn spec_examples() {
    let path = spec_path();
    let spec = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let examples = examples(&spec);
    assert!(!examples.is_empty(), "no examples in {SPEC}");
    for e in &examples {
        if let Some(option) = e.options.iter().find(|o| *o != RANGE) {
            panic!("{SPEC}:{}: unknown option {option:?}", e.line);
        }
    }

    if std::env::var("UPDATE_SPEC").is_ok_and(|v| v == "1") {
        let mut lines: Vec<String> = spec.lines().map(str::to_string).collect();
        let mut changed = 0;
        for e in examples.iter().rev() {
            let got = actual(e);
            if got != e.expected {
                lines.splice(e.separator + 1..e.close, got);
                changed += 1;
            }
        }
        let mut text = lines.join("\n");
        text.push('\n');
        std::fs::write(&path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("spec: {changed} of {} examples rewritten", examples.len());
        return;
    }

    let mut failures = Vec::new();
    for e in &examples {
        let got = actual(e);
        if got != e.expected {
            failures.push(format!(
                "{SPEC}:{}: example\n--- input\n{}\n--- expected\n{}\n--- actual\n{}\n",
                e.line,
                e.input.join("\n"),
                e.expected.join("\n"),
                got.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} spec examples differ (UPDATE_SPEC=1 rewrites them):\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}

#[test]
fn examples_are_found_with_their_lines() {
    let spec = "Prose.\n\n```example range\n>>A: Hi.\n.\nturn 1\n```\n\n```example\n.\n```\n";
    let found = examples(spec);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].line, found[0].options.as_slice()),
        (3, &["range".to_string()][..])
    );
    assert_eq!(
        (found[0].input.as_slice(), found[0].expected.as_slice()),
        (&[">>A: Hi.".to_string()][..], &["turn 1".to_string()][..])
    );
    assert_eq!(
        (found[1].line, found[1].input.len(), found[1].expected.len()),
        (9, 0, 0)
    );
}

#[test]
fn escapes() {
    let lines = ["→a\\u{a0}b␍".to_string(), "\\u{feff}\\u{zz}".to_string()];
    assert_eq!(unescape(&lines), "\ta\u{a0}b\r\n\u{feff}\\u{zz}\n");
    assert_eq!(unescape(&[]), "");
    assert_eq!(
        escape("\ta\u{a0}b\r co\u{2011}chair é e\u{301}"),
        "→a\\u{a0}b␍ co\\u{2011}chair é e\\u{301}"
    );
}
