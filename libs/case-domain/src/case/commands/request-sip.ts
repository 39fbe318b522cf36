import { hasRole, isPartyActor, type Actor, type CommandMeta } from '../../actor';
import { SIP_INITIATOR_ROLES, SIP_KINDS, type SipInitiatorRole, type SipKind } from '../../codes';
import { conflict, forbidden, notFound, refuse } from '../../errors';
import { businessDate, requireBoolean, requireCode, requireId, type NotBefore } from '../../validate';
import type { CaseEvent } from '../events';
import { afterAcceptance, afterInitiation, afterReopening, consentValidOn, requireNotClosed } from '../rules';
import { isAcceptedOpenCase, sipOf, type ExistingCase, type SipFact } from '../state';

export type RequestSip = {
  type: 'RequestSip';
  sipId: string;
  initiatorRole: SipInitiatorRole;
  kind: SipKind;
  /** Whether a förmöte was held with the person. */
  formote: boolean;
  /** Defaults to today. */
  requestedOn?: string;
};

/** Only the kommun (socialtjänst) and the region initiate a SIP; AF and FK ask a socialsekreterare. */
export const SIP_PARTIES = ['KOMMUN', 'REGION'] as const;
const REFUSED_INITIATOR_ROLES: readonly SipInitiatorRole[] = ['ARBETSFORMEDLARE', 'FK_HANDLAGGARE'];

/** R8: the SIP named by `sipIdInput`, still requested or booked: it can be booked, held or cancelled. */
export function requireOpenSip(
  state: ExistingCase,
  sipIdInput: unknown,
  action: 'booked' | 'recorded as held' | 'cancelled',
): { sipId: string; sip: Extract<SipFact, { status: 'REQUESTED' | 'BOOKED' }> } {
  const sipId = requireId(sipIdInput, 'sipId');
  const sip = sipOf(state, sipId);
  if (!sip) notFound('sip-not-found', 'The SIP does not exist.');
  if (sip.status !== 'REQUESTED' && sip.status !== 'BOOKED') {
    conflict('sip-state', `Only a requested or booked SIP can be ${action}.`, 'R8');
  }
  return { sipId, sip };
}

/**
 * R9b: what is recorded on an open SIP (a booking, a rebooking, holding it, cancelling it) follows
 * its request and, once booked, the booking's own date: a SIP is not held or cancelled before it
 * was booked, nor rebooked before the booking it replaces.
 */
export function afterSipFacts(sip: Extract<SipFact, { status: 'REQUESTED' | 'BOOKED' }>): NotBefore[] {
  const bounds: NotBefore[] = [
    { date: sip.requestedOn, code: 'date-before-request', what: 'the SIP was requested' },
  ];
  if (sip.status === 'BOOKED') {
    bounds.push({ date: sip.booking.bookedOn, code: 'date-before-booking', what: 'the SIP was booked' });
  }
  return bounds;
}

/** R8: who may act on a SIP: a processledare, or a kommun/region caseworker or system. */
export function requireSipActor(actor: Actor): void {
  if (hasRole(actor, 'processledare')) return;
  if (isPartyActor(actor)) {
    if ((SIP_PARTIES as readonly string[]).includes(actor.party)) return;
    refuse('R8', 'sip-initiator-party', 'Only the kommun or the region may initiate a SIP.');
  }
  forbidden('role-not-allowed', 'Only a processledare or a kommun/region caseworker may act on a SIP.', 'R8');
}

export function decideRequestSip(command: RequestSip, state: ExistingCase, meta: CommandMeta): CaseEvent[] {
  requireSipActor(meta.actor);
  requireNotClosed(state);
  if (!isAcceptedOpenCase(state))
    conflict('case-not-accepted', 'A SIP can be requested once the case is accepted.');
  const sipId = requireId(command.sipId, 'sipId');
  if (sipOf(state, sipId)) conflict('sip-exists', 'A SIP with this id already exists.');
  const initiatorRole = requireCode(SIP_INITIATOR_ROLES, command.initiatorRole, 'initiatorRole');
  if (REFUSED_INITIATOR_ROLES.includes(initiatorRole)) {
    refuse(
      'R8',
      'sip-initiator-party',
      'Arbetsförmedlingen and Försäkringskassan cannot initiate a SIP.',
      'initiatorRole',
    );
  }
  const kind = requireCode(SIP_KINDS, command.kind, 'kind');
  const formote = requireBoolean(command.formote, 'formote');
  const requestedOn = businessDate(
    command.requestedOn,
    'requestedOn',
    meta,
    afterInitiation(state),
    afterAcceptance(state),
    afterReopening(state),
  );

  // R8: a SIP needs the person's consent, covering a SIP party.
  const actor = meta.actor;
  const sipParty = isPartyActor(actor) ? [actor.party] : SIP_PARTIES;
  if (
    !consentValidOn(state.consent, requestedOn) ||
    !sipParty.some((p) => state.consent.scopeParties.includes(p))
  ) {
    refuse('R8', 'sip-consent', "The person's consent does not cover a SIP on this date.");
  }
  return [{ type: 'SipRequested', data: { sipId, initiatorRole, kind, formote, occurredOn: requestedOn } }];
}
