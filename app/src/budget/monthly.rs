//! The detailed monthly budget: one amount per line of income and spending, grouped in
//! categories, giving the "reste à vivre" (income minus compulsory charges), what is left
//! once everyday and irregular spending are also paid, and the debt ratio.
use super::{
    debt,
    money::{AmountError, Cents},
    quick::{DAYS_PER_MONTH, MAX_HOUSEHOLD},
};
use serde::{Deserialize, Serialize};

/// The groups budget lines belong to, in the order the form shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    /// What comes in each month: wages, benefits, pensions.
    Income,
    /// Charges fixes: rent, energy, water, insurance, phone, transport pass, taxes,
    /// mutuelle, childcare and canteen.
    Fixed,
    /// Vie courante: food, hygiene and household, clothing, leisure.
    Everyday,
    /// Dépenses irrégulières: typed as a yearly amount, because that is how people know
    /// them (a school year, a car service), and spread over the months.
    Irregular,
    /// Remboursements de crédits: consumer credit, mortgage, other debts.
    Loans,
}

impl Category {
    /// Every category, in form order.
    pub const ALL: [Category; 5] = [
        Category::Income,
        Category::Fixed,
        Category::Everyday,
        Category::Irregular,
        Category::Loans,
    ];

    /// Key of the category's title in the translation catalogue.
    pub fn key(self) -> &'static str {
        match self {
            Category::Income => "budget-cat-income",
            Category::Fixed => "budget-cat-fixed",
            Category::Everyday => "budget-cat-everyday",
            Category::Irregular => "budget-cat-irregular",
            Category::Loans => "budget-cat-loans",
        }
    }
}

/// One line of the budget form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// Short ASCII kebab-case name, used as the form field name.
    pub id: &'static str,
    /// Key of the line's label in the translation catalogue: `budget-line-<id>`.
    pub key: &'static str,
    /// The group the line is added to.
    pub category: Category,
}

const fn line(id: &'static str, key: &'static str, category: Category) -> Line {
    Line { id, key, category }
}

/// Every line of the form, in form order. `MonthlyBudgetInput::amounts` is indexed like
/// this table, so lines may be added but never reordered without migrating saved forms.
pub const LINES: &[Line] = &[
    line("salaire", "budget-line-salaire", Category::Income),
    // RSA, prime d'activité, APL and family allowances arrive as one CAF payment.
    line("caf", "budget-line-caf", Category::Income),
    line("aah", "budget-line-aah", Category::Income),
    line("retraite", "budget-line-retraite", Category::Income),
    line(
        "pension-alimentaire",
        "budget-line-pension-alimentaire",
        Category::Income,
    ),
    line(
        "autres-revenus",
        "budget-line-autres-revenus",
        Category::Income,
    ),
    line("loyer", "budget-line-loyer", Category::Fixed),
    line("energie", "budget-line-energie", Category::Fixed),
    line("eau", "budget-line-eau", Category::Fixed),
    line("assurances", "budget-line-assurances", Category::Fixed),
    line(
        "telephone-internet",
        "budget-line-telephone-internet",
        Category::Fixed,
    ),
    line("transport", "budget-line-transport", Category::Fixed),
    // Monthly instalments of income tax and local taxes (prélèvement mensuel).
    line("impots", "budget-line-impots", Category::Fixed),
    line("mutuelle", "budget-line-mutuelle", Category::Fixed),
    line(
        "garde-cantine",
        "budget-line-garde-cantine",
        Category::Fixed,
    ),
    line(
        "alimentation",
        "budget-line-alimentation",
        Category::Everyday,
    ),
    line(
        "hygiene-maison",
        "budget-line-hygiene-maison",
        Category::Everyday,
    ),
    line("vetements", "budget-line-vetements", Category::Everyday),
    line(
        "loisirs-divers",
        "budget-line-loisirs-divers",
        Category::Everyday,
    ),
    line(
        "frais-scolaires",
        "budget-line-frais-scolaires",
        Category::Irregular,
    ),
    line(
        "entretien-vehicule",
        "budget-line-entretien-vehicule",
        Category::Irregular,
    ),
    line(
        "fetes-cadeaux",
        "budget-line-fetes-cadeaux",
        Category::Irregular,
    ),
    // Taxes paid once a year, and any other yearly bill.
    line(
        "annuel-autres",
        "budget-line-annuel-autres",
        Category::Irregular,
    ),
    line("credit-conso", "budget-line-credit-conso", Category::Loans),
    line(
        "credit-immobilier",
        "budget-line-credit-immobilier",
        Category::Loans,
    ),
    line(
        "autres-dettes",
        "budget-line-autres-dettes",
        Category::Loans,
    ),
];

