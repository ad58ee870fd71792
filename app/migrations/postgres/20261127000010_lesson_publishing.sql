-- Lessons written in the browser: one open draft per lesson (written, then submitted
-- for review, then published by another trainer or a coordinator), who wrote and who
-- published each version, and the history of every lesson (who did what, when).
CREATE TABLE lesson_drafts (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    module_slug  TEXT NOT NULL REFERENCES modules (slug),
    slug         TEXT NOT NULL,
    position     BIGINT NOT NULL CHECK (position BETWEEN 0 AND 99),
    base_version BIGINT,
    source       TEXT NOT NULL,
    easy_source  TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    author_id    BIGINT NOT NULL REFERENCES staff (id),
    review_note  TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    CONSTRAINT lesson_drafts_target_key UNIQUE (module_slug, slug)
);

ALTER TABLE lesson_versions ADD COLUMN origin TEXT NOT NULL DEFAULT 'content';
ALTER TABLE lesson_versions ADD COLUMN author_id BIGINT REFERENCES staff (id);
ALTER TABLE lesson_versions ADD COLUMN reviewer_id BIGINT REFERENCES staff (id);

CREATE TABLE lesson_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    module_slug TEXT NOT NULL,
    slug        TEXT NOT NULL,
    actor_id    BIGINT REFERENCES staff (id),
    action      TEXT NOT NULL,
    version     BIGINT,
    detail      TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX lesson_events_lesson ON lesson_events (module_slug, slug);

-- Images of lessons: re-encoded on upload (no metadata), named by the SHA-256 of their
-- bytes, kept in the database so that every instance serves them.
CREATE TABLE lesson_images (
    hash        TEXT PRIMARY KEY NOT NULL,
    extension   TEXT NOT NULL CHECK (extension IN ('png', 'jpg', 'webp')),
    bytes       BYTEA NOT NULL,
    uploaded_by BIGINT REFERENCES staff (id),
    created_at  BIGINT NOT NULL
);
