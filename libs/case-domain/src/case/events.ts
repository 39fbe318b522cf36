import type { Sealed } from '../actor';
import type {
  AgeBand,
  ConsentForm,
  ConsentGiver,
  Decision,
  Gender,
  IncomeSource,
  Outcome,
  OutcomeClass,
  Party,
  ScheduledFollowUpMonth,
  FollowUpMonth,
  SipInitiatorRole,
  SipKind,
  TargetGroup,
  WorkSubtype,
} from '../codes';

// Every event's data carries occurredOn: its business date (R9b). When it was recorded and by whom
// live in the event store's metadata, not here.

export interface Consent {
  givenBy: ConsentGiver;
  givenOn: string;
  form: ConsentForm;
  documentRef?: Sealed;
  scopeParties: Party[];
  validUntil?: string;
}

export interface PersonRecord {
  personId: string;
  name: Sealed;
  personnummer: Sealed;
  gender: Gender;
  birthDate: string;
  /** Completed years on the initiation date. */
  ageAtInitiation: number;
  /** Report band at initiation; null below 16 (flagged by AgeLimitFlagged). */
  ageBand: AgeBand | null;
  protectedIdentity: boolean;
}

export interface Owner {
  party: Party;
  user?: string;
}

export interface NotParticipating {
  party: Party;
  user?: string;
}

export interface SipPlanItem {
  goal: Sealed;
  action: Sealed;
  responsibleParty: Party;
}

export interface SurveyAtClosure {
  offered: boolean;
  answered: boolean;
}

export type AgeLimitReason = 'OUTSIDE_16_64' | 'APPROACHING_30_AKTIVITETSERSATTNING';
export type InsatsEndCause = 'ENDED' | 'CASE_CLOSED' | 'CONSENT_WITHDRAWN';

export type CaseInitiated = {
  type: 'CaseInitiated';
  data: {
    caseId: string;
    person: PersonRecord;
    consent: Consent;
    initiatingParty: Party;
    initiatingUnit?: string;
    otherParties: Party[];
    question: Sealed;
    needs: Sealed;
    incomeSource: IncomeSource;
    targetGroups: TargetGroup[];
    initiatedOn: string;
    /** R7: initiatedOn + insatsDeadlineDays; an insats started on or before it meets the rule. */
    insatsDeadline: string;
    occurredOn: string;
  };
};

export type AgeLimitFlagged = {
  type: 'AgeLimitFlagged';
  data: { reason: AgeLimitReason; age: number; occurredOn: string };
};

export type CaseAccepted = { type: 'CaseAccepted'; data: { occurredOn: string } };

export type CaseReturned = { type: 'CaseReturned'; data: { reason: Sealed; occurredOn: string } };

export type CaseResubmitted = {
  type: 'CaseResubmitted';
  data: { question?: Sealed; needs?: Sealed; otherParties?: Party[]; occurredOn: string };
};

export type DecisionRecorded = {
  type: 'DecisionRecorded';
  data: {
    meetingId: string;
    decision: Decision;
    /** Set for FORDJUPAD_SAMORDNING (the named ärendebärare) and EJ_FORDJUPAD_SAMORDNING (the initiator). */
    owner?: Owner;
    recommendedInsatser: string[];
    recommendation?: Sealed;
    notParticipating: NotParticipating[];
    occurredOn: string;
  };
};

export type OwnershipHandedOver = {
  type: 'OwnershipHandedOver';
  data: { from: Owner; to: Owner; reason?: Sealed; occurredOn: string };
};

export type SipRequested = {
  type: 'SipRequested';
  data: {
    sipId: string;
    initiatorRole: SipInitiatorRole;
    kind: SipKind;
    formote: boolean;
    occurredOn: string;
  };
};

export type SipBooked = {
  type: 'SipBooked';
  data: {
    sipId: string;
    /** The planned meeting date (may be in the future). */
    date: string;
    parties: Party[];
    leader: Party;
    documenter: Party;
    externalRef?: string;
    /** True when this replaces an earlier booking. */
    rebooked: boolean;
    occurredOn: string;
  };
};

export type SipHeld = {
  type: 'SipHeld';
  data: {
    sipId: string;
    /** R8: the SIP is registered on the person it concerns, never on a household. */
    personId: string;
    personAttended: boolean;
    attendees: Party[];
    plan: SipPlanItem[];
    occurredOn: string;
  };
};

export type SipCancelled = {
  type: 'SipCancelled';
  data: { sipId: string; reason?: Sealed; occurredOn: string };
};

export type InsatsStarted = {
  type: 'InsatsStarted';
  data: {
    insatsId: string;
    insatsCode: string;
    party: Party;
    step?: number;
    vas?: number;
    occurredOn: string;
  };
};

export type FollowUpsScheduled = {
  type: 'FollowUpsScheduled';
  data: {
    firstInsatsStartedOn: string;
    dueDates: Record<ScheduledFollowUpMonth, string>;
    occurredOn: string;
  };
};

export type InsatsEnded = {
  type: 'InsatsEnded';
  data: {
    insatsId: string;
    insatsCode: string;
    party: Party;
    reason: Outcome;
    outcomeClass: OutcomeClass;
    subtype?: WorkSubtype;
    extentPercent?: number;
    otherReason?: Sealed;
    /** Why it ended: explicitly, or recorded as part of closing the case / withdrawing consent. */
    endedBy: InsatsEndCause;
    occurredOn: string;
  };
};

