//! The synthetic IGF archive generator (tests/support/archive.rs): its
//! model is the corpus's, it is deterministic, its files have the sizes
//! asked for, and Floor reads each into the turns and speakers planned,
//! merging the label variants of one person.

#[path = "support/archive.rs"]
mod archive;

use archive::{Archive, Options};
use std::collections::{HashMap, HashSet};

const N: usize = 300;

fn archive(seed: u64) -> Archive {
    Archive::new(seed, N, &Options::default())
}

/// The baked model is what the corpus gives now.
#[test]
fn model_table_is_the_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let texts: Vec<(&str, String)> = archive::MODEL_SOURCES
        .iter()
        .map(|p| (*p, std::fs::read_to_string(root.join(p)).unwrap()))
        .collect();
    let sources: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
    assert!(
        archive::build_model(&sources) == archive::MODEL_TABLE,
        "tests/support/archive_model.txt is stale: run `cargo run --example gen-archive -- --model`"
    );
    // The copies of the corpus elsewhere are the same transcript.
    let copy =
        std::fs::read(root.join("tests/data/corpus/igf/igf-2016-mag-2016-04-06.txt")).unwrap();
    assert_eq!(copy, texts[0].1.as_bytes());
}

/// Words are Zipf-like: the commonest words are common, most distinct
/// words rare, and some carry accents.
#[test]
fn vocabulary_is_zipf_like() {
    let a = Archive::new(3, 40, &Options::default());
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut total = 0u64;
    for f in a.files() {
        let t = floor::read::parse(&f.bytes);
        for turn in &t.turns {
            for p in t.paragraphs(turn) {
                for w in floor::text::words(p) {
                    *counts.entry(w.to_lowercase()).or_default() += 1;
                    total += 1;
                }
            }
        }
    }
    let mut freq: Vec<u64> = counts.values().copied().collect();
    freq.sort_unstable_by(|a, b| b.cmp(a));
    let the = counts["the"] as f64 / total as f64;
    assert!((0.03..0.09).contains(&the), "share of 'the': {the}");
    let top10: u64 = freq[..10].iter().sum();
    assert!(
        top10 as f64 / total as f64 > 0.15,
        "top 10 words are common"
    );
    let once = freq.iter().filter(|&&c| c == 1).count();
    assert!(
        once * 3 > freq.len(),
        "many words are rare: {once} of {}",
        freq.len()
    );
    assert!(freq.len() > 10_000, "vocabulary: {}", freq.len());
    let accented = counts.keys().filter(|w| !w.is_ascii()).count();
    assert!(accented * 50 > freq.len(), "accented words: {accented}");
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a: Vec<_> = archive::generate(7, 30, &Options::default()).collect();
    let b: Vec<_> = archive::generate(7, 30, &Options::default()).collect();
    let c: Vec<_> = archive::generate(8, 30, &Options::default()).collect();
    assert_eq!(a.len(), 30);
    assert!(a == b);
    assert!(a.iter().zip(&c).all(|(x, y)| x.1 != y.1));
    // A file is the same whether made alone or in order.
    let one = Archive::new(7, 30, &Options::default()).file(17);
    assert_eq!((one.path, one.bytes), a[17].clone());
}

#[test]
fn sizes_paths_and_titles() {
    let a = archive(1);
    let sizes: Vec<usize> = a.files().map(|f| f.bytes.len()).collect();
    let mean = sizes.iter().sum::<usize>() / sizes.len();
    assert!((40_000..62_000).contains(&mean), "mean size {mean}");
    assert!(
        sizes.iter().all(|&s| (1_000..1_500_000).contains(&s)),
        "{sizes:?}"
    );
    let small = sizes.iter().filter(|&&s| s < 25_000).count();
    let large = sizes.iter().filter(|&&s| s > 100_000).count();
    assert!(
        small > N / 20 && large > N / 20,
        "a spread: {small} small, {large} large"
    );
    let paths: HashSet<&str> = a.truth.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths.len(), N, "paths are distinct");
    for f in &a.truth.files {
        let year: u16 = f.path[..4].parse().unwrap();
        assert!(
            (2006..=2025).contains(&year) && year == f.year,
            "{}",
            f.path
        );
        assert!(f.path.starts_with(&format!("{year}/igf-{year}-")) && f.path.ends_with(".txt"));
        assert!(f.date.starts_with(&f.year.to_string()));
    }
    let titles: HashSet<&str> = a.truth.files.iter().map(|f| f.title.as_str()).collect();
    assert!(titles.len() < N, "some titles are shared");
    let years: HashSet<u16> = a.truth.files.iter().map(|f| f.year).collect();
    assert_eq!(years.len(), 20, "every year from 2006 to 2025");
}

