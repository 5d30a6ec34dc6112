//! Resolution: what the readers' raw turns mean. Labels become speakers
//! ([`speakers`]), and the captioner's notes inside the text are found
//! ([`annotate`]).

pub mod annotate;
pub mod speakers;
