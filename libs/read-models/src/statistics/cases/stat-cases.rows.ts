import {
  type CaseState,
  type ExistingCase,
  type InsatsFact,
  POST_CLOSURE_MONTHS,
  type SipFact,
  addMonths,
  caseEndedOn,
  outcomeClass,
  type CaseHistory,
  closedThenReopened,
  followUpOwedBy,
  scheduledFollowUpOwed,
} from '@app/case-domain';
import type { CaseStep } from '../../case-fold/case-fold';
import { type HistoryTable, type StatRow, type StateTable, rowKey } from './stat-cases.columns';

// The rows of the statistics of cases (docs/statistics.md), derived from a case's folded state and
// history and from its events, without I/O: the rows its state implies now (the case with its
// follow-ups, its insats periods, its SIPs), and the facts history keeps although the state forgets
// them (every closure of a reopened case, every progression rating, the post-closure follow-up of a
// closure the case was reopened from). Beside the state, each case's CaseHistory (the closed
// periods it was reopened from, the day it was erased) decides which follow-ups it owes.

/**
 * The scheduler's facts about the passing of time (a follow-up fell due, a case stagnated, …) only
 * set flags no figure reads (docs/statistics.md counts from business dates): they leave the rows be.
 */
export const TIME_FACTS: ReadonlySet<string> = new Set([
  'AgeLimitFlagged',
  'InsatsDeadlineMissed',
  'FollowUpBecameDue',
  'FollowUpOverdue',
  'ConsentExpired',
  'CaseStagnated',
  'RetentionHeld',
]);

/** The facts a batch adds to history, by table. */
export type HistoryRows = { [T in HistoryTable]: StatRow<T>[] };

export function noHistoryRows(): HistoryRows {
  return { closures: [], progress: [], pastFollowUps: [], decisions: [], reopenings: [] };
}

/** Whether the case was closed on `day`: closed then (or before) and not reopened by then (R13). */
function closedOnDay(state: ExistingCase, history: CaseHistory, day: string): boolean {
  const ended = caseEndedOn(state);
  return (ended !== null && ended <= day) || closedThenReopened(history, day);
}

/** The post-closure follow-up of a closed case (R14): its due date, and whether it is owed. */
function postClosureDue(state: ExistingCase, history: CaseHistory): string | null {
  // A consent withdrawn after the closure keeps the closure (and the day the case ended, §10).
  const closure = state.status === 'CLOSED' || state.status === 'WITHDRAWN' ? state.closure : undefined;
  if (!closure) return null;
  const due = addMonths(closure.closedOn, POST_CLOSURE_MONTHS);
  // R15: nothing may be recorded after a withdrawal; what fell due before it stays owed.
  if (state.status === 'WITHDRAWN' && due > state.withdrawnOn) return null;
  return followUpOwedBy(state, history, due) ? due : null;
}

