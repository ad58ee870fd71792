//! The debt ratio ("taux d'endettement"): the share of monthly income that goes to loan
//! repayments, compared with the 35 % reference, before and after a credit being considered.
use super::money::{AmountError, Cents};
use serde::{Deserialize, Serialize};

/// The reference debt ratio, in per-mille: 35 %, the ceiling the HCSF (Haut Conseil de
/// stabilité financière) sets for mortgage lenders. It is a reference, not a law for
/// every credit, which is why results say "above the reference" rather than "refused".
pub const REFERENCE_PERMILLE: i64 = 350;

/// `part / whole` in per-mille, rounded half up; `None` when `whole` is not positive,
/// since a ratio of nothing has no meaning.
///
/// Callers pass sums of amounts bounded by [`super::money::MAX_CENTS`], so the products
/// stay far inside `i64`.
pub(super) fn permille(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 {
        return None;
    }
    // (2·1000·part + whole) / (2·whole), floored, is 1000·part/whole rounded half up,
    // without the error an `whole / 2` shortcut would make for odd `whole`.
    Some((2 * 1000 * part + whole).div_euclid(2 * whole))
}

/// Whether `repayments` are strictly above the reference share of `income`.
///
/// Compared on the exact fraction, not on the rounded per-mille, so that the flag always
/// agrees with [`room_before_reference`] being negative: 35.04 % is shown as 35.0 % yet
/// flagged, which errs on the side of caution. Repayments with no income at all are above.
pub(super) fn above_reference(repayments: i64, income: i64) -> bool {
    repayments * 1000 > REFERENCE_PERMILLE * income
}

/// Monthly repayment, in cents, that still fits under the reference: the reference share
/// of income rounded down (never promising a cent too many), minus current repayments.
/// Negative when the reference is already exceeded.
pub(super) fn room_before_reference(repayments: i64, income: i64) -> i64 {
    (REFERENCE_PERMILLE * income).div_euclid(1000) - repayments
}

/// What the person typed, kept as text so that a refused form comes back as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtRatioInput {
    /// Monthly income of the household.
    pub income: String,
    /// Monthly repayments of the credits already running.
    pub repayments: String,
    /// Monthly repayment of a credit being considered; blank when there is none.
    pub new_repayment: String,
}

/// Which field was refused, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DebtRatioError {
    /// The income is not a valid amount.
    Income(AmountError),
    /// The current repayments are not a valid amount.
    Repayments(AmountError),
    /// The new repayment is not a valid amount.
    NewRepayment(AmountError),
    /// The income is zero: no share of it can be computed.
    NoIncome,
}

impl DebtRatioError {
    /// Key of the message in the translation catalogue.
    pub fn message_key(self) -> &'static str {
        match self {
            DebtRatioError::Income(e)
            | DebtRatioError::Repayments(e)
            | DebtRatioError::NewRepayment(e) => e.message_key(),
            DebtRatioError::NoIncome => "debt-no-income-error",
        }
    }
}

/// The debt ratio now and, when a new credit was typed, with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtRatio {
    /// Current repayments / income, in per-mille, rounded half up.
    pub current_permille: i64,
    /// (Current + new repayment) / income, in per-mille; `None` without a new credit.
    pub with_new_permille: Option<i64>,
    /// Whether current repayments are strictly above [`REFERENCE_PERMILLE`].
    pub current_above: bool,
    /// Whether repayments with the new credit would be above; `None` without one.
    pub with_new_above: Option<bool>,
    /// Cents of monthly repayment still under the reference before the new credit,
    /// rounded down; negative when the reference is already exceeded.
    pub room_before_reference: i64,
}

impl DebtRatioInput {
    /// Validates the three fields; returns every refused field, in form order.
    pub fn compute(&self) -> Result<DebtRatio, Vec<DebtRatioError>> {
        let mut errors = Vec::new();
        let income = match Cents::parse(&self.income) {
            Ok(c) if c == Cents::ZERO => {
                errors.push(DebtRatioError::NoIncome);
                None
            }
            Ok(c) => Some(c),
            Err(e) => {
                errors.push(DebtRatioError::Income(e));
                None
            }
        };
        let repayments =
            Cents::parse(&self.repayments).map_err(|e| errors.push(DebtRatioError::Repayments(e)));
        // Only a blank field means "no new credit": a typed 0 is still a comparison asked for.
        let new_repayment = if self.new_repayment.trim().is_empty() {
            Ok(None)
        } else {
            Cents::parse(&self.new_repayment)
                .map(Some)
                .map_err(|e| errors.push(DebtRatioError::NewRepayment(e)))
        };
        match (income, repayments, new_repayment) {
            (Some(income), Ok(repayments), Ok(new_repayment)) => {
                DebtRatio::from_cents(income, repayments, new_repayment).ok_or(errors)
            }
            _ => Err(errors),
        }
    }
}