/// Each file parses into the turns and speakers planned; labels of one
/// speaker are one speaker, different speakers stay apart.
#[test]
fn floor_reads_what_was_planned() {
    for seed in [2, 11] {
        check_reads(&archive(seed));
    }
}

/// The same for the benchmark's archive (`cargo test --test archive_gen --
/// --ignored`).
#[test]
#[ignore]
fn floor_reads_the_benchmark_archive() {
    check_reads(&Archive::new(1, 5000, &Options::default()));
}

fn check_reads(a: &Archive) {
    let mut merged = 0;
    for (file, truth) in a.files().zip(&a.truth.files) {
        let t = floor::read::parse(&file.bytes);
        let p = &truth.path;
        assert_eq!(t.turns.len(), truth.turns, "{p}: turns");
        assert_eq!(
            t.turns.iter().filter(|x| t.speaker_id(x).is_none()).count(),
            truth.unattributed,
            "{p}: turns without a speaker"
        );
        assert_eq!(t.speakers.len(), truth.speakers.len(), "{p}: speakers");
        assert_eq!(t.meta.title.as_deref(), Some(truth.title.as_str()), "{p}");
        if truth.date_line {
            assert_eq!(
                t.meta.date.as_deref(),
                Some(truth.date.as_str()),
                "{p}: date"
            );
        }
        let mut ids = HashSet::new();
        for s in &truth.speakers {
            let found: HashSet<&str> = s
                .labels
                .iter()
                .map(|l| {
                    t.speakers
                        .iter()
                        .find(|x| x.labels.contains(l))
                        .unwrap_or_else(|| panic!("{p}: no speaker has label {l:?}"))
                        .id
                        .as_str()
                })
                .collect();
            assert_eq!(found.len(), 1, "{p}: labels {:?} are one speaker", s.labels);
            let id = found.into_iter().next().unwrap();
            assert!(
                ids.insert(id),
                "{p}: {:?} merged with another speaker",
                s.labels
            );
            assert_eq!(t.speaker(id).unwrap().turns, s.turns, "{p}: turns of {id}");
            merged += (s.labels.len() > 1) as usize;
        }
    }
    assert!(merged > a.len() / 4, "label variants in one file: {merged}");
}

/// Across files, a person's labels are variants that fold alike (or a
/// role before one), people speak in several sessions, and no two people
/// fold alike.
#[test]
fn people_across_files() {
    let a = archive(4);
    let roles = ["SECRETARIAT ", "CO-MODERATOR ", "MODERATOR ", "CO-CHAIR "];
    let mut keys = HashMap::new();
    let mut variants = 0;
    for p in &a.truth.people {
        let names: Vec<&str> = p
            .labels
            .iter()
            .map(|l| roles.iter().find_map(|r| l.strip_prefix(r)).unwrap_or(l))
            .collect();
        let key = floor::text::fold::key(&p.name);
        for n in &names {
            assert_eq!(floor::text::fold::key(n), key, "{} as {n:?}", p.name);
        }
        variants += (p.labels.len() > 1) as usize;
        assert!(
            keys.insert(key, &p.name).is_none(),
            "two people fold alike: {}",
            p.name
        );
    }
    assert!(
        variants * 4 > a.truth.people.len(),
        "{variants} people with variants"
    );
    let several = a.truth.people.iter().filter(|p| p.files >= 3).count();
    assert!(
        several * 2 > a.truth.people.len(),
        "people speak in several sessions"
    );
    let accented = a.truth.people.iter().filter(|p| !p.name.is_ascii()).count();
    assert!(accented > 10);
    let other_scripts = a
        .truth
        .people
        .iter()
        .filter(|p| {
            !p.name
                .starts_with(|c: char| c.is_ascii() || ('\u{c0}'..'\u{250}').contains(&c))
        })
        .count();
    assert!(other_scripts > 0, "some names in other scripts");
}

#[test]
fn hostile_files() {
    let options = Options {
        hostile: true,
        oversize: 300_000,
        ..Options::default()
    };
    let a = Archive::new(5, 3, &options);
    let files: HashMap<String, Vec<u8>> = a.files().map(|f| (f.path, f.bytes)).collect();
    assert_eq!(files.len(), 7);
    assert!(files["hostile/empty.txt"].is_empty());
    assert!(files["hostile/binary.txt"].contains(&0));
    assert!(std::str::from_utf8(&files["hostile/latin1.txt"]).is_err());
    assert!(files["hostile/oversize.txt"].len() > 300_000);
    for bytes in files.values() {
        floor::read::parse(bytes);
    }
}
