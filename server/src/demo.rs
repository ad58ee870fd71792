//! Demo data for local runs and demonstrations (`server seed-demo`, called by
//! `scripts/start.sh` outside production): the CCAS and two invented partner banks,
//! places with obviously fictitious addresses, one account per role with fixed
//! passwords (listed in the README), and three upcoming workshops, one nearly full and
//! one with a waiting list. Never in production. Idempotent: what exists is left as it
//! is, so running it again changes nothing and duplicates nothing.
use app::{
    db::{Store, StoreError},
    joint::model::{SessionKind, ValidProposal},
    lessons::render::render_markdown,
    staff::{
        auth,
        model::{OrganisationKind, Role},
    },
    workshops::{
        model::{paris_timestamp, Place, SignUp},
        store::{NewWorkshop, Registered},
        tokens,
    },
};
use chrono::{DateTime, Days, Utc};
use thiserror::Error;

/// Why the demo data was not seeded.
#[derive(Debug, Error)]
pub enum DemoError {
    #[error("demo data is never seeded when REPERES_ENV=production")]
    Production,
    #[error("database error: {0}")]
    Store(#[from] StoreError),
    #[error("password hashing failed")]
    Hashing,
    #[error("demo setup inconsistent: {0}")]
    Inconsistent(&'static str),
}

/// A demo staff account. The passwords are public (README): demo only.
#[derive(Clone, Copy, Debug)]
pub struct DemoAccount {
    pub email: &'static str,
    pub password: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub organisation: &'static str,
}

const CCAS: &str = "CCAS de Besançon";
const BANK_A: &str = "Banque partenaire A (démo)";
const BANK_B: &str = "Banque partenaire B (démo)";

/// The CCAS and two invented banks (never the name of a real bank).
pub const ORGANISATIONS: [(&str, OrganisationKind); 3] = [
    (CCAS, OrganisationKind::Ccas),
    (BANK_A, OrganisationKind::Bank),
    (BANK_B, OrganisationKind::Bank),
];

/// One account per role and side; none has to change its password at first login.
pub const ACCOUNTS: [DemoAccount; 5] = [
    DemoAccount {
        email: "admin@demo.reperes.fr",
        password: "demo reperes besancon",
        name: "Administratrice démo",
        role: Role::Admin,
        organisation: CCAS,
    },
    DemoAccount {
        email: "coordination-ccas@demo.reperes.fr",
        password: "demo coordination ccas",
        name: "Coordinatrice CCAS (démo)",
        role: Role::Coordinator,
        organisation: CCAS,
    },
    DemoAccount {
        email: "coordination-banque@demo.reperes.fr",
        password: "demo coordination banque",
        name: "Coordinateur banque A (démo)",
        role: Role::Coordinator,
        organisation: BANK_A,
    },
    DemoAccount {
        email: "formation-ccas@demo.reperes.fr",
        password: "demo formation ccas",
        name: "Formatrice CCAS (démo)",
        role: Role::Trainer,
        organisation: CCAS,
    },
    DemoAccount {
        email: "formation-banque@demo.reperes.fr",
        password: "demo formation banque",
        name: "Formateur banque B (démo)",
        role: Role::Trainer,
        organisation: BANK_B,
    },
];

struct DemoPlace {
    name: &'static str,
    address: &'static str,
    access: &'static str,
    accessibility: &'static str,
    capacity: i64,
    step_free: bool,
    hearing_loop: bool,
    organisation: &'static str,
}

/// Places with addresses that are obviously invented.
const PLACES: [DemoPlace; 3] = [
    DemoPlace {
        name: "Salle de démonstration 1",
        address: "1 rue de l'Exemple, Besançon (adresse fictive)",
        access: "Bus : arrêt « Exemple » (fictif), à 2 minutes à pied.",
        accessibility: "Toilettes adaptées au rez-de-chaussée.",
        capacity: 20,
        step_free: true,
        hearing_loop: true,
        organisation: CCAS,
    },
    DemoPlace {
        name: "Salle de démonstration 2",
        address: "2 avenue de la Démonstration, Besançon (adresse fictive)",
        access: "Tram : arrêt « Démonstration » (fictif).",
        accessibility: "",
        capacity: 15,
        step_free: true,
        hearing_loop: false,
        organisation: CCAS,
    },
    DemoPlace {
        name: "Agence de démonstration (banque partenaire A)",
        address: "3 place du Modèle, Besançon (adresse fictive)",
        access: "Entrée par la porte de côté.",
        accessibility:
            "Deux marches à l'entrée : une rampe amovible est installée sur demande à l'accueil.",
        capacity: 10,
        step_free: false,
        hearing_loop: false,
        organisation: BANK_A,
    },
];

struct DemoWorkshop {
    title: &'static str,
    /// A theme code that modules of `content/` use.
    theme: &'static str,
    description: &'static str,
    organisation: &'static str,
    /// The coordinator who creates it (and hosts it).
    coordinator: &'static str,
    place: &'static str,
    days_ahead: u64,
    capacity: i64,
    staff_reserved: i64,
    /// First names booked one seat each, in order: the first ones get the seats, the
    /// others wait.
    bookings: &'static [&'static str],
}

/// 14:00–16:00, Paris time.
const START: &str = "14:00";
const END: &str = "16:00";

const WORKSHOPS: [DemoWorkshop; 3] = [
    DemoWorkshop {
        title: "Faire son budget du mois",
        theme: "budget",
        description: "Un atelier pour faire le point sur **ce qui entre et ce qui sort** \
            chaque mois, et calculer son reste à vivre.\n\nApportez vos questions ; rien \
            n'est noté ni gardé.\n\n*Atelier de démonstration : les inscriptions sont fictives.*",
        organisation: CCAS,
        coordinator: "coordination-ccas@demo.reperes.fr",
        place: "Salle de démonstration 1",
        days_ahead: 3,
        capacity: 12,
        staff_reserved: 0,
        // 10 of 12 seats: nearly full.
        bookings: &[
            "Samia", "Louis", "Fatou", "Jérôme", "Mireille", "Ahmed", "Chloé", "Bernard", "Inès",
            "Paul",
        ],
    },
    DemoWorkshop {
        title: "Repérer les arnaques et les faux conseillers",
        theme: "fraud",
        description: "Hameçonnage, faux conseiller au téléphone, fraude à la carte : \
            les signes qui doivent alerter et **les bons réflexes**.\n\n*Atelier de \
            démonstration : les inscriptions sont fictives.*",
        organisation: BANK_A,
        coordinator: "coordination-banque@demo.reperes.fr",
        place: "Agence de démonstration (banque partenaire A)",
        days_ahead: 8,
        capacity: 8,
        staff_reserved: 0,
        // 8 seats taken, then 3 on the waiting list.
        bookings: &[
            "Yasmine", "Thierry", "Awa", "Marc", "Sophie", "Karim", "Lucie", "Denis", "Nora",
            "Julien", "Maëlle",
        ],
    },
    DemoWorkshop {
        title: "Ouvrir un compte et lire son relevé",
        theme: "account",
        description: "Le droit au compte, les frais, et comment lire un relevé ligne par \
            ligne.\n\n*Atelier de démonstration : les inscriptions sont fictives.*",
        organisation: CCAS,
        coordinator: "coordination-ccas@demo.reperes.fr",
        place: "Salle de démonstration 2",
        days_ahead: 15,
        capacity: 15,
        staff_reserved: 2,
        bookings: &["Élodie", "Rachid"],
    },
];

/// The theme codes of the demo workshops (a test checks that `content/` has them).
pub fn workshop_themes() -> impl Iterator<Item = &'static str> {
    WORKSHOPS.iter().map(|w| w.theme)
}

