/** Weekdays as the tenant settings name them, Monday first. */
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

export interface Cadence {
  weekday: Weekday;
  /** 1 = weekly, 2 = every other week … */
  intervalWeeks: number;
  /** A date in a meeting week: tells which weeks have a meeting when intervalWeeks > 1. */
  anchorDate?: string;
}

const DAY_MS = 86_400_000;
const toUtc = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A business date plus (or minus) days, in calendar days. */
export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY_MS);
}

/** Monday = 0 … Sunday = 6. */
function weekdayIndex(iso: string): number {
  return (new Date(toUtc(iso)).getUTCDay() + 6) % 7;
}

function mondayOf(iso: string): number {
  return toUtc(iso) - weekdayIndex(iso) * DAY_MS;
}

/**
 * The next `count` meeting dates on or after `from` by the cadence, skipping dates that already
 * have a meeting. Without an anchor the first matching date starts the rhythm.
 */
export function nextMeetingDates(
  cadence: Cadence,
  from: string,
  count: number,
  taken: ReadonlySet<string>,
): string[] {
  const target = WEEKDAYS.indexOf(cadence.weekday);
  let date = addDays(from, (target - weekdayIndex(from) + 7) % 7);
  const anchorWeek = mondayOf(cadence.anchorDate ?? date);
  const interval = Math.max(1, Math.floor(cadence.intervalWeeks));
  const dates: string[] = [];
  // Bounded: a year of weeks is more than any plan needs.
  for (let i = 0; dates.length < count && i < 53 * interval; i++, date = addDays(date, 7)) {
    const weeks = Math.round((mondayOf(date) - anchorWeek) / (7 * DAY_MS));
    if (((weeks % interval) + interval) % interval !== 0) continue;
    if (!taken.has(date)) dates.push(date);
  }
  return dates;
}
