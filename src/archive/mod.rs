//! The archive: a site of many transcripts, their list (the archive page)
//! and a search over all of them that the page answers from a sharded,
//! content-addressed index, fetching only the pieces a query needs.
//!
//! - [`session`]: what the index keeps of one transcript ([`Session`]),
//!   which the site builder caches between builds;
//! - [`format`]: varints, checked reading, the content [`hash`];
//! - [`shard`]: the files (term shards and text fragments), written and
//!   read back with every length checked;
//! - `build`: the index of the whole archive;
//! - [`query`]: a query answered from the shards and the fragments,
//!   exactly as the viewer's search answers it in each transcript;
//! - `page`: the archive page (`SITE/index.html`).
//!
//! ```
//! use floor::archive::{Listing, Session, build};
//! let t = floor::read::parse_str("IGF 2016\n\n6 April 2016\n\n>>ANA SILVA: Best practice.");
//! let s = Session::of(&t);
//! let listing = Listing { session: &s, page: "sessions/igf-2016.html", speakers: &[None], fragments: None };
//! let out = build(&[listing], &[], "sessions/");
//! assert!(out.archive_page.contains("sessions/igf-2016.html"));
//! assert!(out.files.iter().any(|(name, _)| name.starts_with("index/t/")));
//! ```

mod build;
pub mod format;
mod page;
// The site builder's speaker pages write when and where as the archive
// page does.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use page::when;
pub mod query;
pub mod session;
pub mod shard;

pub use build::{Entry, Options, fragments};
pub use format::{Error, hash};
pub use session::Session;

/// One session as the archive lists it.
#[derive(Debug, Clone, Copy)]
pub struct Listing<'a> {
    /// What the index keeps of its transcript.
    pub session: &'a Session,
    /// Its page, from the site root: `sessions/igf-2016-mag.html`.
    pub page: &'a str,
    /// Per speaker of the transcript (in its order), the archive speaker
    /// (a position in the `speakers` given to [`build`]); `None` for a role
    /// such as "Chair" rather than a person.
    pub speakers: &'a [Option<u32>],
    /// Its fragments when made already ([`fragments`]: the position of
    /// each one's first turn, and its path), so that `build` neither makes
    /// them again nor needs the session's text ([`Session::drop_text`]);
    /// `None`: `build` makes them, and returns their files.
    pub fragments: Option<&'a [(u32, String)]>,
}

/// One speaker across the archive (merged by the builder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerEntry {
    /// Their name as shown.
    pub name: String,
    /// Their page from the site root: `speakers/ana-silva.html`.
    pub page: String,
    /// Their turns across the archive.
    pub turns: u32,
    /// The sessions they speak in.
    pub sessions: u32,
}

/// The index files and the archive page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Paths under the site root (`index/t/HASH.bin`, `index/f/HASH.bin`)
    /// and their bytes, in order of path.
    pub files: Vec<(String, Vec<u8>)>,
    /// `SITE/index.html`.
    pub archive_page: String,
}

/// The archive of `listings`: its index files and its page. The sessions
/// are listed (and numbered in the index) by date, newest first, undated
/// ones last, in the order given where dates are equal. `assets`: the
/// viewer's files from the site root (`sessions/`). The same input gives
/// the same bytes.
pub fn build(listings: &[Listing], speakers: &[SpeakerEntry], assets: &str) -> Output {
    build_with(listings, speakers, assets, &Options::default())
}

/// [`build`] with the sizes the index is cut at.
pub fn build_with(
    listings: &[Listing],
    speakers: &[SpeakerEntry],
    assets: &str,
    options: &Options,
) -> Output {
    let ordered = in_order(listings);
    let (files, entry) = build::index(&ordered, speakers, options);
    let archive_page = page::page(&ordered, speakers, assets, &entry);
    Output {
        files,
        archive_page,
    }
}

/// The listings by date, newest first, undated last (stable).
pub fn in_order<'a, 'b>(listings: &'b [Listing<'a>]) -> Vec<&'b Listing<'a>> {
    let mut ordered: Vec<&Listing> = listings.iter().collect();
    ordered.sort_by(|a, b| {
        let (x, y) = (&a.session.date, &b.session.date);
        match (x.is_empty(), y.is_empty()) {
            (false, false) => y.cmp(x),
            (a, b) => a.cmp(&b),
        }
    });
    ordered
}
