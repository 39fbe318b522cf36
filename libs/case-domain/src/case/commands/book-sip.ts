import type { CommandMeta } from '../../actor';
import { PARTIES, type Party } from '../../codes';
import { invalid, refuse } from '../../errors';
import { businessDate, optionalText, requireCode, requireCodes, requireDate } from '../../validate';
import type { CaseEvent, SipBooked } from '../events';
import {
  afterReopening,
  consentValidOn,
  requireInScope,
  requireNotClosed,
  requireStillInvolved,
} from '../rules';
import { type ExistingCase } from '../state';
import { afterSipFacts, requireOpenSip, requireSipActor } from './request-sip';

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
  /**
   * R9b: when the booking was made: defaults to today, never in the future, not before the SIP was
   * requested (or the booking it replaces), not after the SIP's date. The booking's business date.
   */
  bookedOn?: string;
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
  const bookedOn = businessDate(
    command.bookedOn,
    'bookedOn',
    meta,
    ...afterSipFacts(sip),
    afterReopening(state),
  );
  if (bookedOn > date) {
    refuse(
      'R9b',
      'booked-after-sip-date',
      'A SIP is booked on or before its date; give bookedOn when recording a booking made earlier.',
      'bookedOn',
    );
  }
  const parties = requireCodes(PARTIES, command.parties, 'parties');
  if (parties.length === 0) invalid('required', 'parties', 'Invite at least one party.');
  parties.forEach((party, i) => {
    requireInScope(state.consent, party, `parties[${i}]`);
    // Invited to a SIP on its date: a party that left after it was held still took part in it.
    requireStillInvolved(state, party, date, `parties[${i}]`);
  });
  const leader = requireCode(PARTIES, command.leader, 'leader');
  const documenter = requireCode(PARTIES, command.documenter, 'documenter');
  if (!parties.includes(leader))
    invalid('not-invited', 'leader', 'The leader must be one of the invited parties.');
  if (!parties.includes(documenter))
    invalid('not-invited', 'documenter', 'The documenter must be one of the invited parties.');
  // R2/R8: booking shares the case with the invited parties on the day it is made, and the SIP
  // itself is held on its date: the consent must cover both (their dates, not the day of recording).
  if (!consentValidOn(state.consent, bookedOn) || !consentValidOn(state.consent, date))
    refuse('R8', 'sip-consent', "The person's consent does not cover the booking or the SIP's date.");
  const data: SipBooked['data'] = {
    sipId,
    date,
    parties,
    leader,
    documenter,
    rebooked: sip.status === 'BOOKED',
    // The booking's own business date; the SIP's date is `date`.
    occurredOn: bookedOn,
  };
  const externalRef = optionalText(command.externalRef, 'externalRef', 200);
  if (externalRef !== undefined) data.externalRef = externalRef;
  return [{ type: 'SipBooked', data }];
}
