import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient, SqlQueryable } from './drivers/sql-client';

const MIGRATIONS_DIR = join(__dirname, 'migrations');
// Two instances of one deployment starting together must not both apply a migration. The lock is
// the deployment's schema's: deployments in other schemas of the same server migrate undisturbed.
export const MIGRATION_LOCK = 72400000;
/** Takes the migration lock of the connection's schema until its transaction ends. */
export const TAKE_MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))';

export interface Migration {
  version: string;
  sql: string;
}

/**
 * Versions that held only read-model DDL, which each read model now keeps in its own file. A
 * database they ran on still lists them in schema_migrations; a fresh one never needs them.
 */
export const RETIRED: readonly { version: string; reason: string }[] = [
  {
    version: '004_read_models',
    reason: 'rm_cases, rm_meetings, rm_agenda: the cases and meetings read models own them',
  },
  {
    version: '005_statistics',
    reason: 'stat_*: the statistics-cases and statistics-volume read models own them',
  },
  { version: '010_protected_persons', reason: 'an index of rm_cases: the cases read model owns it' },
  {
    version: '011_follow_ups_owed',
    reason:
      'columns of rm_cases, rm_deadline_cases, stat_cases and stat_past_follow_ups: their read models own them',
  },
];

/** A read model's tables, as migrate() creates them and recreates them when their DDL changes. */
export interface ReadModelSchema {
  /** The read model's consumer: its checkpoint is reset when its tables are recreated. */
  name: string;
  tables: readonly string[];
  /** The path of its DDL, idempotent (CREATE … IF NOT EXISTS). */
  file: string;
  /**
   * The sha256 of `file` when the retired migrations created these tables: a database they
   * migrated holds exactly these and keeps its rows. Absent for a read model they never created.
   */
  oldLayoutChecksum?: string;
}

export interface MigrateOptions {
  /** The versioned migrations (default: this library's). */
  migrations?: Migration[];
  /** The read models whose tables to keep as their files say (default: none). */
  readModels?: readonly ReadModelSchema[];
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/** A read model's DDL and its sha256 (of its text with \n line ends, however it was checked out). */
export function readModelDdl(model: ReadModelSchema): { sql: string; checksum: string } {
  const sql = readFileSync(model.file, 'utf8').replace(/\r\n/g, '\n');
  return { sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Applies every pending migration, then brings each read model's tables to what its file says, in
 * one transaction; running it again changes nothing. Returns the versions applied and the read
 * models created (`cases`) or dropped and recreated for their consumer to rebuild (`cases (rebuilt)`).
 */
export async function migrate(sql: SqlClient, options: MigrateOptions = {}): Promise<string[]> {
  const { migrations = loadMigrations(), readModels = [] } = options;
  const models = readModels.map((m) => ({ ...m, ...readModelDdl(m) }));
  return sql.transaction(async (tx) => {
    await tx.query(TAKE_MIGRATION_LOCK, [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    await tx.query(
      `CREATE TABLE IF NOT EXISTS read_model_schemas (
         name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await tx.query<{ version: string }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const m of pending) {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      applied.add(m.version);
    }
    const done = pending.map((m) => m.version);
    if (!models.length) return done;

    // The retired migrations all ran: the read models' tables are as they left them.
    const oldLayout = RETIRED.every((r) => applied.has(r.version));
    const recorded = new Map(
      (
        await tx.query<{ name: string; checksum: string }>('SELECT name, checksum FROM read_model_schemas')
      ).rows.map((r) => [r.name, r.checksum]),
    );
    const schema = (await tx.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
    for (const model of models) {
      const row = recorded.get(model.name);
      const was = row ?? (oldLayout ? model.oldLayoutChecksum : undefined);
      const present = await existingTables(tx, schema, model.tables);
      if (was === model.checksum && present === model.tables.length) {
        // Unchanged: not run again, as CREATE INDEX IF NOT EXISTS still waits for a SHARE lock on
        // its table, i.e. for the projection writing to it in another instance.
        if (row) continue;
        // Adopted from the old layout: same tables, rows and checkpoint; the DDL adds nothing.
        await tx.exec(model.sql);
        await tx.query('INSERT INTO read_model_schemas (name, checksum) VALUES ($1, $2)', [
          model.name,
          model.checksum,
        ]);
        continue;
      }
      // New, changed since, or of unknown shape (an old layout not fully migrated): recreated
      // empty, and its consumer replays every event into it.
      for (const table of model.tables)
        await tx.query(`DROP TABLE IF EXISTS ${ident(schema)}.${ident(table)}`);
      await tx.exec(model.sql);
      await tx.query('DELETE FROM es_checkpoints WHERE consumer = $1', [model.name]);
      await tx.query(
        `INSERT INTO read_model_schemas (name, checksum) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, applied_at = now()`,
        [model.name, model.checksum],
      );
      done.push(present ? `${model.name} (rebuilt)` : model.name);
    }
    return done;
  });
}

async function existingTables(tx: SqlQueryable, schema: string, tables: readonly string[]): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM unnest($2::text[]) AS t(name)
      WHERE to_regclass(format('%I.%I', $1::text, name)) IS NOT NULL`,
    [schema, tables],
  );
  return rows[0].n;
}

/** True when every known migration has been applied and every read model's DDL is current (readiness). */
export async function isMigrated(sql: SqlClient, options: MigrateOptions = {}): Promise<boolean> {
  const { migrations = loadMigrations(), readModels = [] } = options;
  const exists = await sql.query<{ m: string | null; r: string | null }>(
    `SELECT to_regclass('schema_migrations')::text AS m, to_regclass('read_model_schemas')::text AS r`,
  );
  if (!exists.rows[0]?.m) return false;
  const { rows } = await sql.query<{ version: string }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  if (!migrations.every((m) => applied.has(m.version))) return false;
  if (!readModels.length) return true;
  if (!exists.rows[0].r) return false;
  const recorded = await sql.query<{ name: string; checksum: string }>(
    'SELECT name, checksum FROM read_model_schemas',
  );
  const checksums = new Map(recorded.rows.map((r) => [r.name, r.checksum]));
  return readModels.every((m) => checksums.get(m.name) === readModelDdl(m).checksum);
}
