import type { CommandMeta, Sealed } from '../../actor';
import type { Outcome, WorkSubtype } from '../../codes';
import { conflict, notFound } from '../../errors';
import { businessDate, requireId } from '../../validate';
import type { CaseEvent } from '../events';
import { requireOutcome } from '../outcome';
import { requireCaseWorker, requireNotClosed } from '../rules';
import { insatsOf, type ExistingCase } from '../state';

export type EndInsats = {
  type: 'EndInsats';
  insatsId: string;
  endedOn: string;
  /** An outcome code (DOMAIN.md §5). */
  reason: Outcome;
  subtype?: WorkSubtype;
  extentPercent?: number;
  /** Required for ANNAT. */
  otherReason?: Sealed;
};

/** R9: an insats ends with an outcome code; the case may go on. */
export function decideEndInsats(command: EndInsats, state: ExistingCase, meta: CommandMeta): CaseEvent[] {
  requireCaseWorker(meta.actor, state);
  requireNotClosed(state);
  const insatsId = requireId(command.insatsId, 'insatsId');
  const insats = insatsOf(state, insatsId);
  if (!insats) notFound('insats-not-found', 'The insats does not exist.');
  if (insats.ended) conflict('insats-already-ended', 'The insats has already ended.', 'R9');
  const endedOn = businessDate(command.endedOn, 'endedOn', meta, {
    date: insats.startedOn,
    code: 'date-before-start',
    what: 'the insats started',
  });
  const { outcome, ...details } = requireOutcome(
    {
      outcome: command.reason,
      subtype: command.subtype,
      extentPercent: command.extentPercent,
      otherReason: command.otherReason,
    },
    'reason',
    'R9',
  );
  return [
    {
      type: 'InsatsEnded',
      data: {
        insatsId,
        insatsCode: insats.insatsCode,
        party: insats.party,
        reason: outcome,
        ...details,
        endedBy: 'ENDED',
        occurredOn: endedOn,
      },
    },
  ];
}