impl DebtRatio {
    /// The ratio from amounts already validated; `None` when income is zero.
    pub fn from_cents(
        income: Cents,
        repayments: Cents,
        new_repayment: Option<Cents>,
    ) -> Option<DebtRatio> {
        let income = income.get();
        let repayments = repayments.get();
        let with_new = new_repayment.map(|n| repayments + n.get());
        Some(DebtRatio {
            current_permille: permille(repayments, income)?,
            with_new_permille: match with_new {
                Some(total) => Some(permille(total, income)?),
                None => None,
            },
            current_above: above_reference(repayments, income),
            with_new_above: with_new.map(|total| above_reference(total, income)),
            room_before_reference: room_before_reference(repayments, income),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(income: &str, repayments: &str, new_repayment: &str) -> DebtRatioInput {
        DebtRatioInput {
            income: income.into(),
            repayments: repayments.into(),
            new_repayment: new_repayment.into(),
        }
    }

    #[test]
    fn a_ratio_of_exactly_35_percent_is_not_above_the_reference() {
        let r = input("2 000", "700", "").compute().unwrap();
        assert_eq!(r.current_permille, 350);
        assert!(!r.current_above);
        assert_eq!(r.room_before_reference, 0);
        assert_eq!(r.with_new_permille, None);
        assert_eq!(r.with_new_above, None);
    }

    #[test]
    fn one_cent_above_35_percent_is_flagged_even_when_it_rounds_to_35() {
        let r = input("2 000", "700,01", "").compute().unwrap();
        assert_eq!(r.current_permille, 350);
        assert!(r.current_above);
        assert_eq!(r.room_before_reference, -1);
    }

    #[test]
    fn the_ratio_is_rounded_half_up_to_the_per_mille() {
        // 1/3 = 333.33‰ → 333; 2/3 = 666.67‰ → 667; 1/8 = 125‰ exactly.
        assert_eq!(permille(1, 3), Some(333));
        assert_eq!(permille(2, 3), Some(667));
        assert_eq!(permille(1, 8), Some(125));
        // 1/2000 = 0.5‰ → 1; 1/2001 just below a half → 0.
        assert_eq!(permille(1, 2000), Some(1));
        assert_eq!(permille(1, 2001), Some(0));
        assert_eq!(permille(5, 0), None);
    }

    #[test]
    fn a_new_credit_is_compared_with_the_current_situation() {
        let r = input("1 800", "300", "450").compute().unwrap();
        assert_eq!(r.current_permille, 167);
        assert!(!r.current_above);
        assert_eq!(r.with_new_permille, Some(417));
        assert_eq!(r.with_new_above, Some(true));
        // 35 % of 1 800 € is 630 €: 330 € of room before the new credit.
        assert_eq!(r.room_before_reference, 33_000);
    }

    #[test]
    fn a_new_credit_that_fits_stays_under_the_reference() {
        let r = input("1 800", "300", "330").compute().unwrap();
        assert_eq!(r.with_new_permille, Some(350));
        assert_eq!(r.with_new_above, Some(false));
    }

    #[test]
    fn a_typed_zero_new_credit_is_still_compared() {
        let r = input("1 000", "100", "0").compute().unwrap();
        assert_eq!(r.with_new_permille, Some(100));
        assert_eq!(r.with_new_above, Some(false));
    }

    #[test]
    fn the_room_is_rounded_down_so_it_never_promises_a_cent_too_many() {
        // 35 % of 10,01 € is 3,5035 €: 350 cents of room, not 351.
        let r = input("10,01", "", "").compute().unwrap();
        assert_eq!(r.room_before_reference, 350);
    }

    #[test]
    fn zero_income_is_refused_because_no_ratio_can_be_computed() {
        assert_eq!(
            input("", "200", "").compute().unwrap_err(),
            vec![DebtRatioError::NoIncome]
        );
        assert_eq!(
            input("0", "", "").compute().unwrap_err(),
            vec![DebtRatioError::NoIncome]
        );
        assert_eq!(
            DebtRatioError::NoIncome.message_key(),
            "debt-no-income-error"
        );
    }

    #[test]
    fn every_bad_field_is_named_in_form_order() {
        assert_eq!(
            input("abc", "-3", "1,234").compute().unwrap_err(),
            vec![
                DebtRatioError::Income(AmountError::NotANumber),
                DebtRatioError::Repayments(AmountError::Negative),
                DebtRatioError::NewRepayment(AmountError::TooPrecise),
            ]
        );
        assert_eq!(
            input("0", "x", "").compute().unwrap_err(),
            vec![
                DebtRatioError::NoIncome,
                DebtRatioError::Repayments(AmountError::NotANumber),
            ]
        );
        assert_eq!(
            DebtRatioError::Repayments(AmountError::Negative).message_key(),
            "amount-error-negative"
        );
    }

    proptest::proptest! {
        #[test]
        fn the_flag_and_the_room_always_agree(income in 1i64..=1_000_000_000, repayments in 0i64..=1_000_000_000) {
            let r = DebtRatio::from_cents(Cents::new(income).unwrap(), Cents::new(repayments).unwrap(), None).unwrap();
            proptest::prop_assert_eq!(r.current_above, r.room_before_reference < 0);
            // Paying exactly the room lands on or under the reference, one cent more above it.
            let at_room = repayments + r.room_before_reference;
            proptest::prop_assert!(!above_reference(at_room, income));
            proptest::prop_assert!(above_reference(at_room + 1, income));
        }

        #[test]
        fn the_rounded_ratio_is_within_half_a_per_mille(income in 1i64..=1_000_000_000, repayments in 0i64..=1_000_000_000) {
            let p = permille(repayments, income).unwrap();
            // |p - 1000·r/i| ≤ 1/2, i.e. |2·i·p - 2000·r| ≤ i, with ties going up.
            let gap = 2 * income * p - 2000 * repayments;
            proptest::prop_assert!(-income < gap && gap <= income);
        }

        #[test]
        fn a_new_credit_never_lowers_the_ratio(income in 1i64..=1_000_000_000, repayments in 0i64..=1_000_000_000, new in 0i64..=1_000_000_000) {
            let r = DebtRatio::from_cents(Cents::new(income).unwrap(), Cents::new(repayments).unwrap(), Some(Cents::new(new).unwrap())).unwrap();
            proptest::prop_assert!(r.with_new_permille.unwrap() >= r.current_permille);
            proptest::prop_assert!(r.with_new_above.unwrap() || !r.current_above);
        }
    }
}
