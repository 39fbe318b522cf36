import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { SqlClient, SqlQueryable } from './sql-client';
import { guardedClient } from './transaction-scope';

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

function wrap(db: PgliteLike): SqlQueryable {
  return {
    async query<R>(sql: string, params?: unknown[]) {
      const res = await db.query<R>(sql, params);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

// PGlite returns int8 as bigint and dates as Date objects; align with the pg driver's plain values.
const parsers = {
  20: (v: string) => Number(v),
  1082: (v: string) => v,
};

/**
 * Embedded PostgreSQL in `dataDir` (or in memory when undefined). One session: PGlite queues
 * queries and gives a transaction the connection exclusively, so transactions never interleave;
 * a statement sent past an open transaction would wait for it for ever, so it throws instead.
 */
export async function createPgliteClient(dataDir?: string): Promise<SqlClient> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, parsers });
  return guardedClient(
    'pglite',
    wrap(db),
    (fn) => db.transaction((tx) => fn(wrap(tx))),
    () => db.close(),
  );
}
