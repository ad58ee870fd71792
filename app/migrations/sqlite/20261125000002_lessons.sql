-- Lessons, their versions, the glossary, the last import's problems and the search index.
CREATE TABLE lessons (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    module_slug     TEXT NOT NULL REFERENCES modules (slug),
    slug            TEXT NOT NULL,
    position        BIGINT NOT NULL,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    reading_minutes BIGINT NOT NULL,
    level           TEXT NOT NULL,
    tags            TEXT NOT NULL,
    last_reviewed   TEXT NOT NULL,
    sources         TEXT NOT NULL,
    to_review       TEXT NOT NULL,
    origin          TEXT NOT NULL CHECK (origin IN ('content', 'browser')),
    published       BOOLEAN NOT NULL,
    current_version BIGINT NOT NULL,
    content_hash    TEXT NOT NULL,
    html            TEXT NOT NULL,
    toc             TEXT NOT NULL,
    terms           TEXT NOT NULL,
    quizzes         TEXT NOT NULL,
    easy_html       TEXT,
    easy_terms      TEXT,
    search_text     TEXT NOT NULL,
    updated_at      BIGINT NOT NULL,
    CONSTRAINT lessons_module_slug_key UNIQUE (module_slug, slug)
);

CREATE TABLE lesson_versions (
    lesson_id    BIGINT NOT NULL REFERENCES lessons (id),
    version      BIGINT NOT NULL,
    source       TEXT NOT NULL,
    easy_source  TEXT,
    content_hash TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (lesson_id, version)
);

CREATE TABLE glossary_terms (
    slug       TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    definition TEXT NOT NULL
);

CREATE TABLE content_problems (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    file     TEXT NOT NULL,
    line     BIGINT,
    message  TEXT NOT NULL,
    found_at BIGINT NOT NULL
);

-- Full-text search: words are lowercased, accents removed and French-stemmed by the
-- application (lessons::search::normalize) before they reach this table.
CREATE VIRTUAL TABLE lesson_search USING fts5 (lesson_id UNINDEXED, words, tokenize = 'unicode61 remove_diacritics 2');
