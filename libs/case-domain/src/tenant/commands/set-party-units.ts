import type { CommandMeta } from '../../actor';
import { PARTIES, type Party } from '../../codes';
import { invalid } from '../../errors';
import { requireCode, requireText } from '../../validate';
import type { TenantEvent } from '../events';
import { requireAdmin, sameJson } from '../rules';
import type { PartyUnit, TenantState } from '../state';

/** The complete list of a party's units (e.g. ekonomiskt bistånd, vuxenpsykiatri). */
export type SetPartyUnits = {
  type: 'SetPartyUnits';
  party: Party;
  units: PartyUnit[];
};

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;

export function decideSetPartyUnits(
  command: SetPartyUnits,
  state: TenantState,
  meta: CommandMeta,
): TenantEvent[] {
  requireAdmin(meta.actor);
  const party = requireCode(PARTIES, command.party, 'party');
  if (!Array.isArray(command.units)) invalid('not-a-list', 'units', 'Expected a list.');
  const units: PartyUnit[] = [];
  command.units.forEach((u, i) => {
    if (typeof u?.code !== 'string' || !CODE.test(u.code))
      invalid('invalid-code', `units[${i}].code`, 'Expected a unit code.');
    if (units.some((x) => x.code === u.code))
      invalid('duplicate', `units[${i}].code`, 'Unit codes must be unique.');
    units.push({ code: u.code, name: requireText(u.name, `units[${i}].name`, 200) });
  });
  if (sameJson(units, state.units[party] ?? [])) return [];
  return [{ type: 'PartyUnitsSet', data: { party, units, occurredOn: meta.today } }];
}
