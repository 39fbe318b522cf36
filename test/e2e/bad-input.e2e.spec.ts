import { startTestApp, type TestApp } from '../support/app';
import { eventCount } from '../support/database';
import { initiation } from '../support/fixtures';

type Body = Record<string, unknown> | string;
interface BadCase {
  name: string;
  route: 'initiate' | 'accept' | 'return' | 'resubmit';
  body: Body;
  field: string;
  status?: 400 | 422;
}

const base = initiation();
const person = base.person as Record<string, unknown>;
const consent = base.consent as Record<string, unknown>;
const withPerson = (p: Record<string, unknown>) => initiation({ person: { ...person, ...p } });
const withConsent = (c: Record<string, unknown>) => initiation({ consent: { ...consent, ...c } });
const without = (key: string) => {
  const b: Record<string, unknown> = initiation();
  delete b[key];
  return b;
};
const long = (n: number) => 'x'.repeat(n);

// Each request is malformed in one way; every one must get 400/422 problem+json naming the field
// and leave the store as it was.
const cases: BadCase[] = [
  { name: 'invalid JSON', route: 'initiate', body: '{"person": {', field: 'body' },
  { name: 'a JSON array instead of an object', route: 'initiate', body: '[1,2,3]', field: 'person' },
  { name: 'an empty body', route: 'initiate', body: {}, field: 'person' },
  { name: 'missing person', route: 'initiate', body: without('person'), field: 'person' },
  { name: 'person is a string', route: 'initiate', body: initiation({ person: 'Anna' }), field: 'person' },
  { name: 'missing consent', route: 'initiate', body: without('consent'), field: 'consent' },
  { name: 'consent is a list', route: 'initiate', body: initiation({ consent: [] }), field: 'consent' },
  { name: 'missing initiatingParty', route: 'initiate', body: without('initiatingParty'), field: 'initiatingParty' },
  { name: 'unknown initiatingParty', route: 'initiate', body: initiation({ initiatingParty: 'SKATTEVERKET' }), field: 'initiatingParty' },
  { name: 'initiatingParty in lower case', route: 'initiate', body: initiation({ initiatingParty: 'kommun' }), field: 'initiatingParty' },
  { name: 'initiatingParty a number', route: 'initiate', body: initiation({ initiatingParty: 1 }), field: 'initiatingParty' },
  { name: 'otherParties not a list', route: 'initiate', body: initiation({ otherParties: 'REGION' }), field: 'otherParties' },
  { name: 'otherParties with an unknown code', route: 'initiate', body: initiation({ otherParties: ['REGION', 'POLISEN'] }), field: 'otherParties' },
  { name: 'missing otherParties', route: 'initiate', body: without('otherParties'), field: 'otherParties' },
  { name: 'missing question', route: 'initiate', body: without('question'), field: 'question' },
  { name: 'empty question', route: 'initiate', body: initiation({ question: '' }), field: 'question' },
  { name: 'blank question', route: 'initiate', body: initiation({ question: '   ' }), field: 'question' },
  { name: 'question a number', route: 'initiate', body: initiation({ question: 42 }), field: 'question' },
  { name: 'oversized question', route: 'initiate', body: initiation({ question: long(10_001) }), field: 'question' },
  { name: 'missing needs', route: 'initiate', body: without('needs'), field: 'needs' },
  { name: 'oversized needs', route: 'initiate', body: initiation({ needs: long(10_001) }), field: 'needs' },
  { name: 'needs null', route: 'initiate', body: initiation({ needs: null }), field: 'needs' },
  { name: 'unknown incomeSource', route: 'initiate', body: initiation({ incomeSource: 'BIDRAG' }), field: 'incomeSource' },
  { name: 'missing incomeSource', route: 'initiate', body: without('incomeSource'), field: 'incomeSource' },
  { name: 'targetGroups not a list', route: 'initiate', body: initiation({ targetGroups: 'KAA' }), field: 'targetGroups' },
  { name: 'unknown target group', route: 'initiate', body: initiation({ targetGroups: ['NYANLAND'] }), field: 'targetGroups' },
  { name: 'initiatedOn not a date', route: 'initiate', body: initiation({ initiatedOn: 'igår' }), field: 'initiatedOn' },
  { name: 'initiatedOn an impossible date', route: 'initiate', body: initiation({ initiatedOn: '2026-02-30' }), field: 'initiatedOn' },
  { name: 'initiatedOn an instant, not a date', route: 'initiate', body: initiation({ initiatedOn: '2026-06-01T10:00:00Z' }), field: 'initiatedOn' },
  { name: 'initiatedOn in the future', route: 'initiate', body: initiation({ initiatedOn: '2026-06-16' }), field: 'initiatedOn', status: 422 },
  { name: 'oversized initiatingUnit', route: 'initiate', body: initiation({ initiatingUnit: long(65) }), field: 'initiatingUnit' },
  { name: 'an unknown top-level field', route: 'initiate', body: initiation({ priority: true }), field: 'body' },
  { name: 'an unknown person field', route: 'initiate', body: withPerson({ address: 'Storgatan 1' }), field: 'person' },
  { name: 'an unknown consent field', route: 'initiate', body: withConsent({ signedBy: 'x' }), field: 'consent' },
  { name: 'missing personnummer', route: 'initiate', body: initiation({ person: { name: 'Anna', gender: 'KVINNA' } }), field: 'person.personnummer' },
  { name: 'personnummer with a wrong check digit', route: 'initiate', body: withPerson({ personnummer: '19900101-0018' }), field: 'person.personnummer' },
  { name: 'personnummer with an impossible date', route: 'initiate', body: withPerson({ personnummer: '19901301-0017' }), field: 'person.personnummer' },
  { name: 'personnummer of letters', route: 'initiate', body: withPerson({ personnummer: 'ABCDEFGH-IJKL' }), field: 'person.personnummer' },
  { name: 'personnummer too short', route: 'initiate', body: withPerson({ personnummer: '900101' }), field: 'person.personnummer' },
  { name: 'personnummer a number', route: 'initiate', body: withPerson({ personnummer: 199001010017 }), field: 'person.personnummer' },
  { name: 'oversized personnummer', route: 'initiate', body: withPerson({ personnummer: '1'.repeat(40) }), field: 'person.personnummer' },
  { name: 'missing name', route: 'initiate', body: initiation({ person: { personnummer: '19900101-0017', gender: 'KVINNA' } }), field: 'person.name' },
  { name: 'oversized name', route: 'initiate', body: withPerson({ name: long(201) }), field: 'person.name' },
  { name: 'unknown gender', route: 'initiate', body: withPerson({ gender: 'F' }), field: 'person.gender' },
  { name: 'birthDate not matching the personnummer', route: 'initiate', body: withPerson({ birthDate: '1990-01-02' }), field: 'person.birthDate' },
  { name: 'birthDate not a date', route: 'initiate', body: withPerson({ birthDate: '01/01/1990' }), field: 'person.birthDate' },
  { name: 'protectedIdentity not a boolean', route: 'initiate', body: withPerson({ protectedIdentity: 'ja' }), field: 'person.protectedIdentity' },
  { name: 'unknown consent giver', route: 'initiate', body: withConsent({ givenBy: 'GRANNE' }), field: 'consent.givenBy' },
  { name: 'unknown consent form', route: 'initiate', body: withConsent({ form: 'FAX' }), field: 'consent.form' },
  { name: 'consent givenOn missing', route: 'initiate', body: initiation({ consent: { givenBy: 'PERSON', form: 'SKRIFTLIG', scopeParties: ['KOMMUN'] } }), field: 'consent.givenOn' },
  { name: 'consent givenOn not a date', route: 'initiate', body: withConsent({ givenOn: '2026-13-01' }), field: 'consent.givenOn' },
  { name: 'consent given after the initiation', route: 'initiate', body: withConsent({ givenOn: '2026-06-10' }), field: 'consent.givenOn', status: 422 },
  { name: 'consent given in the future', route: 'initiate', body: withConsent({ givenOn: '2026-07-01' }), field: 'consent.givenOn', status: 422 },
  { name: 'scopeParties with an unknown code', route: 'initiate', body: withConsent({ scopeParties: ['KOMMUN', 'SKOLAN'] }), field: 'consent.scopeParties' },
  { name: 'scopeParties not a list', route: 'initiate', body: withConsent({ scopeParties: 'KOMMUN' }), field: 'consent.scopeParties' },
  { name: 'validUntil not a date', route: 'initiate', body: withConsent({ validUntil: 'snart' }), field: 'consent.validUntil' },
  { name: 'oversized documentRef', route: 'initiate', body: withConsent({ documentRef: long(201) }), field: 'consent.documentRef' },
  { name: 'accept with an unknown field', route: 'accept', body: { acceptedOn: '2026-06-10', decision: 'JA' }, field: 'body' },
  { name: 'accept with a date in the future', route: 'accept', body: { acceptedOn: '2026-06-20' }, field: 'acceptedOn', status: 422 },
  { name: 'accept with a date that is no date', route: 'accept', body: { acceptedOn: 20260610 }, field: 'acceptedOn' },
  { name: 'return without a reason', route: 'return', body: {}, field: 'reason' },
  { name: 'return with an oversized reason', route: 'return', body: { reason: long(2001) }, field: 'reason' },
  { name: 'return with a reason that is a list', route: 'return', body: { reason: ['a'] }, field: 'reason' },
  { name: 'resubmit with an unknown party', route: 'resubmit', body: { otherParties: ['KYRKAN'] }, field: 'otherParties' },
  { name: 'resubmit with oversized needs', route: 'resubmit', body: { needs: long(10_001) }, field: 'needs' },
  // Text PostgreSQL cannot store: U+0000, or a surrogate without its pair.
  { name: 'question with a NUL character', route: 'initiate', body: initiation({ question: 'a\u0000b' }), field: 'question' },
  { name: 'needs with a lone surrogate', route: 'initiate', body: initiation({ needs: 'a\ud800b' }), field: 'needs' },
  { name: 'name with a lone low surrogate', route: 'initiate', body: withPerson({ name: 'Anna \udc00' }), field: 'person.name' },
  { name: 'return with a NUL in the reason', route: 'return', body: { reason: 'x\u0000' }, field: 'reason' },
];

