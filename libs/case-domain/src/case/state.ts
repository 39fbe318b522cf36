import type {
  Decision,
  FollowUpMonth,
  IncomeSource,
  Outcome,
  Party,
  ScheduledFollowUpMonth,
  SipInitiatorRole,
  SipKind,
  TargetGroup,
  WorkSubtype,
} from '../codes';
import type { Sealed } from '../actor';
import type { AgeLimitReason, Consent, InsatsEndCause, Owner, PersonRecord, SipPlanItem } from './events';

export interface InsatsFact {
  insatsId: string;
  insatsCode: string;
  party: Party;
  startedOn: string;
  ended?: {
    endedOn: string;
    reason: Outcome;
    subtype?: WorkSubtype;
    extentPercent?: number;
    endedBy: InsatsEndCause;
  };
}

export interface SipBooking {
  date: string;
  parties: Party[];
  leader: Party;
  documenter: Party;
  externalRef?: string;
  /** R9b: when the booking was made; never after `date`. */
  bookedOn: string;
}

export interface SipBase {
  sipId: string;
  initiatorRole: SipInitiatorRole;
  kind: SipKind;
  formote: boolean;
  requestedOn: string;
}

export type SipFact =
  | (SipBase & { status: 'REQUESTED' })
  | (SipBase & { status: 'BOOKED'; booking: SipBooking })
  | (SipBase & {
      status: 'HELD';
      booking?: SipBooking;
      heldOn: string;
      personAttended: boolean;
      attendees: Party[];
      plan: SipPlanItem[];
    })
  | (SipBase & { status: 'CANCELLED'; booking?: SipBooking; cancelledOn: string });

export interface FollowUpFact {
  month: FollowUpMonth;
  dueOn: string;
  recordedOn: string;
  incomeSource: IncomeSource;
  step: number;
  vas?: number;
}

export interface FollowUpSchedule {
  firstInsatsStartedOn: string;
  dueDates: Record<ScheduledFollowUpMonth, string>;
}

export interface DecisionFact {
  meetingId: string;
  decision: Decision;
  decidedOn: string;
}

export interface Closure {
  closedOn: string;
  outcome: Outcome;
  subtype?: WorkSubtype;
  extentPercent?: number;
  viaConsentWithdrawal: boolean;
}

/** What every existing case knows, whatever its status. */
export interface CaseFacts {
  caseId: string;
  person: PersonRecord;
  consent: Consent;
  initiatingParty: Party;
  initiatingUnit?: string;
  otherParties: Party[];
  question: Sealed;
  needs: Sealed;
  incomeSourceAtEntry: IncomeSource;
  /** The latest known income source (entry, then follow-ups). */
  currentIncomeSource: IncomeSource;
  targetGroups: TargetGroup[];
  initiatedOn: string;
  insatsDeadline: string;
  acceptedOn?: string;
  /** R5: the business date of the latest resubmission; acceptance cannot precede it. */
  resubmittedOn?: string;
  /** R13: the business date of the latest reopening; what follows it cannot be dated before it. */
  reopenedOn?: string;
  owner?: Owner;
  /** R11: the business date of the decision or handover that made the current owner. */
  ownerSince?: string;
  /** The latest substantive decision (FORDJUPAD or EJ_FORDJUPAD). */
  decision?: DecisionFact;
  /** Every decision in order, postponements included. */
  decisions: DecisionFact[];
  sips: Record<string, SipFact>;
  insatser: Record<string, InsatsFact>;
  followUpSchedule?: FollowUpSchedule;
  followUps: Partial<Record<FollowUpMonth, FollowUpFact>>;
  /** Follow-ups already recorded as due / overdue by the scheduler (R10, exactly once each). */
  followUpsFlaggedDue: FollowUpMonth[];
  followUpsFlaggedOverdue: FollowUpMonth[];
  /** R12: parties that ended their own involvement, with the date. */
  endedParties: Partial<Record<Party, string>>;
  insatsDeadlineMissed: boolean;
  consentExpiredFlagged: boolean;
  /** R16: the lastActivityOn value a stagnation was flagged for; a new activity clears it. */
  stagnationFlaggedFor?: string;
  ageFlags: AgeLimitReason[];
  /**
   * R16, R9b: the latest business date among the case's own facts (system facts excluded), in
   * business-date order whatever order they were recorded in.
   */
  lastActivityOn: string;
  personalDataErased: boolean;
  /** §10: the retention date of this closure that another case of the person held (RetentionHeld). */
  retentionHeldOn?: string;
}

