import type { SqlClient } from '@app/event-store';
import { createTestDatabase, type Driver, type TestDatabase } from '../../../test/support/database';

/** The two drivers are one port: a statement and its parameters mean the same on both stores. */
describe.each<Driver>(['postgres', 'pglite'])('the SQL driver (%s)', (driver) => {
  let db: TestDatabase;
  let sql: SqlClient;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
    sql = db.sql;
    await sql.exec(`CREATE TABLE driver_values (
      id int PRIMARY KEY, at timestamptz, day date, tags text[], doc jsonb, bytes bytea, flag boolean,
      big bigint, note text)`);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('converts parameters as the postgres driver does, and results alike', async () => {
    const at = new Date('2026-12-03T10:15:30.123Z');
    const doc = { name: 'Å "citat"', list: [1, 2], nested: { ok: true } };
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const inserted = await sql.query(
      'INSERT INTO driver_values (id, at, day, tags, doc, bytes, flag, big, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [1, at, '2026-12-03', ['a', 'b "c"', 'ä,ö'], doc, bytes, false, 9007199254740991, "it's"],
    );
    expect(inserted.rowCount).toBe(1);
    await sql.query('INSERT INTO driver_values (id, note, flag) VALUES ($1, $2, $3)', [2, null, true]);

    const { rows } = await sql.query<Record<string, unknown>>(
      'SELECT id, at, day, tags, doc, bytes, flag, big, note FROM driver_values ORDER BY id',
    );
    expect(rows[0]).toEqual({
      id: 1,
      at,
      day: '2026-12-03',
      tags: ['a', 'b "c"', 'ä,ö'],
      doc,
      bytes,
      flag: false,
      big: 9007199254740991,
      note: "it's",
    });
    expect(rows[1]).toMatchObject({ id: 2, note: null, flag: true, tags: null });

    const any = await sql.query<{ id: number }>('SELECT id FROM driver_values WHERE note = ANY($1::text[])', [
      ["it's", 'x'],
    ]);
    expect(any.rows).toEqual([{ id: 1 }]);
    const updated = await sql.query('UPDATE driver_values SET flag = NOT flag WHERE id >= $1', [1]);
    expect(updated).toEqual({ rows: [], rowCount: 2 });
  });

  it('a prepared statement gives the same answers each time, and a failed one does not stay broken', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    for (let i = 0; i < 3; i++) {
      expect((await sql.query<{ n: number }>(text, [i], { prepare: true })).rows).toEqual([{ n: i + 1 }]);
    }
    // Fails when run, not when parsed: kept, and runs again with good parameters.
    const checked = 'SELECT CASE WHEN $1::int > 0 THEN $1::int ELSE 1 / 0 END AS n';
    await expect(sql.query(checked, [0], { prepare: true })).rejects.toMatchObject({ code: '22012' });
    expect((await sql.query<{ n: number }>(checked, [5], { prepare: true })).rows).toEqual([{ n: 5 }]);
    // Fails when parsed: nothing kept, so the same error again rather than a missing statement.
    const broken = 'SELEC $1::int';
    await expect(sql.query(broken, [1], { prepare: true })).rejects.toMatchObject({ code: '42601' });
    await expect(sql.query(broken, [1], { prepare: true })).rejects.toMatchObject({ code: '42601' });
    expect((await sql.query<{ n: number }>(text, [41], { prepare: true })).rows).toEqual([{ n: 42 }]);
  });

  it('a refused statement names no parameter value, and the next statement runs', async () => {
    const err = (await sql
      .query('INSERT INTO driver_values (id, note) VALUES ($1, $2)', [1, '19121212-1212'])
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as Error & { code?: string };
    expect(err).toMatchObject({ code: '23505' });
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain('19121212-1212');
    expect((await sql.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('a statement that fails in a transaction rolls the whole transaction back', async () => {
    await expect(
      sql.transaction(async (tx) => {
        await tx.query('INSERT INTO driver_values (id, note) VALUES ($1, $2)', [10, 'kept?'], { prepare: true });
        await tx.query('INSERT INTO driver_values (id, note) VALUES ($1, $2)', [10, 'twice']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await sql.query('SELECT 1 FROM driver_values WHERE id = 10')).rowCount).toBe(0);
    await sql.transaction(async (tx) => {
      await tx.query('INSERT INTO driver_values (id, note) VALUES ($1, $2)', [10, 'kept'], { prepare: true });
    });
    expect((await sql.query<{ note: string }>('SELECT note FROM driver_values WHERE id = 10')).rows).toEqual([
      { note: 'kept' },
    ]);
  });

  if (driver === 'pglite') {
    it('embedded, a prepared statement is parsed once for the database', async () => {
      const text = 'SELECT $1::text AS echoed';
      for (let i = 0; i < 3; i++) await sql.query(text, [`v${i}`], { prepare: true });
      const { rows } = await sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1',
        [text],
      );
      expect(rows).toEqual([{ n: 1 }]);
    });
  }
});
