//! `floor`: the native command-line tool over Floor's core.
//!
//! ```text
//! floor text FILE    print the transcript as a readable document
//! ```

use std::process::ExitCode;

const USAGE: &str = "usage: floor text FILE\n\n  text FILE   print FILE as a readable document: its title, then its paragraphs";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, path] if cmd == "text" => match std::fs::read(path) {
            Ok(bytes) => {
                let doc = floor::parse::parse(&String::from_utf8_lossy(&bytes));
                println!("{}\n", doc.title);
                for p in &doc.paragraphs {
                    println!("{p}\n");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("floor: cannot read {path}: {e}");
                ExitCode::FAILURE
            }
        },
        [flag] if flag == "-h" || flag == "--help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
