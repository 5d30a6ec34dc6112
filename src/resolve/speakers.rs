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
//! - **A role before another label is that label's speaker**: a label that
//!   is a role of a short list (`SECRETARIAT`, `CHAIR`, `MODERATOR`, …) and
//!   then exactly another label of the file (`SECRETARIAT CHENGETAI
//!   MASANGO`, `CHENGETAI MASANGO`) names that person; a role before a
//!   name the file has not used alone (`CHAIR ST. AMOUR`) stays a speaker
//!   of its own.
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
    "floor",
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

/// Roles a label may put before a person's name, folded, `|` after each
/// (`SECRETARIAT CHENGETAI MASANGO`, `CO-MODERATOR ANNA SMITH`).
const ROLE_PREFIXES: &str = "chair|chairman|chairperson|chairwoman|co chair|cochair|vice chair|\
    moderator|co moderator|comoderator|secretariat|";

/// Honorifics and generational suffixes, folded: a difference in one is a
/// different person.
const HONORIFICS: &[&str] = &[
    "dame", "doctor", "don", "dona", "dr", "fr", "frau", "herr", "hon", "ii", "iii", "iv", "jnr",
    "jr", "junior", "lady", "lord", "m", "madam", "madame", "miss", "mister", "mlle", "mme", "mr",
    "mrs", "ms", "mx", "prof", "rev", "senior", "sir", "snr", "sr", "sra", "srta",
];

/// One distinct label as written: its text is its first turn's label.
/// (Sixteen bytes: a file can have a label a turn.)
#[derive(Debug, Clone, Copy)]
struct Label {
    /// Its first turn (a position in `Transcript::turns`).
    first: u32,
    /// Turns written with it.
    turns: u32,
    /// The group it is in.
    group: u32,
    /// The next label of its group, in order of first appearance ([`NONE`]:
    /// the last).
    next: u32,
}

/// Labels that count as one speaker before any typo or script merge.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// Its key: a range of [`Resolution::key_text`].
    key: [u32; 2],
    /// Its first and last labels (the list runs through [`Label::next`]).
    first: u32,
    last: u32,
    turns: u32,
    /// The group it was merged into ([`NONE`]: none), why in
    /// [`Resolution::merges`].
    into: u32,
    /// Kept apart by the reader: never merged with another group.
    apart: bool,
}

/// No label, group or turn, in the links of a [`Resolution`].
const NONE: u32 = u32::MAX;

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
    /// A role before another label of the file.
    Role(&'static str),
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
/// assert_eq!(t.speaker_id(&t.turns[3]), Some("remote-invervention"));
/// ```
pub fn resolve(t: &mut Transcript, choices: &Choices) {
    let mut r = Resolution::group(t, choices);
    r.merge_mixed_scripts(t);
    r.merge_typos();
    r.merge_roles();
    r.keys = Chains::default(); // looked up no more
    r.name_speakers(t);
    r.note(t);
}

/// Speaker resolution under way: the steps of [`resolve`]. Labels and
/// groups are a few numbers each, their text read from the transcript.
struct Resolution {
    labels: Vec<Label>,
    groups: Vec<Group>,
    /// The groups' keys, one after another.
    key_text: String,
    /// Each turn's label, by id ([`NONE`]: none). (Four bytes a turn: a
    /// file can have millions.)
    label_of_turn: Vec<u32>,
    /// The groups by key (all but those kept apart).
    keys: Chains,
    /// The merged groups, and why each was merged.
    merges: Vec<(u32, Why)>,
    /// Labels that mix scripts and look like no other: `(label, letter,
    /// main script, other script)`.
    flagged: Vec<(usize, char, &'static str, &'static str)>,
}

/// Label `l`'s text, as written.
fn text<'t>(t: &'t Transcript, l: &Label) -> &'t str {
    t.turns
        .get(l.first as usize)
        .and_then(|turn| t.label(turn))
        .unwrap_or_default()
}

