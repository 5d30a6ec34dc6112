//! The archive site builder (`floor site SOURCE -o SITE`): every transcript
//! under a folder as a static site, native only.
//!
//! ```text
//! SITE/index.html          the archive page: every session by date, filters, search
//! SITE/sessions/           the viewer (a copy of dist/), and per transcript:
//! SITE/sessions/NAME.html    its page, pre-rendered as the viewer draws it
//! SITE/sessions/NAME.EXT     its source, which the page's viewer reads
//! SITE/speakers/NAME.html  one page per person across the archive
//! SITE/index/              the search index: shards of terms and of text
//! SITE/.floor/             what the next build reuses, and the report
//! ```
//!
//! A build goes in steps: find the sources ([`sources`]); read each one, or
//! take what an earlier build kept of it ([`cache`]), on every core; name
//! the pages ([`names`]); merge the speakers across files ([`speakers`]);
//! make each page that changed, the speakers' pages, the index and the
//! archive page; write what differs from what is there ([`output`]), and
//! remove what is no longer made. Everything made is a function of the
//! sources, the viewer and the options: two builds of the same sources
//! write the same bytes.

pub mod cache;
pub mod names;
pub mod output;
pub mod sources;
pub mod speakers;
mod summary;

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use cache::{Entry, Manifest, key_of};
use output::Output;
pub use summary::Summary;

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder of transcripts, read recursively.
    pub source: PathBuf,
    /// The site's folder.
    pub out: PathBuf,
    /// The viewer's build (`dist/`).
    pub viewer: PathBuf,
    /// Labels kept apart from the labels they look like, across the archive.
    pub no_merge: Vec<String>,
    /// Largest source read, in bytes.
    pub max_bytes: u64,
}

/// How far a build is, for a progress bar.
pub trait Progress: Sync {
    /// A step begins, of `total` items (0: one item).
    fn step(&self, name: &'static str, total: u64);
    /// One more item of the step is done.
    fn advance(&self);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn step(&self, _: &'static str, _: u64) {}
    fn advance(&self) {}
}

/// Where the builder keeps what the next build reuses.
const STATE_DIR: &str = ".floor";

/// A source read (or taken from the cache).
struct Read {
    relative: String,
    path: PathBuf,
    /// Its key: its bytes and its name.
    key: String,
    /// Its extension, lower case (`txt` when it has none).
    ext: String,
    entry: Entry,
}

/// Builds the site. Fails only when the viewer or the site's folder cannot
/// be used; a source that cannot be read is in the summary, and the build
/// goes on.
pub fn build(options: &Options, progress: &dyn Progress) -> Result<Summary, String> {
    let started = Instant::now();
    let template_path = options.viewer.join("index.html");
    let template = std::fs::read_to_string(&template_path).map_err(|e| {
        format!(
            "cannot read the viewer's {} ({e}): build it first (make dist) or pass --viewer DIST",
            template_path.display()
        )
    })?;
    let viewer = output::viewer_files(&options.viewer)?;
    std::fs::create_dir_all(&options.out)
        .map_err(|e| format!("cannot create {}: {e}", options.out.display()))?;
    let state = options.out.join(STATE_DIR);
    let cache_dir = state.join("cache");
    std::fs::create_dir_all(&cache_dir)
        .map_err(|e| format!("cannot create {}: {e}", cache_dir.display()))?;
    let manifest = Manifest::load(&state.join("manifest.tsv"));
    // Pages made while reading, before their names are known.
    let stage = state.join("staged");
    let _ = std::fs::remove_dir_all(&stage);
    std::fs::create_dir_all(&stage)
        .map_err(|e| format!("cannot create {}: {e}", stage.display()))?;
    let mut summary = Summary::default();
    let mut steps = summary::Steps::default();

    // 1. The sources.
    steps.begin(progress, "Finding transcripts", 0);
    let (found, errors) = sources::walk(&options.source, Some(&options.out));
    summary.found = found.len();
    summary.skipped.extend(errors);
    progress.advance();

    // 2. Each one read, or taken from the cache, on every core.
    steps.begin(progress, "Reading transcripts", found.len() as u64);
    let read: Vec<Result<(Read, bool), (String, String)>> = found
        .par_iter()
        .map(|f| {
            let result = read_one(f, options.max_bytes, &cache_dir, Some((&stage, &template)));
            progress.advance();
            result.map_err(|why| (f.relative.clone(), why))
        })
        .collect();
    let mut sessions = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok((read, parsed)) => {
                summary.parsed += usize::from(parsed);
                sessions.push(read);
            }
            Err(skipped) => summary.skipped.push(skipped),
        }
    }
    summary.skipped.sort();
    // The archive's order: newest first, then by title and path.
    sessions.sort_by(|a, b| {
        b.entry
            .date
            .cmp(&a.entry.date)
            .then_with(|| a.entry.title().cmp(b.entry.title()))
            .then_with(|| a.relative.cmp(&b.relative))
    });
    summary.sessions = sessions.len();
    summary.turns = sessions.iter().map(|s| u64::from(s.entry.turns)).sum();
    summary.words = sessions.iter().map(|s| s.entry.words).sum();