/// The lines of one category, with their index in [`LINES`].
pub fn lines_of(category: Category) -> impl Iterator<Item = (usize, &'static Line)> {
    LINES
        .iter()
        .enumerate()
        .filter(move |(_, line)| line.category == category)
}

/// What the person typed, kept as text so that a refused form comes back as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyBudgetInput {
    /// One amount per line, indexed like [`LINES`]. A missing index counts as blank;
    /// indexes beyond `LINES` are ignored, so a form from an older table still works.
    pub amounts: Vec<String>,
    /// Number of people in the household; blank counts as one.
    pub household: String,
}

/// Which field was refused, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MonthlyBudgetError {
    /// The line at this index in [`LINES`] is not a valid amount.
    Line(usize, AmountError),
    /// The household is not a whole number from 1 to [`MAX_HOUSEHOLD`].
    Household,
}

impl MonthlyBudgetError {
    /// Key of the message in the translation catalogue.
    pub fn message_key(self) -> &'static str {
        match self {
            MonthlyBudgetError::Line(_, e) => e.message_key(),
            // Same rule and same bound as the quick estimate, so the same message.
            MonthlyBudgetError::Household => "quick-household-error",
        }
    }
}

/// A plain reading of the result, shown with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reading {
    /// Spending is above income: the balance is negative.
    Shortfall,
    /// Everything is paid but less than 10 % of income is left (or there is no income).
    Tight,
    /// At least 10 % of income is left once everything is paid.
    Room,
}

impl Reading {
    /// Key of the message in the translation catalogue.
    pub fn message_key(self) -> &'static str {
        match self {
            Reading::Shortfall => "budget-reading-shortfall",
            Reading::Tight => "budget-reading-tight",
            Reading::Room => "budget-reading-room",
        }
    }
}

/// The budget, in cents per month unless said otherwise. Differences can be negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyBudget {
    /// Sum of the income lines.
    pub income: i64,
    /// Sum of the fixed charges.
    pub fixed: i64,
    /// Sum of the everyday spending.
    pub everyday: i64,
    /// Sum of the irregular spending, per year, as typed.
    pub irregular_per_year: i64,
    /// `irregular_per_year / 12`, rounded up so that a charge is never understated.
    pub irregular_per_month: i64,
    /// Sum of the loan repayments.
    pub loans: i64,
    /// Compulsory charges: `fixed + loans`.
    pub compulsory: i64,
    /// Reste à vivre: monthly income minus compulsory charges, `income - compulsory`.
    pub reste_a_vivre: i64,
    /// Reste à vivre per day, rounded down (towards the worse when negative).
    pub reste_per_day: i64,
    /// Reste à vivre per household member, rounded down.
    pub reste_per_person: i64,
    /// What is left once everything is paid: `reste_a_vivre - everyday - irregular_per_month`.
    pub balance: i64,
    /// `loans / income` in per-mille, rounded half up; `None` when income is zero.
    pub debt_ratio_permille: Option<i64>,
    /// Whether loans are strictly above [`debt::REFERENCE_PERMILLE`] of income (compared
    /// exactly, see [`debt::DebtRatio`]); always true for loans with no income at all.
    pub debt_above_reference: bool,
    /// The plain reading of `balance`.
    pub reading: Reading,
}

