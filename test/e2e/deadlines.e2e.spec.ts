import { initiation } from '../support/fixtures';
import {
  type HistoryEvent,
  type Instances,
  REDIS_URL,
  history,
  personnummer,
  redisPrefix,
  settle,
  startInstances,
  waitFor,
} from '../support/deadlines';

// One suite, both modes (DOMAIN.md R7, R10, R14, R15; issue 5): BullMQ on Redis, and the embedded
// queue without REDIS_URL. The tick runs every second; the tests move the clock, never sleep it.
const MODES: [string, Record<string, string>][] = [
  ['BullMQ on Redis', { REDIS_URL, REDIS_PREFIX: redisPrefix('deadlines') }],
  ['embedded (no REDIS_URL)', {}],
];

describe.each(MODES)('deadlines recorded exactly once: %s', (_mode, env) => {
  let s: Instances;
  let serial = 0;
  // Tokens are signed for the clock's now, so each request gets a fresh one as the clock moves.
  type Who = 'soc' | 'pl' | 'admin';
  const CLAIMS = {
    soc: { roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' },
    pl: { roles: ['processledare'], sub: 'pl-1' },
    admin: { roles: ['admin'], sub: 'admin-1' },
  } as const;
  const auth = async (who: Who) => ({ Authorization: `Bearer ${await s.token({ ...CLAIMS[who], roles: [...CLAIMS[who].roles] })}` });
  const http = () => s.instances[0].http;
  const at = (date: string) => s.clock.set(`${date}T09:00:00Z`);

  async function post(path: string, who: Who, body: object, expected = 200) {
    const res = await http().post(path).set(await auth(who)).send(body);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ status: expected });
    return res.body;
  }
  async function initiate(initiatedOn: string) {
    const created = await post(
      '/api/v1/cases',
      'soc',
      initiation({
        person: { personnummer: personnummer('19900315', ++serial), name: 'Anna Andersson', gender: 'KVINNA' },
        consent: { givenBy: 'PERSON', givenOn: initiatedOn, form: 'SKRIFTLIG', scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN'] },
        initiatedOn,
      }),
      201,
    );
    return created.id as string;
  }
  const events = async (caseId: string) => history(http(), (await auth('pl')).Authorization.slice(7), caseId);
  const ofType = (list: HistoryEvent[], type: string) => list.filter((e) => e.type === type);
  async function eventually(caseId: string, type: string, match: (e: HistoryEvent) => boolean = () => true) {
    return waitFor(async () => ofType(await events(caseId), type).find(match), `${type} on ${caseId}`);
  }

  beforeAll(async () => {
    s = await startInstances(1, { now: '2026-01-10T09:00:00Z', env: { ...env, DEADLINE_TICK_SECONDS: '1', JOB_BACKOFF_MS: '100' } });
    await http()
      .put('/api/v1/admin/insatser/AMT-ARBETSFORMEDLARE')
      .set(await auth('admin'))
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect(200);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a case initiated 100 days ago without an insats: INSATS_DEADLINE with negative days in the queue, the miss in its history once, within seconds', async () => {
    const started = Date.now();
    const id = await initiate('2025-10-02');
    const inQueue = await waitFor(async () => {
      const res = await http().get('/api/v1/queue?bucket=INSATS_DEADLINE&limit=500').set(await auth('pl')).expect(200);
      return (res.body.items as { caseId: string; daysLeft: number; dueDate: string }[]).find((i) => i.caseId === id);
    }, 'the case in the queue');
    expect(inQueue).toMatchObject({ bucket: 'INSATS_DEADLINE', dueDate: '2025-12-31', daysLeft: -10 });

    const miss = await eventually(id, 'InsatsDeadlineMissed');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(miss).toMatchObject({
      occurredOn: '2026-01-01',
      data: { insatsDeadline: '2025-12-31' },
      actor: { sub: 'system:deadlines', roles: ['system'] },
    });
    await settle(s.instances);
    expect(ofType(await events(id), 'InsatsDeadlineMissed')).toHaveLength(1);
  });

  it('moves the clock through a case’s 12 months: the 90-day miss once, each follow-up due once, an overdue one once; closed, nothing fires but the post-closure follow-up and retention', async () => {
    const id = await initiate('2026-01-05');
    await post(`/api/v1/cases/${id}/accept`, 'pl', { acceptedOn: '2026-01-06' });

    // R7: no insats by 2026-04-05, the 90th day.
    at('2026-04-05');
    await settle(s.instances);
    expect(ofType(await events(id), 'InsatsDeadlineMissed')).toHaveLength(0);
    at('2026-04-06');
    await eventually(id, 'InsatsDeadlineMissed');

    // R10: the first insats schedules follow-ups at 3, 6, 9 and 12 months.
    at('2026-04-07');
    await post(`/api/v1/cases/${id}/insatser`, 'pl', { insatsCode: 'AMT-ARBETSFORMEDLARE', startedOn: '2026-04-07' }, 201);
    const followUp = (month: number | string, recordedOn: string) =>
      post(`/api/v1/cases/${id}/follow-ups`, 'pl', { month, recordedOn, incomeSource: 'FORSORJNINGSSTOD', step: 3 });
    const due = (month: number | string) => eventually(id, 'FollowUpBecameDue', (e) => e.data.month === month);

    at('2026-07-07');
    expect(await due(3)).toMatchObject({ occurredOn: '2026-07-07', data: { dueOn: '2026-07-07' } });
    await followUp(3, '2026-07-07');

    at('2026-10-07');
    await due(6);
    at('2026-10-21'); // within the 14 grace days: not yet overdue
    await settle(s.instances);
    expect(ofType(await events(id), 'FollowUpOverdue')).toHaveLength(0);
    at('2026-10-22');
    expect(await eventually(id, 'FollowUpOverdue', (e) => e.data.month === 6)).toMatchObject({ occurredOn: '2026-10-22' });
    await followUp(6, '2026-10-22');

    at('2027-01-07');
    await due(9);
    await followUp(9, '2027-01-07');
    at('2027-04-07');
    await due(12);
    await followUp(12, '2027-04-07');
    at('2027-04-08');
    await post(`/api/v1/cases/${id}/close`, 'pl', {
      closedOn: '2027-04-08',
      outcome: 'STUDIER',
      extentPercent: 100,
      slutdokumentation: true,
      survey: { offered: true, answered: false },
    });
    const closedAt = (await events(id)).length;

    // Closed: months go by and nothing fires, until the post-closure follow-up (R14) …
    at('2028-04-07');
    await settle(s.instances);
    expect((await events(id)).slice(closedAt)).toEqual([]);
    at('2028-04-08');
    await due('POST_CLOSURE');
    at('2028-04-23');
    await eventually(id, 'FollowUpOverdue', (e) => e.data.month === 'POST_CLOSURE');
    // … and the retention date (24 months after closure): erased once, by the system.
    at('2029-04-08');
    const erased = await eventually(id, 'PersonalDataErased');
    expect(erased).toMatchObject({ occurredOn: '2029-04-08', data: { reason: 'RETENTION' }, actor: { sub: 'system:deadlines' } });
    at('2029-12-31');
    await settle(s.instances);

    const all = await events(id);
    expect(ofType(all, 'InsatsDeadlineMissed')).toHaveLength(1);
    expect(ofType(all, 'FollowUpBecameDue').map((e) => e.data.month)).toEqual([3, 6, 9, 12, 'POST_CLOSURE']);
    expect(ofType(all, 'FollowUpOverdue').map((e) => e.data.month)).toEqual([6, 'POST_CLOSURE']);
    expect(ofType(all, 'PersonalDataErased')).toHaveLength(1);
    // R16: a stagnation is flagged at most once per last activity.
    const stagnations = ofType(all, 'CaseStagnated').map((e) => e.data.lastActivityOn);
    expect(new Set(stagnations).size).toBe(stagnations.length);
    // After closure: only the post-closure follow-up and retention.
    expect(all.slice(closedAt).map((e) => e.type)).toEqual(['FollowUpBecameDue', 'FollowUpOverdue', 'PersonalDataErased']);
    for (const e of all.filter((x) => x.actor.sub === 'system:deadlines')) expect(e.actor.roles).toEqual(['system']);
  });

  it('a deadline that no longer applies when its job runs (consent withdrawn, R15) records nothing and is not a failure', async () => {
    const today = s.clock.now().toISOString().slice(0, 10);
    const id = await initiate(today);
    await post(`/api/v1/cases/${id}/consent/withdraw`, 'pl', { withdrawnOn: today });
    const before = (await events(id)).length;
    // As if the tick had seen the case a moment before the withdrawal reached the read model.
    const written = await s.instances[0].deadlines.record({ tenant: 'torget', caseId: id, deadline: 'STAGNANT', dueOn: today });
    expect(written).toBe(0);
    expect(await events(id)).toHaveLength(before);
  });

  it('a tenant’s settings move the due dates: a shorter stagnation flags a case sooner', async () => {
    const today = s.clock.now().toISOString().slice(0, 10);
    const id = await initiate(today);
    await post(`/api/v1/cases/${id}/accept`, 'pl', { acceptedOn: today });
    const stagnantOn = async () =>
      (await s.db.sql.query<{ due_on: string }>(`SELECT due_on FROM rm_deadlines WHERE case_id = $1 AND kind = 'STAGNANT'`, [id])).rows[0]
        ?.due_on;
    expect(await waitFor(stagnantOn, 'the stagnation deadline')).toBe(new Date(Date.parse(today) + 56 * 86_400_000).toISOString().slice(0, 10));

    await http().put('/api/v1/admin/settings').set(await auth('admin')).send({ stagnationWeeks: 1 }).expect(200);
    const sevenDays = new Date(Date.parse(today) + 7 * 86_400_000).toISOString().slice(0, 10);
    await waitFor(async () => (await stagnantOn()) === sevenDays, 'the stagnation deadline to move');
    s.clock.set(`${sevenDays}T09:00:00Z`);
    expect(await eventually(id, 'CaseStagnated')).toMatchObject({ occurredOn: sevenDays });
  });
});
