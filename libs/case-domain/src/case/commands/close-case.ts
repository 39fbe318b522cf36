import { hasRole, isPartyActor, type CommandMeta, type Sealed } from '../../actor';
import type { Outcome, WorkSubtype } from '../../codes';
import { conflict, forbidden, invalid, refuse } from '../../errors';
import { businessDate, optionalInteger, requireBoolean } from '../../validate';
import type { CaseClosed, CaseEvent } from '../events';
import { requireOutcome } from '../outcome';
import { afterInitiation, afterRecordedFacts, afterReopening } from '../rules';
import { isOpenCase, openInsatser, type ExistingCase, type OpenCase } from '../state';

export type CloseCase = {
  type: 'CloseCase';
  closedOn: string;
  outcome: Outcome;
  subtype?: WorkSubtype;
  extentPercent?: number;
  /** Required for ANNAT. */
  otherReason?: Sealed;
  /** Confirms the slutdokumentation was made at the initiating party; must be true. */
  slutdokumentation: true;
  /** The NNS avslutsenkät: offered, and answered (answered implies offered). */
  survey: { offered: boolean; answered: boolean };
  step?: number;
  vas?: number;
};

/**
 * Who may close: a processledare, or the ärendebärare — the named person at the owning party, or
 * the owning party's staff when no person is named (R11: a colleague takes over by a recorded
 * handover, not by acting in the owner's name); while there is no owner, the initiating party.
 */
function requireMayClose(state: OpenCase, meta: CommandMeta): void {
  const actor = meta.actor;
  if (hasRole(actor, 'processledare')) return;
  const owner = state.owner;
  const party = owner?.party ?? state.initiatingParty;
  if (isPartyActor(actor) && actor.party === party && (owner?.user === undefined || owner.user === actor.sub))
    return;
  forbidden('not-case-owner', 'Only the ärendebärare or a processledare may close the case.', 'R12');
}

/** R12: one outcome, a date, slutdokumentation confirmed, survey offered/answered; open insatser end with it. */
export function decideCloseCase(command: CloseCase, state: ExistingCase, meta: CommandMeta): CaseEvent[] {
  if (!isOpenCase(state)) conflict('case-closed', 'The case is already closed.', 'R12');
  requireMayClose(state, meta);
  if ((command.slutdokumentation as unknown) !== true) {
    refuse(
      'R12',
      'slutdokumentation-required',
      'Confirm that the slutdokumentation was made at the initiating party.',
      'slutdokumentation',
    );
  }
  const survey = command.survey;
  if (survey === undefined || survey === null || typeof survey !== 'object') {
    invalid('required', 'survey', 'Record whether the closing survey was offered and answered.', 'R12');
  }
  const offered = requireBoolean(survey.offered, 'survey.offered');
  const answered = requireBoolean(survey.answered, 'survey.answered');
  if (answered && !offered) {
    invalid(
      'survey-answered-not-offered',
      'survey.answered',
      'A survey cannot be answered without being offered.',
      'R12',
    );
  }
  const details = requireOutcome(command, 'outcome', 'R12');

  const open = openInsatser(state);
  const latestStart = open
    .map((id) => state.insatser[id].startedOn)
    .reduce((a, b) => (a > b ? a : b), state.initiatedOn);
  // The specific bounds first (their refusals say more), then every fact recorded so far.
  const closedOn = businessDate(
    command.closedOn,
    'closedOn',
    meta,
    afterInitiation(state),
    afterReopening(state),
    { date: latestStart, code: 'date-before-insats-start', what: 'an open insats started' },
    afterRecordedFacts(state),
  );

  const events: CaseEvent[] = open.map((insatsId) => {
    const insats = state.insatser[insatsId];
    return {
      type: 'InsatsEnded',
      data: {
        insatsId,
        insatsCode: insats.insatsCode,
        party: insats.party,
        reason: details.outcome,
        outcomeClass: details.outcomeClass,
        ...(details.subtype !== undefined ? { subtype: details.subtype } : {}),
        ...(details.extentPercent !== undefined ? { extentPercent: details.extentPercent } : {}),
        ...(details.otherReason !== undefined ? { otherReason: details.otherReason } : {}),
        endedBy: 'CASE_CLOSED',
        occurredOn: closedOn,
      },
    };
  });
  const closed: CaseClosed['data'] = {
    ...details,
    slutdokumentation: true,
    survey: { offered, answered },
    endedInsatser: open,
    openSips: openSips(state),
    viaConsentWithdrawal: false,
    occurredOn: closedOn,
  };
  const step = optionalInteger(command.step, 1, 6, 'step');
  const vas = optionalInteger(command.vas, 0, 100, 'vas');
  if (step !== undefined) closed.step = step;
  if (vas !== undefined) closed.vas = vas;
  events.push({ type: 'CaseClosed', data: closed });
  return events;
}

export function openSips(state: OpenCase): string[] {
  return Object.values(state.sips)
    .filter((sip) => sip.status === 'REQUESTED' || sip.status === 'BOOKED')
    .map((sip) => sip.sipId);
}
