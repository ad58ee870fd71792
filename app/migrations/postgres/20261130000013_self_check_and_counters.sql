-- The self-check result a learner chose to keep in "Mon parcours" (one per learner:
-- the last kept replaces the previous), and anonymous counters recorded when each event
-- happens (by month in Paris time), so that the partnership's figures never depend on
-- rows that "forget me" or retention erase.
CREATE TABLE self_checks (
    learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    level      TEXT NOT NULL CHECK (level IN ('managing', 'watchful', 'talk-soon')),
    answers    TEXT NOT NULL,
    kept_at    BIGINT NOT NULL,
    PRIMARY KEY (learner_id)
);

CREATE TABLE event_counters (
    metric    TEXT NOT NULL,
    dimension TEXT NOT NULL,
    period    TEXT NOT NULL,
    count     BIGINT NOT NULL,
    PRIMARY KEY (metric, dimension, period)
);

-- When attendance was first recorded: the session is then counted as held, once.
ALTER TABLE training_sessions ADD COLUMN attendance_recorded_at BIGINT;
