//! Speakers: from the labels as written to one entry per person or role.
//!
//! Labels that differ only in case, spacing or punctuation are one speaker
//! (`JAC sm KEE`, `JAC SM KEE`). A label one typo away from a more frequent
//! label of the same file is merged into it (`REMOTE INVERVENTION` into
//! `REMOTE INTERVENTION`), with a diagnostic. Labels are kept as written.

use crate::model::{Diagnostic, DiagnosticKind, Speaker};
use crate::text::fold::fold_accent;
use crate::text::is_combining;

/// Shortest label key (in characters) that typo-merging may touch: short
/// labels such as initials differ by one letter and are still different people.
const MIN_TYPO_KEY_CHARS: usize = 8;

/// The result of resolving labels to speakers.
#[derive(Debug, Default)]
pub struct Resolved {
    /// The speakers, in order of first appearance.
    pub speakers: Vec<Speaker>,
    /// For each input label, the index of its speaker in `speakers`.
    pub of_turn: Vec<Option<usize>>,
    /// One diagnostic per merge that was not a mere case or spacing difference.
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves each turn's label (with the 1-based line it is on) to a speaker.
///
/// ```
/// let labels = [Some(("CHAIR", 1)), Some(("Chair", 3)), None];
/// let r = floor::resolve::speakers::resolve(&labels);
/// assert_eq!(r.speakers.len(), 1);
/// assert_eq!(r.speakers[0].name, "Chair");
/// assert_eq!(r.speakers[0].labels, ["CHAIR", "Chair"]);
/// assert_eq!(r.of_turn, [Some(0), Some(0), None]);
/// ```
pub fn resolve(labels: &[Option<(&str, usize)>]) -> Resolved {
    // 1. Group by key (case, spacing and punctuation folded), in order of first appearance.
    struct Group<'a> {
        key: String,
        labels: Vec<(&'a str, usize, usize)>, // (label as written, count, first line)
        turns: usize,
        first_line: usize,
        into: Option<usize>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of_label: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::new();
    let mut group_of_turn = Vec::with_capacity(labels.len());
    for label in labels {
        let Some((label, line)) = *label else {
            group_of_turn.push(None);
            continue;
        };
        // Labels repeat: fold each distinct one once.
        let g = match group_of_label.get(label) {
            Some(&g) => g,
            None => {
                let key = key(label);
                let g = match groups.iter().position(|g| g.key == key) {
                    Some(g) => g,
                    None => {
                        groups.push(Group {
                            key,
                            labels: Vec::new(),
                            turns: 0,
                            first_line: line,
                            into: None,
                        });
                        groups.len() - 1
                    }
                };
                group_of_label.insert(label, g);
                g
            }
        };
        let group = &mut groups[g];
        group.turns += 1;
        match group.labels.iter_mut().find(|(l, _, _)| *l == label) {
            Some((_, n, _)) => *n += 1,
            None => group.labels.push((label, 1, line)),
        }
        group_of_turn.push(Some(g));
    }

    // 2. Say which labels were folded together, then merge a rare key into a
    //    more frequent one a single typo away.
    let mut diagnostics = Vec::new();
    for group in &groups {
        let main = most_used(&group.labels);
        for &(label, n, line) in group.labels.iter().filter(|(l, _, _)| *l != main) {
            diagnostics.push(Diagnostic {
                line,
                kind: DiagnosticKind::SpeakerMerged,
                message: format!(
                    "label \"{label}\" ({n} turn{}) differs from \"{main}\" only in case, spacing or punctuation: taken as the same speaker",
                    if n == 1 { "" } else { "s" }
                ),
                dropped: None,
            });
        }
    }
    for g in 0..groups.len() {
        let (key, turns) = (&groups[g].key, groups[g].turns);
        if key.chars().count() < MIN_TYPO_KEY_CHARS {
            continue;
        }
        let target = (0..groups.len())
            .filter(|&t| t != g && groups[t].into.is_none() && groups[t].turns > turns)
            .filter(|&t| groups[t].key.chars().count() >= MIN_TYPO_KEY_CHARS)
            .filter(|&t| one_edit_apart(key, &groups[t].key))
            .max_by_key(|&t| groups[t].turns);
        if let Some(t) = target {
            let from = groups[g].labels[0].0;
            let to = most_used(&groups[t].labels);
            diagnostics.push(Diagnostic {
                line: groups[g].first_line,
                kind: DiagnosticKind::SpeakerMerged,
                message: format!(
                    "label \"{from}\" ({turns} turn{}) is one letter away from \"{to}\" ({} turns): taken as the same speaker",
                    if turns == 1 { "" } else { "s" },
                    groups[t].turns
                ),
                dropped: None,
            });
            groups[g].into = Some(t);
        }
    }

    // 3. One speaker per surviving group, in order of first appearance.
    let root = |mut g: usize| {
        while let Some(t) = groups[g].into {
            g = t;
        }
        g
    };
    let mut speaker_of_group = vec![None; groups.len()];
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut of_turn = Vec::with_capacity(labels.len());
    let mut taken_ids: Vec<String> = Vec::new();
    for g in group_of_turn {
        let Some(g) = g else {
            of_turn.push(None);
            continue;
        };
        let r = root(g);
        let s = *speaker_of_group[r].get_or_insert_with(|| {
            let name = display_name(most_used(&groups[r].labels));
            let id = unique_id(&slug(&name), &mut taken_ids);
            speakers.push(Speaker {
                id,
                name,
                labels: Vec::new(),
                turns: 0,
            });
            speakers.len() - 1
        });
        speaker_of_group[g] = Some(s);
        of_turn.push(Some(s));
        speakers[s].turns += 1;
    }
    // Labels as written, in order of first appearance per speaker.
    for (label, s) in labels.iter().zip(&of_turn) {
        if let (Some((label, _)), Some(s)) = (label, s) {
            let labels = &mut speakers[*s].labels;
            if !labels.iter().any(|l| l == label) {
                labels.push(label.to_string());
            }
        }
    }
    Resolved {
        speakers,
        of_turn,
        diagnostics,
    }
}

/// The label written most often (the first of equals).
fn most_used<'a>(labels: &[(&'a str, usize, usize)]) -> &'a str {
    let mut best: Option<(&str, usize)> = None;
    for &(label, n, _) in labels {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((label, n));
        }
    }
    best.map_or("", |(l, _)| l)
}

