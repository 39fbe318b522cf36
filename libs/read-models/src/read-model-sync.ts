import { Global, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { EventStore, type SqlClient } from '@app/event-store';
import { PROJECTIONS } from './projections';
import { readModelGroup } from './read-model-group';
import { ReadModelsThread } from './read-models-thread';
import {
  SubscriptionRunner,
  APP_CONFIG,
  type AppConfig,
  SQL_CLIENT,
  AppError,
  validationError,
  READ_MODELS,
  READ_MODELS_THREAD,
  type RuntimeOptions,
} from '@app/runtime';
import { READ_MODEL_SCHEMAS } from './schemas';

/**
 * Read-your-writes: a read may name the global position of a write it made (`?minPosition=`), and
 * waits (bounded) until the read model has applied it. Works whether the projections run in this
 * process or in apps/worker.
 */
@Injectable()
export class ReadModelSync {
  constructor(
    private readonly runner: SubscriptionRunner,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: EventStore,
  ) {}

  /** True once `projection` has applied `position`; false when the wait ran out. */
  async waitFor(
    projection: string,
    position: number | undefined,
    timeoutMs = this.config.readWaitMs,
  ): Promise<boolean> {
    if (!position) return true;
    const local = this.runner.running ? this.runner.get(projection) : undefined;
    if (local && local.checkpoint >= position) return true;
    // A write answers only after it committed: a position beyond every event was never answered, and waiting cannot reach it.
    if (position > (await this.store.lastPosition())) {
      throw validationError([{ field: 'minPosition', message: 'is beyond the latest write' }]);
    }
    if (local) return local.waitFor(position, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await this.sql.query<{ position: number }>(
        'SELECT position FROM es_checkpoints WHERE consumer = $1',
        [projection],
      );
      if ((rows[0]?.position ?? 0) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Waits like `waitFor`, and answers 503 when the read models are still behind after the wait. */
export async function requireCaughtUp(
  sync: ReadModelSync,
  projection: string,
  position: number | undefined,
): Promise<void> {
  if (!(await sync.waitFor(projection, position))) {
    throw new AppError(
      'unavailable',
      'read-model-behind',
      'the read models have not caught up with this write yet; retry shortly',
    );
  }
}

/**
 * Registers every read model with this process's consumer runner, as one group: on the runner's
 * thread, or on a thread of its own when the runtime asks for one (the API on a PostgreSQL server).
 */
@Global()
@Module({
  // The store migrates these tables at start (DatabaseModule) and is ready once they are current.
  providers: [ReadModelSync, { provide: READ_MODELS, useValue: READ_MODEL_SCHEMAS }],
  exports: [ReadModelSync, READ_MODELS],
})
export class ReadModelsModule implements OnModuleInit {
  constructor(
    private readonly runner: SubscriptionRunner,
    private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_MODELS_THREAD) private readonly thread: RuntimeOptions['readModelsThread'] | null,
  ) {}

  onModuleInit(): void {
    const group = readModelGroup(PROJECTIONS.filter((p) => !this.runner.get(p.name)));
    const names = group.members!.map((m) => m.name);
    if (names.length === 0) return;
    const { databaseUrl } = this.config;
    if (!this.thread || !databaseUrl) {
      this.runner.register(group);
      return;
    }
    const { databaseSchema, dataDir, eventStore, kurrentDbUrl, kurrentDbNamespace } = this.config;
    const thread = new ReadModelsThread(this.store, {
      data: { databaseUrl, schema: databaseSchema, dataDir, eventStore, kurrentDbUrl, kurrentDbNamespace },
      names,
      loader: this.thread.loader,
      stopTimeoutMs: this.config.shutdownTimeoutMs,
      onError: (error) => this.runner.batchFailed(group.name, { name: error }),
    });
    this.runner.add(thread, names);
  }
}
