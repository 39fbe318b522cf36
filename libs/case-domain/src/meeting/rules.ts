import { hasRole, type Actor } from '../actor';
import { forbidden, notFound } from '../errors';
import type { MeetingState } from './state';

export type ScheduledMeeting = Extract<MeetingState, { status: 'SCHEDULED' }>;

export function requireMeetingAdmin(actor: Actor): void {
  if (!hasRole(actor, 'processledare'))
    forbidden('role-not-allowed', 'Only a processledare manages meetings.');
}

export function requireScheduled(state: MeetingState): ScheduledMeeting {
  if (state.status === 'NONE') notFound('meeting-not-found', 'The meeting does not exist.');
  return state;
}
