import type { CommandMeta, Sealed } from '../actor';
import { conflict, notFound } from '../errors';
import { businessDate, optionalSealed, requireId } from '../validate';
import type { CaseEvent, SipCancelled } from '../case/events';
import { afterReopening, requireNotClosed } from '../case/rules';
import { sipOf, type ExistingCase } from '../case/state';
import { requireSipActor } from './request-sip';

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
  const sipId = requireId(command.sipId, 'sipId');
  const sip = sipOf(state, sipId);
  if (!sip) notFound('sip-not-found', 'The SIP does not exist.');
  if (sip.status !== 'REQUESTED' && sip.status !== 'BOOKED') {
    conflict('sip-state', 'Only a requested or booked SIP can be cancelled.', 'R8');
  }
  const cancelledOn = businessDate(
    command.cancelledOn,
    'cancelledOn',
    meta,
    { date: sip.requestedOn, code: 'date-before-request', what: 'the SIP was requested' },
    afterReopening(state),
  );
  const data: SipCancelled['data'] = { sipId, occurredOn: cancelledOn };
  const reason = optionalSealed(command.reason, 'reason');
  if (reason !== undefined) data.reason = reason;
  return [{ type: 'SipCancelled', data }];
}
