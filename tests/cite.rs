//! Citations (`floor::cite`): each style against the examples its manual or
//! documentation publishes (`tests/data/cite/`), the sample's turn 37 in
//! every style, and the edge cases: no author, roles, no date, no title,
//! directional characters, BibTeX's special characters, JSON escaping.
#![cfg(not(target_arch = "wasm32"))]

use floor::cite::{Cited, Name, Style, cite};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cite");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.txt");

/// One published example: its fields, as `key: value` pairs in order.
struct Example {
    fields: Vec<(String, String)>,
}

impl Example {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn source(&self) -> &str {
        self.get("source").expect("every example names its source")
    }

    /// The `Cited` the example describes.
    fn cited(&self) -> Cited {
        let text = |key: &str| self.get(key).map(str::to_string);
        Cited {
            speaker: text("speaker"),
            role: self.get("role") == Some("true"),
            title: text("title"),
            genre: text("genre").unwrap_or_default(),
            publisher: text("publisher"),
            date: text("date"),
            place: text("place"),
            turn: self.get("turn").map_or(0, |n| n.parse().unwrap()),
            start: self.get("start").map(|n| n.parse().unwrap()),
            quote: text("quote"),
            url: text("url").unwrap_or_default(),
            accessed: text("accessed"),
        }
    }
}

/// The examples of `tests/data/cite/NAME`.
fn examples(name: &str) -> Vec<Example> {
    let text = std::fs::read_to_string(format!("{DATA}/{name}")).unwrap();
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let mut fields: Vec<(String, String)> = Vec::new();
        for line in block.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some(more) = line.strip_prefix("  ") {
                let last = fields.last_mut().expect("a continuation follows a field");
                last.1.push('\n');
                last.1.push_str(more);
                continue;
            }
            let (key, value) = line.split_once(": ").expect("key: value");
            fields.push((key.to_string(), value.to_string()));
        }
        if !fields.is_empty() {
            out.push(Example { fields });
        }
    }
    assert!(!out.is_empty(), "{name} has examples");
    out
}

/// Italics as the manuals print them (`*…*`), which plain text cannot carry.
fn without_italics(s: &str) -> String {
    s.replace('*', "")
}

/// Checks each example of `file` in `style`; returns how many were checked.
fn check_published(file: &str, style: Style) -> usize {
    let examples = examples(file);
    for example in &examples {
        let ours = cite(&example.cited(), style);
        let lines: Vec<&str> = ours.lines().collect();
        let mut checked = false;
        if let Some(expected) = example.get("expected") {
            assert_eq!(
                ours,
                without_italics(expected),
                "{}: {}",
                style.label(),
                example.source()
            );
            checked = true;
        }
        for (i, key) in ["expected-line-1", "expected-line-2"].iter().enumerate() {
            if let Some(expected) = example.get(key) {
                assert_eq!(
                    lines.get(i).copied(),
                    Some(without_italics(expected).as_str()),
                    "{}: {} (line {})\n{ours}",
                    style.label(),
                    example.source(),
                    i + 1
                );
                checked = true;
            }
        }
        assert!(checked, "{file}: {} expects nothing", example.source());
    }
    examples.len()
}

#[test]
fn apa_writes_the_manuals_examples() {
    assert_eq!(check_published("apa.txt", Style::Apa), 2);
}

#[test]
fn chicago_writes_the_manuals_examples() {
    assert_eq!(check_published("chicago.txt", Style::Chicago), 2);
}

#[test]
fn mla_writes_the_handbooks_example() {
    assert_eq!(check_published("mla.txt", Style::Mla), 1);
}

