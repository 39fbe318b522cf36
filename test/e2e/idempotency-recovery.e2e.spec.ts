import type { ChildProcess } from 'node:child_process';
import { createSecretKey } from 'node:crypto';
import { Client } from 'pg';
import { type Party, type Role } from '@app/case-domain';
import { signDevToken } from '@app/security';
import { requestHash } from '../../apps/api/src/common/idempotency.interceptor';
import { TEST_STORE, type TestApp, startTestApp } from '../support/app';
import { TEST_DATABASE_URL, type TestDatabase, createTestDatabase, eventCount } from '../support/database';
import { initiation } from '../support/fixtures';
import { startApiProcess } from '../support/api-process';

// An Idempotency-Key whose request never answered — the process was killed while it ran — is
// resolved once no request can still be running: answered from the events it wrote, or run as
// new when it wrote none. And If-Match on a route that creates a stream can only be "0".

const SIP = { initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: true };

interface LeftBehind {
  sub: string;
  key: string;
  path: string;
  body: unknown;
  /** The request id its events carry (metadata.correlationId). */
  requestId: string;
  /** How long ago it was claimed (a PostgreSQL interval). */
  age: string;
  afterPosition?: number;
  status?: number;
  response?: unknown;
}

/** The row a request leaves in idempotency_keys when its process dies before it answers. */
async function leaveBehind(t: TestApp, row: LeftBehind): Promise<void> {
  await t.db.sql.query(
    `INSERT INTO idempotency_keys (tenant, caller, key, request_hash, request_id, after_position, status_code, response, created_at)
     VALUES ('torget', $1, $2, $3, $4, $5, $6, $7::jsonb, now() - $8::interval)`,
    [
      row.sub,
      row.key,
      requestHash('POST', row.path, row.body),
      row.requestId,
      row.afterPosition ?? 0,
      row.status ?? null,
      row.response === undefined ? null : JSON.stringify(row.response),
      row.age,
    ],
  );
}

async function headPosition(t: TestApp): Promise<number> {
  const { rows } = await t.db.sql.query<{ p: number }>(
    'SELECT coalesce(max(position), 0) AS p FROM es_events',
  );
  return rows[0].p;
}