describe('bad input: a clear problem+json naming the field, and nothing written', () => {
  let t: TestApp;
  let caseId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    tokens.soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    tokens.pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    const created = await t.http.post('/api/v1/cases').set('Authorization', `Bearer ${tokens.soc}`).send(initiation()).expect(201);
    caseId = created.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('has at least 50 malformed requests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)('$name → $field', async ({ route, body, field, status }) => {
    const head = await eventCount(t.db.sql);
    const persons = (await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM persons')).rows[0].n;
    const [path, token] =
      route === 'initiate'
        ? ['/api/v1/cases', tokens.soc]
        : [`/api/v1/cases/${caseId}/${route}`, route === 'resubmit' ? tokens.soc : tokens.pl];
    const req = t.http.post(path).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json');
    const res = await req.send(typeof body === 'string' ? body : JSON.stringify(body));
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(status ? [status] : [400, 422]).toContain(res.status);
    expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.status, detail: expect.any(String) });
    expect(res.body.errors?.map((e: { field: string }) => e.field) ?? []).toContain(field);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
    expect(text).not.toContain('19900101');
    expect(text).not.toContain('Anna');
    expect(await eventCount(t.db.sql)).toBe(head);
    expect((await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM persons')).rows[0].n).toBe(persons);
  });
});

