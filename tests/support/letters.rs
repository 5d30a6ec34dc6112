//! Distinct names for generated labels, shared by the speaker tests and the
//! benchmarks (each includes this file with `#[path]`).

/// `n` in capital letters: A, B, …, Z, BA, BB, …
pub fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}
