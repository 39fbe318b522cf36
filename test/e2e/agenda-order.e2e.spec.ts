import type { Response } from 'supertest';
import { EventStore, SqlEventStore } from '@app/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

const UNKNOWN = '3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11';
const TODAY = '2026-06-15';

// The processledare orders the agenda (§4): POST /api/v1/meetings/{id}/agenda/order names every
// case on it, first to last; GET /api/v1/meetings/{id} and the meetings read model keep that order.
describe('POST /api/v1/meetings/{id}/agenda/order: the processledare orders the agenda', () => {
  let t: TestApp;
  let store: EventStore;
  let soc: string;
  let pl: string;
  let ber: string;
  let otherPl: string;

  beforeAll(async () => {
    t = await startTestApp();
    store = new SqlEventStore(t.db.sql);
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    ber = await t.token({ roles: ['beredning'], party: 'KOMMUN', sub: 'ber-1' });
    otherPl = await t.token({ tenant: 'annat-torg', roles: ['processledare'], sub: 'pl-2' });
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const meetingVersion = (id: string) => store.streamVersion(`meeting-${id}`);
  const fieldsOf = (res: Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  function expectProblem(res: Response, status: number, type?: RegExp) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (type) expect(res.body.type).toMatch(type);
  }

  async function acceptedCase(initiatedOn: string): Promise<string> {
    const id = (await t.http.post('/api/v1/cases').set(auth(soc)).send(initiation({ initiatedOn })).expect(201))
      .body.id;
    await t.http.post(`/api/v1/cases/${id}/accept`).set(auth(pl)).send({}).expect(200);
    return id;
  }

  async function meeting(): Promise<string> {
    return (await t.http.post('/api/v1/meetings').set(auth(pl)).send({ date: TODAY }).expect(201)).body.id;
  }

  async function onAgenda(meetingId: string, caseId: string, priority = false): Promise<number> {
    const res = await t.http
      .post(`/api/v1/meetings/${meetingId}/agenda`)
      .set(auth(pl))
      .send({ caseId, priority })
      .expect(200);
    return res.body.version;
  }

  const agendaOf = async (id: string, token = pl) =>
    (await t.http.get(`/api/v1/meetings/${id}`).set(auth(token)).expect(200)).body.agenda.map(
      (i: { caseId: string }) => i.caseId,
    );

  const order = (id: string, caseIds: string[], version?: number) => {
    const req = t.http.post(`/api/v1/meetings/${id}/agenda/order`).set(auth(pl));
    return (version !== undefined ? req.set('If-Match', `"${version}"`) : req).send({ caseIds });
  };

  /** A meeting with three cases, shown by default as urgent (priority), old, recent. */
  async function threeCases() {
    const m = await meeting();
    const recent = await acceptedCase('2026-06-10');
    const old = await acceptedCase('2026-06-01');
    const urgent = await acceptedCase('2026-06-12');
    await onAgenda(m, recent);
    await onAgenda(m, old);
    const version = await onAgenda(m, urgent, true);
    expect(await agendaOf(m)).toEqual([urgent, old, recent]);
    return { m, recent, old, urgent, version };
  }

  it('sets the order with If-Match; GET lists the agenda in it, for members too, and the read model keeps it', async () => {
    const { m, recent, old, urgent, version } = await threeCases();
    const res = await order(m, [recent, urgent, old], version).set('Idempotency-Key', 'order-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: m, version: version + 1, position: expect.any(Number) });
    expect(res.headers.etag).toBe(`"${version + 1}"`);
    expect(await agendaOf(m)).toEqual([recent, urgent, old]);
    expect(await agendaOf(m, ber)).toEqual([recent, urgent, old]);
    expect((await store.readStream(`meeting-${m}`)).at(-1)).toMatchObject({
      type: 'AgendaReordered',
      data: { caseIds: [recent, urgent, old], occurredOn: TODAY },
    });
    // The meetings read model (rm_meetings) folds the same order.
    let stored: string[] = [];
    for (let i = 0; i < 200 && stored[0] !== recent; i++) {
      const { rows } = await t.db.sql.query<{ state: { agenda: { caseId: string }[] } }>(
        'SELECT state FROM rm_meetings WHERE meeting_id = $1 AND version >= $2',
        [m, version + 1],
      );
      stored = rows[0]?.state.agenda.map((a) => a.caseId) ?? [];
      if (stored[0] !== recent) await new Promise((r) => setTimeout(r, 20));
    }
    expect(stored).toEqual([recent, urgent, old]);

    // A retry with the same Idempotency-Key answers the first answer and writes nothing.
    const again = await order(m, [recent, urgent, old], version).set('Idempotency-Key', 'order-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    // The same order asked again without a key: nothing to record.
    const same = await order(m, [recent, urgent, old], version + 1);
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(version + 1);
    expect(await meetingVersion(m)).toBe(version + 1);
  });

  it('cases added later go last, a priority case before the first ordinary case; removals keep the order', async () => {
    const { m, recent, old, urgent, version } = await threeCases();
    await order(m, [old, recent, urgent], version).expect(200);
    const later = await acceptedCase('2026-06-04');
    await onAgenda(m, later);
    expect(await agendaOf(m)).toEqual([old, recent, urgent, later]);
    const urgent2 = await acceptedCase('2026-06-13');
    await onAgenda(m, urgent2, true);
    expect(await agendaOf(m)).toEqual([urgent2, old, recent, urgent, later]);
    await t.http.delete(`/api/v1/meetings/${m}/agenda/${recent}`).set(auth(pl)).expect(200);
    expect(await agendaOf(m)).toEqual([urgent2, old, urgent, later]);
  });

  it('a list that is not exactly the agenda is refused (R5) naming the field; nothing written', async () => {
    const { m, recent, old, urgent, version } = await threeCases();
    const missing = await order(m, [recent, urgent], version);
    expectProblem(missing, 422, /rules\/agenda-incomplete$/);
    expect(missing.body.rule).toBe('R5');
    expect(fieldsOf(missing)).toEqual(['caseIds']);

    const unknown = await order(m, [recent, urgent, old, UNKNOWN], version);
    expectProblem(unknown, 422, /rules\/not-on-agenda$/);
    expect(fieldsOf(unknown)).toEqual(['caseIds[3]']);

    const twice = await order(m, [recent, urgent, recent], version);
    expectProblem(twice, 400, /duplicate-case$/);
    expect(fieldsOf(twice)).toEqual(['caseIds[2]']);

    const bad = await order(m, [recent, 'not-a-uuid', old], version);
    expectProblem(bad, 400);
    expect(fieldsOf(bad)).toEqual(['caseIds']);
    const notList = await t.http.post(`/api/v1/meetings/${m}/agenda/order`).set(auth(pl)).send({});
    expectProblem(notList, 400);
    expect([...new Set(fieldsOf(notList))]).toEqual(['caseIds']);
    expect(await meetingVersion(m)).toBe(version);
  });

  it('a stale If-Match is a 409 (a case was added meanwhile); without If-Match the list decides: refused', async () => {
    const { m, recent, old, urgent, version } = await threeCases();
    const added = await acceptedCase('2026-06-03');
    await onAgenda(m, added);
    expectProblem(await order(m, [recent, urgent, old], version), 409, /concurrency$/);
    expectProblem(await order(m, [recent, urgent, old]), 422, /agenda-incomplete$/);
    expect(await meetingVersion(m)).toBe(version + 1);
  });

  it('only the processledare orders (403); an unknown meeting, or another torg’s, is 404', async () => {
    const { m, recent, old, urgent, version } = await threeCases();
    for (const token of [soc, ber]) {
      expectProblem(
        await t.http
          .post(`/api/v1/meetings/${m}/agenda/order`)
          .set(auth(token))
          .send({ caseIds: [recent, urgent, old] }),
        403,
      );
    }
    expectProblem(
      await t.http
        .post(`/api/v1/meetings/${m}/agenda/order`)
        .set(auth(otherPl))
        .send({ caseIds: [recent, urgent, old] }),
      404,
    );
    expectProblem(await order(UNKNOWN, [recent]), 404);
    expectProblem(await order('not-a-uuid', [recent]), 404);
    expect(await meetingVersion(m)).toBe(version);
  });
});
