//! Outbox queries of the [`Store`]. Messages are queued by the store methods that make
//! the change they announce, inside the same transaction (see [`queue_message!`]); the
//! worker claims pending ones with a lease, so that with several instances on one
//! PostgreSQL each message is claimed by one of them only (`FOR UPDATE SKIP LOCKED`; on
//! SQLite the claiming statement itself holds the write lock).
use super::model::{BookingFacts, Kind, WorkshopFacts};
use crate::{
    db::{Db, Store, StoreError},
    on_pool,
};

/// The statement of [`queue_message!`]: kind, registration, staff, payload, now.
pub const QUEUE_MESSAGE: &str = "INSERT INTO outbox (channel, kind, registration_id, staff_id, payload, status, attempts, next_attempt_at, created_at)
             VALUES ('email', $1, $2, $3, $4, 'pending', 0, $5, $5)";

/// Queues one e-mail in the open transaction `$tx`: `kind` is a [`Kind`], `registration`
/// and `staff` are `Option<i64>` (who it is for), `payload` a private link or "".
#[macro_export]
macro_rules! queue_message {
    ($tx:expr, $kind:expr, $registration:expr, $staff:expr, $payload:expr, $now:expr) => {
        sqlx::query($crate::notifications::store::QUEUE_MESSAGE)
            .bind($kind.code())
            .bind($registration)
            .bind($staff)
            .bind($payload)
            .bind($now)
            .execute(&mut *$tx)
            .await
    };
}

/// Queues `kind` to every active booking of a session that left an e-mail, in the open
/// transaction `$tx`.
#[macro_export]
macro_rules! queue_to_session {
    ($tx:expr, $kind:expr, $session:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO outbox (channel, kind, registration_id, payload, status, attempts, next_attempt_at, created_at)
             SELECT 'email', $1, id, '', 'pending', 0, $2, $2 FROM registrations
             WHERE session_id = $3 AND status <> 'cancelled' AND contact_email IS NOT NULL",
        )
        .bind($kind.code())
        .bind($now)
        .bind($session)
        .execute(&mut *$tx)
        .await
    };
}

/// A message claimed for sending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Queued {
    pub id: i64,
    pub kind: String,
    pub registration_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// Who a booking message goes to and what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingRecipient {
    pub email: Option<String>,
    pub booking: BookingFacts,
    pub workshop: WorkshopFacts,
}

impl Store {
    /// Claims up to `limit` messages due at `now` for `lease` seconds. A message whose
    /// sender died is claimed again once its lease has run out.
    pub async fn claim_messages(
        &self,
        now: i64,
        lease: i64,
        limit: i64,
    ) -> Result<Vec<Queued>, StoreError> {
        let lock = match self.db() {
            Db::Sqlite(_) => "",
            Db::Postgres(_) => "FOR UPDATE SKIP LOCKED",
        };
        let sql = format!(
            "UPDATE outbox SET claimed_until = $2, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox
                          WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
                          ORDER BY id LIMIT $3 {lock})
               AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < $1)
             RETURNING id, kind, registration_id, staff_id, payload, attempts"
        );
        type Row = (i64, String, Option<i64>, Option<i64>, String, i64);
        let mut rows: Vec<Row> = on_pool!(self.db(), pool => {
            sqlx::query_as(&sql).bind(now).bind(now + lease).bind(limit).fetch_all(pool).await?
        });
        rows.sort_by_key(|r| r.0);
        Ok(rows
            .into_iter()
            .map(
                |(id, kind, registration_id, staff_id, payload, attempts)| Queued {
                    id,
                    kind,
                    registration_id,
                    staff_id,
                    payload,
                    attempts,
                },
            )
            .collect())
    }

    /// Marks a message sent and forgets its private link.
    pub async fn message_sent(&self, id: i64, now: i64) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $2, payload = '', claimed_until = NULL, last_error = NULL WHERE id = $1")
                .bind(id).bind(now).execute(pool).await?;
        });
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up when `None`.
    pub async fn message_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<(), StoreError> {
        let error: String = error.chars().take(500).collect();
        on_pool!(self.db(), pool => {
            match retry_at {
                Some(at) => sqlx::query("UPDATE outbox SET next_attempt_at = $2, claimed_until = NULL, last_error = $3 WHERE id = $1")
                    .bind(id).bind(at).bind(&error).execute(pool).await?,
                None => sqlx::query("UPDATE outbox SET status = 'failed', payload = '', claimed_until = NULL, last_error = $2 WHERE id = $1")
                    .bind(id).bind(&error).execute(pool).await?,
            };
        });
        Ok(())
    }

    /// Drops a message that has no one to go to any more (contact erased or absent).
    pub async fn message_dropped(&self, id: i64) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query("UPDATE outbox SET status = 'dropped', payload = '', claimed_until = NULL WHERE id = $1")
                .bind(id).execute(pool).await?;
        });
        Ok(())
    }

    /// The recipient and facts of a booking message, as they are now.
    pub async fn booking_recipient(
        &self,
        registration_id: i64,
    ) -> Result<Option<BookingRecipient>, StoreError> {
        type Row = (
            Option<String>,
            String,
            String,
            i64,
            i64,
            String,
            i64,
            i64,
            String,
            String,
        );
        let row: Option<Row> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT r.contact_email, r.first_name, r.code, r.seats, s.id, s.title, s.starts_at, s.ends_at, p.name, p.address
                 FROM registrations r JOIN training_sessions s ON s.id = r.session_id JOIN places p ON p.id = s.place_id
                 WHERE r.id = $1",
            )
            .bind(registration_id).fetch_optional(pool).await?
        });
        Ok(row.map(
            |(
                email,
                first_name,
                code,
                seats,
                id,
                title,
                starts_at,
                ends_at,
                place_name,
                place_address,
            )| {
                BookingRecipient {
                    email,
                    booking: BookingFacts {
                        first_name,
                        code,
                        seats,
                    },
                    workshop: WorkshopFacts {
                        id,
                        title,
                        starts_at,
                        ends_at,
                        place_name,
                        place_address,
                    },
                }
            },
        ))
    }

    /// Queues the reminder of every confirmed booking with an e-mail whose workshop
    /// starts within a day of `now`, once per booking (booked more than a day before).
    pub async fn queue_reminders(&self, now: i64) -> Result<u64, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query(
                "INSERT INTO outbox (channel, kind, registration_id, payload, dedupe_key, status, attempts, next_attempt_at, created_at)
                 SELECT 'email', $2, r.id, '', 'reminder:' || CAST(r.id AS TEXT), 'pending', 0, $1, $1
                 FROM registrations r JOIN training_sessions s ON s.id = r.session_id
                 WHERE r.status = 'confirmed' AND r.contact_email IS NOT NULL AND s.status = 'scheduled'
                   AND s.starts_at > $1 AND s.starts_at <= $1 + 86400 AND r.created_at < s.starts_at - 86400
                 ON CONFLICT (dedupe_key) DO NOTHING",
            )
            .bind(now).bind(Kind::Reminder.code())
            .execute(pool).await?.rows_affected()
        }))
    }

    /// The kinds of the messages queued for a registration, oldest first (for staff
    /// views and tests).
    pub async fn messages_for_registration(
        &self,
        registration_id: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT kind, status FROM outbox WHERE registration_id = $1 ORDER BY id")
                .bind(registration_id).fetch_all(pool).await?
        }))
    }
}
