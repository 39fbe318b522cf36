import { isCivilDate, isUuid } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import { cursorFields, encodeCursor, pageAndTotalSql, pageRows } from '@app/runtime';

export interface MeetingsQuery {
  tenant: string;
  /** First day included. */
  from: string;
  /** Last day included, if any. */
  to?: string;
  limit: number;
  /** Opaque: the last item of the previous page. */
  cursor?: string;
}

/** A meeting as the list shows it: when and where, and how far its agenda has come. No case ids, no names. */
export interface MeetingListItem {
  id: string;
  date: string;
  time?: string;
  place?: string;
  status: string;
  /** Cases on the agenda now (moved or removed ones are gone). */
  casesOnAgenda: number;
  /** Cases with a decision recorded at this meeting (one moved on after a decision, e.g. bordlagd, included). */
  casesDecided: number;
}

interface Cursor {
  d: string;
  i: string;
}

/** A cursor this list gave out, or undefined: every part is checked before it reaches SQL. */
export function decodeMeetingsCursor(raw: string): Cursor | undefined {
  const c = cursorFields(raw);
  return c && isCivilDate(c.d) && isUuid(c.i) ? { d: c.d, i: c.i.toLowerCase() } : undefined;
}

/** The tenant's meetings in date order (then id, so the keyset is total), paginated. */
export async function queryMeetings(
  db: SqlQueryable,
  q: MeetingsQuery,
): Promise<{ items: MeetingListItem[]; total: number; nextCursor: string | null }> {
  const params: unknown[] = [q.tenant, q.from];
  let where = 'm.tenant = $1 AND m.date >= $2::date';
  if (q.to !== undefined) {
    params.push(q.to);
    where += ` AND m.date <= $${params.length}::date`;
  }
  let after = 'true';
  const cursor = q.cursor ? decodeMeetingsCursor(q.cursor) : undefined;
  if (cursor) {
    params.push(cursor.d, cursor.i);
    after = `(m.date, m.meeting_id) > ($${params.length - 1}::date, $${params.length}::uuid)`;
  }
  params.push(q.limit + 1);
  // Only the counts leave the agenda and the protocol: guests' names and case ids stay in the table.
  const result = await db.query<{
    total: number;
    meeting_id: string | null;
    date: string;
    time: string | null;
    place: string | null;
    status: string;
    on_agenda: number;
    decided: number;
  }>(
    pageAndTotalSql({
      count: `SELECT count(*)::int FROM rm_meetings m WHERE ${where}`,
      page: `SELECT m.date AS sort_date, m.meeting_id AS sort_id, m.meeting_id::text AS meeting_id, to_char(m.date, 'YYYY-MM-DD') AS date,
                    m.state->>'time' AS time, m.state->>'place' AS place, m.state->>'status' AS status,
                    coalesce(jsonb_array_length(m.state->'agenda'), 0)::int AS on_agenda,
                    (SELECT count(DISTINCT d->>'caseId')
                       FROM jsonb_array_elements(coalesce(m.state->'decisions', '[]'::jsonb)) d)::int AS decided
               FROM rm_meetings m
              WHERE ${where} AND ${after}
              ORDER BY m.date, m.meeting_id
              LIMIT $${params.length}`,
      columns: 'page.*',
      orderBy: 'page.sort_date, page.sort_id',
    }),
    params,
  );
  const { total, rows } = pageRows(result.rows, 'meeting_id');
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.meeting_id,
      date: r.date,
      ...(r.time !== null ? { time: r.time } : {}),
      ...(r.place !== null ? { place: r.place } : {}),
      status: r.status,
      casesOnAgenda: r.on_agenda,
      casesDecided: r.decided,
    })),
    total,
    nextCursor: rows.length > q.limit && last ? encodeCursor({ d: last.date, i: last.meeting_id }) : null,
  };
}
