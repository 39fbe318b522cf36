import { type DynamicModule, Module } from '@nestjs/common';
import type { SqlClient } from '@app/event-store';
import { CLOCK, type Clock, systemClock } from './clock';
import { APP_CONFIG, type AppConfig } from './config/config';
import { DatabaseModule, OPENED_SQL_CLIENT } from './database.module';
import { RUN_BACKGROUND, SubscriptionRunner } from './subscription-runner';

export interface RuntimeOptions {
  config: AppConfig;
  clock?: Clock;
  /** Whether this process runs the consumers and background jobs (apps/worker always does). */
  runBackground: boolean;
  /** A store already opened and migrated (the tests' in-memory PGlite), instead of the configured one. */
  sql?: SqlClient;
  /**
   * The read models on a thread of their own (the API on a PostgreSQL server); `loader`: a module
   * the thread requires first when the service runs from its TypeScript sources (the tests).
   */
  readModelsThread?: { loader?: string };
}

/** RuntimeOptions.readModelsThread, or null: the read models run on the thread of their runner. */
export const READ_MODELS_THREAD = Symbol('READ_MODELS_THREAD');

/** What every process has: its configuration, clock, store and consumer runner. */
@Module({})
export class RuntimeModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    return {
      module: RuntimeModule,
      global: true,
      imports: [DatabaseModule],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: OPENED_SQL_CLIENT, useValue: options.sql ?? null },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: RUN_BACKGROUND, useValue: options.runBackground },
        { provide: READ_MODELS_THREAD, useValue: options.readModelsThread ?? null },
        SubscriptionRunner,
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        RUN_BACKGROUND,
        READ_MODELS_THREAD,
        OPENED_SQL_CLIENT,
        SubscriptionRunner,
        DatabaseModule,
      ],
    };
  }
}
