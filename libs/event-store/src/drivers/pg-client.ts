import { createHash } from 'node:crypto';
import { Pool, type PoolClient, types } from 'pg';
import type { QueryOptions, SqlClient, SqlQueryable } from './sql-client';
import { guardedClient } from './transaction-scope';

// int8 (positions, versions, counts) as JS numbers: they stay far below 2^53.
types.setTypeParser(20, (v) => Number(v));
// Dates stay 'YYYY-MM-DD' strings: business dates are calendar days, not instants.
types.setTypeParser(1082, (v) => v);

export interface PgClientOptions {
  connectionString: string;
  /** Sets `search_path`, so one database can hold many isolated schemas (tests, tenants of a bench). */
  schema?: string;
  poolSize?: number;
}

/** The prepared statements' names, by SQL text: one name per text, the same on every connection. */
const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `s_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function wrap(client: Pool | PoolClient): SqlQueryable {
  return {
    async query<R>(sql: string, params?: unknown[], options?: QueryOptions) {
      const res = options?.prepare
        ? await client.query({ name: statementName(sql), text: sql, values: params as unknown[] })
        : await client.query(sql, params as unknown[]);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which takes several statements.
      await client.query(sql);
    },
  };
}

export function createPgClient(options: PgClientOptions): SqlClient {
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 20,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return guardedClient(
    'postgres',
    wrap(pool),
    async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    () => pool.end(),
  );
}