/// Divides rounding towards negative infinity, so that a shortfall is never understated.
fn div_floor(a: i64, b: i64) -> i64 {
    a.div_euclid(b)
}

/// Divides a non-negative amount rounding up, so that a charge is never understated.
fn div_ceil(a: i64, b: i64) -> i64 {
    -(-a).div_euclid(b)
}

impl MonthlyBudgetInput {
    /// Validates every line and the household; returns every refused field, in form
    /// order (the lines, then the household).
    pub fn compute(&self) -> Result<MonthlyBudget, Vec<MonthlyBudgetError>> {
        let mut errors = Vec::new();
        let mut amounts = Vec::with_capacity(LINES.len());
        for index in 0..LINES.len() {
            let typed = self.amounts.get(index).map_or("", String::as_str);
            match Cents::parse(typed) {
                Ok(c) => amounts.push(c),
                Err(e) => errors.push(MonthlyBudgetError::Line(index, e)),
            }
        }
        let household = match self.household.trim() {
            "" => Some(1),
            s => match s.parse::<u32>() {
                Ok(n) if (1..=MAX_HOUSEHOLD).contains(&n) => Some(n),
                _ => {
                    errors.push(MonthlyBudgetError::Household);
                    None
                }
            },
        };
        match household {
            Some(household) if errors.is_empty() => {
                Ok(MonthlyBudget::from_cents(&amounts, household))
            }
            _ => Err(errors),
        }
    }
}

impl MonthlyBudget {
    /// The budget from amounts already validated, indexed like [`LINES`] (missing lines
    /// count as zero, extra ones are ignored).
    pub fn from_cents(amounts: &[Cents], household: u32) -> MonthlyBudget {
        // Each line is at most MAX_CENTS, so even every line summed stays far inside i64.
        let total = |category| -> i64 {
            lines_of(category)
                .map(|(index, _)| amounts.get(index).map_or(0, |c| c.get()))
                .sum()
        };
        let income = total(Category::Income);
        let fixed = total(Category::Fixed);
        let everyday = total(Category::Everyday);
        let irregular_per_year = total(Category::Irregular);
        let irregular_per_month = div_ceil(irregular_per_year, 12);
        let loans = total(Category::Loans);
        let compulsory = fixed + loans;
        let reste_a_vivre = income - compulsory;
        let balance = reste_a_vivre - everyday - irregular_per_month;
        let reading = if balance < 0 {
            Reading::Shortfall
        } else if income == 0 || balance * 10 < income {
            Reading::Tight
        } else {
            Reading::Room
        };
        MonthlyBudget {
            income,
            fixed,
            everyday,
            irregular_per_year,
            irregular_per_month,
            loans,
            compulsory,
            reste_a_vivre,
            reste_per_day: div_floor(reste_a_vivre, DAYS_PER_MONTH),
            reste_per_person: div_floor(reste_a_vivre, i64::from(household.max(1))),
            balance,
            debt_ratio_permille: debt::permille(loans, income),
            debt_above_reference: debt::above_reference(loans, income),
            reading,
        }
    }

