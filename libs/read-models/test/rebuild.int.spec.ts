import { setTimeout as sleep } from 'node:timers/promises';
import {
  SqlEventStore,
  type Projection,
  type RecordedEvent,
  type SqlClient,
  type SqlQueryable,
} from '@app/event-store';
import {
  PROJECTIONS,
  projectionSubscription,
  rebuildProjection,
  rebuildProjections,
  shadowSchema,
} from '@app/read-models';
import { generateHistory, writeHistory } from '../../../bench/generator';
import { createTestDatabase, type Driver } from '../../../test/support/database';
import { snapshotTables } from './projection.child';

// A realistic history from the real deciders: three torg over 18 months, 400 cases (~6,400 events;
// every read model table gets rows: checked below), on both stores.
const liveHistory = generateHistory({ seed: 4711, tenants: 3, cases: 400, years: 1.5 });

describe.each<Driver>(['postgres', 'pglite'])('read models rebuilt from the events (%s)', (driver) => {
  it('are the same, row for row, as the ones that followed the events live', async () => {
    const db = await createTestDatabase(driver);
    try {
      const store = new SqlEventStore(db.sql);
      const subs = PROJECTIONS.map((p) => projectionSubscription(store, p, 250));
      for (const sub of subs) await sub.loadCheckpoint();

      // Live: the projections follow while the history is being written, batch by batch.
      let written = false;
      const writing = writeHistory(db.sql, liveHistory, { batchRows: 2000 }).then((r) => {
        written = true;
        return r;
      });
      let rounds = 0;
      while (!written) {
        for (const sub of subs) await sub.catchUp();
        rounds++;
        await sleep(5);
      }
      const { events } = await writing;
      expect(events).toBe(liveHistory.counts.events);
      for (const sub of subs) await sub.catchUp();
      const head = await store.headPosition();
      expect(head).toBe(events);
      for (const sub of subs) expect(sub.checkpoint).toBe(head);
      expect(rounds).toBeGreaterThan(0);

      const live = await snapshotTables(db.sql);
      const cases = liveHistory.streams.filter((s) => s.streamType === 'case').length;
      expect(live.rm_cases).toHaveLength(cases);
      // The generator reopens a case 30–200 days after its closure, never after its post-closure
      // follow-up fell due, so stat_past_follow_ups stays empty here (statistics.int.spec.ts fills it).
      for (const table of Object.keys(live).filter((t) => t !== 'stat_past_follow_ups'))
        expect({ table, rows: live[table].length }).not.toEqual({ table, rows: 0 });

      for (const projection of PROJECTIONS) expect(await rebuildProjection(store, projection)).toBe(events);
      const rebuilt = await snapshotTables(db.sql);
      expect(Object.keys(rebuilt)).toEqual(Object.keys(live));
      for (const table of Object.keys(live)) {
        expect({ table, rows: rebuilt[table].length }).toEqual({ table, rows: live[table].length });
        expect(rebuilt[table]).toEqual(live[table]);
      }
    } finally {
      await db.dispose();
    }
  });
});

/** The store, counting the events its reads of all events and by stream return. */
class CountingStore extends SqlEventStore {
  inOrder = 0;
  byStream = 0;
  override async readAll(after: number, limit: number, db?: SqlQueryable): Promise<RecordedEvent[]> {
    const events = await super.readAll(after, limit, db);
    this.inOrder += events.length;
    return events;
  }
  override async readByStream(
    after: { streamId: string; version: number },
    upTo: number,
    limit: number,
    db?: SqlQueryable,
  ): Promise<RecordedEvent[]> {
    const events = await super.readByStream(after, upTo, limit, db);
    this.byStream += events.length;
    return events;
  }
}

async function checkpoints(sql: SqlClient): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ consumer: string; position: number }>(
    'SELECT consumer, position FROM es_checkpoints ORDER BY consumer',
  );
  return Object.fromEntries(rows.map((r) => [r.consumer, r.position]));
}

