import { todayIso } from '../i18n/format';
import { label, sv } from '../i18n/sv';

// Client-side checks mirror the API's (required fields, no future business dates, ranges); the API
// stays the judge.

export { OUTCOMES, PARTIES, type Outcome, type Party } from '../common/codes';

export const WORK_SUBTYPES = [
  'OSUBVENTIONERAD',
  'LONEBIDRAG',
  'NYSTARTSJOBB',
  'INTRODUKTIONSJOBB',
  'SAMHALL',
  'KOMMUNAL_ANSTALLNING',
  'ANNAN_SUBVENTION',
] as const;
export type WorkSubtype = (typeof WORK_SUBTYPES)[number];

export const INCOME_SOURCES = Object.keys(sv.codes.incomeSource) as IncomeSource[];
export type IncomeSource =
  | 'FORSORJNINGSSTOD'
  | 'SJUKPENNING'
  | 'SJUKPENNING_SARSKILDA_FALL'
  | 'AKTIVITETSERSATTNING'
  | 'SJUKERSATTNING'
  | 'ARBETSLOSHETSERSATTNING'
  | 'AKTIVITETSSTOD'
  | 'UTVECKLINGSERSATTNING'
  | 'ETABLERINGSERSATTNING'
  | 'LON'
  | 'STUDIEMEDEL'
  | 'INGEN'
  | 'OKAND';

/** `{ value, label }` for a NativeSelect, from a code table; a leading "Välj…" when asked. */
export function codeOptions(
  table: Record<string, string>,
  codes: readonly string[] = Object.keys(table),
  placeholder?: string,
): { value: string; label: string; disabled?: boolean }[] {
  const options = codes.map((c) => ({ value: c, label: label(table, c) }));
  return placeholder !== undefined ? [{ value: '', label: placeholder }, ...options] : options;
}

export function requiredText(value: string): string | undefined {
  return value.trim() ? undefined : sv.cases.required;
}

/** A business date: required (unless optional), and never after today. */
export function pastDate(value: string, optional = false): string | undefined {
  if (!value) return optional ? undefined : sv.cases.required;
  return value > todayIso() ? sv.cases.futureDate : undefined;
}

/** An optional whole number in a range, as typed. */
export function intIn(value: string, min: number, max: number, optional = true): string | undefined {
  if (value.trim() === '') return optional ? undefined : sv.cases.required;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? undefined : sv.cases.outOfRange(min, max);
}

export function optionalInt(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

export function optionalText(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

/** The client's errors, or none: `{}` means the form may be sent. */
export function collect(checks: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(checks).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}
