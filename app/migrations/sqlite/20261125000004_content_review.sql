-- Content problems also list what trainers marked "to review" (unverified figures…).
ALTER TABLE content_problems ADD COLUMN kind TEXT NOT NULL DEFAULT 'error';
