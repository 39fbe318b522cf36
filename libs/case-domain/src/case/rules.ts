// Guards shared by several case commands. Each refusal names its rule.
import { hasRole, isPartyActor, type Actor } from '../actor';
import type { Party } from '../codes';
import { forbidden, refuse } from '../errors';
import type { NotBefore } from '../validate';
import type { Consent } from './events';
import type { CaseFacts } from './state';

export function requireProcessledare(actor: Actor, action: string): void {
  if (!hasRole(actor, 'processledare')) forbidden('role-not-allowed', `Only a processledare may ${action}.`);
}

/**
 * A processledare, or a caseworker/partner system whose party is within the consent's scope
 * (R2: nothing is shared with a party outside it).
 */
export function requireCaseWorker(actor: Actor, state: CaseFacts): void {
  if (hasRole(actor, 'processledare')) return;
  if (!isPartyActor(actor))
    forbidden('role-not-allowed', 'Only a processledare or a party caseworker may do this.');
  if (!state.consent.scopeParties.includes(actor.party)) {
    forbidden('party-not-involved', "The acting party is outside the case's consent scope.", 'R2');
  }
}

/** R2: nothing is recorded for a party outside the consent's scope. */
export function requireInScope(consent: Consent, party: Party, field: string): void {
  if (!consent.scopeParties.includes(party)) {
    refuse('R2', 'consent-scope', "The party is outside the consent's scope.", field);
  }
}

/**
 * R12: a party that ended its involvement takes part in nothing from that day on. `through` is the
 * last day the fact concerns the party, by its business date (R9b): a SIP's date, so a SIP held
 * with the party before it left can still be recorded; today for what runs on (an open insats,
 * ownership), which a party that left can never take on.
 */
export function requireStillInvolved(state: CaseFacts, party: Party, through: string, field: string): void {
  const endedOn = state.endedParties[party];
  if (endedOn !== undefined && endedOn <= through) {
    refuse('R12', 'party-involvement-ended', 'The party has ended its involvement in the case.', field);
  }
}

export function consentValidOn(consent: Consent, date: string): boolean {
  return date >= consent.givenOn && (consent.validUntil === undefined || date <= consent.validUntil);
}

/** R2: nothing new is recorded about the person, or shared, on a date the consent does not cover. */
export function requireConsentOn(consent: Consent, date: string, field: string): void {
  if (!consentValidOn(consent, date)) {
    refuse('R2', 'consent-expired', "The person's consent did not cover this date.", field);
  }
}

export function afterInitiation(state: CaseFacts): NotBefore {
  return { date: state.initiatedOn, code: 'date-before-initiation', what: 'the case was initiated' };
}

/** R13: after a reopening, what is recorded cannot be dated before it (undefined: never reopened). */
export function afterReopening(state: CaseFacts): NotBefore | undefined {
  return state.reopenedOn === undefined
    ? undefined
    : { date: state.reopenedOn, code: 'date-before-reopening', what: 'the case was reopened' };
}

/** R5: the intake decision on a resubmitted case follows the resubmission. */
export function afterResubmission(state: { resubmittedOn?: string }): NotBefore | undefined {
  return state.resubmittedOn === undefined
    ? undefined
    : { date: state.resubmittedOn, code: 'date-before-resubmission', what: 'the case was resubmitted' };
}

/** R9: insatser and SIPs follow the case's acceptance. */
export function afterAcceptance(state: { acceptedOn: string }): NotBefore {
  return { date: state.acceptedOn, code: 'date-before-acceptance', what: 'the case was accepted' };
}

/**
 * R9b: what ends the case's history (a closure, a withdrawal) is not dated before any fact already
 * recorded on it. lastActivityOn is the latest business date of the case's own facts, whatever order
 * they were recorded in (a fact recorded late counts at its own date, not the day it was recorded);
 * the scheduler's facts (deadline flags) are not among them.
 */
export function afterRecordedFacts(state: CaseFacts): NotBefore {
  return {
    date: state.lastActivityOn,
    code: 'date-before-recorded-fact',
    what: 'a fact already recorded on the case',
  };
}

/** A closed case records nothing new until it is reopened (R12, R13). */
export function requireNotClosed(state: { status: string }): void {
  if (state.status === 'CLOSED') refuse('R12', 'case-closed', 'The case is closed; reopen it first.');
}
