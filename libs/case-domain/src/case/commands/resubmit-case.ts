import { hasRole, isPartyActor, type CommandMeta, type Sealed } from '../../actor';
import { PARTIES, type Party } from '../../codes';
import { forbidden, refuse } from '../../errors';
import { businessDate, isNonEmptyString, requireCodes } from '../../validate';
import type { CaseEvent, CaseResubmitted } from '../events';
import { requireConsentOn, requireInScope } from '../rules';
import type { ExistingCase } from '../state';

export type ResubmitCase = {
  type: 'ResubmitCase';
  question?: Sealed;
  needs?: Sealed;
  otherParties?: Party[];
  /** Defaults to today. */
  resubmittedOn?: string;
};

/** R5: a returned case is completed and resubmitted by its initiating party (or the processledare). */
export function decideResubmitCase(
  command: ResubmitCase,
  state: ExistingCase,
  meta: CommandMeta,
): CaseEvent[] {
  const actor = meta.actor;
  const isInitiator = isPartyActor(actor) && actor.party === state.initiatingParty;
  if (!isInitiator && !hasRole(actor, 'processledare')) {
    forbidden('not-initiator', 'Only the initiating party or a processledare may resubmit a case.', 'R5');
  }
  if (state.status !== 'RETURNED') refuse('R5', 'intake-state', 'Only a returned case can be resubmitted.');
  const resubmittedOn = businessDate(command.resubmittedOn, 'resubmittedOn', meta, {
    date: state.returnedOn,
    code: 'date-before-return',
    what: 'the case was returned',
  });
  // R2: a resubmission records new information about the person and shares it with the torg.
  requireConsentOn(state.consent, resubmittedOn, 'resubmittedOn');

  const data: CaseResubmitted['data'] = { occurredOn: resubmittedOn };
  if (command.question !== undefined) {
    if (!isNonEmptyString(command.question))
      refuse('R4', 'question-and-needs', 'The frågeställning cannot be empty.', 'question');
    data.question = command.question;
  }
  if (command.needs !== undefined) {
    if (!isNonEmptyString(command.needs))
      refuse('R4', 'question-and-needs', 'The behovsanalys cannot be empty.', 'needs');
    data.needs = command.needs;
  }
  if (command.otherParties !== undefined) {
    const others = requireCodes(PARTIES, command.otherParties, 'otherParties').filter(
      (p) => p !== state.initiatingParty,
    );
    if (others.length === 0) {
      refuse(
        'R3',
        'two-parties-required',
        'Name at least one other party whose involvement is needed.',
        'otherParties',
      );
    }
    others.forEach((party) => requireInScope(state.consent, party, 'otherParties'));
    data.otherParties = others;
  }
  return [{ type: 'CaseResubmitted', data }];
}
