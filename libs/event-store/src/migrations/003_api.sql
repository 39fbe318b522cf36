-- Idempotency-Key: the first answer to a POST is kept, so a retry with the same key and body
-- returns it and writes nothing new. Keys are scoped to the caller.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  tenant       text NOT NULL,
  caller       text NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  status_code  integer,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, caller, key)
);
