//! Workshop queries of the [`Store`]: places, sessions, and registrations whose
//! capacity check and write happen in one serialising transaction on both engines
//! (`BEGIN IMMEDIATE` on SQLite, a row lock on the session on PostgreSQL).
use super::model::{
    promotions, Booking, Participation, Place, Placement, RegistrationView, SignUp, Workshop,
};
use crate::{
    dashboard::model::metric,
    db::{
        group_commit::WriteFuture,
        rusqlite::{self, OptionalExtension as _},
        sqlite_writer::positional,
        Db, Store, StoreError,
    },
    joint::{
        model::{Conflict, SessionKind},
        store::{conflicts_in, lock_team},
    },
    notifications::{model::Kind, store::QUEUE_MESSAGE},
    on_pool, queue_message, queue_to_session,
};
use std::{ops::ControlFlow, sync::LazyLock};

/// What a registration attempt did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Registered {
    /// Booked (or the same form was already booked): the registration id, where it is,
    /// and whether this attempt made it (`false`: the same form, key or staff member had
    /// booked before, and that booking is given back). `position`: when this attempt put
    /// the booking on the waitlist, its place in the queue (1 = next).
    Done {
        id: i64,
        placement: Placement,
        new: bool,
        position: Option<i64>,
    },
    /// No such workshop, cancelled, or sign-ups closed.
    Closed,
}

/// One booking attempt, as [`Store::register`] and [`Store::register_participant`]
/// describe it.
struct SeatRequest<'a> {
    session_id: i64,
    kind: SessionKind,
    signup: &'a SignUp,
    code: &'a str,
    token_hash: &'a str,
    form_token: Option<&'a str>,
    /// The staff member booking for a household.
    booked_by: Option<i64>,
    /// The staff member signing up for a training themselves.
    participant: Option<i64>,
    private_path: &'a str,
    now: i64,
}

/// A [`SeatRequest`] that owns its text, to be sent to the writer of its engine.
#[derive(Clone)]
struct OwnedSeatRequest {
    session_id: i64,
    kind: SessionKind,
    signup: SignUp,
    code: String,
    token_hash: String,
    form_token: Option<String>,
    booked_by: Option<i64>,
    participant: Option<i64>,
    private_path: String,
    now: i64,
}

impl From<&SeatRequest<'_>> for OwnedSeatRequest {
    fn from(req: &SeatRequest<'_>) -> Self {
        OwnedSeatRequest {
            session_id: req.session_id,
            kind: req.kind,
            signup: req.signup.clone(),
            code: req.code.to_owned(),
            token_hash: req.token_hash.to_owned(),
            form_token: req.form_token.map(str::to_owned),
            booked_by: req.booked_by,
            participant: req.participant,
            private_path: req.private_path.to_owned(),
            now: req.now,
        }
    }
}

impl OwnedSeatRequest {
    fn borrowed(&self) -> SeatRequest<'_> {
        SeatRequest {
            session_id: self.session_id,
            kind: self.kind,
            signup: &self.signup,
            code: &self.code,
            token_hash: &self.token_hash,
            form_token: self.form_token.as_deref(),
            booked_by: self.booked_by,
            participant: self.participant,
            private_path: &self.private_path,
            now: self.now,
        }
    }
}

/// What a booking attempt gives: what was registered, and the counter's dimension when
/// a row was added (nothing is written otherwise).
type Booked = (Registered, Option<String>);

/// The workshop row a sign-up locks, as [`SIGN_UP_LOCK`] reads it: the bookings waiting
/// (kept by a trigger), the booking the same form, API key or staff member made before
/// (id and status), whether sign-ups are open, and where a new booking goes.
type SessionRow = (i64, Option<i64>, Option<String>, bool, String);

/// The statement that reads the workshop for a sign-up ($1, of kind $2), the booking made
/// before (`$before`, which `$join` finds with $3), and decides, for $4 seats booked by
/// staff or not ($5) at $6: sign-ups are open while the workshop is scheduled, before its
/// deadline and its start; the booking is confirmed when nobody waits and its seats fit
/// in what is left (staff may use the seats kept for them, residents may not), else
/// waitlisted: first come, first served, nobody jumps the queue. The rule is written here
/// once for both engines, so that PostgreSQL can lock, decide and insert in one round trip
/// (see [`book_seats_postgres`]).
///
/// On SQLite the transaction holds the write lock already; on PostgreSQL it ends with
/// `FOR UPDATE OF s`, and once it holds the lock it sees the workshop's row as the
/// sign-up that held the lock before left it, counts included (which is why they are
/// kept on the row: a sum over the bookings, taken in the snapshot of a statement that
/// waited for the lock, would miss that sign-up). The booking made before is read in
/// that older snapshot: one made by another instance meanwhile makes this sign-up's
/// insert break a unique key, and its batch runs again (see `db::group_commit`), or the
/// sign-up alone once more (see `book_seats`), where this statement then finds it.
macro_rules! sign_up_lock {
    ($before:literal, $join:literal) => {
        concat!(
            "SELECT s.waitlisted, ",
            $before,
            ",
                    s.status = 'scheduled' AND $6 < s.signup_deadline AND $6 < s.starts_at
                        AS signup_open,
                    CASE WHEN s.waitlisted = 0
                              AND $4 <= s.capacity - s.confirmed_seats
                                        - CASE WHEN $5 THEN 0 ELSE s.staff_reserved END
                         THEN 'confirmed' ELSE 'waitlisted' END AS placement
             FROM training_sessions s ",
            $join,
            " WHERE s.id = $1 AND s.kind = $2"
        )
    };
}
/// [`sign_up_lock!`] by what finds the booking made before: nothing (no join: SQLite
/// would scan the bookings for a join that finds nothing; $3 is then bound to nothing
/// and unused), the form or API key's token, the staff member.
const SIGN_UP_LOCK: [&str; 3] = [
    sign_up_lock!(
        "CAST(NULL AS BIGINT) AS before_id, CAST(NULL AS TEXT) AS before_status",
        ""
    ),
    sign_up_lock!(
        "b.id AS before_id, b.status AS before_status",
        "LEFT JOIN registrations b ON b.form_token = $3"
    ),
    sign_up_lock!(
        "b.id AS before_id, b.status AS before_status",
        "LEFT JOIN registrations b ON b.session_id = s.id AND b.participant_id = $3 AND b.status <> 'cancelled'"
    ),
];

