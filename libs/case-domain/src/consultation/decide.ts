import { hasRole, isPartyActor, type CommandMeta } from '../actor';
import { PARTIES, type Party } from '../codes';
import { conflict, forbidden, refuse } from '../errors';
import { businessDate, optionalCode, requireId, requireText } from '../validate';
import type { InsatsCatalogue } from '../case/context';
import type { ConsultationEvent } from './events';
import type { ConsultationState } from './state';

export type RecordConsultation = {
  type: 'RecordConsultation';
  consultationId: string;
  insatsCode: string;
  /** Defaults to today. */
  heldOn?: string;
  /** The consulted party; defaults to the actor's party, then the insats's party. */
  party?: Party;
};

export type ConsultationCommand = RecordConsultation;

export interface ConsultationContext {
  catalogue: InsatsCatalogue;
}

export function decideConsultation(
  command: ConsultationCommand,
  state: ConsultationState,
  ctx: ConsultationContext,
  meta: CommandMeta,
): ConsultationEvent[] {
  const actor = meta.actor;
  if (!hasRole(actor, 'processledare') && !isPartyActor(actor)) {
    forbidden('role-not-allowed', 'Only a processledare or a party caseworker records consultations.');
  }
  if (state.status !== 'NONE') conflict('consultation-exists', 'This consultation is already recorded.');
  const consultationId = requireId(command.consultationId, 'consultationId');
  const insatsCode = requireText(command.insatsCode, 'insatsCode', 64);
  // Own entries only: 'constructor' or '__proto__' are no insats codes.
  const entry = Object.hasOwn(ctx.catalogue, insatsCode) ? ctx.catalogue[insatsCode] : undefined;
  if (!entry)
    refuse('R9', 'insats-not-in-catalogue', "The insats is not in the tenant's catalogue.", 'insatsCode');
  if (!entry.active) refuse('R9', 'insats-inactive', 'The insats is no longer offered.', 'insatsCode');
  const heldOn = businessDate(command.heldOn, 'heldOn', meta);
  const party = optionalCode(PARTIES, command.party, 'party') ?? actor.party ?? entry.party;
  return [{ type: 'ConsultationRecorded', data: { consultationId, insatsCode, party, occurredOn: heldOn } }];
}
