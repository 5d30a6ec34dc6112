//! Speakers across the archive: each file's speakers merged into one entry
//! per person, by the very resolution a file's labels go through
//! ([`resolve`]: case, spacing, accents, a slip in a usual label word, a
//! role before a name), and one page per person listing every turn.
//!
//! The archive is resolved as if it were one transcript whose turns are
//! every labelled turn of every file, each file's turns on a "line" of its
//! own (its position plus one), so each merge comes back as a
//! `speaker_merged` diagnostic that names its label and the file it was
//! first written in: the build's report lists them for review, and
//! `floor site --no-merge LABEL` keeps a label apart.
//!
//! Roles stay roles: a file's `CHAIR` is not another file's
//! ([`is_role`]), so a speaker whose name is a role is nobody's page and
//! is left out of the merging.

use std::fmt::Write;

use super::cache::Entry;
use super::names;
use crate::model::{DiagnosticKind, Transcript};
use crate::render::escape;
use crate::resolve::speakers::{Choices, is_role, resolve};

/// One person across the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The name shown: that of the label resolution keeps.
    pub name: String,
    /// The page's file name, without `.html`.
    pub page: String,
    /// Turns, in every session.
    pub turns: u32,
    /// Sessions they speak in.
    pub sessions: u32,
    /// Every label written for them, as written, in order of first use.
    pub labels: Vec<String>,
}

/// The archive's people, and which is which in each session.
#[derive(Debug, Default)]
pub struct People {
    /// In order of first appearance in the sessions' order.
    pub people: Vec<Person>,
    /// For each session, for each of its speakers: their person, or `None`
    /// for a role.
    pub of: Vec<Vec<Option<u32>>>,
    /// Each merge across files, as a line of the build's report.
    pub merges: Vec<String>,
    /// People written one way in a file and another way in another.
    pub merged: usize,
    /// For each person, where they speak: `(session, speaker)`, the
    /// session's position in the archive and the speaker's in it, in order.
    pub speaks: Vec<Vec<(u32, u32)>>,
}

/// Resolves the speakers of `sessions` (in the archive's order; `paths`
/// their sources' relative paths, for the report) across the archive.
pub fn across(sessions: &[&Entry], paths: &[&str], no_merge: &[String]) -> People {
    // One turn per labelled turn of a person, with its label as written.
    let mut all = Transcript::default();
    let mut first = Vec::with_capacity(sessions.len());
    for (s, entry) in sessions.iter().enumerate() {
        let mut firsts = Vec::with_capacity(entry.speakers.len());
        for speaker in &entry.speakers {
            if is_role(&speaker.name) {
                firsts.push(None);
                continue;
            }
            firsts.push(Some(all.turns.len()));
            for (label, turns) in &speaker.labels {
                for _ in 0..*turns {
                    all.push_turn(Some(label), [], [0, 0], s + 1);
                }
            }
        }
        first.push(firsts);
    }
    resolve(
        &mut all,
        &Choices {
            no_merge: no_merge.to_vec(),
        },
    );
    // People in order of first appearance: the resolution's speakers are.
    let mut people: Vec<Person> = all
        .speakers
        .iter()
        .map(|s| Person {
            name: s.name.clone(),
            page: String::new(),
            turns: 0,
            sessions: 0,
            labels: s.labels.clone(),
        })
        .collect();
    let of: Vec<Vec<Option<u32>>> = first
        .iter()
        .map(|firsts| {
            firsts
                .iter()
                .map(|f| f.and_then(|i| all.turns[i].speaker()).map(|p| p as u32))
                .collect()
        })
        .collect();
    let mut speaks: Vec<Vec<(u32, u32)>> = vec![Vec::new(); people.len()];
    for (s, entry) in sessions.iter().enumerate() {
        for (i, (speaker, person)) in entry.speakers.iter().zip(&of[s]).enumerate() {
            let Some(p) = *person else { continue };
            let p = p as usize;
            people[p].turns += speaker.turns;
            if speaks[p].last().is_none_or(|&(last, _)| last != s as u32) {
                people[p].sessions += 1;
            }
            speaks[p].push((s as u32, i as u32));
        }
    }
    let slugs: Vec<String> = people
        .iter()
        .map(|p| names::slug(&p.name, "speaker"))
        .collect();
    let wanted: Vec<(&str, &str)> = slugs
        .iter()
        .zip(&people)
        .map(|(s, p)| (s.as_str(), p.labels.first().map_or("", String::as_str)))
        .collect();
    let pages = names::distinct(&wanted, &[]);
    for (person, page) in people.iter_mut().zip(pages) {
        person.page = page;
    }
    // A merge is one across files when the person is written otherwise in
    // another file: a label that only ever shares its file with the label
    // it joins was merged there already, and that file's page says so.
    let mut written: Vec<Vec<Vec<&str>>> = vec![Vec::new(); people.len()];
    for (entry, persons) in sessions.iter().zip(&of) {
        for (speaker, person) in entry.speakers.iter().zip(persons) {
            if let Some(p) = person {
                let mut labels: Vec<&str> =
                    speaker.labels.iter().map(|(l, _)| l.as_str()).collect();
                labels.sort_unstable();
                written[*p as usize].push(labels);
            }
        }
    }
    let across: Vec<bool> = written
        .iter()
        .map(|sets| sets.windows(2).any(|w| w[0] != w[1]))
        .collect();
    // Each label's person (a label names one: resolution groups labels).
    let person_of: std::collections::HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .flat_map(|(p, person)| person.labels.iter().map(move |l| (l.as_str(), p)))
        .collect();
    let merges = all
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::SpeakerMerged)
        .filter(|d| {
            d.label
                .as_deref()
                .and_then(|label| person_of.get(label))
                .is_some_and(|&p| across[p])
        })
        .map(|d| {
            let path = paths.get(d.line.saturating_sub(1)).copied().unwrap_or("?");
            format!("{path}: {}", d.message)
        })
        .collect();
    let merged = across.iter().filter(|&&a| a).count();
    People {
        people,
        of,
        merges,
        merged,
        speaks,
    }
}

