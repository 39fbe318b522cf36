import { randomUUID } from 'node:crypto';
import type { Party, Role } from '@app/case-domain';
import { startTestApp, type TestApp } from '../support/app';
import { initiation } from '../support/fixtures';

// Access by need (issue 6, DOMAIN.md §10), table-driven: every role × every route × a caller of
// the case's own party, of another party, and of another tenant → the expected status. Writes
// carry a stale If-Match, so a caller allowed through answers 409 and nothing is ever written:
// 409 means "the access rules let you act on this case", 404 "no such case for you", 403 "your
// role may not call this route".
//
// The case: initiated by the KOMMUN, AF named, consent scope KOMMUN, AF, REGION; accepted and on a
// meeting's agenda (undecided), so beredningsgrupp members of a party in scope see it. The other
// party, FORSAKRINGSKASSAN, is neither named nor in the scope.

type Relation = 'own party' | 'other party' | 'other tenant';
const ROLES: Role[] = ['processledare', 'handlaggare', 'beredning', 'manager', 'admin', 'system'];
const RELATIONS: Relation[] = ['own party', 'other party', 'other tenant'];
const PARTY_ROLES: Role[] = ['handlaggare', 'beredning', 'system'];
const STALE = '"999"';

interface Fixture {
  caseId: string;
  meetingId: string;
  personId: string;
  /** A second person, for the admin's erasure (erasing is idempotent, so every allowed call answers 200). */
  erasePersonId: string;
}

interface Route {
  name: string;
  method: 'get' | 'post' | 'put' | 'delete';
  path: (f: Fixture) => string;
  body?: (f: Fixture, caller: { party?: Party }) => object;
  /** Writes to a case carry the stale If-Match. */
  stale?: boolean;
  allowed: Role[];
  /** The status for an allowed role, by relation; the default is the case-visibility rule. */
  expect?: (role: Role, relation: Relation) => number;
}

/** The access policy for the fixture's case: who sees it. */
function seesCase(role: Role, relation: Relation): boolean {
  if (relation === 'other tenant') return false;
  if (role === 'processledare') return true;
  if (role === 'handlaggare' || role === 'system' || role === 'beredning') return relation === 'own party';
  return false;
}

const caseRead = (role: Role, relation: Relation) => (seesCase(role, relation) ? 200 : 404);
const caseWrite = (role: Role, relation: Relation) => (seesCase(role, relation) ? 409 : 404);
const sameTenant = (ok: number) => (_: Role, relation: Relation) => (relation === 'other tenant' ? 404 : ok);
const anyTenant = (ok: number) => () => ok;

