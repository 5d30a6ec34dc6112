//! A deterministic generator of synthetic IGF archives: real-time captioning
//! transcripts in the IGF format (`src/read/igf/FORMAT.md`), for the site
//! builder's tests and benchmark.
//!
//! The words and the shape of the turns follow the IGF corpus: the model
//! ([`Model`]) is a table baked in `archive_model.txt`, written once from
//! the corpus transcript (`assets/sample.txt`, the copy in
//! `tests/data/corpus/igf/`) by [`build_model`] (`cargo run --example
//! gen-archive -- --model`); `tests/archive_gen.rs` rebuilds it and compares,
//! so it cannot drift. Generating reads no file: words are drawn from the
//! corpus's frequencies, and from a long tail of rare words made up for it
//! whose share is the corpus's share of words seen once (the Good–Turing
//! estimate of unseen words); turns, paragraphs and sentences have the
//! corpus's lengths.
//!
//! Everything is planned up front from the seed ([`Archive::new`]): the
//! people (a pool of generated names, each speaking in sessions over some
//! years), the sessions (titles, dates, places, eras' header and marker
//! styles), who speaks in which turn and under which label. A file's text is
//! drawn when it is asked for ([`Archive::file`]), from a generator seeded by
//! the seed and the file's number, so files can be made in any order. The
//! plan is the truth ([`Truth`]): each file's turns and speakers, and each
//! person's labels across files (the variants that speaker folding merges).

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};

/// The model table, written by [`build_model`].
pub const MODEL_TABLE: &str = include_str!("archive_model.txt");

/// The corpus the model is built from, relative to the repository: IGF
/// transcripts as published. (`tests/data/corpus/igf/` and
/// `/work/shared/corpus/igf/` hold the same file as `assets/sample.txt`.)
pub const MODEL_SOURCES: &[&str] = &["assets/sample.txt"];

// ---------------------------------------------------------------- PRNG

/// SplitMix64: small, fast, and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// A generator for one purpose of one item, independent of the others.
    pub fn derive(seed: u64, stream: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.0 ^= r
            .next()
            .wrapping_add(index.wrapping_mul(0xE703_7ED1_A0B4_28DB));
        r.next();
        r
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    /// A standard normal deviate (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit();
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// An empirical distribution: values with their counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Histogram {
    values: Vec<u32>,
    cumulative: Vec<u64>,
}

impl Histogram {
    fn from_counts(counts: &BTreeMap<u32, u64>) -> Histogram {
        let mut h = Histogram::default();
        let mut total = 0;
        for (&v, &c) in counts {
            total += c;
            h.values.push(v);
            h.cumulative.push(total);
        }
        h
    }
    fn total(&self) -> u64 {
        self.cumulative.last().copied().unwrap_or(0)
    }
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.next() % self.total();
        let i = self.cumulative.partition_point(|&c| c <= x);
        self.values[i] as usize
    }
    pub fn mean(&self) -> f64 {
        let mut sum = 0.0;
        let mut prev = 0;
        for (v, &c) in self.values.iter().zip(&self.cumulative) {
            sum += *v as f64 * (c - prev) as f64;
            prev = c;
        }
        sum / self.total() as f64
    }
}

// ---------------------------------------------------------------- model

/// What the generator knows of the corpus: word frequencies and the lengths
/// of turns, paragraphs and sentences.
#[derive(Debug, Clone)]
pub struct Model {
    /// Corpus words, most frequent first, as usually written.
    pub words: Vec<String>,
    cumulative: Vec<u64>,
    /// For each of `GUIDE` equal slices of the cumulative counts, the first
    /// word whose count reaches into it.
    guide: Vec<u32>,
    /// Tokens in the corpus, and those whose word occurs once.
    pub tokens: u64,
    pub hapax_tokens: u64,
    pub turn_paragraphs: Histogram,
    pub paragraph_sentences: Histogram,
    pub sentence_words: Histogram,
    /// Per word: commas after it, `--` after it.
    pub comma_rate: f64,
    pub dash_rate: f64,
    /// Per sentence: ends with a question mark.
    pub question_rate: f64,
    /// Bytes of turn text per turn in the corpus.
    pub turn_bytes: f64,
}

fn sentence_ends(token: &str) -> bool {
    token.ends_with('.') || token.ends_with('?') || token.ends_with('!')
}

/// The word of a token, without the punctuation around it; `None` for a
/// captioner's note or punctuation alone.
fn word_of(token: &str) -> Option<&str> {
    if token.starts_with('(') || token.starts_with('[') || token.ends_with(')') {
        return None;
    }
    let w = token.trim_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() || w.contains(':') {
        None
    } else {
        Some(w)
    }
}

