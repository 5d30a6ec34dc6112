//! `floor`: the native command-line tool over Floor's core.
//!
//! ```text
//! floor parse [--pretty] FILE|-   print the transcript model as JSON
//! floor text FILE|-               print the transcript as readable text
//! floor html FILE|-               print the transcript as a static HTML page
//! floor page FILE [-o OUT_DIR] [--viewer DIST] [--archive HREF]
//!                                 write a session page: the viewer (DIST)
//!                                 with the transcript pre-rendered in it
//! floor align [--pretty] TRANSCRIPT CAPTIONS
//!                                 print the transcript model as JSON, timed
//!                                 from the captions of its recording
//! floor site SOURCE -o SITE [--viewer DIST]
//!                                 build the archive site of every
//!                                 transcript under SOURCE
//! floor export --format F [--speaker NAME] [--query Q] [-o OUT] FILE|-
//!                                 write the transcript (or one speaker's
//!                                 turns, or a search's) as md, txt, json,
//!                                 vtt, srt, podcast-json or podcast-html
//! floor cite FILE --turn N [--style S|all] [--quote TEXT] [--url URL]
//!            [--accessed YYYY-MM-DD]
//!                                 print a citation of turn N: plain, apa,
//!                                 chicago, mla, bibtex or csl-json
//! ```
//!
//! Each takes `--no-merge LABEL` (repeatable): that label, exactly as
//! written, is a speaker of its own, not merged into a label it looks like.
//!
//! Any input that can be read parses (exit 0); only I/O errors fail (exit 1),
//! and an export that cannot be written (captions of a transcript without
//! times, a speaker it does not have). Usage errors exit 2.

#![cfg_attr(target_arch = "wasm32", allow(unused_imports, dead_code))]

use std::io::{Read, Write};
use std::process::ExitCode;

use floor::model::Transcript;

