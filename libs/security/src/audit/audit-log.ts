import { Inject, Injectable } from '@nestjs/common';
import { isCivilDate } from '@app/case-domain';
import {
  type AuditRow,
  type CallGroups,
  insertAuditRows,
  type Settles,
  sharedStatements,
  type SqlClient,
  type SqlQueryable,
} from '@app/event-store';
import { cursorFields, encodeCursor, pageAndTotalSql, pageRows, APP_CONFIG, type AppConfig, SQL_CLIENT } from '@app/runtime';

/** One line of the audit log: ids and codes only, never personal data. */
export interface AuditEntry {
  at: Date;
  tenant: string;
  actor: string;
  roles: string[];
  party?: string;
  /** What was done: the slice and its handler (get-case.history, erase-person.erase), or a reactor's name. */
  action: string;
  /** The method and the route's pattern (`GET /api/v1/cases/:id`), never the URL with its query. */
  route: string;
  status: number;
  caseId?: string;
  personId?: string;
  requestId?: string;
}

export interface AuditItem {
  at: string;
  actor: string;
  roles: string[];
  party: string | null;
  action: string;
  route: string;
  status: number;
  caseId: string | null;
  personId: string | null;
  requestId: string | null;
}

export interface AuditQuery {
  tenant: string;
  caseId?: string;
  actor?: string;
  /** A date (the tenant's local day, inclusive) or an instant. */
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

interface Cursor {
  a: string;
  i: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// An ISO-8601 instant PostgreSQL's timestamptz reads as the same instant: a real date from the year
// 0001 (JS Date also takes the year 0, and Date.parse takes "1"), a real time, and a zone.
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|1[0-4]):[0-5]\d)$/;

export function isInstant(value: unknown): value is string {
  const m = typeof value === 'string' ? INSTANT.exec(value) : null;
  return m !== null && isCivilDate(m[1]);
}

const BIGINT_MAX = 9223372036854775807n;

/** The cursor of a page this log gave: the instant as `query` writes it and a bigint row id. */
export function decodeAuditCursor(raw: string): Cursor | undefined {
  const c = cursorFields(raw);
  return c && isInstant(c.a) && typeof c.i === 'string' && /^\d{1,19}$/.test(c.i) && BigInt(c.i) <= BIGINT_MAX
    ? { a: c.a, i: c.i }
    : undefined;
}

/** An entry as the audit log's table holds it. */
export function auditRow(e: AuditEntry): AuditRow {
  return {
    at: e.at.toISOString(),
    tenant: e.tenant,
    actor: e.actor,
    roles: e.roles,
    party: e.party ?? null,
    action: e.action,
    route: e.route,
    status: e.status,
    case_id: e.caseId ?? null,
    person_id: e.personId ?? null,
    request_id: e.requestId ?? null,
  };
}

/** The `entries` that none of `written` says already (the instant each was made aside). */
export function unwritten(entries: readonly AuditEntry[], written: readonly AuditEntry[]): AuditEntry[] {
  const said = ({ at: _at, ...rest }: AuditEntry) => JSON.stringify(rest);
  const done = new Set(written.map(said));
  return entries.filter((e) => !done.has(said(e)));
}

/** One request's entries, waiting to share a statement. */
interface PendingEntries extends Settles<void> {
  entries: AuditEntry[];
}

/**
 * The append-only audit log (migration 007): the interceptor and the erasure reactor append, the
 * admin reads. The table refuses UPDATE, DELETE and TRUNCATE.
 */
