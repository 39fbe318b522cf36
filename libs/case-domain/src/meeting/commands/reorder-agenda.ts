import type { CommandMeta } from '../../actor';
import { invalid, refuse } from '../../errors';
import { requireId } from '../../validate';
import type { MeetingEvent } from '../events';
import { requireMeetingAdmin, requireScheduled } from '../rules';
import { agendaInOrder, type MeetingState } from '../state';

/**
 * Sets the agenda's order: every case on it, first to last. The whole list rather than one case's
 * new place, so an order decided on a view of the agenda that has since changed (a case added,
 * moved or removed meanwhile, even when decided anew after a lost race) is refused instead of
 * landing somewhere nobody chose.
 */
export type ReorderAgenda = {
  type: 'ReorderAgenda';
  caseIds: string[];
};

export function decideReorderAgenda(
  command: ReorderAgenda,
  state: MeetingState,
  meta: CommandMeta,
): MeetingEvent[] {
  requireMeetingAdmin(meta.actor);
  const meeting = requireScheduled(state);
  if (!Array.isArray(command.caseIds)) invalid('not-a-list', 'caseIds', 'Expected a list.');
  const onAgenda = new Set(meeting.agenda.map((item) => item.caseId));
  const seen = new Set<string>();
  const caseIds = command.caseIds.map((raw, i) => {
    const caseId = requireId(raw, `caseIds[${i}]`);
    if (seen.has(caseId)) invalid('duplicate-case', `caseIds[${i}]`, 'The case is named twice.');
    seen.add(caseId);
    // R5: the agenda holds the cases the processledare put on it; ordering puts none there.
    if (!onAgenda.has(caseId))
      refuse('R5', 'not-on-agenda', "The case is not on the meeting's agenda.", `caseIds[${i}]`);
    return caseId;
  });
  if (caseIds.length !== onAgenda.size) {
    refuse('R5', 'agenda-incomplete', 'The order must name every case on the agenda.', 'caseIds');
  }
  const shown = agendaInOrder(meeting).map((item) => item.caseId);
  // The order already set, asked again (a retry, a double click): nothing to record.
  if ((meeting.agendaOrdered || shown.length === 0) && shown.every((id, i) => id === caseIds[i])) return [];
  return [{ type: 'AgendaReordered', data: { caseIds, occurredOn: meta.today } }];
}
