-- How many bookings wait for each session, kept by triggers (no write path can forget
-- it), so that a new booking's place in the queue and the workshop lists read one
-- number instead of counting the waitlist, however long it grows.
ALTER TABLE training_sessions ADD COLUMN waitlisted BIGINT NOT NULL DEFAULT 0;
UPDATE training_sessions SET waitlisted = (
    SELECT COUNT(*) FROM registrations r
    WHERE r.session_id = training_sessions.id AND r.status = 'waitlisted'
);

CREATE TRIGGER registrations_waitlist_insert AFTER INSERT ON registrations
WHEN NEW.status = 'waitlisted'
BEGIN
    UPDATE training_sessions SET waitlisted = waitlisted + 1 WHERE id = NEW.session_id;
END;

CREATE TRIGGER registrations_waitlist_update AFTER UPDATE OF status, session_id ON registrations
WHEN (OLD.status = 'waitlisted' OR NEW.status = 'waitlisted')
 AND (OLD.status IS NOT NEW.status OR OLD.session_id IS NOT NEW.session_id)
BEGIN
    UPDATE training_sessions SET waitlisted = waitlisted - 1
    WHERE id = OLD.session_id AND OLD.status = 'waitlisted';
    UPDATE training_sessions SET waitlisted = waitlisted + 1
    WHERE id = NEW.session_id AND NEW.status = 'waitlisted';
END;

CREATE TRIGGER registrations_waitlist_delete AFTER DELETE ON registrations
WHEN OLD.status = 'waitlisted'
BEGIN
    UPDATE training_sessions SET waitlisted = waitlisted - 1 WHERE id = OLD.session_id;
END;
