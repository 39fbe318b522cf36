import { EventStore, SqlEventStore } from '@app/event-store';
import { PersonRegistry, PersonalDataCipher, PersonalDataErasedError, isSealed } from '@app/security';
import { startTestApp, type TestApp } from '../support/app';
import { PNR, initiation } from '../support/fixtures';

// Erasure by crypto-shredding (issue 6 §5, DOMAIN.md §10): the person's data key is destroyed, on
// an admin's request and on the retention date. Afterwards nothing of the person can be decrypted,
// even with the master key; the case view says so; the history keeps its non-identifying facts;
// the statistics are unchanged; the erasure is an event and an audit entry.

// The test harness's master key (test/support/app.ts).
const MASTER_KEY = Buffer.alloc(32, 7);
const BO = '19851231-2383';

/** Every sealed string in a value. */
function sealedIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string' && isSealed(value)) found.push(value);
  else if (Array.isArray(value)) value.forEach((v) => sealedIn(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => sealedIn(v, found));
  return found;
}

/** Every sealed value replaced by a marker: what the history looks like without the personal data. */
function withoutSealed(value: unknown): unknown {
  if (typeof value === 'string' && isSealed(value)) return '<sealed>';
  if (Array.isArray(value)) return value.map(withoutSealed);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSealed(v)]));
  return value;
}

