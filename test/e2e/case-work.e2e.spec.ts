import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { EventStore, SqlEventStore } from '@app/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// Coordination work on a case over HTTP: SIP, insatser, follow-ups, ownership, closure, reopening
// and consent withdrawal. The clock stands at 2026-06-15; the case is initiated on 2026-06-02 by
// the kommun, with AF named and the consent covering KOMMUN, ARBETSFORMEDLINGEN and REGION.

const ACTOR = { sub: 'e2e-seed', roles: ['admin'] };

describe('case work over HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  const tokens = {} as Record<'pl' | 'kommun' | 'af' | 'system' | 'beredning' | 'manager', string>;

  beforeAll(async () => {
    t = await startTestApp();
    store = new SqlEventStore(t.db.sql);
    tokens.pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    tokens.kommun = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    tokens.af = await t.token({ roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN', sub: 'af-1' });
    tokens.system = await t.token({ roles: ['system'], party: 'KOMMUN', sub: 'kommun-system' });
    tokens.beredning = await t.token({ roles: ['beredning'], party: 'KOMMUN', sub: 'ber-1' });
    tokens.manager = await t.token({ roles: ['manager'], sub: 'chef-1' });
    // No admin route for the catalogue yet: the entries go into the tenant stream directly.
    const entries = [
      { code: 'AMT_AF', name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN', active: true },
      { code: 'PSYKOLOG', name: 'Psykolog', party: 'REGION', active: true },
      { code: 'FK_STOD', name: 'FK-stöd', party: 'FORSAKRINGSKASSAN', active: true },
      { code: 'NEDLAGD', name: 'Nedlagd insats', party: 'KOMMUN', active: false },
    ];
    await store.append(
      'tenant-torget',
      entries.map((data) => ({
        type: 'CatalogueInsatsUpserted',
        data: { ...data, occurredOn: '2026-01-01' },
        metadata: { tenant: 'torget', actor: ACTOR, correlationId: 'e2e-seed', businessDate: '2026-01-01' },
      })),
      { expectedVersion: 'any', tenant: 'torget', streamType: 'tenant' },
    );
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, token: string, body: object = {}) =>
    t.http.post(path).set('Authorization', `Bearer ${token}`).send(body);

  async function view(id: string) {
    const res = await t.http
      .get(`/api/v1/cases/${id}`)
      .set('Authorization', `Bearer ${tokens.pl}`)
      .expect(200);
    return res.body;
  }

  const version = async (id: string): Promise<number> => (await view(id)).version;

  /** A case initiated by the kommun and, unless told otherwise, accepted by the processledare. */
  async function newCase({ accept = true } = {}): Promise<string> {
    const created = await post('/api/v1/cases', tokens.kommun, initiation()).expect(201);
    const id: string = created.body.id;
    if (accept) await post(`/api/v1/cases/${id}/accept`, tokens.pl, { acceptedOn: '2026-06-03' }).expect(200);
    return id;
  }

  /** No decision route yet: a FORDJUPAD_SAMORDNING decision naming the owner goes into the case stream directly. */
  async function decide(id: string, ownerParty: string, ownerUser?: string): Promise<void> {
    await store.append(
      `case-${id}`,
      [
        {
          type: 'DecisionRecorded',
          data: {
            meetingId: randomUUID(),
            decision: 'FORDJUPAD_SAMORDNING',
            owner: ownerUser ? { party: ownerParty, user: ownerUser } : { party: ownerParty },
            recommendedInsatser: [],
            notParticipating: [],
            occurredOn: '2026-06-09',
          },
          metadata: {
            tenant: 'torget',
            actor: { sub: 'pl-1', roles: ['processledare'] },
            correlationId: 'e2e-seed',
            businessDate: '2026-06-09',
          },
        },
      ],
      { expectedVersion: 'any', tenant: 'torget', streamType: 'case' },
    );
  }

  async function requestSip(id: string, token = tokens.kommun): Promise<string> {
    const res = await post(`/api/v1/cases/${id}/sips`, token, {
      initiatorRole: 'SOCIALSEKRETERARE',
      kind: 'FORSTA',
      formote: true,
      requestedOn: '2026-06-10',
    }).expect(201);
    return res.body.sipId;
  }

  async function startInsats(id: string, insatsCode = 'AMT_AF', startedOn = '2026-06-10'): Promise<string> {
    const res = await post(`/api/v1/cases/${id}/insatser`, tokens.af, { insatsCode, startedOn }).expect(201);
    return res.body.insatsId;
  }

  /**
   * Sends a command that must be refused: checks the status, that the answer is problem+json, its
   * type (ending in the rule's slug) or the field it names, and that the case version did not move.
   */
  async function refused(
    id: string,
    send: () => Promise<Response>,
    status: number,
    expected: { type?: string; field?: string; rule?: string } = {},
  ): Promise<Response> {
    const before = await version(id);
    const res = await send();
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status } });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (expected.type) expect(res.body.type).toMatch(new RegExp(`/${expected.type}$`));
    if (expected.field)
      expect((res.body.errors ?? []).map((e: { field: string }) => e.field)).toContain(expected.field);
    if (expected.rule) expect(res.body.rule).toBe(expected.rule);
    expect(await version(id)).toBe(before);
    return res;
  }

  describe('POST /cases/{id}/sips (R8)', () => {
    it('lets a kommun handläggare request a SIP: 201 with the new sipId', async () => {
      const id = await newCase();
      const before = await version(id);
      const res = await post(`/api/v1/cases/${id}/sips`, tokens.kommun, {
        initiatorRole: 'SOCIALSEKRETERARE',
        kind: 'FORSTA',
        formote: true,
        requestedOn: '2026-06-10',
      }).expect(201);
      expect(res.body).toEqual({
        id,
        version: before + 1,
        position: expect.any(Number),
        sipId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(res.headers.etag).toBe(`"${before + 1}"`);
      const after = await view(id);
      expect(after.status).toBe('IN_COORDINATION');
      expect(after.sips).toEqual([
        expect.objectContaining({
          sipId: res.body.sipId,
          status: 'REQUESTED',
          kind: 'FORSTA',
          formote: true,
          requestedOn: '2026-06-10',
        }),
      ]);
    });

    it('lets a processledare and a kommun partner system request one too', async () => {
      const id = await newCase();
      await requestSip(id, tokens.pl);
      await requestSip(id, tokens.system);
      expect((await view(id)).sips).toHaveLength(2);
    });

    it('refuses an Arbetsförmedlingen handläggare with 422 naming R8', async () => {
      const id = await newCase();
      const res = await refused(
        id,
        () =>
          post(`/api/v1/cases/${id}/sips`, tokens.af, {
            initiatorRole: 'ARBETSFORMEDLARE',
            kind: 'FORSTA',
            formote: false,
          }),
        422,
        { type: 'rules/sip-initiator-party', rule: 'R8' },
      );
      expect(res.body.title).toContain('R8');
    });

    it('refuses ARBETSFORMEDLARE as initiating role, even from the kommun (422, R8)', async () => {
      const id = await newCase();
      await refused(
        id,
        () =>
          post(`/api/v1/cases/${id}/sips`, tokens.kommun, {
            initiatorRole: 'ARBETSFORMEDLARE',
            kind: 'FORSTA',
            formote: false,
          }),
        422,
        { type: 'rules/sip-initiator-party' },
      );
    });

    it('refuses a role that may not act (403), a missing or unknown field (400) and a future date (422)', async () => {
      const id = await newCase();
      const body = { initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: true };
      await refused(id, () => post(`/api/v1/cases/${id}/sips`, tokens.beredning, body), 403, {
        type: 'forbidden',
      });
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/sips`, tokens.kommun, { ...body, kind: undefined }),
        400,
        { field: 'kind' },
      );
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/sips`, tokens.kommun, { ...body, initiatorRole: 'KURATOR' }),
        400,
        {
          field: 'initiatorRole',
        },
      );
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/sips`, tokens.kommun, { ...body, requestedOn: '2026-06-16' }),
        422,
        {
          type: 'rules/business-date-in-future',
          field: 'requestedOn',
        },
      );
    });

    it('refuses a case that is not accepted yet (409)', async () => {
      const id = await newCase({ accept: false });
      await refused(
        id,
        () =>
          post(`/api/v1/cases/${id}/sips`, tokens.kommun, {
            initiatorRole: 'SOCIALSEKRETERARE',
            kind: 'FORSTA',
            formote: true,
          }),
        409,
        { type: 'case-not-accepted' },
      );
    });

    it('answers a stale If-Match with 409 and writes nothing', async () => {
      const id = await newCase();
      await refused(
        id,
        () =>
          post(`/api/v1/cases/${id}/sips`, tokens.kommun, {
            initiatorRole: 'SOCIALSEKRETERARE',
            kind: 'FORSTA',
            formote: true,
          }).set('If-Match', '"1"'),
        409,
        { type: 'concurrency' },
      );
      const current = await version(id);
      await post(`/api/v1/cases/${id}/sips`, tokens.kommun, {
        initiatorRole: 'SOCIALSEKRETERARE',
        kind: 'FORSTA',
        formote: true,
      })
        .set('If-Match', `"${current}"`)
        .expect(201);
    });

    it('answers a retry with the same Idempotency-Key with the first sipId and writes nothing new', async () => {
      const id = await newCase();
      const body = { initiatorRole: 'VARDEN', kind: 'UPPFOLJNING', formote: false };
      const first = await post(`/api/v1/cases/${id}/sips`, tokens.kommun, body)
        .set('Idempotency-Key', `sip-${id}`)
        .expect(201);
      const again = await post(`/api/v1/cases/${id}/sips`, tokens.kommun, body)
        .set('Idempotency-Key', `sip-${id}`)
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect((await view(id)).sips).toHaveLength(1);
    });
  });

  describe('POST /cases/{id}/sips/{sipId}/booking (R8)', () => {
    const booking = {
      date: '2026-06-22',
      parties: ['KOMMUN', 'REGION'],
      leader: 'KOMMUN',
      documenter: 'REGION',
      externalRef: 'Cosmic 4711',
    };

    it('books a requested SIP, with a future meeting date', async () => {
      const id = await newCase();
      const sipId = await requestSip(id);
      const before = await version(id);
      const res = await post(`/api/v1/cases/${id}/sips/${sipId}/booking`, tokens.kommun, booking).expect(200);
      expect(res.body).toEqual({ id, version: before + 1, position: expect.any(Number) });
      const sip = (await view(id)).sips[0];
      expect(sip).toMatchObject({
        status: 'BOOKED',
        booking: {
          date: '2026-06-22',
          parties: ['KOMMUN', 'REGION'],
          leader: 'KOMMUN',
          documenter: 'REGION',
          externalRef: 'Cosmic 4711',
        },
      });
    });

    it('answers 404 for a sipId that is no uuid or names no SIP', async () => {
      const id = await newCase();
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/sips/not-a-uuid/booking`, tokens.kommun, booking),
        404,
      );
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/sips/${randomUUID()}/booking`, tokens.kommun, booking),
        404,
        { type: 'sip-not-found' },
      );
    });

    it('refuses a party outside the consent (422, R2), a leader not invited (400) and AF (422, R8)', async () => {
      const id = await newCase();
      const sipId = await requestSip(id);
      const url = `/api/v1/cases/${id}/sips/${sipId}/booking`;
      await refused(
        id,
        () =>
          post(url, tokens.kommun, {
            ...booking,
            parties: ['KOMMUN', 'FORSAKRINGSKASSAN'],
            documenter: 'KOMMUN',
          }),
        422,
        {
          type: 'rules/consent-scope',
          field: 'parties[1]',
        },
      );
      await refused(id, () => post(url, tokens.kommun, { ...booking, leader: 'ARBETSFORMEDLINGEN' }), 400, {
        field: 'leader',
      });
      await refused(id, () => post(url, tokens.af, booking), 422, { type: 'rules/sip-initiator-party' });
      await refused(id, () => post(url, tokens.kommun, { ...booking, date: undefined }), 400, {
        field: 'date',
      });
      await refused(id, () => post(url, tokens.kommun, { ...booking, externalRef: 'x'.repeat(201) }), 400, {
        field: 'externalRef',
      });
    });
  });

  describe('POST /cases/{id}/sips/{sipId}/held (R8)', () => {
    const held = {
      heldOn: '2026-06-12',
      attendees: ['KOMMUN', 'REGION'],
      plan: [
        {
          goal: 'Anna ska klara en praktik',
          action: 'Arbetsträning två dagar i veckan',
          responsibleParty: 'KOMMUN',
        },
      ],
    };

    it('records the SIP as held with its plan, sealed at rest and readable in the case view', async () => {
      const id = await newCase();
      const sipId = await requestSip(id);
      // Booked before the SIP it books (R9b): left to default, the booking would be dated today.
      await post(`/api/v1/cases/${id}/sips/${sipId}/booking`, tokens.kommun, {
        date: '2026-06-12',
        parties: ['KOMMUN', 'REGION'],
        leader: 'KOMMUN',
        documenter: 'KOMMUN',
        bookedOn: '2026-06-11',
      }).expect(200);
      await post(`/api/v1/cases/${id}/sips/${sipId}/held`, tokens.kommun, held).expect(200);
      const sip = (await view(id)).sips[0];
      expect(sip).toMatchObject({
        status: 'HELD',
        heldOn: '2026-06-12',
        personAttended: true,
        attendees: ['KOMMUN', 'REGION'],
      });
      expect(sip.plan).toEqual(held.plan);
      const stored = JSON.stringify(await store.readStream(`case-${id}`));
      expect(stored).not.toContain('praktik');
      expect(stored).not.toContain('Arbetsträning');
    });

    it('refuses a SIP held twice (409), a future date (422), a date before the request (422) and a plan item without a goal (400)', async () => {
      const id = await newCase();
      const sipId = await requestSip(id);
      const url = `/api/v1/cases/${id}/sips/${sipId}/held`;
      await refused(id, () => post(url, tokens.kommun, { ...held, heldOn: '2026-06-16' }), 422, {
        type: 'rules/business-date-in-future',
        field: 'heldOn',
      });
      await refused(id, () => post(url, tokens.kommun, { ...held, heldOn: '2026-06-09' }), 422, {
        type: 'rules/date-before-request',
      });
      await refused(
        id,
        () => post(url, tokens.kommun, { ...held, plan: [{ action: 'x', responsibleParty: 'KOMMUN' }] }),
        400,
        {
          field: 'plan[0].goal',
        },
      );
      await refused(id, () => post(url, tokens.manager, held), 403);
      await post(url, tokens.kommun, { ...held, personAttended: false }).expect(200);
      await refused(id, () => post(url, tokens.kommun, held), 409, { type: 'sip-state' });
    });
  });

  describe('POST /cases/{id}/sips/{sipId}/cancel (R8)', () => {
    it('cancels a requested SIP with a reason', async () => {
      const id = await newCase();
      const sipId = await requestSip(id);
      await post(`/api/v1/cases/${id}/sips/${sipId}/cancel`, tokens.pl, {
        reason: 'Anna är sjuk',
        cancelledOn: '2026-06-14',
      }).expect(200);
      expect((await view(id)).sips[0]).toMatchObject({ status: 'CANCELLED', cancelledOn: '2026-06-14' });
      expect(JSON.stringify(await store.readStream(`case-${id}`))).not.toContain('Anna är sjuk');
    });

    it('refuses a cancelled SIP (409), a wrong role (403), a blank reason (400) and a non-uuid sipId (404)', async () => {
      const id = await newCase();
      const sipId = await requestSip(id);
      const url = `/api/v1/cases/${id}/sips/${sipId}/cancel`;
      await refused(id, () => post(url, tokens.beredning, {}), 403);
      await refused(id, () => post(url, tokens.kommun, { reason: '   ' }), 400, { field: 'reason' });
      await refused(id, () => post(`/api/v1/cases/${id}/sips/123/cancel`, tokens.kommun, {}), 404);
      await post(url, tokens.kommun, {}).expect(200);
      await refused(id, () => post(url, tokens.kommun, {}), 409, { type: 'sip-state' });
    });
  });

  describe('POST /cases/{id}/insatser (R9)', () => {
    it('starts an insats from the catalogue: 201 with the insatsId, and schedules the follow-ups', async () => {
      const id = await newCase();
      const before = await version(id);
      const res = await post(`/api/v1/cases/${id}/insatser`, tokens.af, {
        insatsCode: 'AMT_AF',
        startedOn: '2026-06-10',
        step: 2,
        vas: 40,
      }).expect(201);
      expect(res.body).toEqual({
        id,
        version: before + 2,
        position: expect.any(Number),
        insatsId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      const after = await view(id);
      expect(after.insatser).toEqual([
        expect.objectContaining({
          insatsId: res.body.insatsId,
          insatsCode: 'AMT_AF',
          party: 'ARBETSFORMEDLINGEN',
          startedOn: '2026-06-10',
        }),
      ]);
      expect(after.followUpSchedule).toMatchObject({
        firstInsatsStartedOn: '2026-06-10',
        dueDates: { 3: '2026-09-10' },
      });
    });

    it('refuses an insats not in the catalogue, an inactive one, one outside the consent and a future date (422)', async () => {
      const id = await newCase();
      const url = `/api/v1/cases/${id}/insatser`;
      await refused(id, () => post(url, tokens.pl, { insatsCode: 'OKAND', startedOn: '2026-06-10' }), 422, {
        type: 'rules/insats-not-in-catalogue',
        rule: 'R9',
      });
      await refused(id, () => post(url, tokens.pl, { insatsCode: 'NEDLAGD', startedOn: '2026-06-10' }), 422, {
        type: 'rules/insats-inactive',
      });
      await refused(id, () => post(url, tokens.pl, { insatsCode: 'FK_STOD', startedOn: '2026-06-10' }), 422, {
        type: 'rules/consent-scope',
      });
      await refused(id, () => post(url, tokens.pl, { insatsCode: 'AMT_AF', startedOn: '2026-07-01' }), 422, {
        type: 'rules/business-date-in-future',
      });
      await refused(id, () => post(url, tokens.pl, { insatsCode: 'AMT_AF', startedOn: '2026-05-01' }), 422, {
        type: 'rules/date-before-initiation',
      });
    });

    it('refuses a case not yet accepted (422), a wrong role (403) and a missing startedOn (400)', async () => {
      const id = await newCase({ accept: false });
      const url = `/api/v1/cases/${id}/insatser`;
      await refused(id, () => post(url, tokens.af, { insatsCode: 'AMT_AF', startedOn: '2026-06-10' }), 422, {
        type: 'rules/insats-not-accepted',
      });
      await refused(
        id,
        () => post(url, tokens.system, { insatsCode: 'AMT_AF', startedOn: '2026-06-10' }),
        403,
      );
      await refused(id, () => post(url, tokens.af, { insatsCode: 'AMT_AF' }), 400, { field: 'startedOn' });
      await refused(
        id,
        () => post(url, tokens.af, { insatsCode: 'A'.repeat(65), startedOn: '2026-06-10' }),
        400,
        { field: 'insatsCode' },
      );
    });
  });

  describe('POST /cases/{id}/insatser/{insatsId}/end (R9)', () => {
    it('ends an insats with an outcome code while the case goes on', async () => {
      const id = await newCase();
      const insatsId = await startInsats(id);
      await post(`/api/v1/cases/${id}/insatser/${insatsId}/end`, tokens.af, {
        endedOn: '2026-06-14',
        reason: 'ARBETE',
        subtype: 'LONEBIDRAG',
        extentPercent: 50,
      }).expect(200);
      const after = await view(id);
      expect(after.status).toBe('IN_COORDINATION');
      expect(after.insatser[0].ended).toEqual({
        endedOn: '2026-06-14',
        reason: 'ARBETE',
        subtype: 'LONEBIDRAG',
        extentPercent: 50,
        endedBy: 'ENDED',
      });
    });

    it('takes ANNAT with a reason, sealed at rest', async () => {
      const id = await newCase();
      const insatsId = await startInsats(id);
      await post(`/api/v1/cases/${id}/insatser/${insatsId}/end`, tokens.pl, {
        endedOn: '2026-06-14',
        reason: 'ANNAT',
        otherReason: 'Anna flyttar till sin syster',
      }).expect(200);
      expect(JSON.stringify(await store.readStream(`case-${id}`))).not.toContain('syster');
    });

    it('refuses an unknown code (400), ANNAT without a reason (400), ARBETE without subtype (400), a date before the start (422) and a second end (409)', async () => {
      const id = await newCase();
      const insatsId = await startInsats(id);
      const url = `/api/v1/cases/${id}/insatser/${insatsId}/end`;
      await refused(id, () => post(url, tokens.af, { endedOn: '2026-06-14', reason: 'KLAR' }), 400, {
        field: 'reason',
      });
      await refused(id, () => post(url, tokens.af, { endedOn: '2026-06-14', reason: 'ANNAT' }), 400, {
        field: 'otherReason',
      });
      await refused(id, () => post(url, tokens.af, { endedOn: '2026-06-14', reason: 'ARBETE' }), 400, {
        field: 'subtype',
      });
      await refused(id, () => post(url, tokens.af, { endedOn: '2026-06-09', reason: 'STUDIER' }), 422, {
        type: 'rules/date-before-start',
      });
      await refused(id, () => post(url, tokens.af, { endedOn: '2026-06-20', reason: 'STUDIER' }), 422, {
        type: 'rules/business-date-in-future',
      });
      await refused(id, () => post(url, tokens.beredning, { endedOn: '2026-06-14', reason: 'STUDIER' }), 403);
      await refused(
        id,
        () =>
          post(`/api/v1/cases/${id}/insatser/nope/end`, tokens.af, {
            endedOn: '2026-06-14',
            reason: 'STUDIER',
          }),
        404,
      );
      await post(url, tokens.af, { endedOn: '2026-06-14', reason: 'STUDIER' }).expect(200);
      await refused(id, () => post(url, tokens.af, { endedOn: '2026-06-14', reason: 'STUDIER' }), 409, {
        type: 'insats-already-ended',
      });
    });
  });

  describe('POST /cases/{id}/follow-ups (R10, R14)', () => {
    const followUp = {
      month: 3,
      recordedOn: '2026-06-14',
      incomeSource: 'LON',
      step: 4,
      vas: 70,
      notes: 'Anna trivs på praktiken',
    };

    it('records the 3-month follow-up with its progression; notes sealed at rest', async () => {
      const id = await newCase();
      await startInsats(id);
      const before = await version(id);
      const res = await post(`/api/v1/cases/${id}/follow-ups`, tokens.kommun, followUp).expect(200);
      expect(res.body).toEqual({ id, version: before + 1, position: expect.any(Number) });
      const after = await view(id);
      expect(after.followUps).toEqual([
        expect.objectContaining({
          month: 3,
          dueOn: '2026-09-10',
          recordedOn: '2026-06-14',
          incomeSource: 'LON',
          step: 4,
          vas: 70,
        }),
      ]);
      expect(after.currentIncomeSource).toBe('LON');
      expect(JSON.stringify(await store.readStream(`case-${id}`))).not.toContain('trivs');
    });

    it('refuses month "3" as a string, an unknown month and a step outside 1–6 with 400 naming the field', async () => {
      const id = await newCase();
      await startInsats(id);
      const url = `/api/v1/cases/${id}/follow-ups`;
      await refused(id, () => post(url, tokens.kommun, { ...followUp, month: '3' }), 400, { field: 'month' });
      await refused(id, () => post(url, tokens.kommun, { ...followUp, month: 4 }), 400, { field: 'month' });
      await refused(id, () => post(url, tokens.kommun, { ...followUp, step: 7 }), 400, { field: 'step' });
      await refused(id, () => post(url, tokens.kommun, { ...followUp, incomeSource: undefined }), 400, {
        field: 'incomeSource',
      });
      await refused(id, () => post(url, tokens.beredning, followUp), 403);
    });

    it('refuses a follow-up before any insats (R10), POST_CLOSURE on an open case (R14) and a second recording (409)', async () => {
      const id = await newCase();
      const url = `/api/v1/cases/${id}/follow-ups`;
      await refused(id, () => post(url, tokens.kommun, followUp), 422, {
        type: 'rules/follow-up-not-scheduled',
        rule: 'R10',
      });
      await refused(id, () => post(url, tokens.kommun, { ...followUp, month: 'POST_CLOSURE' }), 422, {
        type: 'rules/post-closure-follow-up-before-closure',
        rule: 'R14',
      });
      await startInsats(id);
      await refused(id, () => post(url, tokens.kommun, { ...followUp, recordedOn: '2026-06-16' }), 422, {
        type: 'rules/business-date-in-future',
      });
      await post(url, tokens.kommun, followUp).expect(200);
      await refused(id, () => post(url, tokens.kommun, followUp), 409, {
        type: 'follow-up-already-recorded',
      });
    });
  });

  describe('POST /cases/{id}/close (R12)', () => {
    const closing = {
      closedOn: '2026-06-14',
      outcome: 'STUDIER',
      extentPercent: 100,
      slutdokumentation: true,
      survey: { offered: true, answered: false },
    };

    it('lets the processledare close with one outcome; open insatser end with it; the post-closure follow-up can follow (R14)', async () => {
      const id = await newCase();
      await startInsats(id);
      await post(`/api/v1/cases/${id}/close`, tokens.pl, { ...closing, step: 6, vas: 80 }).expect(200);
      const after = await view(id);
      expect(after.status).toBe('CLOSED');
      expect(after.closure).toMatchObject({ closedOn: '2026-06-14', outcome: 'STUDIER', extentPercent: 100 });
      expect(after.insatser[0].ended).toMatchObject({
        reason: 'STUDIER',
        endedBy: 'CASE_CLOSED',
        endedOn: '2026-06-14',
      });
      await post(`/api/v1/cases/${id}/follow-ups`, tokens.kommun, {
        month: 'POST_CLOSURE',
        incomeSource: 'STUDIEMEDEL',
        step: 6,
      }).expect(200);
      await refused(
        id,
        () =>
          post(`/api/v1/cases/${id}/follow-ups`, tokens.kommun, { month: 6, incomeSource: 'LON', step: 5 }),
        422,
        {
          type: 'rules/case-closed',
        },
      );
    });

    it('lets a handläggare close only as the ärendebärare’s party (the initiator while there is no owner)', async () => {
      const id = await newCase();
      await refused(id, () => post(`/api/v1/cases/${id}/close`, tokens.af, closing), 403, {
        type: 'not-case-owner',
        rule: 'R12',
      });
      await post(`/api/v1/cases/${id}/close`, tokens.kommun, closing).expect(200);

      const owned = await newCase();
      await decide(owned, 'ARBETSFORMEDLINGEN');
      await refused(owned, () => post(`/api/v1/cases/${owned}/close`, tokens.kommun, closing), 403, {
        type: 'not-case-owner',
      });
      await post(`/api/v1/cases/${owned}/close`, tokens.af, closing).expect(200);
    });

    it('refuses without slutdokumentation (422), without survey (400), an answered survey not offered (400), a reserved outcome (400) and a future date (422)', async () => {
      const id = await newCase();
      const url = `/api/v1/cases/${id}/close`;
      await refused(id, () => post(url, tokens.pl, { ...closing, slutdokumentation: false }), 422, {
        type: 'rules/slutdokumentation-required',
        rule: 'R12',
      });
      await refused(id, () => post(url, tokens.pl, { ...closing, survey: undefined }), 400, {
        field: 'survey',
      });
      await refused(id, () => post(url, tokens.pl, { ...closing, survey: { offered: true } }), 400, {
        field: 'survey.answered',
      });
      await refused(
        id,
        () => post(url, tokens.pl, { ...closing, survey: { offered: false, answered: true } }),
        400,
        { field: 'survey.answered' },
      );
      await refused(
        id,
        () => post(url, tokens.pl, { ...closing, outcome: 'SAMTYCKE_ATERKALLAT', extentPercent: undefined }),
        400,
        { field: 'outcome' },
      );
      await refused(id, () => post(url, tokens.pl, { ...closing, closedOn: '2026-06-16' }), 422, {
        type: 'rules/business-date-in-future',
      });
      await refused(id, () => post(url, tokens.beredning, closing), 403);
      await post(url, tokens.pl, closing).expect(200);
      await refused(id, () => post(url, tokens.pl, closing), 409, { type: 'case-closed' });
    });
  });

  describe('POST /cases/{id}/reopen (R13)', () => {
    it('reopens a closed case with a reason; its history continues', async () => {
      const id = await newCase();
      await startInsats(id);
      await post(`/api/v1/cases/${id}/close`, tokens.pl, {
        closedOn: '2026-06-14',
        outcome: 'AVBROTT',
        slutdokumentation: true,
        survey: { offered: false, answered: false },
      }).expect(200);
      await post(`/api/v1/cases/${id}/reopen`, tokens.pl, { reason: 'Anna hör av sig igen' }).expect(200);
      const after = await view(id);
      expect(after.status).toBe('IN_COORDINATION');
      expect(after.closure).toBeNull();
      const history = await t.http
        .get(`/api/v1/cases/${id}/history`)
        .set('Authorization', `Bearer ${tokens.pl}`)
        .expect(200);
      expect(history.body.events.map((e: { type: string }) => e.type).slice(-2)).toEqual([
        'CaseClosed',
        'CaseReopened',
      ]);
      expect(history.body.events.at(-1).data.reason).toBe('Anna hör av sig igen');
      expect(JSON.stringify(await store.readStream(`case-${id}`))).not.toContain('hör av sig');
    });

    it('refuses an open case (422), a handläggare (403), a missing reason (400) and a date before the closure (422)', async () => {
      const id = await newCase();
      await refused(id, () => post(`/api/v1/cases/${id}/reopen`, tokens.pl, { reason: 'Igen' }), 422, {
        type: 'rules/case-not-closed',
        rule: 'R13',
      });
      await post(`/api/v1/cases/${id}/close`, tokens.pl, {
        closedOn: '2026-06-14',
        outcome: 'FLYTT',
        slutdokumentation: true,
        survey: { offered: true, answered: true },
      }).expect(200);
      await refused(id, () => post(`/api/v1/cases/${id}/reopen`, tokens.kommun, { reason: 'Igen' }), 403);
      await refused(id, () => post(`/api/v1/cases/${id}/reopen`, tokens.pl, {}), 400, { field: 'reason' });
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/reopen`, tokens.pl, { reason: 'Igen', reopenedOn: '2026-06-13' }),
        422,
        {
          type: 'rules/date-before-closure',
        },
      );
    });
  });

  describe('POST /cases/{id}/consent/withdraw (R15)', () => {
    it('closes the case with SAMTYCKE_ATERKALLAT and then accepts nothing more', async () => {
      const id = await newCase();
      await startInsats(id);
      await post(`/api/v1/cases/${id}/consent/withdraw`, tokens.kommun, { withdrawnOn: '2026-06-14' }).expect(
        200,
      );
      const after = await view(id);
      expect(after.status).toBe('WITHDRAWN');
      expect(after.closure).toMatchObject({ outcome: 'SAMTYCKE_ATERKALLAT', viaConsentWithdrawal: true });
      expect(after.insatser[0].ended).toMatchObject({
        reason: 'SAMTYCKE_ATERKALLAT',
        endedBy: 'CONSENT_WITHDRAWN',
      });
      await refused(
        id,
        () =>
          post(`/api/v1/cases/${id}/sips`, tokens.kommun, {
            initiatorRole: 'SOCIALSEKRETERARE',
            kind: 'FORSTA',
            formote: true,
          }),
        422,
        { type: 'rules/consent-withdrawn', rule: 'R15' },
      );
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/consent/withdraw`, tokens.kommun, { withdrawnOn: '2026-06-14' }),
        422,
        {
          type: 'rules/consent-withdrawn',
        },
      );
    });

    it('takes a withdrawal from a partner system too', async () => {
      const id = await newCase({ accept: false });
      await post(`/api/v1/cases/${id}/consent/withdraw`, tokens.system, { withdrawnOn: '2026-06-15' }).expect(
        200,
      );
      expect((await view(id)).status).toBe('WITHDRAWN');
    });

    it('refuses a missing date (400), a future date (422) and a role that may not act (403)', async () => {
      const id = await newCase();
      const url = `/api/v1/cases/${id}/consent/withdraw`;
      await refused(id, () => post(url, tokens.kommun, {}), 400, { field: 'withdrawnOn' });
      await refused(id, () => post(url, tokens.kommun, { withdrawnOn: '2026-13-01' }), 400, {
        field: 'withdrawnOn',
      });
      await refused(id, () => post(url, tokens.kommun, { withdrawnOn: '2026-06-30' }), 422, {
        type: 'rules/business-date-in-future',
      });
      await refused(id, () => post(url, tokens.beredning, { withdrawnOn: '2026-06-14' }), 403);
    });
  });

  describe('POST /cases/{id}/owner (R11)', () => {
    it('hands the case over to a new ärendebärare, recording from and to', async () => {
      const id = await newCase();
      await decide(id, 'KOMMUN', 'soc-1');
      await post(`/api/v1/cases/${id}/owner`, tokens.pl, {
        toParty: 'ARBETSFORMEDLINGEN',
        toUser: 'af-1',
        reason: 'Anna står nu närmast arbete',
        handedOverOn: '2026-06-14',
      }).expect(200);
      expect((await view(id)).owner).toEqual({ party: 'ARBETSFORMEDLINGEN', user: 'af-1' });
      const history = await t.http
        .get(`/api/v1/cases/${id}/history`)
        .set('Authorization', `Bearer ${tokens.pl}`)
        .expect(200);
      expect(history.body.events.at(-1)).toMatchObject({
        type: 'OwnershipHandedOver',
        occurredOn: '2026-06-14',
        data: { from: { party: 'KOMMUN', user: 'soc-1' }, to: { party: 'ARBETSFORMEDLINGEN', user: 'af-1' } },
      });
      expect(JSON.stringify(await store.readStream(`case-${id}`))).not.toContain('närmast');
    });

    it('refuses a case without an owner (422, R11), a party outside the consent (422), an unknown party (400) and a handläggare (403)', async () => {
      const id = await newCase();
      const url = `/api/v1/cases/${id}/owner`;
      await refused(id, () => post(url, tokens.pl, { toParty: 'ARBETSFORMEDLINGEN' }), 422, {
        type: 'rules/no-owner',
        rule: 'R11',
      });
      await decide(id, 'KOMMUN');
      await refused(id, () => post(url, tokens.pl, { toParty: 'FORSAKRINGSKASSAN' }), 422, {
        type: 'rules/consent-scope',
        field: 'toParty',
      });
      await refused(id, () => post(url, tokens.pl, { toParty: 'SKATTEVERKET' }), 400, { field: 'toParty' });
      await refused(id, () => post(url, tokens.pl, { toParty: 'REGION', toUser: 'u'.repeat(129) }), 400, {
        field: 'toUser',
      });
      await refused(id, () => post(url, tokens.pl, { toParty: 'REGION', handedOverOn: '2026-06-16' }), 422, {
        type: 'rules/business-date-in-future',
      });
      await refused(id, () => post(url, tokens.kommun, { toParty: 'ARBETSFORMEDLINGEN' }), 403);
      await refused(id, () => post(url, tokens.pl, { toParty: 'KOMMUN' }), 409, { type: 'already-owner' });
    });
  });

  describe('POST /cases/{id}/parties/{party}/end (R12)', () => {
    it('lets a party end its own involvement while the others go on', async () => {
      const id = await newCase();
      await post(`/api/v1/cases/${id}/parties/ARBETSFORMEDLINGEN/end`, tokens.af, {
        endedOn: '2026-06-14',
      }).expect(200);
      const after = await view(id);
      expect(after.endedParties).toEqual({ ARBETSFORMEDLINGEN: '2026-06-14' });
      expect(after.status).toBe('ACCEPTED');
      // R12: nothing new is recorded for a party that has left.
      await refused(
        id,
        () =>
          post(`/api/v1/cases/${id}/insatser`, tokens.pl, { insatsCode: 'AMT_AF', startedOn: '2026-06-14' }),
        422,
        {
          type: 'rules/party-involvement-ended',
        },
      );
    });

    it('refuses another party’s involvement (403), an unknown party (400) and a role that may not act (403)', async () => {
      const id = await newCase();
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/parties/ARBETSFORMEDLINGEN/end`, tokens.kommun, {}),
        403,
        {
          type: 'not-own-party',
          rule: 'R12',
        },
      );
      await refused(id, () => post(`/api/v1/cases/${id}/parties/SKATTEVERKET/end`, tokens.pl, {}), 400, {
        field: 'party',
      });
      await refused(id, () => post(`/api/v1/cases/${id}/parties/KOMMUN/end`, tokens.beredning, {}), 403);
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/parties/KOMMUN/end`, tokens.kommun, { endedOn: '2026-06-20' }),
        422,
        {
          type: 'rules/business-date-in-future',
        },
      );
    });

    it('refuses a party with open insatser, the owner party (R11) and a party not involved (422)', async () => {
      const id = await newCase();
      const insatsId = await startInsats(id);
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/parties/ARBETSFORMEDLINGEN/end`, tokens.af, {}),
        422,
        {
          type: 'rules/party-has-open-insatser',
        },
      );
      await post(`/api/v1/cases/${id}/insatser/${insatsId}/end`, tokens.af, {
        endedOn: '2026-06-14',
        reason: 'ARBETSSOKANDE',
      }).expect(200);
      await decide(id, 'KOMMUN');
      await refused(id, () => post(`/api/v1/cases/${id}/parties/KOMMUN/end`, tokens.kommun, {}), 422, {
        type: 'rules/owner-must-hand-over',
        rule: 'R11',
      });
      await refused(id, () => post(`/api/v1/cases/${id}/parties/REGION/end`, tokens.pl, {}), 422, {
        type: 'rules/party-not-involved',
      });
      await post(`/api/v1/cases/${id}/parties/ARBETSFORMEDLINGEN/end`, tokens.af, {}).expect(200);
      await refused(
        id,
        () => post(`/api/v1/cases/${id}/parties/ARBETSFORMEDLINGEN/end`, tokens.af, {}),
        409,
        {
          type: 'party-involvement-already-ended',
        },
      );
    });
  });

  it('documents every case-work route in the OpenAPI document', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/cases/{id}/sips',
        '/api/v1/cases/{id}/sips/{sipId}/booking',
        '/api/v1/cases/{id}/sips/{sipId}/held',
        '/api/v1/cases/{id}/sips/{sipId}/cancel',
        '/api/v1/cases/{id}/insatser',
        '/api/v1/cases/{id}/insatser/{insatsId}/end',
        '/api/v1/cases/{id}/follow-ups',
        '/api/v1/cases/{id}/close',
        '/api/v1/cases/{id}/reopen',
        '/api/v1/cases/{id}/consent/withdraw',
        '/api/v1/cases/{id}/owner',
        '/api/v1/cases/{id}/parties/{party}/end',
      ]),
    );
  });
});
