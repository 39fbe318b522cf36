-- The deadlines read model (deadlines.projection.ts), rebuilt from the events at will
-- (npm run projections:rebuild -- deadlines). Idempotent: it runs whenever this file changes, and
-- a change drops the tables and has the projection replay every event into them.

-- The projection's own fold of every case and of each tenant's settings, so its due dates never
-- depend on how far another read model has got.
CREATE TABLE IF NOT EXISTS rm_deadline_cases (
  case_id  uuid PRIMARY KEY,
  tenant   text NOT NULL,
  version  bigint NOT NULL,
  state    jsonb NOT NULL,
  -- Facts the case state forgets (docs/statistics.md §10): the closed periods it was reopened from.
  history  jsonb NOT NULL DEFAULT '{"reopened": []}'
)
-- Kept whole in the row, not compressed on each write (as rm_cases: cases.sql).
WITH (toast_tuple_target = 8160);
CREATE INDEX IF NOT EXISTS rm_deadline_cases_tenant ON rm_deadline_cases (tenant);

CREATE TABLE IF NOT EXISTS rm_deadline_settings (
  tenant   text PRIMARY KEY,
  settings jsonb NOT NULL
);

-- Every deadline not yet recorded on its case, with the first day it can be recorded.
CREATE TABLE IF NOT EXISTS rm_deadlines (
  case_id      uuid NOT NULL,
  tenant       text NOT NULL,
  kind         text NOT NULL,
  due_on       date NOT NULL,
  case_version bigint NOT NULL,
  PRIMARY KEY (case_id, kind, due_on)
);
CREATE INDEX IF NOT EXISTS rm_deadlines_due ON rm_deadlines (due_on);
