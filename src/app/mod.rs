//! The web app: thin Leptos components over the core (wasm32 only).
//!
//! Behaviour lives in plain types ([`Load`]) and in the core; components only
//! map state to DOM. Text from a transcript always reaches the page as text
//! nodes (Leptos escapes it), never through `innerHTML`.

use leptos::prelude::*;

use crate::model::Transcript;
use crate::parse::parse;

pub mod fetch;

/// The bundled sample, as a URL relative to the page, so that a build served
/// under any sub-path finds it beside `index.html`.
pub const SAMPLE_URL: &str = "sample.txt";

/// What the page shows: a transcript on its way, loaded, or failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// The transcript is being fetched.
    Loading,
    /// The transcript is parsed and ready.
    Ready(Transcript),
    /// Loading failed; the message says why, in plain words.
    Failed(String),
}

impl Load {
    /// The state after fetching `url` produced `result`.
    pub fn from_fetch(url: &str, result: Result<String, fetch::FetchError>) -> Load {
        match result {
            Ok(text) => Load::Ready(parse(&text)),
            Err(e) => Load::Failed(format!("Could not load the transcript {url}: {e}.")),
        }
    }
}

/// Mounts the app on the page's `<body>`, showing the bundled sample.
pub fn start() {
    leptos::mount::mount_to_body(|| view! { <App src=SAMPLE_URL.to_string() /> });
}

/// The whole page: fetches `src`, then shows it as a readable document.
#[component]
pub fn App(
    /// URL of the transcript to show (relative URLs resolve against the page).
    src: String,
) -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    leptos::task::spawn_local(async move {
        let result = fetch::text(&src).await;
        load.set(Load::from_fetch(&src, result));
    });
    view! {
        <main id="floor">
            {move || load.with(|state| match state {
                Load::Loading => {
                    view! { <p role="status" class="status">"Loading the transcript…"</p> }
                        .into_any()
                }
                Load::Failed(message) => {
                    view! { <p role="alert" class="alert">{message.clone()}</p> }.into_any()
                }
                Load::Ready(transcript) => {
                    view! { <Document transcript=transcript.clone() /> }.into_any()
                }
            })}
        </main>
    }
}

/// A transcript as a readable document: its title, then its paragraphs.
#[component]
pub fn Document(
    /// The transcript to show.
    transcript: Transcript,
) -> impl IntoView {
    let Transcript { title, paragraphs } = transcript;
    view! {
        <article class="document">
            <h1>{title}</h1>
            {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
        </article>
    }
}
