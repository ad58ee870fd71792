//! Joint-session queries of the [`Store`]. Confirming a slot checks every host and the
//! place for conflicts and writes the session in one serialising transaction:
//! `BEGIN IMMEDIATE` on SQLite; on PostgreSQL, row locks taken in one global order
//! (the proposal, then the place, then the hosts by id), so that two confirmations
//! sharing a trainer or a place run one after the other and never deadlock.
use super::model::{
    CalendarEntry, Conflict, EventView, Person, ProposalView, SessionKind, SlotView, Unavailable,
    ValidProposal, Weekly,
};
use crate::{
    db::{Db, Store, StoreError},
    notifications::model::Kind,
    on_pool, queue_message,
    staff::model::OrganisationKind,
};

/// What confirming a slot did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirmation {
    /// The session now exists; the other slots are released.
    Confirmed { session_id: i64 },
    /// A host or the place is taken (or unavailable) at that time.
    Conflicts(Vec<Conflict>),
    /// The hosts available for this slot are not from both sides.
    NotJoint,
    /// Not an open proposal with this open slot.
    Gone,
}

/// Whose calendar feed a secret opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedOwner {
    Staff(i64),
    Organisation(i64),
}

impl FeedOwner {
    /// (staff id, organisation id): the one that owns the feed, the other `None`.
    pub fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            FeedOwner::Staff(id) => (Some(id), None),
            FeedOwner::Organisation(id) => (None, Some(id)),
        }
    }
}

pub(crate) type UnavailabilityRow = (
    i64,
    bool,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
);

pub(crate) fn unavailability_of(row: &UnavailabilityRow) -> Option<(i64, Unavailable, String)> {
    let (id, weekly, starts_at, ends_at, weekday, start_minute, end_minute, note) = row.clone();
    let u = if weekly {
        Unavailable::Weekly(Weekly {
            weekday: weekday?,
            start_minute: start_minute?,
            end_minute: end_minute?,
        })
    } else {
        Unavailable::OneOff {
            starts_at: starts_at?,
            ends_at: ends_at?,
        }
    };
    Some((id, u, note))
}

/// In the open connection or transaction `$conn`: what keeps `$hosts` (a slice of
/// (id, name)) and place `$place` from a session over `[$start, $end)`, with `$buffer`
/// seconds of travel between two different places, ignoring session `$exclude` (the
/// one being changed; 0 for none). Evaluates to `Result<Vec<Conflict>, sqlx::Error>`.
macro_rules! conflicts_in {
    ($conn:expr, $hosts:expr, $place:expr, $start:expr, $end:expr, $buffer:expr, $exclude:expr) => {
        async {
            use $crate::joint::model::{weekly_overlaps, Conflict, Unavailable};
            let mut found: Vec<Conflict> = Vec::new();
            let place_rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
                "SELECT p.name, s.title, s.starts_at, s.ends_at FROM training_sessions s JOIN places p ON p.id = s.place_id
                 WHERE s.place_id = $1 AND s.status = 'scheduled' AND s.starts_at < $3 AND s.ends_at > $2 AND s.id <> $4
                 ORDER BY s.starts_at",
            )
            .bind($place).bind($start).bind($end).bind($exclude)
            .fetch_all(&mut *$conn).await?;
            for (name, title, starts_at, ends_at) in place_rows {
                found.push(Conflict { subject: name, place: true, other: Some(title), starts_at, ends_at, travel: false });
            }
            for (host, name) in $hosts {
                let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
                    "SELECT s.title, s.starts_at, s.ends_at, s.place_id FROM session_hosts h JOIN training_sessions s ON s.id = h.session_id
                     WHERE h.staff_id = $1 AND s.status = 'scheduled' AND s.id <> $6
                       AND s.starts_at < $3 + CASE WHEN s.place_id = $4 THEN 0 ELSE $5 END
                       AND s.ends_at + CASE WHEN s.place_id = $4 THEN 0 ELSE $5 END > $2
                     ORDER BY s.starts_at",
                )
                .bind(*host).bind($start).bind($end).bind($place).bind($buffer).bind($exclude)
                .fetch_all(&mut *$conn).await?;
                for (title, starts_at, ends_at, place_id) in rows {
                    let overlaps = starts_at < $end && ends_at > $start;
                    found.push(Conflict { subject: name.clone(), place: false, other: Some(title), starts_at, ends_at, travel: place_id != $place && !overlaps });
                }
                let blocks: Vec<$crate::joint::store::UnavailabilityRow> = sqlx::query_as(
                    "SELECT id, weekly, starts_at, ends_at, weekday, start_minute, end_minute, note FROM unavailabilities
                     WHERE staff_id = $1 AND (weekly OR (starts_at < $3 AND ends_at > $2))",
                )
                .bind(*host).bind($start).bind($end)
                .fetch_all(&mut *$conn).await?;
                for block in blocks.iter().filter_map($crate::joint::store::unavailability_of) {
                    let (starts_at, ends_at, hit) = match block.1 {
                        Unavailable::OneOff { starts_at, ends_at } => (starts_at, ends_at, true),
                        Unavailable::Weekly(w) => (0, 0, weekly_overlaps(w, $start, $end)),
                    };
                    if hit {
                        found.push(Conflict { subject: name.clone(), place: false, other: None, starts_at, ends_at, travel: false });
                    }
                }
            }
            Ok::<_, sqlx::Error>(found)
        }
    };
}
pub(crate) use conflicts_in;

