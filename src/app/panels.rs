//! The panels around the turns: the transcript's header with its figures and
//! diagnostics, the speaker index, the keyboard help and the paste dialog.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::{Source, State, show_bytes};
use crate::model::{DiagnosticKind, Transcript};
use crate::view;
use crate::web::dom;

/// Title, date, place, figures, disclaimer and "About this transcript".
#[component]
pub fn TranscriptHeader(transcript: Arc<Transcript>, source: Source) -> impl IntoView {
    let m = &transcript.meta;
    let title = m
        .title
        .clone()
        .unwrap_or_else(|| "Untitled transcript".into());
    let when_where = view::when_where(&transcript);
    let figures = view::figures(&transcript);
    let disclaimer = m.disclaimer.clone().map(|d| {
        view! {
            <details class="disclaimer">
                <summary>"Disclaimer"</summary>
                <p>{d}</p>
            </details>
        }
    });
    let note = match &source {
        Source::File(name) => Some(format!(
            "Opened from the file {name}: links to its turns only work for someone who opens the same file."
        )),
        Source::Paste => Some(
            "Pasted text: links to its turns only work for someone who pastes the same text."
                .to_string(),
        ),
        _ => None,
    };
    let state = expect_context::<State>();
    let no_diagnostics = transcript.diagnostics.is_empty();
    view! {
        // A region named by its title (the page's one banner is the toolbar's).
        <section class="transcript-head" aria-labelledby="title">
            <h1 id="title">{title}</h1>
            {when_where.map(|w| view! { <p class="when">{w}</p> })}
            <p class="figures">{figures}</p>
            {note.map(|n| view! { <p class="note-local">{n}</p> })}
            {disclaimer}
            <details class="about" open=state.about_open.get_untracked()>
                <summary>"About this transcript"</summary>
                {no_diagnostics.then(|| view! { <p>"The parser noticed nothing unusual."</p> })}
                // Filled by `fill_about` once shown (plain DOM calls: a
                // reactive view of it cost 5 KB of WebAssembly); the viewer's
                // click handler (`turns::on_click`) serves its buttons.
                <ul id=ABOUT_LIST></ul>
            </details>
        </section>
    }
}

/// The id of the list of "About this transcript".
pub(super) const ABOUT_LIST: &str = "about-list";

/// Fills the list of "About this transcript" with `t`'s diagnostics, each
/// message's quotes (“…”: labels, words of the transcript) in `<bdi>`, so
/// that a bidi control or a right-to-left name in a label cannot reorder the
/// message around it. A merge of speakers gets an "Undo" button, an undone
/// one "Merge again" (`data-label`, and `data-apart` to undo).
pub(super) fn fill_about(ul: &web_sys::Element, t: &Transcript) {
    let Some(doc) = ul.owner_document() else {
        return;
    };
    // A header drawn anew may keep its list element, with the old items.
    ul.set_text_content(None);
    let el = |tag: &str| doc.create_element(tag).ok();
    for (i, d) in t.diagnostics.iter().enumerate() {
        let Some(li) = el("li") else { return };
        if d.line > 0 {
            dom::append_text(&li, &format!("Line {}: ", d.line));
        }
        let mut rest = d.message.as_str();
        while let Some((before, after)) = rest.split_once('\u{201c}') {
            let Some((quoted, after)) = after.split_once('\u{201d}') else {
                break;
            };
            dom::append_text(&li, &[before, "\u{201c}"].concat());
            if let Some(bdi) = el("bdi") {
                bdi.set_text_content(Some(quoted));
                let _ = li.append_child(&bdi);
            }
            rest = after;
            dom::append_text(&li, "\u{201d}");
        }
        dom::append_text(&li, rest);
        let action = match (d.kind, &d.label) {
            (DiagnosticKind::SpeakerMerged, Some(label)) => Some((
                "Undo",
                format!("Undo the merge of \u{201c}{label}\u{201d}"),
                label,
            )),
            (DiagnosticKind::MergeUndone, Some(label)) => Some((
                "Merge again",
                format!("Merge again: \u{201c}{label}\u{201d}"),
                label,
            )),
            _ => None,
        };
        if let Some((text, name, label)) = action
            && let Some(button) = el("button")
        {
            button.set_id(&about_button(i));
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("aria-label", &name);
            let _ = button.set_attribute("data-label", label);
            if d.kind == DiagnosticKind::SpeakerMerged {
                let _ = button.set_attribute("data-apart", "");
            }
            button.set_text_content(Some(text));
            dom::append_text(&li, " ");
            let _ = li.append_child(&button);
        }
        let _ = ul.append_child(&li);
    }
}

/// The id of the button of diagnostic `i` in "About this transcript".
pub(super) fn about_button(i: usize) -> String {
    format!("about-{i}")
}

use view::{LISTED_SPEAKERS, thousands};