    // 3. Page names, clear of the viewer's files.
    let reserved: Vec<&str> = viewer
        .iter()
        .map(|(name, _)| name.split('.').next().unwrap_or(name))
        .collect();
    let slugs: Vec<String> = sessions
        .iter()
        .map(|s| names::slug(&wanted_name(&s.entry), "session"))
        .collect();
    let wanted: Vec<(&str, &str)> = slugs
        .iter()
        .zip(&sessions)
        .map(|(slug, s)| (slug.as_str(), s.relative.as_str()))
        .collect();
    let page_names = names::distinct(&wanted, &reserved);

    // 4. Speakers across the archive.
    steps.begin(progress, "Merging speakers", 0);
    let entries: Vec<&Entry> = sessions.iter().map(|s| &s.entry).collect();
    let paths: Vec<&str> = sessions.iter().map(|s| s.relative.as_str()).collect();
    let people = speakers::across(&entries, &paths, &options.no_merge);
    summary.speakers = people.people.len();
    summary.merges = people.merges.clone();
    summary.merged = people.merged;
    progress.advance();

    // 5. What the site holds. Session pages (and sources) are made and
    // written on every core, as they are the bulk; the rest is gathered
    // and written after.
    let out = Output::new(&options.out, manifest);
    let template_key = key_of(&[template.as_bytes()]);
    steps.begin(progress, "Writing session pages", sessions.len() as u64);
    let pages: Vec<Result<Made, String>> = sessions
        .par_iter()
        .zip(&page_names)
        .map(|(s, name)| {
            let result = session_files(&out, s, name, (&template, &template_key), &stage);
            progress.advance();
            result
        })
        .collect();
    for made in pages {
        let made = made?;
        summary.rendered += usize::from(made.rendered);
        summary.sizes.add("session pages", made.page);
        summary.sizes.add("sources", made.source);
        for bytes in made.fragments {
            summary.sizes.add("index", bytes);
        }
    }

    steps.begin(progress, "Writing speakers, index and archive page", 0);
    for (name, path) in &viewer {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        summary.sizes.add("viewer", bytes.len() as u64);
        out.put(&format!("sessions/{name}"), &bytes)?;
    }
    let archive_order: Vec<(&Entry, &str)> = sessions
        .iter()
        .zip(&page_names)
        .map(|(s, n)| (&s.entry, n.as_str()))
        .collect();
    // The speakers' pages (each made again only when one of its sessions
    // changed) beside the index, which is one thread's work.
    let (speaker_pages, index) = rayon::join(
        || {
            people
                .people
                .par_iter()
                .enumerate()
                .map(|(i, person)| {
                    let path = format!("speakers/{}.html", person.page);
                    let key = speakers::key(person, &people.speaks[i], &sessions, &page_names);
                    match out.kept(&path, &key) {
                        Some(len) => Ok(len),
                        None => {
                            let html = speakers::page(person, &people.speaks[i], &archive_order);
                            out.put_keyed(&path, &key, html.as_bytes())
                        }
                    }
                })
                .collect::<Result<Vec<u64>, String>>()
        },
        || index_files(&sessions, &page_names, &people),
    );
    for bytes in speaker_pages? {
        summary.sizes.add("speaker pages", bytes);
    }
    for (path, bytes) in index? {
        let what = if path == "index.html" {
            "archive page"
        } else {
            "index"
        };
        summary.sizes.add(what, bytes.len() as u64);
        out.put(&path, &bytes)?;
    }
    progress.advance();

