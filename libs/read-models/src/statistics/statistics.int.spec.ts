import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type CaseCommand,
  type CaseContext,
  type CaseEvent,
  type CaseState,
  DEFAULT_TENANT_SETTINGS,
  decideCase,
  evolveCase,
  initialCaseState,
} from '@app/case-domain';
import { EventStore, SqlEventStore, type SqlClient } from '@app/event-store';
import { generateHistory, writeHistory } from '../../../../bench/generator';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import type { Projection } from '@app/event-store';
import { projectionSubscription, rebuildProjection } from '../rebuild';
import { createStatisticsCasesProjection, statisticsCasesProjection } from './cases/stat-cases.projection';
import { statisticsVolumeProjection } from './volume/stat-volume.projection';
import { participantsReport } from './queries/participants.query';
import { followUpsReport } from './queries/follow-ups.query';
import { leadTimesReport } from './queries/lead-times.query';
import { statisticsVersion } from './changes.query';

// The statistics projections on the real PostgreSQL: given events in the store, when the
// projection catches up, then the statistics tables hold these rows (docs/statistics.md).

const TENANT = 'torget';
const pl: Actor = { sub: 'pl-1', roles: ['processledare'] };
const admin: Actor = { sub: 'admin-1', roles: ['admin'] };
const kommun: Actor = { sub: 'soc-1', roles: ['handlaggare'], party: 'KOMMUN' };
const ctx: CaseContext = {
  catalogue: {
    ENTER: { name: 'Enter', party: 'KOMMUN', active: true },
    NOVA: { name: 'NOVA', party: 'REGION', active: true },
  },
  settings: { ...DEFAULT_TENANT_SETTINGS },
};

const STAT_TABLES = [...statisticsCasesProjection.tables, ...statisticsVolumeProjection.tables];

/** A sealed value as the API writes it: never to be found in a statistics table. */
const sealed = (personId: string, what: string) =>
  `pd1.${personId}.iv.tag.${Buffer.from(what).toString('base64url')}`;

/** Drives one case through the domain's decider and appends what it decides, like the API does. */
class CaseScript {
  state: CaseState = initialCaseState();
  readonly caseId = randomUUID();
  readonly personId: string;

  constructor(
    private readonly store: EventStore,
    personId = randomUUID(),
  ) {
    this.personId = personId;
  }

  async run(
    command: CaseCommand,
    today: string,
    actor: Actor = pl,
    context: CaseContext = ctx,
  ): Promise<CaseEvent[]> {
    const events = decideCase(command, this.state, context, {
      tenant: TENANT,
      actor,
      now: `${today}T09:00:00Z`,
      today,
    });
    if (events.length === 0) return events;
    await this.store.append(
      `case-${this.caseId}`,
      events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { tenant: TENANT, actor, correlationId: 'int', businessDate: e.data.occurredOn },
      })),
      { expectedVersion: 'any', tenant: TENANT, streamType: 'case' },
    );
    this.state = events.reduce(evolveCase, this.state);
    return events;
  }

  initiate(
    on: string,
    gender: 'KVINNA' | 'MAN' | 'ANNAT_EJ_SVAR' = 'KVINNA',
    unit?: string,
    consentValidUntil?: string,
  ) {
    return this.run(
      {
        type: 'InitiateCase',
        caseId: this.caseId,
        person: {
          personId: this.personId,
          name: sealed(this.personId, 'Anna Andersson'),
          personnummer: sealed(this.personId, '19900520-1234'),
          gender,
          birthDate: '1990-05-20',
        },
        consent: {
          givenBy: 'PERSON',
          givenOn: on,
          form: 'SKRIFTLIG',
          documentRef: sealed(this.personId, 'dok 4711'),
          scopeParties: ['KOMMUN', 'REGION', 'ARBETSFORMEDLINGEN'],
          ...(consentValidUntil ? { validUntil: consentValidUntil } : {}),
        },
        initiatingParty: 'KOMMUN',
        ...(unit ? { initiatingUnit: unit } : {}),
        otherParties: ['REGION'],
        question: sealed(this.personId, 'Hur kommer Anna närmare arbete?'),
        needs: sealed(this.personId, 'Stöd från psykiatrin.'),
        incomeSource: 'FORSORJNINGSSTOD',
        targetGroups: [],
        initiatedOn: on,
      },
      on,
      kommun,
    );
  }

  accept(on: string) {
    return this.run({ type: 'AcceptCase', acceptedOn: on }, on);
  }

  async startInsats(code: 'ENTER' | 'NOVA', on: string, step?: number, vas?: number): Promise<string> {
    const insatsId = randomUUID();
    await this.run({ type: 'StartInsats', insatsId, insatsCode: code, startedOn: on, step, vas }, on);
    return insatsId;
  }

  /** §10: erasure records its business date as the day it is run. */
  erase(on: string, reason = 'ERASURE_REQUEST') {
    return this.run({ type: 'EraseCasePersonalData', reason }, on, admin);
  }

  reopen(on: string) {
    return this.run({ type: 'ReopenCase', reason: sealed(this.personId, 'åter'), reopenedOn: on }, on);
  }

  followUp(month: 3 | 6 | 9 | 12 | 'POST_CLOSURE', on: string) {
    return this.run(
      { type: 'RecordFollowUp', month, recordedOn: on, incomeSource: 'FORSORJNINGSSTOD', step: 3 },
      on,
    );
  }

  close(on: string, outcome: 'ARBETE' | 'SJUKDOM' | 'STUDIER', step?: number) {
    return this.run(
      {
        type: 'CloseCase',
        closedOn: on,
        outcome,
        ...(outcome === 'ARBETE' ? { subtype: 'OSUBVENTIONERAD' as const } : {}),
        slutdokumentation: true,
        survey: { offered: true, answered: false },
        step,
      },
      on,
    );
  }
}

