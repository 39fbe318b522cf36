import { resolve } from 'node:path';
import { createPgClient } from './drivers/pg-client';
import { createPgliteClient } from './drivers/pglite-client';
import type { SqlClient } from './drivers/sql-client';
import { type EventStore, SqlEventStore } from './event-store';

export interface DatabaseConfig {
  /** A PostgreSQL server; when absent the embedded PGlite store in `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  schema?: string;
  poolSize?: number;
}

export async function openDatabase(config: DatabaseConfig): Promise<SqlClient> {
  if (config.databaseUrl) {
    return createPgClient({
      connectionString: config.databaseUrl,
      schema: config.schema,
      poolSize: config.poolSize,
    });
  }
  return createPgliteClient(resolve(config.dataDir, 'pglite'));
}

export interface EventStoreConfig {
  /** `sql`: events in the database above; `kurrentdb`: events in KurrentDB, the rest in that database. */
  eventStore: 'sql' | 'kurrentdb';
  kurrentDbUrl?: string;
  kurrentDbNamespace?: string;
}

/**
 * The event store the configuration names, over `sql` (checkpoints and read models live there either
 * way). KurrentDB's client (gRPC and its protocol buffers, a tenth of the service's modules) is
 * loaded only when it is the one named.
 */
export async function openEventStore(sql: SqlClient, config: EventStoreConfig): Promise<EventStore> {
  if (config.eventStore === 'kurrentdb') {
    if (!config.kurrentDbUrl) throw new Error('EVENT_STORE=kurrentdb needs KURRENTDB_URL');
    if (sql.kind !== 'postgres')
      throw new Error('EVENT_STORE=kurrentdb needs DATABASE_URL (a PostgreSQL server)');
    const { KurrentDbEventStore } = await import('./drivers/kurrentdb-event-store');
    return new KurrentDbEventStore(sql, {
      connectionString: config.kurrentDbUrl,
      namespace: config.kurrentDbNamespace ?? 'amt',
    });
  }
  return new SqlEventStore(sql);
}
