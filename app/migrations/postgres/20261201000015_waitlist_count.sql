-- How many bookings wait for each session, kept by triggers (no write path can forget
-- it), so that a new booking's place in the queue and the workshop lists read one
-- number instead of counting the waitlist, however long it grows. Every write path
-- that changes a booking's status holds its session's row lock already, so the
-- session row these triggers update adds no lock.
ALTER TABLE training_sessions ADD COLUMN waitlisted BIGINT NOT NULL DEFAULT 0;
UPDATE training_sessions s SET waitlisted = (
    SELECT COUNT(*) FROM registrations r
    WHERE r.session_id = s.id AND r.status = 'waitlisted'
);

CREATE FUNCTION count_waitlist() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'waitlisted' THEN
        UPDATE training_sessions SET waitlisted = waitlisted - 1 WHERE id = OLD.session_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'waitlisted' THEN
        UPDATE training_sessions SET waitlisted = waitlisted + 1 WHERE id = NEW.session_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER registrations_waitlist_insert AFTER INSERT ON registrations
    FOR EACH ROW WHEN (NEW.status = 'waitlisted') EXECUTE FUNCTION count_waitlist();
CREATE TRIGGER registrations_waitlist_update AFTER UPDATE OF status, session_id ON registrations
    FOR EACH ROW WHEN ((OLD.status = 'waitlisted' OR NEW.status = 'waitlisted')
                       AND (OLD.status IS DISTINCT FROM NEW.status
                            OR OLD.session_id IS DISTINCT FROM NEW.session_id))
    EXECUTE FUNCTION count_waitlist();
CREATE TRIGGER registrations_waitlist_delete AFTER DELETE ON registrations
    FOR EACH ROW WHEN (OLD.status = 'waitlisted') EXECUTE FUNCTION count_waitlist();
