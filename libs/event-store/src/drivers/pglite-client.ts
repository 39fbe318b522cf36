import { PGlite, parse, protocol } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { QueryOptions, SqlClient, SqlQueryable } from './sql-client';
import { guardedClient } from './transaction-scope';

// The postgres driver's own conversion of parameters (dates, arrays, objects as JSON, buffers as
// bytes): a statement's parameters mean the same on both stores.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as {
  prepareValue: (value: unknown) => string | Buffer | null;
};

const { serialize } = protocol;

/**
 * A statement sent as one message to the embedded server: parse (for a prepared one only the first
 * time), bind, describe, execute and sync together. PGlite's own `query` sends these one call at a
 * time and first asks for the parameters' types; here the parameters are converted as the postgres
 * driver converts them, and a statement marked `prepare` is parsed and planned once per database,
 * as the postgres driver keeps it per connection.
 */
class ProtocolQueries {
  private readonly prepared = new Map<string, string>();

  constructor(private readonly db: PGlite) {}

  async query<R>(
    sql: string,
    params: unknown[] = [],
    options?: QueryOptions,
  ): Promise<{ rows: R[]; rowCount: number }> {
    let name = options?.prepare ? this.prepared.get(sql) : '';
    const parsing = name === undefined;
    if (parsing) name = `s${this.prepared.size + 1}`;
    const parts = [
      ...(name === '' || parsing ? [serialize.parse({ name, text: sql })] : []),
      serialize.bind({ statement: name, values: params.map((v) => prepareValue(v)) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ];
    const messages = await this.db.execProtocolStream(concat(parts), {
      syncToFs: false,
      throwOnError: false,
    });
    const failed = messages.find((m) => m.name === 'error');
    if (parsing && messages.some((m) => m.name === 'parseComplete')) this.prepared.set(sql, name!);
    if (failed) throw failed;
    const [result = { rows: [], affectedRows: 0 }] = parse.parseResults(messages, this.db.parsers);
    return { rows: result.rows as R[], rowCount: result.affectedRows ?? result.rows.length };
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
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
  options: {
    /** A copy of another database (see `dumpPgliteClient`) to start from. */
    loadDataDir?: Blob;
  } = {},
): Promise<SqlClient> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, parsers, loadDataDir: options.loadDataDir });
  const statements = new ProtocolQueries(db);
  // Inside a transaction PGlite's transaction holds its transaction lock, and a statement takes
  // only the query lock, as PGlite's own do; outside one, a statement waits for any transaction.
  const inTransaction = <R>(sql: string, params?: unknown[], options?: QueryOptions) =>
    db._runExclusiveQuery(() => statements.query<R>(sql, params, options));
  const alone: SqlQueryable = {
    query: <R>(sql: string, params?: unknown[], options?: QueryOptions) =>
      db._runExclusiveTransaction(async () => {
        const result = await inTransaction<R>(sql, params, options);
        await db.syncToFs();
        return result;
      }),
    exec: async (sql) => {
      await db.exec(sql);
    },
  };
  const client = guardedClient(
    'pglite',
    alone,
    (fn) =>
      db.transaction((tx) =>
        fn({
          query: inTransaction,
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
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
