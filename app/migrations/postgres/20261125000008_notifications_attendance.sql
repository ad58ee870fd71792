-- Attendance and contact erasure on registrations, the notifications outbox, and
-- self-service password reset links.
ALTER TABLE registrations ADD COLUMN attended BOOLEAN;
ALTER TABLE registrations ADD COLUMN contact_erased_at BIGINT;

-- One row per message to send. The recipient is read at sending time from the
-- registration or the staff account, so no copy of a contact lives here; payload holds
-- a private link only until the message is sent. channel leaves room for SMS.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    kind            TEXT NOT NULL,
    registration_id BIGINT REFERENCES registrations (id),
    staff_id        BIGINT REFERENCES staff (id),
    payload         TEXT NOT NULL,
    dedupe_key      TEXT,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
    attempts        BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT,
    CONSTRAINT outbox_dedupe_key UNIQUE (dedupe_key)
);
CREATE INDEX outbox_pending ON outbox (status, next_attempt_at, id);
CREATE INDEX outbox_registration ON outbox (registration_id);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    staff_id   BIGINT NOT NULL REFERENCES staff (id),
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
