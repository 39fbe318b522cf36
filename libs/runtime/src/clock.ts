/**
 * The one clock every time-based decision reads. Production uses the system clock; tests move a
 * settable one instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and move. */
export class SettableClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
  advanceDays(days: number): void {
    this.current += days * 86_400_000;
  }
}

// Building a formatter costs far more than using one: one per time zone, made once. Using one
// still costs microseconds, and a busy service asks for the same day over and over: each zone
// remembers its last answer for the minute it was asked in (every zone's offset is whole minutes,
// so a local date never changes within a minute of UTC).
const formatters = new Map<string, { format: Intl.DateTimeFormat; minute: number; date: string }>();

/** The calendar date ('YYYY-MM-DD') of an instant in a time zone: business dates are local days. */
export function localDate(instant: Date, timeZone: string): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  let zone = formatters.get(timeZone);
  if (!zone) {
    // sv-SE formats dates as YYYY-MM-DD.
    const format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    zone = { format, minute: NaN, date: '' };
    formatters.set(timeZone, zone);
  }
  if (zone.minute !== minute) {
    zone.date = zone.format.format(instant);
    zone.minute = minute;
  }
  return zone.date;
}

export const CLOCK = Symbol('CLOCK');
