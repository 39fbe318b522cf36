-- Read models: projections of the events, each rebuilt from them at will (npm run projections:rebuild).

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
  insats_deadline      date NOT NULL,
  next_follow_up_month text,
  next_follow_up_due   date,
  sip_pending_on       date,
  last_activity_on     date NOT NULL,
  consent_valid_until  date,
  age_limit_on         date
);
CREATE INDEX IF NOT EXISTS rm_cases_tenant_status ON rm_cases (tenant, status);
CREATE INDEX IF NOT EXISTS rm_cases_open_deadline ON rm_cases (tenant, insats_deadline) WHERE open AND NOT has_insats;
CREATE INDEX IF NOT EXISTS rm_cases_follow_up ON rm_cases (tenant, next_follow_up_due) WHERE next_follow_up_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_cases_activity ON rm_cases (tenant, last_activity_on) WHERE open;
CREATE INDEX IF NOT EXISTS rm_cases_awaiting ON rm_cases (tenant, accepted_on) WHERE awaiting_decision;
CREATE INDEX IF NOT EXISTS rm_cases_sip ON rm_cases (tenant, sip_pending_on) WHERE sip_pending_on IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_cases_consent ON rm_cases (tenant, consent_valid_until) WHERE consent_valid_until IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_cases_age ON rm_cases (tenant, age_limit_on) WHERE age_limit_on IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_cases_person ON rm_cases (tenant, person_id);

CREATE TABLE IF NOT EXISTS rm_meetings (
  meeting_id uuid PRIMARY KEY,
  tenant     text NOT NULL,
  version    bigint NOT NULL,
  date       date NOT NULL,
  state      jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_meetings_tenant_date ON rm_meetings (tenant, date);

-- Which case is (or was) on which meeting's agenda, and when it was decided there.
CREATE TABLE IF NOT EXISTS rm_agenda (
  meeting_id  uuid NOT NULL,
  case_id     uuid NOT NULL,
  tenant      text NOT NULL,
  date        date NOT NULL,
  priority    boolean NOT NULL,
  decided_on  date,
  PRIMARY KEY (meeting_id, case_id)
);
CREATE INDEX IF NOT EXISTS rm_agenda_case ON rm_agenda (tenant, case_id, date);
