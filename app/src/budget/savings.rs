//! The savings goal: how many months of putting a fixed sum aside it takes to reach a
//! target, given what is already saved.
use super::money::{AmountError, Cents};
use serde::{Deserialize, Serialize};

/// What the person typed, kept as text so that a refused form comes back as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavingsInput {
    /// The sum to reach.
    pub target: String,
    /// What is already put aside; blank counts as nothing.
    pub saved: String,
    /// What can be put aside each month.
    pub monthly: String,
}

/// Which field was refused, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavingsError {
    /// The target is not a valid amount.
    Target(AmountError),
    /// The amount already saved is not a valid amount.
    Saved(AmountError),
    /// The monthly saving is not a valid amount.
    Monthly(AmountError),
    /// The target is blank or zero: there is nothing to plan for.
    TargetMissing,
    /// Something remains to be saved but nothing is put aside each month: the goal
    /// would never be reached.
    NoMonthlySaving,
}

impl SavingsError {
    /// Key of the message in the translation catalogue.
    pub fn message_key(self) -> &'static str {
        match self {
            SavingsError::Target(e) | SavingsError::Saved(e) | SavingsError::Monthly(e) => {
                e.message_key()
            }
            SavingsError::TargetMissing => "savings-target-missing-error",
            SavingsError::NoMonthlySaving => "savings-no-monthly-error",
        }
    }
}

/// The plan. When the target is already reached, everything is zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavingsPlan {
    /// Cents still to save; zero when the target is reached or passed.
    pub remaining: i64,
    /// Months of saving needed, the last one possibly partial (rounded up).
    pub months: u32,
    /// `months` in whole years…
    pub years: u32,
    /// …and the months left over (0 to 11).
    pub rest_months: u32,
    /// Cents put aside in the final month: the monthly sum, or less when the remaining
    /// amount is not a multiple of it; zero when nothing remains.
    pub last_payment: i64,
}

impl SavingsInput {
    /// Validates the three fields; returns every refused field, in form order.
    pub fn compute(&self) -> Result<SavingsPlan, Vec<SavingsError>> {
        let mut errors = Vec::new();
        let target = match Cents::parse(&self.target) {
            Ok(c) if c == Cents::ZERO => {
                errors.push(SavingsError::TargetMissing);
                None
            }
            Ok(c) => Some(c),
            Err(e) => {
                errors.push(SavingsError::Target(e));
                None
            }
        };
        let saved = Cents::parse(&self.saved).map_err(|e| errors.push(SavingsError::Saved(e)));
        let monthly =
            Cents::parse(&self.monthly).map_err(|e| errors.push(SavingsError::Monthly(e)));
        match (target, saved, monthly) {
            (Some(target), Ok(saved), Ok(monthly)) => {
                SavingsPlan::from_cents(target, saved, monthly).ok_or_else(|| {
                    errors.push(SavingsError::NoMonthlySaving);
                    errors
                })
            }
            _ => Err(errors),
        }
    }
}

