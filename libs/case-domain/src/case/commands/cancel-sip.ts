import type { CommandMeta, Sealed } from '../../actor';
import { businessDate, optionalSealed } from '../../validate';
import type { CaseEvent, SipCancelled } from '../events';
import { afterReopening, requireNotClosed } from '../rules';
import { type ExistingCase } from '../state';
import { afterSipFacts, requireOpenSip, requireSipActor } from './request-sip';

export type CancelSip = {
  type: 'CancelSip';
  sipId: string;
  reason?: Sealed;
  /** Defaults to today. */
  cancelledOn?: string;
};

export function decideCancelSip(command: CancelSip, state: ExistingCase, meta: CommandMeta): CaseEvent[] {
  requireSipActor(meta.actor);
  requireNotClosed(state);
  const { sipId, sip } = requireOpenSip(state, command.sipId, 'cancelled');
  const cancelledOn = businessDate(
    command.cancelledOn,
    'cancelledOn',
    meta,
    ...afterSipFacts(sip),
    afterReopening(state),
  );
  const data: SipCancelled['data'] = { sipId, occurredOn: cancelledOn };
  const reason = optionalSealed(command.reason, 'reason');
  if (reason !== undefined) data.reason = reason;
  return [{ type: 'SipCancelled', data }];
}
