import { FOLLOW_UP_MONTHS } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import type { Period } from '../period';
import { type Presenter, type WithCompare, presentPeriods } from '../compare';
import {
  type Cell,
  type Count,
  type Published,
  type ReportTable,
  type SmallNumbers,
  share,
} from '../small-numbers';

// Follow-ups recorded on time (docs/statistics.md §10).

export interface FollowUpFigures<C = number> {
  due: C;
  onTime: C;
  late: C;
  pending: C;
  share: number | null;
}

export interface FollowUpsReport<C = number> extends FollowUpFigures<C> {
  from: string;
  to: string;
  graceDays: number;
  byMonth: Record<string, FollowUpFigures<C>>;
}

// Every follow-up a case owes, from its row: due in the period, and still owed — recorded, or the
// case was not closed by its due date (R10 applies to open cases; R14 once a case is closed). The
// projection gives a follow-up that is not owed for any other reason (consent ended, erasure,
// fallen due while closed in a period the case was reopened from) no due date; the post-closure
// follow-ups of closures a case was reopened from are kept apart (stat_past_follow_ups).
const FOLLOW_UPS = `
  WITH f AS (
    SELECT f.month, f.due_on, f.recorded_on
      FROM stat_cases c
      CROSS JOIN LATERAL (VALUES ('3', c.fu3_due_on, c.fu3_recorded_on), ('6', c.fu6_due_on, c.fu6_recorded_on),
                                 ('9', c.fu9_due_on, c.fu9_recorded_on), ('12', c.fu12_due_on, c.fu12_recorded_on),
                                 ('POST_CLOSURE', c.fu_post_due_on, c.fu_post_recorded_on)) AS f(month, due_on, recorded_on)
     WHERE c.tenant = $1 AND f.due_on BETWEEN $2::date AND $3::date
       AND (f.recorded_on IS NOT NULL OR f.month = 'POST_CLOSURE' OR c.closed_on IS NULL OR c.closed_on > f.due_on)
    UNION ALL
    SELECT month, due_on, recorded_on
      FROM stat_past_follow_ups
     WHERE tenant = $1 AND due_on BETWEEN $2::date AND $3::date
  )
  SELECT month,
         count(*) FILTER (WHERE recorded_on IS NOT NULL AND recorded_on <= due_on + $4::int)::int AS on_time,
         count(*) FILTER (WHERE (recorded_on IS NOT NULL AND recorded_on > due_on + $4::int)
                             OR (recorded_on IS NULL AND due_on + $4::int < $5::date))::int AS late,
         count(*) FILTER (WHERE recorded_on IS NULL AND due_on + $4::int >= $5::date)::int AS pending
    FROM f
   GROUP BY month`;

function figures(onTime: number, late: number, pending: number): FollowUpFigures {
  return { due: onTime + late + pending, onTime, late, pending, share: share(onTime, onTime + late) };
}

export async function followUpsReport(
  sql: SqlQueryable,
  period: Period,
  graceDays: number,
  today: string,
): Promise<FollowUpsReport> {
  const { rows } = await sql.query<{ month: string; on_time: number; late: number; pending: number }>(
    FOLLOW_UPS,
    [period.tenant, period.from, period.to, graceDays, today],
  );
  const byMonth: Record<string, FollowUpFigures> = {};
  for (const month of FOLLOW_UP_MONTHS) {
    const r = rows.find((x) => x.month === String(month));
    byMonth[String(month)] = figures(r?.on_time ?? 0, r?.late ?? 0, r?.pending ?? 0);
  }
  const sum = (k: 'on_time' | 'late' | 'pending') => rows.reduce((n, r) => n + r[k], 0);
  return {
    from: period.from,
    to: period.to,
    graceDays,
    ...figures(sum('on_time'), sum('late'), sum('pending')),
    byMonth,
  };
}

// The counts of one month (or of all of them): every owed follow-up is on time, late or pending.
function countFigures(t: ReportTable, f: FollowUpFigures): FollowUpFigures<Count> {
  const out = {
    due: t.count(f.due),
    onTime: t.count(f.onTime),
    late: t.count(f.late),
    pending: t.count(f.pending),
    share: f.share,
  };
  t.sum(out.due, [out.onTime, out.late, out.pending]);
  return out;
}

const withShare = (t: ReportTable, f: FollowUpFigures<Count>): FollowUpFigures<Count> => ({
  ...f,
  share: t.derived(f.share, f.onTime, f.late),
});

type CountedFollowUps = FollowUpsReport<Count>;

function countFollowUps(t: ReportTable, r: FollowUpsReport): CountedFollowUps {
  const all = countFigures(t, r);
  const byMonth = Object.entries(r.byMonth).map(([m, f]) => [m, countFigures(t, f)] as const);
  // All months together are the sum of the months.
  for (const k of ['due', 'onTime', 'late', 'pending'] as const)
    t.sum(
      all[k],
      byMonth.map(([, f]) => f[k]),
    );
  return { from: r.from, to: r.to, graceDays: r.graceDays, ...all, byMonth: Object.fromEntries(byMonth) };
}

function finishFollowUps(t: ReportTable, c: CountedFollowUps): CountedFollowUps {
  const { from, to, graceDays, byMonth, ...all } = c;
  return {
    from,
    to,
    graceDays,
    ...withShare(t, all),
    byMonth: Object.fromEntries(Object.entries(byMonth).map(([m, f]) => [m, withShare(t, f)])),
  };
}

export const followUpsPresenter: Presenter<FollowUpsReport, CountedFollowUps, CountedFollowUps> = {
  count: countFollowUps,
  finish: finishFollowUps,
};

export function presentFollowUps(
  r: FollowUpsReport,
  small: SmallNumbers,
  compare?: FollowUpsReport,
): Published<WithCompare<CountedFollowUps>> {
  return presentPeriods(small, followUpsPresenter, r, compare);
}

/** One CSV line per follow-up month, then ALL. */
export function followUpsCsv(body: FollowUpsReport<Cell>): object[] {
  const { byMonth, from, to, graceDays, ...all } = body;
  return [
    ...Object.entries(byMonth).map(([month, f]) => ({ from, to, graceDays, month, ...f })),
    { from, to, graceDays, month: 'ALL', ...all },
  ];
}
