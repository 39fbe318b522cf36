import type { Response } from 'supertest';
import type { SqlClient } from '@app/event-store';
import { SQL_CLIENT } from '@app/runtime';
import type { MeetingListItem } from '@app/read-models';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

const TODAY = '2026-06-15';
const NOON = '2026-06-15T10:00:00Z';

type Item = MeetingListItem;
interface Page {
  items: Item[];
  total: number;
  nextCursor: string | null;
}

describe('GET /api/v1/meetings: the tenant’s meetings for planning (API.md lists, DOMAIN.md §4, §10)', () => {
  let t: TestApp;
  let pl: string;
  let ber: string;
  let soc: string;
  let otherPl: string;
  // Meeting ids by name, and the cases on the decided meeting's agenda.
  const m: Record<string, string> = {};
  let cases: string[] = [];

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  // The last event written, committed: the list waits until the meetings read model has applied it.
  const lastPosition = async () =>
    (await t.db.sql.query<{ p: number }>('SELECT max(position)::int AS p FROM es_events')).rows[0].p;

  async function schedule(body: Record<string, unknown>, token = pl): Promise<string> {
    const res = await t.http.post('/api/v1/meetings').set(auth(token)).send(body);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body.id;
  }

  async function acceptedCase(): Promise<string> {
    const res = await t.http.post('/api/v1/cases').set(auth(soc)).send(initiation()).expect(201);
    await t.http.post(`/api/v1/cases/${res.body.id}/accept`).set(auth(pl)).send({}).expect(200);
    return res.body.id;
  }

  async function list(query = '', token = pl): Promise<Response> {
    const sep = query ? '&' : '';
    return t.http.get(`/api/v1/meetings?minPosition=${await lastPosition()}${sep}${query}`).set(auth(token));
  }

  async function page(query = '', token = pl): Promise<Page> {
    const res = await list(query, token);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    return res.body;
  }

  const dates = (p: Page) => p.items.map((i) => i.date);
  const byKey = (a: Item, b: Item) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : 1);

  function expectProblem(res: Response, status: number, field?: string) {
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status } });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (field) expect((res.body.errors ?? []).map((e: { field: string }) => e.field)).toContain(field);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOON });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    ber = await t.token({ roles: ['beredning'], party: 'REGION', sub: 'ber-1' });
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    otherPl = await t.token({ tenant: 'annat-torg', roles: ['processledare'], sub: 'pl-2' });

    m.past = await schedule({ date: '2026-06-10' });
    m.yesterday = await schedule({ date: '2026-06-14' });
    m.todayA = await schedule({ date: TODAY });
    m.todayB = await schedule({ date: TODAY, place: 'https://teams.example/beredning' });
    m.next = await schedule({
      date: '2026-06-23',
      time: '09:00',
      place: 'Rum 3, Jobbtorget',
      members: [{ party: 'REGION', user: 'u-region-7' }],
      guests: [{ name: 'Eva Lärare', organisation: 'Gymnasieskolan' }],
    });
    m.july = await schedule({ date: '2026-07-01', time: '13:30' });
    m.august = await schedule({ date: '2026-08-04' });
    m.otherTenant = await schedule({ date: '2026-06-20', place: 'Annat torg' }, otherPl);

    // Today's first meeting: two cases on its agenda, one of them decided (bordlagd) there.
    cases = [await acceptedCase(), await acceptedCase()];
    for (const caseId of cases) {
      await t.http.post(`/api/v1/meetings/${m.todayA}/agenda`).set(auth(pl)).send({ caseId }).expect(200);
    }
    await t.http
      .post(`/api/v1/cases/${cases[0]}/decision`)
      .set(auth(pl))
      .send({ meetingId: m.todayA, decision: 'BORDLAGD' })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the meetings from today in date order, each with its counts and no case ids or personal data', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    const body: Page = res.body;
    expect(body.total).toBe(5);
    expect(body.nextCursor).toBeNull();
    expect(dates(body)).toEqual([TODAY, TODAY, '2026-06-23', '2026-07-01', '2026-08-04']);
    // Meetings on one day come in id order: the keyset is (date, id).
    expect(body.items).toEqual([...body.items].sort(byKey));
    const byId = new Map(body.items.map((i) => [i.id, i]));
    expect(byId.get(m.todayA)).toEqual({
      id: m.todayA,
      date: TODAY,
      status: 'SCHEDULED',
      casesOnAgenda: 2,
      casesDecided: 1,
    });
    expect(byId.get(m.todayB)).toEqual({
      id: m.todayB,
      date: TODAY,
      place: 'https://teams.example/beredning',
      status: 'SCHEDULED',
      casesOnAgenda: 0,
      casesDecided: 0,
    });
    expect(byId.get(m.next)).toEqual({
      id: m.next,
      date: '2026-06-23',
      time: '09:00',
      place: 'Rum 3, Jobbtorget',
      status: 'SCHEDULED',
      casesOnAgenda: 0,
      casesDecided: 0,
    });
    const text = JSON.stringify(body);
    for (const hidden of [...cases, 'Eva Lärare', 'Gymnasieskolan', 'u-region-7', 'Anna']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('a beredningsgrupp member sees the same list as the processledare', async () => {
    expect(await page('', ber)).toEqual(await page('', pl));
  });

  it('from and to bound the dates, both days included', async () => {
    const all = await page('from=2026-06-01');
    expect(all.total).toBe(7);
    expect(dates(all)).toEqual([
      '2026-06-10',
      '2026-06-14',
      TODAY,
      TODAY,
      '2026-06-23',
      '2026-07-01',
      '2026-08-04',
    ]);

    const window = await page('from=2026-06-14&to=2026-06-23');
    expect(window.total).toBe(4);
    expect(dates(window)).toEqual(['2026-06-14', TODAY, TODAY, '2026-06-23']);

    const oneDay = await page('from=2026-06-23&to=2026-06-23');
    expect(oneDay).toEqual({ items: [expect.objectContaining({ id: m.next })], total: 1, nextCursor: null });

    // Without from, the list starts today.
    const untilJuly = await page('to=2026-07-01');
    expect(dates(untilJuly)).toEqual([TODAY, TODAY, '2026-06-23', '2026-07-01']);
    expect(untilJuly.total).toBe(4);

    expect(await page('from=2026-09-01')).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('“today” is the tenant’s local date (Europe/Stockholm), not UTC’s', async () => {
    // 22:30 UTC on the 14th is 00:30 on the 15th in Stockholm.
    t.clock.set('2026-06-14T22:30:00Z');
    try {
      const token = await t.token({ roles: ['processledare'], sub: 'pl-1' });
      const body = await page('', token);
      expect(dates(body)[0]).toBe(TODAY);
      expect(body.items.map((i) => i.id)).not.toContain(m.yesterday);
    } finally {
      t.clock.set(NOON);
    }
  });

  it('pages with limit and cursor: every meeting once, in order, total on every page', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    const pages: Page[] = [];
    do {
      const p: Page = await page(`from=2026-06-01&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(p);
      seen.push(...p.items);
      cursor = p.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2, 1]);
    expect(pages.every((p) => p.total === 7)).toBe(true);
    // Today's two meetings in id order.
    const today = [m.todayA, m.todayB].sort();
    expect(seen.map((i) => i.id)).toEqual([m.past, m.yesterday, ...today, m.next, m.july, m.august]);
    expect(seen.map((i) => i.id)).not.toContain(m.otherTenant);
    // The last page says there is no more.
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it('the total and the page come from one statement, so they agree while meetings are scheduled', async () => {
    const query = jest.spyOn(t.app.get<SqlClient>(SQL_CLIENT), 'query');
    try {
      const p = await page('from=2026-06-01&limit=2');
      expect([p.items.length, p.total]).toEqual([2, 7]);
      expect(query.mock.calls.filter(([text]) => String(text).includes('FROM rm_meetings m'))).toHaveLength(
        1,
      );
    } finally {
      query.mockRestore();
    }
    // An empty page still says how many there are.
    const none = await page('from=2031-01-01');
    expect([none.items, none.total, none.nextCursor]).toEqual([[], 0, null]);
  });

  it('the cursor is stable: a meeting scheduled before it does not shift the next page; the total counts it', async () => {
    const first = await page('limit=3');
    expect(dates(first)).toEqual([TODAY, TODAY, '2026-06-23']);
    expect(first.total).toBe(5);
    // Scheduled behind the cursor (and one ahead of it) while the user pages on.
    const behind = await schedule({ date: '2026-06-16' });
    const ahead = await schedule({ date: '2026-07-15' });
    const second = await page(`limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual([m.july, ahead, m.august]);
    expect(second.total).toBe(7);
    expect(second.nextCursor).toBeNull();
    // The same cursor gives the same page again.
    expect(await page(`limit=3&cursor=${first.nextCursor}`)).toEqual(second);
    // A new first page includes the meeting scheduled behind the cursor.
    expect((await page('limit=3')).items.map((i) => i.id)).toContain(behind);
  });

  it('another tenant sees only its own meetings, and never ours', async () => {
    const theirs = await page('from=2026-01-01', otherPl);
    expect(theirs).toEqual({
      items: [
        {
          id: m.otherTenant,
          date: '2026-06-20',
          place: 'Annat torg',
          status: 'SCHEDULED',
          casesOnAgenda: 0,
          casesDecided: 0,
        },
      ],
      total: 1,
      nextCursor: null,
    });
    const ours = await page('from=2026-01-01&limit=500');
    expect(ours.items.map((i) => i.id)).not.toContain(m.otherTenant);
    // Our cursor gives them nothing of ours either.
    const cursor = (await page('from=2026-01-01&limit=1')).nextCursor!;
    const next = await page(`from=2026-01-01&cursor=${cursor}`, otherPl);
    expect(next.items.map((i) => i.id)).toEqual([m.otherTenant]);
  });

  it('roles: only the processledare and beredningsgrupp members may list meetings; others get 403', async () => {
    const tokens = [
      await t.token({ roles: ['manager'], sub: 'chef-1' }),
      soc,
      await t.token({ roles: ['admin'], sub: 'admin-1' }),
      await t.token({ roles: ['system'], party: 'KOMMUN', sub: 'procapita' }),
    ];
    for (const token of tokens) expectProblem(await list('', token), 403);
    expect((await t.http.get('/api/v1/meetings')).status).toBe(401);
    // Roles add up: a handläggare who also sits in the beredningsgrupp may.
    const both = await t.token({ roles: ['handlaggare', 'beredning'], party: 'KOMMUN', sub: 'soc-9' });
    expect((await list('', both)).status).toBe(200);
  });

  it('bad input is a problem+json 400 naming the field', async () => {
    const b64 = (v: unknown) =>
      Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1.5', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${b64('null')}`, 'cursor'],
      [`cursor=${b64([1, 2])}`, 'cursor'],
      [`cursor=${b64({ d: '2026-02-30', i: m.todayA })}`, 'cursor'],
      [`cursor=${b64({ d: "2026-06-15'; DROP TABLE rm_meetings; --", i: m.todayA })}`, 'cursor'],
      [`cursor=${b64({ d: TODAY, i: "x' OR '1'='1" })}`, 'cursor'],
      [`cursor=${b64({ d: TODAY })}`, 'cursor'],
      [`cursor=${b64({ d: 20260615, i: m.todayA })}`, 'cursor'],
      [`cursor=${b64({ d: '2026-06-15\u0000', i: m.todayA })}`, 'cursor'],
      [`cursor=${'a'.repeat(600)}`, 'cursor'],
      ['cursor=a&cursor=b', 'cursor'],
      ['from=2026-06-15&from=2026-06-16', 'from'],
      ['from=2026-06-15%00', 'from'],
      ['from=2026-02-30', 'from'],
      ['from=15%2F06%2F2026', 'from'],
      ['from=today', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2026-07-01&to=2026-06-30', 'to'],
      // Without from the list starts today: an earlier to names the field too.
      ['to=2026-06-01', 'to'],
      ['minPosition=-1', 'minPosition'],
    ];
    for (const [query, field] of cases) {
      const res = await t.http.get(`/api/v1/meetings?${query}`).set(auth(pl));
      expectProblem(res, 400, field);
      expect(JSON.stringify(res.body)).not.toMatch(/DROP TABLE|stack/i);
    }
    // A cursor this list gave out still works.
    const cursor = (await page('limit=1')).nextCursor!;
    expect((await list(`limit=1&cursor=${cursor}`)).status).toBe(200);
  });

  it('is documented in the OpenAPI document with its query parameters', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    const op = doc.body.paths['/api/v1/meetings']?.get;
    expect(op).toBeDefined();
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'limit', 'cursor', 'minPosition']),
    );
  });
});
