-- Modules of the catalogue, imported from content/ (lessons come with the lessons issue).
CREATE TABLE modules (
    slug         TEXT PRIMARY KEY NOT NULL,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    theme        TEXT NOT NULL,
    audience     TEXT NOT NULL,
    sort_order   BIGINT NOT NULL,
    language     TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    published    BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at   BIGINT NOT NULL
);
