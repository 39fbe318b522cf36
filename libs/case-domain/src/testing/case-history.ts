import { type CaseEvent } from '../case/events';
import { evolveCase } from '../case/evolve';
import { type CaseState, initialCaseState } from '../case/state';
import { type CaseHistory, emptyCaseHistory, evolveCaseHistory } from '../case/follow-ups-owed';

/** The case state and its history folded from `events`, as the read models keep them side by side. */
export function foldWithHistory(events: CaseEvent[]): { state: CaseState; history: CaseHistory } {
  let state = initialCaseState();
  let history = emptyCaseHistory();
  for (const e of events) {
    history = evolveCaseHistory(history, state, e);
    state = evolveCase(state, e);
  }
  return { state, history };
}

export const reopenedEvent = (on: string): CaseEvent =>
  ({ type: 'CaseReopened', data: { reason: 'pd1.x', occurredOn: on } }) as CaseEvent;
