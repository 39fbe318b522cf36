import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { HttpReply } from './http';
import { type Observable, from, lastValueFrom, of } from 'rxjs';
import { EventStore, type SqlClient } from '@app/event-store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { APP_CONFIG, type AppConfig, SQL_CLIENT, AppError, validationError } from '@app/runtime';
import { conflict } from '@app/case-domain';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** A key is kept this long; after it, a request with the same key is a new request. */
const KEY_TTL_HOURS = 24;
/** How often a process deletes expired keys, and at most how many at a time (the next sweep takes the rest). */
const SWEEP_EVERY_MS = 10 * 60_000;
const SWEEP_BATCH = 1000;
/** Claiming a key races with its release or take-over by another request; past this many rounds, "in progress". */
const CLAIM_ROUNDS = 3;

/**
 * The events that bring a new entity into a stream, and the field that names it: the route that
 * wrote one answers with that id (`POST …/sips` → `sipId`). New streams are named by `id` itself.
 */
const CREATED_IDS: Readonly<Record<string, string>> = { SipRequested: 'sipId', InsatsStarted: 'insatsId' };

/** What the request is, for "the same key with the same request": method, path and query, body. */
export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

interface Claim {
  tenant: string;
  caller: string;
  key: string;
  hash: string;
  /** The request id (X-Request-Id), which the request's events carry as `metadata.correlationId`. */
  requestId: string | null;
}

interface StoredKey {
  request_hash: string;
  status_code: number | null;
  response: unknown;
  request_id: string | null;
  after_position: number | null;
  claimed_at: string;
  stale: boolean;
  expired: boolean;
}

export interface RequestEvent {
  stream_id: string;
  version: number;
  position: number;
  type: string;
  data: unknown;
}

