import type { CommandMeta } from '../actor';
import { PARTIES, type Party } from '../codes';
import { invalid, refuse } from '../errors';
import { businessDate, optionalText, requireCode, requireCodes, requireDate } from '../validate';
import type { CaseEvent, SipBooked } from '../case/events';
import { consentValidOn, requireInScope, requireNotClosed, requireStillInvolved } from '../case/rules';
import { type ExistingCase } from '../case/state';
import { requireOpenSip, requireSipActor } from './request-sip';

/** Books a requested SIP, or rebooks a booked one. */
export type BookSip = {
  type: 'BookSip';
  sipId: string;
  /** The planned date; may be in the future. */
  date: string;
  parties: Party[];
  leader: Party;
  documenter: Party;
  /** E.g. the region's booking system reference. */
  externalRef?: string;
};

export function decideBookSip(command: BookSip, state: ExistingCase, meta: CommandMeta): CaseEvent[] {
  requireSipActor(meta.actor);
  requireNotClosed(state);
  const { sipId, sip } = requireOpenSip(state, command.sipId, 'booked');
  const date = requireDate(command.date, 'date');
  if (date < sip.requestedOn)
    refuse('R9b', 'date-before-request', 'The SIP cannot take place before it was requested.', 'date');
  if (state.reopenedOn !== undefined && date < state.reopenedOn)
    refuse('R9b', 'date-before-reopening', 'The SIP cannot take place before the case was reopened.', 'date');
  const parties = requireCodes(PARTIES, command.parties, 'parties');
  if (parties.length === 0) invalid('required', 'parties', 'Invite at least one party.');
  parties.forEach((party, i) => {
    requireInScope(state.consent, party, `parties[${i}]`);
    requireStillInvolved(state, party, `parties[${i}]`);
  });
  const leader = requireCode(PARTIES, command.leader, 'leader');
  const documenter = requireCode(PARTIES, command.documenter, 'documenter');
  if (!parties.includes(leader))
    invalid('not-invited', 'leader', 'The leader must be one of the invited parties.');
  if (!parties.includes(documenter))
    invalid('not-invited', 'documenter', 'The documenter must be one of the invited parties.');
  // R2/R8: booking shares the case with the invited parties today, and the SIP itself is held on
  // its date: the consent must cover both.
  if (!consentValidOn(state.consent, meta.today) || !consentValidOn(state.consent, date))
    refuse('R8', 'sip-consent', "The person's consent does not cover the booking or the SIP's date.");
  const data: SipBooked['data'] = {
    sipId,
    date,
    parties,
    leader,
    documenter,
    rebooked: sip.status === 'BOOKED',
    // Booking is recorded as it is done; the SIP's own date is `date`.
    occurredOn: businessDate(undefined, 'date', meta),
  };
  const externalRef = optionalText(command.externalRef, 'externalRef', 200);
  if (externalRef !== undefined) data.externalRef = externalRef;
  return [{ type: 'SipBooked', data }];
}
