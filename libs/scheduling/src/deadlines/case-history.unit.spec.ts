import { type CaseEvent, type CaseState, DEFAULT_TENANT_SETTINGS, evolveCase, initialCaseState } from '@app/case-domain';
import { accepted, closedEvent, firstInsatsStarted, initiated } from '../../../case-domain/src/testing/fixtures';
import { emptyCaseHistory, evolveCaseHistory, type CaseHistory } from './case-history';
import { deadlineRows } from './deadlines.projection';

// The deadlines of a reopened case: given its events, then the follow-up deadlines it has.

function fold(events: CaseEvent[]): { state: CaseState; history: CaseHistory } {
  let state = initialCaseState();
  let history = emptyCaseHistory();
  for (const e of events) {
    history = evolveCaseHistory(history, state, e);
    state = evolveCase(state, e);
  }
  return { state, history };
}

const reopened = (on: string): CaseEvent => ({ type: 'CaseReopened', data: { reason: 'pd1.x', occurredOn: on } } as CaseEvent);
// Initiated 2025-01-10; the first insats starts 2025-01-20: due 04-20, 07-20, 10-20, 2026-01-20.
const open = [...initiated(), accepted(), ...firstInsatsStarted('i-1', 'ARBETSKONSULENT', '2025-01-20')];

function followUpKinds(events: CaseEvent[]): string[] {
  const { state, history } = fold(events);
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
    const events = [...open, closedEvent('2025-03-01'), reopened('2025-08-01')];
    expect(fold(events).history.reopened).toEqual([{ closedOn: '2025-03-01', reopenedOn: '2025-08-01' }]);
    expect(followUpKinds(events)).toEqual(['FOLLOW_UP_12', 'FOLLOW_UP_9']);
  });

  it('R13 given a case closed and reopened on the same day, nothing fell due while it was closed', () => {
    expect(followUpKinds([...open, closedEvent('2025-04-20'), reopened('2025-04-20')])).toHaveLength(4);
  });
});
