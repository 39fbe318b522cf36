import { randomUUID } from 'node:crypto';
import {
  CheckpointedSubscription,
  SqlEventStore,
  type ConsumerOptions,
  type NewEvent,
  type SqlClient,
} from '@app/event-store';
import { createTestDatabase, type Driver, type TestDatabase } from '../../../test/support/database';

const meta = { tenant: 't1', actor: { sub: 'u1', roles: ['system'] }, correlationId: 'c1' };

function ev(type: string): NewEvent {
  return { type, data: { type }, metadata: meta };
}

/** The transactions begun through `sql`, by the name they were given. */
function counted(sql: SqlClient): { sql: SqlClient; transactions: string[] } {
  const transactions: string[] = [];
  return {
    transactions,
    sql: {
      ...sql,
      kind: sql.kind,
      query: (text, params, options) => sql.query(text, params, options),
      transaction: (fn, name) => {
        transactions.push(name ?? '');
        return sql.transaction(fn, name);
      },
    },
  };
}

async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each<Driver>(['postgres', 'pglite'])('consumers that read and commit together (%s)', (driver) => {
  let db: TestDatabase;
  let sql: ReturnType<typeof counted>;
  let store: SqlEventStore;
  /** The test's own names (streams, consumers): the tests share one database. */
  let prefix: string;
  const stream = (name: string) => `${prefix}-${name}`;
  const consumerName = (name: string) => `${prefix}-${name}`;
  let failing: Set<string>;
  const subs: CheckpointedSubscription[] = [];

  /** A member that records the test's own events it applies, by consumer, in the batch's transaction. */
  function member(name: string, accepts?: (type: string) => boolean): ConsumerOptions {
    return {
      name: consumerName(name),
      handle: async (events, tx) => {
        if (failing.has(name)) throw new Error(`${name} cannot apply this batch`);
        for (const e of events) {
          if (!e.streamId.startsWith(prefix) || (accepts && !accepts(e.type))) continue;
          await tx.query('INSERT INTO group_applied (consumer, position) VALUES ($1, $2)', [
            name,
            e.position,
          ]);
        }
      },
      ...(accepts ? { accepts: (e) => e.streamId.startsWith(prefix) && accepts(e.type) } : {}),
    };
  }

  function group(members: ConsumerOptions[], errors: unknown[] = []): CheckpointedSubscription {
    const sub = new CheckpointedSubscription(store, {
      name: consumerName('group'),
      batchSize: 100,
      idleMs: 20,
      gatherMs: 0,
      members,
      onError: (err) => errors.push(err),
    });
    subs.push(sub);
    return sub;
  }

  /** Positions each consumer applied, in order. */
  async function applied(): Promise<Record<string, number[]>> {
    const { rows } = await db.sql.query<{ consumer: string; position: number }>(
      'SELECT consumer, position FROM group_applied WHERE position > $1 ORDER BY consumer, position',
      [startedAt],
    );
    const out: Record<string, number[]> = {};
    for (const r of rows) (out[r.consumer] ??= []).push(Number(r.position));
    return out;
  }

  async function checkpoints(): Promise<Record<string, number>> {
    const { rows } = await db.sql.query<{ consumer: string; position: number }>(
      'SELECT consumer, position FROM es_checkpoints WHERE consumer LIKE $1 ORDER BY consumer',
      [`${prefix}-%`],
    );
    return Object.fromEntries(rows.map((r) => [r.consumer.slice(prefix.length + 1), Number(r.position)]));
  }

  async function appendMany(n: number, type = 'E'): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++)
      out.push((await store.append(stream(`s-${i % 3}`), [ev(type)], opts)).position);
    // Readers see an event once every transaction older than it has ended, anywhere on the server
    // (other test files' included): wait until a reader of its own sees all of them.
    await until(async () => (await new SqlEventStore(db.sql).readAll(out[0] - 1, n)).length === n);
    return out;
  }
  const opts = { expectedVersion: 'any' as const, tenant: 't1', streamType: 'test' };

  /** Every group in a test starts reading at the head: the events of earlier tests are not its own. */
  let startedAt: number;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    await db.sql.exec('CREATE TABLE group_applied (consumer text NOT NULL, position bigint NOT NULL)');
  });
  afterAll(async () => {
    await db.dispose();
  });
  beforeEach(async () => {
    sql = counted(db.sql);
    store = new SqlEventStore(sql.sql);
    prefix = randomUUID();
    failing = new Set();
    startedAt = await store.lastPosition();
  });
  afterEach(async () => {
    await Promise.all(subs.splice(0).map((s) => s.stop()));
  });

  /**
   * Once every member has joined the group again, the next event is applied to all of them in one
   * transaction, the group's. Returns its position.
   */
  async function joinedAgain(g: CheckpointedSubscription): Promise<number> {
    await until(() => g.membersAlone.length === 0);
    sql.transactions.length = 0;
    const [next] = await appendMany(1);
    for (const name of ['a', 'b', 'c']) {
      expect(await g.consumer(consumerName(name))!.waitFor(next, 10_000)).toBe(true);
    }
    expect(sql.transactions).toEqual([`consumer ${consumerName('group')}`]);
    return next;
  }

  /** The group's rows start where this test starts, as if every event before were applied. */
  async function fromHere(names: string[]): Promise<void> {
    for (const name of names) {
      await db.sql.query('INSERT INTO es_checkpoints (consumer, position) VALUES ($1, $2)', [
        consumerName(name),
        startedAt,
      ]);
    }
  }

  it('reads a batch once and applies it to every member in one transaction, moving each checkpoint', async () => {
    await fromHere(['a', 'b', 'c']);
    const g = group([member('a'), member('b'), member('c')]);
    await g.loadCheckpoint();
    const positions = await appendMany(6);
    expect(await g.processBatch()).toBe(6);
    expect(sql.transactions).toEqual([`consumer ${consumerName('group')}`]);
    expect(await applied()).toEqual({ a: positions, b: positions, c: positions });
    const last = positions[5];
    expect(await checkpoints()).toEqual({ a: last, b: last, c: last });
    for (const name of ['a', 'b', 'c']) expect(g.consumer(consumerName(name))!.checkpoint).toBe(last);
    expect(g.consumer(consumerName('group'))).toBeUndefined();
  });

  it("a group's first batch ever makes every member's row", async () => {
    const g = group([member('a'), member('b')]);
    await g.loadCheckpoint();
    expect(await checkpoints()).toEqual({});
    await g.catchUp();
    const head = await store.lastPosition();
    expect(await checkpoints()).toEqual({ a: head, b: head });
  });

  it('passes over a batch no member takes without a transaction, and calls no member for events it does not take', async () => {
    await fromHere(['a', 'b']);
    const g = group([member('a', (t) => t === 'A'), member('b', (t) => t === 'B')]);
    await g.loadCheckpoint();
    await appendMany(3, 'Other');
    expect(await g.processBatch()).toBe(3);
    expect(sql.transactions).toEqual([]);
    const [a] = await appendMany(1, 'A');
    expect(await g.processBatch()).toBe(1);
    expect(sql.transactions).toHaveLength(1);
    expect(await applied()).toEqual({ a: [a] });
    expect(await checkpoints()).toEqual({ a, b: a });
  });

  it('a member whose batch fails alone goes on alone; the others move on; it joins again once it stands where the group does', async () => {
    await fromHere(['a', 'b', 'c']);
    const errors: unknown[] = [];
    failing.add('b');
    const g = group([member('a'), member('b'), member('c')], errors);
    await g.start();
    const first = await appendMany(4);
    const last = first[3];
    const b = g.consumer(consumerName('b'))!;
    const waitingForB = b.waitFor(last, 10_000);
    expect(await g.consumer(consumerName('a'))!.waitFor(last, 10_000)).toBe(true);
    expect(await g.consumer(consumerName('c'))!.waitFor(last, 10_000)).toBe(true);
    expect(b.checkpoint).toBe(startedAt);
    expect(g.membersAlone).toEqual([consumerName('b')]);
    expect(errors.length).toBeGreaterThan(0);
    expect((errors[0] as Error).message).toBe('b cannot apply this batch');
    // Retried on its own, named as itself.
    await until(() => sql.transactions.includes(`consumer ${consumerName('b')}`));

    failing.delete('b');
    expect(await waitingForB).toBe(true);
    expect(await applied()).toEqual({ a: first, b: first, c: first });
    expect(await checkpoints()).toEqual({ a: last, b: last, c: last });

    const next = await joinedAgain(g);
    expect((await applied()).b).toEqual([...first, next]);
  });

  it('a member whose checkpoint a rebuild moved goes on alone from there; the others are not held up', async () => {
    await fromHere(['a', 'b', 'c']);
    const g = group([member('a'), member('b'), member('c')]);
    await g.loadCheckpoint();
    const positions = await appendMany(5);
    // A rebuild of b: it applied everything up to the third event and moved its checkpoint there.
    await db.sql.query('UPDATE es_checkpoints SET position = $2 WHERE consumer = $1', [
      consumerName('b'),
      positions[2],
    ]);
    expect(await g.processBatch()).toBe(0);
    expect(g.consumer(consumerName('b'))!.checkpoint).toBe(positions[2]);
    await g.catchUp();
    expect(await applied()).toEqual({ a: positions, b: positions.slice(3), c: positions });
    expect(await checkpoints()).toEqual({ a: positions[4], b: positions[4], c: positions[4] });
  });

  it("another process's group moved every checkpoint: this one goes on from there, every member together", async () => {
    await fromHere(['a', 'b']);
    const members = [member('a'), member('b')];
    const mine = group(members);
    const theirs = group(members);
    await mine.loadCheckpoint();
    await theirs.loadCheckpoint();
    const positions = await appendMany(3);
    expect(await theirs.processBatch()).toBe(3);
    expect(await mine.processBatch()).toBe(0);
    expect(mine.checkpoint).toBe(positions[2]);
    for (const name of ['a', 'b']) expect(mine.consumer(consumerName(name))!.checkpoint).toBe(positions[2]);
    const [next] = await appendMany(1);
    sql.transactions.length = 0;
    expect(await mine.processBatch()).toBe(1);
    expect(sql.transactions).toEqual([`consumer ${consumerName('group')}`]);
    expect(await applied()).toEqual({ a: [...positions, next], b: [...positions, next] });
  });

  it('starts where most members stand; a member elsewhere goes alone and joins again once caught up', async () => {
    const positions = await appendMany(4);
    await fromHere(['a', 'b']);
    await db.sql.query('INSERT INTO es_checkpoints (consumer, position) VALUES ($1, $2)', [
      consumerName('c'),
      positions[3],
    ]);
    const g = group([member('a'), member('b'), member('c')]);
    await g.start();
    expect(await g.consumer(consumerName('a'))!.waitFor(positions[3], 10_000)).toBe(true);
    expect(await applied()).toEqual({ a: positions, b: positions });
    const next = await joinedAgain(g);
    expect(await applied()).toEqual({ a: [...positions, next], b: [...positions, next], c: [next] });
  });

  it('an append made through another instance of the store ends an idle pause when told (appendedElsewhere)', async () => {
    // Idle for a minute between polls: only being told of the append moves it within the test.
    const g = new CheckpointedSubscription(store, {
      name: consumerName('group'),
      idleMs: 60_000,
      members: [member('a')],
    });
    subs.push(g);
    await g.start();
    await new Promise((r) => setTimeout(r, 200));
    const elsewhere = new SqlEventStore(db.sql);
    const { position } = await elsewhere.append(stream('s-0'), [ev('E')], opts);
    await until(async () => (await elsewhere.readAll(position - 1, 1)).length === 1);
    g.appendedElsewhere();
    await until(() => g.consumer(consumerName('a'))!.checkpoint >= position);
    expect((await applied()).a).toEqual([position]);
  });

  it('refuses a group whose members are named twice, or with a handler of its own', () => {
    expect(() => group([member('a'), member('a')])).toThrow('a member named twice');
    expect(
      () =>
        new CheckpointedSubscription(store, {
          name: 'g',
          members: [member('a')],
          handle: async () => undefined,
        }),
    ).toThrow('belong to its members');
  });
});
