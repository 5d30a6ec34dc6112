//! srt (stub).
use crate::model::{Diagnostic, Transcript};
/// Reads a srt file.
pub fn read(text: &str, diagnostics: Vec<Diagnostic>) -> Transcript {
    super::igf::read(text, diagnostics)
}
