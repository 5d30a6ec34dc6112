//! Pairs for the alignment's tests and benchmark (`tests/align.rs`,
//! `benches/align.rs`, each includes this file with `#[path]`): an
//! untimed transcript, captions of its recording, and the times it should
//! get. Captions are perturbed as speech recognition gets them wrong (a
//! fifth of the words substituted, some left out, some added) and cut (a
//! stretch of the recording missing); deterministic: the same seed gives
//! the same pair.

#![allow(dead_code)]

use floor::align::align;
use floor::model::Transcript;

/// A linear congruential generator.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// A number below `n` (at least 1).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }
}

/// How captions are made worse: the share of words substituted, left out
/// and added.
#[derive(Clone, Copy)]
pub struct Errors {
    pub substituted: f64,
    pub deleted: f64,
    pub inserted: f64,
}

/// Clean captions.
pub const CLEAN: Errors = Errors {
    substituted: 0.0,
    deleted: 0.0,
    inserted: 0.0,
};

/// A fifth of the words wrong, and a few left out and added.
pub const ASR: Errors = Errors {
    substituted: 0.2,
    deleted: 0.05,
    inserted: 0.05,
};

/// A word speech recognition could have heard instead: never a real one.
fn misheard(rng: &mut Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "ro", "mi", "zu", "te", "vo", "li", "shan", "gor", "pe",
    ];
    (0..2 + rng.below(2))
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize])
        .collect()
}

/// `words` made worse by `errors`.
pub fn perturb<'w>(
    words: impl Iterator<Item = &'w str>,
    errors: Errors,
    rng: &mut Rng,
) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        if rng.chance(errors.inserted) {
            out.push(["um", "the", "and", "uh"][rng.below(4) as usize].to_string());
        }
        if rng.chance(errors.deleted) {
            continue;
        }
        if rng.chance(errors.substituted) {
            out.push(misheard(rng));
        } else {
            out.push(w.to_string());
        }
    }
    out
}

/// A caption file's clock time (`01:02:03.456`, `02:03,456`) in ms.
fn clock(s: &str) -> Option<u32> {
    let s = s.trim().replace(',', ".");
    let (hms, ms) = s.split_once('.')?;
    let ms: u32 = ms.get(..3)?.parse().ok()?;
    let parts: Vec<u32> = hms
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let seconds = parts.iter().fold(0, |acc, p| acc * 60 + p);
    Some(seconds * 1000 + ms)
}

/// A WebVTT or SRT file with its cues' text made worse by `errors` (a
/// speaker's `Name:` at a line's start kept) and the cues that start
/// within `cut` (ms) left out.
pub fn perturb_captions(file: &str, errors: Errors, cut: Option<[u32; 2]>, seed: u64) -> String {
    let mut rng = Rng(seed);
    let file = file.replace("\r\n", "\n");
    let mut out = Vec::new();
    for block in file.split("\n\n") {
        let lines: Vec<&str> = block.lines().collect();
        let Some(timing) = lines.iter().position(|l| l.contains("-->")) else {
            out.push(block.to_string());
            continue;
        };
        let start = lines[timing]
            .split("-->")
            .next()
            .and_then(clock)
            .unwrap_or(0);
        if cut.is_some_and(|[a, b]| a <= start && start < b) {
            continue;
        }
        let mut kept: Vec<String> = lines[..=timing].iter().map(|l| l.to_string()).collect();
        for line in &lines[timing + 1..] {
            let (name, text) = match line.split_once(": ") {
                Some((n, t)) if n.len() < 40 && !n.contains('.') => (format!("{n}: "), t),
                _ => (String::new(), *line),
            };
            let words = perturb(text.split_whitespace(), errors, &mut rng);
            kept.push(format!("{name}{}", words.join(" ")));
        }
        out.push(kept.join("\n"));
    }
    out.join("\n\n")
}