async function shadowsLeft(sql: SqlClient): Promise<string[]> {
  const { rows } = await sql.query<{ schema: string }>('SELECT current_schema() AS schema');
  const shadows = PROJECTIONS.map((p) => shadowSchema(rows[0].schema, p.name));
  const found = await sql.query<{ name: string }>(
    'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name = ANY($1::text[])',
    [shadows],
  );
  return found.rows.map((r) => r.name);
}

describe.each<Driver>(['postgres', 'pglite'])(
  'every read model rebuilt in one pass over the events (%s)',
  (driver) => {
    const history = generateHistory({
      seed: 4711,
      tenants: 3,
      cases: driver === 'postgres' ? 400 : 200,
      years: 1.5,
    });

    it('reads each event once (stream by stream for the stream-local ones, once in order for the rest) and gives the same tables as rebuilding one by one', async () => {
      const db = await createTestDatabase(driver);
      try {
        const { events } = await writeHistory(db.sql, history, { batchRows: 2000 });
        const store = new CountingStore(db.sql);
        // One of them as a read model that is not stream-local: replayed in global order.
        const mixed = PROJECTIONS.map((p) =>
          p.name === 'statistics-volume' ? { ...p, streamLocal: false } : p,
        );
        const applied = await rebuildProjections(store, mixed, 500);
        expect(applied).toEqual(Object.fromEntries(PROJECTIONS.map((p) => [p.name, events])));
        const streamLocal = mixed.filter((p) => p.streamLocal);
        expect(streamLocal.length).toBeGreaterThan(1);
        expect(streamLocal.length).toBeLessThan(mixed.length);
        expect({ byStream: store.byStream, inOrder: store.inOrder }).toEqual({
          byStream: events,
          inOrder: events,
        });
        expect(Object.values(await checkpoints(db.sql))).toEqual(PROJECTIONS.map(() => events));
        const together = await snapshotTables(db.sql);

        for (const projection of PROJECTIONS) await rebuildProjection(store, projection, 500);
        const oneByOne = await snapshotTables(db.sql);
        for (const table of Object.keys(oneByOne)) {
          expect({ table, rows: together[table].length }).toEqual({ table, rows: oneByOne[table].length });
          expect(together[table]).toEqual(oneByOne[table]);
        }
        expect(await shadowsLeft(db.sql)).toEqual([]);

        // The service's read models are all stream-local: one read stream by stream, none in order.
        expect(PROJECTIONS.every((p) => p.streamLocal)).toBe(true);
        const counted = new CountingStore(db.sql);
        expect(await rebuildProjections(counted, PROJECTIONS, 500)).toEqual(applied);
        expect({ byStream: counted.byStream, inOrder: counted.inOrder }).toEqual({
          byStream: events,
          inOrder: 0,
        });
        const allStreamLocal = await snapshotTables(db.sql);
        for (const table of Object.keys(oneByOne)) expect(allStreamLocal[table]).toEqual(oneByOne[table]);
        expect(await shadowsLeft(db.sql)).toEqual([]);
      } finally {
        await db.dispose();
      }
    });

    it('stopped midway by a failing read model, leaves every read model and checkpoint as the live consumers left them, and the next run ends where they are', async () => {
      const db = await createTestDatabase(driver);
      try {
        const { events } = await writeHistory(db.sql, history, { batchRows: 2000 });
        const store = new SqlEventStore(db.sql);
        const subs = PROJECTIONS.map((p) => projectionSubscription(store, p, 1000));
        for (const sub of subs) {
          await sub.loadCheckpoint();
          await sub.catchUp();
        }
        const live = await snapshotTables(db.sql);
        const liveCheckpoints = await checkpoints(db.sql);
        expect(Object.values(liveCheckpoints)).toEqual(PROJECTIONS.map(() => events));

        // The deadlines read model fails in its third batch, the others part-way through theirs.
        let batches = 0;
        const failing = PROJECTIONS.map((p): Projection =>
          p.name !== 'deadlines'
            ? p
            : {
                ...p,
                async apply(batch, tx, store) {
                  if (++batches === 3) throw new Error('the disk is full');
                  await p.apply(batch, tx, store);
                },
              },
        );
        await expect(rebuildProjections(store, failing, 300)).rejects.toThrow('the disk is full');
        expect(batches).toBe(3);
        expect(await shadowsLeft(db.sql)).toEqual([]);
        expect(await checkpoints(db.sql)).toEqual(liveCheckpoints);
        const afterFailure = await snapshotTables(db.sql);
        for (const table of Object.keys(live)) expect(afterFailure[table]).toEqual(live[table]);

        // Run again: every event applied once to each, and the same rows as the live consumers'.
        expect(await rebuildProjections(store, PROJECTIONS, 300)).toEqual(
          Object.fromEntries(PROJECTIONS.map((p) => [p.name, events])),
        );
        expect(await checkpoints(db.sql)).toEqual(liveCheckpoints);
        const rebuilt = await snapshotTables(db.sql);
        for (const table of Object.keys(live)) {
          expect({ table, rows: rebuilt[table].length }).toEqual({ table, rows: live[table].length });
          expect(rebuilt[table]).toEqual(live[table]);
        }
      } finally {
        await db.dispose();
      }
    });
  },
);

