import {
  type CaseEvent,
  type CaseState,
  type MeetingEvent,
  type MeetingState,
  evolveCase,
  evolveMeeting,
  initialCaseState,
  initialMeetingState,
} from '@app/case-domain';
import type { History } from '../bench/generator/history';

export interface DemoCounts {
  cases: number;
  byStatus: Record<string, number>;
  byInitiatingParty: Record<string, number>;
  protectedPersons: number;
  meetingsHeld: number;
  upcomingMeetings: { date: string; agenda: number }[];
  decisions: Record<string, number>;
  jav: number;
  insatser: number;
  sips: { requested: number; booked: number; held: number; cancelled: number };
  followUps: number;
  closures: number;
  consultations: number;
  surveys: number;
  events: number;
}

/** What the demo torg holds, folded from its history by the domain's own evolve. */
export function countDemo(history: History): DemoCounts {
  const byType = history.counts.eventsByType;
  const counts: DemoCounts = {
    cases: 0,
    byStatus: {},
    byInitiatingParty: {},
    protectedPersons: 0,
    meetingsHeld: 0,
    upcomingMeetings: [],
    decisions: {},
    jav: 0,
    insatser: byType.InsatsStarted ?? 0,
    sips: {
      requested: byType.SipRequested ?? 0,
      booked: byType.SipBooked ?? 0,
      held: byType.SipHeld ?? 0,
      cancelled: byType.SipCancelled ?? 0,
    },
    followUps: byType.FollowUpRecorded ?? 0,
    closures: byType.CaseClosed ?? 0,
    consultations: byType.ConsultationRecorded ?? 0,
    surveys: byType.ClosingSurveyAnswered ?? 0,
    events: history.counts.events,
  };
  const inc = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
  for (const stream of history.streams) {
    if (stream.streamType === 'case') {
      let state: CaseState = initialCaseState();
      for (const e of stream.events) {
        state = evolveCase(state, e as unknown as CaseEvent);
        if (e.type === 'DecisionRecorded') {
          const d = e.data as { decision: string; notParticipating?: unknown[] };
          inc(counts.decisions, d.decision);
          if (d.notParticipating?.length) counts.jav++;
        }
      }
      if (state.status === 'NONE') continue;
      counts.cases++;
      inc(counts.byStatus, state.status);
      inc(counts.byInitiatingParty, state.initiatingParty);
      if (state.person.protectedIdentity) counts.protectedPersons++;
    } else if (stream.streamType === 'meeting') {
      let state: MeetingState = initialMeetingState();
      for (const e of stream.events) state = evolveMeeting(state, e as unknown as MeetingEvent);
      if (state.status === 'NONE') continue;
      if (state.date > history.today)
        counts.upcomingMeetings.push({ date: state.date, agenda: state.agenda.length });
      else counts.meetingsHeld++;
    }
  }
  counts.upcomingMeetings.sort((a, b) => a.date.localeCompare(b.date));
  return counts;
}
