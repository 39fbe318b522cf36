import { Inject, Injectable } from '@nestjs/common';
import {
  EventStore,
  type RecordedEvent,
  StaleContextError,
  WrongExpectedVersionError,
} from '@app/event-store';
import { type CommandMeta, type Decider, DomainError, eventSchemaVersion, readEvent } from '@app/case-domain';
import { CLOCK, type Clock, localDate, APP_CONFIG, type AppConfig, notFound } from '@app/runtime';
import { auditRow, entriesOfWrite, entriesWritten, type Principal } from '@app/security';
import { requestIfMatch } from './request-if-match';


export interface LoadedStream<S> {
  state: S;
  version: number;
  events: RecordedEvent[];
}

export interface WriteResult<S> {
  /** The stream's version after the command (unchanged when the command changed nothing). */
  version: number;
  /** The global position of the last event written (for read-your-writes), if any. */
  position?: number;
  events: RecordedEvent[];
  state: S;
}

export interface ExecuteOptions<S, X> {
  streamId: string;
  principal: Principal;
  /** `If-Match`: the version the caller last saw; a stale one is a 409 and nothing is written. */
  expectedVersion?: number;
  /**
   * The command creates the stream: it must not exist yet. Without `expectedVersion`, the
   * request's If-Match is checked against the new stream: anything but "0" is a 409, nothing written.
   */
  create?: boolean;
  /**
   * Builds what the decider needs beyond the stream (catalogue, settings, a meeting…). What it
   * read from memory rather than from the store it names in `reads`, so that the append is
   * refused if that has moved since (and the command decided again on what is current).
   */
  context: (state: S, meta: CommandMeta, reads: ContextReads) => Promise<X>;
  /** What the stream is, for a 404 ("case not found", "meeting not found"). */
  entity?: string;
  /** The caller may act on this stream; otherwise 404, as if it did not exist. */
  visible?: (state: S) => boolean | Promise<boolean>;
  correlationId?: string;
  causationId?: string;
}

/** Without If-Match a lost race is decided again on the fresh state; this many times at most. */
const MAX_ATTEMPTS = 5;

/** A stream a decision's context was read from, and the version it was read at. */
export interface ContextRead {
  streamId: string;
  version: number;
  /** Asks the store whether the stream has moved since; when it has, forgets what was kept of it. */
  moved: () => Promise<boolean>;
}

/** The streams a command's context was read from without the store being asked (kept in memory). */
export class ContextReads {
  readonly list: ContextRead[] = [];

  add(read: ContextRead): void {
    this.list.push(read);
  }

  /** True when any of them has moved (those are forgotten, so the next read is current). */
  async anyMoved(): Promise<boolean> {
    const moved = await Promise.all(this.list.map((r) => r.moved()));
    return moved.some(Boolean);
  }
}