impl Resolution {
    /// Step 1: the distinct labels, and groups of labels with the same key,
    /// in order of first appearance.
    fn group(t: &Transcript, choices: &Choices) -> Resolution {
        let mut r = Resolution {
            labels: Vec::new(),
            groups: Vec::new(),
            key_text: String::new(),
            label_of_turn: Vec::with_capacity(t.turns.len()),
            keys: Chains::default(),
            merges: Vec::new(),
            flagged: Vec::new(),
        };
        let mut label_ids = Chains::default();
        for (i, turn) in t.turns.iter().enumerate() {
            let Some(written) = t.label(turn) else {
                r.label_of_turn.push(NONE);
                continue;
            };
            let hash = Chains::hash(written);
            let labels = &r.labels;
            let id = match label_ids.find(hash, |id| text(t, &labels[id]) == written) {
                Some(id) => id,
                None => {
                    let id = r.labels.len();
                    let group = r.group_for(written, choices);
                    label_ids.insert(hash, id);
                    r.labels.push(Label {
                        first: i as u32,
                        turns: 0,
                        group: group as u32,
                        next: NONE,
                    });
                    let g = &mut r.groups[group];
                    match g.last {
                        NONE => g.first = id as u32,
                        last => r.labels[last as usize].next = id as u32,
                    }
                    g.last = id as u32;
                    id
                }
            };
            r.labels[id].turns += 1;
            let g = r.labels[id].group as usize;
            r.groups[g].turns += 1;
            r.label_of_turn.push(id as u32);
        }
        r
    }

    /// The group a new label `written` joins: the one with its key, or a
    /// new one (always, for a label kept apart).
    fn group_for(&mut self, written: &str, choices: &Choices) -> usize {
        let kept_apart = choices.no_merge.iter().any(|l| l == written);
        let mut k = key(written);
        if k.is_empty() {
            k = written.to_string();
        }
        let key_hash = Chains::hash(&k);
        if !kept_apart && let Some(g) = self.group_by_key(&k) {
            return g;
        }
        if !kept_apart {
            self.keys.insert(key_hash, self.groups.len());
        }
        let start = self.key_text.len() as u32;
        self.key_text.push_str(&k);
        self.groups.push(Group {
            key: [start, self.key_text.len() as u32],
            first: NONE,
            last: NONE,
            turns: 0,
            into: NONE,
            apart: kept_apart,
        });
        self.groups.len() - 1
    }

    /// Group `g`'s key.
    fn key(&self, g: usize) -> &str {
        let [a, b] = self.groups[g].key;
        &self.key_text[a as usize..b as usize]
    }

    /// The group (not kept apart) with key `k`.
    fn group_by_key(&self, k: &str) -> Option<usize> {
        self.keys.find(Chains::hash(k), |g| self.key(g) == k)
    }

    /// Group `g`'s labels, by id, in order of first appearance.
    fn labels_of(&self, g: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.groups[g].first;
        std::iter::from_fn(move || {
            let id = at as usize;
            at = self.labels.get(id)?.next;
            Some(id)
        })
    }

    /// The label of group `g` written most often (the first of equals).
    fn most_used(&self, g: usize) -> usize {
        let mut best = self.groups[g].first as usize;
        for id in self.labels_of(g) {
            if self.labels[id].turns > self.labels[best].turns {
                best = id;
            }
        }
        best
    }

    /// Merges group `g` into `to`, for `why`.
    fn merge(&mut self, g: usize, to: usize, why: Why) {
        self.groups[g].into = to as u32;
        self.merges.push((g as u32, why));
    }

    /// Step 2: a label that mixes scripts joins the group of the label that
    /// it spells once its odd letters are read in its main script (a
    /// Cyrillic `А` among Latin letters as `A`); one that spells none is
    /// flagged.
    fn merge_mixed_scripts(&mut self, t: &Transcript) {
        for id in 0..self.labels.len() {
            let written = text(t, &self.labels[id]);
            let Some((main, letter, other)) = mixed_script(written) else {
                continue;
            };
            let g = self.labels[id].group as usize;
            let unmixed = unmix(written).map(|u| key(&u)).unwrap_or_default();
            let target = self
                .group_by_key(&unmixed)
                .filter(|&to| to != g && !self.groups[to].apart);
            let (main, other) = (main.name(), other.name());
            match target {
                Some(to) if !self.groups[g].apart && self.groups[g].into == NONE => {
                    self.merge(
                        g,
                        to,
                        Why::Script {
                            letter,
                            main,
                            other,
                        },
                    );
                }
                _ => self.flagged.push((id, letter, main, other)),
            }
        }
    }

