import { analyzeGrownTables, STATISTICS_TARGET } from '@app/event-store';
import { createTestDatabase, type Driver, type TestDatabase } from '../../../test/support/database';

// Where no autovacuum analyzes the service's tables (the embedded store; a server or table with it
// turned off), the service analyzes a table each time it has grown by half, so the planner
// keeps probing indexes as tables grow instead of scanning them whole.
describe.each<Driver>(['postgres', 'pglite'])('the tables’ statistics (%s)', (driver) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const grow = (table: string, from: number, count: number) =>
    db.sql.query(
      `INSERT INTO ${table} SELECT g, repeat('x', 200), jsonb_build_object('g', g) FROM generate_series($1::int, $2::int) g`,
      [from, from + count - 1],
    );
  const statistics = async (table: string) =>
    (
      await db.sql.query<{ relpages: number; reltuples: number }>(
        `SELECT relpages, reltuples::float8 AS reltuples FROM pg_class
          WHERE relname = $1 AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())`,
        [table],
      )
    ).rows[0];

  it('a table without autovacuum is analyzed once it has grown, and again only after it has grown by half, from a smaller sample', async () => {
    await db.sql.exec(
      'CREATE TABLE kept_here (id int PRIMARY KEY, v text, doc jsonb) WITH (autovacuum_enabled = off)',
    );
    expect(await analyzeGrownTables(db.sql)).toEqual([]); // empty: nothing to plan from yet
    expect((await statistics('kept_here')).reltuples).toBe(-1);

    await grow('kept_here', 1, 2000);
    expect(await analyzeGrownTables(db.sql)).toEqual(['kept_here']);
    expect(await statistics('kept_here')).toEqual({ relpages: expect.any(Number), reltuples: 2000 });
    expect((await statistics('kept_here')).relpages).toBeGreaterThan(8);
    // The JSON document is not read for statistics: no plan depends on it.
    const { rows } = await db.sql.query<{ attname: string }>(
      `SELECT attname FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'kept_here' ORDER BY attname`,
    );
    expect(rows.map((r) => r.attname)).toEqual(['id', 'v']);
    // From the smaller sample: a histogram of STATISTICS_TARGET buckets, not PostgreSQL's default 100.
    const { rows: histogram } = await db.sql.query<{ bounds: number }>(
      `SELECT array_length((histogram_bounds::text)::int[], 1) AS bounds FROM pg_stats
        WHERE schemaname = current_schema() AND tablename = 'kept_here' AND attname = 'id'`,
    );
    expect(histogram).toEqual([{ bounds: STATISTICS_TARGET + 1 }]);

    expect(await analyzeGrownTables(db.sql)).toEqual([]);
    await grow('kept_here', 2001, 600); // less than half more
    expect(await analyzeGrownTables(db.sql)).toEqual([]);
    await grow('kept_here', 2601, 2000);
    expect(await analyzeGrownTables(db.sql)).toEqual(['kept_here']);
    expect((await statistics('kept_here')).reltuples).toBe(4600);
  });

  it('a table autovacuum keeps is left to it: on the embedded store none is', async () => {
    await db.sql.exec('CREATE TABLE kept_by_server (id int PRIMARY KEY, v text, doc jsonb)');
    await grow('kept_by_server', 1, 2000);
    const { rows } = await db.sql.query<{ on: boolean }>(`SELECT current_setting('autovacuum') = 'on' AS on`);
    const serverKeeps = driver === 'postgres' && rows[0].on;
    expect(await analyzeGrownTables(db.sql)).toEqual(serverKeeps ? [] : ['kept_by_server']);
  });
});