/// What a run created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub organisations: usize,
    pub accounts: usize,
    pub places: usize,
    pub workshops: usize,
    pub bookings: usize,
    /// Joint-session proposals waiting for answers.
    pub proposals: usize,
}

/// The guard: demo accounts with public passwords must never reach production.
pub fn refuse_in_production(production: bool) -> Result<(), DemoError> {
    if production {
        Err(DemoError::Production)
    } else {
        Ok(())
    }
}

/// Seeds what is missing of the demo, relative to `now` (Unix seconds).
pub async fn seed(store: &Store, production: bool, now: i64) -> Result<SeedReport, DemoError> {
    refuse_in_production(production)?;
    let mut report = SeedReport::default();
    let mut organisations = Vec::new();
    for (name, kind) in ORGANISATIONS {
        let id = match store.create_organisation(name, kind, now).await? {
            Some(id) => {
                report.organisations += 1;
                id
            }
            None => store.ensure_organisation(name, kind, now).await?,
        };
        organisations.push((name, id));
    }
    let organisation = |name: &str| {
        organisations
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, id)| *id)
            .ok_or(DemoError::Inconsistent("unknown organisation"))
    };

    for account in ACCOUNTS {
        // An existing account is left alone (its password may have been changed).
        if store.staff_credentials(account.email).await?.is_some() {
            continue;
        }
        let hash = auth::hash_password(account.password.to_string())
            .await
            .map_err(|_| DemoError::Hashing)?;
        let created = store
            .create_staff(
                organisation(account.organisation)?,
                account.email,
                account.name,
                account.role,
                &hash,
                false,
                now,
            )
            .await?;
        report.accounts += usize::from(created.is_some());
    }

    let existing: Vec<String> = store
        .list_places()
        .await?
        .into_iter()
        .map(|p| p.name)
        .collect();
    for place in PLACES
        .iter()
        .filter(|p| !existing.iter().any(|e| e == p.name))
    {
        store
            .create_place(
                organisation(place.organisation)?,
                place.name,
                place.address,
                place.access,
                place.accessibility,
                place.capacity,
                place.step_free,
                place.hearing_loop,
                now,
            )
            .await?;
        report.places += 1;
    }

    let places = store.list_places().await?;
    for demo in &WORKSHOPS {
        let organisation_id = organisation(demo.organisation)?;
        // One that has not ended yet (even cancelled by someone trying the demo) is
        // kept; once past, the next run schedules a new one, so the demo stays upcoming.
        let current = store
            .organisation_workshops(organisation_id)
            .await?
            .into_iter()
            .any(|w| w.title == demo.title && w.ends_at > now);
        if current {
            continue;
        }
        let place_id = places
            .iter()
            .find(|p| p.name == demo.place)
            .map(|p| p.id)
            .ok_or(DemoError::Inconsistent("unknown place"))?;
        let coordinator = store
            .staff_credentials(demo.coordinator)
            .await?
            .ok_or(DemoError::Inconsistent("unknown coordinator"))?
            .member
            .id;
        let (starts_at, ends_at) = paris_afternoon(now, demo.days_ahead)
            .ok_or(DemoError::Inconsistent("no such time in Paris"))?;
        let new = NewWorkshop {
            organisation_id,
            title: demo.title.to_string(),
            theme: demo.theme.to_string(),
            description: demo.description.to_string(),
            description_html: render_markdown(demo.description, "site externe").html,
            starts_at,
            ends_at,
            place_id,
            capacity: demo.capacity,
            staff_reserved: demo.staff_reserved,
            signup_deadline: starts_at,
            created_by: coordinator,
            hosts: vec![coordinator],
        };
        let id = store.create_workshop(&new, now).await?;
        report.workshops += 1;
        for first_name in demo.bookings {
            let signup = SignUp {
                first_name: first_name.to_string(),
                email: None,
                phone: None,
                seats: 1,
            };
            // Nobody needs these bookings' private pages: their tokens are not kept.
            let token_hash = tokens::hash(&tokens::new_token());
            match store
                .register(
                    id,
                    &signup,
                    &tokens::new_code(),
                    &token_hash,
                    None,
                    None,
                    "",
                    now,
                )
                .await?
            {
                Registered::Done { .. } => report.bookings += 1,
                Registered::Closed => return Err(DemoError::Inconsistent("sign-ups closed")),
            }
        }
    }
    report.proposals = seed_proposal(store, &places, now).await?;
    if report != SeedReport::default() {
        let detail = format!(
            "{} organisation(s), {} compte(s), {} lieu(x), {} atelier(s), {} inscription(s), {} proposition(s)",
            report.organisations,
            report.accounts,
            report.places,
            report.workshops,
            report.bookings,
            report.proposals
        );
        store.audit(None, "demo-seeded", &detail, now).await?;
    }
    Ok(report)
}

