//! Names that the Rust code shares with the page around it: the
//! JavaScript, HTML and CSS of the web app (`index.html`, `src/web/*.js`,
//! `style/floor.css`), host pages and the README. Each is defined here once,
//! and the Rust code uses these constants. JavaScript and HTML cannot import
//! them: `tests/names.rs` reads those files and fails when one of them
//! spells a name otherwise.
//!
//! A name that also appears inside a selector is written once, in a macro,
//! which both constants are built from at compile time.
//!
//! The limits shared the same way are [`crate::source::MAX_BYTES`] (the
//! README states it) and [`crate::source::MAX_URL_BYTES`] (`floor.js`
//! checks it before prefetching).

/// The attribute of `<html>` on Floor's own page (`index.html`): the viewer
/// is mounted only there (`src/main.rs`), and `floor.js` starts fetching its
/// transcript only there.
pub const APP_ATTRIBUTE: &str = "data-floor-app";

macro_rules! text_attribute {
    () => {
        "data-floor"
    };
}

macro_rules! src_attribute {
    () => {
        "data-floor-src"
    };
}

macro_rules! first_screen_class {
    () => {
        "first-screen"
    };
}

/// An element of a host page whose content is a transcript: `enhance`
/// mounts a viewer in it.
pub const TEXT_ATTRIBUTE: &str = text_attribute!();

/// An element of a host page holding a transcript's URL: `enhance` mounts a
/// viewer of it there.
pub const SRC_ATTRIBUTE: &str = src_attribute!();

/// The elements `enhance` mounts viewers in.
pub const ENHANCED_SELECTOR: &str = concat!("[", text_attribute!(), "], [", src_attribute!(), "]");

/// Set on an element a viewer is mounted in (its number).
pub const MOUNTED_ATTRIBUTE: &str = "data-floor-mounted";

/// The `localStorage` key of the reader's theme: the viewer stores it, and
/// `first-screen.js` applies it before the page is drawn.
pub const THEME_KEY: &str = "floor-theme";

/// The attribute that holds a chosen theme, on the page's root and on a
/// viewer (`style/floor.css` styles by it).
pub const THEME_ATTRIBUTE: &str = "data-theme";

/// The light theme, as stored and set in [`THEME_ATTRIBUTE`].
pub const LIGHT_THEME: &str = "light";

/// The dark theme, as stored and set in [`THEME_ATTRIBUTE`].
pub const DARK_THEME: &str = "dark";

/// The global through which `floor.js` hands the app the response it
/// started fetching before the WebAssembly was ready (`src/web/fetch.rs`).
pub const PREFETCH_GLOBAL: &str = "__floorPrefetch";

/// The function `floor.js` defines to read a response's body for the app,
/// stopping at the size limit (`src/web/fetch.rs` imports it by this name,
/// which an attribute there spells: `tests/names.rs` checks it).
pub const BODY_GLOBAL: &str = "__floorBody";

/// The function `floor.js` defines to read text with the timed readers
/// (WebVTT, SRT, JSON, …), which live in a module of their own loaded the
/// first time a file needs them (`src/web/readers.rs` imports it by this
/// name: `tests/names.rs` checks it).
pub const READ_GLOBAL: &str = "__floorRead";

/// The function `floor.js` defines to align a transcript (as wire bytes)
/// to captions with the readers' module, loaded the first time it is
/// needed (`src/web/readers.rs` imports it by this name).
pub const ALIGN_GLOBAL: &str = "__floorAlign";

/// The function `floor.js` defines to draw a viewer's recording bar with
/// `media.js`, loaded the first time a viewer has a recording
/// (`src/app/media.rs` imports it by this name).
pub const MEDIA_GLOBAL: &str = "__floorMedia";

/// The function `floor.js` defines to attach a viewer's quote bar, marks,
/// dialog and downloads (`quote.js`, loaded the first time a viewer needs
/// it; `src/app/quote.rs` imports it by this name).
pub const QUOTE_GLOBAL: &str = "__floorQuote";

/// The function `floor.js` defines to call any other function of the
/// readers' module (quotes, citations, exports: `src/web/quote.js` calls
/// it by this name).
pub const CALL_GLOBAL: &str = "__floorCall";

/// The archive page's module's WebAssembly memory, which `archive.js`
/// (`src/web/archive.js`) exposes for the benchmark
/// (`tests/bench/archive.mjs`).
pub const ARCHIVE_MEMORY_GLOBAL: &str = "__floorArchiveMemory";

/// The bundled sample, as a URL relative to the page, so that a build served
/// under any sub-path finds it beside `index.html` (which copies it there
/// from `assets/`); `floor.js` prefetches it.
pub const SAMPLE_URL: &str = "sample.txt";

