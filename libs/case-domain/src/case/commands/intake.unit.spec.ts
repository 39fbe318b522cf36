import { accepted, actors, as, given, initiated } from '../../testing/fixtures';
import type { CaseEvent } from '../events';

const returned: CaseEvent = {
  type: 'CaseReturned',
  data: { reason: 'sealed:reason', occurredOn: '2025-01-12' },
};

describe('intake (R5)', () => {
  it('R5 the processledare accepts a submitted case', () => {
    given(initiated())
      .when({ type: 'AcceptCase', acceptedOn: '2025-01-13' }, as(actors.processledare, '2025-01-14'))
      .then([{ type: 'CaseAccepted', data: { occurredOn: '2025-01-13' } }]);
  });

  it('R5 only a submitted case is accepted or returned', () => {
    given([...initiated(), accepted()])
      .when({ type: 'AcceptCase' }, as(actors.processledare, '2025-01-14'))
      .thenRefuses('R5', 'intake-state', 'rule');
    given([...initiated(), accepted()])
      .when({ type: 'ReturnCase', reason: 'sealed:r' }, as(actors.processledare, '2025-01-14'))
      .thenRefuses('R5', 'intake-state');
  });

  it('R5 a return needs a reason', () => {
    given(initiated())
      .when({ type: 'ReturnCase', reason: '' }, as(actors.processledare, '2025-01-12'))
      .thenRefuses('R5', 'reason-required');
    given(initiated())
      .when({ type: 'ReturnCase', reason: 'sealed:reason' }, as(actors.processledare, '2025-01-12'))
      .then([returned]);
  });

  it('R5 only a processledare accepts or returns', () => {
    given(initiated())
      .when({ type: 'AcceptCase' }, as(actors.kommun))
      .thenRefuses(undefined, 'role-not-allowed', 'forbidden');
  });

  it('R5 a returned case is completed and resubmitted by the initiator', () => {
    given([...initiated(), returned])
      .when(
        { type: 'ResubmitCase', question: 'sealed:q2', otherParties: ['REGION', 'ARBETSFORMEDLINGEN'] },
        as(actors.kommun, '2025-01-15'),
      )
      .then([
        {
          type: 'CaseResubmitted',
          data: {
            question: 'sealed:q2',
            otherParties: ['REGION', 'ARBETSFORMEDLINGEN'],
            occurredOn: '2025-01-15',
          },
        },
      ]);
  });

  it('R5 only a returned case can be resubmitted, and only by its initiator or a processledare', () => {
    given(initiated())
      .when({ type: 'ResubmitCase' }, as(actors.kommun, '2025-01-15'))
      .thenRefuses('R5', 'intake-state');
    given([...initiated(), returned])
      .when({ type: 'ResubmitCase' }, as(actors.af, '2025-01-15'))
      .thenRefuses('R5', 'not-initiator', 'forbidden');
  });

  it('R3 and R2 hold again when a resubmission changes the parties', () => {
    given([...initiated(), returned])
      .when({ type: 'ResubmitCase', otherParties: ['KOMMUN'] }, as(actors.kommun, '2025-01-15'))
      .thenRefuses('R3', 'two-parties-required');
    given([...initiated(), returned])
      .when({ type: 'ResubmitCase', otherParties: ['FORSAKRINGSKASSAN'] }, as(actors.kommun, '2025-01-15'))
      .thenRefuses('R2', 'consent-scope');
  });

  it('R9b intake dates are not before initiation nor in the future', () => {
    given(initiated())
      .when({ type: 'AcceptCase', acceptedOn: '2025-01-09' }, as(actors.processledare, '2025-01-14'))
      .thenRefuses('R9b', 'date-before-initiation');
    given(initiated())
      .when({ type: 'AcceptCase', acceptedOn: '2025-01-15' }, as(actors.processledare, '2025-01-14'))
      .thenRefuses('R9b', 'business-date-in-future');
  });

  it('refuses commands for a case that does not exist', () => {
    given([]).when({ type: 'AcceptCase' }).thenRefuses(undefined, 'case-not-found', 'not_found');
  });
});