/// Builds the model table from corpus texts (`(name, text)`), each parsed
/// by Floor: the words of the turns' paragraphs, the paragraphs per turn,
/// sentences per paragraph, words per sentence.
pub fn build_model(sources: &[(&str, &str)]) -> String {
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut surfaces: HashMap<String, HashMap<String, u64>> = HashMap::new();
    let mut turn_paragraphs = BTreeMap::new();
    let mut paragraph_sentences = BTreeMap::new();
    let mut sentence_words = BTreeMap::new();
    let (mut tokens, mut commas, mut dashes, mut sentences, mut questions) = (0u64, 0, 0, 0, 0);
    let (mut turns, mut turn_bytes) = (0u64, 0u64);
    for (_, text) in sources {
        let t = floor::read::parse_str(text);
        for turn in &t.turns {
            let paragraphs: Vec<&str> = t.paragraphs(turn).into_iter().collect();
            turns += 1;
            turn_bytes += paragraphs.iter().map(|p| p.len() as u64 + 2).sum::<u64>();
            let mut kept = 0;
            for p in paragraphs {
                let mut n_sentences = 0;
                let mut n_words = 0;
                let mut initial = true;
                for token in p.split_whitespace() {
                    if token == "--" {
                        dashes += 1;
                        continue;
                    }
                    if let Some(w) = word_of(token) {
                        tokens += 1;
                        n_words += 1;
                        let lower = w.to_lowercase();
                        *counts.entry(lower.clone()).or_default() += 1;
                        let s = surfaces.entry(lower).or_default();
                        // A sentence's first word is capitalised whatever it is.
                        *s.entry(if initial {
                            String::new()
                        } else {
                            w.to_string()
                        })
                        .or_default() += 1;
                        if token.ends_with(',') {
                            commas += 1;
                        }
                        initial = false;
                    }
                    if sentence_ends(token) && n_words > 0 {
                        sentences += 1;
                        questions += token.ends_with('?') as u64;
                        *sentence_words.entry(n_words).or_default() += 1;
                        n_sentences += 1;
                        n_words = 0;
                        initial = true;
                    }
                }
                if n_words > 0 {
                    sentences += 1;
                    *sentence_words.entry(n_words).or_default() += 1;
                    n_sentences += 1;
                }
                if n_sentences > 0 {
                    *paragraph_sentences.entry(n_sentences).or_default() += 1;
                    kept += 1;
                }
            }
            if kept > 0 {
                *turn_paragraphs.entry(kept).or_default() += 1;
            }
        }
    }
    let mut words: Vec<(u64, String, String)> = counts
        .into_iter()
        .map(|(lower, c)| {
            let forms = &surfaces[&lower];
            let surface = forms
                .iter()
                .filter(|(f, _)| !f.is_empty())
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
                .unwrap_or_else(|| lower.clone());
            (c, lower, surface)
        })
        .collect();
    words.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let hapax: u64 = words.iter().filter(|w| w.0 == 1).count() as u64;
    let hist = |h: &BTreeMap<u32, u64>| {
        h.iter()
            .map(|(v, c)| format!("{v}:{c}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = String::new();
    out.push_str("# The IGF corpus as tests/support/archive.rs draws from it. Generated by\n");
    out.push_str("# `cargo run --example gen-archive -- --model`: do not edit.\n");
    for (name, _) in sources {
        out.push_str(&format!("source {name}\n"));
    }
    out.push_str(&format!("tokens {tokens}\nhapax {hapax}\n"));
    out.push_str(&format!("turns {turns}\nturn_bytes {turn_bytes}\n"));
    out.push_str(&format!("commas {commas}\ndashes {dashes}\n"));
    out.push_str(&format!("sentences {sentences}\nquestions {questions}\n"));
    out.push_str(&format!("turn_paragraphs {}\n", hist(&turn_paragraphs)));
    out.push_str(&format!(
        "paragraph_sentences {}\n",
        hist(&paragraph_sentences)
    ));
    out.push_str(&format!("sentence_words {}\n", hist(&sentence_words)));
    out.push_str("words\n");
    for (c, _, surface) in &words {
        out.push_str(&format!("{c}\t{surface}\n"));
    }
    out
}

impl Model {
    /// Reads a table written by [`build_model`].
    pub fn from_table(table: &str) -> Model {
        let mut fields: HashMap<&str, &str> = HashMap::new();
        let mut lines = table.lines().filter(|l| !l.starts_with('#'));
        for line in lines.by_ref() {
            if line == "words" {
                break;
            }
            let (k, v) = line.split_once(' ').unwrap_or((line, ""));
            fields.insert(k, v);
        }
        let num = |k: &str| -> u64 { fields[k].parse().unwrap() };
        let hist = |k: &str| {
            let mut m = BTreeMap::new();
            for pair in fields[k].split(' ') {
                let (v, c) = pair.split_once(':').unwrap();
                m.insert(v.parse().unwrap(), c.parse().unwrap());
            }
            Histogram::from_counts(&m)
        };
        let mut words = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0;
        for line in lines {
            let (c, w) = line.split_once('\t').unwrap();
            total += c.parse::<u64>().unwrap();
            words.push(w.to_string());
            cumulative.push(total);
        }
        let tokens = num("tokens");
        let total = *cumulative.last().unwrap();
        let guide = (0..GUIDE as u64)
            .map(|g| cumulative.partition_point(|&c| c <= g * total / GUIDE as u64) as u32)
            .collect();
        Model {
            words,
            cumulative,
            guide,
            tokens,
            hapax_tokens: num("hapax"),
            turn_paragraphs: hist("turn_paragraphs"),
            paragraph_sentences: hist("paragraph_sentences"),
            sentence_words: hist("sentence_words"),
            comma_rate: num("commas") as f64 / tokens as f64,
            dash_rate: num("dashes") as f64 / tokens as f64,
            question_rate: num("questions") as f64 / num("sentences") as f64,
            turn_bytes: num("turn_bytes") as f64 / num("turns") as f64,
        }
    }

    /// The model baked in `archive_model.txt`.
    pub fn baked() -> Model {
        Model::from_table(MODEL_TABLE)
    }

    /// Share of words drawn from the made-up tail: the corpus's share of
    /// words seen once.
    pub fn tail_share(&self) -> f64 {
        self.hapax_tokens as f64 / self.tokens as f64
    }

    fn corpus_word(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap();
        let x = rng.next() % total;
        // The guide gives the first word that can hold x; a few steps on.
        let mut i = self.guide[(x * GUIDE as u64 / total) as usize] as usize;
        while self.cumulative[i] <= x {
            i += 1;
        }
        &self.words[i]
    }
}

/// Slices of the corpus word sampler's guide table.
const GUIDE: usize = 4096;

/// Rare words past the corpus: this many, ranked, drawn with Zipf's law
/// (probability as 1/rank) continuing the corpus's ranks.
pub const TAIL_WORDS: u64 = 200_000;

const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br",
    "ch", "cr", "dr", "gr", "pl", "pr", "st", "str", "th", "tr", "sh", "sc", "",
];
const NUCLEI: &[&str] = &[
    "a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "ia", "e", "a", "o", "i",
];
const CODAS: &[&str] = &[
    "", "", "", "n", "r", "s", "t", "l", "m", "nt", "st", "ng", "rk", "ct", "x",
];
const ACCENTED: &[(&str, &str)] = &[
    ("e", "é"),
    ("e", "è"),
    ("a", "á"),
    ("a", "ã"),
    ("o", "ó"),
    ("o", "ö"),
    ("u", "ü"),
    ("i", "í"),
    ("c", "ç"),
    ("n", "ñ"),
];
const SUFFIXES: &[&str] = &[
    "", "", "", "", "tion", "ity", "ism", "ance", "ment", "ers", "ing", "al", "ive",
];

/// The made-up word of a tail rank: a few syllables, some with an accent,
/// some capitalised (a name or a place).
pub fn tail_word(rank: u64) -> String {
    let mut r = Rng::derive(0x7A11, 1, rank);
    let syllables = 1 + (r.below(2) == 0) as usize + (r.below(5) == 0) as usize;
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(r.pick(ONSETS));
        w.push_str(r.pick(NUCLEI));
    }
    w.push_str(r.pick(CODAS));
    w.push_str(r.pick(SUFFIXES));
    if w.len() < 4 {
        w.push_str(r.pick(&["ka", "ro", "ne", "lis"]));
    }
    if r.below(8) == 0 {
        let (plain, accented) = r.pick(ACCENTED);
        if let Some(i) = w[1..].find(plain) {
            w.replace_range(i + 1..i + 1 + plain.len(), accented);
        }
    }
    if r.below(5) == 0 {
        w = capitalise(&w);
    }
    w
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------- people

const GIVEN: &[&str] = &[
    "Ana",
    "José",
    "María",
    "João",
    "Sérgio",
    "Hélène",
    "François",
    "Zoë",
    "Inés",
    "Raúl",
    "Ángel",
    "Bärbel",
    "Jürgen",
    "Çağla",
    "Göran",
    "Renée",
    "André",
    "Mónica",
    "Joël",
    "Noémie",
    "Thérèse",
    "Nuño",
    "Ramón",
    "Iñaki",
    "Márta",
    "Tomás",
    "Andrés",
    "Agustín",
    "Adama",
    "Aisha",
    "Amina",
    "Anriette",
    "Bertrand",
    "Bill",
    "Carlos",
    "Chengetai",
    "Chris",
    "Constance",
    "David",
    "Divina",
    "Elena",
    "Emily",
    "Fatima",
    "Grace",
    "Hiroshi",
    "Ivan",
    "Jac",
    "Jimson",
    "Juan",
    "Julia",
    "Karen",
    "Kenta",
    "Lee",
    "Lynn",
    "Malcolm",
    "Mark",
    "Marilyn",
    "Markus",
    "Mary",
    "Michael",
    "Nnenna",
    "Olga",
    "Paul",
    "Peter",
    "Raul",
    "Rebecca",
    "Samira",
    "Sofia",
    "Subi",
    "Susan",
    "Tatiana",
    "Thomas",
    "Vint",
    "Virat",
    "Wolfgang",
    "Xiaodong",
    "Yuki",
    "Zahid",
    "Ahmed",
    "Alejandra",
    "Anja",
    "Avri",
    "Baher",
    "Bruna",
    "Cheryl",
    "Daniel",
    "Dmitry",
    "Farzaneh",
    "Gonzalo",
    "Hanane",
    "Hossam",
    "Israel",
    "Jorge",
    "Kossi",
    "Lucien",
    "Luis",
    "Mamadou",
    "Marina",
    "Mohammed",
    "Nadia",
    "Nigel",
    "Oksana",
    "Parminder",
    "Qusai",
    "Rafael",
    "Roxana",
    "Sandra",
    "Sebastien",
    "Shita",
    "Tijani",
    "Valeria",
    "Wisdom",
    "Yolanda",
    "Zeynep",
    "Ulla",
    "Veni",
    "Ginger",
    "Olivier",
];

const FAMILY: &[&str] = &[
    "Silva",
    "Pérez",
    "González",
    "Müller",
    "Çelik",
    "Núñez",
    "Gómez",
    "Sánchez",
    "Jiménez",
    "Rodríguez",
    "Ramírez",
    "Hernández",
    "Martínez",
    "Ibáñez",
    "Lévesque",
    "Gauthier",
    "Brûlé",
    "Kühn",
    "Schäfer",
    "Öztürk",
    "Aydemir",
    "Doğan",
    "Szabó",
    "Kovács",
    "Dvořák",
    "Nováková",
    "Lukács",
    "Mäkinen",
    "Lindström",
    "Ångström",
    "Fonseca",
    "Masango",
    "Kummer",
    "Desai",
    "Cerf",
    "Cade",
    "Carvell",
    "Nelson",
    "Esterhuysen",
    "Graham",
    "Kee",
    "Light",
    "Rezende",
    "Bommelaer",
    "Johnson",
    "Smith",
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "Kim",
    "Park",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Diallo",
    "Traoré",
    "Ndiaye",
    "Kamau",
    "Otieno",
    "Abdullah",
    "Hassan",
    "Haddad",
    "Khan",
    "Sharma",
    "Patel",
    "Gupta",
    "Singh",
    "Ivanova",
    "Petrov",
    "Kowalski",
    "Nowak",
    "Rossi",
    "Bianchi",
    "Costa",
    "Santos",
    "Oliveira",
    "Almeida",
    "Dubois",
    "Laurent",
    "Moreau",
    "Fischer",
    "Weber",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Jansen",
    "de Vries",
    "van Dijk",
    "Andersen",
    "Nielsen",
    "Hansen",
    "Larsen",
    "O'Brien",
    "Murphy",
    "Kelly",
    "Walsh",
    "Campbell",
    "Stewart",
    "Clarke",
    "Mwangi",
    "Achieng",
    "Banda",
    "Phiri",
    "Moyo",
    "Nkosi",
    "Dlamini",
    "Cohen",
    "Levi",
    "Nasser",
    "Farouk",
    "Rahman",
    "Hossain",
    "Nguyen",
    "Tran",
    "Pham",
    "Santoso",
    "Wijaya",
    "Reyes",
    "Cruz",
    "Bautista",
    "Mendoza",
    "Torres",
    "Flores",
    "Vargas",
    "Castillo",
    "Romero",
];

/// Given and family names in Cyrillic and Greek.
const OTHER_SCRIPTS: &[(&[&str], &[&str])] = &[
    (
        &["Иван", "Ольга", "Дмитрий", "Анна", "Сергей", "Татьяна"],
        &[
            "Петров",
            "Иванова",
            "Смирнов",
            "Кузнецова",
            "Попов",
            "Соколова",
        ],
    ),
    (
        &["Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Κώστας"],
        &["Παπαδόπουλος", "Νικολάου", "Γεωργίου", "Οικονόμου"],
    ),
];

/// Letters folded to their base letter (the accents used by the pools).
fn strip_accents(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let base = match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'Á' | 'À' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' => 'O',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
            'ç' => 'c',
            'Ç' => 'C',
            'ñ' => 'n',
            'Ñ' => 'N',
            'ğ' => 'g',
            'Ğ' => 'G',
            'ř' => 'r',
            'Ř' => 'R',
            _ => c,
        };
        out.push(base);
    }
    out
}

