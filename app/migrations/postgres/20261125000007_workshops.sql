-- Places, training sessions (a resident workshop is a session of kind
-- 'resident_workshop'; joint professional trainings will use the same table), their
-- hosts, and registrations with their waitlist.
CREATE TABLE places (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT NOT NULL,
    address         TEXT NOT NULL,
    access          TEXT NOT NULL,
    accessibility   TEXT NOT NULL,
    capacity        BIGINT NOT NULL CHECK (capacity > 0),
    step_free       BOOLEAN NOT NULL,
    hearing_loop    BOOLEAN NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    created_at      BIGINT NOT NULL
);

CREATE TABLE training_sessions (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('resident_workshop', 'professional_training')),
    organisation_id  BIGINT NOT NULL REFERENCES organisations (id),
    title            TEXT NOT NULL,
    theme            TEXT NOT NULL,
    description      TEXT NOT NULL,
    description_html TEXT NOT NULL,
    starts_at        BIGINT NOT NULL,
    ends_at          BIGINT NOT NULL CHECK (ends_at > starts_at),
    place_id         BIGINT NOT NULL REFERENCES places (id),
    capacity         BIGINT NOT NULL CHECK (capacity > 0),
    staff_reserved   BIGINT NOT NULL CHECK (staff_reserved >= 0 AND staff_reserved <= capacity),
    signup_deadline  BIGINT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    sequence         BIGINT NOT NULL,
    created_by       BIGINT NOT NULL REFERENCES staff (id),
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX training_sessions_starts ON training_sessions (starts_at);

CREATE TABLE session_hosts (
    session_id BIGINT NOT NULL REFERENCES training_sessions (id),
    staff_id   BIGINT NOT NULL REFERENCES staff (id),
    PRIMARY KEY (session_id, staff_id)
);

CREATE TABLE registrations (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id    BIGINT NOT NULL REFERENCES training_sessions (id),
    first_name    TEXT NOT NULL,
    contact_email TEXT,
    contact_phone TEXT,
    seats         BIGINT NOT NULL CHECK (seats BETWEEN 1 AND 3),
    status        TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    code          TEXT NOT NULL,
    token_hash    TEXT NOT NULL,
    form_token    TEXT,
    booked_by     BIGINT REFERENCES staff (id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    CONSTRAINT registrations_token_key UNIQUE (token_hash),
    CONSTRAINT registrations_form_token_key UNIQUE (form_token)
);
CREATE INDEX registrations_session ON registrations (session_id, status, id);
