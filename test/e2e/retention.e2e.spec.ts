import { SqlEventStore } from '@app/event-store';
import { PersonalDataCipher, PersonalDataErasedError, isSealed } from '@app/security';
import { initiation } from '../support/fixtures';
import {
  type HistoryEvent,
  type Instances,
  REDIS_URL,
  history,
  redisPrefix,
  settle,
  startInstances,
  waitFor,
} from '../support/deadlines';

// Retention runs from the person's latest closure (DOMAIN.md §10, R13): their data key is shared by
// all their cases, so case A's retention date must not erase what their open case B still needs.
// A records RetentionHeld instead; when the last of their cases reaches its retention date, every
// case is erased and the key destroyed once, with an audit entry. Two instances of the service run
// the same deadlines at once; each fact is written once. The clock moves; nothing sleeps.

// The harness's master key (test/support/deadlines.ts).
const MASTER_KEY = Buffer.alloc(32, 7);

/** Every sealed string in a value. */
function sealedIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string' && isSealed(value)) found.push(value);
  else if (Array.isArray(value)) value.forEach((v) => sealedIn(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => sealedIn(v, found));
  return found;
}
const MODES: [string, Record<string, string>][] = [
  ['BullMQ on Redis', { REDIS_URL, REDIS_PREFIX: redisPrefix('retention') }],
  ['embedded (no REDIS_URL)', {}],
];

