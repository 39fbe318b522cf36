import type { Decision } from '../codes';
import type { MeetingGuest, MeetingMember } from './state';

export type MeetingScheduled = {
  type: 'MeetingScheduled';
  data: { meetingId: string; date: string; time?: string; place?: string; occurredOn: string };
};

export type CaseAddedToAgenda = {
  type: 'CaseAddedToAgenda';
  data: {
    caseId: string;
    priority: boolean;
    caseInitiatedOn: string;
    movedFrom?: string;
    occurredOn: string;
  };
};

export type AgendaItemMoved = {
  type: 'AgendaItemMoved';
  data: { caseId: string; toMeetingId: string; occurredOn: string };
};

export type CaseRemovedFromAgenda = {
  type: 'CaseRemovedFromAgenda';
  data: { caseId: string; occurredOn: string };
};

/** The processledare set the agenda's order: every case on it, first to last. */
export type AgendaReordered = {
  type: 'AgendaReordered';
  data: { caseIds: string[]; occurredOn: string };
};

export type AttendanceRecorded = {
  type: 'AttendanceRecorded';
  /** Replaces the attendance recorded before. */
  data: { members: MeetingMember[]; guests: MeetingGuest[]; occurredOn: string };
};

/** The protocol's reference to a decision recorded on the case (DecisionRecorded). */
export type MeetingDecisionRecorded = {
  type: 'MeetingDecisionRecorded';
  /** caseVersion: the version of the case's DecisionRecorded it enters (absent in entries written before it was kept). */
  data: { caseId: string; decision: Decision; occurredOn: string; caseVersion?: number };
};

export type MeetingEvent =
  | MeetingScheduled
  | CaseAddedToAgenda
  | AgendaItemMoved
  | CaseRemovedFromAgenda
  | AgendaReordered
  | AttendanceRecorded
  | MeetingDecisionRecorded;

export type MeetingEventType = MeetingEvent['type'];

export const MEETING_EVENT_TYPES = [
  'MeetingScheduled',
  'CaseAddedToAgenda',
  'AgendaItemMoved',
  'CaseRemovedFromAgenda',
  'AgendaReordered',
  'AttendanceRecorded',
  'MeetingDecisionRecorded',
] as const satisfies readonly MeetingEventType[];
