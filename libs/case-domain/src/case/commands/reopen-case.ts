import type { CommandMeta, Sealed } from '../../actor';
import { refuse } from '../../errors';
import { businessDate, isNonEmptyString } from '../../validate';
import type { CaseEvent } from '../events';
import { requireConsentOn, requireProcessledare } from '../rules';
import type { ExistingCase } from '../state';

export type ReopenCase = {
  type: 'ReopenCase';
  reason: Sealed;
  /** Defaults to today. */
  reopenedOn?: string;
};

/** R13: a closed case is reopened with a reason; its history continues in the same stream. */
export function decideReopenCase(command: ReopenCase, state: ExistingCase, meta: CommandMeta): CaseEvent[] {
  requireProcessledare(meta.actor, 'reopen a case');
  if (state.status !== 'CLOSED') refuse('R13', 'case-not-closed', 'Only a closed case can be reopened.');
  if (!isNonEmptyString(command.reason))
    refuse('R13', 'reason-required', 'Reopening needs a reason.', 'reason');
  const reopenedOn = businessDate(command.reopenedOn, 'reopenedOn', meta, {
    date: state.closure.closedOn,
    code: 'date-before-closure',
    what: 'the case was closed',
  });
  // R2: a reopened case is processed again, which needs a consent that covers it.
  requireConsentOn(state.consent, reopenedOn, 'reopenedOn');
  return [{ type: 'CaseReopened', data: { reason: command.reason, occurredOn: reopenedOn } }];
}
