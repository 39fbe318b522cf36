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
import {
  SYSTEM_FACT_EVENT_TYPES,
  type AgeLimitReason,
  type CaseEvent,
  type Consent,
  type InsatsEndCause,
  type Owner,
  type PersonRecord,
  type SipPlanItem,
} from './events';

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

interface SipBase {
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

/** Puts case facts under a status, falling back to a weaker one when a field it needs is missing. */
function withStatus(facts: CaseFacts, status: OpenCaseStatus, returnedOn?: string): OpenCase {
  const { acceptedOn, owner, decision } = facts;
  switch (status) {
    case 'SUBMITTED':
      return { ...facts, status };
    case 'RETURNED':
      return returnedOn !== undefined ? { ...facts, status, returnedOn } : { ...facts, status: 'SUBMITTED' };
    case 'ACCEPTED':
      return acceptedOn !== undefined ? { ...facts, status, acceptedOn } : { ...facts, status: 'SUBMITTED' };
    case 'DECIDED':
      if (acceptedOn !== undefined && owner !== undefined && decision !== undefined) {
        return { ...facts, status, acceptedOn, owner, decision };
      }
      return withStatus(facts, 'ACCEPTED');
    case 'IN_COORDINATION':
      return acceptedOn !== undefined ? { ...facts, status, acceptedOn } : { ...facts, status: 'SUBMITTED' };
    default: {
      const _exhaustive: never = status;
      void _exhaustive;
      return { ...facts, status: 'SUBMITTED' };
    }
  }
}

/** Replaces the facts of a state, keeping its status and status fields. */
function update(state: ExistingCase, facts: Partial<CaseFacts>): ExistingCase {
  return { ...state, ...facts } as ExistingCase;
}

function factsOf(state: ExistingCase): CaseFacts {
  return state;
}

/**
 * R9b: the business date a fact holds in the state, whatever order it was recorded in: its
 * occurredOn. A SIP booking stored before bookings carried their own date was dated the day it was
 * recorded, possibly after the SIP it booked; a booking is made no later than its SIP's date, so it
 * is held to that date and a late-recorded booking does not block the facts after its SIP.
 */
export function factOn(event: CaseEvent): string {
  if (event.type === 'SipBooked' && event.data.occurredOn > event.data.date) return event.data.date;
  return event.data.occurredOn;
}

function touch(state: ExistingCase, event: CaseEvent): ExistingCase {
  if (SYSTEM_FACT_EVENT_TYPES.includes(event.type)) return state;
  const on = factOn(event);
  if (on <= state.lastActivityOn) return state;
  return { ...state, lastActivityOn: on, stagnationFlaggedFor: undefined };
}

/** Folds one event into the state. Never throws, never validates: decide already did. */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseInitiated') {
    const d = event.data;
    return {
      status: 'SUBMITTED',
      caseId: d.caseId,
      person: d.person,
      consent: d.consent,
      initiatingParty: d.initiatingParty,
      initiatingUnit: d.initiatingUnit,
      otherParties: d.otherParties,
      question: d.question,
      needs: d.needs,
      incomeSourceAtEntry: d.incomeSource,
      currentIncomeSource: d.incomeSource,
      targetGroups: d.targetGroups,
      initiatedOn: d.initiatedOn,
      insatsDeadline: d.insatsDeadline,
      decisions: [],
      sips: {},
      insatser: {},
      followUps: {},
      followUpsFlaggedDue: [],
      followUpsFlaggedOverdue: [],
      endedParties: {},
      insatsDeadlineMissed: false,
      consentExpiredFlagged: false,
      ageFlags: [],
      lastActivityOn: d.occurredOn,
      personalDataErased: false,
    };
  }
  if (state.status === 'NONE') return state;
  return touch(apply(state, event), event);
}

function coordinating(state: ExistingCase): ExistingCase {
  return state.status === 'ACCEPTED' || state.status === 'DECIDED'
    ? withStatus(factsOf(state), 'IN_COORDINATION')
    : state;
}

