import {
  accepted,
  actors,
  as,
  decided,
  given,
  initiateCommand,
  initiated,
  insatsStarted,
  meetingWith,
  MEETING_ID,
  CASE_ID,
} from '../../testing/fixtures';
import type { RecordDecision } from './record-decision';

const decide = (overrides: Partial<RecordDecision> = {}): RecordDecision => ({
  type: 'RecordDecision',
  meetingId: MEETING_ID,
  decision: 'FORDJUPAD_SAMORDNING',
  ownerParty: 'ARBETSFORMEDLINGEN',
  ownerUser: 'u-af',
  decidedOn: '2025-01-21',
  ...overrides,
});
const onAgenda = { meeting: meetingWith([CASE_ID]) };
const pl = as(actors.processledare, '2025-01-21');

describe('RecordDecision (R6)', () => {
  it('R6 fördjupad samordning names the ärendebärare', () => {
    given([...initiated(), accepted()], onAgenda)
      .when(
        decide({
          recommendedInsatser: ['AMT_AF'],
          notParticipating: [{ party: 'REGION', user: 'u-region' }],
        }),
        pl,
      )
      .then([
        {
          type: 'DecisionRecorded',
          data: {
            meetingId: MEETING_ID,
            decision: 'FORDJUPAD_SAMORDNING',
            owner: { party: 'ARBETSFORMEDLINGEN', user: 'u-af' },
            recommendedInsatser: ['AMT_AF'],
            notParticipating: [{ party: 'REGION', user: 'u-region' }],
            occurredOn: '2025-01-21',
          },
        },
      ]);
  });

  it('R6 fördjupad samordning requires an owner party', () => {
    given([...initiated(), accepted()], onAgenda)
      .when(decide({ ownerParty: undefined, ownerUser: undefined }), pl)
      .thenRefuses('R6', 'owner-required');
  });

  it('R6 only accepted cases are decided', () => {
    given(initiated(), onAgenda).when(decide(), pl).thenRefuses('R6', 'decision-state', 'rule');
    given([...initiated(), accepted(), decided()], onAgenda)
      .when(decide(), pl)
      .thenRefuses('R6', 'decision-state');
  });

  it("R6 only cases on that meeting's agenda are decided", () => {
    given([...initiated(), accepted()], { meeting: meetingWith(['other-case']) })
      .when(decide(), pl)
      .thenRefuses('R6', 'not-on-agenda');
    given([...initiated(), accepted()], { meeting: undefined })
      .when(decide(), pl)
      .thenRefuses(undefined, 'meeting-not-found', 'not_found');
  });

  it('R6 BORDLAGD and KOMPLETTERING keep the case awaiting a decision', () => {
    const state = [...initiated(), accepted()];
    const postponed = given(state, onAgenda)
      .when(decide({ decision: 'BORDLAGD', ownerParty: undefined, ownerUser: undefined }), pl)
      .events();
    expect(postponed[0]).toMatchObject({ type: 'DecisionRecorded', data: { decision: 'BORDLAGD' } });
    expect(postponed[0].data).not.toHaveProperty('owner');
    // Still awaiting: a later decision is accepted.
    given([...state, ...postponed], onAgenda)
      .when(decide(), pl)
      .events();
    given(state, onAgenda)
      .when(decide({ decision: 'KOMPLETTERING' }), pl)
      .thenRefuses('R6', 'owner-not-expected');
  });

  it('R6 ej fördjupad samordning returns responsibility to the initiator with a recommendation', () => {
    const [event] = given([...initiated(), accepted()], onAgenda)
      .when(
        decide({
          decision: 'EJ_FORDJUPAD_SAMORDNING',
          ownerParty: undefined,
          ownerUser: undefined,
          recommendation: 'sealed:rec',
        }),
        pl,
      )
      .events();
    expect(event).toMatchObject({ data: { owner: { party: 'KOMMUN' }, recommendation: 'sealed:rec' } });
  });

  it('R6 a case already in coordination without a decision can still be decided', () => {
    given([...initiated(), accepted(), insatsStarted('i1', 'AMT_AF', '2025-01-15')], onAgenda)
      .when(decide(), pl)
      .events();
  });

  it('R2 the owner party must be within the consent scope', () => {
    given([...initiated(), accepted()], onAgenda)
      .when(decide({ ownerParty: 'FORSAKRINGSKASSAN' }), pl)
      .thenRefuses('R2', 'consent-scope');
  });

  it("R2 a decision is not recorded for a date after the consent's end", () => {
    const consentEnding = [
      ...initiated({ consent: { ...initiateCommand().consent, validUntil: '2025-05-31' } }),
      accepted(),
    ];
    const late = { meeting: meetingWith([CASE_ID], '2025-08-01') };
    given(consentEnding, late)
      .when(decide({ decidedOn: '2025-08-01' }), as(actors.processledare, '2025-08-01'))
      .thenRefuses('R2', 'consent-expired', 'rule');
    given(consentEnding, late)
      .when(
        decide({
          decision: 'BORDLAGD',
          ownerParty: undefined,
          ownerUser: undefined,
          decidedOn: '2025-08-01',
        }),
        as(actors.processledare, '2025-08-01'),
      )
      .thenRefuses('R2', 'consent-expired');
    given(consentEnding, onAgenda).when(decide(), pl).events();
  });

  it('R9 recommended insatser come from the catalogue', () => {
    given([...initiated(), accepted()], onAgenda)
      .when(decide({ recommendedInsatser: ['NOPE'] }), pl)
      .thenRefuses('R9', 'insats-not-in-catalogue');
  });

  it('R9b a decision is not dated before its meeting', () => {
    given([...initiated(), accepted()], onAgenda)
      .when(decide({ decidedOn: '2025-01-20' }), as(actors.processledare, '2025-01-21'))
      .thenRefuses('R9b', 'date-before-meeting');
  });

  it('only a processledare records decisions', () => {
    given([...initiated(), accepted()], onAgenda)
      .when(decide(), as(actors.beredning, '2025-01-21'))
      .thenRefuses(undefined, 'role-not-allowed', 'forbidden');
  });
});