/**
 * Applies every event in the store. Readers only see transactions older than every one still in
 * flight on the server (es_append), and other suites share the server: wait for the last position.
 */
async function catchUp(store: EventStore, projection: Projection, batchSize = 1000): Promise<void> {
  const { rows } = await store.sql.query<{ p: number }>(
    'SELECT coalesce(max(position), 0)::int AS p FROM es_events',
  );
  const sub = projectionSubscription(store, projection, batchSize);
  await sub.loadCheckpoint();
  const deadline = Date.now() + 30_000;
  while (sub.checkpoint < rows[0].p) {
    if ((await sub.processBatch()) === 0) {
      if (Date.now() > deadline) throw new Error(`${projection.name} did not catch up`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

async function dump(sql: SqlClient): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of STAT_TABLES) {
    const { rows } = await sql.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
    out[table] = rows;
  }
  return out;
}

describe('statistics projections (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeEach(async () => {
    db = await createTestDatabase('postgres');
    store = new SqlEventStore(db.sql);
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('records an insats period from start to end with its reason, and the case dates lead times use', async () => {
    const c = new CaseScript(store);
    await c.initiate('2023-01-10', 'MAN', 'EKONOMISKT_BISTAND');
    await c.accept('2023-01-12');
    const id = await c.startInsats('ENTER', '2023-02-01', 2, 40);
    await c.run(
      { type: 'EndInsats', insatsId: id, endedOn: '2023-06-30', reason: 'STUDIER', extentPercent: 50 },
      '2023-06-30',
    );

    await catchUp(store, statisticsCasesProjection);

    const { rows: periods } = await db.sql.query('SELECT * FROM stat_insats_periods');
    expect(periods).toEqual([
      expect.objectContaining({
        case_id: c.caseId,
        insats_id: id,
        tenant: TENANT,
        person_id: c.personId,
        gender: 'MAN',
        age_band: '30-39',
        insats_code: 'ENTER',
        party: 'KOMMUN',
        started_on: '2023-02-01',
        ended_on: '2023-06-30',
        end_reason: 'STUDIER',
        end_class: 'arbete/studier',
        extent_percent: 50,
        ended_by: 'ENDED',
      }),
    ]);
    const { rows: cases } = await db.sql.query('SELECT * FROM stat_cases');
    expect(cases).toEqual([
      expect.objectContaining({
        case_id: c.caseId,
        initiating_party: 'KOMMUN',
        initiating_unit: 'EKONOMISKT_BISTAND',
        initiated_on: '2023-01-10',
        accepted_on: '2023-01-12',
        first_insats_on: '2023-02-01',
        insats_deadline: '2023-04-10',
        status: 'IN_COORDINATION',
      }),
    ]);
    const { rows: ratings } = await db.sql.query(
      'SELECT source, insats_id, rated_on, step, vas FROM stat_progress',
    );
    expect(ratings).toEqual([
      { source: 'INSATS_START', insats_id: id, rated_on: '2023-02-01', step: 2, vas: 40 },
    ]);
    const { rows: due } = await db.sql.query(
      'SELECT closed_on, fu3_due_on, fu3_recorded_on, fu6_due_on, fu9_due_on, fu12_due_on, fu_post_due_on FROM stat_cases',
    );
    expect(due).toEqual([
      {
        closed_on: null,
        fu3_due_on: '2023-05-01',
        fu3_recorded_on: null,
        fu6_due_on: '2023-08-01',
        fu9_due_on: '2023-11-01',
        fu12_due_on: '2024-02-01',
        fu_post_due_on: null,
      },
    ]);
  });

  it('ends open insatser with the closure, keeps both closures of a reopened case, and drops the reopened case’s post-closure follow-up', async () => {
    const c = new CaseScript(store);
    await c.initiate('2022-11-01');
    await c.accept('2022-11-02');
    const enter = await c.startInsats('ENTER', '2022-12-01', 2);
    await c.run(
      {
        type: 'RecordFollowUp',
        month: 3,
        recordedOn: '2023-03-05',
        incomeSource: 'FORSORJNINGSSTOD',
        step: 3,
      },
      '2023-03-05',
    );
    await c.close('2023-04-20', 'SJUKDOM', 3);
    await catchUp(store, statisticsCasesProjection);
    const { rows: post } = await db.sql.query('SELECT status, closed_on, fu_post_due_on FROM stat_cases');
    expect(post).toEqual([{ status: 'CLOSED', closed_on: '2023-04-20', fu_post_due_on: '2024-04-20' }]);

    await c.run(
      { type: 'ReopenCase', reason: sealed(c.personId, 'Ny sjukskrivning'), reopenedOn: '2023-05-02' },
      '2023-05-02',
    );
    const nova = await c.startInsats('NOVA', '2023-05-10', 3);
    await c.close('2023-11-30', 'ARBETE', 5);
    // Applied one event per batch: the fold continues from the stored state.
    await catchUp(store, statisticsCasesProjection, 1);

    const { rows: periods } = await db.sql.query(
      'SELECT insats_id, insats_code, started_on, ended_on, end_reason, ended_by FROM stat_insats_periods ORDER BY started_on',
    );
    expect(periods).toEqual([
      {
        insats_id: enter,
        insats_code: 'ENTER',
        started_on: '2022-12-01',
        ended_on: '2023-04-20',
        end_reason: 'SJUKDOM',
        ended_by: 'CASE_CLOSED',
      },
      {
        insats_id: nova,
        insats_code: 'NOVA',
        started_on: '2023-05-10',
        ended_on: '2023-11-30',
        end_reason: 'ARBETE',
        ended_by: 'CASE_CLOSED',
      },
    ]);
    const { rows: closures } = await db.sql.query(
      'SELECT closed_on, outcome, outcome_class, subtype FROM stat_closures ORDER BY position',
    );
    expect(closures).toEqual([
      { closed_on: '2023-04-20', outcome: 'SJUKDOM', outcome_class: 'other', subtype: null },
      {
        closed_on: '2023-11-30',
        outcome: 'ARBETE',
        outcome_class: 'arbete/studier',
        subtype: 'OSUBVENTIONERAD',
      },
    ]);
    const { rows: ratings } = await db.sql.query(
      'SELECT source, month, rated_on, step FROM stat_progress ORDER BY position',
    );
    expect(ratings).toEqual([
      { source: 'INSATS_START', month: null, rated_on: '2022-12-01', step: 2 },
      { source: 'FOLLOW_UP', month: '3', rated_on: '2023-03-05', step: 3 },
      { source: 'CLOSURE', month: null, rated_on: '2023-04-20', step: 3 },
      { source: 'INSATS_START', month: null, rated_on: '2023-05-10', step: 3 },
      { source: 'CLOSURE', month: null, rated_on: '2023-11-30', step: 5 },
    ]);
    // The first post-closure follow-up went with the reopening; the second closure owes one.
    const { rows: followUps } = await db.sql.query(
      `SELECT closed_on, fu3_due_on, fu3_recorded_on, fu6_due_on, fu6_recorded_on, fu9_due_on, fu12_due_on, fu_post_due_on
         FROM stat_cases`,
    );
    expect(followUps).toEqual([
      {
        closed_on: '2023-11-30',
        fu3_due_on: '2023-03-01',
        fu3_recorded_on: '2023-03-05',
        fu6_due_on: '2023-06-01',
        fu6_recorded_on: null,
        fu9_due_on: '2023-09-01',
        fu12_due_on: '2023-12-01',
        fu_post_due_on: '2024-11-30',
      },
    ]);
  });

  it('R15 a consent withdrawn after closure keeps the day the case ended: follow-ups it no longer owed stay not owed', async () => {
    const c = new CaseScript(store);
    await c.initiate('2025-01-10');
    await c.accept('2025-01-12');
    await c.startInsats('ENTER', '2025-01-20');
    await c.close('2025-03-01', 'ARBETE');
    await c.run({ type: 'WithdrawConsent', withdrawnOn: '2025-09-01' }, '2025-09-01');
    await catchUp(store, statisticsCasesProjection);
    // The 3- and 6-month follow-ups (due 2025-04-20 and 2025-07-20) fell after the closure: not owed.
    const { rows } = await db.sql.query('SELECT status, closed_on, fu3_due_on, fu6_due_on FROM stat_cases');
    expect(rows).toEqual([
      { status: 'WITHDRAWN', closed_on: '2025-03-01', fu3_due_on: '2025-04-20', fu6_due_on: '2025-07-20' },
    ]);
    const { rows: closures } = await db.sql.query('SELECT closed_on, outcome FROM stat_closures');
    expect(closures).toEqual([{ closed_on: '2025-03-01', outcome: 'ARBETE' }]);
  });

  it('R2 R10 follow-ups falling due after the consent has ended are not owed: no due date, never late', async () => {
    const c = new CaseScript(store);
    await c.initiate('2025-01-10', 'KVINNA', undefined, '2025-06-30');
    await c.accept('2025-01-12');
    await c.startInsats('ENTER', '2025-01-20');
    await catchUp(store, statisticsCasesProjection);
    const { rows } = await db.sql.query(
      'SELECT fu3_due_on, fu6_due_on, fu9_due_on, fu12_due_on FROM stat_cases',
    );
    expect(rows).toEqual([
      { fu3_due_on: '2025-04-20', fu6_due_on: null, fu9_due_on: null, fu12_due_on: null },
    ]);
  });

  it('§10 an open case erased: its insats is active up to the erasure and not after, ended without an outcome; follow-ups due after it are not owed', async () => {
    const c = new CaseScript(store);
    await c.initiate('2023-01-10');
    await c.accept('2023-01-12');
    const id = await c.startInsats('ENTER', '2023-02-01');
    await c.erase('2023-06-15');
    await catchUp(store, statisticsCasesProjection);

    const { rows: periods } = await db.sql.query(
      'SELECT insats_id, ended_on, end_reason, end_class, ended_by FROM stat_insats_periods',
    );
    expect(periods).toEqual([
      {
        insats_id: id,
        ended_on: '2023-06-15',
        end_reason: null,
        end_class: null,
        ended_by: 'PERSONAL_DATA_ERASED',
      },
    ]);
    // The 3-month follow-up (2023-05-01) fell due before the erasure: still owed, and late.
    const { rows: cases } = await db.sql.query(
      'SELECT status, closed_on, erased_on, fu3_due_on, fu6_due_on, fu9_due_on, fu12_due_on FROM stat_cases',
    );
    expect(cases).toEqual([
      {
        status: 'IN_COORDINATION',
        closed_on: null,
        erased_on: '2023-06-15',
        fu3_due_on: '2023-05-01',
        fu6_due_on: null,
        fu9_due_on: null,
        fu12_due_on: null,
      },
    ]);

    const in2023 = await participantsReport(db.sql, { tenant: TENANT, from: '2023-01-01', to: '2023-12-31' });
    expect(in2023.rows.map((r) => [r.insatsCode, r.participants.total, r.ended.total])).toEqual([
      ['ENTER', 1, 0],
    ]);
    const outcomes = Object.entries(in2023.rows[0].outcomes).filter(([k]) => k !== 'ARBETE_ELLER_STUDIER');
    expect(outcomes.reduce((n, [, v]) => n + v.total, 0)).toBe(in2023.rows[0].ended.total);
    const after = await participantsReport(db.sql, { tenant: TENANT, from: '2023-06-16', to: '2024-12-31' });
    expect(after.rows).toEqual([]);
    expect(after.unique.participants.total).toBe(0);

    const followUps = await followUpsReport(
      db.sql,
      { tenant: TENANT, from: '2023-01-01', to: '2024-12-31' },
      14,
      '2025-06-01',
    );
    expect([followUps.due, followUps.late, followUps.byMonth['3'].late]).toEqual([1, 1, 1]);
  });

  it('§10 a closed case erased by retention before its post-closure follow-up falls due owes none', async () => {
    const c = new CaseScript(store);
    await c.initiate('2023-01-10');
    await c.accept('2023-01-12');
    await c.startInsats('ENTER', '2023-02-01');
    await c.close('2023-03-01', 'ARBETE');
    await c.erase('2023-09-01', 'RETENTION');
    await catchUp(store, statisticsCasesProjection);
    const { rows } = await db.sql.query('SELECT closed_on, erased_on, fu_post_due_on FROM stat_cases');
    expect(rows).toEqual([{ closed_on: '2023-03-01', erased_on: '2023-09-01', fu_post_due_on: null }]);
    const report = await followUpsReport(
      db.sql,
      { tenant: TENANT, from: '2024-01-01', to: '2024-12-31' },
      14,
      '2025-06-01',
    );
    expect(report.due).toBe(0);
  });

  it('R7 the 90-day rule leaves a case out only if it was closed, not reopened, on its deadline', async () => {
    // Initiated 2023-01-10: the deadline is 2023-04-10.
    const reopenedBefore = new CaseScript(store);
    await reopenedBefore.initiate('2023-01-10');
    await reopenedBefore.accept('2023-01-12');
    await reopenedBefore.close('2023-03-01', 'SJUKDOM');
    await reopenedBefore.reopen('2023-03-20');
    const reopenedAfter = new CaseScript(store);
    await reopenedAfter.initiate('2023-01-10');
    await reopenedAfter.accept('2023-01-12');
    await reopenedAfter.close('2023-03-01', 'SJUKDOM');
    await reopenedAfter.reopen('2023-05-02');
    const closedOnDeadline = new CaseScript(store);
    await closedOnDeadline.initiate('2023-01-10');
    await closedOnDeadline.accept('2023-01-12');
    await closedOnDeadline.close('2023-04-10', 'SJUKDOM');
    // Initiated 2024-01-10 (deadline 2024-04-09) and erased before it: no deadline falls after an erasure.
    const erasedBefore = new CaseScript(store);
    await erasedBefore.initiate('2024-01-10');
    await erasedBefore.accept('2024-01-12');
    await erasedBefore.erase('2024-02-01');
    await catchUp(store, statisticsCasesProjection);

    const report = await leadTimesReport(
      db.sql,
      { tenant: TENANT, from: '2023-01-01', to: '2023-12-31' },
      '2025-01-01',
    );
    // Only the case reopened before its deadline was open then without an insats: a miss, as the domain records.
    expect(report.ninetyDayRule).toEqual({ cases: 1, met: 0, missed: 1, share: 0 });
    const erased = await leadTimesReport(
      db.sql,
      { tenant: TENANT, from: '2024-01-01', to: '2024-12-31' },
      '2025-01-01',
    );
    expect(erased.ninetyDayRule).toEqual({ cases: 0, met: 0, missed: 0, share: null });
  });

  it('R13 a follow-up that fell due while the case was closed is not owed after the reopening; the recorded ones stay counted', async () => {
    const c = new CaseScript(store);
    await c.initiate('2022-01-10');
    await c.accept('2022-01-12');
    await c.startInsats('ENTER', '2022-02-01'); // due 2022-05-01, 08-01, 11-01, 2023-02-01
    await c.followUp(3, '2022-05-03');
    await c.close('2022-06-01', 'SJUKDOM'); // post-closure due 2023-06-01
    await catchUp(store, statisticsCasesProjection);
    const period = { tenant: TENANT, from: '2022-01-01', to: '2023-12-31' };
    const before = await followUpsReport(db.sql, period, 14, '2023-12-01');
    // Closed: the 3-month one on time, the post-closure one late; 6, 9 and 12 fell due while closed.
    expect([before.onTime, before.late, before.pending]).toEqual([1, 1, 0]);

    await c.reopen('2023-09-01');
    await catchUp(store, statisticsCasesProjection);
    const { rows } = await db.sql.query(
      'SELECT closed_on, fu3_due_on, fu6_due_on, fu9_due_on, fu12_due_on, fu_post_due_on FROM stat_cases',
    );
    expect(rows).toEqual([
      {
        closed_on: null,
        fu3_due_on: '2022-05-01',
        fu6_due_on: null,
        fu9_due_on: null,
        fu12_due_on: null,
        fu_post_due_on: null,
      },
    ]);
    const { rows: past } = await db.sql.query('SELECT month, due_on, recorded_on FROM stat_past_follow_ups');
    expect(past).toEqual([{ month: 'POST_CLOSURE', due_on: '2023-06-01', recorded_on: null }]);
    // The reopening rewrites no past period.
    expect(await followUpsReport(db.sql, period, 14, '2023-12-01')).toEqual(before);
  });

  it('R13 R14 a post-closure follow-up recorded before a reopening stays counted; one falling due after it is not owed', async () => {
    const c = new CaseScript(store);
    await c.initiate('2022-01-10');
    await c.accept('2022-01-12');
    await c.startInsats('ENTER', '2022-02-01');
    await c.close('2022-03-01', 'SJUKDOM'); // post-closure due 2023-03-01
    await c.followUp('POST_CLOSURE', '2023-03-05');
    await c.reopen('2023-04-01');
    await c.close('2023-05-01', 'ARBETE'); // post-closure due 2024-05-01
    await c.reopen('2023-06-01');
    await catchUp(store, statisticsCasesProjection, 1);
    const { rows: past } = await db.sql.query('SELECT month, due_on, recorded_on FROM stat_past_follow_ups');
    expect(past).toEqual([{ month: 'POST_CLOSURE', due_on: '2023-03-01', recorded_on: '2023-03-05' }]);
    const report = await followUpsReport(
      db.sql,
      { tenant: TENANT, from: '2023-01-01', to: '2024-12-31' },
      14,
      '2025-01-01',
    );
    expect(report.byMonth.POST_CLOSURE).toEqual({ due: 1, onTime: 1, late: 0, pending: 0, share: 1 });
  });

  it('R15 a consent withdrawn after closure keeps a post-closure follow-up that fell due before it owed, and late', async () => {
    const c = new CaseScript(store);
    await c.initiate('2022-01-10');
    await c.accept('2022-01-12');
    await c.startInsats('ENTER', '2022-02-01');
    await c.close('2022-03-01', 'ARBETE'); // post-closure due 2023-03-01
    const early = new CaseScript(store);
    await early.initiate('2022-01-10');
    await early.accept('2022-01-12');
    await early.startInsats('ENTER', '2022-02-01');
    await early.close('2022-03-01', 'ARBETE');
    await early.run({ type: 'WithdrawConsent', withdrawnOn: '2022-09-01' }, '2022-09-01');
    await catchUp(store, statisticsCasesProjection);
    const period = { tenant: TENANT, from: '2023-01-01', to: '2023-12-31' };
    const before = await followUpsReport(db.sql, period, 14, '2023-12-01');
    expect(before.byMonth.POST_CLOSURE.late).toBe(1);

    await c.run({ type: 'WithdrawConsent', withdrawnOn: '2023-06-01' }, '2023-06-01');
    await catchUp(store, statisticsCasesProjection);
    const { rows } = await db.sql.query('SELECT case_id, status, fu_post_due_on FROM stat_cases');
    expect(rows).toEqual(
      expect.arrayContaining([
        { case_id: c.caseId, status: 'WITHDRAWN', fu_post_due_on: '2023-03-01' },
        // Withdrawn before it fell due: nothing could be recorded then, so it is not owed.
        { case_id: early.caseId, status: 'WITHDRAWN', fu_post_due_on: null },
      ]),
    );
    expect(await followUpsReport(db.sql, period, 14, '2023-12-01')).toEqual(before);
  });

  it('registers a held SIP on the person with its kind, initiating role and förmöte', async () => {
    const c = new CaseScript(store);
    await c.initiate('2023-01-10', 'ANNAT_EJ_SVAR');
    await c.accept('2023-01-11');
    const [requested] = await c.run(
      {
        type: 'RequestSip',
        sipId: randomUUID(),
        initiatorRole: 'SOCIALSEKRETERARE',
        kind: 'FORSTA',
        formote: true,
        requestedOn: '2023-01-20',
      },
      '2023-01-20',
      kommun,
    );
    const sipId = (requested.data as { sipId: string }).sipId;
    await c.run(
      {
        type: 'RecordSipHeld',
        sipId,
        heldOn: '2023-02-03',
        attendees: ['KOMMUN', 'REGION'],
        plan: [
          {
            goal: sealed(c.personId, 'mål'),
            action: sealed(c.personId, 'åtgärd'),
            responsibleParty: 'REGION',
          },
        ],
      },
      '2023-02-03',
      kommun,
    );
    await catchUp(store, statisticsCasesProjection);
    const { rows } = await db.sql.query('SELECT * FROM stat_sips');
    expect(rows).toEqual([
      {
        case_id: c.caseId,
        sip_id: sipId,
        tenant: TENANT,
        person_id: c.personId,
        gender: 'ANNAT_EJ_SVAR',
        kind: 'FORSTA',
        initiator_role: 'SOCIALSEKRETERARE',
        formote: true,
        status: 'HELD',
        requested_on: '2023-01-20',
        held_on: '2023-02-03',
        person_attended: true,
      },
    ]);
  });

  it('never stores a sealed value or a birth date in a statistics table', async () => {
    const c = new CaseScript(store);
    await c.initiate('2023-01-10');
    await c.accept('2023-01-11');
    // A beredning decision with a sealed recommendation (docs/statistics.md §20).
    const meetingId = randomUUID();
    const meeting = {
      status: 'SCHEDULED',
      meetingId,
      date: '2023-01-12',
      agenda: [{ caseId: c.caseId }],
    } as unknown as CaseContext['meeting'];
    await c.run(
      {
        type: 'RecordDecision',
        meetingId,
        decision: 'EJ_FORDJUPAD_SAMORDNING',
        recommendation: sealed(c.personId, 'Tillbaka till socialtjänsten'),
        decidedOn: '2023-01-12',
      },
      '2023-01-12',
      pl,
      { ...ctx, meeting },
    );
    await c.startInsats('ENTER', '2023-01-15', 2);
    const sipId = randomUUID();
    await c.run(
      {
        type: 'RequestSip',
        sipId,
        initiatorRole: 'VARDEN',
        kind: 'FORSTA',
        formote: false,
        requestedOn: '2023-01-20',
      },
      '2023-01-20',
      kommun,
    );
    await c.run(
      {
        type: 'RecordSipHeld',
        sipId,
        heldOn: '2023-02-01',
        attendees: ['KOMMUN'],
        plan: [
          { goal: sealed(c.personId, 'g'), action: sealed(c.personId, 'a'), responsibleParty: 'KOMMUN' },
        ],
      },
      '2023-02-01',
      kommun,
    );
    await c.close('2023-03-01', 'STUDIER');
    // Reopened after its post-closure follow-up fell due: that one is kept as history.
    await c.reopen('2024-04-01');
    await catchUp(store, statisticsCasesProjection);
    for (const table of statisticsCasesProjection.tables) {
      const { rows } = await db.sql.query<{ t: string }>(`SELECT row_to_json(x)::text AS t FROM ${table} x`);
      expect(rows.length).toBeGreaterThan(0);
      for (const { t } of rows) {
        expect(t).not.toContain('pd1.');
        expect(t).not.toContain('1990-05-20');
        expect(t).not.toContain('birthDate');
      }
    }
  });

  it('gives the same tables whatever the batch size, and a rebuild gives them again', async () => {
    for (let i = 0; i < 12; i++) {
      const c = new CaseScript(store);
      await c.initiate('2023-01-10', i % 2 ? 'MAN' : 'KVINNA');
      await c.accept('2023-01-11');
      const id = await c.startInsats(i % 3 ? 'ENTER' : 'NOVA', '2023-02-01', 2);
      if (i % 4 === 0)
        await c.run(
          { type: 'EndInsats', insatsId: id, endedOn: '2023-03-01', reason: 'SJUKDOM' },
          '2023-03-01',
        );
      if (i % 3 === 0) await c.close('2023-05-01', 'ARBETE', 4);
      if (i % 6 === 0)
        await c.run(
          { type: 'ReopenCase', reason: sealed(c.personId, 'åter'), reopenedOn: '2023-06-01' },
          '2023-06-01',
        );
      if (i % 5 === 1) await c.erase('2023-07-01');
      if (i === 2) {
        // Reopened after its post-closure follow-up fell due: that one stays as history.
        await c.close('2023-02-15', 'SJUKDOM');
        await c.reopen('2024-03-01');
      }
    }
    // Without a cache every batch reads the earlier events of its cases back from the store.
    await catchUp(store, createStatisticsCasesProjection({ cacheSize: 0 }), 7);
    const small = await dump(db.sql);
    await rebuildProjection(store, statisticsCasesProjection, 5000);
    await catchUp(store, statisticsCasesProjection);
    expect(await dump(db.sql)).toEqual(small);
  });

  it('gives the same tables from a realistic history whether the fold comes from the cache or the store', async () => {
    const history = generateHistory({ seed: 99, tenants: 2, cases: 300, years: 2 });
    await writeHistory(db.sql, history);
    // A cache of five cases: most batches read earlier events back, some find them cached.
    await catchUp(store, createStatisticsCasesProjection({ cacheSize: 5 }), 50);
    const small = await dump(db.sql);
    expect(small.stat_cases).toHaveLength(history.streams.filter((x) => x.streamType === 'case').length);
    await rebuildProjection(store, createStatisticsCasesProjection(), 2000);
    await catchUp(store, statisticsCasesProjection);
    expect(await dump(db.sql)).toEqual(small);
  }, 120_000);

  it('records where each torg’s statistics stand: its own events move it, another torg’s do not', async () => {
    const metadata = { tenant: TENANT, actor: { sub: 'admin', roles: ['admin'] }, correlationId: 'int' };
    const kase = new CaseScript(store);
    await kase.initiate('2023-01-10');
    await kase.accept('2023-01-12');
    await catchUp(store, statisticsCasesProjection);
    await catchUp(store, statisticsVolumeProjection);
    const last = async () =>
      Number((await store.sql.query<{ p: string }>('SELECT max(position) AS p FROM es_events')).rows[0].p);
    const afterCase = await last();
    expect(await statisticsVersion(store.sql, TENANT)).toEqual({ cases: afterCase, volume: 0 });

    // Another torg's consultation: this torg's statistics stand where they stood.
    const consultationId = randomUUID();
    await store.append(
      `consultation-${consultationId}`,
      [
        {
          type: 'ConsultationRecorded',
          data: { consultationId, insatsCode: 'ENTER', party: 'KOMMUN', occurredOn: '2023-03-03' },
          metadata: { ...metadata, tenant: 'annat-torg' },
        },
      ],
      { expectedVersion: 'no_stream', tenant: 'annat-torg', streamType: 'consultation' },
    );
    await catchUp(store, statisticsVolumeProjection);
    expect(await statisticsVersion(store.sql, TENANT)).toEqual({ cases: afterCase, volume: 0 });
    expect(await statisticsVersion(store.sql, 'annat-torg')).toEqual({ cases: 0, volume: await last() });

    // This torg's insats start moves its case statistics; nothing of the volume.
    await kase.startInsats('ENTER', '2023-02-01');
    await catchUp(store, statisticsCasesProjection);
    const afterStart = await last();
    expect(await statisticsVersion(store.sql, TENANT)).toEqual({ cases: afterStart, volume: 0 });
  });

  it('keeps the catalogue’s names in the order the insatser were added, consultations and anonymous surveys', async () => {
    const metadata = { tenant: TENANT, actor: { sub: 'admin', roles: ['admin'] }, correlationId: 'int' };
    const upsert = (code: string, name: string, on: string) => ({
      type: 'CatalogueInsatsUpserted',
      data: { code, name, party: 'KOMMUN', active: true, occurredOn: on },
      metadata: { ...metadata, businessDate: on },
    });
    await store.append(
      `tenant-${TENANT}`,
      [upsert('NOVA', 'Nova', '2023-01-01'), upsert('ENTER', 'Enter', '2023-01-01')],
      {
        expectedVersion: 'any',
        tenant: TENANT,
        streamType: 'tenant',
      },
    );
    await store.append(`tenant-${TENANT}`, [upsert('NOVA', 'NOVA', '2023-02-01')], {
      expectedVersion: 'any',
      tenant: TENANT,
      streamType: 'tenant',
    });
    const consultationId = randomUUID();
    await store.append(
      `consultation-${consultationId}`,
      [
        {
          type: 'ConsultationRecorded',
          data: { consultationId, insatsCode: 'ENTER', party: 'KOMMUN', occurredOn: '2023-03-03' },
          metadata,
        },
      ],
      { expectedVersion: 'no_stream', tenant: TENANT, streamType: 'consultation' },
    );
    const surveyId = randomUUID();
    await store.append(
      `survey-${surveyId}`,
      [
        {
          type: 'ClosingSurveyAnswered',
          data: {
            surveyId,
            insatsCode: 'NOVA',
            answers: { q1: 'ALLTID', q4: 'JA', q8: 'NEJ' },
            occurredOn: '2023-04-04',
          },
          metadata,
        },
      ],
      { expectedVersion: 'no_stream', tenant: TENANT, streamType: 'survey' },
    );
    await catchUp(store, statisticsVolumeProjection);

    const { rows: catalogue } = await db.sql.query('SELECT code, name FROM stat_insatser ORDER BY seq');
    expect(catalogue).toEqual([
      { code: 'NOVA', name: 'NOVA' },
      { code: 'ENTER', name: 'Enter' },
    ]);
    const { rows: consultations } = await db.sql.query(
      'SELECT consultation_id, insats_code, party, held_on FROM stat_consultations',
    );
    expect(consultations).toEqual([
      { consultation_id: consultationId, insats_code: 'ENTER', party: 'KOMMUN', held_on: '2023-03-03' },
    ]);
    const { rows: surveys } = await db.sql.query('SELECT * FROM stat_surveys');
    expect(surveys).toEqual([
      {
        survey_id: surveyId,
        tenant: TENANT,
        insats_code: 'NOVA',
        answered_on: '2023-04-04',
        q1: 'ALLTID',
        q2: null,
        q3: null,
        q4: 'JA',
        q5: null,
        q6: null,
        q7: null,
        q8: 'NEJ',
        q9: null,
        q10: null,
      },
    ]);
  });

  it('rebuilds a realistic history with two statements per batch at most, never one per event', async () => {
    // Every event from the real deciders, cases interleaved over three years (bench/generator.ts).
    const history = generateHistory({ seed: 2023, tenants: 4, cases: 3000, years: 3 });
    const { events } = await writeHistory(db.sql, history);
    let batches = 0;
    let statements = 0;
    let most = 0;
    const counted: Projection = {
      ...statisticsCasesProjection,
      async apply(batch, tx, store) {
        let n = 0;
        await statisticsCasesProjection.apply(
          batch,
          {
            ...tx,
            query: (text: string, params?: unknown[]) => {
              n++;
              return tx.query(text, params);
            },
          } as typeof tx,
          store,
        );
        batches++;
        statements += n;
        most = Math.max(most, n);
      },
    };
    const started = process.hrtime.bigint();
    const applied = await rebuildProjection(store, counted);
    await catchUp(store, counted);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = Math.round(events / seconds);
    process.stdout.write(
      `statistics-cases rebuild: ${events} events (${applied} in the first pass) in ${seconds.toFixed(2)} s = ` +
        `${rate} events/s; ${statements} statements in ${batches} batches\n`,
    );
    // The earlier events of cases the cache cannot vouch for, and one write: per batch, not per event.
    // Its speed is measured by `npm run bench`, not asserted here.
    expect(most).toBeLessThanOrEqual(2);
    expect(batches).toBeGreaterThan(1);
    const { rows } = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM stat_cases');
    expect(rows[0].n).toBe(history.streams.filter((x) => x.streamType === 'case').length);
  }, 300_000);
});
