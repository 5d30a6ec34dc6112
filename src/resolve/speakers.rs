//! Speakers: from the labels as written to one entry per person or role.
//!
//! Floor is a citation tool: putting words in the wrong person's mouth is
//! the worst it can do, so a merge needs evidence, says so in a diagnostic,
//! and can be undone by the reader ([`Choices::no_merge`]).
//!
//! - **Labels that [`key`] equal are one speaker**: they differ only in case,
//!   spacing, punctuation, accents, invisible characters or compatibility
//!   forms (`JAC sm KEE` and `JAC SM KEE`, `ȘTEFAN` and `ŞTEFAN`,
//!   `CH\u{200b}AIR` and `CHAIR`, `ＣＨＡＩＲ` and `CHAIR`).
//! - **A label that mixes scripts** (a Cyrillic `А` among Latin letters)
//!   joins the label it spells once its odd letters are read in its main
//!   script ([`unmix`]), and is flagged.
//! - **A one-letter slip is merged only with evidence** that it is one: the
//!   slip is in a usual label word (`REMOTE INVERVENTION` → `REMOTE
//!   INTERVENTION`, `PARTICPANT` → `PARTICIPANT`), the label is used once,
//!   the one it joins repeatedly, and no other label mends it. Names are
//!   never mended: two names a letter apart can both be real (`MARIA` and
//!   `MARIO`, `SMITH` and `SMYTH`), so a slip in a name stays a speaker of
//!   its own, and no merge is ever a guess. Never either when the
//!   difference is a digit (`SPEAKER 1`, `SPEAKER 2`), an honorific or
//!   suffix (`MR`/`MS`, `JR`/`SR`), a plural, a space, or in a word shorter
//!   than five letters (`IRAN`/`IRAQ`).
//!
//! Resolution is linear in the number of turns and distinct labels: labels
//! are grouped by key in one hash table, and a slip's mended key is looked
//! up there, never compared with every other label.

use crate::model::{Diagnostic, DiagnosticKind, Speaker, Transcript};
use crate::text::fold::{is_combining, is_ignorable, key, mixed_script, unmix};
use crate::text::hash::Chains;

/// What the reader chose about speakers: labels never merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Labels, exactly as written, each kept as a speaker of its own
    /// whatever other label it looks like.
    pub no_merge: Vec<String>,
}

/// Shortest label key (in chars) that a typo merge may touch: short labels
/// such as initials differ by one letter and are still different people.
const MIN_TYPO_KEY_CHARS: usize = 8;
/// Longest label key (in chars) considered for a typo merge: longer "labels"
/// are not labels a captioner retypes.
const MAX_TYPO_KEY_CHARS: usize = 64;
/// Shortest word in which a one-letter difference can be a typo.
const MIN_TYPO_WORD_CHARS: usize = 5;
/// Words of the labels captioners write for roles, folded: a one-letter
/// slip in one of these (and not into another) is a typo.
const ROLE_WORDS: &[&str] = &[
    "ambassador",
    "announcer",
    "assistant",
    "attendee",
    "audience",
    "captioner",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "cochair",
    "commissioner",
    "coordinator",
    "delegate",
    "delegation",
    "deputy",
    "director",
    "discussant",
    "executive",
    "facilitator",
    "female",
    "general",
    "government",
    "interpretation",
    "interpreter",
    "intervention",
    "interviewer",
    "male",
    "member",
    "minister",
    "moderator",
    "narrator",
    "observer",
    "online",
    "operator",
    "organiser",
    "organizer",
    "panelist",
    "panellist",
    "participant",
    "presenter",
    "president",
    "professor",
    "question",
    "questioner",
    "rapporteur",
    "remote",
    "reporter",
    "representative",
    "respondent",
    "secretariat",
    "secretary",
    "speaker",
    "student",
    "translator",
    "unidentified",
    "unknown",
    "video",
    "voice",
];

/// Honorifics and generational suffixes, folded: a difference in one is a
/// different person.
const HONORIFICS: &[&str] = &[
    "dame", "doctor", "don", "dona", "dr", "fr", "frau", "herr", "hon", "ii", "iii", "iv", "jnr",
    "jr", "junior", "lady", "lord", "m", "madam", "madame", "miss", "mister", "mlle", "mme", "mr",
    "mrs", "ms", "mx", "prof", "rev", "senior", "sir", "snr", "sr", "sra", "srta",
];

