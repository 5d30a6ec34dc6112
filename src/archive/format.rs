//! The bytes of the index files: varints, length-prefixed strings, a reader
//! that checks every length (a corrupt file is an [`Error`], never a
//! panic), and the content hash that names the files.

/// What is wrong with an index file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// It does not start with the magic bytes and version this code reads.
    Version,
    /// It ends before its contents do, or a length or number in it is out
    /// of range.
    Corrupt,
    /// Its bytes do not hash to its name: a file of another build, or
    /// damaged on the way.
    Hash,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Error::Version => "an index file of another version",
            Error::Corrupt => "a corrupt index file",
            Error::Hash => "an index file that does not match its name",
        })
    }
}

/// Appends `n` as a LEB128 varint (7 bits a byte, low first).
pub(crate) fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Appends `s`'s length and bytes.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Reads bytes front to back, every read checked.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Where the reader is.
    pub(crate) fn at(&self) -> usize {
        self.at
    }

    /// Whether every byte was read.
    pub(crate) fn done(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// Checks the magic bytes.
    pub(crate) fn magic(&mut self, magic: &[u8; 4]) -> Result<(), Error> {
        match self.bytes.get(..4) {
            Some(m) if m == magic => {
                self.at = 4;
                Ok(())
            }
            _ => Err(Error::Version),
        }
    }

    /// A varint of at most 64 bits.
    pub(crate) fn num(&mut self) -> Result<u64, Error> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or(Error::Corrupt)?;
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err(Error::Corrupt)
    }

    /// A varint that fits in a `u32`.
    pub(crate) fn u32(&mut self) -> Result<u32, Error> {
        u32::try_from(self.num()?).map_err(|_| Error::Corrupt)
    }

    /// A count of items each at least `min` bytes long: never more than the
    /// bytes left could hold (so a corrupt count allocates nothing large).
    pub(crate) fn count(&mut self, min: usize) -> Result<usize, Error> {
        let n = self.num()?;
        let left = (self.bytes.len() - self.at) as u64;
        if n.saturating_mul(min.max(1) as u64) > left {
            return Err(Error::Corrupt);
        }
        Ok(n as usize)
    }

    /// `n` bytes.
    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.at.checked_add(n).ok_or(Error::Corrupt)?;
        let b = self.bytes.get(self.at..end).ok_or(Error::Corrupt)?;
        self.at = end;
        Ok(b)
    }

    /// A length-prefixed string of UTF-8.
    pub(crate) fn str(&mut self) -> Result<&'a str, Error> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| Error::Corrupt)
    }
}

/// The content hash that names an index file: 64 bits, eight bytes at a
/// time (a multiply–xorshift mix per word, and the length), as sixteen hex
/// digits. Not cryptographic: it names files of one build apart, and tells
/// a file that is not the one named (another build's, cut short).
///
/// ```
/// let a = floor::archive::hash(b"shard");
/// assert_eq!(a.len(), 16);
/// assert_eq!(a, floor::archive::hash(b"shard"));
/// assert_ne!(a, floor::archive::hash(b"shard\0"));
/// ```
pub fn hash(bytes: &[u8]) -> String {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    const M: u64 = 0xbf58_476d_1ce4_e5b9;
    let mix = |h: u64, w: u64| {
        let x = (h ^ w).wrapping_mul(M);
        (x ^ (x >> 31)).wrapping_mul(K)
    };
    let (mut a, mut b) = (K, M ^ bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(16);
    for c in &mut chunks {
        let mut w = [0; 8];
        w.copy_from_slice(&c[..8]);
        a = mix(a, u64::from_le_bytes(w));
        w.copy_from_slice(&c[8..]);
        b = mix(b, u64::from_le_bytes(w));
    }
    let mut rest = [0u8; 16];
    let tail = chunks.remainder();
    rest[..tail.len()].copy_from_slice(tail);
    rest[15] = tail.len() as u8 | 0x80;
    let mut w = [0; 8];
    w.copy_from_slice(&rest[..8]);
    a = mix(a, u64::from_le_bytes(w));
    w.copy_from_slice(&rest[8..]);
    b = mix(b, u64::from_le_bytes(w));
    let h = mix(a ^ b.rotate_left(29), b ^ bytes.len() as u64);
    let mut out = String::with_capacity(16);
    for i in (0..16).rev() {
        out.push(char::from_digit(((h >> (4 * i)) & 15) as u32, 16).unwrap_or('0'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_bad_bytes_are_errors() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            put(&mut out, n);
        }
        put_str(&mut out, "héllo");
        let mut r = Reader::new(&out);
        for n in [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            assert_eq!(r.num(), Ok(n));
        }
        assert_eq!(r.str(), Ok("héllo"));
        assert!(r.done());
        assert_eq!(r.num(), Err(Error::Corrupt));
        assert_eq!(Reader::new(&[0xff; 11]).num(), Err(Error::Corrupt));
        assert_eq!(Reader::new(&[5, b'a']).str(), Err(Error::Corrupt));
        assert_eq!(Reader::new(&[2, 0xff, 0xfe]).str(), Err(Error::Corrupt));
        assert_eq!(
            Reader::new(&[0xff, 0xff, 0x7f]).count(1),
            Err(Error::Corrupt)
        );
    }

    #[test]
    fn hashes_differ_with_any_byte() {
        let base = vec![7u8; 40];
        let h = hash(&base);
        for i in 0..40 {
            let mut b = base.clone();
            b[i] ^= 1;
            assert_ne!(hash(&b), h, "{i}");
        }
        assert_ne!(hash(&base[..39]), h);
        assert_ne!(hash(b""), hash(b"\0"));
    }
}
