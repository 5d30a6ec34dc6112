//! The `floor` command-line tool, run as a user would.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.txt");

fn floor(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_floor"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("floor runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn parse_prints_the_model_as_json() {
    let v = json(&floor(&["parse", SAMPLE], b""));
    for key in ["meta", "speakers", "turns", "diagnostics"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let turns = v["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 54);
    let first = &turns[0];
    assert_eq!(first["n"], 1);
    assert_eq!(first["speaker"], "chengetai-masango");
    assert_eq!(first["label"], "CHENGETAI MASANGO");
    assert!(
        first["paragraphs"][0]
            .as_str()
            .unwrap()
            .starts_with("Okay.")
    );
    assert_eq!(v["meta"]["date"], "2016-04-06");
}

#[test]
fn pretty_and_stdin_give_the_same_model() {
    let sample = std::fs::read(SAMPLE).unwrap();
    let compact = floor(&["parse", SAMPLE], b"");
    let pretty = floor(&["parse", "--pretty", "-"], &sample);
    assert!(pretty.stdout.len() > compact.stdout.len());
    assert!(pretty.stdout.starts_with(b"{\n  \"meta\""));
    assert_eq!(json(&compact), json(&pretty));
}

#[test]
fn any_bytes_parse_with_exit_0() {
    let v = json(&floor(&["parse", "-"], b"\xff\xfe\x00garbage\x00\x80\x81"));
    assert!(v["diagnostics"].as_array().is_some());
    let v = json(&floor(&["parse", "-"], b""));
    assert_eq!(v["diagnostics"][0]["kind"], "empty");
}

#[test]
fn text_prints_the_readable_transcript() {
    let out = floor(&["text", SAMPLE], b"");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("IGF 2016 First Open Consultations and MAG Meeting April 6\n"));
    assert!(stdout.contains("\n[1] Chengetai Masango:\nOkay."));
}

const CAPTIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/corpus/other/podcastindex-example.vtt"
);

#[test]
fn text_and_html_give_a_timed_turns_time() {
    let out = floor(&["text", CAPTIONS], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("\n[1] 0:00 Sarah:\nIn today's episode"),
        "{text}"
    );
    assert!(
        text.contains("\n[2] 0:19 Gillian:\nHi Buzzsprout"),
        "{text}"
    );
    assert!(!text.contains("-->"));
    let out = floor(&["html", CAPTIONS], b"");
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains(r#"<article id="t2"><h2>Gillian <time datetime="PT0M19S">0:19</time></h2>"#)
    );
    // An IGF text has no times.
    let out = floor(&["html", SAMPLE], b"");
    assert!(!String::from_utf8(out.stdout).unwrap().contains("<time"));
}

#[test]
fn the_files_name_tells_formats_its_content_cannot() {
    // As many SRT commas as WebVTT dots: the name decides (stdin has none).
    let cues = "1\n00:00:01,000 --> 00:00:02,000\nOne.\n\n2\n00:00:03.000 --> 00:00:04.000\nTwo.\n";
    let dir = env!("CARGO_TARGET_TMPDIR");
    for (name, format) in [("cues.srt", "srt"), ("cues.txt", "webvtt")] {
        let path = format!("{dir}/{}-{name}", std::process::id());
        std::fs::write(&path, cues).unwrap();
        let v = json(&floor(&["parse", &path], b""));
        std::fs::remove_file(&path).unwrap();
        assert_eq!(v["meta"]["format"], format, "{name}");
        assert_eq!(v["turns"][0]["start"], 1.0);
    }
    let v = json(&floor(&["parse", "-"], cues.as_bytes()));
    assert_eq!(v["meta"]["format"], "webvtt");
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = floor(&["parse", "/no/such/file.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("cannot read /no/such/file.txt"), "{stderr}");
}

#[test]
fn bad_usage_exits_2_with_usage() {
    let out = floor(&["frobnicate"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("usage: floor")
    );
}

#[test]
fn html_prints_a_static_page_with_every_turn_and_its_anchors() {
    let out = floor(&["html", "assets/sample.txt"], b"");
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    let model = json(&floor(&["parse", "assets/sample.txt"], b""));
    let turns = model["turns"].as_array().unwrap();
    assert_eq!(page.matches("<article id=\"t").count(), turns.len());
    for turn in turns {
        let n = turn["n"].as_u64().unwrap();
        assert!(page.contains(&format!("<article id=\"t{n}\">")));
        let paragraphs = turn["paragraphs"].as_array().unwrap().len();
        assert!(page.contains(&format!("<p id=\"t{n}-p{paragraphs}\">")));
    }
    assert!(page.starts_with("<!doctype html>"));
    assert!(
        page.contains("<title>IGF 2016 First Open Consultations and MAG Meeting April 6</title>")
    );
}

#[test]
fn html_escapes_every_piece_of_transcript_text() {
    let hostile = b"<b>Title</b>\n\n>>CHAIR<script>: x <img src=x onerror=alert(1)> & \"q\" 'a'\n";
    let out = floor(&["html", "-"], hostile);
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("<b>"), "{page}");
    assert!(!page.contains("<script"), "{page}");
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;"),
        "{page}"
    );
}

/// `--no-merge LABEL` keeps a merged label as a speaker of its own, and
/// says so; a label the file does not have is a warning, not an error.
#[test]
fn no_merge_keeps_a_label_apart() {
    let text = b">>REMOTE INTERVENTION: One.\n\n>>REMOTE INTERVENTION: Two.\n\n>>REMOTE INVERVENTION: Three.\n";
    let merged = json(&floor(&["parse", "-"], text));
    assert_eq!(merged["speakers"].as_array().unwrap().len(), 1);
    let merge = &merged["diagnostics"][0];
    assert_eq!(merge["kind"], "speaker_merged");
    assert_eq!(merge["label"], "REMOTE INVERVENTION");

    let out = floor(&["parse", "--no-merge", "REMOTE INVERVENTION", "-"], text);
    let apart = json(&out);
    let speakers = apart["speakers"].as_array().unwrap();
    assert_eq!(speakers.len(), 2);
    assert_eq!(speakers[1]["id"], "remote-invervention");
    assert_eq!(apart["turns"][2]["speaker"], "remote-invervention");
    assert_eq!(apart["diagnostics"][0]["kind"], "merge_undone");
    assert!(out.stderr.is_empty());

    let text_out = floor(&["text", "--no-merge", "REMOTE INVERVENTION", "-"], text);
    assert!(String::from_utf8_lossy(&text_out.stdout).contains("[3] Remote Invervention:"));

    let unknown = floor(&["parse", "--no-merge", "NOBODY", "-"], text);
    assert!(unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no speaker label"));
    // (A usage error exits before reading stdin: give it none.)
    assert_eq!(floor(&["parse", "--no-merge"], b"").status.code(), Some(2));
}

#[test]
fn align_prints_the_model_timed_from_the_captions() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus/other/");
    let html = format!("{data}podcastindex-example.html");
    let srt = format!("{data}podcastindex-example.srt");
    // The HTML transcript, written untimed, piped in; its captions by name.
    let t = floor::read::parse_file(&std::fs::read(&html).unwrap(), &html);
    let igf: String = t
        .turns
        .iter()
        .map(|turn| {
            let name = t.label(turn).unwrap_or("SPEAKER").to_uppercase();
            format!(">>{name}: {}\n\n", t.paragraphs(turn).to_vec().join("\n\n"))
        })
        .collect();
    let out = floor(&["align", "--pretty", "-", &srt], igf.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["meta"]["format"], "igf");
    let turns = v["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 10);
    assert!(turns.iter().all(|t| t["start"].is_f64()), "{turns:?}");
    assert!(turns[1]["start"].as_f64().unwrap() > turns[0]["start"].as_f64().unwrap());
    let aligned = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "aligned")
        .expect("an aligned diagnostic");
    assert!(
        aligned["message"]
            .as_str()
            .unwrap()
            .starts_with("Timed 10 of 10 turns (100%)")
    );
    // align needs both files.
    assert_eq!(floor(&["align", &html], b"").status.code(), Some(2));
}

#[test]
fn page_writes_the_viewer_the_session_page_and_its_source() {
    let dir = std::env::temp_dir().join(format!("floor-page-{}", std::process::id()));
    let (viewer, out) = (dir.join("dist"), dir.join("out"));
    std::fs::create_dir_all(viewer.join("sub")).unwrap();
    std::fs::write(
        viewer.join("index.html"),
        "<!doctype html><html data-floor-app><title>Floor</title><script src=first-screen.js></script><body><div class=\"floor first-screen\" inert><p>sample</p></div></body></html>",
    )
    .unwrap();
    std::fs::write(viewer.join("sub/floor.css"), "x").unwrap();
    let source = dir.join("IGF 2016_MAG Day.TXT");
    std::fs::write(&source, ">>CHAIR: Hello <world>.\n\n>>ANA: Hi.").unwrap();
    let (o, v) = (out.to_str().unwrap(), viewer.to_str().unwrap());
    let run = floor(
        &[
            "page",
            source.to_str().unwrap(),
            "-o",
            o,
            "--viewer",
            v,
            "--archive",
            "../index.html",
        ],
        b"",
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let page = std::fs::read_to_string(out.join("igf-2016-mag-day.html")).unwrap();
    assert!(page.contains("data-floor-transcript=\"igf-2016-mag-day.txt\""));
    assert!(page.contains("<p id=\"t1-p1\">Hello &lt;world&gt;.</p>"));
    assert!(page.contains("id=\"t2\"") && !page.contains("<p>sample</p>"));
    assert!(page.contains("<a href=\"../index.html\">All sessions</a>"));
    assert_eq!(
        std::fs::read(out.join("igf-2016-mag-day.txt")).unwrap(),
        std::fs::read(&source).unwrap()
    );
    assert!(out.join("sub/floor.css").exists() && out.join("index.html").exists());
    // No viewer: a clear error.
    let run = floor(
        &[
            "page",
            source.to_str().unwrap(),
            "-o",
            o,
            "--viewer",
            "/nonexistent",
        ],
        b"",
    );
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("trunk build"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_writes_a_format_that_parse_reads_back() {
    let dir = std::env::temp_dir().join(format!("floor-cli-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let model = json(&floor(&["parse", SAMPLE], b""));
    for format in ["md", "txt", "json", "podcast-html"] {
        let ext = if format == "podcast-html" {
            "html"
        } else {
            format
        };
        let out = dir.join(format!("sample.{ext}"));
        let out = out.to_str().unwrap();
        let done = floor(&["export", "--format", format, "-o", out, SAMPLE], b"");
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        let back = json(&floor(&["parse", out], b""));
        let turns = back["turns"].as_array().unwrap();
        assert_eq!(turns.len(), 54, "{format}");
        for (a, b) in model["turns"].as_array().unwrap().iter().zip(turns) {
            assert_eq!(a["speaker"], b["speaker"], "{format}");
        }
    }
    // One speaker's turns, by name; a search's, on stdout.
    let one = floor(
        &[
            "export",
            "--format",
            "json",
            "--speaker",
            "Chair St. Amour",
            SAMPLE,
        ],
        b"",
    );
    let one = json(&one);
    assert!(
        one["turns"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["speaker"] == "chair-st-amour")
    );
    let found = floor(
        &[
            "export",
            "--format",
            "txt",
            "--query",
            "\"best practice\"",
            SAMPLE,
        ],
        b"",
    );
    assert!(found.status.success());
    let text = String::from_utf8(found.stdout).unwrap();
    assert!(
        text.contains("best practice") || text.contains("Best practice"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_says_why_it_cannot() {
    let untimed = floor(&["export", "--format", "vtt", SAMPLE], b"");
    assert_eq!(untimed.status.code(), Some(1));
    let message = String::from_utf8_lossy(&untimed.stderr);
    assert!(message.contains("has no times"), "{message}");
    let unknown = floor(&["export", "--format", "docx", SAMPLE], b"");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("one of md, txt, json"));
    let nobody = floor(
        &[
            "export",
            "--format",
            "md",
            "--speaker",
            "Nobody Here",
            SAMPLE,
        ],
        b"",
    );
    assert_eq!(nobody.status.code(), Some(1));
    assert_eq!(floor(&["export", SAMPLE], b"").status.code(), Some(2));
}

#[test]
fn parse_reads_its_own_json_back() {
    let dir = std::env::temp_dir().join(format!("floor-cli-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let first = floor(&["parse", "--pretty", SAMPLE], b"");
    let path = dir.join("sample.json");
    std::fs::write(&path, &first.stdout).unwrap();
    let (a, b) = (
        json(&first),
        json(&floor(&["parse", path.to_str().unwrap()], b"")),
    );
    assert_eq!(a["speakers"], b["speakers"]);
    assert_eq!(b["meta"]["format"], "floor-json");
    let without = |v: &serde_json::Value, keys: &[&str]| {
        let mut v = v.clone();
        for key in keys {
            v.as_object_mut().unwrap().remove(*key);
        }
        v
    };
    assert_eq!(
        without(&a["meta"], &["format"]),
        without(&b["meta"], &["format"])
    );
    let (ta, tb) = (
        a["turns"].as_array().unwrap(),
        b["turns"].as_array().unwrap(),
    );
    assert_eq!(ta.len(), tb.len());
    for (x, y) in ta.iter().zip(tb) {
        assert_eq!(
            without(x, &["range", "line"]),
            without(y, &["range", "line"])
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cite_prints_a_turns_citation_in_each_style() {
    let args = [
        "cite",
        SAMPLE,
        "--turn",
        "37",
        "--url",
        "https://example.org/floor/#t37",
        "--accessed",
        "2026-11-28",
    ];
    let out = floor(&args, b"");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Avri Doria, \u{201c}IGF 2016 First Open Consultations and MAG Meeting April 6\u{201d}, \
         2016-04-06, turn 37. https://example.org/floor/#t37\n"
    );
    let out = floor(&[&args[..], &["--style", "apa"]].concat(), b"");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Doria, A. (2016, April 6). IGF 2016 First Open Consultations and MAG Meeting April 6 \
         [Meeting transcript]. Internet Governance Forum, Geneva, Switzerland. \
         https://example.org/floor/#t37\n"
    );
    let sample = std::fs::read(SAMPLE).unwrap();
    let all = floor(
        &[
            "cite",
            "-",
            "--turn",
            "37",
            "--style",
            "all",
            "--quote",
            "a two-year effort",
        ],
        &sample,
    );
    assert!(all.status.success());
    let all = String::from_utf8(all.stdout).unwrap();
    for heading in [
        "Plain text",
        "APA 7",
        "Chicago",
        "MLA 9",
        "BibTeX",
        "CSL-JSON",
    ] {
        assert!(
            all.contains(&format!("## {heading}\n\n")),
            "{heading} in {all}"
        );
    }
    assert!(all.contains("\u{201c}a two-year effort\u{201d} (Doria, 2016)\nDoria, A."));
    assert!(all.contains("@misc{doria2016t37,\n"));
    // No link, no access date.
    assert!(!all.contains("Accessed") && !all.contains("urldate"));
    // With a link and no date, today's.
    let out = floor(
        &[
            "cite", SAMPLE, "--turn", "37", "--style", "bibtex", "--url", "u",
        ],
        b"",
    );
    let out = String::from_utf8(out.stdout).unwrap();
    let urldate = out
        .lines()
        .find(|l| l.starts_with("  urldate = {"))
        .unwrap();
    assert_eq!(
        urldate.len(),
        "  urldate = {2026-11-28},".len(),
        "{urldate}"
    );
}

#[test]
fn cite_refuses_what_it_cannot_cite() {
    for args in [
        &["cite", SAMPLE][..],
        &["cite", SAMPLE, "--turn", "0"],
        &["cite", SAMPLE, "--turn", "x"],
        &["cite", SAMPLE, "--turn", "99"],
        &["cite", SAMPLE, "--turn", "3", "--style", "harvard"],
        &["cite", SAMPLE, "--turn", "3", "--accessed", "28 Nov 2026"],
        &["parse", SAMPLE, "--turn", "3"],
    ] {
        let out = floor(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = floor(&["cite", SAMPLE, "--turn", "99"], b"");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no turn 99"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
