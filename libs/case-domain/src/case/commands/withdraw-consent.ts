import type { CommandMeta } from '../../actor';
import { outcomeClass } from '../../codes';
import type { CaseEvent } from '../events';
import { afterInitiation, afterRecordedFacts, afterReopening, requireCaseWorker } from '../rules';
import { isOpenCase, openInsatser, type ExistingCase } from '../state';
import { businessDate } from '../../validate';
import { openSips } from './close-case';

export type WithdrawConsent = {
  type: 'WithdrawConsent';
  withdrawnOn: string;
};

/**
 * R15: withdrawal stops processing at once. An open case is closed with SAMTYCKE_ATERKALLAT (its
 * open insatser ending with it); afterwards only erasure is accepted.
 */
export function decideWithdrawConsent(
  command: WithdrawConsent,
  state: ExistingCase,
  meta: CommandMeta,
): CaseEvent[] {
  requireCaseWorker(meta.actor, state);
  // Not before any recorded fact: the withdrawal closes the case and ends its open insatser on its
  // date, so it cannot precede what was recorded while the consent held.
  const withdrawnOn = businessDate(
    command.withdrawnOn,
    'withdrawnOn',
    meta,
    afterInitiation(state),
    afterReopening(state),
    afterRecordedFacts(state),
  );
  const events: CaseEvent[] = [];
  if (isOpenCase(state)) {
    const open = openInsatser(state);
    const outcome = 'SAMTYCKE_ATERKALLAT';
    for (const insatsId of open) {
      const insats = state.insatser[insatsId];
      events.push({
        type: 'InsatsEnded',
        data: {
          insatsId,
          insatsCode: insats.insatsCode,
          party: insats.party,
          reason: outcome,
          outcomeClass: outcomeClass(outcome),
          endedBy: 'CONSENT_WITHDRAWN',
          occurredOn: withdrawnOn,
        },
      });
    }
    events.push({
      type: 'CaseClosed',
      data: {
        outcome,
        outcomeClass: outcomeClass(outcome),
        slutdokumentation: false,
        survey: { offered: false, answered: false },
        endedInsatser: open,
        openSips: openSips(state),
        viaConsentWithdrawal: true,
        occurredOn: withdrawnOn,
      },
    });
  }
  events.push({ type: 'ConsentWithdrawn', data: { occurredOn: withdrawnOn } });
  return events;
}
