//! Speaker identity, by tables of labels: the ones that must be one speaker,
//! the ones that must stay apart, with the diagnostics expected, and the
//! reader's undo of every merge.
//!
//! A case is the labels of a transcript, each `LABEL*n` used in `n` turns
//! (once without `*n`), what the turns say, and the speakers expected: their
//! labels joined by ` + `, speakers separated by ` | `.

use floor::model::{DiagnosticKind, Transcript};
use floor::resolve::speakers::{Choices, resolve};

#[path = "support/letters.rs"]
mod letters;

use letters::letters;

/// The transcript of `labels` (`;`-separated) whose turns say `said`.
fn transcript(labels: &str, said: &str) -> Transcript {
    let mut text = String::from("A meeting\n\n");
    for item in labels.split(';').map(str::trim) {
        let (label, n) = match item.rsplit_once('*') {
            Some((l, n)) => (l, n.parse::<usize>().unwrap()),
            None => (item, 1),
        };
        for _ in 0..n {
            text.push_str(&format!(">>{label}: {said} Thank you.\n\n"));
        }
    }
    floor::read::parse_str(&text)
}

/// The speakers of `t` as the tables write them.
fn partition(t: &Transcript) -> String {
    t.speakers
        .iter()
        .map(|s| s.labels.join(" + "))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn count(t: &Transcript, kind: DiagnosticKind) -> usize {
    t.diagnostics.iter().filter(|d| d.kind == kind).count()
}

/// Labels that name one speaker: `(labels, said, speakers, merge notes)`.
const MERGE: &[(&str, &str, &str, usize)] = &[
    // Case, spacing, punctuation.
    ("JAC SM KEE*3; JAC sm KEE", "", "JAC SM KEE + JAC sm KEE", 1),
    (
        "CHAIR ST. AMOUR*2; CHAIR ST AMOUR",
        "",
        "CHAIR ST. AMOUR + CHAIR ST AMOUR",
        1,
    ),
    ("CHAIR; Chair; CHair", "", "CHAIR + Chair + CHair", 2),
    // Accents: comma below and cedilla, Turkish, Vietnamese, decomposed.
    (
        "ȘTEFAN POPESCU*2; ŞTEFAN POPESCU",
        "",
        "ȘTEFAN POPESCU + ŞTEFAN POPESCU",
        1,
    ),
    ("DOĞAN*2; DOGAN", "", "DOĞAN + DOGAN", 1),
    (
        "NGUYỄN VĂN AN*2; NGUYEN VAN AN",
        "",
        "NGUYỄN VĂN AN + NGUYEN VAN AN",
        1,
    ),
    (
        "SÉRGIO REZENDE; SE\u{301}RGIO REZENDE",
        "",
        "SÉRGIO REZENDE + SE\u{301}RGIO REZENDE",
        1,
    ),
    ("İLKER*2; ILKER", "", "İLKER + ILKER", 1),
    // Invisible characters.
    ("CHAIR*2; CH\u{200b}AIR", "", "CHAIR + CH\u{200b}AIR", 1),
    ("CHAIR*2; C\u{ad}HAIR", "", "CHAIR + C\u{ad}HAIR", 1),
    ("CHAIR*2; CHAIR\u{200e}", "", "CHAIR + CHAIR\u{200e}", 1),
    ("CHAIR*2; \u{202e}CHAIR", "", "CHAIR + \u{202e}CHAIR", 1),
    ("CHAIR*2; CH\u{200d}AIR", "", "CHAIR + CH\u{200d}AIR", 1),
    ("CHAIR*2; CHAIR\u{fe0f}", "", "CHAIR + CHAIR\u{fe0f}", 1),
    // Compatibility forms.
    ("CHAIR*2; ＣＨＡＩＲ", "", "CHAIR + ＣＨＡＩＲ", 1),
    ("CHAIR*2; 𝐂𝐇𝐀𝐈𝐑", "", "CHAIR + 𝐂𝐇𝐀𝐈𝐑", 1),
    // Typos, with evidence.
    (
        "REMOTE INTERVENTION*3; REMOTE INVERVENTION",
        "",
        "REMOTE INTERVENTION + REMOTE INVERVENTION",
        1,
    ),
    (
        "PARTICIPANT*3; PARTICPANT",
        "",
        "PARTICIPANT + PARTICPANT",
        1,
    ),
    ("MODERATOR*2; MODERATRO", "", "MODERATOR + MODERATRO", 1),
    // A role before another label of the file: that person, in the role.
    (
        "CHENGETAI MASANGO*2; SECRETARIAT CHENGETAI MASANGO",
        "",
        "CHENGETAI MASANGO + SECRETARIAT CHENGETAI MASANGO",
        1,
    ),
    (
        "Anriette Esterhuysen; CO-MODERATOR ANRIETTE ESTERHUYSEN",
        "",
        "Anriette Esterhuysen + CO-MODERATOR ANRIETTE ESTERHUYSEN",
        1,
    ),
    (
        "CHAIR LYNN ST. AMOUR; LYNN ST. AMOUR",
        "",
        "CHAIR LYNN ST. AMOUR + LYNN ST. AMOUR",
        1,
    ),
    (
        "ANNA SMITH; VICE-CHAIR ANNA SMITH",
        "",
        "ANNA SMITH + VICE-CHAIR ANNA SMITH",
        1,
    ),
    (
        "REMOTE PARTICIPANT*4; REMOTE PARTICIPAN",
        "",
        "REMOTE PARTICIPANT + REMOTE PARTICIPAN",
        1,
    ),
];

/// Labels that name different people: `(labels, said, speakers)`.
const APART: &[(&str, &str, &str)] = &[
    // Digits.
    (
        "SPEAKER 1*3; SPEAKER 2; SPEAKER 3",
        "",
        "SPEAKER 1 | SPEAKER 2 | SPEAKER 3",
    ),
    ("PANELIST 1*3; PANELIST 10", "", "PANELIST 1 | PANELIST 10"),
    (
        "MODERATOR 2*4; MODERATOR 3",
        "",
        "MODERATOR 2 | MODERATOR 3",
    ),
    ("SPEAKER 01*3; SPEAKER 1", "", "SPEAKER 01 | SPEAKER 1"),
    // Honorifics and suffixes.
    (
        "MR. SMITH*3; MS. SMITH; MRS. SMITH",
        "",
        "MR. SMITH | MS. SMITH | MRS. SMITH",
    ),
    (
        "JOHN SMITH JR.*3; JOHN SMITH SR.",
        "",
        "JOHN SMITH JR. | JOHN SMITH SR.",
    ),
    (
        "MADAM CHAIRMAN*3; MADAME CHAIRMAN",
        "",
        "MADAM CHAIRMAN | MADAME CHAIRMAN",
    ),
    // Names that are both real.
    (
        "MARIA GARCIA*3; MARIO GARCIA",
        "",
        "MARIA GARCIA | MARIO GARCIA",
    ),
    ("JOHN SMITH*3; JOHN SMYTH", "", "JOHN SMITH | JOHN SMYTH"),
    (
        "MARIA LOPEZ*3; MAIRA LOPEZ",
        "Maria said",
        "MARIA LOPEZ | MAIRA LOPEZ",
    ),
    // A whole short word.
    (
        "DELEGATE OF IRAN*3; DELEGATE OF IRAQ",
        "",
        "DELEGATE OF IRAN | DELEGATE OF IRAQ",
    ),
    // Plurals, spaces.
    (
        "PARTICIPANT*3; PARTICIPANTS",
        "",
        "PARTICIPANT | PARTICIPANTS",
    ),
    (
        "REMOTE PARTICIPANT*2; REMOTE PARTICIPANTS",
        "",
        "REMOTE PARTICIPANT | REMOTE PARTICIPANTS",
    ),
    ("JOHN SMITH*3; JOHNSMITH", "", "JOHN SMITH | JOHNSMITH"),
    // Both used repeatedly, or neither.
    (
        "REMOTE INTERVENTION*2; REMOTE INVERVENTION*2",
        "",
        "REMOTE INTERVENTION | REMOTE INVERVENTION",
    ),
    (
        "REMOTE INTERVENTION; REMOTE INVERVENTION",
        "",
        "REMOTE INTERVENTION | REMOTE INVERVENTION",
    ),
    // A slip in a name: names are never mended, even two letters swapped
    // in a name the text says.
    (
        "CHENGETAI MASANGO*3; CHENGETAI MASNAGO",
        "As Masango said,",
        "CHENGETAI MASANGO | CHENGETAI MASNAGO",
    ),
    ("JOHN SMITH*3; JOHN SMIHT", "", "JOHN SMITH | JOHN SMIHT"),
    // A slip that mends to two labels.
    (
        "LOCAL ORGANIZER*2; LOCAL ORGANISER*2; LOCAL ORGANIAER",
        "",
        "LOCAL ORGANIZER | LOCAL ORGANISER | LOCAL ORGANIAER",
    ),
    // Short labels: initials.
    ("MR LEE*2; MR LE", "", "MR LEE | MR LE"),
    ("A.B.*3; A.C.", "", "A.B. | A.C."),
    // Two labels it could be a slip of.
    (
        "MODERATOR ANNA*3; MODERATOR ANNE*3; MODERATOR ANNX",
        "",
        "MODERATOR ANNA | MODERATOR ANNE | MODERATOR ANNX",
    ),
    // A role before a name the file does not use alone, or before a part
    // of another label; a word that is no role in the list.
    (
        "CHAIR ST. AMOUR*2; LYNN ST. AMOUR",
        "",
        "CHAIR ST. AMOUR | LYNN ST. AMOUR",
    ),
    (
        "MODERATOR ANNA*2; ANNA SMITH",
        "",
        "MODERATOR ANNA | ANNA SMITH",
    ),
    (
        "REMOTE MODERATOR; MODERATOR",
        "",
        "REMOTE MODERATOR | MODERATOR",
    ),
    (
        "MINISTER ANNA SMITH; ANNA SMITH",
        "",
        "MINISTER ANNA SMITH | ANNA SMITH",
    ),
    ("CHAIRS ANNA; ANNA", "", "CHAIRS ANNA | ANNA"),
    // Different scripts wholly.
    ("ANNA*2; АННА", "", "ANNA | АННА"),
];

#[test]
fn labels_that_name_one_speaker_merge_with_a_note() {
    for &(labels, said, expected, notes) in MERGE {
        let t = transcript(labels, said);
        assert_eq!(partition(&t), expected, "{labels:?}");
        assert_eq!(
            count(&t, DiagnosticKind::SpeakerMerged),
            notes,
            "{labels:?}: {:#?}",
            t.diagnostics
        );
        for d in t
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::SpeakerMerged)
        {
            let label = d.label.as_deref().expect("a merge names its label");
            assert!(d.message.contains(label), "{d:?}");
        }
    }
}