export type FollowUpRecorded = {
  type: 'FollowUpRecorded';
  data: {
    month: FollowUpMonth;
    dueOn: string;
    incomeSource: IncomeSource;
    step: number;
    vas?: number;
    notes?: Sealed;
    occurredOn: string;
  };
};

export type PartyInvolvementEnded = {
  type: 'PartyInvolvementEnded';
  data: { party: Party; occurredOn: string };
};

export type CaseClosed = {
  type: 'CaseClosed';
  data: {
    outcome: Outcome;
    outcomeClass: OutcomeClass;
    subtype?: WorkSubtype;
    extentPercent?: number;
    otherReason?: Sealed;
    /** False only when the closure is the consequence of a consent withdrawal. */
    slutdokumentation: boolean;
    survey: SurveyAtClosure;
    step?: number;
    vas?: number;
    /** R12: insatser still open at closure, ended by it (each with its own InsatsEnded). */
    endedInsatser: string[];
    /** SIPs requested or booked but never held. */
    openSips: string[];
    viaConsentWithdrawal: boolean;
    occurredOn: string;
  };
};

export type CaseReopened = { type: 'CaseReopened'; data: { reason: Sealed; occurredOn: string } };

export type ConsentWithdrawn = { type: 'ConsentWithdrawn'; data: { occurredOn: string } };

export type PersonalDataErased = {
  type: 'PersonalDataErased';
  /** reason is a short non-personal text, e.g. 'RETENTION' or 'ERASURE_REQUEST'. */
  data: { personId: string; reason: string; occurredOn: string };
};

/**
 * §10: the case's retention date came while another case of the same person still needs their
 * data (their data key is shared), so nothing was erased; the last of their cases to reach its
 * retention date erases them all. No personal data and no other case's id.
 */
export type RetentionHeld = { type: 'RetentionHeld'; data: { dueOn: string; occurredOn: string } };

export type InsatsDeadlineMissed = {
  type: 'InsatsDeadlineMissed';
  data: { insatsDeadline: string; occurredOn: string };
};

export type FollowUpBecameDue = {
  type: 'FollowUpBecameDue';
  data: { month: FollowUpMonth; dueOn: string; occurredOn: string };
};

export type FollowUpOverdue = {
  type: 'FollowUpOverdue';
  data: { month: FollowUpMonth; dueOn: string; occurredOn: string };
};

export type ConsentExpired = { type: 'ConsentExpired'; data: { validUntil: string; occurredOn: string } };

export type CaseStagnated = {
  type: 'CaseStagnated';
  data: { lastActivityOn: string; occurredOn: string };
};

export type CaseEvent =
  | CaseInitiated
  | AgeLimitFlagged
  | CaseAccepted
  | CaseReturned
  | CaseResubmitted
  | DecisionRecorded
  | OwnershipHandedOver
  | SipRequested
  | SipBooked
  | SipHeld
  | SipCancelled
  | InsatsStarted
  | FollowUpsScheduled
  | InsatsEnded
  | FollowUpRecorded
  | PartyInvolvementEnded
  | CaseClosed
  | CaseReopened
  | ConsentWithdrawn
  | PersonalDataErased
  | RetentionHeld
  | InsatsDeadlineMissed
  | FollowUpBecameDue
  | FollowUpOverdue
  | ConsentExpired
  | CaseStagnated;

export type CaseEventType = CaseEvent['type'];

export const CASE_EVENT_TYPES = [
  'CaseInitiated',
  'AgeLimitFlagged',
  'CaseAccepted',
  'CaseReturned',
  'CaseResubmitted',
  'DecisionRecorded',
  'OwnershipHandedOver',
  'SipRequested',
  'SipBooked',
  'SipHeld',
  'SipCancelled',
  'InsatsStarted',
  'FollowUpsScheduled',
  'InsatsEnded',
  'FollowUpRecorded',
  'PartyInvolvementEnded',
  'CaseClosed',
  'CaseReopened',
  'ConsentWithdrawn',
  'PersonalDataErased',
  'RetentionHeld',
  'InsatsDeadlineMissed',
  'FollowUpBecameDue',
  'FollowUpOverdue',
  'ConsentExpired',
  'CaseStagnated',
] as const satisfies readonly CaseEventType[];

/**
 * Facts the scheduler records about the passing of time. They are not activity: they do not move
 * lastActivityOn (R16), or a stagnation flag would reset itself.
 */
export const SYSTEM_FACT_EVENT_TYPES: readonly CaseEventType[] = [
  'AgeLimitFlagged',
  'InsatsDeadlineMissed',
  'FollowUpBecameDue',
  'FollowUpOverdue',
  'ConsentExpired',
  'CaseStagnated',
  'PersonalDataErased',
  'RetentionHeld',
];

type MissingCaseEventType = Exclude<CaseEventType, (typeof CASE_EVENT_TYPES)[number]>;
// Compile-time check that CASE_EVENT_TYPES lists every event.
const _allCaseEventTypesListed: [MissingCaseEventType] extends [never] ? true : false = true;
void _allCaseEventTypesListed;
