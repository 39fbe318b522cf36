import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { eventCount } from '../support/database';
import { initiation } from '../support/fixtures';

const TODAY = '2026-06-15';

// Corners of the contract: a refused request writes nothing, an optional field sent as null is
// absent (as `?? undefined` makes it in every case slice), If-Match "0" is the ETag of a new stream.
describe('the HTTP contract at its corners', () => {
  let t: TestApp;
  let soc: string;
  let pl: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    await t.http
      .put('/api/v1/admin/insatser/AMT_AF')
      .set(auth(admin))
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const fieldsOf = (res: Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  function expectBadInput(res: Response, field: string) {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(res)).toContain(field);
  }

  async function acceptedCase(): Promise<string> {
    const res = await t.http.post('/api/v1/cases').set(auth(soc)).send(initiation()).expect(201);
    await t.http.post(`/api/v1/cases/${res.body.id}/accept`).set(auth(pl)).send({}).expect(200);
    return res.body.id;
  }

  async function returnedCase(): Promise<string> {
    const res = await t.http.post('/api/v1/cases').set(auth(soc)).send(initiation()).expect(201);
    await t.http.post(`/api/v1/cases/${res.body.id}/return`).set(auth(pl)).send({ reason: 'Komplettera' }).expect(200);
    return res.body.id;
  }

  async function meetingWithCases(n: number): Promise<{ meetingId: string; caseIds: string[] }> {
    const meetingId = (await t.http.post('/api/v1/meetings').set(auth(pl)).send({ date: TODAY }).expect(201)).body.id;
    const caseIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const caseId = await acceptedCase();
      await t.http.post(`/api/v1/meetings/${meetingId}/agenda`).set(auth(pl)).send({ caseId }).expect(200);
      caseIds.push(caseId);
    }
    return { meetingId, caseIds };
  }

  const meetingsTotal = async () =>
    (await t.http.get('/api/v1/meetings?from=2000-01-01').set(auth(pl)).expect(200)).body.total as number;

  describe('POST /api/v1/meetings with guests', () => {
    it.each([
      ['empty', ''],
      ['blank', '   '],
    ])('a guest organisation that is %s is a 400 naming it, and no meeting is written (nor by a retry)', async (_, organisation) => {
      const head = await eventCount(t.db.sql);
      const total = await meetingsTotal();
      const body = { date: TODAY, guests: [{ name: 'Eva Lärare', organisation }] };
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await t.http
          .post('/api/v1/meetings')
          .set(auth(pl))
          .set('Idempotency-Key', `guest-${organisation.length}`)
          .send(body);
        expectBadInput(res, 'guests[0].organisation');
      }
      expect(await eventCount(t.db.sql)).toBe(head);
      expect(await meetingsTotal()).toBe(total);
    });

    it('a guest organisation sent as null is absent', async () => {
      const res = await t.http
        .post('/api/v1/meetings')
        .set(auth(pl))
        .send({ date: TODAY, members: [{ party: 'KOMMUN', user: 'u-kommun-1' }], guests: [{ name: 'Eva Lärare', organisation: null }] })
        .expect(201);
      const history = await t.db.sql.query<{ type: string; data: { guests?: unknown } }>(
        'SELECT type, data FROM es_events WHERE stream_id = $1 ORDER BY version',
        [`meeting-${res.body.id}`],
      );
      expect(history.rows.map((r) => r.type)).toEqual(['MeetingScheduled', 'AttendanceRecorded']);
      expect(history.rows[1].data.guests).toEqual([{ name: 'Eva Lärare' }]);
    });
  });

  describe('POST /api/v1/cases/{id}/decision', () => {
    it.each(['notParticipating', 'recommendation', 'ownerParty', 'ownerUser', 'recommendedInsatser', 'decidedOn'])(
      '%s sent as null is absent',
      async (field) => {
        const { meetingId, caseIds } = await meetingWithCases(1);
        const res = await t.http
          .post(`/api/v1/cases/${caseIds[0]}/decision`)
          .set(auth(pl))
          .send({ meetingId, decision: 'BORDLAGD', [field]: null });
        expect(res.status).toBe(200);
        const view = await t.http.get(`/api/v1/cases/${caseIds[0]}/history`).set(auth(pl)).expect(200);
        const recorded = view.body.events.find((e: { type: string }) => e.type === 'DecisionRecorded');
        expect(recorded.data).toMatchObject({ decision: 'BORDLAGD', notParticipating: [], occurredOn: TODAY });
        expect(recorded.data.recommendation).toBeUndefined();
      },
    );

    it('a blank recommendation is a 400 naming it; nothing written', async () => {
      const { meetingId, caseIds } = await meetingWithCases(1);
      const head = await eventCount(t.db.sql);
      const res = await t.http
        .post(`/api/v1/cases/${caseIds[0]}/decision`)
        .set(auth(pl))
        .send({ meetingId, decision: 'BORDLAGD', recommendation: '  ' });
      expectBadInput(res, 'recommendation');
      expect(await eventCount(t.db.sql)).toBe(head);
    });
  });

  describe('POST /api/v1/cases/{id}/resubmit', () => {
    it('question and needs sent as null are absent: the case keeps its own', async () => {
      const id = await returnedCase();
      const res = await t.http
        .post(`/api/v1/cases/${id}/resubmit`)
        .set(auth(soc))
        .send({ question: null, needs: null, otherParties: null, resubmittedOn: null });
      expect(res.status).toBe(200);
      const view = await t.http.get(`/api/v1/cases/${id}`).set(auth(pl)).expect(200);
      expect(view.body).toMatchObject({
        status: 'SUBMITTED',
        question: initiation().question,
        needs: initiation().needs,
      });
    });

    it.each(['question', 'needs'])('a blank %s is a 400 naming it; nothing written', async (field) => {
      const id = await returnedCase();
      const head = await eventCount(t.db.sql);
      const res = await t.http.post(`/api/v1/cases/${id}/resubmit`).set(auth(soc)).send({ [field]: ' \n ' });
      expectBadInput(res, field);
      expect(await eventCount(t.db.sql)).toBe(head);
    });
  });

  describe('If-Match "0": the ETag of a tenant without configuration', () => {
    it('goes through on the new stream; once it exists, "0" is stale (409) like any other version', async () => {
      const fresh = await t.token({ tenant: 'ny-kommun', roles: ['admin'], sub: 'admin-2' });
      const read = await t.http.get('/api/v1/admin/settings').set(auth(fresh)).expect(200);
      expect(read.body.version).toBe(0);
      expect(read.headers.etag).toBe('"0"');
      const first = await t.http
        .put('/api/v1/admin/settings')
        .set(auth(fresh))
        .set('If-Match', read.headers.etag)
        .send({ retentionMonths: 12 });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(1);
      const head = await eventCount(t.db.sql);
      const stale = await t.http
        .put('/api/v1/admin/settings')
        .set(auth(fresh))
        .set('If-Match', '"0"')
        .send({ retentionMonths: 36 });
      expect(stale.status).toBe(409);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await eventCount(t.db.sql)).toBe(head);
      const after = await t.http.get('/api/v1/admin/settings').set(auth(fresh)).expect(200);
      expect(after.body).toMatchObject({ version: 1, settings: { retentionMonths: 12 } });
    });

    it('on a case (which never has version 0) it is a 409, not a 400', async () => {
      const id = await acceptedCase();
      const res = await t.http
        .post(`/api/v1/cases/${id}/return`)
        .set(auth(pl))
        .set('If-Match', '"0"')
        .send({ reason: 'Komplettera' });
      expect(res.status).toBe(409);
    });
  });

  describe('insats codes that are names on every object', () => {
    const codes = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

    it.each(codes)('a consultation for %s is refused by R9; nothing written', async (insatsCode) => {
      const head = await eventCount(t.db.sql);
      const res = await t.http.post('/api/v1/consultations').set(auth(soc)).send({ insatsCode, heldOn: TODAY });
      expect(res.status).toBe(422);
      expect(res.body.type).toMatch(/insats-not-in-catalogue$/);
      expect(await eventCount(t.db.sql)).toBe(head);
    });

    it.each(codes)('a closing survey for %s is refused by R9; nothing written', async (insatsCode) => {
      const head = await eventCount(t.db.sql);
      const res = await t.http
        .post('/api/v1/surveys/closing')
        .set(auth(soc))
        .send({ insatsCode, answers: { q4: 'NEJ', q8: 'NEJ' } });
      expect(res.status).toBe(422);
      expect(res.body.type).toMatch(/insats-not-in-catalogue$/);
      expect(await eventCount(t.db.sql)).toBe(head);
    });
  });
});