#[test]
fn labels_of_different_people_stay_apart() {
    for &(labels, said, expected) in APART {
        let t = transcript(labels, said);
        assert_eq!(partition(&t), expected, "{labels:?}");
        assert_eq!(count(&t, DiagnosticKind::SpeakerMerged), 0, "{labels:?}");
    }
}

/// Every merge the tables make can be undone by naming its label, and
/// resolving again without the choice merges it again.
#[test]
fn every_merge_can_be_undone() {
    for &(labels, said, expected, _) in MERGE {
        let mut t = transcript(labels, said);
        let merged: Vec<String> = t
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::SpeakerMerged)
            .filter_map(|d| d.label.clone())
            .collect();
        let before = t.speakers.len();
        for label in &merged {
            resolve(
                &mut t,
                &Choices {
                    no_merge: vec![label.clone()],
                },
            );
            assert_eq!(t.speakers.len(), before + 1, "{labels:?} without {label:?}");
            let own = t
                .speakers
                .iter()
                .find(|s| s.labels == [label.clone()])
                .unwrap_or_else(|| panic!("{label:?} has no speaker of its own"));
            assert!(!own.id.is_empty());
            assert_eq!(count(&t, DiagnosticKind::MergeUndone), 1);
            let undone = t
                .diagnostics
                .iter()
                .find(|d| d.kind == DiagnosticKind::MergeUndone)
                .unwrap();
            assert_eq!(undone.label.as_deref(), Some(label.as_str()));
        }
        resolve(&mut t, &Choices::default());
        assert_eq!(partition(&t), expected, "{labels:?} merged again");
        assert_eq!(count(&t, DiagnosticKind::MergeUndone), 0);
    }
}

