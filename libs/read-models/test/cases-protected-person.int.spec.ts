import { randomUUID } from 'node:crypto';
import { SqlEventStore } from '@app/event-store';
import { PROJECTIONS, projectionSubscription, rebuildProjection } from '@app/read-models';
import { actors, initiated, initiateCommand } from '../../../libs/case-domain/src/testing/fixtures';
import { createTestDatabase, type Driver } from '../../../test/support/database';
import { snapshotTables } from './projection.child';

// DOMAIN.md §10: skyddade personuppgifter are a fact about the person. rm_cases.protected is set
// on every case of a person once any of their cases was initiated protected, live as the events
// come, and the same when the read model is rebuilt stream by stream (streams in id order, so a
// protected case may be replayed before or after the person's other cases).

const cases = PROJECTIONS.find((p) => p.name === 'cases')!;
const personA = randomUUID();
const personB = randomUUID();
const personC = randomUUID();
// [case id, person, protected], in the order they are recorded.
const initiations: [string, string, boolean][] = [
  ['aaaaaaaa-0000-4000-8000-000000000001', personA, false], // replayed before the person's protected case
  ['99999999-0000-4000-8000-000000000002', personB, false], // replayed after it
  ['cccccccc-0000-4000-8000-000000000003', personC, false], // a person never protected
  ['ffffffff-0000-4000-8000-000000000004', personA, true],
  ['11111111-0000-4000-8000-000000000005', personB, true],
];

describe.each<Driver>(['postgres', 'pglite'])('§10 skyddade personuppgifter in the cases read model (%s)', (driver) => {
  it('a protected case protects every case of its person, live and rebuilt alike', async () => {
    const db = await createTestDatabase(driver);
    try {
      const store = new SqlEventStore(db.sql);
      const live = projectionSubscription(store, cases, 100);
      await live.loadCheckpoint();
      for (const [caseId, personId, protectedIdentity] of initiations) {
        const events = initiated({
          caseId,
          person: { ...initiateCommand().person, personId, protectedIdentity },
        });
        await store.append(
          `case-${caseId}`,
          events.map((e) => ({
            type: e.type,
            data: e.data,
            metadata: { tenant: 'tenant-1', actor: actors.kommun, correlationId: randomUUID() },
          })),
          { expectedVersion: 'no_stream', tenant: 'tenant-1', streamType: 'case' },
        );
        await live.catchUp(); // one batch per case: the person's other rows are already there
      }
      const flags = async () =>
        Object.fromEntries(
          (
            await db.sql.query<{ case_id: string; protected: boolean }>('SELECT case_id::text AS case_id, protected FROM rm_cases')
          ).rows.map((r) => [r.case_id, r.protected]),
        );
      const expected = Object.fromEntries(initiations.map(([caseId, personId]) => [caseId, personId !== personC]));
      expect(await flags()).toEqual(expected);
      const liveRows = await snapshotTables(db.sql, [cases]);

      await rebuildProjection(store, cases);
      expect(await flags()).toEqual(expected);
      expect(await snapshotTables(db.sql, [cases])).toEqual(liveRows);
    } finally {
      await db.dispose();
    }
  });
});