/// A BibTeX entry's type and fields (names lower case, values without
/// their delimiters, as BibTeX reads them).
fn bibtex_fields(entry: &str) -> (String, Vec<(String, String)>) {
    let entry = entry.trim();
    let at = entry.strip_prefix('@').expect("an entry starts with @");
    let (kind, rest) = at.split_once('{').unwrap();
    let (_key, mut rest) = rest.split_once(',').unwrap();
    let mut fields = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.starts_with('}') || rest.is_empty() {
            break;
        }
        let (name, after) = rest.split_once('=').unwrap();
        let after = after.trim_start();
        let (value, after) = match after.chars().next().unwrap() {
            open @ ('{' | '"') => {
                let close = if open == '{' { '}' } else { '"' };
                let mut depth = 0;
                let mut end = None;
                for (i, c) in after.char_indices().skip(1) {
                    match c {
                        '{' => depth += 1,
                        '}' if depth > 0 => depth -= 1,
                        c if c == close && depth == 0 => {
                            end = Some(i);
                            break;
                        }
                        _ => {}
                    }
                }
                let end = end.expect("a closed value");
                (&after[1..end], &after[end + 1..])
            }
            _ => {
                let end = after.find([',', '}', '\n']).unwrap_or(after.len());
                (after[..end].trim(), &after[end..])
            }
        };
        fields.push((name.trim().to_ascii_lowercase(), value.to_string()));
        rest = after;
    }
    (kind.trim().to_ascii_lowercase(), fields)
}

/// A BibTeX name list's one name as `First von Last Jr` (BibTeX reads
/// `Last, First` and `Last, Jr, First` as the same name).
fn bibtex_name(name: &str) -> String {
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    match parts.as_slice() {
        [last, first] => format!("{first} {last}"),
        [last, jr, first] => format!("{first} {last} {jr}"),
        _ => name.to_string(),
    }
}

#[test]
fn bibtex_writes_xampls_misc_entry() {
    for example in examples("bibtex.txt") {
        let ours = cite(&example.cited(), Style::Bibtex);
        let (our_kind, ours) = bibtex_fields(&ours);
        let (kind, theirs) = bibtex_fields(example.get("expected").unwrap());
        assert_eq!(our_kind, kind);
        let field = |fields: &[(String, String)], name: &str| {
            fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.replace(['{', '}'], ""))
        };
        for (name, value) in &theirs {
            let our = field(&ours, name).unwrap_or_else(|| panic!("no {name} in {ours:?}"));
            let value = value.replace(['{', '}'], "");
            if name == "author" {
                assert_eq!(bibtex_name(&our), bibtex_name(&value));
            } else {
                assert_eq!(our, value, "{name}: {}", example.source());
            }
        }
    }
}

