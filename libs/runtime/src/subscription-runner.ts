import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  CheckpointedSubscription,
  EventStore,
  type ConsumerProgress,
  type SubscriptionOptions,
} from '@app/event-store';

export const RUN_BACKGROUND = Symbol('RUN_BACKGROUND');

/**
 * Consumers the runner starts and stops: a subscription of this thread, or one whose batches are
 * applied elsewhere in the process (the read models' thread) and whose progress is known here.
 */
export interface RunnableConsumers {
  start(): Promise<void>;
  stop(): Promise<void>;
  consumer(name: string): ConsumerProgress | undefined;
}

/**
 * Runs the checkpointed consumers (projections, reactors) of this process. In the API they run
 * only when the configuration keeps them here; apps/worker always runs them. Shutdown waits for
 * each consumer's batch in hand. A group of consumers (the read models) is registered at once and
 * each of its members is still found by its own name.
 */
@Injectable()
export class SubscriptionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SubscriptionRunner');
  private readonly subscriptions: RunnableConsumers[] = [];
  /** Every consumer by its name, members of groups included. */
  private readonly consumers = new Map<string, ConsumerProgress>();
  private started = false;

  constructor(
    private readonly store: EventStore,
    @Inject(RUN_BACKGROUND) private readonly runHere: boolean,
  ) {}

  register(options: SubscriptionOptions): CheckpointedSubscription {
    const names = options.members ? options.members.map((m) => m.name) : [options.name];
    const sub = new CheckpointedSubscription(this.store, {
      onError: (err) => this.batchFailed(options.name, err),
      ...options,
    });
    return this.add(sub, names);
  }

  /** Runs `consumers` with the others: started with them (or at once, when they run) and stopped with them. */
  add<T extends RunnableConsumers>(consumers: T, names: readonly string[]): T {
    for (const name of names) {
      if (this.consumers.has(name)) throw new Error(`consumer ${name} registered twice`);
    }
    this.subscriptions.push(consumers);
    for (const name of names) this.consumers.set(name, consumers.consumer(name)!);
    if (this.started) void consumers.start();
    return consumers;
  }

  /** A failed batch is retried by its consumer; the log names the consumer and the error's kind only. */
  batchFailed(consumer: string, err: unknown): void {
    this.logger.error({ consumer, err: { name: (err as Error)?.name } }, 'batch failed; retrying');
  }

  get(name: string): ConsumerProgress | undefined {
    return this.consumers.get(name);
  }

  get running(): boolean {
    return this.started;
  }

  /**
   * The consumers stuck behind: events wait beyond their checkpoint and it has not moved for
   * `stallMs` of real time (not the business clock). Those of this process from memory; when the
   * consumers run in another process (PROJECTIONS=worker), from their stored checkpoints.
   */
  async stalled(stallMs: number): Promise<string[]> {
    const head = await this.store.headPosition();
    if (this.started) {
      return [...this.consumers.values()]
        .filter((s) => s.checkpoint < head && s.sinceMoved >= stallMs)
        .map((s) => s.name);
    }
    const { rows } = await this.store.sql.query<{ consumer: string }>(
      `SELECT consumer FROM es_checkpoints
        WHERE position < $1 AND updated_at < now() - make_interval(secs => $2) ORDER BY consumer`,
      [head, stallMs / 1000],
    );
    return rows.map((r) => r.consumer);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runHere) return;
    this.started = true;
    await Promise.all(this.subscriptions.map((s) => s.start()));
    if (this.consumers.size) this.logger.log(`consumers running: ${[...this.consumers.keys()].join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.started = false;
    await Promise.all(this.subscriptions.map((s) => s.stop()));
  }
}