// The same hostile bodies on every write route: refused by the one reading of request bodies (or
// by validation, for keys the route does not take) before anything is written, never a 500, and
// never with a key or value of the body quoted back.
const SOME_ID = '3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11';
const WRITE_ROUTES: { method: 'post' | 'put'; path: (caseId: string) => string }[] = [
  { method: 'post', path: () => '/api/v1/cases' },
  ...['accept', 'return', 'resubmit', 'decision', 'sips', 'insatser', 'follow-ups', 'close', 'reopen', 'consent/withdraw', 'owner'].map(
    (action) => ({ method: 'post' as const, path: (id: string) => `/api/v1/cases/${id}/${action}` }),
  ),
  ...['booking', 'held', 'cancel'].map((action) => ({ method: 'post' as const, path: (id: string) => `/api/v1/cases/${id}/sips/${SOME_ID}/${action}` })),
  { method: 'post', path: (id) => `/api/v1/cases/${id}/insatser/${SOME_ID}/end` },
  { method: 'post', path: (id) => `/api/v1/cases/${id}/parties/REGION/end` },
  { method: 'post', path: () => '/api/v1/meetings' },
  { method: 'post', path: () => `/api/v1/meetings/${SOME_ID}/agenda` },
  { method: 'post', path: (id) => `/api/v1/meetings/${SOME_ID}/agenda/${id}/move` },
  { method: 'post', path: () => `/api/v1/meetings/${SOME_ID}/attendance` },
  { method: 'post', path: () => '/api/v1/consultations' },
  { method: 'post', path: () => '/api/v1/surveys/closing' },
  { method: 'post', path: () => `/api/v1/persons/${SOME_ID}/erasure` },
  { method: 'put', path: () => '/api/v1/admin/insatser/AMT_AF' },
  { method: 'put', path: () => '/api/v1/admin/settings' },
  { method: 'put', path: () => '/api/v1/admin/parties/KOMMUN/units' },
  { method: 'put', path: () => '/api/v1/admin/parties/KOMMUN/webhook' },
];

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
interface HostileBody {
  name: string;
  body: string | Buffer;
  contentType: string;
  status: 400 | 415;
  field: string;
}
const HOSTILE: HostileBody[] = [
  { name: '__proto__ key', body: '{"__proto__":{"polluted":true},"withdrawnOn":"2026-06-10"}', contentType: 'application/json', status: 400, field: 'body' },
  { name: 'constructor key', body: '{"constructor":{"prototype":{"x":1}}}', contentType: 'application/json', status: 400, field: 'body' },
  { name: 'prototype key, nested', body: '{"person":{"prototype":{"x":1}}}', contentType: 'application/json', status: 400, field: 'body' },
  { name: '2,000 nested arrays', body: `{"reason":${nested(2000)}}`, contentType: 'application/json', status: 400, field: 'body' },
  { name: '17 nested objects', body: '{"a":'.repeat(17) + '1' + '}'.repeat(17), contentType: 'application/json', status: 400, field: 'body' },
  { name: 'JSON sent as text/plain', body: '{"acceptedOn":"2026-06-10"}', contentType: 'text/plain', status: 415, field: 'Content-Type' },
  { name: 'a form instead of JSON', body: 'reason=x&acceptedOn=2026-06-10', contentType: 'application/x-www-form-urlencoded', status: 415, field: 'Content-Type' },
  { name: 'JSON in another charset', body: '{"reason":"x"}', contentType: 'application/json; charset=latin1', status: 415, field: 'Content-Type' },
  { name: 'bytes that are not UTF-8', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), contentType: 'application/json', status: 400, field: 'body' },
  { name: 'invalid JSON', body: '{"reason": ', contentType: 'application/json', status: 400, field: 'body' },
  { name: 'a key that is a personnummer', body: '{"19900101-0017":"Anna Andersson"}', contentType: 'application/json', status: 400, field: 'body' },
];

