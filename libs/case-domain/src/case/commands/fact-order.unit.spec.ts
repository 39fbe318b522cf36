// R9b "a business date never precedes the facts it follows", applied to what a case already holds:
// closure and withdrawal after every recorded fact (R12, R15), the history after a reopening (R13),
// insatser and SIPs after acceptance (R9), consent on the dates things are shared (R2), ownership
// and intake dates (R11, R5, R12), and catalogue codes that are the catalogue's own (R9).
import { outcomeClass, type Party } from '../../codes';
import type { CaseEvent } from '../events';
import {
  accepted,
  actors,
  as,
  CASE_ID,
  closedEvent,
  decided,
  firstInsatsStarted,
  given,
  initiateCommand,
  initiated,
  insatsStarted,
  MEETING_ID,
  meetingWith,
  sipRequested,
} from '../../testing/fixtures';
import type { BookSip } from './book-sip';
import type { CloseCase } from './close-case';
import type { RecordDecision } from './record-decision';
import type { RequestSip } from './request-sip';

const close = (closedOn: string): CloseCase => ({
  type: 'CloseCase',
  closedOn,
  outcome: 'ARBETSSOKANDE',
  slutdokumentation: true,
  survey: { offered: true, answered: false },
});
const requestSip = (requestedOn: string): RequestSip => ({
  type: 'RequestSip',
  sipId: 'sip-9',
  initiatorRole: 'SOCIALSEKRETERARE',
  kind: 'FORSTA',
  formote: false,
  requestedOn,
});
const bookSip = (date: string): BookSip => ({
  type: 'BookSip',
  sipId: 'sip-1',
  date,
  parties: ['KOMMUN', 'REGION'],
  leader: 'KOMMUN',
  documenter: 'REGION',
});
const decide = (overrides: Partial<RecordDecision> = {}): RecordDecision => ({
  type: 'RecordDecision',
  meetingId: MEETING_ID,
  decision: 'FORDJUPAD_SAMORDNING',
  ownerParty: 'ARBETSFORMEDLINGEN',
  decidedOn: '2025-01-21',
  ...overrides,
});
const onAgenda = { meeting: meetingWith([CASE_ID]) };

const insatsEnded = (insatsId: string, party: Party, code: string, on: string): CaseEvent => ({
  type: 'InsatsEnded',
  data: {
    insatsId,
    insatsCode: code,
    party,
    reason: 'ARBETSSOKANDE',
    outcomeClass: outcomeClass('ARBETSSOKANDE'),
    endedBy: 'ENDED',
    occurredOn: on,
  },
});
const followUpRecorded = (on: string): CaseEvent => ({
  type: 'FollowUpRecorded',
  data: { month: 3, dueOn: '2025-05-01', incomeSource: 'AKTIVITETSSTOD', step: 3, occurredOn: on },
});
const sipHeld = (on: string): CaseEvent => ({
  type: 'SipHeld',
  data: {
    sipId: 'sip-1',
    personId: 'p',
    personAttended: true,
    attendees: ['KOMMUN'],
    plan: [],
    occurredOn: on,
  },
});
const reopened = (on = '2025-10-01'): CaseEvent => ({
  type: 'CaseReopened',
  data: { reason: 'sealed:relapse', occurredOn: on },
});
const returned = (on: string): CaseEvent => ({
  type: 'CaseReturned',
  data: { reason: 'sealed:r', occurredOn: on },
});
const resubmitted = (on: string): CaseEvent => ({ type: 'CaseResubmitted', data: { occurredOn: on } });
const partyEnded = (party: Party, on: string): CaseEvent => ({
  type: 'PartyInvolvementEnded',
  data: { party, occurredOn: on },
});
const handedOver = (on: string): CaseEvent => ({
  type: 'OwnershipHandedOver',
  data: { from: { party: 'ARBETSFORMEDLINGEN' }, to: { party: 'REGION' }, occurredOn: on },
});

const pl = (today: string) => as(actors.processledare, today);
const decidedCase = [...initiated(), accepted(), decided('ARBETSFORMEDLINGEN')];

