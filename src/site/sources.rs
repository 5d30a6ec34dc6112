//! The sources of a site: every file under the source folder, read and
//! checked one by one. A file that cannot be a transcript (unreadable, a
//! binary, too large, nothing in it) is set aside with the reason, and the
//! build goes on without it.

use std::path::{Path, PathBuf};

use crate::source;

/// A file found under the source folder.
#[derive(Debug, Clone)]
pub struct Found {
    /// Its path, relative to the source folder, with `/` between folders.
    pub relative: String,
    /// Its path on disk.
    pub path: PathBuf,
}

/// Every file under `root`, in order of their relative paths, but files and
/// folders whose names start with `.` (a cache, a VCS, a generator's notes)
/// and `skip` (the site being written, when it is inside the sources).
/// Folders that cannot be listed are returned as errors beside the files.
pub fn walk(root: &Path, skip: Option<&Path>) -> (Vec<Found>, Vec<(String, String)>) {
    let (mut found, mut errors) = (Vec::new(), Vec::new());
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                errors.push((display(&prefix), format!("cannot list this folder: {e}")));
                continue;
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            if skip.is_some_and(|s| same_file(s, &path)) {
                continue;
            }
            let relative = format!("{prefix}{name}");
            // Follows symbolic links, as a reader of the folder would.
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => stack.push((path, format!("{relative}/"))),
                Ok(_) => found.push(Found { relative, path }),
                Err(e) => errors.push((relative, format!("cannot read it: {e}"))),
            }
        }
    }
    found.sort_by(|a, b| a.relative.cmp(&b.relative));
    errors.sort();
    (found, errors)
}

fn display(prefix: &str) -> String {
    if prefix.is_empty() {
        ".".into()
    } else {
        prefix.trim_end_matches('/').into()
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Reads a found file and checks it can be a transcript: its bytes, or why
/// it is set aside.
pub fn read(found: &Found, max_bytes: u64) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(&found.path)
        .map_err(|e| format!("cannot read it: {e}"))?
        .len();
    if size > max_bytes {
        return Err(format!(
            "too large ({} MB; at most {} MB)",
            source::megabytes(size),
            source::megabytes(max_bytes)
        ));
    }
    let bytes = std::fs::read(&found.path).map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("it is empty".into());
    }
    source::check_text(&bytes).map_err(|e| first_sentence(&e))?;
    Ok(bytes)
}

/// A message's first sentence, lower-cased at its start: the viewer's
/// messages say what to do next in a second one, which a build summary
/// does not need.
fn first_sentence(message: &str) -> String {
    let first = message.split(": open").next().unwrap_or(message);
    let first = first.trim_end_matches('.');
    let mut chars = first.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_part_of_a_summary_line() {
        assert_eq!(
            first_sentence("This file is a PNG image, not a transcript: open a text or HTML file."),
            "this file is a PNG image, not a transcript"
        );
    }

    #[test]
    fn walks_in_order_skipping_dotfiles_and_the_site() {
        let root = std::env::temp_dir().join(format!("floor-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for f in [
            "b/2.txt",
            "a.txt",
            ".cache/x.txt",
            "b/.truth.json",
            "site/index.html",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, ">>A: hi").unwrap();
        }
        let (found, errors) = walk(&root, Some(&root.join("site")));
        let names: Vec<&str> = found.iter().map(|f| f.relative.as_str()).collect();
        assert_eq!(names, ["a.txt", "b/2.txt"]);
        assert!(errors.is_empty());
        let _ = std::fs::remove_dir_all(&root);
    }
}
