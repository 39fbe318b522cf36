-- An Idempotency-Key whose request never answered (the process was killed while it ran) is
-- resolved from what was written: the claim keeps the request's id, which its events carry as
-- metadata.correlationId, and the last event position before it, so only the events that can be
-- the request's are looked at. Keys are forgotten after a day (idempotency.interceptor.ts); the
-- index lets that sweep find them.
ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS request_id text;
ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS after_position bigint;
CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at);
