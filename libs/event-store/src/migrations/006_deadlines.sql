-- Deadlines (read model), notices to the parties and their webhooks.

-- The deadlines projection's own fold of every case and of each tenant's settings, so its due
-- dates never depend on how far another read model has got.
CREATE TABLE IF NOT EXISTS rm_deadline_cases (
  case_id  uuid PRIMARY KEY,
  tenant   text NOT NULL,
  version  bigint NOT NULL,
  state    jsonb NOT NULL
);
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

-- One row per notice and recipient party: case id and kind, never personal data.
CREATE TABLE IF NOT EXISTS notifications (
  id          text PRIMARY KEY,
  tenant      text NOT NULL,
  party       text NOT NULL,
  case_id     uuid NOT NULL,
  kind        text NOT NULL,
  occurred_on date NOT NULL,
  position    bigint NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS notifications_party ON notifications (tenant, party, position DESC);

-- A party's webhook; the secret is sealed with a subkey of the master key.
CREATE TABLE IF NOT EXISTS party_webhooks (
  tenant        text NOT NULL,
  party         text NOT NULL,
  url           text NOT NULL,
  secret_sealed text NOT NULL,
  -- When the party first configured it: older notices were listed, not sent.
  configured_at timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, party)
);

-- Notices delivered to a webhook (kept apart from notifications, which is rebuilt from the events).
CREATE TABLE IF NOT EXISTS notice_deliveries (
  notice_id    text PRIMARY KEY,
  tenant       text NOT NULL,
  party        text NOT NULL,
  status       int NOT NULL,
  delivered_at timestamptz NOT NULL DEFAULT now()
);
