import {
  accepted,
  actors,
  as,
  decided,
  firstInsatsStarted,
  given,
  initiateCommand,
  initiated,
  closedEvent,
} from '../../testing/fixtures';
import type { RecordFollowUp } from './record-follow-up';

// The person's consent ends 2025-05-31 (R2).
const consentEnding = [
  ...initiated({
    otherParties: ['ARBETSFORMEDLINGEN', 'REGION'],
    consent: { ...initiateCommand().consent, validUntil: '2025-05-31' },
  }),
  accepted(),
  decided('ARBETSFORMEDLINGEN'),
  ...firstInsatsStarted('i1', 'AMT_AF', '2025-02-01'),
];
const followUp = (overrides: Partial<RecordFollowUp> = {}): RecordFollowUp => ({
  type: 'RecordFollowUp',
  month: 3,
  recordedOn: '2025-05-05',
  incomeSource: 'AKTIVITETSSTOD',
  step: 3,
  notes: 'sealed:notes',
  ...overrides,
});

describe('follow-ups and the consent end date (R2)', () => {
  it("R2 a follow-up is not recorded for a date after the consent's end", () => {
    given(consentEnding)
      .when(followUp({ recordedOn: '2025-08-01' }), as(actors.af, '2025-08-02'))
      .thenRefuses('R2', 'consent-expired', 'rule');
    given(consentEnding)
      .when(followUp({ recordedOn: '2025-05-31' }), as(actors.af, '2025-08-02'))
      .events();
  });

  it("R2 the post-closure follow-up is not recorded after the consent's end either", () => {
    const closed = closedEvent('2025-05-20');
    given([...consentEnding, closed])
      .when(followUp({ month: 'POST_CLOSURE', recordedOn: '2026-05-20' }), as(actors.af, '2026-05-21'))
      .thenRefuses('R2', 'consent-expired');
  });

  it("R2 ending things records nothing new about the person and stays allowed after the consent's end", () => {
    const after = '2025-08-01';
    given(consentEnding)
      .when({ type: 'EndInsats', insatsId: 'i1', endedOn: after, reason: 'FLYTT' }, as(actors.af, after))
      .events();
    given(consentEnding)
      .when({ type: 'EndPartyInvolvement', party: 'REGION', endedOn: after }, as(actors.region, after))
      .events();
    given(consentEnding)
      .when(
        {
          type: 'CloseCase',
          closedOn: after,
          outcome: 'ARBETSSOKANDE',
          slutdokumentation: true,
          survey: { offered: true, answered: false },
        },
        as(actors.processledare, after),
      )
      .events();
    given(consentEnding)
      .when({ type: 'WithdrawConsent', withdrawnOn: after }, as(actors.processledare, after))
      .events();
  });
});
