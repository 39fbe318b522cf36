// Bulk write
import { eventSchemaVersion, fromDayNumber } from '@app/case-domain';
import type { SqlClient } from '@app/event-store';
import type { History } from './history';
import { mulberry32, Rng } from './rng';

export interface WriteOptions {
  /** Rows per INSERT statement. */
  batchRows?: number;
}

const INSERT_EVENTS = `
  INSERT INTO es_events (event_id, stream_id, version, tenant, type, schema_version, data, metadata, business_date, recorded_at)
  SELECT event_id, stream_id, version, tenant, type, schema_version, data, metadata, business_date, recorded_at
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (event_id uuid, stream_id text, version bigint, tenant text, type text,
           schema_version integer, data jsonb, metadata jsonb, business_date date, recorded_at timestamptz))
         WITH ORDINALITY AS x(event_id, stream_id, version, tenant, type, schema_version, data, metadata, business_date, recorded_at, n)
   ORDER BY n`;

const INSERT_STREAMS = `
  INSERT INTO es_streams (stream_id, tenant, stream_type, version, updated_at)
  SELECT stream_id, tenant, stream_type, version, updated_at
    FROM jsonb_to_recordset($1::jsonb) AS x(stream_id text, tenant text, stream_type text, version bigint, updated_at timestamptz)`;

/**
 * Writes a generated history straight into es_events and es_streams, many rows per statement, in
 * global order: by the day each command was recorded, then by generation order, so positions
 * follow business dates and every stream's events keep their order. It bypasses es_append (no
 * expected-version checks, no position lock): NOTHING ELSE MAY APPEND to the store meanwhile, and
 * the streams must not exist yet. Readers (subscriptions) may run; they see whole batches.
 */
export async function writeHistory(
  sql: SqlClient,
  history: History,
  options: WriteOptions = {},
): Promise<{ events: number; streams: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const batchRows = options.batchRows ?? 5000;
  const idRng = new Rng(mulberry32(history.seed ^ 0x5eed1d));

  // Bucket every event by its day; within a day, by sequence (Array#sort is stable, so a command's
  // events stay in order).
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const s of history.streams) {
    for (const e of s.events) {
      if (e.day < minDay) minDay = e.day;
      if (e.day > maxDay) maxDay = e.day;
    }
  }
  const buckets: { s: number; e: number; seq: number }[][] = Array.from(
    { length: maxDay - minDay + 1 },
    () => [],
  );
  history.streams.forEach((s, si) => {
    let prev = -Infinity;
    s.events.forEach((e, ei) => {
      if (s.streamType === 'case' && e.day < prev) throw new Error(`${s.streamId}: events out of day order`);
      prev = e.day;
      buckets[e.day - minDay].push({ s: si, e: ei, seq: e.seq });
    });
  });

  const versions = new Int32Array(history.streams.length);
  const lastRecorded: string[] = new Array(history.streams.length);
  const txOptions = sql.kind === 'postgres';
  let pending: Promise<unknown> | undefined;
  let rows: string[] = [];
  let written = 0;
  const flush = async () => {
    if (!rows.length) return;
    const json = `[${rows.join(',')}]`;
    rows = [];
    await pending;
    pending = txOptions
      ? sql.transaction(async (tx) => {
          // A bulk load of a benchmark or test database: losing the last batches on a crash is fine.
          await tx.query('SET LOCAL synchronous_commit = off');
          await tx.query(INSERT_EVENTS, [json]);
        })
      : sql.query(INSERT_EVENTS, [json]);
  };

  for (let b = 0; b < buckets.length; b++) {
    const bucket = buckets[b];
    if (!bucket.length) continue;
    bucket.sort((x, y) => x.seq - y.seq);
    const date = fromDayNumber(minDay + b);
    const start = Date.parse(`${date}T07:00:00.000Z`);
    const spread = (10 * 3600 * 1000) / bucket.length;
    for (let k = 0; k < bucket.length; k++) {
      const { s, e } = bucket[k];
      const stream = history.streams[s];
      const event = stream.events[e];
      const version = ++versions[s];
      // Recorded during the working day, in position order.
      const recordedAt = new Date(start + Math.floor(k * spread)).toISOString();
      lastRecorded[s] = recordedAt;
      const metadata = {
        tenant: stream.tenant,
        actor: event.actor,
        correlationId: `gen-${event.seq.toString(36)}`,
        businessDate: event.businessDate,
      };
      rows.push(
        `{"event_id":"${idRng.uuid()}","stream_id":${JSON.stringify(stream.streamId)},"version":${version},"tenant":${JSON.stringify(stream.tenant)},` +
          `"type":"${event.type}","schema_version":${eventSchemaVersion(event.type)},"data":${JSON.stringify(event.data)},` +
          `"metadata":${JSON.stringify(metadata)},"business_date":"${event.businessDate}","recorded_at":"${recordedAt}"}`,
      );
      written++;
      if (rows.length >= batchRows) await flush();
    }
  }
  await flush();
  await pending;

  const streamRows = history.streams.map((s, i) => ({
    stream_id: s.streamId,
    tenant: s.tenant,
    stream_type: s.streamType,
    version: versions[i],
    updated_at: lastRecorded[i],
  }));
  for (let i = 0; i < streamRows.length; i += 20_000) {
    await sql.query(INSERT_STREAMS, [JSON.stringify(streamRows.slice(i, i + 20_000))]);
  }
  return {
    events: written,
    streams: streamRows.length,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