@Injectable()
export class AuditLog {
  /** Entries of requests ending at the same moment share a statement (see `record`). */
  private readonly groups: CallGroups<PendingEntries>;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.groups = sharedStatements<PendingEntries>(sql.kind, (group) => this.insertGroup(group));
  }

  /**
   * Appends the entries: all or none; resolves once they are committed, throws when the database
   * refuses them. Inside a transaction (`db`) they are one statement of it. Otherwise the entries
   * of requests ending at the same moment are written together: while statements are on their
   * way, the next requests' entries gather and go in the next, so under load a few statements
   * carry many requests. Should a shared statement fail, each request's entries are tried on
   * their own, so one request's failure is never another's.
   */
  record(entries: AuditEntry[], db?: SqlQueryable): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    if (db) return this.insert(entries, db);
    return this.groups.call<void>({ entries });
  }

  /** Settles every request of `group`: one statement, or one each when the shared one fails; never throws. */
  private async insertGroup(group: PendingEntries[]): Promise<void> {
    try {
      await this.insert(
        group.flatMap((g) => g.entries),
        this.sql,
      );
      for (const g of group) g.resolve();
    } catch (err) {
      if (group.length === 1) group[0].reject(err);
      else
        await Promise.all(
          group.map((g) =>
            this.insert(g.entries, this.sql).then(
              () => g.resolve(),
              (own: unknown) => g.reject(own ?? err),
            ),
          ),
        );
    }
  }

  private async insert(entries: AuditEntry[], db: SqlQueryable): Promise<void> {
    await db.query(insertAuditRows('$1'), [JSON.stringify(entries.map(auditRow))], { prepare: true });
  }

  /** A page of the tenant's log, newest first; `limit: Infinity` for every match (the CSV export). */
  async query(q: AuditQuery): Promise<{ items: AuditItem[]; total: number; nextCursor: string | null }> {
    const params: unknown[] = [q.tenant];
    const where = ['tenant = $1'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.caseId) add((p) => `case_id = ${p}::uuid`, q.caseId);
    if (q.actor) add((p) => `actor = ${p}`, q.actor);
    // A date is the tenant's local day: `from` its first instant, `to` (inclusive) up to the next day's first.
    const zone = () => {
      params.push(this.config.timeZone);
      return `$${params.length}`;
    };
    if (q.from) {
      add(
        (p) =>
          DATE.test(q.from!)
            ? `at >= ((${p}::date)::timestamp AT TIME ZONE ${zone()})`
            : `at >= ${p}::timestamptz`,
        q.from,
      );
    }
    if (q.to) {
      add(
        (p) =>
          DATE.test(q.to!)
            ? `at < ((${p}::date + 1)::timestamp AT TIME ZONE ${zone()})`
            : `at <= ${p}::timestamptz`,
        q.to,
      );
    }
    const filtered = where.join(' AND ');
    const cursor = q.cursor ? decodeAuditCursor(q.cursor) : undefined;
    let page = filtered;
    if (cursor) {
      params.push(cursor.a, cursor.i);
      page += ` AND (at, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`;
    }
    const limited = Number.isFinite(q.limit);
    if (limited) params.push(q.limit + 1);
    const result = await this.sql.query<
      Pick<AuditItem, 'actor' | 'roles' | 'party' | 'action' | 'route' | 'status'> & {
        total: number;
        row_id: string | null;
        at_text: string;
        case_id: string | null;
        person_id: string | null;
        request_id: string | null;
      }
    >(
      pageAndTotalSql({
        count: `SELECT count(*)::int FROM audit_log WHERE ${filtered}`,
        page: `SELECT at AS sort_at, id AS sort_id, id::text AS row_id,
                      to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at_text, actor, roles, party,
                      action, route, status, case_id::text AS case_id, person_id::text AS person_id, request_id
                 FROM audit_log WHERE ${page} ORDER BY audit_log.at DESC, audit_log.id DESC ${limited ? `LIMIT $${params.length}` : ''}`,
        columns: 'page.*',
        orderBy: 'page.sort_at DESC, page.sort_id DESC',
      }),
      params,
    );
    const { total, rows } = pageRows(result.rows, 'row_id');
    const more = limited && rows.length > q.limit;
    const shown = limited ? rows.slice(0, q.limit) : rows;
    const last = shown[shown.length - 1];
    return {
      items: shown.map((r) => ({
        at: r.at_text,
        actor: r.actor,
        roles: r.roles,
        party: r.party,
        action: r.action,
        route: r.route,
        status: r.status,
        caseId: r.case_id,
        personId: r.person_id,
        requestId: r.request_id,
      })),
      total,
      nextCursor: more && last ? encodeCursor({ a: last.at_text, i: last.row_id }) : null,
    };
  }
}
