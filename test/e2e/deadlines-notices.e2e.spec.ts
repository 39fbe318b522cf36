import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import { PassThrough } from 'node:stream';
import { SIGNATURE_HEADER, verifySignature } from '@app/scheduling';
import { initiation } from '../support/fixtures';
import { type Instances, REDIS_URL, personnummer, redisPrefix, startInstances, waitFor } from '../support/deadlines';

// Notices (issue 5): a deadline due or missed, a SIP booked or a case returned gives the owner's
// party and the initiator a notice; parties with a webhook get it POSTed (HMAC-signed, retried with
// backoff, failures kept for admins), the others read GET /api/v1/notifications. Both modes.

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A party's system receiving webhooks; `answers` says what each path answers next. */
class Receiver {
  readonly received: Received[] = [];
  readonly answers: Record<string, number[]> = {};
  private server?: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const queue = this.answers[path] ?? [];
        const status = queue.length > 1 ? queue.shift()! : (queue[0] ?? 200);
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as { port: number }).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

const SECRETS = { KOMMUN: 'kommun-webhook-secret-0123456789', ARBETSFORMEDLINGEN: 'af-webhook-secret-abcdefghijklmn' };

// Everything the service logs, in either mode (the logger is process-wide).
const logs: string[] = [];

const MODES: [string, Record<string, string>][] = [
  ['BullMQ on Redis', { REDIS_URL, REDIS_PREFIX: redisPrefix('notices') }],
  ['embedded (no REDIS_URL)', {}],
];

