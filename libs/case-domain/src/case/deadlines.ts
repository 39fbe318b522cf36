// The deadlines a case has, for the scheduler (caseDeadlines), and the facts that passing one
// records (deadlineFacts, used by RecordDeadlineReached). Both read the same state, so a deadline
// that was recorded disappears from the list and recording it again yields nothing.
import { addDays, addMonths, ageOn } from '../civil-date';
import { approaching30From, leavesAgeRangeOn } from '../age';
import { SCHEDULED_FOLLOW_UP_MONTHS, type DeadlineKind, type FollowUpMonth } from '../codes';
import type { TenantSettings } from '../settings';
import type { AgeLimitReason, CaseEvent } from './events';
import { caseEndedOn, isOpenCase, type CaseFacts, type CaseState, type ExistingCase } from './state';
import { POST_CLOSURE_MONTHS } from './commands/record-follow-up';

export interface CaseDeadline {
  kind: DeadlineKind;
  /** The first day on which RecordDeadlineReached for this kind records a fact. */
  dueOn: string;
}

interface Pending {
  kind: DeadlineKind;
  /** When the fact becomes true; it is recorded with this as its business date. */
  on: string;
  fact: CaseEvent;
}

const FOLLOW_UP_KIND: Record<(typeof SCHEDULED_FOLLOW_UP_MONTHS)[number], DeadlineKind> = {
  3: 'FOLLOW_UP_3',
  6: 'FOLLOW_UP_6',
  9: 'FOLLOW_UP_9',
  12: 'FOLLOW_UP_12',
};

/**
 * R2, R10: a follow-up falling due after the consent's end is not owed: nothing may be recorded
 * about the person then (RecordFollowUp refuses it), so it is neither flagged nor counted late.
 */
export function followUpOwed(state: CaseFacts, due: string): boolean {
  return state.consent.validUntil === undefined || due <= state.consent.validUntil;
}

function followUpPending(
  state: CaseFacts,
  kind: DeadlineKind,
  month: FollowUpMonth,
  due: string,
  settings: TenantSettings,
): Pending[] {
  if (state.followUps[month] !== undefined || !followUpOwed(state, due)) return [];
  const pending: Pending[] = [];
  if (!state.followUpsFlaggedDue.includes(month)) {
    pending.push({
      kind,
      on: due,
      fact: { type: 'FollowUpBecameDue', data: { month, dueOn: due, occurredOn: due } },
    });
  }
  if (!state.followUpsFlaggedOverdue.includes(month)) {
    // Overdue once the grace days after the due date have passed without a recording (R10).
    const overdueOn = addDays(due, settings.followUpGraceDays + 1);
    pending.push({
      kind,
      on: overdueOn,
      fact: { type: 'FollowUpOverdue', data: { month, dueOn: due, occurredOn: overdueOn } },
    });
  }
  return pending;
}

function ageFlag(state: CaseFacts, reason: AgeLimitReason, on: string): Pending {
  return {
    kind: 'AGE_LIMIT',
    on,
    fact: {
      type: 'AgeLimitFlagged',
      data: { reason, age: ageOn(state.person.birthDate, on), occurredOn: on },
    },
  };
}

/** §10: the day a closed or withdrawn case's personal data is due to go; none while it is open. */
export function retentionDueOn(state: ExistingCase, settings: TenantSettings): string | undefined {
  // From the day the case ended: a withdrawal after the closure does not extend the retention.
  const ended = caseEndedOn(state);
  return ended === null ? undefined : addMonths(ended, settings.retentionMonths);
}

/**
 * §10: whether another case of the same person still needs their data on `today` (the data key is
 * the person's, not the case's): one not erased that is open, or closed with its retention date
 * still to come. So the data is kept until the retention date of the person's latest closure.
 */
export function retentionHeldByOthers(
  state: ExistingCase,
  personCases: readonly ExistingCase[],
  settings: TenantSettings,
  today: string,
): boolean {
  return personCases.some((other) => {
    if (other.caseId === state.caseId || other.person.personId !== state.person.personId) return false;
    if (other.personalDataErased) return false;
    const due = retentionDueOn(other, settings);
    return due === undefined || due > today;
  });
}