/** The facts an event adds to history: a closure, a progression rating, a reopened closure's follow-up. */
export function historyRows(step: CaseStep<{ position: number; tenant: string }>, out: HistoryRows): void {
  const { event, was, state, history } = step;
  if (state.status === 'NONE') return;
  const { closures, progress } = out;
  const { position, tenant } = step.recorded;
  const caseId = state.caseId;
  const personId = state.person.personId;
  switch (event.type) {
    case 'CaseReopened': {
      // The caseload on a date (docs/statistics.md §21) needs every reopening.
      out.reopenings.push({ position, tenant, case_id: caseId, reopened_on: event.data.occurredOn });
      // The state forgets the closure and its post-closure follow-up: it stays owed if it was
      // recorded or fell due before the reopening (R13 does not rewrite the closed period).
      if (was.status !== 'CLOSED') return;
      const recorded = was.followUps.POST_CLOSURE;
      const due = recorded?.dueOn ?? postClosureDue(was, history);
      if (due === null || (!recorded && due >= event.data.occurredOn)) return;
      out.pastFollowUps.push({
        position,
        tenant,
        case_id: caseId,
        month: 'POST_CLOSURE',
        due_on: due,
        recorded_on: recorded?.recordedOn ?? null,
      });
      return;
    }
    case 'CaseClosed': {
      const d = event.data;
      closures.push({
        position,
        tenant,
        case_id: caseId,
        person_id: personId,
        gender: state.person.gender,
        age_band: state.person.ageBand,
        initiated_on: state.initiatedOn,
        closed_on: d.occurredOn,
        outcome: d.outcome,
        outcome_class: d.outcomeClass,
        subtype: d.subtype ?? null,
        extent_percent: d.extentPercent ?? null,
        survey_offered: d.survey.offered,
        survey_answered: d.survey.offered && d.survey.answered,
        via_consent_withdrawal: d.viaConsentWithdrawal,
      });
      if (d.step !== undefined || d.vas !== undefined) {
        progress.push({
          position,
          tenant,
          case_id: caseId,
          person_id: personId,
          source: 'CLOSURE',
          insats_id: null,
          month: null,
          rated_on: d.occurredOn,
          step: d.step ?? null,
          vas: d.vas ?? null,
        });
      }
      return;
    }
    case 'DecisionRecorded': {
      out.decisions.push({
        position,
        tenant,
        case_id: caseId,
        gender: state.person.gender,
        decided_on: event.data.occurredOn,
        decision: event.data.decision,
      });
      return;
    }
    case 'InsatsStarted': {
      const d = event.data;
      if (d.step !== undefined || d.vas !== undefined) {
        progress.push({
          position,
          tenant,
          case_id: caseId,
          person_id: personId,
          source: 'INSATS_START',
          insats_id: d.insatsId,
          month: null,
          rated_on: d.occurredOn,
          step: d.step ?? null,
          vas: d.vas ?? null,
        });
      }
      return;
    }
    case 'FollowUpRecorded': {
      const d = event.data;
      progress.push({
        position,
        tenant,
        case_id: caseId,
        person_id: personId,
        source: 'FOLLOW_UP',
        insats_id: null,
        month: String(d.month),
        rated_on: d.occurredOn,
        step: d.step,
        vas: d.vas ?? null,
      });
      return;
    }
    default:
      return;
  }
}

/** The first substantive beredning decision (FORDJUPAD / EJ_FORDJUPAD_SAMORDNING). */
function firstDecision(state: ExistingCase) {
  for (const d of state.decisions)
    if (d.decision === 'FORDJUPAD_SAMORDNING' || d.decision === 'EJ_FORDJUPAD_SAMORDNING') return d;
  return undefined;
}

/**
 * The case's row: its dates, and when each follow-up falls due and was recorded (R10: counted from
 * the first insats; R14: a year after closure, owed once closed). A follow-up not recorded has a
 * due date only while it is owed (followUpOwedBy, scheduledFollowUpOwed; docs/statistics.md §10).
 */
function caseRow(
  tenant: string,
  state: ExistingCase,
  history: CaseHistory,
  insatser: InsatsFact[],
): StatRow<'cases'> {
  const decided = firstDecision(state);
  let firstInsats: string | null = null;
  for (const i of insatser) if (firstInsats === null || i.startedOn < firstInsats) firstInsats = i.startedOn;
  const f = state.followUps;
  const owed = (date: string | undefined) =>
    date && scheduledFollowUpOwed(state, history, date) ? date : null;
  const due = state.followUpSchedule?.dueDates;
  const post = f.POST_CLOSURE;
  return {
    case_id: state.caseId,
    tenant,
    person_id: state.person.personId,
    gender: state.person.gender,
    age_band: state.person.ageBand,
    initiating_party: state.initiatingParty,
    initiating_unit: state.initiatingUnit ?? null,
    income_source: state.incomeSourceAtEntry,
    target_groups: [...state.targetGroups].sort().join(','),
    initiated_on: state.initiatedOn,
    accepted_on: state.acceptedOn ?? null,
    decided_on: decided?.decidedOn ?? null,
    decision: decided?.decision ?? null,
    first_insats_on: firstInsats,
    insats_deadline: state.insatsDeadline,
    status: state.status,
    closed_on: caseEndedOn(state),
    erased_on: history.erasedOn ?? null,
    closed_at_insats_deadline: closedOnDay(state, history, state.insatsDeadline),
    fu3_due_on: f[3]?.dueOn ?? owed(due?.[3]),
    fu3_recorded_on: f[3]?.recordedOn ?? null,
    fu6_due_on: f[6]?.dueOn ?? owed(due?.[6]),
    fu6_recorded_on: f[6]?.recordedOn ?? null,
    fu9_due_on: f[9]?.dueOn ?? owed(due?.[9]),
    fu9_recorded_on: f[9]?.recordedOn ?? null,
    fu12_due_on: f[12]?.dueOn ?? owed(due?.[12]),
    fu12_recorded_on: f[12]?.recordedOn ?? null,
    fu_post_due_on: post?.dueOn ?? postClosureDue(state, history),
    fu_post_recorded_on: post?.recordedOn ?? null,
  };
}

