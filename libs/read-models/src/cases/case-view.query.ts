import { type ExistingCase, caseStream } from '@app/case-domain';
import type { EventStore, SqlQueryable } from '@app/event-store';

/** The global position of the case's latest event (0 when it has none), for read-your-writes. */
export function caseHeadPosition(store: EventStore, caseId: string): Promise<number> {
  return store.streamPosition(caseStream(caseId));
}

/**
 * The case as the cases read model holds it, or undefined. rm_cases.protected is the person's
 * (DOMAIN.md §10): the view says so on each of their cases.
 */
export async function caseView(
  sql: SqlQueryable,
  tenant: string,
  caseId: string,
): Promise<{ state: ExistingCase; version: number } | undefined> {
  const { rows } = await sql.query<{ state: ExistingCase; version: number; protected: boolean }>(
    'SELECT state, version, protected FROM rm_cases WHERE case_id = $1 AND tenant = $2',
    [caseId, tenant],
    { prepare: true },
  );
  const row = rows[0];
  if (!row) return undefined;
  const state: ExistingCase =
    row.protected && !row.state.person.protectedIdentity
      ? { ...row.state, person: { ...row.state.person, protectedIdentity: true } }
      : row.state;
  return { state, version: row.version };
}