function apply(state: ExistingCase, event: Exclude<CaseEvent, { type: 'CaseInitiated' }>): ExistingCase {
  switch (event.type) {
    case 'AgeLimitFlagged':
      return state.ageFlags.includes(event.data.reason)
        ? state
        : update(state, { ageFlags: [...state.ageFlags, event.data.reason] });
    case 'CaseAccepted':
      return withStatus({ ...factsOf(state), acceptedOn: event.data.occurredOn }, 'ACCEPTED');
    case 'CaseReturned':
      return withStatus(factsOf(state), 'RETURNED', event.data.occurredOn);
    case 'CaseResubmitted': {
      const d = event.data;
      return withStatus(
        {
          ...factsOf(state),
          question: d.question ?? state.question,
          needs: d.needs ?? state.needs,
          otherParties: d.otherParties ?? state.otherParties,
          resubmittedOn: d.occurredOn,
        },
        'SUBMITTED',
      );
    }
    case 'DecisionRecorded': {
      const d = event.data;
      const fact: DecisionFact = { meetingId: d.meetingId, decision: d.decision, decidedOn: d.occurredOn };
      const decisions = [...state.decisions, fact];
      if (d.owner === undefined) return update(state, { decisions });
      const facts: CaseFacts = {
        ...factsOf(state),
        decisions,
        decision: fact,
        owner: d.owner,
        ownerSince: d.occurredOn,
      };
      return state.status === 'IN_COORDINATION'
        ? withStatus(facts, 'IN_COORDINATION')
        : withStatus(facts, 'DECIDED');
    }
    case 'OwnershipHandedOver':
      return update(state, { owner: event.data.to, ownerSince: event.data.occurredOn });
    case 'SipRequested': {
      const d = event.data;
      const sip: SipFact = {
        sipId: d.sipId,
        initiatorRole: d.initiatorRole,
        kind: d.kind,
        formote: d.formote,
        requestedOn: d.occurredOn,
        status: 'REQUESTED',
      };
      return coordinating(update(state, { sips: { ...state.sips, [d.sipId]: sip } }));
    }
    case 'SipBooked': {
      const d = event.data;
      const sip = sipOf(state, d.sipId);
      if (!sip) return state;
      const booking: SipBooking = {
        date: d.date,
        parties: d.parties,
        leader: d.leader,
        documenter: d.documenter,
        externalRef: d.externalRef,
        bookedOn: factOn(event),
      };
      const next: SipFact = { ...baseOf(sip), status: 'BOOKED', booking };
      return update(state, { sips: { ...state.sips, [d.sipId]: next } });
    }
    case 'SipHeld': {
      const d = event.data;
      const sip = sipOf(state, d.sipId);
      if (!sip) return state;
      const next: SipFact = {
        ...baseOf(sip),
        status: 'HELD',
        booking: sip.status === 'BOOKED' ? sip.booking : undefined,
        heldOn: d.occurredOn,
        personAttended: d.personAttended,
        attendees: d.attendees,
        plan: d.plan,
      };
      return update(state, { sips: { ...state.sips, [d.sipId]: next } });
    }
    case 'SipCancelled': {
      const d = event.data;
      const sip = sipOf(state, d.sipId);
      if (!sip) return state;
      const next: SipFact = {
        ...baseOf(sip),
        status: 'CANCELLED',
        booking: sip.status === 'BOOKED' ? sip.booking : undefined,
        cancelledOn: d.occurredOn,
      };
      return update(state, { sips: { ...state.sips, [d.sipId]: next } });
    }
    case 'InsatsStarted': {
      const d = event.data;
      const insats: InsatsFact = {
        insatsId: d.insatsId,
        insatsCode: d.insatsCode,
        party: d.party,
        startedOn: d.occurredOn,
      };
      return coordinating(update(state, { insatser: { ...state.insatser, [d.insatsId]: insats } }));
    }
    case 'FollowUpsScheduled':
      return update(state, {
        followUpSchedule: {
          firstInsatsStartedOn: event.data.firstInsatsStartedOn,
          dueDates: event.data.dueDates,
        },
      });
    case 'InsatsEnded': {
      const d = event.data;
      const insats = insatsOf(state, d.insatsId);
      if (!insats) return state;
      const ended: InsatsFact['ended'] = {
        endedOn: d.occurredOn,
        reason: d.reason,
        subtype: d.subtype,
        extentPercent: d.extentPercent,
        endedBy: d.endedBy,
      };
      return update(state, { insatser: { ...state.insatser, [d.insatsId]: { ...insats, ended } } });
    }
    case 'FollowUpRecorded': {
      const d = event.data;
      const fact: FollowUpFact = {
        month: d.month,
        dueOn: d.dueOn,
        recordedOn: d.occurredOn,
        incomeSource: d.incomeSource,
        step: d.step,
        vas: d.vas,
      };
      return update(state, {
        followUps: { ...state.followUps, [d.month]: fact },
        currentIncomeSource: d.incomeSource,
      });
    }
    case 'PartyInvolvementEnded':
      return update(state, {
        endedParties: { ...state.endedParties, [event.data.party]: event.data.occurredOn },
      });
    case 'CaseClosed': {
      const d = event.data;
      const closure: Closure = {
        closedOn: d.occurredOn,
        outcome: d.outcome,
        subtype: d.subtype,
        extentPercent: d.extentPercent,
        viaConsentWithdrawal: d.viaConsentWithdrawal,
      };
      if (state.status === 'CLOSED' || state.status === 'WITHDRAWN') return update(state, {});
      const { returnedOn: _r, ...facts } = state as CaseFacts & { returnedOn?: string };
      void _r;
      // A new closure starts a new retention period: an earlier hold does not carry over.
      return { ...facts, status: 'CLOSED', closure, closedFrom: state.status, retentionHeldOn: undefined };
    }
    case 'CaseReopened': {
      if (state.status !== 'CLOSED') return state;
      const { closure: _c, closedFrom, ...facts } = state;
      void _c;
      const followUps = { ...facts.followUps };
      delete followUps.POST_CLOSURE;
      const notPostClosure = (m: FollowUpMonth) => m !== 'POST_CLOSURE';
      return withStatus(
        {
          ...facts,
          reopenedOn: event.data.occurredOn,
          followUps,
          followUpsFlaggedDue: facts.followUpsFlaggedDue.filter(notPostClosure),
          followUpsFlaggedOverdue: facts.followUpsFlaggedOverdue.filter(notPostClosure),
        },
        closedFrom,
        closedFrom === 'RETURNED' ? event.data.occurredOn : undefined,
      );
    }
    case 'ConsentWithdrawn': {
      const closure = state.status === 'CLOSED' ? state.closure : undefined;
      const {
        closure: _c,
        closedFrom: _f,
        returnedOn: _r,
        ...facts
      } = state as CaseFacts & {
        closure?: Closure;
        closedFrom?: OpenCaseStatus;
        returnedOn?: string;
      };
      void _c;
      void _f;
      void _r;
      return {
        ...facts,
        status: 'WITHDRAWN',
        withdrawnOn: event.data.occurredOn,
        closure,
        retentionHeldOn: undefined,
      };
    }
    case 'PersonalDataErased':
      return update(state, { personalDataErased: true });
    case 'RetentionHeld':
      return update(state, { retentionHeldOn: event.data.dueOn });
    case 'InsatsDeadlineMissed':
      return update(state, { insatsDeadlineMissed: true });
    case 'FollowUpBecameDue':
      return state.followUpsFlaggedDue.includes(event.data.month)
        ? state
        : update(state, { followUpsFlaggedDue: [...state.followUpsFlaggedDue, event.data.month] });
    case 'FollowUpOverdue':
      return state.followUpsFlaggedOverdue.includes(event.data.month)
        ? state
        : update(state, { followUpsFlaggedOverdue: [...state.followUpsFlaggedOverdue, event.data.month] });
    case 'ConsentExpired':
      return update(state, { consentExpiredFlagged: true });
    case 'CaseStagnated':
      return update(state, { stagnationFlaggedFor: event.data.lastActivityOn });
    default: {
      // Exhaustive; an unknown event from a newer writer is skipped, never thrown on.
      const _exhaustive: never = event;
      void _exhaustive;
      return state;
    }
  }
}

function baseOf(sip: SipFact): SipBase {
  return {
    sipId: sip.sipId,
    initiatorRole: sip.initiatorRole,
    kind: sip.kind,
    formote: sip.formote,
    requestedOn: sip.requestedOn,
  };
}