    // 6. What is no longer made goes; the state for the next build.
    let _ = std::fs::remove_dir_all(&stage);
    let (written, unchanged, removed, manifest) = out.finish()?;
    summary.written = written;
    summary.unchanged = unchanged;
    summary.removed = removed;
    std::fs::write(state.join("manifest.tsv"), manifest.to_text())
        .map_err(|e| format!("cannot write the manifest: {e}"))?;
    let keys: std::collections::HashSet<&str> = sessions.iter().map(|s| s.key.as_str()).collect();
    output::prune_cache(&cache_dir, &keys);
    summary.steps = steps.end();
    summary.seconds = started.elapsed().as_secs_f64();
    let report = summary.report(&people);
    std::fs::write(state.join("report.txt"), report)
        .map_err(|e| format!("cannot write the report: {e}"))?;
    Ok(summary)
}

/// Reads one source: its entry from the cache, or parsed (`true`).
fn read_one(
    found: &sources::Found,
    max_bytes: u64,
    cache_dir: &Path,
    stage: Option<(&Path, &str)>,
) -> Result<(Read, bool), String> {
    let bytes = sources::read(found, max_bytes)?;
    let file_name = found
        .relative
        .rsplit('/')
        .next()
        .unwrap_or(&found.relative)
        .to_string();
    let key = key_of(&[&bytes, file_name.as_bytes()]);
    let ext = match file_name.rsplit_once('.') {
        Some((_, ext))
            if !ext.is_empty()
                && ext.len() <= 8
                && ext.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            ext.to_ascii_lowercase()
        }
        _ => "txt".to_string(),
    };
    let cached = cache_dir.join(format!("{key}.bin"));
    let read = |entry| Read {
        relative: found.relative.clone(),
        path: found.path.clone(),
        key: key.clone(),
        ext: ext.clone(),
        entry,
    };
    if let Some(entry) = std::fs::read(&cached)
        .ok()
        .and_then(|b| Entry::from_bytes(&b))
    {
        return Ok((read(entry), false));
    }
    let t = crate::read::parse_file(&bytes, &file_name);
    if t.turns.is_empty() {
        return Err("no transcript in it (no turns found)".into());
    }
    // What the index keeps of it: its fragments (made now, and staged
    // with its page) and, without its text, its words.
    let mut session = crate::archive::Session::of(&t);
    let made = crate::archive::fragments(&session, &Default::default());
    session.drop_text();
    let fragments = made
        .iter()
        .map(|(first, path, _)| (*first, path.clone()))
        .collect();
    if let Some((stage, _)) = stage {
        for (_, path, bytes) in &made {
            let _ = output::write_whole(&stage.join(staged_fragment(path)), bytes);
        }
    }
    // Undated: the year its title or its path names, for the archive's
    // order and its years.
    if session.date.is_empty()
        && let Some(year) = t
            .meta
            .title
            .as_deref()
            .and_then(cache::year_in)
            .or_else(|| cache::year_in(&found.relative))
    {
        session.date = year.to_string();
    }
    let mut entry = Entry::of(&t, &file_name, session.to_bytes(), fragments);
    if entry.date.is_none() && !session.date.is_empty() {
        entry.date = Some(session.date.clone());
    }
    // A cache that cannot be written costs the next build time, not this one.
    let _ = output::write_whole(&cached, &entry.to_bytes());
    // Its page, made now under the name it most likely gets (its title's,
    // unless another file has the same title), so the transcript is not
    // parsed twice: the page step takes it if the name is the one.
    if let Some((stage, template)) = stage {
        let name = names::slug(&wanted_name(&entry), "session");
        let html = session_page(template, &t, &source_href(&name, &ext));
        let _ = output::write_whole(&stage.join(format!("{key}-{name}.html")), html.as_bytes());
    }
    Ok((read(entry), true))
}

/// What one session's files came to.
struct Made {
    /// Whether its page was made in this build.
    rendered: bool,
    /// The sizes of its page and its source.
    page: u64,
    source: u64,
    /// Its index fragments' sizes.
    fragments: Vec<u64>,
}

