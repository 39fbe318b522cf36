import type { SqlClient } from './drivers/sql-client';

/**
 * The planner's statistics of the service's tables, kept where nothing else keeps them.
 *
 * PostgreSQL chooses between an index and a scan of the whole table from what ANALYZE last saw;
 * a table never analyzed is estimated from its size alone, and a prepared statement keeps the plan
 * it was given while its tables were small. So on a store whose tables are never analyzed, a
 * statement that probed an index when planned on a few hundred rows can scan every row for ever
 * after: the protected-person check, a read model's deletes by case. Autovacuum analyzes tables as
 * they change, and ANALYZE also has prepared statements planned again. The embedded store (PGlite,
 * one session, no background workers) has no autovacuum, and a server may have it turned off; there
 * the service analyzes a table itself whenever it has grown by half since it was last analyzed.
 */

/**
 * The statistics target of these ANALYZEs (PostgreSQL's default is 100): a sample of 300 times
 * as many rows. The service's plans need a table's size and the rough spread of its keys, which a
 * quarter of the default sample gives; an ANALYZE runs on the API's own thread on the embedded store
 * and beside the requests on a server, and costs less than half (`es_events` at 33,000 events on
 * the bench machine: 130 ms rather than 300).
 */
export const STATISTICS_TARGET = 25;

/** A table is analyzed once it has this many pages (8 kB each) beyond GROWTH times its last size. */
export const MIN_PAGES = 8;
export const GROWTH = 1.5;

/**
 * Analyzes the tables of the current schema that have grown past their statistics and that no
 * autovacuum keeps (all of them on the embedded store; on a server, those of a table or server
 * with autovacuum turned off). Returns their names. One table at a time; on a server a table
 * another session is analyzing is skipped, not waited for.
 */
export async function analyzeGrownTables(sql: SqlClient): Promise<string[]> {
  const kept =
    sql.kind === 'pglite'
      ? 'false'
      : `current_setting('autovacuum') = 'on'
           AND coalesce((SELECT option_value FROM pg_options_to_table(c.reloptions)
                          WHERE option_name = 'autovacuum_enabled'), 'on') NOT IN ('off', 'false', '0', 'no')`;
  // The columns of JSON documents (events' data, a case's state) are left out: no plan is chosen
  // by them, and reading them makes up most of the cost of an ANALYZE.
  const { rows } = await sql.query<{ name: string; columns: string }>(
    `SELECT quote_ident(c.relname) AS name, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                          AND a.atttypid NOT IN ('json'::regtype, 'jsonb'::regtype)
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
        AND c.relkind = 'r'
        AND pg_relation_size(c.oid) >= ($1::float8 + $2::float8 * greatest(c.relpages, 0)) * current_setting('block_size')::bigint
        AND NOT (${kept})
      GROUP BY c.relname
      ORDER BY c.relname`,
    [MIN_PAGES, GROWTH],
  );
  const skipLocked = sql.kind === 'postgres' ? '(SKIP_LOCKED) ' : '';
  for (const { name, columns } of rows)
    await sql.transaction(async (tx) => {
      await tx.query(`SET LOCAL default_statistics_target = ${STATISTICS_TARGET}`);
      await tx.query(`ANALYZE ${skipLocked}${name} (${columns})`);
    }, 'statistics');
  return rows.map((r) => r.name);
}