/// The label an untimed copy gives a turn: its own, letters, digits and
/// spaces only, or `SPEAKER`.
fn label(t: &Transcript, turn: &floor::model::Turn) -> String {
    let l: String = t
        .label(turn)
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect();
    match l.trim() {
        "" => "SPEAKER".to_string(),
        l => l.to_uppercase(),
    }
}

/// `t` as untimed IGF text: each turn `>>LABEL: ` and its paragraphs,
/// blank lines between.
pub fn untimed_igf(t: &Transcript) -> String {
    let mut out = String::new();
    for turn in &t.turns {
        out.push_str(&format!(">>{}: ", label(t, turn)));
        let paragraphs: Vec<&str> = t.paragraphs(turn).iter().collect();
        out.push_str(&paragraphs.join("\n\n"));
        out.push_str("\n\n");
    }
    out
}

/// Each turn's start and end, and each paragraph's start, of a timed
/// transcript: what an aligned one is compared with.
#[derive(Clone, Debug)]
pub struct Truth {
    pub turns: Vec<[Option<u32>; 2]>,
    pub paragraphs: Vec<Option<u32>>,
}

impl Truth {
    pub fn of(t: &Transcript) -> Truth {
        Truth {
            turns: t.turns.iter().map(|turn| t.times(turn)).collect(),
            paragraphs: t
                .turns
                .iter()
                .flat_map(|turn| {
                    (0..t.paragraphs(turn).len()).map(move |i| t.paragraph_start(turn, i))
                })
                .collect(),
        }
    }
}

/// How an aligned transcript compares with the truth.
#[derive(Debug, Clone)]
pub struct Row {
    pub pair: String,
    pub turns: usize,
    /// Turns timed of the turns outside the cut.
    pub coverage: f64,
    /// Turn starts: median and 90th percentile error (s).
    pub median: f64,
    pub p90: f64,
    /// Paragraph starts, the same, and the share timed (of those known).
    pub paragraphs: usize,
    pub paragraph_coverage: f64,
    pub paragraph_median: f64,
    pub paragraph_p90: f64,
    /// Turns inside the cut, and how many of them were timed (should be 0).
    pub in_cut: usize,
    pub timed_in_cut: usize,
}

fn quantile(errors: &mut [f64], q: f64) -> f64 {
    if errors.is_empty() {
        return f64::NAN;
    }
    errors.sort_by(|a, b| a.total_cmp(b));
    errors[((errors.len() - 1) as f64 * q).round() as usize]
}

/// Compares `aligned` with `truth`: turns wholly inside `cut` (ms) left
/// out of the coverage and checked untimed; turns that cross its edges
/// left out altogether.
pub fn measure(pair: &str, aligned: &Transcript, truth: &Truth, cut: Option<[u32; 2]>) -> Row {
    assert_eq!(aligned.turns.len(), truth.turns.len(), "{pair}: turns");
    let inside = |s: u32, e: u32| cut.is_some_and(|[a, b]| a <= s && e <= b);
    let crosses = |s: u32, e: u32| cut.is_some_and(|[a, b]| s < b && e > a);
    let (mut counted, mut timed, mut in_cut, mut timed_in_cut) = (0, 0, 0, 0);
    let mut errors = Vec::new();
    let mut paragraph_errors = Vec::new();
    let (mut known_p, mut timed_p) = (0, 0);
    let mut p = 0;
    for (turn, t) in aligned.turns.iter().zip(&truth.turns) {
        let n = aligned.paragraphs(turn).len();
        let got = aligned.start(turn);
        let [Some(s), e] = *t else {
            p += n;
            continue;
        };
        let e = e.unwrap_or(s);
        if inside(s, e) {
            in_cut += 1;
            timed_in_cut += usize::from(got.is_some());
        } else if !crosses(s, e) {
            counted += 1;
            if let Some(g) = got {
                timed += 1;
                errors.push((f64::from(g) - f64::from(s)).abs() / 1000.0);
            }
            for i in 0..n {
                let Some(Some(want)) = truth.paragraphs.get(p + i) else {
                    continue;
                };
                known_p += 1;
                if let Some(g) = aligned.paragraph_start(turn, i) {
                    timed_p += 1;
                    paragraph_errors.push((f64::from(g) - f64::from(*want)).abs() / 1000.0);
                }
            }
        }
        p += n;
    }
    let paragraphs = paragraph_errors.len();
    Row {
        pair: pair.to_string(),
        turns: aligned.turns.len(),
        coverage: timed as f64 / counted.max(1) as f64,
        median: quantile(&mut errors, 0.5),
        p90: quantile(&mut errors, 0.9),
        paragraphs,
        paragraph_coverage: timed_p as f64 / known_p.max(1) as f64,
        paragraph_median: quantile(&mut paragraph_errors, 0.5),
        paragraph_p90: quantile(&mut paragraph_errors, 0.9),
        in_cut,
        timed_in_cut,
    }
}

