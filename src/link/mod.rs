//! Links and citations: the anchors of turns and paragraphs (`#t37`,
//! `#t37-p2`, public contract), the viewer's state in a URL, and the
//! citation of a turn.

mod anchor;
mod citation;
mod location;

pub use anchor::Anchor;
pub use citation::citation;
pub use location::{Location, decode_component, encode_component};
