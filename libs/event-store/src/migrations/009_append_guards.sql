-- An append may name other streams its decision read (a tenant's configuration: catalogue,
-- settings, units) and the versions it read them at. If one of them has moved since, nothing is
-- written (ES412) and the command is decided again on what is current. A writer can then keep
-- what it read in memory and still never decide on configuration that has changed.
--
-- p_guards: null, or a jsonb array of {"streamId": text, "version": n}; version 0 = no such stream.
DROP FUNCTION IF EXISTS es_append(text, text, text, bigint, jsonb);

CREATE FUNCTION es_append(
  p_stream text, p_tenant text, p_stream_type text, p_expected bigint, p_events jsonb, p_guards jsonb DEFAULT NULL
) RETURNS TABLE (out_position bigint, out_version bigint, out_recorded_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  v_current bigint;
  v_count   integer := jsonb_array_length(p_events);
  v_guard   jsonb;
  v_seen    bigint;
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
