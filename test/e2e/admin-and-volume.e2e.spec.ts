import type { Response } from 'supertest';
import { EventStore, SqlEventStore } from '@app/event-store';
import { TenantConfigs } from '@app/write';
import { startTestApp, type TestApp } from '../support/app';

const TODAY = '2026-06-15';

describe('tenant configuration, volyminsatser and closing surveys over HTTP (§8, §9)', () => {
  let t: TestApp;
  let store: EventStore;
  let admin: string;
  let pl: string;
  let soc: string;
  let ber: string;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp();
    store = new SqlEventStore(t.db.sql);
    admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    ber = await t.token({ roles: ['beredning'], party: 'REGION', sub: 'ber-1' });
    manager = await t.token({ roles: ['manager'], sub: 'boss-1' });
    // The catalogue the volume routes use.
    for (const [code, body] of [
      ['AMT_AF', { name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' }],
      ['NEDLAGD', { name: 'Nedlagd insats', party: 'KOMMUN', active: false }],
    ] as const) {
      await t.http.put(`/api/v1/admin/insatser/${code}`).set(auth(admin)).send(body).expect(200);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  // Every event of the store, committed or not yet safe to read: headPosition() can lag behind a just-committed write.
  const eventCount = async () =>
    (await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events')).rows[0].n;
  const tenantVersion = (tenant = 'torget') => store.streamVersion(`tenant-${tenant}`);
  const fieldsOf = (res: Response) => [
    ...new Set((res.body.errors ?? []).map((e: { field: string }) => e.field)),
  ];

  function expectProblem(res: Response, status: number, type?: RegExp) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(status);
    if (type) expect(res.body.type).toMatch(type);
  }

  const putInsats = (code: string, body: Record<string, unknown>, token = admin) =>
    t.http.put(`/api/v1/admin/insatser/${code}`).set(auth(token)).send(body);

  describe('PUT /api/v1/admin/insatser/{code}', () => {
    it('the first write creates the tenant’s configuration; an unchanged upsert records nothing; active: false retires', async () => {
      const fresh = await t.token({ tenant: 'nytt-torg', roles: ['admin'] });
      expect(await tenantVersion('nytt-torg')).toBe(0);
      const created = await t.http
        .put('/api/v1/admin/insatser/PSYKOLOG')
        .set(auth(fresh))
        .send({ name: 'Psykolog', party: 'REGION' });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ code: 'PSYKOLOG', version: 1, position: expect.any(Number) });
      expect(created.headers.etag).toBe('"1"');

      const again = await t.http
        .put('/api/v1/admin/insatser/PSYKOLOG')
        .set(auth(fresh))
        .send({ name: 'Psykolog', party: 'REGION' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ code: 'PSYKOLOG', version: 1 });

      const retired = await t.http
        .put('/api/v1/admin/insatser/PSYKOLOG')
        .set(auth(fresh))
        .send({ name: 'Psykolog', party: 'REGION', active: false });
      expect(retired.body.version).toBe(2);
      const list = await t.http.get('/api/v1/admin/insatser').set(auth(fresh)).expect(200);
      expect(list.body).toEqual({
        items: [{ code: 'PSYKOLOG', name: 'Psykolog', party: 'REGION', active: false }],
        total: 1,
        nextCursor: null,
      });
      // Nothing of one tenant is visible from another.
      expect(
        (await t.http.get('/api/v1/admin/insatser').set(auth(admin)).expect(200)).body.items,
      ).not.toContainEqual(expect.objectContaining({ code: 'PSYKOLOG' }));
    });

    it('only an admin configures the catalogue: 403, nothing written', async () => {
      const head = await eventCount();
      for (const token of [pl, soc, manager]) {
        expectProblem(
          await putInsats('AMT_AF', { name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' }, token),
          403,
        );
      }
      expect(await eventCount()).toBe(head);
    });

    it('a code that is not uppercase letters, digits, - and _ (at most 64) is a 400 naming code; bad bodies name their fields', async () => {
      const head = await eventCount();
      for (const code of ['amt_af', 'AMT.AF', 'A'.repeat(65), 'AMT%20AF']) {
        const res = await putInsats(code, { name: 'X', party: 'KOMMUN' });
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual(['code']);
      }
      const cases: [Record<string, unknown>, string][] = [
        [{ party: 'KOMMUN' }, 'name'],
        [{ name: 'x'.repeat(201), party: 'KOMMUN' }, 'name'],
        [{ name: 'X', party: 'SKOLAN' }, 'party'],
        [{ name: 'X', party: 'KOMMUN', active: 'no' }, 'active'],
        [{ name: 'X', party: 'KOMMUN', price: 10 }, 'body'], // a key it does not take: named by where it stands
      ];
      for (const [body, field] of cases) {
        const res = await putInsats('OK-CODE_1', body);
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual([field]);
      }
      expect(await eventCount()).toBe(head);
    });
  });

  describe('GET /api/v1/admin/insatser', () => {
    it('lists the catalogue by code for admins, processledare and handläggare, a page at a time', async () => {
      await putInsats('ARBETSKONSULENT', { name: 'Arbetskonsulent', party: 'KOMMUN' }).expect(200);
      for (const token of [admin, pl, soc]) {
        const res = await t.http.get('/api/v1/admin/insatser').set(auth(token)).expect(200);
        expect(res.body.items.map((i: { code: string }) => i.code)).toEqual(
          expect.arrayContaining(['AMT_AF', 'ARBETSKONSULENT']),
        );
      }
      const page = await t.http.get('/api/v1/admin/insatser?limit=1').set(auth(soc)).expect(200);
      expect(page.body).toMatchObject({
        items: [
          { code: 'AMT_AF', name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN', active: true },
        ],
        nextCursor: 'AMT_AF',
      });
      expect(page.body.total).toBeGreaterThanOrEqual(2);
      const next = await t.http
        .get('/api/v1/admin/insatser?limit=1&cursor=AMT_AF')
        .set(auth(soc))
        .expect(200);
      expect(next.body.items[0].code).toBe('ARBETSKONSULENT');
    });

    it('a beredning member or a manager may not (403); a bad limit is a 400 naming limit', async () => {
      expectProblem(await t.http.get('/api/v1/admin/insatser').set(auth(ber)), 403);
      expectProblem(await t.http.get('/api/v1/admin/insatser').set(auth(manager)), 403);
      for (const q of ['limit=0', 'limit=501', 'limit=ten']) {
        const res = await t.http.get(`/api/v1/admin/insatser?${q}`).set(auth(pl));
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual(['limit']);
      }
    });
  });

  describe('PUT and GET /api/v1/admin/settings', () => {
    it('changes the named settings, keeps the others, and reads them back', async () => {
      const other = await t.token({ tenant: 'installningar', roles: ['admin'] });
      const before = await t.http.get('/api/v1/admin/settings').set(auth(other)).expect(200);
      expect(before.body).toEqual({
        version: 0,
        settings: {
          retentionMonths: 24,
          stagnationWeeks: 8,
          insatsDeadlineDays: 90,
          followUpGraceDays: 14,
          consentExpiringDays: 30,
        },
        units: {},
      });
      const cadence = {
        weekday: 'TUESDAY',
        time: '09:00',
        intervalWeeks: 2,
        anchorDate: '2026-06-16',
        durationMinutes: 90,
      };
      const res = await t.http
        .put('/api/v1/admin/settings')
        .set(auth(other))
        .send({ meetingCadence: cadence, stagnationWeeks: 6 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        version: 1,
        position: expect.any(Number),
        settings: {
          retentionMonths: 24,
          stagnationWeeks: 6,
          insatsDeadlineDays: 90,
          followUpGraceDays: 14,
          consentExpiringDays: 30,
          meetingCadence: cadence,
        },
      });
      await t.http.put('/api/v1/admin/settings').set(auth(other)).send({ retentionMonths: 12 }).expect(200);
      const pl2 = await t.token({ tenant: 'installningar', roles: ['processledare'] });
      const read = await t.http.get('/api/v1/admin/settings').set(auth(pl2)).expect(200);
      expect(read.body).toMatchObject({
        version: 2,
        settings: { retentionMonths: 12, stagnationWeeks: 6, meetingCadence: cadence },
      });
      const cleared = await t.http
        .put('/api/v1/admin/settings')
        .set(auth(other))
        .send({ meetingCadence: null })
        .expect(200);
      expect(cleared.body.settings.meetingCadence).toBeUndefined();
    });

    it('only an admin changes settings (403); only admins and processledare read them (403)', async () => {
      const before = await tenantVersion();
      expectProblem(
        await t.http.put('/api/v1/admin/settings').set(auth(pl)).send({ retentionMonths: 12 }),
        403,
      );
      expectProblem(await t.http.get('/api/v1/admin/settings').set(auth(soc)), 403);
      expectProblem(await t.http.get('/api/v1/admin/settings').set(auth(manager)), 403);
      expect(await tenantVersion()).toBe(before);
    });

    it('bad input is a 400 naming the field; a stale If-Match is a 409; nothing written', async () => {
      await t.http.put('/api/v1/admin/settings').set(auth(admin)).send({ followUpGraceDays: 21 }).expect(200);
      const before = await tenantVersion();
      const cadence = { weekday: 'TUESDAY', time: '09:00', intervalWeeks: 1 };
      const cases: [Record<string, unknown>, string][] = [
        [{ retentionMonths: 0 }, 'retentionMonths'],
        [{ stagnationWeeks: 1.5 }, 'stagnationWeeks'],
        [{ insatsDeadlineDays: '90' }, 'insatsDeadlineDays'],
        [{ meetingCadence: { ...cadence, time: '25:00' } }, 'meetingCadence.time'],
        [{ meetingCadence: { ...cadence, weekday: 'TISDAG' } }, 'meetingCadence.weekday'],
        [{ meetingCadence: { ...cadence, intervalWeeks: 5 } }, 'meetingCadence.intervalWeeks'],
        [{ meetingCadence: { ...cadence, anchorDate: '16/6' } }, 'meetingCadence.anchorDate'],
        [{ timeZone: 'Europe/Stockholm' }, 'body'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.put('/api/v1/admin/settings').set(auth(admin)).send(body);
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual([field]);
      }
      const stale = await t.http
        .put('/api/v1/admin/settings')
        .set(auth(admin))
        .set('If-Match', `"${before - 1}"`)
        .send({ retentionMonths: 36 });
      expectProblem(stale, 409, /concurrency$/);
      expect(await tenantVersion()).toBe(before);
      const current = await t.http
        .put('/api/v1/admin/settings')
        .set(auth(admin))
        .set('If-Match', `"${before}"`)
        .send({ retentionMonths: 36 });
      expect(current.status).toBe(200);
      expect(current.body.version).toBe(before + 1);
    });
  });

  describe('PUT /api/v1/admin/parties/{party}/units', () => {
    it('sets a party’s units, replacing the list before; the settings read shows them', async () => {
      const units = [
        { code: 'EKONOMISKT_BISTAND', name: 'Ekonomiskt bistånd' },
        { code: 'ARBETSMARKNAD', name: 'Arbetsmarknadsenheten' },
      ];
      const res = await t.http.put('/api/v1/admin/parties/KOMMUN/units').set(auth(admin)).send({ units });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        party: 'KOMMUN',
        version: expect.any(Number),
        position: expect.any(Number),
      });
      const read = await t.http.get('/api/v1/admin/settings').set(auth(pl)).expect(200);
      expect(read.body.units.KOMMUN).toEqual(units);
      expect(read.body.version).toBe(res.body.version);
    });

    it('an unknown party or a bad unit is a 400 naming the field; another role 403; nothing written', async () => {
      const before = await tenantVersion();
      const badParty = await t.http
        .put('/api/v1/admin/parties/SKOLAN/units')
        .set(auth(admin))
        .send({ units: [] });
      expectProblem(badParty, 400);
      expect(fieldsOf(badParty)).toEqual(['party']);
      const noName = await t.http
        .put('/api/v1/admin/parties/REGION/units')
        .set(auth(admin))
        .send({ units: [{ code: 'VUXENPSYK' }] });
      expect(fieldsOf(noName)).toEqual(['units[0].name']);
      const duplicate = await t.http
        .put('/api/v1/admin/parties/REGION/units')
        .set(auth(admin))
        .send({
          units: [
            { code: 'VP', name: 'Vuxenpsykiatri' },
            { code: 'VP', name: 'Vuxenpsykiatrin' },
          ],
        });
      expectProblem(duplicate, 400, /duplicate$/);
      expect(fieldsOf(duplicate)).toEqual(['units[1].code']);
      const badCode = await t.http
        .put('/api/v1/admin/parties/REGION/units')
        .set(auth(admin))
        .send({ units: [{ code: 'V P', name: 'x' }] });
      expectProblem(badCode, 400);
      expect(fieldsOf(badCode)).toEqual(['units[0].code']);
      const listInList = await t.http
        .put('/api/v1/admin/parties/REGION/units')
        .set(auth(admin))
        .send({ units: [[{ code: 'VP', name: 'Vuxenpsykiatri' }]] });
      expectProblem(listInList, 400);
      expect(fieldsOf(listInList)).toEqual(['units']);
      expectProblem(
        await t.http.put('/api/v1/admin/parties/REGION/units').set(auth(pl)).send({ units: [] }),
        403,
      );
      expect(await tenantVersion()).toBe(before);
    });
  });

  describe('a configuration changed by another process', () => {
    // `store` is an event store of its own on the same database: its writes are another process's
    // to the application, which keeps each torg's configuration in memory. Held still, the kept
    // configuration never ages: only the check on append, and the check on refusal, can find the change.
    const upsertElsewhere = async (tenant: string, data: Record<string, unknown>) => {
      const stream = `tenant-${tenant}`;
      await store.append(
        stream,
        [
          {
            type: 'CatalogueInsatsUpserted',
            data: { ...data, occurredOn: TODAY },
            metadata: { tenant, actor: { sub: 'admin-2', roles: ['admin'] }, correlationId: 'other-process' },
          },
        ],
        { expectedVersion: await store.streamVersion(stream), tenant, streamType: 'tenant' },
      );
    };

    it('R9 a command is decided on the configuration as it is when written, never on an older one kept in memory', async () => {
      const configs = t.app.get(TenantConfigs);
      const frozenAt = configs.monotonicNow();
      configs.monotonicNow = () => frozenAt;
      try {
        const tenant = 'andra-processen';
        const admin2 = await t.token({ tenant, roles: ['admin'] });
        const soc2 = await t.token({ tenant, roles: ['handlaggare'], party: 'KOMMUN' });
        await putInsats(
          'AMT_AF',
          { name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' },
          admin2,
        ).expect(200);
        const consult = (insatsCode: string) =>
          t.http.post('/api/v1/consultations').set(auth(soc2)).send({ insatsCode, heldOn: TODAY });
        expect((await consult('AMT_AF')).status).toBe(201); // the configuration is now kept

        // Added elsewhere: the kept catalogue does not have it; the refusal is checked against the store.
        await upsertElsewhere(tenant, { code: 'PSYKOLOG', name: 'Psykolog', party: 'REGION', active: true });
        expect((await consult('PSYKOLOG')).status).toBe(201);

        // Retired elsewhere: the kept catalogue still has it active; the append finds the change.
        await upsertElsewhere(tenant, {
          code: 'AMT_AF',
          name: 'Arbetsförmedlare på AMT',
          party: 'ARBETSFORMEDLINGEN',
          active: false,
        });
        const head = await eventCount();
        expectProblem(await consult('AMT_AF'), 422, /\/rules\/insats-inactive$/);
        expect(await eventCount()).toBe(head);
      } finally {
        configs.monotonicNow = () => performance.now();
      }
    });

    it('a change through this process is seen by the next request at once', async () => {
      const tenant = 'samma-processen';
      const admin2 = await t.token({ tenant, roles: ['admin'] });
      const soc2 = await t.token({ tenant, roles: ['handlaggare'], party: 'KOMMUN' });
      const configs = t.app.get(TenantConfigs);
      const frozenAt = configs.monotonicNow();
      configs.monotonicNow = () => frozenAt;
      try {
        await putInsats('FIA', { name: 'FIA', party: 'KOMMUN' }, admin2).expect(200);
        const consult = () =>
          t.http.post('/api/v1/consultations').set(auth(soc2)).send({ insatsCode: 'FIA', heldOn: TODAY });
        expect((await consult()).status).toBe(201);
        await putInsats('FIA', { name: 'FIA', party: 'KOMMUN', active: false }, admin2).expect(200);
        expectProblem(await consult(), 422, /\/rules\/insats-inactive$/);
        const list = await t.http.get('/api/v1/admin/insatser').set(auth(admin2)).expect(200);
        expect(list.body.items).toEqual([expect.objectContaining({ code: 'FIA', active: false })]);
      } finally {
        configs.monotonicNow = () => performance.now();
      }
    });
  });

  describe('POST /api/v1/consultations', () => {
    it('a handläggare records a volyminsats: 201 { id, version, position }, no person, the caller’s party by default', async () => {
      const res = await t.http
        .post('/api/v1/consultations')
        .set(auth(soc))
        .send({ insatsCode: 'AMT_AF', heldOn: '2026-06-12' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        version: 1,
        position: expect.any(Number),
      });
      const [event] = await store.readStream(`consultation-${res.body.id}`);
      expect(event).toMatchObject({ type: 'ConsultationRecorded', businessDate: '2026-06-12' });
      expect(event.data).toEqual({
        consultationId: res.body.id,
        insatsCode: 'AMT_AF',
        party: 'KOMMUN',
        occurredOn: '2026-06-12',
      });
      const byPl = await t.http
        .post('/api/v1/consultations')
        .set(auth(pl))
        .send({ insatsCode: 'AMT_AF', party: 'REGION' });
      expect(byPl.status).toBe(201);
      expect((await store.readStream(`consultation-${byPl.body.id}`))[0].data).toMatchObject({
        party: 'REGION',
        occurredOn: TODAY,
      });
    });

    it('R9 an insats outside the catalogue or retired, or a future date, is a 422 naming the rule; nothing written', async () => {
      const head = await eventCount();
      const post = (body: Record<string, unknown>) =>
        t.http.post('/api/v1/consultations').set(auth(soc)).send(body);
      const unknown = await post({ insatsCode: 'OKAND', heldOn: TODAY });
      expectProblem(unknown, 422, /\/rules\/insats-not-in-catalogue$/);
      expect(unknown.body.rule).toBe('R9');
      expectProblem(await post({ insatsCode: 'NEDLAGD', heldOn: TODAY }), 422, /\/rules\/insats-inactive$/);
      expectProblem(
        await post({ insatsCode: 'AMT_AF', heldOn: '2026-06-16' }),
        422,
        /\/rules\/business-date-in-future$/,
      );
      expect(await eventCount()).toBe(head);
    });

    it('beredning, managers and admins may not (403); bad input is a 400 naming the field; nothing written', async () => {
      const head = await eventCount();
      for (const token of [ber, manager, admin]) {
        expectProblem(
          await t.http
            .post('/api/v1/consultations')
            .set(auth(token))
            .send({ insatsCode: 'AMT_AF', heldOn: TODAY }),
          403,
        );
      }
      const cases: [Record<string, unknown>, string][] = [
        [{ heldOn: TODAY }, 'insatsCode'],
        [{ insatsCode: 'A'.repeat(65), heldOn: TODAY }, 'insatsCode'],
        [{ insatsCode: 'AMT_AF', heldOn: '2026-6-1' }, 'heldOn'],
        [{ insatsCode: 'AMT_AF', heldOn: TODAY, party: 'SKOLAN' }, 'party'],
        [{ insatsCode: 'AMT_AF', heldOn: TODAY, personnummer: '19900101-0017' }, 'body'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post('/api/v1/consultations').set(auth(soc)).send(body);
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual([field]);
      }
      expect(await eventCount()).toBe(head);
    });
  });

  describe('POST /api/v1/surveys/closing', () => {
    const answers = {
      q1: 'OFTA',
      q2: 'FOR_DET_MESTA',
      q3: 'ALLTID',
      q4: 'JA',
      q5: 'TILL_STOR_DEL',
      q6: 'HELT_OCH_HALLET',
      q7: 'DELVIS',
      q8: 'JA',
      q9: 'TILL_MYCKET_STOR_DEL',
      q10: 'INTE_ALLS',
    };

    it('an anonymous avslutsenkät: 201, stored apart from any case, linked only to the insats and the date', async () => {
      const res = await t.http
        .post('/api/v1/surveys/closing')
        .set(auth(soc))
        .send({ insatsCode: 'AMT_AF', answeredOn: '2026-06-14', answers });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        version: 1,
        position: expect.any(Number),
      });
      const [event] = await store.readStream(`survey-${res.body.id}`);
      expect(event.type).toBe('ClosingSurveyAnswered');
      expect(event.data).toEqual({
        surveyId: res.body.id,
        insatsCode: 'AMT_AF',
        answers,
        occurredOn: '2026-06-14',
      });
      // Any question may be skipped.
      const partial = await t.http
        .post('/api/v1/surveys/closing')
        .set(auth(pl))
        .send({ insatsCode: 'AMT_AF', answers: { q4: 'NEJ', q8: 'NEJ' } });
      expect(partial.status).toBe(201);
      expect((await store.readStream(`survey-${partial.body.id}`))[0].data).toMatchObject({
        answers: { q4: 'NEJ', q8: 'NEJ' },
        occurredOn: TODAY,
      });
    });

    it('answers outside their scale, unknown questions and a case or person are 400s naming the field; nothing written', async () => {
      const head = await eventCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ insatsCode: 'AMT_AF', answers: { q1: 'Ofta' } }, 'answers.q1'],
        [{ insatsCode: 'AMT_AF', answers: { q1: 'INTE_ALLS' } }, 'answers.q1'],
        [{ insatsCode: 'AMT_AF', answers: { q4: 'KANSKE' } }, 'answers.q4'],
        [{ insatsCode: 'AMT_AF', answers: { q11: 'JA' } }, 'answers'],
        [{ insatsCode: 'AMT_AF', answers: { q8: 'NEJ', q9: 'DELVIS' } }, 'answers.q9'],
        [{ insatsCode: 'AMT_AF' }, 'answers'],
        [{ insatsCode: 'AMT_AF', answers: {}, caseId: '3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11' }, 'body'],
        [{ insatsCode: 'AMT_AF', answers: {}, answeredOn: 'igår' }, 'answeredOn'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post('/api/v1/surveys/closing').set(auth(soc)).send(body);
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual([field]);
      }
      expect(await eventCount()).toBe(head);
    });

    it('an insats outside the catalogue is a 422; beredning and managers may not (403); nothing written', async () => {
      const head = await eventCount();
      expectProblem(
        await t.http.post('/api/v1/surveys/closing').set(auth(soc)).send({ insatsCode: 'OKAND', answers }),
        422,
        /\/rules\/insats-not-in-catalogue$/,
      );
      expectProblem(
        await t.http
          .post('/api/v1/surveys/closing')
          .set(auth(soc))
          .send({ insatsCode: 'AMT_AF', answeredOn: '2026-06-16', answers }),
        422,
        /\/rules\/business-date-in-future$/,
      );
      for (const token of [ber, manager]) {
        expectProblem(
          await t.http
            .post('/api/v1/surveys/closing')
            .set(auth(token))
            .send({ insatsCode: 'AMT_AF', answers }),
          403,
        );
      }
      expect(await eventCount()).toBe(head);
    });
  });
});
