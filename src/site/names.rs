//! The site's file names: one per session page and one per speaker page,
//! distinct and stable from one build to the next.
//!
//! A session's name comes from its title (its file's name when it has
//! none), a speaker's from their name, as a slug of ASCII letters, digits
//! and `-`. Names that would be the same are told apart by a few hex digits
//! of a hash of what is theirs alone (a session's source path, a speaker's
//! first label), so a name does not change when another file comes or
//! goes, unless that file takes the same name.

use std::collections::HashMap;

/// Longest slug, in bytes: a page name stays readable in a URL.
const MAX_SLUG: usize = 72;

/// `text` as a file name: its words folded (case and accents, letters of
/// other scripts kept), joined by `-`, cut at a word end after at most
/// [`MAX_SLUG`] bytes; `fallback` when nothing is left.
///
/// ```
/// use floor::site::names::slug;
/// assert_eq!(slug("IGF 2016: Day 2 — Room 3 / WS 45", "x"), "igf-2016-day-2-room-3-ws-45");
/// assert_eq!(slug("Débat général", "x"), "debat-general");
/// assert_eq!(slug("¿?", "session"), "session");
/// ```
pub fn slug(text: &str, fallback: &str) -> String {
    // The key's words are folded letters and digits already, one space
    // apart.
    let key = crate::text::fold::key(text);
    let mut out = String::new();
    for word in key.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() && out.len() + 1 + word.len() > MAX_SLUG {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.len() > MAX_SLUG {
        out.truncate(out.floor_char_boundary(MAX_SLUG));
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// Distinct names for `wanted` (each a slug and what is its own: a source
/// path, a label), in the same order. A slug wanted once, and not in
/// `reserved`, is its name; the others get `-` and the first hex digits of
/// a hash of what is their own that tell them all apart.
///
/// ```
/// use floor::site::names::distinct;
/// let names = distinct(&[("mag", "2016/a.txt"), ("ws-1", "x.txt"), ("mag", "2017/a.txt")], &[]);
/// assert_eq!(names[1], "ws-1");
/// assert!(names[0].starts_with("mag-") && names[2].starts_with("mag-"));
/// assert_ne!(names[0], names[2]);
/// assert_eq!(distinct(&[("index", "index.txt")], &["index"])[0].len(), "index-".len() + 4);
/// ```
pub fn distinct(wanted: &[(&str, &str)], reserved: &[&str]) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (slug, _) in wanted {
        *counts.entry(slug).or_default() += 1;
    }
    let mut names: Vec<String> = wanted
        .iter()
        .map(|&(slug, own)| {
            if counts[slug] == 1 && !reserved.contains(&slug) {
                slug.to_string()
            } else {
                suffixed(slug, own, 4)
            }
        })
        .collect();
    // Four hex digits tell a few dozen apart; longer ones where they do not
    // (or where a suffixed name is some other slug as written).
    let mut digits = 4;
    loop {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for name in &names {
            *seen.entry(name).or_default() += 1;
        }
        let clash: Vec<usize> = (0..names.len())
            .filter(|&i| seen[names[i].as_str()] > 1)
            .collect();
        if clash.is_empty() || digits >= 16 {
            return names;
        }
        digits += 4;
        for i in clash {
            let (slug, own) = wanted[i];
            names[i] = suffixed(slug, own, digits);
        }
    }
}

fn suffixed(slug: &str, own: &str, digits: usize) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(own.as_bytes());
    format!("{slug}-{:016x}", hash)[..slug.len() + 1 + digits].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stable_when_other_files_come_and_go() {
        let a = distinct(&[("mag", "a.txt"), ("mag", "b.txt"), ("ws", "c.txt")], &[]);
        let b = distinct(&[("mag", "b.txt"), ("mag", "a.txt")], &[]);
        assert_eq!((&a[0], &a[1]), (&b[1], &b[0]));
    }

    #[test]
    fn many_of_one_slug_stay_distinct() {
        let owns: Vec<String> = (0..3000).map(|i| format!("{i}.txt")).collect();
        let wanted: Vec<(&str, &str)> = owns.iter().map(|o| ("session", o.as_str())).collect();
        let names = distinct(&wanted, &[]);
        let set: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(set.len(), names.len());
    }

    #[test]
    fn slugs_are_cut_at_a_word() {
        let long = "word ".repeat(40);
        let s = slug(&long, "x");
        assert!(s.len() <= MAX_SLUG && s.ends_with("word"), "{s}");
    }
}
