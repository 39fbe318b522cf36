-- The statistics of cases (stat-cases.projection.ts; DOMAIN.md §9, docs/statistics.md), rebuilt
-- from the events at will (npm run projections:rebuild -- statistics-cases). Idempotent: it runs
-- whenever this file changes, and a change drops the tables and has the projection replay every
-- event into them. Only non-identifying attributes are kept: person_id as a pseudonym for counting
-- persons once, gender, age band at initiation, business dates and codes. No sealed value (pd1.…)
-- and no birth date is ever stored.

-- One row per case: who (pseudonym, gender, age band), who initiated it, the dates lead times are
-- measured between, and the follow-ups it owes (R10 at 3, 6, 9, 12 months from the first insats;
-- R14 a year after closure): when each falls due and when it was recorded. The projection folds
-- cases in memory from the event store; no case state, and so no sealed value, is stored here.
CREATE TABLE IF NOT EXISTS stat_cases (
  case_id           uuid PRIMARY KEY,
  tenant            text NOT NULL,
  person_id         uuid NOT NULL,
  gender            text NOT NULL,
  age_band          text,
  initiating_party  text NOT NULL,
  initiating_unit   text,
  -- R4: the income source at entry (DOMAIN.md §6) and the target-group tags, sorted and
  -- comma-separated ('' for none): what the participants' breakdowns group by.
  income_source     text NOT NULL,
  target_groups     text NOT NULL,
  initiated_on      date NOT NULL,
  accepted_on       date,
  -- The first substantive beredning decision (FORDJUPAD / EJ_FORDJUPAD_SAMORDNING).
  decided_on        date,
  decision          text,
  first_insats_on   date,
  insats_deadline   date NOT NULL,
  status            text NOT NULL,
  -- While closed or withdrawn: the day it happened (a reopened case is open again).
  closed_on         date,
  fu3_due_on        date,
  fu3_recorded_on   date,
  fu6_due_on        date,
  fu6_recorded_on   date,
  fu9_due_on        date,
  fu9_recorded_on   date,
  fu12_due_on       date,
  fu12_recorded_on  date,
  fu_post_due_on      date,
  fu_post_recorded_on date,
  -- §10: the business date of the erasure of the case's personal data; nothing happens on it after.
  erased_on         date,
  -- R7: whether the case was closed (and not reopened) on its insats deadline: then it no longer
  -- needed an insats and the 90-day rule leaves it out (docs/statistics.md §9).
  closed_at_insats_deadline boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS stat_cases_initiated ON stat_cases (tenant, initiated_on);

-- One row per insats a person took part in: from its start to its end (open while ended_on is null).
CREATE TABLE IF NOT EXISTS stat_insats_periods (
  case_id        uuid NOT NULL,
  insats_id      text NOT NULL,
  tenant         text NOT NULL,
  person_id      uuid NOT NULL,
  gender         text NOT NULL,
  age_band       text,
  insats_code    text NOT NULL,
  party          text NOT NULL,
  started_on     date NOT NULL,
  ended_on       date,
  end_reason     text,
  end_class      text,
  subtype        text,
  extent_percent integer,
  -- ENDED (on its own), CASE_CLOSED or CONSENT_WITHDRAWN (ended by the case's closure).
  ended_by       text,
  PRIMARY KEY (case_id, insats_id)
);
CREATE INDEX IF NOT EXISTS stat_insats_periods_started ON stat_insats_periods (tenant, started_on);

-- Every closure of a case, withdrawals included; a reopened case that closes again has two rows.
CREATE TABLE IF NOT EXISTS stat_closures (
  position               bigint PRIMARY KEY,
  tenant                 text NOT NULL,
  case_id                uuid NOT NULL,
  person_id              uuid NOT NULL,
  gender                 text NOT NULL,
  age_band               text,
  initiated_on           date NOT NULL,
  closed_on              date NOT NULL,
  outcome                text NOT NULL,
  outcome_class          text NOT NULL,
  subtype                text,
  -- The extent in percent (ARBETE, STUDIER, SJUKERSATTNING, AKTIVITETSERSATTNING) and whether the
  -- closing survey was offered and answered (R12): docs/statistics.md §18, §19.
  extent_percent         integer,
  survey_offered         boolean NOT NULL,
  survey_answered        boolean NOT NULL,
  via_consent_withdrawal boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS stat_closures_closed ON stat_closures (tenant, closed_on);
CREATE INDEX IF NOT EXISTS stat_closures_case ON stat_closures (tenant, case_id);

-- Every beredning decision recorded on a case (R6), of every kind: docs/statistics.md §20.
CREATE TABLE IF NOT EXISTS stat_decisions (
  position    bigint PRIMARY KEY,
  tenant      text NOT NULL,
  case_id     uuid NOT NULL,
  gender      text NOT NULL,
  decided_on  date NOT NULL,
  decision    text NOT NULL
);
CREATE INDEX IF NOT EXISTS stat_decisions_decided ON stat_decisions (tenant, decided_on);

-- Every reopening of a closed case (R13): with stat_closures, whether a case was open on a date
-- (docs/statistics.md §21).
CREATE TABLE IF NOT EXISTS stat_reopenings (
  position    bigint PRIMARY KEY,
  tenant      text NOT NULL,
  case_id     uuid NOT NULL,
  reopened_on date NOT NULL
);
CREATE INDEX IF NOT EXISTS stat_reopenings_case ON stat_reopenings (tenant, case_id);

-- SIPs, registered on the person the case concerns (R8): the gender is the person's.
CREATE TABLE IF NOT EXISTS stat_sips (
  case_id         uuid NOT NULL,
  sip_id          text NOT NULL,
  tenant          text NOT NULL,
  person_id       uuid NOT NULL,
  gender          text NOT NULL,
  kind            text NOT NULL,
  initiator_role  text NOT NULL,
  formote         boolean NOT NULL,
  status          text NOT NULL,
  requested_on    date NOT NULL,
  held_on         date,
  person_attended boolean,
  PRIMARY KEY (case_id, sip_id)
);
CREATE INDEX IF NOT EXISTS stat_sips_held ON stat_sips (tenant, held_on) WHERE held_on IS NOT NULL;

-- Progression ratings (DOMAIN.md §7): at an insats start, at each follow-up, at closure.
CREATE TABLE IF NOT EXISTS stat_progress (
  position  bigint PRIMARY KEY,
  tenant    text NOT NULL,
  case_id   uuid NOT NULL,
  person_id uuid NOT NULL,
  source    text NOT NULL CHECK (source IN ('INSATS_START', 'FOLLOW_UP', 'CLOSURE')),
  insats_id text,
  month     text,
  rated_on  date NOT NULL,
  step      integer,
  vas       integer
);
CREATE INDEX IF NOT EXISTS stat_progress_case ON stat_progress (tenant, case_id, rated_on);

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

-- Where each tenant's statistics stand: the position of its last case event taken in (its rows change
-- only with one). A statistics answer is kept while this holds the position it was computed at.
CREATE TABLE IF NOT EXISTS stat_case_changes (
  tenant   text PRIMARY KEY,
  position bigint NOT NULL
);
