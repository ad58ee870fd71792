-- Professional trainings take sign-ups from staff members themselves: the participant
-- is a staff account (a resident booking and a booking a staff member makes for a
-- household leave it empty). One active registration per person and training.
ALTER TABLE registrations ADD COLUMN participant_id BIGINT REFERENCES staff (id);
CREATE UNIQUE INDEX registrations_participant_key ON registrations (session_id, participant_id)
    WHERE participant_id IS NOT NULL AND status <> 'cancelled';