const USAGE: &str = "usage: floor parse [--pretty] [--no-merge LABEL]... FILE|-
       floor text [--no-merge LABEL]... FILE|-
       floor html [--no-merge LABEL]... FILE|-
       floor align [--pretty] [--no-merge LABEL]... TRANSCRIPT|- CAPTIONS
       floor site SOURCE -o SITE [--viewer DIST] [--no-merge LABEL]... [--max-size MB]
       floor page FILE [-o OUT_DIR] [--viewer DIST] [--archive HREF]
       floor export --format FORMAT [--speaker NAME] [--query QUERY] [--no-merge LABEL]...
                    [-o OUT] FILE|-
       floor cite FILE|- --turn N [--style STYLE|all] [--quote TEXT] [--url URL]
                  [--accessed YYYY-MM-DD] [--no-merge LABEL]...

  parse   print the transcript model as JSON: meta, speakers, turns, diagnostics
  text    print the transcript as readable text: header, then each turn
          ([12] Name:, or [12] 12:34 Name: when its time is known)
  html    print a plain, crawlable HTML page of the transcript, with the
          viewer's anchors (#t37, #t37-p2) and the turns' times
  page    write OUT_DIR (default ./page): the viewer's build DIST (default
          ./dist, from trunk build) copied, NAME.html (the session page: the
          transcript pre-rendered as the viewer draws it, readable without
          JavaScript, which the viewer then takes over) and the transcript
          beside it as NAME.EXT (NAME: the file's name in [a-z0-9-]);
          with --archive, a link to HREF (All sessions) above it
  align   print the transcript model as JSON (as parse does) with the start
          and end of each turn and the start of each paragraph found by
          aligning its words to the captions of its recording (any timed
          file: WebVTT, SRT, JSON); an aligned diagnostic says how many
          turns were timed, a not_aligned one why none were
  site    build a static site of every transcript under the folder SOURCE
          (recursively; files and folders starting with . are skipped):
          a page per transcript, a page per speaker across the archive, the
          archive page with its search index. DIST is the viewer's build
          (default ./dist: make dist). Only what changed is written again;
          a summary ends the build, and SITE/.floor/report.txt lists every
          speaker merge across files. --max-size: largest file read (50 MB)
  export  write the transcript in FORMAT to stdout (or OUT): md (Markdown),
          txt (plain text, >>Name: turns), json (Floor's model, which
          floor parse reads back), vtt (WebVTT), srt (SubRip),
          podcast-json, podcast-html (Podcasting 2.0); vtt, srt and
          podcast-json need times (a timed file, or floor align first).
          --speaker: only that speaker's turns (an id, a name or a label);
          --query: only the turns the viewer's search finds for QUERY
          (both: that speaker's turns the search finds). Each format reads
          back to the same turns, speakers and words
  cite    print a citation of turn N (from 1, as in #t37) in STYLE: plain
          (the default; the viewer's Copy citation), apa (APA 7), chicago
          (Chicago 17, notes and bibliography), mla (MLA 9), bibtex (a @misc
          entry) or csl-json (for Zotero and other reference managers); all
          prints each under a heading. --quote: the words quoted; --url: the
          link cited (e.g. the viewer's #t37 address); --accessed: the date
          it was read (default: today, when --url is given)
  FILE    a transcript (text, saved HTML page, WebVTT, SRT or JSON; any
          encoding; its extension tells formats apart where the content
          cannot); - reads stdin
  --no-merge LABEL
          keep this speaker label (exactly as written) as a speaker of its
          own, where Floor merged it into a label it looks like (see the
          speaker_merged diagnostics); repeatable";

/// What the command line asks for.
struct Args<'a> {
    command: &'a str,
    pretty: bool,
    no_merge: Vec<String>,
    path: &'a str,
    /// `align`'s captions.
    captions: Option<&'a str>,
    /// `page`'s output directory, viewer build and archive link.
    out: &'a str,
    viewer: &'a str,
    archive: Option<&'a str>,
    /// `export`'s format, speaker, query and output file.
    format: Option<&'a str>,
    speaker: Option<&'a str>,
    query: Option<&'a str>,
    output: Option<&'a str>,
    /// `cite`'s turn, styles (none: every one), quote, URL and access date.
    turn: u32,
    styles: Option<floor::cite::Style>,
    quote: Option<&'a str>,
    url: &'a str,
    accessed: Option<&'a str>,
}

/// Reads the arguments after the program's name; `None` on a usage error.
fn args<'a>(args: &[&'a str]) -> Option<Args<'a>> {
    let (&command, mut rest) = args.split_first()?;
    if !matches!(
        command,
        "parse" | "text" | "html" | "align" | "page" | "export" | "cite"
    ) {
        return None;
    }
    let (mut format, mut speaker, mut query, mut output) = (None, None, None, None);
    let (mut pretty, mut no_merge, mut path, mut captions) = (false, Vec::new(), None, None);
    let (mut out, mut viewer, mut archive) = ("page", "dist", None);
    let (mut turn, mut styles, mut quote, mut url, mut accessed) =
        (None, Some(floor::cite::Style::Plain), None, "", None);
    while let Some((&arg, after)) = rest.split_first() {
        rest = after;
        match arg {
            "--pretty" if matches!(command, "parse" | "align") => pretty = true,
            // (A page's viewer reads the transcript as it is.)
            "-o" | "--viewer" if command == "page" => {
                let (&value, after) = rest.split_first()?;
                *(if arg == "-o" { &mut out } else { &mut viewer }) = value;
                rest = after;
            }
            "--format" | "--speaker" | "--query" | "-o" if command == "export" => {
                let (&value, after) = rest.split_first()?;
                let slot = match arg {
                    "--format" => &mut format,
                    "--speaker" => &mut speaker,
                    "--query" => &mut query,
                    _ => &mut output,
                };
                *slot = Some(value);
                rest = after;
            }
            "--archive" if command == "page" => {
                let (&value, after) = rest.split_first()?;
                archive = Some(value);
                rest = after;
            }
            "--turn" | "--style" | "--quote" | "--url" | "--accessed" if command == "cite" => {
                let (&value, after) = rest.split_first()?;
                rest = after;
                match arg {
                    "--turn" => turn = Some(value.parse::<u32>().ok().filter(|n| *n > 0)?),
                    "--style" if value == "all" => styles = None,
                    "--style" => styles = Some(floor::cite::Style::parse(value)?),
                    "--quote" => quote = Some(value),
                    "--url" => url = value,
                    _ => accessed = Some(value).filter(|v| is_iso_date(v)).map(Some)?,
                }
            }
            "--no-merge" if command != "page" => {
                let (&label, after) = rest.split_first()?;
                no_merge.push(label.to_string());
                rest = after;
            }
            _ if path.is_none() && (arg == "-" || !arg.starts_with("--")) => path = Some(arg),
            _ if command == "align"
                && path.is_some()
                && captions.is_none()
                && !arg.starts_with("--") =>
            {
                captions = Some(arg)
            }
            _ => return None,
        }
    }
    if (command == "align") != captions.is_some()
        || (command == "export") != format.is_some()
        || (command == "cite") != turn.is_some()
    {
        return None;
    }
    Some(Args {
        command,
        pretty,
        no_merge,
        path: path.filter(|p| command != "page" || *p != "-")?,
        captions,
        out,
        viewer,
        archive,
        format,
        speaker,
        query,
        output,
        turn: turn.unwrap_or(0),
        styles,
        quote,
        url,
        accessed,
    })
}

/// Whether `s` is an ISO date, `YYYY-MM-DD`.
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if matches!(args.as_slice(), ["-h" | "--help"]) {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if let Some(("site", rest)) = args.split_first().map(|(c, r)| (*c, r)) {
        return site(rest);
    }
    let Some(Args {
        command,
        pretty,
        no_merge,
        path,
        captions,
        out,
        viewer,
        archive,
        format,
        speaker,
        query,
        output,
        turn,
        styles,
        quote,
        url,
        accessed,
    }) = self::args(&args)
    else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let format = match format.map(|f| (f, floor::export::Format::parse(f))) {
        Some((name, None)) => {
            let names: Vec<&str> = floor::export::Format::ALL
                .iter()
                .map(|f| f.name())
                .collect();
            eprintln!(
                "floor: no export format “{name}”: one of {}",
                names.join(", ")
            );
            return ExitCode::from(2);
        }
        Some((_, format)) => format,
        None => None,
    };
    let bytes = match read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("floor: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The file's name tells the formats its content cannot tell apart.
    let mut transcript = match path {
        "-" => floor::read::parse(&bytes),
        _ => floor::read::parse_file(&bytes, path),
    };
    if !no_merge.is_empty() {
        for label in &no_merge {
            let known = transcript
                .turns
                .iter()
                .any(|turn| transcript.label(turn) == Some(label.as_str()));
            if !known {
                eprintln!(
                    "floor: no speaker label \u{201c}{label}\u{201d} in {path} (--no-merge takes a label exactly as written)"
                );
            }
        }
        let choices = floor::resolve::speakers::Choices { no_merge };
        floor::resolve::speakers::resolve(&mut transcript, &choices);
    }
    if let Some(captions) = captions {
        let bytes = match read(captions) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("floor: cannot read {captions}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let captions = floor::read::parse_file(&bytes, captions);
        transcript = floor::align::align(&transcript, &captions);
    }
    if let Some(format) = format {
        return export(&transcript, format, path, (speaker, query, output));
    }
    if command == "page" {
        return match write_page(&transcript, &bytes, path, (out, viewer, archive)) {
            Ok(page) => {
                println!("{page}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("floor: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if command == "cite" {
        if turn as usize > transcript.turns.len() {
            eprintln!(
                "floor: no turn {turn} in {path} (it has {} turns)",
                transcript.turns.len()
            );
            return ExitCode::from(2);
        }
        let today = (!url.is_empty()).then(today);
        let accessed = accessed.map(str::to_string).or(today).unwrap_or_default();
        let cited =
            floor::cite::Cited::of(&transcript, turn, quote.map(str::to_string), url, &accessed);
        return print(&cite(&cited, styles));
    }
    let out = match command {
        "parse" | "align" if pretty => serde_json::to_string_pretty(&transcript).map(|s| s + "\n"),
        "parse" | "align" => serde_json::to_string(&transcript).map(|s| s + "\n"),
        "html" => Ok(floor::render::html_page(&transcript)),
        _ => Ok(as_text(&transcript)),
    };
    match out {
        Ok(out) => print(&out),
        Err(e) => {
            eprintln!("floor: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes `out` on stdout.
#[cfg(not(target_arch = "wasm32"))]
fn print(out: &str) -> ExitCode {
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`floor parse x | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floor: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `floor export`: `t` (read from `path`) in `format`, the turns of
/// `speaker` (an id, a name or a label) and of `query` if given, to
/// `output` or stdout.
#[cfg(not(target_arch = "wasm32"))]
fn export(
    t: &Transcript,
    format: floor::export::Format,
    path: &str,
    (speaker, query, output): (Option<&str>, Option<&str>, Option<&str>),
) -> ExitCode {
    use floor::export::Selection;
    let speaker = match speaker.map(|name| (name, floor::export::speaker_id(t, name))) {
        Some((name, None)) => {
            eprintln!("floor: no speaker “{name}” in {path} (an id, a name or a label)");
            return ExitCode::FAILURE;
        }
        Some((_, id)) => id.map(str::to_string),
        None => None,
    };
    let selection = match (speaker, query) {
        (speaker, Some(query)) => Selection::Query {
            query: query.to_string(),
            speaker,
        },
        (Some(id), None) => Selection::Speaker(id),
        (None, None) => Selection::All,
    };
    let text = match floor::export::export(t, format, &selection) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("floor: {e}");
            return ExitCode::FAILURE;
        }
    };
    let written = match output {
        Some(out) => {
            std::fs::write(out, text.as_bytes()).map_err(|e| format!("cannot write {out}: {e}"))
        }
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::BrokenPipe => Ok(()),
                _ => Err(e),
            })
            .map_err(|e| format!("cannot write: {e}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `cited` in `style`, or in every style each under a heading (`## APA
/// 7`), ending with a newline.
fn cite(cited: &floor::cite::Cited, style: Option<floor::cite::Style>) -> String {
    use floor::cite::{Style, cite};
    match style {
        Some(style) => cite(cited, style) + "\n",
        None => Style::ALL
            .iter()
            .map(|&style| format!("## {}\n\n{}\n", style.label(), cite(cited, style)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`.
#[cfg(not(target_arch = "wasm32"))]
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Writes `out`: the viewer's build `viewer` copied, the session page of
/// `t` (with a link to `archive`) and its source (`bytes`, read from
/// `path`) beside it. Returns the page's path.
#[cfg(not(target_arch = "wasm32"))]
fn write_page(
    t: &Transcript,
    bytes: &[u8],
    path: &str,
    (out, viewer, archive): (&str, &str, Option<&str>),
) -> Result<String, String> {
    use std::path::Path;
    let template_path = Path::new(viewer).join("index.html");
    let template = std::fs::read_to_string(&template_path).map_err(|e| {
        format!(
            "cannot read the viewer's {} (build it with trunk build --release, or give --viewer DIST): {e}",
            template_path.display()
        )
    })?;
    let file = Path::new(path);
    let name = page_name(file.file_stem().and_then(|s| s.to_str()).unwrap_or(""));
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "txt".into());
    let source = format!("{name}.{ext}");
    let out = Path::new(out);
    copy_dir(Path::new(viewer), out)
        .map_err(|e| format!("cannot copy {viewer} to {}: {e}", out.display()))?;
    let page = floor::render::session_page(&template, t, &source, archive);
    let page_path = out.join(format!("{name}.html"));
    std::fs::write(&page_path, page)
        .and_then(|()| std::fs::write(out.join(&source), bytes))
        .map_err(|e| format!("cannot write in {}: {e}", out.display()))?;
    Ok(page_path.display().to_string())
}

/// A file's stem as a page's name: lower-case ASCII letters, digits and
/// dashes (`IGF 2016_MAG` → `igf-2016-mag`); `transcript` if nothing is left.
fn page_name(stem: &str) -> String {
    let mut name = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "transcript".into()
    } else {
        name.into()
    }
}

/// Copies the files of `from` into `to` (made if need be), and its folders'.
#[cfg(not(target_arch = "wasm32"))]
fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
fn read(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The transcript as plain text: header lines, then each turn as `[n] Name:`
/// (`[n] 12:34 Name:` when the recording's time is known) and its
/// paragraphs.
fn as_text(t: &Transcript) -> String {
    let mut out = String::new();
    let m = &t.meta;
    for line in [&m.title, &m.date_text, &m.location].into_iter().flatten() {
        out.push_str(line);
        out.push('\n');
    }
    for turn in &t.turns {
        let name = t.speaker_of(turn).map_or("(unattributed)", |s| &s.name);
        match t.start(turn) {
            Some(ms) => out.push_str(&format!(
                "\n[{}] {} {name}:\n",
                turn.n,
                floor::link::time::clock(ms)
            )),
            None => out.push_str(&format!("\n[{}] {name}:\n", turn.n)),
        }
        for p in t.paragraphs(turn) {
            out.push_str(p);
            out.push('\n');
        }
    }
    out
}

/// `floor site`: the archive site, with a progress bar on a terminal and a
/// summary at the end.
#[cfg(not(target_arch = "wasm32"))]
fn site(args: &[&str]) -> ExitCode {
    use floor::site::{Options, build};
    let mut options = Options {
        source: Default::default(),
        out: Default::default(),
        viewer: "dist".into(),
        no_merge: Vec::new(),
        max_bytes: floor::source::MAX_BYTES,
    };
    let (mut source, mut out) = (None, None);
    let mut rest = args;
    while let Some((&arg, after)) = rest.split_first() {
        rest = after;
        let mut value = || {
            let (&v, after) = rest.split_first()?;
            rest = after;
            Some(v)
        };
        let ok = match arg {
            "-o" | "--out" => value().map(|v| out = Some(v)).is_some(),
            "--viewer" => value().map(|v| options.viewer = v.into()).is_some(),
            "--no-merge" => value().map(|v| options.no_merge.push(v.into())).is_some(),
            "--max-size" => value()
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|mb| *mb > 0.0)
                .map(|mb| options.max_bytes = (mb * 1_048_576.0) as u64)
                .is_some(),
            _ if source.is_none() && !arg.starts_with('-') => {
                source = Some(arg);
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let (Some(source), Some(out)) = (source, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if !std::path::Path::new(source).is_dir() {
        eprintln!("floor: {source} is not a folder of transcripts");
        return ExitCode::FAILURE;
    }
    (options.source, options.out) = (source.into(), out.into());
    let bar = bar::Bar::new();
    match build(&options, &bar) {
        Ok(summary) => {
            bar.done();
            eprint!("{summary}");
            eprintln!("Site: {out}/index.html; merges to review: {out}/.floor/report.txt");
            ExitCode::SUCCESS
        }
        Err(e) => {
            bar.done();
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The progress bar of `floor site`: drawn only on a terminal.
#[cfg(not(target_arch = "wasm32"))]
mod bar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    pub struct Bar(ProgressBar);

    impl Bar {
        pub fn new() -> Bar {
            // indicatif draws nothing when stderr is not a terminal.
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{msg:40} [{bar:30}] {pos}/{len} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            Bar(bar)
        }

        pub fn done(&self) {
            self.0.finish_and_clear();
        }
    }

    impl floor::site::Progress for Bar {
        fn step(&self, name: &'static str, total: u64) {
            self.0.set_message(name);
            self.0.set_length(total.max(1));
            self.0.set_position(0);
        }

        fn advance(&self) {
            self.0.inc(1);
        }
    }
}
