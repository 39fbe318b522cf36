-- The audit log (DOMAIN.md §10): who read or wrote which case or person's data, when, through
-- which route. Ids and codes only, never personal data. Append-only: rows can be inserted and
-- read, never changed or removed. A trigger refuses UPDATE, DELETE and TRUNCATE for every role
-- (superusers included, who bypass privileges); the privileges are revoked as well, so a service
-- role that does not own the table cannot even reach the trigger.

CREATE TABLE IF NOT EXISTS audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  tenant      text NOT NULL,
  actor       text NOT NULL,
  roles       text[] NOT NULL,
  party       text,
  -- What was done, e.g. get-case.history, erase-person.erase; with the route's method and pattern.
  action      text NOT NULL CHECK (action ~ '^[a-z][a-z0-9.:_-]{0,99}$'),
  route       text NOT NULL,
  status      integer NOT NULL,
  case_id     uuid,
  person_id   uuid,
  request_id  text
);
CREATE INDEX IF NOT EXISTS audit_log_tenant_at ON audit_log (tenant, at, id);
CREATE INDEX IF NOT EXISTS audit_log_case ON audit_log (tenant, case_id, at) WHERE case_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (tenant, actor, at);
CREATE INDEX IF NOT EXISTS audit_log_person ON audit_log (tenant, person_id) WHERE person_id IS NOT NULL;

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'AU001';
END;
$$;

DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
DO $$
BEGIN
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM %I', current_user);
END;
$$;