export type OpenCaseStatus = 'SUBMITTED' | 'RETURNED' | 'ACCEPTED' | 'DECIDED' | 'IN_COORDINATION';

export type NoCase = { status: 'NONE' };
export type SubmittedCase = CaseFacts & { status: 'SUBMITTED' };
export type ReturnedCase = CaseFacts & { status: 'RETURNED'; returnedOn: string };
export type AcceptedCase = CaseFacts & { status: 'ACCEPTED'; acceptedOn: string };
export type DecidedCase = CaseFacts & {
  status: 'DECIDED';
  acceptedOn: string;
  owner: Owner;
  decision: DecisionFact;
};
/** First insats started or SIP requested; an owner exists once a decision named one. */
export type CoordinatedCase = CaseFacts & { status: 'IN_COORDINATION'; acceptedOn: string };
export type ClosedCase = CaseFacts & { status: 'CLOSED'; closure: Closure; closedFrom: OpenCaseStatus };
export type WithdrawnCase = CaseFacts & { status: 'WITHDRAWN'; withdrawnOn: string; closure?: Closure };

export type OpenCase = SubmittedCase | ReturnedCase | AcceptedCase | DecidedCase | CoordinatedCase;
export type ExistingCase = OpenCase | ClosedCase | WithdrawnCase;
export type CaseState = NoCase | ExistingCase;

export function initialCaseState(): CaseState {
  return { status: 'NONE' };
}

export function isOpenCase(state: CaseState): state is OpenCase {
  return (
    state.status === 'SUBMITTED' ||
    state.status === 'RETURNED' ||
    state.status === 'ACCEPTED' ||
    state.status === 'DECIDED' ||
    state.status === 'IN_COORDINATION'
  );
}

/** Accepted and not closed: insatser, SIPs and decisions may follow (R9). */
export function isAcceptedOpenCase(state: CaseState): state is AcceptedCase | DecidedCase | CoordinatedCase {
  return state.status === 'ACCEPTED' || state.status === 'DECIDED' || state.status === 'IN_COORDINATION';
}

/** Waiting for a beredning decision: accepted, and no decision has named an owner yet (R6). */
export function awaitsDecision(state: CaseState): boolean {
  return state.status === 'ACCEPTED' || (state.status === 'IN_COORDINATION' && state.owner === undefined);
}

export function caseStatus(state: CaseState): ExistingCase['status'] | undefined {
  return state.status === 'NONE' ? undefined : state.status;
}

/**
 * The day the case ended: its closure; for a withdrawal, the closure before it if the case was
 * already closed (a withdrawal after closure does not move the end), else the day of withdrawal.
 */
export function caseEndedOn(state: CaseState): string | null {
  if (state.status === 'CLOSED') return state.closure.closedOn;
  if (state.status === 'WITHDRAWN') return state.closure?.closedOn ?? state.withdrawnOn;
  return null;
}

/** The case's insats with this id; own properties only ("toString" is no insats id of any case). */
export function insatsOf(state: CaseFacts, insatsId: string): InsatsFact | undefined {
  return Object.hasOwn(state.insatser, insatsId) ? state.insatser[insatsId] : undefined;
}

/** The case's SIP with this id; own properties only. */
export function sipOf(state: CaseFacts, sipId: string): SipFact | undefined {
  return Object.hasOwn(state.sips, sipId) ? state.sips[sipId] : undefined;
}

export function openInsatser(state: CaseFacts): string[] {
  return Object.values(state.insatser)
    .filter((insats) => insats.ended === undefined)
    .map((insats) => insats.insatsId);
}

/** The parties a case names: the initiator, the others and the owner. */
export function caseParties(state: CaseFacts): Party[] {
  const parties = [state.initiatingParty, ...state.otherParties];
  if (state.owner && !parties.includes(state.owner.party)) parties.push(state.owner.party);
  return parties;
}
