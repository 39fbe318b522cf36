import { type Server, type Socket, createServer, connect } from 'node:net';
import { initiation } from '../support/fixtures';
import { type Instances, REDIS_URL, history, personnummer, redisPrefix, settle, startInstances, waitFor } from '../support/deadlines';

// BullMQ specifics (issue 5): several instances share one Redis and one database and still record
// each deadline once; while Redis is unreachable commands succeed and readiness says the queue is
// degraded, and once it is back the due deadlines fire.

const CLAIMS = {
  soc: { roles: ['handlaggare' as const], party: 'KOMMUN' as const, sub: 'soc-1' },
  pl: { roles: ['processledare' as const], sub: 'pl-1' },
};

function helpers(s: () => Instances) {
  let serial = 0;
  const auth = async (who: keyof typeof CLAIMS) => ({ Authorization: `Bearer ${await s().token(CLAIMS[who])}` });
  return {
    auth,
    async initiate(http: Instances['instances'][number]['http'], initiatedOn: string): Promise<string> {
      const res = await http
        .post('/api/v1/cases')
        .set(await auth('soc'))
        .send(
          initiation({
            person: { personnummer: personnummer('19850620', ++serial), name: 'Bo Berg', gender: 'MAN' },
            consent: { givenBy: 'PERSON', givenOn: initiatedOn, form: 'SKRIFTLIG', scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN'] },
            initiatedOn,
          }),
        );
      expect(res.status).toBe(201);
      return res.body.id;
    },
    async types(caseId: string): Promise<string[]> {
      const token = (await auth('pl')).Authorization.slice(7);
      return (await history(s().instances[0].http, token, caseId)).map((e) => e.type);
    },
  };
}

const count = (types: string[], type: string) => types.filter((t) => t === type).length;

describe('two instances on one database and one Redis prefix', () => {
  let s: Instances;
  const h = helpers(() => s);

  beforeAll(async () => {
    s = await startInstances(2, {
      now: '2026-06-15T09:00:00Z',
      env: { REDIS_URL, REDIS_PREFIX: redisPrefix('deadlines-two'), DEADLINE_TICK_SECONDS: '1', JOB_BACKOFF_MS: '100' },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('both process the same deadlines: every deadline event is recorded exactly once', async () => {
    const [a, b] = s.instances;
    // Past business dates: each case has its 90 days and its 8 weeks without activity behind it.
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await h.initiate(i % 2 ? a.http : b.http, i % 3 ? '2026-02-01' : '2026-03-01'));

    for (const id of ids) {
      await waitFor(async () => {
        const types = await h.types(id);
        return count(types, 'InsatsDeadlineMissed') >= 1 && count(types, 'CaseStagnated') >= 1;
      }, `the deadlines of ${id}`);
    }
    // The same deadline recorded by both instances at once, through the write path: one event.
    const extra = await h.initiate(a.http, '2026-02-01');
    const job = { tenant: 'torget', caseId: extra, deadline: 'INSATS_DEADLINE', dueOn: '2026-05-03' };
    const written = await Promise.all([a.deadlines.record(job), b.deadlines.record(job), a.deadlines.record(job), b.deadlines.record(job)]);
    expect(written.reduce((x, y) => x + y, 0)).toBe(1);

    await settle(s.instances);
    await settle(s.instances);
    for (const id of [...ids, extra]) {
      const types = await h.types(id);
      expect({ id, missed: count(types, 'InsatsDeadlineMissed'), stagnated: count(types, 'CaseStagnated') }).toEqual({ id, missed: 1, stagnated: 1 });
    }
    // Both instances ran the one tick schedule's jobs between them, never more than one tick at a time.
    expect(a.deadlines.ticks + b.deadlines.ticks).toBeGreaterThan(0);
  });
});

/** A TCP relay to the real Redis that can be closed and opened: Redis "going away" for the service. */
class RedisRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: URL,
  ) {}

  async open(): Promise<void> {
    if (this.server) return;
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 6379), this.target.hostname);
      for (const sock of [client, upstream]) {
        this.sockets.add(sock);
        sock.on('error', () => sock.destroy());
        sock.on('close', () => {
          this.sockets.delete(sock);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    for (const sock of this.sockets) sock.destroy();
    this.sockets.clear();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Redis outages', () => {
  let s: Instances;
  let relay: RedisRelay;
  const h = helpers(() => s);
  const ready = async () => (await s.instances[0].http.get('/health/ready')).body as { status: string; checks: { store: string; queue: string } };

  beforeAll(async () => {
    relay = new RedisRelay(await freePort(), new URL(REDIS_URL));
    // The service starts while nothing listens on its REDIS_URL.
    s = await startInstances(1, {
      now: '2026-06-15T09:00:00Z',
      env: {
        REDIS_URL: `redis://127.0.0.1:${relay.port}`,
        REDIS_PREFIX: redisPrefix('deadlines-outage'),
        DEADLINE_TICK_SECONDS: '1',
        JOB_BACKOFF_MS: '100',
      },
    });
  });
  afterAll(async () => {
    await relay.open().catch(() => undefined);
    await waitFor(async () => (await ready()).checks.queue === 'up', 'Redis to be back').catch(() => undefined);
    await s?.close();
    await relay.close();
  });

  it('accepts commands while Redis is unreachable, reports the queue degraded, and fires the due deadlines once it is back', async () => {
    const http = s.instances[0].http;
    const res = await http.get('/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { store: 'up', queue: 'degraded', consumers: 'up' } });

    const first = await h.initiate(http, '2026-02-01');
    await http.post(`/api/v1/cases/${first}/accept`).set(await h.auth('pl')).send({ acceptedOn: '2026-02-02' }).expect(200);
    expect(count(await h.types(first), 'InsatsDeadlineMissed')).toBe(0);

    await relay.open();
    await waitFor(async () => (await ready()).checks.queue === 'up', 'the queue to be up');
    await waitFor(async () => count(await h.types(first), 'InsatsDeadlineMissed') === 1, 'the miss once Redis is back');

    // Redis goes away again, mid-flight: still accepted, still ready, and the deadline waits.
    await relay.close();
    await waitFor(async () => (await ready()).checks.queue === 'degraded', 'the queue to be degraded');
    expect((await http.get('/health/ready')).status).toBe(200);
    const second = await h.initiate(http, '2026-03-01');
    s.clock.set('2026-06-16T09:00:00Z');
    expect(count(await h.types(second), 'InsatsDeadlineMissed')).toBe(0);

    await relay.open();
    await waitFor(async () => count(await h.types(second), 'InsatsDeadlineMissed') === 1, 'the second miss once Redis is back');
    await settle(s.instances);
    expect(count(await h.types(first), 'InsatsDeadlineMissed')).toBe(1);
    expect(count(await h.types(second), 'InsatsDeadlineMissed')).toBe(1);
  }, 300_000);
});
