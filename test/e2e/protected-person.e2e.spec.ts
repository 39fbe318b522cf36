import { type Server, createServer } from 'node:http';
import { WITHHELD } from '@app/scheduling';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// DOMAIN.md §10: persons with skyddade personuppgifter are visible only to the processledare and
// the ärendebärare. Protection is a fact about the person, whichever of their cases was marked;
// and notices (the list and the webhooks) follow the same access policy as the case itself.

const PROTECTED_PNR = '19851231-2383';
const OTHER_PNR = '19790304-4449';
const THIRD_PNR = '19700101-1233';
const FOURTH_PNR = '19860612-7259';

describe('§10 skyddade personuppgifter and notices follow the case access policy', () => {
  let t: TestApp;
  const tok = {} as Record<'pl' | 'soc1' | 'soc2' | 'af' | 'sysKommun' | 'berKommun' | 'admin', string>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (id: string, token: string) => t.http.get(`/api/v1/cases/${id}`).set(auth(token));
  const person = (personnummer: string, protectedIdentity?: boolean) => ({
    personnummer,
    name: 'Sara Skyddad',
    gender: 'KVINNA',
    ...(protectedIdentity === undefined ? {} : { protectedIdentity }),
  });

  /** AF initiates, naming KOMMUN; no protection asked for. */
  const byAf = (personnummer: string) =>
    initiation({
      person: person(personnummer),
      initiatingParty: 'ARBETSFORMEDLINGEN',
      initiatingUnit: undefined,
      otherParties: ['KOMMUN'],
    });

  async function initiate(
    token: string,
    body: Record<string, unknown>,
  ): Promise<{ id: string; position: number }> {
    const res = await t.http.post('/api/v1/cases').set(auth(token)).send(body).expect(201);
    return { id: res.body.id, position: res.body.position };
  }

  async function notices(token: string): Promise<{ caseId: string; kind: string; party: string }[]> {
    return (await t.http.get('/api/v1/notifications?limit=200').set(auth(token)).expect(200)).body.items;
  }

  /** Waits until the notices read model holds a notice of the case (the list reads it). */
  async function noticeRecorded(caseId: string, kind: string): Promise<string> {
    for (let i = 0; i < 500; i++) {
      const { rows } = await t.db.sql.query<{ id: string }>(
        'SELECT id FROM notifications WHERE case_id = $1 AND kind = $2',
        [caseId, kind],
      );
      if (rows[0]) return rows[0].id;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the notice was not recorded');
  }

  async function agendaDecided(caseId: string): Promise<void> {
    for (let i = 0; i < 500; i++) {
      const { rows } = await t.db.sql.query(
        'SELECT 1 FROM rm_agenda WHERE case_id = $1 AND decided_on IS NOT NULL',
        [caseId],
      );
      if (rows.length) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the agenda read model did not settle');
  }

  /** Accepted, on a meeting's agenda and decided there (today), owned as given; then a SIP booked (a notice). */
  async function decidedWithSipBooked(
    caseId: string,
    owner: { ownerParty: string; ownerUser?: string },
  ): Promise<void> {
    await t.http.post(`/api/v1/cases/${caseId}/accept`).set(auth(tok.pl)).send({}).expect(200);
    const m = (
      await t.http.post('/api/v1/meetings').set(auth(tok.pl)).send({ date: '2026-06-15' }).expect(201)
    ).body.id;
    await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(tok.pl)).send({ caseId }).expect(200);
    await t.http
      .post(`/api/v1/cases/${caseId}/decision`)
      .set(auth(tok.pl))
      .send({ meetingId: m, decision: 'FORDJUPAD_SAMORDNING', ...owner })
      .expect(200);
    const sip = await t.http
      .post(`/api/v1/cases/${caseId}/sips`)
      .set(auth(tok.pl))
      .send({ initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: false })
      .expect(201);
    await t.http
      .post(`/api/v1/cases/${caseId}/sips/${sip.body.sipId}/booking`)
      .set(auth(tok.pl))
      .send({
        date: '2026-06-25',
        parties: ['KOMMUN', 'ARBETSFORMEDLINGEN'],
        leader: 'KOMMUN',
        documenter: 'KOMMUN',
      })
      .expect(200);
    await agendaDecided(caseId);
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { JOB_BACKOFF_MS: '100' } });
    tok.pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    tok.soc1 = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    tok.soc2 = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-2' });
    tok.af = await t.token({ roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN', sub: 'af-1' });
    tok.sysKommun = await t.token({ roles: ['system'], party: 'KOMMUN', sub: 'kommun-system' });
    tok.berKommun = await t.token({ roles: ['beredning'], party: 'KOMMUN', sub: 'ber-k' });
    tok.admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('§10 skyddade personuppgifter: another case of the same person, initiated without the flag, is protected from its first event', async () => {
    const a = await initiate(tok.soc1, initiation({ person: person(PROTECTED_PNR, true) }));
    const b = await initiate(tok.af, byAf(PROTECTED_PNR));

    // Neither the handläggare of a named party nor the initiator (no ärendebärare yet) see it.
    for (const token of [tok.soc2, tok.soc1, tok.af, tok.sysKommun]) await get(b.id, token).expect(404);
    await t.http.get(`/api/v1/cases/${b.id}/history`).set(auth(tok.af)).expect(404);
    await t.http.post(`/api/v1/cases/${b.id}/resubmit`).set(auth(tok.af)).send({}).expect(404);

    const view = (await get(b.id, tok.pl).expect(200)).body;
    const viewA = (await get(a.id, tok.pl).expect(200)).body;
    expect(view.person.personId).toBe(viewA.person.personId);
    expect(view.person.protectedIdentity).toBe(true);
    // The fact is recorded on the new case itself.
    const history = (await t.http.get(`/api/v1/cases/${b.id}/history`).set(auth(tok.pl)).expect(200)).body
      .events;
    expect(history[0]).toMatchObject({
      type: 'CaseInitiated',
      data: { person: { protectedIdentity: true } },
    });
  });

  it('§10 skyddade personuppgifter: a new protected case protects the person’s earlier cases — views, writes and notices', async () => {
    const b = await initiate(tok.af, byAf(OTHER_PNR));
    await t.http
      .post(`/api/v1/cases/${b.id}/return`)
      .set(auth(tok.pl))
      .send({ reason: 'Saknar behovsanalys' })
      .expect(200);
    await noticeRecorded(b.id, 'CASE_RETURNED');
    await get(b.id, tok.soc2).expect(200);
    expect((await notices(tok.af)).map((n) => n.caseId)).toContain(b.id);

    const a = await initiate(tok.soc1, initiation({ person: person(OTHER_PNR, true) }));

    // At once, whether or not the cases read model has applied the new case yet.
    for (const token of [tok.soc2, tok.af, tok.sysKommun]) await get(b.id, token).expect(404);
    await t.http.get(`/api/v1/cases/${b.id}/history`).set(auth(tok.af)).expect(404);
    await t.http.post(`/api/v1/cases/${b.id}/resubmit`).set(auth(tok.af)).send({}).expect(404);
    expect((await notices(tok.af)).map((n) => n.caseId)).not.toContain(b.id);

    // And once it has: every case of the person carries the flag in the read model.
    const view = (
      await t.http.get(`/api/v1/cases/${b.id}?minPosition=${a.position}`).set(auth(tok.pl)).expect(200)
    ).body;
    expect(view.person.protectedIdentity).toBe(true);
    const { rows } = await t.db.sql.query<{ case_id: string; protected: boolean }>(
      'SELECT case_id::text AS case_id, protected FROM rm_cases WHERE case_id = ANY($1::uuid[]) ORDER BY case_id',
      [[a.id, b.id]],
    );
    expect(rows.map((r) => r.protected)).toEqual([true, true]);
    for (const token of [tok.soc2, tok.af]) await get(b.id, token).expect(404);
    expect((await notices(tok.af)).map((n) => n.caseId)).not.toContain(b.id);
    // The processledare still lists it.
    expect((await notices(tok.pl)).map((n) => n.caseId)).toContain(b.id);
  });

  it('notices follow canSeeCase: a beredningsgrupp member gets a case’s notices until 30 days after the decision, then no more', async () => {
    const c = await initiate(tok.soc1, initiation({ person: person(THIRD_PNR) }));
    await decidedWithSipBooked(c.id, { ownerParty: 'KOMMUN', ownerUser: 'soc-1' });
    await noticeRecorded(c.id, 'SIP_BOOKED');
    try {
      t.clock.set('2026-07-15T10:00:00Z');
      const day30 = await t.token({ roles: ['beredning'], party: 'KOMMUN', sub: 'ber-k' });
      await get(c.id, day30).expect(200);
      expect((await notices(day30)).map((n) => n.caseId)).toContain(c.id);
      t.clock.set('2026-07-16T10:00:00Z');
      const day31 = await t.token({ roles: ['beredning'], party: 'KOMMUN', sub: 'ber-k' });
      await get(c.id, day31).expect(404);
      expect((await notices(day31)).map((n) => n.caseId)).not.toContain(c.id);
      // The ärendebärare's party keeps them.
      const soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-2' });
      expect((await notices(soc)).map((n) => n.caseId)).toContain(c.id);
    } finally {
      t.clock.set('2026-06-15T10:00:00Z');
    }
  });

  it('notices follow canSeeCase: a protected case owned by a party with no named user — its handläggare see the case and its notices', async () => {
    const c = await initiate(tok.soc1, initiation({ person: person(FOURTH_PNR, true) }));
    await decidedWithSipBooked(c.id, { ownerParty: 'KOMMUN' });
    await noticeRecorded(c.id, 'SIP_BOOKED');
    await get(c.id, tok.soc2).expect(200);
    expect((await notices(tok.soc2)).filter((n) => n.caseId === c.id).map((n) => n.kind)).toEqual([
      'SIP_BOOKED',
    ]);
    // Not the party's system nor its beredningsgrupp member, nor another named party's handläggare.
    for (const token of [tok.sysKommun, tok.berKommun, tok.af]) {
      await get(c.id, token).expect(404);
      expect((await notices(token)).map((n) => n.caseId)).not.toContain(c.id);
    }
  });

  describe('webhooks', () => {
    const received: string[] = [];
    let server: Server;
    let url = '';

    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}/kommun`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    async function delivery(noticeId: string): Promise<number> {
      for (let i = 0; i < 1000; i++) {
        const { rows } = await t.db.sql.query<{ status: number }>(
          'SELECT status FROM notice_deliveries WHERE notice_id = $1',
          [noticeId],
        );
        if (rows[0]) return rows[0].status;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the notice was neither delivered nor withheld');
    }

    it('notices follow canSeeCase: the initiating party’s webhook gets no notice of a protected case its list hides', async () => {
      await t.http
        .put('/api/v1/admin/parties/KOMMUN/webhook')
        .set(auth(tok.admin))
        .send({ url, secret: 'kommun-webhook-secret-0123456789' })
        .expect(200);
      const open = await initiate(tok.soc1, initiation({ person: person('19920201-0014') }));
      const hidden = await initiate(tok.soc1, initiation({ person: person('19920201-0022', true) }));
      for (const c of [open, hidden])
        await t.http
          .post(`/api/v1/cases/${c.id}/return`)
          .set(auth(tok.pl))
          .send({ reason: 'Saknar behovsanalys' })
          .expect(200);

      const sent = await noticeRecorded(open.id, 'CASE_RETURNED');
      const withheld = await noticeRecorded(hidden.id, 'CASE_RETURNED');
      expect(await delivery(sent)).toBe(200);
      expect(await delivery(withheld)).toBe(WITHHELD);
      expect(received.some((body) => body.includes(open.id))).toBe(true);
      expect(received.some((body) => body.includes(hidden.id))).toBe(false);
      // As the party's system reads its list.
      expect((await notices(tok.sysKommun)).map((n) => n.caseId)).not.toContain(hidden.id);
    });
  });
});
