import { isCivilDate, isUuid } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import { cursorFields, encodeCursor, pageAndTotalSql, pageRows } from '@app/runtime';

export const QUEUE_BUCKETS = [
  'NEW',
  'AWAITING_BEREDNING',
  'AWAITING_SIP',
  'INSATS_DEADLINE',
  'FOLLOW_UP_DUE',
  'STAGNANT',
  'CONSENT_EXPIRING',
  'AGE_LIMIT',
] as const;
export type QueueBucket = (typeof QUEUE_BUCKETS)[number];

export interface QueueQuery {
  tenant: string;
  /** The tenant's local date: days left are counted from it. */
  today: string;
  followUpGraceDays: number;
  followUpWindowDays: number;
  stagnationWeeks: number;
  consentExpiringDays: number;
  bucket?: QueueBucket;
  party?: string;
  owner?: string;
  limit: number;
  /** Opaque: the last item of the previous page. */
  cursor?: string;
}

export interface QueueItem {
  caseId: string;
  bucket: QueueBucket;
  dueDate: string | null;
  daysLeft: number | null;
  status: string;
  initiatingParty: string;
  ownerParty: string | null;
  ownerUser: string | null;
  /** FOLLOW_UP_DUE: which follow-up (3, 6, 9, 12, POST_CLOSURE). */
  followUpMonth?: string;
  /** AWAITING_BEREDNING: the meeting the case is on, if one is planned. */
  meetingId?: string;
}

interface Cursor {
  d: string;
  b: string;
  c: string;
}

/** A cursor this list gave out, or undefined: every part is checked before it reaches SQL. */
export function decodeCursor(raw: string): Cursor | undefined {
  const c = cursorFields(raw);
  return c && isCivilDate(c.d) && (QUEUE_BUCKETS as readonly unknown[]).includes(c.b) && isUuid(c.c)
    ? { d: c.d, b: c.b as string, c: c.c }
    : undefined;
}

// Every bucket is a task: a case is listed once in each bucket that applies. `sort_on` orders
// the queue by due date (the date a task came in, for tasks without a deadline).
const BUCKETS_SQL = `
  SELECT c.case_id, 'NEW' AS bucket, NULL::date AS due_on, c.initiated_on AS sort_on, NULL AS follow_up_month, NULL::uuid AS meeting_id, c.status, c.initiating_party, c.owner_party, c.owner_user, c.parties
    FROM rm_cases c WHERE c.tenant = $1 AND c.status = 'SUBMITTED' AND c.open
  UNION ALL
  SELECT c.case_id, 'AWAITING_BEREDNING', m.date, coalesce(m.date, c.accepted_on), NULL, m.meeting_id, c.status, c.initiating_party, c.owner_party, c.owner_user, c.parties
    FROM rm_cases c
    LEFT JOIN LATERAL (
      SELECT a.meeting_id, a.date FROM rm_agenda a
       WHERE a.tenant = c.tenant AND a.case_id = c.case_id AND a.decided_on IS NULL AND a.date >= $2::date
       ORDER BY a.date LIMIT 1) m ON true
   WHERE c.tenant = $1 AND c.open AND c.awaiting_decision
  UNION ALL
  SELECT c.case_id, 'AWAITING_SIP', c.sip_pending_on, c.sip_pending_on, NULL, NULL, c.status, c.initiating_party, c.owner_party, c.owner_user, c.parties
    FROM rm_cases c WHERE c.tenant = $1 AND c.open AND c.sip_pending_on IS NOT NULL
  UNION ALL
  SELECT c.case_id, 'INSATS_DEADLINE', c.insats_deadline, c.insats_deadline, NULL, NULL, c.status, c.initiating_party, c.owner_party, c.owner_user, c.parties
    FROM rm_cases c WHERE c.tenant = $1 AND c.open AND NOT c.has_insats
  UNION ALL
  SELECT c.case_id, 'FOLLOW_UP_DUE', c.next_follow_up_due, c.next_follow_up_due, c.next_follow_up_month, NULL, c.status, c.initiating_party, c.owner_party, c.owner_user, c.parties
    FROM rm_cases c WHERE c.tenant = $1 AND c.next_follow_up_due <= $2::date + $3::int
  UNION ALL
  SELECT c.case_id, 'STAGNANT', c.last_activity_on + $4::int * 7, c.last_activity_on + $4::int * 7, NULL, NULL, c.status, c.initiating_party, c.owner_party, c.owner_user, c.parties
    FROM rm_cases c WHERE c.tenant = $1 AND c.open AND c.last_activity_on <= $2::date - $4::int * 7
  UNION ALL
  SELECT c.case_id, 'CONSENT_EXPIRING', c.consent_valid_until, c.consent_valid_until, NULL, NULL, c.status, c.initiating_party, c.owner_party, c.owner_user, c.parties
    FROM rm_cases c WHERE c.tenant = $1 AND c.open AND c.consent_valid_until <= $2::date + $5::int
  UNION ALL
  SELECT c.case_id, 'AGE_LIMIT', c.age_limit_on, c.age_limit_on, NULL, NULL, c.status, c.initiating_party, c.owner_party, c.owner_user, c.parties
    FROM rm_cases c WHERE c.tenant = $1 AND c.open AND c.age_limit_on <= $2::date`;

