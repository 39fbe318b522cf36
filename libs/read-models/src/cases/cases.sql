-- The cases read model (cases.projection.ts): one row per case, rebuilt from the events at will
-- (npm run projections:rebuild -- cases). Idempotent: it runs whenever this file changes, and a
-- change drops the tables and has the projection replay every event into them.

CREATE TABLE IF NOT EXISTS rm_cases (
  case_id              uuid PRIMARY KEY,
  tenant               text NOT NULL,
  version              bigint NOT NULL,
  position             bigint NOT NULL,
  status               text NOT NULL,
  -- The case folded by the domain's evolve; personal fields in it stay sealed.
  state                jsonb NOT NULL,
  initiating_party     text NOT NULL,
  initiating_unit      text,
  parties              text[] NOT NULL,
  scope_parties        text[] NOT NULL,
  owner_party          text,
  owner_user           text,
  protected            boolean NOT NULL,
  person_id            uuid NOT NULL,
  gender               text NOT NULL,
  age_band             text,
  open                 boolean NOT NULL,
  initiated_on         date NOT NULL,
  accepted_on          date,
  closed_on            date,
  awaiting_decision    boolean NOT NULL,
  has_insats           boolean NOT NULL,
  insats_codes         text[] NOT NULL DEFAULT '{}',
  insats_deadline      date NOT NULL,
  next_follow_up_month text,
  next_follow_up_due   date,
  sip_pending_on       date,
  last_activity_on     date NOT NULL,
  consent_valid_until  date,
  age_limit_on         date,
  -- Facts the case state forgets (docs/statistics.md §10): the closed periods it was reopened from.
  history              jsonb NOT NULL DEFAULT '{"reopened": []}'
)
-- A row is about 2.5 kB, most of it the state, rewritten on every event of its case: kept whole
-- in the row rather than compressed on each write, which would save a tenth of its size for a
-- fifth of the upsert's time.
WITH (toast_tuple_target = 8160);
CREATE INDEX IF NOT EXISTS rm_cases_tenant_status ON rm_cases (tenant, status);
CREATE INDEX IF NOT EXISTS rm_cases_open_deadline ON rm_cases (tenant, insats_deadline) WHERE open AND NOT has_insats;
CREATE INDEX IF NOT EXISTS rm_cases_follow_up ON rm_cases (tenant, next_follow_up_due) WHERE next_follow_up_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_cases_activity ON rm_cases (tenant, last_activity_on) WHERE open;
CREATE INDEX IF NOT EXISTS rm_cases_awaiting ON rm_cases (tenant, accepted_on) WHERE awaiting_decision;
CREATE INDEX IF NOT EXISTS rm_cases_sip ON rm_cases (tenant, sip_pending_on) WHERE sip_pending_on IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_cases_consent ON rm_cases (tenant, consent_valid_until) WHERE consent_valid_until IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_cases_age ON rm_cases (tenant, age_limit_on) WHERE age_limit_on IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_cases_person ON rm_cases (tenant, person_id);
-- The persons with skyddade personuppgifter (protected is the person's: see the projection). Every
-- upsert of a case asks whether another case of its person is protected; this index holds only the
-- protected rows, so that question is one probe into a small index.
CREATE INDEX IF NOT EXISTS rm_cases_protected_person ON rm_cases (tenant, person_id) WHERE protected;
-- The case list (case-list.query.ts): newest first within a tenant, and each of its filters.
CREATE INDEX IF NOT EXISTS rm_cases_list ON rm_cases (tenant, initiated_on DESC, case_id DESC);
CREATE INDEX IF NOT EXISTS rm_cases_owner ON rm_cases (tenant, owner_party, owner_user);
CREATE INDEX IF NOT EXISTS rm_cases_owner_user ON rm_cases (tenant, owner_user) WHERE owner_user IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_cases_parties ON rm_cases USING gin (parties);
CREATE INDEX IF NOT EXISTS rm_cases_insats_codes ON rm_cases USING gin (insats_codes);