/// Speakers with their turns and share of words; choosing one filters the
/// turns. The list is drawn with plain DOM calls (a reactive row cost about
/// 1.5 KB of WebAssembly memory, and a file can have thousands of
/// speakers); its buttons are served by the viewer's one click handler
/// ([`choose_speaker`]), and one effect keeps their `aria-pressed`.
#[component]
pub fn SpeakerIndex(transcript: Arc<Transcript>) -> impl IntoView {
    let state = expect_context::<State>();
    let shares = Arc::new(view::speaker_shares(&transcript));
    let total = shares.len();
    let list = NodeRef::<html::Ul>::new();
    let listed = RwSignal::new(total.min(LISTED_SPEAKERS));
    {
        let (t, shares) = (transcript.clone(), shares.clone());
        // A list drawn anew may keep its element, with the old rows.
        list.on_load(move |ul| {
            ul.set_text_content(None);
            fill_speakers(&ul, &t, &shares[..listed.get_untracked()]);
        });
    }
    Effect::new(move |_| {
        let chosen = state.speaker.get();
        if let Some(ul) = list.get() {
            press_speaker(&ul, chosen.as_deref());
        }
    });
    let list_rest = {
        let t = transcript.clone();
        move |_| {
            let from = listed.get_untracked();
            if let Some(ul) = list.get_untracked() {
                let first_new = ul.children().length();
                fill_speakers(&ul, &t, &shares[from..]);
                press_speaker(&ul, state.speaker.get_untracked().as_deref());
                if let Some(button) = ul
                    .children()
                    .item(first_new)
                    .and_then(|li| li.first_element_child())
                {
                    dom::focus(&button);
                }
            }
            listed.set(total);
        }
    };
    let filtered_name = {
        let t = transcript.clone();
        move || {
            state.speaker.with(|f| {
                f.as_deref()
                    .and_then(|id| t.speaker(id))
                    .map(|s| s.name.clone())
            })
        }
    };
    // Open beside the text on wide screens; collapsed above it on narrow ones.
    let wide = web_sys::window()
        .and_then(|w| w.match_media("(min-width: 60rem)").ok().flatten())
        .is_some_and(|m| m.matches());
    view! {
        <nav class="speakers" aria-labelledby="speakers-title title">
            <details open=wide>
                <summary>
                    <h2 id="speakers-title">"Speakers"</h2>
                </summary>
                <p class="filter-state" aria-live="polite">
                    {move || match filtered_name() {
                        Some(name) => format!("Showing only turns by {name}."),
                        None => "Showing all turns.".to_string(),
                    }}
                </p>
                <button type="button" class="clear" hidden=move || state.speaker.with(Option::is_none) on:click=move |_| choose_speaker(state, None)>
                    "Show all speakers"
                </button>
                <ul node_ref=list></ul>
                {(total > LISTED_SPEAKERS).then(|| view! {
                    <p class="more" hidden=move || { listed.get() == total }>
                        {format!("The {LISTED_SPEAKERS} speakers with the most words are listed. ")}
                        <button type="button" on:click=list_rest>
                            {format!("List the other {} speakers", thousands(total - LISTED_SPEAKERS))}
                        </button>
                    </p>
                })}
            </details>
        </nav>
    }
}

/// Adds a row to the speaker list `ul` for each of `shares`: a button with
/// the speaker's name, turns and share of words (`data-speaker`: the id).
fn fill_speakers(ul: &web_sys::Element, t: &Transcript, shares: &[view::SpeakerShare]) {
    let Some(doc) = ul.owner_document() else {
        return;
    };
    let el = |tag: &str, class: &str| {
        let e = doc.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        Some(e)
    };
    let fragment = doc.create_document_fragment();
    for share in shares {
        let Some(s) = t.speakers.get(share.speaker) else {
            continue;
        };
        let (Some(li), Some(button), Some(name), Some(count)) = (
            el("li", ""),
            el("button", ""),
            el("bdi", "name"),
            el("span", "count"),
        ) else {
            return;
        };
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("aria-pressed", "false");
        let _ = button.set_attribute("data-speaker", &s.id);
        let _ = button.set_attribute("title", &format!("Written as: {}", s.labels.join(", ")));
        name.set_text_content(Some(&s.name));
        let text = format!(
            "{} · {}% of words",
            view::counted(s.turns, "turn"),
            share.percent
        );
        count.set_text_content(Some(&text));
        let _ = button.append_child(&name);
        let _ = button.append_child(&count);
        let _ = li.append_child(&button);
        let _ = fragment.append_child(&li);
    }
    let _ = ul.append_child(&fragment);
}

/// Marks the button of speaker `id` in the list `ul` pressed, the others not.
fn press_speaker(ul: &web_sys::Element, id: Option<&str>) {
    let rows = ul.children();
    for i in 0..rows.length() {
        if let Some(button) = rows.item(i).and_then(|li| li.first_element_child()) {
            let pressed = id.is_some() && button.get_attribute("data-speaker").as_deref() == id;
            let _ = button.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
        }
    }
}

