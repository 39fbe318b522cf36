import { randomUUID } from 'node:crypto';
import type { ExistingCase } from '@app/case-domain';
import type { Principal } from '@app/security';
import {
  accepted,
  actors,
  closedEvent,
  decided,
  fold,
  initiated,
  insatsStarted,
} from '../../libs/case-domain/src/testing/fixtures';
import { BEREDNING_DAYS_AFTER_DECISION, canSeeCase } from '@app/security';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// The access policy's finer rules (issue 6, DOMAIN.md §10) over HTTP: beredningsgrupp members by
// the agenda and 30 days after the decision, skyddade personuppgifter, admin and manager, parties
// that become named; and consent scope (R2) and withdrawal (R15) refusing writes.

describe('the access policy in detail', () => {
  let t: TestApp;
  const tok = {} as Record<
    | 'pl'
    | 'soc'
    | 'soc9'
    | 'af'
    | 'region'
    | 'sysKommun'
    | 'berKommun'
    | 'berRegion'
    | 'admin'
    | 'adminPl'
    | 'manager',
    string
  >;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (id: string, token: string) => t.http.get(`/api/v1/cases/${id}`).set(auth(token));

  beforeAll(async () => {
    t = await startTestApp();
    tok.pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    tok.soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    tok.soc9 = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-9' });
    tok.af = await t.token({ roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN', sub: 'af-1' });
    tok.region = await t.token({ roles: ['handlaggare'], party: 'REGION', sub: 'reg-1' });
    tok.sysKommun = await t.token({ roles: ['system'], party: 'KOMMUN', sub: 'kommun-system' });
    tok.berKommun = await t.token({ roles: ['beredning'], party: 'KOMMUN', sub: 'ber-k' });
    tok.berRegion = await t.token({ roles: ['beredning'], party: 'REGION', sub: 'ber-r' });
    tok.admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    tok.adminPl = await t.token({ roles: ['admin', 'processledare'], sub: 'admin-pl' });
    tok.manager = await t.token({ roles: ['manager'], sub: 'chef-1' });
    for (const [code, name, party] of [
      ['AMT_AF', 'Arbetsförmedlare på AMT', 'ARBETSFORMEDLINGEN'],
      ['PSYKOLOG', 'Psykolog', 'REGION'],
      ['FK_STOD', 'FK-stöd', 'FORSAKRINGSKASSAN'],
    ]) {
      await t.http
        .put(`/api/v1/admin/insatser/${code}`)
        .set(auth(tok.admin))
        .send({ name, party })
        .expect(200);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function newCase(body: Record<string, unknown> = {}): Promise<string> {
    const res = await t.http.post('/api/v1/cases').set(auth(tok.soc)).send(initiation(body)).expect(201);
    await t.http.post(`/api/v1/cases/${res.body.id}/accept`).set(auth(tok.pl)).send({}).expect(200);
    return res.body.id;
  }

  async function meeting(date = '2026-06-15'): Promise<string> {
    return (await t.http.post('/api/v1/meetings').set(auth(tok.pl)).send({ date }).expect(201)).body.id;
  }

  /** Waits until the agenda read model agrees with `present` for the case (beredning access reads it). */
  async function agendaSettled(
    caseId: string,
    check: (rows: { decided_on: string | null }[]) => boolean,
  ): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const { rows } = await t.db.sql.query<{ decided_on: string | null }>(
        `SELECT to_char(decided_on, 'YYYY-MM-DD') AS decided_on FROM rm_agenda WHERE case_id = $1`,
        [caseId],
      );
      if (check(rows)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the agenda read model did not settle');
  }

  describe('beredningsgrupp members', () => {
    it('see a case from the agenda until 30 days after the decision, then no more', async () => {
      const c = await newCase();
      await get(c, tok.berKommun).expect(404); // accepted, but on no agenda yet
      const m = await meeting();
      await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(tok.pl)).send({ caseId: c }).expect(200);
      await agendaSettled(c, (rows) => rows.length === 1);
      await get(c, tok.berKommun).expect(200);
      await get(c, tok.berRegion).expect(200); // any member whose party the consent covers
      await t.http.get(`/api/v1/cases/${c}/history`).set(auth(tok.berKommun)).expect(200);

      await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(tok.pl))
        .send({ meetingId: m, decision: 'FORDJUPAD_SAMORDNING', ownerParty: 'KOMMUN' })
        .expect(200);
      await agendaSettled(c, (rows) => rows[0]?.decided_on === '2026-06-15');
      await get(c, tok.berKommun).expect(200);
      // Tokens are signed at the test clock's time, so each moment gets fresh ones.
      const at = async (instant: string) => {
        t.clock.set(instant);
        return {
          ber: await t.token({ roles: ['beredning'], party: 'KOMMUN', sub: 'ber-k' }),
          soc: await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' }),
        };
      };
      try {
        const day30 = await at('2026-07-15T10:00:00Z');
        await get(c, day30.ber).expect(200);
        const day31 = await at('2026-07-16T10:00:00Z');
        await get(c, day31.ber).expect(404);
        await t.http.get(`/api/v1/cases/${c}/history`).set(auth(day31.ber)).expect(404);
        // The handläggare of a named party still sees it: their access does not end with the decision.
        await get(c, day31.soc).expect(200);
      } finally {
        t.clock.set('2026-06-15T10:00:00Z');
      }
      expect(BEREDNING_DAYS_AFTER_DECISION).toBe(30);
    });

    it('see a case no more once it is taken off the agenda undecided', async () => {
      const c = await newCase();
      const m = await meeting('2026-06-30');
      await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(tok.pl)).send({ caseId: c }).expect(200);
      await agendaSettled(c, (rows) => rows.length === 1);
      await get(c, tok.berKommun).expect(200);
      await t.http.delete(`/api/v1/meetings/${m}/agenda/${c}`).set(auth(tok.pl)).expect(200);
      await agendaSettled(c, (rows) => rows.length === 0);
      await get(c, tok.berKommun).expect(404);
    });

    it('R15 see a case on the agenda no more once its consent is withdrawn', async () => {
      const c = await newCase();
      const m = await meeting('2026-06-30');
      await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(tok.pl)).send({ caseId: c }).expect(200);
      await agendaSettled(c, (rows) => rows.length === 1);
      await get(c, tok.berKommun).expect(200);
      const withdrawn = await t.http
        .post(`/api/v1/cases/${c}/consent/withdraw`)
        .set(auth(tok.soc))
        .send({ withdrawnOn: '2026-06-15' })
        .expect(200);
      await get(c, tok.berKommun).query({ minPosition: withdrawn.body.position }).expect(404);
      await t.http.get(`/api/v1/cases/${c}/history`).set(auth(tok.berKommun)).expect(404);
    });

    it('of a party outside the consent do not see a case on the agenda', async () => {
      const c = await newCase({
        consent: { ...initiation().consent, scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN'] },
      });
      const m = await meeting('2026-06-30');
      await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(tok.pl)).send({ caseId: c }).expect(200);
      await agendaSettled(c, (rows) => rows.length === 1);
      await get(c, tok.berKommun).expect(200);
      await get(c, tok.berRegion).expect(404);
    });
  });

  describe('skyddade personuppgifter', () => {
    it('only the processledare and the ärendebärare see the case', async () => {
      const c = await newCase({
        person: {
          personnummer: '19811218-9876',
          name: 'Skyddad Person',
          gender: 'KVINNA',
          protectedIdentity: true,
        },
      });
      const m = await meeting();
      await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(tok.pl)).send({ caseId: c }).expect(200);
      await agendaSettled(c, (rows) => rows.length === 1);
      await get(c, tok.pl).expect(200);
      for (const token of [tok.soc, tok.soc9, tok.af, tok.sysKommun, tok.berKommun])
        await get(c, token).expect(404);
      // The initiator may not act on it either: a write answers 404 and writes nothing.
      await t.http
        .post(`/api/v1/cases/${c}/follow-ups`)
        .set(auth(tok.soc))
        .send({ month: 3, incomeSource: 'LON', step: 3 })
        .expect(404);

      await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(tok.pl))
        .send({ meetingId: m, decision: 'FORDJUPAD_SAMORDNING', ownerParty: 'KOMMUN', ownerUser: 'soc-1' })
        .expect(200);
      await get(c, tok.soc).expect(200); // now the ärendebärare
      for (const token of [tok.soc9, tok.af, tok.sysKommun, tok.berKommun]) await get(c, token).expect(404);
    });
  });

  describe('admins and managers', () => {
    it('see no case data; an admin who is also processledare does', async () => {
      const c = await newCase();
      await get(c, tok.admin).expect(403);
      await get(c, tok.manager).expect(403);
      await t.http.get('/api/v1/queue').set(auth(tok.admin)).expect(403);
      await t.http.get('/api/v1/queue').set(auth(tok.manager)).expect(403);
      await get(c, tok.adminPl).expect(200);
    });
  });

  describe('parties that become named', () => {
    it('a party in the consent sees the case once it provides an insats in it', async () => {
      const c = await newCase();
      await get(c, tok.region).expect(404);
      await t.http
        .post(`/api/v1/cases/${c}/insatser`)
        .set(auth(tok.pl))
        .send({ insatsCode: 'PSYKOLOG', startedOn: '2026-06-15' })
        .expect(201);
      await get(c, tok.region).expect(200);
    });
  });

  describe('consent scope (R2) and withdrawal (R15) over HTTP', () => {
    it('R2: nothing is recorded for a party outside the consent', async () => {
      const c = await newCase();
      const before = (await get(c, tok.pl).expect(200)).body.version;
      const insats = await t.http
        .post(`/api/v1/cases/${c}/insatser`)
        .set(auth(tok.pl))
        .send({ insatsCode: 'FK_STOD', startedOn: '2026-06-14' });
      expect(insats.status).toBe(422);
      expect(insats.body.type).toMatch(/rules\/consent-scope$/);
      const sip = await t.http
        .post(`/api/v1/cases/${c}/sips`)
        .set(auth(tok.soc))
        .send({ initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: false })
        .expect(201);
      const booking = await t.http
        .post(`/api/v1/cases/${c}/sips/${sip.body.sipId}/booking`)
        .set(auth(tok.soc))
        .send({
          date: '2026-06-20',
          parties: ['KOMMUN', 'FORSAKRINGSKASSAN'],
          leader: 'KOMMUN',
          documenter: 'KOMMUN',
        });
      expect(booking.status).toBe(422);
      expect(booking.body.type).toMatch(/rules\/consent-scope$/);
      const owner = await t.http
        .post(`/api/v1/cases/${c}/owner`)
        .set(auth(tok.pl))
        .send({ toParty: 'FORSAKRINGSKASSAN' });
      expect(owner.status).toBe(422);
      // The case only moved by the SIP request.
      expect((await get(c, tok.pl).expect(200)).body.version).toBe(before + 1);
    });

    it('R15: after withdrawal only erasure is accepted', async () => {
      const c = await newCase({
        person: { personnummer: '19750505-5553', name: 'Åter Kallad', gender: 'MAN' },
      });
      await t.http
        .post(`/api/v1/cases/${c}/consent/withdraw`)
        .set(auth(tok.soc))
        .send({ withdrawnOn: '2026-06-15' })
        .expect(200);
      for (const [path, body] of [
        [`/api/v1/cases/${c}/follow-ups`, { month: 3, incomeSource: 'LON', step: 3 }],
        [`/api/v1/cases/${c}/insatser`, { insatsCode: 'AMT_AF', startedOn: '2026-06-14' }],
        [`/api/v1/cases/${c}/sips`, { initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: false }],
        [`/api/v1/cases/${c}/reopen`, { reason: 'Igen' }],
      ] as const) {
        const res = await t.http.post(path).set(auth(tok.pl)).send(body);
        expect({ path, status: res.status }).toEqual({ path, status: 422 });
        expect(res.body.rule).toBe('R15');
      }
      const personId = (await get(c, tok.pl).expect(200)).body.person.personId;
      const erased = await t.http
        .post(`/api/v1/persons/${personId}/erasure`)
        .set(auth(tok.admin))
        .send({ reason: 'CONSENT_WITHDRAWN' })
        .expect(200);
      expect(erased.body.cases).toEqual([{ id: c, version: expect.any(Number) }]);
      const view = await t.http
        .get(`/api/v1/cases/${c}?minPosition=${erased.body.position}`)
        .set(auth(tok.pl))
        .expect(200);
      expect(view.body.person).toMatchObject({ erased: true, name: null, personnummer: null });
      expect(view.body.status).toBe('WITHDRAWN');
    });
  });

  describe('the policy as a function', () => {
    const caller = (actor: { sub: string; roles: string[]; party?: string }): Principal =>
      ({ tenant: 'tenant-1', ...actor }) as Principal;
    const facts = { today: '2025-02-01', agenda: [], personProtected: false };

    it('a party named in the case but outside the consent sees nothing of it', () => {
      // evolve does not validate: an insats by FORSAKRINGSKASSAN, outside the SCOPE, named in the state.
      const state = fold([
        ...initiated(),
        accepted(),
        insatsStarted(randomUUID(), 'FK_STOD', '2025-01-20'),
      ]) as ExistingCase;
      expect(canSeeCase(caller(actors.fk), state, facts)).toBe(false);
      expect(canSeeCase(caller(actors.af), state, facts)).toBe(true);
      expect(canSeeCase(caller(actors.region), state, facts)).toBe(false); // in the scope, not named
    });

    it('roles add up; admin, manager and a scheduler without a party see nothing', () => {
      const state = fold([...initiated(), accepted(), decided('ARBETSFORMEDLINGEN')]) as ExistingCase;
      for (const actor of [actors.admin, actors.manager, actors.scheduler])
        expect(canSeeCase(caller(actor), state, facts)).toBe(false);
      expect(canSeeCase(caller({ sub: 'x', roles: ['admin', 'processledare'] }), state, facts)).toBe(true);
      expect(
        canSeeCase(caller({ sub: 'x', roles: ['manager', 'handlaggare'], party: 'KOMMUN' }), state, facts),
      ).toBe(true);
    });

    it('beredning: on an agenda, or decided within 30 days', () => {
      const state = fold([...initiated(), accepted()]) as ExistingCase;
      const ber = caller(actors.beredning);
      const on = (decidedOn: string | null, today: string) =>
        canSeeCase(ber, state, {
          today,
          agenda: [{ meetingId: 'm', date: '2025-01-21', decidedOn }],
          personProtected: false,
        });
      expect(canSeeCase(ber, state, { today: '2025-01-22', agenda: [], personProtected: false })).toBe(false);
      expect(on(null, '2026-01-01')).toBe(true);
      expect(on('2025-01-21', '2025-02-20')).toBe(true);
      expect(on('2025-01-21', '2025-02-21')).toBe(false);
    });

    it('R15 beredning: a case closed or withdrawn undecided is no more theirs; withdrawn consent ends a decided one too', () => {
      const ber = caller(actors.beredning);
      const entry = (decidedOn: string | null) => ({
        today: '2025-09-05',
        agenda: [{ meetingId: 'm', date: '2025-09-02', decidedOn }],
        personProtected: false,
      });
      const closed = fold([
        ...initiated(),
        accepted(),
        closedEvent('2025-09-01', 'ATER_REMITTENT'),
      ]) as ExistingCase;
      expect(canSeeCase(ber, closed, entry(null))).toBe(false);
      const withdrawn = fold([
        ...initiated(),
        accepted(),
        { type: 'ConsentWithdrawn', data: { occurredOn: '2025-09-03' } },
      ]) as ExistingCase;
      expect(withdrawn.status).toBe('WITHDRAWN');
      expect(canSeeCase(ber, withdrawn, entry(null))).toBe(false);
      expect(canSeeCase(ber, withdrawn, entry('2025-09-02'))).toBe(false);
      // Closed after its decision: the group still follows it for the 30 days.
      const decidedThenClosed = fold([
        ...initiated(),
        accepted(),
        decided('ARBETSFORMEDLINGEN', '2025-09-02'),
        closedEvent('2025-09-04'),
      ]) as ExistingCase;
      expect(canSeeCase(ber, decidedThenClosed, entry('2025-09-02'))).toBe(true);
      // The processledare and the parties of the case keep theirs.
      expect(canSeeCase(caller(actors.kommun), withdrawn, entry(null))).toBe(true);
    });

    it('§10 skyddade personuppgifter: a case of a person protected through another case is the ärendebärare’s only', () => {
      const state = fold([...initiated(), accepted(), decided('ARBETSFORMEDLINGEN')]) as ExistingCase;
      expect(state.person.protectedIdentity).toBe(false);
      const protectedPerson = { ...facts, personProtected: true };
      expect(canSeeCase(caller(actors.af), state, facts)).toBe(true);
      // Owned by ARBETSFORMEDLINGEN with no named user: its handläggare are the ärendebärare.
      expect(
        canSeeCase(
          caller({ sub: 'af-9', roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN' }),
          state,
          protectedPerson,
        ),
      ).toBe(true);
      expect(
        canSeeCase(
          caller({ sub: 'af-sys', roles: ['system'], party: 'ARBETSFORMEDLINGEN' }),
          state,
          protectedPerson,
        ),
      ).toBe(false);
      expect(canSeeCase(caller(actors.kommun), state, facts)).toBe(true);
      expect(canSeeCase(caller(actors.kommun), state, protectedPerson)).toBe(false);
      expect(canSeeCase(caller({ sub: 'x', roles: ['processledare'] }), state, protectedPerson)).toBe(true);
    });
  });
});