    /// Step 3: each group used once joins the one group used repeatedly
    /// that it reads as a slip of: found by mending the slip (each usual
    /// label word one edit from one of its words) and looking the mended
    /// key up, never by comparing labels pairwise.
    fn merge_typos(&mut self) {
        for g in 0..self.groups.len() {
            let group = self.groups[g];
            let n = self.key(g).chars().count();
            if group.turns != 1
                || group.apart
                || group.into != NONE
                || !(MIN_TYPO_KEY_CHARS..=MAX_TYPO_KEY_CHARS).contains(&n)
            {
                continue;
            }
            let words: Vec<&str> = self.key(g).split(' ').collect();
            let mut found: Vec<(usize, Why)> = Vec::new();
            for (i, &typo) in words.iter().enumerate() {
                for word in mended(typo) {
                    let mut fixed = words.clone();
                    fixed[i] = word;
                    let target = self
                        .group_by_key(&fixed.join(" "))
                        .filter(|&f| f != g && self.groups[f].turns >= 2 && !self.groups[f].apart);
                    if let Some(f) = target {
                        let typo = typo.to_string();
                        found.push((f, Why::Typo { typo, word }));
                    }
                }
            }
            // One label it is evidently a slip of, or none.
            if let [(f, _)] = found[..]
                && self.groups[f].into == NONE
                && let Some((f, why)) = found.pop()
            {
                self.merge(g, f, why);
            }
        }
    }

    /// Step 4: a label that is one of [`ROLE_PREFIXES`] and then exactly
    /// another label of the file (`SECRETARIAT CHENGETAI MASANGO` and
    /// `CHENGETAI MASANGO`, by key) joins that label's group: one person,
    /// speaking in a role.
    fn merge_roles(&mut self) {
        for g in 0..self.groups.len() {
            if self.groups[g].apart || self.groups[g].into != NONE {
                continue;
            }
            let k = self.key(g);
            let found = ROLE_PREFIXES.split_terminator('|').find_map(|role| {
                let rest = k.strip_prefix(role)?.strip_prefix(' ')?;
                let to = self.group_by_key(rest)?;
                Some((to, role))
            });
            if let Some((to, role)) = found {
                self.merge(g, to, Why::Role(role));
            }
        }
    }

    /// The group `g` ends up in, after merges.
    fn root(&self, mut g: usize) -> usize {
        // Merges go from a group to one not merged itself, so this ends; the
        // bound keeps it so whatever happens.
        for _ in 0..self.groups.len() {
            match self.groups[g].into {
                NONE => break,
                to => g = to as usize,
            }
        }
        g
    }

    /// Step 5: one speaker per group left, in order of first appearance,
    /// and each turn's speaker.
    fn name_speakers(&self, t: &mut Transcript) {
        let mut speaker_of_group: Vec<u32> = vec![NONE; self.groups.len()];
        let roots = self.groups.iter().filter(|g| g.into == NONE).count();
        let mut speakers: Vec<Speaker> = Vec::with_capacity(roots);
        let mut taken = Chains::default();
        let mut label_seen = vec![false; self.labels.len()];
        for (i, &label) in self.label_of_turn.iter().enumerate() {
            if label == NONE {
                t.set_speaker(i, None);
                continue;
            }
            let id = label as usize;
            let r = self.root(self.labels[id].group as usize);
            if speaker_of_group[r] == NONE {
                let name = display_name(text(t, &self.labels[self.most_used(r)]));
                let id = unique_id(&slug(&name), &speakers, &mut taken);
                speaker_of_group[r] = speakers.len() as u32;
                speakers.push(Speaker {
                    id,
                    name,
                    // Most speakers have one label.
                    labels: Vec::with_capacity(1),
                    turns: 0,
                });
            }
            let s = speaker_of_group[r] as usize;
            speakers[s].turns += 1;
            if !label_seen[id] {
                label_seen[id] = true;
                let written = text(t, &self.labels[id]).to_string();
                speakers[s].labels.push(written);
            }
            t.set_speaker(i, Some(s));
        }
        for s in &mut speakers {
            s.labels.shrink_to_fit();
        }
        t.speakers = speakers;
    }

