//! The quick "reste à vivre" estimate: income minus compulsory charges, per month,
//! per day and per household member.
use super::money::{AmountError, Cents};
use serde::{Deserialize, Serialize};

/// Days used to turn a monthly amount into a daily one (365 / 12, rounded down).
pub const DAYS_PER_MONTH: i64 = 30;
/// Households larger than this are refused as a typing mistake.
pub const MAX_HOUSEHOLD: u32 = 20;

/// What the person typed, kept as text so that a refused form comes back as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickBudgetInput {
    pub income: String,
    pub charges: String,
    pub household: String,
}

/// Which field was refused, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuickBudgetError {
    Income(AmountError),
    Charges(AmountError),
    Household,
}

impl QuickBudgetError {
    pub fn message_key(self) -> &'static str {
        match self {
            QuickBudgetError::Income(e) | QuickBudgetError::Charges(e) => e.message_key(),
            QuickBudgetError::Household => "quick-household-error",
        }
    }
}

/// The estimate, in cents. `per_month` can be negative: charges above income.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickBudget {
    pub per_month: i64,
    pub per_day: i64,
    pub per_person: i64,
}

/// Divides rounding towards negative infinity, so that a shortfall is never understated.
fn div_floor(a: i64, b: i64) -> i64 {
    a.div_euclid(b)
}

impl QuickBudgetInput {
    /// Validates the three fields; returns every refused field, in form order.
    pub fn compute(&self) -> Result<QuickBudget, Vec<QuickBudgetError>> {
        let mut errors = Vec::new();
        let income =
            Cents::parse(&self.income).map_err(|e| errors.push(QuickBudgetError::Income(e)));
        let charges =
            Cents::parse(&self.charges).map_err(|e| errors.push(QuickBudgetError::Charges(e)));
        let household = match self.household.trim() {
            "" => Ok(1),
            s => match s.parse::<u32>() {
                Ok(n) if (1..=MAX_HOUSEHOLD).contains(&n) => Ok(n),
                _ => {
                    errors.push(QuickBudgetError::Household);
                    Err(())
                }
            },
        };
        match (income, charges, household) {
            (Ok(income), Ok(charges), Ok(household)) => {
                Ok(QuickBudget::from_cents(income, charges, household))
            }
            _ => Err(errors),
        }
    }
}

impl QuickBudget {
    pub fn from_cents(income: Cents, charges: Cents, household: u32) -> QuickBudget {
        let per_month = income.get() - charges.get();
        QuickBudget {
            per_month,
            per_day: div_floor(per_month, DAYS_PER_MONTH),
            per_person: div_floor(per_month, i64::from(household.max(1))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(income: &str, charges: &str, household: &str) -> QuickBudgetInput {
        QuickBudgetInput {
            income: income.into(),
            charges: charges.into(),
            household: household.into(),
        }
    }

    #[test]
    fn what_is_left_is_income_minus_charges() {
        let r = input("1 500", "1 020", "2").compute().unwrap();
        assert_eq!(r.per_month, 48_000);
        assert_eq!(r.per_day, 1_600);
        assert_eq!(r.per_person, 24_000);
    }

    #[test]
    fn a_shortfall_is_negative_and_rounded_towards_the_worse() {
        let r = input("900", "1000,01", "3").compute().unwrap();
        assert_eq!(r.per_month, -10_001);
        assert_eq!(r.per_day, -334);
        assert_eq!(r.per_person, -3_334);
    }

    #[test]
    fn zero_income_and_empty_household_are_accepted() {
        let r = input("", "450", "").compute().unwrap();
        assert_eq!(r.per_month, -45_000);
        assert_eq!(r.per_person, -45_000);
    }

    #[test]
    fn every_bad_field_is_named() {
        let errors = input("abc", "-3", "0").compute().unwrap_err();
        assert_eq!(
            errors,
            vec![
                QuickBudgetError::Income(AmountError::NotANumber),
                QuickBudgetError::Charges(AmountError::Negative),
                QuickBudgetError::Household
            ]
        );
        assert_eq!(
            input("1", "1", "21").compute().unwrap_err(),
            vec![QuickBudgetError::Household]
        );
    }

    proptest::proptest! {
        #[test]
        fn per_day_times_days_never_exceeds_the_month(income in 0i64..1_000_000_000, charges in 0i64..1_000_000_000, household in 1u32..=20) {
            let r = QuickBudget::from_cents(Cents::new(income).unwrap(), Cents::new(charges).unwrap(), household);
            proptest::prop_assert_eq!(r.per_month, income - charges);
            proptest::prop_assert!(r.per_day * DAYS_PER_MONTH <= r.per_month);
            proptest::prop_assert!(r.per_month - r.per_day * DAYS_PER_MONTH < DAYS_PER_MONTH);
            proptest::prop_assert!(r.per_person * i64::from(household) <= r.per_month);
        }
    }
}
