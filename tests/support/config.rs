//! The proptest configuration of the property tests (each includes this
//! file with `#[path]`).

use proptest::prelude::ProptestConfig;

/// `cases` cases (or `PROPTEST_CASES` when set, for a longer hunt), from a
/// fixed seed (`seed`, or `PROPTEST_SEED` to explore others) so every run
/// of `make test` tries the same inputs, and no regression files written
/// next to the tests.
pub fn config(cases: u32, seed: u64) -> ProptestConfig {
    let env = |name: &str| std::env::var(name).ok().and_then(|n| n.parse().ok());
    let mut c = ProptestConfig::with_cases(env("PROPTEST_CASES").map_or(cases, |n: u64| n as u32));
    c.failure_persistence = None;
    c.rng_seed = proptest::test_runner::RngSeed::Fixed(env("PROPTEST_SEED").unwrap_or(seed));
    c
}
