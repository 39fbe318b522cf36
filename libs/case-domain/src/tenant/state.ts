import type { Party } from '../codes';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../settings';
import type { InsatsCatalogue } from '../case/context';

export interface PartyUnit {
  code: string;
  name: string;
}

export interface TenantState {
  settings: TenantSettings;
  units: Partial<Record<Party, PartyUnit[]>>;
  catalogue: InsatsCatalogue;
}

export function initialTenantState(): TenantState {
  return { settings: { ...DEFAULT_TENANT_SETTINGS }, units: {}, catalogue: {} };
}

/** The unit codes per party, as CaseContext.units wants them. */
export function unitCodes(state: TenantState): Partial<Record<Party, string[]>> {
  const out: Partial<Record<Party, string[]>> = {};
  for (const [party, units] of Object.entries(state.units) as [Party, PartyUnit[]][]) {
    out[party] = units.map((u) => u.code);
  }
  return out;
}
