import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// R9b "dates are facts" over HTTP: a SIP held in February is recorded in June (the clock stands at
// 2026-06-15). Its booking carries bookedOn, so the case can still be closed in March or in June,
// and the history keeps the booking's own date next to the day it was recorded.

describe('facts recorded after they happened (R9b)', () => {
  let t: TestApp;
  const tokens = {} as Record<'pl' | 'kommun' | 'af' | 'admin', string>;

  beforeAll(async () => {
    t = await startTestApp();
    tokens.pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    tokens.kommun = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    tokens.af = await t.token({ roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN', sub: 'af-1' });
    tokens.admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    await t.http
      .put('/api/v1/admin/insatser/AMT_AF')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect((res) => expect([200, 201, 204]).toContain(res.status));
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, token: string, body: object = {}) =>
    t.http.post(path).set('Authorization', `Bearer ${token}`).send(body);

  const booking = {
    date: '2026-02-16',
    parties: ['KOMMUN', 'REGION'],
    leader: 'KOMMUN',
    documenter: 'REGION',
    bookedOn: '2026-02-04',
  };

  /** Initiated in January, accepted, an insats started and a SIP requested; all recorded today. */
  async function caseWithSipRequested(): Promise<{ id: string; sipId: string }> {
    const created = await post(
      '/api/v1/cases',
      tokens.kommun,
      initiation({
        initiatedOn: '2026-01-12',
        consent: { ...initiation().consent, givenOn: '2026-01-08' },
      }),
    ).expect(201);
    const id: string = created.body.id;
    await post(`/api/v1/cases/${id}/accept`, tokens.pl, { acceptedOn: '2026-01-19' }).expect(200);
    await post(`/api/v1/cases/${id}/insatser`, tokens.af, {
      insatsCode: 'AMT_AF',
      startedOn: '2026-01-26',
    }).expect(201);
    const sip = await post(`/api/v1/cases/${id}/sips`, tokens.kommun, {
      initiatorRole: 'SOCIALSEKRETERARE',
      kind: 'FORSTA',
      formote: false,
      requestedOn: '2026-02-02',
    }).expect(201);
    return { id, sipId: sip.body.sipId };
  }

  /** …then the SIP booked on 2026-02-04 and held on 2026-02-16, both recorded today. */
  async function caseWithSipHeldInFebruary(): Promise<string> {
    const { id, sipId } = await caseWithSipRequested();
    await post(`/api/v1/cases/${id}/sips/${sipId}/booking`, tokens.kommun, booking).expect(200);
    await post(`/api/v1/cases/${id}/sips/${sipId}/held`, tokens.kommun, {
      heldOn: '2026-02-16',
      attendees: ['KOMMUN', 'REGION'],
      plan: [{ goal: 'Arbete på deltid', action: 'Praktik via AMT', responsibleParty: 'KOMMUN' }],
    }).expect(200);
    return id;
  }

  const closure = (closedOn: string) => ({
    closedOn,
    outcome: 'ARBETSSOKANDE',
    slutdokumentation: true,
    survey: { offered: true, answered: false },
  });

  async function history(id: string) {
    const res = await t.http
      .get(`/api/v1/cases/${id}/history`)
      .set('Authorization', `Bearer ${tokens.pl}`)
      .expect(200);
    return res.body.events as { type: string; occurredOn: string; recordedAt: string; data: object }[];
  }

  it('R9b R12 a SIP booked and held in February, recorded in June, then a closure dated in March: 200', async () => {
    const id = await caseWithSipHeldInFebruary();
    const closed = await post(`/api/v1/cases/${id}/close`, tokens.pl, closure('2026-03-13')).expect(200);
    expect(closed.body).toMatchObject({ id, version: expect.any(Number) });

    const events = await history(id);
    const booked = events.find((e) => e.type === 'SipBooked');
    expect(booked).toMatchObject({
      occurredOn: '2026-02-04',
      data: { date: '2026-02-16', occurredOn: '2026-02-04', rebooked: false },
    });
    // Recorded today, dated when it was made.
    expect(booked!.recordedAt.slice(0, 10)).toBe('2026-06-15');
    expect(events.find((e) => e.type === 'SipHeld')).toMatchObject({ occurredOn: '2026-02-16' });
    expect(events.find((e) => e.type === 'CaseClosed')).toMatchObject({ occurredOn: '2026-03-13' });

    const view = await t.http
      .get(`/api/v1/cases/${id}`)
      .set('Authorization', `Bearer ${tokens.pl}`)
      .expect(200);
    expect(view.body.status).toBe('CLOSED');
    expect(view.body.sips[0]).toMatchObject({ status: 'HELD', heldOn: '2026-02-16' });
  });

  it('R9b R12 the same case closed in June, before the day the SIP was recorded: 200', async () => {
    const id = await caseWithSipHeldInFebruary();
    await post(`/api/v1/cases/${id}/close`, tokens.pl, closure('2026-06-10')).expect(200);
    expect((await history(id)).find((e) => e.type === 'CaseClosed')).toMatchObject({
      occurredOn: '2026-06-10',
    });
  });

  it('R9b bookedOn in the future, before the request or after the SIP’s date is refused (422) and writes nothing', async () => {
    const { id, sipId } = await caseWithSipRequested();
    const url = `/api/v1/cases/${id}/sips/${sipId}/booking`;
    const cases: [object, string][] = [
      [{ ...booking, date: '2026-06-22', bookedOn: '2026-06-16' }, 'business-date-in-future'],
      [{ ...booking, bookedOn: '2026-02-01' }, 'date-before-request'],
      [{ ...booking, bookedOn: '2026-02-17' }, 'booked-after-sip-date'],
      // Left to default (today), a booking for a SIP already past is refused, not dated today.
      [{ ...booking, bookedOn: undefined }, 'booked-after-sip-date'],
    ];
    const before = (await history(id)).length;
    for (const [body, code] of cases) {
      const res = await post(url, tokens.kommun, body).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toMatch(new RegExp(`rules/${code}$`));
    }
    const bad = await post(url, tokens.kommun, { ...booking, bookedOn: '2026-02-30' }).expect(400);
    expect(JSON.stringify(bad.body.errors)).toContain('bookedOn');
    expect((await history(id)).length).toBe(before);
  });

  it('R9b bookedOn is documented on the booking in the OpenAPI document', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    const bookedOn = doc.body.components.schemas.BookSipDto.properties.bookedOn;
    expect(bookedOn).toMatchObject({ type: 'string', format: 'date' });
    expect(bookedOn.description).toMatch(/default today/);
    expect(doc.body.components.schemas.BookSipDto.required ?? []).not.toContain('bookedOn');
  });
});