/// The registration's columns a sign-up fills, in the order both engines' inserts give
/// them.
macro_rules! registration_columns {
    () => {
        "registrations (session_id, first_name, contact_email, contact_phone, seats, status,
                        code, token_hash, form_token, booked_by, participant_id, created_at,
                        updated_at)"
    };
}

/// The sign-up on PostgreSQL in one statement: [`SIGN_UP_LOCK`] (`lock`) takes the
/// workshop's row lock and decides, the booking ($7–$14 beside $1, $4 and $6) is added
/// when [`SeatRequest::next`] would add it (open, nothing booked before), and the row comes
/// back with the new booking's id. One round trip, while the workshop's lock is held.
fn postgres_sign_up_statement(lock: &str) -> String {
    format!(
        "WITH s AS ({lock} FOR UPDATE OF s),
         booked AS (
             INSERT INTO {columns}
             SELECT $1, $7, $8, $9, $4, s.placement, $10, $11, $12, $13, $14, $6, $6 FROM s
             WHERE s.signup_open AND s.before_id IS NULL
             RETURNING id)
         SELECT s.waitlisted, s.before_id, s.before_status, s.signup_open, s.placement, booked.id
         FROM s LEFT JOIN booked ON TRUE",
        columns = registration_columns!()
    )
}
/// The booking on SQLite, once [`SeatRequest::next`] has decided.
const INSERT_REGISTRATION: &str = concat!(
    "INSERT INTO ",
    registration_columns!(),
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id"
);

impl SeatRequest<'_> {
    /// Staff may use the seats kept for them; residents may not.
    fn by_staff(&self) -> bool {
        self.booked_by.is_some() || self.participant.is_some()
    }

    /// The new booking `id`, placed at `placement`, last in the queue when waitlisted
    /// (behind the `waitlisted` bookings counted when the lock was taken).
    fn booked(&self, id: i64, placement: Placement, waitlisted: i64) -> Booked {
        let position = match placement {
            Placement::Confirmed => None,
            Placement::Waitlisted => Some(waitlisted + 1),
        };
        let counted = format!("{}|{}", self.kind.code(), status_of(placement));
        (
            Registered::Done {
                id,
                placement,
                new: true,
                position,
            },
            Some(counted),
        )
    }

    /// The message announcing the booking, when an e-mail was left.
    fn message(&self, placement: Placement) -> Option<Kind> {
        self.signup.email.as_ref().map(|_| match placement {
            Placement::Confirmed => Kind::Confirmed,
            Placement::Waitlisted => Kind::Waitlisted,
        })
    }
}

fn status_of(placement: Placement) -> &'static str {
    match placement {
        Placement::Confirmed => "confirmed",
        Placement::Waitlisted => "waitlisted",
    }
}

/// The placement a booking's status names (`confirmed`, else waitlisted).
fn placement_of(status: &str) -> Placement {
    if status == "confirmed" {
        Placement::Confirmed
    } else {
        Placement::Waitlisted
    }
}

/// The booking made before by the same form, key or staff member, given back.
fn booked_before((id, status): (i64, String)) -> Booked {
    (
        Registered::Done {
            id,
            placement: placement_of(&status),
            new: false,
            position: None,
        },
        None,
    )
}

/// What finds the booking a sign-up made before (see [`SIGN_UP_LOCK`]).
enum Before<'a> {
    Nothing,
    /// The form's or the API key's token.
    Token(&'a str),
    /// The staff member booking a training for themselves.
    Participant(i64),
}

impl Before<'_> {
    /// Its statement in [`SIGN_UP_LOCK`].
    fn statement(&self) -> usize {
        match self {
            Before::Nothing => 0,
            Before::Token(_) => 1,
            Before::Participant(_) => 2,
        }
    }
}

impl SeatRequest<'_> {
    /// The booking made before is looked up by the form's token, else by the staff member.
    fn before(&self) -> Before<'_> {
        match (self.form_token, self.participant) {
            (Some(token), _) => Before::Token(token),
            (None, Some(staff)) => Before::Participant(staff),
            (None, None) => Before::Nothing,
        }
    }

    /// What to do, given the workshop's row as [`SIGN_UP_LOCK`] decided it (none: no such
    /// workshop of this kind): answer at once, nothing written (`Break`), or add the
    /// booking at its placement, behind the bookings waiting (`Continue`).
    fn next(&self, row: Option<SessionRow>) -> ControlFlow<Booked, (Placement, i64)> {
        let Some((waitlisted, before_id, before_status, open, placement)) = row else {
            return ControlFlow::Break((Registered::Closed, None));
        };
        if let (Some(id), Some(before_status)) = (before_id, before_status) {
            return ControlFlow::Break(booked_before((id, before_status)));
        }
        if !open {
            return ControlFlow::Break((Registered::Closed, None));
        }
        ControlFlow::Continue((placement_of(&placement), waitlisted))
    }
}

/// A sign-up on PostgreSQL, in the writer's open transaction: the workshop's row lock,
/// the decision and the registration row in one statement (see
/// [`postgres_sign_up_statement`]), then the e-mail when one was left.
async fn book_seats_postgres(
    conn: &mut sqlx::PgConnection,
    req: &SeatRequest<'_>,
) -> Result<Booked, StoreError> {
    static SIGN_UP: LazyLock<[String; 3]> =
        LazyLock::new(|| SIGN_UP_LOCK.map(postgres_sign_up_statement));
    let before = req.before();
    let query = sqlx::query_as::<_, (i64, Option<i64>, Option<String>, bool, String, Option<i64>)>(
        &SIGN_UP[before.statement()],
    )
    .bind(req.session_id)
    .bind(req.kind.code());
    let query = match before {
        Before::Nothing => query.bind(None::<&str>),
        Before::Token(token) => query.bind(token),
        Before::Participant(staff) => query.bind(staff),
    };
    let row = query
        .bind(req.signup.seats)
        .bind(req.by_staff())
        .bind(req.now)
        .bind(&req.signup.first_name)
        .bind(&req.signup.email)
        .bind(&req.signup.phone)
        .bind(req.code)
        .bind(req.token_hash)
        .bind(req.form_token)
        .bind(req.booked_by)
        .bind(req.participant)
        .fetch_optional(&mut *conn)
        .await?;
    let (row, id) = match row {
        Some((waitlisted, before_id, before_status, open, placement, id)) => (
            Some((waitlisted, before_id, before_status, open, placement)),
            id,
        ),
        None => (None, None),
    };
    let (placement, waitlisted) = match req.next(row) {
        ControlFlow::Break(booked) => return Ok(booked),
        ControlFlow::Continue(insert) => insert,
    };
    // The statement inserts exactly when `next` continues.
    let id = id.ok_or_else(|| {
        sqlx::Error::Protocol("the sign-up statement added no booking to an open workshop".into())
    })?;
    if let Some(kind) = req.message(placement) {
        queue_message!(conn, kind, Some(id), None::<i64>, req.private_path, req.now)?;
    }
    Ok(req.booked(id, placement, waitlisted))
}

