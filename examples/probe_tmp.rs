fn main() {
    for text in [
        "Minutes of the meeting",
        "Transcript not available.",
        ";;;",
        "* * *\n\n---\n\n…",
        "",
    ] {
        let t = floor::read::parse_str(text);
        println!(
            "{text:?}: turns {} meta {:?} diags {:?}",
            t.turns.len(),
            t.meta.title,
            t.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        let idx = floor::search::Index::new(&t);
        for q in ["e", "th e", "\"x y\"", "!!", "a b c"] {
            let r = std::panic::catch_unwind(|| {
                idx.search(&floor::search::Query::parse(q), None)
                    .turns
                    .len()
            });
            println!("  search {q:?}: {r:?}");
        }
    }
}
