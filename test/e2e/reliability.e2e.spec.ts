import type { ChildProcess } from 'node:child_process';
import { createSecretKey } from 'node:crypto';
import { signDevToken } from '@app/security';
import { SubscriptionRunner } from '@app/runtime';
import { TEST_STORE, type TestApp, startTestApp } from '../support/app';
import { type TestDatabase, createTestDatabase, eventCount } from '../support/database';
import { startApiProcess } from '../support/api-process';
import { initiation } from '../support/fixtures';
import { personnummer } from '../support/deadlines';

const TODAY = '2026-06-15';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
// What "answered" means here: the hang this guards against never answered at all, and a quiet
// machine answers in a tenth of a second. The bound is not a speed target (speed is measured in
// `npm run bench`): it only has to end a hang well before the test's own timeout, and it must not
// fail a request that a machine running two copies of the suite answers late (4 s did, once).
const ANSWERED = 20_000;

/** Holds the store busy (every append waits) until `release` is called; the test goes on outside the transaction. */
async function holdAppends(t: { db: TestDatabase }): Promise<{ release: () => Promise<void> }> {
  let free!: () => void;
  const freed = new Promise<void>((r) => (free = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = t.db.sql.transaction(async (tx) => {
    // On the embedded store an open transaction alone holds the one session; on a server, es_append needs es_streams.
    await tx.query('LOCK TABLE es_streams IN ACCESS EXCLUSIVE MODE');
    locked();
    await freed;
  }, 'a test holding the store');
  await isLocked;
  return {
    release: async () => {
      free();
      await done;
    },
  };
}

describe(`the service never hangs (${TEST_STORE})`, () => {
  let t: TestApp;
  let soc: string;
  let pl: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({
      env: { REQUEST_TIMEOUT_MS: '5000', READ_WAIT_MS: '5000', CONSUMER_STALL_SECONDS: '5' },
    });
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function acceptedCase(pnr?: string): Promise<string> {
    const body = pnr
      ? initiation({ person: { personnummer: pnr, name: 'Bo Berg', gender: 'MAN' } })
      : initiation();
    const created = await t.http
      .post('/api/v1/cases')
      .set(auth(soc))
      .send(body)
      .timeout(ANSWERED)
      .expect(201);
    await t.http
      .post(`/api/v1/cases/${created.body.id}/accept`)
      .set(auth(pl))
      .send({})
      .timeout(ANSWERED)
      .expect(200);
    return created.body.id;
  }
  const meeting = async (date = TODAY) =>
    (await t.http.post('/api/v1/meetings').set(auth(pl)).send({ date }).timeout(ANSWERED).expect(201)).body
      .id as string;

  it('a decision, an agenda move and an erasure are each answered (not left hanging), and the service stays ready', async () => {
    const caseId = await acceptedCase();
    const first = await meeting('2026-06-09');
    const next = await meeting(TODAY);
    await t.http
      .post(`/api/v1/meetings/${first}/agenda`)
      .set(auth(pl))
      .send({ caseId })
      .timeout(ANSWERED)
      .expect(200);
    // The move writes two meetings; the meeting-protocol reactor reacts to it.
    await t.http
      .post(`/api/v1/meetings/${first}/agenda/${caseId}/move`)
      .set(auth(pl))
      .send({ toMeetingId: next })
      .timeout(ANSWERED)
      .expect(200);
    // The decision writes the case, then the protocol; the reactor reacts to it too.
    const decided = await t.http
      .post(`/api/v1/cases/${caseId}/decision`)
      .set(auth(pl))
      .send({
        meetingId: next,
        decision: 'FORDJUPAD_SAMORDNING',
        ownerParty: 'ARBETSFORMEDLINGEN',
        decidedOn: TODAY,
      })
      .timeout(ANSWERED)
      .expect(200);
    const protocol = await t.http
      .get(`/api/v1/meetings/${next}?minPosition=${decided.body.position}`)
      .set(auth(pl))
      .timeout(ANSWERED)
      .expect(200);
    expect(protocol.body.decisions).toEqual([
      expect.objectContaining({ caseId, decision: 'FORDJUPAD_SAMORDNING' }),
    ]);
    // The erasure: the personal-data-erasure reactor destroys the key in its batch's transaction.
    const view = await t.http.get(`/api/v1/cases/${caseId}`).set(auth(pl)).timeout(ANSWERED).expect(200);
    const erased = await t.http
      .post(`/api/v1/persons/${view.body.person.personId}/erasure`)
      .set(auth(admin))
      .send({ reason: 'ERASURE_REQUEST' })
      .timeout(ANSWERED)
      .expect(200);
    const after = await t.http
      .get(`/api/v1/cases/${caseId}?minPosition=${erased.body.position}`)
      .set(auth(pl))
      .timeout(ANSWERED)
      .expect(200);
    expect(after.body.person).toMatchObject({ erased: true });
    const ready = await t.http.get('/health/ready').timeout(ANSWERED).expect(200);
    expect(ready.body.checks).toMatchObject({ store: 'up', consumers: 'up' });
  });

  it('a request that overruns REQUEST_TIMEOUT_MS is answered 503 problem+json with Retry-After, and the service goes on', async () => {
    const caseId = await acceptedCase(personnummer('19850505', 11));
    const before = await eventCount(t.db.sql);
    const held = await holdAppends(t);
    let res;
    try {
      res = await t.http
        .post(`/api/v1/cases/${caseId}/return`)
        .set(auth(pl))
        .send({ reason: 'Komplettera' })
        .timeout(20_000);
    } finally {
      await held.release();
    }
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatchObject({ status: 503, type: '/problems/request-timeout' });
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    // The work it started is not undone: once the store is free it may commit, once.
    const count = await eventCount(t.db.sql);
    expect(count - before).toBeLessThanOrEqual(1);
    await t.http.get('/health/ready').timeout(ANSWERED).expect(200);
  });

  it('readiness names a consumer whose checkpoint has not moved for CONSUMER_STALL_SECONDS while events wait', async () => {
    const caseId = await acceptedCase(personnummer('19700707', 12));
    await t.http.get(`/api/v1/cases/${caseId}`).set(auth(pl)).timeout(ANSWERED).expect(200);
    // A consumer that fails on every batch: from its start, events wait beyond its checkpoint.
    const runner = t.app.get(SubscriptionRunner);
    const started = Date.now();
    runner.register({
      name: 'stuck-for-the-test',
      react: async () => {
        throw new Error('cannot go on');
      },
      onError: () => undefined,
    });
    // Not stalled yet: it has not been stuck for long (asked within CONSUMER_STALL_SECONDS of its
    // start; a machine too busy to answer that soon is past the point this checks).
    const early = await t.http.get('/health/ready');
    if (Date.now() - started < t.config.consumerStallSeconds * 1000) {
      expect(early.status).toBe(200);
      expect(early.body.checks.consumers).toBe('up');
    }
    // Stalled is measured in real time, not on the business clock.
    await new Promise((r) => setTimeout(r, t.config.consumerStallSeconds * 1000 + 500));
    const res = await t.http.get('/health/ready').expect(503);
    expect(res.body).toMatchObject({ status: 'not-ready', checks: { store: 'up', consumers: 'stalled' } });
    expect(res.body.stalled).toEqual(['stuck-for-the-test']);
  });
});

// SIGTERM with a request stuck in the store: the process must still end within SHUTDOWN_TIMEOUT_MS.
// The store is held from outside the process, which needs a server both can reach.
const onServer = TEST_STORE === 'postgres' ? describe : describe.skip;

onServer('SIGTERM with a request stuck in the store', () => {
  const JWT_DEV_SECRET = 'stop-test-secret-stop-test-secret-01234';
  const MASTER_KEY = Buffer.alloc(32, 5).toString('base64');
  let db: TestDatabase;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await db.dispose();
  });

  it('stops the process within the bounded time (SHUTDOWN_TIMEOUT_MS), not when the request ends', async () => {
    const api = await startApiProcess(db.schema!, {
      JWT_DEV_SECRET,
      MASTER_KEY,
      REQUEST_TIMEOUT_MS: '600000',
      SHUTDOWN_TIMEOUT_MS: '1500',
    });
    child = api.child;
    const { exited } = api;
    const out = api.output;
    const port = Number(new URL(api.base).port);
    const token = await signDevToken(
      { tenant: 'torget', roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' },
      createSecretKey(Buffer.from(JWT_DEV_SECRET, 'utf8')),
      new Date(),
    );
    const held = await holdAppends({ db });
    try {
      const stuck = fetch(`http://127.0.0.1:${port}/api/v1/cases`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(initiation()),
      }).catch(() => undefined);
      // The initiation waits in its append behind the lock.
      const until = Date.now() + 10_000;
      for (;;) {
        const { rows } = await db.sql.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%es_append%'",
        );
        if (rows[0].n > 0) break;
        if (Date.now() > until) throw new Error(`the request never reached the store: ${out()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const signalled = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      const took = Date.now() - signalled;
      expect(code).toBe(1);
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(10_000);
      expect(out()).toMatch(/did not finish within 1500 ms/);
      void stuck;
    } finally {
      await held.release();
    }
  });
});
