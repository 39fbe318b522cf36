-- Appends to several streams in one statement, so that concurrent commands share one round trip
-- and one COMMIT. Each append keeps its own checks: an expected version (ES409) or a guarded
-- stream that has moved (ES412) refuses that append alone, reported in its row; the others are
-- written. Anything else (a lock deadlock, a bad value) fails the whole statement, and the caller
-- then appends each on its own through es_append.
--
-- p_appends: a jsonb array of {"streamId", "tenant", "streamType", "expected", "events", "guards"},
-- as es_append takes them. The streams must all differ, and no append may guard a stream another
-- one writes (the caller groups only such appends): each append is then checked against what was
-- committed before the statement, as if it ran alone.
--
-- Returns a row per event written (out_stream, its position, version and recorded time) and a row
-- per append not written (out_item: its index from 1; out_refused: ES409 or ES412 with out_stream
-- the stream that did not match, out_read the version expected and out_current the one found; or
-- BUSY: a stream it needs is locked by another transaction, so it is to be appended on its own).
CREATE OR REPLACE FUNCTION es_append_many(p_appends jsonb)
RETURNS TABLE (out_item integer, out_refused text, out_stream text, out_read bigint, out_current bigint,
               out_position bigint, out_version bigint, out_recorded_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  v_item     record;
  v_guard    jsonb;
  v_expected bigint;
  v_current  bigint;
  v_seen     bigint;
  v_guards   jsonb;
  v_streams  text[] := '{}';
  v_passed   integer[] := '{}';
  v_bases    bigint[] := '{}';
BEGIN
  <<items>>
  FOR v_item IN SELECT a, n::integer AS n FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS x(a, n) LOOP
    -- The locks es_append takes (held to COMMIT), but never waited for: an append whose stream or
    -- guarded stream another transaction holds is left to es_append (BUSY), so the statement is
    -- never held up by one stream. Locks taken for it stay until COMMIT, which harms nothing.
    IF v_item.a->>'streamId' IS NULL OR v_item.a->>'streamId' = ANY (v_streams) THEN
      RAISE EXCEPTION 'an append needs a streamId, and one append per stream' USING ERRCODE = 'ES400';
    END IF;
    IF coalesce(jsonb_array_length(v_item.a->'events'), 0) = 0 THEN
      RAISE EXCEPTION 'nothing to append' USING ERRCODE = 'ES400';
    END IF;
    v_streams := v_streams || (v_item.a->>'streamId');
    v_guards := coalesce(v_item.a->'guards', '[]'::jsonb);
    IF NOT pg_try_advisory_xact_lock(hashtextextended(v_item.a->>'streamId', 0)) THEN
      RETURN QUERY SELECT v_item.n, 'BUSY'::text, v_item.a->>'streamId', NULL::bigint, NULL::bigint,
                          NULL::bigint, NULL::bigint, NULL::timestamptz;
      CONTINUE items;
    END IF;
    IF jsonb_array_length(v_guards) > 0 THEN
      FOR v_guard IN SELECT g FROM jsonb_array_elements(v_guards) AS x(g) LOOP
        IF v_guard->>'streamId' IS NULL OR v_guard->>'version' IS NULL THEN
          RAISE EXCEPTION 'a guard needs a streamId and a version' USING ERRCODE = 'ES400';
        END IF;
        IF NOT pg_try_advisory_xact_lock_shared(hashtextextended(v_guard->>'streamId', 0)) THEN
          RETURN QUERY SELECT v_item.n, 'BUSY'::text, v_guard->>'streamId', NULL::bigint, NULL::bigint,
                              NULL::bigint, NULL::bigint, NULL::timestamptz;
          CONTINUE items;
        END IF;
      END LOOP;
    END IF;
    v_expected := (v_item.a->>'expected')::bigint;
    SELECT version INTO v_current FROM es_streams WHERE stream_id = v_item.a->>'streamId';
    IF (v_expected = 0 AND v_current IS NOT NULL)
       OR (v_expected > 0 AND v_current IS DISTINCT FROM v_expected) THEN
      RETURN QUERY SELECT v_item.n, 'ES409'::text, v_item.a->>'streamId', v_expected, coalesce(v_current, 0),
                          NULL::bigint, NULL::bigint, NULL::timestamptz;
      CONTINUE items;
    END IF;
    IF jsonb_array_length(v_guards) > 0 THEN
      FOR v_guard IN
        SELECT g FROM jsonb_array_elements(v_guards) AS x(g) ORDER BY g->>'streamId'
      LOOP
        SELECT coalesce(max(version), 0) INTO v_seen FROM es_streams WHERE stream_id = v_guard->>'streamId';
        IF v_seen IS DISTINCT FROM (v_guard->>'version')::bigint THEN
          RETURN QUERY SELECT v_item.n, 'ES412'::text, v_guard->>'streamId', (v_guard->>'version')::bigint, v_seen,
                              NULL::bigint, NULL::bigint, NULL::timestamptz;
          CONTINUE items;
        END IF;
      END LOOP;
    END IF;
    v_passed := v_passed || v_item.n;
    v_bases := v_bases || coalesce(v_current, 0);
  END LOOP;
  IF cardinality(v_passed) = 0 THEN
    RETURN;
  END IF;

  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'an append must be the first write of its transaction' USING ERRCODE = 'ES500';
  END IF;
  -- See 001_event_store.sql: the transaction id and the positions are assigned together.
  PERFORM pg_advisory_lock(72400001);
  BEGIN
    RETURN QUERY
    INSERT INTO es_events (event_id, stream_id, version, tenant, type, schema_version, data, metadata,
                           business_date, recorded_at)
    SELECT (e->>'eventId')::uuid, a->>'streamId', p.base + en, a->>'tenant', e->>'type',
           (e->>'schemaVersion')::integer, e->'data', e->'metadata',
           (e->>'businessDate')::date, coalesce((e->>'recordedAt')::timestamptz, now())
      FROM unnest(v_passed, v_bases) WITH ORDINALITY AS p(n, base, k)
      CROSS JOIN LATERAL (SELECT p_appends->(p.n - 1) AS a) i
      CROSS JOIN LATERAL jsonb_array_elements(i.a->'events') WITH ORDINALITY AS x(e, en)
     ORDER BY p.k, en
    RETURNING NULL::integer, NULL::text, stream_id, NULL::bigint, NULL::bigint, position, version, recorded_at;
  EXCEPTION WHEN OTHERS THEN
    PERFORM pg_advisory_unlock(72400001);
    RAISE;
  END;
  PERFORM pg_advisory_unlock(72400001);
  INSERT INTO es_streams (stream_id, tenant, stream_type, version, updated_at)
  SELECT i.a->>'streamId', i.a->>'tenant', i.a->>'streamType', p.base + jsonb_array_length(i.a->'events'), now()
    FROM unnest(v_passed, v_bases) AS p(n, base)
    CROSS JOIN LATERAL (SELECT p_appends->(p.n - 1) AS a) i
  ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at;
END;
$$;
