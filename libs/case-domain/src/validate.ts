// Shared checks for values a DTO layer might let through. Each failure names the field.
import type { CommandMeta } from './actor';
import { isCivilDate, type CivilDate } from './civil-date';
import { invalid, refuse } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requireDate(value: unknown, field: string): CivilDate {
  if (!isCivilDate(value)) invalid('invalid-date', field, 'Expected a calendar date written YYYY-MM-DD.');
  return value;
}

export function optionalDate(value: unknown, field: string): CivilDate | undefined {
  return value === undefined ? undefined : requireDate(value, field);
}

export interface NotBefore {
  date: CivilDate;
  /** Slug of the refusal, e.g. 'date-before-initiation'. */
  code: string;
  /** Names the earlier fact, for the message: 'the case was initiated'. */
  what: string;
}

/**
 * R9b: a business date defaults to today, is never in the future and never precedes the facts it
 * follows.
 */
export function businessDate(
  value: unknown,
  field: string,
  meta: CommandMeta,
  ...notBefore: (NotBefore | undefined)[]
): CivilDate {
  const date = value === undefined ? meta.today : requireDate(value, field);
  if (date > meta.today)
    refuse('R9b', 'business-date-in-future', 'A business date cannot be in the future.', field);
  for (const bound of notBefore) {
    if (bound && date < bound.date) refuse('R9b', bound.code, `The date is before ${bound.what}.`, field);
  }
  return date;
}

export function requireCode<T extends string | number>(list: readonly T[], value: unknown, field: string): T {
  if (!(list as readonly unknown[]).includes(value))
    invalid('unknown-code', field, `Unknown code; expected one of ${list.join(', ')}.`);
  return value as T;
}

export function optionalCode<T extends string | number>(
  list: readonly T[],
  value: unknown,
  field: string,
): T | undefined {
  return value === undefined ? undefined : requireCode(list, value, field);
}

/** An array of codes, de-duplicated in first-seen order. */
export function requireCodes<T extends string>(list: readonly T[], value: unknown, field: string): T[] {
  if (!Array.isArray(value)) invalid('not-a-list', field, 'Expected a list.');
  const seen: T[] = [];
  value.forEach((item, i) => {
    const code = requireCode(list, item, `${field}[${i}]`);
    if (!seen.includes(code)) seen.push(code);
  });
  return seen;
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

export function requireSealed(value: unknown, field: string): string {
  if (!isNonEmptyString(value)) invalid('required', field, 'A non-empty value is required.');
  return value;
}

export function optionalSealed(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : requireSealed(value, field);
}

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value)) invalid('invalid-id', field, 'Expected an identifier.');
  return value;
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function requireUuid(value: unknown, field: string): string {
  if (!isUuid(value)) invalid('invalid-id', field, 'Expected a UUID.');
  return value;
}

export function requireInteger(value: unknown, min: number, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid('out-of-range', field, `Expected a whole number from ${min} to ${max}.`);
  }
  return value;
}

export function optionalInteger(value: unknown, min: number, max: number, field: string): number | undefined {
  return value === undefined ? undefined : requireInteger(value, min, max, field);
}

export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalid('required', field, 'Expected true or false.');
  return value;
}

/** Short operator-entered text that is not personal data (user ids, places, unit names). */
export function requireText(value: unknown, field: string, max = 200): string {
  if (!isNonEmptyString(value) || value.length > max)
    invalid('invalid-text', field, `Expected text of 1 to ${max} characters.`);
  return value;
}

export function optionalText(value: unknown, field: string, max = 200): string | undefined {
  return value === undefined ? undefined : requireText(value, field, max);
}