/// The table's header and a row.
pub const HEADER: &str = "pair                                                turns  coverage  median    p90 | paragraphs coverage  median    p90 | in cut (timed)";

impl std::fmt::Display for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{:<51} {:>5}  {:>7.1}%  {:>5.2}s {:>5.2}s | {:>10} {:>7.1}%  {:>5.2}s {:>5.2}s | {} ({})",
            self.pair,
            self.turns,
            self.coverage * 100.0,
            self.median,
            self.p90,
            self.paragraphs,
            self.paragraph_coverage * 100.0,
            self.paragraph_median,
            self.paragraph_p90,
            self.in_cut,
            self.timed_in_cut
        )
    }
}

/// A word as said: its text and its start and end (ms).
pub type Said = (String, u32, u32);

/// The words of `t`'s turns, notes left out, as a reading at a varying
/// speech rate would say them (pauses between turns and now and then
/// within), with each turn's true start and end and each paragraph's
/// start.
pub fn say(t: &Transcript, seed: u64) -> (Vec<Said>, Truth) {
    let mut rng = Rng(seed);
    let mut said = Vec::new();
    let mut now: u32 = 2_000 + rng.below(3_000) as u32;
    let mut turns = Vec::new();
    let mut paragraphs = Vec::new();
    for turn in &t.turns {
        now += 300 + rng.below(2_500) as u32;
        let rate = 250 + rng.below(250) as u32;
        let notes = t.annotations(turn);
        let mut start = None;
        for (i, p) in t.paragraphs(turn).iter().enumerate() {
            let mut first = None;
            for w in floor::text::words(p) {
                let at = w.as_ptr() as usize - p.as_ptr() as usize;
                if notes
                    .iter()
                    .any(|a| a.paragraph() == i && a.range()[0] <= at && at < a.range()[1])
                {
                    continue;
                }
                if rng.chance(0.01) {
                    now += 500 + rng.below(1_500) as u32;
                }
                let len = rate / 2 + rng.below(u64::from(rate)) as u32;
                first.get_or_insert(now);
                said.push((w.to_string(), now, now + len));
                now += len;
            }
            start = start.or(first);
            paragraphs.push(first);
        }
        turns.push([start, start.map(|_| now)]);
    }
    (said, Truth { turns, paragraphs })
}

/// Captions of `said`: cues of 6 to 12 words (a cue ends early at a pause),
/// made worse by `errors`, the words that start within `cut` left out, as
/// WebVTT.
pub fn captions_of(said: &[Said], errors: Errors, cut: Option<[u32; 2]>, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::from("WEBVTT\n\n");
    let stamp = |ms: u32| {
        format!(
            "{:02}:{:02}:{:02}.{:03}",
            ms / 3_600_000,
            ms / 60_000 % 60,
            ms / 1000 % 60,
            ms % 1000
        )
    };
    let kept: Vec<&Said> = said
        .iter()
        .filter(|w| !cut.is_some_and(|[a, b]| a <= w.1 && w.1 < b))
        .collect();
    let mut i = 0;
    while i < kept.len() {
        let n = 6 + rng.below(7) as usize;
        let mut j = i + 1;
        while j < kept.len() && j - i < n && kept[j].1 < kept[j - 1].2 + 1_500 {
            j += 1;
        }
        let words = perturb(kept[i..j].iter().map(|w| w.0.as_str()), errors, &mut rng);
        out.push_str(&format!(
            "{} --> {}\n{}\n\n",
            stamp(kept[i].1),
            stamp(kept[j - 1].2),
            words.join(" ").to_lowercase()
        ));
        i = j;
    }
    out
}

