import type { SqlClient } from '@app/event-store';
import { SQL_CLIENT } from '@app/runtime';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

interface QueueItem {
  caseId: string;
  bucket: string;
  dueDate: string | null;
  daysLeft: number | null;
  meetingId?: string;
  followUpMonth?: string;
}

// Today is 2026-06-15. Every case is recorded with past business dates, as users do.
describe('the processledare’s queue: a case in every bucket', () => {
  let t: TestApp;
  let soc: string;
  let pl: string;
  let lastPosition = 0;
  const ids: Record<string, string> = {};

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  async function post(path: string, token: string, body: object, expected = 200) {
    const res = await t.http.post(path).set(auth(token)).send(body);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ status: expected });
    if (typeof res.body.position === 'number') lastPosition = Math.max(lastPosition, res.body.position);
    return res.body;
  }
  async function initiate(name: string, overrides: Record<string, unknown>) {
    const created = await post('/api/v1/cases', soc, initiation(overrides), 201);
    ids[name] = created.id;
    return created.id as string;
  }
  async function queue(
    query = '',
  ): Promise<{ items: QueueItem[]; total: number; nextCursor: string | null }> {
    const res = await t.http.get(`/api/v1/queue?minPosition=${lastPosition}${query}`).set(auth(pl));
    expect(res.status).toBe(200);
    return res.body;
  }
  const itemsOf = (items: QueueItem[], name: string) => items.filter((i) => i.caseId === ids[name]);

  beforeAll(async () => {
    t = await startTestApp();
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    const admin = await t.token({ roles: ['admin'] });
    await t.http
      .put('/api/v1/admin/insatser/AMT-ARBETSFORMEDLARE')
      .set(auth(admin))
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect(200);

    // NEW: submitted five days ago, not yet accepted or returned.
    await initiate('new', {
      initiatedOn: '2026-06-10',
      consent: {
        givenBy: 'PERSON',
        givenOn: '2026-06-10',
        form: 'SKRIFTLIG',
        scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN'],
      },
    });

    // INSATS_DEADLINE overdue (initiated 100 days ago, no insats) and STAGNANT (nothing since).
    const late = await initiate('late', {
      initiatedOn: '2026-03-07',
      consent: {
        givenBy: 'PERSON',
        givenOn: '2026-03-01',
        form: 'SKRIFTLIG',
        scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN'],
      },
    });
    await post(`/api/v1/cases/${late}/accept`, pl, { acceptedOn: '2026-03-09' });

    // AWAITING_BEREDNING with its next meeting planned.
    const meeting = await post(
      '/api/v1/meetings',
      pl,
      { date: '2026-06-23', time: '09:00', place: 'Jobbtorget' },
      201,
    );
    ids.meeting = meeting.id;
    const awaiting = await initiate('awaiting', { initiatedOn: '2026-06-01' });
    await post(`/api/v1/cases/${awaiting}/accept`, pl, { acceptedOn: '2026-06-03' });
    await post(`/api/v1/meetings/${meeting.id}/agenda`, pl, { caseId: awaiting });

    // AWAITING_SIP: the kommun asked for a SIP.
    const sip = await initiate('sip', {
      initiatedOn: '2026-05-20',
      otherParties: ['REGION'],
      consent: {
        givenBy: 'PERSON',
        givenOn: '2026-05-15',
        form: 'SKRIFTLIG',
        scopeParties: ['KOMMUN', 'REGION'],
      },
    });
    await post(`/api/v1/cases/${sip}/accept`, pl, { acceptedOn: '2026-05-22' });
    await post(
      `/api/v1/cases/${sip}/sips`,
      soc,
      { initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: true, requestedOn: '2026-06-01' },
      201,
    );

    // FOLLOW_UP_DUE: the first insats started 2026-03-10, so the 3-month follow-up was due 2026-06-10.
    const followUp = await initiate('followUp', {
      initiatedOn: '2026-02-27',
      consent: {
        givenBy: 'PERSON',
        givenOn: '2026-02-27',
        form: 'SKRIFTLIG',
        scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN'],
      },
    });
    await post(`/api/v1/cases/${followUp}/accept`, pl, { acceptedOn: '2026-03-01' });
    await post(
      `/api/v1/cases/${followUp}/insatser`,
      pl,
      { insatsCode: 'AMT-ARBETSFORMEDLARE', startedOn: '2026-03-10' },
      201,
    );

    // CONSENT_EXPIRING: the consent ends 2026-07-01.
    await initiate('consent', {
      initiatedOn: '2026-06-12',
      consent: {
        givenBy: 'PERSON',
        givenOn: '2026-06-12',
        form: 'MUNTLIG',
        scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN'],
        validUntil: '2026-07-01',
      },
    });

    // AGE_LIMIT: on aktivitetsersättning and turning 30 on 2026-09-01 (R17).
    await initiate('age', {
      person: { personnummer: '19960901-1235', name: 'Ung Person', gender: 'MAN' },
      incomeSource: 'AKTIVITETSERSATTNING',
      targetGroups: ['UNG_AKTIVITETSERSATTNING'],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists each case as a task in every bucket that applies, with due dates and days left from today', async () => {
    const { items, total } = await queue('&limit=500');
    expect(total).toBe(items.length);
    const buckets = new Set(items.map((i) => i.bucket));
    expect([...buckets].sort()).toEqual(
      [
        'AGE_LIMIT',
        'AWAITING_BEREDNING',
        'AWAITING_SIP',
        'CONSENT_EXPIRING',
        'FOLLOW_UP_DUE',
        'INSATS_DEADLINE',
        'NEW',
        'STAGNANT',
      ].sort(),
    );
    expect(
      itemsOf(items, 'new')
        .map((i) => i.bucket)
        .sort(),
    ).toEqual(['INSATS_DEADLINE', 'NEW']);
    expect(itemsOf(items, 'late')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ bucket: 'INSATS_DEADLINE', dueDate: '2026-06-05', daysLeft: -10 }),
        expect.objectContaining({ bucket: 'STAGNANT', dueDate: '2026-05-04', daysLeft: -42 }),
        expect.objectContaining({ bucket: 'AWAITING_BEREDNING', dueDate: null }),
      ]),
    );
    expect(itemsOf(items, 'awaiting').find((i) => i.bucket === 'AWAITING_BEREDNING')).toMatchObject({
      meetingId: ids.meeting,
      dueDate: '2026-06-23',
      daysLeft: 8,
    });
    expect(itemsOf(items, 'sip').find((i) => i.bucket === 'AWAITING_SIP')).toMatchObject({
      dueDate: '2026-06-01',
    });
    // Nothing recorded since the insats started in March: the follow-up is overdue and the case stagnant.
    expect(
      itemsOf(items, 'followUp')
        .map((i) => i.bucket)
        .sort(),
    ).toEqual(['AWAITING_BEREDNING', 'FOLLOW_UP_DUE', 'STAGNANT']);
    expect(itemsOf(items, 'followUp').find((i) => i.bucket === 'FOLLOW_UP_DUE')).toMatchObject({
      followUpMonth: '3',
      dueDate: '2026-06-10',
      daysLeft: -5,
    });
    expect(itemsOf(items, 'consent').find((i) => i.bucket === 'CONSENT_EXPIRING')).toMatchObject({
      dueDate: '2026-07-01',
      daysLeft: 16,
    });
    expect(itemsOf(items, 'age').find((i) => i.bucket === 'AGE_LIMIT')).toBeDefined();
  });

  it('sorts by due date, overdue first', async () => {
    const { items } = await queue('&bucket=INSATS_DEADLINE');
    const dates = items.map((i) => i.dueDate!);
    expect(dates).toEqual([...dates].sort());
    expect(items[0].caseId).toBe(ids.late);
    expect(items[0].daysLeft).toBeLessThan(0);
  });

  it('filters by bucket and by party, and pages with a cursor; total counts every match', async () => {
    const all = await queue('&limit=500');
    const firstPage = await queue('&limit=3');
    expect(firstPage.items).toHaveLength(3);
    expect(firstPage.total).toBe(all.total);
    const rest: QueueItem[] = [...firstPage.items];
    let cursor = firstPage.nextCursor;
    while (cursor) {
      const page = await queue(`&limit=3&cursor=${cursor}`);
      rest.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(all.items);
    const region = await queue('&party=REGION');
    expect(new Set(region.items.map((i) => i.caseId))).toEqual(new Set([ids.sip]));
    const onlyNew = await queue('&bucket=NEW');
    expect(onlyNew.items.every((i) => i.bucket === 'NEW')).toBe(true);
  });

  it('answers the total and the page from one statement, so they agree while the queue moves', async () => {
    const sql = t.app.get<SqlClient>(SQL_CLIENT);
    const query = jest.spyOn(sql, 'query');
    try {
      const page = await queue('&limit=2');
      expect(page.items).toHaveLength(2);
      expect(page.total).toBeGreaterThan(2);
      const statements = query.mock.calls
        .map(([text]) => String(text))
        .filter((text) => text.includes('FROM rm_cases c'));
      expect(statements).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
    // An empty page still says how many there are.
    expect(await queue('&owner=no-such-user')).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('moves a case out of a bucket when the work is done', async () => {
    await post(`/api/v1/cases/${ids.new}/accept`, pl, {});
    const { items } = await queue('&bucket=NEW');
    expect(items.map((i) => i.caseId)).not.toContain(ids.new);
  });

  it('refuses bad filters with problem+json naming the field, and is only for the processledare', async () => {
    const bad = await t.http.get('/api/v1/queue?bucket=LATER&limit=9000').set(auth(pl));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['bucket', 'limit']);
    const cursor = await t.http.get('/api/v1/queue?cursor=nonsense').set(auth(pl));
    expect(cursor.status).toBe(400);
    await t.http.get('/api/v1/queue').set(auth(soc)).expect(403);
  });

  it('serves the meetings as an iCalendar feed', async () => {
    const res = await t.http.get('/api/v1/meetings.ics').set(auth(pl)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.text).toContain(`UID:${ids.meeting}@beredningsgrupp`);
    expect(res.text).toContain('DTSTART:20260623T070000Z');
    expect(res.text).not.toContain('Anna');
  });
});