/** The processledare's work queue: tasks sorted by due date (overdue first), paginated. */
export async function queryQueue(
  db: SqlQueryable,
  q: QueueQuery,
): Promise<{ items: QueueItem[]; total: number; nextCursor: string | null }> {
  const params: unknown[] = [
    q.tenant,
    q.today,
    q.followUpWindowDays,
    q.stagnationWeeks,
    q.consentExpiringDays,
  ];
  const where: string[] = [];
  if (q.bucket) {
    params.push(q.bucket);
    where.push(`bucket = $${params.length}`);
  }
  if (q.party) {
    params.push(q.party);
    where.push(`$${params.length} = ANY(parties)`);
  }
  if (q.owner) {
    params.push(q.owner);
    where.push(`owner_user = $${params.length}`);
  }
  const filtered = `SELECT * FROM (${BUCKETS_SQL}) t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  let after = 'true';
  if (cursor) {
    params.push(cursor.d, cursor.b, cursor.c);
    after = `(sort_on, bucket, case_id) > ($${params.length - 2}::date, $${params.length - 1}, $${params.length}::uuid)`;
  }
  params.push(q.limit + 1);
  // The tasks are gathered once for the page and the total (a CTE named twice is computed once).
  const result = await db.query<{
    total: number;
    case_id: string | null;
    bucket: QueueBucket;
    due_on: string | null;
    sort_on: string;
    follow_up_month: string | null;
    meeting_id: string | null;
    status: string;
    initiating_party: string;
    owner_party: string | null;
    owner_user: string | null;
    days_left: number | null;
  }>(
    pageAndTotalSql({
      with: `tasks AS (${filtered})`,
      count: 'SELECT count(*)::int FROM tasks',
      page: `SELECT * FROM tasks WHERE ${after} ORDER BY sort_on, bucket, case_id LIMIT $${params.length}`,
      columns: `page.case_id, page.bucket, page.due_on, page.sort_on, page.follow_up_month, page.meeting_id, page.status,
                page.initiating_party, page.owner_party, page.owner_user, (page.due_on - $2::date) AS days_left`,
      orderBy: 'page.sort_on, page.bucket, page.case_id',
    }),
    params,
  );
  const { total, rows } = pageRows(result.rows, 'case_id');
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map((r) => ({
    caseId: r.case_id,
    bucket: r.bucket,
    dueDate: r.due_on,
    daysLeft: r.days_left,
    status: r.status,
    initiatingParty: r.initiating_party,
    ownerParty: r.owner_party,
    ownerUser: r.owner_user,
    ...(r.follow_up_month ? { followUpMonth: r.follow_up_month } : {}),
    ...(r.meeting_id ? { meetingId: r.meeting_id } : {}),
  }));
  const last = rows[q.limit - 1];
  return {
    items,
    total,
    nextCursor: more && last ? encodeCursor({ d: last.sort_on, b: last.bucket, c: last.case_id }) : null,
  };
}
