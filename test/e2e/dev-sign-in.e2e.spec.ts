import { DEMO_USERS, PARTIES } from '@app/security';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';
import { devSignInEnabled } from '../../apps/api/src/dev-sign-in/dev-sign-in.module';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('development sign-in', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the demo users without a token: a processledare, a handläggare and a member per party, a manager, an admin', async () => {
    const res = await t.http.get('/api/v1/dev/users').expect(200);
    const items = res.body.items as {
      id: string;
      name: string;
      roles: string[];
      party?: string;
      description: string;
    }[];
    expect(items).toHaveLength(DEMO_USERS.length);
    expect(new Set(items.map((u) => u.id)).size).toBe(items.length);
    for (const u of items) {
      expect(u).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        roles: expect.any(Array),
        description: expect.any(String),
        ...(u.party ? { party: expect.any(String) } : {}),
      });
    }
    const having = (role: string, party?: string) =>
      items.filter((u) => u.roles.includes(role) && (party === undefined || u.party === party));
    expect(having('processledare')).toHaveLength(1);
    for (const party of PARTIES) {
      expect(having('handlaggare', party)).toHaveLength(1);
      expect(having('beredning', party)).toHaveLength(1);
    }
    expect(having('manager')).toHaveLength(1);
    expect(having('admin')).toHaveLength(1);
  });

  it('signs a token for every demo user, for the tenant demo, with an expiry', async () => {
    for (const user of DEMO_USERS) {
      const res = await t.http.post('/api/v1/dev/token').send({ userId: user.id }).expect(200);
      expect(res.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
      expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(t.clock.now().getTime());
      const claims = JSON.parse(Buffer.from(res.body.token.split('.')[1], 'base64url').toString('utf8'));
      expect(claims).toMatchObject({ sub: user.id, tenant: 'demo', roles: user.roles });
      expect(claims.party).toBe(user.party);
      tokens[user.id] = res.body.token;
    }
  });

  it('each token acts with its user’s role and party', async () => {
    // The kommun's handläggare initiates a case with the AF in the consent; the FK is not in it.
    const created = await t.http
      .post('/api/v1/cases')
      .set(auth(tokens['demo-handlaggare-kommun']))
      .send(initiation())
      .expect(201);
    const caseId = created.body.id as string;
    const position = created.body.position as number;
    const view = (user: string) =>
      t.http.get(`/api/v1/cases/${caseId}?minPosition=${position}`).set(auth(tokens[user]));

    expect((await view('demo-processledare')).status).toBe(200);
    expect((await view('demo-handlaggare-kommun')).status).toBe(200);
    expect((await view('demo-handlaggare-af')).status).toBe(200);
    expect((await view('demo-handlaggare-fk')).status).toBe(404);
    expect((await view('demo-forbundschef')).status).toBe(403); // managers see aggregates only

    const queue = await t.http
      .get(`/api/v1/queue?minPosition=${position}`)
      .set(auth(tokens['demo-processledare']));
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { caseId: string }) => i.caseId)).toContain(caseId);
    expect((await t.http.get('/api/v1/queue').set(auth(tokens['demo-beredning-region']))).status).toBe(403);
    expect((await t.http.get('/api/v1/admin/settings').set(auth(tokens['demo-admin']))).status).toBe(200);
    expect((await t.http.get('/api/v1/admin/settings').set(auth(tokens['demo-handlaggare-af']))).status).toBe(
      403,
    );
    expect(
      (
        await t.http
          .get('/api/v1/statistics/participants?from=2026-01-01&to=2026-06-30')
          .set(auth(tokens['demo-forbundschef']))
      ).status,
    ).toBe(200);
  });

  it('answers an unknown user 404 and a bad body 400, as problem+json', async () => {
    const unknown = await t.http.post('/api/v1/dev/token').send({ userId: 'nobody-here' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, type: expect.any(String), title: expect.any(String) });

    for (const body of [{}, { userId: 42 }, { userId: 'demo-admin', roles: ['admin'] }, { userId: '' }]) {
      const bad = await t.http.post('/api/v1/dev/token').send(body);
      expect({ body, status: bad.status }).toEqual({ body, status: 400 });
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.body.errors).toEqual(expect.any(Array));
    }
  });

  it('is in the OpenAPI document with its schemas', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/api/v1/dev/users'].get).toBeDefined();
    expect(doc.paths['/api/v1/dev/token'].post).toBeDefined();
    for (const name of ['DemoUsersAnswer', 'DemoUserAnswer', 'DevTokenAnswer', 'DevTokenRequestDto']) {
      expect(Object.keys(doc.components.schemas[name].properties).length).toBeGreaterThan(0);
    }
  });
});

describe('development sign-in is rate-limited like every route', () => {
  it('answers 429 with Retry-After past RATE_LIMIT_PER_MINUTE', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      for (let i = 0; i < 3; i++) await t.http.get('/api/v1/dev/users').expect(200);
      const limited = await t.http.post('/api/v1/dev/token').send({ userId: 'demo-admin' });
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});

describe('development sign-in is absent where development tokens are not verified', () => {
  it('exists only outside production and without an OIDC issuer', () => {
    expect(devSignInEnabled({ nodeEnv: 'development', oidcIssuer: undefined })).toBe(true);
    expect(devSignInEnabled({ nodeEnv: 'test', oidcIssuer: undefined })).toBe(true);
    expect(devSignInEnabled({ nodeEnv: 'production', oidcIssuer: undefined })).toBe(false);
    expect(devSignInEnabled({ nodeEnv: 'development', oidcIssuer: 'https://idp.example' })).toBe(false);
  });

  // The issuer is never asked: no token is verified by these requests.
  const oidc = {
    OIDC_ISSUER: 'http://127.0.0.1:9',
    OIDC_AUDIENCE: 'amt-api',
    OIDC_JWKS_URI: 'http://127.0.0.1:9/jwks',
  };
  it.each([
    ['production', { NODE_ENV: 'production', ...oidc }],
    ['OIDC mode', { NODE_ENV: 'test', ...oidc }],
  ])('answers 404 in %s', async (_name, env) => {
    const t = await startTestApp({ env });
    try {
      expect((await t.http.get('/api/v1/dev/users')).status).toBe(404);
      expect((await t.http.post('/api/v1/dev/token').send({ userId: 'demo-admin' })).status).toBe(404);
      const doc = (await t.http.get('/api/docs-json').expect(200)).body;
      expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/dev/'))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