/// What a person's page is made from, as a key: who they are, and the
/// keys and names of the sessions they speak in (whose entries give their
/// turns, titles, dates and places).
pub(super) fn key(
    person: &Person,
    speaks: &[(u32, u32)],
    sessions: &[super::Read],
    names: &[String],
) -> String {
    let mut parts: Vec<&[u8]> = vec![person.name.as_bytes(), person.page.as_bytes()];
    for label in &person.labels {
        parts.push(label.as_bytes());
    }
    let counts = [person.turns.to_le_bytes(), person.sessions.to_le_bytes()].concat();
    parts.push(&counts);
    let at: Vec<[u8; 8]> = speaks
        .iter()
        .map(|&(s, i)| {
            let mut b = [0; 8];
            b[..4].copy_from_slice(&s.to_le_bytes());
            b[4..].copy_from_slice(&i.to_le_bytes());
            b
        })
        .collect();
    for (&(s, _), bytes) in speaks.iter().zip(&at) {
        parts.push(bytes);
        if let (Some(read), Some(name)) = (sessions.get(s as usize), names.get(s as usize)) {
            parts.push(read.key.as_bytes());
            parts.push(name.as_bytes());
        }
    }
    super::cache::key_of(&parts)
}

/// A speaker's page: their name, the labels they were written as, and
/// every turn of theirs, session by session (newest first, as the
/// archive), each linked to its place with the turn's first words.
/// `sessions` are `(entry, page name)` in the archive's order.
pub fn page(person: &Person, speaks: &[(u32, u32)], sessions: &[(&Entry, &str)]) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape(&mut out, &person.name);
    out.push_str(" — Transcripts</title>\n<meta name=\"description\" content=\"Every turn of ");
    escape(&mut out, &person.name);
    out.push_str(" across the archive.\">\n<link rel=\"icon\" href=\"../sessions/favicon.svg\">\n<link rel=\"stylesheet\" href=\"../sessions/floor.css\">\n<link rel=\"stylesheet\" href=\"../sessions/archive.css\">\n</head>\n<body class=\"floor archive\">\n<a class=\"skip\" href=\"#turns\">Skip to the turns</a>\n<header class=\"archive-head\">\n<nav aria-label=\"Site\"><a href=\"../index.html\">All sessions</a></nav>\n<h1>");
    escape(&mut out, &person.name);
    // Their turns, session by session: (session, its turns of theirs).
    let mut theirs: Vec<(usize, Vec<&super::cache::Said>)> = Vec::new();
    for &(s, speaker) in speaks {
        let Some((entry, _)) = sessions.get(s as usize) else {
            continue;
        };
        let said = entry.said.iter().filter(|said| said.speaker == speaker);
        match theirs.last_mut() {
            Some((last, turns)) if *last == s as usize => {
                turns.extend(said);
                turns.sort_by_key(|said| said.n);
            }
            _ => theirs.push((s as usize, said.collect())),
        }
    }
    let words: u64 = theirs
        .iter()
        .flat_map(|(_, turns)| turns)
        .map(|said| u64::from(said.words))
        .sum();
    let _ = write!(
        out,
        "</h1>\n<p>{} in {} · {} word{}</p>\n",
        crate::view::counted(person.turns as usize, "turn"),
        crate::view::counted(person.sessions as usize, "session"),
        crate::view::thousands(words as usize),
        if words == 1 { "" } else { "s" },
    );
    if person.labels.len() > 1 {
        out.push_str("<p class=\"archive-meta\">Written as ");
        for (i, label) in person.labels.iter().enumerate() {
            if i > 0 {
                out.push_str(if i + 1 == person.labels.len() {
                    " and "
                } else {
                    ", "
                });
            }
            out.push_str("<bdi>“");
            escape(&mut out, label);
            out.push_str("”</bdi>");
        }
        out.push_str(": merged across the archive as Floor merges labels within a file.</p>\n");
    }
    out.push_str("</header>\n<main id=\"turns\">\n<ol class=\"archive-sessions\">\n");
    for (s, theirs) in &theirs {
        let (entry, name) = sessions[*s];
        out.push_str("<li>\n<h2 class=\"archive-title\"><a href=\"../sessions/");
        escape(&mut out, name);
        out.push_str(".html\">");
        escape(&mut out, entry.title());
        out.push_str("</a></h2>\n");
        // When and where, as the archive page says them.
        let date = entry.date.as_deref().unwrap_or_default();
        let place = entry.place.as_deref().unwrap_or_default().trim();
        if !date.is_empty() || !place.is_empty() {
            out.push_str("<p class=\"archive-meta\">");
            crate::archive::when(&mut out, date, place);
            out.push_str("</p>\n");
        }
        let _ = writeln!(
            out,
            "<ol class=\"archive-turns\" aria-label=\"{}\">",
            crate::view::counted(theirs.len(), "turn")
        );
        for said in theirs {
            out.push_str("<li><a class=\"num\" href=\"../sessions/");
            escape(&mut out, name);
            let _ = write!(
                out,
                ".html#t{n}\">#{n}</a> <span class=\"snippet\">",
                n = said.n
            );
            escape(&mut out, &said.snippet);
            out.push_str("</span></li>\n");
        }
        out.push_str("</ol>\n</li>\n");
    }
    out.push_str("</ol>\n</main>\n</body>\n</html>\n");
    out
}
