//! The archive's sharded index answers as the viewer's search does in each
//! transcript (summed over the archive), for words, prefixes, phrases,
//! punctuation, case and accents, with shards and fragments cut tiny so a
//! query spans several; corrupt files are errors, never panics; two builds
//! are byte-identical.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/config.rs"]
mod support;
#[path = "support/words.rs"]
mod words;

use floor::archive::query::{self, Answer, Fragments, Plan};
use floor::archive::shard::{Fragment, Shard};
use floor::archive::{Listing, Options, Output, Session, SpeakerEntry, build_with, in_order};
use floor::search::{Hits, Index, Query};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// The entry of an archive page: shards `(first, name)`, and per session its
/// fragments `(first turn, name)`.
struct Entry {
    shards: Vec<(String, String)>,
    fragments: Vec<Vec<(u32, String)>>,
}

fn entry_of(page: &str) -> Entry {
    let start = page
        .find("<script type=\"application/json\" id=\"floor-archive-index\">")
        .expect("an entry")
        + "<script type=\"application/json\" id=\"floor-archive-index\">".len();
    let end = start + page[start..].find("</script>").expect("its end");
    let v: serde_json::Value = serde_json::from_str(&page[start..end]).expect("JSON");
    assert_eq!(v["version"], 1);
    let pair = |p: &serde_json::Value| (p[0].clone(), p[1].as_str().unwrap().to_string());
    Entry {
        shards: v["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let (f, n) = pair(p);
                (f.as_str().unwrap().to_string(), n)
            })
            .collect(),
        fragments: v["fragments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                l.as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        let (f, n) = pair(p);
                        (f.as_u64().unwrap() as u32, n)
                    })
                    .collect()
            })
            .collect(),
    }
}

/// Per session that matches (its position in the archive), its turns'
/// numbers and matches: what the archive page finds, fetching only what
/// the query needs. `None` for a query the index cannot answer.
type Results = BTreeMap<u32, Vec<(u32, u32)>>;

fn archive_search(
    out: &Output,
    q: &str,
) -> Result<Option<(Results, Answer)>, floor::archive::Error> {
    let files: BTreeMap<&str, &[u8]> = out
        .files
        .iter()
        .map(|(n, b)| (n.as_str(), &b[..]))
        .collect();
    let entry = entry_of(&out.archive_page);
    let query = Query::parse(q);
    let plan = Plan::of(&query);
    if !plan.answerable() {
        return Ok(None);
    }
    let firsts: Vec<&str> = entry.shards.iter().map(|s| s.0.as_str()).collect();
    let mut shards: Vec<Shard> = Vec::new();
    for i in plan.shards(&firsts) {
        let name = &entry.shards[i as usize].1;
        shards.push(query::shard(name, files[name.as_str()])?);
    }
    let refs: Vec<&Shard> = shards.iter().collect();
    let answer = query::answer(&query, &plan, &refs, entry.fragments.len() as u32)?;
    let mut results = Results::new();
    for &[s, t, c] in &answer.turns {
        results.entry(s).or_default().push((t, c));
    }
    if !answer.exact {
        let mut checked = Results::new();
        for (&s, turns) in &results {
            let list = &entry.fragments[s as usize];
            let mut fragments = Fragments::default();
            let mut fetched: Vec<&str> = Vec::new();
            for &(t, _) in turns {
                let k = list.partition_point(|f| f.0 <= t) - 1;
                let name = list[k].1.as_str();
                if !fetched.contains(&name) {
                    fragments.add(name, files[name])?;
                    fetched.push(name);
                }
            }
            let at: Vec<u32> = turns.iter().map(|t| t.0).collect();
            let found = fragments.check(&query, &at).expect("every turn fetched");
            if !found.is_empty() {
                checked.insert(s, found.into_iter().map(|[t, c]| (t, c)).collect());
            }
        }
        results = checked;
    }
    // Turn positions as turn numbers.
    let results = results
        .into_iter()
        .map(|(s, turns)| (s, turns.into_iter().map(|(t, c)| (t + 1, c)).collect()))
        .collect();
    Ok(Some((results, answer)))
}

