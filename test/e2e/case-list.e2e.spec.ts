import { PassThrough } from 'node:stream';
import { startTestApp, type TestApp } from '../support/app';
import { PNR, initiation } from '../support/fixtures';

// GET /api/v1/cases: each filter, paging and total, the access policy in the statement (per role,
// skyddade personuppgifter), names opened for the caller, erased persons, and the audit entry.
//
// The tenant (today 2026-06-15):
//   A  KOMMUN initiated 2026-06-02, AF named; decided at a meeting, owner KOMMUN/soc-1, insats AMT_AF
//   B  KOMMUN initiated 2026-05-10, REGION named; accepted
//   C  KOMMUN initiated 2026-06-05, skyddade personuppgifter; decided, owner KOMMUN/soc-2
//   D  AF initiated 2026-04-01, FK named, consent scope AF and FK only; submitted
//   E  KOMMUN initiated 2026-03-01, REGION named; the person erased
describe('GET /api/v1/cases: list and search cases within the access rules', () => {
  let t: TestApp;
  const logs: string[] = [];
  const tok = {} as Record<
    'pl' | 'soc1' | 'soc2' | 'af' | 'sys' | 'ber' | 'manager' | 'admin' | 'plAdmin',
    string
  >;
  const id = {} as Record<'A' | 'B' | 'C' | 'D' | 'E', string>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  let lastPosition = 0;

  const list = async (token: string, query = '', status = 200) => {
    const res = await t.http
      .get(`/api/v1/cases?minPosition=${lastPosition}${query ? `&${query}` : ''}`)
      .set(auth(token));
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({
      status,
      body: undefined,
    });
    return res;
  };
  const ids = async (token: string, query = '') =>
    (await list(token, query)).body.items.map((i: { id: string }) => i.id);

  async function initiate(token: string, body: Record<string, unknown>): Promise<string> {
    const res = await t.http.post('/api/v1/cases').set(auth(token)).send(body).expect(201);
    lastPosition = Math.max(lastPosition, res.body.position);
    return res.body.id;
  }
  async function post(path: string, body: object, status = 200) {
    const res = await t.http.post(path).set(auth(tok.pl)).send(body).expect(status);
    if (typeof res.body.position === 'number') lastPosition = Math.max(lastPosition, res.body.position);
    return res.body;
  }
  async function waitFor(check: () => Promise<boolean>, what: string) {
    for (let i = 0; i < 500; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${what} did not happen`);
  }

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    t = await startTestApp({ logStream: stream });
    tok.pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    tok.soc1 = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    tok.soc2 = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-2' });
    tok.af = await t.token({ roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN', sub: 'af-1' });
    tok.sys = await t.token({ roles: ['system'], party: 'KOMMUN', sub: 'kommun-system' });
    tok.ber = await t.token({ roles: ['beredning'], party: 'KOMMUN', sub: 'ber-k' });
    tok.manager = await t.token({ roles: ['manager'], sub: 'chef-1' });
    tok.admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    tok.plAdmin = await t.token({ roles: ['admin', 'processledare'], sub: 'pl-admin' });
    await t.http
      .put('/api/v1/admin/insatser/AMT_AF')
      .set(auth(tok.admin))
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect(200);

    id.A = await initiate(tok.soc1, initiation());
    id.B = await initiate(
      tok.soc1,
      initiation({
        person: { personnummer: '19851231-2383', name: 'Bo Berg', gender: 'MAN' },
        consent: {
          givenBy: 'PERSON',
          givenOn: '2026-05-01',
          form: 'SKRIFTLIG',
          scopeParties: ['KOMMUN', 'REGION'],
        },
        otherParties: ['REGION'],
        initiatedOn: '2026-05-10',
      }),
    );
    id.C = await initiate(
      tok.soc1,
      initiation({
        person: {
          personnummer: '19800315-1233',
          name: 'Sara Skyddad',
          gender: 'KVINNA',
          protectedIdentity: true,
        },
        initiatedOn: '2026-06-05',
      }),
    );
    id.D = await initiate(
      tok.af,
      initiation({
        person: { personnummer: '19700101-0003', name: 'Eva Ek', gender: 'KVINNA' },
        consent: {
          givenBy: 'PERSON',
          givenOn: '2026-03-20',
          form: 'SKRIFTLIG',
          scopeParties: ['ARBETSFORMEDLINGEN', 'FORSAKRINGSKASSAN'],
        },
        initiatingParty: 'ARBETSFORMEDLINGEN',
        initiatingUnit: undefined,
        otherParties: ['FORSAKRINGSKASSAN'],
        initiatedOn: '2026-04-01',
      }),
    );
    id.E = await initiate(
      tok.soc1,
      initiation({
        person: { personnummer: '19750620-2345', name: 'Erik Raderad', gender: 'MAN' },
        consent: {
          givenBy: 'PERSON',
          givenOn: '2026-02-20',
          form: 'SKRIFTLIG',
          scopeParties: ['KOMMUN', 'REGION'],
        },
        otherParties: ['REGION'],
        initiatedOn: '2026-03-01',
      }),
    );
    for (const c of [id.A, id.B, id.C]) await post(`/api/v1/cases/${c}/accept`, {});
    const meeting = (await post('/api/v1/meetings', { date: '2026-06-15' }, 201)).id;
    await post(`/api/v1/meetings/${meeting}/agenda`, { caseId: id.A });
    await post(`/api/v1/meetings/${meeting}/agenda`, { caseId: id.C });
    await post(`/api/v1/cases/${id.A}/decision`, {
      meetingId: meeting,
      decision: 'FORDJUPAD_SAMORDNING',
      ownerParty: 'KOMMUN',
      ownerUser: 'soc-1',
    });
    await post(`/api/v1/cases/${id.C}/decision`, {
      meetingId: meeting,
      decision: 'FORDJUPAD_SAMORDNING',
      ownerParty: 'KOMMUN',
      ownerUser: 'soc-2',
    });
    await post(`/api/v1/cases/${id.A}/insatser`, { insatsCode: 'AMT_AF', startedOn: '2026-06-15' }, 201);

    // Erik's data is erased: the case stays, sealed.
    const erik = (await t.http.get(`/api/v1/cases/${id.E}`).set(auth(tok.pl)).expect(200)).body.person
      .personId;
    await t.http
      .post(`/api/v1/persons/${erik}/erasure`)
      .set(auth(tok.admin))
      .send({ reason: 'ERASURE_REQUEST' })
      .expect(200);
    await waitFor(async () => {
      const { rows } = await t.db.sql.query(
        `SELECT 1 FROM rm_cases WHERE case_id = $1 AND (state->>'personalDataErased')::boolean`,
        [id.E],
      );
      return rows.length > 0;
    }, 'the erasure in the cases read model');
    // Beredning sees through the agenda read model.
    await waitFor(async () => {
      const { rows } = await t.db.sql.query(
        'SELECT 1 FROM rm_agenda WHERE case_id = ANY($1::uuid[]) AND decided_on IS NOT NULL',
        [[id.A, id.C]],
      );
      return rows.length === 2;
    }, 'the agenda read model');
  });
  afterAll(async () => {
    await t.close();
  });

  it('the processledare sees every case, newest initiation first, with the item shape and names decrypted', async () => {
    const res = await list(tok.pl);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.total).toBe(5);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([id.C, id.A, id.B, id.D, id.E]);
    const a = res.body.items[1];
    expect(a).toEqual({
      id: id.A,
      version: expect.any(Number),
      status: 'IN_COORDINATION',
      initiatingParty: 'KOMMUN',
      parties: expect.arrayContaining(['KOMMUN', 'ARBETSFORMEDLINGEN']),
      owner: { party: 'KOMMUN', user: 'soc-1' },
      initiatedOn: '2026-06-02',
      person: { personId: expect.any(String), name: 'Anna Andersson', gender: 'KVINNA', erased: false },
    });
    expect(res.body.items[0].person.name).toBe('Sara Skyddad');
    expect(res.body.items[3].owner).toBeNull();
    // An admin who is also processledare sees it as one.
    expect(await ids(tok.plAdmin)).toEqual([id.C, id.A, id.B, id.D, id.E]);
  });

  it('an erased person shows as erased, without a name', async () => {
    const e = (await list(tok.pl, `initiatedTo=2026-03-31`)).body.items;
    expect(e).toHaveLength(1);
    expect(e[0].id).toBe(id.E);
    expect(e[0].person).toEqual({ personId: expect.any(String), name: null, gender: 'MAN', erased: true });
  });

  it('handläggare see their party’s cases within the consent scope; the protected one only its ärendebärare', async () => {
    // soc-1: A and B and E (KOMMUN initiated); not C (protected, owned by soc-2); not D (AF's, KOMMUN out of scope).
    expect(await ids(tok.soc1)).toEqual([id.A, id.B, id.E]);
    expect(await ids(tok.soc2)).toEqual([id.C, id.A, id.B, id.E]);
    // AF: D (its own) and A (named); not B (AF neither named nor… in B's case, not involved).
    expect(await ids(tok.af)).toEqual([id.A, id.D]);
    // A partner system of the KOMMUN as a handläggare of it.
    expect(await ids(tok.sys)).toEqual([id.A, id.B, id.E]);
    const res = await list(tok.soc1);
    expect(res.body.total).toBe(3);
    expect(res.text).not.toContain('Sara');
  });

  it('beredningsgrupp members see the cases on their meetings’ agendas only, never a protected one', async () => {
    const res = await list(tok.ber);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([id.A]);
    expect(res.body.total).toBe(1);
  });

  it('managers and admins get 403 (problem+json)', async () => {
    for (const token of [tok.manager, tok.admin]) {
      const res = await list(token, '', 403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('personnummer matches exactly through the keyed hash, in any accepted form', async () => {
    expect(await ids(tok.pl, `personnummer=${PNR}`)).toEqual([id.A]);
    expect(await ids(tok.pl, 'personnummer=900101-0017')).toEqual([id.A]);
    expect(await ids(tok.pl, 'personnummer=199001010017')).toEqual([id.A]);
    // Valid, but no such person; and the erased person's number finds nothing any more.
    const none = await list(tok.pl, 'personnummer=19600101-3454');
    expect(none.body).toEqual({ items: [], total: 0, nextCursor: null });
    expect((await list(tok.pl, 'personnummer=19750620-2345')).body.total).toBe(0);
    // Within the access rules: soc-1 may not see Sara's case.
    expect((await list(tok.soc1, 'personnummer=19800315-1233')).body.total).toBe(0);
    expect(await ids(tok.soc2, 'personnummer=19800315-1233')).toEqual([id.C]);
  });

  it('an invalid personnummer is a 400 naming the field, never repeating it', async () => {
    for (const bad of ['19900101-0018', '1990010', '19901301-0017', 'x'.repeat(40)]) {
      const res = await list(tok.pl, `personnummer=${encodeURIComponent(bad)}`, 400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['personnummer']);
      expect(res.text).not.toContain(bad.slice(0, 8));
    }
  });

  it('filters by status, party, insatsCode and initiation dates', async () => {
    expect(await ids(tok.pl, 'status=ACCEPTED')).toEqual([id.B]);
    expect(await ids(tok.pl, 'status=SUBMITTED')).toEqual([id.D, id.E]);
    expect(await ids(tok.pl, 'party=REGION')).toEqual([id.B, id.E]);
    expect(await ids(tok.pl, 'party=FORSAKRINGSKASSAN')).toEqual([id.D]);
    expect(await ids(tok.pl, 'insatsCode=AMT_AF')).toEqual([id.A]);
    expect(await ids(tok.pl, 'insatsCode=OKAND')).toEqual([]);
    expect(await ids(tok.pl, 'initiatedFrom=2026-05-01&initiatedTo=2026-06-03')).toEqual([id.A, id.B]);
    expect(await ids(tok.pl, 'initiatedFrom=2026-06-02&initiatedTo=2026-06-02')).toEqual([id.A]);
    // Filters add up, and the access rules with them.
    expect(await ids(tok.pl, 'party=KOMMUN&status=DECIDED')).toEqual([id.C]);
    expect(await ids(tok.soc1, 'party=KOMMUN&status=DECIDED')).toEqual([]);
  });

  it('owner: me (Mina ärenden), none, a party, or a user id', async () => {
    expect(await ids(tok.soc1, 'owner=me')).toEqual([id.A]);
    expect(await ids(tok.soc2, 'owner=me')).toEqual([id.C]);
    expect(await ids(tok.pl, 'owner=me')).toEqual([]);
    expect(await ids(tok.pl, 'owner=KOMMUN')).toEqual([id.C, id.A]);
    expect(await ids(tok.pl, 'owner=soc-2')).toEqual([id.C]);
    expect(await ids(tok.soc1, 'owner=soc-2')).toEqual([]);
    expect(await ids(tok.pl, 'owner=none')).toEqual([id.B, id.D, id.E]);
  });

  it('pages with limit and cursor; total counts every match', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(tok.pl, `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.body.total).toBe(5);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([id.C, id.A, id.B, id.D, id.E]);
    // Paging a restricted caller's list counts only what it may see.
    const first = await list(tok.soc1, 'limit=2');
    expect(first.body.total).toBe(3);
    const second = await list(tok.soc1, `limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([id.E]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('bad filters are 400s naming the field', async () => {
    const field = async (query: string) =>
      (await list(tok.pl, query, 400)).body.errors.map((e: { field: string }) => e.field);
    expect(await field('cursor=bm9wZQ')).toEqual(['cursor']);
    expect(await field('status=OPEN')).toEqual(['status']);
    expect(await field('party=KOMMUNEN')).toEqual(['party']);
    expect(await field('insatsCode=amt%20af')).toEqual(['insatsCode']);
    expect(await field('initiatedFrom=2026-02-30')).toEqual(['initiatedFrom']);
    expect(await field('initiatedFrom=2026-06-02&initiatedTo=2026-06-01')).toEqual(['initiatedTo']);
    expect(await field('limit=501')).toEqual(['limit']);
    expect(await field('owner=%20')).toEqual(['owner']);
    // A parameter the list does not take is refused, and not quoted (a key can be a personnummer).
    expect((await list(tok.pl, '19900101-0017=1', 400)).text).not.toContain('19900101');
  });

  it('every list is audited with the cases listed; the personnummer is in no audit entry and no log line', async () => {
    await list(tok.af, `personnummer=${PNR}`);
    const { rows } = await t.db.sql.query<{
      action: string;
      case_id: string | null;
      route: string;
      person_id: string | null;
    }>(
      `SELECT action, case_id::text AS case_id, route, person_id::text AS person_id FROM audit_log
        WHERE actor = 'af-1' AND action = 'list-cases.list' ORDER BY id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.route === 'GET /api/v1/cases')).toBe(true);
    expect(rows.map((r) => r.case_id)).toContain(id.A);
    expect(rows.find((r) => r.case_id === id.A)?.person_id).toEqual(expect.any(String));
    // An empty list is audited too (no case).
    await list(tok.ber, 'status=CLOSED');
    const empty = await t.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE actor = 'ber-k' AND action = 'list-cases.list' AND case_id IS NULL`,
    );
    expect(empty.rows[0].n).toBe(1);
    const all = await t.db.sql.query('SELECT * FROM audit_log');
    const text = JSON.stringify(all.rows) + logs.join('');
    for (const pnr of [PNR, '900101-0017', '199001010017', '19900101-0018', '19800315-1233'])
      expect(text).not.toContain(pnr);
    expect(logs.join('')).toContain('/api/v1/cases');
  });
});
