import { hasRole, isPartyActor, type CommandMeta, type Sealed } from '../../actor';
import { PARTIES, type Party } from '../../codes';
import { conflict, forbidden, refuse } from '../../errors';
import { businessDate, optionalSealed, optionalText, requireCode } from '../../validate';
import type { CaseEvent, OwnershipHandedOver, Owner } from '../events';
import {
  afterInitiation,
  afterReopening,
  requireConsentOn,
  requireInScope,
  requireStillInvolved,
} from '../rules';
import { isOpenCase, type ExistingCase } from '../state';

export type HandOverOwnership = {
  type: 'HandOverOwnership';
  toParty: Party;
  toUser?: string;
  reason?: Sealed;
  /** Defaults to today. */
  handedOverOn?: string;
};

/** R11: reassignment of the ärendebärare is an explicit, recorded handover from one owner to another. */
export function decideHandOverOwnership(
  command: HandOverOwnership,
  state: ExistingCase,
  meta: CommandMeta,
): CaseEvent[] {
  if (!isOpenCase(state)) conflict('case-closed', 'A closed case has no ownership to hand over.', 'R11');
  const from = state.owner;
  if (from === undefined)
    refuse('R11', 'no-owner', 'The case has no ärendebärare yet; a decision names one.');
  const actor = meta.actor;
  const isOwner =
    (from.user !== undefined && actor.sub === from.user) ||
    (isPartyActor(actor) && actor.party === from.party);
  if (!isOwner && !hasRole(actor, 'processledare')) {
    forbidden('not-case-owner', 'Only the ärendebärare or a processledare may hand over the case.', 'R11');
  }
  const toParty = requireCode(PARTIES, command.toParty, 'toParty');
  requireInScope(state.consent, toParty, 'toParty');
  requireStillInvolved(state, toParty, meta.today, 'toParty');
  const toUser = optionalText(command.toUser, 'toUser', 128);
  if (toParty === from.party && toUser === from.user) {
    conflict('already-owner', 'The case already has this ärendebärare.', 'R11');
  }
  const handedOverOn = businessDate(
    command.handedOverOn,
    'handedOverOn',
    meta,
    afterInitiation(state),
    afterReopening(state),
    // R11: the current owner cannot hand over before the decision (or handover) that made it owner.
    state.ownerSince === undefined
      ? undefined
      : { date: state.ownerSince, code: 'date-before-ownership', what: 'the current ärendebärare was named' },
  );
  // R2: a handover shares the case with a new owner; only while the consent covers its date.
  requireConsentOn(state.consent, handedOverOn, 'handedOverOn');
  const to: Owner = toUser !== undefined ? { party: toParty, user: toUser } : { party: toParty };
  const data: OwnershipHandedOver['data'] = { from, to, occurredOn: handedOverOn };
  const reason = optionalSealed(command.reason, 'reason');
  if (reason !== undefined) data.reason = reason;
  return [{ type: 'OwnershipHandedOver', data }];
}
