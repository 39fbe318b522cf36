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

// Lead times and the 90-day rule (docs/statistics.md §8, §9).

/** Days between two business dates over a set of cases: how many, the median and the 90th percentile. */
export interface Days<C = number> {
  count: C;
  median: number | null;
  p90: number | null;
}
export type MaskedDays = Days<Cell>;

export interface NinetyDayRule<C = number> {
  cases: C;
  met: C;
  missed: C;
  share: number | null;
}

export interface LeadTimesReport<C = number, D = Days> {
  from: string;
  to: string;
  toDecision: D;
  toFirstInsats: D;
  toClosure: D;
  ninetyDayRule: NinetyDayRule<C>;
}

const MEASURES = ['toDecision', 'toFirstInsats', 'toClosure'] as const;

const LEAD_TIMES = `
  WITH d AS (
    SELECT 'toDecision' AS measure, decided_on - initiated_on AS days
      FROM stat_cases WHERE tenant = $1 AND decided_on BETWEEN $2::date AND $3::date
    UNION ALL
    SELECT 'toFirstInsats', first_insats_on - initiated_on
      FROM stat_cases WHERE tenant = $1 AND first_insats_on BETWEEN $2::date AND $3::date
    UNION ALL
    SELECT 'toClosure', days FROM (
      SELECT DISTINCT ON (case_id) closed_on - initiated_on AS days
        FROM stat_closures WHERE tenant = $1 AND closed_on BETWEEN $2::date AND $3::date
       ORDER BY case_id, closed_on DESC, position DESC) last_closure
  )
  SELECT measure, count(*)::int AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
         percentile_disc(0.9) WITHIN GROUP (ORDER BY days) AS p90
    FROM d GROUP BY measure`;

// Cases whose deadline fell in the period and has passed; a case that was closed (and not reopened)
// on its deadline, or erased by then, without an insats no longer needed one and is left out — the
// domain records InsatsDeadlineMissed for every other (R7).
const NINETY_DAYS = `
  SELECT count(*) FILTER (WHERE met)::int AS met, count(*) FILTER (WHERE NOT met)::int AS missed
    FROM (
      SELECT c.first_insats_on IS NOT NULL AND c.first_insats_on <= c.insats_deadline AS met,
             c.closed_at_insats_deadline OR coalesce(c.erased_on <= c.insats_deadline, false) AS ended
        FROM stat_cases c
       WHERE c.tenant = $1 AND c.insats_deadline BETWEEN $2::date AND $3::date AND c.insats_deadline < $4::date
    ) x
   WHERE met OR NOT ended`;

export async function leadTimesReport(
  sql: SqlQueryable,
  period: Period,
  today: string,
): Promise<LeadTimesReport> {
  const [lead, ninety] = await Promise.all([
    sql.query<{ measure: (typeof MEASURES)[number]; n: number; median: number | null; p90: number | null }>(
      LEAD_TIMES,
      [period.tenant, period.from, period.to],
    ),
    sql.query<{ met: number; missed: number }>(NINETY_DAYS, [period.tenant, period.from, period.to, today]),
  ]);
  const days = Object.fromEntries(MEASURES.map((m) => [m, { count: 0, median: null, p90: null }])) as Record<
    (typeof MEASURES)[number],
    Days
  >;
  for (const r of lead.rows) {
    days[r.measure] = {
      count: r.n,
      median: r.median === null ? null : Number(r.median),
      p90: r.p90 === null ? null : Number(r.p90),
    };
  }
  const { met, missed } = ninety.rows[0];
  return {
    from: period.from,
    to: period.to,
    ...days,
    ninetyDayRule: { cases: met + missed, met, missed, share: share(met, met + missed) },
  };
}

/** The number of cases of a lead time, as a count of the report, with the days it is taken over. */
export function countDays(t: ReportTable, d: Days): Days<Count> {
  return { ...d, count: t.count(d.count) };
}

/** A median or p90 is withheld with the count it is taken over (1–4, or withheld itself). */
export function publishDays(t: ReportTable, d: Days<Count>): Days<Count> {
  return { count: d.count, median: t.derived(d.median, d.count), p90: t.derived(d.p90, d.count) };
}

type CountedLeadTimes = LeadTimesReport<Count, Days<Count>>;

function countLeadTimes(t: ReportTable, r: LeadTimesReport): CountedLeadTimes {
  const rule = r.ninetyDayRule;
  const met = t.count(rule.met);
  const missed = t.count(rule.missed);
  const cases = t.count(rule.cases);
  t.sum(cases, [met, missed]);
  const [toDecision, toFirstInsats, toClosure] = MEASURES.map((m) => countDays(t, r[m]));
  return {
    from: r.from,
    to: r.to,
    toDecision,
    toFirstInsats,
    toClosure,
    ninetyDayRule: { cases, met, missed, share: rule.share },
  };
}

function finishLeadTimes(t: ReportTable, c: CountedLeadTimes): CountedLeadTimes {
  const { cases, met, missed, share: value } = c.ninetyDayRule;
  return {
    from: c.from,
    to: c.to,
    toDecision: publishDays(t, c.toDecision),
    toFirstInsats: publishDays(t, c.toFirstInsats),
    toClosure: publishDays(t, c.toClosure),
    ninetyDayRule: { cases, met, missed, share: t.derived(value, met, missed, cases) },
  };
}

export const leadTimesPresenter: Presenter<LeadTimesReport, CountedLeadTimes, CountedLeadTimes> = {
  count: countLeadTimes,
  finish: finishLeadTimes,
};

export function presentLeadTimes(
  r: LeadTimesReport,
  small: SmallNumbers,
  compare?: LeadTimesReport,
): Published<WithCompare<CountedLeadTimes>> {
  return presentPeriods(small, leadTimesPresenter, r, compare);
}

export const leadTimesCsv = (body: object): object[] => [body];
