//! The archive site builder (`floor::site`, `floor site`): what it writes,
//! what it leaves out and why, speakers across files, and rebuilding only
//! what changed, byte for byte.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use floor::site::{Options, Quiet, build};

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(root: &Path, file: &str, bytes: &[u8]) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A stand-in for the viewer's build: what the builder needs of it.
fn viewer(root: &Path) -> PathBuf {
    let dist = root.join("dist");
    write(
        &dist,
        "index.html",
        b"<!doctype html><html lang=\"en\" data-floor-app><head><title>Floor</title></head><body></body></html>",
    );
    write(&dist, "floor.css", b"body{}");
    write(&dist, "floor.js", b"//");
    dist
}

/// Every file of the site but the builder's own state, with its bytes.
fn files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![site.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel.starts_with(".floor") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn options(source: &Path, out: &Path, dist: &Path) -> Options {
    Options {
        source: source.into(),
        out: out.into(),
        viewer: dist.into(),
        no_merge: Vec::new(),
        max_bytes: 4096,
    }
}

const A: &str = "IGF 2016 Best Practice Forum\n\n6 December 2016\n\nGuadalajara, Mexico\n\n\
    >>CHAIR: Welcome.\n\n>>ANA SILVA: Thank you, Chair.\n\n>>JOSÉ PÉREZ: A question.\n\n>>ANA SILVA: An answer.";
const B: &str = "IGF 2017 Best Practice Forum\n\n18 December 2017\n\nGeneva, Switzerland\n\n\
    >>CHAIR: Good morning.\n\n>>Ana  Silva: Hello again.\n\n>>JOSE PEREZ: Another question.";

fn sources(root: &Path) -> PathBuf {
    let src = root.join("src");
    write(&src, "2016/a.txt", A.as_bytes());
    write(&src, "2017/b.txt", B.as_bytes());
    // The same title as b: another page name.
    write(
        &src,
        "2017/b-copy.txt",
        B.replace("Hello again", "Hello twice").as_bytes(),
    );
    write(&src, "bad/picture.txt", b"\x89PNG\r\n\x1a\n\0\0\0");
    write(&src, "bad/empty.txt", b"  \n");
    write(&src, "bad/large.txt", ">>A: word\n".repeat(500).as_bytes());
    write(&src, ".hidden/x.txt", A.as_bytes());
    src
}

#[test]
fn a_site_has_a_page_per_session_and_per_person_and_says_what_it_left_out() {
    let root = scratch("site-pages");
    let (src, dist, site) = (sources(&root), viewer(&root), root.join("site"));
    let summary = build(&options(&src, &site, &dist), &Quiet).unwrap();
    assert_eq!((summary.found, summary.sessions, summary.parsed), (6, 3, 3));
    let skipped: Vec<&str> = summary.skipped.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        skipped,
        ["bad/empty.txt", "bad/large.txt", "bad/picture.txt"]
    );
    assert!(
        summary.skipped[1].1.starts_with("too large"),
        "{:?}",
        summary.skipped
    );
    assert!(
        summary.skipped[2].1.contains("PNG"),
        "{:?}",
        summary.skipped
    );

    let site_files = files(&site);
    let pages: Vec<&String> = site_files
        .keys()
        .filter(|p| {
            p.starts_with("sessions/") && p.ends_with(".html") && *p != "sessions/index.html"
        })
        .collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    // Two sources of one title: two names, each the title's slug and a suffix.
    let bpf2017: Vec<&&String> = pages
        .iter()
        .filter(|p| p.contains("igf-2017-best-practice-forum-"))
        .collect();
    assert_eq!(bpf2017.len(), 2, "{pages:?}");
    assert!(site_files.contains_key("sessions/igf-2016-best-practice-forum.html"));
    assert!(site_files.contains_key("sessions/igf-2016-best-practice-forum.txt"));
    // The viewer is copied beside the pages.
    assert_eq!(site_files["sessions/floor.css"], b"body{}");

    // Ana Silva and José Pérez are one person each across files; the
    // chairs are roles, nobody's page.
    assert_eq!(summary.speakers, 2);
    assert_eq!(summary.merged, 2);
    assert!(!site_files.keys().any(|p| p.starts_with("speakers/chair")));
    let ana = String::from_utf8(site_files["speakers/ana-silva.html"].clone()).unwrap();
    // Every turn of hers: two in 2016, one in each 2017 file.
    assert_eq!(ana.matches("<li><a class=\"num\"").count(), 4, "{ana}");
    assert!(ana.contains("4 turns in 3 sessions"), "{ana}");
    assert!(
        ana.contains("Ana  Silva") || ana.contains("“Ana  Silva”"),
        "{ana}"
    );
    let report = std::fs::read_to_string(site.join(".floor/report.txt")).unwrap();
    assert!(
        report.contains("“JOSE PEREZ”") && report.contains("“JOSÉ PÉREZ”"),
        "{report}"
    );
}

