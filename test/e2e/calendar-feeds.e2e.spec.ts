import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { startTestApp, type TestApp } from '../support/app';

// Personal calendar feeds: POST/GET/DELETE /api/v1/calendar/feeds and GET /api/v1/meetings.ics?feed=,
// which answers without an Authorization header until revoked. The secret is stored only hashed,
// never logged; making, revoking and using a feed are audited.
describe('calendar feeds: a secret URL for Outlook', () => {
  let t: TestApp;
  const logs: string[] = [];
  const tok = {} as Record<
    'pl' | 'pl2' | 'ber' | 'soc' | 'manager' | 'admin' | 'otherAdmin' | 'otherPl',
    string
  >;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const secretOf = (url: string) => new URL(url, 'http://x').searchParams.get('feed')!;

  async function create(token: string, body: object = {}) {
    const res = await t.http.post('/api/v1/calendar/feeds').set(auth(token)).send(body).expect(201);
    return res.body as { id: string; url: string };
  }

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    t = await startTestApp({ logStream: stream });
    tok.pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    tok.pl2 = await t.token({ roles: ['processledare'], sub: 'pl-2' });
    tok.ber = await t.token({ roles: ['beredning'], party: 'REGION', sub: 'ber-r' });
    tok.soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    tok.manager = await t.token({ roles: ['manager'], sub: 'chef-1' });
    tok.admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    tok.otherAdmin = await t.token({ tenant: 'annat-torg', roles: ['admin'], sub: 'admin-2' });
    tok.otherPl = await t.token({ tenant: 'annat-torg', roles: ['processledare'], sub: 'pl-9' });
    await t.http
      .post('/api/v1/meetings')
      .set(auth(tok.pl))
      .send({ date: '2026-06-23', time: '09:00', place: 'Jobbtorget' })
      .expect(201);
    await t.http.post('/api/v1/meetings').set(auth(tok.otherPl)).send({ date: '2026-06-24' }).expect(201);
    for (let i = 0; i < 500; i++) {
      const { rows } = await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM rm_meetings');
      if (rows[0].n === 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('a feed URL answers the tenant’s meetings without an Authorization header, until revoked', async () => {
    const feed = await create(tok.pl, { label: 'Outlook' });
    expect(feed.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(feed.url).toMatch(/^\/api\/v1\/meetings\.ics\?feed=[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secretOf(feed.url), 'base64url')).toHaveLength(32);

    const ics = await t.http.get(feed.url).expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    expect(ics.text).toContain('Jobbtorget');
    // Only the owner's tenant.
    expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics.text).not.toContain('20260624');

    await t.http.delete(`/api/v1/calendar/feeds/${feed.id}`).set(auth(tok.pl)).expect(204);
    const refused = await t.http.get(feed.url).expect(404);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.text).not.toContain(secretOf(feed.url));
    // Revoked already: nothing left to revoke.
    await t.http.delete(`/api/v1/calendar/feeds/${feed.id}`).set(auth(tok.pl)).expect(404);
  });

  it('a wrong secret is a 404 problem+json; the bearer route works as before', async () => {
    for (const bad of ['x', 'A'.repeat(43), 'A'.repeat(200)]) {
      const res = await t.http.get(`/api/v1/meetings.ics?feed=${bad}`).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.text).not.toContain(bad);
    }
    await t.http.get('/api/v1/meetings.ics').expect(401);
    await t.http.get('/api/v1/meetings.ics').set(auth(tok.ber)).expect(200);
    await t.http.get('/api/v1/meetings.ics').set(auth(tok.soc)).expect(403);
  });

  it('the secret is stored only as its sha256', async () => {
    const feed = await create(tok.ber);
    const secret = secretOf(feed.url);
    const { rows } = await t.db.sql.query<{ hash: string; row: string }>(
      `SELECT encode(secret_hash, 'hex') AS hash, to_jsonb(f)::text AS row FROM calendar_feeds f WHERE id = $1`,
      [feed.id],
    );
    expect(rows[0].hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(rows[0].row).not.toContain(secret);
    // Not kept as an idempotent answer either: a retry with a key makes another feed.
    const again = await t.http
      .post('/api/v1/calendar/feeds')
      .set(auth(tok.ber))
      .set('Idempotency-Key', 'feed-1')
      .send({})
      .expect(201);
    const keys = await t.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM idempotency_keys`);
    expect(keys.rows[0].n).toBe(0);
    expect(secretOf(again.body.url)).not.toBe(secret);
    // A beredningsgrupp member's feed reads as they do.
    await t.http.get(feed.url).expect(200);
  });

  it('lists the caller’s own feeds without secrets; an admin lists the tenant’s', async () => {
    const mine = await create(tok.pl2, { label: 'Telefonen' });
    const list = await t.http.get('/api/v1/calendar/feeds').set(auth(tok.pl2)).expect(200);
    expect(list.body).toEqual({
      items: [{ id: mine.id, label: 'Telefonen', owner: 'pl-2', createdAt: expect.any(String) }],
      total: 1,
    });
    expect(list.text).not.toContain(secretOf(mine.url));
    const all = await t.http.get('/api/v1/calendar/feeds').set(auth(tok.admin)).expect(200);
    expect(all.body.items.map((i: { owner: string }) => i.owner)).toEqual(
      expect.arrayContaining(['pl-2', 'ber-r']),
    );
    expect(
      (await t.http.get('/api/v1/calendar/feeds').set(auth(tok.otherAdmin)).expect(200)).body.total,
    ).toBe(0);
  });

  it('another user’s feed cannot be revoked (404); its owner or an admin of its tenant can', async () => {
    const feed = await create(tok.pl);
    await t.http.delete(`/api/v1/calendar/feeds/${feed.id}`).set(auth(tok.pl2)).expect(404);
    await t.http.delete(`/api/v1/calendar/feeds/${feed.id}`).set(auth(tok.ber)).expect(404);
    await t.http.delete(`/api/v1/calendar/feeds/${feed.id}`).set(auth(tok.otherAdmin)).expect(404);
    await t.http.get(feed.url).expect(200);
    await t.http.delete(`/api/v1/calendar/feeds/${feed.id}`).set(auth(tok.admin)).expect(204);
    await t.http.get(feed.url).expect(404);
    await t.http.delete('/api/v1/calendar/feeds/not-a-uuid').set(auth(tok.pl)).expect(404);
  });

  it('only processledare and beredning make feeds; bad labels are 400s naming the field', async () => {
    for (const token of [tok.soc, tok.manager, tok.admin])
      await t.http.post('/api/v1/calendar/feeds').set(auth(token)).send({}).expect(403);
    const res = await t.http
      .post('/api/v1/calendar/feeds')
      .set(auth(tok.pl))
      .send({ label: 'x'.repeat(101) })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['label']);
  });

  it('making, revoking and using a feed are audited; no secret is in the audit log or any log line', async () => {
    const feed = await create(tok.pl, { label: 'Revision' });
    await t.http.get(feed.url).expect(200);
    await t.http.delete(`/api/v1/calendar/feeds/${feed.id}`).set(auth(tok.pl)).expect(204);
    await t.http.get(feed.url).expect(404);
    const { rows } = await t.db.sql.query<{ action: string; status: number; route: string }>(
      `SELECT action, status, route FROM audit_log WHERE actor = 'pl-1' AND action LIKE 'calendar-feed%' ORDER BY id`,
    );
    const actions = rows.map((r) => `${r.action} ${r.status}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'calendar-feeds.create 201',
        'calendar-feed.use 200',
        'calendar-feeds.revoke 204',
      ]),
    );
    expect(rows.find((r) => r.action === 'calendar-feed.use')?.route).toBe('GET /api/v1/meetings.ics');
    const secret = secretOf(feed.url);
    const audit = await t.db.sql.query('SELECT * FROM audit_log');
    expect(JSON.stringify(audit.rows)).not.toContain(secret);
    const logged = logs.join('');
    expect(logged).toContain('/api/v1/meetings.ics');
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain('feed=');
  });
});

