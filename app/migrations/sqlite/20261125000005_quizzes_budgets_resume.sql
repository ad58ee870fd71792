-- Quiz results, kept budgets and resume codes of anonymous learners, and the rate-limit
-- windows shared by every instance.

-- One row per learner and quiz: the last attempt (to show its correction) and the best.
-- lesson_slug is '' for the module quiz.
CREATE TABLE quiz_results (
    learner_id   TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    module_slug  TEXT NOT NULL,
    lesson_slug  TEXT NOT NULL,
    last_answers TEXT NOT NULL,
    last_correct BIGINT NOT NULL,
    last_total   BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    best_correct BIGINT NOT NULL,
    best_total   BIGINT NOT NULL,
    attempts     BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (learner_id, module_slug, lesson_slug)
);

-- The last values a learner chose to keep, per budget tool.
CREATE TABLE kept_budgets (
    learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    tool       TEXT NOT NULL,
    input      TEXT NOT NULL,
    kept_at    BIGINT NOT NULL,
    PRIMARY KEY (learner_id, tool)
);

-- A resume code is stored hashed only: the code itself is shown once to the learner.
ALTER TABLE learners ADD COLUMN resume_code_hash TEXT;
CREATE UNIQUE INDEX learners_resume_code_hash ON learners (resume_code_hash);
CREATE INDEX learners_last_seen ON learners (last_seen_at);

-- Fixed-window counters (resume-code attempts now, logins later). The key is a hash.
CREATE TABLE rate_limits (
    bucket       TEXT PRIMARY KEY NOT NULL,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL
);