#[test]
fn a_label_kept_apart_is_a_person_of_its_own() {
    let root = scratch("site-no-merge");
    let (src, dist, site) = (sources(&root), viewer(&root), root.join("site"));
    let mut o = options(&src, &site, &dist);
    o.no_merge = vec!["JOSE PEREZ".into()];
    let summary = build(&o, &Quiet).unwrap();
    assert_eq!(summary.speakers, 3);
}

#[test]
fn a_rebuild_writes_the_same_bytes_and_only_what_changed() {
    let root = scratch("site-rebuild");
    let (src, dist, site) = (sources(&root), viewer(&root), root.join("site"));
    build(&options(&src, &site, &dist), &Quiet).unwrap();
    let first = files(&site);

    // Nothing changed: nothing read, made or written.
    let again = build(&options(&src, &site, &dist), &Quiet).unwrap();
    assert_eq!(
        (again.parsed, again.rendered, again.written, again.removed),
        (0, 0, 0, 0)
    );
    assert_eq!(files(&site), first);

    // Another folder from scratch: the same bytes.
    let fresh = root.join("fresh");
    build(&options(&src, &fresh, &dist), &Quiet).unwrap();
    assert_eq!(files(&fresh), first);

    // One source changed: that one read and made again.
    write(
        &src,
        "2016/a.txt",
        A.replace("An answer", "A better answer").as_bytes(),
    );
    let changed = build(&options(&src, &site, &dist), &Quiet).unwrap();
    assert_eq!((changed.parsed, changed.rendered), (1, 1));
    let page = String::from_utf8(files(&site)["speakers/ana-silva.html"].clone()).unwrap();
    assert!(page.contains("A better answer"));

    // One source gone: its page and source go too.
    std::fs::remove_file(src.join("2016/a.txt")).unwrap();
    let gone = build(&options(&src, &site, &dist), &Quiet).unwrap();
    assert_eq!(gone.sessions, 2);
    assert!(gone.removed >= 2);
    assert!(
        !files(&site)
            .keys()
            .any(|p| p.starts_with("sessions/igf-2016"))
    );
}

#[test]
fn a_missing_viewer_is_a_clear_error() {
    let root = scratch("site-no-viewer");
    let src = sources(&root);
    let e = build(
        &options(&src, &root.join("site"), &root.join("nowhere")),
        &Quiet,
    )
    .unwrap_err();
    assert!(e.contains("make dist"), "{e}");
}

#[path = "support/archive.rs"]
mod archive;