/// The folded form under which labels count as the same: upper case, without
/// accents, letters and digits only, single spaces.
fn key(label: &str) -> String {
    let mut key = String::with_capacity(label.len());
    for word in label
        .split(|c: char| !c.is_alphanumeric() && !is_combining(c))
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        let folded = word
            .chars()
            .filter(|&c| !is_combining(c))
            .flat_map(crate::text::case::lower)
            .map(fold_accent);
        key.extend(folded.flat_map(crate::text::case::upper));
    }
    key
}

/// Whether `a` and `b` differ by exactly one substitution, insertion,
/// deletion or transposition of adjacent characters.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (da, db) = (
        a.len() - prefix - suffix.min(a.len() - prefix),
        b.len() - prefix - suffix.min(b.len() - prefix),
    );
    match (da, db) {
        (1, 1) | (1, 0) | (0, 1) => true,
        (2, 2) => a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix],
        _ => false,
    }
}

/// How a label is shown: upper-case labels in Title Case (`CHAIR ST. AMOUR` →
/// `Chair St. Amour`, `O'BRIEN` → `O'Brien`); labels already in mixed case as written.
pub fn display_name(label: &str) -> String {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let upper = label.chars().filter(|c| c.is_uppercase()).count();
    let lower = label.chars().filter(|c| c.is_lowercase()).count();
    if lower * 4 > upper {
        return label;
    }
    let mut out = String::with_capacity(label.len());
    let mut start_of_word = true;
    for c in label.chars() {
        if c.is_alphabetic() {
            if start_of_word {
                out.push(c);
            } else if c == 'İ' {
                out.push('i'); // not "i" + U+0307
            } else {
                out.extend(crate::text::case::lower(c));
            }
            start_of_word = false;
        } else {
            out.push(c);
            start_of_word =
                !is_combining(c) && matches!(c, ' ' | '-' | '\'' | '’' | '(' | '/' | '.' | '‑');
        }
    }
    out
}