/// The letter and combining accent of a precomposed letter, if the pools
/// use it.
fn decompose(c: char) -> Option<(char, char)> {
    Some(match c {
        'É' => ('E', '\u{301}'),
        'Á' => ('A', '\u{301}'),
        'Í' => ('I', '\u{301}'),
        'Ó' => ('O', '\u{301}'),
        'Ú' => ('U', '\u{301}'),
        'Ü' => ('U', '\u{308}'),
        'Ö' => ('O', '\u{308}'),
        'Ä' => ('A', '\u{308}'),
        'Ñ' => ('N', '\u{303}'),
        'Ç' => ('C', '\u{327}'),
        _ => return None,
    })
}

/// A name's identity as speaker folding sees it: accents, case, spacing
/// and punctuation left out.
pub fn name_key(name: &str) -> String {
    let s = strip_accents(name).to_lowercase();
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A generated person.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Person {
    pub id: String,
    /// As a name is written: `José Silva`.
    pub name: String,
    /// Years they attend (inclusive).
    pub first_year: u16,
    pub last_year: u16,
    /// How often they speak, relatively.
    #[serde(skip)]
    weight: u32,
}

/// How a person's label is written in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    /// `JOSÉ SILVA`
    Upper,
    /// `José Silva`
    Mixed,
    /// `JOSE SILVA`
    NoAccents,
    /// `JOSÉ  SILVA`
    Spaced,
    /// `JOSE\u{301} SILVA`
    Combining,
    /// `JOSÉ da SILVA` (a middle word in lower case)
    CaseSlip,
}

fn label_of(name: &str, v: Variant) -> String {
    let upper = name.to_uppercase();
    match v {
        Variant::Upper => upper,
        Variant::Mixed => name.to_string(),
        Variant::NoAccents => strip_accents(&upper),
        Variant::Spaced => upper.replacen(' ', "  ", 1),
        Variant::Combining => {
            let mut out = String::new();
            let mut done = false;
            for c in upper.chars() {
                match decompose(c) {
                    Some((b, m)) if !done => {
                        out.push(b);
                        out.push(m);
                        done = true;
                    }
                    _ => out.push(c),
                }
            }
            out
        }
        Variant::CaseSlip => {
            // A middle word in lower case (a label still starts and ends
            // in capitals); a name of two words is written in mixed case.
            let words: Vec<&str> = upper.split(' ').collect();
            if words.len() < 3 {
                return name.to_string();
            }
            let mut out = words[0].to_string();
            for (i, w) in words[1..].iter().enumerate() {
                out.push(' ');
                if i == 0 {
                    out.push_str(&w.to_lowercase());
                } else {
                    out.push_str(w);
                }
            }
            out
        }
    }
}

// ---------------------------------------------------------------- sessions

