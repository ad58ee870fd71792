-- The help directory ("Qui peut m'aider ?"): services seeded from content/aide/ and
-- managed by staff afterwards (an entry a staff member changed is never overwritten by
-- the seed file again, even with a new slug: `seed_slug` keeps the seed's), and the help
-- pages written in content/aide/*.md.
CREATE TABLE help_entries (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    slug          TEXT NOT NULL,
    seed_slug     TEXT,
    position      BIGINT NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    needs         TEXT NOT NULL,
    urgent        TEXT NOT NULL,
    what          TEXT NOT NULL,
    for_whom      TEXT NOT NULL,
    address       TEXT NOT NULL,
    hours         TEXT NOT NULL,
    phone         TEXT NOT NULL,
    website       TEXT NOT NULL,
    appointment   TEXT NOT NULL CHECK (appointment IN ('yes', 'no', 'unknown')),
    accessibility TEXT NOT NULL,
    last_checked  TEXT NOT NULL,
    sources       TEXT NOT NULL,
    active        BOOLEAN NOT NULL,
    origin        TEXT NOT NULL CHECK (origin IN ('content', 'staff')),
    updated_by    BIGINT REFERENCES staff (id),
    updated_at    BIGINT NOT NULL,
    CONSTRAINT help_entries_slug_key UNIQUE (slug),
    CONSTRAINT help_entries_seed_slug_key UNIQUE (seed_slug)
);

CREATE TABLE help_pages (
    slug       TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    html       TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
