// Pure civil-date arithmetic on 'YYYY-MM-DD' strings (proleptic Gregorian), after Howard Hinnant's
// days_from_civil / civil_from_days. Day number 0 is 1970-01-01. No Date: the decider has no clock.

export type CivilDate = string;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function parseCivil(date: CivilDate): { year: number; month: number; day: number } {
  const m = PATTERN.exec(date);
  if (!m) throw new RangeError('Not a YYYY-MM-DD date');
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function formatCivil(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A real calendar date written 'YYYY-MM-DD' (years 0001–9999). */
export function isCivilDate(value: unknown): value is CivilDate {
  if (typeof value !== 'string') return false;
  const m = PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function toDayNumber(date: CivilDate): number {
  const { year, month, day } = parseCivil(date);
  return daysFromCivil(year, month, day);
}

export function fromDayNumber(days: number): CivilDate {
  const { year, month, day } = civilFromDays(days);
  return formatCivil(year, month, day);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar months; a day past the target month's end is clamped to its last day (Jan 31 + 1 = Feb 28/29). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const { year, month, day } = parseCivil(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  const n = toDayNumber(date);
  // 1970-01-01 was a Thursday (4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function maxDate(a: CivilDate, b: CivilDate): CivilDate {
  return a >= b ? a : b;
}

export function minDate(a: CivilDate, b: CivilDate): CivilDate {
  return a <= b ? a : b;
}

/** Completed years of age on `date`. Someone born on 29 February has a birthday on 1 March in other years. */
export function ageOn(birthDate: CivilDate, date: CivilDate): number {
  const b = parseCivil(birthDate);
  const d = parseCivil(date);
  const hadBirthday = d.month > b.month || (d.month === b.month && d.day >= b.day);
  return d.year - b.year - (hadBirthday ? 0 : 1);
}

/** The first day on which the person is `years` old (consistent with ageOn). */
export function anniversary(birthDate: CivilDate, years: number): CivilDate {
  const b = parseCivil(birthDate);
  const year = b.year + years;
  if (b.month === 2 && b.day === 29 && !isLeapYear(year)) return formatCivil(year, 3, 1);
  return formatCivil(year, b.month, b.day);
}
