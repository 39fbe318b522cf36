import type { SqlQueryable } from './drivers/sql-client';
import type { EventStore, RecordedEvent } from './event-store';

/** One consumer of a subscription: a name, its own checkpoint row, and what it does with a batch. */
export interface ConsumerOptions {
  /** The consumer's name; its checkpoint row is keyed by it. */
  name: string;
  /**
   * Applies one batch inside the transaction that also moves the checkpoint: both commit
   * together or not at all, so a crash never applies an event twice or skips one.
   */
  handle?: (events: RecordedEvent[], tx: SqlQueryable, store: EventStore) => Promise<void>;
  /**
   * The events `handle` does anything with. A batch with none of them is passed over without a
   * transaction: the position moves on in memory (readers waiting for it are answered), and is
   * stored with the next batch that has some, or once `checkpointEveryMs` have passed since it
   * was last stored (for readers in other processes). After a crash those events are read again,
   * and again change nothing. Default: every event.
   */
  accepts?: (event: RecordedEvent) => boolean;
}

export interface SubscriptionOptions extends ConsumerOptions {
  /**
   * Further consumers that go with this one (read models): each batch is read once, and all of
   * them apply it and move their checkpoints in one transaction, with one statement for the
   * checkpoints, instead of one reader and one transaction each. Each keeps its own checkpoint
   * row, so a rebuild or a reader may still name it. With members, `name` only names the group in
   * logs and has no row of its own; `handle` and `accepts` are the members', and `react` is not
   * allowed (a reactor's work is done outside the transaction, consumer by consumer).
   *
   * A member whose batch fails while the others' succeed alone, or whose checkpoint someone else
   * moved (a rebuild), goes on as a consumer of its own and joins again once it stands where the
   * group does: one broken read model holds up only itself, as it would alone.
   */
  members?: ConsumerOptions[];
  /**
   * A reactor's work on a batch, done before the batch's transaction with no transaction open:
   * commands through the write path, the store's own writes. It must be idempotent: after a
   * crash before the checkpoint commits, the batch is reacted to again.
   */
  react?: (events: RecordedEvent[]) => Promise<void>;
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

/** Where one consumer stands, for readers waiting on their writes and for the health check. */
export interface ConsumerProgress {
  readonly name: string;
  /** The last position it has committed (as far as this process knows). */
  readonly checkpoint: number;
  /** Milliseconds since its checkpoint last moved or it was last caught up (or started). */
  readonly sinceMoved: number;
  /** Resolves true once it has committed `position` (read-your-writes), false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

/** A reader waiting for a position; `member` when it waits for one member of a group. */
interface Waiter {
  position: number;
  member?: string;
  settled: boolean;
  settle(reached: boolean): void;
}

/** Rolls back a checkpoint transaction: some consumer's row was not where this process left it. */
class CheckpointElsewhere extends Error {}

/**
 * A named, checkpointed consumer of all events in global order, or a group of them reading and
 * committing together (`members`). Stopping waits for the batch in hand to commit, so a graceful
 * shutdown ends at a batch boundary.
 */
export class CheckpointedSubscription implements ConsumerProgress {
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
  private waiters: Waiter[] = [];
  /**
   * The consumers whose checkpoints this subscription's batches move, all standing at `stored`:
   * itself, or the members of its group that go with it.
   */
  private joined: ConsumerOptions[];
  /** Members of the group going on alone for now (see `members`), by name. */
  private readonly alone = new Map<string, { consumer: ConsumerOptions; sub: CheckpointedSubscription }>();
  /** Every consumer going with this subscription has its checkpoint row (none has before its first batch). */
  private rowsMade = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: SubscriptionOptions,
  ) {
    const { members } = options;
    if (members) {
      if (options.handle || options.accepts || options.react)
        throw new Error(`consumer group ${options.name}: handle, accepts and react belong to its members`);
      const names = members.map((m) => m.name);
      if (new Set(names).size !== names.length)
        throw new Error(`consumer group ${options.name}: a member named twice`);
    }
    this.joined = members ? [...members] : [options];
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  get name(): string {
    return this.options.name;
  }

  /** The last position this consumer (every member going with the group) has committed, as far as this process knows. */
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

  /** The members of the group going on alone for now (see `members`). */
  get membersAlone(): string[] {
    return [...this.alone.keys()];
  }

  /** Where the consumer `name` stands: this subscription itself, or a member of its group. */
  consumer(name: string): ConsumerProgress | undefined {
    if (!this.options.members) return name === this.options.name ? this : undefined;
    if (!this.options.members.some((m) => m.name === name)) return undefined;
    const current = (): CheckpointedSubscription => this.alone.get(name)?.sub ?? this;
    return {
      name,
      get checkpoint() {
        return current().checkpoint;
      },
      get sinceMoved() {
        return current().sinceMoved;
      },
      waitFor: (position, timeoutMs) => {
        const alone = this.alone.get(name);
        return alone ? alone.sub.waitFor(position, timeoutMs) : this.waitFor(position, timeoutMs, name);
      },
    };
  }

  async loadCheckpoint(): Promise<number> {
    await this.reconcile(false);
    this.storedAt = this.movedAt = this.now();
    return this.position;
  }

  /**
   * Reads the stored checkpoints of the consumers going with this subscription and stands where
   * most of them do; the others go on alone. A consumer has no row before its first batch: with
   * `createMissing`, its row is made at 0.
   */
  private async reconcile(createMissing: boolean): Promise<void> {
    const names = this.joined.map((c) => c.name);
    if (names.length === 0) return;
    if (createMissing) await this.makeRows();
    const { rows } = await this.store.sql.query<{ consumer: string; position: number }>(
      'SELECT consumer, position FROM es_checkpoints WHERE consumer = ANY($1::text[])',
      [names],
    );
    const at = new Map(rows.map((r) => [r.consumer, r.position]));
    this.rowsMade = rows.length === names.length;
    const stands = (name: string) => at.get(name) ?? 0;
    const standing = new Map<number, number>();
    for (const name of names) standing.set(stands(name), (standing.get(stands(name)) ?? 0) + 1);
    // Where most stand; of two as many, the earlier (the others catch up on their own).
    const [position] = [...standing].sort(([p1, n1], [p2, n2]) => n2 - n1 || p1 - p2)[0];
    for (const consumer of this.joined.filter((c) => stands(c.name) !== position)) {
      this.goAlone(consumer, stands(consumer.name));
    }
    // Someone else (another process, a rebuild) may have moved it: go on from theirs. What they
    // committed is in the read model: readers waiting for it here need not wait for this one.
    this.position = this.stored = position;
    this.releaseWaiters();
  }

  /** The checkpoint rows that are missing, at 0: a checkpoint transaction moves every row it names. */
  private async makeRows(): Promise<void> {
    await this.store.sql.query(
      'INSERT INTO es_checkpoints (consumer, position) SELECT unnest($1::text[]), 0 ON CONFLICT DO NOTHING',
      [this.joined.map((c) => c.name)],
    );
    this.rowsMade = true;
  }

  /** A member leaves the group's batches and goes on as a consumer of its own, from `position`. */
  private goAlone(consumer: ConsumerOptions, position: number): void {
    this.joined = this.joined.filter((c) => c !== consumer);
    const { checkpointEveryMs, clock, batchSize, idleMs, gatherMs, onError } = this.options;
    const sub = new CheckpointedSubscription(this.store, {
      checkpointEveryMs,
      clock,
      batchSize,
      idleMs,
      gatherMs,
      onError,
      ...consumer,
    });
    sub.position = sub.stored = position;
    sub.storedAt = sub.movedAt = sub.now();
    this.alone.set(consumer.name, { consumer, sub });
    const theirs = this.waiters.filter((w) => w.member === consumer.name);
    this.waiters = this.waiters.filter((w) => w.member !== consumer.name);
    sub.waiters.push(...theirs);
    sub.releaseWaiters();
    if (this.running) sub.begin();
  }

  /** Members going alone that now stand where the group does join its batches again. */
  private async rejoin(): Promise<void> {
    for (const [name, { consumer, sub }] of this.alone) {
      if (sub.position !== this.position) continue;
      if (this.stored !== this.position && !(await this.commit([], this.position))) return;
      await sub.stop();
      if (sub.position !== this.position || sub.stored !== this.stored) {
        if (this.running) sub.begin();
        continue;
      }
      this.alone.delete(name);
      this.joined.push(consumer);
      for (const w of sub.waiters) w.member = name;
      this.waiters.push(...sub.waiters);
      sub.waiters = [];
      this.releaseWaiters();
    }
  }

  /** The events any consumer going with this subscription does anything with; undefined: all. */
  private wanted(): ((event: RecordedEvent) => boolean) | undefined {
    if (this.joined.some((c) => !c.accepts)) return undefined;
    return (event) => this.joined.some((c) => c.accepts!(event));
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
      if (this.alone.size > 0) await this.rejoin();
      return 0;
    }
    const last = batch[batch.length - 1].position;
    const wanted = this.wanted();
    if (wanted && !batch.some(wanted) && !due()) {
      this.position = last;
      this.movedAt = this.now();
      this.releaseWaiters();
      return batch.length;
    }
    const reacting = this.options.react && (wanted ? batch.filter(wanted) : batch);
    if (reacting && reacting.length > 0) await this.options.react!(reacting);
    return (await this.commit(batch, last)) ? batch.length : 0;
  }

