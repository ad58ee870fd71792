-- Staff accounts of the partner organisations, the audit log and the per-account login
-- throttle (kept in the database so that it holds across instances).
CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('ccas', 'bank')),
    created_at BIGINT NOT NULL,
    CONSTRAINT organisations_name_key UNIQUE (name)
);

CREATE TABLE staff (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id      BIGINT NOT NULL REFERENCES organisations (id),
    email                TEXT NOT NULL,
    name                 TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'trainer')),
    password_hash        TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL,
    active               BOOLEAN NOT NULL,
    created_at           BIGINT NOT NULL,
    CONSTRAINT staff_email_key UNIQUE (email)
);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       BIGINT NOT NULL,
    actor_id BIGINT REFERENCES staff (id),
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE login_throttle (
    account_key     TEXT PRIMARY KEY NOT NULL,
    failures        BIGINT NOT NULL,
    last_failure_at BIGINT NOT NULL
);
