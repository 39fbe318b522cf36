import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { SqlEventStore, type SqlClient } from '@app/event-store';
import { PROJECTIONS, ReadModelsThread, rebuildProjection } from '@app/read-models';
import { generateHistory, writeHistory } from '../../../bench/generator';
import {
  TEST_DATABASE_URL,
  createTestDatabase,
  eventCount,
  type TestDatabase,
} from '../../../test/support/database';
import { SOURCE_LOADER } from '../../../test/support/app';
import { snapshotTables } from './projection.child';

// The API on a PostgreSQL server applies its read models on a thread of their own. The thread runs
// from the TypeScript sources here, through the tests' loader, as it does in every end-to-end test
// on the server.

const NAMES = PROJECTIONS.map((p) => p.name);

async function checkpoints(sql: SqlClient): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ consumer: string; position: number }>(
    'SELECT consumer, position FROM es_checkpoints',
  );
  return Object.fromEntries(rows.map((r) => [r.consumer, r.position]));
}

describe('the read models on a thread of their own (PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;
  let threads: ReadModelsThread[] = [];
  let errors: string[] = [];

  const startThread = async (databaseUrl = TEST_DATABASE_URL): Promise<ReadModelsThread> => {
    const thread = new ReadModelsThread(new SqlEventStore(db.sql), {
      data: { databaseUrl, schema: db.schema, dataDir: dir, eventStore: 'sql' },
      names: NAMES,
      loader: SOURCE_LOADER,
      stopTimeoutMs: 10_000,
      onError: (error) => errors.push(error),
    });
    threads.push(thread);
    await thread.start();
    return thread;
  };

  const caughtUp = async (thread: ReadModelsThread, position: number) => {
    for (const name of NAMES) {
      expect({ name, reached: await thread.consumer(name)!.waitFor(position, 60_000) }).toEqual({
        name,
        reached: true,
      });
    }
  };

  beforeEach(async () => {
    db = await createTestDatabase('postgres');
    dir = mkdtempSync(join(tmpdir(), 'rm-thread-'));
    threads = [];
    errors = [];
  });
  afterEach(async () => {
    for (const thread of threads) await thread.stop();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every event into the rows a rebuild makes, answers readers waiting for a position and stores the checkpoints when stopped', async () => {
    const thread = await startThread();
    const history = generateHistory({ seed: 4711, tenants: 1, cases: 80, years: 1 });
    await writeHistory(db.sql, history);
    const last = history.counts.events;
    await caughtUp(thread, last);
    for (const name of NAMES) {
      expect({ name, checkpoint: thread.consumer(name)!.checkpoint }).toEqual({ name, checkpoint: last });
    }
    await thread.stop();
    const stored = await checkpoints(db.sql);
    for (const name of NAMES) expect({ name, stored: stored[name] }).toEqual({ name, stored: last });

    const applied = await snapshotTables(db.sql);
    const store = new SqlEventStore(db.sql);
    for (const p of PROJECTIONS) await rebuildProjection(store, p);
    const rebuilt = await snapshotTables(db.sql);
    for (const table of Object.keys(rebuilt)) {
      expect({ table, rows: applied[table].length }).toEqual({ table, rows: rebuilt[table].length });
      expect(applied[table]).toEqual(rebuilt[table]);
    }
    expect(errors).toEqual([]);
  });

  it('a thread that stops by itself is started again and goes on from its checkpoint', async () => {
    const thread = await startThread();
    // Two förbund: the first one's history before the thread ends, the second one's after.
    const history = generateHistory({ seed: 1, tenants: 2, cases: 40, years: 1 });
    const [first, second] = history.tenants.map((t, i) => ({
      ...history,
      // The writer draws event ids from the seed: one of its own for each half.
      seed: history.seed + i,
      streams: history.streams.filter((s) => s.tenant === t.id),
    }));
    await writeHistory(db.sql, first);
    const before = await eventCount(db.sql);
    await caughtUp(thread, before);

    // The thread ends as a crash would end it, between batches.
    await (thread as unknown as { worker: Worker }).worker.terminate();
    expect(errors).toContain('ThreadStopped');
    // A reader asking meanwhile for what is not applied yet is answered as a wait that ran out.
    expect(await thread.consumer('cases')!.waitFor(before + 1, 100)).toBe(false);

    await writeHistory(db.sql, second);
    await caughtUp(thread, await eventCount(db.sql));
    const { rows } = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM rm_cases');
    expect(rows[0].n).toBe(history.counts.cases);
  });

  it('a thread that cannot start again is tried again every second until it can', async () => {
    const thread = await startThread();
    const history = generateHistory({ seed: 3, tenants: 1, cases: 20, years: 1 });
    await (thread as unknown as { worker: Worker }).worker.terminate();
    // Its checkpoints out of reach: each new thread fails as it starts.
    await db.sql.query('ALTER TABLE es_checkpoints RENAME TO es_checkpoints_away');
    const failedStarts = () => errors.filter((e) => e === 'Error').length;
    for (let waited = 0; failedStarts() < 2 && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(failedStarts()).toBeGreaterThanOrEqual(2);
    await db.sql.query('ALTER TABLE es_checkpoints_away RENAME TO es_checkpoints');
    await writeHistory(db.sql, history);
    await caughtUp(thread, history.counts.events);
  });

  it('a thread that cannot reach its store fails the start, and the thread ends', async () => {
    await expect(startThread('postgres://postgres@127.0.0.1:1/test')).rejects.toThrow(
      /read models' thread did not start/,
    );
    expect(errors.length).toBeGreaterThan(0);
  });
});
