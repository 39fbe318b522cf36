import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one request touched: the cases (with their person) and the persons whose personal data
 * was sealed or opened. The services that load cases and handle personal data note them here;
 * the audit interceptor writes them down when the request ends. Outside a request nothing is noted.
 */
export class AuditScope {
  /** case id → the case's person id */
  readonly cases = new Map<string, string | undefined>();
  readonly persons = new Set<string>();
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
