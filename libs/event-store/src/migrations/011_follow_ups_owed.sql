-- Which follow-ups a case owes (docs/statistics.md §10) and how long its insatser run (§1, §3)
-- depend on facts the case state forgets: the closed periods a case was reopened from (R13) and
-- the day its personal data was erased (§10). The read models that need them keep them beside
-- the state (history) or as a column, and the post-closure follow-up of a closure the case was
-- reopened from is kept as history (stat_past_follow_ups).
--
-- Rows written before this migration lack these facts: rebuild the three read models from the
-- events after upgrading (npm run projections:rebuild -- cases deadlines statistics-cases).
ALTER TABLE rm_cases ADD COLUMN IF NOT EXISTS history jsonb NOT NULL DEFAULT '{"reopened": []}';
ALTER TABLE rm_deadline_cases ADD COLUMN IF NOT EXISTS history jsonb NOT NULL DEFAULT '{"reopened": []}';

-- §10: the business date of the erasure of the case's personal data; nothing happens on it after.
ALTER TABLE stat_cases ADD COLUMN IF NOT EXISTS erased_on date;
-- R7: whether the case was closed (and not reopened) on its insats deadline: then it no longer
-- needed an insats and the 90-day rule leaves it out (docs/statistics.md §9).
ALTER TABLE stat_cases ADD COLUMN IF NOT EXISTS closed_at_insats_deadline boolean NOT NULL DEFAULT false;

-- R14: the post-closure follow-up of a closure the case was later reopened from, when it was owed
-- (recorded, or due before the reopening): the case state forgets it at the reopening.
CREATE TABLE IF NOT EXISTS stat_past_follow_ups (
  position    bigint PRIMARY KEY,
  tenant      text NOT NULL,
  case_id     uuid NOT NULL,
  month       text NOT NULL,
  due_on      date NOT NULL,
  recorded_on date
);
CREATE INDEX IF NOT EXISTS stat_past_follow_ups_due ON stat_past_follow_ups (tenant, due_on);
