import type { CommandMeta } from '../../actor';
import { refuse } from '../../errors';
import { businessDate } from '../../validate';
import type { CaseEvent } from '../events';
import { afterInitiation, afterReopening, afterResubmission, requireProcessledare } from '../rules';
import type { ExistingCase } from '../state';

export type AcceptCase = {
  type: 'AcceptCase';
  /** Defaults to today. */
  acceptedOn?: string;
};

/** R5: the processledare accepts a submitted case; it may then go on an agenda. */
export function decideAcceptCase(command: AcceptCase, state: ExistingCase, meta: CommandMeta): CaseEvent[] {
  requireProcessledare(meta.actor, 'accept a case');
  if (state.status !== 'SUBMITTED') refuse('R5', 'intake-state', 'Only a submitted case can be accepted.');
  const acceptedOn = businessDate(
    command.acceptedOn,
    'acceptedOn',
    meta,
    afterInitiation(state),
    afterReopening(state),
    afterResubmission(state),
  );
  return [{ type: 'CaseAccepted', data: { occurredOn: acceptedOn } }];
}
