-- The event store: streams, events in one global order, and consumers' checkpoints.

CREATE TABLE IF NOT EXISTS es_streams (
  stream_id   text PRIMARY KEY,
  tenant      text NOT NULL,
  stream_type text NOT NULL,
  version     bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS es_events (
  position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Readers only see transactions older than every one still in flight (see es_append).
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id       uuid NOT NULL UNIQUE,
  stream_id      text NOT NULL,
  version        bigint NOT NULL,
  tenant         text NOT NULL,
  type           text NOT NULL,
  schema_version integer NOT NULL,
  data           jsonb NOT NULL,
  metadata       jsonb NOT NULL,
  business_date  date,
  recorded_at    timestamptz NOT NULL,
  CONSTRAINT es_events_stream_version UNIQUE (stream_id, version)
);

CREATE TABLE IF NOT EXISTS es_checkpoints (
  consumer   text PRIMARY KEY,
  position   bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Appends a batch of events to one stream in a single round trip.
--
-- Ordering for readers: positions come from an identity column, so two appenders can commit in
-- the opposite order of their positions. Readers therefore only read events whose transaction id
-- is below the oldest transaction still in flight (pg_snapshot_xmin). That alone is not enough:
-- a transaction may get its id before another but its position after. So the id assignment
-- (the first write of the transaction) and the position assignment happen together inside a
-- short critical section (a session advisory lock released before COMMIT, so commits still run
-- in parallel and share WAL flushes). Positions are then ordered like transaction ids, and a
-- reader that has seen position P can never later meet a committed event below P.
--
-- p_expected: -1 any, 0 the stream must not exist, n > 0 the stream must be at version n.
CREATE OR REPLACE FUNCTION es_append(
  p_stream text, p_tenant text, p_stream_type text, p_expected bigint, p_events jsonb
) RETURNS TABLE (out_position bigint, out_version bigint, out_recorded_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  v_current bigint;
  v_count   integer := jsonb_array_length(p_events);
BEGIN
  IF v_count = 0 THEN
    RAISE EXCEPTION 'nothing to append' USING ERRCODE = 'ES400';
  END IF;
  -- One writer per stream at a time; held to COMMIT. Advisory locks assign no transaction id.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
  SELECT version INTO v_current FROM es_streams WHERE stream_id = p_stream;
  IF (p_expected = 0 AND v_current IS NOT NULL)
     OR (p_expected > 0 AND v_current IS DISTINCT FROM p_expected) THEN
    RAISE EXCEPTION 'expected version % but stream is at %', p_expected, coalesce(v_current, 0)
      USING ERRCODE = 'ES409';
  END IF;
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'an append must be the first write of its transaction' USING ERRCODE = 'ES500';
  END IF;
  PERFORM pg_advisory_lock(72400001);
  BEGIN
    RETURN QUERY
    INSERT INTO es_events (event_id, stream_id, version, tenant, type, schema_version, data, metadata,
                           business_date, recorded_at)
    SELECT (e->>'eventId')::uuid, p_stream, coalesce(v_current, 0) + n, p_tenant, e->>'type',
           (e->>'schemaVersion')::integer, e->'data', e->'metadata',
           (e->>'businessDate')::date, coalesce((e->>'recordedAt')::timestamptz, now())
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n)
    ORDER BY n
    RETURNING position, version, recorded_at;
  EXCEPTION WHEN OTHERS THEN
    PERFORM pg_advisory_unlock(72400001);
    RAISE;
  END;
  PERFORM pg_advisory_unlock(72400001);
  INSERT INTO es_streams (stream_id, tenant, stream_type, version, updated_at)
  VALUES (p_stream, p_tenant, p_stream_type, coalesce(v_current, 0) + v_count, now())
  ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at;
END;
$$;