/// A made-up day-long meeting of about `words` words: turns of 20 to 400
/// words by a dozen speakers, words drawn from a vocabulary of 5,000 made-up
/// words, common ones far more often (as in speech): the untimed
/// transcript as IGF text.
pub fn meeting(words: usize, seed: u64) -> String {
    const SYLLABLES: &[&str] = &[
        "an", "be", "co", "di", "el", "fo", "ga", "hu", "in", "jo", "ka", "lo", "ma", "ne", "or",
        "pa", "qui", "ra", "si", "tu", "ul", "ve", "wa", "xi", "yo", "ze",
    ];
    let mut rng = Rng(seed);
    let vocabulary: Vec<String> = (0..5_000u64)
        .map(|n| {
            let mut w = String::new();
            let mut n = n + 1;
            while n > 0 {
                w.push_str(SYLLABLES[(n % 26) as usize]);
                n /= 26;
            }
            w
        })
        .collect();
    let mut out = String::new();
    let mut left = words;
    while left > 0 {
        let n = (20 + rng.below(380) as usize).min(left);
        left -= n;
        out.push_str(&format!(">>SPEAKER {}: ", rng.below(12) + 1));
        for k in 0..n {
            // Log-uniform ranks: a few words most of the time.
            let u = rng.below(1_000_000) as f64 / 1_000_000.0;
            let rank = (5_000f64.powf(u) as usize).min(4_999);
            out.push_str(&vocabulary[rank]);
            out.push(if k % 15 == 14 { '.' } else { ' ' });
            if k % 15 == 14 {
                out.push(' ');
            }
        }
        out.push_str("\n\n");
    }
    out
}

// Pairs ----------------------------------------------------------------
//
// (The includer includes `support/captions.rs` as `captions` too.)

