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
export async function createPgliteClient(
  dataDir?: string,
  options: { /** A copy of another database (see `dumpPgliteClient`) to start from. */ loadDataDir?: Blob } = {},
): Promise<SqlClient> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, parsers, loadDataDir: options.loadDataDir });
  const client = guardedClient(
    'pglite',
    wrap(db),
    (fn) => db.transaction((tx) => fn(wrap(tx))),
    () => db.close(),
  );
  databases.set(client, db);
  return client;
}

const databases = new WeakMap<SqlClient, PGlite>();

/**
 * A copy of an embedded database's files: starting another from it takes a fraction of a second,
 * where creating one (initdb) takes seconds.
 */
export async function dumpPgliteClient(client: SqlClient): Promise<Blob> {
  const db = databases.get(client);
  if (!db) throw new TypeError('not an embedded (PGlite) database');
  return db.dumpDataDir('none');
}
