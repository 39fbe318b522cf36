import type { CommandMeta } from '../../actor';
import { PARTIES, type Party } from '../../codes';
import { invalid, refuse } from '../../errors';
import { businessDate, requireCode, requireCodes, requireSealed } from '../../validate';
import type { CaseEvent, SipPlanItem } from '../events';
import { afterReopening, consentValidOn, requireInScope, requireNotClosed } from '../rules';
import { type ExistingCase } from '../state';
import { afterSipFacts, requireOpenSip, requireSipActor } from './request-sip';

export type RecordSipHeld = {
  type: 'RecordSipHeld';
  sipId: string;
  heldOn: string;
  attendees: Party[];
  plan: { goal: string; action: string; responsibleParty: Party }[];
  /** Whether the person the case concerns attended; defaults to true. */
  personAttended?: boolean;
};

/** R8: the SIP was held; it is registered on the case's person, with the plan and who is responsible. */
export function decideRecordSipHeld(
  command: RecordSipHeld,
  state: ExistingCase,
  meta: CommandMeta,
): CaseEvent[] {
  requireSipActor(meta.actor);
  requireNotClosed(state);
  const { sipId, sip } = requireOpenSip(state, command.sipId, 'recorded as held');
  const heldOn = businessDate(command.heldOn, 'heldOn', meta, ...afterSipFacts(sip), afterReopening(state));
  if (!consentValidOn(state.consent, heldOn))
    refuse('R8', 'sip-consent', "The person's consent did not cover this date.");
  const attendees = requireCodes(PARTIES, command.attendees, 'attendees');
  if (attendees.length === 0) invalid('required', 'attendees', 'Name at least one attending party.');
  attendees.forEach((party, i) => requireInScope(state.consent, party, `attendees[${i}]`));
  if (!Array.isArray(command.plan)) invalid('not-a-list', 'plan', 'Expected a list.');
  const plan: SipPlanItem[] = command.plan.map((item, i) => {
    const responsibleParty = requireCode(PARTIES, item?.responsibleParty, `plan[${i}].responsibleParty`);
    requireInScope(state.consent, responsibleParty, `plan[${i}].responsibleParty`);
    return {
      goal: requireSealed(item.goal, `plan[${i}].goal`),
      action: requireSealed(item.action, `plan[${i}].action`),
      responsibleParty,
    };
  });
  if (command.personAttended !== undefined && typeof command.personAttended !== 'boolean') {
    invalid('required', 'personAttended', 'Expected true or false.');
  }
  return [
    {
      type: 'SipHeld',
      data: {
        sipId,
        personId: state.person.personId,
        personAttended: command.personAttended ?? true,
        attendees,
        plan,
        occurredOn: heldOn,
      },
    },
  ];
}
