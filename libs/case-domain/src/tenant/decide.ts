import type { CommandMeta } from '../actor';
import { invalid } from '../errors';
import { decideSetPartyUnits, type SetPartyUnits } from './commands/set-party-units';
import { decideUpsertCatalogueInsats, type UpsertCatalogueInsats } from './commands/upsert-catalogue-insats';
import { decideUpsertTenantSettings, type UpsertTenantSettings } from './commands/upsert-tenant-settings';
import type { TenantEvent } from './events';
import type { TenantState } from './state';

export type TenantCommand = UpsertTenantSettings | SetPartyUnits | UpsertCatalogueInsats;

/** Tenant configuration; an upsert that changes nothing records nothing. */
export function decideTenant(command: TenantCommand, state: TenantState, meta: CommandMeta): TenantEvent[] {
  switch (command.type) {
    case 'UpsertTenantSettings':
      return decideUpsertTenantSettings(command, state, meta);
    case 'SetPartyUnits':
      return decideSetPartyUnits(command, state, meta);
    case 'UpsertCatalogueInsats':
      return decideUpsertCatalogueInsats(command, state, meta);
    default: {
      const exhaustive: never = command;
      return invalid(
        'unknown-command',
        'type',
        `Unknown tenant command ${(exhaustive as { type: string }).type}.`,
      );
    }
  }
}