    /// Step 6: the diagnostics about speakers, anew, in line order.
    fn note(&self, t: &mut Transcript) {
        let labels = &self.labels;
        t.diagnostics.retain(|d| {
            !matches!(
                d.kind,
                DiagnosticKind::SpeakerMerged
                    | DiagnosticKind::MergeUndone
                    | DiagnosticKind::MixedScriptLabel
            )
        });
        let line_of = |id: usize| t.turns[labels[id].first as usize].line as usize;
        let said = |id: usize| said(text(t, &labels[id]), labels[id].turns);
        let mut notes = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let main = self.most_used(g);
            for id in self.labels_of(g) {
                let written = text(t, &labels[id]);
                if group.apart {
                    notes.push(diagnostic(
                        line_of(id),
                        DiagnosticKind::MergeUndone,
                        format!(
                            "label {} is shown as a speaker of its own, as asked",
                            said(id)
                        ),
                        written,
                    ));
                } else if id != main {
                    notes.push(diagnostic(
                        line_of(id),
                        DiagnosticKind::SpeakerMerged,
                        format!(
                            "label {} differs from \u{201c}{}\u{201d} only in case, spacing, punctuation, accents or letter forms{}: taken as the same speaker",
                            said(id),
                            text(t, &labels[main]),
                            invisible(written)
                        ),
                        written,
                    ));
                }
            }
        }
        for (g, why) in &self.merges {
            let (g, to) = (*g as usize, self.groups[*g as usize].into as usize);
            let main = self.most_used(g);
            let target = self.most_used(to);
            let message = match why {
                Why::Script {
                    letter,
                    main: script,
                    other,
                } => format!(
                    "label {} mixes {script} and {other} letters (\u{201c}{letter}\u{201d} is {other}) and looks like \u{201c}{}\u{201d}: taken as the same speaker",
                    said(main),
                    text(t, &labels[target])
                ),
                Why::Role(role) => format!(
                    "label {} is the role \u{201c}{role}\u{201d} before the label {}: taken as the same speaker",
                    said(main),
                    said(target)
                ),
                Why::Typo { typo, word } => format!(
                    "label {} is one letter away from {}: \u{201c}{typo}\u{201d} is a slip of the label word \u{201c}{word}\u{201d}: taken as the same speaker",
                    said(main),
                    said(target)
                ),
            };
            notes.push(diagnostic(
                line_of(main),
                DiagnosticKind::SpeakerMerged,
                message,
                text(t, &labels[main]),
            ));
        }
        for &(id, letter, main, other) in &self.flagged {
            notes.push(diagnostic(
                line_of(id),
                DiagnosticKind::MixedScriptLabel,
                format!(
                    "label {} mixes {main} and {other} letters (\u{201c}{letter}\u{201d} is {other}): check how it is spelt",
                    said(id)
                ),
                text(t, &labels[id]),
            ));
        }
        t.diagnostics.extend(notes);
        crate::text::sort::sort_by_key(&mut t.diagnostics, |d| d.line);
    }
}

/// `“X” (3 turns)`.
fn said(text: &str, turns: u32) -> String {
    let s = if turns == 1 { "" } else { "s" };
    format!("\u{201c}{text}\u{201d} ({turns} turn{s})")
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
/// deletion or transposition of adjacent characters. It allocates nothing
/// (every label word is compared with every usual label word).
fn one_edit_apart(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 4 {
        return false; // more than one char apart
    }
    // Without their common start and end, what is left of each.
    let same = |x: (char, char)| x.0 == x.1;
    let start: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|&x| same(x))
        .map(|(c, _)| c.len_utf8())
        .sum();
    let (a, b) = (&a[start..], &b[start..]);
    let end: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|&x| same(x))
        .map(|(c, _)| c.len_utf8())
        .sum();
    let (a, b) = (&a[..a.len() - end], &b[..b.len() - end]);
    let mut a = a.chars();
    let mut b = b.chars();
    match (a.clone().count(), b.clone().count()) {
        (1, 1) | (1, 0) | (0, 1) => true,
        (2, 2) => a.next() == b.clone().nth(1) && a.next() == b.next(),
        _ => false,
    }
}

/// Whether `label` names a role rather than a person: every word of it is
/// a usual label word ([`ROLE_WORDS`]: `CHAIR`, `MODERATOR`, `REMOTE
/// INTERVENTION`, `AUDIENCE MEMBER`) or a number (`SPEAKER 2`). Two files'
/// `CHAIR`s are as a rule two people: across an archive a role is never
/// one speaker.
///
/// ```
/// use floor::resolve::speakers::is_role;
/// assert!(is_role("CHAIR"));
/// assert!(is_role("Remote  Intervention"));
/// assert!(is_role("SPEAKER 2"));
/// assert!(is_role("FLOOR"));
/// assert!(!is_role("CHAIR ST. AMOUR"));
/// assert!(!is_role("Ana Silva"));
/// assert!(!is_role("  "));
/// ```
pub fn is_role(label: &str) -> bool {
    let k = key(label);
    let mut words = k.split(' ').filter(|w| !w.is_empty()).peekable();
    words.peek().is_some()
        && words.all(|w| w.bytes().all(|b| b.is_ascii_digit()) || ROLE_WORDS.contains(&w))
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
        // Not ASCII: letters, not bytes.
        assert!(one_edit_apart("ȘTEFAN", "STEFAN"));
        assert!(one_edit_apart("MODÉRATEUR", "MODERATEUR"));
        assert!(one_edit_apart("ΠΡΟΕΔΡΟΣ", "ΠΡΟΕΔΟΣ"));
        assert!(!one_edit_apart("ȘTEFĂN", "STEFAN"));
        assert!(!one_edit_apart("ÉÉ", "E"));
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
