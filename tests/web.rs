//! Browser tests: components mounted in headless Chromium, their DOM checked.
//! Run with `cargo test --target wasm32-unknown-unknown` (see `make test`).
#![cfg(target_arch = "wasm32")]

use floor::app::{App, Document};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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

#[wasm_bindgen_test]
fn document_shows_title_then_turns_as_text() {
    let root = container();
    let transcript = floor::parse::parse_str(
        "IGF <b>2016</b>\n\n>>CHAIR:  First  paragraph.\n\nSecond & <script>alert(1)</script>\n\n>> (Off microphone.)\n",
    );
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Document transcript=transcript.clone() /> }
    });

    let h1 = root
        .query_selector("article > h1")
        .unwrap()
        .expect("a heading");
    assert_eq!(h1.text_content().unwrap(), "IGF <b>2016</b>");
    let turns = root.query_selector_all("#t1, #t2").unwrap();
    assert_eq!(turns.length(), 2);
    let heading = root.query_selector("#t1 h2").unwrap().unwrap();
    assert_eq!(heading.text_content().unwrap(), "Chair");
    let p = root
        .query_selector("#t1-p2")
        .unwrap()
        .expect("paragraph 2 of turn 1");
    assert_eq!(
        p.text_content().unwrap(),
        "Second & <script>alert(1)</script>"
    );
    assert_eq!(
        root.query_selector("#t2 h2")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Unattributed"
    );
    // Transcript text is text: no markup from it became elements.
    assert!(root.query_selector("b, script").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn app_reports_a_missing_transcript_in_an_alert() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <App src="no-such-transcript.txt".to_string() /> }
    });
    assert!(
        root.query_selector("[role=status]").unwrap().is_some(),
        "loading is shown first"
    );

    let mut alert = None;
    for _ in 0..500 {
        sleep(10).await;
        leptos::task::tick().await;
        alert = root.query_selector("[role=alert]").unwrap();
        if alert.is_some() {
            break;
        }
    }
    let text = alert.expect("an alert within 5 s").text_content().unwrap();
    assert!(text.contains("no-such-transcript.txt"), "{text}");
    assert!(text.contains("404"), "{text}");
    assert!(root.query_selector("article").unwrap().is_none());
}