#[test]
fn csl_json_is_what_the_schema_allows() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{DATA}/csl-data.json")).unwrap())
            .unwrap();
    let list = |key: &str| -> Vec<String> {
        schema[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let (strings, names, dates) = (list("strings"), list("names"), list("dates"));
    let (name_properties, date_properties) = (list("name-properties"), list("date-properties"));
    let cases = [
        sample_turn(37, None, "2026-11-28"),
        Cited {
            speaker: Some("Moderator".into()),
            role: true,
            date: Some("2016".into()),
            start: Some(61_000),
            quote: Some("Say \"hello\"\n\tthen \\ go\u{1}".into()),
            accessed: Some("yesterday".into()),
            ..sample_turn(2, None, "")
        },
        Cited {
            speaker: Some("Anna van der Berg Jr.".into()),
            ..Cited::default()
        },
    ];
    for cited in cases {
        let out = cite(&cited, Style::CslJson);
        let items: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        let items = items.as_array().expect("an array of items");
        assert_eq!(items.len(), 1);
        let item = items[0].as_object().unwrap();
        for required in list("required") {
            assert!(item.contains_key(&required), "{required} in {out}");
        }
        assert!(list("types").contains(&item["type"].as_str().unwrap().to_string()));
        for (key, value) in item {
            if key == "type" {
                continue;
            } else if strings.contains(key) {
                assert!(value.is_string(), "{key}: {value}");
            } else if names.contains(key) {
                for name in value.as_array().unwrap() {
                    for property in name.as_object().unwrap().keys() {
                        assert!(name_properties.contains(property), "{property}");
                    }
                }
            } else if dates.contains(key) {
                let date = value.as_object().unwrap();
                for property in date.keys() {
                    assert!(date_properties.contains(property), "{property}");
                }
                if let Some(parts) = date.get("date-parts") {
                    let parts = parts.as_array().unwrap();
                    assert_eq!(parts.len(), 1);
                    let parts = parts[0].as_array().unwrap();
                    assert!((1..=3).contains(&parts.len()));
                    assert!(parts.iter().all(|p| p.is_u64()));
                }
            } else {
                panic!("{key} is not a variable Floor means to write: {out}");
            }
        }
    }
}

/// What citing turn `n` of the sample says.
fn sample_turn(n: u32, quote: Option<&str>, accessed: &str) -> Cited {
    let t = floor::read::parse(&std::fs::read(SAMPLE).unwrap());
    let url = format!("https://example.org/floor/#t{n}");
    Cited::of(&t, n, quote.map(str::to_string), &url, accessed)
}

#[test]
fn the_samples_turn_37_in_every_style() {
    let c = sample_turn(37, None, "2026-11-28");
    let title = "IGF 2016 First Open Consultations and MAG Meeting April 6";
    let url = "https://example.org/floor/#t37";
    let expected = [
        (
            Style::Plain,
            format!("Avri Doria, \u{201c}{title}\u{201d}, 2016-04-06, turn 37. {url}"),
        ),
        (
            Style::Apa,
            format!(
                "Doria, A. (2016, April 6). {title} [Meeting transcript]. Internet Governance Forum, Geneva, Switzerland. {url}"
            ),
        ),
        (
            Style::Chicago,
            format!(
                "Doria, Avri. \u{201c}{title}.\u{201d} Meeting transcript, Internet Governance Forum, Geneva, Switzerland, April 6, 2016. {url}."
            ),
        ),
        (
            Style::Mla,
            format!(
                "Doria, Avri. \u{201c}{title}.\u{201d} Internet Governance Forum, 6 Apr. 2016, Geneva, Switzerland. Meeting transcript. example.org/floor/#t37. Accessed 28 Nov. 2026."
            ),
        ),
        (
            Style::Bibtex,
            format!(
                "@misc{{doria2016t37,
  author = {{Doria, Avri}},
  title = {{{{{title}}}}},
  howpublished = {{Meeting transcript, Internet Governance Forum}},
  address = {{Geneva, Switzerland}},
  year = {{2016}},
  month = apr,
  date = {{2016-04-06}},
  url = {{{url}}},
  urldate = {{2026-11-28}},
  note = {{Turn 37}},
}}"
            ),
        ),
        (
            Style::CslJson,
            format!(
                r#"[
  {{
    "id": "doria2016t37",
    "type": "speech",
    "author": [{{"family": "Doria", "given": "Avri"}}],
    "title": "{title}",
    "genre": "Meeting transcript",
    "event-title": "Internet Governance Forum",
    "event": "Internet Governance Forum",
    "event-place": "Geneva, Switzerland",
    "issued": {{"date-parts": [[2016, 4, 6]]}},
    "URL": "{url}",
    "accessed": {{"date-parts": [[2026, 11, 28]]}},
    "note": "Turn 37"
  }}
]"#
            ),
        ),
    ];
    for (style, expected) in expected {
        assert_eq!(cite(&c, style), expected, "{}", style.label());
    }
}

#[test]
fn the_plain_style_is_the_viewers_citation() {
    let t = floor::read::parse(&std::fs::read(SAMPLE).unwrap());
    for n in [1, 2, 36, 37, 54, 55] {
        let url = format!("https://example.org/?src=a#t{n}");
        assert_eq!(
            floor::link::citation(&t, n, &url),
            cite(&Cited::of(&t, n, None, &url, ""), Style::Plain)
        );
    }
    assert_eq!(
        floor::link::citation(&t, 2, "L"),
        "Chair St. Amour, \u{201c}IGF 2016 First Open Consultations and MAG Meeting April 6\u{201d}, 2016-04-06, turn 2. L"
    );
}