/// Makes and writes a session's page, source and index fragments, unless
/// the files there are those of the same source, viewer and name (a
/// fragment is named by its bytes). What was made was made while the
/// source was read (`stage`), or is made now from the source.
fn session_files(
    out: &Output,
    s: &Read,
    name: &str,
    (template, template_key): (&str, &str),
    stage: &Path,
) -> Result<Made, String> {
    let source_href = source_href(name, &s.ext);
    let source_path = format!("sessions/{source_href}");
    let page_path = format!("sessions/{name}.html");
    let page_key = key_of(&[
        s.key.as_bytes(),
        template_key.as_bytes(),
        source_href.as_bytes(),
    ]);
    let mut transcript = None;
    let parsed = || -> Result<crate::model::Transcript, String> {
        let bytes =
            std::fs::read(&s.path).map_err(|e| format!("cannot read {}: {e}", s.path.display()))?;
        Ok(crate::read::parse_file(&bytes, &s.entry.file_name))
    };
    let source = match out.kept(&source_path, &s.key) {
        Some(len) => len,
        None => {
            let bytes = std::fs::read(&s.path)
                .map_err(|e| format!("cannot read {}: {e}", s.path.display()))?;
            out.put_keyed(&source_path, &s.key, &bytes)?
        }
    };
    let staged = stage.join(format!("{}-{name}.html", s.key));
    let (rendered, page) = match out.kept(&page_path, &page_key) {
        Some(len) => (false, len),
        None => match out.put_moved(&page_path, &page_key, &staged) {
            Ok(len) => (true, len),
            Err(_) => {
                let t = transcript.insert(parsed()?);
                let html = session_page(template, t, &source_href);
                (true, out.put_keyed(&page_path, &page_key, html.as_bytes())?)
            }
        },
    };
    let mut fragments = Vec::with_capacity(s.entry.fragments.len());
    // Fragments neither there nor staged are made again from the source.
    let mut missing: Vec<&str> = Vec::new();
    for (_, path) in &s.entry.fragments {
        match out.kept(path, path) {
            Some(len) => fragments.push(len),
            None => match out.put_moved(path, path, &stage.join(staged_fragment(path))) {
                Ok(len) => fragments.push(len),
                Err(_) => missing.push(path),
            },
        }
    }
    if !missing.is_empty() {
        let t = match transcript {
            Some(t) => t,
            None => parsed()?,
        };
        let session = crate::archive::Session::of(&t);
        for (_, path, bytes) in crate::archive::fragments(&session, &Default::default()) {
            if missing.contains(&path.as_str()) {
                fragments.push(out.put_keyed(&path, &path, &bytes)?);
            }
        }
    }
    Ok(Made {
        rendered,
        page,
        source,
        fragments,
    })
}

/// Where a fragment made while its source was read waits for its place.
fn staged_fragment(path: &str) -> String {
    format!("f-{}", path.rsplit('/').next().unwrap_or(path))
}

/// A page's source beside it: `NAME.EXT`, or `NAME.source.html` for a
/// saved page, which would otherwise be the session page's own name.
fn source_href(name: &str, ext: &str) -> String {
    match ext {
        "html" | "htm" | "xhtml" => format!("{name}.source.{ext}"),
        ext => format!("{name}.{ext}"),
    }
}

/// What a session's page name is made from: its title, or its file's name
/// without the extension.
fn wanted_name(entry: &Entry) -> String {
    let stem = entry
        .file_name
        .rsplit_once('.')
        .map_or(&*entry.file_name, |(a, _)| a);
    entry.title.as_deref().unwrap_or(stem).to_string()
}

/// A session's page: the viewer's own markup of the transcript in the
/// viewer's page, which loads its source from beside it, with a link back
/// to the archive.
fn session_page(template: &str, t: &crate::model::Transcript, source_href: &str) -> String {
    crate::render::session_page(template, t, source_href, Some("../index.html"))
}

/// The index's files and the archive page (`index.html`).
fn index_files(
    sessions: &[Read],
    page_names: &[String],
    people: &speakers::People,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let kept: Vec<crate::archive::Session> = sessions
        .par_iter()
        .map(|s| {
            crate::archive::Session::from_bytes(&s.entry.session).ok_or_else(|| {
                format!(
                    "the cache entry of {} is damaged: remove {STATE_DIR}/ and build again",
                    s.relative
                )
            })
        })
        .collect::<Result<_, _>>()?;
    let pages: Vec<String> = page_names
        .iter()
        .map(|n| format!("sessions/{n}.html"))
        .collect();
    let listings: Vec<crate::archive::Listing> = kept
        .iter()
        .zip(&pages)
        .zip(&people.of)
        .zip(sessions)
        .map(|(((session, page), speakers), s)| crate::archive::Listing {
            session,
            page,
            speakers,
            fragments: Some(&s.entry.fragments),
        })
        .collect();
    let speakers: Vec<crate::archive::SpeakerEntry> = people
        .people
        .iter()
        .map(|p| crate::archive::SpeakerEntry {
            name: p.name.clone(),
            page: format!("speakers/{}.html", p.page),
            turns: p.turns,
            sessions: p.sessions,
        })
        .collect();
    let out = crate::archive::build(&listings, &speakers, "sessions/");
    let mut files = out.files;
    files.push(("index.html".into(), out.archive_page.into_bytes()));
    Ok(files)
}
