//! Amounts typed by people, parsed into integer cents.
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The largest amount a budget line accepts: 10 million euros, far above any household
/// budget, and far below what could overflow a sum of many lines.
pub const MAX_CENTS: i64 = 1_000_000_000;

/// A non-negative amount of money in cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Cents(i64);

/// Why a typed amount was refused. Each maps to a plain-language message.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmountError {
    #[error("not a number")]
    NotANumber,
    #[error("negative")]
    Negative,
    #[error("more than two decimals")]
    TooPrecise,
    #[error("too large")]
    TooLarge,
}

impl AmountError {
    /// Key of the message in the translation catalogue.
    pub fn message_key(self) -> &'static str {
        match self {
            AmountError::NotANumber => "amount-error-not-a-number",
            AmountError::Negative => "amount-error-negative",
            AmountError::TooPrecise => "amount-error-too-precise",
            AmountError::TooLarge => "amount-error-too-large",
        }
    }
}

impl Cents {
    pub const ZERO: Cents = Cents(0);

    pub fn new(cents: i64) -> Result<Cents, AmountError> {
        if cents < 0 {
            Err(AmountError::Negative)
        } else if cents > MAX_CENTS {
            Err(AmountError::TooLarge)
        } else {
            Ok(Cents(cents))
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }

    /// Parses what a person types: `1200`, `1 200,50`, `1200.5`, `12,50 €`.
    /// An empty field counts as zero, since people leave lines that do not apply blank.
    pub fn parse(input: &str) -> Result<Cents, AmountError> {
        let cleaned: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '€' && *c != '\u{202f}' && *c != '\u{a0}')
            .collect();
        if cleaned.is_empty() {
            return Ok(Cents::ZERO);
        }
        if cleaned.starts_with('-') {
            return Err(AmountError::Negative);
        }
        let normalised = cleaned.replace(',', ".");
        let mut parts = normalised.split('.');
        let units = parts.next().unwrap_or_default();
        let decimals = parts.next();
        if parts.next().is_some() || units.is_empty() && decimals.unwrap_or_default().is_empty() {
            return Err(AmountError::NotANumber);
        }
        if !units.chars().all(|c| c.is_ascii_digit()) {
            return Err(AmountError::NotANumber);
        }
        let decimals = decimals.unwrap_or("");
        if !decimals.chars().all(|c| c.is_ascii_digit()) {
            return Err(AmountError::NotANumber);
        }
        if decimals.len() > 2 {
            return Err(AmountError::TooPrecise);
        }
        if units.len() > 9 {
            return Err(AmountError::TooLarge);
        }
        let units: i64 = if units.is_empty() {
            0
        } else {
            units.parse().map_err(|_| AmountError::NotANumber)?
        };
        let cents: i64 = match decimals.len() {
            0 => 0,
            1 => {
                decimals
                    .parse::<i64>()
                    .map_err(|_| AmountError::NotANumber)?
                    * 10
            }
            _ => decimals
                .parse::<i64>()
                .map_err(|_| AmountError::NotANumber)?,
        };
        Cents::new(units * 100 + cents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ways_people_write_amounts_are_understood() {
        assert_eq!(Cents::parse("1200"), Ok(Cents(120_000)));
        assert_eq!(Cents::parse("1 200,50"), Ok(Cents(120_050)));
        assert_eq!(Cents::parse("1200.5"), Ok(Cents(120_050)));
        assert_eq!(Cents::parse(" 12,05 € "), Ok(Cents(1205)));
        assert_eq!(Cents::parse("0,99"), Ok(Cents(99)));
        assert_eq!(Cents::parse(",5"), Ok(Cents(50)));
        assert_eq!(Cents::parse("7,"), Ok(Cents(700)));
        assert_eq!(Cents::parse("1\u{202f}000"), Ok(Cents(100_000)));
    }

    #[test]
    fn a_blank_line_counts_as_zero() {
        assert_eq!(Cents::parse(""), Ok(Cents::ZERO));
        assert_eq!(Cents::parse("   "), Ok(Cents::ZERO));
    }

    #[test]
    fn bad_amounts_are_refused_with_a_reason() {
        assert_eq!(Cents::parse("douze"), Err(AmountError::NotANumber));
        assert_eq!(Cents::parse("1,2,3"), Err(AmountError::NotANumber));
        assert_eq!(Cents::parse("."), Err(AmountError::NotANumber));
        assert_eq!(Cents::parse("-5"), Err(AmountError::Negative));
        assert_eq!(Cents::parse("1,234"), Err(AmountError::TooPrecise));
        assert_eq!(Cents::parse("99999999999"), Err(AmountError::TooLarge));
        assert_eq!(Cents::parse("1e5"), Err(AmountError::NotANumber));
    }
}
