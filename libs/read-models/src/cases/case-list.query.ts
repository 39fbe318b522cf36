import { isCivilDate, isUuid } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import { cursorFields, encodeCursor, pageAndTotalSql, pageRows } from '@app/runtime';

/** Whose cases `owner` asks for. */
export type CaseListOwner =
  /** The caller's own: the named ärendebärare, or (none named) a handläggare of the owning party. */
  | { kind: 'me'; sub: string; party?: string; partyOwnerCounts: boolean }
  /** No ärendebärare yet. */
  | { kind: 'none' }
  /** Owned by this party. */
  | { kind: 'party'; party: string }
  /** The named ärendebärare is this user. */
  | { kind: 'user'; user: string };

export interface CaseListQuery {
  tenant: string;
  /** The person (from the keyed personnummer hash) whose cases to list. */
  personId?: string;
  status?: string;
  /** Cases that name this party (initiator, other party or owner). */
  party?: string;
  owner?: CaseListOwner;
  insatsCode?: string;
  initiatedFrom?: string;
  initiatedTo?: string;
  /**
   * The access policy as an SQL condition on the row `c` of rm_cases (parameters appended to
   * `params`); absent for callers who see every case of the tenant.
   */
  visible?: (c: string, params: unknown[]) => string;
  limit: number;
  /** Opaque: the last item of the previous page. */
  cursor?: string;
}

/** One case as the list shows it; the person's name is still sealed. */
export interface CaseListRow {
  id: string;
  version: number;
  status: string;
  initiatingParty: string;
  parties: string[];
  owner: { party: string; user?: string } | null;
  initiatedOn: string;
  person: { personId: string; sealedName: string | null; gender: string; erased: boolean };
}

interface Cursor {
  d: string;
  c: string;
}

/** A cursor this list gave out, or undefined: every part is checked before it reaches SQL. */
export function decodeCaseListCursor(raw: string): Cursor | undefined {
  const c = cursorFields(raw);
  return c && isCivilDate(c.d) && isUuid(c.c) ? { d: c.d, c: (c.c as string).toLowerCase() } : undefined;
}

/**
 * The tenant's cases, newest initiation first (then case id, so the keyset is total), filtered and
 * paginated. Every filter and the access policy are in the statement, so `total` and the pages
 * count only what the caller may see. Each filter has an index of rm_cases (cases.sql).
 */
export async function queryCaseList(
  db: SqlQueryable,
  q: CaseListQuery,
): Promise<{ items: CaseListRow[]; total: number; nextCursor: string | null }> {
  const params: unknown[] = [q.tenant];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['c.tenant = $1'];
  if (q.personId !== undefined) where.push(`c.person_id = ${param(q.personId)}::uuid`);
  if (q.status !== undefined) where.push(`c.status = ${param(q.status)}`);
  if (q.party !== undefined) where.push(`c.parties @> ARRAY[${param(q.party)}::text]`);
  if (q.insatsCode !== undefined) where.push(`c.insats_codes @> ARRAY[${param(q.insatsCode)}::text]`);
  if (q.initiatedFrom !== undefined) where.push(`c.initiated_on >= ${param(q.initiatedFrom)}::date`);
  if (q.initiatedTo !== undefined) where.push(`c.initiated_on <= ${param(q.initiatedTo)}::date`);
  const owner = q.owner;
  if (owner?.kind === 'none') where.push('c.owner_party IS NULL');
  if (owner?.kind === 'party') where.push(`c.owner_party = ${param(owner.party)}`);
  if (owner?.kind === 'user') where.push(`c.owner_user = ${param(owner.user)}`);
  if (owner?.kind === 'me') {
    const named = `c.owner_user = ${param(owner.sub)}`;
    where.push(
      owner.party && owner.partyOwnerCounts
        ? `(${named} OR (c.owner_party = ${param(owner.party)} AND coalesce(c.owner_user, '') = ''))`
        : named,
    );
  }
  if (q.visible) where.push(q.visible('c', params));
  let after = 'true';
  const cursor = q.cursor ? decodeCaseListCursor(q.cursor) : undefined;
  if (cursor) after = `(m.initiated_on, m.case_id) < (${param(cursor.d)}::date, ${param(cursor.c)}::uuid)`;
  const limit = param(q.limit + 1);
  const result = await db.query<{
    total: number;
    case_id: string | null;
    version: number;
    status: string;
    initiating_party: string;
    parties: string[];
    owner_party: string | null;
    owner_user: string | null;
    initiated_on: string;
    person_id: string;
    gender: string;
    sealed_name: string | null;
    erased: boolean;
  }>(
    pageAndTotalSql({
      with: `matching AS (SELECT c.case_id, c.initiated_on FROM rm_cases c WHERE ${where.join(' AND ')})`,
      count: 'SELECT count(*)::int FROM matching',
      page: `SELECT c.case_id AS sort_id, c.initiated_on AS sort_on, c.case_id::text AS case_id, c.version::int AS version,
                    c.status, c.initiating_party, c.parties, c.owner_party, c.owner_user,
                    to_char(c.initiated_on, 'YYYY-MM-DD') AS initiated_on, c.person_id::text AS person_id, c.gender,
                    c.state->'person'->>'name' AS sealed_name, coalesce((c.state->>'personalDataErased')::boolean, false) AS erased
               FROM matching m JOIN rm_cases c ON c.case_id = m.case_id
              WHERE ${after}
              ORDER BY m.initiated_on DESC, m.case_id DESC
              LIMIT ${limit}`,
      columns: 'page.*',
      orderBy: 'page.sort_on DESC, page.sort_id DESC',
    }),
    params,
  );
  const { total, rows } = pageRows(result.rows, 'case_id');
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.case_id,
      version: Number(r.version),
      status: r.status,
      initiatingParty: r.initiating_party,
      parties: r.parties,
      owner: r.owner_party ? { party: r.owner_party, ...(r.owner_user ? { user: r.owner_user } : {}) } : null,
      initiatedOn: r.initiated_on,
      person: { personId: r.person_id, sealedName: r.sealed_name, gender: r.gender, erased: r.erased },
    })),
    total,
    nextCursor:
      rows.length > q.limit && last ? encodeCursor({ d: last.initiated_on, c: last.case_id }) : null,
  };
}
