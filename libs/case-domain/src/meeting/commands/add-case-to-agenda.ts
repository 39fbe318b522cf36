import type { CommandMeta } from '../../actor';
import { conflict, invalid, notFound, refuse } from '../../errors';
import { optionalText, requireId } from '../../validate';
import { requireConsentOn } from '../../case/rules';
import { awaitsDecision, type CaseState } from '../../case/state';
import type { CaseAddedToAgenda, MeetingEvent } from '../events';
import { requireMeetingAdmin, requireScheduled } from '../rules';
import type { MeetingState } from '../state';

export type AddCaseToAgenda = {
  type: 'AddCaseToAgenda';
  caseId: string;
  /** Priority cases come first on the agenda. */
  priority?: boolean;
  /** Set by the handler when the case comes from another meeting (MoveAgendaItem). */
  movedFrom?: string;
};

/** R5/R6: only accepted cases awaiting a decision go on an agenda. ctx.caseState is that case. */
export function decideAddCaseToAgenda(
  command: AddCaseToAgenda,
  state: MeetingState,
  caseState: CaseState | undefined,
  meta: CommandMeta,
): MeetingEvent[] {
  requireMeetingAdmin(meta.actor);
  const meeting = requireScheduled(state);
  const caseId = requireId(command.caseId, 'caseId');
  if (!caseState || caseState.status === 'NONE' || caseState.caseId !== caseId) {
    notFound('case-not-found', 'The case does not exist.');
  }
  if (caseState.status === 'WITHDRAWN') refuse('R15', 'consent-withdrawn', 'Consent was withdrawn.');
  if (!awaitsDecision(caseState)) {
    refuse('R5', 'case-not-accepted', 'Only accepted cases awaiting a decision go on an agenda.', 'caseId');
  }
  if (meeting.agenda.some((item) => item.caseId === caseId)) {
    conflict('already-on-agenda', 'The case is already on this agenda.');
  }
  // R2: the agenda shares the case with the group until the meeting: from today for a meeting
  // ahead; for one already held and recorded late (R9b), on the meeting's date, not today.
  requireConsentOn(caseState.consent, meeting.date, 'caseId');
  if (meeting.date > meta.today) requireConsentOn(caseState.consent, meta.today, 'caseId');
  if (command.priority !== undefined && typeof command.priority !== 'boolean') {
    invalid('required', 'priority', 'Expected true or false.');
  }
  const data: CaseAddedToAgenda['data'] = {
    caseId,
    priority: command.priority ?? false,
    caseInitiatedOn: caseState.initiatedOn,
    occurredOn: meta.today,
  };
  const movedFrom = optionalText(command.movedFrom, 'movedFrom', 128);
  if (movedFrom !== undefined) data.movedFrom = movedFrom;
  return [{ type: 'CaseAddedToAgenda', data }];
}