#[test]
fn a_label_that_mixes_scripts_is_matched_by_its_look_and_flagged() {
    // A Cyrillic А among Latin letters, beside the Latin spelling.
    let t = transcript("ANNA SMITH*2; \u{410}NNA SMITH", "");
    assert_eq!(partition(&t), "ANNA SMITH + \u{410}NNA SMITH");
    let note = t
        .diagnostics
        .iter()
        .find(|d| d.kind == DiagnosticKind::SpeakerMerged)
        .unwrap();
    assert!(note.message.contains("Cyrillic"), "{}", note.message);
    // A Greek Α too.
    let t = transcript("ANNA SMITH*2; \u{391}NNA SMITH", "");
    assert_eq!(partition(&t), "ANNA SMITH + \u{391}NNA SMITH");
    // Alone, it keeps every letter in its id, and is flagged.
    let t = transcript("\u{410}NNA SMITH", "");
    assert_eq!(t.speakers[0].id, "anna-smith");
    assert_eq!(count(&t, DiagnosticKind::MixedScriptLabel), 1);
    // Mostly Cyrillic with a Latin letter: matched to the Cyrillic label.
    let t = transcript("ИВАН*2; ИВAН", "");
    assert_eq!(partition(&t), "ИВАН + ИВAН");
}

#[test]
fn ids_keep_every_letter() {
    for (label, id) in [
        ("ȘTEFAN ȚIRIAC", "stefan-tiriac"),
        ("ŞTEFAN ŢIRIAC", "stefan-tiriac"),
        ("DOĞAN", "dogan"),
        ("NGUYỄN", "nguyen"),
        ("ＣＨＡＩＲ", "chair"),
        ("ΑΛΈΞΗΣ", "αλεξησ"),
        ("ИВАН ПЕТРОВ", "иван-петров"),
        ("CH\u{200b}AIR", "chair"),
        ("\u{202e}CHAIR", "chair"),
    ] {
        let t = transcript(label, "");
        assert_eq!(t.speakers.len(), 1, "{label:?}");
        assert_eq!(t.speakers[0].id, id, "{label:?}");
        assert_eq!(t.speaker_id(&t.turns[0]), Some(id));
    }
}

#[test]
fn names_shown_drop_invisible_characters() {
    let t = transcript("JOHN\u{200b} SMITH\u{202e}", "");
    assert_eq!(t.speakers[0].name, "John Smith");
    assert_eq!(t.speakers[0].labels, ["JOHN\u{200b} SMITH\u{202e}"]);
}

/// Resolution is near-linear: many distinct labels, most one edit from
/// another, resolve without comparing every pair (a quadratic resolution
/// took 20 s for 40,000 labels; this test would time out).
#[test]
fn many_distinct_labels_resolve() {
    let mut text = String::new();
    for i in 0..20_000u32 {
        // Labels one letter apart from many others, each used twice or once.
        let label = format!("PARTICIPANT {}", letters(i as usize));
        text.push_str(&format!(">>{label}: Hello.\n\n"));
        if i % 2 == 0 {
            text.push_str(&format!(">>{label}: Again.\n\n"));
        }
    }
    let t = floor::read::parse_str(&text);
    assert_eq!(t.speakers.len(), 20_000);
}
