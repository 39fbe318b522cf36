import type { CommandMeta } from '../../actor';
import { notFound } from '../../errors';
import { requireId } from '../../validate';
import type { MeetingEvent } from '../events';
import { requireMeetingAdmin, requireScheduled } from '../rules';
import type { MeetingState } from '../state';

export type RemoveCaseFromAgenda = {
  type: 'RemoveCaseFromAgenda';
  caseId: string;
};

export function decideRemoveCaseFromAgenda(
  command: RemoveCaseFromAgenda,
  state: MeetingState,
  meta: CommandMeta,
): MeetingEvent[] {
  requireMeetingAdmin(meta.actor);
  const meeting = requireScheduled(state);
  const caseId = requireId(command.caseId, 'caseId');
  if (!meeting.agenda.some((item) => item.caseId === caseId))
    notFound('agenda-item-not-found', 'The case is not on this agenda.');
  return [{ type: 'CaseRemovedFromAgenda', data: { caseId, occurredOn: meta.today } }];
}