describe('closure and withdrawal follow every recorded fact (R12, R15, R9b)', () => {
  it('R12 a case is not closed before its acceptance, its decision or an ended insats', () => {
    given([...initiated(), accepted('2025-01-13')])
      .when(close('2025-01-12'), pl('2025-03-01'))
      .thenRefuses('R9b', 'date-before-recorded-fact');
    given(decidedCase)
      .when(close('2025-01-20'), pl('2025-03-01'))
      .thenRefuses('R9b', 'date-before-recorded-fact');
    given([
      ...decidedCase,
      ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01'),
      insatsEnded('i1', 'ARBETSFORMEDLINGEN', 'AMT_AF', '2025-04-01'),
    ])
      .when(close('2025-03-15'), pl('2025-05-01'))
      .thenRefuses('R9b', 'date-before-recorded-fact');
  });

  it('R12 a case is not closed before a recorded follow-up or a held SIP; on the day of the last fact it is', () => {
    const withFollowUp = [
      ...decidedCase,
      ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01'),
      followUpRecorded('2025-05-05'),
    ];
    given(withFollowUp)
      .when(close('2025-05-04'), pl('2025-06-01'))
      .thenRefuses('R9b', 'date-before-recorded-fact');
    const withSip = [...decidedCase, sipRequested('sip-1', '2025-01-22'), sipHeld('2025-03-10')];
    given(withSip)
      .when(close('2025-03-09'), pl('2025-06-01'))
      .thenRefuses('R9b', 'date-before-recorded-fact');
    const events = given(withSip).when(close('2025-03-10'), pl('2025-06-01')).events();
    expect(events[events.length - 1]).toMatchObject({
      type: 'CaseClosed',
      data: { occurredOn: '2025-03-10' },
    });
  });

  it('R15 consent withdrawal is not dated before a recorded fact, nor before an open insats started', () => {
    const open = [
      ...decidedCase,
      ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01'),
      insatsStarted('i2', 'PSYKOLOG', '2025-02-10'),
    ];
    // It used to end i2 on its start (2025-02-10) while closing the case on 2025-02-05.
    given(open)
      .when({ type: 'WithdrawConsent', withdrawnOn: '2025-02-05' }, as(actors.kommun, '2025-03-01'))
      .thenRefuses('R9b', 'date-before-recorded-fact');
    given([...open, followUpRecorded('2025-05-05')])
      .when({ type: 'WithdrawConsent', withdrawnOn: '2025-05-01' }, as(actors.kommun, '2025-06-01'))
      .thenRefuses('R9b', 'date-before-recorded-fact');
    const events = given(open)
      .when({ type: 'WithdrawConsent', withdrawnOn: '2025-02-10' }, as(actors.kommun, '2025-03-01'))
      .events();
    expect(events.filter((e) => e.type === 'InsatsEnded').map((e) => e.data.occurredOn)).toEqual([
      '2025-02-10',
      '2025-02-10',
    ]);
  });
});

