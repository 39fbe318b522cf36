import type { SqlQueryable } from '@app/event-store';
import { type StatisticsVersion, atLeast, statisticsVersion } from './changes.query';

// Statistics answers kept between requests. An answer (a route's figures for one torg, period,
// comparison period, role and today) depends only on the torg's rows in the statistics read models,
// so it is kept with the version of those rows it was computed at (statisticsVersion) and served
// again while they have not changed: the same figures, cell for cell, without counting and masking
// them again. When they change, the answers asked for lately are computed again in the background,
// one at a time, so the manager who opens the dashboard next finds them ready; any other is
// computed on request, as before. Answers hold aggregate figures only, masked for the role they were
// asked by; never personal data.

/** How long an answer nobody asks for again is kept and refreshed: a working day. */
export const KEEP_UNASKED_MS = 8 * 60 * 60 * 1000;

/**
 * At most this many answers are kept, and at most this much of them (in characters of their JSON,
 * or bytes of a workbook): a torg's grouped answer runs to a few hundred kilobytes, and the API
 * runs in a small heap. The one asked for longest ago goes first.
 */
export const MOST_KEPT = 256;
export const MOST_KEPT_SIZE = 16 * 1024 * 1024;

/**
 * The background refresh takes at most this share of one core: after computing an answer it rests
 * nine times as long as that took, so a torg written to all day does not have its grouped answers
 * (up to a second each) computed back to back on a machine it shares with its database.
 */
export const REFRESH_SHARE = 0.1;

interface Kept {
  tenant: string;
  version: StatisticsVersion;
  value: Promise<unknown>;
  compute: () => Promise<unknown>;
  askedAt: number;
  /** Known once computed. */
  size?: number;
}

/** An answer's size: characters of its JSON, of a page, or bytes of a workbook. */
function sizeOf(value: unknown): number {
  if (Buffer.isBuffer(value)) return value.byteLength;
  if (typeof value === 'string') return value.length;
  return JSON.stringify(value)?.length ?? 0;
}

export class StatisticsAnswers {
  /** In the order last asked for (a Map keeps insertion order): the first is the one to drop. */
  private readonly kept = new Map<string, Kept>();
  private refreshing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly sql: SqlQueryable,
    private readonly options: {
      onRefreshFailed?: (error: unknown) => void;
      now?: () => number;
      /** How the refresh rests between computations (a test records it instead). */
      rest?: (ms: number) => Promise<void>;
    } = {},
  ) {}

  /**
   * The answer `key` of `tenant`: the kept one while the torg's statistics stand where (or beyond
   * where) they stood when it was computed, else `compute()`, kept for the next request. Requests for
   * the same answer at the same version share one computation. A failed computation is not kept.
   */
  async answer<T>(tenant: string, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await statisticsVersion(this.sql, tenant);
    const id = this.id(tenant, key);
    const kept = this.kept.get(id);
    if (kept !== undefined && atLeast(kept.version, version)) {
      // The same entry (a computation still running settles it) moves to the end: asked for last.
      kept.askedAt = this.now();
      this.kept.delete(id);
      this.kept.set(id, kept);
      return kept.value as Promise<T>;
    }
    return this.keep(id, { tenant, version, compute, askedAt: this.now() }) as Promise<T>;
  }

  /** How many answers are kept. */
  get size(): number {
    return this.kept.size;
  }

  /** Checks every `everyMs` whether a torg's statistics changed, and computes its answers again. */
  start(everyMs: number): void {
    if (this.timer !== undefined || everyMs <= 0) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.refresh(), everyMs);
    this.timer.unref();
  }

  /** Stops the checks and waits for a computation in progress (it reads the database). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.wake?.();
    await this.refreshing;
  }

  /**
   * One check: answers nobody asked for within KEEP_UNASKED_MS are dropped; the others whose torg's
   * statistics moved on are computed again, one after another. A request arriving meanwhile for one
   * of them shares its computation. Returns once done (a check already running is not started twice).
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.refreshAll().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshAll(): Promise<void> {
    const since = this.now() - KEEP_UNASKED_MS;
    const tenants = new Set<string>();
    for (const [id, kept] of this.kept) {
      if (kept.askedAt < since) this.kept.delete(id);
      else tenants.add(kept.tenant);
    }
    for (const tenant of tenants) {
      if (this.stopped) return;
      const version = await statisticsVersion(this.sql, tenant);
      const stale = [...this.kept].filter(([, k]) => k.tenant === tenant && !atLeast(k.version, version));
      for (const [id, kept] of stale) {
        if (this.stopped) return;
        // Keeps its place and when it was last asked for: a refresh is not a request.
        if (this.kept.get(id) !== kept) continue;
        const started = performance.now();
        const value = this.keep(id, { ...kept, version }, false);
        await value.catch((error: unknown) => this.options.onRefreshFailed?.(error));
        if (this.stopped) return;
        await this.rest((performance.now() - started) * (1 / REFRESH_SHARE - 1));
      }
    }
  }

  private rest(ms: number): Promise<void> {
    if (this.options.rest) return this.options.rest(ms);
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private keep(id: string, entry: Omit<Kept, 'value'>, asked = true): Promise<unknown> {
    const value = entry.compute();
    const kept: Kept = { ...entry, value };
    if (asked) this.kept.delete(id);
    this.kept.set(id, kept);
    value.then(
      (answer) => {
        if (this.kept.get(id) !== kept) return;
        kept.size = sizeOf(answer);
        this.trim();
      },
      () => {
        if (this.kept.get(id) === kept) this.kept.delete(id);
      },
    );
    this.trim();
    return value;
  }

  /** Drops the answers asked for longest ago while more are kept than MOST_KEPT and MOST_KEPT_SIZE allow. */
  private trim(): void {
    let size = 0;
    for (const kept of this.kept.values()) size += kept.size ?? 0;
    for (const [id, kept] of this.kept) {
      if (this.kept.size <= MOST_KEPT && size <= MOST_KEPT_SIZE) return;
      this.kept.delete(id);
      size -= kept.size ?? 0;
    }
  }

  private id(tenant: string, key: string): string {
    return `${tenant}\u0000${key}`;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
