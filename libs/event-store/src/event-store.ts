import { randomUUID } from 'node:crypto';
import type { SqlClient, SqlQueryable } from './drivers/sql-client';
import { type ExpectedVersion, StaleContextError, WrongExpectedVersionError } from './errors';
import { CallGroups, GROUP_MAX, sharedStatements, statementsAtOnce, type Settles } from './call-groups';
import { type AuditRow, insertAuditRows } from './audit-rows';

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
  /** The `audit` rows were written with the events, in the same transaction. */
  auditWritten?: boolean;
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
  /**
   * The request's audit entries: a store that keeps the audit log in its own database writes them
   * in the append's transaction, only if the events are written, and says so in `auditWritten`.
   * Otherwise the caller writes them itself.
   */
  audit?: readonly AuditRow[];
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

interface AppendPayload {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  businessDate: string | null;
  recordedAt: string | null;
}

interface StreamRead {
  streamId: string;
  fromVersion: number;
  maxCount: number | null;
}

/** A stream read waiting to share a statement. */
type PendingRead = StreamRead & Settles<RecordedEvent[]>;

interface PendingAppend extends Settles<AppendResult> {
  streamId: string;
  expected: number;
  payload: AppendPayload[];
  guards: StreamGuard[];
  options: AppendOptions;
}

interface AppendedRow {
  out_position: number;
  out_version: number;
  out_recorded_at: string;
}

interface AppendManyRow extends AppendedRow {
  out_item: number | null;
  out_refused: 'ES409' | 'ES412' | 'BUSY' | null;
  out_stream: string;
  out_read: number | null;
  out_current: number | null;
}

const RECORDED_AT = `to_char(out_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS out_recorded_at`;

/**
 * The appends of a group (es_append_many), with the audit rows of those written ($2: each row's
 * `item` is its append's place in the group, from 1). The function runs once (MATERIALIZED); a
 * row it returns with an `out_item` is an append not written, whose audit rows are left out.
 */
const APPEND_MANY = `
  WITH a AS MATERIALIZED (SELECT * FROM es_append_many($1::jsonb)),
       audit AS (${insertAuditRows('$2', 'NOT EXISTS (SELECT 1 FROM a WHERE a.out_item = x.item)')})
  SELECT out_item, out_refused, out_stream, out_read, out_current, out_position, out_version, ${RECORDED_AT}
    FROM a`;

/** One append (es_append, which raises when it is refused) with its audit rows ($7). */
const APPEND_ONE = `
  WITH a AS MATERIALIZED (SELECT * FROM es_append($1, $2, $3, $4, $5::jsonb, $6::jsonb)),
       audit AS (${insertAuditRows('$7', 'EXISTS (SELECT 1 FROM a)')})
  SELECT out_position, out_version, ${RECORDED_AT} FROM a`;

/**
 * Takes from `waiting` the appends that can share a statement, oldest first: one per stream, none
 * to a stream `inFlight` (an earlier append to it is on its way), and none guarding a stream
 * another writes (each must be checked against what was committed before it, as if alone). The
 * others keep their places for the next statement.
 */
function takeGroup(waiting: PendingAppend[], inFlight: ReadonlySet<string>): PendingAppend[] {
  const group: PendingAppend[] = [];
  const written = new Set<string>(inFlight);
  const guarded = new Set<string>();
  let kept = 0;
  for (const p of waiting) {
    const fits =
      group.length < GROUP_MAX &&
      !written.has(p.streamId) &&
      !guarded.has(p.streamId) &&
      !p.guards.some((g) => written.has(g.streamId));
    if (fits) {
      group.push(p);
      written.add(p.streamId);
      for (const g of p.guards) guarded.add(g.streamId);
    } else {
      // Later appends to a stream left waiting stay behind it.
      written.add(p.streamId);
      waiting[kept++] = p;
    }
  }
  waiting.length = kept;
  return group;
}

