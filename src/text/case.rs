//! Lower case without the standard library's conversion tables.
//!
//! `char::to_lowercase` carries a table of about 1,400 pairs, 12 KB of
//! WebAssembly data (5 KB gzipped). The same mapping fits in a few hundred
//! runs (`src/text/case_tables.rs`, generated from the standard library by
//! the test `case_tables_are_current`), so [`lower`] gives exactly what
//! `char::to_lowercase` gives, char for char. (Upper case is never needed:
//! text is compared [folded](crate::text::fold), and folding lowers.)
//!
//! ```
//! use floor::text::case::lower;
//! assert_eq!(lower('É').collect::<String>(), "é");
//! assert_eq!(floor::text::case::lower_str("ΚΑΛΗΜΈΡΑ Sérgio"), "καλημέρα sérgio");
//! ```

use super::case_tables::{LOWER, LOWER_MULTI};

/// A run of the tables: the chars `first`, `first + step`, … (`count` of
/// them) map to themselves plus `delta`.
pub(crate) type Run = (u32, u16, u8, i32);

/// What a char becomes: one to three chars.
#[derive(Debug, Clone)]
pub struct Case {
    chars: [char; 3],
    at: usize,
}

impl Iterator for Case {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        let c = *self.chars.get(self.at)?;
        if c == '\0' && self.at > 0 {
            return None;
        }
        self.at += 1;
        Some(c)
    }
}

fn single(c: char) -> Case {
    Case {
        chars: [c, '\0', '\0'],
        at: 0,
    }
}

fn map(c: char, runs: &[Run], multi: &[(char, [char; 3])]) -> Case {
    let code = c as u32;
    let i = runs.partition_point(|r| r.0 <= code);
    if let Some(&(first, count, step, delta)) = i.checked_sub(1).and_then(|i| runs.get(i)) {
        let offset = code - first;
        if offset.is_multiple_of(u32::from(step)) && offset / u32::from(step) < u32::from(count) {
            let mapped = code.wrapping_add_signed(delta);
            return single(char::from_u32(mapped).unwrap_or(c));
        }
    }
    match multi.binary_search_by_key(&c, |m| m.0) {
        Ok(i) => Case {
            chars: multi[i].1,
            at: 0,
        },
        Err(_) => single(c),
    }
}

/// The lower case of `c`, as `char::to_lowercase` gives it.
pub fn lower(c: char) -> Case {
    if c.is_ascii() {
        return single(c.to_ascii_lowercase());
    }
    map(c, LOWER, LOWER_MULTI)
}

/// `s` in lower case, char by char (unlike `str::to_lowercase`, a final
/// capital sigma becomes `σ`, not `ς`: these strings are compared, not read).
pub fn lower_str(s: &str) -> String {
    s.chars().flat_map(lower).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables as the standard library gives them, as Rust source.
    fn generate() -> String {
        let mut out = String::from(
            "//! Case mappings for `crate::text::case`, generated from the standard library by\n\
             //! the test `case_tables_are_current` (`UPDATE_CASE_TABLES=1 cargo test --lib\n\
             //! case` rewrites this file). Do not edit.\n\n\
             use crate::text::case::Run;\n",
        );
        for (name, f) in [(
            "LOWER",
            (|c: char| c.to_lowercase().collect()) as fn(char) -> Vec<char>,
        )] {
            let mut runs: Vec<Run> = Vec::new();
            let mut multi = Vec::new();
            for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
                let m = f(c);
                if m == [c] {
                    continue;
                }
                if m.len() > 1 {
                    multi.push((c, m));
                    continue;
                }
                let (code, delta) = (c as u32, m[0] as i32 - c as i32);
                match runs.last_mut() {
                    Some(r) if r.3 == delta && r.1 == 1 && code - r.0 <= 2 => {
                        r.2 = (code - r.0) as u8;
                        r.1 = 2;
                    }
                    Some(r)
                        if r.3 == delta
                            && r.1 > 1
                            && r.1 < u16::MAX
                            && code == r.0 + u32::from(r.1) * u32::from(r.2) =>
                    {
                        r.1 += 1;
                    }
                    _ => runs.push((code, 1, 1, delta)),
                }
            }
            out.push_str(&format!(
                "\n/// `(first, count, step, delta)` runs.\npub(crate) static {name}: &[Run] = &[\n"
            ));
            for r in &runs {
                out.push_str(&format!("    (0x{:X}, {}, {}, {}),\n", r.0, r.1, r.2, r.3));
            }
            out.push_str("];\n");
            out.push_str(&format!(
                "\n/// Chars that map to several.\npub(crate) static {name}_MULTI: &[(char, [char; 3])] = &[\n"
            ));
            for (c, m) in &multi {
                let mut padded = m.clone();
                padded.resize(3, '\0');
                let chars: Vec<String> = padded
                    .iter()
                    .map(|c| format!("'\\u{{{:x}}}'", *c as u32))
                    .collect();
                out.push_str(&format!(
                    "    ('\\u{{{:x}}}', [{}]),\n",
                    *c as u32,
                    chars.join(", ")
                ));
            }
            out.push_str("];\n");
        }
        out
    }

    #[test]
    fn case_tables_are_current() {
        crate::text::generated_file_is(
            "src/text/case_tables.rs",
            &generate(),
            "UPDATE_CASE_TABLES",
            "case",
        );
    }

    #[test]
    fn every_char_maps_as_the_standard_library_maps_it() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(lower(c).eq(c.to_lowercase()), "lower {c:?}");
        }
    }
}