describe('a rebuild on a live server (postgres)', () => {
  it('holds no other consumer back while it replays, and takes in the events recorded meanwhile', async () => {
    const db = await createTestDatabase('postgres');
    let resume = () => {};
    let rebuilding: Promise<number> | undefined;
    try {
      const store = new SqlEventStore(db.sql);
      const small = generateHistory({ seed: 99, tenants: 2, cases: 150, years: 1 });
      await writeHistory(db.sql, small);
      const volume = PROJECTIONS.find((p) => p.name === 'statistics-volume')!;
      const live = projectionSubscription(store, volume, 100);
      await live.loadCheckpoint();
      await live.catchUp();

      // The rebuild pauses before its second batch, its first one committed.
      let batches = 0;
      let paused!: () => void;
      const pausedAt = new Promise<void>((r) => (paused = r));
      const resumed = new Promise<void>((r) => (resume = r));
      const gated: Projection = {
        ...volume,
        async apply(events, tx, store) {
          if (++batches === 2) {
            paused();
            await resumed;
          }
          await volume.apply(events, tx, store);
        },
      };
      rebuilding = rebuildProjection(store, gated, 50);
      await pausedAt;

      // Meanwhile a consultation is recorded: every reader sees it at once, and the live consumer applies it.
      const consultationId = '0b5e7a4e-3c1f-4d7e-9a55-6f0b2d1c9e11';
      const appended = await store.append(
        `consultation-${consultationId}`,
        [
          {
            type: 'ConsultationRecorded',
            data: {
              consultationId,
              insatsCode: 'AMT-ARBETSFORMEDLARE',
              party: 'ARBETSFORMEDLINGEN',
              occurredOn: '2026-06-01',
            },
            metadata: {
              tenant: 'torg-01',
              actor: { sub: 'test', roles: ['handlaggare'] },
              correlationId: 'test',
            },
          },
        ],
        { expectedVersion: 'no_stream', tenant: 'torg-01', streamType: 'consultation' },
      );
      // Readers see it as soon as no older transaction is in flight: other test files' are short, the paused rebuild's is not open.
      const until = Date.now() + 10_000;
      while ((await store.headPosition()) < appended.position && Date.now() < until) await sleep(20);
      expect(await store.headPosition()).toBe(appended.position);
      await live.catchUp();
      expect(live.checkpoint).toBe(appended.position);
      const liveRows = await snapshotTables(db.sql, [volume]);

      resume();
      expect(await rebuilding).toBe(appended.position);
      expect(await snapshotTables(db.sql, [volume])).toEqual(liveRows);
      expect(liveRows.stat_consultations.some((row) => row.includes(consultationId))).toBe(true);
      // The shadow tables are gone, and the checkpoint is where the events end.
      const { rows } = await db.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = $1',
        [shadowSchema(db.schema!, volume.name)],
      );
      expect(rows[0].n).toBe(0);
      await live.loadCheckpoint();
      expect(live.checkpoint).toBe(appended.position);
    } finally {
      resume();
      await rebuilding?.catch(() => undefined);
      await db.dispose();
    }
  });
});
