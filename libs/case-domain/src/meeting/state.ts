import type { Decision, Party } from '../codes';

export interface AgendaItem {
  caseId: string;
  priority: boolean;
  /** Copied from the case so the agenda can be ordered oldest first without a lookup. */
  caseInitiatedOn: string;
  addedOn: string;
}

export interface MeetingMember {
  party: Party;
  user: string;
}

/** An adjungerad guest: invited to the meeting without being a member. */
export interface MeetingGuest {
  name: string;
  organisation?: string;
}

export interface MeetingDecisionRef {
  caseId: string;
  decision: Decision;
  decidedOn: string;
  /** The version of the case's DecisionRecorded this entry stands for, when known. */
  caseVersion?: number;
}

export type MeetingState =
  | { status: 'NONE' }
  | {
      status: 'SCHEDULED';
      meetingId: string;
      date: string;
      time?: string;
      place?: string;
      agenda: AgendaItem[];
      members: MeetingMember[];
      guests: MeetingGuest[];
      /** The protocol: decisions recorded at this meeting, in order. */
      decisions: MeetingDecisionRef[];
      movedOut: { caseId: string; toMeetingId: string }[];
    };

export function initialMeetingState(): MeetingState {
  return { status: 'NONE' };
}

/** The processledare's order: priority cases first, then oldest first. */
export function orderedAgenda(agenda: readonly AgendaItem[]): AgendaItem[] {
  return [...agenda].sort((a, b) => {
    if (a.priority !== b.priority) return a.priority ? -1 : 1;
    if (a.caseInitiatedOn !== b.caseInitiatedOn) return a.caseInitiatedOn < b.caseInitiatedOn ? -1 : 1;
    return a.addedOn < b.addedOn ? -1 : a.addedOn > b.addedOn ? 1 : 0;
  });
}
