//! Renderers of a [`Transcript`](crate::model::Transcript) outside the
//! viewer: a static HTML page (`floor html`).

mod page;

pub use page::{escape, html_page};
