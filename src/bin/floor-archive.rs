//! `floor-archive`: the archive page's module (`src/web/archive.js` loads
//! it). It reads the index's shards and fragments that archive.js fetches,
//! and answers queries exactly as the viewer's search does in each
//! transcript (`floor::archive::query`): which shards a query needs, the
//! matching turns and counts, the exact matches of phrases in the fragments,
//! snippets. Not part of the viewer: only the archive page loads it.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
mod web {
    use floor::archive::query::{self, Fragments, Plan};
    use floor::archive::shard::{Shard, Speaker};
    use floor::search::Query;
    use wasm_bindgen::prelude::*;

    /// The index as the page has fetched it so far.
    #[wasm_bindgen]
    pub struct Archive {
        /// Each shard's first term.
        firsts: Vec<String>,
        sessions: u32,
        shards: Vec<Option<Shard>>,
        /// Per session, the fragments fetched.
        fragments: Vec<Fragments>,
        /// The speakers the last search found.
        speakers: Vec<Speaker>,
    }

    fn error(e: floor::archive::Error) -> JsError {
        JsError::new(&e.to_string())
    }

    #[wasm_bindgen]
    impl Archive {
        /// An archive of `sessions` sessions whose shards start with
        /// `firsts` (one a line).
        #[wasm_bindgen(constructor)]
        pub fn new(firsts: &str, sessions: u32) -> Archive {
            let firsts: Vec<String> = if firsts.is_empty() {
                Vec::new()
            } else {
                firsts.split('\n').map(str::to_string).collect()
            };
            Archive {
                shards: firsts.iter().map(|_| None).collect(),
                firsts,
                sessions,
                fragments: (0..sessions).map(|_| Fragments::default()).collect(),
                speakers: Vec::new(),
            }
        }

        /// The shards `q` needs that are not here yet; empty when the query
        /// is empty or has no word (see `answerable`).
        pub fn plan(&self, q: &str) -> Vec<u32> {
            let plan = Plan::of(&Query::parse(q));
            plan.shards(&self.firsts)
                .into_iter()
                .filter(|&i| self.shards.get(i as usize).is_some_and(Option::is_none))
                .collect()
        }

        /// Whether the index can answer `q` (some term holds a word).
        pub fn answerable(&self, q: &str) -> bool {
            Plan::of(&Query::parse(q)).answerable()
        }

        /// Whether the postings answer `q` exactly (every term one word);
        /// otherwise `search` gives candidates to `check`.
        pub fn exact(&self, q: &str) -> bool {
            Plan::of(&Query::parse(q)).plain()
        }

        /// Reads shard `i`, fetched from `name`: an error for bytes that
        /// are not its (a corrupt file, another build's).
        pub fn add_shard(&mut self, i: u32, name: &str, bytes: &[u8]) -> Result<(), JsError> {
            let shard = query::shard(name, bytes).map_err(error)?;
            if let Some(slot) = self.shards.get_mut(i as usize) {
                *slot = Some(shard);
            }
            Ok(())
        }

        /// The turns that match `q`, as `[session, turn position, matches]`
        /// after one another (candidates with 0 matches unless `exact`);
        /// the matching speakers are then `speakers()`.
        pub fn search(&mut self, q: &str) -> Result<Vec<u32>, JsError> {
            let query = Query::parse(q);
            let plan = Plan::of(&query);
            let mut shards = Vec::new();
            for i in plan.shards(&self.firsts) {
                match self.shards.get(i as usize) {
                    Some(Some(s)) => shards.push(s),
                    _ => return Err(JsError::new("a shard is missing")),
                }
            }
            let answer = query::answer(&query, &plan, &shards, self.sessions).map_err(error)?;
            self.speakers = answer.speakers;
            Ok(answer.turns.into_iter().flatten().collect())
        }

        /// The speakers the last `search` found: archive position, name,
        /// page, turns and sessions, one after another.
        pub fn speakers(&self) -> Vec<String> {
            self.speakers
                .iter()
                .flat_map(|s| {
                    [
                        s.id.to_string(),
                        s.name.clone(),
                        s.page.clone(),
                        s.turns.to_string(),
                        s.sessions.to_string(),
                    ]
                })
                .collect()
        }

        /// Reads a fragment of session `session`, fetched from `name`.
        pub fn add_fragment(
            &mut self,
            session: u32,
            name: &str,
            bytes: &[u8],
        ) -> Result<(), JsError> {
            match self.fragments.get_mut(session as usize) {
                Some(f) => f.add(name, bytes).map_err(error),
                None => Err(JsError::new("no such session")),
            }
        }

        /// The exact matches of `q` in session `session`'s turns at
        /// `turns`, as `[turn position, matches]` after one another;
        /// `undefined` when one of them is not in a fragment added.
        pub fn check(&self, q: &str, session: u32, turns: &[u32]) -> Option<Vec<u32>> {
            let f = self.fragments.get(session as usize)?;
            let found = f.check(&Query::parse(q), turns)?;
            Some(found.into_iter().flatten().collect())
        }

        /// A snippet of turn `turn` of session `session`: its speaker's
        /// name, its number, then text and matches in turn (every other
        /// piece, from the second, a match); `undefined` when not fetched.
        pub fn snippet(&self, q: &str, session: u32, turn: u32) -> Option<Vec<String>> {
            let f = self.fragments.get(session as usize)?;
            f.snippet(&Query::parse(q), turn, 160)
        }

        /// Frees what was fetched for session `session` (the page keeps the
        /// fragments of the results shown).
        pub fn forget(&mut self, session: u32) {
            if let Some(f) = self.fragments.get_mut(session as usize) {
                *f = Fragments::default();
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "floor-archive is the archive page's WebAssembly module: build it for wasm32 (make dist)"
    );
    std::process::exit(2);
}
