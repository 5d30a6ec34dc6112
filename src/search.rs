//! Search: the text normalisation every match is made on.
//!
//! The index and query language arrive with the search feature; what is here
//! is the folding rule both will share, so the viewer and the CLI agree on
//! what "the same text" means.

/// Folds text for matching: lower case, U+00A0 read as a space and U+2011
/// (non-breaking hyphen) read as `-`.
///
/// ```
/// assert_eq!(floor::search::fold("Co\u{2011}Chair\u{a0}SPEAKS"), "co-chair speaks");
/// ```
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '\u{a0}' => ' '.to_lowercase(),
            '\u{2011}' => '-'.to_lowercase(),
            c => c.to_lowercase(),
        })
        .collect()
}

/// Counts the non-overlapping occurrences of `needle` in `haystack` after
/// [`fold`]ing both. An empty needle matches nothing.
///
/// ```
/// assert_eq!(floor::search::count("IPv6 and ipv6 and IPV6", "ipv6"), 3);
/// assert_eq!(floor::search::count("anything", ""), 0);
/// ```
pub fn count(haystack: &str, needle: &str) -> usize {
    let needle = fold(needle);
    if needle.is_empty() {
        return 0;
    }
    fold(haystack).matches(needle.as_str()).count()
}
