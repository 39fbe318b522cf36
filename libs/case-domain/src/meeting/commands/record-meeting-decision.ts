import type { CommandMeta } from '../../actor';
import { DECISIONS, type Decision } from '../../codes';
import { refuse } from '../../errors';
import { businessDate, optionalInteger, requireCode, requireId } from '../../validate';
import type { MeetingEvent } from '../events';
import { requireMeetingAdmin, requireScheduled } from '../rules';
import type { MeetingState } from '../state';

/** Puts a decision recorded on a case into this meeting's protocol. */
export type RecordMeetingDecision = {
  type: 'RecordMeetingDecision';
  caseId: string;
  decision: Decision;
  /** Defaults to today. */
  decidedOn?: string;
  /**
   * The version of the case's DecisionRecorded. With it the entry is made once, whoever asks
   * first: the decision's own request, or the protocol reactor completing it after a crash.
   */
  caseVersion?: number;
};

export function decideRecordMeetingDecision(
  command: RecordMeetingDecision,
  state: MeetingState,
  meta: CommandMeta,
): MeetingEvent[] {
  requireMeetingAdmin(meta.actor);
  const meeting = requireScheduled(state);
  const caseId = requireId(command.caseId, 'caseId');
  if (!meeting.agenda.some((item) => item.caseId === caseId)) {
    refuse('R6', 'not-on-agenda', "The case is not on the meeting's agenda.", 'caseId');
  }
  const caseVersion = optionalInteger(command.caseVersion, 1, Number.MAX_SAFE_INTEGER, 'caseVersion');
  // Already in the protocol: nothing to record.
  if (caseVersion !== undefined && meeting.decisions.some((d) => d.caseId === caseId && d.caseVersion === caseVersion)) {
    return [];
  }
  const decision = requireCode(DECISIONS, command.decision, 'decision');
  const decidedOn = businessDate(command.decidedOn, 'decidedOn', meta, {
    date: meeting.date,
    code: 'date-before-meeting',
    what: 'the meeting',
  });
  return [
    {
      type: 'MeetingDecisionRecorded',
      data: {
        caseId,
        decision,
        occurredOn: decidedOn,
        ...(caseVersion !== undefined ? { caseVersion } : {}),
      },
    },
  ];
}
