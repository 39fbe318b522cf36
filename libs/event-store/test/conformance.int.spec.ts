import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CheckpointedSubscription,
  EventStore,
  SqlEventStore,
  StaleContextError,
  TransactionMisuseError,
  WrongExpectedVersionError,
  createPgliteClient,
  migrate,
  type NewEvent,
  type RecordedEvent,
  type SqlClient,
  type SqlQueryable,
} from '@app/event-store';
import { KurrentDbEventStore } from '../src/drivers/kurrentdb-event-store';
import {
  TEST_DATABASE_URL,
  createTestDatabase,
  emptyEmbeddedDatabase,
  pgliteTemplate,
  type Driver,
  type TestDatabase,
} from '../../../test/support/database';

const meta = { tenant: 't1', actor: { sub: 'u1', roles: ['processledare'] }, correlationId: 'c1' };

function ev(type: string, data: Record<string, unknown> = {}, businessDate?: string): NewEvent {
  return { type, data, metadata: { ...meta, businessDate } };
}

function opts(expectedVersion: 'no_stream' | 'any' | number) {
  return { expectedVersion, tenant: 't1', streamType: 'test' } as const;
}

/** Waits until every committed event is visible to readers (other test files' transactions can hold them back). */
async function settled(store: EventStore): Promise<void> {
  for (;;) {
    if ((await store.headPosition()) >= (await store.lastPosition())) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function readEverything(store: EventStore, batch = 1000): Promise<RecordedEvent[]> {
  await settled(store);
  const all: RecordedEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await store.readAll(after, batch);
    if (page.length === 0) return all;
    all.push(...page);
    after = page[page.length - 1].position;
  }
}

async function appliedTable(sql: SqlClient): Promise<void> {
  await sql.query('CREATE TABLE applied (position bigint NOT NULL)');
}

async function appliedPositions(sql: SqlClient): Promise<number[]> {
  const { rows } = await sql.query<{ position: number }>('SELECT position FROM applied ORDER BY position');
  return rows.map((r) => r.position);
}

/**
 * KurrentDB runs the same contract when a server is named: there is none on a developer's machine
 * or in the default test run, so without one the suite says it skipped, and why, instead of passing.
 */
const KURRENTDB_URL = process.env.KURRENTDB_URL;
const KURRENTDB_SKIPPED =
  'skipped: KURRENTDB_URL is not set, so there is no KurrentDB server to run against ' +
  '(npm run test:kurrentdb with KURRENTDB_URL=esdb://host:2113?tls=false runs it)';
if (!KURRENTDB_URL) console.warn(`event store contract (kurrentdb) ${KURRENTDB_SKIPPED}`);

type StoreDriver = Driver | 'kurrentdb';

const CONTRACT_DRIVERS: { driver: StoreDriver; name: string }[] = [
  { driver: 'postgres', name: 'postgres' },
  { driver: 'pglite', name: 'pglite' },
  { driver: 'kurrentdb', name: KURRENTDB_URL ? 'kurrentdb' : `kurrentdb — ${KURRENTDB_SKIPPED}` },
];

/**
 * A fresh store for one test. KurrentDB has no schemas: each test's streams live in a namespace of
 * their own, which is also what its reads of $all are filtered on; checkpoints and read models
 * live in a PostgreSQL schema of the test's own, as in production.
 */
interface Harness {
  db: TestDatabase;
  store: EventStore;
  /** Another store over the same events, on `sql` (a counting wrapper of db.sql). */
  storeOver(sql: SqlClient): EventStore;
  dispose(): Promise<void>;
}

async function openHarness(driver: StoreDriver, embedded?: TestDatabase): Promise<Harness> {
  if (driver === 'kurrentdb') {
    const db = await createTestDatabase('postgres');
    const namespace = `t_${randomBytes(6).toString('hex')}`;
    const opened: EventStore[] = [];
    const storeOver = (sql: SqlClient) => {
      const store = new KurrentDbEventStore(sql, { connectionString: KURRENTDB_URL!, namespace });
      opened.push(store);
      return store;
    };
    return {
      db,
      store: storeOver(db.sql),
      storeOver,
      async dispose() {
        for (const store of opened) await store.close();
        await db.dispose();
      },
    };
  }
  let db: TestDatabase;
  if (driver === 'pglite' && embedded) {
    await emptyEmbeddedDatabase(embedded.sql);
    db = embedded;
  } else db = await createTestDatabase(driver);
  return {
    db,
    store: new SqlEventStore(db.sql),
    storeOver: (sql) => new SqlEventStore(sql),
    dispose: async () => {
      if (db !== embedded) await db.dispose();
    },
  };
}

/** The embedded store: one database per file and driver, emptied and migrated again before each test. */
function useHarness(driver: StoreDriver): () => Harness {
  let harness: Harness | undefined;
  let embedded: TestDatabase | undefined;
  beforeEach(async () => {
    if (driver === 'pglite' && !embedded) embedded = await createTestDatabase('pglite');
    harness = await openHarness(driver, embedded);
  });
  afterEach(async () => {
    await harness?.dispose();
    harness = undefined;
  });
  afterAll(async () => {
    await embedded?.dispose();
  });
  return () => harness!;
}

for (const { driver, name } of CONTRACT_DRIVERS) {
  // Without a server, the KurrentDB row is listed test by test as skipped, under a name that says why.
  const describeContract = driver === 'kurrentdb' && !KURRENTDB_URL ? describe.skip : describe;
  describeContract(`event store contract (${name})`, () => {
    let db: TestDatabase;
    let store: EventStore;
    let storeOver: Harness['storeOver'];
    const harness = useHarness(driver);
    beforeEach(() => {
      ({ db, store, storeOver } = harness());
    });

    describe('appends and reads', () => {
      it('keeps the whole envelope: id, type, schema version, data, metadata, business date, recorded time', async () => {
        const eventId = randomUUID();
        const result = await store.append(
          'case-1',
          [
            {
              eventId,
              type: 'CaseInitiated',
              schemaVersion: 2,
              data: { a: 1, nested: { b: [1, 2] } },
              metadata: { ...meta, causationId: 'cmd-1', businessDate: '2026-01-05' },
              recordedAt: '2026-01-06T10:00:00.000Z',
            },
          ],
          opts('no_stream'),
        );
        expect(result.version).toBe(1);
        const [read] = await store.readStream('case-1');
        expect(read).toEqual({
          position: result.position,
          streamId: 'case-1',
          version: 1,
          eventId,
          type: 'CaseInitiated',
          schemaVersion: 2,
          data: { a: 1, nested: { b: [1, 2] } },
          metadata: { ...meta, causationId: 'cmd-1', businessDate: '2026-01-05' },
          tenant: 't1',
          businessDate: '2026-01-05',
          recordedAt: '2026-01-06T10:00:00.000Z',
        });
        expect(result.events[0]).toEqual(read);
      });

      it('numbers a stream from 1 and reads it from a version', async () => {
        await store.append('s', [ev('A'), ev('B'), ev('C')], opts('no_stream'));
        await store.append('s', [ev('D')], opts(3));
        expect((await store.readStream('s')).map((e) => [e.version, e.type])).toEqual([
          [1, 'A'],
          [2, 'B'],
          [3, 'C'],
          [4, 'D'],
        ]);
        expect((await store.readStream('s', { fromVersion: 3 })).map((e) => e.type)).toEqual(['C', 'D']);
        expect(await store.streamVersion('s')).toBe(4);
        expect(await store.streamVersion('unknown')).toBe(0);
        expect(await store.readStream('unknown')).toEqual([]);
      });

      it('refuses an empty append', async () => {
        await expect(store.append('s', [], opts('any'))).rejects.toThrow(RangeError);
      });

      it('reads what read models need besides a batch: earlier events, a stream’s last position, the last one written', async () => {
        expect(await store.lastPosition()).toBe(0);
        expect(await store.streamPosition('s')).toBe(0);
        const s1 = await store.append('s', [ev('A'), ev('B'), ev('C')], opts('no_stream'));
        const t1 = await store.append('t', [ev('A'), ev('D')], opts('no_stream'));
        expect(await store.streamPosition('s')).toBe(s1.position);
        expect(await store.lastPosition()).toBe(t1.position);
        expect((await store.readStream('s', { fromVersion: 2, maxCount: 1 })).map((e) => e.type)).toEqual([
          'B',
        ]);
        const earlier = await store.readEarlier([
          { streamId: 't', before: 3 },
          { streamId: 's', before: 3 },
          { streamId: 'unknown', before: 5 },
        ]);
        expect(earlier.map((e) => [e.streamId, e.version, e.type])).toEqual([
          ['s', 1, 'A'],
          ['s', 2, 'B'],
          ['t', 1, 'A'],
          ['t', 2, 'D'],
        ]);
        expect(earlier[0]).toEqual((await store.readStream('s'))[0]);
        const typed = await store.readEarlier(
          [
            { streamId: 's', before: 4 },
            { streamId: 't', before: 4 },
          ],
          { types: ['A'] },
        );
        expect(typed.map((e) => [e.streamId, e.version])).toEqual([
          ['s', 1],
          ['t', 1],
        ]);
        expect(await store.readEarlier([])).toEqual([]);
      });

      it('reads the events one request appended after a position: its tenant, request id and caller only', async () => {
        const by = (type: string, tenant: string, correlationId: string, sub: string): NewEvent => ({
          type,
          data: {},
          metadata: { tenant, actor: { sub, roles: ['processledare'] }, correlationId },
        });
        const before = await store.append('r0', [by('Before', 't1', 'req-1', 'u1')], opts('no_stream'));
        await store.append(
          'r1',
          [by('Mine1', 't1', 'req-1', 'u1'), by('Mine2', 't1', 'req-1', 'u1')],
          opts('no_stream'),
        );
        await store.append('r2', [by('OtherRequest', 't1', 'req-2', 'u1')], opts('no_stream'));
        await store.append('r3', [by('OtherCaller', 't1', 'req-1', 'u2')], opts('no_stream'));
        await store.append('r4', [by('OtherTenant', 't2', 'req-1', 'u1')], {
          ...opts('no_stream'),
          tenant: 't2',
        });
        await store.append('r5', [by('Mine3', 't1', 'req-1', 'u1')], opts('no_stream'));
        await settled(store);
        const mine = await store.readRequest(before.position, {
          tenant: 't1',
          correlationId: 'req-1',
          sub: 'u1',
        });
        expect(mine.map((e) => [e.streamId, e.type])).toEqual([
          ['r1', 'Mine1'],
          ['r1', 'Mine2'],
          ['r5', 'Mine3'],
        ]);
        expect(
          await store.readRequest(before.position, { tenant: 't1', correlationId: 'req-9', sub: 'u1' }),
        ).toEqual([]);
      });

      it('reads by stream and version up to a position, after a given stream and version', async () => {
        await store.append('b', [ev('B1'), ev('B2')], opts('no_stream'));
        const upTo = (await store.append('a', [ev('A1')], opts('no_stream'))).position;
        await store.append('a', [ev('A2')], opts(1));
        const page = await store.readByStream({ streamId: '', version: 0 }, upTo, 2);
        expect(page.map((e) => e.type)).toEqual(['A1', 'B1']);
        const rest = await store.readByStream({ streamId: 'b', version: 1 }, upTo, 10);
        expect(rest.map((e) => e.type)).toEqual(['B2']);
      });
    });

    describe('expected versions', () => {
      const cases: { name: string; existing: number; expected: 'no_stream' | 'any' | number; ok: boolean }[] =
        [
          { name: 'no_stream on a new stream', existing: 0, expected: 'no_stream', ok: true },
          { name: 'no_stream on an existing stream', existing: 2, expected: 'no_stream', ok: false },
          { name: 'the exact version', existing: 2, expected: 2, ok: true },
          { name: 'a version behind', existing: 2, expected: 1, ok: false },
          { name: 'a version ahead', existing: 2, expected: 3, ok: false },
          { name: 'a version on a new stream', existing: 0, expected: 1, ok: false },
          { name: 'any on a new stream', existing: 0, expected: 'any', ok: true },
          { name: 'any on an existing stream', existing: 2, expected: 'any', ok: true },
        ];
      it.each(cases)('$name → ok=$ok', async ({ existing, expected, ok }) => {
        if (existing)
          await store.append(
            's',
            Array.from({ length: existing }, () => ev('Seed')),
            opts('no_stream'),
          );
        const attempt = store.append('s', [ev('Next')], opts(expected));
        if (ok) {
          await expect(attempt).resolves.toMatchObject({ version: existing + 1 });
        } else {
          const err = await attempt.catch((e: unknown) => e);
          expect(err).toBeInstanceOf(WrongExpectedVersionError);
          expect((err as WrongExpectedVersionError).actual).toBe(existing);
          expect(await store.streamVersion('s')).toBe(existing);
          expect((await readEverything(store)).length).toBe(existing);
        }
      });

      it('refuses a version that is not a positive integer', async () => {
        await expect(store.append('s', [ev('A')], opts(0))).rejects.toThrow(RangeError);
      });

      it('lets exactly one of many concurrent appends at the same version through', async () => {
        await store.append('s', [ev('Seed')], opts('no_stream'));
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.append('s', [ev('Try', { i })], opts(1))),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(rejected).toHaveLength(19);
        rejected.forEach((r) => expect(r.reason).toBeInstanceOf(WrongExpectedVersionError));
        expect((await store.readStream('s')).map((e) => e.version)).toEqual([1, 2]);
      });
    });

    describe('context guards', () => {
      it('writes when every stream the decision read is still at the version it was read at (0: absent)', async () => {
        await store.append('config', [ev('Set'), ev('Set')], opts('no_stream'));
        const guards = [
          { streamId: 'config', version: 2 },
          { streamId: 'never-written', version: 0 },
        ];
        await expect(store.append('s', [ev('A')], { ...opts('no_stream'), guards })).resolves.toMatchObject({
          version: 1,
        });
      });

      it('writes nothing when a stream the decision read has moved since, and names it', async () => {
        await store.append('config', [ev('Set')], opts('no_stream'));
        await store.append('s', [ev('A')], opts('no_stream'));
        await store.append('config', [ev('Changed')], opts(1));
        const err = await store
          .append('s', [ev('B'), ev('C')], { ...opts(1), guards: [{ streamId: 'config', version: 1 }] })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StaleContextError);
        expect(err).toMatchObject({ streamId: 'config', read: 1, actual: 2 });
        expect(await store.streamVersion('s')).toBe(1);
        expect((await readEverything(store)).map((e) => e.type)).toEqual(['Set', 'A', 'Changed']);
        // A stream read as absent that has come into being since is a change too.
        await expect(
          store.append('s', [ev('B')], { ...opts(1), guards: [{ streamId: 'config', version: 0 }] }),
        ).rejects.toBeInstanceOf(StaleContextError);
      });

      it('refuses a guard without a version, and writes nothing', async () => {
        await store.append('config', [ev('Set')], opts('no_stream'));
        await expect(
          store.append('s', [ev('A')], { ...opts('no_stream'), guards: [{ streamId: 'config' } as never] }),
        ).rejects.toThrow();
        expect(await store.streamVersion('s')).toBe(0);
      });
    });

    it('holds a 10,000-event stream and reads it whole and from the middle', async () => {
      let version = 0;
      for (let b = 0; b < 20; b++) {
        const batch = Array.from({ length: 500 }, (_, i) => ev('Tick', { n: b * 500 + i }));
        const r = await store.append('long', batch, opts(version === 0 ? 'no_stream' : version));
        version = r.version;
      }
      expect(version).toBe(10_000);
      const all = await store.readStream('long');
      expect(all).toHaveLength(10_000);
      expect(all.every((e, i) => e.version === i + 1 && (e.data as { n: number }).n === i)).toBe(true);
      const tail = await store.readStream('long', { fromVersion: 9_001 });
      expect(tail.map((e) => e.version)).toEqual(Array.from({ length: 1000 }, (_, i) => 9_001 + i));
    });

    it('reads all events in one global order, in batches, with every stream in its own order', async () => {
      for (let i = 0; i < 50; i++) {
        await store.append(`s-${i % 7}`, [ev('E', { i }), ev('F', { i })], opts('any'));
      }
      const all = await readEverything(store, 13);
      expect(all).toHaveLength(100);
      expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((a, b) => a - b));
      expect(all.map((e) => (e.data as { i: number }).i)).toEqual(
        Array.from({ length: 100 }, (_, k) => Math.floor(k / 2)),
      );
      await settled(store);
      expect(await store.headPosition()).toBe(all[all.length - 1].position);
    });

    describe('one session: inside a transaction, everything goes through it', () => {
      it('a query, an append or a second transaction sent past the open one fails at once, naming the caller and the transaction', async () => {
        const started = Date.now();
        await db.sql.transaction(async (tx) => {
          await tx.query('SELECT 1');
          await expect(db.sql.query('SELECT 1')).rejects.toThrow(TransactionMisuseError);
          await expect(store.append('s', [ev('E')], opts('any'))).rejects.toThrow(
            /append.*conformance\.int\.spec\.ts.*open transaction "checkpoint of the test"/,
          );
          await expect(db.sql.transaction(async () => undefined)).rejects.toThrow(TransactionMisuseError);
          await expect(db.sql.exec('SELECT 1')).rejects.toThrow(TransactionMisuseError);
        }, 'checkpoint of the test');
        // At once: on the embedded store each of them would have waited for the transaction for ever.
        expect(Date.now() - started).toBeLessThan(5000);
        // Once it has ended, the same calls go through; what the transaction left behind is not held to it.
        await expect(db.sql.query('SELECT 1')).resolves.toBeDefined();
        expect(await store.streamVersion('s')).toBe(0);
      });

      it('work started inside a transaction that runs on after it ended is not refused', async () => {
        let later: Promise<unknown> | undefined;
        await db.sql.transaction(async () => {
          later = new Promise((r) => setTimeout(r, 20)).then(() => db.sql.query('SELECT 1'));
        });
        await expect(later).resolves.toBeDefined();
      });

      it('a reactor writes through the store before its batch transaction, and the checkpoint follows', async () => {
        await store.append('case-1', [ev('DecisionRecorded')], opts('no_stream'));
        const reactor = new CheckpointedSubscription(store, {
          name: 'reactor',
          accepts: (e) => e.type === 'DecisionRecorded',
          react: async (events) => {
            for (const e of events)
              await store.append(`protocol-${e.streamId}`, [ev('ProtocolEntry')], opts('any'));
          },
        });
        await reactor.loadCheckpoint();
        await settled(store);
        await reactor.catchUp();
        expect(await store.streamVersion('protocol-case-1')).toBe(1);
        const { rows } = await db.sql.query<{ position: number }>(
          "SELECT position FROM es_checkpoints WHERE consumer = 'reactor'",
        );
        expect(rows[0].position).toBeGreaterThanOrEqual(1);
      });
    });

    describe('checkpointed subscriptions', () => {
      function consumer(name = 'consumer', batchSize = 10) {
        return new CheckpointedSubscription(store, {
          name,
          batchSize,
          handle: async (events, tx) => {
            for (const e of events)
              await tx.query('INSERT INTO applied (position) VALUES ($1)', [e.position]);
          },
        });
      }

      it('resumes after a restart from its checkpoint: nothing twice, nothing skipped', async () => {
        await appliedTable(db.sql);
        for (let i = 0; i < 30; i++) await store.append(`s-${i % 3}`, [ev('E', { i })], opts('any'));
        const first = consumer();
        await first.loadCheckpoint();
        await settled(store);
        await first.processBatch();
        await first.processBatch();
        expect(first.checkpoint).toBeGreaterThan(0);
        // "Restart": a new instance with only the database to go on.
        for (let i = 30; i < 45; i++) await store.append(`s-${i % 3}`, [ev('E', { i })], opts('any'));
        const second = consumer();
        expect(await second.loadCheckpoint()).toBe(first.checkpoint);
        await second.catchUp();
        const positions = (await readEverything(store)).map((e) => e.position);
        expect(await appliedPositions(db.sql)).toEqual(positions);
      });

      it('counts a consumer as stuck from when events began to wait for it, not from its last move', async () => {
        let now = 1_000_000;
        let fail = false;
        const sub = new CheckpointedSubscription(store, {
          name: 'quiet',
          clock: () => now,
          handle: async () => {
            if (fail) throw new Error('cannot go on');
          },
        });
        await store.append('s', [ev('E')], opts('any'));
        await sub.loadCheckpoint();
        await settled(store);
        await sub.catchUp();
        // An hour with nothing to do, looking now and then: not stuck.
        now += 3_600_000;
        expect(await sub.processBatch()).toBe(0);
        expect(sub.sinceMoved).toBe(0);
        // An event arrives: it has waited a moment, not an hour.
        await store.append('s', [ev('E')], opts('any'));
        now += 1_000;
        expect(sub.sinceMoved).toBe(1_000);
        // A consumer that fails on it stays where it was while the time goes on.
        fail = true;
        await settled(store);
        now += 60_000;
        await expect(sub.processBatch()).rejects.toThrow('cannot go on');
        expect(sub.sinceMoved).toBe(61_000);
        fail = false;
        expect(await sub.processBatch()).toBe(1);
        expect(sub.sinceMoved).toBe(0);
      });

      it('rolls its own writes back with the checkpoint when a batch fails', async () => {
        await appliedTable(db.sql);
        for (let i = 0; i < 5; i++) await store.append('s', [ev('E', { i })], opts('any'));
        let fail = true;
        const sub = new CheckpointedSubscription(store, {
          name: 'flaky',
          handle: async (events, tx) => {
            for (const e of events)
              await tx.query('INSERT INTO applied (position) VALUES ($1)', [e.position]);
            if (fail) throw new Error('boom');
          },
        });
        await sub.loadCheckpoint();
        await settled(store);
        await expect(sub.processBatch()).rejects.toThrow('boom');
        expect(await appliedPositions(db.sql)).toEqual([]);
        fail = false;
        await sub.catchUp();
        expect(await appliedPositions(db.sql)).toHaveLength(5);
      });

      it('passes over batches with none of the events it takes, without a transaction; stores the position in time', async () => {
        await appliedTable(db.sql);
        let transactions = 0;
        let now = 1_000_000;
        const counted = storeOver({
          ...db.sql,
          transaction: (fn) => {
            transactions++;
            return db.sql.transaction(fn);
          },
        });
        const sub = new CheckpointedSubscription(counted, {
          name: 'choosy',
          batchSize: 2,
          accepts: (e) => e.type === 'Wanted',
          checkpointEveryMs: 1000,
          clock: () => now,
          handle: async (events, tx) => {
            for (const e of events.filter((x) => x.type === 'Wanted'))
              await tx.query('INSERT INTO applied (position) VALUES ($1)', [e.position]);
          },
        });
        const others = await store.append(
          's',
          Array.from({ length: 6 }, () => ev('Other')),
          opts('any'),
        );
        await settled(store);
        await sub.loadCheckpoint();
        for (let i = 0; i < 3; i++) expect(await sub.processBatch()).toBe(2);
        expect(transactions).toBe(0);
        expect(sub.checkpoint).toBe(others.position);
        await expect(sub.waitFor(others.position, 100)).resolves.toBe(true);
        const stored = async () =>
          (
            await db.sql.query<{ position: number }>(
              "SELECT position FROM es_checkpoints WHERE consumer = 'choosy'",
            )
          ).rows[0]?.position;
        expect(await stored()).toBeUndefined();

        expect(await sub.processBatch()).toBe(0); // caught up, but stored a moment ago
        expect(transactions).toBe(0);
        now += 1000;
        expect(await sub.processBatch()).toBe(0); // a second later: stored, for readers in other processes
        expect(transactions).toBe(1);
        expect(await stored()).toBe(others.position);

        const wanted = await store.append('s', [ev('Other'), ev('Wanted')], opts('any'));
        await settled(store);
        expect(await sub.processBatch()).toBe(2);
        expect(transactions).toBe(2);
        expect(await appliedPositions(db.sql)).toEqual([wanted.position]);
        expect(await stored()).toBe(wanted.position);
      });

      it('tails live appends when started, and stops at a batch boundary', async () => {
        await appliedTable(db.sql);
        const sub = consumer('live', 3);
        await sub.start();
        const last = await store.append('s', [ev('A'), ev('B'), ev('C'), ev('D')], opts('any'));
        await expect(sub.waitFor(last.position, 5000)).resolves.toBe(true);
        await sub.stop();
        expect(await appliedPositions(db.sql)).toHaveLength(4);
        const { rows } = await db.sql.query<{ position: number }>(
          "SELECT position FROM es_checkpoints WHERE consumer = 'live'",
        );
        expect(rows[0].position).toBe(last.position);
      });

      it('two instances of one consumer never apply an event twice', async () => {
        await appliedTable(db.sql);
        for (let i = 0; i < 200; i++) await store.append(`s-${i % 5}`, [ev('E', { i })], opts('any'));
        const a = consumer('shared', 7);
        const b = consumer('shared', 7);
        await Promise.all([a.loadCheckpoint(), b.loadCheckpoint()]);
        await Promise.all([a.catchUp(), b.catchUp()]);
        const positions = (await readEverything(store)).map((e) => e.position);
        expect(await appliedPositions(db.sql)).toEqual(positions);
      });

      it('answers a reader waiting on one instance once another instance of the consumer has applied the position', async () => {
        await appliedTable(db.sql);
        for (let i = 0; i < 20; i++) await store.append('s', [ev('E', { i })], opts('any'));
        const a = consumer('shared', 50);
        const b = consumer('shared', 50);
        await Promise.all([a.loadCheckpoint(), b.loadCheckpoint()]);
        await b.catchUp();
        const last = (await readEverything(store)).at(-1)!.position;
        const answered = a.waitFor(last, 60_000);
        expect(await a.processBatch()).toBe(0); // b had moved the checkpoint: nothing applied twice
        await expect(answered).resolves.toBe(true);
        expect(await appliedPositions(db.sql)).toHaveLength(20);
      });
    });
  });
}