const sip = randomUUID();
const insats = randomUUID();
const ROUTES: Route[] = [
  {
    name: 'GET case',
    method: 'get',
    path: (f) => `/api/v1/cases/${f.caseId}`,
    allowed: ['processledare', 'handlaggare', 'beredning', 'system'],
    expect: caseRead,
  },
  {
    name: 'GET history',
    method: 'get',
    path: (f) => `/api/v1/cases/${f.caseId}/history`,
    allowed: ['processledare', 'handlaggare', 'beredning', 'system'],
    expect: caseRead,
  },
  {
    name: 'POST initiate',
    method: 'post',
    path: () => '/api/v1/cases',
    // For the caller's own party; "other party" initiates for the KOMMUN without being it (R1).
    body: (_, caller) =>
      initiation({
        person: { personnummer: '19851231-2383', name: 'Bo Berg', gender: 'MAN' },
        initiatingParty: caller.party === 'FORSAKRINGSKASSAN' ? 'KOMMUN' : caller.party,
        otherParties: caller.party === 'ARBETSFORMEDLINGEN' ? ['KOMMUN'] : ['ARBETSFORMEDLINGEN'],
      }),
    allowed: ['handlaggare', 'system'],
    expect: (_, relation) => (relation === 'other party' ? 403 : 201),
  },
  {
    name: 'POST accept',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/accept`,
    body: () => ({}),
    stale: true,
    allowed: ['processledare'],
  },
  {
    name: 'POST return',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/return`,
    body: () => ({ reason: 'Komplettera' }),
    stale: true,
    allowed: ['processledare'],
  },
  {
    name: 'POST resubmit',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/resubmit`,
    body: () => ({}),
    stale: true,
    allowed: ['handlaggare', 'system', 'processledare'],
  },
  {
    name: 'POST sips',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/sips`,
    body: () => ({ initiatorRole: 'SOCIALSEKRETERARE', kind: 'FORSTA', formote: false }),
    stale: true,
    allowed: ['handlaggare', 'processledare', 'system'],
  },
  {
    name: 'POST sip booking',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/sips/${sip}/booking`,
    body: () => ({
      date: '2026-06-20',
      parties: ['KOMMUN', 'REGION'],
      leader: 'KOMMUN',
      documenter: 'REGION',
    }),
    stale: true,
    allowed: ['handlaggare', 'processledare', 'system'],
  },
  {
    name: 'POST sip held',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/sips/${sip}/held`,
    body: () => ({
      heldOn: '2026-06-14',
      attendees: ['KOMMUN'],
      plan: [{ goal: 'Mål', action: 'Åtgärd', responsibleParty: 'KOMMUN' }],
    }),
    stale: true,
    allowed: ['handlaggare', 'processledare', 'system'],
  },
  {
    name: 'POST sip cancel',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/sips/${sip}/cancel`,
    body: () => ({}),
    stale: true,
    allowed: ['handlaggare', 'processledare', 'system'],
  },
  {
    name: 'POST insatser',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/insatser`,
    body: () => ({ insatsCode: 'AMT_AF', startedOn: '2026-06-14' }),
    stale: true,
    allowed: ['handlaggare', 'processledare'],
  },
  {
    name: 'POST insats end',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/insatser/${insats}/end`,
    body: () => ({ endedOn: '2026-06-14', reason: 'STUDIER' }),
    stale: true,
    allowed: ['handlaggare', 'processledare'],
  },
  {
    name: 'POST follow-ups',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/follow-ups`,
    body: () => ({ month: 3, incomeSource: 'LON', step: 3 }),
    stale: true,
    allowed: ['handlaggare', 'processledare'],
  },
  {
    name: 'POST close',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/close`,
    body: () => ({
      closedOn: '2026-06-14',
      outcome: 'STUDIER',
      slutdokumentation: true,
      survey: { offered: true, answered: false },
    }),
    stale: true,
    allowed: ['processledare', 'handlaggare'],
  },
  {
    name: 'POST reopen',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/reopen`,
    body: () => ({ reason: 'Igen' }),
    stale: true,
    allowed: ['processledare'],
  },
  {
    name: 'POST consent withdraw',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/consent/withdraw`,
    body: () => ({ withdrawnOn: '2026-06-14' }),
    stale: true,
    allowed: ['handlaggare', 'processledare', 'system'],
  },
  {
    name: 'POST owner',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/owner`,
    body: () => ({ toParty: 'ARBETSFORMEDLINGEN' }),
    stale: true,
    allowed: ['processledare'],
  },
  {
    name: 'POST party end',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/parties/KOMMUN/end`,
    body: () => ({}),
    stale: true,
    allowed: ['handlaggare', 'processledare'],
  },
  {
    name: 'POST decision',
    method: 'post',
    path: (f) => `/api/v1/cases/${f.caseId}/decision`,
    body: (f) => ({ meetingId: f.meetingId, decision: 'BORDLAGD' }),
    stale: true,
    allowed: ['processledare'],
  },
  {
    name: 'POST agenda',
    method: 'post',
    path: (f) => `/api/v1/meetings/${f.meetingId}/agenda`,
    body: (f) => ({ caseId: f.caseId }),
    stale: true,
    allowed: ['processledare'],
    expect: caseWrite,
  },
  {
    name: 'GET meeting',
    method: 'get',
    path: (f) => `/api/v1/meetings/${f.meetingId}`,
    allowed: ['processledare', 'beredning'],
    expect: sameTenant(200),
  },
  {
    name: 'GET meetings.ics',
    method: 'get',
    path: () => '/api/v1/meetings.ics',
    allowed: ['processledare', 'beredning'],
    expect: anyTenant(200),
  },
  {
    name: 'POST calendar feed',
    method: 'post',
    path: () => '/api/v1/calendar/feeds',
    body: () => ({}),
    allowed: ['processledare', 'beredning'],
    expect: anyTenant(201),
  },
  {
    name: 'GET calendar feeds',
    method: 'get',
    path: () => '/api/v1/calendar/feeds',
    allowed: ['processledare', 'beredning', 'admin'],
    expect: anyTenant(200),
  },
  {
    name: 'DELETE calendar feed',
    method: 'delete',
    path: () => `/api/v1/calendar/feeds/${randomUUID()}`,
    allowed: ['processledare', 'beredning', 'admin'],
    expect: anyTenant(404),
  },
  {
    name: 'GET queue',
    method: 'get',
    path: () => '/api/v1/queue',
    allowed: ['processledare'],
    expect: anyTenant(200),
  },
  {
    name: 'GET cases list',
    method: 'get',
    path: () => '/api/v1/cases',
    allowed: ['processledare', 'handlaggare', 'beredning', 'system'],
    expect: anyTenant(200),
  },
  {
    name: 'GET audit',
    method: 'get',
    path: () => '/api/v1/admin/audit',
    allowed: ['admin'],
    expect: anyTenant(200),
  },
  {
    name: 'GET settings',
    method: 'get',
    path: () => '/api/v1/admin/settings',
    allowed: ['admin', 'processledare'],
    expect: anyTenant(200),
  },
  {
    name: 'GET catalogue',
    method: 'get',
    path: () => '/api/v1/admin/insatser',
    allowed: ['admin', 'processledare', 'handlaggare'],
    expect: anyTenant(200),
  },
  {
    name: 'POST erasure',
    method: 'post',
    path: (f) => `/api/v1/persons/${f.erasePersonId}/erasure`,
    body: () => ({ reason: 'ERASURE_REQUEST' }),
    allowed: ['admin'],
    expect: sameTenant(200),
  },
  {
    name: 'GET extract',
    method: 'get',
    path: (f) => `/api/v1/persons/${f.personId}/extract`,
    allowed: ['processledare'],
    expect: sameTenant(200),
  }, // Meetings: writes with the stale If-Match, like the case writes.
  {
    name: 'POST meeting',
    method: 'post',
    path: () => '/api/v1/meetings',
    body: () => ({ date: '2026-06-30' }),
    allowed: ['processledare'],
    expect: anyTenant(201),
  },
  {
    name: 'POST attendance',
    method: 'post',
    path: (f) => `/api/v1/meetings/${f.meetingId}/attendance`,
    body: () => ({ members: [] }),
    stale: true,
    allowed: ['processledare'],
    expect: sameTenant(409),
  },
  {
    name: 'POST agenda move',
    method: 'post',
    path: (f) => `/api/v1/meetings/${f.meetingId}/agenda/${f.caseId}/move`,
    body: (f) => ({ toMeetingId: f.meetingId }),
    stale: true,
    allowed: ['processledare'],
    expect: sameTenant(409),
  },
  {
    name: 'POST agenda order',
    method: 'post',
    path: (f) => `/api/v1/meetings/${f.meetingId}/agenda/order`,
    body: (f) => ({ caseIds: [f.caseId] }),
    stale: true,
    allowed: ['processledare'],
    expect: sameTenant(409),
  },
  {
    name: 'DELETE agenda item',
    method: 'delete',
    path: (f) => `/api/v1/meetings/${f.meetingId}/agenda/${f.caseId}`,
    stale: true,
    allowed: ['processledare'],
    expect: sameTenant(409),
  },
  // Aggregates and lists that name no person.
  ...[
    'participants',
    'case-outcomes',
    'sips',
    'lead-times',
    'follow-ups',
    'initiating-parties',
    'progression',
    'closing-survey',
  ].map((report): Route => ({
    name: `GET statistics ${report}`,
    method: 'get',
    path: () => `/api/v1/statistics/${report}?from=2026-01-01&to=2026-12-31`,
    allowed: ['manager', 'processledare'],
    expect: anyTenant(200),
  })),
  {
    name: 'GET notifications',
    method: 'get',
    path: () => '/api/v1/notifications',
    allowed: ['handlaggare', 'beredning', 'system', 'processledare'],
    expect: anyTenant(200),
  },
  // Configuration: the tenant's own, whichever tenant calls; writes with the stale If-Match.
  {
    name: 'PUT settings',
    method: 'put',
    path: () => '/api/v1/admin/settings',
    body: () => ({ retentionMonths: 24 }),
    stale: true,
    allowed: ['admin'],
    expect: anyTenant(409),
  },
  {
    name: 'PUT catalogue insats',
    method: 'put',
    path: () => '/api/v1/admin/insatser/AMT_AF',
    body: () => ({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' }),
    stale: true,
    allowed: ['admin'],
    expect: anyTenant(409),
  },
  {
    name: 'PUT party units',
    method: 'put',
    path: () => '/api/v1/admin/parties/KOMMUN/units',
    body: () => ({ units: [{ code: 'EKONOMISKT_BISTAND', name: 'Ekonomiskt bistånd' }] }),
    stale: true,
    allowed: ['admin'],
    expect: anyTenant(409),
  },
  {
    name: 'DELETE party webhook',
    method: 'delete',
    path: () => '/api/v1/admin/parties/KOMMUN/webhook',
    allowed: ['admin'],
    expect: anyTenant(404),
  },
  {
    name: 'GET jobs',
    method: 'get',
    path: () => '/api/v1/admin/jobs',
    allowed: ['admin'],
    expect: anyTenant(200),
  },
  {
    name: 'POST job retry',
    method: 'post',
    path: () => `/api/v1/admin/jobs/deadlines/${randomUUID()}/retry`,
    body: () => ({}),
    allowed: ['admin'],
    expect: anyTenant(404),
  },
];

function expected(route: Route, role: Role, relation: Relation): number {
  if (!route.allowed.includes(role)) return 403;
  return (route.expect ?? caseWrite)(role, relation);
}

const CASES = ROUTES.flatMap((route) =>
  ROLES.flatMap((role) =>
    RELATIONS.map((relation) => ({ route, role, relation, status: expected(route, role, relation) })),
  ),
);

describe('access by need: every role × every route × own party / other party / other tenant', () => {
  let t: TestApp;
  const f = {} as Fixture;
  const tokens = new Map<string, string>();
  let pl: string;
  let ownTenantCaseIds: string[];

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function callerToken(role: Role, relation: Relation): Promise<{ token: string; party?: Party }> {
    const party: Party | undefined = PARTY_ROLES.includes(role)
      ? relation === 'other party'
        ? 'FORSAKRINGSKASSAN'
        : 'KOMMUN'
      : undefined;
    const tenant = relation === 'other tenant' ? 'annat-torg' : 'torget';
    const key = `${tenant}/${role}/${party ?? '-'}`;
    if (!tokens.has(key))
      tokens.set(
        key,
        await t.token({
          tenant,
          roles: [role],
          ...(party ? { party } : {}),
          sub: `${role}-${party ?? 'x'}-${tenant}`,
        }),
      );
    return { token: tokens.get(key)!, party };
  }

  beforeAll(async () => {
    t = await startTestApp();
    pl = await t.token({ roles: ['processledare'], sub: 'pl-1' });
    const soc = await t.token({ roles: ['handlaggare'], party: 'KOMMUN', sub: 'soc-1' });
    const admin = await t.token({ roles: ['admin'], sub: 'admin-1' });
    await t.http
      .put('/api/v1/admin/insatser/AMT_AF')
      .set(auth(admin))
      .send({ name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' })
      .expect(200);

    f.caseId = (await t.http.post('/api/v1/cases').set(auth(soc)).send(initiation()).expect(201)).body.id;
    await t.http.post(`/api/v1/cases/${f.caseId}/accept`).set(auth(pl)).send({}).expect(200);
    f.meetingId = (
      await t.http.post('/api/v1/meetings').set(auth(pl)).send({ date: '2026-06-23' }).expect(201)
    ).body.id;
    const added = await t.http
      .post(`/api/v1/meetings/${f.meetingId}/agenda`)
      .set(auth(pl))
      .send({ caseId: f.caseId })
      .expect(200);
    const view = await t.http
      .get(`/api/v1/cases/${f.caseId}?minPosition=${added.body.position}`)
      .set(auth(pl))
      .expect(200);
    f.personId = view.body.person.personId;

    const other = await t.http
      .post('/api/v1/cases')
      .set(auth(soc))
      .send(initiation({ person: { personnummer: '19700101-0003', name: 'Eva Ek', gender: 'KVINNA' } }))
      .expect(201);
    f.erasePersonId = (
      await t.http.get(`/api/v1/cases/${other.body.id}`).set(auth(pl)).expect(200)
    ).body.person.personId;
    ownTenantCaseIds = [f.caseId, other.body.id];

    // Beredning access reads the agenda read model: wait until it holds the case.
    for (let i = 0; i < 100; i++) {
      const { rows } = await t.db.sql.query('SELECT 1 FROM rm_agenda WHERE case_id = $1', [f.caseId]);
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it(`covers at least 100 cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CASES.map((c) => c.route.name)).size).toBe(ROUTES.length);
  });

  it.each(CASES.map((c) => [c.route.name, c.role, c.relation, c.status, c] as const))(
    '%s as %s of the %s → %i',
    async (_n, _r, _rel, status, c) => {
      const { token, party } = await callerToken(c.role, c.relation);
      let req = t.http[c.route.method](c.route.path(f)).set(auth(token));
      if (c.route.stale) req = req.set('If-Match', STALE);
      const res = c.route.body ? await req.send(c.route.body(f, { party })) : await req;
      expect({ status: res.status, detail: res.status === status ? undefined : res.body?.detail }).toEqual({
        status,
        detail: undefined,
      });
      if (status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (status === 404) expect(JSON.stringify(res.body)).not.toMatch(/Anna|Eva|19900101|19700101/);
      if (c.relation === 'other tenant' && status === 200) {
        if (c.route.name === 'GET audit') {
          // Only that tenant's own callers (their probes of this tenant's ids included, answered 404).
          for (const item of res.body.items) expect(item.actor).toMatch(/-annat-torg$/);
        } else {
          // A list or a feed of another tenant names nothing of this one.
          for (const id of [...ownTenantCaseIds, f.meetingId, f.personId]) expect(res.text).not.toContain(id);
        }
      }
    },
  );

  it('nothing was written to the case by the table (every write was refused or stale)', async () => {
    const res = await t.http.get(`/api/v1/cases/${f.caseId}`).set(auth(pl)).expect(200);
    expect(res.body.version).toBe(2);
    expect(res.body.status).toBe('ACCEPTED');
  });
});