/// A file of the corpus copy in `tests/data/corpus/`.
pub fn data(path: &str) -> String {
    let bytes = std::fs::read(format!(
        "{}/tests/data/corpus/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("{path}: {e}"));
    String::from_utf8(bytes).expect("UTF-8")
}

/// Talk Python's transcript, whose paragraphs start with their time
/// (`00:00:08 Hello and welcome…`): the times taken off, the text aligned
/// to the episode's WebVTT captions, each paragraph compared with its time.
pub fn talkpython() -> Row {
    let text = data("captions/talkpython-001.txt");
    let mut times = Vec::new();
    let mut stripped = Vec::new();
    for p in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let (clock, rest) = p.split_at(9);
        let parts: Vec<u32> = clock
            .trim()
            .split(':')
            .map(|n| n.parse().unwrap())
            .collect();
        // Written to the second, rounded down: its middle.
        times.push(Some(
            (parts[0] * 3600 + parts[1] * 60 + parts[2]) * 1000 + 500,
        ));
        stripped.push(rest.trim());
    }
    // One turn (no header: its first paragraph would be taken for a title).
    let t = floor::read::parse_str(&format!(">>SPEAKER: {}", stripped.join("\n\n")));
    assert_eq!(t.paragraph_total(), times.len());
    let captions = floor::read::parse_file(
        data("captions/talkpython-001.vtt").as_bytes(),
        "talkpython-001.vtt",
    );
    let aligned = align(&t, &captions);
    let truth = Truth {
        turns: vec![[times[0], None]],
        paragraphs: times,
    };
    measure(
        "talkpython-001 txt ~ vtt (paragraphs)",
        &aligned,
        &truth,
        None,
    )
}

/// The Podcasting 2.0 example: its HTML transcript written untimed, turn
/// for turn, aligned to its SRT captions.
pub fn podcastindex() -> Row {
    let html = floor::read::parse_file(
        data("other/podcastindex-example.html").as_bytes(),
        "example.html",
    );
    let t = floor::read::parse_str(&untimed_igf(&html));
    assert_eq!(t.turns.len(), html.turns.len());
    let srt = floor::read::parse_file(
        data("other/podcastindex-example.srt").as_bytes(),
        "example.srt",
    );
    measure(
        "podcastindex html ~ srt",
        &align(&t, &srt),
        &Truth::of(&html),
        None,
    )
}

/// A timed file written untimed, aligned to the file itself made worse by
/// `errors`, with the middle tenth of the recording cut when `cut`.
pub fn perturbed(name: &str, file: &str, errors: Errors, cut: bool, seed: u64) -> Row {
    let clean = floor::read::parse_file(file.as_bytes(), name);
    let t = floor::read::parse_str(&untimed_igf(&clean));
    assert_eq!(t.turns.len(), clean.turns.len(), "{name}");
    let duration = clean.meta.duration.unwrap_or(0);
    let cut = cut.then(|| [duration / 100 * 45, duration / 100 * 55]);
    let worse = perturb_captions(file, errors, cut, seed);
    let captions = floor::read::parse_file(worse.as_bytes(), name);
    let what = match (errors.substituted > 0.0, cut.is_some()) {
        (true, true) => "20% wrong, cut",
        (true, false) => "20% wrong",
        (false, true) => "cut",
        (false, false) => "clean",
    };
    let pair = format!("{} ({what})", name.rsplit('/').next().unwrap_or(name));
    measure(&pair, &align(&t, &captions), &Truth::of(&clean), cut)
}

/// The timed files the perturbed pairs are made of: the corpus's and a
/// long generated one.
pub fn timed_files() -> Vec<(String, String)> {
    let lines = crate::captions::caption_lines(3_000, 7);
    let generated = crate::captions::webvtt(&crate::captions::cues(&lines, 7));
    let mut files: Vec<(String, String)> = [
        "captions/zoom-classroom-speaker-prefixes.vtt",
        "other/podcastindex-example.srt",
        "other/3b1b-inventing-math-english.srt",
    ]
    .iter()
    .map(|p| (p.to_string(), data(p)))
    .collect();
    files.push(("generated-3000-lines.vtt".to_string(), generated));
    files
}

/// The 2016 MAG meeting's transcript (labels, notes and all), with
/// captions made up from its words at a varying speech rate, with
/// pauses, `errors`, and the stretch between 40% and 48% of the meeting
/// cut when `cut`.
pub fn igf(errors: Errors, cut: bool, seed: u64) -> Row {
    let t = floor::read::parse_str(&data("igf/igf-2016-mag-2016-04-06.txt"));
    let (said, truth) = say(&t, seed);
    let end = said.last().map_or(0, |w| w.2);
    let cut = cut.then(|| [end / 100 * 40, end / 100 * 48]);
    let vtt = captions_of(&said, errors, cut, seed);
    let captions = floor::read::parse_str(&vtt);
    let what = if cut.is_some() {
        "20% wrong, cut"
    } else {
        "clean"
    };
    measure(
        &format!("igf-2016-mag ~ made-up vtt ({what})"),
        &align(&t, &captions),
        &truth,
        cut,
    )
}

/// Every pair, with the coverage it must reach: the table the tests
/// check and the benchmark prints.
pub fn pairs() -> Vec<(Row, f64)> {
    let mut rows = vec![(talkpython(), 0.95), (podcastindex(), 0.95)];
    for (seed, (name, file)) in timed_files().into_iter().enumerate() {
        rows.push((perturbed(&name, &file, CLEAN, false, 1), 0.95));
        rows.push((perturbed(&name, &file, ASR, true, seed as u64 + 11), 0.85));
    }
    rows.push((igf(CLEAN, false, 3), 0.95));
    rows.push((igf(ASR, true, 5), 0.85));
    rows
}
