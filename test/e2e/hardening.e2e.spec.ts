import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { PassThrough } from 'node:stream';
import { createVerifierFromConfig } from '../../apps/api/src/auth/auth.guard';
import { loadConfig } from '@app/runtime';
import { createApp } from '../../apps/api/src/create-app';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// Hardening (issue 6 §1, §7): rate limits per client with 429 and Retry-After, security headers,
// CORS closed by default, a body size limit, and production refusing development tokens.

const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

describe('rate limits per client (RATE_LIMIT_PER_MINUTE)', () => {
  let t: TestApp;
  const LIMIT = 3;
  beforeAll(async () => {
    t = await startTestApp({
      env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), CORS_ORIGINS: 'https://torg.example' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const settings = (token?: string) => {
    const req = t.http.get('/api/v1/admin/settings');
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('answers 429 with Retry-After once a client has used its minute, across routes; other clients go on', async () => {
    const pl = await t.token({ roles: ['processledare'], sub: 'busy-pl' });
    const res1 = await settings(pl).expect(200);
    expect(res1.headers['x-ratelimit-limit']).toBe(String(LIMIT));
    await t.http.get('/api/v1/queue').set('Authorization', `Bearer ${pl}`).expect(200);
    await settings(pl).expect(200);
    const limited = await settings(pl);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({
      status: 429,
      type: '/problems/rate-limited',
      title: 'Too many requests',
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The same user from a new token is the same client; another user, or the same sub in another tenant, is not.
    await settings(await t.token({ roles: ['processledare'], sub: 'busy-pl' })).expect(429);
    await settings(await t.token({ roles: ['processledare'], sub: 'calm-pl' })).expect(200);
    await settings(await t.token({ tenant: 'annat-torg', roles: ['processledare'], sub: 'busy-pl' })).expect(
      200,
    );
  });

  it('counts callers without a valid token by address, before authentication', async () => {
    for (let i = 0; i < LIMIT; i++) await settings().expect(401);
    await settings().expect(429);
    await settings('not.a.token').expect(429);
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < LIMIT + 2; i++) await t.http.get('/health').expect(200);
  });

  it('lets only the configured origins through CORS', async () => {
    const preflight = (origin: string) =>
      t.http.options('/api/v1/cases').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
    expect((await preflight('https://torg.example')).headers['access-control-allow-origin']).toBe(
      'https://torg.example',
    );
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('defaults: headers, CORS, body size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'strict-transport-security': expect.stringMatching(/max-age=\d+/),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps CORS closed: no origin is allowed', async () => {
    const res = await t.http
      .options('/api/v1/cases')
      .set('Origin', 'https://torg.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await t.http.get('/health').set('Origin', 'https://torg.example');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body over BODY_LIMIT with problem+json 413, before authentication reads it', async () => {
    const soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN' });
    const res = await t.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${soc}`)
      .send(initiation({ needs: 'x'.repeat(150 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events')).rows[0].n).toBe(
      0,
    );
  });

  it('replays an Idempotency-Key with the first answer’s ETag, which If-Match then accepts', async () => {
    const soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-idem' });
    const pl = await t.token({ roles: ['processledare'], sub: 'pl-idem' });
    const post = () =>
      t.http
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${soc}`)
        .set('Idempotency-Key', 'k1')
        .send(initiation());
    const first = await post().expect(201);
    const replay = await post().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(first.headers.etag).toBe(`"${first.body.version}"`);
    expect(replay.headers.etag).toBe(first.headers.etag);
    await t.http
      .post(`/api/v1/cases/${first.body.id}/accept`)
      .set('Authorization', `Bearer ${pl}`)
      .set('If-Match', replay.headers.etag)
      .send({})
      .expect(200);
  });

  it('is not rate limited with RATE_LIMIT_PER_MINUTE=0 (the harness default)', async () => {
    const pl = await t.token({ roles: ['processledare'] });
    for (let i = 0; i < 20; i++) {
      const res = await t.http.get('/api/v1/admin/settings').set('Authorization', `Bearer ${pl}`).expect(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('production authentication', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'amt-hardening-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  // The embedded store in a directory of its own: a refused start must not touch a shared database.
  const production = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, MASTER_KEY, LOG_LEVEL: 'silent', ...env });

  it('refuses to start without an OIDC issuer, a development secret notwithstanding', async () => {
    const clock = { now: () => new Date() };
    expect(() => createVerifierFromConfig(production({}), clock)).toThrow(/OIDC_ISSUER is not set/);
    expect(() => createVerifierFromConfig(production({ JWT_DEV_SECRET: 'x'.repeat(40) }), clock)).toThrow(
      /OIDC_ISSUER is not set/,
    );
    expect(() => createVerifierFromConfig(production({ OIDC_ISSUER: 'https://idp.example' }), clock)).toThrow(
      /OIDC_AUDIENCE/,
    );
    // Nest reports the failed start on stdout/stderr before its logger is set up: keep the test output clean.
    const quiet = [
      jest.spyOn(process.stdout, 'write').mockImplementation(() => true),
      jest.spyOn(process.stderr, 'write').mockImplementation(() => true),
    ];
    try {
      await expect(
        createApp({ config: production({ JWT_DEV_SECRET: 'x'.repeat(40) }), logStream: new PassThrough() }),
      ).rejects.toThrow(/OIDC_ISSUER/);
    } finally {
      quiet.forEach((spy) => spy.mockRestore());
    }
  });

  describe('with an issuer', () => {
    let jwks: Server;
    let issuer: string;
    let privateKey: Parameters<SignJWT['sign']>[0];
    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      jwks = createServer((_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      jwks.closeAllConnections();
      await new Promise((resolve) => jwks.close(resolve));
    });

    it('accepts the issuer’s tokens and refuses development tokens (401)', async () => {
      const t = await startTestApp({
        env: {
          NODE_ENV: 'production',
          OIDC_ISSUER: issuer,
          OIDC_AUDIENCE: 'amt-api',
          OIDC_JWKS_URI: `${issuer}/jwks`,
        },
      });
      try {
        const dev = await t.token({ roles: ['processledare'] });
        const refused = await t.http.get('/api/v1/admin/settings').set('Authorization', `Bearer ${dev}`);
        expect(refused.status).toBe(401);
        const now = Math.floor(t.clock.now().getTime() / 1000);
        const oidc = await new SignJWT({ tenant: 'torget', roles: ['processledare'] })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(issuer)
          .setAudience('amt-api')
          .setSubject('pl-oidc')
          .setIssuedAt(now)
          .setExpirationTime(now + 300)
          .sign(privateKey);
        await t.http.get('/api/v1/admin/settings').set('Authorization', `Bearer ${oidc}`).expect(200);
      } finally {
        await t.close();
      }
    });
  });
});
