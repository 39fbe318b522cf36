-- What statistics count without a person (stat-volume.projection.ts; docs/statistics.md), rebuilt
-- from the events at will (npm run projections:rebuild -- statistics-volume). Idempotent: it runs
-- whenever this file changes, and a change drops the tables and has the projection replay every
-- event into them.

-- The insats catalogue's names, in the order the tenant added them.
CREATE TABLE IF NOT EXISTS stat_insatser (
  tenant text NOT NULL,
  code   text NOT NULL,
  name   text NOT NULL,
  party  text NOT NULL,
  active boolean NOT NULL,
  seq    bigint NOT NULL,
  PRIMARY KEY (tenant, code)
);

-- Volyminsatser: consultations without a person.
CREATE TABLE IF NOT EXISTS stat_consultations (
  consultation_id text PRIMARY KEY,
  tenant          text NOT NULL,
  insats_code     text NOT NULL,
  party           text NOT NULL,
  held_on         date NOT NULL
);
CREATE INDEX IF NOT EXISTS stat_consultations_held ON stat_consultations (tenant, held_on);

-- The anonymous NNS closing survey: an insats, a date and the answer codes, nothing else.
CREATE TABLE IF NOT EXISTS stat_surveys (
  survey_id   text PRIMARY KEY,
  tenant      text NOT NULL,
  insats_code text NOT NULL,
  answered_on date NOT NULL,
  q1 text, q2 text, q3 text, q4 text, q5 text, q6 text, q7 text, q8 text, q9 text, q10 text
);
CREATE INDEX IF NOT EXISTS stat_surveys_answered ON stat_surveys (tenant, answered_on);

-- Where each tenant's statistics stand: the position of its last catalogue, consultation or survey
-- event taken in (its rows change only with one). A statistics answer is kept while this holds the
-- position it was computed at.
CREATE TABLE IF NOT EXISTS stat_volume_changes (
  tenant   text PRIMARY KEY,
  position bigint NOT NULL
);
