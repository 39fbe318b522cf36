import { ageOn, anniversary, addMonths, type CivilDate } from './civil-date';
import type { AgeBand } from './codes';

/** Coordination is for people aged 16–64 (DOMAIN.md §1); outside it a case is flagged, not refused (R17). */
export const MIN_AGE = 16;
export const MAX_AGE = 64;
/** Aktivitetsersättning ends at 30: flag the person this many months before (R17). */
export const AKTIVITETSERSATTNING_END_AGE = 30;
export const AKTIVITETSERSATTNING_WARNING_MONTHS = 6;

/** The report age band; null below 16 (such cases are flagged by AgeLimitFlagged). */
export function ageBand(age: number): AgeBand | null {
  if (age < 16) return null;
  if (age <= 19) return '16-19';
  if (age <= 29) return '20-29';
  if (age <= 39) return '30-39';
  if (age <= 49) return '40-49';
  if (age <= 64) return '50-64';
  return '65+';
}

export function ageBandOn(birthDate: CivilDate, date: CivilDate): AgeBand | null {
  return ageBand(ageOn(birthDate, date));
}

export function isOutsideAgeRange(birthDate: CivilDate, date: CivilDate): boolean {
  const age = ageOn(birthDate, date);
  return age < MIN_AGE || age > MAX_AGE;
}

/** The first day the person is "approaching 30" for aktivitetsersättning purposes. */
export function approaching30From(birthDate: CivilDate): CivilDate {
  return addMonths(
    anniversary(birthDate, AKTIVITETSERSATTNING_END_AGE),
    -AKTIVITETSERSATTNING_WARNING_MONTHS,
  );
}

/** The day the person turns 65, i.e. leaves the 16–64 range. */
export function leavesAgeRangeOn(birthDate: CivilDate): CivilDate {
  return anniversary(birthDate, MAX_AGE + 1);
}
