import { Writable } from 'node:stream';
import { startTestApp, type TestApp } from '../support/app';
import { PNR, initiation } from '../support/fixtures';

/**
 * One individärende from consent to a second closure, over HTTP only, with the clock moving as
 * the weeks pass: consent → initiation → return and resubmit → accept → agenda → decision → SIP
 * with förmöte, booked, held → two parallel insatser → follow-ups at 3, 6, 9 and 12 months → one
 * insats ends in ARBETE → closure → reopen → closure.
 */
describe('a whole case, over HTTP', () => {
  let t: TestApp;
  let caseId: string;
  let lastPosition = 0;
  const freeText = [
    'Anna Andersson',
    'Hur kan Anna komma närmare arbete trots sin ångest?',
    'Komplettera med hälsoläget',
    'Annas mål: arbete på deltid',
    'Anna mår bättre och söker jobb',
  ];

  // Everything the service logs during the scenario, to search for personal data.
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-12T08:00:00Z', logStream });
  });
  afterAll(async () => {
    await t.close();
  });

  const as = {
    soc: () => t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'socialsekreterare-1' }),
    af: () => t.token({ roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN', sub: 'arbetsformedlare-1' }),
    region: () => t.token({ roles: ['handlaggare'], party: 'REGION', sub: 'vardenhet-1' }),
    pl: () => t.token({ roles: ['processledare'], sub: 'processledare-1' }),
    admin: () => t.token({ roles: ['admin'], sub: 'admin-1' }),
  };

  async function at(date: string) {
    t.clock.set(`${date}T09:00:00Z`);
  }
  async function post(path: string, token: Promise<string>, body: object, status = 200) {
    const res = await t.http.post(path).set('Authorization', `Bearer ${await token}`).send(body);
    expect({ path, status: res.status, body: res.body }).toEqual({ path, status, body: expect.anything() });
    if (typeof res.body.position === 'number') lastPosition = Math.max(lastPosition, res.body.position);
    return res.body;
  }
  async function view() {
    const res = await t.http.get(`/api/v1/cases/${caseId}?minPosition=${lastPosition}`).set('Authorization', `Bearer ${await as.pl()}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  it('runs from consent to a second closure', async () => {
    for (const [code, name, party] of [
      ['AMT-ARBETSFORMEDLARE', 'Arbetsförmedlare på AMT', 'ARBETSFORMEDLINGEN'],
      ['PSYKOLOG', 'Psykolog', 'REGION'],
    ]) {
      await t.http.put(`/api/v1/admin/insatser/${code}`).set('Authorization', `Bearer ${await as.admin()}`).send({ name, party }).expect(200);
    }

    // The socialsekreterare has the person's written consent (given 2026-01-10) and initiates.
    await at('2026-01-12');
    const created = await post(
      '/api/v1/cases',
      as.soc(),
      initiation({
        consent: { givenBy: 'PERSON', givenOn: '2026-01-10', form: 'SKRIFTLIG', documentRef: 'Dok 2026-17', scopeParties: ['KOMMUN', 'REGION', 'ARBETSFORMEDLINGEN'] },
        otherParties: ['ARBETSFORMEDLINGEN', 'REGION'],
        initiatedOn: undefined,
      }),
      201,
    );
    caseId = created.id;
    expect((await view()).deadlines.insatsDeadline).toBe('2026-04-12');

    // Intake: returned for completion, resubmitted, accepted (R5).
    await at('2026-01-13');
    await post(`/api/v1/cases/${caseId}/return`, as.pl(), { reason: 'Komplettera med hälsoläget' });
    await at('2026-01-15');
    await post(`/api/v1/cases/${caseId}/resubmit`, as.soc(), { needs: 'Psykiatrisk kontakt och stöd mot arbete.' });
    await at('2026-01-16');
    await post(`/api/v1/cases/${caseId}/accept`, as.pl(), {});
    const meeting = await post('/api/v1/meetings', as.pl(), { date: '2026-01-20', time: '09:00', place: 'Jobbtorget' }, 201);
    await post(`/api/v1/meetings/${meeting.id}/agenda`, as.pl(), { caseId });

    // The beredningsgrupp decides on deeper coordination with AF as ärendebärare (R6).
    await at('2026-01-20');
    await post(`/api/v1/cases/${caseId}/decision`, as.pl(), {
      meetingId: meeting.id,
      decision: 'FORDJUPAD_SAMORDNING',
      ownerParty: 'ARBETSFORMEDLINGEN',
      ownerUser: 'arbetsformedlare-1',
      recommendedInsatser: ['AMT-ARBETSFORMEDLARE', 'PSYKOLOG'],
      notParticipating: [{ party: 'FORSAKRINGSKASSAN' }],
    });
    expect(await view()).toMatchObject({ status: 'DECIDED', owner: { party: 'ARBETSFORMEDLINGEN', user: 'arbetsformedlare-1' } });

    // A SIP with förmöte: requested by the kommun, booked, held with a plan (R8).
    await at('2026-01-21');
    const sip = await post(`/api/v1/cases/${caseId}/sips`, as.soc(), { initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: true }, 201);
    await at('2026-01-22');
    await post(`/api/v1/cases/${caseId}/sips/${sip.sipId}/booking`, as.soc(), {
      date: '2026-02-03',
      parties: ['KOMMUN', 'REGION', 'ARBETSFORMEDLINGEN'],
      leader: 'KOMMUN',
      documenter: 'REGION',
      externalRef: 'REGION-BOKNING-991',
    });

    // Two insatser in parallel (R9); the first starts the follow-up clock (R10).
    await at('2026-02-02');
    const amt = await post(`/api/v1/cases/${caseId}/insatser`, as.af(), { insatsCode: 'AMT-ARBETSFORMEDLARE', startedOn: '2026-02-02' }, 201);
    await at('2026-02-03');
    await post(`/api/v1/cases/${caseId}/sips/${sip.sipId}/held`, as.region(), {
      heldOn: '2026-02-03',
      attendees: ['KOMMUN', 'REGION', 'ARBETSFORMEDLINGEN'],
      plan: [
        { goal: 'Annas mål: arbete på deltid', action: 'Praktik via AMT', responsibleParty: 'ARBETSFORMEDLINGEN' },
        { goal: 'Stabil psykisk hälsa', action: 'Samtal hos psykolog', responsibleParty: 'REGION' },
      ],
    });
    await at('2026-02-05');
    await post(`/api/v1/cases/${caseId}/insatser`, as.region(), { insatsCode: 'PSYKOLOG', startedOn: '2026-02-05' }, 201);
    const started = await view();
    expect(started.followUpSchedule.dueDates).toEqual({ 3: '2026-05-02', 6: '2026-08-02', 9: '2026-11-02', 12: '2027-02-02' });
    expect(started.insatser).toHaveLength(2);
    expect(started.sips[0]).toMatchObject({ status: 'HELD', formote: true, personAttended: true });

    // Follow-ups at 3, 6, 9 and 12 months, each on its due date.
    const followUps: [number, string, string, number][] = [
      [3, '2026-05-02', 'FORSORJNINGSSTOD', 2],
      [6, '2026-08-02', 'FORSORJNINGSSTOD', 3],
      [9, '2026-11-02', 'ARBETSLOSHETSERSATTNING', 4],
      [12, '2027-02-02', 'LON', 5],
    ];
    for (const [month, date, incomeSource, step] of followUps) {
      await at(date);
      await post(`/api/v1/cases/${caseId}/follow-ups`, as.af(), { month, incomeSource, step, vas: 50 + step * 5, notes: 'Anna mår bättre och söker jobb' });
    }

    // The AMT insats ends in work with lönebidrag while the case goes on (R9).
    await at('2027-02-15');
    await post(`/api/v1/cases/${caseId}/insatser/${amt.insatsId}/end`, as.af(), { endedOn: '2027-02-15', reason: 'ARBETE', subtype: 'LONEBIDRAG', extentPercent: 75 });

    // Closure (R12), reopening (R13), closure again.
    await at('2027-02-20');
    await post(`/api/v1/cases/${caseId}/close`, as.pl(), {
      closedOn: '2027-02-20',
      outcome: 'ARBETE',
      subtype: 'LONEBIDRAG',
      extentPercent: 75,
      slutdokumentation: true,
      survey: { offered: true, answered: true },
    });
    expect(await view()).toMatchObject({ status: 'CLOSED', closure: { outcome: 'ARBETE', closedOn: '2027-02-20' } });
    await at('2027-03-10');
    await post(`/api/v1/cases/${caseId}/reopen`, as.pl(), { reason: 'Anställningen avbröts, nytt stöd behövs' });
    expect((await view()).status).not.toBe('CLOSED');
    await at('2027-04-01');
    await post(`/api/v1/cases/${caseId}/close`, as.pl(), {
      closedOn: '2027-04-01',
      outcome: 'ARBETE',
      subtype: 'OSUBVENTIONERAD',
      extentPercent: 50,
      slutdokumentation: true,
      survey: { offered: true, answered: false },
    });

    const final = await view();
    expect(final).toMatchObject({
      status: 'CLOSED',
      closure: { outcome: 'ARBETE', closedOn: '2027-04-01' },
      person: { name: 'Anna Andersson', personnummer: PNR.replace('-', ''), gender: 'KVINNA' },
      question: 'Hur kan Anna komma närmare arbete trots sin ångest?',
    });
    const ended = final.insatser.map((i: { insatsCode: string; ended: { reason: string; endedBy: string } }) => [i.insatsCode, i.ended.reason, i.ended.endedBy]);
    expect(ended).toEqual(
      expect.arrayContaining([
        ['AMT-ARBETSFORMEDLARE', 'ARBETE', 'ENDED'],
        ['PSYKOLOG', 'ARBETE', 'CASE_CLOSED'],
      ]),
    );

    const history = await t.http.get(`/api/v1/cases/${caseId}/history`).set('Authorization', `Bearer ${await as.pl()}`).expect(200);
    const types = history.body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'CaseInitiated',
      'CaseReturned',
      'CaseResubmitted',
      'CaseAccepted',
      'DecisionRecorded',
      'SipRequested',
      'SipBooked',
      'InsatsStarted',
      'FollowUpsScheduled',
      'SipHeld',
      'InsatsStarted',
      'FollowUpRecorded',
      'FollowUpRecorded',
      'FollowUpRecorded',
      'FollowUpRecorded',
      'InsatsEnded',
      'InsatsEnded',
      'CaseClosed',
      'CaseReopened',
      'CaseClosed',
    ]);
    // Positions only grow and versions have no gap.
    const versions = history.body.events.map((e: { version: number }) => e.version);
    expect(versions).toEqual(versions.map((_: number, i: number) => i + 1));
    // R9b: business dates are kept apart from recording times.
    const held = history.body.events.find((e: { type: string }) => e.type === 'SipHeld');
    expect(held).toMatchObject({ occurredOn: '2026-02-03', recordedAt: '2026-02-03T09:00:00.000Z', actor: { sub: 'vardenhet-1', party: 'REGION' } });
  });

  it('logged every request with a request id, and no token, name, personnummer or free text', async () => {
    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(30);
    const completed = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request completed');
    expect(completed.length).toBeGreaterThan(20);
    expect(completed.every((l) => typeof l.req.id === 'string' && l.res.statusCode)).toBe(true);
    const secrets = [...freeText, PNR, PNR.replace('-', ''), PNR.slice(2), 'Bearer ey', 'eyJ'];
    for (const secret of secrets) expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false });
  });

  it('left no name, personnummer or free text in clear in any table of the store', async () => {
    const schema = t.db.schema ?? 'public';
    const tables = await t.db.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [schema],
    );
    const secrets = [...freeText, PNR, PNR.replace('-', ''), PNR.slice(2), PNR.slice(2).replace('-', '')];
    let searched = 0;
    for (const { table_name } of tables.rows) {
      const { rows } = await t.db.sql.query<{ r: string }>(`SELECT t::text AS r FROM ${schema}.${table_name} t`);
      for (const { r } of rows) {
        searched++;
        for (const secret of secrets) expect({ table: table_name, found: r.includes(secret) }).toEqual({ table: table_name, found: false });
      }
    }
    expect(searched).toBeGreaterThan(20);
  });
});