/// [`book_seats_postgres`] as a write for the instance's writer.
fn postgres_sign_up(
    req: OwnedSeatRequest,
) -> impl for<'c> FnOnce(&'c mut sqlx::PgConnection) -> WriteFuture<'c, Result<Booked, StoreError>>
       + Clone
       + Send
       + 'static {
    move |conn| Box::pin(async move { book_seats_postgres(conn, &req.borrowed()).await })
}

/// The same on SQLite, on the writer's connection (see `db::sqlite_writer`), whose
/// transaction holds the write lock: [`SIGN_UP_LOCK`] decides, then the registration
/// row and e-mail are added (statements in the process: no round trip to save).
fn book_seats_sqlite(
    conn: &rusqlite::Connection,
    req: &SeatRequest<'_>,
) -> Result<Booked, StoreError> {
    static LOCK: LazyLock<[String; 3]> = LazyLock::new(|| SIGN_UP_LOCK.map(positional));
    static INSERT: LazyLock<String> = LazyLock::new(|| positional(INSERT_REGISTRATION));
    static MESSAGE: LazyLock<String> = LazyLock::new(|| positional(QUEUE_MESSAGE));
    let session_row = |row: &rusqlite::Row<'_>| -> rusqlite::Result<SessionRow> {
        Ok((
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
        ))
    };
    let before = req.before();
    let mut lock = conn.prepare_cached(&LOCK[before.statement()])?;
    let (id, kind, seats, by_staff, now) = (
        req.session_id,
        req.kind.code(),
        req.signup.seats,
        req.by_staff(),
        req.now,
    );
    let row = match before {
        Before::Nothing => lock.query_row(
            rusqlite::params![id, kind, None::<&str>, seats, by_staff, now],
            session_row,
        ),
        Before::Token(token) => lock.query_row(
            rusqlite::params![id, kind, token, seats, by_staff, now],
            session_row,
        ),
        Before::Participant(staff) => lock.query_row(
            rusqlite::params![id, kind, staff, seats, by_staff, now],
            session_row,
        ),
    }
    .optional()?;
    let (placement, waitlisted) = match req.next(row) {
        ControlFlow::Break(booked) => return Ok(booked),
        ControlFlow::Continue(insert) => insert,
    };
    let id: i64 = conn.prepare_cached(&INSERT)?.query_row(
        rusqlite::params![
            req.session_id,
            req.signup.first_name,
            req.signup.email,
            req.signup.phone,
            req.signup.seats,
            status_of(placement),
            req.code,
            req.token_hash,
            req.form_token,
            req.booked_by,
            req.participant,
            req.now
        ],
        |row| row.get(0),
    )?;
    if let Some(kind) = req.message(placement) {
        conn.prepare_cached(&MESSAGE)?.execute(rusqlite::params![
            kind.code(),
            id,
            None::<i64>,
            req.private_path,
            req.now
        ])?;
    }
    Ok(req.booked(id, placement, waitlisted))
}

/// A new workshop, validated.
#[derive(Clone, Debug)]
pub struct NewWorkshop {
    pub organisation_id: i64,
    pub title: String,
    pub theme: String,
    pub description: String,
    pub description_html: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place_id: i64,
    pub capacity: i64,
    pub staff_reserved: i64,
    pub signup_deadline: i64,
    pub created_by: i64,
    /// Staff ids leading the workshop (of one or more organisations).
    pub hosts: Vec<i64>,
}

/// What changing a workshop did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Updated {
    Done {
        moved: bool,
        promoted: usize,
    },
    /// Not a scheduled workshop of this organisation.
    NotFound,
    /// The new capacity is below the seats already confirmed (given).
    BelowConfirmed(i64),
    /// A host or the place is taken at the new time.
    Conflicts(Vec<Conflict>),
}

type PlaceRow = (i64, String, String, String, String, i64, bool, bool);
/// A session as [`WORKSHOP_SELECT`] reads it.
#[derive(sqlx::FromRow)]
struct WorkshopRow {
    id: i64,
    title: String,
    theme: String,
    description_html: String,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
    staff_reserved: i64,
    signup_deadline: i64,
    place_id: i64,
    status: String,
    organisation: String,
    confirmed_seats: i64,
    waitlisted: i64,
    description: String,
    sequence: i64,
    kind: String,
}

const WORKSHOP_SELECT: &str = "SELECT s.id, s.title, s.theme, s.description_html, s.starts_at, s.ends_at,
        s.capacity, s.staff_reserved, s.signup_deadline, s.place_id, s.status, o.name AS organisation,
        s.confirmed_seats, s.waitlisted,
        s.description, s.sequence, s.kind
 FROM training_sessions s JOIN organisations o ON o.id = s.organisation_id";

fn place_of(row: PlaceRow) -> Place {
    let (id, name, address, access, accessibility, capacity, step_free, hearing_loop) = row;
    Place {
        id,
        name,
        address,
        access,
        accessibility,
        capacity,
        step_free,
        hearing_loop,
    }
}

/// Inside a transaction holding the session's lock: confirms the first waitlisted
/// bookings that fit in the residents' free seats (the capacity minus the reserved seats,
/// or what staff actually booked if more) and queues one message to each who left an
/// e-mail. Evaluates to the promoted ids.
macro_rules! promote_in_tx {
    ($tx:ident, $session_id:expr, $capacity:expr, $reserved:expr, $now:expr) => {{
        let (residents, staff): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN booked_by IS NULL THEN seats ELSE 0 END), 0) AS BIGINT),
                    CAST(COALESCE(SUM(CASE WHEN booked_by IS NOT NULL THEN seats ELSE 0 END), 0) AS BIGINT)
             FROM registrations WHERE session_id = $1 AND status = 'confirmed'",
        )
        .bind($session_id).fetch_one(&mut *$tx).await?;
        let waiting: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT id, seats FROM registrations WHERE session_id = $1 AND status = 'waitlisted' ORDER BY id",
        )
        .bind($session_id).fetch_all(&mut *$tx).await?;
        let left = $capacity - $reserved.max(staff) - residents;
        let promoted = promotions(left, &waiting);
        for pid in &promoted {
            sqlx::query("UPDATE registrations SET status = 'confirmed', updated_at = $2 WHERE id = $1")
                .bind(pid).bind($now).execute(&mut *$tx).await?;
            sqlx::query(
                "INSERT INTO outbox (channel, kind, registration_id, payload, status, attempts, next_attempt_at, created_at)
                 SELECT 'email', $2, id, '', 'pending', 0, $3, $3 FROM registrations WHERE id = $1 AND contact_email IS NOT NULL",
            )
            .bind(pid).bind(Kind::Promoted.code()).bind($now).execute(&mut *$tx).await?;
        }
        promoted
    }};
}

