import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// The audit log (issue 6 §4, DOMAIN.md §10): every read and write of a case or of personal data is
// recorded with when, who (sub, roles, party), what (action, route, status) and about whom (case
// id, person id), never the personal data itself; the table is append-only; admins query it with
// filters and as CSV.

describe('the audit log', () => {
  let t: TestApp;
  let soc: string;
  let pl: string;
  let admin: string;
  let caseId: string;
  let personId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const audit = (query = '', token = admin) => t.http.get(`/api/v1/admin/audit${query}`).set(auth(token));

  beforeAll(async () => {
    t = await startTestApp();
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    caseId = (await t.http.post('/api/v1/cases').set(auth(soc)).send(initiation()).expect(201)).body.id;
    personId = (await t.http.get(`/api/v1/cases/${caseId}`).set(auth(pl)).expect(200)).body.person.personId;
  });
  afterAll(async () => {
    await t.close();
  });

  it('a handläggare’s read appears with every field', async () => {
    t.clock.set('2026-06-15T11:22:33.456Z');
    const res = await t.http
      .get(`/api/v1/cases/${caseId}`)
      .set(auth(soc))
      .set('X-Request-Id', 'audit-read-0001')
      .expect(200);
    expect(res.body.person.name).toBe('Anna Andersson');
    const { body } = await audit(`?caseId=${caseId}&actor=soc-1`).expect(200);
    expect(body.items[0]).toEqual({
      at: '2026-06-15T11:22:33.456Z',
      actor: 'soc-1',
      roles: ['handlaggare'],
      party: 'KOMMUN',
      action: 'get-case.get',
      route: 'GET /api/v1/cases/:id',
      status: 200,
      caseId,
      personId,
      requestId: 'audit-read-0001',
    });
    t.clock.set('2026-06-15T10:00:00Z');
  });

  it('writes are recorded too: the initiation with the new case and its person, an intake, the history read', async () => {
    const created = await t.http
      .post('/api/v1/cases')
      .set(auth(soc))
      .set('X-Request-Id', 'audit-initiation-0001')
      .send(initiation({ person: { personnummer: '19700101-0003', name: 'Eva Ek', gender: 'KVINNA' } }))
      .expect(201);
    const id = created.body.id;
    // One entry for the initiation, written with its events, naming the new case and its person.
    const { rows: ofRequest } = await t.db.sql.query<{ case_id: string; person_id: string | null }>(
      "SELECT case_id::text, person_id::text FROM audit_log WHERE request_id = 'audit-initiation-0001'",
    );
    expect(ofRequest).toEqual([{ case_id: id, person_id: expect.any(String) }]);
    await t.http.post(`/api/v1/cases/${id}/accept`).set(auth(pl)).send({}).expect(200);
    await t.http.get(`/api/v1/cases/${id}/history`).set(auth(pl)).expect(200);
    const { body } = await audit(`?caseId=${id}`).expect(200);
    const who = (await t.http.get(`/api/v1/cases/${id}`).set(auth(pl)).expect(200)).body.person.personId;
    expect(
      body.items.map(
        (i: { action: string; route: string; status: number; actor: string; personId: string }) => [
          i.action,
          i.route,
          i.status,
          i.actor,
          i.personId,
        ],
      ),
    ).toEqual([
      ['get-case.history', 'GET /api/v1/cases/:id/history', 200, 'pl-1', who],
      ['accept-case.accept', 'POST /api/v1/cases/:id/accept', 200, 'pl-1', who],
      ['initiate-case.initiate', 'POST /api/v1/cases', 201, 'soc-1', who],
    ]);
    expect(body.total).toBe(3);
  });

  it('a refused attempt is recorded with the case tried and without its person', async () => {
    const fk = await t.token({ roles: ['handlaggare'], party: 'FORSAKRINGSKASSAN', sub: 'fk-1' });
    await t.http.get(`/api/v1/cases/${caseId}`).set(auth(fk)).expect(404);
    const { body } = await audit(`?actor=fk-1`).expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({ actor: 'fk-1', status: 404, caseId, personId: null, action: 'get-case.get' }),
    ]);
  });

  it('holds no personal data', async () => {
    const { rows } = await t.db.sql.query('SELECT * FROM audit_log');
    expect(rows.length).toBeGreaterThan(3);
    const text = JSON.stringify(rows);
    for (const clear of [
      'Anna',
      'Andersson',
      'Eva Ek',
      '199001010017',
      '19900101',
      '900101-0017',
      'ångest',
      'ProCapita',
    ])
      expect(text).not.toContain(clear);
  });

  describe('append-only', () => {
    it('refuses UPDATE, DELETE and TRUNCATE, even for the owner and a superuser', async () => {
      for (const statement of [
        "UPDATE audit_log SET actor = 'someone-else'",
        'DELETE FROM audit_log',
        'TRUNCATE audit_log',
      ]) {
        await expect(t.db.sql.query(statement)).rejects.toThrow(/append-only/);
      }
      const { rows } = await t.db.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE actor = 'someone-else'",
      );
      expect(rows[0].n).toBe(0);
    });

    it('refuses them to a service role granted every privilege, and without the grants the privilege is missing', async () => {
      const schema = t.db.schema ?? 'public';
      const role = `audit_svc_${schema}`;
      await t.db.sql.exec(`CREATE ROLE ${role} NOLOGIN; GRANT USAGE ON SCHEMA ${schema} TO ${role};`);
      try {
        const asRole = (statement: string) =>
          t.db.sql.transaction(async (tx) => {
            await tx.query(`SET LOCAL ROLE ${role}`);
            await tx.query(statement);
          });
        // Without grants (the migration revokes UPDATE, DELETE and TRUNCATE): no privilege at all.
        await expect(asRole('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
        await t.db.sql.exec(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON audit_log TO ${role}`);
        // With them: the trigger still refuses.
        await expect(asRole("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/append-only/);
        await expect(asRole('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
        await expect(asRole('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
        await asRole(
          `INSERT INTO audit_log (at, tenant, actor, roles, action, route, status) VALUES (now(), 'elsewhere', 'svc', '{system}', 'test.insert', 'test', 200)`,
        );
      } finally {
        await t.db.sql.exec(
          `REVOKE ALL ON audit_log FROM ${role}; REVOKE ALL ON SCHEMA ${schema} FROM ${role}; DROP ROLE ${role};`,
        );
      }
    });

    it('a request whose audit entry cannot be written fails instead of going unrecorded', async () => {
      await t.db.sql.exec(`
        CREATE FUNCTION audit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END; $$;
        CREATE TRIGGER audit_test_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_test_refuse();`);
      try {
        const res = await t.http.get(`/api/v1/cases/${caseId}`).set(auth(soc));
        expect(res.status).toBe(500);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.text).not.toContain('Anna');
      } finally {
        await t.db.sql.exec(
          'DROP TRIGGER audit_test_refuse ON audit_log; DROP FUNCTION audit_test_refuse();',
        );
      }
      await t.http.get(`/api/v1/cases/${caseId}`).set(auth(soc)).expect(200);
    });
    it('a write and its audit entry are committed together: when the entry cannot be written, nothing of the write is', async () => {
      const id = (
        await t.http
          .post('/api/v1/cases')
          .set(auth(soc))
          .send(initiation({ person: { personnummer: '19700101-0102', name: 'Ida Ek', gender: 'KVINNA' } }))
          .expect(201)
      ).body.id;
      await t.db.sql.exec(`
        CREATE FUNCTION audit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END; $$;
        CREATE TRIGGER audit_test_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_test_refuse();`);
      try {
        const res = await t.http.post(`/api/v1/cases/${id}/accept`).set(auth(pl)).send({});
        expect(res.status).toBe(500);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      } finally {
        await t.db.sql.exec(
          'DROP TRIGGER audit_test_refuse ON audit_log; DROP FUNCTION audit_test_refuse();',
        );
      }
      const { rows } = await t.db.sql.query<{ version: number }>(
        'SELECT version FROM es_streams WHERE stream_id = $1',
        [`case-${id}`],
      );
      expect(rows).toEqual([{ version: 1 }]);
      await t.http.post(`/api/v1/cases/${id}/accept`).set(auth(pl)).send({}).expect(200);
      const { body } = await audit(`?caseId=${id}&actor=pl-1`).expect(200);
      expect(body.items.map((i: { action: string; status: number }) => [i.action, i.status])).toEqual([
        ['accept-case.accept', 200],
      ]);
    });
  });

  describe('GET /api/v1/admin/audit', () => {
    it('is for admins only', async () => {
      await audit('', pl).expect(403);
      await audit('', soc).expect(403);
      await t.http.get('/api/v1/admin/audit').expect(401);
    });

    it('filters by case, actor and days (the tenant’s local days, inclusive), pages with a cursor, counts every match', async () => {
      const dayCaller = await t.token({ roles: ['processledare'], sub: 'pl-days' });
      for (const instant of ['2026-06-10T08:00:00Z', '2026-06-11T21:30:00Z', '2026-06-12T23:30:00Z']) {
        t.clock.set(instant);
        await t.http.get(`/api/v1/cases/${caseId}`).set(auth(dayCaller)).expect(200);
      }
      t.clock.set('2026-06-15T10:00:00Z');
      const adminNow = await t.token({ roles: ['admin'], sub: 'admin-1' });
      const q = (query: string) => audit(query, adminNow).expect(200);
      // 2026-06-11T21:30Z is 23:30 on the 11th in Stockholm; 2026-06-12T23:30Z is already the 13th there.
      expect(
        (await q('?actor=pl-days&from=2026-06-11&to=2026-06-12')).body.items.map((i: { at: string }) => i.at),
      ).toEqual(['2026-06-11T21:30:00.000Z']);
      expect((await q('?actor=pl-days&from=2026-06-11')).body.total).toBe(2);
      expect((await q('?actor=pl-days&to=2026-06-10')).body.total).toBe(1);
      expect((await q('?actor=pl-days&from=2026-06-12T00:00:00Z&to=2026-06-13T00:00:00Z')).body.total).toBe(
        1,
      );

      const first = (await q(`?caseId=${caseId}&limit=2`)).body;
      expect(first.items).toHaveLength(2);
      expect(first.total).toBeGreaterThan(4);
      expect(first.nextCursor).toEqual(expect.any(String));
      const seen = [...first.items];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = (await q(`?caseId=${caseId}&limit=2&cursor=${cursor}`)).body;
        seen.push(...page.items);
        cursor = page.nextCursor;
      }
      expect(seen).toHaveLength(first.total);
      expect(new Set(seen.map((i) => JSON.stringify(i))).size).toBe(first.total);
      // Newest first.
      const ats = seen.map((i) => i.at);
      expect([...ats].sort().reverse()).toEqual(ats);
    });

    it('exports every match as CSV, quoting and defusing formulas', async () => {
      const odd = await t.token({ roles: ['processledare'], sub: '=cmd,"x"' });
      await t.http.get(`/api/v1/cases/${caseId}`).set(auth(odd)).expect(200);
      const res = await audit(`?caseId=${caseId}&limit=1`).set('Accept', 'text/csv').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe('at,actor,roles,party,action,route,status,caseId,personId,requestId');
      const json = (await audit(`?caseId=${caseId}`)).body;
      expect(lines).toHaveLength(json.total + 1);
      expect(res.text).toContain(`"'=cmd,""x"""`);
      expect(res.text).toContain(
        `,handlaggare,KOMMUN,get-case.get,GET /api/v1/cases/:id,200,${caseId},${personId},`,
      );
    });

    it('refuses bad filters with 400 naming the field', async () => {
      for (const [query, field] of [
        ['?caseId=nope', 'caseId'],
        ['?from=2026-13-01', 'from'],
        ['?to=yesterday', 'to'],
        ['?limit=501', 'limit'],
        ['?cursor=bogus', 'cursor'],
        ['?from=2026-06-12&to=2026-06-11', 'to'],
      ]) {
        const res = await audit(query);
        expect({
          query,
          status: res.status,
          fields: res.body.errors?.map((e: { field: string }) => e.field),
        }).toEqual({ query, status: 400, fields: [field] });
      }
    });

    it('shows only the admin’s own tenant', async () => {
      const other = await t.token({ tenant: 'annat-torg', roles: ['admin'], sub: 'admin-2' });
      const { body } = await audit('', other).expect(200);
      for (const item of body.items) expect(item.actor).toBe('admin-2');
    });
  });
});
