import {
  accepted,
  actors,
  as,
  decided,
  firstInsatsStarted,
  given,
  initiated,
  insatsStarted,
  PERSON_ID,
  sipRequested,
  closedEvent,
} from '../../testing/fixtures';
import type { Actor } from '../../actor';
import type { CaseEvent } from '../events';
import type { CloseCase } from './close-case';
import type { RecordFollowUp } from './record-follow-up';

const coordinated = [
  ...initiated(),
  accepted(),
  decided('ARBETSFORMEDLINGEN'),
  ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01'),
  insatsStarted('i2', 'PSYKOLOG', '2025-02-10'),
];
const close = (overrides: Partial<CloseCase> = {}): CloseCase => ({
  type: 'CloseCase',
  closedOn: '2025-09-01',
  outcome: 'STUDIER',
  extentPercent: 100,
  slutdokumentation: true,
  survey: { offered: true, answered: true },
  step: 6,
  vas: 70,
  ...overrides,
});
const closed = closedEvent();
const followUp = (overrides: Partial<RecordFollowUp> = {}): RecordFollowUp => ({
  type: 'RecordFollowUp',
  month: 3,
  recordedOn: '2025-05-05',
  incomeSource: 'AKTIVITETSSTOD',
  step: 3,
  vas: 55,
  notes: 'sealed:notes',
  ...overrides,
});

describe('follow-ups (R10, R14)', () => {
  it('R10 a follow-up records income source, step, VAS and notes against its due date', () => {
    given(coordinated)
      .when(followUp(), as(actors.af, '2025-05-06'))
      .then([
        {
          type: 'FollowUpRecorded',
          data: {
            month: 3,
            dueOn: '2025-05-01',
            incomeSource: 'AKTIVITETSSTOD',
            step: 3,
            vas: 55,
            notes: 'sealed:notes',
            occurredOn: '2025-05-05',
          },
        },
      ]);
  });

  it('R10 follow-ups count from the first insats start and each month is recorded once', () => {
    given([...initiated(), accepted()])
      .when(followUp(), as(actors.af, '2025-05-06'))
      .thenRefuses('R10', 'follow-up-not-scheduled');
    const recorded = given(coordinated).when(followUp(), as(actors.af, '2025-05-06')).events();
    given([...coordinated, ...recorded])
      .when(followUp(), as(actors.af, '2025-05-07'))
      .thenRefuses('R10', 'follow-up-already-recorded', 'conflict');
    given(coordinated)
      .when(followUp({ recordedOn: '2025-01-31' }), as(actors.af, '2025-05-07'))
      .thenRefuses('R9b', 'date-before-first-insats');
  });

  it('R10 validates the step and VAS scales', () => {
    given(coordinated)
      .when(followUp({ step: 7 }), as(actors.af, '2025-05-06'))
      .thenRefuses(undefined, 'out-of-range', 'validation');
    given(coordinated)
      .when(followUp({ vas: 101 }), as(actors.af, '2025-05-06'))
      .thenRefuses(undefined, 'out-of-range');
    given(coordinated)
      .when(followUp({ month: 4 as never }), as(actors.af, '2025-05-06'))
      .thenRefuses(undefined, 'unknown-code');
  });

  it('R14 after closure only the post-closure follow-up is recorded, and it needs a closure', () => {
    given(coordinated)
      .when(followUp({ month: 'POST_CLOSURE' }), as(actors.af, '2025-05-06'))
      .thenRefuses('R14', 'post-closure-follow-up-before-closure');
    given([...coordinated, closed])
      .when(followUp({ recordedOn: '2025-09-02' }), as(actors.af, '2026-09-05'))
      .thenRefuses('R14', 'case-closed');
    given([...coordinated, closed])
      .when(
        followUp({ month: 'POST_CLOSURE', recordedOn: '2026-09-03', incomeSource: 'LON', step: 6 }),
        as(actors.af, '2026-09-05'),
      )
      .then([
        {
          type: 'FollowUpRecorded',
          data: {
            month: 'POST_CLOSURE',
            dueOn: '2026-09-01',
            incomeSource: 'LON',
            step: 6,
            vas: 55,
            notes: 'sealed:notes',
            occurredOn: '2026-09-03',
          },
        },
      ]);
  });
});