describe('erasure on an admin’s request', () => {
  let t: TestApp;
  let store: EventStore;
  const tok = {} as Record<'soc' | 'af' | 'pl' | 'admin' | 'manager' | 'otherAdmin', string>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  let anna: string;
  let bo: string;
  let annaCases: string[];
  let boCase: string;

  beforeAll(async () => {
    t = await startTestApp();
    store = new SqlEventStore(t.db.sql);
    tok.soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    tok.af = await t.token({ roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN', sub: 'af-1' });
    tok.pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    tok.admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    tok.manager = await t.token({ roles: ['manager'], sub: 'chef-1' });
    tok.otherAdmin = await t.token({ tenant: 'annat-torg', roles: ['admin'], sub: 'admin-2' });
    await t.http
      .put('/api/v1/admin/insatser/AMT_AF')
      .set(auth(tok.admin))
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect(200);

    // Anna's first case: returned and completed, accepted, an insats, a SIP, closed: free text in many events.
    const c1 = (await t.http.post('/api/v1/cases').set(auth(tok.soc)).send(initiation()).expect(201)).body.id;
    await t.http
      .post(`/api/v1/cases/${c1}/return`)
      .set(auth(tok.pl))
      .send({ reason: 'Beskriv Annas ångest närmare', returnedOn: '2026-06-03' })
      .expect(200);
    await t.http
      .post(`/api/v1/cases/${c1}/resubmit`)
      .set(auth(tok.soc))
      .send({ needs: 'Anna behöver stöd av psykiatrin varje vecka', resubmittedOn: '2026-06-04' })
      .expect(200);
    await t.http
      .post(`/api/v1/cases/${c1}/accept`)
      .set(auth(tok.pl))
      .send({ acceptedOn: '2026-06-05' })
      .expect(200);
    await t.http
      .post(`/api/v1/cases/${c1}/insatser`)
      .set(auth(tok.af))
      .send({ insatsCode: 'AMT_AF', startedOn: '2026-06-08' })
      .expect(201);
    await t.http
      .post(`/api/v1/cases/${c1}/sips`)
      .set(auth(tok.soc))
      .send({ initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: true, requestedOn: '2026-06-09' })
      .expect(201);
    await t.http
      .post(`/api/v1/cases/${c1}/close`)
      .set(auth(tok.pl))
      .send({
        closedOn: '2026-06-12',
        outcome: 'ANNAT',
        otherReason: 'Anna flyttade till sin syster i Umeå',
        slutdokumentation: true,
        survey: { offered: true, answered: false },
      })
      .expect(200);
    // Anna's second case, and Bo's.
    const c2 = (
      await t.http
        .post('/api/v1/cases')
        .set(auth(tok.soc))
        .send(initiation({ question: 'Annas andra ärende', initiatedOn: '2026-06-14' }))
        .expect(201)
    ).body.id;
    boCase = (
      await t.http
        .post('/api/v1/cases')
        .set(auth(tok.soc))
        .send(initiation({ person: { personnummer: BO, name: 'Bo Berg', gender: 'MAN' } }))
        .expect(201)
    ).body.id;
    anna = (await t.http.get(`/api/v1/cases/${c1}`).set(auth(tok.pl)).expect(200)).body.person.personId;
    bo = (await t.http.get(`/api/v1/cases/${boCase}`).set(auth(tok.pl)).expect(200)).body.person.personId;
    annaCases = [c1, c2];
  });
  afterAll(async () => {
    await t.close();
  });

  /** What statistics are made of: rm_cases' attributes, every stat_* table (without folds and positions), the statistics routes. */
  async function statistics() {
    const cases = await t.db.sql.query(
      // The statistical attributes (the work-queue columns are left out: an erased case has no more work,
      // DOMAIN.md §10, so it is no more open and a post-closure follow-up or an age limit leaves the queue).
      `SELECT case_id, tenant, status, initiating_party, initiating_unit, parties, scope_parties, owner_party, owner_user, protected,
              person_id, gender, age_band, initiated_on::text, accepted_on::text, closed_on::text, awaiting_decision, has_insats,
              insats_deadline::text, sip_pending_on::text, consent_valid_until::text
         FROM rm_cases ORDER BY case_id`,
    );
    const tables: Record<string, unknown[]> = {};
    const { rows: statTables } = await t.db.sql.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'stat\\_%' ORDER BY 1`,
    );
    for (const { name } of statTables) {
      const { rows } = await t.db.sql.query(`SELECT * FROM ${name}`);
      tables[name] = rows
        .map((r) =>
          JSON.stringify(
            // Besides folds and positions, what the erasure changes by definition (docs/statistics.md,
            // Erasure): its date, and the follow-ups falling due after it, no more owed. Checked apart.
            Object.fromEntries(
              Object.entries(r as object).filter(
                ([k]) => k !== 'fold' && k !== 'position' && k !== 'erased_on' && !/^fu.*_due_on$/.test(k),
              ),
            ),
          ),
        )
        .sort();
    }
    const reports: Record<string, unknown> = {};
    for (const report of [
      'participants',
      'case-outcomes',
      'sips',
      'lead-times',
      'follow-ups',
      'initiating-parties',
      'progression',
    ]) {
      const res = await t.http
        .get(`/api/v1/statistics/${report}?from=2026-01-01&to=2026-12-31`)
        .set(auth(tok.pl))
        .expect(200);
      reports[report] = res.body;
    }
    return { cases: cases.rows, tables, reports };
  }

  /** Every consumer (projections, reactors) has applied every event written so far. */
  async function settled(): Promise<void> {
    const { rows } = await t.db.sql.query<{ p: number }>(
      'SELECT coalesce(max(position), 0)::int AS p FROM es_events',
    );
    for (let i = 0; i < 200; i++) {
      const behind = await t.db.sql.query('SELECT 1 FROM es_checkpoints WHERE position < $1', [rows[0].p]);
      if (behind.rows.length === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the consumers did not catch up');
  }

  it('refuses whoever is not an admin, an unknown person, another tenant’s admin and a missing reason', async () => {
    for (const token of [tok.pl, tok.soc, tok.manager]) {
      await t.http
        .post(`/api/v1/persons/${anna}/erasure`)
        .set(auth(token))
        .send({ reason: 'ERASURE_REQUEST' })
        .expect(403);
    }
    await t.http
      .post('/api/v1/persons/3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11/erasure')
      .set(auth(tok.admin))
      .send({ reason: 'x' })
      .expect(404);
    await t.http
      .post('/api/v1/persons/not-a-person/erasure')
      .set(auth(tok.admin))
      .send({ reason: 'x' })
      .expect(404);
    await t.http
      .post(`/api/v1/persons/${anna}/erasure`)
      .set(auth(tok.otherAdmin))
      .send({ reason: 'x' })
      .expect(404);
    const missing = await t.http.post(`/api/v1/persons/${anna}/erasure`).set(auth(tok.admin)).send({});
    expect(missing.status).toBe(400);
    expect([...new Set(missing.body.errors.map((e: { field: string }) => e.field))]).toEqual(['reason']);
    expect(
      (await t.http.get(`/api/v1/cases/${annaCases[0]}`).set(auth(tok.pl)).expect(200)).body.person.erased,
    ).toBe(false);
  });

  it('destroys the key: afterwards nothing of the person decrypts, even with the master key; the view says erased; history and statistics keep their facts', async () => {
    await settled();
    const before = await statistics();
    expect(Object.keys(before.tables).length).toBeGreaterThan(0);
    const historyBefore = (
      await t.http.get(`/api/v1/cases/${annaCases[0]}/history`).set(auth(tok.pl)).expect(200)
    ).body.events;
    const stored = [
      ...(await store.readStream(`case-${annaCases[0]}`)),
      ...(await store.readStream(`case-${annaCases[1]}`)),
    ];
    const sealed = sealedIn(stored.map((e) => e.data));
    expect(sealed.length).toBeGreaterThanOrEqual(8);
    // Before: the master key opens them (through the person's wrapped data key).
    const fresh = () => new PersonalDataCipher(t.db.sql, MASTER_KEY, { cacheTtlMs: 0 });
    expect(await fresh().open('torget', anna, sealed[0])).toEqual(expect.any(String));

    const res = await t.http
      .post(`/api/v1/persons/${anna}/erasure`)
      .set(auth(tok.admin))
      .send({ reason: 'Begäran via e-post från Anna den 14 juni' })
      .expect(200);
    expect(res.body).toEqual({
      personId: anna,
      erased: true,
      reason: 'ERASURE_REQUEST',
      cases: annaCases.map((id) => ({ id, version: expect.any(Number) })),
      position: expect.any(Number),
    });

    // Nothing decrypts any more, with a cipher that has the master key and no cache.
    for (const value of sealed)
      await expect(fresh().open('torget', anna, value)).rejects.toBeInstanceOf(PersonalDataErasedError);
    expect((await t.db.sql.query('SELECT 1 FROM person_keys WHERE person_id = $1', [anna])).rows).toEqual([]);
    const erasure = await t.db.sql.query<{ reason_code: string }>(
      'SELECT reason_code FROM person_erasures WHERE person_id = $1',
      [anna],
    );
    expect(erasure.rows).toEqual([{ reason_code: 'ERASURE_REQUEST' }]);
    // The personnummer no longer finds her.
    expect(
      await new PersonRegistry(t.db.sql, MASTER_KEY, fresh()).findPerson('torget', '199001010017'),
    ).toBeUndefined();
    // The free-text reason was not kept anywhere.
    for (const table of ['es_events', 'audit_log', 'person_erasures']) {
      const { rows } = await t.db.sql.query(`SELECT * FROM ${table}`);
      expect(JSON.stringify(rows)).not.toContain('e-post');
    }

    // The case view says so; personal fields read as null; the rest is intact.
    const view = (
      await t.http
        .get(`/api/v1/cases/${annaCases[0]}?minPosition=${res.body.position}`)
        .set(auth(tok.pl))
        .expect(200)
    ).body;
    expect(view.person).toMatchObject({
      personId: anna,
      erased: true,
      name: null,
      personnummer: null,
      gender: 'KVINNA',
      ageBand: '30-39',
    });
    expect(view).toMatchObject({ status: 'CLOSED', initiatingParty: 'KOMMUN', question: null, needs: null });
    expect(view.closure).toMatchObject({ outcome: 'ANNAT', closedOn: '2026-06-12' });
    expect(JSON.stringify(view)).not.toMatch(/Anna|ångest|Umeå|199001010017/);

    // The history: the same events, in the same order, with the same non-identifying facts; then the erasure.
    const historyAfter = (
      await t.http.get(`/api/v1/cases/${annaCases[0]}/history`).set(auth(tok.pl)).expect(200)
    ).body.events;
    expect(historyAfter).toHaveLength(historyBefore.length + 1);
    const storedAfter = await store.readStream(`case-${annaCases[0]}`);
    expect(historyAfter.slice(0, -1)).toEqual(
      historyBefore.map((e: { data: unknown }, i: number) => ({
        ...e,
        data: nullWhereSealed(storedAfter[i].data, e.data),
      })),
    );
    expect(historyAfter.at(-1)).toMatchObject({
      type: 'PersonalDataErased',
      occurredOn: '2026-06-15',
      actor: { sub: 'admin-1', roles: ['admin'] },
      data: { personId: anna, reason: 'ERASURE_REQUEST' },
    });
    // The stored events are never rewritten: the erasure only appended.
    expect(storedAfter.slice(0, -1)).toEqual(stored.slice(0, storedAfter.length - 1));
    expect(withoutSealed(storedAfter.at(-1)!.data)).toEqual({
      personId: anna,
      reason: 'ERASURE_REQUEST',
      occurredOn: '2026-06-15',
    });

    // Statistics: every non-identifying attribute as before.
    await settled();
    expect(await statistics()).toEqual(before);
    // What the erasure changes: from its day nothing more happens on her cases, so no later follow-up
    // is owed and they are no more open for work.
    const erasedCases = await t.db.sql.query<{ erased_on: string; due: (string | null)[]; open: boolean }>(
      `SELECT s.erased_on::text AS erased_on, ARRAY[s.fu3_due_on::text, s.fu6_due_on::text, s.fu9_due_on::text, s.fu12_due_on::text, s.fu_post_due_on::text] AS due, c.open
         FROM stat_cases s JOIN rm_cases c USING (case_id) WHERE s.person_id = $1::uuid`,
      [anna],
    );
    expect(erasedCases.rows).toHaveLength(annaCases.length);
    for (const row of erasedCases.rows) expect(row).toEqual({ erased_on: '2026-06-15', due: [null, null, null, null, null], open: false });

    // Bo is untouched.
    expect(
      (await t.http.get(`/api/v1/cases/${boCase}`).set(auth(tok.pl)).expect(200)).body.person,
    ).toMatchObject({ name: 'Bo Berg', erased: false });
    expect(bo).not.toBe(anna);
  });

  it('is recorded in the audit log: who, which person, each case', async () => {
    const { body } = await t.http.get(`/api/v1/admin/audit?actor=admin-1`).set(auth(tok.admin)).expect(200);
    const erasures = body.items.filter(
      (i: { action: string; status: number }) => i.action === 'erase-person.erase' && i.status === 200,
    );
    expect(erasures.map((i: { caseId: string }) => i.caseId).sort()).toEqual([...annaCases].sort());
    for (const entry of erasures) {
      expect(entry).toMatchObject({
        personId: anna,
        roles: ['admin'],
        route: 'POST /api/v1/persons/:personId/erasure',
      });
    }
  });

  it('is idempotent, and nothing more can be recorded about the person', async () => {
    const versions = annaCases.map(async (id) => store.streamVersion(`case-${id}`));
    const again = await t.http
      .post(`/api/v1/persons/${anna}/erasure`)
      .set(auth(tok.admin))
      .send({ reason: 'OTHER' })
      .expect(200);
    expect(again.body.cases.map((c: { version: number }) => c.version)).toEqual(await Promise.all(versions));
    expect(again.body.position).toBeUndefined();
    // The second case is still open, but nothing personal can be sealed for her any more.
    const res = await t.http
      .post(`/api/v1/cases/${annaCases[1]}/return`)
      .set(auth(tok.pl))
      .send({ reason: 'Komplettera' });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/personal-data-erased$/);
    // Her personnummer now finds a new person: the erased data stays unreadable.
    const created = await t.http
      .post('/api/v1/cases')
      .set(auth(tok.soc))
      .send(initiation({ person: { personnummer: PNR, name: 'Anna Andersson', gender: 'KVINNA' } }))
      .expect(201);
    const view = (await t.http.get(`/api/v1/cases/${created.body.id}`).set(auth(tok.pl)).expect(200)).body;
    expect(view.person.personId).not.toBe(anna);
    expect(view.person.name).toBe('Anna Andersson');
  });
});

/** The clear value of a history event's data with every sealed field (in the stored event) read as null. */
function nullWhereSealed(stored: unknown, clear: unknown): unknown {
  if (typeof stored === 'string' && isSealed(stored)) return null;
  if (Array.isArray(stored) && Array.isArray(clear))
    return stored.map((s, i) => nullWhereSealed(s, clear[i]));
  if (stored && typeof stored === 'object' && clear && typeof clear === 'object') {
    return Object.fromEntries(
      Object.entries(stored).map(([k, v]) => [k, nullWhereSealed(v, (clear as Record<string, unknown>)[k])]),
    );
  }
  return clear;
}

describe('erasure on the retention date', () => {
  let t: TestApp;
  const auth = async (claims: Parameters<TestApp['token']>[0]) => ({
    Authorization: `Bearer ${await t.token(claims)}`,
  });
  const pl = () => auth({ roles: ['processledare'], sub: 'pl-1' });

  beforeAll(async () => {
    t = await startTestApp({ env: { DEADLINE_TICK_SECONDS: '1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const found = await probe();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('the retention deadline records PersonalDataErased and the reactor destroys the key, with an audit entry', async () => {
    const soc = await auth({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    const id = (await t.http.post('/api/v1/cases').set(soc).send(initiation()).expect(201)).body.id;
    await t.http
      .post(`/api/v1/cases/${id}/accept`)
      .set(await pl())
      .send({})
      .expect(200);
    await t.http
      .post(`/api/v1/cases/${id}/close`)
      .set(await pl())
      .send({
        closedOn: '2026-06-15',
        outcome: 'STUDIER',
        extentPercent: 100,
        slutdokumentation: true,
        survey: { offered: true, answered: false },
      })
      .expect(200);
    const personId = (
      await t.http
        .get(`/api/v1/cases/${id}`)
        .set(await pl())
        .expect(200)
    ).body.person.personId;
    const sealed = sealedIn((await new SqlEventStore(t.db.sql).readStream(`case-${id}`)).map((e) => e.data));

    // Retention is 24 months after closure by default.
    t.clock.set('2028-06-15T09:00:00Z');
    await waitFor(async () => {
      const { rows } = await t.db.sql.query<{ reason_code: string }>(
        'SELECT reason_code FROM person_erasures WHERE person_id = $1',
        [personId],
      );
      return rows[0];
    }, 'the key to be destroyed').then((row) => expect(row).toEqual({ reason_code: 'RETENTION_EXPIRED' }));

    const cipher = new PersonalDataCipher(t.db.sql, MASTER_KEY, { cacheTtlMs: 0 });
    for (const value of sealed)
      await expect(cipher.open('torget', personId, value)).rejects.toBeInstanceOf(PersonalDataErasedError);
    const history = (
      await t.http
        .get(`/api/v1/cases/${id}/history`)
        .set(await pl())
        .expect(200)
    ).body.events;
    expect(history.at(-1)).toMatchObject({
      type: 'PersonalDataErased',
      data: { reason: 'RETENTION' },
      occurredOn: '2028-06-15',
    });
    const view = await waitFor(async () => {
      const res = await t.http
        .get(`/api/v1/cases/${id}`)
        .set(await pl())
        .expect(200);
      return res.body.person.erased ? res.body : undefined;
    }, 'the view to say erased');
    expect(view.person).toMatchObject({ name: null, personnummer: null, erased: true });

    const admin = await auth({ roles: ['admin'], sub: 'admin-1' });
    const entries = (await t.http.get(`/api/v1/admin/audit?caseId=${id}`).set(admin).expect(200)).body.items;
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'erase-person.destroy-key',
        actor: 'system:deadlines',
        roles: ['system'],
        caseId: id,
        personId,
        route: 'reactor personal-data-erasure',
      }),
    );
  });
});
