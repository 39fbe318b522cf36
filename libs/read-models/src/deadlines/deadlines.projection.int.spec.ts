import { randomUUID } from 'node:crypto';
import {
  type CaseEvent,
  DEFAULT_TENANT_SETTINGS,
  type TenantSettings,
  addDays,
  addMonths,
} from '@app/case-domain';
import { initiated } from '../../../case-domain/src/testing/fixtures';
import { CheckpointedSubscription, EventStore, SqlEventStore } from '@app/event-store';
import { rebuildProjection } from '../rebuild';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { noticesProjection } from '../notices/notices.projection';
import { caseDeadlineRows, deadlineJobId, deadlinesProjection, dueDeadlines } from './deadlines.projection';

// The deadlines and notices read models on the real PostgreSQL: given events in the store, when
// the projection catches up, then its rows are these.

const TENANT = 'torget';
const system = { sub: 'system:deadlines', roles: ['system'] };

describe('deadlines and notices projections', () => {
  let db: TestDatabase;
  let store: EventStore;
  const versions = new Map<string, number>();
  let last = 0;

  async function append(streamId: string, events: { type: string; data: unknown }[]) {
    const version = versions.get(streamId) ?? 0;
    const result = await store.append(
      streamId,
      events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { tenant: TENANT, actor: system, correlationId: 'test' },
      })),
      {
        expectedVersion: version === 0 ? 'no_stream' : version,
        tenant: TENANT,
        streamType: streamId.split('-')[0],
      },
    );
    versions.set(streamId, version + events.length);
    last = result.position;
  }
  /** Until both projections have applied the last append (readers see an event once no older transaction is in flight). */
  async function catchUp() {
    for (const p of [deadlinesProjection, noticesProjection]) {
      const sub = new CheckpointedSubscription(store, {
        name: p.name,
        handle: (events, tx, store) => p.apply(events, tx, store),
      });
      await sub.loadCheckpoint();
      const until = Date.now() + 10_000;
      while (sub.checkpoint < last) {
        if (Date.now() > until) throw new Error(`${p.name} did not reach ${last}`);
        if ((await sub.catchUp()) === 0) await new Promise((r) => setTimeout(r, 20));
      }
    }
  }
  const settings = (s: Partial<TenantSettings>) => ({
    type: 'TenantSettingsUpdated',
    data: { settings: { ...DEFAULT_TENANT_SETTINGS, ...s }, occurredOn: '2025-02-01' },
  });
  const newCase = async (extra: CaseEvent[] = []) => {
    const id = randomUUID();
    await append(`case-${id}`, [
      ...initiated({ caseId: id }),
      { type: 'CaseAccepted', data: { occurredOn: '2025-01-13' } },
      ...extra,
    ]);
    return id;
  };

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    store = new SqlEventStore(db.sql);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('given an accepted case without an insats: the 90-day miss and stagnation are pending; a recorded miss drops out', async () => {
    const id = await newCase();
    await catchUp();
    // Initiated 2025-01-10: 90 days end 2025-04-10, the miss is recorded the day after; last activity 2025-01-13.
    expect(await caseDeadlineRows(db.sql, id)).toEqual([
      { kind: 'STAGNANT', dueOn: addDays('2025-01-13', 56) },
      { kind: 'INSATS_DEADLINE', dueOn: '2025-04-11' },
      // R17: born 1990-05-20, 65 in 2055.
      { kind: 'AGE_LIMIT', dueOn: '2055-05-20' },
    ]);
    expect(
      (await dueDeadlines(db.sql, '2025-04-10', 100)).filter((d) => d.caseId === id).map((d) => d.kind),
    ).toEqual(['STAGNANT']);

    await append(`case-${id}`, [
      { type: 'InsatsDeadlineMissed', data: { insatsDeadline: '2025-04-10', occurredOn: '2025-04-11' } },
    ]);
    await catchUp();
    expect((await caseDeadlineRows(db.sql, id)).map((d) => d.kind)).toEqual(['STAGNANT', 'AGE_LIMIT']);
  });

  it('when the tenant’s settings change, every case’s due dates move; a closed case keeps only post-closure and retention', async () => {
    const open = await newCase();
    const closed = await newCase([
      {
        type: 'CaseClosed',
        data: {
          outcome: 'STUDIER',
          outcomeClass: 'ARBETE_STUDIER',
          slutdokumentation: true,
          survey: { offered: true, answered: false },
          endedInsatser: [],
          openSips: [],
          viaConsentWithdrawal: false,
          occurredOn: '2025-03-01',
        },
      } as unknown as CaseEvent,
    ]);
    await catchUp();
    expect(await caseDeadlineRows(db.sql, closed)).toEqual([
      { kind: 'POST_CLOSURE_FOLLOW_UP', dueOn: addMonths('2025-03-01', 12) },
      { kind: 'RETENTION', dueOn: addMonths('2025-03-01', 24) },
    ]);

    await append(`tenant-${TENANT}`, [settings({ stagnationWeeks: 2, retentionMonths: 6 })]);
    await catchUp();
    expect((await caseDeadlineRows(db.sql, open)).find((d) => d.kind === 'STAGNANT')).toEqual({
      kind: 'STAGNANT',
      dueOn: addDays('2025-01-13', 14),
    });
    expect((await caseDeadlineRows(db.sql, closed)).find((d) => d.kind === 'RETENTION')).toEqual({
      kind: 'RETENTION',
      dueOn: '2025-09-01',
    });

    // A case that arrives later is computed with the settings as they stand.
    const later = await newCase();
    await catchUp();
    expect((await caseDeadlineRows(db.sql, later)).find((d) => d.kind === 'STAGNANT')?.dueOn).toBe(
      addDays('2025-01-13', 14),
    );
  });

  it('the job id of a deadline is derived from it: the same deadline and case version give the same id', async () => {
    const d = { caseId: 'c', kind: 'FOLLOW_UP_3', dueOn: '2026-07-07', caseVersion: 4 };
    expect(deadlineJobId(d)).toBe('deadline-c-FOLLOW_UP_3-2026-07-07-v4');
    expect(deadlineJobId(d)).not.toContain(':');
  });

  it('notices go to the initiator and the owner’s party, once per event and party', async () => {
    const id = await newCase([
      { type: 'CaseReturned', data: { reason: 'sealed:reason', occurredOn: '2025-01-14' } },
    ] as CaseEvent[]);
    await append(`case-${id}`, [
      { type: 'CaseResubmitted', data: { occurredOn: '2025-01-15' } },
      { type: 'CaseAccepted', data: { occurredOn: '2025-01-16' } },
      {
        type: 'DecisionRecorded',
        data: {
          meetingId: randomUUID(),
          decision: 'FORDJUPAD_SAMORDNING',
          owner: { party: 'REGION' },
          recommendedInsatser: [],
          notParticipating: [],
          occurredOn: '2025-01-21',
        },
      },
      { type: 'InsatsDeadlineMissed', data: { insatsDeadline: '2025-04-10', occurredOn: '2025-04-11' } },
    ]);
    await catchUp();
    const { rows } = await db.sql.query<{ party: string; kind: string; occurred_on: string }>(
      'SELECT party, kind, occurred_on FROM notifications WHERE case_id = $1 ORDER BY position, party',
      [id],
    );
    expect(rows).toEqual([
      { party: 'KOMMUN', kind: 'CASE_RETURNED', occurred_on: '2025-01-14' },
      { party: 'KOMMUN', kind: 'INSATS_DEADLINE_MISSED', occurred_on: '2025-04-11' },
      { party: 'REGION', kind: 'INSATS_DEADLINE_MISSED', occurred_on: '2025-04-11' },
    ]);
  });

  it('rebuilt stream by stream, both read models equal the ones that followed the events live (settings changed between cases)', async () => {
    // The tests above left cases before and after a settings change, and a handover of ownership.
    await append(`tenant-${TENANT}`, [settings({ stagnationWeeks: 5, insatsDeadlineDays: 60 })]);
    await newCase();
    await catchUp();
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const [table, order] of [
        ['rm_deadlines', 'case_id, kind'],
        ['rm_deadline_cases', 'case_id'],
        ['rm_deadline_settings', 'tenant'],
        ['notifications', 'id'],
      ])
        out[table] = (await db.sql.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;
      return out;
    };
    const live = await snapshot();
    expect(live.rm_deadlines.length).toBeGreaterThan(10);
    expect(live.notifications.length).toBeGreaterThan(0);
    // Batches of 3 split streams, so a case is folded across batches and its parties read back from the store.
    for (const batchSize of [3, 5000]) {
      for (const p of [deadlinesProjection, noticesProjection]) await rebuildProjection(store, p, batchSize);
      expect(await snapshot()).toEqual(live);
    }
  });
});