/**
 * `Idempotency-Key` on POST and PUT: the first answer is stored with a hash of the request; a
 * retry with the same key and request gets that answer again and writes nothing; the same key
 * with another request is refused. A key whose first request failed may be used again.
 *
 * A key is claimed before its request runs. A claim that never got its answer (the process was
 * killed) is resolved by a retry once it is older than twice the request time limit
 * (2 × REQUEST_TIMEOUT_MS, 60 s by default; no request runs that long): if the request's events
 * exist it committed, and the retry gets the answer rebuilt from them (`{ id, version, position }`
 * and the ids it created, Idempotent-Replayed: true), which is then kept as the key's answer; if
 * none exist the retry runs as a new request. Keys are forgotten 24 hours after their claim
 * (expired rows are swept in batches); a retry after that is a new request.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private lastSweep = 0;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: EventStore,
  ) {}

  /** A claim older than this without an answer is no longer running: its request lived at most the time limit. */
  private get staleAfterMs(): number {
    return 2 * this.config.requestTimeoutMs;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: unknown }>();
    const res = context.switchToHttp().getResponse<HttpReply>();
    const key = req.headers['idempotency-key'];
    if (key === undefined || !['POST', 'PUT'].includes(req.method) || !req.principal) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw validationError([
        { field: 'Idempotency-Key', message: 'must be 1–200 visible ASCII characters' },
      ]);
    }
    this.sweepExpired();
    const claim: Claim = {
      tenant: req.principal.tenant,
      caller: req.principal.sub,
      key,
      hash: requestHash(req.method, req.originalUrl, req.body),
      requestId: req.id !== undefined ? String(req.id) : null,
    };
    // The route's status, set before the handler runs; a 503 for a request cut short is not its answer.
    const status = res.statusCode;
    for (let round = 1; round <= CLAIM_ROUNDS; round++) {
      if (await this.claim(claim)) return this.run(claim, status, next);
      const stored = await this.stored(claim);
      if (!stored) continue; // released in between: claim again
      if (stored.expired) {
        if (await this.takeOver(claim, stored)) return this.run(claim, status, next);
        continue;
      }
      if (stored.request_hash !== claim.hash) {
        throw new AppError(
          'rule',
          'idempotency-key-reused',
          'this Idempotency-Key was used for another request',
        );
      }
      if (stored.status_code !== null) return replay(res, stored.status_code, stored.response);
      if (!stored.stale) break;
      const outcome = await this.resolve(claim, stored, pathIds(req.params));
      if (outcome === 'running') break;
      if (outcome === 'nothing-written') {
        if (await this.takeOver(claim, stored)) return this.run(claim, status, next);
        continue;
      }
      await this.sql.query(
        `UPDATE idempotency_keys SET status_code = $4, response = $5::jsonb
          WHERE tenant = $1 AND caller = $2 AND key = $3 AND status_code IS NULL`,
        [claim.tenant, claim.caller, claim.key, status, JSON.stringify(outcome.answer)],
      );
      return replay(res, status, outcome.answer);
    }
    throw conflict('request-in-progress', 'a request with this Idempotency-Key is in progress');
  }

  /**
   * Runs the request and stores its answer, or releases the key when it fails. It is seen through
   * even when the client is answered before it ends (503 at the time limit): the answer it comes
   * to is still stored, so a retry gets it.
   */
  private run(claim: Claim, status: number, next: CallHandler): Observable<unknown> {
    const mine =
      'tenant = $1 AND caller = $2 AND key = $3 AND status_code IS NULL AND request_id IS NOT DISTINCT FROM $4';
    const ids = [claim.tenant, claim.caller, claim.key, claim.requestId];
    const outcome = lastValueFrom(next.handle(), { defaultValue: undefined }).then(
      async (body) => {
        await this.sql.query(
          `UPDATE idempotency_keys SET status_code = $5, response = $6::jsonb WHERE ${mine}`,
          [...ids, status, JSON.stringify(body ?? null)],
        );
        return body;
      },
      async (err: unknown) => {
        await this.sql.query(`DELETE FROM idempotency_keys WHERE ${mine}`, ids);
        throw err;
      },
    );
    // Nobody may be listening any more (the client was answered at the time limit).
    outcome.catch(() => undefined);
    return from(outcome);
  }

  /** Claims the key with the last event position before the request, so its events are found after it. */
  private async claim(c: Claim): Promise<boolean> {
    const claimed = await this.sql.query(
      `INSERT INTO idempotency_keys (tenant, caller, key, request_hash, request_id, after_position)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [c.tenant, c.caller, c.key, c.hash, c.requestId, await this.store.lastPosition()],
    );
    return claimed.rowCount === 1;
  }

  private async stored(c: Claim): Promise<StoredKey | undefined> {
    const { rows } = await this.sql.query<StoredKey>(
      `SELECT request_hash, status_code, response, request_id, after_position, created_at::text AS claimed_at,
              created_at < now() - make_interval(secs => $4::double precision / 1000) AS stale,
              created_at < now() - make_interval(hours => $5) AS expired
         FROM idempotency_keys WHERE tenant = $1 AND caller = $2 AND key = $3`,
      [c.tenant, c.caller, c.key, this.staleAfterMs, KEY_TTL_HOURS],
    );
    return rows[0];
  }

  /** Makes a stale or expired claim this request's; false when another request changed it first. */
  private async takeOver(c: Claim, stored: StoredKey): Promise<boolean> {
    const taken = await this.sql.query(
      `UPDATE idempotency_keys
          SET request_hash = $4, request_id = $5, status_code = NULL, response = NULL, created_at = now(),
              after_position = $7
        WHERE tenant = $1 AND caller = $2 AND key = $3 AND created_at::text = $6`,
      [c.tenant, c.caller, c.key, c.hash, c.requestId, stored.claimed_at, await this.store.lastPosition()],
    );
    return taken.rowCount === 1;
  }

  /**
   * What became of a request that never stored its answer: its events (found by its request id,
   * its caller and their position after the claim) give the answer it would have had; without
   * them it wrote nothing, unless an append it sent may still commit.
   */
  private async resolve(
    c: Claim,
    stored: StoredKey,
    ids: string[],
  ): Promise<'running' | 'nothing-written' | { answer: Record<string, unknown> }> {
    // Claimed before the request id was kept with the key: kept in progress until it expires.
    if (stored.request_id === null || stored.after_position === null) return 'running';
    // Asked first: an append that finishes after the events were looked at would otherwise be missed.
    if (await this.appendStillRunning(stored.claimed_at)) return 'running';
    const rows = await this.requestEvents(stored.after_position, c.tenant, stored.request_id, c.caller);
    return rows.length > 0 ? { answer: answerFromEvents(rows, ids) } : 'nothing-written';
  }

  /** The events the request appended after `after`: by its request id, tenant and caller. */
  private async requestEvents(
    after: number,
    tenant: string,
    requestId: string,
    caller: string,
  ): Promise<RequestEvent[]> {
    const events = await this.store.readRequest(after, { tenant, correlationId: requestId, sub: caller });
    return events.map((e) => ({
      stream_id: e.streamId,
      version: e.version,
      position: e.position,
      type: e.type,
      data: e.data,
    }));
  }

  /**
   * A killed process's last append can outlive it on the PostgreSQL server: a statement waiting for
   * a stream's lock runs on, and commits, once the lock is free. One that started after the claim
   * and has run longer than any request may is such a statement. (PGlite runs inside the process
   * and ends with it.)
   */
  private async appendStillRunning(claimedAt: string): Promise<boolean> {
    if (this.sql.kind === 'pglite') return false;
    const { rows } = await this.sql.query<{ running: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND datname = current_database() AND state = 'active'
            AND (query LIKE '%es_append(%' OR query LIKE '%es_append_many(%') AND query_start >= $1::timestamptz
            AND query_start < now() - make_interval(secs => $2::double precision / 1000)
       ) AS running`,
      [claimedAt, this.config.requestTimeoutMs],
    );
    return rows[0]?.running ?? false;
  }

  /** Deletes expired keys now and then, a bounded batch at a time, without holding up the request. */
  private sweepExpired(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.sql
      .query(
        `DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(
           SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT $2))`,
        [KEY_TTL_HOURS, SWEEP_BATCH],
      )
      // A sweep that fails is tried again at the next one; an expired key is never replayed meanwhile.
      .catch(() => undefined);
  }
}