/** Every deadline fact not yet recorded, whenever it falls. */
function pendingFacts(state: ExistingCase, settings: TenantSettings): Pending[] {
  if (state.personalDataErased) return [];
  const pending: Pending[] = [];

  const on = retentionDueOn(state, settings);
  // A held retention date is done with; a new closure (or withdrawal) gives a new one.
  if (on !== undefined && state.retentionHeldOn !== on) {
    pending.push({
      kind: 'RETENTION',
      on,
      fact: {
        type: 'PersonalDataErased',
        data: { personId: state.person.personId, reason: 'RETENTION', occurredOn: on },
      },
    });
  }
  if (state.status === 'CLOSED') {
    const due = addMonths(state.closure.closedOn, POST_CLOSURE_MONTHS);
    pending.push(...followUpPending(state, 'POST_CLOSURE_FOLLOW_UP', 'POST_CLOSURE', due, settings));
  }
  if (!isOpenCase(state)) return pending;

  // R7: no insats started by the deadline.
  const startedInTime = Object.values(state.insatser).some((i) => i.startedOn <= state.insatsDeadline);
  if (!startedInTime && !state.insatsDeadlineMissed) {
    const on = addDays(state.insatsDeadline, 1);
    pending.push({
      kind: 'INSATS_DEADLINE',
      on,
      fact: { type: 'InsatsDeadlineMissed', data: { insatsDeadline: state.insatsDeadline, occurredOn: on } },
    });
  }
  // R10
  const schedule = state.followUpSchedule;
  if (schedule) {
    for (const month of SCHEDULED_FOLLOW_UP_MONTHS) {
      pending.push(
        ...followUpPending(state, FOLLOW_UP_KIND[month], month, schedule.dueDates[month], settings),
      );
    }
  }
  // R2: consent end date passed.
  if (state.consent.validUntil !== undefined && !state.consentExpiredFlagged) {
    const on = addDays(state.consent.validUntil, 1);
    pending.push({
      kind: 'CONSENT_EXPIRED',
      on,
      fact: { type: 'ConsentExpired', data: { validUntil: state.consent.validUntil, occurredOn: on } },
    });
  }
  // R16: no activity for stagnationWeeks.
  if (state.stagnationFlaggedFor !== state.lastActivityOn) {
    const on = addDays(state.lastActivityOn, settings.stagnationWeeks * 7);
    pending.push({
      kind: 'STAGNANT',
      on,
      fact: { type: 'CaseStagnated', data: { lastActivityOn: state.lastActivityOn, occurredOn: on } },
    });
  }
  // R17: approaching 30 on aktivitetsersättning; turning 65 during the case.
  if (
    state.currentIncomeSource === 'AKTIVITETSERSATTNING' &&
    !state.ageFlags.includes('APPROACHING_30_AKTIVITETSERSATTNING')
  ) {
    pending.push(
      ageFlag(state, 'APPROACHING_30_AKTIVITETSERSATTNING', approaching30From(state.person.birthDate)),
    );
  }
  if (!state.ageFlags.includes('OUTSIDE_16_64')) {
    pending.push(ageFlag(state, 'OUTSIDE_16_64', leavesAgeRangeOn(state.person.birthDate)));
  }
  return pending;
}

/**
 * The deadlines the scheduler should act on: for each, the first day RecordDeadlineReached records
 * a fact. Recorded deadlines drop out. A kind may appear twice (a follow-up becomes due, then
 * overdue, only the next one is listed; AGE_LIMIT has two reasons).
 */
export function caseDeadlines(state: CaseState, settings: TenantSettings): CaseDeadline[] {
  if (state.status === 'NONE') return [];
  const next = new Map<string, CaseDeadline>();
  for (const p of pendingFacts(state, settings)) {
    // Follow-ups: only the nearer of became-due / overdue is listed.
    const key = p.kind === 'AGE_LIMIT' ? `${p.kind}:${p.on}` : p.kind;
    const known = next.get(key);
    if (!known || p.on < known.dueOn) next.set(key, { kind: p.kind, dueOn: p.on });
  }
  return [...next.values()].sort((a, b) =>
    a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.kind < b.kind ? -1 : 1,
  );
}

/**
 * The facts of one deadline kind that are true on `today` and not yet recorded, in date order. A
 * retention date that another of the person's cases (`personCases`) still holds is recorded as
 * RetentionHeld instead of an erasure.
 */
export function deadlineFacts(
  state: ExistingCase,
  settings: TenantSettings,
  kind: DeadlineKind,
  today: string,
  personCases: readonly ExistingCase[] = [],
): CaseEvent[] {
  return pendingFacts(state, settings)
    .filter((p) => p.kind === kind && p.on <= today)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
    .map((p): CaseEvent =>
      p.kind === 'RETENTION' && retentionHeldByOthers(state, personCases, settings, today)
        ? { type: 'RetentionHeld', data: { dueOn: p.on, occurredOn: today } }
        : p.fact,
    );
}