describe('an Idempotency-Key left in progress by a crash', () => {
  let t: TestApp;
  let soc: string;
  let pl: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-crash' });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-crash' });
    // Expired keys, for the sweep: the first request with a key in this process deletes them.
    for (const key of ['old-1', 'old-2']) {
      await leaveBehind(t, {
        sub: 'soc-crash',
        key,
        path: '/x',
        body: {},
        requestId: 'gone-0001',
        age: '25 hours',
        status: 200,
        response: {},
      });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function acceptedCase(): Promise<string> {
    const created = await t.http.post('/api/v1/cases').set(auth(soc)).send(initiation()).expect(201);
    await t.http.post(`/api/v1/cases/${created.body.id}/accept`).set(auth(pl)).send({}).expect(200);
    return created.body.id;
  }

  const sipRequests = async (caseId: string) =>
    (
      await t.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM es_events WHERE stream_id = $1 AND type = 'SipRequested'`,
        [`case-${caseId}`],
      )
    ).rows[0].n;

  it('keys older than 24 hours are deleted by a sweep', async () => {
    const caseId = await acceptedCase();
    await t.http
      .post(`/api/v1/cases/${caseId}/sips`)
      .set(auth(soc))
      .set('Idempotency-Key', 'sweeper')
      .send(SIP)
      .expect(201);
    const left = async () =>
      (
        await t.db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM idempotency_keys WHERE key IN ('old-1', 'old-2')`,
        )
      ).rows[0].n;
    for (let i = 0; i < 50 && (await left()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await left()).toBe(0);
  });

  it('the write committed before the crash: the retry gets the answer rebuilt from its events, replayed, and nothing more is written', async () => {
    const caseId = await acceptedCase();
    const path = `/api/v1/cases/${caseId}/sips`;
    const before = await headPosition(t);
    // The request that crashed, as far as the store knows: its events, under its request id.
    const first = await t.http
      .post(path)
      .set(auth(soc))
      .set('X-Request-Id', 'crashed-sip-0001')
      .send(SIP)
      .expect(201);
    await leaveBehind(t, {
      sub: 'soc-crash',
      key: 'sip-1',
      path,
      body: SIP,
      requestId: 'crashed-sip-0001',
      age: '1 hour',
      afterPosition: before,
    });
    const events = await eventCount(t.db.sql);

    const retry = await t.http.post(path).set(auth(soc)).set('Idempotency-Key', 'sip-1').send(SIP);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.body).toEqual({
      id: caseId,
      version: expect.any(Number),
      position: expect.any(Number),
      sipId: expect.any(String),
    });
    expect(retry.headers.etag).toBe(`"${first.body.version}"`);
    expect(await eventCount(t.db.sql)).toBe(events);
    expect(await sipRequests(caseId)).toBe(1);

    // The answer is now stored on the key.
    const again = await t.http
      .post(path)
      .set(auth(soc))
      .set('Idempotency-Key', 'sip-1')
      .send(SIP)
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const { rows } = await t.db.sql.query<{ status_code: number }>(
      `SELECT status_code FROM idempotency_keys WHERE key = 'sip-1'`,
    );
    expect(rows[0].status_code).toBe(201);
  });

  it('rebuilds the answer of a route that creates its stream: a case, and a meeting written in two appends', async () => {
    const before = await headPosition(t);
    const initiated = await t.http
      .post('/api/v1/cases')
      .set(auth(soc))
      .set('X-Request-Id', 'crashed-case-0001')
      .send(initiation())
      .expect(201);
    await leaveBehind(t, {
      sub: 'soc-crash',
      key: 'case-1',
      path: '/api/v1/cases',
      body: initiation(),
      requestId: 'crashed-case-0001',
      age: '1 hour',
      afterPosition: before,
    });
    const caseRetry = await t.http
      .post('/api/v1/cases')
      .set(auth(soc))
      .set('Idempotency-Key', 'case-1')
      .send(initiation());
    expect(caseRetry.status).toBe(201);
    expect(caseRetry.headers['idempotent-replayed']).toBe('true');
    expect(caseRetry.body).toEqual(initiated.body);

    const meeting = { date: '2026-06-23', members: [{ party: 'KOMMUN', user: 'u-kommun-1' }] };
    const head = await headPosition(t);
    const scheduled = await t.http
      .post('/api/v1/meetings')
      .set(auth(pl))
      .set('X-Request-Id', 'crashed-meeting-0001')
      .send(meeting)
      .expect(201);
    expect(scheduled.body.version).toBe(2);
    await leaveBehind(t, {
      sub: 'pl-crash',
      key: 'meeting-1',
      path: '/api/v1/meetings',
      body: meeting,
      requestId: 'crashed-meeting-0001',
      age: '1 hour',
      afterPosition: head,
    });
    const events = await eventCount(t.db.sql);
    const meetingRetry = await t.http
      .post('/api/v1/meetings')
      .set(auth(pl))
      .set('Idempotency-Key', 'meeting-1')
      .send(meeting);
    expect(meetingRetry.status).toBe(201);
    expect(meetingRetry.headers['idempotent-replayed']).toBe('true');
    expect(meetingRetry.body).toEqual(scheduled.body);
    expect(await eventCount(t.db.sql)).toBe(events);
  });

  it('nothing was written before the crash: the retry runs as a new request', async () => {
    const caseId = await acceptedCase();
    const path = `/api/v1/cases/${caseId}/sips`;
    await leaveBehind(t, {
      sub: 'soc-crash',
      key: 'sip-2',
      path,
      body: SIP,
      requestId: 'never-written-0001',
      age: '1 hour',
      afterPosition: await headPosition(t),
    });
    const retry = await t.http.post(path).set(auth(soc)).set('Idempotency-Key', 'sip-2').send(SIP);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body).toEqual({
      id: caseId,
      version: expect.any(Number),
      position: expect.any(Number),
      sipId: expect.any(String),
    });
    expect(await sipRequests(caseId)).toBe(1);
    const again = await t.http
      .post(path)
      .set(auth(soc))
      .set('Idempotency-Key', 'sip-2')
      .send(SIP)
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(retry.body);
    expect(await sipRequests(caseId)).toBe(1);
  });

  it('a claim younger than twice the request time limit may still be running: 409 request-in-progress', async () => {
    const caseId = await acceptedCase();
    const path = `/api/v1/cases/${caseId}/sips`;
    await leaveBehind(t, {
      sub: 'soc-crash',
      key: 'sip-3',
      path,
      body: SIP,
      requestId: 'running-0001',
      age: '1 second',
    });
    const res = await t.http.post(path).set(auth(soc)).set('Idempotency-Key', 'sip-3').send(SIP);
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('/problems/request-in-progress');
    expect(await sipRequests(caseId)).toBe(0);
  });

  it('a key is forgotten after 24 hours: the same key then takes another request', async () => {
    const caseId = await acceptedCase();
    const path = `/api/v1/cases/${caseId}/sips`;
    await leaveBehind(t, {
      sub: 'soc-crash',
      key: 'sip-4',
      path: '/api/v1/cases',
      body: initiation(),
      requestId: 'long-ago-0001',
      age: '25 hours',
      status: 201,
      response: { id: 'x' },
    });
    const res = await t.http.post(path).set(auth(soc)).set('Idempotency-Key', 'sip-4').send(SIP);
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(res.body.id).toBe(caseId);
  });
});

