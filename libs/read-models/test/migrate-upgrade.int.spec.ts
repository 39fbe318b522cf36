import { join } from 'node:path';
import {
  SqlEventStore,
  type SqlClient,
  isMigrated,
  loadMigrations,
  migrate,
  readModelDdl,
} from '@app/event-store';
import { PROJECTIONS, READ_MODEL_SCHEMAS, migrateAll, projectionSubscription } from '@app/read-models';
import { generateHistory, writeHistory } from '../../../bench/generator';
import {
  createTestDatabase,
  type Driver,
  emptyEmbeddedDatabase,
  type TestDatabase,
} from '../../../test/support/database';
import { snapshotTables } from './projection.child';

// The twelve versioned migrations as they were before the read models took over their own DDL
// (commit e2f09e2): a database they migrated is what an upgrade starts from. The fixture holds the
// five that have since been retired or cut down; the other seven are the live files, unchanged.
const RETIRED_OR_CUT = loadMigrations(join(__dirname, 'fixtures', 'old-layout-migrations'));
const OLD_LAYOUT = [
  ...loadMigrations().filter((m) => !RETIRED_OR_CUT.some((old) => old.version === m.version)),
  ...RETIRED_OR_CUT,
].sort((a, b) => a.version.localeCompare(b.version));
const readModels = READ_MODEL_SCHEMAS;
// Read models whose file changed since the layout switch: an old-layout database has them
// recreated and rebuilt from the events, and today's projection of them does not fit their old tables.
const changedSinceOldLayout = readModels.filter((m) => readModelDdl(m).checksum !== m.oldLayoutChecksum);
const changedTables = changedSinceOldLayout.flatMap((m) => m.tables);
const history = generateHistory({ seed: 1848, tenants: 2, cases: 60, years: 1 });

/** Every table's columns, indexes and constraints, every function and trigger: the schema's shape. */
const SHAPE = {
  columns: `SELECT table_name, column_name, ordinal_position, data_type, udt_name, is_nullable, column_default
              FROM information_schema.columns WHERE table_schema = current_schema()
             ORDER BY table_name, ordinal_position`,
  indexes: `SELECT tablename, indexname, replace(indexdef, current_schema() || '.', '') AS def
              FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname`,
  constraints: `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
                  FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2`,
  functions: `SELECT proname, pg_get_function_identity_arguments(oid) AS args, md5(prosrc) AS src
                FROM pg_proc WHERE pronamespace = current_schema()::regnamespace ORDER BY 1, 2`,
  triggers: `SELECT tgrelid::regclass::text AS tbl, tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
              WHERE c.relnamespace = current_schema()::regnamespace AND NOT tgisinternal ORDER BY 1, 2`,
};

async function shape(sql: SqlClient): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [part, text] of Object.entries(SHAPE)) out[part] = (await sql.query(text)).rows;
  return out;
}

/** The shape without the tables of the read models changed since the old layout. */
function withoutChanged(s: Record<string, unknown[]>): Record<string, unknown[]> {
  const tableOf = (row: unknown) => {
    const r = row as { table_name?: string; tablename?: string; tbl?: string };
    return r.table_name ?? r.tablename ?? r.tbl;
  };
  return Object.fromEntries(
    Object.entries(s).map(([part, rows]) => [
      part,
      rows.filter((r) => !changedTables.includes(tableOf(r) ?? '')),
    ]),
  );
}

/** Writes the history and lets every read model (or those given) follow it. */
async function project(sql: SqlClient, projections = PROJECTIONS): Promise<void> {
  await writeHistory(sql, history);
  const store = new SqlEventStore(sql);
  for (const projection of projections) {
    const sub = projectionSubscription(store, projection);
    await sub.loadCheckpoint();
    await sub.catchUp();
  }
}

/**
 * The read models' rows, their checkpoints, and the migrations' own records; with `only`, the rows
 * of those tables alone (a read model changed since the old layout may have added a table).
 */
async function contents(sql: SqlClient, only?: ReadonlySet<string>) {
  const q = async (text: string) => (await sql.query(text)).rows;
  const projections = only
    ? PROJECTIONS.map((p) => ({ ...p, tables: p.tables.filter((t) => only.has(t)) }))
    : PROJECTIONS;
  return {
    tables: await snapshotTables(sql, projections),
    checkpoints: await q('SELECT consumer, position FROM es_checkpoints ORDER BY consumer'),
    versions: await q('SELECT version, applied_at FROM schema_migrations ORDER BY version'),
    readModels: await q('SELECT name, checksum, applied_at FROM read_model_schemas ORDER BY name'),
  };
}

