import { randomUUID } from 'node:crypto';
import {
  SqlEventStore,
  StaleContextError,
  WrongExpectedVersionError,
  type AppendResult,
  type NewEvent,
  type RecordedEvent,
  type SqlClient,
  type StreamGuard,
} from '@app/event-store';
import { createTestDatabase, type Driver, type TestDatabase } from '../../../test/support/database';

const meta = { tenant: 't1', actor: { sub: 'u1', roles: ['system'] }, correlationId: 'c1' };

function ev(type: string, eventId?: string): NewEvent {
  return { type, data: { type }, metadata: meta, ...(eventId ? { eventId } : {}) };
}

function opts(expectedVersion: 'no_stream' | 'any' | number, guards?: StreamGuard[]) {
  return { expectedVersion, tenant: 't1', streamType: 'test', ...(guards ? { guards } : {}) };
}

/** The statements sent through `sql`, by the append function they call. */
function counted(sql: SqlClient): {
  sql: SqlClient;
  many: () => number;
  alone: () => number;
  streamReads: () => number;
  others: () => number;
} {
  let others = 0;
  let many = 0;
  let alone = 0;
  let streamReads = 0;
  return {
    sql: {
      ...sql,
      kind: sql.kind,
      query: (text, params, options) => {
        if (text.includes('es_append_many(')) many++;
        else if (text.includes('es_append(')) alone++;
        else if (/FROM es_events\s+WHERE stream_id = |CROSS JOIN LATERAL/.test(text)) streamReads++;
        else others++;
        return sql.query(text, params, options);
      },
    },
    many: () => many,
    alone: () => alone,
    streamReads: () => streamReads,
    others: () => others,
  };
}

