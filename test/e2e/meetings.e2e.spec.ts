import type { Response } from 'supertest';
import { EventStore, SqlEventStore } from '@app/event-store';
import { SubscriptionRunner } from '@app/runtime';
import { CaseService, MeetingService, CommandRunner } from '@app/write';
import { PROTOCOL_REACTOR } from '@app/scheduling';
import { caseDecider, caseStream } from '@app/case-domain';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

const UNKNOWN = '3b0d1c8e-2a52-4c8e-9a3f-0d6f1f0e0a11';
const TODAY = '2026-06-15';

describe('beredningsgrupp meetings and decisions over HTTP (§4, R5, R6)', () => {
  let t: TestApp;
  let store: EventStore;
  let soc: string;
  let pl: string;
  let ber: string;
  let admin: string;
  let otherPl: string;
  let otherSoc: string;

  beforeAll(async () => {
    t = await startTestApp();
    store = new SqlEventStore(t.db.sql);
    soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    ber = await t.token({ roles: ['beredning'], party: 'REGION', sub: 'ber-1' });
    admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    otherPl = await t.token({ tenant: 'annat-torg', roles: ['processledare'], sub: 'pl-2' });
    otherSoc = await t.token({ tenant: 'annat-torg', roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-2' });
    await t.http
      .put('/api/v1/admin/insatser/AMT_AF')
      .set(auth(admin))
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  // Every event of the store, committed or not yet safe to read: headPosition() can lag behind a just-committed write.
  const eventCount = async () =>
    (await t.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events')).rows[0].n;
  // The last event written, committed; a reader may not see it yet (see eventCount).
  const lastPosition = async () =>
    (await t.db.sql.query<{ p: number }>('SELECT max(position)::int AS p FROM es_events')).rows[0].p;
  const meetingVersion = (id: string) => store.streamVersion(`meeting-${id}`);
  const caseVersion = (id: string) => store.streamVersion(`case-${id}`);

  function expectProblem(res: Response, status: number, type?: RegExp) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(status);
    if (type) expect(res.body.type).toMatch(type);
  }

  const fieldsOf = (res: Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  async function submittedCase(initiatedOn = '2026-06-02', token = soc): Promise<string> {
    const res = await t.http
      .post('/api/v1/cases')
      .set(auth(token))
      .send(initiation({ initiatedOn }))
      .expect(201);
    return res.body.id;
  }

  async function acceptedCase(initiatedOn = '2026-06-02', tokens = { soc, pl }): Promise<string> {
    const id = await submittedCase(initiatedOn, tokens.soc);
    await t.http.post(`/api/v1/cases/${id}/accept`).set(auth(tokens.pl)).send({}).expect(200);
    return id;
  }

  async function meeting(body: Record<string, unknown> = { date: TODAY }, token = pl): Promise<string> {
    const res = await t.http.post('/api/v1/meetings').set(auth(token)).send(body).expect(201);
    return res.body.id;
  }

  async function onAgenda(meetingId: string, caseId: string, priority?: boolean) {
    await t.http
      .post(`/api/v1/meetings/${meetingId}/agenda`)
      .set(auth(pl))
      .send({ caseId, ...(priority !== undefined ? { priority } : {}) })
      .expect(200);
  }

  const getMeeting = (id: string, token = pl) => t.http.get(`/api/v1/meetings/${id}`).set(auth(token));

  describe('POST /api/v1/meetings', () => {
    it('schedules a meeting with its members and guests: 201 { id, version, position }', async () => {
      const res = await t.http
        .post('/api/v1/meetings')
        .set(auth(pl))
        .send({
          date: '2026-06-23',
          time: '09:00',
          place: 'Rum 3, Jobbtorget',
          members: [
            { party: 'KOMMUN', user: 'u-kommun' },
            { party: 'REGION', user: 'u-region' },
          ],
          guests: [{ name: 'Eva Lärare', organisation: 'Gymnasieskolan' }],
        });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        version: 2,
        position: expect.any(Number),
      });
      expect(res.headers.etag).toBe('"2"');
      const view = await getMeeting(res.body.id).expect(200);
      expect(view.body).toEqual({
        id: res.body.id,
        version: 2,
        date: '2026-06-23',
        time: '09:00',
        place: 'Rum 3, Jobbtorget',
        agenda: [],
        decisions: [],
        attendance: {
          members: [
            { party: 'KOMMUN', user: 'u-kommun' },
            { party: 'REGION', user: 'u-region' },
          ],
          guests: [{ name: 'Eva Lärare', organisation: 'Gymnasieskolan' }],
        },
        movedOut: [],
      });
    });

    it('a date alone is enough; a retry with the same Idempotency-Key answers the first meeting again', async () => {
      const first = await t.http
        .post('/api/v1/meetings')
        .set(auth(pl))
        .set('Idempotency-Key', 'meeting-key-1')
        .send({ date: TODAY });
      expect(first.status).toBe(201);
      expect(first.body.version).toBe(1);
      const head = await eventCount();
      const again = await t.http
        .post('/api/v1/meetings')
        .set(auth(pl))
        .set('Idempotency-Key', 'meeting-key-1')
        .send({ date: TODAY });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(await eventCount()).toBe(head);
    });

    it('a handläggare or a beredning member may not schedule: 403, nothing written', async () => {
      const head = await eventCount();
      for (const token of [soc, ber]) {
        expectProblem(await t.http.post('/api/v1/meetings').set(auth(token)).send({ date: TODAY }), 403);
      }
      expect(await eventCount()).toBe(head);
    });

    it('bad input is a 400 naming each field, nothing written', async () => {
      const head = await eventCount();
      const cases: [Record<string, unknown>, string][] = [
        [{}, 'date'],
        [{ date: '2026-02-30' }, 'date'],
        [{ date: TODAY, time: '9' }, 'time'],
        [{ date: TODAY, place: 'x'.repeat(501) }, 'place'],
        [{ date: TODAY, members: [{ party: 'SKOLAN', user: 'u' }] }, 'members[0].party'],
        [{ date: TODAY, members: [{ party: 'KOMMUN', user: 'u'.repeat(129) }] }, 'members[0].user'],
        [{ date: TODAY, guests: [{ organisation: 'Skolan' }] }, 'guests[0].name'],
        // A key the request does not take is named by where it stands, never quoted.
        [{ date: TODAY, agenda: [] }, 'body'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post('/api/v1/meetings').set(auth(pl)).send(body);
        expectProblem(res, 400);
        expect(fieldsOf(res)).toContain(field);
      }
      expect(await eventCount()).toBe(head);
    });
  });

  describe('GET /api/v1/meetings/{id}', () => {
    it('members read the agenda (priority first, then oldest case first), the protocol and the attendance', async () => {
      const m = await meeting();
      const newer = await acceptedCase('2026-06-10');
      const older = await acceptedCase('2026-06-01');
      const urgent = await acceptedCase('2026-06-12');
      await onAgenda(m, newer);
      await onAgenda(m, older);
      await onAgenda(m, urgent, true);
      const res = await getMeeting(m, ber).expect(200);
      expect(res.headers.etag).toBe('"4"');
      expect(res.body.agenda).toEqual([
        { caseId: urgent, priority: true, caseInitiatedOn: '2026-06-12', addedOn: TODAY },
        { caseId: older, priority: false, caseInitiatedOn: '2026-06-01', addedOn: TODAY },
        { caseId: newer, priority: false, caseInitiatedOn: '2026-06-10', addedOn: TODAY },
      ]);
      expect(res.body).toMatchObject({
        id: m,
        version: 4,
        date: TODAY,
        decisions: [],
        attendance: { members: [], guests: [] },
      });
    });

    it('a handläggare may not read meetings (403); an unknown or malformed id is 404', async () => {
      const m = await meeting();
      expectProblem(await getMeeting(m, soc), 403);
      expectProblem(await getMeeting(UNKNOWN), 404, /not-found$/);
      expectProblem(await getMeeting('not-a-uuid'), 404);
    });

    it('tenant isolation: another tenant’s processledare gets 404 for the meeting, and cannot write to it', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      expectProblem(await getMeeting(m, otherPl), 404, /not-found$/);
      const before = await meetingVersion(m);
      const foreignCase = await acceptedCase('2026-06-02', { soc: otherSoc, pl: otherPl });
      expectProblem(
        await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(otherPl)).send({ caseId: foreignCase }),
        404,
      );
      expectProblem(
        await t.http.post(`/api/v1/meetings/${m}/attendance`).set(auth(otherPl)).send({ members: [] }),
        404,
      );
      // …and a case of another tenant is unknown here.
      expectProblem(
        await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(pl)).send({ caseId: foreignCase }),
        404,
      );
      expect(await meetingVersion(m)).toBe(before);
      await onAgenda(m, c);
    });
  });

  describe('POST /api/v1/meetings/{id}/agenda', () => {
    it('puts an accepted case on the agenda: 200 with the meeting’s new version', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      const res = await t.http
        .post(`/api/v1/meetings/${m}/agenda`)
        .set(auth(pl))
        .send({ caseId: c, priority: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: m, version: 2, position: expect.any(Number) });
      expect((await getMeeting(m).expect(200)).body.agenda).toEqual([
        { caseId: c, priority: true, caseInitiatedOn: '2026-06-02', addedOn: TODAY },
      ]);
    });

    it('R5 a case not yet accepted is refused: 422 naming the rule, nothing written', async () => {
      const m = await meeting();
      const c = await submittedCase();
      const res = await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(pl)).send({ caseId: c });
      expectProblem(res, 422, /\/rules\/case-not-accepted$/);
      expect(res.body.rule).toBe('R5');
      expect(await meetingVersion(m)).toBe(1);
    });

    it('an unknown case or meeting is 404, a case already on the agenda 409; nothing written', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      expectProblem(
        await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(pl)).send({ caseId: UNKNOWN }),
        404,
      );
      expectProblem(
        await t.http.post(`/api/v1/meetings/${UNKNOWN}/agenda`).set(auth(pl)).send({ caseId: c }),
        404,
        /not-found$/,
      );
      await onAgenda(m, c);
      expectProblem(
        await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(pl)).send({ caseId: c }),
        409,
        /already-on-agenda$/,
      );
      expect(await meetingVersion(m)).toBe(2);
      expect(await store.streamVersion(`meeting-${UNKNOWN}`)).toBe(0);
    });

    it('only the processledare builds the agenda (403); bad input is a 400 naming the field', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      expectProblem(
        await t.http.post(`/api/v1/meetings/${m}/agenda`).set(auth(ber)).send({ caseId: c }),
        403,
      );
      const bad = await t.http
        .post(`/api/v1/meetings/${m}/agenda`)
        .set(auth(pl))
        .send({ caseId: 'case-1', priority: 'yes' });
      expectProblem(bad, 400);
      expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['caseId', 'priority']));
      expect(await meetingVersion(m)).toBe(1);
    });

    it('a stale If-Match is a 409 and nothing is written', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      const res = await t.http
        .post(`/api/v1/meetings/${m}/agenda`)
        .set(auth(pl))
        .set('If-Match', '"7"')
        .send({ caseId: c });
      expectProblem(res, 409, /concurrency$/);
      expect(await meetingVersion(m)).toBe(1);
    });
  });

  describe('POST /api/v1/meetings/{id}/agenda/{caseId}/move', () => {
    it('moves a case to another meeting, keeping its priority', async () => {
      const from = await meeting();
      const to = await meeting({ date: '2026-06-29' });
      const c = await acceptedCase();
      await onAgenda(from, c, true);
      const res = await t.http
        .post(`/api/v1/meetings/${from}/agenda/${c}/move`)
        .set(auth(pl))
        .send({ toMeetingId: to });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: from,
        version: 3,
        position: expect.any(Number),
        toMeeting: { id: to, version: 2 },
      });
      const left = (await getMeeting(from).expect(200)).body;
      expect(left.agenda).toEqual([]);
      expect(left.movedOut).toEqual([{ caseId: c, toMeetingId: to }]);
      expect((await getMeeting(to).expect(200)).body.agenda).toEqual([
        { caseId: c, priority: true, caseInitiatedOn: '2026-06-02', addedOn: TODAY },
      ]);
      const [added] = (await store.readStream(`meeting-${to}`)).slice(-1);
      expect(added).toMatchObject({ type: 'CaseAddedToAgenda', data: { caseId: c, movedFrom: from } });
    });

    it('refusals write nothing on either meeting: unknown target 404, same meeting 400, already there 409, not on the agenda 404', async () => {
      const from = await meeting();
      const to = await meeting();
      const c = await acceptedCase();
      const elsewhere = await acceptedCase();
      await onAgenda(from, c);
      await onAgenda(to, c);
      const move = (caseId: string, toMeetingId: string) =>
        t.http.post(`/api/v1/meetings/${from}/agenda/${caseId}/move`).set(auth(pl)).send({ toMeetingId });
      expectProblem(await move(c, UNKNOWN), 404, /meeting-not-found$/);
      const same = await move(c, from);
      expectProblem(same, 400, /same-meeting$/);
      expect(fieldsOf(same)).toEqual(['toMeetingId']);
      expectProblem(await move(c, to), 409, /already-on-agenda$/);
      expectProblem(await move(elsewhere, to), 404, /agenda-item-not-found$/);
      expect(await meetingVersion(from)).toBe(2);
      expect(await meetingVersion(to)).toBe(2);
    });

    it('R5 a case decided at this meeting is refused by the target before anything is written: 422', async () => {
      const from = await meeting();
      const to = await meeting();
      const c = await acceptedCase();
      await onAgenda(from, c);
      await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(pl))
        .send({ meetingId: from, decision: 'FORDJUPAD_SAMORDNING', ownerParty: 'ARBETSFORMEDLINGEN' })
        .expect(200);
      const before = await meetingVersion(from);
      const res = await t.http
        .post(`/api/v1/meetings/${from}/agenda/${c}/move`)
        .set(auth(pl))
        .send({ toMeetingId: to });
      expectProblem(res, 422, /\/rules\/case-not-accepted$/);
      expect(await meetingVersion(from)).toBe(before);
      expect(await meetingVersion(to)).toBe(1);
    });

    it('only the processledare moves (403); a malformed target is a 400 naming toMeetingId', async () => {
      const from = await meeting();
      const c = await acceptedCase();
      await onAgenda(from, c);
      expectProblem(
        await t.http
          .post(`/api/v1/meetings/${from}/agenda/${c}/move`)
          .set(auth(ber))
          .send({ toMeetingId: UNKNOWN }),
        403,
      );
      const bad = await t.http
        .post(`/api/v1/meetings/${from}/agenda/${c}/move`)
        .set(auth(pl))
        .send({ toMeetingId: 'next' });
      expectProblem(bad, 400);
      expect(fieldsOf(bad)).toEqual(['toMeetingId']);
      expect(await meetingVersion(from)).toBe(2);
    });
  });

  describe('DELETE /api/v1/meetings/{id}/agenda/{caseId}', () => {
    it('takes a case off the agenda; the removal is recorded', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      await onAgenda(m, c);
      const res = await t.http.delete(`/api/v1/meetings/${m}/agenda/${c}`).set(auth(pl));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: m, version: 3, position: expect.any(Number) });
      expect((await getMeeting(m).expect(200)).body.agenda).toEqual([]);
      expect((await store.readStream(`meeting-${m}`)).map((e) => e.type)).toEqual([
        'MeetingScheduled',
        'CaseAddedToAgenda',
        'CaseRemovedFromAgenda',
      ]);
    });

    it('a case not on the agenda is 404, another role 403; nothing written', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      expectProblem(
        await t.http.delete(`/api/v1/meetings/${m}/agenda/${c}`).set(auth(pl)),
        404,
        /agenda-item-not-found$/,
      );
      await onAgenda(m, c);
      expectProblem(await t.http.delete(`/api/v1/meetings/${m}/agenda/${c}`).set(auth(ber)), 403);
      expectProblem(await t.http.delete(`/api/v1/meetings/${m}/agenda/not-a-uuid`).set(auth(pl)), 404);
      expect(await meetingVersion(m)).toBe(2);
    });
  });

  describe('POST /api/v1/meetings/{id}/attendance', () => {
    it('records the members present per party and the guests, replacing the attendance before', async () => {
      const m = await meeting({ date: TODAY, members: [{ party: 'KOMMUN', user: 'u-1' }] });
      const res = await t.http
        .post(`/api/v1/meetings/${m}/attendance`)
        .set(auth(pl))
        .send({ members: [{ party: 'REGION', user: 'u-2' }], guests: [{ name: 'Gäst' }] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: m, version: 3, position: expect.any(Number) });
      expect((await getMeeting(m).expect(200)).body.attendance).toEqual({
        members: [{ party: 'REGION', user: 'u-2' }],
        guests: [{ name: 'Gäst' }],
      });
    });

    it('bad input is a 400 naming the field; another role 403; nothing written', async () => {
      const m = await meeting();
      const noMembers = await t.http
        .post(`/api/v1/meetings/${m}/attendance`)
        .set(auth(pl))
        .send({ guests: [] });
      expectProblem(noMembers, 400);
      expect(fieldsOf(noMembers)).toContain('members');
      const badParty = await t.http
        .post(`/api/v1/meetings/${m}/attendance`)
        .set(auth(pl))
        .send({ members: [{ party: 'FK', user: 'u' }] });
      expectProblem(badParty, 400);
      expect(fieldsOf(badParty)).toEqual(['members[0].party']);
      expectProblem(
        await t.http.post(`/api/v1/meetings/${m}/attendance`).set(auth(soc)).send({ members: [] }),
        403,
      );
      expectProblem(
        await t.http.post(`/api/v1/meetings/${UNKNOWN}/attendance`).set(auth(pl)).send({ members: [] }),
        404,
      );
      expect(await meetingVersion(m)).toBe(1);
    });
  });

  describe('POST /api/v1/cases/{id}/decision', () => {
    it('R6 fördjupad samordning: the case is decided with its ärendebärare, and the protocol records it', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      await onAgenda(m, c);
      const res = await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(pl))
        .send({
          meetingId: m,
          decision: 'FORDJUPAD_SAMORDNING',
          ownerParty: 'ARBETSFORMEDLINGEN',
          ownerUser: 'af-7',
          recommendedInsatser: ['AMT_AF'],
          recommendation: 'Anna behöver en arbetsförmedlare på AMT.',
          notParticipating: [{ party: 'REGION', user: 'ber-1' }],
        });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: c,
        version: 3,
        position: expect.any(Number),
        meeting: { id: m, version: 3 },
      });
      expect(res.headers.etag).toBe('"3"');

      const view = (await t.http.get(`/api/v1/cases/${c}`).set(auth(pl)).expect(200)).body;
      expect(view).toMatchObject({ status: 'DECIDED', owner: { party: 'ARBETSFORMEDLINGEN', user: 'af-7' } });
      expect((await getMeeting(m, ber).expect(200)).body.decisions).toEqual([
        { caseId: c, decision: 'FORDJUPAD_SAMORDNING', decidedOn: TODAY },
      ]);
      const [stored] = (await store.readStream(`case-${c}`)).slice(-1);
      expect(stored).toMatchObject({
        type: 'DecisionRecorded',
        data: {
          meetingId: m,
          decision: 'FORDJUPAD_SAMORDNING',
          recommendedInsatser: ['AMT_AF'],
          notParticipating: [{ party: 'REGION', user: 'ber-1' }],
        },
      });
      // The recommendation is free text about the person: stored sealed, read back in clear by the processledare.
      expect(JSON.stringify(stored.data)).not.toContain('arbetsförmedlare på AMT');
      const history = (await t.http.get(`/api/v1/cases/${c}/history`).set(auth(pl)).expect(200)).body.events;
      expect(history.at(-1).data.recommendation).toBe('Anna behöver en arbetsförmedlare på AMT.');
    });

    it('BORDLAGD: postponed, moved to the next meeting and decided there; each protocol keeps its own decision', async () => {
      const first = await meeting({ date: '2026-06-15' });
      const next = await meeting({ date: '2026-06-15', place: 'Teams' });
      const c = await acceptedCase();
      await onAgenda(first, c);
      await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(pl))
        .send({ meetingId: first, decision: 'BORDLAGD' })
        .expect(200);
      await t.http
        .post(`/api/v1/meetings/${first}/agenda/${c}/move`)
        .set(auth(pl))
        .send({ toMeetingId: next })
        .expect(200);
      const res = await t.http.post(`/api/v1/cases/${c}/decision`).set(auth(pl)).send({
        meetingId: next,
        decision: 'EJ_FORDJUPAD_SAMORDNING',
        recommendation: 'Tillbaka till socialtjänsten.',
      });
      expect(res.status).toBe(200);
      expect((await getMeeting(first).expect(200)).body.decisions).toEqual([
        { caseId: c, decision: 'BORDLAGD', decidedOn: TODAY },
      ]);
      expect((await getMeeting(next).expect(200)).body.decisions).toEqual([
        { caseId: c, decision: 'EJ_FORDJUPAD_SAMORDNING', decidedOn: TODAY },
      ]);
      expect((await t.http.get(`/api/v1/cases/${c}`).set(auth(pl)).expect(200)).body).toMatchObject({
        status: 'DECIDED',
        owner: { party: 'KOMMUN' },
      });
    });

    it('R6 a decision whose protocol entry was never written (the process stopped in between) is put in the protocol once', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      await onAgenda(m, c);
      // The first of the request's two writes only, as if the process had stopped right after it.
      const caller = { sub: 'pl-1', tenant: 'torget', roles: ['processledare' as const] };
      const decided = await t.app
        .get(CaseService)
        .write(
          { caller, caseId: c },
          () => ({ type: 'RecordDecision', meetingId: m, decision: 'BORDLAGD' }),
          { meetingId: m },
        );
      expect(decided.events.map((e) => e.type)).toEqual(['DecisionRecorded']);

      const reactor = t.app.get(SubscriptionRunner).get(PROTOCOL_REACTOR)!;
      const passed = async () => expect(await reactor.waitFor(await lastPosition(), 10_000)).toBe(true);
      await passed();
      expect((await getMeeting(m).expect(200)).body.decisions).toEqual([
        { caseId: c, decision: 'BORDLAGD', decidedOn: TODAY },
      ]);
      const entries = (await store.readStream(`meeting-${m}`)).filter(
        (e) => e.type === 'MeetingDecisionRecorded',
      );
      expect(entries.map((e) => e.data)).toEqual([
        { caseId: c, decision: 'BORDLAGD', occurredOn: TODAY, caseVersion: decided.version },
      ]);
      // By the one who decided, not by the system.
      expect(entries[0].metadata.actor).toMatchObject({ sub: 'pl-1', roles: ['processledare'] });

      // The request path and the reactor together still make one entry per decision.
      const next = await meeting({ date: TODAY, place: 'Teams' });
      await t.http
        .post(`/api/v1/meetings/${m}/agenda/${c}/move`)
        .set(auth(pl))
        .send({ toMeetingId: next })
        .expect(200);
      await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(pl))
        .send({ meetingId: next, decision: 'EJ_FORDJUPAD_SAMORDNING' })
        .expect(200);
      await passed();
      expect((await getMeeting(next).expect(200)).body.decisions).toEqual([
        { caseId: c, decision: 'EJ_FORDJUPAD_SAMORDNING', decidedOn: TODAY },
      ]);
      expect((await getMeeting(m).expect(200)).body.decisions).toHaveLength(1);
    });

    it('a move whose arrival was never written (the process stopped in between) puts the case on the other agenda, with its priority, once', async () => {
      const from = await meeting();
      const to = await meeting({ date: TODAY, place: 'Teams' });
      const c = await acceptedCase();
      await onAgenda(from, c, true);
      // The first of the request's two writes only: the case leaves `from`.
      const caller = { sub: 'pl-1', tenant: 'torget', roles: ['processledare' as const] };
      const meetings = t.app.get(MeetingService);
      const caseState = async () =>
        (await t.app.get(CommandRunner).load(caseDecider, caseStream(c), 'torget'))?.state;
      await meetings.write(
        { caller, meetingId: from },
        { type: 'MoveAgendaItem', caseId: c, toMeetingId: to },
        async () => ({
          targetMeeting: await meetings.state('torget', to),
          caseState: await caseState(),
        }),
      );
      expect(
        await t.app
          .get(SubscriptionRunner)
          .get(PROTOCOL_REACTOR)!
          .waitFor(await lastPosition(), 10_000),
      ).toBe(true);
      const target = (await getMeeting(to).expect(200)).body;
      expect(target.agenda).toEqual([expect.objectContaining({ caseId: c, priority: true })]);
      expect((await getMeeting(from).expect(200)).body).toMatchObject({
        agenda: [],
        movedOut: [{ caseId: c, toMeetingId: to }],
      });
      const arrivals = (await store.readStream(`meeting-${to}`)).filter(
        (e) => e.type === 'CaseAddedToAgenda',
      );
      expect(arrivals.map((e) => e.data)).toEqual([
        expect.objectContaining({ caseId: c, movedFrom: from, priority: true }),
      ]);
      expect(arrivals[0].metadata.actor).toMatchObject({ sub: 'pl-1' });
    });

    it('R6 a case not on the meeting’s agenda: 422 not-on-agenda, neither the case nor the meeting written', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      const res = await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(pl))
        .send({ meetingId: m, decision: 'BORDLAGD' });
      expectProblem(res, 422, /\/rules\/not-on-agenda$/);
      expect(res.body.rule).toBe('R6');
      expect(await caseVersion(c)).toBe(2);
      expect(await meetingVersion(m)).toBe(1);
    });

    it('R6 other rules refuse with 422 and write nothing: no ärendebärare, a date before the meeting or in the future, an insats outside the catalogue', async () => {
      const m = await meeting({ date: TODAY });
      const c = await acceptedCase();
      await onAgenda(m, c);
      const head = await eventCount();
      const decide = (body: Record<string, unknown>) =>
        t.http
          .post(`/api/v1/cases/${c}/decision`)
          .set(auth(pl))
          .send({ meetingId: m, ...body });
      expectProblem(await decide({ decision: 'FORDJUPAD_SAMORDNING' }), 422, /\/rules\/owner-required$/);
      expectProblem(
        await decide({ decision: 'BORDLAGD', decidedOn: '2026-06-14' }),
        422,
        /\/rules\/date-before-(meeting|acceptance)$/,
      );
      expectProblem(
        await decide({ decision: 'BORDLAGD', decidedOn: '2026-06-16' }),
        422,
        /\/rules\/business-date-in-future$/,
      );
      expectProblem(
        await decide({
          decision: 'FORDJUPAD_SAMORDNING',
          ownerParty: 'KOMMUN',
          recommendedInsatser: ['OKAND'],
        }),
        422,
        /\/rules\/insats-not-in-catalogue$/,
      );
      expect(await eventCount()).toBe(head);
    });

    it('a decided case cannot be decided again (422); an unknown meeting or case is 404', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      await onAgenda(m, c);
      await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(pl))
        .send({ meetingId: m, decision: 'EJ_FORDJUPAD_SAMORDNING' })
        .expect(200);
      const head = await eventCount();
      expectProblem(
        await t.http
          .post(`/api/v1/cases/${c}/decision`)
          .set(auth(pl))
          .send({ meetingId: m, decision: 'BORDLAGD' }),
        422,
        /\/rules\/decision-state$/,
      );
      expectProblem(
        await t.http
          .post(`/api/v1/cases/${c}/decision`)
          .set(auth(pl))
          .send({ meetingId: UNKNOWN, decision: 'BORDLAGD' }),
        404,
        /meeting-not-found$/,
      );
      expectProblem(
        await t.http
          .post(`/api/v1/cases/${UNKNOWN}/decision`)
          .set(auth(pl))
          .send({ meetingId: m, decision: 'BORDLAGD' }),
        404,
      );
      expect(await eventCount()).toBe(head);
    });

    it('only the processledare records decisions (403); bad input is a 400 naming the field; a stale If-Match 409', async () => {
      const m = await meeting();
      const c = await acceptedCase();
      await onAgenda(m, c);
      const head = await eventCount();
      for (const token of [soc, ber, admin]) {
        expectProblem(
          await t.http
            .post(`/api/v1/cases/${c}/decision`)
            .set(auth(token))
            .send({ meetingId: m, decision: 'BORDLAGD' }),
          403,
        );
      }
      const bad = await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(pl))
        .send({
          meetingId: m,
          decision: 'JA',
          ownerParty: 'SKOLAN',
          recommendation: 'x'.repeat(10_001),
          notParticipating: [{ user: 'u' }],
        });
      expectProblem(bad, 400);
      expect(fieldsOf(bad)).toEqual(
        expect.arrayContaining(['decision', 'ownerParty', 'recommendation', 'notParticipating[0].party']),
      );
      const missing = await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(pl))
        .send({ decision: 'BORDLAGD' });
      expectProblem(missing, 400);
      expect(new Set(fieldsOf(missing))).toEqual(new Set(['meetingId']));
      const stale = await t.http
        .post(`/api/v1/cases/${c}/decision`)
        .set(auth(pl))
        .set('If-Match', '"1"')
        .send({ meetingId: m, decision: 'BORDLAGD' });
      expectProblem(stale, 409, /concurrency$/);
      expect(await eventCount()).toBe(head);
    });
  });
});