/// The annual meetings: year, host city and country, first day (month, day),
/// number of days (Day 0 included where there was one).
const MEETINGS: &[(u16, &str, &str, u8, u8, u8)] = &[
    (2006, "Athens", "Greece", 10, 30, 4),
    (2007, "Rio de Janeiro", "Brazil", 11, 12, 4),
    (2008, "Hyderabad", "India", 12, 3, 4),
    (2009, "Sharm El Sheikh", "Egypt", 11, 15, 4),
    (2010, "Vilnius", "Lithuania", 9, 14, 4),
    (2011, "Nairobi", "Kenya", 9, 27, 4),
    (2012, "Baku", "Azerbaijan", 11, 6, 4),
    (2013, "Bali", "Indonesia", 10, 21, 5),
    (2014, "Istanbul", "Turkey", 9, 1, 5),
    (2015, "João Pessoa", "Brazil", 11, 9, 5),
    (2016, "Guadalajara", "Mexico", 12, 5, 5),
    (2017, "Geneva", "Switzerland", 12, 17, 5),
    (2018, "Paris", "France", 11, 12, 3),
    (2019, "Berlin", "Germany", 11, 25, 5),
    (2020, "Virtual", "", 11, 2, 16),
    (2021, "Katowice", "Poland", 12, 6, 5),
    (2022, "Addis Ababa", "Ethiopia", 11, 28, 5),
    (2023, "Kyoto", "Japan", 10, 8, 5),
    (2024, "Riyadh", "Saudi Arabia", 12, 15, 5),
    (2025, "Lillestrøm", "Norway", 6, 23, 5),
];

const ORDINALS: &[&str] = &[
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
    "Twentieth",
];

const TOPICS: &[&str] = &[
    "Best Practice Forum on Cybersecurity",
    "Connecting the Next Billion",
    "Internet Governance and Human Rights",
    "Access and Diversity",
    "Security, Openness and Privacy",
    "Multistakeholder Cooperation",
    "Emerging Issues",
    "Youth Engagement in Digital Policy",
    "Gender and Access",
    "Dynamic Coalition on Net Neutrality",
    "Critical Internet Resources",
    "The Future of the IANA Functions",
    "Artificial Intelligence and Data Governance",
    "Digital Inclusion in Small Island States",
    "Community Networks and Spectrum",
    "Online Child Protection",
    "Trust, Cybercrime and the Rule of Law",
    "Data Flows and Digital Trade",
    "Local Content and Multilingualism",
    "Internet Fragmentation",
    "Environment and Sustainability",
    "Regional and National IGF Initiatives",
    "Open Data for Development",
    "Freedom of Expression Online",
    "Content Moderation and Platform Responsibility",
    "Capacity Development in the Global South",
    "Blockchain and Digital Identity",
    "Universal Acceptance of Domain Names",
    "IPv6 Deployment",
    "Internet of Things and Consumer Safety",
    "Meaningful Connectivity for Rural Areas",
    "Accessibility and Persons with Disabilities",
    "Cooperación Digital en América Latina",
    "Gouvernance de l'Internet en Afrique francophone",
    "Derechos Digitales y Participación Ciudadana",
    "Jeunesse et Numérique",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date: year, month (1–12), day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub u16, pub u8, pub u8);

impl Date {
    fn plus_days(self, n: u32) -> Date {
        let Date(mut y, mut m, mut d) = self;
        for _ in 0..n {
            d += 1;
            if d > days_in_month(y, m) {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
        Date(y, m, d)
    }
    /// 0 = Monday (Sakamoto's method).
    fn weekday(self) -> usize {
        const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let Date(y, m, d) = self;
        let y = if m < 3 { y as i32 - 1 } else { y as i32 };
        let sunday0 = (y + y / 4 - y / 100 + y / 400 + T[m as usize - 1] + d as i32) % 7;
        ((sunday0 + 6) % 7) as usize
    }
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

/// The kind of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Workshop,
    MainSession,
    OpenForum,
    DayZero,
    Opening,
    Mag,
    MagVirtual,
    OpenConsultations,
    Bpf,
}

/// How a file marks its turns and lays out its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `>>NAME: text`, paragraphs between blank lines (2006–2011, 2016).
    Tight,
    /// `>> NAME:  text` (2012–2015, 2017 on).
    Spaced,
    /// Every paragraph after a no-break space, sentences after ` \u{a0}`
    /// (copied from the 2016 pages, as the corpus).
    Nbsp,
    /// No `>>`: `\u{a0}NAME:\u{a0} text` (2008 pages).
    BareLabels,
    /// `>> Name:  text`: automatic captions' mixed case (2021).
    MixedCase,
    /// Hard-wrapped near 76 columns, each line after a space, a paragraph
    /// after four more, no blank lines (the 2006–2007 `.txt` files).
    Wrapped,
    /// One paragraph a line, no blank lines (some 2012 copies).
    SingleLines,
    /// Markers indented by spaces or a tab, mixed.
    Indented,
}

/// One speaker of a file: a person or a role.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileSpeaker {
    /// The person's id, or none for a role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The role, for a role's label (`CHAIR`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The labels it speaks under in this file, first the main one; all of
    /// them are one speaker once Floor resolves them.
    pub labels: Vec<String>,
    pub turns: usize,
}

/// What one file is meant to hold.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileTruth {
    pub path: String,
    /// Why the file is hostile (`empty`, `binary`, `oversize`, `latin1`),
    /// for the files `Options::hostile` adds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hostile: Option<String>,
    pub title: String,
    pub year: u16,
    /// The session's date, ISO.
    pub date: String,
    /// Whether the header has a date line (Floor's `meta.date` is `date`).
    pub date_line: bool,
    /// Turns, those without a speaker among them.
    pub turns: usize,
    pub unattributed: usize,
    pub speakers: Vec<FileSpeaker>,
}

/// A person's labels across the archive: every label is the same person,
/// and differs from the others only as speaker folding forgives (case,
/// spacing, accents), or is a role before one of them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PersonTruth {
    pub id: String,
    pub name: String,
    pub labels: Vec<String>,
    /// The files they speak in.
    pub files: usize,
}

/// The truth of an archive: what each file holds, and who is who.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Truth {
    pub seed: u64,
    pub files: Vec<FileTruth>,
    pub people: Vec<PersonTruth>,
}

/// What to generate besides the transcripts.
#[derive(Debug, Clone)]
pub struct Options {
    /// Mean size of a transcript, in bytes.
    pub mean_bytes: usize,
    /// Adds hostile files (in `hostile/`): an empty file, binary bytes, a
    /// Windows-1252 transcript, and a transcript over `oversize` bytes.
    pub hostile: bool,
    pub oversize: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            mean_bytes: 50_000,
            hostile: false,
            oversize: 4 << 20,
        }
    }
}

/// One turn as planned: its speaker (an index into the file's speakers),
/// or none.
#[derive(Debug, Clone, Copy)]
struct PlannedTurn {
    speaker: Option<u16>,
    label: u8,
}

#[derive(Debug, Clone)]
struct Plan {
    kind: Kind,
    style: Style,
    header: Header,
    /// Truncate the last turn mid-sentence.
    cut: bool,
    crlf: bool,
    bom: bool,
    topic_words: u8,
    turns: Vec<PlannedTurn>,
}

#[derive(Debug, Clone)]
struct Header {
    disclaimer: Option<String>,
    stars: bool,
    date_text: Option<String>,
    place: Option<String>,
}

/// A generated file.
#[derive(Debug, Clone)]
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
    /// Words in its turns.
    pub words: usize,
}

