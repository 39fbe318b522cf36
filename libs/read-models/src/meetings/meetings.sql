-- The meetings read model (meetings.projection.ts), rebuilt from the events at will
-- (npm run projections:rebuild -- meetings). Idempotent: it runs whenever this file changes, and a
-- change drops the tables and has the projection replay every event into them.

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
