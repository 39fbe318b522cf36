import { randomUUID } from 'node:crypto';
import type { SqlClient, SqlQueryable } from './drivers/sql-client';
import { type ExpectedVersion, StaleContextError, WrongExpectedVersionError } from './errors';

export interface ActorRef {
  sub: string;
  roles: string[];
  party?: string;
}

export interface EventMetadata {
  tenant: string;
  actor: ActorRef;
  correlationId: string;
  causationId?: string;
  /** The business date of the fact (R9b): when it happened, as users tell it. */
  businessDate?: string;
}

export interface NewEvent<D = unknown> {
  eventId?: string;
  type: string;
  schemaVersion?: number;
  data: D;
  metadata: EventMetadata;
  /** When it was recorded; defaults to the database's clock. Tests with a moved clock set it. */
  recordedAt?: string;
}

export interface RecordedEvent<D = unknown> {
  position: number;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
  tenant: string;
  businessDate: string | null;
  recordedAt: string;
}

export interface AppendResult {
  /** The stream's version after the append (the version of its last event). */
  version: number;
  /** The global position of the last appended event. */
  position: number;
  events: RecordedEvent[];
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  tenant: string;
  streamType: string;
  /**
   * Other streams the decision read, at the versions it read them: if one has moved since,
   * nothing is written and `StaleContextError` is thrown (0: the stream did not exist).
   */
  guards?: readonly StreamGuard[];
}

export interface StreamGuard {
  streamId: string;
  version: number;
}

/**
 * Each event as one JSON array: the driver decodes one field per row instead of eleven, and the
 * row is parsed once. PGlite decodes each field on its own (a copy and a text decode per field),
 * which made reads of all events twice as slow; on a server, work moves from Node to PostgreSQL.
 */
const EVENT_COLUMNS = `json_build_array(position, stream_id, version, event_id, type, schema_version, data, metadata,
  tenant, business_date, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text AS e`;

interface EventRow {
  e: string;
}

type EventTuple = [
  position: number,
  streamId: string,
  version: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  data: unknown,
  metadata: EventMetadata,
  tenant: string,
  businessDate: string | null,
  recordedAt: string,
];

function toRecorded(row: EventRow): RecordedEvent {
  const e = JSON.parse(row.e) as EventTuple;
  return {
    position: e[0],
    streamId: e[1],
    version: e[2],
    eventId: e[3],
    type: e[4],
    schemaVersion: e[5],
    data: e[6],
    metadata: e[7],
    tenant: e[8],
    businessDate: e[9],
    recordedAt: e[10],
  };
}

function expectedToNumber(expected: ExpectedVersion): number {
  if (expected === 'any') return -1;
  if (expected === 'no_stream') return 0;
  if (!Number.isInteger(expected) || expected < 1)
    throw new RangeError('expected version must be a positive integer');
  return expected;
}

interface SqlError {
  code?: string;
  message?: string;
}

/** The event store's statements have fixed texts and run all the time: parsed and planned once per connection. */
const PREPARED = { prepare: true } as const;

/**
 * How many events a read of all events outside a transaction fetches at least; what the caller
 * did not ask for waits in the shared tail for its next call.
 */
const PAGE = 2500;

/** The most events the shared tail keeps (about a megabyte or two): two pages, the one being read and the next. */
const TAIL_MAX = 2 * PAGE;

/** Freezes `value` and everything it holds: for objects shared between callers. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) freezeObject(value);
  return value;
}

// Every event read is frozen: no array of values per object, no call per string or number.
function freezeObject(value: object): void {
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const v of value as unknown[])
      if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) freezeObject(v);
  } else {
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) freezeObject(v);
    }
  }
}

/**
 * The event store port: the only writer of events. Appends are atomic per call and checked
 * against an expected version; reads of all events come in a global order that never goes
 * backwards. Two drivers: the SQL store (PostgreSQL server or embedded PGlite, `SqlEventStore`)
 * and KurrentDB (`KurrentDbEventStore`). Either way `sql` is the PostgreSQL database that holds
 * checkpoints and read models, so a consumer's checkpoint commits with its read model's writes.
 */
