//! Browser tests: components mounted in headless Chromium, their DOM checked.
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (see `make test`).
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use floor::app::host::Host;
use floor::app::{
    App, SearchField, Source, SpeakerIndex, State, TranscriptHeader, TurnList, highlight,
};
use floor::link::Anchor;
use floor::link::Location;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = "IGF <b>2016</b>\n\n6 April 2016\n\n>>CHAIR:  First  paragraph. [ Applause ]\n\n\
                    Second & <script>alert(1)</script>\n\n>> (Off microphone.)\n\n\
                    >>ANA SILVA: I am Sivi (phonetic) here.\n\n>>CHAIR: Thanks.\n";

/// A fresh container attached to the page's body.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Resolves after `ms` milliseconds, letting the browser run fetches.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Resolves after the next animation frame (marks are painted in one).
async fn frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap()
}

/// Mounts `TurnList` and the speaker index over TEXT with a fresh state.
fn mount_turns() -> (web_sys::HtmlElement, State, impl Sized) {
    let root = container();
    let t = Arc::new(floor::read::parse_str(TEXT));
    let (state_tx, state_rx) = std::sync::mpsc::channel();
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        let state = State::new(&Location::default(), Host::page(&[]));
        provide_context(state);
        state_tx.send(state).unwrap();
        view! {
            <SpeakerIndex transcript=t.clone() />
            <TurnList transcript=t.clone() />
        }
    });
    (root, state_rx.recv().unwrap(), mounted)
}

#[wasm_bindgen_test]
fn turns_are_articles_headed_by_their_speaker_and_text_stays_text() {
    let (root, _state, _mounted) = mount_turns();
    assert_eq!(root.query_selector_all("article.turn").unwrap().length(), 4);
    assert_eq!(text(&root, "#t1 h2"), "Chair");
    assert_eq!(text(&root, "#t1-p2"), "Second & <script>alert(1)</script>");
    assert!(
        root.query_selector("#t1 script, #t1 b").unwrap().is_none(),
        "no markup from the transcript"
    );
    assert_eq!(text(&root, "#t1-p1 .note"), "[ Applause ]");
    assert!(text(&root, "#t2 h2").starts_with("Unattributed"));
    assert_eq!(text(&root, "#t3-p1 .uncertain"), "Sivi");
    let who = root.query_selector("#t1 .who").unwrap().unwrap();
    assert_eq!(
        who.get_attribute("title").as_deref(),
        Some("Written in the transcript as \u{201c}CHAIR\u{201d}")
    );
}

#[wasm_bindgen_test]
async fn the_speaker_filter_hides_other_turns() {
    let (root, state, _mounted) = mount_turns();
    let hidden = |n: u32| {
        root.query_selector(&format!("#t{n}"))
            .unwrap()
            .unwrap()
            .has_attribute("hidden")
    };
    assert!(!hidden(2));
    state.speaker.set(Some("chair".into()));
    leptos::task::tick().await;
    assert_eq!([1, 2, 3, 4].map(hidden), [false, true, true, false]);
    let pressed = root
        .query_selector("nav button[aria-pressed=true] .name")
        .unwrap()
        .unwrap();
    assert_eq!(pressed.text_content().unwrap(), "Chair");
    assert!(text(&root, ".filter-state").contains("only turns by Chair"));
    state.speaker.set(None);
    leptos::task::tick().await;
    assert!(!hidden(2));
}

#[wasm_bindgen_test]
async fn the_current_turn_is_marked() {
    let (root, state, _mounted) = mount_turns();
    let current = || {
        let list = root.query_selector_all("[aria-current=true]").unwrap();
        (0..list.length())
            .map(|i| {
                list.item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::Element>()
                    .id()
            })
            .collect::<Vec<_>>()
    };
    assert!(current().is_empty());
    state.anchor.set(Some(Anchor::Turn(3)));
    leptos::task::tick().await;
    assert_eq!(current(), ["t3"]);
    state.anchor.set(Some(Anchor::Paragraph(1, 2)));
    leptos::task::tick().await;
    assert_eq!(current(), ["t1"]);
}

#[wasm_bindgen_test]
fn the_header_shows_title_date_and_figures() {
    let root = container();
    let t = Arc::new(floor::read::parse_str(TEXT));
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(State::new(&Location::default(), Host::page(&[])));
        view! { <TranscriptHeader transcript=t.clone() source=Source::File("x.txt".into()) /> }
    });
    assert_eq!(text(&root, "h1"), "IGF <b>2016</b>");
    assert_eq!(text(&root, ".when"), "6 April 2016");
    assert!(
        text(&root, ".figures").starts_with("4 turns · 2 speakers · "),
        "{}",
        text(&root, ".figures")
    );
    assert!(text(&root, ".note-local").contains("only work for someone who opens the same file"));
}

