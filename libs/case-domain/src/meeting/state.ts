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
      /** In the order shown once `agendaOrdered`; before that, in the order the cases were added. */
      agenda: AgendaItem[];
      /** Set by AgendaReordered: the processledare's order stands from then on (absent before). */
      agendaOrdered?: true;
      members: MeetingMember[];
      guests: MeetingGuest[];
      /** The protocol: decisions recorded at this meeting, in order. */
      decisions: MeetingDecisionRef[];
      movedOut: { caseId: string; toMeetingId: string }[];
    };

export function initialMeetingState(): MeetingState {
  return { status: 'NONE' };
}

/** The default order, before the processledare sets one: priority cases first, then oldest first. */
export function orderedAgenda(agenda: readonly AgendaItem[]): AgendaItem[] {
  return [...agenda].sort((a, b) => {
    if (a.priority !== b.priority) return a.priority ? -1 : 1;
    if (a.caseInitiatedOn !== b.caseInitiatedOn) return a.caseInitiatedOn < b.caseInitiatedOn ? -1 : 1;
    return a.addedOn < b.addedOn ? -1 : a.addedOn > b.addedOn ? 1 : 0;
  });
}

/**
 * The agenda as shown: the processledare's order once one is set (AgendaReordered), else the
 * default order (orderedAgenda).
 */
export function agendaInOrder(meeting: { agenda: readonly AgendaItem[]; agendaOrdered?: true }): AgendaItem[] {
  return meeting.agendaOrdered ? [...meeting.agenda] : orderedAgenda(meeting.agenda);
}

/**
 * Where a case added to an agenda in the processledare's order goes: an ordinary case last, a
 * priority case just before the first ordinary case (after the priority cases heading the agenda),
 * so a case added later never jumps the order already set, and a priority case still comes
 * before the ordinary ones.
 */
export function insertIntoOrderedAgenda(agenda: readonly AgendaItem[], item: AgendaItem): AgendaItem[] {
  const at = item.priority ? agenda.findIndex((i) => !i.priority) : -1;
  return at === -1 ? [...agenda, item] : [...agenda.slice(0, at), item, ...agenda.slice(at)];
}

/**
 * The agenda in the order `caseIds` names. Never refuses (evolve does not validate): a case not
 * on the agenda is skipped, one on it but not named keeps its place after those named.
 */
export function reorderAgenda(agenda: readonly AgendaItem[], caseIds: readonly string[]): AgendaItem[] {
  const byId = new Map(agenda.map((i) => [i.caseId, i]));
  const named = caseIds.flatMap((id) => {
    const item = byId.get(id);
    byId.delete(id);
    return item ? [item] : [];
  });
  return [...named, ...agenda.filter((i) => byId.has(i.caseId))];
}