function replay(res: HttpReply, status: number, body: unknown): Observable<unknown> {
  res.status(status);
  res.header('Idempotent-Replayed', 'true');
  return of(body);
}

/** The ids in the request's path, `:id` first: the stream the route answers for is among them. */
function pathIds(params: Record<string, unknown> | undefined): string[] {
  const { id, ...rest } = params ?? {};
  return [id, ...Object.values(rest)]
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.toLowerCase());
}

/**
 * The answer of a write rebuilt from the events it appended: the stream named in its path (or
 * else the first it wrote) as `{ id, version, position }`, and the ids of the entities it created.
 */
export function answerFromEvents(events: RequestEvent[], ids: string[]): Record<string, unknown> {
  const named = ids.map((id) => events.find((e) => e.stream_id.endsWith(`-${id}`))?.stream_id).find(Boolean);
  const stream = named ?? events[0].stream_id;
  const answer: Record<string, unknown> = {
    id: stream.slice(stream.indexOf('-') + 1),
    version: Math.max(...events.filter((e) => e.stream_id === stream).map((e) => Number(e.version))),
    position: Math.max(...events.map((e) => Number(e.position))),
  };
  for (const e of events) {
    const field = CREATED_IDS[e.type];
    const value = field ? (e.data as Record<string, unknown> | null)?.[field] : undefined;
    if (field && typeof value === 'string') answer[field] = value;
  }
  return answer;
}
