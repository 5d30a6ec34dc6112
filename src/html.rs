//! stub
#![allow(missing_docs, dead_code, unused)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    pub map: Vec<[usize; 2]>,
    pub dropped: Vec<Dropped>,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub source_offset: usize,
    pub what: &'static str,
    pub text: String,
}
impl Extracted {
    pub fn source_offset(&self, t: usize) -> usize {
        t
    }
}
pub fn looks_like_html(text: &str) -> bool {
    false
}
pub fn extract(source: &str) -> Extracted {
    Extracted {
        text: source.into(),
        ..Default::default()
    }
}
