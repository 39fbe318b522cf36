import type { SqlQueryable } from './drivers/sql-client';
import type { EventStore, RecordedEvent } from './event-store';

export interface SubscriptionOptions {
  /** The consumer's name; its checkpoint row is keyed by it. */
  name: string;
  /**
   * Applies one batch inside the transaction that also moves the checkpoint: both commit
   * together or not at all, so a crash never applies an event twice or skips one.
   */
  handle?: (events: RecordedEvent[], tx: SqlQueryable, store: EventStore) => Promise<void>;
  /**
   * A reactor's work on a batch, done before the batch's transaction with no transaction open:
   * commands through the write path, the store's own writes. It must be idempotent: after a
   * crash before the checkpoint commits, the batch is reacted to again.
   */
  react?: (events: RecordedEvent[]) => Promise<void>;
  /**
   * The events `handle` does anything with. A batch with none of them is passed over without a
   * transaction: the position moves on in memory (readers waiting for it are answered), and is
   * stored with the next batch that has some, or once `checkpointEveryMs` have passed since it
   * was last stored (for readers in other processes). After a crash those events are read again,
   * and again change nothing. Default: every event.
   */
  accepts?: (event: RecordedEvent) => boolean;
  /** Default 1000. */
  checkpointEveryMs?: number;
  /** Milliseconds now (tests); default Date.now. */
  clock?: () => number;
  batchSize?: number;
  /** How long to wait between polls when caught up (an in-process append wakes it earlier). */
  idleMs?: number;
  /**
   * After a batch smaller than `batchSize`, how long to let new events gather before the next
   * read, so that under load one transaction takes many appends rather than one each. A reader
   * waiting for its own write (`waitFor`) cuts the pause short. Default 20 ms; 0 reads at once.
   */
  gatherMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * A named, checkpointed consumer of all events in global order. Stopping waits for the batch
 * in hand to commit, so a graceful shutdown ends at a batch boundary.
 */
export class CheckpointedSubscription {
  private running = false;
  private loop?: Promise<void>;
  /** Ends the current pause: a reader waits for a position (any pause), or an append (idle pause). */
  private wake?: (byAppend: boolean) => void;
  private unsubscribe?: () => void;
  private position = 0;
  /** The checkpoint as this consumer last stored or read it (behind `position` after passed-over batches). */
  private stored = 0;
  private storedAt = 0;
  /**
   * When `position` last moved on, or the consumer last found nothing to do (or started): how long
   * events have waited for it, if they do. A consumer idle for an hour is not stuck when the next
   * event arrives.
   */
  private movedAt = 0;
  private readonly waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly options: SubscriptionOptions,
  ) {}

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  get name(): string {
    return this.options.name;
  }

  /** The last position this consumer has committed (as far as this process knows). */
  get checkpoint(): number {
    return this.position;
  }

  /**
   * Milliseconds since the checkpoint last moved or the consumer was last caught up (or started),
   * by the consumer's clock.
   */
  get sinceMoved(): number {
    return this.now() - this.movedAt;
  }

  async loadCheckpoint(): Promise<number> {
    const { rows } = await this.store.sql.query<{ position: number }>(
      'SELECT position FROM es_checkpoints WHERE consumer = $1',
      [this.options.name],
    );
    this.position = rows[0]?.position ?? 0;
    this.stored = this.position;
    this.storedAt = this.movedAt = this.now();
    return this.position;
  }

  /**
   * Processes one batch. Returns how many events were applied (0 when caught up, or when another
   * instance moved the checkpoint first — then this one reloads and tries again).
   */
  async processBatch(): Promise<number> {
    const batch = await this.store.readAll(this.position, this.options.batchSize ?? 500);
    const due = () => this.now() - this.storedAt >= (this.options.checkpointEveryMs ?? 1000);
    if (batch.length === 0) {
      this.movedAt = this.now();
      // Caught up: store a position that passed-over batches moved on, for readers in other processes.
      if (this.position > this.stored && due()) await this.commit([], this.position);
      return 0;
    }
    const last = batch[batch.length - 1].position;
    const { accepts } = this.options;
    if (accepts && !batch.some(accepts) && !due()) {
      this.position = last;
      this.movedAt = this.now();
      this.releaseWaiters();
      return batch.length;
    }
    const reacting = this.options.react && (accepts ? batch.filter(accepts) : batch);
    if (reacting && reacting.length > 0) await this.options.react!(reacting);
    return (await this.commit(batch, last)) ? batch.length : 0;
  }