/// A joint training the CCAS coordinator proposes to the bank B trainer, three slots
/// three weeks ahead, waiting for answers; made again when none of hers is open.
/// Returns how many were made (0 or 1).
async fn seed_proposal(store: &Store, places: &[Place], now: i64) -> Result<usize, DemoError> {
    let member = |email: &'static str| async move {
        store
            .staff_credentials(email)
            .await
            .map(|c| c.map(|c| c.member.id))
    };
    let (Some(coordinator), Some(trainer)) = (
        member(ACCOUNTS[1].email).await?,
        member(ACCOUNTS[4].email).await?,
    ) else {
        return Err(DemoError::Inconsistent("unknown demo account"));
    };
    for id in store.proposals_of(coordinator).await? {
        if store
            .proposal(id)
            .await?
            .is_some_and(|p| p.status == "open" && p.slots.iter().any(|s| s.starts_at > now))
        {
            return Ok(0);
        }
    }
    let place = places
        .iter()
        .find(|p| p.name == PLACES[0].name)
        .ok_or(DemoError::Inconsistent("unknown place"))?;
    let slots = [21, 22, 23]
        .into_iter()
        .map(|days| {
            paris_afternoon(now, days).ok_or(DemoError::Inconsistent("no such time in Paris"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let proposal = ValidProposal {
        kind: SessionKind::ProfessionalTraining,
        title: "Comprendre l'action sociale (formation commune)".into(),
        theme: "budget".into(),
        description: "Les équipes du CCAS présentent leurs aides et leurs démarches aux conseillers bancaires.".into(),
        place_id: place.id,
        capacity: place.capacity.min(15),
        slots,
        invitees: vec![trainer],
    };
    let organisation = store
        .staff_member(coordinator)
        .await?
        .ok_or(DemoError::Inconsistent("unknown demo account"))?
        .organisation_id;
    store
        .create_proposal(organisation, coordinator, &proposal, now)
        .await?;
    Ok(1)
}

/// 14:00 and 16:00 in Paris, `days` after the Paris day of `now`.
fn paris_afternoon(now: i64, days: u64) -> Option<(i64, i64)> {
    let today = DateTime::<Utc>::from_timestamp(now, 0)?
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let day = today.checked_add_days(Days::new(days))?.to_string();
    Some((paris_timestamp(&day, START)?, paris_timestamp(&day, END)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::staff::model::{check_new_password, valid_email};

    #[test]
    fn production_is_refused() {
        assert!(matches!(
            refuse_in_production(true),
            Err(DemoError::Production)
        ));
        assert!(refuse_in_production(false).is_ok());
    }

    #[test]
    fn one_account_per_role_and_side_with_passwords_the_policy_accepts() {
        for role in Role::ALL {
            assert!(ACCOUNTS.iter().any(|a| a.role == role), "{role:?}");
        }
        for account in ACCOUNTS {
            assert!(valid_email(account.email), "{}", account.email);
            assert_eq!(
                check_new_password(account.password, account.password, account.email),
                Ok(()),
                "{}",
                account.email
            );
            assert!(ORGANISATIONS
                .iter()
                .any(|(n, _)| *n == account.organisation));
        }
        for kind in [OrganisationKind::Ccas, OrganisationKind::Bank] {
            let side = |a: &&DemoAccount| {
                ORGANISATIONS
                    .iter()
                    .any(|(n, k)| *n == a.organisation && *k == kind)
            };
            assert!(ACCOUNTS
                .iter()
                .filter(side)
                .any(|a| a.role == Role::Coordinator));
            assert!(ACCOUNTS
                .iter()
                .filter(side)
                .any(|a| a.role == Role::Trainer));
        }
    }

    #[test]
    fn places_and_banks_are_obviously_invented() {
        for place in &PLACES {
            assert!(
                place.address.ends_with("(adresse fictive)"),
                "{}",
                place.name
            );
        }
        for (name, kind) in ORGANISATIONS {
            if kind == OrganisationKind::Bank {
                assert!(name.contains("(démo)"), "{name}");
            }
        }
    }

    #[test]
    fn workshops_fit_their_place_and_one_is_nearly_full_one_has_a_waiting_list() {
        for w in &WORKSHOPS {
            let place = PLACES.iter().find(|p| p.name == w.place).unwrap();
            assert!(w.capacity <= place.capacity, "{}", w.title);
            assert!(ACCOUNTS
                .iter()
                .any(|a| a.email == w.coordinator && a.organisation == w.organisation));
        }
        let left = |w: &DemoWorkshop| w.capacity - w.staff_reserved - w.bookings.len() as i64;
        assert!(WORKSHOPS.iter().any(|w| (1..=2).contains(&left(w))));
        assert!(WORKSHOPS.iter().any(|w| left(w) == -3));
    }

    #[test]
    fn workshops_start_at_two_in_the_afternoon_in_paris() {
        // 2026-03-27 12:00 UTC: the clocks change on the 29th, between day 0 and day 3.
        let now = 1_774_612_800;
        let (start, end) = paris_afternoon(now, 3).unwrap();
        assert_eq!(end - start, 7200);
        let local = DateTime::<Utc>::from_timestamp(start, 0)
            .unwrap()
            .with_timezone(&chrono_tz::Europe::Paris);
        assert_eq!(
            local.format("%Y-%m-%d %H:%M").to_string(),
            "2026-03-30 14:00"
        );
        assert_eq!(start % 3600, 0);
        assert_eq!((start / 3600) % 24, 12, "summer time: 12:00 UTC");
    }
}