describe('HandOverOwnership (R11)', () => {
  const decidedCase = [...initiated(), accepted(), decided('ARBETSFORMEDLINGEN')];

  it('R11 a handover records from and to', () => {
    given(decidedCase)
      .when(
        {
          type: 'HandOverOwnership',
          toParty: 'REGION',
          toUser: 'u-region',
          reason: 'sealed:why',
          handedOverOn: '2025-02-01',
        },
        as(actors.af, '2025-02-01'),
      )
      .then([
        {
          type: 'OwnershipHandedOver',
          data: {
            from: { party: 'ARBETSFORMEDLINGEN' },
            to: { party: 'REGION', user: 'u-region' },
            reason: 'sealed:why',
            occurredOn: '2025-02-01',
          },
        },
      ]);
  });

  it('R11 only a case with an owner can be handed over, by the owner or a processledare', () => {
    given([...initiated(), accepted()])
      .when({ type: 'HandOverOwnership', toParty: 'REGION' }, as(actors.processledare))
      .thenRefuses('R11', 'no-owner');
    given(decidedCase)
      .when({ type: 'HandOverOwnership', toParty: 'REGION' }, as(actors.kommun, '2025-02-01'))
      .thenRefuses('R11', 'not-case-owner', 'forbidden');
    given(decidedCase)
      .when(
        { type: 'HandOverOwnership', toParty: 'ARBETSFORMEDLINGEN' },
        as(actors.processledare, '2025-02-01'),
      )
      .thenRefuses('R11', 'already-owner', 'conflict');
  });

  it('R11 the owner party cannot leave the case without handing it over', () => {
    given(decidedCase)
      .when({ type: 'EndPartyInvolvement', party: 'ARBETSFORMEDLINGEN' }, as(actors.af, '2025-02-01'))
      .thenRefuses('R11', 'owner-must-hand-over');
  });

  it('R2 a handover stays within the consent scope', () => {
    given(decidedCase)
      .when(
        { type: 'HandOverOwnership', toParty: 'FORSAKRINGSKASSAN' },
        as(actors.processledare, '2025-02-01'),
      )
      .thenRefuses('R2', 'consent-scope');
  });

  it("R2 a handover is not recorded for a date after the consent's end", () => {
    const consentEnding = [
      ...initiated({ consent: { ...initiateCommand().consent, validUntil: '2025-05-31' } }),
      accepted(),
      decided('ARBETSFORMEDLINGEN'),
    ];
    given(consentEnding)
      .when(
        { type: 'HandOverOwnership', toParty: 'REGION', handedOverOn: '2025-08-01' },
        as(actors.af, '2025-08-01'),
      )
      .thenRefuses('R2', 'consent-expired', 'rule');
    given(consentEnding)
      .when(
        { type: 'HandOverOwnership', toParty: 'REGION', handedOverOn: '2025-05-31' },
        as(actors.af, '2025-08-01'),
      )
      .events();
  });
});
