import { startTestApp, type TestApp } from '../support/app';

describe('the service foundation over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness and readiness without a token', async () => {
    await t.http.get('/health').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { store: 'up' } });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/health/ready');
    await t.http.get('/api/docs/').expect(200);
  });

  it('answers an unknown route with problem+json 404', async () => {
    const res = await t.http.get('/api/v1/nothing-here').set('Authorization', `Bearer ${await t.token({ roles: ['processledare'] })}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
    expect(res.body.type).toBeDefined();
  });

  it('answers a missing or bad token with problem+json 401', async () => {
    const none = await t.http.get('/api/v1/cases/3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11').expect(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const bad = await t.http.get('/api/v1/cases/3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11').set('Authorization', 'Bearer not.a.token').expect(401);
    expect(JSON.stringify(bad.body)).not.toContain('not.a.token');
  });

  it('answers invalid JSON with problem+json 400 naming the body, without a stack trace', async () => {
    const res = await t.http
      .post('/api/v1/cases')
      .set('Content-Type', 'application/json')
      .send('{"person": ')
      .expect(400);
    expect(res.body).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('gives every response a request id, and keeps one the caller sent', async () => {
    const res = await t.http.get('/health').set('X-Request-Id', 'abc12345-from-partner').expect(200);
    expect(res.headers['x-request-id']).toBe('abc12345-from-partner');
    const generated = await t.http.get('/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
