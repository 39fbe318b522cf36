import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { TenantEvent, TenantState } from '@app/case-domain';
import { EventStore, deepFreeze } from '@app/event-store';
import { type ContextReads, readEvent } from './command-runner';
import { tenantDecider, tenantStream } from '@app/case-domain';

const TENANT_PREFIX = tenantStream('');

/** How long a kept configuration is used before the store is asked for what came after it. */
export const TENANT_CONFIG_MAX_AGE_MS = 1000;

interface Kept {
  state: TenantState;
  version: number;
  /** performance.now() when the store last confirmed it. */
  checkedAt: number;
}

/**
 * Each torg's configuration (catalogue, units, settings), folded from its stream and kept in
 * memory: nearly every command needs it, and it changes a few times a year. Writes through this
 * process forget it at once; a change made by another process is seen within
 * TENANT_CONFIG_MAX_AGE_MS by reads, and never missed by a command: the command names the version
 * it decided on (ContextReads), and the append is refused and decided again if it has moved.
 */
@Injectable()
export class TenantConfigs implements OnModuleDestroy {
  private readonly kept = new Map<string, Kept>();
  private readonly loading = new Map<string, { generation: number; kept: Promise<Kept> }>();
  /** Moves on with every write through this process, and with every change found by a command's check: a read begun before it keeps nothing. */
  private generation = 0;
  private readonly unsubscribe: () => void;
  /** Milliseconds on a clock that only moves forward (tests hold it still). */
  monotonicNow: () => number = () => performance.now();

  constructor(private readonly store: EventStore) {
    this.unsubscribe = store.onAppend((_position, streamId) => {
      if (!streamId.startsWith(TENANT_PREFIX)) return;
      this.generation++;
      this.kept.delete(streamId.slice(TENANT_PREFIX.length));
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /** The torg's configuration; with `reads`, the command's append is checked against its version. */
  async get(tenant: string, reads?: ContextReads): Promise<TenantState> {
    const kept = await this.current(tenant);
    reads?.add({
      streamId: tenantStream(tenant),
      version: kept.version,
      moved: async () => {
        const now = await this.store.streamVersion(tenantStream(tenant));
        if (now === kept.version) return false;
        // A read begun before the change is neither shared nor kept.
        this.generation++;
        this.kept.delete(tenant);
        return true;
      },
    });
    return kept.state;
  }

  private async current(tenant: string): Promise<Kept> {
    const kept = this.kept.get(tenant);
    if (kept && this.monotonicNow() - kept.checkedAt < TENANT_CONFIG_MAX_AGE_MS) return kept;
    // Callers arriving together share one read, unless it began before a write through this process.
    const loading = this.loading.get(tenant);
    if (loading && loading.generation === this.generation) return loading.kept;
    const entry = { generation: this.generation, kept: this.read(tenant, kept) };
    this.loading.set(tenant, entry);
    void entry.kept
      .finally(() => {
        if (this.loading.get(tenant) === entry) this.loading.delete(tenant);
      })
      .catch(() => undefined);
    return entry.kept;
  }

  /** Reads what came after `from` (everything when there is nothing kept) and keeps the result. */
  private async read(tenant: string, from: Kept | undefined): Promise<Kept> {
    const { generation } = this;
    const checkedAt = this.monotonicNow();
    const events = await this.store.readStream(tenantStream(tenant), {
      fromVersion: (from?.version ?? 0) + 1,
    });
    let state = from?.state ?? tenantDecider.initialState();
    for (const e of events) state = tenantDecider.evolve(state, readEvent<TenantEvent>(e));
    const result: Kept = {
      state: deepFreeze(state),
      version: events.length ? events[events.length - 1].version : (from?.version ?? 0),
      checkedAt,
    };
    if (generation === this.generation) this.kept.set(tenant, result);
    return result;
  }
}
