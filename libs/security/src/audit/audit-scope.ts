import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditEntry } from './audit-log';

/**
 * What one request touched: the cases (with their person) and the persons whose personal data
 * was sealed or opened. The services that load cases and handle personal data note them here;
 * the audit interceptor writes them down when the request ends. Outside a request nothing is noted.
 */
export class AuditScope {
  /** case id → the case's person id */
  readonly cases = new Map<string, string | undefined>();
  readonly persons = new Set<string>();
  /** The request's entries as they would be were it to succeed now; set by whoever records the request. */
  onSuccess?: () => AuditEntry[];
  /** The entries written with the request's write, in the same transaction as its events. */
  written?: AuditEntry[];
}

const storage = new AsyncLocalStorage<AuditScope>();

export function runInAuditScope<T>(scope: AuditScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The request read or wrote this case (and so its person's data). */
export function noteCase(caseId: string, personId?: string): void {
  const scope = storage.getStore();
  if (!scope) return;
  const id = caseId.toLowerCase();
  scope.cases.set(id, personId?.toLowerCase() ?? scope.cases.get(id));
  if (personId) scope.persons.add(personId.toLowerCase());
}

/** The request sealed or opened this person's personal data. */
export function notePerson(personId: string): void {
  storage.getStore()?.persons.add(personId.toLowerCase());
}

/**
 * The request's audit entries, should it succeed, for its write to carry into the database with
 * its events; undefined outside a request or once a write of it has written them. A request's
 * writes go one after another, so the first that is written carries them; the write then calls
 * `entriesWritten`.
 */
export function entriesOfWrite(): AuditEntry[] | undefined {
  const scope = storage.getStore();
  return scope?.onSuccess && !scope.written ? scope.onSuccess() : undefined;
}

/** The entries `entriesOfWrite` gave were written with the write's events. */
export function entriesWritten(entries: AuditEntry[]): void {
  const scope = storage.getStore();
  if (scope) scope.written = entries;
}
