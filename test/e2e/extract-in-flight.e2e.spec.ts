import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_DATABASE_URL } from '../support/database';
import { initiation } from '../support/fixtures';

// Registerutdrag (GDPR art. 15) right after a write, while another transaction is in flight on the
// server: such a transaction holds back what readers may see, so the extract waits for every write
// already answered rather than answering from what is visible now, and lists the new case. Runs on
// PostgreSQL only: the embedded store has one session, so nothing else can be in flight.

describe('GET /api/v1/persons/{personId}/extract while another transaction is in flight', () => {
  let t: TestApp;
  let other: Client;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ store: 'postgres' });
    other = new Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await t.close();
  });

  it('lists a case initiated and answered while the other transaction held readers back', async () => {
    const soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    const pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    const person = { personnummer: '19700101-0003', name: 'Zoë Öberg', gender: 'KVINNA' };
    const first = (await t.http.post('/api/v1/cases').set(auth(soc)).send(initiation({ person })).expect(201))
      .body.id as string;
    const personId = (await t.http.get(`/api/v1/cases/${first}`).set(auth(pl)).expect(200)).body.person
      .personId as string;

    // A transaction with an id, open: events committed after it began are not yet visible to readers.
    await other.query('BEGIN');
    await other.query('SELECT pg_current_xact_id()');
    const second = (
      await t.http
        .post('/api/v1/cases')
        .set(auth(soc))
        .send(initiation({ person, initiatedOn: '2026-06-12' }))
        .expect(201)
    ).body.id as string;
    const asked = t.http.get(`/api/v1/persons/${personId}/extract`).set(auth(pl)).expect(200);
    setTimeout(() => void other.query('COMMIT'), 500);
    const res = await asked;
    expect(res.body.cases.map((c: { id: string }) => c.id).sort()).toEqual([first, second].sort());
  });
});
