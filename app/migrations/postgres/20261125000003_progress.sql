-- Anonymous progress: a learner is only a random id, created by an explicit action.
CREATE TABLE learners (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);

CREATE TABLE lesson_reads (
    learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    lesson_id  BIGINT NOT NULL REFERENCES lessons (id),
    read_at    BIGINT NOT NULL,
    PRIMARY KEY (learner_id, lesson_id)
);
