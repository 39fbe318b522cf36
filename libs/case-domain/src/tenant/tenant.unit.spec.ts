import { deciderSpecification } from '../testing/given';
import { actors, as, meta } from '../testing/fixtures';
import { DEFAULT_TENANT_SETTINGS } from '../settings';
import { decideTenant, type TenantCommand } from './decide';
import { evolveTenant } from './evolve';
import type { TenantEvent } from './events';
import { initialTenantState, unitCodes, type TenantState } from './state';
import type { CommandMeta } from '../actor';

const given = deciderSpecification(
  {
    decide: (c: TenantCommand, s: TenantState, _ctx: object, m: CommandMeta) => decideTenant(c, s, m),
    evolve: evolveTenant,
    initialState: initialTenantState,
  },
  { ctx: {}, meta: meta(actors.admin, '2025-01-01') },
);

describe('tenant configuration', () => {
  it('starts from the defaults', () => {
    expect(initialTenantState().settings).toEqual({
      retentionMonths: 24,
      stagnationWeeks: 8,
      insatsDeadlineDays: 90,
      followUpGraceDays: 14,
      consentExpiringDays: 30,
    });
  });

  it('upserts settings, keeping what is not named, and records nothing when nothing changes', () => {
    const cadence = {
      weekday: 'TUESDAY',
      time: '09:00',
      intervalWeeks: 2,
      anchorDate: '2025-01-07',
    } as const;
    given([])
      .when({ type: 'UpsertTenantSettings', meetingCadence: cadence, stagnationWeeks: 6 })
      .then([
        {
          type: 'TenantSettingsUpdated',
          data: {
            settings: { ...DEFAULT_TENANT_SETTINGS, stagnationWeeks: 6, meetingCadence: cadence },
            occurredOn: '2025-01-01',
          },
        },
      ]);
    const updated: TenantEvent = {
      type: 'TenantSettingsUpdated',
      data: { settings: { ...DEFAULT_TENANT_SETTINGS, stagnationWeeks: 6 }, occurredOn: '2025-01-01' },
    };
    given([updated]).when({ type: 'UpsertTenantSettings', stagnationWeeks: 6 }).then([]);
    given([])
      .when({ type: 'UpsertTenantSettings', retentionMonths: 0 })
      .thenRefuses(undefined, 'out-of-range', 'validation');
    given([])
      .when({ type: 'UpsertTenantSettings', meetingCadence: { ...cadence, time: '25:00' } })
      .thenRefuses(undefined, 'invalid-time');
    given([])
      .when({ type: 'UpsertTenantSettings', retentionMonths: 12 }, as(actors.processledare))
      .thenRefuses(undefined, 'role-not-allowed', 'forbidden');
  });

  it("sets a party's units", () => {
    const units = [
      { code: 'EKB', name: 'Ekonomiskt bistånd' },
      { code: 'ARBM', name: 'Arbetsmarknadsenheten' },
    ];
    const events = given([]).when({ type: 'SetPartyUnits', party: 'KOMMUN', units }).events();
    expect(events).toEqual([
      { type: 'PartyUnitsSet', data: { party: 'KOMMUN', units, occurredOn: '2025-01-01' } },
    ]);
    expect(unitCodes(events.reduce(evolveTenant, initialTenantState()))).toEqual({ KOMMUN: ['EKB', 'ARBM'] });
    given(events).when({ type: 'SetPartyUnits', party: 'KOMMUN', units }).then([]);
    given([])
      .when({ type: 'SetPartyUnits', party: 'KOMMUN', units: [units[0], units[0]] })
      .thenRefuses(undefined, 'duplicate');
  });

  it('upserts catalogue insatser and retires them', () => {
    const added = given([])
      .when({
        type: 'UpsertCatalogueInsats',
        code: 'AMT_AF',
        name: 'Arbetsförmedlare på AMT',
        party: 'ARBETSFORMEDLINGEN',
      })
      .events();
    expect(added).toEqual([
      {
        type: 'CatalogueInsatsUpserted',
        data: {
          code: 'AMT_AF',
          name: 'Arbetsförmedlare på AMT',
          party: 'ARBETSFORMEDLINGEN',
          active: true,
          occurredOn: '2025-01-01',
        },
      },
    ]);
    given(added)
      .when({
        type: 'UpsertCatalogueInsats',
        code: 'AMT_AF',
        name: 'Arbetsförmedlare på AMT',
        party: 'ARBETSFORMEDLINGEN',
      })
      .then([]);
    const retired = given(added)
      .when({
        type: 'UpsertCatalogueInsats',
        code: 'AMT_AF',
        name: 'Arbetsförmedlare på AMT',
        party: 'ARBETSFORMEDLINGEN',
        active: false,
      })
      .events();
    expect([...added, ...retired].reduce(evolveTenant, initialTenantState()).catalogue).toEqual({
      AMT_AF: { name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN', active: false },
    });
    given([])
      .when({ type: 'UpsertCatalogueInsats', code: 'bad code', name: 'x', party: 'KOMMUN' })
      .thenRefuses(undefined, 'invalid-code', 'validation');
    given([])
      .when({ type: 'UpsertCatalogueInsats', code: 'X', name: 'x', party: 'SKOLAN' as never })
      .thenRefuses(undefined, 'unknown-code');
  });
});