  /**
   * Applies `batch` and moves the checkpoints to `last`, in one transaction; false when someone
   * else had moved one (then this one stands where they left them, or that member goes alone).
   * `firstTry`: when a row was missing after all (deleted), it is made and the batch tried again.
   */
  private async commit(batch: RecordedEvent[], last: number, firstTry = true): Promise<boolean> {
    if (!this.rowsMade) await this.makeRows();
    let everyRowInPlace: boolean;
    try {
      everyRowInPlace = await this.applyAndMove(batch, last, this.joined);
    } catch (err) {
      if (this.joined.length < 2) throw err;
      everyRowInPlace = await this.applyOneByOne(batch, last);
    }
    if (!everyRowInPlace) {
      const before = { stored: this.stored, joined: this.joined.length };
      await this.reconcile(true);
      if (firstTry && this.stored === before.stored && this.joined.length === before.joined) {
        return this.commit(batch, last, false);
      }
      return false;
    }
    if (last > this.position) this.movedAt = this.now();
    this.position = this.stored = last;
    this.storedAt = this.now();
    this.releaseWaiters();
    return true;
  }

  /**
   * One transaction: moves the checkpoints of `consumers` from `stored` to `last` and lets each
   * apply the batch. False, with nothing written, when a row was not at `stored`.
   */
  private async applyAndMove(
    batch: RecordedEvent[],
    last: number,
    consumers: ConsumerOptions[],
  ): Promise<boolean> {
    if (consumers.length === 0) return true;
    try {
      await this.store.sql.transaction(async (tx) => {
        // Moved first, only from where this subscription left them: the update also locks the
        // rows, so the batch is applied under the lock with one statement for every consumer.
        const moved = await tx.query(
          'UPDATE es_checkpoints SET position = $2, updated_at = now() WHERE consumer = ANY($1::text[]) AND position = $3',
          [consumers.map((c) => c.name), last, this.stored],
          { prepare: true },
        );
        if (moved.rowCount !== consumers.length) throw new CheckpointElsewhere();
        if (batch.length === 0) return;
        for (const c of consumers) {
          if (c.handle && (!c.accepts || batch.some(c.accepts))) await c.handle(batch, tx, this.store);
        }
      }, `consumer ${this.options.name}`);
      return true;
    } catch (err) {
      if (err instanceof CheckpointElsewhere) return false;
      throw err;
    }
  }

