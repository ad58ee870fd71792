//! Bytes as lowercase hexadecimal: random ids and tokens, and the SHA-256 digests stored
//! instead of a secret, a code or an address (and naming content by what it holds).
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// `bytes` as lowercase hexadecimal, two digits a byte.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The SHA-256 digest of `bytes`, in hexadecimal (64 digits).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The first 16 bytes of the SHA-256 digest of `bytes`, in hexadecimal (32 digits): a
/// key that names without revealing (a throttled address or account).
pub fn short_sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes)[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_read_as_the_usual_test_vectors() {
        assert_eq!(hex(&[0, 15, 16, 255]), "000f10ff");
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(short_sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223");
    }
}