describe('the OpenAPI document describes the case list and the calendar feeds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('documents every new route with its parameters and response schemas', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const schemas = doc.components.schemas;
    const ref = (
      op: { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> },
      status: string,
    ) => op.responses[status]?.content?.['application/json']?.schema?.$ref?.split('/').pop();
    const listCases = doc.paths['/api/v1/cases'].get;
    expect(listCases.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'personnummer',
        'status',
        'party',
        'owner',
        'insatsCode',
        'initiatedFrom',
        'initiatedTo',
        'limit',
        'cursor',
      ]),
    );
    expect(listCases.parameters.find((p: { name: string }) => p.name === 'owner').description).toMatch(
      /`me`/,
    );
    expect(ref(listCases, '200')).toBe('CaseListPageDto');
    expect(Object.keys(schemas.CaseListItemDto.properties)).toEqual(
      expect.arrayContaining([
        'id',
        'version',
        'status',
        'initiatingParty',
        'parties',
        'owner',
        'initiatedOn',
        'person',
      ]),
    );
    expect(Object.keys(schemas.CaseListPersonDto.properties)).toEqual([
      'personId',
      'name',
      'gender',
      'erased',
    ]);
    expect(ref(doc.paths['/api/v1/calendar/feeds'].post, '201')).toBe('CalendarFeedCreatedDto');
    expect(ref(doc.paths['/api/v1/calendar/feeds'].get, '200')).toBe('CalendarFeedListDto');
    expect(doc.paths['/api/v1/calendar/feeds/{id}'].delete.responses['204']).toBeDefined();
    expect(doc.paths['/api/v1/meetings.ics'].get.parameters.map((p: { name: string }) => p.name)).toContain(
      'feed',
    );
  });
});
