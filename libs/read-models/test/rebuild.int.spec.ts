import { setTimeout as sleep } from 'node:timers/promises';
import { EventStore } from '@app/event-store';
import { PROJECTIONS, projectionSubscription, rebuildProjection } from '@app/read-models';
import { generateHistory, writeHistory } from '../../../bench/generator';
import { createTestDatabase, type Driver } from '../../../test/support/database';
import { snapshotTables } from './projection.child';

// A realistic history from the real deciders: 1,000 cases of three torg over 18 months (~16,000 events).
const history = generateHistory({ seed: 4711, tenants: 3, cases: 1000, years: 1.5 });

describe.each<Driver>(['postgres', 'pglite'])('read models rebuilt from the events (%s)', (driver) => {
  it('are the same, row for row, as the ones that followed the events live', async () => {
    const db = await createTestDatabase(driver);
    try {
      const store = new EventStore(db.sql);
      const subs = PROJECTIONS.map((p) => projectionSubscription(store, p, 250));
      for (const sub of subs) await sub.loadCheckpoint();

      // Live: the projections follow while the history is being written, batch by batch.
      let written = false;
      const writing = writeHistory(db.sql, history, { batchRows: 2000 }).then((r) => {
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
      expect(events).toBe(history.counts.events);
      for (const sub of subs) await sub.catchUp();
      const head = await store.headPosition();
      expect(head).toBe(events);
      for (const sub of subs) expect(sub.checkpoint).toBe(head);
      expect(rounds).toBeGreaterThan(0);

      const live = await snapshotTables(db.sql);
      const cases = history.streams.filter((s) => s.streamType === 'case').length;
      expect(live.rm_cases).toHaveLength(cases);
      for (const table of Object.keys(live))
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