describe('If-Match on a route that creates a stream', () => {
  let t: TestApp;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const routes: { path: string; who: { roles: Role[]; party?: Party }; body: () => object }[] = [
    { path: '/api/v1/cases', who: { roles: ['handlaggare'], party: 'KOMMUN' }, body: () => initiation() },
    { path: '/api/v1/meetings', who: { roles: ['processledare'] }, body: () => ({ date: '2026-06-23' }) },
    {
      path: '/api/v1/consultations',
      who: { roles: ['handlaggare'], party: 'KOMMUN' },
      body: () => ({ insatsCode: 'AMT_AF', heldOn: '2026-06-12' }),
    },
    {
      path: '/api/v1/surveys/closing',
      who: { roles: ['processledare'] },
      body: () => ({ insatsCode: 'AMT_AF', answeredOn: '2026-06-14', answers: { q4: 'JA' } }),
    },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.token({ roles: ['admin'] });
    await t.http
      .put('/api/v1/admin/insatser/AMT_AF')
      .set(auth(admin))
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const persons = async () =>
    (await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM persons')).rows[0].n;

  it.each(routes)(
    'POST $path: any version but "0" is a 409 with nothing written; "0" creates it',
    async ({ path, who, body }) => {
      const token = await t.token(who);
      const events = await eventCount(t.db.sql);
      const people = await persons();
      for (const stale of ['"3"', '1', 'W/"7"']) {
        const res = await t.http.post(path).set(auth(token)).set('If-Match', stale).send(body());
        expect(res.status).toBe(409);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ type: '/problems/concurrency', status: 409 });
      }
      // The same with an Idempotency-Key: refused, and the key stays free for the corrected request.
      const keyed = await t.http
        .post(path)
        .set(auth(token))
        .set('If-Match', '"2"')
        .set('Idempotency-Key', `if-match${path}`)
        .send(body());
      expect(keyed.status).toBe(409);
      const malformed = await t.http.post(path).set(auth(token)).set('If-Match', 'yesterday').send(body());
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
      expect(await eventCount(t.db.sql)).toBe(events);
      expect(await persons()).toBe(people);

      const created = await t.http.post(path).set(auth(token)).set('If-Match', '"0"').send(body());
      expect(created.status).toBe(201);
      expect(created.headers.etag).toBe(`"${created.body.version}"`);
      await t.http.post(path).set(auth(token)).send(body()).expect(201);
      const corrected = await t.http
        .post(path)
        .set(auth(token))
        .set('Idempotency-Key', `if-match${path}`)
        .send(body());
      expect(corrected.status).toBe(201);
      expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    },
  );
});