describe('closure (R12)', () => {
  it('R12 closing records one outcome, slutdokumentation and the survey; open insatser end with it, not silently', () => {
    given([...coordinated, sipRequested('sip-1', '2025-02-15')])
      .when(close(), as(actors.af, '2025-09-02'))
      .then([
        {
          type: 'InsatsEnded',
          data: {
            insatsId: 'i1',
            insatsCode: 'AMT_AF',
            party: 'ARBETSFORMEDLINGEN',
            reason: 'STUDIER',
            outcomeClass: 'arbete/studier',
            extentPercent: 100,
            endedBy: 'CASE_CLOSED',
            occurredOn: '2025-09-01',
          },
        },
        {
          type: 'InsatsEnded',
          data: {
            insatsId: 'i2',
            insatsCode: 'PSYKOLOG',
            party: 'REGION',
            reason: 'STUDIER',
            outcomeClass: 'arbete/studier',
            extentPercent: 100,
            endedBy: 'CASE_CLOSED',
            occurredOn: '2025-09-01',
          },
        },
        {
          type: 'CaseClosed',
          data: {
            outcome: 'STUDIER',
            outcomeClass: 'arbete/studier',
            extentPercent: 100,
            slutdokumentation: true,
            survey: { offered: true, answered: true },
            step: 6,
            vas: 70,
            endedInsatser: ['i1', 'i2'],
            openSips: ['sip-1'],
            viaConsentWithdrawal: false,
            occurredOn: '2025-09-01',
          },
        },
      ]);
  });

  it('R12 closing requires the slutdokumentation confirmation', () => {
    given(coordinated)
      .when(close({ slutdokumentation: false as never }), as(actors.af, '2025-09-02'))
      .thenRefuses('R12', 'slutdokumentation-required', 'rule');
  });

  it('R12 a survey can only be answered if it was offered', () => {
    given(coordinated)
      .when(close({ survey: { offered: false, answered: true } }), as(actors.af, '2025-09-02'))
      .thenRefuses('R12', 'survey-answered-not-offered', 'validation');
  });

  it('R12 ANNAT needs its free-text reason; ARBETE its subtype', () => {
    given(coordinated)
      .when(close({ outcome: 'ANNAT', extentPercent: undefined }), as(actors.af, '2025-09-02'))
      .thenRefuses('R12', 'other-reason-required');
    given(coordinated)
      .when(close({ outcome: 'ARBETE' }), as(actors.af, '2025-09-02'))
      .thenRefuses('R12', 'subtype-required');
  });

  it('R12 the ärendebärare or a processledare closes; a closed case is not closed again', () => {
    given(coordinated)
      .when(close(), as(actors.kommun, '2025-09-02'))
      .thenRefuses('R12', 'not-case-owner', 'forbidden');
    given([...coordinated, closed])
      .when(close(), as(actors.processledare, '2025-09-02'))
      .thenRefuses('R12', 'case-closed', 'conflict');
  });

  it('R11 R12 with a named ärendebärare, a colleague at the same party may not close (a handover comes first)', () => {
    const named: CaseEvent = {
      type: 'DecisionRecorded',
      data: {
        meetingId: 'meeting-1',
        decision: 'FORDJUPAD_SAMORDNING',
        owner: { party: 'ARBETSFORMEDLINGEN', user: 'u-af' },
        recommendedInsatser: [],
        notParticipating: [],
        occurredOn: '2025-01-21',
      },
    };
    const history = [...initiated(), accepted(), named, ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01')];
    const colleague: Actor = { sub: 'u-af-2', roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN' };
    given(history)
      .when(close(), as(colleague, '2025-09-02'))
      .thenRefuses('R12', 'not-case-owner', 'forbidden');
    // The same user name at another party is someone else.
    given(history)
      .when(close(), as({ sub: 'u-af', roles: ['handlaggare'], party: 'KOMMUN' }, '2025-09-02'))
      .thenRefuses('R12', 'not-case-owner', 'forbidden');
    expect(given(history).when(close(), as(actors.af, '2025-09-02')).events().at(-1)?.type).toBe(
      'CaseClosed',
    );
  });

  it('R6 a case returned with ej fördjupad samordning is closed as ATER_REMITTENT by its initiator', () => {
    const ejFordjupad: CaseEvent = {
      type: 'DecisionRecorded',
      data: {
        meetingId: 'meeting-1',
        decision: 'EJ_FORDJUPAD_SAMORDNING',
        owner: { party: 'KOMMUN' },
        recommendedInsatser: [],
        notParticipating: [],
        occurredOn: '2025-01-21',
      },
    };
    const events = given([...initiated(), accepted(), ejFordjupad])
      .when(
        close({ outcome: 'ATER_REMITTENT', extentPercent: undefined, closedOn: '2025-01-22' }),
        as(actors.kommun, '2025-01-22'),
      )
      .events();
    expect(events).toMatchObject([
      { type: 'CaseClosed', data: { outcome: 'ATER_REMITTENT', endedInsatser: [] } },
    ]);
  });

  it('R12 a closed case records nothing new until reopened', () => {
    given([...coordinated, closed])
      .when(
        { type: 'StartInsats', insatsId: 'i9', insatsCode: 'AMT_AF', startedOn: '2025-09-05' },
        as(actors.af, '2025-09-05'),
      )
      .thenRefuses('R12', 'case-closed');
  });

  it('R9b a case is not closed before an open insats started', () => {
    given(coordinated)
      .when(close({ closedOn: '2025-02-05' }), as(actors.af, '2025-09-02'))
      .thenRefuses('R9b', 'date-before-insats-start');
  });
});

describe('reopen (R13)', () => {
  it('R13 a closed case is reopened with a reason; its history continues', () => {
    given([...coordinated, closed])
      .when(
        { type: 'ReopenCase', reason: 'sealed:relapse', reopenedOn: '2025-10-01' },
        as(actors.processledare, '2025-10-02'),
      )
      .then([{ type: 'CaseReopened', data: { reason: 'sealed:relapse', occurredOn: '2025-10-01' } }]);
  });

  it('R13 only a closed case is reopened, with a reason, not before its closure', () => {
    given(coordinated)
      .when({ type: 'ReopenCase', reason: 'sealed:r' }, as(actors.processledare, '2025-10-02'))
      .thenRefuses('R13', 'case-not-closed');
    given([...coordinated, closed])
      .when({ type: 'ReopenCase', reason: '' }, as(actors.processledare, '2025-10-02'))
      .thenRefuses('R13', 'reason-required');
    given([...coordinated, closed])
      .when(
        { type: 'ReopenCase', reason: 'sealed:r', reopenedOn: '2025-08-31' },
        as(actors.processledare, '2025-10-02'),
      )
      .thenRefuses('R9b', 'date-before-closure');
  });
});

describe('closing a reopened case (R13, R9b)', () => {
  const reopened: CaseEvent = {
    type: 'CaseReopened',
    data: { reason: 'sealed:relapse', occurredOn: '2025-10-01' },
  };

  it('R13 a reopened case is not closed again before it was reopened (nor before its first closure)', () => {
    // Both dates are after the open insatser started: it is the reopening that bounds them.
    given([...coordinated, closed, reopened])
      .when(close({ closedOn: '2025-09-30' }), as(actors.processledare, '2025-11-02'))
      .thenRefuses('R9b', 'date-before-reopening');
    given([...coordinated, closed, reopened])
      .when(close({ closedOn: '2025-02-01' }), as(actors.processledare, '2025-11-02'))
      .thenRefuses('R9b', 'date-before-reopening');
  });

  it('R13 R15 consent withdrawn on a reopened case is not dated before the reopening (it would close it before)', () => {
    given([...coordinated, closed, reopened])
      .when({ type: 'WithdrawConsent', withdrawnOn: '2025-02-01' }, as(actors.kommun, '2025-11-02'))
      .thenRefuses('R9b', 'date-before-reopening');
  });

  it('R13 a reopened case is closed again on or after the day it was reopened, with its new outcome', () => {
    const events = given([...coordinated, closed, reopened])
      .when(
        close({ closedOn: '2025-10-01', outcome: 'ARBETSSOKANDE', extentPercent: undefined }),
        as(actors.processledare, '2025-11-02'),
      )
      .events();
    const closure = events[events.length - 1];
    expect(closure.type).toBe('CaseClosed');
    expect(closure.data).toMatchObject({ outcome: 'ARBETSSOKANDE', occurredOn: '2025-10-01' });
  });
});

describe('consent withdrawal (R15)', () => {
  it('R15 withdrawal closes the case with SAMTYCKE_ATERKALLAT, ending open insatser', () => {
    given(coordinated)
      .when({ type: 'WithdrawConsent', withdrawnOn: '2025-03-01' }, as(actors.kommun, '2025-03-02'))
      .then([
        {
          type: 'InsatsEnded',
          data: {
            insatsId: 'i1',
            insatsCode: 'AMT_AF',
            party: 'ARBETSFORMEDLINGEN',
            reason: 'SAMTYCKE_ATERKALLAT',
            outcomeClass: 'other',
            endedBy: 'CONSENT_WITHDRAWN',
            occurredOn: '2025-03-01',
          },
        },
        {
          type: 'InsatsEnded',
          data: {
            insatsId: 'i2',
            insatsCode: 'PSYKOLOG',
            party: 'REGION',
            reason: 'SAMTYCKE_ATERKALLAT',
            outcomeClass: 'other',
            endedBy: 'CONSENT_WITHDRAWN',
            occurredOn: '2025-03-01',
          },
        },
        {
          type: 'CaseClosed',
          data: {
            outcome: 'SAMTYCKE_ATERKALLAT',
            outcomeClass: 'other',
            slutdokumentation: false,
            survey: { offered: false, answered: false },
            endedInsatser: ['i1', 'i2'],
            openSips: [],
            viaConsentWithdrawal: true,
            occurredOn: '2025-03-01',
          },
        },
        { type: 'ConsentWithdrawn', data: { occurredOn: '2025-03-01' } },
      ]);
  });

  it('R15 after withdrawal every command but erasure is refused', () => {
    const withdrawn = [
      ...coordinated,
      ...given(coordinated)
        .when({ type: 'WithdrawConsent', withdrawnOn: '2025-03-01' }, as(actors.kommun, '2025-03-02'))
        .events(),
    ];
    const refusedAfter = [
      { type: 'StartInsats', insatsId: 'i9', insatsCode: 'AMT_AF', startedOn: '2025-03-05' },
      { type: 'ReopenCase', reason: 'sealed:r' },
      { type: 'RecordFollowUp', month: 3, incomeSource: 'LON', step: 5 },
      { type: 'WithdrawConsent', withdrawnOn: '2025-03-05' },
      { type: 'RecordDeadlineReached', deadline: 'FOLLOW_UP_3', dueOn: '2025-05-01' },
    ] as const;
    for (const command of refusedAfter) {
      given(withdrawn)
        .when(command, as(actors.processledare, '2025-06-01'))
        .thenRefuses('R15', 'consent-withdrawn', 'rule');
    }
    given(withdrawn)
      .when({ type: 'EraseCasePersonalData', reason: 'ERASURE_REQUEST' }, as(actors.admin, '2025-06-01'))
      .then([
        {
          type: 'PersonalDataErased',
          data: { personId: PERSON_ID, reason: 'ERASURE_REQUEST', occurredOn: '2025-06-01' },
        },
      ]);
  });

  it('R15 withdrawal after closure keeps the original outcome', () => {
    given([...coordinated, closed])
      .when({ type: 'WithdrawConsent', withdrawnOn: '2025-09-10' }, as(actors.processledare, '2025-09-10'))
      .then([{ type: 'ConsentWithdrawn', data: { occurredOn: '2025-09-10' } }]);
  });
});

describe('erasure', () => {
  const erased: CaseEvent = {
    type: 'PersonalDataErased',
    data: { personId: PERSON_ID, reason: 'ERASURE_REQUEST', occurredOn: '2025-06-01' },
  };

  it('is recorded once, by an admin or the system, and stops further processing', () => {
    given([...coordinated, erased])
      .when({ type: 'EraseCasePersonalData', reason: 'RETENTION' }, as(actors.scheduler, '2025-06-02'))
      .then([]);
    given(coordinated)
      .when({ type: 'EraseCasePersonalData', reason: 'X' }, as(actors.processledare, '2025-06-02'))
      .thenRefuses(undefined, 'role-not-allowed', 'forbidden');
    given([...coordinated, erased])
      .when({ type: 'RecordFollowUp', month: 3, incomeSource: 'LON', step: 5 }, as(actors.af, '2025-06-02'))
      .thenRefuses(undefined, 'personal-data-erased', 'conflict');
  });

  it('keeps only a reason code, never free text that could be personal data', () => {
    given(coordinated)
      .when(
        { type: 'EraseCasePersonalData', reason: 'Anna bad om det i telefon' },
        as(actors.admin, '2025-06-02'),
      )
      .thenRefuses(undefined, 'reason-code', 'validation');
  });
});