/// A URL-safe id: ASCII letters and digits of the name (accents removed),
/// lower case, words joined by `-`.
///
/// ```
/// assert_eq!(floor::resolve::speakers::slug("Chair St. Amour"), "chair-st-amour");
/// assert_eq!(floor::resolve::speakers::slug("Sérgio Rezende"), "sergio-rezende");
/// ```
pub fn slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut dash = false;
    for c in name
        .chars()
        .filter(|&c| !is_combining(c))
        .flat_map(crate::text::case::lower)
    {
        let c = fold_accent(c);
        if is_combining(c) {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            slug.push(c);
            dash = false;
        } else if !c.is_alphanumeric() {
            dash = true;
        }
    }
    if slug.is_empty() {
        "speaker".to_string()
    } else {
        slug
    }
}

fn unique_id(base: &str, taken: &mut Vec<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(labels: &[&str]) -> (Vec<String>, usize) {
        let input: Vec<_> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| Some((*l, i + 1)))
            .collect();
        let r = resolve(&input);
        (
            r.speakers.iter().map(|s| s.name.clone()).collect(),
            r.diagnostics.len(),
        )
    }

    #[test]
    fn case_spacing_and_punctuation_fold_with_a_note() {
        assert_eq!(
            names(&["JAC SM KEE", "JAC sm KEE", "JAC  SM KEE"]),
            (vec!["Jac Sm Kee".into()], 2)
        );
        assert_eq!(
            names(&["CHAIR ST. AMOUR", "CHAIR ST AMOUR"]),
            (vec!["Chair St. Amour".into()], 1)
        );
        assert_eq!(names(&["CHAIR", "CHAIR"]), (vec!["Chair".into()], 0));
    }

    #[test]
    fn a_rare_typo_merges_into_the_frequent_label() {
        let (n, d) = names(&[
            "REMOTE INTERVENTION",
            "REMOTE INVERVENTION",
            "REMOTE INTERVENTION",
        ]);
        assert_eq!((n, d), (vec!["Remote Intervention".to_string()], 1));
    }

    #[test]
    fn equally_frequent_or_short_labels_stay_apart() {
        assert_eq!(names(&["JOHN SMITH", "JOHN SMYTH"]).0.len(), 2);
        assert_eq!(names(&["MR LEE", "MR LEE", "MR LE"]).0.len(), 2);
    }

    #[test]
    fn edits() {
        assert!(one_edit_apart("INTERVENTION", "INVERVENTION"));
        assert!(one_edit_apart("ABCDEF", "ABDCEF"));
        assert!(one_edit_apart("ABCDEF", "ABCDE"));
        assert!(one_edit_apart("ABCDEF", "XABCDEF"));
        assert!(!one_edit_apart("ABCDEF", "ABCDEF"));
        assert!(!one_edit_apart("ABCDEF", "ABXDEY"));
        assert!(!one_edit_apart("AAAA", "AA"));
    }

    #[test]
    fn turkish_and_decomposed_letters() {
        assert_eq!(display_name("ÇELİK"), "Çelik");
        assert_eq!(slug("Çelik"), "celik");
        assert_eq!(slug(&display_name("ÇELİK")), "celik");
        assert_eq!(slug("Se\u{301}rgio"), "sergio");
        assert_eq!(key("SE\u{301}RGIO"), key("SÉRGIO"));
    }

    #[test]
    fn display_names() {
        assert_eq!(display_name("O'BRIEN"), "O'Brien");
        assert_eq!(display_name("JEAN-PAUL SÉRGIO"), "Jean-Paul Sérgio");
        assert_eq!(display_name("William Light"), "William Light");
    }

    #[test]
    fn ids_are_unique() {
        let input = [Some(("A.B.", 1)), Some(("A B C", 2)), Some(("AB", 3))];
        let ids: Vec<_> = resolve(&input).speakers.into_iter().map(|s| s.id).collect();
        assert_eq!(ids, ["a-b", "a-b-c", "ab"]);
    }
}
