//! What a message says: pure composition of the subject and plain-text body from the
//! facts read at sending time.
use crate::{format, i18n::Lang};

/// The kinds of message, as stored in `outbox.kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A booking was confirmed at sign-up.
    Confirmed,
    /// A sign-up joined the waitlist.
    Waitlisted,
    /// A seat freed up and the booking moved from the waitlist to confirmed.
    Promoted,
    /// The workshop is tomorrow.
    Reminder,
    /// The organisers changed the time or the place.
    Changed,
    /// The organisers cancelled the workshop.
    Cancelled,
    /// A staff member asked for a password reset link.
    PasswordReset,
    /// A trainer is invited to answer a joint-session proposal (payload: its id).
    SessionInvited,
    /// A proposal they were invited to is confirmed (payload: its id).
    SessionConfirmed,
    /// A proposal they were invited to is withdrawn (payload: its id).
    SessionWithdrawn,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Confirmed,
        Kind::Waitlisted,
        Kind::Promoted,
        Kind::Reminder,
        Kind::Changed,
        Kind::Cancelled,
        Kind::PasswordReset,
        Kind::SessionInvited,
        Kind::SessionConfirmed,
        Kind::SessionWithdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Confirmed => "confirmed",
            Kind::Waitlisted => "waitlisted",
            Kind::Promoted => "promoted",
            Kind::Reminder => "reminder",
            Kind::Changed => "changed",
            Kind::Cancelled => "cancelled",
            Kind::PasswordReset => "password-reset",
            Kind::SessionInvited => "session-invited",
            Kind::SessionConfirmed => "session-confirmed",
            Kind::SessionWithdrawn => "session-withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The workshop a message is about, as it is when the message is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkshopFacts {
    pub id: i64,
    pub title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place_name: String,
    pub place_address: String,
}

/// The booking a message is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingFacts {
    pub first_name: String,
    pub code: String,
    pub seats: i64,
}

/// A composed message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub body: String,
}

fn when(w: &WorkshopFacts) -> String {
    let start = chrono::DateTime::from_timestamp(w.starts_at, 0).unwrap_or_default();
    let end = chrono::DateTime::from_timestamp(w.ends_at, 0).unwrap_or_default();
    format!(
        "le {} de {} à {}",
        format::date(start, Lang::Fr),
        format::time(start, Lang::Fr),
        format::time(end, Lang::Fr)
    )
}

const SIGNATURE: &str = "\n--\nRepères, le site du CCAS de Besançon et des banques partenaires.\nCe message est envoyé automatiquement : merci de ne pas y répondre.\n";

/// Composes a message to a resident about their booking. `site` is the site's public
/// address; `link` the booking's private link, when the message carries it.
pub fn compose_booking(
    kind: Kind,
    booking: &BookingFacts,
    workshop: &WorkshopFacts,
    site: &str,
    link: Option<&str>,
) -> Letter {
    let hello = format!("Bonjour {},\n\n", booking.first_name);
    let facts = format!(
        "Atelier : {}\nDate : {}\nLieu : {}, {}\nPlaces : {}\nCode à donner à l'accueil : {}\n",
        workshop.title,
        when(workshop),
        workshop.place_name,
        workshop.place_address,
        booking.seats,
        booking.code
    );
    let page = format!("{site}/ateliers/{}", workshop.id);
    let manage = match link {
        Some(link) => format!(
            "\nPour voir ou annuler votre inscription, gardez ce lien (il est personnel) :\n{site}{link}\n"
        ),
        None => "\nPour voir ou annuler votre inscription, utilisez le lien personnel reçu lors de l'inscription.\n".to_string(),
    };
    let (subject, opening) = match kind {
        Kind::Confirmed => (
            format!("Inscription confirmée : {}", workshop.title),
            "Votre inscription est confirmée.".to_string(),
        ),
        Kind::Waitlisted => (
            format!("Liste d'attente : {}", workshop.title),
            "L'atelier est complet : vous êtes sur la liste d'attente. Si une place se libère, elle vous est donnée et vous recevez un message.".to_string(),
        ),
        Kind::Promoted => (
            format!("Une place s'est libérée : {}", workshop.title),
            "Bonne nouvelle : une place s'est libérée, votre inscription est maintenant confirmée.".to_string(),
        ),
        Kind::Reminder => (
            format!("Rappel : {} demain", workshop.title),
            "Petit rappel : votre atelier a lieu demain. Si vous ne pouvez pas venir, annulez pour laisser la place à quelqu'un d'autre.".to_string(),
        ),
        Kind::Changed => (
            format!("Changement : {}", workshop.title),
            "Les organisateurs ont changé l'horaire ou le lieu de l'atelier. Voici les nouvelles informations.".to_string(),
        ),
        Kind::Cancelled => (
            format!("Atelier annulé : {}", workshop.title),
            format!("Les organisateurs ont dû annuler cet atelier. Nous sommes désolés. Les autres ateliers sont sur {site}/ateliers"),
        ),
        Kind::PasswordReset
        | Kind::SessionInvited
        | Kind::SessionConfirmed
        | Kind::SessionWithdrawn => (String::new(), String::new()),
    };
    let manage = if kind == Kind::Cancelled {
        String::new()
    } else {
        manage
    };
    Letter {
        subject,
        body: format!("{hello}{opening}\n\n{facts}\nL'atelier : {page}\n{manage}{SIGNATURE}"),
    }
}