#[test]
fn a_quote_comes_first() {
    let c = sample_turn(37, Some("a two-year effort"), "2026-11-28");
    let q = "\u{201c}a two-year effort\u{201d}";
    let first = |style| cite(&c, style).lines().next().unwrap().to_string();
    assert_eq!(first(Style::Plain), q);
    assert_eq!(first(Style::Apa), format!("{q} (Doria, 2016)"));
    assert_eq!(first(Style::Mla), format!("{q} (Doria)"));
    assert_eq!(first(Style::Chicago), q);
    assert!(cite(&c, Style::Chicago).ends_with(
        "\nAvri Doria, \u{201c}IGF 2016 First Open Consultations and MAG Meeting April 6\u{201d} \
             (meeting transcript, Internet Governance Forum, Geneva, Switzerland, April 6, 2016), \
             https://example.org/floor/#t37."
    ));
    assert!(cite(&c, Style::Bibtex).contains(&format!("  note = {{Turn 37: {q}}},\n")));
    assert!(cite(&c, Style::CslJson).contains(&format!("\"note\": \"Turn 37: {q}\"")));
    // Blank quotes are no quotes.
    assert_eq!(
        sample_turn(37, Some("  "), "2026-11-28"),
        sample_turn(37, None, "2026-11-28")
    );
}

/// A timed transcript of one turn by `voice` at 12:34.
fn timed(voice: Option<&str>) -> floor::model::Transcript {
    use floor::read::cues::{Found, Piece, Voice, build};
    let mut cue = Piece::new("Hello.".into(), 3, [8, 40]);
    cue.start = Some(754_300);
    if let Some(voice) = voice {
        cue.voice = Voice::Named(voice.into());
    }
    build("webvtt", vec![cue], Found::default())
}

#[test]
fn the_time_is_a_locator() {
    let t = timed(Some("Ana Silva"));
    let c = Cited::of(&t, 1, None, "https://h/x.vtt#t1", "2026-11-28");
    assert_eq!(c.start, Some(754_300));
    assert_eq!(c.genre, "Transcript");
    assert_eq!(c.publisher, None);
    let first = |style| cite(&c, style).lines().next().unwrap().to_string();
    assert_eq!(
        first(Style::Plain),
        "Ana Silva, turn 1 at 12:34. https://h/x.vtt#t1"
    );
    assert_eq!(first(Style::Apa), "(Silva, n.d., 12:34)");
    assert_eq!(first(Style::Mla), "(Silva 00:12:34)");
    assert_eq!(
        cite(&c, Style::Chicago),
        "Ana Silva, transcript, n.d., at 12:34, accessed November 28, 2026, https://h/x.vtt#t1."
    );
    assert!(cite(&c, Style::Bibtex).contains("  note = {Turn 1 at 12:34},\n"));
    assert!(cite(&c, Style::CslJson).contains("\"note\": \"Turn 1 at 12:34\""));
}

/// The sample's turn 37 with `change` made.
fn turn_37(change: impl FnOnce(&mut Cited)) -> Cited {
    let mut c = sample_turn(37, None, "2026-11-28");
    change(&mut c);
    c
}

#[test]
fn no_author_puts_the_title_first() {
    let t = timed(None);
    assert_eq!(Cited::of(&t, 1, None, "", "").speaker, None);
    let c = turn_37(|c| c.speaker = None);
    let title = "IGF 2016 First Open Consultations and MAG Meeting April 6";
    assert!(cite(&c, Style::Plain).starts_with("Unattributed, \u{201c}IGF 2016"));
    assert!(cite(&c, Style::Apa).starts_with(&format!(
        "{title} [Meeting transcript]. (2016, April 6). Internet Governance Forum"
    )));
    assert!(cite(&c, Style::Chicago).starts_with(&format!(
        "\u{201c}{title}.\u{201d} Meeting transcript, Internet Governance Forum"
    )));
    assert!(cite(&c, Style::Mla).starts_with(&format!(
        "\u{201c}{title}.\u{201d} Internet Governance Forum, 6 Apr. 2016"
    )));
    let bibtex = cite(&c, Style::Bibtex);
    assert!(bibtex.starts_with("@misc{transcript2016t37,\n") && !bibtex.contains("author"));
    assert!(!cite(&c, Style::CslJson).contains("author"));
    let quoted = turn_37(|c| (c.speaker, c.quote) = (None, Some("Yes.".into())));
    assert_eq!(
        cite(&quoted, Style::Apa).lines().next(),
        Some(format!("\u{201c}Yes.\u{201d} ({title}, 2016)").as_str())
    );
    assert_eq!(
        cite(&quoted, Style::Mla).lines().next(),
        Some(format!("\u{201c}Yes.\u{201d} (\u{201c}{title}\u{201d})").as_str())
    );
}

