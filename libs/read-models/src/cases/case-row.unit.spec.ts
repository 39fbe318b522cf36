import type { CaseEvent } from '@app/case-domain';
import {
  accepted,
  closedEvent,
  firstInsatsStarted,
  initiated,
} from '../../../case-domain/src/testing/fixtures';
import { foldWithHistory, reopenedEvent } from '../../../case-domain/src/testing/case-history';
import { caseRow } from './case-row';

// The queue's follow-up column: given a case's events, then the next follow-up it owes.

describe('case row: the next follow-up owed', () => {
  // Initiated 2025-01-10; the first insats starts 2025-01-20: due 04-20, 07-20, 10-20, 2026-01-20.
  const open = [...initiated(), accepted(), ...firstInsatsStarted('i-1', 'ARBETSKONSULENT', '2025-01-20')];

  it('given an open case, the first follow-up not recorded', () => {
    const { state, history } = foldWithHistory(open);
    const row = caseRow('t', state, history, 1, 1)!;
    expect([row.next_follow_up_month, row.next_follow_up_due]).toEqual(['3', '2025-04-20']);
  });

  it('R13 given a case reopened after follow-ups fell due while it was closed, the first one due after the reopening', () => {
    const { state, history } = foldWithHistory([
      ...open,
      closedEvent('2025-03-01'),
      reopenedEvent('2025-08-01'),
    ]);
    const row = caseRow('t', state, history, 1, 1)!;
    expect([row.next_follow_up_month, row.next_follow_up_due]).toEqual(['9', '2025-10-20']);
  });

  it('§10 given an open case erased, none: nothing can be recorded after the erasure', () => {
    const erased: CaseEvent = {
      type: 'PersonalDataErased',
      data: { personId: 'p', reason: 'ERASURE_REQUEST', occurredOn: '2025-03-01' },
    } as CaseEvent;
    const { state, history } = foldWithHistory([...open, erased]);
    expect(history.erasedOn).toBe('2025-03-01');
    const row = caseRow('t', state, history, 1, 1)!;
    expect([row.next_follow_up_month, row.next_follow_up_due]).toEqual([null, null]);
    // Nor any other task of the queue: the case is no more open for work.
    expect(row.open).toBe(false);
    expect([row.consent_valid_until, row.age_limit_on]).toEqual([null, null]);
  });
});
