//! Resume codes: a short code that carries anonymous progress to another device.
//! Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L, no U/V pair
//! trouble when read aloud), shown in two groups of five: 31^10 ≈ 2^49.5 codes.
use serde::{Deserialize, Serialize};

/// The characters a code is made of: digits and capitals that cannot be confused.
pub const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters in a code, without the separator.
pub const CODE_LENGTH: usize = 10;

/// Why a typed code cannot be a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeError {
    Empty,
    WrongLength,
    /// A character that never appears in a code (the message names the look-alikes).
    BadCharacter(char),
}

impl CodeError {
    pub fn message_key(self) -> &'static str {
        match self {
            CodeError::Empty => "resume-error-empty",
            CodeError::WrongLength => "resume-error-length",
            CodeError::BadCharacter(_) => "resume-error-character",
        }
    }
}

/// Reads a code as people type or say it: any case, spaces and dashes ignored.
/// Returns the ten characters, without separator.
pub fn normalize(input: &str) -> Result<String, CodeError> {
    let cleaned: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '–' | '.'))
        .flat_map(char::to_uppercase)
        .collect();
    if cleaned.is_empty() {
        return Err(CodeError::Empty);
    }
    if let Some(bad) = cleaned
        .chars()
        .find(|c| !c.is_ascii() || !ALPHABET.contains(&(*c as u8)))
    {
        return Err(CodeError::BadCharacter(bad));
    }
    if cleaned.chars().count() != CODE_LENGTH {
        return Err(CodeError::WrongLength);
    }
    Ok(cleaned)
}

/// Shows a normalized code in two groups: `ABCDE-FGH23`.
pub fn display(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(5));
    format!("{a}-{b}")
}

/// Turns random bytes into characters of [`ALPHABET`], one per byte (rejection-free,
/// with a negligible bias: 256 mod 31 = 8). Also used for booking codes and temporary
/// passwords.
pub fn encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// Turns random bytes into a code.
pub fn from_random(bytes: [u8; CODE_LENGTH]) -> String {
    encode(&bytes)
}

/// A new random code.
#[cfg(feature = "ssr")]
pub fn generate() -> String {
    use rand::RngCore as _;
    let mut bytes = [0u8; CODE_LENGTH];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    from_random(bytes)
}

/// The value stored for a code: the code itself is never kept.
#[cfg(feature = "ssr")]
pub fn hash(code: &str) -> String {
    crate::hex::sha256_hex(format!("reperes-resume:{code}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_no_look_alike_characters_and_enough_entropy() {
        for c in ['0', 'O', '1', 'I', 'L'] {
            assert!(!ALPHABET.contains(&(c as u8)), "{c} can be misread");
        }
        let bits = (ALPHABET.len() as f64).log2() * CODE_LENGTH as f64;
        assert!(bits >= 40.0, "{bits} bits");
    }

    #[test]
    fn a_code_is_read_whatever_the_case_spaces_and_dashes() {
        assert_eq!(normalize("abcde-fgh23"), Ok("ABCDEFGH23".into()));
        assert_eq!(normalize(" ABC DE  FGH 23 "), Ok("ABCDEFGH23".into()));
        assert_eq!(display("ABCDEFGH23"), "ABCDE-FGH23");
    }

    #[test]
    fn wrong_codes_are_named() {
        assert_eq!(normalize("  "), Err(CodeError::Empty));
        assert_eq!(normalize("ABCDE"), Err(CodeError::WrongLength));
        assert_eq!(normalize("ABCDE-FGH2O"), Err(CodeError::BadCharacter('O')));
        assert_eq!(normalize("ABCDÉ-FGH23"), Err(CodeError::BadCharacter('É')));
    }

    #[test]
    fn generated_codes_only_use_the_alphabet() {
        let code = from_random([0, 30, 31, 255, 128, 7, 99, 200, 1, 62]);
        assert_eq!(code.len(), CODE_LENGTH);
        assert_eq!(normalize(&code), Ok(code.clone()));
        assert_eq!(&code[..3], "2Z2");
    }
}
