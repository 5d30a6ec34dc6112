//! What a build did, for the terminal and for `SITE/.floor/report.txt`.

use std::fmt;

use super::speakers::People;

/// A build's figures.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Files found under the source folder.
    pub found: usize,
    /// Transcripts in the site.
    pub sessions: usize,
    /// Of those, parsed in this build (the others came from the cache).
    pub parsed: usize,
    /// Session pages made in this build.
    pub rendered: usize,
    /// Turns in the site's transcripts.
    pub turns: u64,
    /// Words in them.
    pub words: u64,
    /// People across the archive.
    pub speakers: usize,
    /// Each merge across files, as the report says it.
    pub merges: Vec<String>,
    /// People written one way in a file and another way in another.
    pub merged: usize,
    /// Files left out, and why: (path, reason).
    pub skipped: Vec<(String, String)>,
    /// Files written.
    pub written: usize,
    /// Files kept as they were.
    pub unchanged: usize,
    /// Files of the last build removed.
    pub removed: usize,
    /// The site's size by kind of file.
    pub sizes: Sizes,
    /// How long the build took.
    pub seconds: f64,
    /// How long each step took, in seconds.
    pub steps: Vec<(&'static str, f64)>,
}

/// The steps of a build, timed.
#[derive(Default)]
pub struct Steps {
    done: Vec<(&'static str, f64)>,
    current: Option<(&'static str, std::time::Instant)>,
}

impl Steps {
    /// A step begins (and the one before ends).
    pub fn begin(&mut self, progress: &dyn super::Progress, name: &'static str, total: u64) {
        self.end_current();
        progress.step(name, total);
        self.current = Some((name, std::time::Instant::now()));
    }

    fn end_current(&mut self) {
        if let Some((name, at)) = self.current.take() {
            self.done.push((name, at.elapsed().as_secs_f64()));
        }
    }

    /// The last step ends: every step's time.
    pub fn end(mut self) -> Vec<(&'static str, f64)> {
        self.end_current();
        self.done
    }
}

/// Files and bytes by kind, in the order first added.
#[derive(Debug, Default, Clone)]
pub struct Sizes(pub Vec<(&'static str, u64, u64)>);

impl Sizes {
    /// Counts a file of `bytes` as one of `what`.
    pub fn add(&mut self, what: &'static str, bytes: u64) {
        match self.0.iter_mut().find(|(w, _, _)| *w == what) {
            Some((_, files, total)) => {
                *files += 1;
                *total += bytes;
            }
            None => self.0.push((what, 1, bytes)),
        }
    }
}

/// `n` with its thousands apart: `1,234,567`.
fn thousands(n: u64) -> String {
    crate::view::thousands(n as usize)
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} transcripts of {} files ({} read, {} from the cache) in {:.1} s",
            thousands(self.sessions as u64),
            thousands(self.found as u64),
            thousands(self.parsed as u64),
            thousands((self.sessions - self.parsed) as u64),
            self.seconds
        )?;
        writeln!(
            f,
            "{} turns, {} words, {} speakers ({} written differently across files and merged)",
            thousands(self.turns),
            thousands(self.words),
            thousands(self.speakers as u64),
            thousands(self.merged as u64)
        )?;
        writeln!(
            f,
            "{} session pages made; files: {} written, {} unchanged, {} removed",
            thousands(self.rendered as u64),
            thousands(self.written as u64),
            thousands(self.unchanged as u64),
            thousands(self.removed as u64)
        )?;
        for (what, files, bytes) in &self.sizes.0 {
            writeln!(
                f,
                "  {what:<14} {:>7} files {:>14} bytes",
                thousands(*files),
                thousands(*bytes)
            )?;
        }
        if self.skipped.is_empty() {
            writeln!(f, "Every file was read.")?;
        } else {
            writeln!(f, "{} files left out:", self.skipped.len())?;
            for (path, why) in &self.skipped {
                writeln!(f, "  {path}: {why}")?;
            }
        }
        Ok(())
    }
}

impl Summary {
    /// The report: the summary, then every merge across files and every
    /// person with more than one label, to review.
    pub fn report(&self, people: &People) -> String {
        let mut out = format!("{self}\nSteps:\n");
        for (step, seconds) in &self.steps {
            out.push_str(&format!("  {step:<42} {seconds:>7.2} s\n"));
        }
        out.push_str(&format!("\nMerges across files ({}):\n", self.merges.len()));
        for merge in &self.merges {
            out.push_str("  ");
            out.push_str(merge);
            out.push('\n');
        }
        out.push_str(
            "\nPeople written more than one way (undo a merge: floor site --no-merge LABEL):\n",
        );
        for p in people.people.iter().filter(|p| p.labels.len() > 1) {
            out.push_str(&format!("  {} (speakers/{}.html): ", p.name, p.page));
            let labels: Vec<String> = p
                .labels
                .iter()
                .map(|l| format!("\u{201c}{l}\u{201d}"))
                .collect();
            out.push_str(&labels.join(", "));
            out.push('\n');
        }
        out
    }
}
