//! The names Rust shares with the JavaScript, HTML, CSS and Markdown around
//! it (`floor::names`, and the limits in `floor::source`), checked where
//! those files spell them. They cannot import Rust: these checks are what
//! keeps a name changed on one side from breaking the other. Each check
//! looks for the name where a file uses it, and for any other spelling of
//! the same family (another `data-floor-…` attribute, another `floor:…`
//! message or timing, another `localStorage` key…).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::Path;

use floor::names::{self, timing};
use floor::source::{MAX_BYTES, MAX_URL_BYTES};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every JavaScript, HTML, CSS and Markdown file of the project that may
/// spell a shared name (not the test data): `(path, text)`.
fn files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in [
        ".",
        "assets",
        "examples",
        "src/web",
        "style",
        "tests/bench",
        "tests/e2e",
    ] {
        let entries = std::fs::read_dir(Path::new(ROOT).join(dir)).expect(dir);
        let mut paths: Vec<_> = entries
            .map(|e| e.expect(dir).path())
            .filter(|p| {
                p.is_file()
                    && p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| matches!(e, "js" | "mjs" | "html" | "css" | "md"))
            })
            .collect();
        paths.sort();
        for path in paths {
            let name = path.strip_prefix(ROOT).unwrap().display().to_string();
            let text = std::fs::read_to_string(&path).expect(&name);
            out.push((name, text));
        }
    }
    assert!(out.len() > 20, "the files were not found: {out:?}");
    out
}

/// The files Floor ships or builds from (not the tests, benchmarks and
/// examples around it).
fn app_files() -> Vec<(String, String)> {
    files()
        .into_iter()
        .filter(|(path, _)| {
            path == "index.html" || path.starts_with("src/web/") || path.starts_with("style/")
        })
        .collect()
}

/// The words of `text` that start with `prefix`: the prefix and what
/// follows it in letters, digits, `-` and `_`.
fn words<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.match_indices(prefix)
        .map(|(at, _)| {
            let rest = &text[at + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            &text[at..at + prefix.len() + end]
        })
        .collect()
}

/// What follows each `before` in `text`, up to `end`.
fn after<'a>(text: &'a str, before: &str, end: char) -> Vec<&'a str> {
    text.match_indices(before)
        .map(|(at, _)| {
            let rest = &text[at + before.len()..];
            &rest[..rest.find(end).unwrap_or(rest.len())]
        })
        .collect()
}

/// Fails unless every word of `family` (by its prefix) in `files` is one of
/// `known`; returns how many there were.
fn only_known(files: &[(String, String)], family: &str, known: &[&str]) -> usize {
    let mut count = 0;
    for (path, text) in files {
        for word in words(text, family) {
            assert!(
                known.contains(&word),
                "{path} spells `{word}`, which is none of {known:?} (src/names.rs)"
            );
            count += 1;
        }
    }
    count
}

fn contains(path: &str, needle: &str) {
    assert!(
        read(path).contains(needle),
        "{path} should contain `{needle}` (src/names.rs)"
    );
}

#[test]
fn the_attributes_of_floor_elements() {
    let attributes = [
        names::APP_ATTRIBUTE,
        names::TEXT_ATTRIBUTE,
        names::SRC_ATTRIBUTE,
        names::MOUNTED_ATTRIBUTE,
        names::MEDIA_ATTRIBUTE,
        names::TRANSCRIPT_ATTRIBUTE,
    ];
    for name in attributes {
        assert!(name.starts_with("data-floor"), "{name}");
    }
    assert!(only_known(&files(), "data-floor", &attributes) > 10);
    // Floor's own page says so, and floor.js asks.
    contains(
        "index.html",
        &format!("<html lang=\"en\" {}>", names::APP_ATTRIBUTE),
    );
    let floor_js = read("src/web/floor.js");
    let asks = format!("hasAttribute('{}')", names::APP_ATTRIBUTE);
    assert_eq!(floor_js.matches(&asks).count(), 2, "floor.js: {asks}");
    // A session page names its transcript so, and floor.js prefetches it.
    contains(
        "src/web/floor.js",
        &format!("getAttribute('{}')", names::TRANSCRIPT_ATTRIBUTE),
    );
    // Host pages mark their transcripts so (the README and the examples).
    for name in [names::TEXT_ATTRIBUTE, names::SRC_ATTRIBUTE] {
        contains("README.md", &format!("<div {name}"));
    }
    contains(
        "examples/in-place.html",
        &format!("<div {} ", names::TEXT_ATTRIBUTE),
    );
    contains(
        "examples/src.html",
        &format!("<div {}=", names::SRC_ATTRIBUTE),
    );
    // (floor.js says which elements `enhance` mounts viewers in.)
    let enhanced = names::ENHANCED_SELECTOR.replace(", ", " / ");
    contains("src/web/floor.js", &format!("mounts every {enhanced}"));
}