#[test]
fn roles_are_written_as_they_are() {
    let t =
        floor::read::parse_str("IGF 2019 Session\n\n>>MODERATOR: Welcome.\n\n>>AUDIENCE: Thanks.");
    let c = Cited::of(&t, 1, None, "u", "");
    assert_eq!((c.speaker.as_deref(), c.role), (Some("Moderator"), true));
    assert_eq!(c.publisher.as_deref(), Some("Internet Governance Forum"));
    assert!(cite(&c, Style::Apa).starts_with("Moderator. (n.d.). IGF 2019 Session"));
    assert!(cite(&c, Style::Mla).starts_with("Moderator. \u{201c}IGF 2019 Session.\u{201d}"));
    assert!(cite(&c, Style::Chicago).starts_with("Moderator. \u{201c}IGF 2019 Session.\u{201d}"));
    assert!(cite(&c, Style::Bibtex).contains("  author = {{Moderator}},\n"));
    assert!(cite(&c, Style::CslJson).contains("\"author\": [{\"literal\": \"Moderator\"}]"));
    // A role before one word is not a person's full name.
    let chair = sample_turn(2, None, "");
    assert_eq!(chair.speaker.as_deref(), Some("Chair St. Amour"));
    assert!(!chair.role);
    assert!(cite(&chair, Style::Apa).starts_with("Chair St. Amour. (2016, April 6)."));
    assert!(cite(&chair, Style::Bibtex).contains("  author = {{Chair St. Amour}},\n"));
}

#[test]
fn names_are_inverted_only_when_they_are_a_persons() {
    let cases = [
        // display name, APA, MLA and Chicago, BibTeX, CSL
        (
            "Avri Doria",
            "Doria, A.",
            "Doria, Avri",
            "{Doria, Avri}",
            r#"{"family": "Doria", "given": "Avri"}"#,
        ),
        (
            "Martin Luther King Jr.",
            "King, M. L., Jr.",
            "King, Martin Luther, Jr.",
            "{King, Jr., Martin Luther}",
            r#"{"family": "King", "given": "Martin Luther", "suffix": "Jr."}"#,
        ),
        (
            "Anna van der Berg",
            "van der Berg, A.",
            "van der Berg, Anna",
            "{van der Berg, Anna}",
            r#"{"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"}"#,
        ),
        (
            "Jean-Paul St. Amour",
            "St. Amour, J.-P.",
            "St. Amour, Jean-Paul",
            "{St. Amour, Jean-Paul}",
            r#"{"family": "St. Amour", "given": "Jean-Paul"}"#,
        ),
        (
            "H.E. Mr. Ali Hassan",
            "Hassan, A.",
            "Hassan, Ali",
            "{Hassan, Ali}",
            r#"{"family": "Hassan", "given": "Ali"}"#,
        ),
        (
            "Chair Anriette Esterhuysen",
            "Esterhuysen, A.",
            "Esterhuysen, Anriette",
            "{Esterhuysen, Anriette}",
            r#"{"family": "Esterhuysen", "given": "Anriette"}"#,
        ),
        (
            "He Wei",
            "Wei, H.",
            "Wei, He",
            "{Wei, He}",
            r#"{"family": "Wei", "given": "He"}"#,
        ),
        (
            "Van Morrison",
            "Morrison, V.",
            "Morrison, Van",
            "{Morrison, Van}",
            r#"{"family": "Morrison", "given": "Van"}"#,
        ),
        (
            "Chair St. Amour",
            "Chair St. Amour.",
            "Chair St. Amour",
            "{{Chair St. Amour}}",
            r#"{"literal": "Chair St. Amour"}"#,
        ),
        (
            "Speaker 2",
            "Speaker 2.",
            "Speaker 2",
            "{{Speaker 2}}",
            r#"{"literal": "Speaker 2"}"#,
        ),
        (
            "Floor",
            "Floor.",
            "Floor",
            "{{Floor}}",
            r#"{"literal": "Floor"}"#,
        ),
        (
            "Chengetai",
            "Chengetai.",
            "Chengetai",
            "{{Chengetai}}",
            r#"{"literal": "Chengetai"}"#,
        ),
    ];
    for (display, apa, mla, bibtex, csl) in cases {
        let c = Cited {
            speaker: Some(display.into()),
            role: floor::resolve::speakers::is_role(display),
            title: Some("T".into()),
            ..Cited::default()
        };
        let closed = if apa.ends_with('.') {
            apa.to_string()
        } else {
            format!("{apa}.")
        };
        assert!(
            cite(&c, Style::Apa).starts_with(&format!("{closed} (n.d.)")),
            "{display}: {}",
            cite(&c, Style::Apa)
        );
        let mla_closed = if mla.ends_with('.') {
            mla.to_string()
        } else {
            format!("{mla}.")
        };
        assert!(cite(&c, Style::Mla).starts_with(&format!("{mla_closed} \u{201c}T.\u{201d}")));
        assert!(cite(&c, Style::Chicago).starts_with(&format!("{mla_closed} \u{201c}T.\u{201d}")));
        assert!(
            cite(&c, Style::Bibtex).contains(&format!("  author = {bibtex},\n")),
            "{display}: {}",
            cite(&c, Style::Bibtex)
        );
        assert!(
            cite(&c, Style::CslJson).contains(&format!("\"author\": [{csl}]")),
            "{display}: {}",
            cite(&c, Style::CslJson)
        );
    }
    assert_eq!(
        Name::read("Chair St. Amour").short(),
        "Chair St. Amour",
        "a name as written is its own short form"
    );
}