impl SavingsPlan {
    /// The plan from amounts already validated; `None` when something remains to be
    /// saved and the monthly saving is zero.
    pub fn from_cents(target: Cents, saved: Cents, monthly: Cents) -> Option<SavingsPlan> {
        let remaining = (target.get() - saved.get()).max(0);
        if remaining == 0 {
            return Some(SavingsPlan {
                remaining: 0,
                months: 0,
                years: 0,
                rest_months: 0,
                last_payment: 0,
            });
        }
        let monthly = monthly.get();
        if monthly == 0 {
            return None;
        }
        // Rounded up: a partial last month is still a month to wait.
        let months = (remaining + monthly - 1) / monthly;
        let last_payment = remaining - (months - 1) * monthly;
        // At most MAX_CENTS months (1 cent a month towards 10 million euros), which fits.
        let months = u32::try_from(months).unwrap_or(u32::MAX);
        Some(SavingsPlan {
            remaining,
            months,
            years: months / 12,
            rest_months: months % 12,
            last_payment,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(target: &str, saved: &str, monthly: &str) -> SavingsInput {
        SavingsInput {
            target: target.into(),
            saved: saved.into(),
            monthly: monthly.into(),
        }
    }

    #[test]
    fn a_remaining_sum_that_divides_exactly_ends_with_a_full_month() {
        let p = input("1 200", "", "100").compute().unwrap();
        assert_eq!(p.remaining, 120_000);
        assert_eq!(p.months, 12);
        assert_eq!((p.years, p.rest_months), (1, 0));
        assert_eq!(p.last_payment, 10_000);
    }

    #[test]
    fn a_remainder_adds_a_smaller_last_month() {
        let p = input("1 000", "150", "80").compute().unwrap();
        // 850 € at 80 € a month: 10 full months (800 €) then 50 €.
        assert_eq!(p.remaining, 85_000);
        assert_eq!(p.months, 11);
        assert_eq!((p.years, p.rest_months), (0, 11));
        assert_eq!(p.last_payment, 5_000);
    }

    #[test]
    fn years_and_months_split_a_long_plan() {
        let p = input("3 000", "", "99,99").compute().unwrap();
        assert_eq!(p.months, 31);
        assert_eq!((p.years, p.rest_months), (2, 7));
        assert_eq!(p.last_payment, 300_000 - 30 * 9_999);
    }

    #[test]
    fn a_target_already_reached_needs_no_month_even_without_saving() {
        let zero = SavingsPlan {
            remaining: 0,
            months: 0,
            years: 0,
            rest_months: 0,
            last_payment: 0,
        };
        assert_eq!(input("500", "500", "").compute(), Ok(zero));
        assert_eq!(input("500", "800", "20").compute(), Ok(zero));
    }

    #[test]
    fn nothing_put_aside_each_month_is_refused_when_something_remains() {
        assert_eq!(
            input("500", "100", "").compute().unwrap_err(),
            vec![SavingsError::NoMonthlySaving]
        );
        assert_eq!(
            SavingsError::NoMonthlySaving.message_key(),
            "savings-no-monthly-error"
        );
    }

    #[test]
    fn a_missing_target_is_refused() {
        assert_eq!(
            input("", "100", "50").compute().unwrap_err(),
            vec![SavingsError::TargetMissing]
        );
        assert_eq!(
            input("0", "", "").compute().unwrap_err(),
            vec![SavingsError::TargetMissing]
        );
        assert_eq!(
            SavingsError::TargetMissing.message_key(),
            "savings-target-missing-error"
        );
    }

    #[test]
    fn every_bad_field_is_named_in_form_order() {
        assert_eq!(
            input("abc", "-3", "1,234").compute().unwrap_err(),
            vec![
                SavingsError::Target(AmountError::NotANumber),
                SavingsError::Saved(AmountError::Negative),
                SavingsError::Monthly(AmountError::TooPrecise),
            ]
        );
        assert_eq!(
            input("", "x", "").compute().unwrap_err(),
            vec![
                SavingsError::TargetMissing,
                SavingsError::Saved(AmountError::NotANumber),
            ]
        );
    }

    #[test]
    fn the_largest_plan_fits() {
        let p = input("10 000 000", "", "0,01").compute().unwrap();
        assert_eq!(p.months, 1_000_000_000);
        assert_eq!(p.last_payment, 1);
    }

    proptest::proptest! {
        #[test]
        fn the_months_are_just_enough(target in 1i64..=1_000_000_000, saved in 0i64..=1_000_000_000, monthly in 1i64..=1_000_000_000) {
            let p = SavingsPlan::from_cents(Cents::new(target).unwrap(), Cents::new(saved).unwrap(), Cents::new(monthly).unwrap()).unwrap();
            let months = i64::from(p.months);
            proptest::prop_assert_eq!(p.remaining, (target - saved).max(0));
            proptest::prop_assert!(months * monthly >= p.remaining);
            if p.remaining > 0 {
                proptest::prop_assert!((months - 1) * monthly < p.remaining);
                proptest::prop_assert!(0 < p.last_payment && p.last_payment <= monthly);
                proptest::prop_assert_eq!((months - 1) * monthly + p.last_payment, p.remaining);
            } else {
                proptest::prop_assert_eq!(p.months, 0);
                proptest::prop_assert_eq!(p.last_payment, 0);
            }
            proptest::prop_assert_eq!(p.years * 12 + p.rest_months, p.months);
            proptest::prop_assert!(p.rest_months < 12);
        }
    }
}
