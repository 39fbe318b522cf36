import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  type AppendOptions,
  type AppendResult,
  EventStore,
  type NewEvent,
  type RecordedEvent,
  type StreamGuard,
} from '../event-store';
import { StaleContextError } from '../errors';
import type { SqlClient, SqlQueryable } from './sql-client';
import { assertOutsideTransaction } from './transaction-scope';
import {
  currentVersion,
  expectedRevision,
  fromRecorded,
  isAfter,
  isNamespace,
  isStreamNotFound,
  positionOfRecorded,
  readPositionAfter,
  readRevision,
  recordedAtOf,
  streamName,
  toEventData,
  toStoreError,
  versionOf,
} from './kurrentdb-mapping';

export interface KurrentDbOptions {
  /** A KurrentDB (EventStoreDB) connection string: esdb://host:2113?tls=false, esdb+discover://… for a cluster. */
  connectionString: string;
  /** The service's streams are `<namespace>.<streamId>`; $all is read filtered to them. */
  namespace: string;
  /** The longest one read of $all may wait for the server to say it has caught up. */
  readTimeoutMs?: number;
}

/**
 * The KurrentDB driver: events live in KurrentDB, checkpoints and read models in PostgreSQL
 * (`sql`). Expected versions are KurrentDB's own optimistic concurrency. The global position is
 * KurrentDB's commit position (see `positionOf`); $all is read through a catch-up subscription
 * filtered server-side to the service's namespace, up to where the server says it has caught up.
 */
export class KurrentDbEventStore extends EventStore {
  readonly readsByStream = false;
  readonly client: EventStoreDBClient;
  private readonly namespace: string;
  private readonly readTimeoutMs: number;
  /** Reads of $all in flight, by the position they read after: consumers woken together share one. */
  private readonly reading = new Map<number, Promise<RecordedEvent[]>>();

  constructor(sql: SqlClient, options: KurrentDbOptions) {
    super(sql);
    if (!isNamespace(options.namespace))
      throw new RangeError('the namespace must be a lower-case identifier');
    this.namespace = options.namespace;
    this.readTimeoutMs = options.readTimeoutMs ?? 60_000;
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  override async close(): Promise<void> {
    await this.client.dispose();
  }

  private name(streamId: string): string {
    return streamName(this.namespace, streamId);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    // As on the SQL store: an append is never part of a read model's transaction.
    assertOutsideTransaction();
    const revision = expectedRevision(options.expectedVersion);
    if (options.guards?.length) await this.checkGuards(options.guards);
    const recordedAt = recordedAtOf(new Date());
    const payload = events.map((e) => ({ ...e, eventId: e.eventId ?? randomUUID() }));
    let appended;
    try {
      appended = await this.client.appendToStream(
        this.name(streamId),
        payload.map((e) =>
          toEventData(e, { tenant: options.tenant, streamType: options.streamType, recordedAt }),
        ),
        { expectedRevision: revision },
      );
    } catch (err) {
      throw toStoreError(err, streamId, options.expectedVersion);
    }
    const version = versionOf(appended.nextExpectedRevision);
    const position = positionOfRecorded(appended.position);
    if (position === undefined)
      throw new Error(`KurrentDB did not report the position of the append to ${streamId}`);
    const first = version - events.length + 1;
    // The append reports the last event's position. The earlier ones of a batch come from reading
    // the stream back, when the server gives positions with stream reads; else they carry the
    // last one's, an upper bound (what answers and read-your-writes use is the last).
    const earlier =
      events.length > 1 ? await this.readStream(streamId, { fromVersion: first }).catch(() => []) : [];
    const recorded: RecordedEvent[] = payload.map((e, i) => ({
      position: i === payload.length - 1 ? position : earlier[i]?.position || position,
      streamId,
      version: first + i,
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion ?? 1,
      data: e.data,
      metadata: e.metadata,
      tenant: options.tenant,
      businessDate: e.metadata.businessDate ?? null,
      recordedAt: recordedAtOf(e.recordedAt ?? recordedAt),
    }));
    this.appended(position, streamId);
    return { version, position, events: recorded };
  }

  /**
   * Checked before the append, in a fixed order. Unlike the SQL store, no lock holds the guarded
   * streams until the append commits: a write to one of them between the check and the append is
   * not seen (see the README, "Event store on KurrentDB").
   */
  private async checkGuards(guards: readonly StreamGuard[]): Promise<void> {
    for (const guard of [...guards].sort((a, b) =>
      a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0,
    )) {
      if (typeof guard.streamId !== 'string' || !Number.isInteger(guard.version) || guard.version < 0) {
        throw new RangeError('a guard needs a streamId and a version');
      }
      const actual = await this.streamVersion(guard.streamId);
      if (actual !== guard.version) throw new StaleContextError(guard.streamId, guard.version, actual);
    }
  }

  async readStream(
    streamId: string,
    options: { fromVersion?: number; maxCount?: number; db?: SqlQueryable } = {},
  ): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(this.name(streamId), {
        direction: FORWARDS,
        fromRevision: readRevision(options.fromVersion ?? 1),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        if (resolved.event) out.push(fromRecorded(this.namespace, resolved.event));
      }
    } catch (err) {
      if (isStreamNotFound(err)) return [];
      throw err;
    }
    return out;
  }

