import type { CommandMeta } from '../actor';
import { conflict, invalid, notFound, refuse } from '../errors';
import { decideAcceptCase, type AcceptCase } from './commands/accept-case';
import { decideBookSip, type BookSip } from './commands/book-sip';
import { decideCancelSip, type CancelSip } from './commands/cancel-sip';
import { decideCloseCase, type CloseCase } from './commands/close-case';
import { decideEndInsats, type EndInsats } from './commands/end-insats';
import { decideEndPartyInvolvement, type EndPartyInvolvement } from './commands/end-party-involvement';
import { decideEraseCasePersonalData, type EraseCasePersonalData } from './commands/erase-case-personal-data';
import { decideHandOverOwnership, type HandOverOwnership } from './commands/hand-over-ownership';
import { decideInitiateCase, type InitiateCase } from './commands/initiate-case';
import { decideRecordDeadlineReached, type RecordDeadlineReached } from './commands/record-deadline-reached';
import { decideRecordDecision, type RecordDecision } from './commands/record-decision';
import { decideRecordFollowUp, type RecordFollowUp } from './commands/record-follow-up';
import { decideRecordSipHeld, type RecordSipHeld } from './commands/record-sip-held';
import { decideReopenCase, type ReopenCase } from './commands/reopen-case';
import { decideRequestSip, type RequestSip } from './commands/request-sip';
import { decideResubmitCase, type ResubmitCase } from './commands/resubmit-case';
import { decideReturnCase, type ReturnCase } from './commands/return-case';
import { decideStartInsats, type StartInsats } from './commands/start-insats';
import { decideWithdrawConsent, type WithdrawConsent } from './commands/withdraw-consent';
import type { CaseContext } from './context';
import type { CaseEvent } from './events';
import type { CaseState, ExistingCase } from './state';

export type CaseCommand =
  | InitiateCase
  | AcceptCase
  | ReturnCase
  | ResubmitCase
  | RecordDecision
  | HandOverOwnership
  | RequestSip
  | BookSip
  | RecordSipHeld
  | CancelSip
  | StartInsats
  | EndInsats
  | RecordFollowUp
  | EndPartyInvolvement
  | CloseCase
  | ReopenCase
  | WithdrawConsent
  | RecordDeadlineReached
  | EraseCasePersonalData;

export type CaseCommandType = CaseCommand['type'];

/** R15: after withdrawal only erasure (on request or by retention) is accepted. */
function allowedAfterWithdrawal(command: CaseCommand): boolean {
  return (
    command.type === 'EraseCasePersonalData' ||
    (command.type === 'RecordDeadlineReached' && command.deadline === 'RETENTION')
  );
}

function guardExisting(command: Exclude<CaseCommand, InitiateCase>, state: CaseState): ExistingCase {
  if (state.status === 'NONE') notFound('case-not-found', 'The case does not exist.');
  if (state.status === 'WITHDRAWN' && !allowedAfterWithdrawal(command)) {
    refuse('R15', 'consent-withdrawn', 'Consent was withdrawn: the case accepts nothing but erasure.');
  }
  if (
    state.personalDataErased &&
    command.type !== 'EraseCasePersonalData' &&
    command.type !== 'RecordDeadlineReached'
  ) {
    conflict('personal-data-erased', "The person's data has been erased; the case accepts nothing new.");
  }
  return state;
}

/** Decides a case command against the folded state. Throws DomainError on refusal. */
export function decideCase(
  command: CaseCommand,
  state: CaseState,
  ctx: CaseContext,
  meta: CommandMeta,
): CaseEvent[] {
  if (command.type === 'InitiateCase') return decideInitiateCase(command, state, ctx, meta);
  const existing = guardExisting(command, state);
  switch (command.type) {
    case 'AcceptCase':
      return decideAcceptCase(command, existing, meta);
    case 'ReturnCase':
      return decideReturnCase(command, existing, meta);
    case 'ResubmitCase':
      return decideResubmitCase(command, existing, meta);
    case 'RecordDecision':
      return decideRecordDecision(command, existing, ctx, meta);
    case 'HandOverOwnership':
      return decideHandOverOwnership(command, existing, meta);
    case 'RequestSip':
      return decideRequestSip(command, existing, meta);
    case 'BookSip':
      return decideBookSip(command, existing, meta);
    case 'RecordSipHeld':
      return decideRecordSipHeld(command, existing, meta);
    case 'CancelSip':
      return decideCancelSip(command, existing, meta);
    case 'StartInsats':
      return decideStartInsats(command, existing, ctx, meta);
    case 'EndInsats':
      return decideEndInsats(command, existing, meta);
    case 'RecordFollowUp':
      return decideRecordFollowUp(command, existing, meta);
    case 'EndPartyInvolvement':
      return decideEndPartyInvolvement(command, existing, meta);
    case 'CloseCase':
      return decideCloseCase(command, existing, meta);
    case 'ReopenCase':
      return decideReopenCase(command, existing, meta);
    case 'WithdrawConsent':
      return decideWithdrawConsent(command, existing, meta);
    case 'RecordDeadlineReached':
      return decideRecordDeadlineReached(command, existing, ctx, meta);
    case 'EraseCasePersonalData':
      return decideEraseCasePersonalData(command, existing, meta);
    default: {
      const exhaustive: never = command;
      return invalid(
        'unknown-command',
        'type',
        `Unknown case command ${(exhaustive as { type: string }).type}.`,
      );
    }
  }
}
