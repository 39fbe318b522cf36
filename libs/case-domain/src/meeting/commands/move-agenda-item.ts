import type { CommandMeta } from '../../actor';
import { conflict, invalid, notFound } from '../../errors';
import { requireId } from '../../validate';
import type { MeetingEvent } from '../events';
import { requireMeetingAdmin, requireScheduled } from '../rules';
import type { MeetingState } from '../state';

/**
 * Moves a case from this meeting to another (e.g. after BORDLAGD). Recorded on this meeting; the
 * handler then adds it to the target with AddCaseToAgenda { movedFrom }.
 */
export type MoveAgendaItem = {
  type: 'MoveAgendaItem';
  caseId: string;
  toMeetingId: string;
};

export function decideMoveAgendaItem(
  command: MoveAgendaItem,
  state: MeetingState,
  targetMeeting: MeetingState | undefined,
  meta: CommandMeta,
): MeetingEvent[] {
  requireMeetingAdmin(meta.actor);
  const meeting = requireScheduled(state);
  const caseId = requireId(command.caseId, 'caseId');
  const toMeetingId = requireId(command.toMeetingId, 'toMeetingId');
  if (toMeetingId === meeting.meetingId)
    invalid('same-meeting', 'toMeetingId', 'The case is already on this meeting.');
  if (!meeting.agenda.some((item) => item.caseId === caseId))
    notFound('agenda-item-not-found', 'The case is not on this agenda.');
  if (!targetMeeting || targetMeeting.status === 'NONE' || targetMeeting.meetingId !== toMeetingId) {
    notFound('meeting-not-found', 'The target meeting does not exist.');
  }
  if (targetMeeting.agenda.some((item) => item.caseId === caseId)) {
    conflict('already-on-agenda', "The case is already on the target meeting's agenda.");
  }
  return [{ type: 'AgendaItemMoved', data: { caseId, toMeetingId, occurredOn: meta.today } }];
}
