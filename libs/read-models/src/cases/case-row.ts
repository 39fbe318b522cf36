import {
  type CaseState,
  type ExistingCase,
  DEFAULT_TENANT_SETTINGS,
  POST_CLOSURE_MONTHS,
  SCHEDULED_FOLLOW_UP_MONTHS,
  addMonths,
  awaitsDecision,
  caseDeadlines,
  caseEndedOn,
  caseParties,
  isOpenCase,
  type CaseHistory,
  followUpOwedBy,
  scheduledFollowUpOwed,
} from '@app/case-domain';

/**
 * The columns of rm_cases that the queue and the access rules filter on, derived from the case
 * state. Only dates that do not depend on tenant settings are stored; the queue applies the
 * settings (grace days, stagnation weeks) at query time against today's date.
 */
export interface CaseRow {
  case_id: string;
  tenant: string;
  version: number;
  position: number;
  status: string;
  state: ExistingCase;
  /** What the state forgets and the follow-up rules need (closed periods reopened from, erasure). */
  history: CaseHistory;
  initiating_party: string;
  initiating_unit: string | null;
  parties: string[];
  scope_parties: string[];
  owner_party: string | null;
  owner_user: string | null;
  protected: boolean;
  person_id: string;
  gender: string;
  age_band: string | null;
  open: boolean;
  initiated_on: string;
  accepted_on: string | null;
  closed_on: string | null;
  awaiting_decision: boolean;
  has_insats: boolean;
  /** The catalogue codes of every insats the case has had, ended ones too (the case list's filter). */
  insats_codes: string[];
  insats_deadline: string;
  next_follow_up_month: string | null;
  next_follow_up_due: string | null;
  sip_pending_on: string | null;
  last_activity_on: string;
  consent_valid_until: string | null;
  age_limit_on: string | null;
}

function earliest(dates: (string | undefined | null)[]): string | null {
  const present = dates.filter((d): d is string => !!d).sort();
  return present[0] ?? null;
}

export function caseRow(
  tenant: string,
  state: CaseState,
  history: CaseHistory,
  version: number,
  position: number,
): CaseRow | undefined {
  if (state.status === 'NONE') return undefined;
  // An erased case takes no more commands (decide.ts): nothing is left to do on it, so no task.
  const open = isOpenCase(state) && !state.personalDataErased;
  let nextMonth: string | null = null;
  let nextDue: string | null = null;
  // §10: after the erasure nothing can be recorded, so the queue asks for no follow-up.
  if (open && state.followUpSchedule && !state.personalDataErased) {
    for (const month of SCHEDULED_FOLLOW_UP_MONTHS) {
      const due = state.followUpSchedule.dueDates[month];
      if (state.followUps[month] !== undefined) continue;
      // R13: one that fell due while the case was closed is not owed; the next month may be.
      if (!scheduledFollowUpOwed(state, history, due)) {
        if (followUpOwedBy(state, history, due)) continue;
        // Later months fall due later still: none of them is owed once the consent has ended.
        break;
      }
      nextMonth = String(month);
      nextDue = due;
      break;
    }
  }
  const postClosureDue =
    state.status === 'CLOSED' ? addMonths(state.closure.closedOn, POST_CLOSURE_MONTHS) : null;
  if (
    postClosureDue !== null &&
    state.followUps.POST_CLOSURE === undefined &&
    !state.personalDataErased &&
    followUpOwedBy(state, history, postClosureDue)
  ) {
    nextMonth = 'POST_CLOSURE';
    nextDue = postClosureDue;
  }
  const pendingSips = Object.values(state.sips).filter(
    (s) => s.status === 'REQUESTED' || s.status === 'BOOKED',
  );
  const ageDeadline = caseDeadlines(state, DEFAULT_TENANT_SETTINGS).find(
    (d) => d.kind === 'AGE_LIMIT',
  )?.dueOn;
  const closedOn = caseEndedOn(state);
  return {
    case_id: state.caseId,
    tenant,
    version,
    position,
    status: state.status,
    state,
    history,
    initiating_party: state.initiatingParty,
    initiating_unit: state.initiatingUnit ?? null,
    parties: caseParties(state),
    scope_parties: state.consent.scopeParties,
    owner_party: state.owner?.party ?? null,
    owner_user: state.owner?.user ?? null,
    protected: state.person.protectedIdentity,
    person_id: state.person.personId,
    gender: state.person.gender,
    age_band: state.person.ageBand,
    open,
    initiated_on: state.initiatedOn,
    accepted_on: state.acceptedOn ?? null,
    closed_on: closedOn,
    awaiting_decision: awaitsDecision(state),
    has_insats: Object.keys(state.insatser).length > 0,
    insats_codes: [...new Set(Object.values(state.insatser).map((i) => i.insatsCode))].sort(),
    insats_deadline: state.insatsDeadline,
    next_follow_up_month: nextMonth,
    next_follow_up_due: nextDue,
    sip_pending_on: earliest(
      pendingSips.map((s) => (s.status === 'BOOKED' ? s.booking.date : s.requestedOn)),
    ),
    last_activity_on: state.lastActivityOn,
    consent_valid_until: open ? (state.consent.validUntil ?? null) : null,
    // Flagged already, or the day a flag will be due (30 approaching on aktivitetsersättning, 65).
    age_limit_on: open ? earliest([state.ageFlags.length ? state.initiatedOn : null, ageDeadline]) : null,
  };
}
