-- The parties' webhooks and what was delivered to them: configuration and delivery state, not
-- read models (the deadlines and notices read models own their tables: libs/read-models).
-- Until the read models took over their DDL, this migration also created rm_deadline_cases,
-- rm_deadline_settings, rm_deadlines and notifications; a database it ran on keeps them.

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
