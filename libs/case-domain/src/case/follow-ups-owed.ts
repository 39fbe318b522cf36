import { type CaseEvent } from './events';
import { type CaseFacts, type CaseState, caseEndedOn } from './state';
import { type ScheduledFollowUpMonth } from '../codes';
import { followUpOwed } from './deadlines';

/**
 * What the case state forgets and the follow-up rules need, folded from the same events: the
 * closed periods a case was reopened from (R13: the state drops the closure) and the day its
 * personal data was erased (§10: the state keeps only that it was). Kept beside the state by the
 * read models that decide which follow-ups a case owes (cases, deadlines, statistics).
 */
export interface CaseHistory {
  /** Each closed period the case was reopened from: closed on `closedOn`, open again on `reopenedOn`. */
  reopened: { closedOn: string; reopenedOn: string }[];
  /** The business date of the erasure of the case's personal data; nothing happens on it after. */
  erasedOn?: string;
}

export function emptyCaseHistory(): CaseHistory {
  return { reopened: [] };
}

/** Folds one event, given the case state before it. Returns `history` itself when nothing changed. */
export function evolveCaseHistory(history: CaseHistory, before: CaseState, event: CaseEvent): CaseHistory {
  if (event.type === 'CaseReopened' && before.status === 'CLOSED') {
    const closedOn = caseEndedOn(before)!;
    return { ...history, reopened: [...history.reopened, { closedOn, reopenedOn: event.data.occurredOn }] };
  }
  if (event.type === 'PersonalDataErased' && history.erasedOn === undefined) {
    return { ...history, erasedOn: event.data.occurredOn };
  }
  return history;
}

/** Whether the case was closed on `day` in a period it was later reopened from. */
export function closedThenReopened(history: CaseHistory, day: string): boolean {
  return history.reopened.some((r) => r.closedOn <= day && day < r.reopenedOn);
}

/**
 * Whether a follow-up falling due on `due` is owed: within the consent (R2, the domain's
 * followUpOwed), not after the erasure (§10: nothing can be recorded then) and, for the scheduled
 * ones (R10), not while the case was closed in a period it was reopened from (R13: reopening does
 * not bring back what fell due while it was closed). A recorded follow-up is always counted.
 */
export function followUpOwedBy(state: CaseFacts, history: CaseHistory, due: string): boolean {
  if (!followUpOwed(state, due)) return false;
  if (history.erasedOn !== undefined && due > history.erasedOn) return false;
  return true;
}

export function scheduledFollowUpOwed(state: CaseFacts, history: CaseHistory, due: string): boolean {
  return followUpOwedBy(state, history, due) && !closedThenReopened(history, due);
}

/** The scheduled follow-ups (R10) not owed because they fell due while the case was closed (R13). */
export function fellDueWhileClosed(state: CaseFacts, history: CaseHistory): ScheduledFollowUpMonth[] {
  const schedule = state.followUpSchedule;
  if (!schedule) return [];
  return (Object.keys(schedule.dueDates).map(Number) as ScheduledFollowUpMonth[]).filter(
    (m) => state.followUps[m] === undefined && closedThenReopened(history, schedule.dueDates[m]),
  );
}
