//! Drains the whole parser — decoding, HTML extraction, scanning, structure —
//! on arbitrary bytes, and checks the model's invariants on what it returns.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let t = floor::read::parse(bytes);
    for (i, turn) in t.turns.iter().enumerate() {
        assert_eq!(turn.n as usize, i + 1);
        assert!(turn.range[0] <= turn.range[1]);
        if let Some(id) = &turn.speaker {
            assert!(t.speaker(id).is_some());
        }
        for a in &turn.annotations {
            let p = &turn.paragraphs[a.paragraph];
            assert!(p.get(a.range[0]..a.range[1]).is_some());
        }
    }
});