/// A planned archive.
pub struct Archive {
    pub seed: u64,
    pub model: Model,
    pub truth: Truth,
    plans: Vec<Plan>,
    options: Options,
    /// The made-up rare words, by tail rank.
    tail: Vec<String>,
}

const ROLES: &[&str] = &[
    "CHAIR",
    "MODERATOR",
    "SECRETARIAT",
    "REMOTE MODERATOR",
    "AUDIENCE",
    "PARTICIPANT",
    "INTERPRETER",
    "REMOTE INTERVENTION",
    "FLOOR",
    "SPEAKER",
];

fn roman(mut n: usize) -> String {
    let table = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in strip_accents(s).to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn disclaimer(year: u16, kind: Kind, event: &str, rng: &mut Rng) -> Option<String> {
    const TAIL: &str = "Although it is largely accurate, in some cases it may be incomplete or inaccurate due to inaudible passages or transcription errors.";
    const AID: &str = "It is posted as an aid to understanding the proceedings at the session, but should not be treated as an authoritative record.";
    if rng.chance(0.08) {
        return None;
    }
    let nth = ORDINALS[(year - 2006) as usize];
    if event.starts_with("an ") {
        // A call: no meeting's name, no place.
        return Some(format!(
            "The following are the outputs of the real-time captioning taken during {event}. {TAIL}"
        ));
    }
    Some(match year {
        2006..=2011 => format!(
            "Note: The following is the output of the real-time captioning taken during the {nth} Meeting of the IGF, in {event}. {TAIL} {AID}"
        ),
        2012..=2015 if rng.chance(0.3) => "This text is being provided in a rough draft format. Communication Access Realtime Translation (CART) is provided in order to facilitate communication accessibility and may not be a totally verbatim record of the proceedings.".to_string(),
        2012..=2015 => format!(
            "This is the output of the realtime captioning taken during the IGF {year} in {event}. {TAIL} {AID}"
        ),
        2018..=2020 if kind == Kind::MagVirtual => format!(
            "The following are the outputs of the real-time captioning taken during an IGF virtual call. {TAIL} {AID}"
        ),
        2023 | 2024 => format!(
            "The following are the outputs of the captioning taken during an IGF intervention. {TAIL} {AID}"
        ),
        _ => format!(
            "The following are the outputs of the real-time captioning taken during the IGF {year} in {event}. {TAIL} {AID}"
        ),
    })
}

fn date_text(d: Date, rng: &mut Rng) -> (String, bool) {
    let Date(y, m, day) = d;
    let month = MONTHS[m as usize - 1];
    let hour = rng.range(9, 17);
    let minute = rng.pick(&[0, 0, 15, 30, 45]);
    match rng.below(7) {
        0 | 1 => (format!("{day} {month} {y}"), true),
        2 => (
            format!(" {day:02} {} {y}", month[..3].to_uppercase()),
            false,
        ),
        3 => (
            format!(" {day} {} {y} {hour:02}:{minute:02}", month.to_uppercase()),
            false,
        ),
        4 => {
            let (h, ampm) = if hour > 12 {
                (hour - 12, "PM")
            } else {
                (hour, if hour == 12 { "PM" } else { "AM" })
            };
            (
                format!("{month} {day}, {y} - {h:02}:{minute:02}{ampm}"),
                true,
            )
        }
        5 => {
            let suffix = match day {
                1 | 21 | 31 => "st",
                2 | 22 => "nd",
                3 | 23 => "rd",
                _ => "th",
            };
            (
                format!("{}, {day}{suffix} of {month}, {y}", WEEKDAYS[d.weekday()]),
                true,
            )
        }
        _ => (d.iso(), true),
    }
}

impl Archive {
    /// Plans `n` transcripts (and the hostile files `options` asks for).
    pub fn new(seed: u64, n: usize, options: &Options) -> Archive {
        let model = Model::baked();
        let mut rng = Rng::derive(seed, 0, 0);

        // The people: a pool scaled to the archive, each active some years.
        let pool = (n * 2 / 3).clamp(60, 4000);
        let mut people: Vec<Person> = Vec::with_capacity(pool);
        let mut keys = HashSet::new();
        while people.len() < pool {
            // A few names in other scripts.
            let latin = !rng.chance(0.02);
            let (given, mut family) = if latin {
                (rng.pick(GIVEN), rng.pick(FAMILY).to_string())
            } else {
                let (g, f) = rng.pick(OTHER_SCRIPTS);
                (rng.pick(g), rng.pick(f).to_string())
            };
            if !latin {
            } else if rng.chance(0.12) {
                family = format!("{} {}", family, rng.pick(FAMILY));
            } else if rng.chance(0.05) {
                family = format!("{}. {}", (b'A' + rng.below(26) as u8) as char, family);
            }
            let name = format!("{given} {family}");
            if !keys.insert(name_key(&name)) {
                continue;
            }
            let first = 2006 + rng.below(20) as u16;
            let span = 1 + rng.below(9) as u16 + rng.below(6) as u16;
            let i = people.len();
            people.push(Person {
                id: format!("p{i:04}"),
                name,
                first_year: first,
                last_year: (first + span).min(2025),
                weight: (100_000 / (i as u32 % 997 + 8)).max(1),
            });
        }
        // Speakers by year, for drawing a session's people.
        let mut by_year: Vec<(Vec<usize>, Vec<u64>)> = vec![(Vec::new(), Vec::new()); 20];
        for (i, p) in people.iter().enumerate() {
            for y in p.first_year..=p.last_year {
                let (ids, cum) = &mut by_year[(y - 2006) as usize];
                let total = cum.last().copied().unwrap_or(0) + p.weight as u64;
                ids.push(i);
                cum.push(total);
            }
        }

        let mut plans = Vec::with_capacity(n);
        let mut files = Vec::with_capacity(n);
        let mut person_labels: Vec<Vec<String>> = vec![Vec::new(); people.len()];
        let mut person_files = vec![0usize; people.len()];
        let mut paths = HashSet::new();
        let mut titles_by_year: Vec<Vec<String>> = vec![Vec::new(); 20];
        let mut numbers: HashMap<(u16, &str), usize> = HashMap::new();

        for i in 0..n {
            let mut r = Rng::derive(seed, 1, i as u64);
            // Later years have more sessions.
            let year = {
                let x = r.below(20 * 21 / 2 + 60);
                let mut acc = 0;
                let mut y = 2006;
                for k in 0..20u16 {
                    acc += k as usize + 4;
                    if x < acc {
                        y = 2006 + k;
                        break;
                    }
                    y = 2006 + k;
                }
                y
            };
            let (_, city, country, mm, dd, days) = MEETINGS[(year - 2006) as usize];
            let kind = match r.below(100) {
                0..=49 => Kind::Workshop,
                50..=59 => Kind::MainSession,
                60..=67 => Kind::OpenForum,
                68..=71 if year >= 2014 => Kind::DayZero,
                68..=71 => Kind::Workshop,
                72..=73 => Kind::Opening,
                74..=81 => Kind::Mag,
                82..=89 if year >= 2014 => Kind::MagVirtual,
                82..=89 => Kind::OpenConsultations,
                90..=94 => Kind::OpenConsultations,
                _ if year >= 2012 => Kind::Bpf,
                _ => Kind::MainSession,
            };
            let meeting_start = Date(year, mm, dd);
            let host = if country.is_empty() {
                "an online meeting".to_string()
            } else {
                format!("{city}, {country}")
            };
            let mut offset = 0;
            let (date, event) = match kind {
                Kind::Mag | Kind::OpenConsultations => {
                    let m = r.range(2, 7) as u8;
                    (
                        Date(year, m, r.range(1, days_in_month(year, m) as usize) as u8),
                        "Geneva, Switzerland".to_string(),
                    )
                }
                Kind::MagVirtual | Kind::Bpf => {
                    let m = r.range(1, 12) as u8;
                    (
                        Date(year, m, r.range(1, days_in_month(year, m) as usize) as u8),
                        "an IGF virtual call".to_string(),
                    )
                }
                Kind::DayZero => (meeting_start, host),
                Kind::Opening => {
                    offset = 1;
                    (meeting_start.plus_days(1), host)
                }
                _ => {
                    offset = 1 + r.below(days as usize - 1);
                    (meeting_start.plus_days(offset as u32), host)
                }
            };
            let day = offset;
            let topic = r.pick(TOPICS);
            let number = {
                let e = numbers.entry((year, kind_name(kind))).or_insert(0);
                *e += 1 + r.below(3);
                *e
            };
            let modern = year >= 2016;
            let (mut title, stem) = match kind {
                Kind::Workshop if year >= 2020 => (
                    format!("IGF {year} - Day {day} - WS #{number} {topic}"),
                    format!("ws-{number}"),
                ),
                Kind::Workshop if modern => (
                    format!(
                        "IGF {year} Day {day} - Room {} - WS {number} {topic}",
                        r.range(1, 12)
                    ),
                    format!("ws-{number}"),
                ),
                Kind::Workshop => (
                    format!("IGF {year} {city} Workshop {number} {topic}"),
                    format!("workshop-{number}"),
                ),
                Kind::MainSession => (
                    format!("IGF {year} {city} Main Session {topic}"),
                    format!("main-{}", slug(topic)),
                ),
                Kind::OpenForum => (
                    format!("IGF {year} Day {day} - Open Forum #{number} {topic}"),
                    format!("of-{number}"),
                ),
                Kind::DayZero => (
                    format!("IGF {year} Day 0 Event #{number} {topic}"),
                    format!("day0-{number}"),
                ),
                Kind::Opening => (
                    format!("IGF {year} {city} Opening Ceremony"),
                    "opening".to_string(),
                ),
                Kind::Mag => (
                    format!(
                        "IGF {year} {} Open Consultations and MAG Meeting {} {}",
                        ORDINALS[r.below(3)],
                        MONTHS[date.1 as usize - 1],
                        date.2
                    ),
                    format!("mag-{}", date.iso()),
                ),
                Kind::MagVirtual if year == 2021 => (
                    format!(
                        "IGF {year} - MAG - Virtual Meeting - {} (RAW)",
                        roman(number)
                    ),
                    format!("mag-virtual-{number}"),
                ),
                Kind::MagVirtual => (
                    format!("IGF {year} MAG Virtual Meeting {}", roman(number)),
                    format!("mag-virtual-{number}"),
                ),
                Kind::OpenConsultations => (
                    format!("IGF {year} {city} Open Consultations"),
                    format!("oc-{}", date.iso()),
                ),
                Kind::Bpf => (
                    format!("IGF {year} BPF {topic} Call"),
                    format!("bpf-{}", slug(topic)),
                ),
            };
            // Some sessions share a title with another of the year.
            let same = &titles_by_year[(year - 2006) as usize];
            if !same.is_empty() && r.chance(0.03) {
                title = same[r.below(same.len())].clone();
            }
            titles_by_year[(year - 2006) as usize].push(title.clone());
            let mut path = format!("{year}/igf-{year}-{stem}.txt");
            let mut k = 2;
            while !paths.insert(path.clone()) {
                path = format!("{year}/igf-{year}-{stem}-{k}.txt");
                k += 1;
            }

            let style = match year {
                2008 if r.chance(0.4) => Style::BareLabels,
                2006 | 2007 if r.chance(0.4) => Style::Wrapped,
                2012 if r.chance(0.3) => Style::SingleLines,
                2009..=2015 if r.chance(0.03) => Style::SingleLines,
                2016 if r.chance(0.6) => Style::Nbsp,
                2021 if r.chance(0.5) => Style::MixedCase,
                _ if r.chance(0.06) => Style::Indented,
                2006..=2011 | 2016 => Style::Tight,
                _ => Style::Spaced,
            };
            let (date_text, date_line) = if r.chance(0.7) {
                let (t, place) = date_text(date, &mut r);
                (Some(t), place)
            } else {
                (None, false)
            };
            let place = (date_text.is_some() && date_line && !event.starts_with("an "))
                .then(|| event.clone());
            let header = Header {
                disclaimer: disclaimer(year, kind, &event, &mut r),
                stars: (2009..=2014).contains(&year) && r.chance(0.3),
                date_text: date_text.clone(),
                place,
            };

            // The people of the session.
            let size = match kind {
                Kind::Mag | Kind::OpenConsultations => r.range(8, 30),
                Kind::MagVirtual => r.range(6, 20),
                Kind::Opening => r.range(4, 9),
                Kind::MainSession => r.range(5, 14),
                _ => r.range(3, 10),
            };
            let mut speakers: Vec<FileSpeaker> = Vec::new();
            let mut who: Vec<Option<usize>> = Vec::new();
            // The chair: a role label, or a person.
            let roles_here: Vec<&str> = {
                let mut v = vec![r.pick(&["CHAIR", "MODERATOR", "CHAIR", "SECRETARIAT"])];
                for role in ROLES {
                    if !v.contains(role) && r.chance(0.08) {
                        v.push(role);
                    }
                }
                v
            };
            if r.chance(0.6) {
                for role in &roles_here {
                    speakers.push(FileSpeaker {
                        person: None,
                        role: Some(role.to_string()),
                        labels: vec![if style == Style::MixedCase {
                            role.to_lowercase()
                                .split(' ')
                                .map(capitalise)
                                .collect::<Vec<_>>()
                                .join(" ")
                        } else {
                            role.to_string()
                        }],
                        turns: 0,
                    });
                    who.push(None);
                }
            }
            let (ids, cum) = &by_year[(year - 2006) as usize];
            let mut tries = 0;
            while who.iter().filter(|w| w.is_some()).count() < size && tries < size * 20 {
                tries += 1;
                let x = r.next() % cum.last().unwrap();
                let p = ids[cum.partition_point(|&c| c <= x)];
                if who.contains(&Some(p)) {
                    continue;
                }
                let name = &people[p].name;
                // The file's main way of writing the label, and variants.
                let main = match style {
                    Style::MixedCase => Variant::Mixed,
                    _ if r.chance(0.1) && strip_accents(name) != *name => Variant::NoAccents,
                    _ => Variant::Upper,
                };
                let mut labels = vec![label_of(name, main)];
                if r.chance(0.25) {
                    let candidates: Vec<Variant> = [
                        Variant::Upper,
                        Variant::Mixed,
                        Variant::NoAccents,
                        Variant::Spaced,
                        Variant::Combining,
                        Variant::CaseSlip,
                    ]
                    .into_iter()
                    .filter(|&v| v != main)
                    .collect();
                    let l = label_of(name, r.pick(&candidates));
                    if !labels.contains(&l) {
                        labels.push(l);
                    }
                }
                if style != Style::MixedCase && r.chance(0.08) {
                    // A role before the name, beside the name alone.
                    let role = r.pick(&["SECRETARIAT", "CO-MODERATOR", "MODERATOR", "CO-CHAIR"]);
                    labels.push(format!("{role} {}", labels[0]));
                }
                speakers.push(FileSpeaker {
                    person: Some(people[p].id.clone()),
                    role: None,
                    labels,
                    turns: 0,
                });
                who.push(Some(p));
            }

            // The turns: a count for the file's size, the chair often.
            let target = {
                let sigma = 0.75;
                let median = options.mean_bytes as f64 / (sigma * sigma / 2.0f64).exp();
                (median * (sigma * r.normal()).exp())
                    .clamp(1500.0, 20.0 * options.mean_bytes as f64)
            };
            // A turn's bytes: the corpus's, and its label and line ends;
            // the made-up rare words run a little longer than the corpus's
            // words.
            let turn_bytes = model.turn_bytes * 1.06 + 24.0;
            let n_turns = ((target / turn_bytes).round() as usize).max(2);
            let mut turns = Vec::with_capacity(n_turns);
            let mut last = usize::MAX;
            for t in 0..n_turns {
                if t > 0 && style != Style::BareLabels && r.chance(0.025) {
                    turns.push(PlannedTurn {
                        speaker: None,
                        label: 0,
                    });
                    last = usize::MAX;
                    continue;
                }
                let s = if t == 0 || (t < speakers.len() * 2 && t % 2 == 0) || r.chance(0.3) {
                    0
                } else if t < speakers.len() * 2 {
                    // Everyone speaks early on, between the chair's turns.
                    (t / 2) % speakers.len()
                } else {
                    // Then some more than others.
                    let k = speakers.len();
                    let a = r.below(k);
                    let b = r.below(k);
                    a.min(b)
                };
                let s = if s == last {
                    (s + 1) % speakers.len()
                } else {
                    s
                };
                last = s;
                let sp = &mut speakers[s];
                // The first turn under the main label, so a role before it
                // names this speaker; then the variants now and then.
                let label = if sp.turns == 0 || sp.labels.len() == 1 || r.chance(0.6) {
                    0
                } else {
                    1 + r.below(sp.labels.len() - 1)
                };
                sp.turns += 1;
                turns.push(PlannedTurn {
                    speaker: Some(s as u16),
                    label: label as u8,
                });
            }
            // Labels never used are not the file's; speakers who never
            // spoke are left out.
            let mut used = vec![vec![false; 8]; speakers.len()];
            for t in &turns {
                if let Some(s) = t.speaker {
                    used[s as usize][t.label as usize] = true;
                }
            }
            let mut remap = vec![u16::MAX; speakers.len()];
            let mut kept = Vec::new();
            let mut label_map = vec![vec![0u8; 8]; speakers.len()];
            for (s, mut sp) in speakers.into_iter().enumerate() {
                if sp.turns == 0 {
                    continue;
                }
                let mut labels = Vec::new();
                for (l, label) in sp.labels.iter().enumerate() {
                    if used[s][l] {
                        label_map[s][l] = labels.len() as u8;
                        labels.push(label.clone());
                    }
                }
                sp.labels = labels;
                if let Some(p) = who[s] {
                    person_files[p] += 1;
                    for l in &sp.labels {
                        if !person_labels[p].contains(l) {
                            person_labels[p].push(l.clone());
                        }
                    }
                }
                remap[s] = kept.len() as u16;
                kept.push(sp);
            }
            for t in &mut turns {
                if let Some(s) = t.speaker {
                    t.label = label_map[s as usize][t.label as usize];
                    t.speaker = Some(remap[s as usize]);
                }
            }
            let unattributed = turns.iter().filter(|t| t.speaker.is_none()).count();
            files.push(FileTruth {
                path,
                hostile: None,
                title,
                year,
                date: date.iso(),
                date_line: date_text.is_some(),
                turns: turns.len(),
                unattributed,
                speakers: kept,
            });
            plans.push(Plan {
                kind,
                style,
                header,
                cut: r.chance(0.1),
                crlf: r.chance(0.04),
                bom: r.chance(0.02),
                topic_words: r.range(8, 30) as u8,
                turns,
            });
        }

        if options.hostile {
            for kind in ["empty", "binary", "latin1", "oversize"] {
                files.push(FileTruth {
                    path: format!("hostile/{kind}.txt"),
                    hostile: Some(kind.to_string()),
                    title: String::new(),
                    year: 0,
                    date: String::new(),
                    date_line: false,
                    turns: 0,
                    unattributed: 0,
                    speakers: Vec::new(),
                });
            }
        }

        let people = people
            .iter()
            .enumerate()
            .filter(|(i, _)| person_files[*i] > 0)
            .map(|(i, p)| PersonTruth {
                id: p.id.clone(),
                name: p.name.clone(),
                labels: person_labels[i].clone(),
                files: person_files[i],
            })
            .collect();
        Archive {
            seed,
            model,
            tail: (0..TAIL_WORDS).map(tail_word).collect(),
            truth: Truth {
                seed,
                files,
                people,
            },
            plans,
            options: options.clone(),
        }
    }

    /// Number of files, hostile ones included.
    pub fn len(&self) -> usize {
        self.truth.files.len()
    }

    /// The files, in order.
    pub fn files(&self) -> impl Iterator<Item = File> + '_ {
        (0..self.len()).map(|i| self.file(i))
    }

    /// File `i`, drawn from the seed and `i`.
    pub fn file(&self, i: usize) -> File {
        let truth = &self.truth.files[i];
        let mut rng = Rng::derive(self.seed, 2, i as u64);
        if let Some(kind) = &truth.hostile {
            let (bytes, words) = match kind.as_str() {
                "empty" => (Vec::new(), 0),
                "binary" => {
                    let n = 20_000 + rng.below(50_000);
                    ((0..n).map(|_| rng.next() as u8).collect(), 0)
                }
                "latin1" => {
                    // A transcript in Windows-1252, as legacy pages were.
                    let (text, words) = self.render(0, &mut rng, None);
                    let bytes = text
                        .chars()
                        .map(|c| if (c as u32) < 256 { c as u8 } else { b'?' })
                        .collect();
                    (bytes, words)
                }
                _ => {
                    let (text, words) = self.render(0, &mut rng, Some(self.options.oversize + 1));
                    (text.into_bytes(), words)
                }
            };
            return File {
                path: truth.path.clone(),
                bytes,
                words,
            };
        }
        let (text, words) = self.render(i, &mut rng, None);
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if self.plans[i].bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        if self.plans[i].crlf {
            for b in text.bytes() {
                if b == b'\n' {
                    bytes.push(b'\r');
                }
                bytes.push(b);
            }
        } else {
            bytes.extend_from_slice(text.as_bytes());
        }
        File {
            path: truth.path.clone(),
            bytes,
            words,
        }
    }

    /// The text of transcript `i`; with `at_least`, its turns go round
    /// again until the text is that long.
    fn render(&self, i: usize, rng: &mut Rng, at_least: Option<usize>) -> (String, usize) {
        let plan = &self.plans[i];
        let truth = &self.truth.files[i];
        let nbsp = plan.style == Style::Nbsp;
        let mut out = String::with_capacity(truth.turns * 1000);
        out.push_str(&truth.title);
        out.push_str("\n\n");
        let h = &plan.header;
        if let Some(d) = &h.disclaimer {
            if h.stars {
                out.push_str("***\n\n");
            }
            out.push_str(d);
            out.push_str("\n\n");
            if h.stars {
                out.push_str("* * *\n\n");
            }
        }
        if let Some(d) = &h.date_text {
            out.push_str(d);
            out.push_str("\n\n");
            if let Some(p) = &h.place {
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
        if nbsp {
            out.push('\n');
        }
        // The session's own words: a few rare ones, used again and again.
        let topic: Vec<String> = (0..plan.topic_words)
            .map(|_| {
                let rank = self.tail_rank(rng);
                self.tail[rank as usize].clone()
            })
            .collect();
        let mut words = 0;
        let mut round = 0;
        let body = out.len();
        loop {
            for (t, turn) in plan.turns.iter().enumerate() {
                let last = t + 1 == plan.turns.len();
                let indent = match plan.style {
                    Style::Nbsp => "\u{a0}",
                    Style::Indented => rng.pick(&["   ", "     ", "\t ", "\t", "    "]),
                    _ => "",
                };
                out.push_str(indent);
                let sentence_gap = if nbsp { " \u{a0}" } else { "  " };
                match turn.speaker {
                    Some(s) => {
                        let label = &truth.speakers[s as usize].labels[turn.label as usize];
                        match plan.style {
                            Style::BareLabels => {
                                out.push('\u{a0}');
                                out.push_str(label);
                                out.push_str(":\u{a0} ");
                            }
                            Style::Tight | Style::Nbsp | Style::Wrapped | Style::SingleLines => {
                                out.push_str(">>");
                                out.push_str(label);
                                out.push_str(": ");
                            }
                            _ => {
                                out.push_str(">> ");
                                out.push_str(label);
                                out.push_str(":  ");
                            }
                        }
                    }
                    None => {
                        out.push_str(if plan.style == Style::Tight {
                            ">>"
                        } else {
                            ">> "
                        });
                        if rng.chance(0.5) {
                            out.push_str(rng.pick(&[
                                "(Off microphone.)",
                                "(inaudible)",
                                "(Speaking off mic.)",
                            ]));
                            out.push_str("\n\n");
                            continue;
                        }
                    }
                }
                let paragraphs = self.model.turn_paragraphs.sample(rng);
                for p in 0..paragraphs {
                    if p > 0 {
                        out.push_str(if nbsp { "\u{a0}" } else { indent });
                        if plan.style == Style::BareLabels {
                            out.push('\u{a0}');
                        }
                    }
                    let sentences = self.model.paragraph_sentences.sample(rng);
                    let cut_here = plan.cut && last && p + 1 == paragraphs && at_least.is_none();
                    for s in 0..sentences {
                        if s > 0 {
                            out.push_str(sentence_gap);
                        }
                        let cut = cut_here && s + 1 == sentences;
                        words += self.sentence(&mut out, rng, &topic, cut);
                        if cut {
                            break;
                        }
                    }
                    out.push_str("\n\n");
                }
                if rng.chance(0.015) && turn.speaker.is_some() && !last {
                    out.push_str(if nbsp { "\u{a0}" } else { indent });
                    out.push_str(rng.pick(&[
                        "[ Applause ]",
                        "[ Laughter ]",
                        "(Applause.)",
                        "(Gavel.)",
                    ]));
                    out.push_str("\n\n");
                }
            }
            round += 1;
            match at_least {
                Some(n) if out.len() < n && round < 1000 => continue,
                _ => break,
            }
        }
        match plan.style {
            Style::Wrapped => {
                let turns = out.split_off(body);
                for p in turns.split("\n\n").filter(|p| !p.is_empty()) {
                    wrap(&mut out, p, 76);
                }
            }
            Style::SingleLines => {
                let turns = out.split_off(body).replace("\n\n", "\n");
                out.push_str(&turns);
            }
            _ => {}
        }
        (out, words)
    }

    fn tail_rank(&self, rng: &mut Rng) -> u64 {
        // Zipf (1/rank) over the ranks after the corpus's.
        let v = self.model.words.len() as f64;
        let u = rng.unit();
        let rank = v * ((v + TAIL_WORDS as f64) / v).powf(u);
        (rank as u64)
            .saturating_sub(self.model.words.len() as u64)
            .min(TAIL_WORDS - 1)
    }

    /// Writes a sentence; returns its words. A cut sentence stops partway
    /// without its full stop.
    fn sentence(&self, out: &mut String, rng: &mut Rng, topic: &[String], cut: bool) -> usize {
        let m = &self.model;
        let mut n = m.sentence_words.sample(rng);
        if cut {
            n = 1 + rng.below(n);
        }
        let tail = m.tail_share();
        for k in 0..n {
            if k > 0 {
                out.push(' ');
            }
            let x = rng.unit();
            let start = out.len();
            if x < tail {
                let w = &self.tail[self.tail_rank(rng) as usize];
                out.push_str(w);
                if rng.chance(0.01) && w.starts_with(char::is_uppercase) {
                    out.push_str(" (phonetic)");
                }
            } else if x < tail + 0.02 && !topic.is_empty() {
                out.push_str(&topic[rng.below(topic.len())]);
            } else {
                out.push_str(m.corpus_word(rng));
            }
            if k == 0 {
                // Capitalise the sentence's first word in place.
                let first = out[start..].chars().next().unwrap();
                if first.is_lowercase() {
                    let up: String = first.to_uppercase().collect();
                    out.replace_range(start..start + first.len_utf8(), &up);
                }
            }
            if k + 1 < n {
                let y = rng.unit();
                if y < m.comma_rate {
                    out.push(',');
                } else if y < m.comma_rate + m.dash_rate {
                    out.push_str(" --");
                } else if y < m.comma_rate + m.dash_rate + 0.0005 {
                    out.push_str(" (inaudible)");
                }
            }
        }
        if !cut {
            out.push(if rng.chance(m.question_rate) {
                '?'
            } else {
                '.'
            });
        }
        n
    }
}

/// Writes a paragraph hard-wrapped at `width` characters, each line after
/// a space; a paragraph that is not a turn's first starts four spaces
/// further in.
fn wrap(out: &mut String, paragraph: &str, width: usize) {
    let mut column = 0;
    let first = if paragraph.starts_with(">>") {
        " "
    } else {
        "     "
    };
    out.push_str(first);
    column += first.len();
    let mut line_start = true;
    for word in paragraph.split(' ') {
        let n = word.chars().count();
        if !line_start && column + 1 + n > width {
            out.push_str("\n ");
            column = 1;
            line_start = true;
        }
        if !line_start {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += n;
        line_start = false;
    }
    out.push('\n');
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Workshop => "ws",
        Kind::MainSession => "main",
        Kind::OpenForum => "of",
        Kind::DayZero => "day0",
        Kind::Opening => "opening",
        Kind::Mag => "mag",
        Kind::MagVirtual => "magv",
        Kind::OpenConsultations => "oc",
        Kind::Bpf => "bpf",
    }
}

/// The files of an archive of `n` transcripts from `seed`: relative paths
/// (`2016/igf-2016-ws-45.txt`) and bytes. [`Archive::new`] has the truth.
pub fn generate(seed: u64, n: usize, options: &Options) -> impl Iterator<Item = (String, Vec<u8>)> {
    let archive = Archive::new(seed, n, options);
    (0..archive.len()).map(move |i| {
        let f = archive.file(i);
        (f.path, f.bytes)
    })
}
