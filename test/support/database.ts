import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPgClient, createPgliteClient, dumpPgliteClient, type SqlClient } from '@app/event-store';
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
    const templates = await pgliteTemplates();
    const sql = await createPgliteClient(undefined, {
      loadDataDir: options.empty ? templates.empty : templates.migrated,
    });
    return { sql, dispose: () => sql.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = createPgClient({ connectionString: TEST_DATABASE_URL, poolSize: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const sql = createPgClient({
    connectionString: TEST_DATABASE_URL,
    schema,
    poolSize: options.poolSize ?? 10,
  });
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
 * Empties an embedded database and migrates it again (not with `empty`): the same as a new one
 * (everything the service creates is in the public schema), for files that need a fresh store per test.
 */
export async function emptyEmbeddedDatabase(
  sql: SqlClient,
  options: { empty?: boolean } = {},
): Promise<void> {
  await sql.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  if (!options.empty) await migrateAll(sql);
}

/** A copy of a new embedded database, `empty` or `migrated`: for `createPgliteClient(dir, { loadDataDir })`. */
export async function pgliteTemplate(kind: 'empty' | 'migrated'): Promise<Blob> {
  return (await pgliteTemplates())[kind];
}

let templates: Promise<{ empty: Blob; migrated: Blob }> | undefined;

/**
 * An empty and a migrated embedded database: a new database is a copy of one of them (about 1 s)
 * rather than a new cluster (initdb, 4 to 5 s). They are kept on disk, named by a digest of the
 * migrations and the PGlite version, so the test files after the first (each file has modules of
 * its own) read them instead of making them again.
 */
function pgliteTemplates(): Promise<{ empty: Blob; migrated: Blob }> {
  templates ??= (async () => {
    const dir = join(ROOT, 'node_modules', '.cache', 'amt-test-databases');
    const key = templateKey();
    const files = {
      empty: join(dir, `pglite-${key}-empty.tar`),
      migrated: join(dir, `pglite-${key}-migrated.tar`),
    };
    if (existsSync(files.empty) && existsSync(files.migrated)) {
      return {
        empty: new Blob([readFileSync(files.empty)]),
        migrated: new Blob([readFileSync(files.migrated)]),
      };
    }
    const sql = await createPgliteClient();
    const empty = await dumpPgliteClient(sql);
    await migrateAll(sql);
    const migrated = await dumpPgliteClient(sql);
    await sql.close();
    mkdirSync(dir, { recursive: true });
    // Written under a name of its own, then renamed: a file running beside this one never reads half a copy.
    for (const [file, blob] of [
      [files.empty, empty],
      [files.migrated, migrated],
    ] as const) {
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
      renameSync(partial, file);
    }
    return { empty, migrated };
  })();
  return templates;
}

const ROOT = join(__dirname, '..', '..');

/** A digest of everything that shapes a migrated database: the migration files, the code applying them, PGlite's version. */
function templateKey(): string {
  const hash = createHash('sha256');
  const pglite = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  hash.update(pglite.version);
  const sources = [
    join(ROOT, 'libs', 'event-store', 'src', 'migrate.ts'),
    join(ROOT, 'libs', 'read-models', 'src', 'schemas.ts'),
    ...sqlFiles(join(ROOT, 'libs')),
  ];
  for (const file of sources) hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function sqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sql'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * How many events the store holds, in flight or not: for "nothing was written" checks.
 * (EventStore.headPosition() is what a reader may see, and can lag behind a write just committed.)
 */
export async function eventCount(sql: SqlClient): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events');
  return rows[0].n;
}