export abstract class EventStore {
  private readonly appendListeners = new Set<(position: number, streamId: string) => void>();

  constructor(readonly sql: SqlClient) {}

  abstract append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /**
   * The stream's events from `fromVersion` (default 1) in order, at most `maxCount` (default all);
   * [] for a stream that does not exist.
   */
  abstract readStream(
    streamId: string,
    options?: { fromVersion?: number; maxCount?: number; db?: SqlQueryable },
  ): Promise<RecordedEvent[]>;

  /** The stream's version (its last event's), 0 when it does not exist. */
  abstract streamVersion(streamId: string): Promise<number>;

  /** The global position of the stream's last event, 0 when it has none: for read-your-writes. */
  abstract streamPosition(streamId: string): Promise<number>;

  /**
   * Events after `after` in global order, at most `limit`. A later call never returns a position
   * below one already seen. `db`: the caller's open transaction on `sql`, if any.
   */
  abstract readAll(after: number, limit: number, db?: SqlQueryable): Promise<RecordedEvent[]>;

  /**
   * Whether `readByStream` is served efficiently (rebuilds of stream-local read models use it;
   * without it they replay in global order).
   */
  abstract readonly readsByStream: boolean;

  /**
   * Events up to `upTo` ordered by stream and version (not by global position), after the given
   * stream and version: for rebuilding read models whose rows each depend on one stream only.
   */
  abstract readByStream(
    after: { streamId: string; version: number },
    upTo: number,
    limit: number,
    db?: SqlQueryable,
  ): Promise<RecordedEvent[]>;

  /**
   * The events of each stream below version `before` (of the given types, when `types` is given),
   * ordered by stream and version: a batch's cases as they stood before it, for folding read models.
   */
  abstract readEarlier(
    streams: readonly { streamId: string; before: number }[],
    options?: { types?: readonly string[]; db?: SqlQueryable },
  ): Promise<RecordedEvent[]>;

  /**
   * The events one request appended after `after`, in order: those whose metadata names its
   * tenant, request id (`correlationId`) and caller (`actor.sub`). For answering a retried request.
   */
  abstract readRequest(
    after: number,
    request: { tenant: string; correlationId: string; sub: string },
  ): Promise<RecordedEvent[]>;

  /** The highest position a reader may see now. */
  abstract headPosition(): Promise<number>;

  /**
   * The highest position written, visible to readers or not yet (0: none): what a write that has
   * been answered is at most, for read-your-writes and "events after now".
   */
  abstract lastPosition(): Promise<number>;

  /** Releases what the store holds besides `sql` (which its opener closes). */
  async close(): Promise<void> {}

