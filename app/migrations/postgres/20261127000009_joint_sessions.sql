-- Joint sessions: a proposal with one to five candidate slots, the trainers invited
-- and their answer per slot, trainers' unavailability (one-off or weekly), the history
-- of each proposal (who did what, when), and secret calendar feeds.
CREATE TABLE session_proposals (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('resident_workshop', 'professional_training')),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    proposed_by     BIGINT NOT NULL REFERENCES staff (id),
    title           TEXT NOT NULL,
    theme           TEXT NOT NULL,
    description     TEXT NOT NULL,
    place_id        BIGINT NOT NULL REFERENCES places (id),
    capacity        BIGINT NOT NULL CHECK (capacity > 0),
    status          TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'cancelled')),
    session_id      BIGINT REFERENCES training_sessions (id),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE proposal_slots (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES session_proposals (id),
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL CHECK (ends_at > starts_at),
    status      TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'released'))
);
CREATE INDEX proposal_slots_proposal ON proposal_slots (proposal_id);

CREATE TABLE proposal_invitees (
    proposal_id BIGINT NOT NULL REFERENCES session_proposals (id),
    staff_id    BIGINT NOT NULL REFERENCES staff (id),
    PRIMARY KEY (proposal_id, staff_id)
);
CREATE INDEX proposal_invitees_staff ON proposal_invitees (staff_id);

CREATE TABLE slot_answers (
    slot_id     BIGINT NOT NULL REFERENCES proposal_slots (id),
    staff_id    BIGINT NOT NULL REFERENCES staff (id),
    available   BOOLEAN NOT NULL,
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (slot_id, staff_id)
);

-- One-off: starts_at..ends_at. Weekly: weekday (1 = Monday) and minutes of the day,
-- in Paris time.
CREATE TABLE unavailabilities (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id     BIGINT NOT NULL REFERENCES staff (id),
    weekly       BOOLEAN NOT NULL,
    starts_at    BIGINT,
    ends_at      BIGINT,
    weekday      BIGINT CHECK (weekday BETWEEN 1 AND 7),
    start_minute BIGINT,
    end_minute   BIGINT,
    note         TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX unavailabilities_staff ON unavailabilities (staff_id);

CREATE TABLE proposal_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES session_proposals (id),
    actor_id    BIGINT REFERENCES staff (id),
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX proposal_events_proposal ON proposal_events (proposal_id, id);

-- Only the hash of a feed's secret is kept; a new link revokes the old one.
CREATE TABLE calendar_feeds (
    token_hash      TEXT PRIMARY KEY,
    staff_id        BIGINT REFERENCES staff (id),
    organisation_id BIGINT REFERENCES organisations (id),
    created_at      BIGINT NOT NULL,
    CHECK ((staff_id IS NULL) <> (organisation_id IS NULL))
);
CREATE INDEX session_hosts_staff ON session_hosts (staff_id);
CREATE INDEX training_sessions_place ON training_sessions (place_id, starts_at);
