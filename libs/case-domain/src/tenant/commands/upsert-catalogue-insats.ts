import type { CommandMeta } from '../../actor';
import { PARTIES, type Party } from '../../codes';
import { invalid } from '../../errors';
import { requireCode, requireText } from '../../validate';
import type { TenantEvent } from '../events';
import { requireAdmin, sameJson } from '../rules';
import type { TenantState } from '../state';

/** PUT /admin/insatser/{code}: add or change an insats of the catalogue; `active: false` retires it. */
export type UpsertCatalogueInsats = {
  type: 'UpsertCatalogueInsats';
  code: string;
  name: string;
  party: Party;
  /** Defaults to true. */
  active?: boolean;
};

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;

export function decideUpsertCatalogueInsats(
  command: UpsertCatalogueInsats,
  state: TenantState,
  meta: CommandMeta,
): TenantEvent[] {
  requireAdmin(meta.actor);
  if (typeof command.code !== 'string' || !CODE.test(command.code))
    invalid('invalid-code', 'code', 'Expected an insats code.');
  const name = requireText(command.name, 'name', 200);
  const party = requireCode(PARTIES, command.party, 'party');
  if (command.active !== undefined && typeof command.active !== 'boolean')
    invalid('required', 'active', 'Expected true or false.');
  const entry = { name, party, active: command.active ?? true };
  if (sameJson(entry, state.catalogue[command.code])) return [];
  return [
    { type: 'CatalogueInsatsUpserted', data: { code: command.code, ...entry, occurredOn: meta.today } },
  ];
}
