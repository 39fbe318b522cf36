import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import {
  analyzeGrownTables,
  EventStore,
  isMigrated,
  migrate,
  openDatabase,
  openEventStore,
  type ReadModelSchema,
  type SqlClient,
} from '@app/event-store';
import { APP_CONFIG, type AppConfig } from './config/config';

export const SQL_CLIENT = Symbol('SQL_CLIENT');
/** A store the caller has already opened and migrated (tests, tools), used instead of the configured one. */
export const OPENED_SQL_CLIENT = Symbol('OPENED_SQL_CLIENT');
/** The read models' tables (libs/read-models provides them): migrated at start, required for readiness. */
export const READ_MODELS = Symbol('READ_MODELS');

/** How often the tables' growth is looked at (analyzeGrownTables). */
const STATISTICS_SECONDS = 30;

/** Readiness of the store: reachable and fully migrated. */
@Injectable()
export class StoreHealth {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Optional() @Inject(READ_MODELS) private readonly readModels?: readonly ReadModelSchema[],
  ) {}

  async isReady(): Promise<boolean> {
    try {
      return await isMigrated(this.sql, { readModels: this.readModels ?? [] });
    } catch {
      return false;
    }
  }
}

/** Opens the store (PostgreSQL server or embedded PGlite) and applies pending migrations at start. */
@Global()
@Module({
  providers: [
    {
      provide: SQL_CLIENT,
      inject: [APP_CONFIG, OPENED_SQL_CLIENT, { token: READ_MODELS, optional: true }],
      useFactory: async (
        config: AppConfig,
        opened: SqlClient | null,
        readModels: readonly ReadModelSchema[] | undefined,
      ): Promise<SqlClient> => {
        if (opened) return opened;
        const sql = await openDatabase({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          schema: config.databaseSchema,
          poolSize: config.dbPoolSize,
        });
        const applied = await migrate(sql, { readModels: readModels ?? [] });
        const logger = new Logger('Database');
        logger.log(
          `${sql.kind === 'pglite' ? 'embedded store (PGlite) in ' + config.dataDir : 'PostgreSQL server'}; ` +
            (applied.length ? `migrations applied: ${applied.join(', ')}` : 'schema up to date'),
        );
        return sql;
      },
    },
    {
      provide: EventStore,
      inject: [SQL_CLIENT, APP_CONFIG],
      useFactory: async (sql: SqlClient, config: AppConfig) => {
        const store = await openEventStore(sql, config);
        if (config.eventStore === 'kurrentdb') {
          new Logger('Database').log(`events in KurrentDB (streams ${config.kurrentDbNamespace}.*)`);
        }
        return store;
      },
    },
    StoreHealth,
  ],
  exports: [SQL_CLIENT, EventStore, StoreHealth],
})
export class DatabaseModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private statisticsTimer?: NodeJS.Timeout;
  private analyzing?: Promise<void>;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(OPENED_SQL_CLIENT) private readonly opened: SqlClient | null,
    private readonly store: EventStore,
  ) {}

  /** Keeps the planner's statistics where no autovacuum does (see analyzeGrownTables): at start, then every half minute. */
  onApplicationBootstrap(): void {
    const logger = new Logger('Database');
    const round = () => {
      if (this.analyzing) return;
      this.analyzing = analyzeGrownTables(this.sql)
        .then((tables) => {
          if (tables.length) logger.debug(`statistics updated: ${tables.join(', ')}`);
        })
        .catch((err: Error) => logger.warn(`statistics not updated: ${err.message}`))
        .finally(() => (this.analyzing = undefined));
    };
    round();
    this.statisticsTimer = setInterval(round, STATISTICS_SECONDS * 1000).unref();
  }

  /** Closes the store it opened; one it was handed is closed by whoever opened it. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.statisticsTimer);
    await this.analyzing;
    await this.store.close();
    if (!this.opened) await this.sql.close();
  }
}
