import type { TenantEvent } from './events';
import type { TenantState } from './state';

export function evolveTenant(state: TenantState, event: TenantEvent): TenantState {
  switch (event.type) {
    case 'TenantSettingsUpdated':
      return { ...state, settings: event.data.settings };
    case 'PartyUnitsSet':
      return { ...state, units: { ...state.units, [event.data.party]: event.data.units } };
    case 'CatalogueInsatsUpserted': {
      const { code, name, party, active } = event.data;
      return { ...state, catalogue: { ...state.catalogue, [code]: { name, party, active } } };
    }
    default: {
      const _exhaustive: never = event;
      void _exhaustive;
      return state;
    }
  }
}