/**
 * The SQL driver: PostgreSQL server or embedded PGlite, appends through es_append_many and
 * es_append (expected version and guards checked under locks in the database).
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

  /** Appends that come while others are on their way wait, and then share one statement. */
  private readonly appends = new CallGroups<PendingAppend>(
    statementsAtOnce(this.sql.kind),
    (waiting) => takeGroup(waiting, this.streamsInFlight),
    (group) => this.appendGroup(group),
  );
  /** The streams of the appends on their way: a later append to one waits, so each stream's go in order. */
  private readonly streamsInFlight = new Set<string>();

  /**
   * Appends that come while others are on their way share one statement and one COMMIT
   * (es_append_many). Each keeps its own checks: a refused one fails alone.
   */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    let expected: number;
    try {
      if (events.length === 0) throw new RangeError('append needs at least one event');
      expected = expectedToNumber(options.expectedVersion);
    } catch (err) {
      return Promise.reject(err);
    }
    const payload = events.map((e) => ({
      eventId: e.eventId ?? randomUUID(),
      type: e.type,
      schemaVersion: e.schemaVersion ?? 1,
      data: e.data,
      metadata: e.metadata,
      businessDate: e.metadata.businessDate ?? null,
      recordedAt: e.recordedAt ?? null,
    }));
    const guards = (options.guards ?? []).map((g) => ({ streamId: g.streamId, version: g.version }));
    return this.appends.call<AppendResult>({ streamId, expected, payload, guards, options });
  }

  /**
   * Settles every append of `group`; never throws. The statement never waits for a stream another
   * transaction holds: such an append goes on its own, outside the statements counted at once.
   */
  private async appendGroup(group: PendingAppend[]): Promise<void> {
    for (const p of group) this.streamsInFlight.add(p.streamId);
    let alone: PendingAppend[] = [];
    try {
      alone = await this.appendGroupInFlight(group);
    } finally {
      for (const p of group) if (!alone.includes(p)) this.streamsInFlight.delete(p.streamId);
    }
    // Those that wait for a stream go on their own, without holding up the next statement.
    for (const p of alone)
      void this.appendAlone(p).finally(() => {
        this.streamsInFlight.delete(p.streamId);
        this.appends.wake();
      });
  }

  /** Settles the appends of `group` the statement wrote or refused; returns those to append alone. */
  private async appendGroupInFlight(group: PendingAppend[]): Promise<PendingAppend[]> {
    // Embedded, one append alone takes the simpler statement: no other session can hold its stream.
    if (group.length === 1 && this.sql.kind === 'pglite') {
      await this.appendAlone(group[0]);
      return [];
    }
    let rows: AppendManyRow[];
    try {
      const audit = group.flatMap((p, i) => (p.options.audit ?? []).map((row) => ({ ...row, item: i + 1 })));
      const res = await this.sql.query<AppendManyRow>(
        APPEND_MANY,
        [
          JSON.stringify(
            group.map((p) => ({
              streamId: p.streamId,
              tenant: p.options.tenant,
              streamType: p.options.streamType,
              expected: p.expected,
              events: p.payload,
              guards: p.guards,
            })),
          ),
          audit.length ? JSON.stringify(audit) : null,
        ],
        PREPARED,
      );
      rows = res.rows;
    } catch {
      // Nothing of the group was written: each is appended on its own, in order, and gets its own answer.
      for (const p of group) await this.appendAlone(p);
      return [];
    }
    const written = new Map<string, AppendManyRow[]>();
    const alone: PendingAppend[] = [];
    for (const row of rows) {
      if (row.out_item === null) {
        const list = written.get(row.out_stream);
        if (list) list.push(row);
        else written.set(row.out_stream, [row]);
        continue;
      }
      const p = group[row.out_item - 1];
      if (row.out_refused === 'BUSY') alone.push(p);
      else if (row.out_refused === 'ES409')
        p.reject(
          new WrongExpectedVersionError(p.streamId, p.options.expectedVersion, Number(row.out_current)),
        );
      else p.reject(new StaleContextError(row.out_stream, Number(row.out_read), Number(row.out_current)));
    }
    for (const p of group) {
      const list = written.get(p.streamId);
      if (list)
        this.settleWritten(
          p,
          list.sort((a, b) => a.out_version - b.out_version),
        );
    }
    return alone;
  }

  /** One append in a statement of its own, which waits for a stream another transaction holds. */
  private async appendAlone(p: PendingAppend): Promise<void> {
    let rows: AppendedRow[];
    try {
      const res = await this.sql.query<AppendedRow>(
        APPEND_ONE,
        [
          p.streamId,
          p.options.tenant,
          p.options.streamType,
          p.expected,
          JSON.stringify(p.payload),
          p.guards.length ? JSON.stringify(p.guards) : null,
          p.options.audit?.length ? JSON.stringify(p.options.audit) : null,
        ],
        PREPARED,
      );
      rows = res.rows;
    } catch (err) {
      const e = err as SqlError;
      if (e.code === 'ES409') {
        const actual = Number(/is at (\d+)/.exec(e.message ?? '')?.[1] ?? -1);
        p.reject(new WrongExpectedVersionError(p.streamId, p.options.expectedVersion, actual));
      } else if (e.code === 'ES412') {
        const m = /stream (\S+) was read at (\d+) but is at (\d+)/.exec(e.message ?? '');
        p.reject(new StaleContextError(m?.[1] ?? '?', Number(m?.[2] ?? -1), Number(m?.[3] ?? -1)));
      } else p.reject(err);
      return;
    }
    this.settleWritten(p, rows);
  }

  private settleWritten(p: PendingAppend, rows: readonly AppendedRow[]): void {
    if (rows.length !== p.payload.length) {
      p.reject(new Error(`append to ${p.streamId} wrote ${rows.length} of ${p.payload.length} events`));
      return;
    }
    const recorded: RecordedEvent[] = rows.map((r, i) => ({
      position: r.out_position,
      streamId: p.streamId,
      version: r.out_version,
      eventId: p.payload[i].eventId,
      type: p.payload[i].type,
      schemaVersion: p.payload[i].schemaVersion,
      data: p.payload[i].data,
      metadata: p.payload[i].metadata,
      tenant: p.options.tenant,
      businessDate: p.payload[i].businessDate,
      recordedAt: r.out_recorded_at,
    }));
    const last = recorded[recorded.length - 1];
    this.appended(last.position, p.streamId);
    p.resolve({
      version: last.version,
      position: last.position,
      events: recorded,
      ...(p.options.audit?.length ? { auditWritten: true } : {}),
    });
  }

  /**
   * Outside a transaction, stream reads that come while others are on their way share one
   * statement, as appends do: a read is a snapshot at its statement, which begins after the call.
   */
  readStream(
    streamId: string,
    options: { fromVersion?: number; maxCount?: number; db?: SqlQueryable } = {},
  ): Promise<RecordedEvent[]> {
    const read = { streamId, fromVersion: options.fromVersion ?? 1, maxCount: options.maxCount ?? null };
    if (options.db) return this.readStreamAlone(options.db, read);
    return this.streamReads.call<RecordedEvent[]>(read);
  }

  private readonly streamReads = sharedStatements<PendingRead>(this.sql.kind, (group) =>
    this.readStreams(group),
  );

  private async readStreamAlone(db: SqlQueryable, read: StreamRead): Promise<RecordedEvent[]> {
    // LIMIT NULL is no limit: one statement for both.
    const { rows } = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3`,
      [read.streamId, read.fromVersion, read.maxCount],
      PREPARED,
    );
    return rows.map(toRecorded);
  }

  /** Settles every read of `group`, in one statement when there are several; never throws. */
  private async readStreams(group: PendingRead[]): Promise<void> {
    try {
      if (group.length === 1) {
        group[0].resolve(await this.readStreamAlone(this.sql, group[0]));
        return;
      }
      const { rows } = await this.sql.query<EventRow & { i: number }>(
        `SELECT x.i, s.e FROM json_to_recordset($1::json) AS x(i int, sid text, fromv int, maxc int)
           CROSS JOIN LATERAL (
             SELECT version, ${EVENT_COLUMNS} FROM es_events
              WHERE stream_id = x.sid AND version >= x.fromv ORDER BY version LIMIT x.maxc) s
          ORDER BY x.i, s.version`,
        [JSON.stringify(group.map((r, i) => ({ i, sid: r.streamId, fromv: r.fromVersion, maxc: r.maxCount })))],
        PREPARED,
      );
      const events: RecordedEvent[][] = group.map(() => []);
      for (const row of rows) events[row.i].push(toRecorded(row));
      group.forEach((r, i) => r.resolve(events[i]));
    } catch (err) {
      for (const r of group) r.reject(err);
    }
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
    // Each stream by its own index range (the LATERAL read, kept apart by its ORDER BY): joined as a
    // whole, the planner expects a hundred streams from the JSON and may read the whole table.
    const { rows } = await (options.db ?? this.sql).query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM json_to_recordset($1::json) AS x(sid text, before bigint)
         CROSS JOIN LATERAL (
           SELECT * FROM es_events
            WHERE stream_id = x.sid AND version < x.before AND ($2::text[] IS NULL OR type = ANY($2::text[]))
            ORDER BY version) es_events
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
    const { rows } = await this.sql.query<{ p: number | null }>(
      'SELECT max(position) AS p FROM es_events',
      [],
      PREPARED,
    );
    return rows[0]?.p ?? 0;
  }
}
