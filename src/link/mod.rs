//! Links and citations: the anchors of turns and paragraphs (`#t37`,
//! `#t37-p2`, and quotes, `#t37-p2:w4-16~…`: public contract), times into a recording (`#t=12:34`,
//! `?t=754`), the viewer's state in a URL, and the citation of a turn.

mod anchor;
mod citation;
mod location;
pub mod quote;
pub mod time;

pub use anchor::Anchor;
pub use citation::citation;
pub use location::{Location, decode_component, encode_component};
pub use quote::Quote;