  /** In-process wake-up for subscriptions, so they need not wait for their next poll. */
  onAppend(listener: (position: number, streamId: string) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  protected appended(position: number, streamId: string): void {
    for (const listener of this.appendListeners) listener(position, streamId);
  }
}

/**
 * The SQL driver: PostgreSQL server or embedded PGlite, appends through es_append (expected
 * version and guards checked under locks in the database).
 */
export class SqlEventStore extends EventStore {
  readonly readsByStream = true;
  /**
   * The newest events `readAll` has read outside a transaction, shared by the consumers of this
   * process, which would otherwise each read the same new events. It holds every event readers
   * will ever see with a position in (tailFrom, tailTo]: a read that returned position P has seen
   * every event below P that will ever be visible (positions follow transaction ids, and an event
   * is visible once its transaction is older than every one in flight). Frozen: shared, never changed.
   */
  private tail: RecordedEvent[] = [];
  private tailFrom = 0;
  private tailTo = 0;
  /** Where the newest page in the tail begins (the position it was read after), and whether it was full. */
  private newestFrom = 0;
  private newestFull = false;
  /** Reads from the database in flight, by the position they read after. */
  private readonly reading = new Map<number, Promise<RecordedEvent[]>>();

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const payload = events.map((e) => ({
      eventId: e.eventId ?? randomUUID(),
      type: e.type,
      schemaVersion: e.schemaVersion ?? 1,
      data: e.data,
      metadata: e.metadata,
      businessDate: e.metadata.businessDate ?? null,
      recordedAt: e.recordedAt ?? null,
    }));
    let rows: { out_position: number; out_version: number; out_recorded_at: string }[];
    try {
      const res = await this.sql.query<{
        out_position: number;
        out_version: number;
        out_recorded_at: string;
      }>(
        `SELECT out_position, out_version,
                to_char(out_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS out_recorded_at
           FROM es_append($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
        [
          streamId,
          options.tenant,
          options.streamType,
          expectedToNumber(options.expectedVersion),
          JSON.stringify(payload),
          options.guards?.length
            ? JSON.stringify(options.guards.map((g) => ({ streamId: g.streamId, version: g.version })))
            : null,
        ],
        PREPARED,
      );
      rows = res.rows;
    } catch (err) {
      const e = err as SqlError;
      if (e.code === 'ES409') {
        const actual = Number(/is at (\d+)/.exec(e.message ?? '')?.[1] ?? -1);
        throw new WrongExpectedVersionError(streamId, options.expectedVersion, actual);
      }
      if (e.code === 'ES412') {
        const m = /stream (\S+) was read at (\d+) but is at (\d+)/.exec(e.message ?? '');
        throw new StaleContextError(m?.[1] ?? '?', Number(m?.[2] ?? -1), Number(m?.[3] ?? -1));
      }
      throw err;
    }
    const recorded: RecordedEvent[] = rows.map((r, i) => ({
      position: r.out_position,
      streamId,
      version: r.out_version,
      eventId: payload[i].eventId,
      type: payload[i].type,
      schemaVersion: payload[i].schemaVersion,
      data: payload[i].data,
      metadata: payload[i].metadata,
      tenant: options.tenant,
      businessDate: payload[i].businessDate,
      recordedAt: r.out_recorded_at,
    }));
    const last = recorded[recorded.length - 1];
    this.appended(last.position, streamId);
    return { version: last.version, position: last.position, events: recorded };
  }

  async readStream(
    streamId: string,
    options: { fromVersion?: number; maxCount?: number; db?: SqlQueryable } = {},
  ): Promise<RecordedEvent[]> {
    // LIMIT NULL is no limit: one statement for both.
    const { rows } = await (options.db ?? this.sql).query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3`,
      [streamId, options.fromVersion ?? 1, options.maxCount ?? null],
      PREPARED,
    );
    return rows.map(toRecorded);
  }

  async streamPosition(streamId: string): Promise<number> {
    const { rows } = await this.sql.query<{ position: number }>(
      'SELECT position FROM es_events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1',
      [streamId],
      PREPARED,
    );
    return rows[0]?.position ?? 0;
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.sql.query<{ version: number }>(
      'SELECT version FROM es_streams WHERE stream_id = $1',
      [streamId],
      PREPARED,
    );
    return rows[0]?.version ?? 0;
  }