/// Composes the password reset message to a staff member.
pub fn compose_password_reset(name: &str, site: &str, link: &str, valid_minutes: i64) -> Letter {
    Letter {
        subject: "Repères : changer votre mot de passe".to_string(),
        body: format!(
            "Bonjour {name},\n\nUne demande de nouveau mot de passe a été faite pour votre compte Repères.\n\
             Pour choisir un nouveau mot de passe, ouvrez ce lien dans les {valid_minutes} minutes :\n{site}{link}\n\n\
             Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n{SIGNATURE}"
        ),
    }
}

/// A joint-session proposal as a message to a trainer describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalFacts {
    pub id: i64,
    pub title: String,
    pub proposer: String,
    pub place_name: String,
    /// (start, end) of the slots still open, or of the confirmed one.
    pub slots: Vec<(i64, i64)>,
}

/// Composes a message to a trainer about a proposal (invited, confirmed, withdrawn).
pub fn compose_session_notice(kind: Kind, name: &str, p: &ProposalFacts, site: &str) -> Letter {
    let slots = p
        .slots
        .iter()
        .map(|(s, e)| {
            format!(
                "- {}\n",
                when(&WorkshopFacts {
                    id: p.id,
                    title: String::new(),
                    starts_at: *s,
                    ends_at: *e,
                    place_name: String::new(),
                    place_address: String::new(),
                })
            )
        })
        .collect::<String>();
    let (subject, opening) = match kind {
        Kind::SessionConfirmed => (
            format!("Séance confirmée : {}", p.title),
            format!("{} a confirmé la séance. Les autres créneaux sont libérés.", p.proposer),
        ),
        Kind::SessionWithdrawn => (
            format!("Proposition retirée : {}", p.title),
            format!("{} a retiré cette proposition de séance : les créneaux sont libérés.", p.proposer),
        ),
        _ => (
            format!("Proposition de séance commune : {}", p.title),
            format!("{} vous propose d'animer une séance ensemble. Indiquez vos disponibilités pour chaque créneau.", p.proposer),
        ),
    };
    Letter {
        subject,
        body: format!(
            "Bonjour {name},\n\n{opening}\n\nSéance : {}\nLieu : {}\nCréneaux :\n{slots}\n{site}/espace-pro/seances/propositions/{}\n{SIGNATURE}",
            p.title, p.place_name, p.id
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workshop() -> WorkshopFacts {
        WorkshopFacts {
            id: 7,
            title: "Faire son budget".into(),
            // 3 December 2026, 14:00–16:00 in Paris.
            starts_at: 1_796_302_800,
            ends_at: 1_796_310_000,
            place_name: "Salle A".into(),
            place_address: "1 rue de l'Exemple".into(),
        }
    }

    fn booking() -> BookingFacts {
        BookingFacts {
            first_name: "Samia".into(),
            code: "ABC234".into(),
            seats: 2,
        }
    }

    #[test]
    fn every_kind_round_trips_through_its_code() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.code()), Some(kind));
        }
        assert_eq!(Kind::parse("spam"), None);
    }

    #[test]
    fn a_confirmation_gives_the_facts_and_the_private_link() {
        let l = compose_booking(
            Kind::Confirmed,
            &booking(),
            &workshop(),
            "https://reperes.example",
            Some("/ateliers/inscription/tok"),
        );
        assert_eq!(l.subject, "Inscription confirmée : Faire son budget");
        for part in [
            "Bonjour Samia",
            "jeudi 3 décembre 2026 de 14\u{a0}h à 16\u{a0}h",
            "Salle A, 1 rue de l'Exemple",
            "ABC234",
            "https://reperes.example/ateliers/inscription/tok",
            "https://reperes.example/ateliers/7",
        ] {
            assert!(l.body.contains(part), "{part} missing in {}", l.body);
        }
    }

    #[test]
    fn later_messages_never_invent_a_link_they_do_not_have() {
        for kind in [
            Kind::Promoted,
            Kind::Reminder,
            Kind::Changed,
            Kind::Cancelled,
        ] {
            let l = compose_booking(kind, &booking(), &workshop(), "https://r.example", None);
            assert!(!l.subject.is_empty());
            assert!(!l.body.contains("/inscription/"), "{kind:?}");
        }
        let reset = compose_password_reset("Léa", "https://r.example", "/connexion/nouveau/x", 60);
        assert!(reset.body.contains("https://r.example/connexion/nouveau/x"));
        assert!(reset.body.contains("60 minutes"));
    }
}
