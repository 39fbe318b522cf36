import {
  CheckpointedSubscription,
  SqlEventStore,
  WrongExpectedVersionError,
  type RecordedEvent,
} from '@app/event-store';
import { createTestDatabase, type Driver, type TestDatabase } from '../../../test/support/database';

const meta = { tenant: 't1', actor: { sub: 'u1', roles: ['system'] }, correlationId: 'c1' };

describe.each<Driver>(['postgres', 'pglite'])('concurrent appenders with a live consumer (%s)', (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(driver, { poolSize: 12 });
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('8 appenders over 200 streams: the consumer sees every event once, in every stream order, no duplicate versions', async () => {
    const store = new SqlEventStore(db.sql);
    const seen: RecordedEvent[] = [];
    const consumer = new CheckpointedSubscription(store, {
      name: 'tail',
      batchSize: 50,
      idleMs: 5,
      handle: async (events) => {
        seen.push(...events);
      },
    });
    await consumer.start();

    const durationMs = driver === 'postgres' ? 3000 : 2000;
    const deadline = Date.now() + durationMs;
    let conflicts = 0;
    const appended: { streamId: string; version: number; position: number }[] = [];
    // Enough appends to interleave, however busy the machine is: past the window, the appenders go
    // on until 8 × 8 have been tried (a busy machine managed 10 in the pglite window).
    const enough = () => Date.now() >= deadline && appended.length + conflicts >= 8 * 8;
    // Several appenders deliberately share streams, half of them with an exact expected version.
    const appender = async (id: number) => {
      let n = 0;
      while (!enough()) {
        const streamId = `stream-${(id * 7919 + n * 31) % 200}`;
        const exact = n % 2 === 0;
        try {
          const expected = exact ? await store.streamVersion(streamId) : 'any';
          const r = await store.append(
            streamId,
            [{ type: 'Appended', data: { appender: id, n }, metadata: meta }],
            { expectedVersion: expected === 0 ? 'no_stream' : expected, tenant: 't1', streamType: 'test' },
          );
          appended.push({ streamId, version: r.version, position: r.position });
        } catch (err) {
          if (!(err instanceof WrongExpectedVersionError)) throw err;
          conflicts++;
        }
        n++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => appender(i)));
    // The last position written (headPosition() is what readers may see now, which other
    // transactions in the cluster can hold back for a moment).
    const last = Math.max(...appended.map((a) => a.position));
    await expect(consumer.waitFor(last, 10_000)).resolves.toBe(true);
    await consumer.stop();

    // Enough appends went through to interleave.
    expect(appended.length).toBeGreaterThan(8 * 4);
    // Every event exactly once.
    const positions = seen.map((e) => e.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect(positions.slice().sort((a, b) => a - b)).toEqual(
      appended.map((a) => a.position).sort((a, b) => a - b),
    );
    // Delivered in ascending global order: never a position below one already seen.
    expect(positions).toEqual(positions.slice().sort((a, b) => a - b));
    // Within each stream, versions arrive as 1, 2, 3, … without gaps or repeats.
    const byStream = new Map<string, number[]>();
    for (const e of seen) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.version]);
    for (const versions of byStream.values()) {
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    }
    const { rows } = await db.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT stream_id, version FROM es_events GROUP BY 1, 2 HAVING count(*) > 1) d',
    );
    expect(rows[0].n).toBe(0);
    // Every attempt either landed or was refused as a conflict; none vanished.
    expect(appended.length + conflicts).toBeGreaterThan(0);
  });
});
