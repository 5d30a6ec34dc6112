//! Eight bytes at a time in one `u64`, little-endian (the byte before is the
//! next lower one), with each byte's answer in its high bit: the bulk paths
//! of counting words and of folding text for search.

/// `0x01` in every byte.
pub const ONES: u64 = u64::from_ne_bytes([1; 8]);
/// `0x80` in every byte: where each byte's answer is.
pub const HIGH: u64 = ONES * 0x80;

/// The eight bytes of `chunk` as one `u64`, if they are all ASCII.
pub fn ascii(chunk: &[u8]) -> Option<u64> {
    let w = u64::from_le_bytes(chunk.try_into().ok()?);
    (w & HIGH == 0).then_some(w)
}

/// For `w` all ASCII: the high bit of each byte set where `lo <= byte
/// <= hi`. (Every byte is below 0x80, so adding at most 0x80 to one
/// never carries into the next: each sum's high bit says whether that
/// byte reached the bound.)
pub fn between(w: u64, lo: u8, hi: u8) -> u64 {
    (w + ONES * u64::from(0x80 - lo)) & !(w + ONES * u64::from(0x7f - hi)) & HIGH
}
