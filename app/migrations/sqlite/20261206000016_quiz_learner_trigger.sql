-- A quiz answer writes its learner's row (new, or seen again now) by this trigger, so
-- that the answer is one statement: on SQLite one round trip to the single writer, with
-- no savepoint around it (group commit). It fires for every attempt, the first (an
-- insert) and the next ones (ON CONFLICT ... DO UPDATE fires the BEFORE INSERT triggers
-- too), before the foreign key to learners is checked.
CREATE TRIGGER quiz_results_learner BEFORE INSERT ON quiz_results
BEGIN
    INSERT INTO learners (id, created_at, last_seen_at)
    VALUES (NEW.learner_id, NEW.updated_at, NEW.updated_at)
    ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at;
END;
