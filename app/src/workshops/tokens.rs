//! Random tokens: the private link of a booking (128 bits, stored hashed) and the
//! one-time token of a sign-up form (a double submission books once).
use rand::RngCore as _;

/// 128 random bits, hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    crate::hex::hex(&bytes)
}

/// What is stored for a private token.
pub fn hash(token: &str) -> String {
    crate::hex::sha256_hex(format!("reperes-booking:{token}").as_bytes())
}

/// A booking code for the desk.
pub fn new_code() -> String {
    let mut bytes = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    super::model::booking_code(bytes)
}

/// Whether `token` looks like one [`new_token`] made (32 hex digits), before any lookup.
pub fn well_formed(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}