// The deterministic crash: the API runs in a child process; the test holds the case stream's lock
// (the advisory lock es_append takes), so the request is claimed and waits in its append; the
// child is killed (kill -9) there. On a PostgreSQL server the append the child sent runs on and
// commits once the lock is free, unless its session is ended too.
const onServer = TEST_STORE === 'postgres' ? describe : describe.skip;

onServer('a process killed (kill -9) with an Idempotency-Key in flight', () => {
  const JWT_DEV_SECRET = 'crash-test-secret-crash-test-secret-0123';
  const MASTER_KEY = Buffer.alloc(32, 9).toString('base64');
  const key = createSecretKey(Buffer.from(JWT_DEV_SECRET, 'utf8'));
  let db: TestDatabase;
  const children = new Set<ChildProcess>();
  const lockers = new Set<Client>();

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const locker of lockers) await locker.end().catch(() => undefined);
    await db.dispose();
  });

  /** The API in a process of its own on this file's schema; `requestTimeoutMs` is its REQUEST_TIMEOUT_MS. */
  async function startApi(requestTimeoutMs?: number): Promise<{ child: ChildProcess; base: string }> {
    const api = await startApiProcess(db.schema!, {
      JWT_DEV_SECRET,
      MASTER_KEY,
      ...(requestTimeoutMs ? { REQUEST_TIMEOUT_MS: String(requestTimeoutMs) } : {}),
    });
    children.add(api.child);
    void api.exited.then(() => children.delete(api.child));
    return api;
  }

  async function kill(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  const token = (sub: string, roles: Role[], party?: Party) =>
    signDevToken({ tenant: 'torget', sub, roles, ...(party ? { party } : {}) }, key, new Date());

  async function post(base: string, path: string, bearer: string, body: unknown, idempotencyKey?: string) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${bearer}`,
        'Content-Type': 'application/json',
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      replayed: res.headers.get('idempotent-replayed'),
      body: (await res.json()) as Record<string, unknown>,
    };
  }

  /** Holds the lock es_append takes for the stream, in a transaction of the test's own. */
  async function holdStreamLock(streamId: string): Promise<{ pid: number; release: () => Promise<void> }> {
    const locker = new Client({ connectionString: TEST_DATABASE_URL });
    lockers.add(locker);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamId]);
    const pid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    return {
      pid,
      release: async () => {
        await locker.query('ROLLBACK');
        await locker.end();
        lockers.delete(locker);
      },
    };
  }

  /** The sessions waiting for the test's lock. */
  const waitingFor = async (pid: number) =>
    (
      await db.sql.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
        [pid],
      )
    ).rows.map((r) => r.pid);

  async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const claimOlderThan = async (key: string, seconds: number) =>
    (
      await db.sql.query<{ old: boolean }>(
        'SELECT created_at < now() - make_interval(secs => $2) AS old FROM idempotency_keys WHERE key = $1',
        [key, seconds],
      )
    ).rows[0]?.old === true;

  const sipEvents = async (caseId: string) =>
    (
      await db.sql.query<{ version: number; position: number; sip_id: string }>(
        `SELECT version, position, data->>'sipId' AS sip_id FROM es_events
          WHERE stream_id = $1 AND type = 'SipRequested' ORDER BY position`,
        [`case-${caseId}`],
      )
    ).rows;

  let caseId: string;
  let soc: string;

  it('the write commits after the kill: the retry waits for it, then gets the answer rebuilt from its events, and the SIP is there once', async () => {
    soc = await token('soc-kill', ['handlaggare'], 'KOMMUN');
    const pl = await token('pl-kill', ['processledare']);
    let api = await startApi();
    const created = await post(api.base, '/api/v1/cases', soc, initiation());
    expect(created.status).toBe(201);
    caseId = created.body.id as string;
    expect((await post(api.base, `/api/v1/cases/${caseId}/accept`, pl, {})).status).toBe(200);

    const lock = await holdStreamLock(`case-${caseId}`);
    const inFlight = post(api.base, `/api/v1/cases/${caseId}/sips`, soc, SIP, 'kill-1').catch(
      () => 'no answer',
    );
    await until('the request waits in its append', async () => (await waitingFor(lock.pid)).length === 1);
    await kill(api.child);
    expect(await inFlight).toBe('no answer');

    // Today's code: 409 request-in-progress for ever. Here REQUEST_TIMEOUT_MS is 1 s, so the
    // claim is stale after 2 s.
    api = await startApi(1000);
    await until('the claim is stale', () => claimOlderThan('kill-1', 2.5));
    // The append the dead process sent still waits for the lock, and would commit: not yet resolved.
    const waiting = await post(api.base, `/api/v1/cases/${caseId}/sips`, soc, SIP, 'kill-1');
    expect(waiting.status).toBe(409);
    expect(waiting.body.type).toBe('/problems/request-in-progress');

    await lock.release();
    await until('the append commits', async () => (await sipEvents(caseId)).length === 1);
    const [sip] = await sipEvents(caseId);
    // The dead process's server session can show as busy a moment after its commit (longer on a
    // loaded machine): a client retries a 409 request-in-progress, and so does this test.
    let retry = await post(api.base, `/api/v1/cases/${caseId}/sips`, soc, SIP, 'kill-1');
    for (const stop = Date.now() + 20_000; retry.status === 409 && Date.now() < stop;) {
      await new Promise((r) => setTimeout(r, 200));
      retry = await post(api.base, `/api/v1/cases/${caseId}/sips`, soc, SIP, 'kill-1');
    }
    expect(retry.status).toBe(201);
    expect(retry.replayed).toBe('true');
    expect(retry.body).toEqual({
      id: caseId,
      version: sip.version,
      position: sip.position,
      sipId: sip.sip_id,
    });
    const again = await post(api.base, `/api/v1/cases/${caseId}/sips`, soc, SIP, 'kill-1');
    expect(again).toEqual(retry);
    expect(await sipEvents(caseId)).toHaveLength(1);
    await kill(api.child);
  }, 120_000);

  it('the write dies with the process: the retry runs as a new request and writes it once', async () => {
    let api = await startApi(1000);
    const lock = await holdStreamLock(`case-${caseId}`);
    const inFlight = post(api.base, `/api/v1/cases/${caseId}/sips`, soc, SIP, 'kill-2').catch(
      () => 'no answer',
    );
    await until('the request waits in its append', async () => (await waitingFor(lock.pid)).length === 1);
    await kill(api.child);
    await inFlight;
    // The process's session on the server ends too (as when the server or its connection goes).
    for (const pid of await waitingFor(lock.pid))
      await db.sql.query('SELECT pg_terminate_backend($1)', [pid]);
    await until('the session is gone', async () => (await waitingFor(lock.pid)).length === 0);
    await lock.release();

    api = await startApi(1000);
    await until('the claim is stale', () => claimOlderThan('kill-2', 2.5));
    const retry = await post(api.base, `/api/v1/cases/${caseId}/sips`, soc, SIP, 'kill-2');
    expect(retry.status).toBe(201);
    expect(retry.replayed).toBeNull();
    const sips = await sipEvents(caseId);
    expect(sips).toHaveLength(2);
    expect(retry.body).toEqual({
      id: caseId,
      version: sips[1].version,
      position: sips[1].position,
      sipId: sips[1].sip_id,
    });
    const again = await post(api.base, `/api/v1/cases/${caseId}/sips`, soc, SIP, 'kill-2');
    expect(again.status).toBe(201);
    expect(again.replayed).toBe('true');
    expect(again.body).toEqual(retry.body);
    expect(await sipEvents(caseId)).toHaveLength(2);
    await kill(api.child);
  }, 120_000);
});