/// One distinct label as written.
struct Label {
    text: String,
    /// Turns written with it.
    turns: usize,
    /// Its first turn (a position in `Transcript::turns`).
    first: usize,
    /// The group it is in.
    group: usize,
}

/// Labels that count as one speaker before any typo or script merge.
struct Group {
    key: String,
    /// Its labels, by id, in order of first appearance.
    labels: Vec<usize>,
    turns: usize,
    /// Kept apart by the reader: never merged with another group.
    apart: bool,
    /// The group it was merged into, and why.
    into: Option<(usize, Why)>,
}

/// Why a group was merged into another.
#[derive(Debug, Clone)]
enum Why {
    /// A label mixing scripts looks like one of another group.
    Script {
        letter: char,
        main: &'static str,
        other: &'static str,
    },
    /// A slip in a usual label word.
    Typo { typo: String, word: &'static str },
}

/// Resolves the labels of `t`'s turns to speakers: fills `t.speakers` and
/// each turn's `speaker`, and replaces the diagnostics about speakers.
/// Parsing calls it with no choices; call it again with the reader's
/// choices (a label to keep apart) to resolve anew.
///
/// ```
/// use floor::resolve::speakers::{resolve, Choices};
/// let mut t = floor::read::parse_str(
///     ">>REMOTE INTERVENTION: One.\n\n>>CHAIR: Two.\n\n>>REMOTE INTERVENTION: Three.\n\n\
///      >>REMOTE INVERVENTION: Four.\n\n>>Chair: Five.",
/// );
/// assert_eq!(t.speakers.len(), 2);
/// assert_eq!(t.speakers[0].labels, ["REMOTE INTERVENTION", "REMOTE INVERVENTION"]);
/// assert_eq!(t.speakers[1].labels, ["CHAIR", "Chair"]);
///
/// let choices = Choices { no_merge: vec!["REMOTE INVERVENTION".into()] };
/// resolve(&mut t, &choices);
/// assert_eq!(t.speakers.len(), 3);
/// assert_eq!(t.turns[3].speaker.as_deref(), Some("remote-invervention"));
/// ```
pub fn resolve(t: &mut Transcript, choices: &Choices) {
    let mut r = Resolution::group(t, choices);
    r.merge_mixed_scripts();
    r.merge_typos();
    r.name_speakers(t);
    r.note(t);
}

/// Speaker resolution under way: the steps of [`resolve`].
struct Resolution {
    labels: Vec<Label>,
    groups: Vec<Group>,
    /// Each turn's label, by id.
    label_of_turn: Vec<Option<usize>>,
    /// The groups by key (all but those kept apart).
    keys: Chains,
    /// Labels that mix scripts and look like no other: `(label, letter,
    /// main script, other script)`.
    flagged: Vec<(usize, char, &'static str, &'static str)>,
}

impl Resolution {
    /// Step 1: the distinct labels, and groups of labels with the same key,
    /// in order of first appearance.
    fn group(t: &Transcript, choices: &Choices) -> Resolution {
        let mut labels: Vec<Label> = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut label_ids = Chains::default();
        let mut group_ids = Chains::default();
        let mut label_of_turn: Vec<Option<usize>> = Vec::with_capacity(t.turns.len());
        for (i, turn) in t.turns.iter().enumerate() {
            let Some(text) = turn.label.as_deref() else {
                label_of_turn.push(None);
                continue;
            };
            let hash = Chains::hash(text);
            let id = match label_ids.find(hash, |id| labels[id].text == text) {
                Some(id) => id,
                None => {
                    let kept_apart = choices.no_merge.iter().any(|l| l == text);
                    let mut k = key(text);
                    if k.is_empty() {
                        k = text.to_string();
                    }
                    let key_hash = Chains::hash(&k);
                    let group = match group_ids.find(key_hash, |g| groups[g].key == k) {
                        Some(g) if !kept_apart => g,
                        _ => {
                            if !kept_apart {
                                group_ids.insert(key_hash, groups.len());
                            }
                            groups.push(Group {
                                key: k,
                                labels: Vec::new(),
                                turns: 0,
                                apart: kept_apart,
                                into: None,
                            });
                            groups.len() - 1
                        }
                    };
                    groups[group].labels.push(labels.len());
                    label_ids.insert(hash, labels.len());
                    labels.push(Label {
                        text: text.to_string(),
                        turns: 0,
                        first: i,
                        group,
                    });
                    labels.len() - 1
                }
            };
            labels[id].turns += 1;
            groups[labels[id].group].turns += 1;
            label_of_turn.push(Some(id));
        }
        Resolution {
            labels,
            groups,
            label_of_turn,
            keys: group_ids,
            flagged: Vec::new(),
        }
    }