/**
 * An insats still running when the case's personal data was erased is active up to the erasure and
 * not after (§10: nothing happens on the case then); it ended without an outcome (ended_by
 * PERSONAL_DATA_ERASED), so it is not among the avslutade (docs/statistics.md §3).
 */
function periodRow(
  tenant: string,
  state: ExistingCase,
  history: CaseHistory,
  i: InsatsFact,
): StatRow<'periods'> {
  const ended = i.ended;
  const erasedOn = ended ? undefined : history.erasedOn;
  return {
    case_id: state.caseId,
    insats_id: i.insatsId,
    tenant,
    person_id: state.person.personId,
    gender: state.person.gender,
    age_band: state.person.ageBand,
    insats_code: i.insatsCode,
    party: i.party,
    started_on: i.startedOn,
    ended_on: ended ? ended.endedOn : (erasedOn ?? null),
    end_reason: ended ? ended.reason : null,
    end_class: ended ? outcomeClass(ended.reason) : null,
    subtype: ended?.subtype ?? null,
    extent_percent: ended?.extentPercent ?? null,
    ended_by: ended ? ended.endedBy : erasedOn !== undefined ? 'PERSONAL_DATA_ERASED' : null,
  };
}

function sipRow(tenant: string, state: ExistingCase, s: SipFact): StatRow<'sips'> {
  const held = s.status === 'HELD';
  return {
    case_id: state.caseId,
    sip_id: s.sipId,
    tenant,
    person_id: state.person.personId,
    gender: state.person.gender,
    kind: s.kind,
    initiator_role: s.initiatorRole,
    formote: s.formote,
    status: s.status,
    requested_on: s.requestedOn,
    held_on: held ? s.heldOn : null,
    person_attended: held ? s.personAttended : null,
  };
}

/** The rows a case's state implies, by table and primary key (rowKey). */
export type StateRows = { [T in StateTable]: Map<string, StatRow<T>> };
export const NO_ROWS: StateRows = { cases: new Map(), periods: new Map(), sips: new Map() };

function keyed<T extends StateTable>(table: T, rows: Iterable<StatRow<T>>): Map<string, StatRow<T>> {
  const out = new Map<string, StatRow<T>>();
  for (const row of rows) out.set(rowKey(table, row), row);
  return out;
}

/**
 * The rows a case's state implies. evolve shares what an event did not change, so insatser or SIPs
 * that are the very same objects as in `previous` keep their previous rows.
 */
export function stateRows(
  tenant: string,
  state: CaseState,
  history: CaseHistory,
  previous?: { state: CaseState; history: CaseHistory; rows: StateRows },
): StateRows {
  if (state.status === 'NONE') return NO_ROWS;
  const was = previous && previous.state.status !== 'NONE' ? previous.state : undefined;
  const insatser = Object.values(state.insatser);
  const cases = keyed('cases', [caseRow(tenant, state, history, insatser)]);
  const same = was && was.insatser === state.insatser && previous!.history.erasedOn === history.erasedOn;
  const periods = same
    ? previous!.rows.periods
    : keyed(
        'periods',
        insatser.map((i) => periodRow(tenant, state, history, i)),
      );
  const sips =
    was && was.sips === state.sips
      ? previous!.rows.sips
      : keyed(
          'sips',
          Object.values(state.sips).map((sip) => sipRow(tenant, state, sip)),
        );
  return { cases, periods, sips };
}
