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

/** At most this many answers are kept; the one asked for longest ago goes first. */
export const MOST_KEPT = 256;

interface Kept {
  tenant: string;
  version: StatisticsVersion;
  value: Promise<unknown>;
  compute: () => Promise<unknown>;
  askedAt: number;
}

export class StatisticsAnswers {
  /** In the order last asked for (a Map keeps insertion order): the first is the one to drop. */
  private readonly kept = new Map<string, Kept>();
  private refreshing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly sql: SqlQueryable,
    private readonly options: { onRefreshFailed?: (error: unknown) => void; now?: () => number } = {},
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
      this.kept.delete(id);
      this.kept.set(id, { ...kept, askedAt: this.now() });
      return kept.value as Promise<T>;
    }
    return this.keep(id, { tenant, version, compute, askedAt: this.now() }) as Promise<T>;
  }

  /** How many answers are kept (for tests and the bench). */
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
        const value = this.keep(id, { ...kept, version }, false);
        await value.catch((error: unknown) => this.options.onRefreshFailed?.(error));
      }
    }
  }

  private keep(id: string, entry: Omit<Kept, 'value'>, asked = true): Promise<unknown> {
    const value = entry.compute();
    const kept: Kept = { ...entry, value };
    if (asked) this.kept.delete(id);
    this.kept.set(id, kept);
    value.catch(() => {
      if (this.kept.get(id) === kept) this.kept.delete(id);
    });
    while (this.kept.size > MOST_KEPT) this.kept.delete(this.kept.keys().next().value!);
    return value;
  }

  private id(tenant: string, key: string): string {
    return `${tenant}\u0000${key}`;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
