import { resolve } from 'node:path';
import { createPgClient } from './drivers/pg-client';
import { createPgliteClient } from './drivers/pglite-client';
import type { SqlClient } from './drivers/sql-client';

export interface DatabaseConfig {
  /** A PostgreSQL server; when absent the embedded PGlite store in `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  schema?: string;
  poolSize?: number;
}

export async function openDatabase(config: DatabaseConfig): Promise<SqlClient> {
  if (config.databaseUrl) {
    return createPgClient({ connectionString: config.databaseUrl, schema: config.schema, poolSize: config.poolSize });
  }
  return createPgliteClient(resolve(config.dataDir, 'pglite'));
}