    /// Step 2: a label that mixes scripts joins the group of the label that
    /// it spells once its odd letters are read in its main script (a
    /// Cyrillic `А` among Latin letters as `A`); one that spells none is
    /// flagged.
    fn merge_mixed_scripts(&mut self) {
        let Resolution {
            labels,
            groups,
            flagged,
            keys,
            ..
        } = self;
        for (id, label) in labels.iter().enumerate() {
            let Some((main, letter, other)) = mixed_script(&label.text) else {
                continue;
            };
            let g = label.group;
            let unmixed = unmix(&label.text).map(|u| key(&u)).unwrap_or_default();
            let target = keys
                .find(Chains::hash(&unmixed), |t| groups[t].key == unmixed)
                .filter(|&t| t != g && !groups[t].apart);
            match target {
                Some(target) if !groups[g].apart && groups[g].into.is_none() => {
                    groups[g].into = Some((
                        target,
                        Why::Script {
                            letter,
                            main: main.name(),
                            other: other.name(),
                        },
                    ));
                }
                _ => flagged.push((id, letter, main.name(), other.name())),
            }
        }
    }

    /// Step 3: typos, a label used once one edit from one label used
    /// repeatedly.
    fn merge_typos(&mut self) {
        typo_merges(&mut self.groups, &self.keys);
    }

    /// The group `g` ends up in, after merges.
    fn root(&self, mut g: usize) -> usize {
        // Merges go from a group to one not merged itself, so this ends; the
        // bound keeps it so whatever happens.
        for _ in 0..self.groups.len() {
            match self.groups[g].into {
                Some((to, _)) => g = to,
                None => break,
            }
        }
        g
    }

    /// Step 4: one speaker per group left, in order of first appearance,
    /// and each turn's speaker.
    fn name_speakers(&self, t: &mut Transcript) {
        let (labels, groups) = (&self.labels, &self.groups);
        let mut speaker_of_group: Vec<Option<usize>> = vec![None; groups.len()];
        let mut speakers: Vec<Speaker> = Vec::new();
        let mut taken = Chains::default();
        let mut label_seen = vec![false; labels.len()];
        for (turn, label) in t.turns.iter_mut().zip(&self.label_of_turn) {
            let Some(id) = *label else {
                turn.speaker = None;
                continue;
            };
            let r = self.root(labels[id].group);
            let s = *speaker_of_group[r].get_or_insert_with(|| {
                let name = display_name(&labels[most_used(&groups[r], labels)].text);
                let id = unique_id(&slug(&name), &speakers, &mut taken);
                speakers.push(Speaker {
                    id,
                    name,
                    labels: Vec::new(),
                    turns: 0,
                });
                speakers.len() - 1
            });
            speakers[s].turns += 1;
            if !label_seen[id] {
                label_seen[id] = true;
                speakers[s].labels.push(labels[id].text.clone());
            }
            turn.speaker = Some(speakers[s].id.clone());
        }
        t.speakers = speakers;
    }