  /**
   * Events after `after` in global order, at most `limit`. Only transactions older than every
   * one still in flight are visible, so a later call never returns a position below one already seen.
   */
  async readAll(after: number, limit: number, db?: SqlQueryable): Promise<RecordedEvent[]> {
    if (db) return this.readAllFrom(db, after, limit);
    if (after < this.tailFrom || after >= this.tailTo) {
      const events = await this.readPage(after, Math.max(limit, PAGE));
      // Not kept in the tail (a reader behind it, or nothing new): the page itself.
      if (after < this.tailFrom || after >= this.tailTo) return events.slice(0, limit);
    }
    // Served from the tail, up to its end; the next read goes on from there.
    let lo = 0;
    let hi = this.tail.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tail[mid].position <= after) lo = mid + 1;
      else hi = mid;
    }
    const events = this.tail.slice(lo, lo + limit);
    // A reader that has reached the newest page, and found it full, will want the next one: on a
    // server it is read while this one is handled (PGlite has one session, nothing to overlap).
    if (
      this.sql.kind === 'postgres' &&
      this.newestFull &&
      events.length > 0 &&
      events[events.length - 1].position > this.newestFrom &&
      !this.reading.has(this.tailTo)
    )
      void this.readPage(this.tailTo, PAGE).catch(() => undefined);
    return events;
  }

  /**
   * The next `size` events after `after`, read once for every caller that asks while it is in
   * flight (consumers woken by the same append ask at once), frozen since they share them.
   */
  private readPage(after: number, size: number): Promise<RecordedEvent[]> {
    let reading = this.reading.get(after);
    if (!reading) {
      reading = this.readAllFrom(this.sql, after, size).then((events) => {
        for (const e of events) deepFreeze(e);
        if (events.length > 0) this.remember(after, events, events.length >= size);
        return events;
      });
      this.reading.set(after, reading);
      void reading.finally(() => this.reading.delete(after)).catch(() => undefined);
    }
    return reading;
  }

  private async readAllFrom(db: SqlQueryable, after: number, limit: number): Promise<RecordedEvent[]> {
    // The snapshot's xmin once per statement (an InitPlan), not once per row scanned.
    const { rows } = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
        WHERE position > $1 AND transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
        ORDER BY position LIMIT $2`,
      [after, limit],
      PREPARED,
    );
    return rows.map(toRecorded);
  }

  /** Keeps a page read after `after` in the tail, if it is newer than what the tail holds. */
  private remember(after: number, events: RecordedEvent[], full: boolean): void {
    const last = events[events.length - 1].position;
    if (last <= this.tailTo) return; // a reader behind the tail: keep the newer events
    if (after === this.tailTo && this.tail.length > 0) {
      this.tail.push(...events);
    } else {
      this.tail = [...events]; // its own array: the caller keeps `events`
      this.tailFrom = after;
    }
    this.tailTo = last;
    this.newestFrom = after;
    this.newestFull = full;
    if (this.tail.length > TAIL_MAX) {
      const drop = this.tail.length - TAIL_MAX;
      this.tailFrom = this.tail[drop - 1].position;
      this.tail = this.tail.slice(drop);
    }
  }

  /**
   * Events up to `upTo` ordered by stream and version (not by global position), after the given
   * stream and version: for rebuilding read models whose rows each depend on one stream only.
   */
  async readByStream(
    after: { streamId: string; version: number },
    upTo: number,
    limit: number,
    db: SqlQueryable = this.sql,
  ): Promise<RecordedEvent[]> {
    const { rows } = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
        WHERE (stream_id, version) > ($1, $2) AND position <= $3
        ORDER BY stream_id, version LIMIT $4`,
      [after.streamId, after.version, upTo, limit],
      PREPARED,
    );
    return rows.map(toRecorded);
  }

  async readEarlier(
    streams: readonly { streamId: string; before: number }[],
    options: { types?: readonly string[]; db?: SqlQueryable } = {},
  ): Promise<RecordedEvent[]> {
    if (streams.length === 0) return [];
    const { rows } = await (options.db ?? this.sql).query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
         JOIN json_to_recordset($1::json) AS x(sid text, before bigint) ON stream_id = x.sid AND version < x.before
        WHERE $2::text[] IS NULL OR type = ANY($2::text[])
        ORDER BY stream_id, version`,
      [JSON.stringify(streams.map((s) => ({ sid: s.streamId, before: s.before }))), options.types ?? null],
    );
    return rows.map(toRecorded);
  }

  async readRequest(
    after: number,
    request: { tenant: string; correlationId: string; sub: string },
  ): Promise<RecordedEvent[]> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
        WHERE position > $1 AND tenant = $2 AND metadata->>'correlationId' = $3 AND metadata->'actor'->>'sub' = $4
        ORDER BY position`,
      [after, request.tenant, request.correlationId, request.sub],
    );
    return rows.map(toRecorded);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.sql.query<{ p: number }>(
      `SELECT position AS p FROM es_events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY position DESC LIMIT 1`,
      [],
      PREPARED,
    );
    return rows[0]?.p ?? 0;
  }

  async lastPosition(): Promise<number> {
    const { rows } = await this.sql.query<{ p: number | null }>('SELECT max(position) AS p FROM es_events', [], PREPARED);
    return rows[0]?.p ?? 0;
  }
}
