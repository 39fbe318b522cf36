import type { CommandMeta } from '../../actor';
import { conflict, invalid } from '../../errors';
import { optionalText, requireDate, requireId } from '../../validate';
import type { MeetingEvent, MeetingScheduled } from '../events';
import { requireMeetingAdmin } from '../rules';
import type { MeetingState } from '../state';

export type ScheduleMeeting = {
  type: 'ScheduleMeeting';
  meetingId: string;
  /** The meeting date; may be in the future. */
  date: string;
  /** 'HH:MM', local time. */
  time?: string;
  /** A room or a digital link. */
  place?: string;
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function decideScheduleMeeting(
  command: ScheduleMeeting,
  state: MeetingState,
  meta: CommandMeta,
): MeetingEvent[] {
  requireMeetingAdmin(meta.actor);
  if (state.status !== 'NONE') conflict('meeting-exists', 'A meeting with this id already exists.');
  const data: MeetingScheduled['data'] = {
    meetingId: requireId(command.meetingId, 'meetingId'),
    date: requireDate(command.date, 'date'),
    occurredOn: meta.today,
  };
  if (command.time !== undefined) {
    if (typeof command.time !== 'string' || !TIME.test(command.time))
      invalid('invalid-time', 'time', 'Expected HH:MM.');
    data.time = command.time;
  }
  const place = optionalText(command.place, 'place', 500);
  if (place !== undefined) data.place = place;
  return [{ type: 'MeetingScheduled', data }];
}
