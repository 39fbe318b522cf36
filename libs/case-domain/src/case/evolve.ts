import type { FollowUpMonth } from '../codes';
import { SYSTEM_FACT_EVENT_TYPES, type CaseEvent } from './events';
import {
  insatsOf,
  sipOf,
  type CaseFacts,
  type CaseState,
  type Closure,
  type DecisionFact,
  type ExistingCase,
  type FollowUpFact,
  type InsatsFact,
  type OpenCase,
  type OpenCaseStatus,
  type SipBase,
  type SipBooking,
  type SipFact,
} from './state';

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