describe.each<Driver>(['postgres', 'pglite'])(
  'read-model schemas over the versioned migrations (%s)',
  (driver) => {
    const opened: TestDatabase[] = [];
    // The embedded store: databases a test is done with are emptied and used again (a new one costs
    // seconds on a busy machine); emptied, one is the same as a new one.
    const spare: TestDatabase[] = [];
    const open = async (options: { empty?: boolean } = {}) => {
      let db = driver === 'pglite' ? spare.pop() : undefined;
      if (db) await emptyEmbeddedDatabase(db.sql, options);
      else db = await createTestDatabase(driver, options);
      opened.push(db);
      return db.sql;
    };
    afterEach(async () => {
      for (const db of opened.splice(0)) {
        if (driver === 'pglite') spare.push(db);
        else await db.dispose();
      }
    });
    afterAll(async () => {
      for (const db of spare.splice(0)) await db.dispose();
    });
    /** The shape of a database migrated from nothing, the way it is done now. */
    let freshOnce: ReturnType<typeof shape> | undefined;
    const freshShape = () => (freshOnce ??= open().then(shape));

    it('given a database the old layout migrated, when migrated now, then nothing runs again and it keeps its rows', async () => {
      const sql = await open({ empty: true });
      expect(await migrate(sql, { migrations: OLD_LAYOUT })).toEqual(OLD_LAYOUT.map((m) => m.version));
      const changed = new Set(changedSinceOldLayout.map((m) => m.name));
      await project(
        sql,
        PROJECTIONS.filter((p) => !changed.has(p.name)),
      );
      const oldTables = new Set(
        (
          await sql.query<{ t: string }>(
            'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()',
          )
        ).rows.map((r) => r.t),
      );
      const before = await contents(sql, oldTables);
      expect(before.tables.rm_meetings.length).toBeGreaterThan(0);
      expect(before.checkpoints.length).toBe(PROJECTIONS.length - changed.size);
      // The read models' checksums are not recorded yet: not ready until migrated the new way.
      expect(await isMigrated(sql, { readModels })).toBe(false);

      // Only the changed ones (empty here) are recreated, for their consumers to replay the events.
      expect(await migrateAll(sql)).toEqual([...changed].map((name) => `${name} (rebuilt)`));

      const after = await contents(sql, oldTables);
      expect(after.tables).toEqual(before.tables);
      expect(after.checkpoints).toEqual(before.checkpoints);
      expect(after.versions).toEqual(before.versions);
      expect(after.readModels.map((r) => [r.name, r.checksum])).toEqual(
        [...readModels]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((m) => [m.name, readModelDdl(m).checksum]),
      );
      expect(await isMigrated(sql, { readModels })).toBe(true);
      expect(await shape(sql)).toEqual(await freshShape());
    });

    it("given a fresh database, then the remaining migrations and the read models' own files make the schema the old layout made", async () => {
      const fresh = await open();
      const old = await open({ empty: true });
      await migrate(old, { migrations: OLD_LAYOUT });
      expect(withoutChanged(await shape(fresh))).toEqual(withoutChanged(await shape(old)));
      expect(await isMigrated(fresh, { readModels })).toBe(true);
      // The retired versions are not needed, and not recorded.
      const { rows } = await fresh.query<{ version: string }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
      expect(rows.map((r) => r.version)).not.toContain('004_read_models');
    });

    it('given a migrated database with rows, when migrated again, then nothing changes', async () => {
      const sql = await open({ empty: true });
      const first = await migrateAll(sql);
      expect(first).toEqual([...loadMigrations().map((m) => m.version), ...readModels.map((m) => m.name)]);
      await project(sql);
      const before = { contents: await contents(sql), shape: await shape(sql) };

      expect(await migrateAll(sql)).toEqual([]);

      expect({ contents: await contents(sql), shape: await shape(sql) }).toEqual(before);
    });

    it('given a read model whose DDL changed, then only its tables are recreated and its consumer starts over', async () => {
      const sql = await open();
      await project(sql);
      const before = await contents(sql);
      const meetings = PROJECTIONS.find((p) => p.name === 'meetings')!;
      expect(before.tables.rm_meetings.length).toBeGreaterThan(0);
      await sql.query(
        `UPDATE read_model_schemas SET checksum = 'the DDL it had before' WHERE name = 'meetings'`,
      );
      expect(await isMigrated(sql, { readModels })).toBe(false);

      expect(await migrateAll(sql)).toEqual(['meetings (rebuilt)']);

      const after = await contents(sql);
      for (const table of Object.keys(before.tables)) {
        expect({ table, rows: after.tables[table] }).toEqual({
          table,
          rows: meetings.tables.includes(table) ? [] : before.tables[table],
        });
      }
      expect(after.checkpoints).toEqual(before.checkpoints.filter((c) => c.consumer !== 'meetings'));
      expect(await isMigrated(sql, { readModels })).toBe(true);
      expect(await shape(sql)).toEqual(await freshShape());

      // Its consumer replays the events into it again.
      const sub = projectionSubscription(new SqlEventStore(sql), meetings);
      await sub.loadCheckpoint();
      await sub.catchUp();
      expect(await contents(sql).then((c) => [c.tables, c.checkpoints])).toEqual([
        before.tables,
        before.checkpoints,
      ]);
    });

    it('given an old layout that stopped before its last read-model migration, then its read models are recreated for a rebuild', async () => {
      const sql = await open({ empty: true });
      const upTo010 = OLD_LAYOUT.filter((m) => m.version <= '010');
      await migrate(sql, { migrations: upTo010 });
      await sql.query(
        `INSERT INTO es_checkpoints (consumer, position) VALUES ('cases', 42), ('some-reactor', 7)`,
      );

      expect(await migrateAll(sql)).toEqual([
        ...loadMigrations()
          .map((m) => m.version)
          .filter((v) => v > '011'),
        // Every one had some of its tables, of a shape older than its file.
        ...readModels.map((m) => `${m.name} (rebuilt)`),
      ]);

      const { rows } = await sql.query('SELECT consumer, position FROM es_checkpoints ORDER BY consumer');
      expect(rows).toEqual([{ consumer: 'some-reactor', position: 7 }]);
      expect(await isMigrated(sql, { readModels })).toBe(true);
      expect(await shape(sql)).toEqual(await freshShape());
    });
  },
);