describe.each<Driver>(['postgres', 'pglite'])('SQL event store (%s)', (driver) => {
  let db: TestDatabase;
  let store: EventStore;
  const harness = useHarness(driver);
  beforeEach(() => {
    ({ db, store } = harness());
  });

  // KurrentDB keeps event ids unique within a stream only (a retried append of the same event is
  // written once): the service's ids are random UUIDs, so this is the SQL store's own check.
  describe('event ids', () => {
    it('refuses an event id used before, and writes nothing of that batch', async () => {
      const eventId = randomUUID();
      await store.append('s', [{ ...ev('A'), eventId }], opts('no_stream'));
      await expect(
        store.append('s2', [ev('B'), { ...ev('C'), eventId }], opts('no_stream')),
      ).rejects.toThrow();
      expect(await store.readStream('s2')).toEqual([]);
      expect((await readEverything(store)).length).toBe(1);
      // The global append lock was released: later appends go through.
      await store.append('s3', [ev('D')], opts('no_stream'));
    });
  });

  describe('earlier events', () => {
    it('reads each stream by its index, however many events the store holds and whether or not it was analysed', async () => {
      await db.sql.query(
        `INSERT INTO es_events (event_id, stream_id, version, tenant, type, schema_version, data, metadata, business_date, recorded_at)
         SELECT gen_random_uuid(), 'case-' || (g / 10), g % 10 + 1, 't', 'Seeded', 1, '{}', '{}', '2026-01-01', now()
           FROM generate_series(0, 19999) g`,
      );
      let statement: { text: string; params: unknown[] } | undefined;
      const capturing: SqlQueryable = {
        query: (text, params, options) => {
          statement = { text, params: params ?? [] };
          return db.sql.query(text, params, options);
        },
        exec: (text) => db.sql.exec(text),
      };
      const earlier = await store.readEarlier(
        [
          { streamId: 'case-7', before: 4 },
          { streamId: 'case-1999', before: 11 },
        ],
        { db: capturing },
      );
      expect(earlier.map((e) => [e.streamId, e.version])).toEqual([
        ['case-1999', 1],
        ['case-1999', 2],
        ['case-1999', 3],
        ['case-1999', 4],
        ['case-1999', 5],
        ['case-1999', 6],
        ['case-1999', 7],
        ['case-1999', 8],
        ['case-1999', 9],
        ['case-1999', 10],
        ['case-7', 1],
        ['case-7', 2],
        ['case-7', 3],
      ]);
      for (const analysed of [false, true]) {
        if (analysed) await db.sql.query('ANALYZE es_events');
        const { rows } = await db.sql.query<{ 'QUERY PLAN': unknown }>(
          `EXPLAIN (FORMAT JSON) ${statement!.text}`,
          statement!.params,
        );
        type PlanNode = {
          'Node Type': string;
          'Relation Name'?: string;
          'Index Cond'?: string;
          Plans?: PlanNode[];
        };
        const scans: PlanNode[] = [];
        const walk = (node: PlanNode) => {
          if (node['Relation Name'] === 'es_events') scans.push(node);
          node.Plans?.forEach(walk);
        };
        walk((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan);
        // One range of the (stream_id, version) index per stream asked for: not the whole table,
        // nor the whole index in order beside the sorted list (a merge join).
        expect(scans).toHaveLength(1);
        const cond = scans[0]['Index Cond'] ?? scans[0].Plans?.[0]?.['Index Cond'] ?? '';
        expect(cond).toMatch(/stream_id = x\.sid/);
      }
    });
  });

  describe('context guards', () => {
    it('waits for a write in flight to a guarded stream, then sees it (and a guard without a version is refused)', async () => {
      await store.append('config', [ev('Set')], opts('no_stream'));
      await expect(
        store.append('s', [ev('A')], { ...opts('no_stream'), guards: [{ streamId: 'config' } as never] }),
      ).rejects.toMatchObject({ code: 'ES400' });
      if (driver === 'pglite') return; // one session: no write can be in flight beside another
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const inFlight = new Promise<void>((resolve) => (written = resolve));
      // Another writer changes the configuration and has not committed yet.
      const change = db.sql.transaction(async (tx) => {
        await tx.query(`SELECT * FROM es_append('config', 't1', 'test', 1, $1::jsonb)`, [
          JSON.stringify([
            { eventId: randomUUID(), type: 'Changed', schemaVersion: 1, data: {}, metadata: meta },
          ]),
        ]);
        written();
        await held;
      });
      await inFlight;
      const guarded = store.append('s', [ev('Decided')], {
        ...opts('no_stream'),
        guards: [{ streamId: 'config', version: 1 }],
      });
      // It waits on the guarded stream's lock (shared, behind the writer's exclusive one).
      for (;;) {
        const { rows } = await db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND mode = 'ShareLock'
              AND ((classid::bigint << 32) | objid::bigint) = hashtextextended('config', 0)`,
        );
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      release();
      await change;
      await expect(guarded).rejects.toBeInstanceOf(StaleContextError);
      expect(await store.streamVersion('s')).toBe(0);
    });
  });

  /** A second store on the same database, counting its reads of all events from the database. */
  function countingReads(): { counted: SqlEventStore; reads: () => number } {
    let n = 0;
    const counted = new SqlEventStore({
      ...db.sql,
      query: (text, params) => {
        if (text.includes('pg_snapshot_xmin') && text.includes('ORDER BY position')) n++;
        return db.sql.query(text, params);
      },
    });
    return { counted, reads: () => n };
  }

  it('shares new events between the readers of one process: read once, then from memory, in the same order', async () => {
    const { counted, reads } = countingReads();
    for (let i = 0; i < 10; i++) await store.append(`s-${i % 3}`, [ev('E', { i })], opts('any'));
    await settled(store);
    const everything = await readEverything(store);
    const first = await counted.readAll(0, 4);
    expect(reads()).toBe(1);
    expect(await counted.readAll(0, 4)).toEqual(first); // a second consumer: from memory
    // The read took a page, more than the 4 asked for: what follows is served from memory too.
    const rest = await counted.readAll(first[3].position, 10);
    expect(reads()).toBe(1);
    expect(first).toHaveLength(4); // what a reader was given stays as it was
    expect([...first, ...rest]).toEqual(everything);
    expect(await counted.readAll(first[1].position, 3)).toEqual(everything.slice(2, 5));
    expect(await counted.readAll(0, 100)).toEqual(everything);
    expect(reads()).toBe(1);
    // Readers woken by the same append, asking at once: one read.
    const more = await store.append('s-0', [ev('E'), ev('E')], opts('any'));
    await settled(store);
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => counted.readAll(everything[9].position, 10)));
    expect(reads()).toBe(2);
    expect(a.map((e) => e.position)).toEqual([more.position - 1, more.position]);
    expect([b, c]).toEqual([a, a]);
    // Shared, so never changed by a reader.
    expect(Object.isFrozen(first[0].data)).toBe(true);
    // Inside a transaction a read is the transaction's own: fresh from the database, not the shared tail.
    const inTx = await db.sql.transaction((tx) => counted.readAll(0, 4, tx));
    expect(inTx).toEqual(first);
    expect(Object.isFrozen(inTx[0].data)).toBe(false);
    expect(reads()).toBe(2);
  });

  it('reads a long history in pages larger than a reader asks for: fewer reads than calls, every event once, in order', async () => {
    const { counted, reads } = countingReads();
    for (let b = 0; b < 12; b++)
      await store.append(
        `long-${b}`,
        Array.from({ length: 500 }, (_, i) => ev('Tick', { n: b * 500 + i })),
        opts('no_stream'),
      );
    await settled(store);
    const expected = await db.sql.transaction((tx) => store.readAll(0, 10_000, tx));
    expect(expected).toHaveLength(6000);
    let calls = 0;
    const all: RecordedEvent[] = [];
    for (let after = 0; ; calls++) {
      const batch = await counted.readAll(after, 1000);
      if (batch.length === 0) break;
      expect(batch.length).toBeLessThanOrEqual(1000);
      all.push(...batch);
      after = batch[batch.length - 1].position;
    }
    expect(all).toEqual(expected);
    // Pages of 2,500: two full, one of 1,000, then the empty read at the end; a reader's batch
    // stops where the page in memory ends, so 6 or 7 calls.
    expect(reads()).toBe(4);
    expect(calls).toBeGreaterThanOrEqual(6);
  });

  describe('checkpointed subscriptions', () => {
    it('resumes after a crash mid-batch (a killed child process): nothing twice, nothing skipped', async () => {
      let target: string;
      let reopen: () => Promise<SqlClient>;
      const total = 450;
      if (driver === 'pglite') {
        // PGlite is one process's database: seed it on disk, close it, hand it to the child.
        const dir = mkdtempSync(join(tmpdir(), 'es-crash-'));
        target = dir;
        const seed = await createPgliteClient(dir, { loadDataDir: await pgliteTemplate('empty') });
        await migrate(seed);
        await appliedTable(seed);
        const seedStore = new SqlEventStore(seed);
        for (let i = 0; i < total; i += 10) {
          await seedStore.append(
            `s-${i % 4}`,
            Array.from({ length: 10 }, (_, k) => ev('E', { i: i + k })),
            opts('any'),
          );
        }
        await seed.close();
        reopen = () => createPgliteClient(dir);
        afterCleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      } else {
        target = db.schema!;
        await appliedTable(db.sql);
        for (let i = 0; i < total; i += 10) {
          await store.append(
            `s-${i % 4}`,
            Array.from({ length: 10 }, (_, k) => ev('E', { i: i + k })),
            opts('any'),
          );
        }
        reopen = async () => db.sql;
      }

      const runChild = (crashAfter: number) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              '-r',
              join(__dirname, '../../../test/support/register.js'),
              join(__dirname, 'consumer.child.ts'),
              driver,
              target,
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
            code === 0 || signal === 'SIGKILL' ? resolve(out) : reject(new Error(err)),
          );
        });

      expect(await runChild(200)).toContain('MID-BATCH');
      const afterCrash = await reopen();
      const partial = await afterCrash.query<{ n: number }>('SELECT count(*)::int AS n FROM applied');
      const cp = await afterCrash.query<{ position: number }>(
        "SELECT position FROM es_checkpoints WHERE consumer = 'crash-test'",
      );
      // Exactly the committed batches are applied, and the checkpoint says so.
      expect(partial.rows[0].n).toBe(cp.rows[0].position === 0 ? 0 : partial.rows[0].n);
      expect(partial.rows[0].n).toBeGreaterThanOrEqual(200);
      expect(partial.rows[0].n).toBeLessThan(total);
      if (driver === 'pglite') await afterCrash.close();

      expect(await runChild(1_000_000)).toContain('DONE');
      const final = await reopen();
      const positions = (await new SqlEventStore(final).readStream('s-0')).length;
      expect(positions).toBeGreaterThan(0);
      const all = await readEverything(new SqlEventStore(final));
      const { rows } = await final.query<{ position: number }>(
        'SELECT position FROM applied ORDER BY position',
      );
      expect(rows.map((r) => r.position)).toEqual(all.map((e) => e.position));
      if (driver === 'pglite') await final.close();
    });
  });
});

const afterCleanup: (() => void)[] = [];
afterAll(() => afterCleanup.forEach((f) => f()));
