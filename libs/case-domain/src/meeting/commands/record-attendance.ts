import type { CommandMeta } from '../../actor';
import { PARTIES } from '../../codes';
import { invalid } from '../../errors';
import { optionalText, requireCode, requireText } from '../../validate';
import type { MeetingEvent } from '../events';
import { requireMeetingAdmin, requireScheduled } from '../rules';
import type { MeetingGuest, MeetingMember, MeetingState } from '../state';

/** The members present per party and the adjungerade guests. Replaces earlier attendance. */
export type RecordAttendance = {
  type: 'RecordAttendance';
  members: MeetingMember[];
  guests?: MeetingGuest[];
};

export function decideRecordAttendance(
  command: RecordAttendance,
  state: MeetingState,
  meta: CommandMeta,
): MeetingEvent[] {
  requireMeetingAdmin(meta.actor);
  requireScheduled(state);
  if (!Array.isArray(command.members)) invalid('not-a-list', 'members', 'Expected a list.');
  const members: MeetingMember[] = command.members.map((m, i) => ({
    party: requireCode(PARTIES, m?.party, `members[${i}].party`),
    user: requireText(m.user, `members[${i}].user`, 128),
  }));
  const rawGuests = command.guests ?? [];
  if (!Array.isArray(rawGuests)) invalid('not-a-list', 'guests', 'Expected a list.');
  const guests: MeetingGuest[] = rawGuests.map((g, i) => {
    const name = requireText(g?.name, `guests[${i}].name`, 200);
    const organisation = optionalText(g.organisation, `guests[${i}].organisation`, 200);
    return organisation !== undefined ? { name, organisation } : { name };
  });
  return [{ type: 'AttendanceRecorded', data: { members, guests, occurredOn: meta.today } }];
}