    /// The monthly total of one category (irregular spending spread per month).
    pub fn category_total(&self, category: Category) -> i64 {
        match category {
            Category::Income => self.income,
            Category::Fixed => self.fixed,
            Category::Everyday => self.everyday,
            Category::Irregular => self.irregular_per_month,
            Category::Loans => self.loans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn index(id: &str) -> usize {
        LINES
            .iter()
            .position(|line| line.id == id)
            .unwrap_or_else(|| panic!("no line {id}"))
    }

    /// A form with the given lines filled in, the others left blank.
    fn input(filled: &[(&str, &str)], household: &str) -> MonthlyBudgetInput {
        let mut amounts = vec![String::new(); LINES.len()];
        for (id, amount) in filled {
            amounts[index(id)] = (*amount).into();
        }
        MonthlyBudgetInput {
            amounts,
            household: household.into(),
        }
    }

    #[test]
    fn every_line_has_a_unique_kebab_case_id_and_a_matching_key() {
        assert!((20..=30).contains(&LINES.len()));
        for (i, line) in LINES.iter().enumerate() {
            assert!(!line.id.is_empty());
            assert!(line
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert!(!line.id.starts_with('-') && !line.id.ends_with('-'));
            assert_eq!(line.key, format!("budget-line-{}", line.id));
            assert!(LINES[..i].iter().all(|other| other.id != line.id));
        }
    }

    #[test]
    fn every_category_has_lines_and_they_come_in_form_order() {
        for category in Category::ALL {
            assert!(lines_of(category).count() > 0, "{category:?} has no line");
        }
        let order: Vec<Category> = LINES.iter().map(|line| line.category).collect();
        let mut sorted = order.clone();
        sorted.sort_by_key(|c| Category::ALL.iter().position(|x| x == c));
        assert_eq!(order, sorted);
        assert_eq!(
            Category::ALL.map(Category::key),
            [
                "budget-cat-income",
                "budget-cat-fixed",
                "budget-cat-everyday",
                "budget-cat-irregular",
                "budget-cat-loans"
            ]
        );
    }

    #[test]
    fn a_typical_budget_adds_up() {
        let b = input(
            &[
                ("salaire", "1 450"),
                ("caf", "250,50"),
                ("loyer", "520"),
                ("energie", "80"),
                ("assurances", "30"),
                ("alimentation", "350"),
                ("vetements", "40"),
                ("frais-scolaires", "240"),
                ("fetes-cadeaux", "120"),
                ("credit-conso", "110"),
            ],
            "2",
        )
        .compute()
        .unwrap();
        assert_eq!(b.income, 170_050);
        assert_eq!(b.fixed, 63_000);
        assert_eq!(b.loans, 11_000);
        assert_eq!(b.compulsory, 74_000);
        assert_eq!(b.reste_a_vivre, 96_050);
        assert_eq!(b.reste_per_day, 3_201);
        assert_eq!(b.reste_per_person, 48_025);
        assert_eq!(b.everyday, 39_000);
        assert_eq!(b.irregular_per_year, 36_000);
        assert_eq!(b.irregular_per_month, 3_000);
        assert_eq!(b.balance, 96_050 - 39_000 - 3_000);
        // 110 / 1 700,50 = 64.69‰ → 65.
        assert_eq!(b.debt_ratio_permille, Some(65));
        assert!(!b.debt_above_reference);
        assert_eq!(b.reading, Reading::Room);
        assert_eq!(b.category_total(Category::Irregular), 3_000);
    }

    #[test]
    fn irregular_spending_is_spread_per_month_rounding_up() {
        let b = input(&[("entretien-vehicule", "100")], "")
            .compute()
            .unwrap();
        // 10 000 cents / 12 = 833.33: 834 a month, so the year is covered.
        assert_eq!(b.irregular_per_month, 834);
        let b = input(&[("entretien-vehicule", "0,01")], "")
            .compute()
            .unwrap();
        assert_eq!(b.irregular_per_month, 1);
        let b = input(&[("frais-scolaires", "120")], "").compute().unwrap();
        assert_eq!(b.irregular_per_month, 1_000);
    }

    #[test]
    fn the_debt_ratio_is_rounded_half_up() {
        // 1 / 2 000 = 0.5‰ → 1‰.
        let b = input(&[("salaire", "20"), ("credit-conso", "0,01")], "")
            .compute()
            .unwrap();
        assert_eq!(b.debt_ratio_permille, Some(1));
        // 1 / 2 001 just under 0.5‰ → 0‰.
        let b = input(&[("salaire", "20,01"), ("credit-conso", "0,01")], "")
            .compute()
            .unwrap();
        assert_eq!(b.debt_ratio_permille, Some(0));
    }

    #[test]
    fn loans_of_exactly_35_percent_are_not_above_the_reference() {
        let b = input(&[("salaire", "2 000"), ("credit-immobilier", "700")], "")
            .compute()
            .unwrap();
        assert_eq!(b.debt_ratio_permille, Some(350));
        assert!(!b.debt_above_reference);
        let b = input(&[("salaire", "2 000"), ("credit-immobilier", "700,01")], "")
            .compute()
            .unwrap();
        assert!(b.debt_above_reference);
    }

    #[test]
    fn zero_income_gives_no_ratio_and_a_tight_or_short_reading() {
        let b = input(&[], "").compute().unwrap();
        assert_eq!(b.income, 0);
        assert_eq!(b.debt_ratio_permille, None);
        assert!(!b.debt_above_reference);
        assert_eq!(b.balance, 0);
        assert_eq!(b.reading, Reading::Tight);

        let b = input(&[("autres-dettes", "50")], "").compute().unwrap();
        assert_eq!(b.debt_ratio_permille, None);
        assert!(b.debt_above_reference);
        assert_eq!(b.reading, Reading::Shortfall);
    }

    #[test]
    fn a_negative_reste_a_vivre_is_rounded_towards_the_worse() {
        let b = input(&[("retraite", "900"), ("loyer", "1000,01")], "3")
            .compute()
            .unwrap();
        assert_eq!(b.reste_a_vivre, -10_001);
        assert_eq!(b.reste_per_day, -334);
        assert_eq!(b.reste_per_person, -3_334);
        assert_eq!(b.balance, -10_001);
        assert_eq!(b.reading, Reading::Shortfall);
        assert_eq!(b.reading.message_key(), "budget-reading-shortfall");
    }

    #[test]
    fn the_reading_turns_tight_below_ten_percent_of_income() {
        // Balance 100 € on 1 000 €: exactly 10 %, still room.
        let b = input(&[("salaire", "1 000"), ("alimentation", "900")], "")
            .compute()
            .unwrap();
        assert_eq!(b.reading, Reading::Room);
        let b = input(&[("salaire", "1 000"), ("alimentation", "900,01")], "")
            .compute()
            .unwrap();
        assert_eq!(b.reading, Reading::Tight);
        assert_eq!(b.reading.message_key(), "budget-reading-tight");
        assert_eq!(Reading::Room.message_key(), "budget-reading-room");
    }

    #[test]
    fn a_household_of_twenty_is_accepted_and_twenty_one_refused() {
        let b = input(&[("salaire", "2 000")], "20").compute().unwrap();
        assert_eq!(b.reste_per_person, 10_000);
        assert_eq!(
            input(&[("salaire", "2 000")], "21").compute().unwrap_err(),
            vec![MonthlyBudgetError::Household]
        );
        assert_eq!(
            input(&[], "0").compute().unwrap_err(),
            vec![MonthlyBudgetError::Household]
        );
        assert_eq!(
            input(&[], "2,5").compute().unwrap_err(),
            vec![MonthlyBudgetError::Household]
        );
    }

    #[test]
    fn every_bad_field_is_named_in_form_order() {
        let errors = input(
            &[
                ("autres-dettes", "-1"),
                ("salaire", "abc"),
                ("loyer", "1,234"),
                ("alimentation", "99999999999"),
            ],
            "deux",
        )
        .compute()
        .unwrap_err();
        assert_eq!(
            errors,
            vec![
                MonthlyBudgetError::Line(index("salaire"), AmountError::NotANumber),
                MonthlyBudgetError::Line(index("loyer"), AmountError::TooPrecise),
                MonthlyBudgetError::Line(index("alimentation"), AmountError::TooLarge),
                MonthlyBudgetError::Line(index("autres-dettes"), AmountError::Negative),
                MonthlyBudgetError::Household,
            ]
        );
        assert_eq!(errors[0].message_key(), "amount-error-not-a-number");
        assert_eq!(errors[4].message_key(), "quick-household-error");
    }

    #[test]
    fn missing_lines_count_as_blank_and_extra_ones_are_ignored() {
        let short = MonthlyBudgetInput {
            amounts: vec!["1 000".into()],
            household: String::new(),
        };
        let b = short.compute().unwrap();
        assert_eq!(b.income, 100_000);
        assert_eq!(b.fixed, 0);

        let mut long = short.clone();
        long.amounts.resize(LINES.len(), String::new());
        long.amounts.push("not even a number".into());
        assert_eq!(long.compute(), Ok(b));
        assert_eq!(MonthlyBudgetInput::default().compute().unwrap().income, 0);
    }

    #[test]
    fn the_largest_amounts_on_every_line_do_not_overflow() {
        let full = MonthlyBudgetInput {
            amounts: vec!["10 000 000".into(); LINES.len()],
            household: "20".into(),
        };
        let b = full.compute().unwrap();
        let count = |c| i64::try_from(lines_of(c).count()).unwrap();
        assert_eq!(b.income, count(Category::Income) * 1_000_000_000);
        assert!(b.debt_ratio_permille.is_some());
    }

    /// Formats cents the way a person would type them, to go through the parser too.
    fn typed(cents: i64) -> String {
        format!("{},{:02}", cents / 100, cents % 100)
    }

    proptest! {
        #[test]
        fn each_total_is_the_sum_of_its_lines(
            cents in proptest::collection::vec(proptest::option::of(0i64..=1_000_000_000), 0..=LINES.len() + 3),
            household in 1u32..=MAX_HOUSEHOLD,
        ) {
            let form = MonthlyBudgetInput {
                amounts: cents.iter().map(|c| c.map(typed).unwrap_or_default()).collect(),
                household: household.to_string(),
            };
            let b = form.compute().unwrap();
            let sum = |category| -> i64 {
                lines_of(category)
                    .map(|(i, _)| cents.get(i).copied().flatten().unwrap_or(0))
                    .sum()
            };
            prop_assert_eq!(b.income, sum(Category::Income));
            prop_assert_eq!(b.fixed, sum(Category::Fixed));
            prop_assert_eq!(b.everyday, sum(Category::Everyday));
            prop_assert_eq!(b.irregular_per_year, sum(Category::Irregular));
            prop_assert_eq!(b.loans, sum(Category::Loans));
            for category in Category::ALL {
                let expected = if category == Category::Irregular {
                    (sum(category) + 11) / 12
                } else {
                    sum(category)
                };
                prop_assert_eq!(b.category_total(category), expected);
            }
            // Spread over twelve months, irregular spending covers the year, by less than a month's cent each.
            prop_assert!(b.irregular_per_month * 12 >= b.irregular_per_year);
            prop_assert!(b.irregular_per_month * 12 - b.irregular_per_year < 12);

            prop_assert_eq!(b.compulsory, b.fixed + b.loans);
            prop_assert_eq!(b.reste_a_vivre, b.income - b.fixed - b.loans);
            prop_assert_eq!(b.balance, b.reste_a_vivre - b.everyday - b.irregular_per_month);
            prop_assert!(b.reste_per_day * DAYS_PER_MONTH <= b.reste_a_vivre);
            prop_assert!(b.reste_a_vivre - b.reste_per_day * DAYS_PER_MONTH < DAYS_PER_MONTH);
            prop_assert!(b.reste_per_person * i64::from(household) <= b.reste_a_vivre);
            prop_assert_eq!(b.debt_ratio_permille.is_none(), b.income == 0);
            prop_assert_eq!(b.reading == Reading::Shortfall, b.balance < 0);
        }
    }
}
