import type { CommandMeta } from '../../actor';
import { SCHEDULED_FOLLOW_UP_MONTHS, type ScheduledFollowUpMonth } from '../../codes';
import { addMonths } from '../../civil-date';
import { conflict, refuse } from '../../errors';
import { businessDate, optionalInteger, requireId, requireText } from '../../validate';
import { catalogueEntry, type CaseContext } from '../context';
import type { CaseEvent, InsatsStarted } from '../events';
import {
  afterAcceptance,
  afterInitiation,
  afterReopening,
  requireCaseWorker,
  requireConsentOn,
  requireInScope,
  requireNotClosed,
  requireStillInvolved,
} from '../rules';
import { insatsOf, isAcceptedOpenCase, type ExistingCase } from '../state';

export type StartInsats = {
  type: 'StartInsats';
  insatsId: string;
  insatsCode: string;
  startedOn: string;
  /** Progression at start (DOMAIN.md §7): step 1–6 and self-rated health 0–100. */
  step?: number;
  vas?: number;
};

/** R10: the follow-up due dates, counted from the first insats start. */
export function followUpDueDates(firstStartedOn: string): Record<ScheduledFollowUpMonth, string> {
  const due = {} as Record<ScheduledFollowUpMonth, string>;
  for (const month of SCHEDULED_FOLLOW_UP_MONTHS) due[month] = addMonths(firstStartedOn, month);
  return due;
}

/**
 * R10 counts from the first insats by its business date (R9b): an insats recorded later but
 * started earlier moves the schedule. Once a follow-up of the schedule was recorded or flagged
 * due/overdue, the schedule stays (those facts were about its dates) and the insats is still
 * recorded, since facts must be recordable.
 */
function schedulesFollowUps(state: ExistingCase, startedOn: string): boolean {
  const schedule = state.followUpSchedule;
  if (schedule === undefined) return true;
  if (startedOn >= schedule.firstInsatsStartedOn) return false;
  return !SCHEDULED_FOLLOW_UP_MONTHS.some(
    (month) =>
      state.followUps[month] !== undefined ||
      state.followUpsFlaggedDue.includes(month) ||
      state.followUpsFlaggedOverdue.includes(month),
  );
}

/** R9: an insats from the catalogue, by a party within the consent, once the case is accepted. */
export function decideStartInsats(
  command: StartInsats,
  state: ExistingCase,
  ctx: CaseContext,
  meta: CommandMeta,
): CaseEvent[] {
  requireCaseWorker(meta.actor, state);
  requireNotClosed(state);
  if (!isAcceptedOpenCase(state))
    refuse('R9', 'insats-not-accepted', 'An insats can start once the case is accepted.');
  const insatsId = requireId(command.insatsId, 'insatsId');
  if (insatsOf(state, insatsId)) conflict('insats-exists', 'An insats with this id already exists.');
  const insatsCode = requireText(command.insatsCode, 'insatsCode', 64);
  const entry = catalogueEntry(ctx.catalogue, insatsCode);
  if (!entry)
    refuse('R9', 'insats-not-in-catalogue', "The insats is not in the tenant's catalogue.", 'insatsCode');
  if (!entry.active) refuse('R9', 'insats-inactive', 'The insats is no longer offered.', 'insatsCode');
  requireInScope(state.consent, entry.party, 'insatsCode');
  requireStillInvolved(state, entry.party, meta.today, 'insatsCode');
  const startedOn = businessDate(
    command.startedOn,
    'startedOn',
    meta,
    afterInitiation(state),
    afterAcceptance(state),
    afterReopening(state),
  );
  requireConsentOn(state.consent, startedOn, 'startedOn');
  const data: InsatsStarted['data'] = { insatsId, insatsCode, party: entry.party, occurredOn: startedOn };
  const step = optionalInteger(command.step, 1, 6, 'step');
  const vas = optionalInteger(command.vas, 0, 100, 'vas');
  if (step !== undefined) data.step = step;
  if (vas !== undefined) data.vas = vas;

  const events: CaseEvent[] = [{ type: 'InsatsStarted', data }];
  if (schedulesFollowUps(state, startedOn)) {
    events.push({
      type: 'FollowUpsScheduled',
      data: { firstInsatsStartedOn: startedOn, dueDates: followUpDueDates(startedOn), occurredOn: startedOn },
    });
  }
  return events;
}
