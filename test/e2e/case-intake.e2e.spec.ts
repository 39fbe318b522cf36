import { EventStore, SqlEventStore } from '@app/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { eventCount } from '../support/database';
import { initiation } from '../support/fixtures';

describe('initiating a case and intake over HTTP (R1–R5)', () => {
  let t: TestApp;
  let soc: string;
  let pl: string;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp();
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    store = new SqlEventStore(t.db.sql);
  });
  afterAll(async () => {
    await t.close();
  });

  const initiate = async (token = soc, body: Record<string, unknown> = initiation()) =>
    t.http.post('/api/v1/cases').set('Authorization', `Bearer ${token}`).send(body);

  it('a socialsekreterare initiates a case: 201 with id, version and position, and an ETag', async () => {
    const res = await initiate();
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 1, position: expect.any(Number) });
    expect(res.headers.etag).toBe('"1"');
    const view = await t.http.get(`/api/v1/cases/${res.body.id}`).set('Authorization', `Bearer ${soc}`).expect(200);
    expect(view.body).toMatchObject({
      status: 'SUBMITTED',
      initiatingParty: 'KOMMUN',
      person: { name: 'Anna Andersson', personnummer: '199001010017', gender: 'KVINNA', birthDate: '1990-01-01', ageBand: '30-39' },
      deadlines: { insatsDeadline: '2026-08-31' },
    });
  });

  it('the same personnummer finds the same person again, in any spelling', async () => {
    const a = await initiate(soc, initiation({ person: { personnummer: '900101-0017', name: 'Anna A', gender: 'KVINNA' } }));
    const b = await initiate(soc, initiation({ person: { personnummer: '199001010017', name: 'Anna A', gender: 'KVINNA' } }));
    const va = await t.http.get(`/api/v1/cases/${a.body.id}`).set('Authorization', `Bearer ${pl}`);
    const vb = await t.http.get(`/api/v1/cases/${b.body.id}`).set('Authorization', `Bearer ${pl}`);
    expect(va.body.person.personId).toBe(vb.body.person.personId);
  });

  it('R1 a processledare (no party) cannot initiate: 403, nothing written', async () => {
    const before = await eventCount(t.db.sql);
    const res = await initiate(pl);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await eventCount(t.db.sql)).toBe(before);
  });

  it('R1 a handläggare initiates only for their own party: 403 naming the rule, and no person registered', async () => {
    const before = await eventCount(t.db.sql);
    const persons = await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM persons');
    const res = await initiate(soc, initiation({ person: { personnummer: '19851231-2383', name: 'Bo', gender: 'MAN' }, initiatingParty: 'REGION' }));
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/not-own-party$/);
    expect(res.body.rule).toBe('R1');
    expect(await eventCount(t.db.sql)).toBe(before);
    expect((await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM persons')).rows[0].n).toBe(persons.rows[0].n);
  });

  it('R3 names at least one other party', async () => {
    const res = await initiate(soc, initiation({ otherParties: [] }));
    expect(res.status).toBe(422);
    expect(res.body.rule).toBe('R3');
  });

  it('R5 the processledare returns with a reason, the initiator resubmits, the processledare accepts', async () => {
    const { body } = await initiate();
    const id = body.id;
    await t.http.post(`/api/v1/cases/${id}/return`).set('Authorization', `Bearer ${pl}`).send({ reason: 'Komplettera' }).expect(200);
    // Accepting a returned case is refused by R5.
    const refused = await t.http.post(`/api/v1/cases/${id}/accept`).set('Authorization', `Bearer ${pl}`).send({});
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('R5');
    await t.http.post(`/api/v1/cases/${id}/resubmit`).set('Authorization', `Bearer ${soc}`).send({ needs: 'Kompletterad behovsanalys' }).expect(200);
    const accepted = await t.http.post(`/api/v1/cases/${id}/accept`).set('Authorization', `Bearer ${pl}`).send({}).expect(200);
    expect(accepted.body.version).toBe(4);
    const view = await t.http.get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${pl}`).expect(200);
    expect(view.body).toMatchObject({ status: 'ACCEPTED', needs: 'Kompletterad behovsanalys', acceptedOn: '2026-06-15' });
    const history = await t.http.get(`/api/v1/cases/${id}/history`).set('Authorization', `Bearer ${pl}`).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['CaseInitiated', 'CaseReturned', 'CaseResubmitted', 'CaseAccepted']);
    expect(history.body.events[1]).toMatchObject({ occurredOn: '2026-06-15', actor: { sub: 'pl-1', roles: ['processledare'] }, data: { reason: 'Komplettera' } });
  });

  it('only the processledare accepts or returns: a handläggare gets 403', async () => {
    const { body } = await initiate();
    const res = await t.http.post(`/api/v1/cases/${body.id}/accept`).set('Authorization', `Bearer ${soc}`).send({});
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('a stale If-Match gets 409 and writes nothing; a current one goes through', async () => {
    const { body } = await initiate();
    const stale = await t.http.post(`/api/v1/cases/${body.id}/accept`).set('Authorization', `Bearer ${pl}`).set('If-Match', '"7"').send({});
    expect(stale.status).toBe(409);
    expect(await store.streamVersion(`case-${body.id}`)).toBe(1);
    const bad = await t.http.post(`/api/v1/cases/${body.id}/accept`).set('Authorization', `Bearer ${pl}`).set('If-Match', 'yesterday').send({});
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    await t.http.post(`/api/v1/cases/${body.id}/accept`).set('Authorization', `Bearer ${pl}`).set('If-Match', '"1"').send({}).expect(200);
  });

  it('20 concurrent writes with the same If-Match: exactly one succeeds, the rest get 409, the history has no gap', async () => {
    const { body } = await initiate();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http
          .post(`/api/v1/cases/${body.id}/${i % 2 ? 'accept' : 'return'}`)
          .set('Authorization', `Bearer ${pl}`)
          .set('If-Match', '"1"')
          .send(i % 2 ? {} : { reason: `skäl ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const history = await t.http.get(`/api/v1/cases/${body.id}/history`).set('Authorization', `Bearer ${pl}`).expect(200);
    expect(history.body.events.map((e: { version: number }) => e.version)).toEqual([1, 2]);
  });

  it('Idempotency-Key: a retry returns the first answer and writes nothing new; another body with the key is refused', async () => {
    const body = initiation({ person: { personnummer: '19750615-1237', name: 'Carl', gender: 'MAN' } });
    const first = await t.http.post('/api/v1/cases').set('Authorization', `Bearer ${soc}`).set('Idempotency-Key', 'init-carl-1').send(body);
    expect(first.status).toBe(201);
    const head = await eventCount(t.db.sql);
    const retry = await t.http.post('/api/v1/cases').set('Authorization', `Bearer ${soc}`).set('Idempotency-Key', 'init-carl-1').send(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount(t.db.sql)).toBe(head);
    const other = await t.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${soc}`)
      .set('Idempotency-Key', 'init-carl-1')
      .send({ ...body, question: 'En annan fråga' });
    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
    expect(await eventCount(t.db.sql)).toBe(head);
  });

  it('a refused request does not use up its Idempotency-Key', async () => {
    const bad = await t.http.post('/api/v1/cases').set('Authorization', `Bearer ${soc}`).set('Idempotency-Key', 'k-2').send(initiation({ otherParties: [] }));
    expect(bad.status).toBe(422);
    const again = await t.http.post('/api/v1/cases').set('Authorization', `Bearer ${soc}`).set('Idempotency-Key', 'k-2').send(initiation({ otherParties: [] }));
    expect(again.status).toBe(422);
  });

  it('tenants are isolated: another tenant cannot read or write the case (404)', async () => {
    const { body } = await initiate();
    const otherPl = await t.token({ tenant: 'annat-torg', roles: ['processledare'] });
    await t.http.get(`/api/v1/cases/${body.id}`).set('Authorization', `Bearer ${otherPl}`).expect(404);
    await t.http.get(`/api/v1/cases/${body.id}/history`).set('Authorization', `Bearer ${otherPl}`).expect(404);
    await t.http.post(`/api/v1/cases/${body.id}/accept`).set('Authorization', `Bearer ${otherPl}`).send({}).expect(404);
    expect(await store.streamVersion(`case-${body.id}`)).toBe(1);
  });

  it('a party not named in the case cannot see it; a manager sees no case data', async () => {
    const { body } = await initiate();
    const fk = await t.token({ roles: ['handlaggare'], party: 'FORSAKRINGSKASSAN' });
    const af = await t.token({ roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN' });
    const manager = await t.token({ roles: ['manager'] });
    await t.http.get(`/api/v1/cases/${body.id}`).set('Authorization', `Bearer ${fk}`).expect(404);
    await t.http.get(`/api/v1/cases/${body.id}`).set('Authorization', `Bearer ${af}`).expect(200);
    await t.http.get(`/api/v1/cases/${body.id}`).set('Authorization', `Bearer ${manager}`).expect(403);
  });

  it('an unknown case is 404, and so is an id that is no uuid', async () => {
    await t.http.get('/api/v1/cases/3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11').set('Authorization', `Bearer ${pl}`).expect(404);
    await t.http.get('/api/v1/cases/not-a-case').set('Authorization', `Bearer ${pl}`).expect(404);
  });
});