    /// Step 5: the diagnostics about speakers, anew, in line order.
    fn note(&self, t: &mut Transcript) {
        let (labels, groups) = (&self.labels, &self.groups);
        t.diagnostics.retain(|d| {
            !matches!(
                d.kind,
                DiagnosticKind::SpeakerMerged
                    | DiagnosticKind::MergeUndone
                    | DiagnosticKind::MixedScriptLabel
            )
        });
        let line_of = |id: usize| t.turns[labels[id].first].line;
        let mut notes = Vec::new();
        for group in groups {
            let main = most_used(group, labels);
            for &id in &group.labels {
                let l = &labels[id];
                if group.apart {
                    notes.push(diagnostic(
                        line_of(id),
                        DiagnosticKind::MergeUndone,
                        format!(
                            "label {} is shown as a speaker of its own, as asked",
                            said(l)
                        ),
                        &l.text,
                    ));
                } else if id != main {
                    notes.push(diagnostic(
                        line_of(id),
                        DiagnosticKind::SpeakerMerged,
                        format!(
                            "label {} differs from \u{201c}{}\u{201d} only in case, spacing, punctuation, accents or letter forms{}: taken as the same speaker",
                            said(l),
                            labels[main].text,
                            invisible(&l.text)
                        ),
                        &l.text,
                    ));
                }
            }
            let Some((to, why)) = &group.into else {
                continue;
            };
            let l = &labels[main];
            let target = &labels[most_used(&groups[*to], labels)];
            let message = match why {
                Why::Script {
                    letter,
                    main,
                    other,
                } => format!(
                    "label {} mixes {main} and {other} letters (\u{201c}{letter}\u{201d} is {other}) and looks like \u{201c}{}\u{201d}: taken as the same speaker",
                    said(l),
                    target.text
                ),
                Why::Typo { typo, word } => format!(
                    "label {} is one letter away from {}: \u{201c}{typo}\u{201d} is a slip of the label word \u{201c}{word}\u{201d}: taken as the same speaker",
                    said(l),
                    said(target)
                ),
            };
            notes.push(diagnostic(
                line_of(main),
                DiagnosticKind::SpeakerMerged,
                message,
                &l.text,
            ));
        }
        for &(id, letter, main, other) in &self.flagged {
            let l = &labels[id];
            notes.push(diagnostic(
                line_of(id),
                DiagnosticKind::MixedScriptLabel,
                format!(
                    "label {} mixes {main} and {other} letters (\u{201c}{letter}\u{201d} is {other}): check how it is spelt",
                    said(l)
                ),
                &l.text,
            ));
        }
        t.diagnostics.extend(notes);
        crate::text::sort::sort_by_key(&mut t.diagnostics, |d| d.line);
    }
}

/// `“X” (3 turns)`.
fn said(l: &Label) -> String {
    let s = if l.turns == 1 { "" } else { "s" };
    format!("\u{201c}{}\u{201d} ({} turn{s})", l.text, l.turns)
}

fn diagnostic(line: usize, kind: DiagnosticKind, message: String, label: &str) -> Diagnostic {
    Diagnostic {
        line,
        kind,
        message,
        dropped: None,
        label: Some(label.to_string()),
    }
}

/// What a diagnostic adds about the invisible characters a label holds:
/// `, and invisible characters (U+200B U+202E)`, or nothing.
fn invisible(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars().filter(|&c| is_ignorable(c)) {
        let before = if out.is_empty() {
            ", and invisible characters ("
        } else {
            " "
        };
        out.push_str(&format!("{before}U+{:04X}", c as u32));
    }
    if !out.is_empty() {
        out.push(')');
    }
    out
}

/// The label of `group` written most often (the first of equals).
fn most_used(group: &Group, labels: &[Label]) -> usize {
    let mut best = group.labels[0];
    for &id in &group.labels[1..] {
        if labels[id].turns > labels[best].turns {
            best = id;
        }
    }
    best
}

/// Merges each group used once into the one group used repeatedly that it
/// reads as a slip of: found by mending the slip (each usual label word one
/// edit from one of its words) and looking the mended key up, never by
/// comparing labels pairwise.
fn typo_merges(groups: &mut [Group], keys: &Chains) {
    for g in 0..groups.len() {
        let group = &groups[g];
        let n = group.key.chars().count();
        if group.turns != 1
            || group.apart
            || group.into.is_some()
            || !(MIN_TYPO_KEY_CHARS..=MAX_TYPO_KEY_CHARS).contains(&n)
        {
            continue;
        }
        let words: Vec<&str> = group.key.split(' ').collect();
        let mut found: Vec<(usize, Why)> = Vec::new();
        for (i, &typo) in words.iter().enumerate() {
            for word in mended(typo) {
                let mut fixed = words.clone();
                fixed[i] = word;
                let fixed = fixed.join(" ");
                let target = keys
                    .find(Chains::hash(&fixed), |f| groups[f].key == fixed)
                    .filter(|&f| f != g && groups[f].turns >= 2 && !groups[f].apart);
                if let Some(f) = target {
                    found.push((
                        f,
                        Why::Typo {
                            typo: typo.to_string(),
                            word,
                        },
                    ));
                }
            }
        }
        // One label it is evidently a slip of, or none.
        if let [(f, _)] = found[..]
            && groups[f].into.is_none()
        {
            groups[g].into = found.pop();
        }
    }
}

/// The usual label words that `typo` (a folded word of a label) may be a
/// slip of: those one edit from it. None where a one-letter difference is
/// never a slip: a word with a digit, an honorific or suffix, a word
/// shorter than five letters, a plural, a usual label word itself.
fn mended(typo: &str) -> Vec<&'static str> {
    let plural = |x: &str, y: &str| {
        x.strip_prefix(y)
            .is_some_and(|rest| rest == "s" || rest == "es")
    };
    if typo.chars().count() < MIN_TYPO_WORD_CHARS
        || typo.chars().any(char::is_numeric)
        || HONORIFICS.contains(&typo)
        || ROLE_WORDS.binary_search(&typo).is_ok()
    {
        return Vec::new();
    }
    ROLE_WORDS
        .iter()
        .copied()
        .filter(|word| one_edit_apart(typo, word) && !plural(typo, word) && !plural(word, typo))
        .collect()
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

/// How a label is shown: without invisible characters, spaces single;
/// upper-case labels in Title Case (`CHAIR ST. AMOUR` → `Chair St. Amour`,
/// `O'BRIEN` → `O'Brien`); labels already in mixed case as written.
///
/// ```
/// use floor::resolve::speakers::display_name;
/// assert_eq!(display_name("CHAIR ST. AMOUR"), "Chair St. Amour");
/// assert_eq!(display_name("ÇELİK"), "Çelik");
/// assert_eq!(display_name("JO\u{200b}HN  \u{202e}SMITH"), "John Smith");
/// ```
pub fn display_name(label: &str) -> String {
    let visible: String = label.chars().filter(|&c| !is_ignorable(c)).collect();
    let label = visible.split_whitespace().collect::<Vec<_>>().join(" ");
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

/// A URL-safe id that keeps every letter: the [`key`] of the name (accents
/// and case folded, to ASCII where a folding exists, letters of other
/// scripts kept), words joined by `-`. A name that mixes scripts is read in
/// its main script ([`unmix`]). Never empty.
///
/// ```
/// use floor::resolve::speakers::slug;
/// assert_eq!(slug("Chair St. Amour"), "chair-st-amour");
/// assert_eq!(slug("Ștefan Țiriac"), "stefan-tiriac");
/// assert_eq!(slug("Doğan"), "dogan");
/// assert_eq!(slug("Nguyễn"), "nguyen");
/// assert_eq!(slug("\u{410}nna Smith"), "anna-smith"); // a Cyrillic А
/// assert_eq!(slug("Иван Петров"), "иван-петров");
/// assert_eq!(slug("李明"), "李明");
/// assert_eq!(slug("—"), "speaker");
/// ```
pub fn slug(name: &str) -> String {
    let k = key(&unmix(name).unwrap_or_else(|| name.to_string()));
    if k.is_empty() {
        "speaker".to_string()
    } else {
        k.replace(' ', "-")
    }
}

/// `base`, or `base-2`, `base-3`, … : the first that none of `speakers`
/// has (`taken` holds their ids' hashes; the next speaker's is added).
fn unique_id(base: &str, speakers: &[Speaker], taken: &mut Chains) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken
        .find(Chains::hash(&id), |s| speakers[s].id == id)
        .is_some()
    {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(Chains::hash(&id), speakers.len());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_words_are_sorted_for_the_binary_search() {
        assert!(ROLE_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(ROLE_WORDS.iter().all(|w| key(w) == *w));
        assert!(HONORIFICS.iter().all(|w| key(w) == *w));
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
    fn slips_and_what_they_mend_to() {
        assert_eq!(mended("invervention"), ["intervention"]);
        assert_eq!(mended("particpant"), ["participant"]);
        assert_eq!(mended("moderatro"), ["moderator"]);
        assert!(mended("masnago").is_empty(), "names are never mended");
        assert!(mended("speaker").is_empty(), "a label word is no slip");
        assert!(mended("panelists").is_empty(), "a plural is no slip");
        assert!(mended("iraq").is_empty(), "short words are never slips");
        assert!(mended("speaker2").is_empty());
        assert!(mended("madame").is_empty());
    }

    #[test]
    fn ids_are_unique() {
        let mut taken = Chains::default();
        let mut speakers: Vec<Speaker> = Vec::new();
        for base in ["a-b", "a-b-c", "a-b", "a-b"] {
            let id = unique_id(base, &speakers, &mut taken);
            speakers.push(Speaker {
                id,
                ..Speaker::default()
            });
        }
        let ids: Vec<_> = speakers.into_iter().map(|s| s.id).collect();
        assert_eq!(ids, ["a-b", "a-b-c", "a-b-2", "a-b-3"]);
    }
}
