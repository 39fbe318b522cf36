import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlEventStore, createPgliteClient, dumpPgliteClient, type SqlClient } from '@app/event-store';
import { PROJECTIONS, rebuildProjection } from '@app/read-models';
import { generateHistory, writeHistory } from '../../../bench/generator';
import {
  TEST_DATABASE_URL,
  createTestDatabase,
  type Driver,
  type TestDatabase,
} from '../../../test/support/database';
import { snapshotTables } from './projection.child';

const history = generateHistory({ seed: 1066, tenants: 2, cases: 300, years: 1.5 });
const CRASHING = 'cases';

/** Runs the projection runner in a child process; SIGKILLs it as soon as it says MID-BATCH. */
function runChild(driver: Driver, target: string, crashAfter: number | 'never'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(__dirname, '../../../test/support/register.js'),
        join(__dirname, 'projection.child.ts'),
        driver,
        target,
        CRASHING,
        String(crashAfter),
      ],
      { env: { ...process.env, TEST_DATABASE_URL }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('MID-BATCH')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) =>
      code === 0 || signal === 'SIGKILL' ? resolve(out) : reject(new Error(err || `exit ${code}`)),
    );
  });
}

async function checkpoints(sql: SqlClient): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ consumer: string; position: number }>(
    'SELECT consumer, position FROM es_checkpoints',
  );
  return Object.fromEntries(rows.map((r) => [r.consumer, r.position]));
}

describe.each<Driver>(['postgres', 'pglite'])('a projection runner killed mid-batch (%s)', (driver) => {
  let db: TestDatabase | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await db?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rolls the half batch back, resumes from its checkpoint and ends where a clean rebuild does', async () => {
    // PGlite is one process's database: written on disk here, closed, handed to the child.
    let target: string;
    let open: () => Promise<SqlClient>;
    let close: (sql: SqlClient) => Promise<void>;
    if (driver === 'pglite') {
      // Written in memory (a copy of a migrated database), then copied to disk once.
      dir = mkdtempSync(join(tmpdir(), 'rm-crash-'));
      const seed = (await createTestDatabase('pglite')).sql;
      await writeHistory(seed, history);
      const written = await dumpPgliteClient(seed);
      await seed.close();
      await (await createPgliteClient(dir, { loadDataDir: written })).close();
      target = dir;
      open = () => createPgliteClient(dir);
      close = (sql) => sql.close();
    } else {
      db = await createTestDatabase('postgres');
      await writeHistory(db.sql, history);
      target = db.schema!;
      const sql = db.sql;
      open = async () => sql;
      close = async () => undefined;
    }
    const total = history.counts.events;

    const crashed = await runChild(driver, target, Math.floor(total / 3));
    expect(crashed).toMatch(new RegExp(`MID-BATCH ${CRASHING} \\d+`));
    const batchStart = Number(/MID-BATCH \S+ (\d+)/.exec(crashed)![1]);

    let sql = await open();
    const afterCrash = await checkpoints(sql);
    // Only whole batches committed: the crashed one's checkpoint stops right before it …
    expect(afterCrash[CRASHING]).toBe(batchStart - 1);
    expect(afterCrash[CRASHING]).toBeGreaterThanOrEqual(Math.floor(total / 3));
    // … and none of the half batch it applied is in its table.
    const { rows } = await sql.query<{ max: number }>('SELECT max(position)::int AS max FROM rm_cases');
    expect(rows[0].max).toBeLessThanOrEqual(afterCrash[CRASHING]);
    // Every read model was part-way through.
    for (const p of PROJECTIONS) {
      expect({ [p.name]: afterCrash[p.name] > 0 }).toEqual({ [p.name]: true });
      expect({ [p.name]: afterCrash[p.name] < total }).toEqual({ [p.name]: true });
    }
    await close(sql);

    expect(await runChild(driver, target, 'never')).toContain('DONE');
    sql = await open();
    try {
      const done = await checkpoints(sql);
      for (const p of PROJECTIONS) expect({ [p.name]: done[p.name] }).toEqual({ [p.name]: total });
      const resumed = await snapshotTables(sql);

      const store = new SqlEventStore(sql);
      for (const p of PROJECTIONS) await rebuildProjection(store, p);
      const rebuilt = await snapshotTables(sql);
      for (const table of Object.keys(rebuilt)) {
        expect({ table, rows: resumed[table].length }).toEqual({ table, rows: rebuilt[table].length });
        expect(resumed[table]).toEqual(rebuilt[table]);
      }
    } finally {
      await close(sql);
    }
  });
});