describe.each(MODES)('notices to the parties: %s', (_mode, env) => {
  let s: Instances;
  const receiver = new Receiver();
  let serial = 0;
  type Who = { roles: ('handlaggare' | 'processledare' | 'admin')[]; party?: 'KOMMUN' | 'REGION' | 'ARBETSFORMEDLINGEN'; sub: string; tenant?: string };
  const PL: Who = { roles: ['processledare'], sub: 'pl-1' };
  const ADMIN: Who = { roles: ['admin'], sub: 'admin-1' };
  const worker = (party: NonNullable<Who['party']>): Who => ({ roles: ['handlaggare'], party, sub: `hl-${party}` });
  const auth = async (who: Who) => ({ Authorization: `Bearer ${await s.token(who)}` });
  const http = () => s.instances[0].http;

  async function initiateAndReturn(party: 'KOMMUN' | 'REGION' | 'ARBETSFORMEDLINGEN', initiatedOn = '2026-06-10'): Promise<string> {
    const other = party === 'KOMMUN' ? 'ARBETSFORMEDLINGEN' : 'KOMMUN';
    const created = await http()
      .post('/api/v1/cases')
      .set(await auth(worker(party)))
      .send(
        initiation({
          person: { personnummer: personnummer('19920201', ++serial), name: 'Cecilia Ek', gender: 'KVINNA' },
          consent: { givenBy: 'PERSON', givenOn: initiatedOn, form: 'SKRIFTLIG', scopeParties: [party, other] },
          initiatingParty: party,
          initiatingUnit: undefined,
          otherParties: [other],
          initiatedOn,
        }),
      )
      .expect(201);
    await http()
      .post(`/api/v1/cases/${created.body.id}/return`)
      .set(await auth(PL))
      .send({ reason: 'Behovsanalysen saknar uppgifter om Cecilias hälsa' })
      .expect(200);
    return created.body.id;
  }

  beforeAll(async () => {
    await receiver.start();
    const logStream = new PassThrough();
    logStream.on('data', (c: Buffer) => logs.push(c.toString('utf8')));
    s = await startInstances(1, {
      now: '2026-06-15T09:00:00Z',
      env: { ...env, DEADLINE_TICK_SECONDS: '1', JOB_BACKOFF_MS: '100', JOB_ATTEMPTS: '3' },
      logStream,
    });
  });
  afterAll(async () => {
    await s?.close();
    await receiver.stop();
  });

  it('configures a party’s webhook; the secret is never answered and a bad request names the field', async () => {
    const res = await http()
      .put('/api/v1/admin/parties/KOMMUN/webhook')
      .set(await auth(ADMIN))
      .send({ url: receiver.url('/kommun'), secret: SECRETS.KOMMUN })
      .expect(200);
    expect(res.body).toEqual({ party: 'KOMMUN', url: receiver.url('/kommun'), updatedAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(SECRETS.KOMMUN);
    const stored = await s.db.sql.query<{ secret_sealed: string }>(`SELECT secret_sealed FROM party_webhooks WHERE party = 'KOMMUN'`);
    expect(stored.rows[0].secret_sealed).toMatch(/^ws1\./);
    expect(stored.rows[0].secret_sealed).not.toContain(SECRETS.KOMMUN);

    const bad = await http().put('/api/v1/admin/parties/KOMMUN/webhook').set(await auth(ADMIN)).send({ url: 'ftp://x', secret: 'short' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['secret', 'url']);
    expect(JSON.stringify(bad.body)).not.toContain('short');
    await http().put('/api/v1/admin/parties/NOPE/webhook').set(await auth(ADMIN)).send({ url: receiver.url('/x'), secret: SECRETS.KOMMUN }).expect(400);
    await http().put('/api/v1/admin/parties/KOMMUN/webhook').set(await auth(PL)).send({ url: receiver.url('/x'), secret: SECRETS.KOMMUN }).expect(403);
  });

  it('delivers a notice to the webhook: signature verified, a 500 retried, then delivered; case id and kind only', async () => {
    receiver.answers['/kommun'] = [500, 200];
    const id = await initiateAndReturn('KOMMUN');
    await waitFor(async () => receiver.at('/kommun').some((r) => r.answered === 200), 'the webhook delivery');

    const deliveries = receiver.at('/kommun');
    expect(deliveries.map((r) => r.answered)).toEqual([500, 200]);
    for (const r of deliveries) {
      expect(verifySignature(r.body, SECRETS.KOMMUN, r.headers[SIGNATURE_HEADER] as string)).toBe(true);
      expect(verifySignature(r.body, 'another-secret-entirely-000', r.headers[SIGNATURE_HEADER] as string)).toBe(false);
    }
    const body = JSON.parse(deliveries[1].body);
    expect(body).toEqual({ id: expect.stringMatching(/^n-\d+-KOMMUN$/), caseId: id, kind: 'CASE_RETURNED', occurredOn: '2026-06-15' });
    expect(deliveries[1].headers['x-amt-notice-id']).toBe(body.id);
    expect(deliveries[0].body).toBe(deliveries[1].body);
    expect(deliveries[1].body).not.toMatch(/Cecilia|19920201|hälsa/);
    await waitFor(
      async () => (await s.db.sql.query('SELECT 1 FROM notice_deliveries WHERE notice_id = $1', [body.id])).rows.length === 1,
      'the delivery to be recorded',
    );
  });

  it('keeps a delivery that ran out of attempts for admins, of their tenant only; a retry delivers it', async () => {
    await http()
      .put('/api/v1/admin/parties/ARBETSFORMEDLINGEN/webhook')
      .set(await auth(ADMIN))
      .send({ url: receiver.url('/af'), secret: SECRETS.ARBETSFORMEDLINGEN })
      .expect(200);
    receiver.answers['/af'] = [500];
    const id = await initiateAndReturn('ARBETSFORMEDLINGEN');

    const failed = await waitFor(async () => {
      const res = await http().get('/api/v1/admin/jobs?state=failed').set(await auth(ADMIN)).expect(200);
      return (res.body.items as { queue: string; id: string; data: { caseId: string } }[]).find((j) => j.data.caseId === id);
    }, 'the failed job');
    expect(receiver.at('/af')).toHaveLength(3);
    expect(failed).toEqual({
      queue: 'notices',
      id: expect.stringMatching(/^webhook-n-\d+-ARBETSFORMEDLINGEN$/),
      name: 'webhook',
      state: 'failed',
      attemptsMade: 3,
      failedReason: expect.stringContaining('webhook answered 500'),
      createdAt: expect.any(String),
      finishedAt: expect.any(String),
      data: { party: 'ARBETSFORMEDLINGEN', noticeId: expect.any(String), caseId: id, kind: 'CASE_RETURNED', occurredOn: '2026-06-15' },
    });
    const elsewhere = await http().get('/api/v1/admin/jobs?state=failed').set(await auth({ ...ADMIN, tenant: 'annat-torg' })).expect(200);
    expect(elsewhere.body).toEqual({ items: [], total: 0, nextCursor: null });
    await http().get('/api/v1/admin/jobs?state=failed').set(await auth(PL)).expect(403);
    await http().get('/api/v1/admin/jobs?state=lost').set(await auth(ADMIN)).expect(400);

    receiver.answers['/af'] = [200];
    const f = failed;
    await http().post(`/api/v1/admin/jobs/${f.queue}/${f.id}/retry`).set(await auth(ADMIN)).send({}).expect(200);
    await waitFor(async () => receiver.at('/af').some((r) => r.answered === 200), 'the retried delivery');
    await http().post(`/api/v1/admin/jobs/${f.queue}/${f.id}/retry`).set(await auth({ ...ADMIN, tenant: 'annat-torg' })).send({}).expect(404);
  });

  it('lists the notices of a party without a webhook at GET /api/v1/notifications, newest first, in pages', async () => {
    const returned = await initiateAndReturn('REGION');
    // A REGION case initiated 100 days ago: the missed 90 days is a notice too, once the tick records it.
    const late = await http()
      .post('/api/v1/cases')
      .set(await auth(worker('REGION')))
      .send(
        initiation({
          person: { personnummer: personnummer('19920201', ++serial), name: 'Cecilia Ek', gender: 'KVINNA' },
          consent: { givenBy: 'PERSON', givenOn: '2026-03-01', form: 'SKRIFTLIG', scopeParties: ['REGION', 'KOMMUN'] },
          initiatingParty: 'REGION',
          initiatingUnit: undefined,
          otherParties: ['KOMMUN'],
          initiatedOn: '2026-03-07',
        }),
      )
      .expect(201);
    const region = await auth(worker('REGION'));
    const list = await waitFor(async () => {
      const res = await http().get('/api/v1/notifications').set(region).expect(200);
      const kinds = (res.body.items as { kind: string }[]).map((i) => i.kind);
      return kinds.includes('INSATS_DEADLINE_MISSED') && kinds.includes('CASE_RETURNED') ? res.body : undefined;
    }, 'the region’s notices');
    expect(list.items.every((i: { party: string }) => i.party === 'REGION')).toBe(true);
    expect(list.items).toEqual(
      expect.arrayContaining([
        { id: expect.any(String), caseId: returned, kind: 'CASE_RETURNED', party: 'REGION', occurredOn: '2026-06-15', createdAt: expect.any(String) },
        expect.objectContaining({ caseId: late.body.id, kind: 'INSATS_DEADLINE_MISSED', occurredOn: '2026-06-06' }),
      ]),
    );
    expect(list.total).toBe(list.items.length);
    expect(JSON.stringify(list)).not.toMatch(/Cecilia|19920201|hälsa/);

    // Pages of one: the next page starts right after the last item seen, however many newer notices
    // the deadline tick adds meanwhile (they come first in the list, newest first).
    const first = await http().get('/api/v1/notifications?limit=1').set(region).expect(200);
    const second = await http().get(`/api/v1/notifications?limit=1&cursor=${first.body.nextCursor}`).set(region).expect(200);
    const all = (await http().get('/api/v1/notifications?limit=500').set(region).expect(200)).body.items as { id: string }[];
    const at = all.findIndex((i) => i.id === first.body.items[0].id);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(first.body.items).toEqual([all[at]]);
    expect(second.body.items).toEqual([all[at + 1]]);
    await http().get('/api/v1/notifications?cursor=nonsense').set(region).expect(400);

    // Each party sees its own; the kommun's were delivered to its webhook and are listed for it too.
    const kommun = await http().get('/api/v1/notifications?limit=500').set(await auth(worker('KOMMUN'))).expect(200);
    expect(kommun.body.items.every((i: { party: string }) => i.party === 'KOMMUN')).toBe(true);
    expect(kommun.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(returned);
  });

  it('never logs a webhook secret', () => {
    const all = logs.join('');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of Object.values(SECRETS)) expect(all).not.toContain(secret);
  });
});