/// Inserts a resident workshop and its hosts in the open transaction `$tx`; evaluates
/// to its id.
macro_rules! insert_workshop {
    ($tx:ident, $w:expr, $now:expr) => {{
        let w: &NewWorkshop = $w;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO training_sessions (kind, organisation_id, title, theme, description, description_html, starts_at,
               ends_at, place_id, capacity, staff_reserved, signup_deadline, status, sequence, created_by, created_at, updated_at)
             VALUES ('resident_workshop', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'scheduled', 0, $12, $13, $13)
             RETURNING id",
        )
        .bind(w.organisation_id).bind(&w.title).bind(&w.theme).bind(&w.description).bind(&w.description_html)
        .bind(w.starts_at).bind(w.ends_at).bind(w.place_id).bind(w.capacity).bind(w.staff_reserved)
        .bind(w.signup_deadline).bind(w.created_by).bind($now)
        .fetch_one(&mut *$tx).await?;
        for host in &w.hosts {
            sqlx::query("INSERT INTO session_hosts (session_id, staff_id) VALUES ($1, $2)")
                .bind(id).bind(host)
                .execute(&mut *$tx).await?;
        }
        id
    }};
}

impl Store {
    /// Adds a place. Returns its id.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_place(
        &self,
        organisation_id: i64,
        name: &str,
        address: &str,
        access: &str,
        accessibility: &str,
        capacity: i64,
        step_free: bool,
        hearing_loop: bool,
        now: i64,
    ) -> Result<i64, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar(
                "INSERT INTO places (organisation_id, name, address, access, accessibility, capacity, step_free, hearing_loop, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(organisation_id).bind(name).bind(address).bind(access).bind(accessibility)
            .bind(capacity).bind(step_free).bind(hearing_loop).bind(now)
            .fetch_one(pool).await?
        }))
    }

    /// Every place, by name.
    pub async fn list_places(&self) -> Result<Vec<Place>, StoreError> {
        let rows: Vec<PlaceRow> = on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT id, name, address, access, accessibility, capacity, step_free, hearing_loop FROM places ORDER BY name, id")
                .fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(place_of).collect())
    }

    /// Creates a resident workshop with its hosts, without checking who or what is
    /// taken (demo data and tests). Returns its id.
    pub async fn create_workshop(&self, w: &NewWorkshop, now: i64) -> Result<i64, StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let id = insert_workshop!(tx, w, now);
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Creates a resident workshop unless a host or the place is taken at that time
    /// (with `buffer_secs` of travel between two places, and declared unavailability),
    /// checked and written in one serialising transaction. Returns its id, or the
    /// conflicts.
    pub async fn create_workshop_checked(
        &self,
        w: &NewWorkshop,
        buffer_secs: i64,
        now: i64,
    ) -> Result<Result<i64, Vec<Conflict>>, StoreError> {
        macro_rules! body {
            ($tx:ident, $lock:expr) => {{
                let team = lock_team!($tx, $lock, w.place_id, &w.hosts).await?;
                let found = conflicts_in!(
                    $tx,
                    &team,
                    w.place_id,
                    w.starts_at,
                    w.ends_at,
                    buffer_secs,
                    0_i64
                )
                .await?;
                if !found.is_empty() {
                    return Ok(Err(found));
                }
                let id = insert_workshop!($tx, w, now);
                $tx.commit().await?;
                Ok(Ok(id))
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

    /// Cancels a workshop of `organisation_id` and queues a message to every booking
    /// that left an e-mail. Returns false when it is not theirs (or already cancelled).
    pub async fn cancel_workshop(
        &self,
        id: i64,
        organisation_id: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let changed = sqlx::query(
                "UPDATE training_sessions SET status = 'cancelled', sequence = sequence + 1, updated_at = $3
                 WHERE id = $1 AND organisation_id = $2 AND status = 'scheduled'",
            )
            .bind(id).bind(organisation_id).bind(now)
            .execute(&mut *tx).await?.rows_affected() == 1;
            if changed {
                queue_to_session!(tx, Kind::Cancelled, id, now)?;
            }
            tx.commit().await?;
            Ok(changed)
        })
    }

    /// Changes a scheduled workshop of `organisation_id`. A new time or place is
    /// announced to every booking with an e-mail; seats added go to the people waiting.
    /// With `buffer_secs`, refuses when a host or the place is taken at the new time
    /// (checked inside the transaction, as at creation).
    pub async fn update_workshop(
        &self,
        id: i64,
        organisation_id: i64,
        w: &NewWorkshop,
        buffer_secs: Option<i64>,
        now: i64,
    ) -> Result<Updated, StoreError> {
        macro_rules! body {
            ($tx:ident, $select:expr, $lock:expr) => {{
                let found: Option<(i64, i64, i64)> = sqlx::query_as($select)
                    .bind(id).bind(organisation_id).fetch_optional(&mut *$tx).await?;
                let Some((starts_at, ends_at, place_id)) = found else { return Ok(Updated::NotFound) };
                if let Some(buffer) = buffer_secs {
                    let team = lock_team!($tx, $lock, w.place_id, &w.hosts).await?;
                    let found = conflicts_in!($tx, &team, w.place_id, w.starts_at, w.ends_at, buffer, id).await?;
                    if !found.is_empty() {
                        return Ok(Updated::Conflicts(found));
                    }
                }
                let confirmed: i64 = sqlx::query_scalar(
                    "SELECT confirmed_seats FROM training_sessions WHERE id = $1",
                )
                .bind(id).fetch_one(&mut *$tx).await?;
                if w.capacity < confirmed {
                    return Ok(Updated::BelowConfirmed(confirmed));
                }
                let moved = starts_at != w.starts_at || ends_at != w.ends_at || place_id != w.place_id;
                sqlx::query(
                    "UPDATE training_sessions SET title = $2, theme = $3, description = $4, description_html = $5, starts_at = $6,
                       ends_at = $7, place_id = $8, capacity = $9, staff_reserved = $10, signup_deadline = $11,
                       sequence = sequence + 1, updated_at = $12
                     WHERE id = $1",
                )
                .bind(id).bind(&w.title).bind(&w.theme).bind(&w.description).bind(&w.description_html)
                .bind(w.starts_at).bind(w.ends_at).bind(w.place_id).bind(w.capacity).bind(w.staff_reserved)
                .bind(w.signup_deadline).bind(now)
                .execute(&mut *$tx).await?;
                sqlx::query("DELETE FROM session_hosts WHERE session_id = $1").bind(id).execute(&mut *$tx).await?;
                for host in &w.hosts {
                    sqlx::query("INSERT INTO session_hosts (session_id, staff_id) VALUES ($1, $2)")
                        .bind(id).bind(host).execute(&mut *$tx).await?;
                }
                if moved {
                    queue_to_session!($tx, Kind::Changed, id, now)?;
                }
                let promoted = promote_in_tx!($tx, id, w.capacity, w.staff_reserved, now);
                $tx.commit().await?;
                Ok(Updated::Done { moved, promoted: promoted.len() })
            }};
        }
        match self.db() {
            Db::Sqlite(pool) => {
                crate::begin_write!(sqlite self, pool => tx);
                body!(tx, "SELECT starts_at, ends_at, place_id FROM training_sessions WHERE id = $1 AND organisation_id = $2 AND status = 'scheduled' AND kind = 'resident_workshop'", "")
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                body!(tx, "SELECT starts_at, ends_at, place_id FROM training_sessions WHERE id = $1 AND organisation_id = $2 AND status = 'scheduled' AND kind = 'resident_workshop' FOR UPDATE", " FOR UPDATE")
            }
        }
    }

    /// The organisation that owns a resident workshop.
    pub async fn workshop_owner(&self, id: i64) -> Result<Option<i64>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT organisation_id FROM training_sessions WHERE id = $1 AND kind = 'resident_workshop'")
                .bind(id).fetch_optional(pool).await?
        }))
    }

    /// The organisation that owns a session of either kind.
    pub async fn session_owner(&self, id: i64) -> Result<Option<i64>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT organisation_id FROM training_sessions WHERE id = $1")
                .bind(id).fetch_optional(pool).await?
        }))
    }

    /// The markdown description of a workshop, as typed.
    pub async fn workshop_description(&self, id: i64) -> Result<Option<String>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT description FROM training_sessions WHERE id = $1")
                .bind(id).fetch_optional(pool).await?
        }))
    }

    /// The hosts of a session: (staff id, name, organisation name).
    pub async fn session_hosts(&self, id: i64) -> Result<Vec<(i64, String, String)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT st.id, st.name, o.name FROM session_hosts h JOIN staff st ON st.id = h.staff_id
                 JOIN organisations o ON o.id = st.organisation_id WHERE h.session_id = $1 ORDER BY o.name, st.name",
            )
            .bind(id).fetch_all(pool).await?
        }))
    }

    /// Staff who can host: active accounts of every organisation, (id, name, organisation).
    pub async fn possible_hosts(&self) -> Result<Vec<(i64, String, String)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT st.id, st.name, o.name FROM staff st JOIN organisations o ON o.id = st.organisation_id
                 WHERE st.active ORDER BY o.name, st.name",
            )
            .fetch_all(pool).await?
        }))
    }

    /// The bookings of a session for its organisers, in booking order. A staff member
    /// signed up for a training is shown with their work e-mail and organisation.
    pub async fn session_bookings(&self, id: i64) -> Result<Vec<Booking>, StoreError> {
        type Row = (
            i64,
            String,
            i64,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<bool>,
            Option<String>,
        );
        let rows: Vec<Row> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT r.id, r.first_name, r.seats, r.status, r.code,
                        CASE WHEN r.contact_erased_at IS NULL THEN COALESCE(r.contact_email, p.email) END, r.contact_phone,
                        st.name, r.attended, CASE WHEN r.contact_erased_at IS NULL THEN po.name END
                 FROM registrations r LEFT JOIN staff st ON st.id = r.booked_by
                 LEFT JOIN staff p ON p.id = r.participant_id LEFT JOIN organisations po ON po.id = p.organisation_id
                 WHERE r.session_id = $1 ORDER BY r.id",
            )
            .bind(id).fetch_all(pool).await?
        });
        let mut position = 0;
        Ok(rows
            .into_iter()
            .map(
                |(
                    id,
                    first_name,
                    seats,
                    status,
                    code,
                    email,
                    phone,
                    booked_by,
                    attended,
                    participant_of,
                )| {
                    let waiting = status == "waitlisted";
                    position += i64::from(waiting);
                    Booking {
                        id,
                        first_name,
                        seats,
                        position: waiting.then_some(position),
                        status,
                        code,
                        email,
                        phone,
                        booked_by,
                        attended,
                        participant_of,
                    }
                },
            )
            .collect())
    }

    /// The active registration of staff member `staff_id` for session `session_id`.
    pub async fn participant_registration(
        &self,
        session_id: i64,
        staff_id: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar(
                "SELECT id FROM registrations WHERE session_id = $1 AND participant_id = $2 AND status <> 'cancelled'",
            )
            .bind(session_id).bind(staff_id).fetch_optional(pool).await?
        }))
    }

    /// Bookings a staff member made for households, with their workshop, newest first:
    /// (registration id, workshop id, workshop title, starts at, first name, seats, status).
    pub async fn staff_bookings(
        &self,
        staff_id: i64,
    ) -> Result<Vec<(i64, i64, String, i64, String, i64, String)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT r.id, s.id, s.title, s.starts_at, r.first_name, r.seats, r.status
                 FROM registrations r JOIN training_sessions s ON s.id = r.session_id
                 WHERE r.booked_by = $1 ORDER BY s.starts_at DESC, r.id DESC",
            )
            .bind(staff_id).fetch_all(pool).await?
        }))
    }

    /// The workshop and staff member behind a registration: (session id, organisation
    /// of the workshop, booked by).
    pub async fn registration_owner(
        &self,
        id: i64,
    ) -> Result<Option<(i64, i64, Option<i64>)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT s.id, s.organisation_id, r.booked_by FROM registrations r JOIN training_sessions s ON s.id = r.session_id WHERE r.id = $1",
            )
            .bind(id).fetch_optional(pool).await?
        }))
    }

    /// Records attendance of confirmed bookings of a started workshop or training of
    /// `organisation_id`: (registration id, attended). Returns false when not theirs.
    /// The anonymous counters follow in the same transaction: the first recording
    /// counts the session as held (with its seats, bookings and waitlist), and each
    /// change of a mark moves its seats between present and absent.
    pub async fn set_attendance(
        &self,
        session_id: i64,
        organisation_id: i64,
        marks: &[(i64, bool)],
        now: i64,
    ) -> Result<bool, StoreError> {
        macro_rules! body {
            ($tx:ident) => {{
                let ours: Option<(String, i64, i64)> = sqlx::query_as(
                    "SELECT kind, capacity, starts_at FROM training_sessions
                     WHERE id = $1 AND organisation_id = $2 AND starts_at <= $3",
                )
                .bind(session_id).bind(organisation_id).bind(now).fetch_optional(&mut *$tx).await?;
                let Some((kind, capacity, starts_at)) = ours else {
                    return Ok(false);
                };
                let first = sqlx::query(
                    "UPDATE training_sessions SET attendance_recorded_at = $2 WHERE id = $1 AND attendance_recorded_at IS NULL",
                )
                .bind(session_id).bind(now).execute(&mut *$tx).await?.rows_affected() == 1;
                // Counter changes, written at the end in one order (the metric's name) so
                // that two transactions never lock the same counters in opposite orders.
                let mut deltas: std::collections::BTreeMap<&str, i64> = std::collections::BTreeMap::new();
                if first {
                    let (booked, waiting): (i64, i64) = sqlx::query_as(
                        "SELECT confirmed_seats, waitlisted FROM training_sessions WHERE id = $1",
                    )
                    .bind(session_id).fetch_one(&mut *$tx).await?;
                    for (name, by) in [(metric::HELD, 1), (metric::CAPACITY, capacity), (metric::BOOKED, booked), (metric::WAITING, waiting)] {
                        *deltas.entry(name).or_insert(0) += by;
                    }
                }
                for (id, attended) in marks {
                    let before: Option<(i64, Option<bool>)> = sqlx::query_as(
                        "SELECT seats, attended FROM registrations WHERE id = $1 AND session_id = $2 AND status = 'confirmed'",
                    )
                    .bind(id).bind(session_id).fetch_optional(&mut *$tx).await?;
                    let Some((seats, old)) = before else { continue };
                    if old == Some(*attended) {
                        continue;
                    }
                    let code = |mark: Option<bool>| mark.map_or(-1_i64, i64::from);
                    // Only if nobody changed the mark meanwhile, so a change is counted once.
                    let changed = sqlx::query(
                        "UPDATE registrations SET attended = $2, updated_at = $3
                         WHERE id = $1 AND COALESCE(CAST(attended AS INTEGER), -1) = $4",
                    )
                    .bind(id).bind(attended).bind(now).bind(code(old))
                    .execute(&mut *$tx).await?.rows_affected() == 1;
                    if !changed {
                        continue;
                    }
                    let bucket = |present: bool| if present { metric::PRESENT } else { metric::ABSENT };
                    if let Some(old) = old {
                        *deltas.entry(bucket(old)).or_insert(0) -= seats;
                    }
                    *deltas.entry(bucket(*attended)).or_insert(0) += seats;
                }
                for (name, by) in deltas.into_iter().filter(|(_, by)| *by != 0) {
                    crate::count_in_tx!($tx, name, &kind, starts_at, by)?;
                }
                $tx.commit().await?;
                Ok(true)
            }};
        }
        match self.db() {
            Db::Sqlite(pool) => {
                crate::begin_write!(sqlite self, pool => tx);
                body!(tx)
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                body!(tx)
            }
        }
    }

    /// Erases the names and contacts of the bookings of sessions that ended before
    /// `before`, and the messages about them; seats, status and attendance remain for
    /// the anonymous counts. Returns how many bookings were erased.
    pub async fn erase_contacts(&self, before: i64, now: i64) -> Result<u64, StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let erased = sqlx::query(
                "UPDATE registrations SET first_name = '', contact_email = NULL, contact_phone = NULL, contact_erased_at = $2
                 WHERE contact_erased_at IS NULL AND session_id IN (SELECT id FROM training_sessions WHERE ends_at < $1)",
            )
            .bind(before).bind(now).execute(&mut *tx).await?.rows_affected();
            sqlx::query(
                "DELETE FROM outbox WHERE registration_id IN (SELECT id FROM registrations WHERE contact_erased_at IS NOT NULL)",
            )
            .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(erased)
        })
    }

    /// Resident workshops matching `filter` (one `$1` placeholder, bound to `bind`).
    async fn workshops_where(&self, filter: &str, bind: i64) -> Result<Vec<Workshop>, StoreError> {
        self.sessions_where(Some(SessionKind::ResidentWorkshop), filter, bind)
            .await
    }

    /// Sessions of `kind` (any kind with `None`) matching `filter`, by date.
    async fn sessions_where(
        &self,
        kind: Option<SessionKind>,
        filter: &str,
        bind: i64,
    ) -> Result<Vec<Workshop>, StoreError> {
        let kind = kind.map_or("1 = 1".into(), |k| format!("s.kind = '{}'", k.code()));
        let rows: Vec<WorkshopRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(&format!("{WORKSHOP_SELECT} WHERE {kind} AND {filter} ORDER BY s.starts_at, s.id"))
                .bind(bind).fetch_all(pool).await?
        });
        let places = self.list_places().await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let place = places.iter().find(|p| p.id == r.place_id)?.clone();
                Some(Workshop {
                    id: r.id,
                    title: r.title,
                    theme: r.theme,
                    description_html: r.description_html,
                    starts_at: r.starts_at,
                    ends_at: r.ends_at,
                    capacity: r.capacity,
                    staff_reserved: r.staff_reserved,
                    signup_deadline: r.signup_deadline,
                    place,
                    cancelled: r.status == "cancelled",
                    organisation: r.organisation,
                    confirmed_seats: r.confirmed_seats,
                    waitlisted: r.waitlisted,
                    description: r.description,
                    sequence: r.sequence,
                    professional: r.kind == SessionKind::ProfessionalTraining.code(),
                })
            })
            .collect())
    }

    /// Scheduled workshops that have not started at `now`, by date.
    pub async fn upcoming_workshops(&self, now: i64) -> Result<Vec<Workshop>, StoreError> {
        self.workshops_where("s.status = 'scheduled' AND s.starts_at > $1", now)
            .await
    }

    /// What the public calendar feed lists: workshops ending after `since`, cancelled
    /// ones included (so that subscribed calendars mark them cancelled), by date.
    pub async fn calendar_workshops(&self, since: i64) -> Result<Vec<Workshop>, StoreError> {
        self.workshops_where("s.ends_at > $1", since).await
    }

    /// The workshops of an organisation (past ones included), by date.
    pub async fn organisation_workshops(
        &self,
        organisation_id: i64,
    ) -> Result<Vec<Workshop>, StoreError> {
        self.workshops_where("s.organisation_id = $1", organisation_id)
            .await
    }

    /// One session of either kind (workshop or professional training), cancelled or not.
    pub async fn session(&self, id: i64) -> Result<Option<Workshop>, StoreError> {
        Ok(self
            .sessions_where(None, "s.id = $1", id)
            .await?
            .into_iter()
            .next())
    }

    /// Whether resident workshop `id` exists (cancelled or not), without counting its
    /// seats and waitlist as [`Store::workshop`] does.
    pub async fn workshop_exists(&self, id: i64) -> Result<bool, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar::<_, i64>("SELECT id FROM training_sessions WHERE id = $1 AND kind = $2")
                .bind(id).bind(SessionKind::ResidentWorkshop.code()).fetch_optional(pool).await?
        })
        .is_some())
    }

    /// One workshop, cancelled or not.
    pub async fn workshop(&self, id: i64) -> Result<Option<Workshop>, StoreError> {
        Ok(self
            .workshops_where("s.id = $1", id)
            .await?
            .into_iter()
            .next())
    }

    /// Books seats in a resident workshop: checks what is left and writes in one
    /// serialising transaction, so that concurrent sign-ups on any number of instances
    /// never overbook. The same `form_token` twice gives the first booking back (a
    /// double submission).
    #[allow(clippy::too_many_arguments)]
    pub async fn register(
        &self,
        session_id: i64,
        signup: &SignUp,
        code: &str,
        token_hash: &str,
        form_token: Option<&str>,
        booked_by: Option<i64>,
        private_path: &str,
        now: i64,
    ) -> Result<Registered, StoreError> {
        self.book_seats(&SeatRequest {
            session_id,
            kind: SessionKind::ResidentWorkshop,
            signup,
            code,
            token_hash,
            form_token,
            booked_by,
            participant: None,
            private_path,
            now,
        })
        .await
    }

    /// Signs staff member `staff_id` up for a professional training, with the same
    /// capacity check and waitlist as a workshop. Signing up again while registered
    /// gives the registration back.
    pub async fn register_participant(
        &self,
        session_id: i64,
        staff_id: i64,
        name: &str,
        code: &str,
        token_hash: &str,
        now: i64,
    ) -> Result<Registered, StoreError> {
        let signup = SignUp {
            first_name: name.to_string(),
            email: None,
            phone: None,
            seats: 1,
        };
        self.book_seats(&SeatRequest {
            session_id,
            kind: SessionKind::ProfessionalTraining,
            signup: &signup,
            code,
            token_hash,
            form_token: None,
            booked_by: None,
            participant: Some(staff_id),
            private_path: "",
            now,
        })
        .await
    }

    async fn book_seats(&self, req: &SeatRequest<'_>) -> Result<Registered, StoreError> {
        // The count is not written with the sign-up. On PostgreSQL a counter row locked
        // by every sign-up would serialise the sign-ups of all sessions, and one more
        // transaction after the commit made every sign-up wait a second time for the
        // disk; on SQLite it was one more statement in the single writer's turn for each
        // sign-up. It is counted in memory, like quiz answers, and written within seconds
        // (and before the dashboard reads).
        let owned = OwnedSeatRequest::from(req);
        let (registered, counted) = match self.db() {
            Db::Sqlite(_) => {
                // In the next group commit: its `BEGIN IMMEDIATE` holds the write lock, so
                // no two sign-ups read the same count.
                self.sqlite_writer()?
                    .write(move |conn| book_seats_sqlite(conn, &owned.borrowed()))
                    .await?
            }
            Db::Postgres(_) => {
                // The session's row lock serialises the sign-ups of one session; the
                // instance's writer commits those that come together in one transaction
                // (the lock is then taken once, and the disk flushed once, for them all).
                let writer = self.postgres_writer()?;
                let work = postgres_sign_up(owned);
                match writer.write_locking(req.session_id, work.clone()).await {
                    // The same form or staff member's booking, made by another instance
                    // while this one waited for the lock (see `SIGN_UP_LOCK`): found now.
                    Err(error) if error.is_unique_violation() => {
                        writer.write_locking(req.session_id, work).await?
                    }
                    written => written?,
                }
            }
        };
        if let Some(counted) = counted {
            self.count_later(metric::SIGN_UP, &counted, req.now);
        }
        Ok(registered)
    }

    /// Professional trainings that have not started at `now`, by date.
    pub async fn upcoming_trainings(&self, now: i64) -> Result<Vec<Workshop>, StoreError> {
        self.sessions_where(
            Some(SessionKind::ProfessionalTraining),
            "s.status = 'scheduled' AND s.starts_at > $1",
            now,
        )
        .await
    }

    /// The professional trainings a staff member signed up for (cancelled ones
    /// excluded), newest first: (training, registration id, status, waitlist position,
    /// attended).
    pub async fn participations(&self, staff_id: i64) -> Result<Vec<Participation>, StoreError> {
        let rows: Vec<(i64, i64, String, Option<bool>)> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT r.session_id, r.id, r.status, r.attended FROM registrations r
                 WHERE r.participant_id = $1 AND r.status <> 'cancelled' ORDER BY r.id DESC",
            )
            .bind(staff_id).fetch_all(pool).await?
        });
        let mut found = Vec::with_capacity(rows.len());
        for (session_id, registration, status, attended) in rows {
            let Some(training) = self.session(session_id).await? else {
                continue;
            };
            let position = if status == "waitlisted" {
                let ahead: i64 = on_pool!(self.db(), pool => {
                    sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE session_id = $1 AND status = 'waitlisted' AND id < $2")
                        .bind(session_id).bind(registration).fetch_one(pool).await?
                });
                Some(ahead + 1)
            } else {
                None
            };
            found.push(Participation {
                training,
                registration,
                position,
                attended,
            });
        }
        found.sort_by_key(|p| std::cmp::Reverse(p.training.starts_at));
        Ok(found)
    }

    /// The place of waitlisted registration `id` in session `session_id`'s queue (1 =
    /// next), counted in the (session, status, id) index.
    async fn waitlist_position(&self, session_id: i64, id: i64) -> Result<i64, StoreError> {
        let ahead: i64 = on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE session_id = $1 AND status = 'waitlisted' AND id < $2")
                .bind(session_id).bind(id).fetch_one(pool).await?
        });
        Ok(ahead + 1)
    }

    /// A registration by the hash of its private token.
    pub async fn registration(
        &self,
        token_hash: &str,
    ) -> Result<Option<RegistrationView>, StoreError> {
        self.registration_where("token_hash", token_hash).await
    }

    /// The registration a one-time form token (or API idempotency key) booked, if any.
    pub async fn registration_by_form_token(
        &self,
        form_token: &str,
    ) -> Result<Option<RegistrationView>, StoreError> {
        self.registration_where("form_token", form_token).await
    }

    /// `column` is one of the two unique text columns above, never user input.
    async fn registration_where(
        &self,
        column: &'static str,
        value: &str,
    ) -> Result<Option<RegistrationView>, StoreError> {
        type Row = (
            i64,
            i64,
            String,
            i64,
            String,
            String,
            bool,
            Option<String>,
            Option<String>,
        );
        let row: Option<Row> = on_pool!(self.db(), pool => {
            sqlx::query_as(&format!(
                "SELECT r.id, r.session_id, r.first_name, r.seats, r.status, r.code,
                        (r.contact_email IS NOT NULL OR r.contact_phone IS NOT NULL), st.name, o.name
                 FROM registrations r LEFT JOIN staff st ON st.id = r.booked_by
                 LEFT JOIN organisations o ON o.id = st.organisation_id
                 WHERE r.{column} = $1",
            ))
            .bind(value).fetch_optional(pool).await?
        });
        let Some((
            id,
            session_id,
            first_name,
            seats,
            status,
            code,
            has_contact,
            staff,
            organisation,
        )) = row
        else {
            return Ok(None);
        };
        let position = if status == "waitlisted" {
            Some(self.waitlist_position(session_id, id).await?)
        } else {
            None
        };
        Ok(Some(RegistrationView {
            id,
            session_id,
            first_name,
            seats,
            status,
            code,
            position,
            has_contact,
            booked_by: staff.map(|name| format!("{name} ({})", organisation.unwrap_or_default())),
        }))
    }

    /// Cancels the registration whose private token hashes to `token_hash`. See
    /// [`Store::cancel_booking`]. `None` when there is no such registration.
    pub async fn cancel_registration(
        &self,
        token_hash: &str,
        now: i64,
        cutoff: i64,
    ) -> Result<Option<Vec<i64>>, StoreError> {
        let id: Option<i64> = on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT id FROM registrations WHERE token_hash = $1")
                .bind(token_hash).fetch_optional(pool).await?
        });
        match id {
            Some(id) => self.cancel_booking(id, now, cutoff).await.map(Some),
            None => Ok(None),
        }
    }

    /// Cancels a registration and, in the same serialising transaction, promotes the
    /// first waitlisted bookings that fit in the seats freed, queueing one message to
    /// each promoted person who left an e-mail. Within `cutoff` seconds of the start,
    /// nobody is promoted automatically: a coordinator decides
    /// ([`Store::promote_waitlist`]). Returns the promoted ids.
    pub async fn cancel_booking(
        &self,
        id: i64,
        now: i64,
        cutoff: i64,
    ) -> Result<Vec<i64>, StoreError> {
        macro_rules! body {
            ($tx:ident, $lock:expr) => {{
                let found: Option<(i64, String)> =
                    sqlx::query_as("SELECT session_id, status FROM registrations WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *$tx)
                        .await?;
                let Some((session_id, status)) = found else {
                    return Ok(Vec::new());
                };
                let (capacity, reserved, starts_at): (i64, i64, i64) = sqlx::query_as($lock)
                    .bind(session_id)
                    .fetch_one(&mut *$tx)
                    .await?;
                if status == "cancelled" {
                    return Ok(Vec::new());
                }
                sqlx::query(
                    "UPDATE registrations SET status = 'cancelled', updated_at = $2 WHERE id = $1",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *$tx)
                .await?;
                let promoted = if now < starts_at - cutoff {
                    promote_in_tx!($tx, session_id, capacity, reserved, now)
                } else {
                    Vec::new()
                };
                $tx.commit().await?;
                Ok(promoted)
            }};
        }
        match self.db() {
            Db::Sqlite(pool) => {
                crate::begin_write!(sqlite self, pool => tx);
                body!(tx, "SELECT capacity, staff_reserved, starts_at FROM training_sessions WHERE id = $1")
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                body!(tx, "SELECT capacity, staff_reserved, starts_at FROM training_sessions WHERE id = $1 FOR UPDATE")
            }
        }
    }

    /// A coordinator gives the free seats of a workshop of `organisation_id` to the
    /// first people waiting who fit (used inside the cut-off before the start). Returns
    /// the promoted ids, or `None` when the workshop is not theirs.
    pub async fn promote_waitlist(
        &self,
        session_id: i64,
        organisation_id: i64,
        now: i64,
    ) -> Result<Option<Vec<i64>>, StoreError> {
        macro_rules! body {
            ($tx:ident, $lock:expr) => {{
                let found: Option<(i64, i64)> = sqlx::query_as($lock)
                    .bind(session_id)
                    .bind(organisation_id)
                    .fetch_optional(&mut *$tx)
                    .await?;
                let Some((capacity, reserved)) = found else {
                    return Ok(None);
                };
                let promoted = promote_in_tx!($tx, session_id, capacity, reserved, now);
                $tx.commit().await?;
                Ok(Some(promoted))
            }};
        }
        match self.db() {
            Db::Sqlite(pool) => {
                crate::begin_write!(sqlite self, pool => tx);
                body!(tx, "SELECT capacity, staff_reserved FROM training_sessions WHERE id = $1 AND organisation_id = $2 AND status = 'scheduled'")
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                body!(tx, "SELECT capacity, staff_reserved FROM training_sessions WHERE id = $1 AND organisation_id = $2 AND status = 'scheduled' FOR UPDATE")
            }
        }
    }
}
