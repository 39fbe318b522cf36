import { startTestApp, type TestApp } from '../support/app';
import { type Driver, eventCount } from '../support/database';
import { runDemo } from '../../demo/demo.cli';

const TODAY = '2026-12-02';

/**
 * The demo CLI on a store of its own, with the real application on the same store: its
 * projections build the read models from what the demo writes. One store per test file: the demo's
 * ids are the same every time, and the read models' shared case fold is kept per process.
 */
export function describeDemo(store: Driver): void {
  describe(`npm run demo on ${store}`, () => {
    let t: TestApp;
    const out: string[] = [];
    const run = (env: Record<string, string> = {}) =>
      runDemo({
        env: {
          NODE_ENV: 'test',
          MASTER_KEY: t.config.masterKey!,
          DATA_DIR: t.config.dataDir,
          LOG_LEVEL: 'silent',
          ...env,
        },
        sql: t.db.sql,
        today: TODAY,
        out: (line) => out.push(line),
        err: (line) => out.push(line),
      });
    const auth = async (sub: string, roles: ('processledare' | 'handlaggare')[], party?: 'KOMMUN') => ({
      Authorization: `Bearer ${await t.token({ tenant: 'demo', sub, roles, party })}`,
    });

    beforeAll(async () => {
      t = await startTestApp({ store, now: `${TODAY}T08:00:00Z` });
    });
    afterAll(() => t.close());

    it('writes a torg that the read models show: a queue, upcoming meetings with agendas, sealed persons', async () => {
      const started = Date.now();
      expect(await run()).toBe(0);
      process.stdout.write(`demo on ${store}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      expect(out.join('\n')).toMatch(/events written/);
      expect(await eventCount(t.db.sql)).toBeGreaterThan(3000);

      const { rows } = await t.db.sql.query<{ p: number }>('SELECT max(position)::int AS p FROM es_events');
      const pl = await auth('demo-processledare', ['processledare']);
      const queue = await t.http.get(`/api/v1/queue?limit=500&minPosition=${rows[0].p}`).set(pl);
      expect(queue.status).toBe(200);
      const buckets = new Set(queue.body.items.map((i: { bucket: string }) => i.bucket));
      for (const b of ['NEW', 'AWAITING_BEREDNING', 'FOLLOW_UP_DUE']) expect(buckets).toContain(b);

      const meetings = await t.http.get(`/api/v1/meetings?from=${TODAY}`).set(pl);
      expect(meetings.status).toBe(200);
      const upcoming = meetings.body.items.filter((m: { date: string }) => m.date > TODAY);
      expect(upcoming.length).toBeGreaterThanOrEqual(2);
      expect(upcoming.some((m: { casesOnAgenda: number }) => m.casesOnAgenda > 0)).toBe(true);

      // The new case's person opens with the key the demo sealed it with.
      const newCase = queue.body.items.find((i: { bucket: string }) => i.bucket === 'NEW').caseId;
      const view = await t.http.get(`/api/v1/cases/${newCase}`).set(pl).expect(200);
      expect(view.body.person.name).toMatch(/^\S+ \S+$/);
      expect(view.body.person.personnummer).toMatch(/^\d{8}9[89]\d\d$/);
      expect(view.body.question).toEqual(expect.any(String));
      const { rows: sealed } = await t.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM es_events WHERE tenant = 'demo' AND data::text LIKE $1`,
        [`%${view.body.person.name}%`],
      );
      expect(sealed[0].n).toBe(0);

      // The kommun's handläggare is the demo's caseworker: the cases the kommun initiated are theirs.
      const soc = await auth('demo-handlaggare-kommun', ['handlaggare'], 'KOMMUN');
      const kommunCase = (
        await t.db.sql.query<{ id: string }>(
          `SELECT substr(stream_id, 6) AS id FROM es_events WHERE tenant = 'demo' AND type = 'CaseInitiated'
            AND data->>'initiatingParty' = 'KOMMUN' AND NOT (data->'person'->>'protectedIdentity')::boolean LIMIT 1`,
        )
      ).rows[0].id;
      await t.http.get(`/api/v1/cases/${kommunCase}`).set(soc).expect(200);
    });

    it('writes nothing the second time', async () => {
      const before = await eventCount(t.db.sql);
      out.length = 0;
      expect(await run()).toBe(0);
      expect(out.join('\n')).toMatch(/already in place/);
      expect(await eventCount(t.db.sql)).toBe(before);
    });

    it('is refused in production, with a message and exit code 1', async () => {
      const before = await eventCount(t.db.sql);
      out.length = 0;
      expect(await run({ NODE_ENV: 'production' })).toBe(1);
      expect(out.join('\n')).toMatch(/refused: NODE_ENV=production/);
      expect(await eventCount(t.db.sql)).toBe(before);
    });
  });
}
