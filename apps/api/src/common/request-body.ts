import { AppError } from '@app/runtime';

/**
 * The one reading of a request body, the same whatever HTTP adapter carries it: JSON only, UTF-8,
 * no key that could reach an object's prototype, and no deeper than any request of the contract
 * needs. Errors name the body, never a key or value from it (a key can be a personnummer).
 */

/** The deepest a body may nest: the contract's deepest request (a SIP plan) needs 4. */
export const MAX_BODY_DEPTH = 16;

/** Keys that reach or replace an object's prototype when a library copies the body. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
}

/** True when the Content-Type announces JSON in UTF-8 (`application/json`, `application/*+json`). */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim());
  if (!JSON_TYPE.test(type)) return false;
  return params.every((p) => {
    const [name, value] = p.split('=').map((x) => x.trim().toLowerCase());
    return name !== 'charset' || value === 'utf-8' || value === '"utf-8"';
  });
}

const bodyError = (code: string, message: string) =>
  new AppError('validation', code, `the request body ${message}`, [{ field: 'body', message }]);

/**
 * The body of a request as a JSON value, or undefined when there is none. A body that is not
 * announced as JSON is refused (415) rather than read as empty: a date sent as text/plain would
 * otherwise be dropped silently and the command recorded for today.
 */
export function parseRequestBody(raw: Buffer | undefined, contentType: string | undefined): unknown {
  if (!raw || raw.length === 0) return undefined;
  if (!isJsonContentType(contentType)) {
    throw new AppError(
      'unsupported_media_type',
      'unsupported-media-type',
      'the request body must be application/json',
      [{ field: 'Content-Type', message: 'must be application/json' }],
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw bodyError('invalid-json', 'is not valid UTF-8');
  }
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bodyError('invalid-json', 'is not valid JSON');
  }
  checkShape(value);
  return value;
}

/** Walks the parsed body without recursion (a hostile body can nest thousands of levels deep). */
function checkShape(root: unknown): void {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH)
      throw bodyError('too-deep', `is nested more than ${MAX_BODY_DEPTH} levels deep`);
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) throw bodyError('forbidden-key', 'has a key no request may use');
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
}