/// What the viewer's search finds in each transcript, by position in the
/// archive; checked against `Index::find`'s totals on the way.
fn viewer_search(ordered: &[&floor::model::Transcript], q: &str) -> Results {
    let query = Query::parse(q);
    let mut results = Results::new();
    for (s, t) in ordered.iter().enumerate() {
        let index = Index::new(t);
        let hits = index.search(&query, None);
        let found = index.find(&query, None, &mut Hits::default());
        assert_eq!(found.matches, hits.matches());
        if !hits.turns.is_empty() {
            results.insert(
                s as u32,
                hits.turns
                    .iter()
                    .map(|h| (h.n, h.marks.len() as u32))
                    .collect(),
            );
        }
    }
    results
}

/// An archive of `transcripts`, each its own page, no archive speakers but
/// for the first speaker of each.
struct Archive {
    transcripts: Vec<floor::model::Transcript>,
    sessions: Vec<Session>,
    pages: Vec<String>,
    maps: Vec<Vec<Option<u32>>>,
    speakers: Vec<SpeakerEntry>,
}

impl Archive {
    fn new(transcripts: Vec<floor::model::Transcript>) -> Archive {
        let sessions: Vec<Session> = transcripts.iter().map(Session::of).collect();
        let pages = (0..transcripts.len())
            .map(|i| format!("sessions/s{i}.html"))
            .collect();
        let mut speakers = Vec::new();
        let maps = transcripts
            .iter()
            .map(|t| {
                t.speakers
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        (i == 0).then(|| {
                            speakers.push(SpeakerEntry {
                                name: s.name.clone(),
                                page: format!("speakers/{}.html", s.id),
                                turns: s.turns as u32,
                                sessions: 1,
                            });
                            speakers.len() as u32 - 1
                        })
                    })
                    .collect()
            })
            .collect();
        Archive {
            transcripts,
            sessions,
            pages,
            maps,
            speakers,
        }
    }

    fn listings(&self) -> Vec<Listing<'_>> {
        (0..self.sessions.len())
            .map(|i| Listing {
                fragments: None,
                session: &self.sessions[i],
                page: &self.pages[i],
                speakers: &self.maps[i],
            })
            .collect()
    }

    fn build(&self, options: &Options) -> Output {
        build_with(&self.listings(), &self.speakers, "sessions/", options)
    }

    /// The transcripts in the archive's order.
    fn ordered(&self) -> Vec<&floor::model::Transcript> {
        let listings = self.listings();
        in_order(&listings)
            .into_iter()
            .map(|l| {
                let i = self.pages.iter().position(|p| p == l.page).unwrap();
                &self.transcripts[i]
            })
            .collect()
    }
}

fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "best",
        "Best",
        "BEST",
        "bestow",
        "be",
        "practice",
        "Practice",
        "practices",
        "naïve",
        "NAIVE",
        "Straße",
        "STRASSE",
        "strass",
        "ＦＯＲＵＭ",
        "forum",
        "fo\u{200b}rum",
        "Ștefan",
        "stefan",
        "ﬁnal",
        "final",
        "co-chair",
        "co\u{2011}chair",
        "you.",
        "2016",
        "IGF",
        "igf's",
        "A",
        "a",
    ])
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        " ", "  ", "\u{a0}", ". ", ", ", " (", ") ", " - ", "\n\n",
    ])
}

/// A transcript of `turns`, dated `date`, speakers 0 to 2 taking turns.
fn transcript_of(date: u8, turns: &[Vec<(&str, &str)>]) -> floor::model::Transcript {
    let body = words::turns_text(turns, 3);
    let head = format!(
        "Meeting {date}\n\n{} June 201{}\n\n",
        1 + date % 28,
        date % 4
    );
    floor::read::parse_str(&(head + &body))
}

