-- The seats confirmed for each session, kept by triggers like `waitlisted` (no write
-- path can forget it): a sign-up reads them with the session's row, in the statement
-- that locks it, instead of adding up the bookings in a statement of its own. On
-- PostgreSQL that statement, once it holds the lock, sees the row as the sign-up that
-- held the lock before left it (the sum, taken in the snapshot of a statement that
-- waited for the lock, would not). Every write path that changes a booking's status
-- holds its session's row lock already, so the session row these triggers update adds
-- no lock.
ALTER TABLE training_sessions ADD COLUMN confirmed_seats BIGINT NOT NULL DEFAULT 0;
UPDATE training_sessions s SET confirmed_seats = COALESCE((
    SELECT SUM(r.seats) FROM registrations r
    WHERE r.session_id = s.id AND r.status = 'confirmed'
), 0);

CREATE FUNCTION count_confirmed_seats() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'confirmed' THEN
        UPDATE training_sessions SET confirmed_seats = confirmed_seats - OLD.seats
        WHERE id = OLD.session_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'confirmed' THEN
        UPDATE training_sessions SET confirmed_seats = confirmed_seats + NEW.seats
        WHERE id = NEW.session_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER registrations_confirmed_insert AFTER INSERT ON registrations
    FOR EACH ROW WHEN (NEW.status = 'confirmed') EXECUTE FUNCTION count_confirmed_seats();
CREATE TRIGGER registrations_confirmed_update AFTER UPDATE OF status, seats, session_id ON registrations
    FOR EACH ROW WHEN ((OLD.status = 'confirmed' OR NEW.status = 'confirmed')
                       AND (OLD.status IS DISTINCT FROM NEW.status
                            OR OLD.seats IS DISTINCT FROM NEW.seats
                            OR OLD.session_id IS DISTINCT FROM NEW.session_id))
    EXECUTE FUNCTION count_confirmed_seats();
CREATE TRIGGER registrations_confirmed_delete AFTER DELETE ON registrations
    FOR EACH ROW WHEN (OLD.status = 'confirmed') EXECUTE FUNCTION count_confirmed_seats();
