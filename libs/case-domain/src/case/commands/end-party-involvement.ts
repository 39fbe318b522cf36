import { hasRole, isPartyActor, type CommandMeta } from '../../actor';
import { PARTIES, type Party } from '../../codes';
import { conflict, forbidden, refuse } from '../../errors';
import { businessDate, requireCode } from '../../validate';
import type { CaseEvent } from '../events';
import { afterInitiation, afterReopening, requireNotClosed } from '../rules';
import { caseParties, type ExistingCase } from '../state';

export type EndPartyInvolvement = {
  type: 'EndPartyInvolvement';
  party: Party;
  /** Defaults to today. */
  endedOn?: string;
};

/** R12: a party ends its own involvement while the others go on. */
export function decideEndPartyInvolvement(
  command: EndPartyInvolvement,
  state: ExistingCase,
  meta: CommandMeta,
): CaseEvent[] {
  const party = requireCode(PARTIES, command.party, 'party');
  const actor = meta.actor;
  if (!hasRole(actor, 'processledare') && !(isPartyActor(actor) && actor.party === party)) {
    forbidden('not-own-party', 'A party ends only its own involvement.', 'R12');
  }
  requireNotClosed(state);
  if (!caseParties(state).includes(party) && !Object.values(state.insatser).some((i) => i.party === party)) {
    refuse('R12', 'party-not-involved', 'The party is not involved in the case.', 'party');
  }
  if (state.endedParties[party] !== undefined) {
    conflict('party-involvement-already-ended', 'The party has already ended its involvement.', 'R12');
  }
  // R11: a decided case always has an owner; the owner hands over before leaving.
  if (state.owner?.party === party) {
    refuse(
      'R11',
      'owner-must-hand-over',
      'The ärendebärare party must hand the case over before leaving it.',
      'party',
    );
  }
  if (Object.values(state.insatser).some((i) => i.party === party && i.ended === undefined)) {
    refuse(
      'R12',
      'party-has-open-insatser',
      "End the party's open insatser first: closing ends nothing silently.",
      'party',
    );
  }
  // The party's insatser have all ended (checked above): it leaves on or after the last of them.
  const lastInsatsEnd = Object.values(state.insatser)
    .flatMap((i) => (i.party === party && i.ended ? [i.ended.endedOn] : []))
    .reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
  const endedOn = businessDate(
    command.endedOn,
    'endedOn',
    meta,
    afterInitiation(state),
    afterReopening(state),
    lastInsatsEnd === undefined
      ? undefined
      : { date: lastInsatsEnd, code: 'date-before-insats-end', what: "the party's insats ended" },
  );
  return [{ type: 'PartyInvolvementEnded', data: { party, occurredOn: endedOn } }];
}