#[test]
fn no_date_and_no_title() {
    let c = turn_37(|c| c.date = None);
    assert!(cite(&c, Style::Apa).starts_with("Doria, A. (n.d.). IGF 2016"));
    assert!(cite(&c, Style::Chicago).ends_with(
        "Meeting transcript, Internet Governance Forum, Geneva, Switzerland, n.d. \
         Accessed November 28, 2026. https://example.org/floor/#t37."
    ));
    assert!(cite(&c, Style::Mla).contains("Internet Governance Forum, Geneva, Switzerland."));
    assert!(!cite(&c, Style::Bibtex).contains("year"));
    assert!(!cite(&c, Style::CslJson).contains("issued"));
    let c = turn_37(|c| c.title = None);
    assert!(
        cite(&c, Style::Apa)
            .starts_with("Doria, A. (2016, April 6). [Meeting transcript]. Internet Governance")
    );
    assert!(
        cite(&c, Style::Chicago)
            .starts_with("Doria, Avri. Meeting transcript, Internet Governance Forum")
    );
    assert!(
        cite(&c, Style::Mla).starts_with("Doria, Avri. Internet Governance Forum, 6 Apr. 2016")
    );
    assert!(cite(&c, Style::Plain).starts_with("Avri Doria, 2016-04-06, turn 37."));
    // A title that ends a sentence gets no second mark.
    let c = turn_37(|c| c.title = Some("What next?".into()));
    assert!(cite(&c, Style::Mla).contains("\u{201c}What next?\u{201d} Internet"));
    assert!(cite(&c, Style::Chicago).contains("\u{201c}What next?\u{201d} Meeting"));
}

#[test]
fn directional_characters_are_left_out() {
    let c = turn_37(|c| {
        c.speaker = Some("Avri\u{202e} Doria".into());
        c.title = Some("IGF \u{2067}2016\u{2069} Meeting".into());
        c.place = Some("Geneva\u{200f}".into());
        c.quote = Some("a \u{202d}two-year effort".into());
        c.url = "https://example.org/\u{202e}#t37".into();
    });
    for style in Style::ALL {
        let out = cite(&c, style);
        assert!(
            !out.chars().any(floor::text::is_bidi_control),
            "{}: {out:?}",
            style.label()
        );
        assert!(out.contains("Doria") && out.contains("IGF 2016 Meeting"));
    }
}