/// Shows the turns of speaker `id` only (all with `None`), and moves the
/// reader to the first turn shown, focused and in view below the toolbar
/// (after the filter has hidden the others).
pub(super) fn choose_speaker(state: State, id: Option<String>) {
    let first = state.shown.with_untracked(|s| {
        let t = &s.as_ref()?.transcript;
        view::visible_turns(t, id.as_deref())
            .first()
            .map(|turn| turn.n)
    });
    state.speaker.set(id);
    state.anchor.set(None);
    state.sync_url();
    let Some(first) = first else { return };
    state.reach(first, 0);
    dom::request_animation_frame(move || {
        if let Some(el) = state.by_id(&format!("t{first}")) {
            dom::reveal(el);
        }
    });
}

/// Keeps a `<dialog>` open as a modal exactly while `open` is true.
fn modal(dialog: NodeRef<html::Dialog>, open: RwSignal<bool>) {
    Effect::new(move |_| {
        let open = open.get();
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
}

/// The keyboard help, opened with `?`.
#[component]
pub fn Help() -> impl IntoView {
    let state = expect_context::<State>();
    let dialog = NodeRef::<html::Dialog>::new();
    modal(dialog, state.help);
    let keys = [
        ("j", "next turn"),
        ("k", "previous turn"),
        ("]", "next turn by the same speaker"),
        ("[", "previous turn by the same speaker"),
        ("/", "search"),
        (
            "Enter, Shift+Enter",
            "next, previous match (in the search field)",
        ),
        ("n, N", "next, previous match"),
        (
            "Esc",
            "clear the search, then the speaker filter; close this help",
        ),
        (
            "q",
            "quote words of the current turn: then Shift+\u{2192} \u{2190} its end, \u{2192} \u{2190} its start",
        ),
        ("?", "show this help"),
        ("p", "play or pause the recording"),
        (", .", "back, forward 5 seconds in the recording"),
        ("f", "follow the turn being spoken, or stop"),
    ];
    view! {
        <dialog node_ref=dialog class="help" aria-labelledby="help-title" on:close=move |_| state.help.set(false)>
            <h2 id="help-title">"Keyboard"</h2>
            <dl>
                {keys.into_iter().map(|(k, what)| view! { <dt><kbd>{k}</kbd></dt><dd>{what}</dd> }).collect_view()}
            </dl>
            <p>"Keys do nothing while you type in a field."</p>
            <form method="dialog">
                <button type="submit">"Close"</button>
            </form>
        </dialog>
    }
}

/// Opens the paste dialog, asking for a transcript ("Paste text") or for
/// captions ("Add captions").
pub(super) fn ask(state: State, captions: bool) {
    state.add_captions.set_value(captions);
    if let Some(dialog) = state.by_id("paste") {
        let _ = dialog.class_list().toggle_with_force("captions", captions);
    }
    state.paste.set(true);
}

/// "Paste text": a text area for transcript text or copied page HTML; and
/// "Add captions" ([`State::add_captions`]): the captions of the
/// transcript's recording, from a file (chosen or dropped) or pasted, which
/// the transcript is aligned to.
#[component]
pub fn PasteDialog() -> impl IntoView {
    let state = expect_context::<State>();
    let dialog = NodeRef::<html::Dialog>::new();
    let area = NodeRef::<html::Textarea>::new();
    modal(dialog, state.paste);
    // Copied page HTML keeps its structure: prefer it to the plain text.
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let html = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/html").ok())
            .filter(|h| !h.trim().is_empty() && !state.add_captions.get_value());
        if let (Some(html), Some(area)) = (html, area.get()) {
            ev.prevent_default();
            area.set_value(&html);
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            super::load::open_file(state, file, true);
        }
        input.set_value("");
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(area) = area.get() else { return };
        let text = area.value();
        let captions = state.add_captions.get_value();
        state.paste.set(false);
        if text.trim().is_empty() {
            state.fail("Nothing was pasted: paste into the box first.".into());
            return;
        }
        area.set_value("");
        leptos::task::spawn_local(async move {
            show_bytes(state, text.into_bytes(), Source::Paste, captions).await;
        });
    };
    // One dialog for both: its class (set by `ask`) shows the words of one.
    view! {
        <dialog node_ref=dialog id="paste" class="paste" aria-labelledby="paste-title" on:close=move |_| state.paste.set(false)>
            <form on:submit=submit>
                <h2 id="paste-title"><span class="for-text">"Paste a transcript"</span><span class="for-captions">"Add captions"</span></h2>
                <div class="for-captions">
                    <p>"The captions of this transcript\u{2019}s recording (WebVTT, SRT, YouTube or Whisper JSON) give its turns their times. Choose or drop a file, or paste them."</p>
                    <label class="button file">
                        "Choose a captions file"
                        <input type="file" accept=".vtt,.srt,.json,.txt,text/*" on:change=on_file />
                    </label>
                </div>
                <label for="paste-text"><span class="for-text">"Transcript text, or a copied page"</span><span class="for-captions">"Or paste the captions"</span></label>
                <textarea id="paste-text" node_ref=area rows="12" on:paste=on_paste></textarea>
                <div class="dialog-actions">
                    <button type="submit"><span class="for-text">"Show"</span><span class="for-captions">"Align"</span></button>
                    <button type="button" on:click=move |_| state.paste.set(false)>"Cancel"</button>
                </div>
            </form>
        </dialog>
    }
}