  /** Applies `batch` and moves the checkpoint to `last`, in one transaction; false when someone else had moved it. */
  private async commit(batch: RecordedEvent[], last: number): Promise<boolean> {
    const applied = await this.store.sql.transaction(async (tx) => {
      // Moved first, only from where this consumer left it: the update also locks the row, so the
      // batch is applied under the lock with one statement fewer than locking, then moving.
      const moved = await tx.query(
        'UPDATE es_checkpoints SET position = $2, updated_at = now() WHERE consumer = $1 AND position = $3',
        [this.options.name, last, this.stored],
        { prepare: true },
      );
      if (moved.rowCount === 0) {
        const lock = () =>
          tx.query<{ position: number }>(
            'SELECT position FROM es_checkpoints WHERE consumer = $1 FOR UPDATE',
            [this.options.name],
          );
        let { rows } = await lock();
        if (rows.length === 0) {
          // The consumer's first batch ever: its row, then the lock on it.
          await tx.query(
            'INSERT INTO es_checkpoints (consumer, position) VALUES ($1, 0) ON CONFLICT DO NOTHING',
            [this.options.name],
          );
          ({ rows } = await lock());
        }
        if (rows[0].position !== this.stored) {
          // Someone else (another process, a rebuild) moved it: start over from theirs. What they
          // committed is in the read model: readers waiting for it here need not wait for this one.
          this.position = this.stored = rows[0].position;
          this.releaseWaiters();
          return false;
        }
        await tx.query('UPDATE es_checkpoints SET position = $2, updated_at = now() WHERE consumer = $1', [
          this.options.name,
          last,
        ]);
      }
      if (batch.length > 0 && this.options.handle) await this.options.handle(batch, tx, this.store);
      return true;
    }, `consumer ${this.options.name}`);
    if (!applied) return false;
    if (last > this.position) this.movedAt = this.now();
    this.position = this.stored = last;
    this.storedAt = this.now();
    this.releaseWaiters();
    return true;
  }

  /**
   * Processes every event committed before the call. Readers only see events older than every
   * transaction in flight anywhere in the cluster, so this waits briefly for those to settle
   * instead of stopping at the first empty read.
   */
  async catchUp(): Promise<number> {
    const target = await this.store.lastPosition();
    let total = 0;
    while (this.position < target) {
      const n = await this.processBatch();
      total += n;
      if (n === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.storePosition();
    return total;
  }

  /** Stores a position that passed-over batches moved on (see `accepts`). */
  async storePosition(): Promise<void> {
    if (this.position > this.stored) await this.commit([], this.position);
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.loadCheckpoint();
    this.running = true;
    this.unsubscribe = this.store.onAppend(() => this.wake?.(true));
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const gatherMs = this.options.gatherMs ?? 20;
    while (this.running) {
      let n = 0;
      try {
        n = await this.processBatch();
      } catch (err) {
        this.options.onError?.(err);
      }
      if (!this.running || n >= batchSize) continue;
      if (n === 0) await this.pause(this.options.idleMs ?? 200, true);
      else if (gatherMs > 0 && this.waiters.length === 0) await this.pause(gatherMs, false);
    }
  }

  /** Waits `ms`; a reader waiting for a position ends it, and so does an append when `appendWakes`. */
  private async pause(ms: number, appendWakes: boolean): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = (byAppend) => {
        if (byAppend && !appendWakes) return;
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }

  /** Stops after the batch in hand has committed. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.(false);
    await this.loop;
    await this.storePosition().catch((err: unknown) => this.options.onError?.(err));
  }

  /** Resolves once this consumer has committed `position` (read-your-writes), or after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      this.wake?.(false);
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