/// In the open transaction `$tx`: locks the place, then the hosts in id order (`$lock`
/// is `" FOR UPDATE"` on PostgreSQL; `""` on SQLite, whose transaction is IMMEDIATE),
/// so that two schedulings sharing a trainer or a place run one after the other and
/// never deadlock. Evaluates to `Result<Vec<(id, name)>, sqlx::Error>` of the hosts
/// that exist, in id order.
macro_rules! lock_team {
    ($tx:expr, $lock:expr, $place:expr, $hosts:expr) => {
        async {
            let lock: &str = $lock;
            let _: Option<i64> =
                sqlx::query_scalar(&format!("SELECT id FROM places WHERE id = $1{lock}"))
                    .bind($place)
                    .fetch_optional(&mut *$tx)
                    .await?;
            let mut ids: Vec<i64> = $hosts.to_vec();
            ids.sort_unstable();
            ids.dedup();
            let mut team: Vec<(i64, String)> = Vec::new();
            for id in ids {
                let name: Option<String> =
                    sqlx::query_scalar(&format!("SELECT name FROM staff WHERE id = $1{lock}"))
                        .bind(id)
                        .fetch_optional(&mut *$tx)
                        .await?;
                if let Some(name) = name {
                    team.push((id, name));
                }
            }
            Ok::<_, sqlx::Error>(team)
        }
    };
}
pub(crate) use lock_team;

type ProposalRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    i64,
    i64,
    String,
    Option<i64>,
    i64,
    String,
    String,
    String,
);

type SessionRow = (
    i64,
    String,
    String,
    i64,
    i64,
    i64,
    String,
    i64,
    String,
    String,
    i64,
);

