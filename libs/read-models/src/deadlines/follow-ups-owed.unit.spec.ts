import { type CaseEvent, DEFAULT_TENANT_SETTINGS } from '@app/case-domain';
import { accepted, closedEvent, firstInsatsStarted, initiated } from '../../../case-domain/src/testing/fixtures';
import { foldWithHistory, reopenedEvent } from '../../../case-domain/src/testing/case-history';
import { deadlineRows } from './deadlines.projection';

// The deadlines of a reopened case: given its events, then the follow-up deadlines it has.

// Initiated 2025-01-10; the first insats starts 2025-01-20: due 04-20, 07-20, 10-20, 2026-01-20.
const open = [...initiated(), accepted(), ...firstInsatsStarted('i-1', 'ARBETSKONSULENT', '2025-01-20')];

function followUpKinds(events: CaseEvent[]): string[] {
  const { state, history } = foldWithHistory(events);
  return deadlineRows({ case_id: 'c', tenant: 't', version: 1, state, history }, DEFAULT_TENANT_SETTINGS)
    .map((d) => d.kind)
    .filter((k) => k.startsWith('FOLLOW_UP_'))
    .sort();
}

describe('deadlines: follow-ups of a reopened case', () => {
  it('given an open case, every scheduled follow-up not recorded', () => {
    expect(followUpKinds(open)).toEqual(['FOLLOW_UP_12', 'FOLLOW_UP_3', 'FOLLOW_UP_6', 'FOLLOW_UP_9']);
  });

  it('R13 given a case reopened after follow-ups fell due while it was closed, only those due after the reopening', () => {
    const events = [...open, closedEvent('2025-03-01'), reopenedEvent('2025-08-01')];
    expect(foldWithHistory(events).history.reopened).toEqual([
      { closedOn: '2025-03-01', reopenedOn: '2025-08-01' },
    ]);
    expect(followUpKinds(events)).toEqual(['FOLLOW_UP_12', 'FOLLOW_UP_9']);
  });

  it('R13 given a case closed and reopened on the same day, nothing fell due while it was closed', () => {
    expect(followUpKinds([...open, closedEvent('2025-04-20'), reopenedEvent('2025-04-20')])).toHaveLength(4);
  });
});
