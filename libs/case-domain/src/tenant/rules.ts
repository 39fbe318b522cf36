import { hasRole, type Actor } from '../actor';
import { forbidden } from '../errors';

export function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) forbidden('role-not-allowed', 'Only an admin configures the tenant.');
}

/** Structural equality for plain JSON values: an upsert that changes nothing records nothing. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
