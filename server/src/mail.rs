//! Sending the outbox: a worker that claims due messages, composes them from the data
//! as it is now and sends them by SMTP (lettre) or, without SMTP, writes them to the
//! log. Failed sends are retried with growing delays, then given up.
use app::{
    db::{Store, StoreError},
    notifications::model::{
        compose_booking, compose_password_reset, compose_session_notice, Kind, Letter,
        ProposalFacts,
    },
    state::Settings,
};
use lettre::{
    message::{
        header::{ContentTransferEncoding, ContentType},
        Body, Mailbox,
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::time::Duration;

/// How long a claimed message is reserved for the instance sending it.
pub const LEASE_SECS: i64 = 300;
/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i64 = 6;
/// How often the worker looks for due messages.
pub const POLL_EVERY: Duration = Duration::from_secs(5);
/// How long a password reset link lasts.
pub const RESET_VALID_MINUTES: i64 = 60;

/// Where messages go.
#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: Mailbox,
    },
    /// No SMTP configured: the message (subject and recipient domain only) is logged.
    Log,
}

impl Mailer {
    /// The mailer for `smtp_url` (None: log only).
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Mailer> {
        match smtp_url {
            None => Ok(Mailer::Log),
            Some(url) => Ok(Mailer::Smtp {
                transport: Box::new(
                    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                        .map_err(|e| anyhow::anyhow!("REPERES_SMTP_URL is not usable: {e}"))?
                        .timeout(Some(Duration::from_secs(20)))
                        .build(),
                ),
                from: from
                    .parse()
                    .map_err(|e| anyhow::anyhow!("REPERES_MAIL_FROM is not an address: {e}"))?,
            }),
        }
    }

    async fn send(&self, to: &str, letter: &Letter) -> Result<(), String> {
        match self {
            Mailer::Log => {
                let domain = to.rsplit_once('@').map(|(_, d)| d).unwrap_or("?");
                tracing::info!(subject = %letter.subject, to_domain = domain, "e-mail not sent (no SMTP configured)");
                Ok(())
            }
            Mailer::Smtp { transport, from } => {
                let to: Mailbox = to.parse().map_err(|e| format!("bad address: {e}"))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(letter.subject.clone())
                    .header(ContentType::TEXT_PLAIN)
                    .body(
                        Body::new_with_encoding(
                            letter.body.clone(),
                            ContentTransferEncoding::QuotedPrintable,
                        )
                        .map_err(|_| "cannot encode the message".to_string())?,
                    )
                    .map_err(|e| e.to_string())?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// What one pass of the worker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub dropped: usize,
}

/// Seconds before the next attempt after `attempts` failures: 1, 2, 4, 8, 16 minutes.
pub fn retry_delay(attempts: i64) -> i64 {
    60 * (1 << attempts.clamp(1, 5) as u32) / 2
}

/// Claims and sends every message due at `now` (one pass).
pub async fn deliver_once(
    store: &Store,
    mailer: &Mailer,
    settings: &Settings,
    now: i64,
) -> Result<Delivered, StoreError> {
    let mut done = Delivered::default();
    loop {
        let batch = store.claim_messages(now, LEASE_SECS, 20).await?;
        if batch.is_empty() {
            return Ok(done);
        }
        for message in batch {
            let letter = match compose(store, settings, &message).await? {
                Some(letter) => letter,
                None => {
                    store.message_dropped(message.id).await?;
                    done.dropped += 1;
                    continue;
                }
            };
            match mailer.send(&letter.0, &letter.1).await {
                Ok(()) => {
                    store.message_sent(message.id, now).await?;
                    done.sent += 1;
                }
                Err(error) if message.attempts < MAX_ATTEMPTS => {
                    tracing::warn!(id = message.id, %error, "e-mail not sent, will retry");
                    store
                        .message_failed(
                            message.id,
                            &error,
                            Some(now + retry_delay(message.attempts)),
                        )
                        .await?;
                    done.retried += 1;
                }
                Err(error) => {
                    tracing::error!(id = message.id, %error, "e-mail given up");
                    store.message_failed(message.id, &error, None).await?;
                    done.failed += 1;
                }
            }
        }
    }
}

/// The recipient and the letter of a queued message, or `None` when there is no one to
/// send it to any more.
async fn compose(
    store: &Store,
    settings: &Settings,
    message: &app::notifications::store::Queued,
) -> Result<Option<(String, Letter)>, StoreError> {
    let Some(kind) = Kind::parse(&message.kind) else {
        return Ok(None);
    };
    let link = (!message.payload.is_empty()).then_some(message.payload.as_str());
    if kind == Kind::PasswordReset {
        let Some(staff) = message.staff_id else {
            return Ok(None);
        };
        return Ok(store
            .staff_member(staff)
            .await?
            .filter(|m| m.active)
            .and_then(|m| {
                let link = link?;
                Some((
                    m.email.clone(),
                    compose_password_reset(&m.name, &settings.site_url, link, RESET_VALID_MINUTES),
                ))
            }));
    }
    if matches!(
        kind,
        Kind::SessionInvited | Kind::SessionConfirmed | Kind::SessionWithdrawn
    ) {
        let (Some(staff), Ok(proposal)) = (message.staff_id, message.payload.parse::<i64>()) else {
            return Ok(None);
        };
        let (Some(member), Some(p)) = (
            store.staff_member(staff).await?.filter(|m| m.active),
            store.proposal(proposal).await?,
        ) else {
            return Ok(None);
        };
        let wanted = if kind == Kind::SessionConfirmed {
            "confirmed"
        } else {
            "open"
        };
        let facts = ProposalFacts {
            id: p.id,
            title: p.title.clone(),
            proposer: p.proposer.name.clone(),
            place_name: p.place_name.clone(),
            slots: p
                .slots
                .iter()
                .filter(|s| s.status == wanted || kind == Kind::SessionWithdrawn)
                .map(|s| (s.starts_at, s.ends_at))
                .collect(),
        };
        return Ok(Some((
            member.email.clone(),
            compose_session_notice(kind, &member.name, &facts, &settings.site_url),
        )));
    }
    let Some(registration) = message.registration_id else {
        return Ok(None);
    };
    Ok(store.booking_recipient(registration).await?.and_then(|r| {
        let email = r.email?;
        Some((
            email,
            compose_booking(kind, &r.booking, &r.workshop, &settings.site_url, link),
        ))
    }))
}

/// Sends the outbox every [`POLL_EVERY`], and queues the day-before reminders, for the
/// life of the process.
pub fn spawn_outbox(store: Store, mailer: Mailer, settings: Settings) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(POLL_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let now = chrono::Utc::now().timestamp();
            if let Err(error) = store.queue_reminders(now).await {
                tracing::warn!(%error, "cannot queue reminders, will retry");
            }
            if let Err(error) = deliver_once(&store, &mailer, &settings, now).await {
                tracing::warn!(%error, "cannot send the outbox, will retry");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time() {
        let delays: Vec<i64> = (1..=6).map(retry_delay).collect();
        assert_eq!(delays, vec![60, 120, 240, 480, 960, 960]);
    }

    #[test]
    fn a_bad_smtp_url_is_named() {
        assert!(Mailer::new(Some("pas une url"), "a@b.fr").is_err());
        assert!(Mailer::new(Some("smtp://127.0.0.1:2525"), "pas une adresse").is_err());
        assert!(matches!(Mailer::new(None, "x").unwrap(), Mailer::Log));
    }
}
