import { hasRole, type CommandMeta } from '../../actor';
import { DEADLINE_KINDS, type DeadlineKind } from '../../codes';
import { forbidden } from '../../errors';
import { businessDate, requireCode } from '../../validate';
import type { CaseContext } from '../context';
import { deadlineFacts } from '../deadlines';
import type { CaseEvent } from '../events';
import type { ExistingCase } from '../state';

/**
 * Issued by the scheduler when a deadline from caseDeadlines falls due. It records the facts that
 * are true today (InsatsDeadlineMissed, FollowUpBecameDue, FollowUpOverdue, ConsentExpired,
 * CaseStagnated, AgeLimitFlagged, PersonalDataErased for RETENTION), each exactly once: a repeated
 * or stale command records nothing. For RETENTION the context names the person's other cases: while
 * one of them still needs the person's data the case records RetentionHeld instead (§10).
 */
export type RecordDeadlineReached = {
  type: 'RecordDeadlineReached';
  deadline: DeadlineKind;
  dueOn: string;
};

export function decideRecordDeadlineReached(
  command: RecordDeadlineReached,
  state: ExistingCase,
  ctx: CaseContext,
  meta: CommandMeta,
): CaseEvent[] {
  if (!hasRole(meta.actor, 'system')) forbidden('role-not-allowed', 'Deadlines are recorded by the system.');
  const deadline = requireCode(DEADLINE_KINDS, command.deadline, 'deadline');
  businessDate(command.dueOn ?? meta.today, 'dueOn', meta);
  return deadlineFacts(state, ctx.settings, deadline, meta.today, ctx.personCases);
}
