-- Statistics read models (DOMAIN.md §9, docs/statistics.md): projections of the events, rebuilt at
-- will (npm run projections:rebuild -- statistics-cases statistics-volume). Only non-identifying
-- attributes are kept: person_id as a pseudonym for counting persons once, gender, age band at
-- initiation, business dates and codes. No sealed value (pd1.…) and no birth date is ever stored.

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
  fu_post_recorded_on date
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
  via_consent_withdrawal boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS stat_closures_closed ON stat_closures (tenant, closed_on);
CREATE INDEX IF NOT EXISTS stat_closures_case ON stat_closures (tenant, case_id);

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