describe.each<Driver>(['postgres', 'pglite'])('appends and stream reads made together share a statement (%s)', (driver) => {
  let db: TestDatabase;
  let statements: ReturnType<typeof counted>;
  let store: SqlEventStore;
  /** The test's own name for a stream: the tests share one database. */
  let s: (name: string) => string;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await db.dispose();
  });
  beforeEach(() => {
    statements = counted(db.sql);
    store = new SqlEventStore(statements.sql);
    const prefix = randomUUID();
    s = (name) => `${prefix}-${name}`;
  });

  it('thirty appends to thirty streams made at once: fewer statements, each its own versions, every event once in order', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => store.append(s(`s-${i}`), [ev('A'), ev('B')], opts('no_stream'))),
    );
    expect(statements.many()).toBeLessThan(30);
    expect(statements.alone()).toBe(0);
    for (const [i, r] of results.entries()) {
      expect(r.version).toBe(2);
      expect(r.events.map((e) => [e.streamId, e.version, e.type])).toEqual([
        [s(`s-${i}`), 1, 'A'],
        [s(`s-${i}`), 2, 'B'],
      ]);
      expect(r.events[1].position).toBe(r.events[0].position + 1);
      expect(r.position).toBe(r.events[1].position);
      const stored = await store.readStream(s(`s-${i}`));
      expect(stored.map((e) => [e.position, e.eventId, e.recordedAt])).toEqual(
        r.events.map((e) => [e.position, e.eventId, e.recordedAt]),
      );
      expect(await store.streamVersion(s(`s-${i}`))).toBe(2);
    }
    const positions = results.flatMap((r) => r.events.map((e) => e.position));
    expect(new Set(positions).size).toBe(60);
    // In the order they were made.
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('a stale expected version and a moved guard refuse their own append alone; the others in the statement are written', async () => {
    await store.append(s('behind'), [ev('A')], opts('no_stream'));
    await store.append(s('config'), [ev('Configured')], opts('no_stream'));
    const before = statements.many();
    const [fresh, stale, guardedStale, guardedCurrent] = await Promise.allSettled([
      store.append(s('fresh'), [ev('A')], opts('no_stream')),
      store.append(s('behind'), [ev('B')], opts(2)),
      store.append(
        s('reads-old-config'),
        [ev('A')],
        opts('no_stream', [{ streamId: s('config'), version: 0 }]),
      ),
      store.append(s('reads-config'), [ev('A')], opts('no_stream', [{ streamId: s('config'), version: 1 }])),
    ]);
    expect(statements.many() - before).toBe(1);
    expect(fresh).toMatchObject({ status: 'fulfilled', value: { version: 1 } });
    expect(guardedCurrent).toMatchObject({ status: 'fulfilled', value: { version: 1 } });
    expect(stale.status).toBe('rejected');
    const conflict = (stale as PromiseRejectedResult).reason as WrongExpectedVersionError;
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
    expect([conflict.streamId, conflict.expected, conflict.actual]).toEqual([s('behind'), 2, 1]);
    const moved = (guardedStale as PromiseRejectedResult).reason as StaleContextError;
    expect(moved).toBeInstanceOf(StaleContextError);
    expect([moved.streamId, moved.read, moved.actual]).toEqual([s('config'), 0, 1]);
    // Refused: nothing written.
    expect(await store.streamVersion(s('behind'))).toBe(1);
    expect(await store.streamVersion(s('reads-old-config'))).toBe(0);
  });

  it('each append carries its audit rows: written in its statement with its events, none for an append refused', async () => {
    await store.append(s('behind'), [ev('A')], opts('no_stream'));
    const request = randomUUID();
    const row = (name: string) => ({
      at: '2026-06-15T10:00:00.000Z',
      tenant: 't1',
      actor: 'u1',
      roles: ['handlaggare'],
      party: 'KOMMUN',
      action: 'record-follow-up.record',
      route: 'POST /api/v1/cases/:id/follow-ups',
      status: 201,
      case_id: null,
      person_id: null,
      request_id: `${request}-${name}`,
    });
    const before = statements.many() + statements.alone();
    const [fresh, stale, plain] = await Promise.allSettled([
      store.append(s('fresh'), [ev('A')], { ...opts('no_stream'), audit: [row('fresh'), row('fresh')] }),
      store.append(s('behind'), [ev('B')], { ...opts(2), audit: [row('stale')] }),
      store.append(s('plain'), [ev('A')], opts('no_stream')),
    ]);
    // The rows went in the appends' statements (on a server one for the three), none of their own.
    expect(statements.others()).toBe(0);
    if (driver === 'postgres') expect(statements.many() + statements.alone() - before).toBe(1);
    expect(fresh).toMatchObject({ status: 'fulfilled', value: { version: 1, auditWritten: true } });
    expect(plain.status).toBe('fulfilled');
    expect((plain as PromiseFulfilledResult<AppendResult>).value.auditWritten).toBeUndefined();
    expect((stale as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    const { rows } = await db.sql.query<{ request_id: string; status: number; party: string; roles: string[] }>(
      'SELECT request_id, status, party, roles FROM audit_log WHERE request_id LIKE $1 ORDER BY id',
      [`${request}-%`],
    );
    expect(rows).toEqual([
      { request_id: `${request}-fresh`, status: 201, party: 'KOMMUN', roles: ['handlaggare'] },
      { request_id: `${request}-fresh`, status: 201, party: 'KOMMUN', roles: ['handlaggare'] },
    ]);
  });

  it('two appends to one stream made at once go one after the other, in the order they were made', async () => {
    const [first, second] = await Promise.all([
      store.append(s('s'), [ev('First')], opts('any')),
      store.append(s('s'), [ev('Second')], opts('any')),
    ]);
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.position).toBeGreaterThan(first.position);
    const both = await Promise.allSettled([
      store.append(s('t'), [ev('A')], opts('no_stream')),
      store.append(s('t'), [ev('B')], opts('no_stream')),
    ]);
    expect(both[0].status).toBe('fulfilled');
    expect((both[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readStream(s('t'))).map((e) => e.type)).toEqual(['A']);
  });

  it('an append guarding a stream written in the same turn is checked after that write, as if it came alone', async () => {
    await store.append(s('config'), [ev('Configured')], opts('no_stream'));
    const [write, read] = await Promise.allSettled([
      store.append(s('config'), [ev('Changed')], opts(1)),
      store.append(
        s('decision'),
        [ev('Decided')],
        opts('no_stream', [{ streamId: s('config'), version: 1 }]),
      ),
    ]);
    expect(write).toMatchObject({ status: 'fulfilled', value: { version: 2 } });
    const moved = (read as PromiseRejectedResult).reason as StaleContextError;
    expect(moved).toBeInstanceOf(StaleContextError);
    expect([moved.streamId, moved.read, moved.actual]).toEqual([s('config'), 1, 2]);
  });

  it('a statement that fails as a whole (an event id used twice): each append is tried on its own and gets its own answer', async () => {
    const eventId = randomUUID();
    const [first, reused, other] = await Promise.allSettled([
      store.append(s('a'), [ev('A', eventId)], opts('no_stream')),
      store.append(s('b'), [ev('B', eventId)], opts('no_stream')),
      store.append(s('c'), [ev('C')], opts('no_stream')),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { version: 1 } });
    expect(other).toMatchObject({ status: 'fulfilled', value: { version: 1 } });
    expect(reused.status).toBe('rejected');
    expect((reused as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    expect(statements.alone()).toBe(3);
    expect(await store.streamVersion(s('b'))).toBe(0);
  });

  it('an append inside an open transaction fails at once; the appends made beside it are written', async () => {
    let inside: Promise<AppendResult> | undefined;
    const beside = store.append(s('beside'), [ev('A')], opts('no_stream'));
    await db.sql.transaction(async () => {
      inside = store.append(s('inside'), [ev('A')], opts('no_stream'));
      await expect(inside).rejects.toThrow(/outside the open transaction "the test's"/);
    }, "the test's");
    await expect(beside).resolves.toMatchObject({ version: 1 });
    expect(await store.streamVersion(s('inside'))).toBe(0);
  });

  it('stream reads made at once share statements, and each gets what it would have read alone', async () => {
    for (let i = 0; i < 12; i++) {
      await store.append(s(`r-${i}`), Array.from({ length: 1 + (i % 4) }, (_, k) => ev(`E${k}`)), opts('no_stream'));
    }
    const reads = Array.from({ length: 36 }, (_, n) => {
      const i = n % 12;
      // Whole streams, from a version on, at most a few: the reads a command and a view make.
      const options = n < 12 ? {} : n < 24 ? { fromVersion: 2 } : { maxCount: 2 };
      return { stream: s(`r-${i}`), options };
    });
    const before = statements.streamReads();
    const together = await Promise.all(reads.map((r) => store.readStream(r.stream, r.options)));
    expect(statements.streamReads() - before).toBeLessThan(reads.length);
    const alone: RecordedEvent[][] = [];
    for (const r of reads) alone.push(await store.readStream(r.stream, r.options));
    expect(together).toEqual(alone);
    expect(together[3].map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3']);
    expect(together[15].map((e) => e.version)).toEqual([2, 3, 4]);
    expect(together[27].map((e) => e.version)).toEqual([1, 2]);
    expect(await store.readStream(s('none'))).toEqual([]);
  });

  it('a stream read inside an open transaction fails at once; one through the transaction reads there', async () => {
    await store.append(s('t'), [ev('A')], opts('no_stream'));
    await db.sql.transaction(async (tx) => {
      await expect(store.readStream(s('t'))).rejects.toThrow(/outside the open transaction "the test's"/);
      expect((await store.readStream(s('t'), { db: tx })).map((e) => e.type)).toEqual(['A']);
    }, "the test's");
  });

  if (driver === 'postgres') {
    it('a stream another transaction holds does not hold up the others: they are written, and it is once it is free', async () => {
      let release!: () => void;
      let locked!: () => void;
      const lockTaken = new Promise<void>((r) => (locked = r));
      const held = db.sql.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [s('held')]);
        locked();
        await new Promise<void>((r) => (release = r));
      });
      await lockTaken;
      let heldDone = false;
      const heldAppend = store
        .append(s('held'), [ev('A')], opts('no_stream'))
        .finally(() => (heldDone = true));
      const free = await Promise.all([
        store.append(s('free-1'), [ev('A')], opts('no_stream')),
        store.append(s('free-2'), [ev('A')], opts('no_stream')),
      ]);
      expect(free.map((r) => r.version)).toEqual([1, 1]);
      expect(heldDone).toBe(false);
      // The held append waits in es_append of its own, outside the statements counted at once.
      expect(statements.alone()).toBe(1);
      // A later append to the held stream waits behind the first, and the others still go.
      const heldNext = store.append(s('held'), [ev('B')], opts('any'));
      await store.append(s('free-3'), [ev('A')], opts('no_stream'));
      release();
      await held;
      await expect(heldAppend).resolves.toMatchObject({ version: 1 });
      await expect(heldNext).resolves.toMatchObject({ version: 2 });
      expect((await store.readStream(s('held'))).map((e) => e.type)).toEqual(['A', 'B']);
    });
  }
});
