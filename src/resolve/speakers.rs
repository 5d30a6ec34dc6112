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
//! - **A label that mixes scripts** (a Cyrillic `А` among Latin letters) is
//!   matched by its [`skeleton_key`] to a label of one script, and flagged.
//! - **A one-letter "typo" is merged only with evidence** that it is one: it
//!   is used once, the label it joins is used repeatedly and is the only
//!   label one edit away, and either the word it spoils is a usual label word
//!   (`REMOTE INVERVENTION` → `REMOTE INTERVENTION`) or two of its letters are
//!   swapped in a long word said elsewhere in the transcript (`MASNAGO` →
//!   `MASANGO`), and the misspelt word itself occurs nowhere in the text.
//!   Never when the difference is a digit (`SPEAKER 1`, `SPEAKER 2`), an
//!   honorific or suffix (`MR`/`MS`, `JR`/`SR`), a plural, a space, or a word
//!   shorter than five letters (`IRAN`/`IRAQ`), and never between two names
//!   that could both be real (`MARIA`/`MARIO`, `SMITH`/`SMYTH`).
//!
//! Resolution is linear in the number of turns and distinct labels: labels
//! are bucketed by key, and typo candidates are found through the keys'
//! one-letter deletions (each bucket bounded), never by comparing every pair.

use std::collections::{HashMap, HashSet};