#[test]
fn bibtex_escapes_its_special_characters() {
    let c = turn_37(|c| {
        c.title = Some(r"R&D: 100% {x} $5 #1 a_b ~ ^ \ end".into());
        c.speaker = Some("Moderator_1 & Co".into());
        c.role = true;
        c.url = "https://e.org/a b{c}\\d?x=1%20#t37".into();
    });
    let out = cite(&c, Style::Bibtex);
    assert!(
        out.contains(
            r"  title = {{R\&D: 100\% \{x\} \$5 \#1 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{} end}},"
        ),
        "{out}"
    );
    assert!(out.contains(r"  author = {{Moderator\_1 \& Co}},"), "{out}");
    assert!(
        out.contains("  url = {https://e.org/a%20b%7Bc%7D%5Cd?x=1%20#t37},"),
        "{out}"
    );
    // Every brace that is not escaped is balanced.
    let mut depth = 0i32;
    let mut escaped = false;
    for ch in out.chars() {
        match ch {
            '\\' if !escaped => escaped = true,
            '{' if !escaped => depth += 1,
            '}' if !escaped => {
                depth -= 1;
                assert!(depth >= 0, "{out}");
            }
            _ => escaped = false,
        }
        if ch != '\\' {
            escaped = false;
        }
    }
    assert_eq!(depth, 0, "{out}");
}

#[test]
fn csl_json_escapes_strings() {
    let awkward = "Say \"hi\" \\ back\n\ttab \u{1}\u{1f} \u{2028} end";
    let c = turn_37(|c| {
        c.title = Some(awkward.into());
        c.speaker = Some(awkward.into());
        c.role = true;
        c.quote = Some(awkward.into());
    });
    let out = cite(&c, Style::CslJson);
    let items: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let item = &items[0];
    // Trimmed, as every field is; the inside kept.
    assert_eq!(item["title"], awkward.trim());
    assert_eq!(item["author"][0]["literal"], awkward.trim());
    assert_eq!(
        item["note"],
        format!("Turn 37: \u{201c}{}\u{201d}", awkward.trim())
    );
}

#[test]
fn styles_by_name_and_label() {
    assert_eq!(Style::ALL.len(), 6);
    for style in Style::ALL {
        assert_eq!(Style::parse(style.name()), Some(style));
        assert_eq!(Style::parse(&style.name().to_uppercase()), Some(style));
    }
    let labels: Vec<&str> = Style::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(
        labels,
        [
            "Plain text",
            "APA 7",
            "Chicago",
            "MLA 9",
            "BibTeX",
            "CSL-JSON"
        ]
    );
    assert_eq!(Style::parse("csl"), None);
}

#[test]
fn what_is_not_known_is_left_out() {
    let c = Cited {
        title: Some("T".into()),
        ..Cited::default()
    };
    assert_eq!(cite(&c, Style::Plain), "Unattributed, \u{201c}T\u{201d}.");
    assert_eq!(cite(&c, Style::Apa), "T. (n.d.).");
    assert_eq!(cite(&c, Style::Chicago), "\u{201c}T.\u{201d} N.d.");
    assert_eq!(cite(&c, Style::Mla), "\u{201c}T.\u{201d}");
    assert_eq!(
        cite(&c, Style::Bibtex),
        "@misc{transcript,\n  title = {{T}},\n}"
    );
    assert_eq!(
        cite(&c, Style::CslJson),
        "[\n  {\n    \"id\": \"transcript\",\n    \"type\": \"speech\",\n    \"title\": \"T\"\n  }\n]"
    );
}

#[test]
fn igf_is_the_publisher_only_when_the_transcript_says_so() {
    let cited = |text: &str| Cited::of(&floor::read::parse_str(text), 1, None, "", "");
    assert_eq!(
        cited("IGF2019 Day 1\n\n>>ANA: Hi.").publisher.as_deref(),
        Some("Internet Governance Forum")
    );
    assert_eq!(
        cited("Internet Governance Forum open consultations\n\n>>ANA: Hi.")
            .publisher
            .as_deref(),
        Some("Internet Governance Forum")
    );
    assert_eq!(cited("Board meeting\n\n>>ANA: Hi.").publisher, None);
    assert_eq!(cited("BIGFOOT meeting\n\n>>ANA: Hi.").publisher, None);
}
