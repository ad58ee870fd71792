-- A number that changes whenever public content changes (modules, lessons, glossary,
-- lesson images, the help directory). The render cache of anonymous pages keys on it,
-- so that every instance sharing the database drops its copies of changed pages.
-- Triggers bump it, so no write path can forget to.
CREATE TABLE content_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 1);

CREATE FUNCTION bump_content_version() RETURNS trigger AS $$
BEGIN
    UPDATE content_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER modules_version AFTER INSERT OR UPDATE OR DELETE ON modules
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER lessons_version AFTER INSERT OR UPDATE OR DELETE ON lessons
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER glossary_version AFTER INSERT OR UPDATE OR DELETE ON glossary_terms
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER images_version AFTER INSERT OR UPDATE OR DELETE ON lesson_images
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER help_entries_version AFTER INSERT OR UPDATE OR DELETE ON help_entries
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER help_pages_version AFTER INSERT OR UPDATE OR DELETE ON help_pages
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
