//! `floor`: the native command-line tool over Floor's core.
//!
//! ```text
//! floor parse [--pretty] FILE|-   print the transcript model as JSON
//! floor text FILE|-               print the transcript as readable text
//! floor html FILE|-               print the transcript as a static HTML page
//! ```
//!
//! Any input that can be read parses (exit 0); only I/O errors fail (exit 1).
//! Usage errors exit 2.

#![cfg_attr(target_arch = "wasm32", allow(unused_imports, dead_code))]

use std::io::{Read, Write};
use std::process::ExitCode;

use floor::model::Transcript;

const USAGE: &str = "usage: floor parse [--pretty] FILE|-
       floor text FILE|-
       floor html FILE|-

  parse   print the transcript model as JSON: meta, speakers, turns, diagnostics
  text    print the transcript as readable text: header, then each turn
  html    print a plain, crawlable HTML page of the transcript, with the
          viewer's anchors (#t37, #t37-p2)
  FILE    a transcript (text or saved HTML page, any encoding); - reads stdin";

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (command, pretty, path) = match args.as_slice() {
        ["-h" | "--help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        ["parse", "--pretty", path] | ["parse", path, "--pretty"] => ("parse", true, *path),
        [command @ ("parse" | "text" | "html"), path] => (*command, false, *path),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let bytes = match read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("floor: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let transcript = floor::read::parse(&bytes);
    let out = match command {
        "parse" if pretty => serde_json::to_string_pretty(&transcript).map(|s| s + "\n"),
        "parse" => serde_json::to_string(&transcript).map(|s| s + "\n"),
        "html" => Ok(floor::render::html_page(&transcript)),
        _ => Ok(as_text(&transcript)),
    };
    let written = out
        .map_err(std::io::Error::other)
        .and_then(|s| std::io::stdout().lock().write_all(s.as_bytes()));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`floor parse x | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floor: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
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
/// The transcript as plain text: header lines, then `n. Name: paragraph`.
fn as_text(t: &Transcript) -> String {
    let mut out = String::new();
    let m = &t.meta;
    for line in [&m.title, &m.date_text, &m.location].into_iter().flatten() {
        out.push_str(line);
        out.push('\n');
    }
    for turn in &t.turns {
        let name = turn
            .speaker
            .as_deref()
            .and_then(|id| t.speaker(id))
            .map_or("(unattributed)", |s| &s.name);
        out.push_str(&format!("\n[{}] {name}:\n", turn.n));
        for p in &turn.paragraphs {
            out.push_str(p);
            out.push('\n');
        }
    }
    out
}
