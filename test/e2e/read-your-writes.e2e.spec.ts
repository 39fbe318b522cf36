import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

describe('read-your-writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a write followed at once by a read with minPosition always sees the write (case view and queue)', async () => {
    const soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN' });
    const pl = await t.token({ roles: ['processledare'] });
    for (let i = 0; i < 30; i++) {
      const created = await t.http.post('/api/v1/cases').set('Authorization', `Bearer ${soc}`).send(initiation()).expect(201);
      const accepted = await t.http.post(`/api/v1/cases/${created.body.id}/accept`).set('Authorization', `Bearer ${pl}`).send({}).expect(200);
      const [view, queue] = await Promise.all([
        t.http.get(`/api/v1/cases/${created.body.id}?minPosition=${accepted.body.position}`).set('Authorization', `Bearer ${pl}`),
        t.http.get(`/api/v1/queue?bucket=AWAITING_BEREDNING&limit=500&minPosition=${accepted.body.position}`).set('Authorization', `Bearer ${pl}`),
      ]);
      expect(view.body).toMatchObject({ version: 2, status: 'ACCEPTED' });
      expect(view.headers.etag).toBe('"2"');
      expect(queue.body.items.map((item: { caseId: string }) => item.caseId)).toContain(created.body.id);
    }
  });

  it('refuses a minPosition that is no number, naming it', async () => {
    const pl = await t.token({ roles: ['processledare'] });
    const res = await t.http.get('/api/v1/queue?minPosition=soon').set('Authorization', `Bearer ${pl}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('minPosition');
  });
});