#[test]
fn the_theme_key_attribute_and_values() {
    let themes = [names::LIGHT_THEME, names::DARK_THEME];
    // first-screen.js applies the stored theme before the page is drawn:
    // the same key, the same attribute, the same values.
    let js = read("src/web/first-screen.js");
    let keys = after(&js, "localStorage.getItem('", '\'');
    assert_eq!(keys, [names::THEME_KEY], "first-screen.js's storage keys");
    let attributes = after(&js, "setAttribute('", '\'');
    assert_eq!(
        attributes,
        [names::THEME_ATTRIBUTE],
        "first-screen.js's attributes"
    );
    let values: BTreeSet<_> = after(&js, "theme === '", '\'').into_iter().collect();
    assert_eq!(values, BTreeSet::from(themes), "first-screen.js's themes");
    // No other spelling of the key or the attribute anywhere.
    assert!(only_known(&files(), "floor-theme", &[names::THEME_KEY]) >= 1);
    assert!(only_known(&files(), "data-theme", &[names::THEME_ATTRIBUTE]) > 4);
    // The stylesheet styles both themes by the attribute, and no other.
    let css = read("style/floor.css");
    let styled: BTreeSet<_> = after(&css, &format!("[{}=\"", names::THEME_ATTRIBUTE), '"')
        .into_iter()
        .collect();
    assert_eq!(styled, BTreeSet::from(themes), "floor.css's themes");
}

#[test]
fn the_prefetched_response() {
    let js = read("src/web/floor.js");
    contains(
        "src/web/floor.js",
        &format!(
            "globalThis.{} = {{ url, response }}",
            names::PREFETCH_GLOBAL
        ),
    );
    // The body reader floor.js defines, imported by the app under its name.
    contains(
        "src/web/floor.js",
        &format!(
            "globalThis.{} = async (response, max) =>",
            names::BODY_GLOBAL
        ),
    );
    contains(
        "src/web/fetch.rs",
        &format!("js_name = {})]", names::BODY_GLOBAL),
    );
    // The timed readers' loader, imported by the app under its name.
    contains(
        "src/web/floor.js",
        &format!("globalThis.{} = (text, name) =>", names::READ_GLOBAL),
    );
    contains(
        "src/web/readers.rs",
        &format!("js_name = {})]", names::READ_GLOBAL),
    );
    // The recording's bar, the same way.
    contains(
        "src/web/floor.js",
        &format!(
            "globalThis.{} = (status, options, tell) =>",
            names::MEDIA_GLOBAL
        ),
    );
    contains(
        "src/app/media.rs",
        &format!("js_name = {})]", names::MEDIA_GLOBAL),
    );
    // The quote bar's, and the readers' module's other functions.
    contains(
        "src/web/floor.js",
        &format!(
            "globalThis.{} = (root, viewer, tell) =>",
            names::QUOTE_GLOBAL
        ),
    );
    contains(
        "src/app/quote.rs",
        &format!("js_name = {})]", names::QUOTE_GLOBAL),
    );
    contains(
        "src/web/floor.js",
        &format!("globalThis.{} = (op, args) =>", names::CALL_GLOBAL),
    );
    contains(
        "src/web/quote.js",
        &format!("globalThis.{}(op, args)", names::CALL_GLOBAL),
    );
    // The aligner's, the same way.
    contains(
        "src/web/floor.js",
        &format!(
            "globalThis.{} = (wire, captions, name) =>",
            names::ALIGN_GLOBAL
        ),
    );
    contains(
        "src/web/readers.rs",
        &format!("js_name = {})]", names::ALIGN_GLOBAL),
    );
    assert_eq!(
        only_known(
            &app_files(),
            "__floor",
            &[
                names::PREFETCH_GLOBAL,
                names::BODY_GLOBAL,
                names::READ_GLOBAL,
                names::ALIGN_GLOBAL,
                names::MEDIA_GLOBAL,
                names::QUOTE_GLOBAL,
                names::CALL_GLOBAL,
                names::ARCHIVE_MEMORY_GLOBAL
            ]
        ),
        13
    );
    // floor.js prefetches what the app will ask for: `?src=` or the sample,
    // if it is a URL the app accepts.
    assert_eq!(
        after(&js, "URLSearchParams(location.search).get('", '\''),
        [names::SRC_PARAM],
        "floor.js's parameters"
    );
    contains("src/web/floor.js", &format!("?? '{}'", names::SAMPLE_URL));
    contains(
        "index.html",
        &format!("href=\"assets/{}\"", names::SAMPLE_URL),
    );
    let limits = after(&js, "url.length <= ", ' ');
    assert_eq!(limits, [MAX_URL_BYTES.to_string()], "floor.js's URL limit");
    // The options floor.js gives every viewer.
    for option in [names::STYLESHEET_OPTION, names::BASE_OPTION] {
        contains("src/web/floor.js", &format!("  {option}: new URL("));
    }
}

