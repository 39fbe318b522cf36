import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// Registerutdrag (issue 6 §6, GDPR art. 15): every piece of personal data and every case history
// about a person, as JSON and as a printable HTML page in which everything is escaped.

const NAME = 'Zoë <script>alert("pwn")</script> Öberg';
const QUESTION = '"><img src=x onerror=alert(1)> Hur går det för Zoë & co?';

describe('GET /api/v1/persons/{personId}/extract', () => {
  let t: TestApp;
  const tok = {} as Record<'soc' | 'pl' | 'admin' | 'otherPl', string>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  let personId: string;
  let cases: string[];

  beforeAll(async () => {
    t = await startTestApp();
    tok.soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    tok.pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    tok.admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    tok.otherPl = await t.token({ tenant: 'annat-torg', roles: ['processledare'], sub: 'pl-2' });
    const person = { personnummer: '19700101-0003', name: NAME, gender: 'KVINNA' };
    const first = (
      await t.http
        .post('/api/v1/cases')
        .set(auth(tok.soc))
        .send(initiation({ person, question: QUESTION }))
        .expect(201)
    ).body.id;
    await t.http
      .post(`/api/v1/cases/${first}/return`)
      .set(auth(tok.pl))
      .send({ reason: 'Beskriv <b>behovet</b>' })
      .expect(200);
    const second = (
      await t.http
        .post('/api/v1/cases')
        .set(auth(tok.soc))
        .send(initiation({ person, initiatedOn: '2026-06-10' }))
        .expect(201)
    ).body.id;
    await t.http.post('/api/v1/cases').set(auth(tok.soc)).send(initiation()).expect(201); // someone else
    cases = [first, second];
    personId = (await t.http.get(`/api/v1/cases/${first}`).set(auth(tok.pl)).expect(200)).body.person
      .personId;
  });
  afterAll(async () => {
    await t.close();
  });

  const extract = (token = tok.pl, id = personId) =>
    t.http.get(`/api/v1/persons/${id}/extract`).set(auth(token));

  it('gives the processledare all personal data and case histories as JSON', async () => {
    const res = await extract().expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      personId,
      generatedAt: '2026-06-15T10:00:00.000Z',
      erased: false,
      person: {
        personId,
        name: NAME,
        personnummer: '197001010003',
        gender: 'KVINNA',
        birthDate: '1970-01-01',
      },
    });
    expect(res.body.cases.map((c: { id: string }) => c.id)).toEqual(cases);
    const [first] = res.body.cases;
    expect(first).toMatchObject({
      question: QUESTION,
      status: 'RETURNED',
      consent: { documentRef: 'ProCapita dok 4711' },
    });
    expect(first.history.map((e: { type: string }) => e.type)).toEqual(['CaseInitiated', 'CaseReturned']);
    expect(first.history[1]).toMatchObject({
      data: { reason: 'Beskriv <b>behovet</b>' },
      actor: { sub: 'pl-1' },
    });
    expect(JSON.stringify(res.body)).not.toContain('199001010017'); // nobody else's data
  });

  it('gives a printable HTML page with every value escaped', async () => {
    const res = await extract().set('Accept', 'text/html').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    const html = res.text;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Registerutdrag</title>');
    // The only tags are the page's own: no script, no img, no b from the data.
    expect(html).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/i);
    expect(html).toContain('Zoë &#60;script&#62;alert(&#34;pwn&#34;)&#60;&#47;script&#62; Öberg');
    expect(html).toContain(
      '&#34;&#62;&#60;img src&#61;x onerror&#61;alert(1)&#62; Hur går det för Zoë &#38; co?',
    );
    expect(html).toContain('Beskriv &#60;b&#62;behovet&#60;&#47;b&#62;');
    for (const id of cases) expect(html).toContain(`Ärende ${id}`);
    expect(html).toContain('CaseReturned');
    expect(html).toContain('197001010003');
  });

  it('is for the processledare only, within the tenant', async () => {
    await extract(tok.soc).expect(403);
    await extract(tok.admin).expect(403);
    await extract(tok.otherPl).expect(404);
    await extract(tok.pl, '3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11').expect(404);
    await extract(tok.pl, 'zoe').expect(404);
  });

  it('is recorded in the audit log, once per case read', async () => {
    const { body } = await t.http.get(`/api/v1/admin/audit?actor=pl-1`).set(auth(tok.admin)).expect(200);
    const reads = body.items.filter(
      (i: { action: string; status: number }) => i.action === 'extract-person.extract' && i.status === 200,
    );
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(new Set(reads.map((i: { caseId: string }) => i.caseId))).toEqual(new Set(cases));
    for (const r of reads)
      expect(r).toMatchObject({ personId, route: 'GET /api/v1/persons/:personId/extract' });
  });

  it('after erasure says so, and holds nothing personal', async () => {
    await t.http
      .post(`/api/v1/persons/${personId}/erasure`)
      .set(auth(tok.admin))
      .send({ reason: 'ERASURE_REQUEST' })
      .expect(200);
    const res = await extract().expect(200);
    expect(res.body).toMatchObject({
      erased: true,
      person: { personId, name: null, personnummer: null, gender: 'KVINNA', erased: true },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/Zoë|Öberg|197001010003|behovet|ProCapita/);
    expect(res.body.cases[0].history.at(-1)).toMatchObject({ type: 'PersonalDataErased' });
    const html = (await extract().set('Accept', 'text/html').expect(200)).text;
    expect(html).toContain('Ja: personuppgifterna är raderade');
    expect(html).not.toMatch(/Zoë|Öberg|197001010003/);
  });
});
