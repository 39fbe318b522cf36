import type { CommandMeta } from '../actor';
import { invalid } from '../errors';
import type { CaseState } from '../case/state';
import { decideAddCaseToAgenda, type AddCaseToAgenda } from './commands/add-case-to-agenda';
import { decideMoveAgendaItem, type MoveAgendaItem } from './commands/move-agenda-item';
import { decideRecordAttendance, type RecordAttendance } from './commands/record-attendance';
import { decideRecordMeetingDecision, type RecordMeetingDecision } from './commands/record-meeting-decision';
import { decideRemoveCaseFromAgenda, type RemoveCaseFromAgenda } from './commands/remove-case-from-agenda';
import { decideReorderAgenda, type ReorderAgenda } from './commands/reorder-agenda';
import { decideScheduleMeeting, type ScheduleMeeting } from './commands/schedule-meeting';
import type { MeetingEvent } from './events';
import type { MeetingState } from './state';

export type MeetingCommand =
  | ScheduleMeeting
  | AddCaseToAgenda
  | MoveAgendaItem
  | RemoveCaseFromAgenda
  | ReorderAgenda
  | RecordAttendance
  | RecordMeetingDecision;

export interface MeetingContext {
  /** The case the command names (AddCaseToAgenda). */
  caseState?: CaseState;
  /** The meeting a case moves to (MoveAgendaItem). */
  targetMeeting?: MeetingState;
}

export function decideMeeting(
  command: MeetingCommand,
  state: MeetingState,
  ctx: MeetingContext,
  meta: CommandMeta,
): MeetingEvent[] {
  switch (command.type) {
    case 'ScheduleMeeting':
      return decideScheduleMeeting(command, state, meta);
    case 'AddCaseToAgenda':
      return decideAddCaseToAgenda(command, state, ctx.caseState, meta);
    case 'MoveAgendaItem':
      return decideMoveAgendaItem(command, state, ctx.targetMeeting, meta);
    case 'RemoveCaseFromAgenda':
      return decideRemoveCaseFromAgenda(command, state, meta);
    case 'ReorderAgenda':
      return decideReorderAgenda(command, state, meta);
    case 'RecordAttendance':
      return decideRecordAttendance(command, state, meta);
    case 'RecordMeetingDecision':
      return decideRecordMeetingDecision(command, state, meta);
    default: {
      const exhaustive: never = command;
      return invalid(
        'unknown-command',
        'type',
        `Unknown meeting command ${(exhaustive as { type: string }).type}.`,
      );
    }
  }
}
