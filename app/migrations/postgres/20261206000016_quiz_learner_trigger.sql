-- A quiz answer writes its learner's row (new, or seen again now) by this trigger, so
-- that the answer is one statement, the same on both engines. It fires for every
-- attempt, the first (an insert) and the next ones (INSERT ... ON CONFLICT DO UPDATE
-- fires the BEFORE INSERT row triggers too), before the foreign key to learners is
-- checked.
CREATE FUNCTION quiz_results_learner() RETURNS trigger AS $$
BEGIN
    INSERT INTO learners (id, created_at, last_seen_at)
    VALUES (NEW.learner_id, NEW.updated_at, NEW.updated_at)
    ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER quiz_results_learner BEFORE INSERT ON quiz_results
    FOR EACH ROW EXECUTE FUNCTION quiz_results_learner();