#[test]
fn the_first_screen_class() {
    let class = names::FIRST_SCREEN_CLASS;
    assert!(only_known(&files(), "first-scr", &[class]) > 10);
    contains(
        "src/web/first-screen.mjs",
        &format!("classList.add('{class}')"),
    );
    contains(
        "src/web/first-screen.mjs",
        &format!("'{}'", names::VIEWER_SELECTOR),
    );
    contains(
        "ARCHITECTURE.md",
        &format!("(`{}`)", names::VIEWER_SELECTOR),
    );
    contains(
        "src/web/floor.js",
        &format!(
            "querySelector('{}:not(.{})')",
            names::FIRST_SCREEN_SELECTOR,
            names::PRERENDERED_CLASS
        ),
    );
    // A session page's pre-rendered transcript, and its archive link.
    contains(
        "src/web/session.js",
        &format!("querySelector('.{}')", names::PRERENDERED_CLASS),
    );
    contains(
        "src/web/session.css",
        &format!(".{} {{", names::ARCHIVE_LINK_CLASS),
    );
    contains("style/floor.css", &format!(" .{class} "));
    let html = read("assets/first-screen.html");
    assert!(
        html.starts_with(&format!("<div class=\"floor {class}\"")),
        "assets/first-screen.html"
    );
    contains(
        "tests/bench/size.mjs",
        &format!("<div class=\"floor {class}\""),
    );
}

#[test]
fn messages_and_timings() {
    let messages = [
        names::GO_MESSAGE,
        names::PERMALINK_MESSAGE,
        names::HEIGHT_MESSAGE,
        names::TIME_MESSAGE,
        names::SEEK_MESSAGE,
    ];
    let known: Vec<&str> = messages.iter().chain(&timing::ALL).copied().collect();
    // Quoted or in backticks, as code: `floor:` then a name.
    let mut count = 0;
    for (path, text) in files() {
        for quote in ['\'', '"', '`'] {
            for word in words(&text, &format!("{quote}floor:")) {
                let name = &word[1..];
                if name.len() == "floor:".len() {
                    continue; // `floor::path` (Rust) or `floor:${…}`
                }
                assert!(
                    known.contains(&name),
                    "{path} spells `{name}`, which is none of {known:?} (src/names.rs)"
                );
                count += 1;
            }
        }
    }
    assert!(count > 20, "{count}");
    // The README documents each message, and the iframe example handles it.
    for message in messages {
        contains("README.md", &format!("| `{message}` |"));
        contains("examples/iframe.html", &format!("'{message}'"));
    }
}

#[test]
fn the_size_limit() {
    let mb = MAX_BYTES / 1_048_576;
    assert_eq!(mb * 1_048_576, MAX_BYTES, "a whole number of MB");
    let mut count = 0;
    for (path, text) in files() {
        for before in ["at most ", "up to "] {
            for said in after(&text, before, ')') {
                // (In a regular expression, the `)` after it is escaped.)
                let Some(number) = said.trim_end_matches('\\').strip_suffix(" MB") else {
                    continue;
                };
                assert_eq!(number, mb.to_string(), "{path}: {before}{said}");
                count += 1;
            }
        }
    }
    assert!(count >= 3, "{count}");
    contains("README.md", &format!("up to {mb} MB"));
}
