//! A speaker's name as citations write it: a person's, in parts, or one
//! written as it is.

use crate::resolve::speakers::is_role;

/// A speaker's name for a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// A person's full name in parts: `Martin Luther` `King` `Jr.`;
    /// `Anna` `van der` `Berg`.
    Person {
        /// Given names, as written: `Martin Luther`.
        given: String,
        /// Lower-case particles before the family name: `van der`, `de`.
        particle: String,
        /// The family name: `King`, `St. Amour`.
        family: String,
        /// A generational suffix: `Jr.`, `III`.
        suffix: String,
    },
    /// A role, a group or a single name, never inverted: `Moderator`,
    /// `Chair St. Amour`.
    AsWritten(String),
}

/// Honorifics left out before a name (folded, without dots), and `H.E.`
/// with its dots (`He` is a family name).
const HONORIFICS: &[&str] = &[
    "dr", "dame", "hon", "madam", "miss", "mr", "mrs", "ms", "mx", "prof", "rev", "sir",
];

/// Generational suffixes (folded, without dots).
const SUFFIXES: &[&str] = &["ii", "iii", "iv", "jnr", "jr", "snr", "sr"];

/// Particles kept with the family name (as written, lower case).
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
    "ibn", "la", "le", "ten", "ter", "van", "von", "zu",
];

/// Words that join the family name that follows (`St. Amour`).
const FAMILY_PREFIXES: &[&str] = &["saint", "st", "ste"];

/// A word folded, without its dots: `H.E.` → `he`, `Jr.` → `jr`.
fn bare(word: &str) -> String {
    crate::text::fold::key(word).replace(' ', "")
}

impl Name {
    /// The name `display` (a speaker's display name) in parts, when it
    /// reads as a person's full name: leading roles and honorifics left
    /// out (`Chair`, `H.E. Mr.`), then two words or more, none with a
    /// digit. Otherwise the name as written.
    ///
    /// ```
    /// use floor::cite::Name;
    /// let person = |g: &str, p: &str, f: &str, s: &str| Name::Person {
    ///     given: g.into(), particle: p.into(), family: f.into(), suffix: s.into(),
    /// };
    /// assert_eq!(Name::read("Avri Doria"), person("Avri", "", "Doria", ""));
    /// assert_eq!(Name::read("Martin Luther King Jr."), person("Martin Luther", "", "King", "Jr."));
    /// assert_eq!(Name::read("Anna van der Berg"), person("Anna", "van der", "Berg", ""));
    /// assert_eq!(Name::read("H.E. Mr. Jean St. Amour"), person("Jean", "", "St. Amour", ""));
    /// assert_eq!(Name::read("Chair St. Amour"), Name::AsWritten("Chair St. Amour".into()));
    /// assert_eq!(Name::read("Speaker 2"), Name::AsWritten("Speaker 2".into()));
    /// assert_eq!(Name::read("Audience"), Name::AsWritten("Audience".into()));
    /// ```
    pub fn read(display: &str) -> Name {
        let as_written =
            || Name::AsWritten(display.split_whitespace().collect::<Vec<_>>().join(" "));
        let mut words: Vec<&str> = display.split_whitespace().collect();
        if words.is_empty()
            || is_role(display)
            || words
                .iter()
                .any(|w| w.chars().any(|c| c.is_numeric()) || !w.chars().any(char::is_alphabetic))
        {
            return as_written();
        }
        // Leading roles and honorifics (`Chair`, `H.E.`, `Mr.`).
        let lead = words
            .iter()
            .take_while(|w| {
                is_role(w)
                    || HONORIFICS.contains(&bare(w).as_str())
                    || w.eq_ignore_ascii_case("H.E.")
            })
            .count();
        words.drain(..lead);
        let mut suffix = "";
        if words.len() > 2 && SUFFIXES.contains(&bare(words[words.len() - 1]).as_str()) {
            suffix = words.pop().unwrap_or_default();
            if let Some(last) = words.last_mut() {
                *last = last.trim_end_matches(',');
            }
        }
        if words.len() < 2 {
            return as_written();
        }
        // The family name: the last word, with a `St.` before it.
        let mut at = words.len() - 1;
        if at > 1 && FAMILY_PREFIXES.contains(&bare(words[at - 1]).as_str()) {
            at -= 1;
        }
        let family_at = at;
        // Particles before it, leaving a given name.
        while at > 1 && PARTICLES.contains(&words[at - 1]) {
            at -= 1;
        }
        if family_at == 0 {
            return as_written();
        }
        let given = words[..at].join(" ");
        if given.is_empty() || FAMILY_PREFIXES.contains(&bare(words[at - 1]).as_str()) {
            return as_written();
        }
        Name::Person {
            given,
            particle: words[at..family_at].join(" "),
            family: words[family_at..].join(" "),
            suffix: suffix.to_string(),
        }
    }

    /// The family name with its particles (`van der Berg`), or the name as
    /// written: what in-text citations and short notes give.
    pub fn short(&self) -> String {
        match self {
            Name::Person {
                particle, family, ..
            } => join(&[particle, family], " "),
            Name::AsWritten(name) => name.clone(),
        }
    }

    /// `given` particle family suffix: `Martin Luther King Jr.`.
    pub fn natural(&self) -> String {
        match self {
            Name::Person {
                given,
                particle,
                family,
                suffix,
            } => join(&[given, particle, family, suffix], " "),
            Name::AsWritten(name) => name.clone(),
        }
    }

    /// Family name first, then the given names (`initials`: as initials,
    /// APA's `King, M. L., Jr.`; else `King, Martin Luther, Jr.`).
    pub fn inverted(&self, initials: bool) -> String {
        match self {
            Name::Person { given, suffix, .. } => {
                let given = if initials {
                    self::initials(given)
                } else {
                    given.clone()
                };
                join(&[&self.short(), &given, suffix], ", ")
            }
            Name::AsWritten(name) => name.clone(),
        }
    }
}

/// `Martin Luther` → `M. L.`; `Jean-Paul` → `J.-P.`.
fn initials(given: &str) -> String {
    given
        .split_whitespace()
        .map(|word| {
            word.split('-')
                .filter_map(|part| part.chars().find(|c| c.is_alphabetic()))
                .map(|c| format!("{}.", c.to_uppercase()))
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The non-empty `parts`, `sep` between them.
fn join(parts: &[&String], sep: &str) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(sep)
}
