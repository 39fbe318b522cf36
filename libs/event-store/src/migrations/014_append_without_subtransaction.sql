-- es_append without a subtransaction. The position lock (see 001_event_store.sql) is a session
-- lock released before COMMIT, so nothing may fail while it is held: 009 caught any error in an
-- EXCEPTION block to release it, which made every append pay for a subtransaction. Now every
-- event is read and checked before the lock (casts, required fields), and the INSERT cannot fail
-- on a unique key (ON CONFLICT DO NOTHING): an event id already recorded is refused after the
-- lock is released, by counting the rows written. Same arguments, results and errors as 009.
CREATE OR REPLACE FUNCTION es_append(
  p_stream text, p_tenant text, p_stream_type text, p_expected bigint, p_events jsonb, p_guards jsonb DEFAULT NULL
) RETURNS TABLE (out_position bigint, out_version bigint, out_recorded_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  v_current  bigint;
  v_count    integer := jsonb_array_length(p_events);
  v_guard    jsonb;
  v_seen     bigint;
  v_ids      uuid[];
  v_types    text[];
  v_schemas  integer[];
  v_data     jsonb[];
  v_metadata jsonb[];
  v_dates    date[];
  v_recorded timestamptz[];
  v_written  bigint;
BEGIN
  IF v_count = 0 THEN
    RAISE EXCEPTION 'nothing to append' USING ERRCODE = 'ES400';
  END IF;
  IF p_stream IS NULL OR p_tenant IS NULL OR p_stream_type IS NULL THEN
    RAISE EXCEPTION 'an append needs a stream, a tenant and a stream type' USING ERRCODE = 'ES400';
  END IF;
  SELECT array_agg((e->>'eventId')::uuid ORDER BY n), array_agg(e->>'type' ORDER BY n),
         array_agg((e->>'schemaVersion')::integer ORDER BY n), array_agg(e->'data' ORDER BY n),
         array_agg(e->'metadata' ORDER BY n), array_agg((e->>'businessDate')::date ORDER BY n),
         array_agg(coalesce((e->>'recordedAt')::timestamptz, now()) ORDER BY n)
    INTO v_ids, v_types, v_schemas, v_data, v_metadata, v_dates, v_recorded
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n);
  IF array_position(v_ids, NULL) IS NOT NULL OR array_position(v_types, NULL) IS NOT NULL
     OR array_position(v_schemas, NULL) IS NOT NULL OR array_position(v_data, NULL) IS NOT NULL
     OR array_position(v_metadata, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'every event needs an eventId, a type, a schemaVersion, data and metadata'
      USING ERRCODE = 'ES400';
  END IF;
  -- One writer per stream at a time; held to COMMIT. Advisory locks assign no transaction id.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
  SELECT version INTO v_current FROM es_streams WHERE stream_id = p_stream;
  IF (p_expected = 0 AND v_current IS NOT NULL)
     OR (p_expected > 0 AND v_current IS DISTINCT FROM p_expected) THEN
    RAISE EXCEPTION 'expected version % but stream is at %', p_expected, coalesce(v_current, 0)
      USING ERRCODE = 'ES409';
  END IF;
  -- Each guarded stream is locked shared (its writers hold the same lock exclusively until they
  -- commit): a write to it in flight is waited for and then seen, and none can start until this
  -- append commits. In a fixed order, so two appends guarding the same streams never deadlock.
  FOR v_guard IN
    SELECT g FROM jsonb_array_elements(coalesce(p_guards, '[]'::jsonb)) AS x(g) ORDER BY g->>'streamId'
  LOOP
    IF v_guard->>'streamId' IS NULL OR v_guard->>'version' IS NULL THEN
      RAISE EXCEPTION 'a guard needs a streamId and a version' USING ERRCODE = 'ES400';
    END IF;
    PERFORM pg_advisory_xact_lock_shared(hashtextextended(v_guard->>'streamId', 0));
    SELECT coalesce(max(version), 0) INTO v_seen FROM es_streams WHERE stream_id = v_guard->>'streamId';
    IF v_seen IS DISTINCT FROM (v_guard->>'version')::bigint THEN
      RAISE EXCEPTION 'stream % was read at % but is at %', v_guard->>'streamId', v_guard->>'version', v_seen
        USING ERRCODE = 'ES412';
    END IF;
  END LOOP;
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'an append must be the first write of its transaction' USING ERRCODE = 'ES500';
  END IF;
  -- See 001_event_store.sql: the transaction id and the positions are assigned together.
  PERFORM pg_advisory_lock(72400001);
  RETURN QUERY
  INSERT INTO es_events (event_id, stream_id, version, tenant, type, schema_version, data, metadata,
                         business_date, recorded_at)
  SELECT u.id, p_stream, coalesce(v_current, 0) + u.n, p_tenant, u.type, u.schema_version, u.data,
         u.metadata, u.business_date, u.recorded_at
    FROM unnest(v_ids, v_types, v_schemas, v_data, v_metadata, v_dates, v_recorded)
         WITH ORDINALITY AS u(id, type, schema_version, data, metadata, business_date, recorded_at, n)
   ORDER BY u.n
  ON CONFLICT DO NOTHING
  RETURNING position, version, recorded_at;
  GET DIAGNOSTICS v_written = ROW_COUNT;
  PERFORM pg_advisory_unlock(72400001);
  IF v_written <> v_count THEN
    RAISE EXCEPTION 'an event id of this append is already recorded' USING ERRCODE = '23505';
  END IF;
  INSERT INTO es_streams (stream_id, tenant, stream_type, version, updated_at)
  VALUES (p_stream, p_tenant, p_stream_type, coalesce(v_current, 0) + v_count, now())
  ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at;
END;
$$;
