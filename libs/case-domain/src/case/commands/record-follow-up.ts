import type { CommandMeta, Sealed } from '../../actor';
import { addMonths } from '../../civil-date';
import { FOLLOW_UP_MONTHS, INCOME_SOURCES, type FollowUpMonth, type IncomeSource } from '../../codes';
import { conflict, refuse } from '../../errors';
import { businessDate, optionalInteger, optionalSealed, requireCode, requireInteger } from '../../validate';
import type { CaseEvent, FollowUpRecorded } from '../events';
import { afterReopening, consentValidOn, requireCaseWorker } from '../rules';
import type { ExistingCase } from '../state';

export type RecordFollowUp = {
  type: 'RecordFollowUp';
  month: FollowUpMonth;
  /** Defaults to today. */
  recordedOn?: string;
  incomeSource: IncomeSource;
  /** Progression step 1–6 (DOMAIN.md §7). */
  step: number;
  vas?: number;
  notes?: Sealed;
};

/** R14: the post-closure follow-up asks, a year after closure, whether the outcome lasted. */
export const POST_CLOSURE_MONTHS = 12;

/** R10 follow-ups at 3/6/9/12 months from the first insats; R14 one after closure. Each once. */
export function decideRecordFollowUp(
  command: RecordFollowUp,
  state: ExistingCase,
  meta: CommandMeta,
): CaseEvent[] {
  requireCaseWorker(meta.actor, state);
  const month = requireCode(FOLLOW_UP_MONTHS, command.month, 'month');
  let dueOn: string;
  let notBefore: { date: string; code: string; what: string };
  if (month === 'POST_CLOSURE') {
    if (state.status !== 'CLOSED') {
      refuse(
        'R14',
        'post-closure-follow-up-before-closure',
        'The post-closure follow-up comes after the case is closed.',
        'month',
      );
    }
    dueOn = addMonths(state.closure.closedOn, POST_CLOSURE_MONTHS);
    notBefore = { date: state.closure.closedOn, code: 'date-before-closure', what: 'the case was closed' };
  } else {
    if (state.status === 'CLOSED') {
      refuse('R14', 'case-closed', 'After closure only the post-closure follow-up can be recorded.', 'month');
    }
    const schedule = state.followUpSchedule;
    if (schedule === undefined) {
      refuse(
        'R10',
        'follow-up-not-scheduled',
        'Follow-ups are counted from the first insats start; none has started.',
        'month',
      );
    }
    dueOn = schedule.dueDates[month];
    notBefore = {
      date: schedule.firstInsatsStartedOn,
      code: 'date-before-first-insats',
      what: 'the first insats started',
    };
  }
  if (state.followUps[month] !== undefined) {
    conflict('follow-up-already-recorded', 'This follow-up has already been recorded.', 'R10');
  }
  const recordedOn = businessDate(command.recordedOn, 'recordedOn', meta, notBefore, afterReopening(state));
  // R2: a follow-up records new facts about the person (notes included), so the consent must
  // cover its date. Ending things (closing the case, ending an insats or a party's involvement,
  // withdrawing consent) records nothing new about the person and stays allowed after expiry.
  if (!consentValidOn(state.consent, recordedOn)) {
    refuse('R2', 'consent-expired', "The person's consent did not cover this date.", 'recordedOn');
  }
  const data: FollowUpRecorded['data'] = {
    month,
    dueOn,
    incomeSource: requireCode(INCOME_SOURCES, command.incomeSource, 'incomeSource'),
    step: requireInteger(command.step, 1, 6, 'step'),
    occurredOn: recordedOn,
  };
  const vas = optionalInteger(command.vas, 0, 100, 'vas');
  if (vas !== undefined) data.vas = vas;
  const notes = optionalSealed(command.notes, 'notes');
  if (notes !== undefined) data.notes = notes;
  return [{ type: 'FollowUpRecorded', data }];
}
