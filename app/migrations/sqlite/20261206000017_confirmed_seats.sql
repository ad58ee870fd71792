-- The seats confirmed for each session, kept by triggers like `waitlisted` (no write
-- path can forget it): a sign-up reads them with the session's row instead of adding
-- up the bookings.
ALTER TABLE training_sessions ADD COLUMN confirmed_seats BIGINT NOT NULL DEFAULT 0;
UPDATE training_sessions SET confirmed_seats = COALESCE((
    SELECT SUM(r.seats) FROM registrations r
    WHERE r.session_id = training_sessions.id AND r.status = 'confirmed'
), 0);

CREATE TRIGGER registrations_confirmed_insert AFTER INSERT ON registrations
WHEN NEW.status = 'confirmed'
BEGIN
    UPDATE training_sessions SET confirmed_seats = confirmed_seats + NEW.seats WHERE id = NEW.session_id;
END;

CREATE TRIGGER registrations_confirmed_update AFTER UPDATE OF status, seats, session_id ON registrations
WHEN (OLD.status = 'confirmed' OR NEW.status = 'confirmed')
 AND (OLD.status IS NOT NEW.status OR OLD.seats IS NOT NEW.seats OR OLD.session_id IS NOT NEW.session_id)
BEGIN
    UPDATE training_sessions SET confirmed_seats = confirmed_seats - OLD.seats
    WHERE id = OLD.session_id AND OLD.status = 'confirmed';
    UPDATE training_sessions SET confirmed_seats = confirmed_seats + NEW.seats
    WHERE id = NEW.session_id AND NEW.status = 'confirmed';
END;

CREATE TRIGGER registrations_confirmed_delete AFTER DELETE ON registrations
WHEN OLD.status = 'confirmed'
BEGIN
    UPDATE training_sessions SET confirmed_seats = confirmed_seats - OLD.seats WHERE id = OLD.session_id;
END;