impl Store {
    /// Stores a proposal with its slots and invitations, records it in the history and
    /// queues an invitation to each invitee. Returns its id.
    pub async fn create_proposal(
        &self,
        organisation_id: i64,
        proposer: i64,
        p: &ValidProposal,
        now: i64,
    ) -> Result<i64, StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO session_proposals (kind, organisation_id, proposed_by, title, theme, description, place_id, capacity, status, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $9) RETURNING id",
            )
            .bind(p.kind.code()).bind(organisation_id).bind(proposer).bind(&p.title).bind(&p.theme)
            .bind(&p.description).bind(p.place_id).bind(p.capacity).bind(now)
            .fetch_one(&mut *tx).await?;
            for (starts_at, ends_at) in &p.slots {
                sqlx::query("INSERT INTO proposal_slots (proposal_id, starts_at, ends_at, status) VALUES ($1, $2, $3, 'open')")
                    .bind(id).bind(starts_at).bind(ends_at).execute(&mut *tx).await?;
            }
            for invitee in &p.invitees {
                sqlx::query("INSERT INTO proposal_invitees (proposal_id, staff_id) VALUES ($1, $2)")
                    .bind(id).bind(invitee).execute(&mut *tx).await?;
                queue_message!(tx, Kind::SessionInvited, None::<i64>, Some(*invitee), id.to_string(), now)?;
            }
            sqlx::query("INSERT INTO proposal_events (proposal_id, actor_id, action, detail, at) VALUES ($1, $2, 'proposed', $3, $4)")
                .bind(id).bind(proposer).bind(format!("{} créneau(x)", p.slots.len())).bind(now)
                .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// A proposal with its slots, answers, people and history (conflicts not filled).
    pub async fn proposal(&self, id: i64) -> Result<Option<ProposalView>, StoreError> {
        on_pool!(self.db(), pool => {
            let row: Option<ProposalRow> = sqlx::query_as(
                "SELECT p.id, p.kind, p.title, p.theme, p.description, p.place_id, pl.name, p.capacity, p.organisation_id,
                        p.status, p.session_id, st.id, st.name, o.name, o.kind
                 FROM session_proposals p JOIN places pl ON pl.id = p.place_id
                 JOIN staff st ON st.id = p.proposed_by JOIN organisations o ON o.id = st.organisation_id
                 WHERE p.id = $1",
            )
            .bind(id).fetch_optional(pool).await?;
            let Some((id, kind, title, theme, description, place_id, place_name, capacity, organisation_id,
                      status, session_id, proposer_id, proposer_name, proposer_org, proposer_kind)) = row else {
                return Ok(None);
            };
            let invitees: Vec<(i64, String, String, String)> = sqlx::query_as(
                "SELECT st.id, st.name, o.name, o.kind FROM proposal_invitees i JOIN staff st ON st.id = i.staff_id
                 JOIN organisations o ON o.id = st.organisation_id WHERE i.proposal_id = $1 ORDER BY o.name, st.name",
            )
            .bind(id).fetch_all(pool).await?;
            let slots: Vec<(i64, i64, i64, String)> = sqlx::query_as(
                "SELECT id, starts_at, ends_at, status FROM proposal_slots WHERE proposal_id = $1 ORDER BY starts_at, id",
            )
            .bind(id).fetch_all(pool).await?;
            let answers: Vec<(i64, i64, bool)> = sqlx::query_as(
                "SELECT a.slot_id, a.staff_id, a.available FROM slot_answers a JOIN proposal_slots s ON s.id = a.slot_id
                 WHERE s.proposal_id = $1",
            )
            .bind(id).fetch_all(pool).await?;
            let events: Vec<(i64, Option<String>, String, String)> = sqlx::query_as(
                "SELECT e.at, st.name, e.action, e.detail FROM proposal_events e LEFT JOIN staff st ON st.id = e.actor_id
                 WHERE e.proposal_id = $1 ORDER BY e.id",
            )
            .bind(id).fetch_all(pool).await?;
            let person = |id, name, organisation, kind: &str| Person {
                id,
                name,
                organisation,
                kind: OrganisationKind::parse(kind).unwrap_or(OrganisationKind::Ccas),
            };
            let mut view = ProposalView {
                id,
                kind: SessionKind::parse(&kind).unwrap_or(SessionKind::ResidentWorkshop),
                title,
                theme,
                description,
                place_id,
                place_name,
                capacity,
                proposer: person(proposer_id, proposer_name, proposer_org, &proposer_kind),
                organisation_id,
                status,
                session_id,
                slots: Vec::new(),
                invitees: invitees.into_iter().map(|(i, n, o, k)| person(i, n, o, &k)).collect(),
                events: events.into_iter().map(|(at, actor, action, detail)| EventView { at, actor, action, detail }).collect(),
            };
            view.slots = slots
                .into_iter()
                .map(|(sid, starts_at, ends_at, status)| SlotView {
                    id: sid,
                    starts_at,
                    ends_at,
                    status,
                    answers: answers.iter().filter(|(s, _, _)| *s == sid).map(|(_, who, ok)| (*who, *ok)).collect(),
                    conflicts: Vec::new(),
                    joint: false,
                })
                .collect();
            let slots = std::mem::take(&mut view.slots);
            view.slots = slots
                .into_iter()
                .map(|mut s| {
                    let kinds: Vec<OrganisationKind> = view.hosts_for(&s).iter().map(|p| p.kind).collect();
                    s.joint = super::model::is_joint(&kinds);
                    s
                })
                .collect();
            Ok(Some(view))
        })
    }

    /// What would keep these hosts and this place from a session at that time (read
    /// only; confirming checks again inside its transaction).
    pub async fn conflicts(
        &self,
        hosts: &[(i64, String)],
        place_id: i64,
        starts_at: i64,
        ends_at: i64,
        buffer_secs: i64,
    ) -> Result<Vec<Conflict>, StoreError> {
        on_pool!(self.db(), pool => {
            let mut conn = pool.acquire().await?;
            Ok(conflicts_in!(conn, hosts, place_id, starts_at, ends_at, buffer_secs, 0_i64).await?)
        })
    }

    /// Active staff `me` may invite: (id, name, organisation, side), everyone but them.
    pub async fn invitable_staff(
        &self,
        me: i64,
    ) -> Result<Vec<(i64, String, String, OrganisationKind)>, StoreError> {
        let rows: Vec<(i64, String, String, String)> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT st.id, st.name, o.name, o.kind FROM staff st JOIN organisations o ON o.id = st.organisation_id
                 WHERE st.active AND st.id <> $1 ORDER BY o.name, st.name",
            )
            .bind(me).fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .map(|(id, name, org, kind)| {
                (
                    id,
                    name,
                    org,
                    OrganisationKind::parse(&kind).unwrap_or(OrganisationKind::Ccas),
                )
            })
            .collect())
    }

    /// Ids of the proposals `staff_id` made or is invited to, newest first.
    pub async fn proposals_of(&self, staff_id: i64) -> Result<Vec<i64>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar(
                "SELECT id FROM session_proposals WHERE proposed_by = $1
                    OR id IN (SELECT proposal_id FROM proposal_invitees WHERE staff_id = $1)
                 ORDER BY id DESC LIMIT 50",
            )
            .bind(staff_id).fetch_all(pool).await?
        }))
    }

    /// Records the answers of an invitee, slot by slot. False when they are not invited
    /// or the proposal is no longer open.
    pub async fn answer_proposal(
        &self,
        proposal_id: i64,
        staff_id: i64,
        answers: &[(i64, bool)],
        now: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let open: Option<i64> = sqlx::query_scalar(
                "SELECT p.id FROM session_proposals p JOIN proposal_invitees i ON i.proposal_id = p.id
                 WHERE p.id = $1 AND i.staff_id = $2 AND p.status = 'open'",
            )
            .bind(proposal_id).bind(staff_id).fetch_optional(&mut *tx).await?;
            if open.is_none() {
                return Ok(false);
            }
            let mut said = Vec::new();
            for (slot, available) in answers {
                let changed = sqlx::query(
                    "INSERT INTO slot_answers (slot_id, staff_id, available, answered_at)
                     SELECT id, $2, $3, $4 FROM proposal_slots WHERE id = $1 AND proposal_id = $5 AND status = 'open'
                     ON CONFLICT (slot_id, staff_id) DO UPDATE SET available = excluded.available, answered_at = excluded.answered_at",
                )
                .bind(slot).bind(staff_id).bind(available).bind(now).bind(proposal_id)
                .execute(&mut *tx).await?.rows_affected();
                if changed > 0 {
                    said.push(if *available { "oui" } else { "non" });
                }
            }
            let action = if !said.is_empty() && said.iter().all(|s| *s == "non") { "declined" } else { "answered" };
            sqlx::query("INSERT INTO proposal_events (proposal_id, actor_id, action, detail, at) VALUES ($1, $2, $3, $4, $5)")
                .bind(proposal_id).bind(staff_id).bind(action).bind(said.join(", ")).bind(now)
                .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Withdraws an open proposal (its proposer); the invitees are told.
    pub async fn cancel_proposal(
        &self,
        proposal_id: i64,
        actor: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let changed = sqlx::query(
                "UPDATE session_proposals SET status = 'cancelled', updated_at = $3 WHERE id = $1 AND proposed_by = $2 AND status = 'open'",
            )
            .bind(proposal_id).bind(actor).bind(now)
            .execute(&mut *tx).await?.rows_affected() == 1;
            if !changed {
                return Ok(false);
            }
            sqlx::query("UPDATE proposal_slots SET status = 'released' WHERE proposal_id = $1")
                .bind(proposal_id).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO proposal_events (proposal_id, actor_id, action, detail, at) VALUES ($1, $2, 'withdrawn', '', $3)")
                .bind(proposal_id).bind(actor).bind(now).execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO outbox (channel, kind, staff_id, payload, status, attempts, next_attempt_at, created_at)
                 SELECT 'email', $2, staff_id, $3, 'pending', 0, $4, $4 FROM proposal_invitees WHERE proposal_id = $1",
            )
            .bind(proposal_id).bind(Kind::SessionWithdrawn.code()).bind(proposal_id.to_string()).bind(now)
            .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Confirms one slot of an open proposal made by `actor`: checks, in one
    /// serialising transaction, that its hosts are from both sides and that neither
    /// they nor the place are taken (with `buffer_secs` of travel between two places),
    /// then creates the session, releases the other slots, records it and tells the
    /// invitees.
    pub async fn confirm_slot(
        &self,
        proposal_id: i64,
        slot_id: i64,
        actor: i64,
        buffer_secs: i64,
        now: i64,
    ) -> Result<Confirmation, StoreError> {
        macro_rules! body {
            ($tx:ident, $lock:expr) => {{
                let lock: &str = $lock;
                let found: Option<(i64, i64, String, String, String, String, String, i64, i64)> = sqlx::query_as(&format!(
                    "SELECT organisation_id, proposed_by, status, kind, title, theme, description, place_id, capacity
                     FROM session_proposals WHERE id = $1{lock}"
                ))
                .bind(proposal_id).fetch_optional(&mut *$tx).await?;
                let Some((organisation_id, proposer, status, kind, title, theme, description, place_id, capacity)) = found else {
                    return Ok(Confirmation::Gone);
                };
                if status != "open" || proposer != actor {
                    return Ok(Confirmation::Gone);
                }
                let slot: Option<(i64, i64)> = sqlx::query_as(
                    "SELECT starts_at, ends_at FROM proposal_slots WHERE id = $1 AND proposal_id = $2 AND status = 'open'",
                )
                .bind(slot_id).bind(proposal_id).fetch_optional(&mut *$tx).await?;
                let Some((starts_at, ends_at)) = slot else { return Ok(Confirmation::Gone) };
                let mut hosts: Vec<(i64, String, String)> = sqlx::query_as(
                    "SELECT st.id, st.name, o.kind FROM staff st JOIN organisations o ON o.id = st.organisation_id
                     WHERE st.active AND (st.id = $2 OR st.id IN (
                        SELECT a.staff_id FROM slot_answers a JOIN proposal_invitees i ON i.staff_id = a.staff_id AND i.proposal_id = $3
                        WHERE a.slot_id = $1 AND a.available))
                     ORDER BY st.id",
                )
                .bind(slot_id).bind(proposer).bind(proposal_id).fetch_all(&mut *$tx).await?;
                hosts.dedup_by_key(|h| h.0);
                let kinds: Vec<OrganisationKind> = hosts.iter().filter_map(|h| OrganisationKind::parse(&h.2)).collect();
                if !super::model::is_joint(&kinds) {
                    return Ok(Confirmation::NotJoint);
                }
                // After the proposal: the place, then the hosts in id order.
                let ids: Vec<i64> = hosts.iter().map(|h| h.0).collect();
                let named = lock_team!($tx, lock, place_id, &ids).await?;
                let conflicts = conflicts_in!($tx, &named, place_id, starts_at, ends_at, buffer_secs, 0_i64).await?;
                if !conflicts.is_empty() {
                    return Ok(Confirmation::Conflicts(conflicts));
                }
                let description_html = crate::lessons::render::render_markdown(&description, "site externe").html;
                let session_id: i64 = sqlx::query_scalar(
                    "INSERT INTO training_sessions (kind, organisation_id, title, theme, description, description_html, starts_at,
                       ends_at, place_id, capacity, staff_reserved, signup_deadline, status, sequence, created_by, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $7, 'scheduled', 0, $11, $12, $12)
                     RETURNING id",
                )
                .bind(&kind).bind(organisation_id).bind(&title).bind(&theme).bind(&description).bind(&description_html)
                .bind(starts_at).bind(ends_at).bind(place_id).bind(capacity).bind(proposer).bind(now)
                .fetch_one(&mut *$tx).await?;
                for (host, _, _) in &hosts {
                    sqlx::query("INSERT INTO session_hosts (session_id, staff_id) VALUES ($1, $2)")
                        .bind(session_id).bind(host).execute(&mut *$tx).await?;
                }
                sqlx::query("UPDATE proposal_slots SET status = CASE WHEN id = $2 THEN 'confirmed' ELSE 'released' END WHERE proposal_id = $1")
                    .bind(proposal_id).bind(slot_id).execute(&mut *$tx).await?;
                sqlx::query("UPDATE session_proposals SET status = 'confirmed', session_id = $2, updated_at = $3 WHERE id = $1")
                    .bind(proposal_id).bind(session_id).bind(now).execute(&mut *$tx).await?;
                sqlx::query("INSERT INTO proposal_events (proposal_id, actor_id, action, detail, at) VALUES ($1, $2, 'confirmed', $3, $4)")
                    .bind(proposal_id).bind(actor).bind(format!("séance {session_id}")).bind(now)
                    .execute(&mut *$tx).await?;
                sqlx::query(
                    "INSERT INTO outbox (channel, kind, staff_id, payload, status, attempts, next_attempt_at, created_at)
                     SELECT 'email', $2, staff_id, $3, 'pending', 0, $4, $4 FROM proposal_invitees WHERE proposal_id = $1",
                )
                .bind(proposal_id).bind(Kind::SessionConfirmed.code()).bind(proposal_id.to_string()).bind(now)
                .execute(&mut *$tx).await?;
                // The partnership's figures: one joint session for each organisation hosting it.
                let (starts_at,): (i64,) = sqlx::query_as("SELECT starts_at FROM training_sessions WHERE id = $1")
                    .bind(session_id).fetch_one(&mut *$tx).await?;
                let organisations: Vec<String> = sqlx::query_scalar(
                    "SELECT DISTINCT o.name FROM session_hosts h JOIN staff st ON st.id = h.staff_id
                     JOIN organisations o ON o.id = st.organisation_id WHERE h.session_id = $1 ORDER BY o.name",
                )
                .bind(session_id).fetch_all(&mut *$tx).await?;
                for organisation in &organisations {
                    crate::count_in_tx!($tx, crate::dashboard::model::metric::JOINT_BY_ORGANISATION, organisation, starts_at, 1_i64)?;
                }
                $tx.commit().await?;
                Ok(Confirmation::Confirmed { session_id })
            }};
        }
        match self.db() {
            Db::Sqlite(pool) => {
                crate::begin_write!(sqlite self, pool => tx);
                body!(tx, "")
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                body!(tx, " FOR UPDATE")
            }
        }
    }

    /// Records, in the history of the proposal a session came from (if it came from one),
    /// that it was changed or cancelled after confirmation, by whom and when.
    pub async fn record_session_event(
        &self,
        session_id: i64,
        actor: i64,
        action: &str,
        detail: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query(
                "INSERT INTO proposal_events (proposal_id, actor_id, action, detail, at)
                 SELECT id, $2, $3, $4, $5 FROM session_proposals WHERE session_id = $1",
            )
            .bind(session_id).bind(actor).bind(action).bind(detail).bind(now)
            .execute(pool).await?;
        });
        Ok(())
    }

    /// Declares an unavailability. Returns its id.
    pub async fn add_unavailability(
        &self,
        staff_id: i64,
        u: &Unavailable,
        note: &str,
        now: i64,
    ) -> Result<i64, StoreError> {
        let (weekly, starts_at, ends_at, weekday, start_minute, end_minute) = match u {
            Unavailable::OneOff { starts_at, ends_at } => {
                (false, Some(*starts_at), Some(*ends_at), None, None, None)
            }
            Unavailable::Weekly(w) => (
                true,
                None,
                None,
                Some(w.weekday),
                Some(w.start_minute),
                Some(w.end_minute),
            ),
        };
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar(
                "INSERT INTO unavailabilities (staff_id, weekly, starts_at, ends_at, weekday, start_minute, end_minute, note, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(staff_id).bind(weekly).bind(starts_at).bind(ends_at).bind(weekday)
            .bind(start_minute).bind(end_minute).bind(note).bind(now)
            .fetch_one(pool).await?
        }))
    }

    /// The unavailabilities of a staff member still to come (one-off) or weekly.
    pub async fn unavailabilities(
        &self,
        staff_id: i64,
        now: i64,
    ) -> Result<Vec<(i64, Unavailable, String)>, StoreError> {
        let rows: Vec<UnavailabilityRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT id, weekly, starts_at, ends_at, weekday, start_minute, end_minute, note FROM unavailabilities
                 WHERE staff_id = $1 AND (weekly OR ends_at > $2) ORDER BY weekly, starts_at, weekday, start_minute, id",
            )
            .bind(staff_id).bind(now).fetch_all(pool).await?
        });
        Ok(rows.iter().filter_map(unavailability_of).collect())
    }

    /// Removes one of one's own unavailabilities.
    pub async fn delete_unavailability(&self, id: i64, staff_id: i64) -> Result<bool, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query("DELETE FROM unavailabilities WHERE id = $1 AND staff_id = $2")
                .bind(id).bind(staff_id).execute(pool).await?.rows_affected() == 1
        }))
    }

    /// Replaces the calendar feed secret of `owner` by the one hashed as `token_hash`
    /// (the old address stops working).
    pub async fn renew_calendar_feed(
        &self,
        owner: FeedOwner,
        token_hash: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let (staff, organisation) = owner.columns();
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM calendar_feeds WHERE staff_id = $1 OR organisation_id = $2")
                .bind(staff).bind(organisation).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO calendar_feeds (token_hash, staff_id, organisation_id, created_at) VALUES ($1, $2, $3, $4)")
                .bind(token_hash).bind(staff).bind(organisation).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Revokes the calendar feed of `owner`.
    pub async fn revoke_calendar_feed(&self, owner: FeedOwner) -> Result<(), StoreError> {
        let (staff, organisation) = owner.columns();
        on_pool!(self.db(), pool => {
            sqlx::query("DELETE FROM calendar_feeds WHERE staff_id = $1 OR organisation_id = $2")
                .bind(staff).bind(organisation).execute(pool).await?;
        });
        Ok(())
    }

    /// Whether `owner` has a calendar feed, and since when.
    pub async fn calendar_feed_since(&self, owner: FeedOwner) -> Result<Option<i64>, StoreError> {
        let (staff, organisation) = owner.columns();
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE staff_id = $1 OR organisation_id = $2")
                .bind(staff).bind(organisation).fetch_optional(pool).await?
        }))
    }

    /// Whose feed the secret hashed as `token_hash` opens (an active account's only).
    pub async fn calendar_feed_owner(
        &self,
        token_hash: &str,
    ) -> Result<Option<FeedOwner>, StoreError> {
        let row: Option<(Option<i64>, Option<i64>)> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT f.staff_id, f.organisation_id FROM calendar_feeds f LEFT JOIN staff st ON st.id = f.staff_id
                 WHERE f.token_hash = $1 AND (f.staff_id IS NULL OR st.active)",
            )
            .bind(token_hash).fetch_optional(pool).await?
        });
        Ok(match row {
            Some((Some(staff), _)) => Some(FeedOwner::Staff(staff)),
            Some((None, Some(organisation))) => Some(FeedOwner::Organisation(organisation)),
            _ => None,
        })
    }

    /// Sessions (both kinds, cancelled ones included) ending after `from` and starting
    /// before `to`, with their hosts, optionally only those hosted by `host` or run by
    /// `organisation`.
    pub async fn calendar_entries(
        &self,
        from: i64,
        to: i64,
        host: Option<i64>,
        organisation: Option<i64>,
    ) -> Result<Vec<CalendarEntry>, StoreError> {
        self.calendar_entries_of(from, to, host, organisation, false)
            .await
    }

    /// What a personal calendar feed holds: the sessions `staff_id` hosts and the
    /// trainings they have a confirmed seat in.
    pub async fn personal_calendar_entries(
        &self,
        from: i64,
        to: i64,
        staff_id: i64,
    ) -> Result<Vec<CalendarEntry>, StoreError> {
        self.calendar_entries_of(from, to, Some(staff_id), None, true)
            .await
    }

    async fn calendar_entries_of(
        &self,
        from: i64,
        to: i64,
        host: Option<i64>,
        organisation: Option<i64>,
        attending: bool,
    ) -> Result<Vec<CalendarEntry>, StoreError> {
        on_pool!(self.db(), pool => {
            let rows: Vec<SessionRow> = sqlx::query_as(
                "SELECT s.id, s.kind, s.title, s.starts_at, s.ends_at, s.place_id, p.name, s.organisation_id, o.name, s.status, s.sequence
                 FROM training_sessions s JOIN places p ON p.id = s.place_id JOIN organisations o ON o.id = s.organisation_id
                 WHERE s.ends_at > $1 AND s.starts_at < $2
                   AND ($3 IS NULL OR s.id IN (SELECT session_id FROM session_hosts WHERE staff_id = $3)
                        OR ($5 AND s.id IN (SELECT session_id FROM registrations WHERE participant_id = $3 AND status = 'confirmed')))
                   AND ($4 IS NULL OR s.organisation_id = $4
                        OR s.id IN (SELECT h.session_id FROM session_hosts h JOIN staff st ON st.id = h.staff_id WHERE st.organisation_id = $4))
                 ORDER BY s.starts_at, s.id LIMIT 1000",
            )
            .bind(from).bind(to).bind(host).bind(organisation).bind(attending)
            .fetch_all(pool).await?;
            let mut entries = Vec::with_capacity(rows.len());
            for (id, kind, title, starts_at, ends_at, place_id, place_name, organisation_id, organisation, status, sequence) in rows {
                let hosts: Vec<(i64, String, String)> = sqlx::query_as(
                    "SELECT st.id, st.name, o.kind FROM session_hosts h JOIN staff st ON st.id = h.staff_id
                     JOIN organisations o ON o.id = st.organisation_id WHERE h.session_id = $1 ORDER BY st.name",
                )
                .bind(id).fetch_all(pool).await?;
                entries.push(CalendarEntry {
                    id,
                    kind: SessionKind::parse(&kind).unwrap_or(SessionKind::ResidentWorkshop),
                    title,
                    starts_at,
                    ends_at,
                    place_id,
                    place_name,
                    organisation_id,
                    organisation,
                    cancelled: status == "cancelled",
                    sequence,
                    hosts: hosts
                        .into_iter()
                        .map(|(i, n, k)| (i, n, OrganisationKind::parse(&k).unwrap_or(OrganisationKind::Ccas)))
                        .collect(),
                });
            }
            Ok(entries)
        })
    }
}
