import type { CommandMeta, Sealed } from '../../actor';
import { refuse } from '../../errors';
import { businessDate, isNonEmptyString } from '../../validate';
import type { CaseEvent } from '../events';
import { afterInitiation, afterReopening, afterResubmission, requireProcessledare } from '../rules';
import type { ExistingCase } from '../state';

export type ReturnCase = {
  type: 'ReturnCase';
  reason: Sealed;
  /** Defaults to today. */
  returnedOn?: string;
};

/** R5: the processledare returns a submitted case to the initiator for completion, with a reason. */
export function decideReturnCase(command: ReturnCase, state: ExistingCase, meta: CommandMeta): CaseEvent[] {
  requireProcessledare(meta.actor, 'return a case');
  if (state.status !== 'SUBMITTED') refuse('R5', 'intake-state', 'Only a submitted case can be returned.');
  if (!isNonEmptyString(command.reason))
    refuse('R5', 'reason-required', 'A returned case needs a reason.', 'reason');
  const returnedOn = businessDate(
    command.returnedOn,
    'returnedOn',
    meta,
    afterInitiation(state),
    afterReopening(state),
    afterResubmission(state),
  );
  return [{ type: 'CaseReturned', data: { reason: command.reason, occurredOn: returnedOn } }];
}