describe('after a reopening the history continues from it (R13)', () => {
  // Closed from DECIDED with an insats and a requested SIP left open, then reopened on 2025-10-01.
  const reopenedCase = [
    ...decidedCase,
    ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01'),
    sipRequested('sip-1', '2025-08-01'),
    {
      ...closedEvent('2025-09-01'),
      data: { ...closedEvent('2025-09-01').data, openSips: ['sip-1'] },
    } as CaseEvent,
    reopened('2025-10-01'),
  ];
  const today = '2025-10-20';
  const inClosedPeriod = '2025-09-15';

  it('R13 an insats or a SIP request is not dated inside the closed period', () => {
    given(reopenedCase)
      .when(
        { type: 'StartInsats', insatsId: 'i9', insatsCode: 'PSYKOLOG', startedOn: inClosedPeriod },
        pl(today),
      )
      .thenRefuses('R9b', 'date-before-reopening');
    given(reopenedCase)
      .when(requestSip(inClosedPeriod), pl(today))
      .thenRefuses('R9b', 'date-before-reopening');
    expect(
      given(reopenedCase)
        .when(
          { type: 'StartInsats', insatsId: 'i9', insatsCode: 'PSYKOLOG', startedOn: '2025-10-01' },
          pl(today),
        )
        .events()[0].type,
    ).toBe('InsatsStarted');
  });

  it('R13 a follow-up, a held, booked or cancelled SIP is not dated inside the closed period', () => {
    given(reopenedCase)
      .when(
        { type: 'RecordFollowUp', month: 9, recordedOn: inClosedPeriod, incomeSource: 'LON', step: 5 },
        as(actors.af, today),
      )
      .thenRefuses('R9b', 'date-before-reopening');
    given(reopenedCase)
      .when(
        { type: 'RecordSipHeld', sipId: 'sip-1', heldOn: inClosedPeriod, attendees: ['KOMMUN'], plan: [] },
        as(actors.kommun, today),
      )
      .thenRefuses('R9b', 'date-before-reopening');
    given(reopenedCase)
      .when(bookSip(inClosedPeriod), as(actors.kommun, today))
      .thenRefuses('R9b', 'date-before-reopening');
    given(reopenedCase)
      .when({ type: 'CancelSip', sipId: 'sip-1', cancelledOn: inClosedPeriod }, as(actors.kommun, today))
      .thenRefuses('R9b', 'date-before-reopening');
  });

  it('R13 a handover or a party leaving is not dated inside the closed period', () => {
    given(reopenedCase)
      .when({ type: 'HandOverOwnership', toParty: 'REGION', handedOverOn: inClosedPeriod }, pl(today))
      .thenRefuses('R9b', 'date-before-reopening');
    given(reopenedCase)
      .when({ type: 'EndPartyInvolvement', party: 'KOMMUN', endedOn: inClosedPeriod }, pl(today))
      .thenRefuses('R9b', 'date-before-reopening');
  });

  it('R13 a case closed from ACCEPTED and reopened is not decided before the reopening', () => {
    const reopenedAccepted = [...initiated(), accepted(), closedEvent('2025-09-01'), reopened('2025-10-01')];
    given(reopenedAccepted, onAgenda)
      .when(decide({ decidedOn: '2025-06-01' }), pl(today))
      .thenRefuses('R9b', 'date-before-reopening');
    expect(
      given(reopenedAccepted, onAgenda)
        .when(decide({ decidedOn: '2025-10-02' }), pl(today))
        .events()[0].type,
    ).toBe('DecisionRecorded');
  });

  it('R13 a case closed from SUBMITTED and reopened is not accepted or returned before the reopening', () => {
    const reopenedSubmitted = [...initiated(), closedEvent('2025-03-01'), reopened('2025-04-01')];
    given(reopenedSubmitted)
      .when({ type: 'AcceptCase', acceptedOn: '2025-03-15' }, pl(today))
      .thenRefuses('R9b', 'date-before-reopening');
    given(reopenedSubmitted)
      .when({ type: 'ReturnCase', reason: 'sealed:r', returnedOn: '2025-03-15' }, pl(today))
      .thenRefuses('R9b', 'date-before-reopening');
  });
});

describe('insatser and SIPs follow the acceptance (R9)', () => {
  const acceptedCase = [...initiated(), accepted('2025-01-13')];

  it('R9 an insats is not dated before the case was accepted (R10 would count follow-ups from it)', () => {
    given(acceptedCase)
      .when(
        { type: 'StartInsats', insatsId: 'i1', insatsCode: 'AMT_AF', startedOn: '2025-01-11' },
        pl('2025-02-01'),
      )
      .thenRefuses('R9b', 'date-before-acceptance');
  });

  it('R9 a SIP request is not dated before the case was accepted', () => {
    given(acceptedCase)
      .when(requestSip('2025-01-12'), as(actors.kommun, '2025-02-01'))
      .thenRefuses('R9b', 'date-before-acceptance');
    expect(
      given(acceptedCase).when(requestSip('2025-01-13'), as(actors.kommun, '2025-02-01')).events()[0].type,
    ).toBe('SipRequested');
  });
});

describe("nothing is shared after the consent's end (R2)", () => {
  const limited = initiated({ consent: { ...initiateCommand().consent, validUntil: '2025-06-30' } });

  it("R2 a returned case is not resubmitted after the consent's end", () => {
    given([...limited, returned('2025-01-12')])
      .when(
        { type: 'ResubmitCase', needs: 'sealed:more', resubmittedOn: '2025-07-01' },
        as(actors.kommun, '2025-07-02'),
      )
      .thenRefuses('R2', 'consent-expired');
  });

  it("R2 a closed case is not reopened after the consent's end", () => {
    given([...limited, accepted(), closedEvent('2025-06-01')])
      .when({ type: 'ReopenCase', reason: 'sealed:r', reopenedOn: '2025-07-02' }, pl('2025-07-03'))
      .thenRefuses('R2', 'consent-expired');
  });

  it("R2 R8 a SIP is not booked for a date after the consent's end, even while the consent still holds today", () => {
    given([...limited, accepted(), decided(), sipRequested('sip-1', '2025-05-01')])
      .when(bookSip('2025-07-15'), as(actors.kommun, '2025-05-10'))
      .thenRefuses('R8', 'sip-consent');
    expect(
      given([...limited, accepted(), decided(), sipRequested('sip-1', '2025-05-01')])
        .when(bookSip('2025-06-30'), as(actors.kommun, '2025-05-10'))
        .events()[0].type,
    ).toBe('SipBooked');
  });
});