use crate::model::{Diagnostic, DiagnosticKind, Speaker, Transcript};
use crate::text::fold::{fold_char, is_combining, is_ignorable, key, mixed_script, skeleton_key};
use crate::text::hash::Hashed;

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
/// Shortest word in which two swapped letters can be a typo.
const MIN_SWAP_WORD_CHARS: usize = 6;
/// Most labels one deletion bucket may hold before it says nothing: a
/// bucket that full means many labels one letter apart, where no single one
/// is evidently the intended spelling.
const MAX_BUCKET: usize = 16;

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
    /// A typo of a usual label word.
    RoleWord { typo: String, word: String },
    /// Two letters swapped in a word said in the transcript.
    Swap { typo: String, word: String },
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
    let apart: HashSet<&str, Hashed> = choices.no_merge.iter().map(String::as_str).collect();

    // 1. Distinct labels, and groups of labels with the same key, in order of
    //    first appearance.
    let mut labels: Vec<Label> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut label_ids: HashMap<&str, usize, Hashed> = HashMap::default();
    let mut group_ids: HashMap<String, usize, Hashed> = HashMap::default();
    let mut label_of_turn: Vec<Option<usize>> = Vec::with_capacity(t.turns.len());
    for (i, turn) in t.turns.iter().enumerate() {
        let Some(text) = turn.label.as_deref() else {
            label_of_turn.push(None);
            continue;
        };
        let id = *label_ids.entry(text).or_insert_with(|| {
            let kept_apart = apart.contains(text);
            let mut k = key(text);
            if k.is_empty() {
                k = text.to_string();
            }
            let group = match group_ids.get(&k) {
                Some(&g) if !kept_apart => g,
                _ => {
                    if !kept_apart {
                        group_ids.insert(k.clone(), groups.len());
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
            labels.push(Label {
                text: text.to_string(),
                turns: 0,
                first: i,
                group,
            });
            labels.len() - 1
        });
        labels[id].turns += 1;
        groups[labels[id].group].turns += 1;
        label_of_turn.push(Some(id));
    }

    // 2. A label that mixes scripts joins the one group of single-script
    //    labels that looks the same.
    let mut flagged: Vec<(usize, char, &'static str, &'static str)> = Vec::new();
    let mixed: Vec<(
        usize,
        (crate::text::fold::Script, char, crate::text::fold::Script),
    )> = labels
        .iter()
        .enumerate()
        .filter_map(|(id, l)| mixed_script(&l.text).map(|m| (id, m)))
        .collect();
    if !mixed.is_empty() {
        let mixed_ids: HashSet<usize> = mixed.iter().map(|m| m.0).collect();
        let mut looks: HashMap<String, Option<usize>, Hashed> = HashMap::default();
        for (id, l) in labels.iter().enumerate() {
            if mixed_ids.contains(&id) || groups[l.group].apart {
                continue;
            }
            looks
                .entry(skeleton_key(&l.text))
                .and_modify(|g| {
                    if *g != Some(l.group) {
                        *g = None; // two groups look the same: no evidence
                    }
                })
                .or_insert(Some(l.group));
        }
        for (id, (main, letter, other)) in mixed {
            let g = labels[id].group;
            let target = looks
                .get(&skeleton_key(&labels[id].text))
                .copied()
                .flatten();
            match target {
                Some(target) if target != g && !groups[g].apart && groups[g].into.is_none() => {
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

    // 3. Typos: a label used once, one edit from one label used repeatedly.
    typo_merges(t, &mut groups);

    // 4. One speaker per group left, in order of first appearance.
    let root = |mut g: usize| {
        // Merges go from a group to one not merged itself, so this ends; the
        // bound keeps it so whatever happens.
        for _ in 0..groups.len() {
            match groups[g].into {
                Some((to, _)) => g = to,
                None => break,
            }
        }
        g
    };
    let mut speaker_of_group: Vec<Option<usize>> = vec![None; groups.len()];
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut taken: HashSet<String, Hashed> = HashSet::default();
    let mut label_seen = vec![false; labels.len()];
    for (turn, label) in t.turns.iter_mut().zip(&label_of_turn) {
        let Some(id) = *label else {
            turn.speaker = None;
            continue;
        };
        let r = root(labels[id].group);
        let s = *speaker_of_group[r].get_or_insert_with(|| {
            let name = display_name(&labels[most_used(&groups[r], &labels)].text);
            let id = unique_id(&slug(&name), &mut taken);
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

    // 5. The diagnostics, anew.
    t.diagnostics.retain(|d| {
        !matches!(
            d.kind,
            DiagnosticKind::SpeakerMerged
                | DiagnosticKind::MergeUndone
                | DiagnosticKind::MixedScriptLabel
        )
    });
    let line_of = |id: usize| t.turns[labels[id].first].line;
    let turns = |n: usize| format!("{n} turn{}", if n == 1 { "" } else { "s" });
    let mut notes = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let main = most_used(group, &labels);
        for &id in &group.labels {
            let l = &labels[id];
            if group.apart {
                notes.push(diagnostic(
                    line_of(id),
                    DiagnosticKind::MergeUndone,
                    format!(
                        "label \u{201c}{}\u{201d} ({}) is shown as a speaker of its own, as asked",
                        l.text,
                        turns(l.turns)
                    ),
                    &l.text,
                ));
                continue;
            }
            if id != main {
                notes.push(diagnostic(
                    line_of(id),
                    DiagnosticKind::SpeakerMerged,
                    format!(
                        "label \u{201c}{}\u{201d} ({}) differs from \u{201c}{}\u{201d} only in {}: taken as the same speaker",
                        l.text,
                        turns(l.turns),
                        labels[main].text,
                        how_it_differs(&l.text)
                    ),
                    &l.text,
                ));
            }
        }
        let Some((to, why)) = &groups[g].into else {
            continue;
        };
        let id = main;
        let l = &labels[id];
        let target = &labels[most_used(&groups[*to], &labels)];
        let message = match why {
            Why::Script {
                letter,
                main,
                other,
            } => format!(
                "label \u{201c}{}\u{201d} ({}) mixes {main} and {other} letters (\u{201c}{letter}\u{201d} is {other}) and looks like \u{201c}{}\u{201d}: taken as the same speaker",
                l.text,
                turns(l.turns),
                target.text
            ),
            Why::RoleWord { typo, word } => format!(
                "label \u{201c}{}\u{201d} ({}) is one letter away from \u{201c}{}\u{201d} ({}): \u{201c}{typo}\u{201d} is a typo of the label word \u{201c}{word}\u{201d} (it occurs nowhere in the text): taken as the same speaker",
                l.text,
                turns(l.turns),
                target.text,
                turns(groups[*to].turns)
            ),
            Why::Swap { typo, word } => format!(
                "label \u{201c}{}\u{201d} ({}) is \u{201c}{}\u{201d} ({}) with two letters swapped: \u{201c}{word}\u{201d} is said in the text and \u{201c}{typo}\u{201d} nowhere: taken as the same speaker",
                l.text,
                turns(l.turns),
                target.text,
                turns(groups[*to].turns)
            ),
        };
        notes.push(diagnostic(
            line_of(id),
            DiagnosticKind::SpeakerMerged,
            message,
            &l.text,
        ));
    }
    for (id, letter, main, other) in flagged {
        let l = &labels[id];
        notes.push(diagnostic(
            line_of(id),
            DiagnosticKind::MixedScriptLabel,
            format!(
                "label \u{201c}{}\u{201d} mixes {main} and {other} letters (\u{201c}{letter}\u{201d} is {other}): check how it is spelt",
                l.text
            ),
            &l.text,
        ));
    }
    t.diagnostics.extend(notes);
    crate::text::sort::sort_by_key(&mut t.diagnostics, |d| d.line);
    t.speakers = speakers;
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

/// What a label folded into another's group may differ in, as a diagnostic
/// says it: the invisible characters it holds, named by code point.
fn how_it_differs(label: &str) -> String {
    let mut invisible: Vec<String> = Vec::new();
    for c in label.chars().filter(|&c| is_ignorable(c)) {
        let name = format!("U+{:04X}", c as u32);
        if !invisible.contains(&name) {
            invisible.push(name);
        }
    }
    let mut how = String::from("case, spacing, punctuation, accents or letter forms");
    if !invisible.is_empty() {
        how.push_str(&format!(
            ", and invisible characters ({})",
            invisible.join(", ")
        ));
    }
    how
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

/// Merges each group used once into the one group used repeatedly that its
/// key is one edit from, where the difference reads as a typo.
fn typo_merges(t: &Transcript, groups: &mut [Group]) {
    let eligible = |g: &Group| {
        let n = g.key.chars().count();
        !g.apart && g.into.is_none() && (MIN_TYPO_KEY_CHARS..=MAX_TYPO_KEY_CHARS).contains(&n)
    };
    // The keys used repeatedly, by the hashes of their one-char deletions
    // (and of themselves): a bucket holds every key that shares one, give
    // or take a collision, which the edit check below rules out.
    let mut deletions = Deletions::default();
    let mut buckets = Buckets::default();
    for (g, group) in groups.iter().enumerate() {
        if group.turns >= 2 && eligible(group) {
            for &hash in deletions.of(&group.key) {
                buckets.insert(hash, g);
            }
        }
    }
    if buckets.entries.is_empty() {
        return;
    }
    // Candidates: (rare group, frequent group, evidence).
    let mut candidates: Vec<(usize, usize, Why)> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        if group.turns != 1 || !eligible(group) {
            continue;
        }
        let mut found: Vec<usize> = Vec::new();
        let mut crowded = false;
        for &hash in deletions.of(&group.key) {
            for (k, f) in buckets.get(hash, MAX_BUCKET).enumerate() {
                crowded |= k == MAX_BUCKET;
                if f != g && !found.contains(&f) && one_edit_apart(&group.key, &groups[f].key) {
                    found.push(f);
                }
            }
        }
        // One label it could be a slip of, or none.
        if crowded || found.len() != 1 {
            continue;
        }
        if let Some(why) = typo_evidence(&group.key, &groups[found[0]].key) {
            candidates.push((g, found[0], why));
        }
    }
    if candidates.is_empty() {
        return;
    }
    // The text's words, for the words the evidence names.
    let mut wanted: HashMap<String, bool, Hashed> = HashMap::default();
    for (_, _, why) in &candidates {
        match why {
            Why::RoleWord { typo, .. } => {
                wanted.insert(typo.clone(), false);
            }
            Why::Swap { typo, word } => {
                wanted.insert(typo.clone(), false);
                wanted.insert(word.clone(), false);
            }
            Why::Script { .. } => {}
        }
    }
    let mut word = String::new();
    for p in t.turns.iter().flat_map(|turn| &turn.paragraphs) {
        for w in crate::text::words(p) {
            word.clear();
            word.extend(w.chars().flat_map(fold_char));
            if let Some(seen) = wanted.get_mut(word.as_str()) {
                *seen = true;
            }
        }
    }
    let said = |w: &str| wanted.get(w).copied().unwrap_or(false);
    for (g, f, why) in candidates {
        let ok = match &why {
            Why::RoleWord { typo, .. } => !said(typo),
            Why::Swap { typo, word } => !said(typo) && said(word),
            Why::Script { .. } => false,
        };
        if ok && groups[f].into.is_none() {
            groups[g].into = Some((f, why));
        }
    }
}

/// Why key `rare` (one edit from `frequent`) reads as a typo of it, if it
/// does, before the text is consulted.
fn typo_evidence(rare: &str, frequent: &str) -> Option<Why> {
    let a: Vec<&str> = rare.split(' ').collect();
    let b: Vec<&str> = frequent.split(' ').collect();
    // A space added or lost is not a slip merged here.
    if a.len() != b.len() {
        return None;
    }
    let mut differ = a.iter().zip(&b).filter(|(x, y)| x != y);
    let (typo, word) = differ.next()?;
    let (typo, word) = (*typo, *word);
    if differ.next().is_some() {
        return None;
    }
    let chars = |w: &str| w.chars().count();
    let plural = |x: &str, y: &str| {
        x.strip_prefix(y)
            .is_some_and(|rest| rest == "s" || rest == "es")
    };
    if typo.chars().chain(word.chars()).any(|c| c.is_numeric())
        || HONORIFICS.contains(&typo)
        || HONORIFICS.contains(&word)
        || chars(typo).min(chars(word)) < MIN_TYPO_WORD_CHARS
        || plural(typo, word)
        || plural(word, typo)
    {
        return None;
    }
    if ROLE_WORDS.binary_search(&word).is_ok() && ROLE_WORDS.binary_search(&typo).is_err() {
        return Some(Why::RoleWord {
            typo: typo.to_string(),
            word: word.to_string(),
        });
    }
    if swapped(typo, word) && chars(word) >= MIN_SWAP_WORD_CHARS {
        return Some(Why::Swap {
            typo: typo.to_string(),
            word: word.to_string(),
        });
    }
    None
}

/// Whether `a` is `b` with two adjacent letters swapped.
fn swapped(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(diff[..], [i, j] if j == i + 1 && a[i] == b[j] && a[j] == b[i])
}

/// The hashes of a key and of each of its one-char deletions inside a word
/// that a typo can be in (five letters or more, no digit): two keys one edit
/// apart in such a word share one (a substitution, the same deletion; an
/// insertion, one key itself; a swap, the deletion of either letter).
/// Polynomial hashes of the chars, so a deletion's is computed, not built;
/// the buffers are kept from one key to the next.
#[derive(Default)]
struct Deletions {
    chars: Vec<u64>,
    /// `prefix[i]`: the hash of `chars[..i]`; `suffix[i]`: of `chars[i..]`;
    /// `power[i]`: `BASE^i`.
    prefix: Vec<u64>,
    suffix: Vec<u64>,
    power: Vec<u64>,
    typo_at: Vec<bool>,
    out: Vec<u64>,
}

impl Deletions {
    const BASE: u64 = 0x100_0000_01b3;
    /// Told apart by length: a key's hash from its deletions'.
    const LENGTH: u64 = 0x9E37_79B9_7F4A_7C15;

    fn of(&mut self, key: &str) -> &[u64] {
        let Deletions {
            chars,
            prefix,
            suffix,
            power,
            typo_at,
            out,
        } = self;
        chars.clear();
        chars.extend(key.chars().map(u64::from));
        let n = chars.len();
        prefix.clear();
        prefix.push(0);
        power.clear();
        power.push(1);
        for i in 0..n {
            prefix.push(
                prefix[i]
                    .wrapping_mul(Self::BASE)
                    .wrapping_add(chars[i] + 1),
            );
            power.push(power[i].wrapping_mul(Self::BASE));
        }
        suffix.clear();
        suffix.resize(n + 1, 0);
        for i in (0..n).rev() {
            suffix[i] = (chars[i] + 1)
                .wrapping_mul(power[n - 1 - i])
                .wrapping_add(suffix[i + 1]);
        }
        // Where a typo can be: the chars of long words without digits.
        typo_at.clear();
        typo_at.resize(n, false);
        let mut start = 0;
        for end in (0..=n).filter(|&i| i == n || chars[i] == u64::from(' ')) {
            let word = &chars[start..end];
            let digit = word
                .iter()
                .any(|&c| char::from_u32(c as u32).is_some_and(char::is_numeric));
            if word.len() >= MIN_TYPO_WORD_CHARS && !digit {
                typo_at[start..end].fill(true);
            }
            start = end + 1;
        }
        out.clear();
        out.push(prefix[n] ^ (n as u64).wrapping_mul(Self::LENGTH));
        for i in (0..n).filter(|&i| typo_at[i]) {
            let h = prefix[i]
                .wrapping_mul(power[n - 1 - i])
                .wrapping_add(suffix[i + 1]);
            out.push(h ^ ((n - 1) as u64).wrapping_mul(Self::LENGTH));
        }
        out
    }
}

/// Groups by the hashes of their keys' deletions: for each hash, a chain
/// of the groups that have it, most recent first, in one flat list.
#[derive(Default)]
struct Buckets {
    heads: HashMap<u64, u32, Hashed>,
    /// Per entry: its group, and the next entry of its chain.
    entries: Vec<(u32, u32)>,
}

impl Buckets {
    const END: u32 = u32::MAX;

    fn insert(&mut self, hash: u64, group: usize) {
        let next = self.heads.get(&hash).copied().unwrap_or(Self::END);
        // A group's hashes go in together: a repeated one is at the head.
        if next != Self::END && self.entries[next as usize].0 == group as u32 {
            return;
        }
        self.heads.insert(hash, self.entries.len() as u32);
        self.entries.push((group as u32, next));
    }

    /// The groups with `hash`, up to `most + 1` of them.
    fn get(&self, hash: u64, most: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.heads.get(&hash).copied().unwrap_or(Self::END);
        std::iter::from_fn(move || {
            let &(group, next) = self.entries.get(at as usize)?;
            at = next;
            Some(group as usize)
        })
        .take(most + 1)
    }
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
/// scripts kept), words joined by `-`. A name that mixes scripts is keyed
/// by its skeleton. Never empty.
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
    let k = if mixed_script(name).is_some() {
        skeleton_key(name)
    } else {
        key(name)
    };
    if k.is_empty() {
        "speaker".to_string()
    } else {
        k.replace(' ', "-")
    }
}

/// `base`, or `base-2`, `base-3`, … : the first not taken yet.
fn unique_id(base: &str, taken: &mut HashSet<String, Hashed>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
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
        assert!(swapped("masnago", "masango"));
        assert!(!swapped("masngao", "masango"));
    }

    /// Two keys one edit apart always share a deletion's hash, and the
    /// hashes are those of the deletions spelt out.
    #[test]
    fn one_edit_apart_keys_share_a_deletion() {
        let words = [
            "intervention",
            "invervention",
            "interventio",
            "nintervention",
            "itnervention",
            "ab",
            "ba",
            "a",
            "",
            "ștefan",
            "stefan",
        ];
        // A key and its one-char deletions, spelt out (keys of one long word).
        let spelt = |w: &str| -> HashSet<String> {
            let chars: Vec<char> = w.chars().collect();
            let long = chars.len() >= MIN_TYPO_WORD_CHARS;
            let mut out: HashSet<String> = (0..chars.len())
                .filter(|_| long)
                .map(|i| chars[..i].iter().chain(&chars[i + 1..]).collect())
                .collect();
            out.insert(w.to_string());
            out
        };
        for a in words {
            for b in words {
                let da: HashSet<u64> = Deletions::default().of(a).iter().copied().collect();
                let db: HashSet<u64> = Deletions::default().of(b).iter().copied().collect();
                let share = da.intersection(&db).count() > 0;
                if one_edit_apart(a, b)
                    && a.chars().count().min(b.chars().count()) >= MIN_TYPO_WORD_CHARS
                {
                    assert!(share, "{a} {b}");
                }
                assert_eq!(
                    share,
                    spelt(a).intersection(&spelt(b)).count() > 0,
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut taken = HashSet::default();
        let ids: Vec<_> = ["a-b", "a-b-c", "a-b", "a-b"]
            .iter()
            .map(|b| unique_id(b, &mut taken))
            .collect();
        assert_eq!(ids, ["a-b", "a-b-c", "a-b-2", "a-b-3"]);
    }
}