/// A query of words (some typed on, some in quotes).
fn query() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((word(), 0..4u8), 1..4),
        any::<bool>(),
        0..4usize,
    )
        .prop_map(|(words, typing, cut)| {
            let mut q = String::new();
            let mut i = 0;
            while i < words.len() {
                let (w, how) = words[i];
                match how {
                    // A phrase of this word and the next.
                    0 if i + 1 < words.len() => {
                        q += &format!("\"{w} {}\" ", words[i + 1].0);
                        i += 1;
                    }
                    _ => q += &format!("{w} "),
                }
                i += 1;
            }
            let mut q = q.trim_end().to_string();
            if typing {
                // Typing the last word: cut a few chars off.
                for _ in 0..cut {
                    if q.chars().count() > 1 {
                        q.pop();
                    }
                }
            } else {
                q.push(' ');
            }
            q
        })
}

fn tiny() -> Options {
    Options {
        shard_bytes: 24,
        fragment_bytes: 40,
    }
}

/// Compares the archive's answer to `q` with the viewer's; the number of
/// matches found.
fn compare(archive: &Archive, out: &Output, q: &str) -> Result<u32, TestCaseError> {
    let Some((got, answer)) =
        archive_search(out, q).map_err(|e| TestCaseError::fail(format!("{q:?}: {e}")))?
    else {
        // Only a query without a word.
        prop_assert!(!Plan::of(&Query::parse(q)).answerable());
        return Ok(0);
    };
    let expected = viewer_search(&archive.ordered(), q);
    prop_assert_eq!(
        &got,
        &expected,
        "query {:?} (exact from the postings: {})",
        q,
        answer.exact
    );
    // The speakers found: those whose name the query finds.
    let query = Query::parse(q);
    for s in &archive.speakers {
        let t = floor::read::parse_str(&format!(">>X: {}", s.name));
        let named = !Index::new(&t).search(&query, None).turns.is_empty();
        let listed = answer.speakers.iter().any(|a| a.name == s.name);
        prop_assert_eq!(named, listed, "speaker {:?} for {:?}", s.name, q);
    }
    Ok(got.values().flatten().map(|t| t.1).sum())
}

/// Random archives and queries: the archive page finds what the viewer
/// finds, turn for turn and count for count (and finds some).
#[test]
fn the_sharded_index_answers_as_the_viewer_searches() {
    let mut runner = proptest::test_runner::TestRunner::new(support::config(300, 0xA2C41));
    let strategy = (
        prop::collection::vec(
            prop::collection::vec(prop::collection::vec((word(), separator()), 0..10), 1..6),
            1..5,
        ),
        prop::collection::vec(any::<u8>(), 5),
        prop::collection::vec(query(), 1..6),
        (1..200usize, 1..300usize),
    );
    let found = std::cell::Cell::new(0u32);
    runner
        .run(&strategy, |(transcripts, dates, queries, sizes)| {
            let ts = transcripts
                .iter()
                .zip(&dates)
                .map(|(t, &d)| transcript_of(d, t))
                .collect();
            let archive = Archive::new(ts);
            let out = archive.build(&Options {
                shard_bytes: sizes.0,
                fragment_bytes: sizes.1,
            });
            for q in &queries {
                found.set(found.get() + compare(&archive, &out, q)?);
            }
            Ok(())
        })
        .unwrap();
    assert!(found.get() > 1000, "{} matches found", found.get());
}