describe('hostile bodies on every write route: refused, nothing written, nothing quoted back', () => {
  let t: TestApp;
  let caseId: string;
  let everyone: string;

  beforeAll(async () => {
    t = await startTestApp();
    // One caller every write route lets through its role check, so each body reaches validation.
    everyone = await t.token({ roles: ['processledare', 'handlaggare', 'admin'], party: 'KOMMUN', sub: 'all-1' });
    const soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    caseId = (await t.http.post('/api/v1/cases').set('Authorization', `Bearer ${soc}`).send(initiation()).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('with the table above, at least 300 malformed requests in all', () => {
    expect(cases.length + WRITE_ROUTES.length * HOSTILE.length).toBeGreaterThanOrEqual(300);
  });

  const table = WRITE_ROUTES.flatMap((route) => HOSTILE.map((hostile) => ({ ...hostile, route, label: `${route.method.toUpperCase()} ${route.path(':id')}` })));
  it.each(table)('$label: $name → $status naming $field', async ({ route, body, contentType, status, field }) => {
    const head = await eventCount(t.db.sql);
    const res = await t.http[route.method](route.path(caseId))
      .set('Authorization', `Bearer ${everyone}`)
      .set('Content-Type', contentType)
      .send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const text = JSON.stringify(res.body);
    for (const quoted of ['19900101', 'Anna', 'polluted', 'prototype', 'constructor', '__proto__']) expect(text).not.toContain(quoted);
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(await eventCount(t.db.sql)).toBe(head);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a body-less POST (no Content-Type) is read as empty, as before', async () => {
    const pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    await t.http.post(`/api/v1/cases/${caseId}/accept`).set('Authorization', `Bearer ${pl}`).expect(200);
  });
});

// Query strings reach SQL as typed parameters: each part must be checked first, or PostgreSQL
// refuses the cast and the caller gets a 500.
describe('bad input in queries: a 400 naming the parameter, never a 500', () => {
  let t: TestApp;
  let pl: string;
  let manager: string;
  let admin: string;
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  beforeAll(async () => {
    t = await startTestApp();
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    manager = await t.token({ roles: ['manager'], sub: 'chef-1' });
    admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
  });
  afterAll(async () => {
    await t.close();
  });

  const queries: { name: string; path: () => string; token: () => string; field: string }[] = [
    { name: 'a queue cursor whose date is no date', path: () => `/api/v1/queue?cursor=${cursorOf({ d: 'x', b: 'NEW', c: 'y' })}`, token: () => pl, field: 'cursor' },
    { name: 'a queue cursor whose case id is no UUID', path: () => `/api/v1/queue?cursor=${cursorOf({ d: '2026-01-01', b: 'NEW', c: 'y' })}`, token: () => pl, field: 'cursor' },
    { name: 'a queue cursor with an unknown bucket', path: () => `/api/v1/queue?cursor=${cursorOf({ d: '2026-01-01', b: 'X', c: '6f1c2b1e-8f0a-4c57-9a43-2a1d8e7b9c10' })}`, token: () => pl, field: 'cursor' },
    { name: 'a queue cursor that is JSON null', path: () => `/api/v1/queue?cursor=${cursorOf(null)}`, token: () => pl, field: 'cursor' },
    { name: 'a statistics period from the year 0', path: () => '/api/v1/statistics/participants?from=0000-01-01&to=2026-01-01', token: () => manager, field: 'from' },
    { name: 'a case-outcomes period to the year 0', path: () => '/api/v1/statistics/case-outcomes?from=2026-01-01&to=0000-12-31', token: () => manager, field: 'to' },
    { name: 'a queue owner with a NUL character', path: () => '/api/v1/queue?owner=a%00b', token: () => pl, field: 'owner' },
    { name: 'a queue cursor with a NUL character', path: () => '/api/v1/queue?cursor=a%00b', token: () => pl, field: 'cursor' },
    { name: 'a closing-survey insatsCode with a NUL character', path: () => '/api/v1/statistics/closing-survey?from=2026-01-01&to=2026-01-31&insatsCode=A%00', token: () => manager, field: 'insatsCode' },
    { name: 'an audit actor with a NUL character', path: () => '/api/v1/admin/audit?actor=a%00b', token: () => admin, field: 'actor' },
    { name: 'an audit date in the year 0', path: () => '/api/v1/admin/audit?from=0000-01-01', token: () => admin, field: 'from' },
    { name: 'an audit instant in the year 0', path: () => '/api/v1/admin/audit?to=0000-06-01T00:00Z', token: () => admin, field: 'to' },
    { name: 'an audit instant at hour 25', path: () => '/api/v1/admin/audit?from=2026-06-01T25:00Z', token: () => admin, field: 'from' },
    { name: 'an audit cursor whose instant is "1"', path: () => `/api/v1/admin/audit?cursor=${cursorOf({ a: '1', i: '1' })}`, token: () => admin, field: 'cursor' },
    { name: 'an audit cursor whose id is beyond bigint', path: () => `/api/v1/admin/audit?cursor=${cursorOf({ a: '2026-06-01T00:00:00.000Z', i: '9999999999999999999' })}`, token: () => admin, field: 'cursor' },
    { name: 'an audit cursor that is JSON null', path: () => `/api/v1/admin/audit?cursor=${cursorOf(null)}`, token: () => admin, field: 'cursor' },
    { name: 'a notifications cursor whose id has a NUL character', path: () => `/api/v1/notifications?cursor=${cursorOf({ p: 1, i: 'n-1-KOMMUN\u0000' })}`, token: () => pl, field: 'cursor' },
    { name: 'a notifications cursor whose id has a lone surrogate', path: () => `/api/v1/notifications?cursor=${cursorOf({ p: 1, i: 'n-1-\ud800' })}`, token: () => pl, field: 'cursor' },
    { name: 'a notifications cursor whose id is no notice id', path: () => `/api/v1/notifications?cursor=${cursorOf({ p: 1, i: 'x' })}`, token: () => pl, field: 'cursor' },
    { name: 'a notifications cursor whose position is negative', path: () => `/api/v1/notifications?cursor=${cursorOf({ p: -1, i: 'n-1-KOMMUN' })}`, token: () => pl, field: 'cursor' },
    { name: 'a notifications cursor whose position is text', path: () => `/api/v1/notifications?cursor=${cursorOf({ p: '1', i: 'n-1-KOMMUN' })}`, token: () => pl, field: 'cursor' },
    { name: 'a notifications cursor that is JSON null', path: () => `/api/v1/notifications?cursor=${cursorOf(null)}`, token: () => pl, field: 'cursor' },
    // A position past 2^53 would round, and one beyond the latest write can never be reached: both
    // are 400s at once, not a 503 after waiting READ_WAIT_MS.
    ...[
      ['twenty digits', '99999999999999999999'],
      ['in exponent form', '1e3'],
      ['negative', '-1'],
      ['beyond the latest write', '900000000'],
    ].flatMap(([what, value]) => [
      { name: `a queue minPosition ${what}`, path: () => `/api/v1/queue?minPosition=${value}`, token: () => pl, field: 'minPosition' },
      { name: `a meetings minPosition ${what}`, path: () => `/api/v1/meetings?minPosition=${value}`, token: () => pl, field: 'minPosition' },
      { name: `a statistics minPosition ${what}`, path: () => `/api/v1/statistics/participants?from=2026-01-01&to=2026-06-30&minPosition=${value}`, token: () => manager, field: 'minPosition' },
    ]),
  ];

  it.each(queries)('$name → $field', async ({ path, token, field }) => {
    const res = await t.http.get(path()).set('Authorization', `Bearer ${token()}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors?.map((e: { field: string }) => e.field) ?? []).toContain(field);
  });

  // Bodies outside the case routes above, with text PostgreSQL cannot store (TextField refuses it).
  const bodies: { name: string; method: 'post' | 'put'; path: string; token: () => string; body: object; field: string }[] = [
    { name: 'a meeting place with a NUL character', method: 'post', path: '/api/v1/meetings', token: () => pl, body: { date: '2026-06-20', place: 'a\u0000b' }, field: 'place' },
    { name: 'a meeting place with a lone surrogate', method: 'post', path: '/api/v1/meetings', token: () => pl, body: { date: '2026-06-20', place: 'a\ud800b' }, field: 'place' },
    { name: 'an insats name with a NUL character', method: 'put', path: '/api/v1/admin/insatser/X1', token: () => admin, body: { name: 'x\u0000', party: 'KOMMUN' }, field: 'name' },
    { name: 'a meeting guest organisation that is blank', method: 'post', path: '/api/v1/meetings', token: () => pl, body: { date: '2026-06-20', guests: [{ name: 'Eva', organisation: ' ' }] }, field: 'guests[0].organisation' },
  ];

  it.each(bodies)('$name → $field', async ({ method, path, token, body, field }) => {
    const res = await t.http[method](path).set('Authorization', `Bearer ${token()}`).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors?.map((e: { field: string }) => e.field) ?? []).toContain(field);
  });

  it('a well-formed surrogate pair (an emoji) is text like any other', async () => {
    await t.http.post('/api/v1/meetings').set('Authorization', `Bearer ${pl}`).send({ date: '2026-06-20', place: 'Rum 🙂' }).expect(201);
  });
});
