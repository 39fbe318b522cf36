import type { CommandMeta } from '../../actor';
import { invalid } from '../../errors';
import { WEEKDAYS, type MeetingCadence, type TenantSettings } from '../../settings';
import { optionalDate, optionalInteger, requireCode, requireInteger } from '../../validate';
import type { TenantEvent } from '../events';
import { requireAdmin, sameJson } from '../rules';
import type { TenantState } from '../state';

/** Changes the named settings; the others keep their values. `meetingCadence: null` clears it. */
export type UpsertTenantSettings = {
  type: 'UpsertTenantSettings';
  meetingCadence?: MeetingCadence | null;
  retentionMonths?: number;
  stagnationWeeks?: number;
  insatsDeadlineDays?: number;
  followUpGraceDays?: number;
  consentExpiringDays?: number;
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function requireCadence(value: unknown): MeetingCadence {
  if (value === null || typeof value !== 'object')
    invalid('required', 'meetingCadence', 'Expected a cadence.');
  const c = value as MeetingCadence;
  const cadence: MeetingCadence = {
    weekday: requireCode(WEEKDAYS, c.weekday, 'meetingCadence.weekday'),
    time: c.time,
    intervalWeeks: requireInteger(c.intervalWeeks ?? 1, 1, 4, 'meetingCadence.intervalWeeks'),
  };
  if (typeof c.time !== 'string' || !TIME.test(c.time))
    invalid('invalid-time', 'meetingCadence.time', 'Expected HH:MM.');
  const anchorDate = optionalDate(c.anchorDate, 'meetingCadence.anchorDate');
  if (anchorDate !== undefined) cadence.anchorDate = anchorDate;
  const durationMinutes = optionalInteger(c.durationMinutes, 5, 600, 'meetingCadence.durationMinutes');
  if (durationMinutes !== undefined) cadence.durationMinutes = durationMinutes;
  return cadence;
}

export function decideUpsertTenantSettings(
  command: UpsertTenantSettings,
  state: TenantState,
  meta: CommandMeta,
): TenantEvent[] {
  requireAdmin(meta.actor);
  const current = state.settings;
  const settings: TenantSettings = {
    retentionMonths:
      optionalInteger(command.retentionMonths, 1, 240, 'retentionMonths') ?? current.retentionMonths,
    stagnationWeeks:
      optionalInteger(command.stagnationWeeks, 1, 104, 'stagnationWeeks') ?? current.stagnationWeeks,
    insatsDeadlineDays:
      optionalInteger(command.insatsDeadlineDays, 1, 730, 'insatsDeadlineDays') ?? current.insatsDeadlineDays,
    followUpGraceDays:
      optionalInteger(command.followUpGraceDays, 0, 180, 'followUpGraceDays') ?? current.followUpGraceDays,
    consentExpiringDays:
      optionalInteger(command.consentExpiringDays, 0, 365, 'consentExpiringDays') ??
      current.consentExpiringDays,
  };
  if (command.meetingCadence === undefined) {
    if (current.meetingCadence) settings.meetingCadence = current.meetingCadence;
  } else if (command.meetingCadence !== null) {
    settings.meetingCadence = requireCadence(command.meetingCadence);
  }
  if (sameJson(settings, current)) return [];
  return [{ type: 'TenantSettingsUpdated', data: { settings, occurredOn: meta.today } }];
}
