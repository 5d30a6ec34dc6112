//! Renderers of a [`Transcript`](crate::model::Transcript) outside the
//! viewer: a static HTML page (`floor html`).

mod page;

pub(crate) use page::escape;
pub use page::html_page;