#[wasm_bindgen_test]
async fn a_failed_load_is_an_alert() {
    // The test page has no sample.txt beside it: the app must say so.
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), App);
    let mut shown = false;
    for _ in 0..500 {
        sleep(10).await;
        leptos::task::tick().await;
        let alert = root.query_selector("[role=alert]").unwrap().unwrap();
        if !alert.has_attribute("hidden") {
            shown = true;
            break;
        }
    }
    assert!(shown, "an alert within 5 s");
    let message = text(&root, "[role=alert] p");
    assert!(
        message.contains("sample.txt") && message.contains("404"),
        "{message}"
    );
    assert!(root.query_selector("article").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn search_marks_matches_in_the_text_and_counts_them() {
    let root = container();
    let t = floor::read::parse_str(TEXT);
    let (state_tx, state_rx) = std::sync::mpsc::channel();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let state = State::new(&Location::default(), Host::page(&[]));
        provide_context(state);
        state.show(t.clone(), Source::Paste);
        highlight(state);
        state_tx.send(state).unwrap();
        view! {
            <SearchField />
            {move || state.shown.with(|s| s.as_ref().map(|s| view! { <TurnList transcript=s.transcript.clone() /> }))}
        }
    });
    let state: State = state_rx.recv().unwrap();
    leptos::task::tick().await;
    state.query.set("applause thanks".into());
    leptos::task::tick().await;
    assert_eq!(text(&root, "#search-count"), "No matches");
    state.query.set("paragraph appl".into());
    leptos::task::tick().await;
    frame().await;
    let marks = root.query_selector_all("#t1 mark").unwrap();
    assert_eq!(marks.length(), 2);
    assert_eq!(
        text(&root, "#t1-p1 .note mark"),
        "Appl",
        "a mark inside the note, as written"
    );
    assert_eq!(text(&root, "#search-count"), "2 matches in 1 turn");
    assert!(root.query_selector("#t1-p1 script").unwrap().is_none());
    state.query.set(String::new());
    leptos::task::tick().await;
    frame().await;
    assert_eq!(root.query_selector_all("mark").unwrap().length(), 0);
    assert_eq!(text(&root, "#t1-p1"), "First  paragraph. [ Applause ]");
}

/// `JSON.stringify` of a JS value.
fn json(value: &wasm_bindgen::JsValue) -> String {
    js_sys::JSON::stringify(value).unwrap().as_string().unwrap()
}

/// The JS API's objects (built by hand, without serde) are exactly serde's
/// serialisation of the transcript through serde_wasm_bindgen, as the API
/// made them before: the same keys in the same order, `null` where a value
/// is absent, keys left out where serde skips them, times in seconds.
#[wasm_bindgen_test]
fn the_js_objects_are_serdes() {
    use serde::Serialize;
    const VTT: &str = "WEBVTT\n\nNOTE a comment, skipped\n\n\
        00:00:01.000 --> 00:00:04.000\n<v Ana Silva>Hello<00:00:01.500><c> there</c><00:00:02.250><c> everyone.</c>\n\n\
        00:00:05.000 --> 00:00:09.500\n<v Ben>Thanks. [ Applause ]\n\n\
        00:00:10.000 --> 00:00:12.345\n<v Ana Silva>Back to Sivi (phonetic) here.\n";
    const MERGED: &str = "Meeting\n\n***\n\n>>CHAIR: One.\n\n>>Chair: Two (phonetic) words.\n\n\
        >>CHAIR ST. AMOUR: Three.\n\n>>CHAIR ST AMOUR: Four. (Off microphone.)\n";
    let cases: [(&str, floor::model::Transcript); 6] = [
        (
            "sample",
            floor::read::parse_str(include_str!("../assets/sample.txt")),
        ),
        ("webvtt", floor::read::parse_str(VTT)),
        ("notes", floor::read::parse_str(TEXT)),
        ("merged", floor::read::parse_str(MERGED)),
        ("empty", floor::read::parse_str("")),
        ("blank", floor::read::parse_str("\n \n")),
    ];
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    let mut all = String::new();
    for (name, t) in &cases {
        let ours = json(&floor::web::js::to_js(t));
        let serdes = json(&t.serialize(&serializer).unwrap());
        assert_eq!(ours, serdes, "{name}");
        all += &ours;
    }
    // The cases hold every optional part.
    for part in [
        "\"word_times\":[[0,",
        "\"paragraph_starts\":[1",
        "\"duration\":12.345",
        "\"word\":[",
        "\"dropped\":",
        "\"label\":\"Chair\"",
        "\"kind\":\"speaker_merged\"",
        "\"speaker\":null",
    ] {
        assert!(all.contains(part), "no {part} in {all}");
    }
}