/// The corpus transcripts with the words they hold, typed whole and cut.
#[test]
fn the_corpus_is_answered_as_the_viewer_searches() {
    let mut transcripts = Vec::new();
    for dir in ["igf", "cart", "other"] {
        let path = format!("{}/tests/data/corpus/{dir}", env!("CARGO_MANIFEST_DIR"));
        for e in std::fs::read_dir(&path).unwrap() {
            let p = e.unwrap().path();
            let name = p.to_string_lossy().to_string();
            if name.ends_with(".json") {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            transcripts.push(floor::read::parse(&bytes));
        }
    }
    assert!(transcripts.len() >= 3);
    let archive = Archive::new(transcripts);
    for options in [tiny(), Options::default()] {
        let out = archive.build(&options);
        for q in [
            "internet",
            "inter",
            "governance forum",
            "\"governance forum\"",
            "the",
            "th",
            "chair",
            "mr. chair",
            "\"thank you.\"",
            "ＩＧＦ",
            "multi-stakeholder",
            "multi",
            "2016",
            "é",
            "\"to the",
            "zzzz",
            "cha thank",
        ] {
            let found = compare(&archive, &out, q).unwrap();
            if matches!(q, "the" | "th" | "chair" | "\"to the") {
                assert!(found > 0, "{q}: no matches in the corpus");
            }
            if q == "zzzz" {
                assert_eq!(found, 0);
            }
        }
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let ts = (0..6)
        .map(|i| {
            let w = ["best", "forum", "Ștefan", "final", "naïve", "co-chair"][i as usize];
            transcript_of(
                i * 7,
                &[vec![(w, " "), ("forum", ". ")], vec![("Ștefan", " ")]],
            )
        })
        .collect();
    let archive = Archive::new(ts);
    let a = archive.build(&tiny());
    let b = archive.build(&tiny());
    assert_eq!(a, b);
    assert!(
        a.files.len() > 4,
        "tiny shards: several files: {:?}",
        a.files
            .iter()
            .map(|f| (&f.0, f.1.len()))
            .collect::<Vec<_>>()
    );
    // Every file is named by its content.
    for (name, bytes) in &a.files {
        query::check_name(name, bytes).unwrap();
    }
}

#[test]
fn sessions_round_trip_and_bad_bytes_are_refused() {
    let t = transcript_of(
        3,
        &[
            vec![("best", " "), ("Straße", ". ")],
            vec![("co-chair", " ")],
        ],
    );
    let s = Session::of(&t);
    let bytes = s.to_bytes();
    assert_eq!(Session::from_bytes(&bytes), Some(s));
    for n in 0..bytes.len() {
        assert_eq!(Session::from_bytes(&bytes[..n]), None, "cut at {n}");
    }
    for i in 0..bytes.len() {
        let mut b = bytes.clone();
        b[i] ^= 0x55;
        let _ = Session::from_bytes(&b); // never panics
    }
}

proptest! {
    #![proptest_config(support::config(200, 0xC0AA))]

    /// Shards and fragments cut short or with bytes changed are errors (or,
    /// for a change that keeps them well-formed, other contents), never a
    /// panic; and a name checks its bytes.
    #[test]
    fn corrupt_files_are_errors_not_panics(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let ts = (0..3)
            .map(|i| transcript_of(i, &[vec![("best", " "), ("forum", ". "), ("Ștefan", " ")], vec![("final", " ")]]))
            .collect();
        let archive = Archive::new(ts);
        let out = archive.build(&Options { shard_bytes: 60, fragment_bytes: 60 });
        for (name, bytes) in &out.files {
            let shard = name.starts_with("index/t/");
            let short = &bytes[..cut.index(bytes.len())];
            if shard {
                prop_assert!(Shard::decode(short).is_err());
            } else {
                prop_assert!(Fragment::decode(short).is_err());
            }
            let mut b = bytes.clone();
            for (at, x) in &flips {
                let i = at.index(b.len());
                b[i] ^= x | 1;
            }
            prop_assert!(query::check_name(name, &b).is_err());
            if shard {
                if let Ok(s) = Shard::decode(&b) {
                    for k in 0..s.len() {
                        let _ = query::answer(&Query::parse("best"), &Plan::of(&Query::parse("best")), &[&s], 3);
                        let _ = k;
                    }
                }
            } else if let Ok(f) = Fragment::decode(&b) {
                let mut fr = Fragments::default();
                let _ = fr.add(&floor::archive::hash(&b), &b);
                let _ = fr.snippet(&Query::parse("best"), f.turns.first().map_or(0, |t| t.at), 80);
            }
        }
    }
}

/// Synthetic sessions for the site the e2e tests search: dated across
/// years, speakers shared between them, accents, case and punctuation.
fn synthetic() -> Vec<(String, String)> {
    let people = [
        "Ana Silva",
        "Sérgio Rezende",
        "CHAIR",
        "Ștefan Doğan",
        "Mary O'Brien",
    ];
    let lines = [
        "The Best Practice Forum met in Genève.",
        "Thank you, Chair. The co-chair spoke about naïve approaches to internet governance.",
        "We discussed the Straße and the STRASSE.",
        "Multi-stakeholder processes are the best practice; internet governance forum.",
        "Merci. I agree with Ana Silva on capacity building.",
        "Cybersecurity, data protection, and the internet of things.",
    ];
    (0..14)
        .map(|i| {
            let year = 2014 + i % 4;
            let mut text = format!(
                "Session {i}: Internet Governance\n\n{} March {year}\n\nGeneva, Switzerland\n\n",
                1 + i
            );
            for k in 0..(6 + i % 5) {
                let who = people[(i + k * (1 + i % 3)) % people.len()];
                let line = lines[(i * 7 + k * 3) % lines.len()];
                text += &format!(
                    ">>{}: {line} Turn {k} of session {i}.\n\n",
                    who.to_uppercase()
                );
            }
            (format!("session-{i:02}.txt"), text)
        })
        .collect()
}

/// Writes an archive site for the e2e tests and benchmarks: `index.html`,
/// `index/`, `sessions/` (a copy of `dist/`, each source and its page as
/// `floor html` writes it), and `sources.txt` (the sources' paths, for the
/// tests). `FLOOR_ARCHIVE_SITE` (default `target/archive-site`) and
/// `FLOOR_DIST` (default `dist`); `FLOOR_ARCHIVE_COPIES` repeats the
/// corpus that many times (a larger archive for the benchmark).
/// `cargo test --test archive -- --ignored write_a_site`
#[test]
#[ignore]
fn write_a_site() {
    use std::path::Path;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site =
        std::env::var("FLOOR_ARCHIVE_SITE").map_or(root.join("target/archive-site"), Into::into);
    let dist = std::env::var("FLOOR_DIST").map_or(root.join("dist"), Into::into);
    let copies: usize = std::env::var("FLOOR_ARCHIVE_COPIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let _ = std::fs::remove_dir_all(&site);
    let mut sources: Vec<(String, Vec<u8>)> = synthetic()
        .into_iter()
        .map(|(n, t)| (n, t.into_bytes()))
        .collect();
    for copy in 0..copies {
        for dir in ["igf", "cart", "other", "captions"] {
            let mut files: Vec<_> = std::fs::read_dir(root.join("tests/data/corpus").join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
                .collect();
            files.sort();
            for p in files {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                let name = if copy == 0 {
                    name
                } else {
                    format!("c{copy}-{name}")
                };
                sources.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    // The sources in a folder, built as `floor site` builds it.
    let src = site.with_extension("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).unwrap();
    for (name, bytes) in &sources {
        std::fs::write(src.join(name), bytes).unwrap();
    }
    let options = floor::site::Options {
        source: src.clone(),
        out: site.clone(),
        viewer: dist,
        no_merge: Vec::new(),
        max_bytes: floor::source::MAX_BYTES,
    };
    let summary = floor::site::build(&options, &floor::site::Quiet).expect("the site");
    assert_eq!(summary.sessions, sources.len(), "{summary}");
    // Each session page and its source, as its page names it.
    let mut list = String::new();
    let mut pages: Vec<_> = std::fs::read_dir(site.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    for page in pages {
        let html = std::fs::read_to_string(&page).unwrap_or_default();
        let attribute = format!("{}=\"", floor::names::TRANSCRIPT_ATTRIBUTE);
        let Some(at) = html.find(&attribute) else {
            continue;
        };
        let rest = &html[at + attribute.len()..];
        let source = &rest[..rest.find('"').unwrap()];
        let name = page.file_name().unwrap().to_string_lossy();
        list += &format!("sessions/{source}\tsessions/{name}\n");
    }
    std::fs::write(site.join("sources.txt"), list).unwrap();
    eprintln!("wrote {}:\n{summary}", site.display());
}

/// A large synthetic archive, for `build`'s speed and the index's size:
/// `FLOOR_ARCHIVE_BENCH_SESSIONS` sessions (default 5,000) of about 50 KB
/// each, words drawn from a vocabulary of 60,000 (Zipf-like), speakers
/// from 2,000 names. Prints the time of `Session::of` (the builder's,
/// cached between builds) and of `build` (each incremental build); with
/// `FLOOR_ARCHIVE_BENCH_OUT`, writes a site there (the viewer from
/// `FLOOR_DIST`, default `dist`) for `tests/bench/archive.mjs`.
/// `cargo test --release --test archive -- --ignored --nocapture build_speed`
#[test]
#[ignore]
fn build_speed() {
    let n: usize = std::env::var("FLOOR_ARCHIVE_BENCH_SESSIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let syllables = [
        "ka", "ri", "to", "ne", "sa", "mo", "lu", "pe", "di", "ga", "ve", "nor", "tim", "bra",
        "es", "qui", "zo", "han",
    ];
    let vocabulary: Vec<String> = (0..60_000u64)
        .map(|mut i| {
            let mut w = String::new();
            loop {
                w.push_str(syllables[(i % 18) as usize]);
                i /= 18;
                if i == 0 {
                    break;
                }
            }
            w
        })
        .collect();
    let phrases = [
        "internet governance",
        "best practice",
        "capacity building",
        "the",
        "and",
        "of the",
        "Thank you, Chair.",
    ];
    let names: Vec<String> = (0..2000)
        .map(|i| {
            format!(
                "{} {}",
                vocabulary[5000 + i].to_uppercase(),
                vocabulary[9000 + i * 3].to_uppercase()
            )
        })
        .collect();
    let started = std::time::Instant::now();
    let mut sources = Vec::with_capacity(n);
    let mut transcripts = Vec::with_capacity(n);
    for s in 0..n {
        let mut text = format!(
            "Session {s}\n\n{} June {}\n\nGeneva\n\n",
            1 + s % 28,
            2006 + s % 20
        );
        let people: Vec<usize> = (0..20).map(|_| (next() % 2000) as usize).collect();
        while text.len() < 50_000 {
            text += ">>";
            text += &names[people[(next() % 20) as usize]];
            text += ": ";
            let words = 20 + next() % 200;
            for _ in 0..words {
                let r = next();
                if r % 50 == 0 {
                    text += phrases[(r / 50 % phrases.len() as u64) as usize];
                } else {
                    // Zipf-like: exp(u ln N).
                    let u = (r >> 11) as f64 / (1u64 << 53) as f64;
                    let i = (60_000f64.powf(u) as usize).saturating_sub(1).min(59_999);
                    text += &vocabulary[i];
                }
                text += if r % 13 == 0 { ". " } else { " " };
            }
            text += "\n\n";
        }
        transcripts.push(floor::read::parse_str(&text));
        sources.push(text);
    }
    let parsed = started.elapsed();
    let started = std::time::Instant::now();
    let sessions: Vec<Session> = transcripts.iter().map(Session::of).collect();
    let of = started.elapsed();
    let bytes: usize = sessions.iter().map(|s| s.to_bytes().len()).sum();
    let pages: Vec<String> = (0..n).map(|i| format!("sessions/s{i}.html")).collect();
    let mut speakers: Vec<SpeakerEntry> = names
        .iter()
        .map(|name| SpeakerEntry {
            name: name.clone(),
            page: format!("speakers/{}.html", name.replace(' ', "-")),
            turns: 0,
            sessions: 0,
        })
        .collect();
    let maps: Vec<Vec<Option<u32>>> = transcripts
        .iter()
        .map(|t| {
            t.speakers
                .iter()
                .map(|sp| {
                    let i = names.iter().position(|n| n.eq_ignore_ascii_case(&sp.name));
                    if let Some(i) = i {
                        speakers[i].turns += sp.turns as u32;
                        speakers[i].sessions += 1;
                    }
                    i.map(|i| i as u32)
                })
                .collect()
        })
        .collect();
    let listings: Vec<Listing> = (0..n)
        .map(|i| Listing {
            fragments: None,
            session: &sessions[i],
            page: &pages[i],
            speakers: &maps[i],
        })
        .collect();
    let text: usize = sessions.iter().map(Session::text_len).sum();
    // This process's CPU time (user + system) in seconds, from
    // /proc/self/stat: on a loaded machine, wall time says little.
    let cpu = || {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        let ticks = |i: usize| {
            fields
                .get(i)
                .and_then(|f| f.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (ticks(11) + ticks(12)) / 100.0
    };
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..3 {
        let (started, cpu0) = (std::time::Instant::now(), cpu());
        out = Some(floor::archive::build(&listings, &speakers, "sessions/"));
        times.push(format!(
            "{:.2} s wall, {:.2} s CPU",
            started.elapsed().as_secs_f64(),
            cpu() - cpu0
        ));
    }
    let out = out.unwrap();
    let size = |p: &str| {
        out.files
            .iter()
            .filter(|f| f.0.starts_with(p))
            .map(|f| f.1.len())
            .sum::<usize>()
    };
    let count = |p: &str| out.files.iter().filter(|f| f.0.starts_with(p)).count();
    let largest = out
        .files
        .iter()
        .filter(|f| f.0.starts_with("index/t/"))
        .map(|f| f.1.len())
        .max()
        .unwrap_or(0);
    eprintln!(
        "{n} sessions, {:.1} MB of text: parsed in {parsed:?}; Session::of {of:?} ({:.1} MB as bytes)",
        text as f64 / 1e6,
        bytes as f64 / 1e6
    );
    eprintln!("build: {}", times.join("; "));
    eprintln!(
        "shards: {} files, {:.1} MB (largest {:.1} KB); fragments: {} files, {:.1} MB; page {:.2} MB",
        count("index/t/"),
        size("index/t/") as f64 / 1e6,
        largest as f64 / 1e3,
        count("index/f/"),
        size("index/f/") as f64 / 1e6,
        out.archive_page.len() as f64 / 1e6
    );
    if let Ok(dir) = std::env::var("FLOOR_ARCHIVE_BENCH_OUT") {
        let site = std::path::Path::new(&dir);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dist = std::env::var("FLOOR_DIST").map_or(root.join("dist"), Into::into);
        let _ = std::fs::remove_dir_all(site);
        std::fs::create_dir_all(site.join("sessions")).unwrap();
        for e in std::fs::read_dir(&dist).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, site.join("sessions").join(p.file_name().unwrap())).unwrap();
            }
        }
        std::fs::write(site.join("index.html"), &out.archive_page).unwrap();
        for (name, bytes) in &out.files {
            let path = site.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let mut list = String::new();
        for (i, text) in sources.iter().enumerate() {
            std::fs::write(site.join(format!("sessions/s{i}.txt")), text).unwrap();
            list += &format!("sessions/s{i}.txt\t{}\n", pages[i]);
        }
        std::fs::write(site.join("sources.txt"), list).unwrap();
    }
}