/// A generated archive: every person is one page, whose turns are theirs in
/// every file, however each file wrote their name; roles are nobody's page;
/// the hostile files are left out with their reasons.
#[test]
fn a_generated_archive_has_one_page_per_person_with_every_turn() {
    let root = scratch("site-generated");
    let (src, dist, site) = (root.join("src"), viewer(&root), root.join("site"));
    let options = archive::Options {
        hostile: true,
        oversize: 3 << 20,
        ..archive::Options::default()
    };
    let generated = archive::Archive::new(7, 150, &options);
    for file in generated.files() {
        write(&src, &file.path, &file.bytes);
    }
    let mut o = self::options(&src, &site, &dist);
    o.max_bytes = 2 << 20;
    let summary = build(&o, &Quiet).unwrap();

    let truth = &generated.truth;
    let hostile: Vec<&str> = truth
        .files
        .iter()
        .filter(|f| matches!(f.hostile.as_deref(), Some("empty" | "binary" | "oversize")))
        .map(|f| f.path.as_str())
        .collect();
    let mut skipped: Vec<&str> = summary.skipped.iter().map(|(p, _)| p.as_str()).collect();
    skipped.sort();
    let mut expected = hostile.clone();
    expected.sort();
    assert_eq!(skipped, expected, "{:?}", summary.skipped);
    assert_eq!(summary.sessions, truth.files.len() - hostile.len());

    // Each person's turns, from the plan.
    let mut turns: BTreeMap<&str, usize> = BTreeMap::new();
    // The Windows-1252 file is a copy of the first transcript.
    let latin1 = truth
        .files
        .iter()
        .filter(|f| f.hostile.as_deref() == Some("latin1"));
    for f in truth
        .files
        .iter()
        .filter(|f| f.hostile.is_none())
        .chain(latin1.map(|_| &truth.files[0]))
    {
        for s in &f.speakers {
            if let Some(p) = &s.person {
                *turns.entry(p).or_default() += s.turns;
            }
        }
    }
    let mut planned: Vec<usize> = turns.values().copied().collect();
    planned.sort_unstable();
    // Each speaker page's turns, as listed.
    let mut listed: Vec<usize> = files(&site)
        .iter()
        .filter(|(p, _)| p.starts_with("speakers/"))
        .map(|(_, html)| {
            String::from_utf8_lossy(html)
                .matches("<li><a class=\"num\"")
                .count()
        })
        .collect();
    listed.sort_unstable();
    assert_eq!(summary.speakers, turns.len());
    assert_eq!(listed, planned);
}

/// The same transcript twice (two folders) shares its index fragments; a
/// fragment deleted from the site is made again from its source.
#[test]
fn fragments_are_shared_and_made_again_when_gone() {
    let root = scratch("site-fragments");
    let (src, dist, site) = (sources(&root), viewer(&root), root.join("site"));
    write(&src, "copy/a.txt", A.as_bytes());
    let first = build(&options(&src, &site, &dist), &Quiet).unwrap();
    assert_eq!(first.sessions, 4);
    let all = files(&site);
    let fragments: Vec<&String> = all.keys().filter(|p| p.starts_with("index/f/")).collect();
    assert!(!fragments.is_empty());
    // Each fragment file is what its name says.
    for f in &fragments {
        let hash = floor::archive::hash(&all[*f]);
        assert_eq!(**f, format!("index/f/{hash}.bin"));
    }
    std::fs::remove_file(site.join(fragments[0])).unwrap();
    let again = build(&options(&src, &site, &dist), &Quiet).unwrap();
    assert_eq!((again.parsed, again.written), (0, 1));
    assert_eq!(files(&site), all);
}

/// A transcript whose header has no date is listed under the year its
/// title (or else its folder) names, not among the undated.
#[test]
fn an_undated_transcript_is_listed_under_the_year_it_names() {
    let root = scratch("site-undated");
    let (src, dist, site) = (root.join("src"), viewer(&root), root.join("site"));
    write(
        &src,
        "a.txt",
        b"IGF 2015 Open Forum on Access\n\n>>ANA SILVA: Hello.",
    );
    write(
        &src,
        "2012/b.txt",
        b"Open Forum on Access\n\n>>ANA SILVA: Hello again.",
    );
    write(&src, "c.txt", b"Open Forum\n\n>>ANA SILVA: Hello, undated.");
    build(&options(&src, &site, &dist), &Quiet).unwrap();
    let page = String::from_utf8(files(&site)["index.html"].clone()).unwrap();
    for year in ["2015", "2012", "undated"] {
        assert!(page.contains(&format!("id=\"y{year}\"")), "{year}: {page}");
    }
    assert!(
        page.contains("<time datetime=\"2015\">2015</time>"),
        "{page}"
    );
}
