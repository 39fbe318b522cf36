import type { MeetingEvent } from './events';
import { insertIntoOrderedAgenda, reorderAgenda, type AgendaItem, type MeetingState } from './state';

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingScheduled') {
    const d = event.data;
    return {
      status: 'SCHEDULED',
      meetingId: d.meetingId,
      date: d.date,
      ...(d.time !== undefined ? { time: d.time } : {}),
      ...(d.place !== undefined ? { place: d.place } : {}),
      agenda: [],
      members: [],
      guests: [],
      decisions: [],
      movedOut: [],
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'CaseAddedToAgenda': {
      const d = event.data;
      if (state.agenda.some((item) => item.caseId === d.caseId)) return state;
      const item: AgendaItem = {
        caseId: d.caseId,
        priority: d.priority,
        caseInitiatedOn: d.caseInitiatedOn,
        addedOn: d.occurredOn,
      };
      return {
        ...state,
        agenda: state.agendaOrdered ? insertIntoOrderedAgenda(state.agenda, item) : [...state.agenda, item],
      };
    }
    case 'AgendaItemMoved':
      return {
        ...state,
        agenda: state.agenda.filter((item) => item.caseId !== event.data.caseId),
        movedOut: [...state.movedOut, { caseId: event.data.caseId, toMeetingId: event.data.toMeetingId }],
      };
    case 'CaseRemovedFromAgenda':
      return { ...state, agenda: state.agenda.filter((item) => item.caseId !== event.data.caseId) };
    case 'AgendaReordered':
      return { ...state, agenda: reorderAgenda(state.agenda, event.data.caseIds), agendaOrdered: true };
    case 'AttendanceRecorded':
      return { ...state, members: event.data.members, guests: event.data.guests };
    case 'MeetingDecisionRecorded':
      return {
        ...state,
        decisions: [
          ...state.decisions,
          {
            caseId: event.data.caseId,
            decision: event.data.decision,
            decidedOn: event.data.occurredOn,
            ...(event.data.caseVersion !== undefined ? { caseVersion: event.data.caseVersion } : {}),
          },
        ],
      };
    default: {
      const _exhaustive: never = event;
      void _exhaustive;
      return state;
    }
  }
}