  /**
   * The group's transaction failed: each member alone, in a transaction of its own. A member
   * that fails alone goes on alone (and retries there, as a consumer of its own would); the
   * others move on. False when a row was not in place.
   */
  private async applyOneByOne(batch: RecordedEvent[], last: number): Promise<boolean> {
    let everyRowInPlace = true;
    for (const consumer of [...this.joined]) {
      try {
        if (!(await this.applyAndMove(batch, last, [consumer]))) everyRowInPlace = false;
      } catch (err) {
        this.options.onError?.(err);
        this.goAlone(consumer, this.stored);
      }
    }
    return everyRowInPlace;
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
    for (const { sub } of this.alone.values()) await sub.catchUp();
    return total;
  }

  /** Stores a position that passed-over batches moved on (see `accepts`). */
  async storePosition(): Promise<void> {
    if (this.position > this.stored) await this.commit([], this.position);
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.loadCheckpoint();
    this.begin();
    for (const { sub } of this.alone.values()) sub.begin();
  }

  /** Starts the loop from the position in hand. */
  private begin(): void {
    if (this.running) return;
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
      else if (gatherMs > 0 && !this.waiters.some((w) => !w.settled)) await this.pause(gatherMs, false);
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

  /**
   * An append its store did not make (another instance of it, on another thread): ends an idle
   * pause as the store's own appends do, the members going alone included.
   */
  appendedElsewhere(): void {
    this.wake?.(true);
    for (const { sub } of this.alone.values()) sub.appendedElsewhere();
  }

  /** Stops after the batch in hand has committed (and the members going alone after theirs). */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.(false);
    await this.loop;
    await Promise.all([...this.alone.values()].map(({ sub }) => sub.stop()));
    await this.storePosition().catch((err: unknown) => this.options.onError?.(err));
  }

  /**
   * Resolves once this consumer has committed `position` (read-your-writes), or false after
   * `timeoutMs`. `member`: the member of the group the reader waits for, should it go alone.
   */
  waitFor(position: number, timeoutMs: number, member?: string): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        member,
        settled: false,
        settle(reached) {
          if (waiter.settled) return;
          waiter.settled = true;
          resolve(reached);
        },
      };
      this.waiters.push(waiter);
      this.wake?.(false);
      setTimeout(() => waiter.settle(false), timeoutMs).unref();
    });
  }

  private releaseWaiters(): void {
    for (const w of this.waiters) if (w.position <= this.position) w.settle(true);
    this.waiters = this.waiters.filter((w) => !w.settled);
  }
}
