export const WEEKDAYS = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "Every Tuesday 09:00", or every other week counted from anchorDate. */
export interface MeetingCadence {
  weekday: Weekday;
  /** Local time 'HH:MM'. */
  time: string;
  /** 1 = weekly, 2 = every other week … (1–4). */
  intervalWeeks: number;
  /** A date in a meeting week, to tell which weeks have a meeting when intervalWeeks > 1. */
  anchorDate?: string;
  durationMinutes?: number;
}

export interface TenantSettings {
  meetingCadence?: MeetingCadence;
  /** How long after closure personal data is kept before it is erased. */
  retentionMonths: number;
  /** R16: no activity for this many weeks flags the case. */
  stagnationWeeks: number;
  /** R7: an insats should start within this many days of initiation. */
  insatsDeadlineDays: number;
  /** R10: a follow-up not recorded within this many days of its due date is overdue. */
  followUpGraceDays: number;
  /** The queue's CONSENT_EXPIRING bucket looks this many days ahead. */
  consentExpiringDays: number;
}

export const DEFAULT_TENANT_SETTINGS: Readonly<TenantSettings> = {
  retentionMonths: 24,
  stagnationWeeks: 8,
  insatsDeadlineDays: 90,
  followUpGraceDays: 14,
  consentExpiringDays: 30,
};
