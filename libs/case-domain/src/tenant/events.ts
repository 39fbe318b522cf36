import type { Party } from '../codes';
import type { TenantSettings } from '../settings';
import type { PartyUnit } from './state';

export type TenantSettingsUpdated = {
  type: 'TenantSettingsUpdated';
  /** The complete settings after the change. */
  data: { settings: TenantSettings; occurredOn: string };
};

export type PartyUnitsSet = {
  type: 'PartyUnitsSet';
  data: { party: Party; units: PartyUnit[]; occurredOn: string };
};

export type CatalogueInsatsUpserted = {
  type: 'CatalogueInsatsUpserted';
  data: { code: string; name: string; party: Party; active: boolean; occurredOn: string };
};

export type TenantEvent = TenantSettingsUpdated | PartyUnitsSet | CatalogueInsatsUpserted;
export type TenantEventType = TenantEvent['type'];
export const TENANT_EVENT_TYPES = [
  'TenantSettingsUpdated',
  'PartyUnitsSet',
  'CatalogueInsatsUpserted',
] as const satisfies readonly TenantEventType[];
