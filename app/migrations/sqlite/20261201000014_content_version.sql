-- A number that changes whenever public content changes (modules, lessons, glossary,
-- lesson images, the help directory). The render cache of anonymous pages keys on it,
-- so that every instance sharing the database drops its copies of changed pages.
-- Triggers bump it, so no write path can forget to.
CREATE TABLE content_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 1);

CREATE TRIGGER modules_version_insert AFTER INSERT ON modules BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER modules_version_update AFTER UPDATE ON modules BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER modules_version_delete AFTER DELETE ON modules BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER lessons_version_insert AFTER INSERT ON lessons BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER lessons_version_update AFTER UPDATE ON lessons BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER lessons_version_delete AFTER DELETE ON lessons BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER glossary_version_insert AFTER INSERT ON glossary_terms BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER glossary_version_update AFTER UPDATE ON glossary_terms BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER glossary_version_delete AFTER DELETE ON glossary_terms BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER images_version_insert AFTER INSERT ON lesson_images BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER images_version_update AFTER UPDATE ON lesson_images BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER images_version_delete AFTER DELETE ON lesson_images BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER help_entries_version_insert AFTER INSERT ON help_entries BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER help_entries_version_update AFTER UPDATE ON help_entries BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER help_entries_version_delete AFTER DELETE ON help_entries BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER help_pages_version_insert AFTER INSERT ON help_pages BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER help_pages_version_update AFTER UPDATE ON help_pages BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER help_pages_version_delete AFTER DELETE ON help_pages BEGIN UPDATE content_version SET version = version + 1; END;