describe.each(MODES)('R15/§10 retention waits for the person’s other cases: %s', (_mode, env) => {
  let s: Instances;
  type Who = 'soc' | 'pl' | 'admin';
  const CLAIMS = {
    soc: { roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' },
    pl: { roles: ['processledare'], sub: 'pl-1' },
    admin: { roles: ['admin'], sub: 'admin-1' },
  } as const;
  // Tokens are signed for the clock's now, so each request gets a fresh one as the clock moves.
  const auth = async (who: Who) => ({
    Authorization: `Bearer ${await s.token({ ...CLAIMS[who], roles: [...CLAIMS[who].roles] })}`,
  });
  const http = () => s.instances[0].http;
  const at = (date: string) => s.clock.set(`${date}T09:00:00Z`);
  const events = async (caseId: string) => history(http(), (await auth('pl')).Authorization.slice(7), caseId);
  const ofType = (list: HistoryEvent[], type: string) => list.filter((e) => e.type === type);
  const view = async (caseId: string) =>
    (
      await http()
        .get(`/api/v1/cases/${caseId}`)
        .set(await auth('pl'))
        .expect(200)
    ).body;

  async function post(path: string, who: Who, body: object, expected = 200) {
    const res = await http()
      .post(path)
      .set(await auth(who))
      .send(body);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ status: expected });
    return res.body;
  }
  async function initiate(on: string): Promise<string> {
    const consent = { ...(initiation().consent as object), givenOn: on };
    return (await post('/api/v1/cases', 'soc', initiation({ consent, initiatedOn: on }), 201)).id;
  }
  const close = (caseId: string, on: string, outcome: object = { outcome: 'STUDIER' }) =>
    post(`/api/v1/cases/${caseId}/close`, 'pl', {
      closedOn: on,
      ...outcome,
      slutdokumentation: true,
      survey: { offered: true, answered: false },
    });
  /** Every consumer (projections, the erasure reactor) has applied every event written so far. */
  async function consumersCaughtUp(): Promise<void> {
    const { rows } = await s.db.sql.query<{ p: number }>(
      'SELECT coalesce(max(position), 0)::int AS p FROM es_events',
    );
    await waitFor(async () => {
      const behind = await s.db.sql.query('SELECT 1 FROM es_checkpoints WHERE position < $1', [rows[0].p]);
      return behind.rows.length === 0;
    }, 'the consumers to catch up');
  }
  const keyOf = async (personId: string) =>
    (await s.db.sql.query('SELECT 1 FROM person_keys WHERE person_id = $1', [personId])).rows.length;

  beforeAll(async () => {
    // Files run in parallel on one PostgreSQL server: reads wait longer for the read models than a user would.
    const slow = { READ_WAIT_MS: '20000' };
    s = await startInstances(2, {
      now: '2026-06-15T09:00:00Z',
      env: { ...env, ...slow, DEADLINE_TICK_SECONDS: '1', JOB_BACKOFF_MS: '100' },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('case A’s retention date holds while case B is open; the last closure’s retention erases A, B and C, the key once', async () => {
    // Case A: accepted and closed on 2026-06-15; retention is 24 months by default.
    const a = await initiate('2026-06-15');
    await post(`/api/v1/cases/${a}/accept`, 'pl', {});
    await close(a, '2026-06-15');
    const personId = (await view(a)).person.personId as string;

    // Two years later the same person comes back: case B, the same person.
    at('2028-06-01');
    const b = await initiate('2028-06-01');
    await post(`/api/v1/cases/${b}/accept`, 'pl', {});
    expect((await view(b)).person).toMatchObject({ personId, name: 'Anna Andersson', erased: false });

    // A's retention date passes (2028-06-15): held, nothing erased.
    at('2028-06-16');
    const hold = await waitFor(
      async () =>
        (await events(a)).find((e) => e.type === 'RetentionHeld' || e.type === 'PersonalDataErased'),
      'A’s retention date to be recorded',
    );
    expect(hold).toMatchObject({
      type: 'RetentionHeld',
      occurredOn: '2028-06-16',
      data: { dueOn: '2028-06-15' },
      actor: { sub: 'system:deadlines' },
    });
    expect(JSON.stringify(hold.data)).not.toMatch(/Anna|199001010017|ångest/);
    await settle(s.instances);
    await consumersCaughtUp();
    expect(ofType(await events(a), 'RetentionHeld')).toHaveLength(1);
    expect(ofType(await events(a), 'PersonalDataErased')).toEqual([]);
    expect(await keyOf(personId)).toBe(1);
    const heldA = await view(a);
    expect(heldA.person).toMatchObject({
      name: 'Anna Andersson',
      personnummer: '199001010017',
      erased: false,
    });
    expect(heldA.deadlines).toMatchObject({ retentionHeldOn: '2028-06-15' });
    expect(heldA.deadlines.upcoming.map((d: { kind: string }) => d.kind)).not.toContain('RETENTION');

    // B stays readable and writable (free text is sealed with the person's key) …
    expect((await view(b)).person).toMatchObject({
      name: 'Anna Andersson',
      personnummer: '199001010017',
      erased: false,
    });
    // … and the personnummer still finds the same person.
    const c = await initiate('2028-06-16');
    expect((await view(c)).person.personId).toBe(personId);
    await close(c, '2028-06-16');
    await close(b, '2028-06-16', { outcome: 'ANNAT', otherReason: 'Anna flyttade utomlands' });
    expect(ofType(await events(b), 'CaseClosed')[0].data).toMatchObject({
      outcome: 'ANNAT',
      otherReason: 'Anna flyttade utomlands',
    });

    // The day before B's and C's retention date (2030-06-16) nothing is erased yet.
    at('2030-06-15');
    await settle(s.instances);
    await consumersCaughtUp();
    for (const id of [a, b, c]) expect(ofType(await events(id), 'PersonalDataErased')).toEqual([]);
    expect(await keyOf(personId)).toBe(1);

    // The last retention date: every case of the person is erased, once each, and the key with them.
    at('2030-06-16');
    for (const id of [a, b, c])
      await waitFor(async () => ofType(await events(id), 'PersonalDataErased')[0], `the erasure of ${id}`);
    await settle(s.instances);
    await consumersCaughtUp();
    for (const id of [a, b, c]) {
      const erased = ofType(await events(id), 'PersonalDataErased');
      expect(erased).toHaveLength(1);
      expect(erased[0]).toMatchObject({
        occurredOn: '2030-06-16',
        data: { personId, reason: 'RETENTION' },
        actor: { sub: 'system:deadlines' },
      });
      const after = await view(id);
      // The instance answering may still hold the key in its cache for a while (README): the view says
      // erased, and a cipher without a cache opens nothing of the person's any more.
      expect(after.person).toMatchObject({ personId, erased: true });
      expect(after.deadlines.upcoming).toEqual([]);
    }
    const sealed = [];
    for (const id of [a, b, c])
      sealed.push(...sealedIn((await new SqlEventStore(s.db.sql).readStream(`case-${id}`)).map((e) => e.data)));
    expect(sealed.length).toBeGreaterThanOrEqual(9);
    const cipher = new PersonalDataCipher(s.db.sql, MASTER_KEY, { cacheTtlMs: 0 });
    for (const value of sealed)
      await expect(cipher.open('torget', personId, value)).rejects.toBeInstanceOf(PersonalDataErasedError);
    expect(ofType(await events(a), 'RetentionHeld')).toHaveLength(1);
    expect(await keyOf(personId)).toBe(0);
    const erasures = await s.db.sql.query<{ reason_code: string }>(
      'SELECT reason_code FROM person_erasures WHERE person_id = $1',
      [personId],
    );
    expect(erasures.rows).toEqual([{ reason_code: 'RETENTION_EXPIRED' }]);

    // The audit log records the key's destruction once, by the system, for one of the person's cases.
    const admin = await auth('admin');
    const destroyed = [];
    for (const id of [a, b, c]) {
      const { items } = (await http().get(`/api/v1/admin/audit?caseId=${id}`).set(admin).expect(200)).body;
      destroyed.push(...items.filter((i: { action: string }) => i.action === 'erase-person.destroy-key'));
    }
    expect(destroyed).toEqual([
      expect.objectContaining({
        actor: 'system:deadlines',
        roles: ['system'],
        personId,
        route: 'reactor personal-data-erasure',
      }),
    ]);
  });
});