/**
 * The one write path: load the stream, fold it, decide, append with the expected version. Every
 * command of every stream kind goes through `execute`.
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  meta(principal: Principal): CommandMeta {
    const now = this.clock.now();
    return {
      tenant: principal.tenant,
      actor: {
        sub: principal.sub,
        roles: principal.roles,
        ...(principal.party ? { party: principal.party } : {}),
      },
      now: now.toISOString(),
      today: localDate(now, this.config.timeZone),
    };
  }

  /** The stream folded, or undefined when it does not exist in the caller's tenant. */
  async load<C, S, E extends { type: string; data: unknown }, X>(
    decider: Decider<C, S, E, X>,
    streamId: string,
    tenant: string,
  ): Promise<LoadedStream<S> | undefined> {
    const events = await this.store.readStream(streamId);
    if (events.length === 0 || events[0].tenant !== tenant) return undefined;
    let state = decider.initialState();
    for (const e of events) state = decider.evolve(state, readEvent<E>(e));
    return { state, version: events[events.length - 1].version, events };
  }

  /**
   * A stream the decision reads besides its own (another case, a meeting), loaded and named in
   * `reads` at the version loaded: the append is refused if it moves before the decision is written.
   */
  async loadRead<C, S, E extends { type: string; data: unknown }, X>(
    decider: Decider<C, S, E, X>,
    streamId: string,
    tenant: string,
    reads: ContextReads,
  ): Promise<LoadedStream<S> | undefined> {
    const loaded = await this.load(decider, streamId, tenant);
    if (loaded) {
      const { version } = loaded;
      reads.add({
        streamId,
        version,
        moved: async () => (await this.store.streamVersion(streamId)) !== version,
      });
    }
    return loaded;
  }

  /**
   * Decides `command` on the stream and appends the result. `command` may be built from the
   * loaded state (to seal personal data with the key of the case's person).
   */
  async execute<C, S, E extends { type: string; data: unknown }, X>(
    decider: Decider<C, S, E, X>,
    command: C | ((state: S, ctx: X, meta: CommandMeta) => Promise<C>),
    options: ExecuteOptions<S, X>,
  ): Promise<WriteResult<S>> {
    const { principal } = options;
    // A route that creates its stream passes no If-Match: the request's own is held against version 0.
    const expectedVersion = options.expectedVersion ?? (options.create ? requestIfMatch() : undefined);
    for (let attempt = 1; ; attempt++) {
      const meta = this.meta(principal);
      const loaded = options.create
        ? { state: decider.initialState(), version: 0, events: [] }
        : await this.load(decider, options.streamId, principal.tenant);
      if (!loaded || (options.visible && !(await options.visible(loaded.state))))
        throw notFound(options.entity ?? decider.streamType);
      if (expectedVersion !== undefined && expectedVersion !== loaded.version) {
        throw new WrongExpectedVersionError(options.streamId, expectedVersion, loaded.version);
      }
      const reads = new ContextReads();
      let decided: E[];
      try {
        const ctx = await options.context(loaded.state, meta, reads);
        const built =
          typeof command === 'function'
            ? await (command as (state: S, ctx: X, meta: CommandMeta) => Promise<C>)(loaded.state, ctx, meta)
            : command;
        decided = decider.decide(built, loaded.state, ctx, meta);
      } catch (err) {
        // A refusal may come from configuration kept in memory that another process has changed.
        if (err instanceof DomainError && attempt < MAX_ATTEMPTS && (await reads.anyMoved())) continue;
        throw err;
      }
      if (decided.length === 0) {
        // Nothing to append, so nothing checks what the decision read: ask before answering "nothing to do".
        if (attempt < MAX_ATTEMPTS && reads.list.length > 0 && (await reads.anyMoved())) continue;
        return { version: loaded.version, events: [], state: loaded.state };
      }
      // The request's audit entry goes with its events, in the same transaction, where the store can.
      const audit = entriesOfWrite();
      try {
        const result = await this.store.append(
          options.streamId,
          decided.map((e) => ({
            type: e.type,
            schemaVersion: eventSchemaVersion(e.type),
            data: e.data,
            metadata: {
              tenant: principal.tenant,
              actor: meta.actor,
              correlationId: options.correlationId ?? 'none',
              ...(options.causationId ? { causationId: options.causationId } : {}),
              ...(businessDateOf(e.data) ? { businessDate: businessDateOf(e.data) } : {}),
            },
            recordedAt: meta.now,
          })),
          {
            expectedVersion: loaded.version === 0 ? 'no_stream' : loaded.version,
            tenant: principal.tenant,
            streamType: decider.streamType,
            guards: reads.list.map((r) => ({ streamId: r.streamId, version: r.version })),
            ...(audit ? { audit: audit.map(auditRow) } : {}),
          },
        );
        if (audit && result.auditWritten) entriesWritten(audit);
        const state = decided.reduce((s, e) => decider.evolve(s, e), loaded.state);
        return { version: result.version, position: result.position, events: result.events, state };
      } catch (err) {
        if (err instanceof StaleContextError && attempt < MAX_ATTEMPTS) {
          await reads.anyMoved();
          continue;
        }
        // Two appends each guarding the other's stream (the retention of two cases of one person).
        if (isDeadlock(err) && attempt < MAX_ATTEMPTS) continue;
        const retry =
          err instanceof WrongExpectedVersionError &&
          options.expectedVersion === undefined &&
          !options.create;
        if (!retry || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }
}

/** What every write route answers: the stream's id, its new version and the global position. */
export function writeResponse(id: string, result: { version: number; position?: number }) {
  return {
    id,
    version: result.version,
    ...(result.position !== undefined ? { position: result.position } : {}),
  };
}

// The domain's one reader of stored events, still offered here to the write path's users.
export { readEvent };

function isDeadlock(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '40P01';
}

function businessDateOf(data: unknown): string | undefined {
  const d = (data as { occurredOn?: unknown } | null)?.occurredOn;
  return typeof d === 'string' ? d : undefined;
}