/// The query parameter of Floor's page with the transcript's URL (`?src=`).
pub const SRC_PARAM: &str = "src";

/// The query parameter of Floor's page with the URL of the recording's
/// captions, which the transcript is aligned to (`?captions=`).
pub const CAPTIONS_PARAM: &str = "captions";

/// The query parameter of Floor's page with the URL of the recording (audio
/// or video) played beside the transcript (`?media=`).
pub const MEDIA_PARAM: &str = "media";

/// The attribute of a host page's viewer element naming the page's own
/// `<video>` or `<audio>` (a selector) that the viewer follows and seeks.
pub const MEDIA_ATTRIBUTE: &str = "data-floor-media";

/// The class of the sample's pre-rendered first screen in `index.html`
/// (`src/web/first-screen.mjs` sets it; `floor.js`, `style/floor.css` and
/// the viewer look it up).
pub const FIRST_SCREEN_CLASS: &str = first_screen_class!();

/// The pre-rendered first screen.
pub const FIRST_SCREEN_SELECTOR: &str = concat!(".", first_screen_class!());

/// The attribute of `<html>` on a session page (`render::session_page`):
/// the transcript the page shows, relative to the page (`NAME.txt`), which
/// the viewer loads instead of the sample (`floor.js` prefetches it).
pub const TRANSCRIPT_ATTRIBUTE: &str = "data-floor-transcript";

/// The class that marks a session's pre-rendered page (beside
/// [`FIRST_SCREEN_CLASS`]): every turn, with its ids, neither inert nor
/// hidden; the viewer takes its place keeping the reader's place.
pub const PRERENDERED_CLASS: &str = "prerendered";

/// The archive link of a session page ("All sessions"), in the page before
/// and after the viewer takes over.
pub const ARCHIVE_LINK_CLASS: &str = "archive-link";

/// A viewer's root on Floor's own page, not the first screen beside it.
pub const VIEWER_SELECTOR: &str = concat!(".floor:not(.", first_screen_class!(), ")");

/// The option of `mount` (and `enhance`) with the URL of `floor.css`,
/// which `floor.js` fills in.
pub const STYLESHEET_OPTION: &str = "stylesheet";

/// The option of `mount` (and `enhance`) with the URL of Floor's page, for
/// links, which `floor.js` fills in.
pub const BASE_OPTION: &str = "base";

/// The message a framed viewer's parent sends to move it to a turn.
pub const GO_MESSAGE: &str = "floor:go";

/// The message a framed viewer sends its parent with a turn's permalink.
pub const PERMALINK_MESSAGE: &str = "floor:permalink";

/// The message a framed viewer sends its parent with its height.
pub const HEIGHT_MESSAGE: &str = "floor:height";

/// The message a framed viewer's parent sends with its player's time
/// (`{ type: "floor:time", time: seconds }`): the viewer marks and follows
/// the turn being spoken.
pub const TIME_MESSAGE: &str = "floor:time";

/// The message a framed viewer sends its parent when the reader asks for a
/// time (`{ type: "floor:seek", time: seconds }`), for the parent's player.
pub const SEEK_MESSAGE: &str = "floor:seek";

/// The User Timing entries the viewer records, which the benchmarks
/// (`tests/bench/`) read.
pub mod timing {
    /// Parsing a transcript (a measure).
    pub const PARSE: &str = "floor:parse";
    /// Building the search index (a measure).
    pub const INDEX: &str = "floor:index";
    /// The search field's input handler (a measure).
    pub const INPUT: &str = "floor:input";
    /// One search (a measure).
    pub const SEARCH: &str = "floor:search";
    /// Planning the marks of new hits (a measure).
    pub const PLAN: &str = "floor:plan";
    /// Painting the marks on screen, in the frame (a measure).
    pub const PAINT: &str = "floor:paint";
    /// Every planned mark painted (a mark).
    pub const MARKS_DONE: &str = "floor:marks-done";
    /// The archive page: the shards of a query arrived (a mark).
    pub const ARCHIVE_SHARDS: &str = "floor:archive-shards";
    /// The archive page: from the shards' arrival to the results on the
    /// page (a measure).
    pub const ARCHIVE_RESULTS: &str = "floor:archive-results";
    /// Every entry, for checks.
    pub const ALL: [&str; 9] = [
        PARSE,
        INDEX,
        INPUT,
        SEARCH,
        PLAN,
        PAINT,
        MARKS_DONE,
        ARCHIVE_SHARDS,
        ARCHIVE_RESULTS,
    ];
}