describe('ownership, intake and party exits follow the facts they depend on (R11, R5, R12)', () => {
  it('R11 the ärendebärare is not handed over before the decision or handover that named it', () => {
    given(decidedCase)
      .when({ type: 'HandOverOwnership', toParty: 'REGION', handedOverOn: '2025-01-15' }, pl('2025-02-01'))
      .thenRefuses('R9b', 'date-before-ownership');
    given([...decidedCase, handedOver('2025-03-01')])
      .when({ type: 'HandOverOwnership', toParty: 'KOMMUN', handedOverOn: '2025-02-15' }, pl('2025-04-01'))
      .thenRefuses('R9b', 'date-before-ownership');
  });

  it('R5 a resubmitted case is not accepted (or returned again) before its resubmission', () => {
    const resubmittedCase = [...initiated(), returned('2025-01-12'), resubmitted('2025-01-20')];
    given(resubmittedCase)
      .when({ type: 'AcceptCase', acceptedOn: '2025-01-15' }, pl('2025-02-01'))
      .thenRefuses('R9b', 'date-before-resubmission');
    given(resubmittedCase)
      .when({ type: 'ReturnCase', reason: 'sealed:r', returnedOn: '2025-01-15' }, pl('2025-02-01'))
      .thenRefuses('R9b', 'date-before-resubmission');
  });

  it('R12 a party does not end its involvement before its insats ended', () => {
    given([
      ...decidedCase,
      ...firstInsatsStarted('i1', 'PSYKOLOG', '2025-02-10'),
      insatsEnded('i1', 'REGION', 'PSYKOLOG', '2025-04-01'),
    ])
      .when({ type: 'EndPartyInvolvement', party: 'REGION', endedOn: '2025-03-01' }, pl('2025-05-01'))
      .thenRefuses('R9b', 'date-before-insats-end');
  });

  it('R12 R11 ej fördjupad samordning does not make an initiator that has left the case its ärendebärare', () => {
    given([...initiated(), accepted(), partyEnded('KOMMUN', '2025-01-15')], onAgenda)
      .when(
        decide({ decision: 'EJ_FORDJUPAD_SAMORDNING', ownerParty: undefined, recommendation: 'sealed:rec' }),
        pl('2025-01-21'),
      )
      .thenRefuses('R12', 'party-involvement-ended');
  });
});

describe("catalogue codes are the catalogue's own entries (R9)", () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'R9 an insats coded %s is not in the catalogue',
    (code) => {
      given([...initiated(), accepted()])
        .when(
          { type: 'StartInsats', insatsId: 'i1', insatsCode: code, startedOn: '2025-01-20' },
          pl('2025-01-21'),
        )
        .thenRefuses('R9', 'insats-not-in-catalogue');
      given([...initiated(), accepted()], onAgenda)
        .when(decide({ recommendedInsatser: [code] }), pl('2025-01-21'))
        .thenRefuses('R9', 'insats-not-in-catalogue');
    },
  );

  it.each(['constructor', 'toString', '__proto__'])(
    'R9 R8 the id %s names no insats or SIP the case does not have',
    (id) => {
      const coordinated = [...decidedCase, ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01')];
      given(coordinated)
        .when(
          { type: 'EndInsats', insatsId: id, endedOn: '2025-03-01', reason: 'ARBETSSOKANDE' },
          as(actors.af, '2025-03-02'),
        )
        .thenRefuses(undefined, 'insats-not-found', 'not_found');
      given(coordinated)
        .when(
          {
            type: 'BookSip',
            sipId: id,
            date: '2025-03-05',
            parties: ['KOMMUN'],
            leader: 'KOMMUN',
            documenter: 'KOMMUN',
          },
          as(actors.kommun, '2025-03-02'),
        )
        .thenRefuses(undefined, 'sip-not-found', 'not_found');
      const started = given(coordinated)
        .when(
          { type: 'StartInsats', insatsId: id, insatsCode: 'PSYKOLOG', startedOn: '2025-03-01' },
          pl('2025-03-02'),
        )
        .events();
      expect(started[0]).toMatchObject({ type: 'InsatsStarted', data: { insatsId: id } });
      const requested = given(coordinated)
        .when({ ...requestSip('2025-03-01'), sipId: id }, as(actors.kommun, '2025-03-02'))
        .events();
      expect(requested[0]).toMatchObject({ type: 'SipRequested', data: { sipId: id } });
    },
  );
});
