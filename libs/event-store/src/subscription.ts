import type { SqlQueryable } from './drivers/sql-client';
import type { EventStore, RecordedEvent } from './event-store';

export interface SubscriptionOptions {
  /** The consumer's name; its checkpoint row is keyed by it. */
  name: string;
  /**
   * Applies one batch inside the transaction that also moves the checkpoint: both commit
   * together or not at all, so a crash never applies an event twice or skips one.
   */
  handle: (events: RecordedEvent[], tx: SqlQueryable) => Promise<void>;
  batchSize?: number;
  /** How long to wait between polls when caught up (an in-process append wakes it earlier). */
  idleMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * A named, checkpointed consumer of all events in global order. Stopping waits for the batch
 * in hand to commit, so a graceful shutdown ends at a batch boundary.
 */
export class CheckpointedSubscription {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private unsubscribe?: () => void;
  private position = 0;
  private readonly waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly options: SubscriptionOptions,
  ) {}

  get name(): string {
    return this.options.name;
  }

  /** The last position this consumer has committed (as far as this process knows). */
  get checkpoint(): number {
    return this.position;
  }

  async loadCheckpoint(): Promise<number> {
    const { rows } = await this.store.sql.query<{ position: number }>(
      'SELECT position FROM es_checkpoints WHERE consumer = $1',
      [this.options.name],
    );
    this.position = rows[0]?.position ?? 0;
    return this.position;
  }

  /**
   * Processes one batch. Returns how many events were applied (0 when caught up, or when another
   * instance moved the checkpoint first — then this one reloads and tries again).
   */
  async processBatch(): Promise<number> {
    const batch = await this.store.readAll(this.position, this.options.batchSize ?? 500);
    if (batch.length === 0) return 0;
    const last = batch[batch.length - 1].position;
    const applied = await this.store.sql.transaction(async (tx) => {
      await tx.query('INSERT INTO es_checkpoints (consumer, position) VALUES ($1, 0) ON CONFLICT DO NOTHING', [
        this.options.name,
      ]);
      const { rows } = await tx.query<{ position: number }>(
        'SELECT position FROM es_checkpoints WHERE consumer = $1 FOR UPDATE',
        [this.options.name],
      );
      if (rows[0].position !== this.position) {
        // Someone else (another process, a rebuild) moved it: start over from theirs.
        this.position = rows[0].position;
        return false;
      }
      await this.options.handle(batch, tx);
      await tx.query('UPDATE es_checkpoints SET position = $2, updated_at = now() WHERE consumer = $1', [
        this.options.name,
        last,
      ]);
      return true;
    });
    if (!applied) return 0;
    this.position = last;
    this.releaseWaiters();
    return batch.length;
  }

  /**
   * Processes every event committed before the call. Readers only see events older than every
   * transaction in flight anywhere in the cluster, so this waits briefly for those to settle
   * instead of stopping at the first empty read.
   */
  async catchUp(): Promise<number> {
    const { rows } = await this.store.sql.query<{ p: number | null }>('SELECT max(position) AS p FROM es_events');
    const target = rows[0]?.p ?? 0;
    let total = 0;
    while (this.position < target) {
      const n = await this.processBatch();
      total += n;
      if (n === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return total;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.loadCheckpoint();
    this.running = true;
    this.unsubscribe = this.store.onAppend(() => this.wake?.());
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let n = 0;
      try {
        n = await this.processBatch();
      } catch (err) {
        this.options.onError?.(err);
      }
      if (n === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.idleMs ?? 200);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  /** Stops after the batch in hand has committed. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  /** Resolves once this consumer has committed `position` (read-your-writes), or after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      this.wake?.();
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          resolve(false);
        }
      }, timeoutMs).unref();
    });
  }

  private releaseWaiters(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= this.position) {
        this.waiters[i].resolve();
        this.waiters.splice(i, 1);
      }
    }
  }
}
