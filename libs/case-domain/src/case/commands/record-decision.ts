import type { CommandMeta, Sealed } from '../../actor';
import { DECISIONS, PARTIES, type Decision, type Party } from '../../codes';
import { invalid, notFound, refuse } from '../../errors';
import { businessDate, optionalSealed, optionalText, requireCode, requireId } from '../../validate';
import { catalogueEntry, type CaseContext } from '../context';
import type { CaseEvent, DecisionRecorded, NotParticipating, Owner } from '../events';
import {
  afterReopening,
  requireConsentOn,
  requireInScope,
  requireProcessledare,
  requireStillInvolved,
} from '../rules';
import { awaitsDecision, type ExistingCase } from '../state';

export type RecordDecision = {
  type: 'RecordDecision';
  meetingId: string;
  decision: Decision;
  /** Required for FORDJUPAD_SAMORDNING: the ärendebärare party. */
  ownerParty?: Party;
  ownerUser?: string;
  /** Catalogue codes. */
  recommendedInsatser?: string[];
  /** Free-text recommendation, e.g. back to the initiator with EJ_FORDJUPAD_SAMORDNING. */
  recommendation?: Sealed;
  /** Members with a conflict of interest (jäv), recorded as not taking part. */
  notParticipating?: NotParticipating[];
  /** Defaults to today. */
  decidedOn?: string;
};

/** R6: a beredning decision, for an accepted case on the named meeting's agenda. */
export function decideRecordDecision(
  command: RecordDecision,
  state: ExistingCase,
  ctx: CaseContext,
  meta: CommandMeta,
): CaseEvent[] {
  requireProcessledare(meta.actor, 'record a beredning decision');
  const meetingId = requireId(command.meetingId, 'meetingId');
  const meeting = ctx.meeting;
  if (!meeting || meeting.status === 'NONE' || meeting.meetingId !== meetingId) {
    notFound('meeting-not-found', 'The meeting does not exist.');
  }
  if (!awaitsDecision(state)) {
    refuse('R6', 'decision-state', 'Only an accepted case awaiting a decision can be decided.');
  }
  if (!meeting.agenda.some((item) => item.caseId === state.caseId)) {
    refuse('R6', 'not-on-agenda', "The case is not on the meeting's agenda.", 'meetingId');
  }
  const decision = requireCode(DECISIONS, command.decision, 'decision');
  const decidedOn = businessDate(
    command.decidedOn,
    'decidedOn',
    meta,
    {
      date: state.acceptedOn ?? state.initiatedOn,
      code: 'date-before-acceptance',
      what: 'the case was accepted',
    },
    { date: meeting.date, code: 'date-before-meeting', what: 'the meeting' },
    afterReopening(state),
  );
  // R2: a decision records new information about the person; only while the consent covers it.
  requireConsentOn(state.consent, decidedOn, 'decidedOn');

  let owner: Owner | undefined;
  if (decision === 'FORDJUPAD_SAMORDNING') {
    if (command.ownerParty === undefined) {
      refuse('R6', 'owner-required', 'Fördjupad samordning names the ärendebärare party.', 'ownerParty');
    }
    const party = requireCode(PARTIES, command.ownerParty, 'ownerParty');
    requireInScope(state.consent, party, 'ownerParty');
    requireStillInvolved(state, party, meta.today, 'ownerParty');
    const user = optionalText(command.ownerUser, 'ownerUser', 128);
    owner = user !== undefined ? { party, user } : { party };
  } else {
    if (command.ownerParty !== undefined || command.ownerUser !== undefined) {
      invalid('owner-not-expected', 'ownerParty', 'Only fördjupad samordning names an ärendebärare.', 'R6');
    }
    // Back to the initiator: it remains responsible (R11: a decided case always has an owner), so
    // it must still be involved (R12), as a named owner must.
    if (decision === 'EJ_FORDJUPAD_SAMORDNING') {
      requireStillInvolved(state, state.initiatingParty, meta.today, 'decision');
      owner = { party: state.initiatingParty };
    }
  }

  const recommendedInsatser: string[] = [];
  (command.recommendedInsatser ?? []).forEach((code, i) => {
    if (typeof code !== 'string' || catalogueEntry(ctx.catalogue, code) === undefined) {
      refuse(
        'R9',
        'insats-not-in-catalogue',
        "A recommended insats is not in the tenant's catalogue.",
        `recommendedInsatser[${i}]`,
      );
    }
    if (!recommendedInsatser.includes(code)) recommendedInsatser.push(code);
  });

  const notParticipating: NotParticipating[] = (command.notParticipating ?? []).map((entry, i) => {
    const party = requireCode(PARTIES, entry?.party, `notParticipating[${i}].party`);
    const user = optionalText(entry.user, `notParticipating[${i}].user`, 128);
    return user !== undefined ? { party, user } : { party };
  });

  const data: DecisionRecorded['data'] = {
    meetingId,
    decision,
    recommendedInsatser,
    notParticipating,
    occurredOn: decidedOn,
  };
  if (owner) data.owner = owner;
  const recommendation = optionalSealed(command.recommendation, 'recommendation');
  if (recommendation !== undefined) data.recommendation = recommendation;
  return [{ type: 'DecisionRecorded', data }];
}
