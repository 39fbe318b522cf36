-- The notices read model (notices.projection.ts), rebuilt from the events at will
-- (npm run projections:rebuild -- notices). Idempotent: it runs whenever this file changes, and a
-- change drops the table and has the projection replay every event into it. What was delivered to
-- a party's webhook is not rebuilt from the events: notice_deliveries is a versioned migration.

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
