//! Writing the site: a file is written only when what it is made from
//! changed (or it is missing), and a file the last build wrote that this
//! one does not make is removed. Files are written whole, to a temporary
//! name first, so an interrupted build never leaves half a page.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::cache::{Manifest, key_of};

/// The site being written.
pub struct Output {
    root: PathBuf,
    old: Manifest,
    new: Mutex<HashMap<String, (String, u64)>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

impl Output {
    /// The site at `root`, which the last build left as `old` says.
    pub fn new(root: &Path, old: Manifest) -> Output {
        Output {
            root: root.to_path_buf(),
            old,
            new: Mutex::new(HashMap::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        }
    }

    /// The length of the file at `path` when the last build made it from
    /// `key` and it is still there, as long: then it is kept as it is.
    pub fn kept(&self, path: &str, key: &str) -> Option<u64> {
        let (old_key, len) = self.old.0.get(path)?;
        if old_key != key {
            return None;
        }
        let on_disk = std::fs::metadata(self.root.join(path)).ok()?.len();
        if on_disk != *len {
            return None;
        }
        self.record(path, key, *len);
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        Some(*len)
    }

    /// Puts `bytes` at `path`, made from `key`: written unless kept. Its
    /// length.
    pub fn put_keyed(&self, path: &str, key: &str, bytes: &[u8]) -> Result<u64, String> {
        if self.kept(path, key).is_some() {
            return Ok(bytes.len() as u64);
        }
        let to = self.root.join(path);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        write_whole(&to, bytes).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        self.record(path, key, bytes.len() as u64);
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(bytes.len() as u64)
    }

    /// Moves the file `from` (in the site's folder) to `path`, made from
    /// `key`: its length; an error when there is no such file.
    pub fn put_moved(&self, path: &str, key: &str, from: &Path) -> Result<u64, String> {
        let len = std::fs::metadata(from).map_err(|e| e.to_string())?.len();
        let to = self.root.join(path);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::rename(from, &to).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        self.record(path, key, len);
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(len)
    }

    /// Puts `bytes` at `path`, keyed by themselves.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<u64, String> {
        self.put_keyed(path, &key_of(&[bytes]), bytes)
    }

    fn record(&self, path: &str, key: &str, len: u64) {
        let mut new = self.new.lock().unwrap_or_else(|e| e.into_inner());
        new.insert(path.to_string(), (key.to_string(), len));
    }

    /// Removes what the last build wrote and this one did not: the files
    /// written, kept and removed, and the new manifest.
    pub fn finish(self) -> Result<(usize, usize, usize, Manifest), String> {
        let new = self.new.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut removed = 0;
        let mut gone: Vec<&String> = self
            .old
            .0
            .keys()
            .filter(|p| !new.contains_key(*p))
            .collect();
        gone.sort();
        for path in gone {
            let file = self.root.join(path);
            match std::fs::remove_file(&file) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("cannot remove {}: {e}", file.display())),
            }
            // A folder left empty goes too (an index shard's folder).
            if let Some(dir) = file.parent()
                && dir != self.root
            {
                let _ = std::fs::remove_dir(dir);
            }
        }
        Ok((
            self.written.into_inner(),
            self.unchanged.into_inner(),
            removed,
            Manifest(new),
        ))
    }
}

/// Writes `bytes` to `to` whole: to a temporary name of its own first, then
/// renamed, so that no reader ever sees half of it, even when two threads
/// write the same file (two sources with the same bytes share a cache
/// entry and index fragments).
pub fn write_whole(to: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let mut name = to.file_name().unwrap_or_default().to_os_string();
    name.push(format!(
        ".floor-tmp{}",
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp = to.with_file_name(name);
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, to))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

/// The viewer's files (`dist/`): name (with `/` in a subfolder) and path,
/// in order of name.
pub fn viewer_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let (found, errors) = super::sources::walk(dir, None);
    if let Some((path, why)) = errors.first() {
        return Err(format!("the viewer's {path}: {why}"));
    }
    Ok(found.into_iter().map(|f| (f.relative, f.path)).collect())
}

/// Removes the cache entries of sources that are gone (keys not in `keys`).
pub fn prune_cache(dir: &Path, keys: &HashSet<&str>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let key = name.strip_suffix(".bin").unwrap_or(&name);
        if !keys.contains(key) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_changed_and_removes_what_is_gone() {
        let root = std::env::temp_dir().join(format!("floor-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = Output::new(&root, Manifest::default());
        out.put("a/x.html", b"one").unwrap();
        out.put("b.html", b"two").unwrap();
        let (written, unchanged, removed, manifest) = out.finish().unwrap();
        assert_eq!((written, unchanged, removed), (2, 0, 0));

        let out = Output::new(&root, manifest);
        out.put("a/x.html", b"one").unwrap();
        out.put("c.html", b"three").unwrap();
        let (written, unchanged, removed, manifest) = out.finish().unwrap();
        assert_eq!((written, unchanged, removed), (1, 1, 1));
        assert!(!root.join("b.html").exists());
        assert_eq!(std::fs::read(root.join("c.html")).unwrap(), b"three");

        // A file changed by hand (another length) is written again.
        std::fs::write(root.join("a/x.html"), b"edited").unwrap();
        let out = Output::new(&root, manifest);
        out.put("a/x.html", b"one").unwrap();
        assert_eq!(out.finish().unwrap().0, 1);
        assert_eq!(std::fs::read(root.join("a/x.html")).unwrap(), b"one");
        let _ = std::fs::remove_dir_all(&root);
    }
}
