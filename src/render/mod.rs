//! Renderers of a [`Transcript`](crate::model::Transcript) outside the
//! viewer: a static HTML page (`floor html`), and a session page, the
//! viewer's own markup pre-rendered for the viewer to take over (`floor
//! page`, the archive site's sessions).

mod page;
mod session;

pub use page::{escape, html_page};
pub use session::{session_page, viewer_markup};
