import { hasRole, type CommandMeta } from '../../actor';
import { forbidden, invalid } from '../../errors';
import { requireText } from '../../validate';
import type { CaseEvent } from '../events';
import type { ExistingCase } from '../state';

export type EraseCasePersonalData = {
  type: 'EraseCasePersonalData';
  /** Why, without personal data: e.g. 'RETENTION', 'ERASURE_REQUEST'. */
  reason: string;
};

/**
 * Records that the person's personal data is erased (its key destroyed by the caller). Allowed in
 * any state, after withdrawal too (R15); a second erasure records nothing.
 */
export function decideEraseCasePersonalData(
  command: EraseCasePersonalData,
  state: ExistingCase,
  meta: CommandMeta,
): CaseEvent[] {
  if (!hasRole(meta.actor, 'admin', 'system'))
    forbidden('role-not-allowed', 'Only an admin or the system may erase personal data.');
  const reason = requireText(command.reason, 'reason', 64);
  // The reason for an erasure can itself be personal data: only a code is kept in the event.
  if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(reason))
    invalid('reason-code', 'reason', 'Expected a reason code such as ERASURE_REQUEST.');
  if (state.personalDataErased) return [];
  return [
    { type: 'PersonalDataErased', data: { personId: state.person.personId, reason, occurredOn: meta.today } },
  ];
}