  /** The stream's last event as KurrentDB reads it back, or undefined when there is none. */
  private async lastEvent(streamId: string): Promise<ResolvedEvent['event'] | undefined> {
    try {
      const read = this.client.readStream(this.name(streamId), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      });
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) return resolved.event;
    } catch (err) {
      if (isStreamNotFound(err)) return undefined;
      throw err;
    }
    return undefined;
  }

  /** The position of the stream's last event, when the server gives it with a stream read; else 0. */
  async streamPosition(streamId: string): Promise<number> {
    return positionOfRecorded((await this.lastEvent(streamId))?.position) ?? 0;
  }

  async streamVersion(streamId: string): Promise<number> {
    const last = await this.lastEvent(streamId);
    return last ? versionOf(last.revision) : currentVersion('no_stream');
  }

  /**
   * The events come from KurrentDB whether or not `db` (a transaction on `sql`) is given: the
   * caller's transaction holds the checkpoint and the read model's writes, and no other
   * transaction on `sql` is opened meanwhile.
   */
  async readAll(after: number, limit: number, db?: SqlQueryable): Promise<RecordedEvent[]> {
    if (db) return this.readPage(after, limit);
    let reading = this.reading.get(after);
    if (!reading) {
      reading = this.readPage(after, limit);
      this.reading.set(after, reading);
      void reading.finally(() => this.reading.delete(after)).catch(() => undefined);
    }
    return (await reading).slice(0, limit);
  }

  /**
   * Up to `limit` of the service's events after `after`, through a catch-up subscription to $all
   * filtered server-side on the namespace; it ends when the server says it has caught up with
   * the log's end (a read never waits for events yet to come).
   */
  private readPage(after: number, limit: number): Promise<RecordedEvent[]> {
    return new Promise<RecordedEvent[]>((resolve, reject) => {
      const out: RecordedEvent[] = [];
      let done = false;
      const subscription = this.client.subscribeToAll({
        fromPosition: readPositionAfter(after),
        filter: streamNameFilter({ prefixes: [`${this.namespace}.`] }),
      });
      const timer = setTimeout(
        () => finish(new Error(`KurrentDB did not catch up a read of $all within ${this.readTimeoutMs} ms`)),
        this.readTimeoutMs,
      );
      const finish = (err?: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        subscription.unsubscribe().catch(() => undefined);
        if (err) reject(err);
        else resolve(out);
      };
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        if (done || !resolved.event) return;
        try {
          const event = fromRecorded(this.namespace, resolved.event);
          if (!isAfter(event.position, after, out.at(-1)?.position)) return;
          out.push(event);
          if (out.length >= limit) finish();
        } catch (err) {
          finish(err);
        }
      });
      // Events of the same answer may still be on their way through the stream: let them arrive first.
      subscription.on('caughtUp', () => setImmediate(() => finish()));
      subscription.on('error', (err: Error) => finish(err));
      subscription.on('end', () => finish());
    });
  }

  /**
   * Slow on KurrentDB, which keeps no order by stream over $all: every event up to `upTo` is read
   * (rebuilds do not call it: `readsByStream` is false).
   */
  async readByStream(
    after: { streamId: string; version: number },
    upTo: number,
    limit: number,
  ): Promise<RecordedEvent[]> {
    const picked: RecordedEvent[] = [];
    for (let position = 0; ;) {
      const page = await this.readPage(position, 1000);
      const within = page.filter((e) => e.position <= upTo);
      picked.push(
        ...within.filter(
          (e) => e.streamId > after.streamId || (e.streamId === after.streamId && e.version > after.version),
        ),
      );
      if (within.length < page.length || page.length === 0) break;
      position = page[page.length - 1].position;
    }
    picked.sort((a, b) =>
      a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.version - b.version,
    );
    return picked.slice(0, limit);
  }

  async readEarlier(
    streams: readonly { streamId: string; before: number }[],
    options: { types?: readonly string[] } = {},
  ): Promise<RecordedEvent[]> {
    const read = await Promise.all(streams.map((s) => this.readStream(s.streamId)));
    return streams
      .flatMap((s, i) =>
        read[i].filter((e) => e.version < s.before && (!options.types || options.types.includes(e.type))),
      )
      .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.version - b.version));
  }

  /** Every event after `after` is read in order and the request's are picked here. */
  async readRequest(
    after: number,
    request: { tenant: string; correlationId: string; sub: string },
  ): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (let from = after; ;) {
      const page = await this.readPage(from, 1000);
      if (page.length === 0) return out;
      for (const e of page) {
        if (
          e.tenant === request.tenant &&
          e.metadata.correlationId === request.correlationId &&
          e.metadata.actor.sub === request.sub
        )
          out.push(e);
      }
      from = page[page.length - 1].position;
    }
  }

  /**
   * The position of the service's last event: $all read backwards (this client filters only
   * subscriptions server-side), passing over system events and other namespaces' events.
   */
  async headPosition(): Promise<number> {
    const prefix = `${this.namespace}.`;
    const pageSize = 1000;
    let fromPosition: ReadPosition = END;
    /** Only events below it are new in the next page (a read from a position may include the event at it). */
    let below: number | undefined;
    for (;;) {
      let count = 0;
      let oldest: AllStreamResolvedEvent['event'] | undefined;
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition,
        maxCount: pageSize,
      })) {
        count++;
        const event = resolved.event;
        const position = positionOfRecorded(event?.position);
        if (!event || position === undefined || (below !== undefined && position >= below)) continue;
        if (event.streamId.startsWith(prefix)) return position;
        oldest = event;
      }
      if (count < pageSize || !oldest) return 0;
      below = positionOfRecorded(oldest.position);
      fromPosition = oldest.position;
    }
  }

  /** An append is answered once it is committed, and is then visible to every reader of the leader. */
  lastPosition(): Promise<number> {
    return this.headPosition();
  }
}
