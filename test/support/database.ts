import { randomBytes } from 'node:crypto';
import { createPgClient, createPgliteClient, type SqlClient } from '@app/event-store';
import { migrateAll } from '@app/read-models';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Driver = 'postgres' | 'pglite';

export interface TestDatabase {
  sql: SqlClient;
  /** The schema on the PostgreSQL server (undefined for PGlite). */
  schema?: string;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file: a new schema, or an in-memory PGlite.
 * `empty`: nothing migrated (for tests of the migrations themselves).
 */
export async function createTestDatabase(
  driver: Driver = 'postgres',
  options: { poolSize?: number; empty?: boolean } = {},
): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const sql = await createPgliteClient();
    if (!options.empty) await migrateAll(sql);
    return { sql, dispose: () => sql.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = createPgClient({ connectionString: TEST_DATABASE_URL, poolSize: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const sql = createPgClient({ connectionString: TEST_DATABASE_URL, schema, poolSize: options.poolSize ?? 10 });
  if (!options.empty) await migrateAll(sql);
  return {
    sql,
    schema,
    async dispose() {
      await sql.close();
      const cleanup = createPgClient({ connectionString: TEST_DATABASE_URL, poolSize: 1 });
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.close();
    },
  };
}

/**
 * How many events the store holds, in flight or not: for "nothing was written" checks.
 * (EventStore.headPosition() is what a reader may see, and can lag behind a write just committed.)
 */
export async function eventCount(sql: SqlClient): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events');
  return rows[0].n;
}
