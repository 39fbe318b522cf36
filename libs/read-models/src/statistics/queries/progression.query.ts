import type { SqlQueryable } from '@app/event-store';
import type { Period } from '../period';
import { type Presenter, type WithCompare, presentPeriods } from '../compare';
import {
  type Cell,
  type Count,
  type Published,
  type ReportTable,
  type SmallNumbers,
  round2,
} from '../small-numbers';

// Stegförflyttning: change from the first to the last rating per insats (docs/statistics.md §12).

export interface ProgressionFigures<C = number> {
  /** Insats periods active in the period. */
  periods: C;
  /** Of those, periods with at least two step ratings. */
  measured: C;
  firstStepMean: number | null;
  lastStepMean: number | null;
  changeMean: number | null;
  improved: C;
  unchanged: C;
  worsened: C;
  vas: { measured: C; firstMean: number | null; lastMean: number | null; changeMean: number | null };
}

export interface ProgressionReport<C = number> {
  from: string;
  to: string;
  rows: ({ insatsCode: string; name: string } & ProgressionFigures<C>)[];
  total: ProgressionFigures<C>;
}

// Ratings of the case from the day the insats started to the day it ended (or the period's last
// day, whichever is first): the start rating, follow-ups, the closure rating.
const PROGRESSION = `
  WITH p AS (
    SELECT case_id, insats_id, insats_code, started_on, LEAST(coalesce(ended_on, $3::date), $3::date) AS until
      FROM stat_insats_periods
     WHERE tenant = $1 AND started_on <= $3::date AND (ended_on IS NULL OR ended_on >= $2::date)
  ), per AS (
    -- The first and last rating of each period: the smallest and largest (day, position, rating);
    -- positions are unique, so the rating never decides. (Cheaper than ordered aggregates.)
    SELECT p.insats_code, p.case_id, p.insats_id,
           (min(ARRAY[r.rated_on - DATE '2000-01-01', r.position, r.step]) FILTER (WHERE r.step IS NOT NULL))[3] AS first_step,
           (max(ARRAY[r.rated_on - DATE '2000-01-01', r.position, r.step]) FILTER (WHERE r.step IS NOT NULL))[3] AS last_step,
           count(r.step) AS step_n,
           (min(ARRAY[r.rated_on - DATE '2000-01-01', r.position, r.vas]) FILTER (WHERE r.vas IS NOT NULL))[3] AS first_vas,
           (max(ARRAY[r.rated_on - DATE '2000-01-01', r.position, r.vas]) FILTER (WHERE r.vas IS NOT NULL))[3] AS last_vas,
           count(r.vas) AS vas_n
      FROM p LEFT JOIN stat_progress r
        ON r.tenant = $1 AND r.case_id = p.case_id AND r.rated_on BETWEEN p.started_on AND p.until
     GROUP BY 1, 2, 3
  )
  SELECT insats_code,
         count(*)::int AS periods,
         count(*) FILTER (WHERE step_n >= 2)::int AS measured,
         avg(first_step) FILTER (WHERE step_n >= 2)::float8 AS first_step_mean,
         avg(last_step) FILTER (WHERE step_n >= 2)::float8 AS last_step_mean,
         avg(last_step - first_step) FILTER (WHERE step_n >= 2)::float8 AS change_mean,
         count(*) FILTER (WHERE step_n >= 2 AND last_step > first_step)::int AS improved,
         count(*) FILTER (WHERE step_n >= 2 AND last_step = first_step)::int AS unchanged,
         count(*) FILTER (WHERE step_n >= 2 AND last_step < first_step)::int AS worsened,
         count(*) FILTER (WHERE vas_n >= 2)::int AS vas_measured,
         avg(first_vas) FILTER (WHERE vas_n >= 2)::float8 AS first_vas_mean,
         avg(last_vas) FILTER (WHERE vas_n >= 2)::float8 AS last_vas_mean,
         avg(last_vas - first_vas) FILTER (WHERE vas_n >= 2)::float8 AS vas_change_mean
    FROM per
   GROUP BY GROUPING SETS ((insats_code), ())`;

interface Row {
  insats_code: string | null;
  periods: number;
  measured: number;
  first_step_mean: number | null;
  last_step_mean: number | null;
  change_mean: number | null;
  improved: number;
  unchanged: number;
  worsened: number;
  vas_measured: number;
  first_vas_mean: number | null;
  last_vas_mean: number | null;
  vas_change_mean: number | null;
}

function figures(r: Row | undefined): ProgressionFigures {
  return {
    periods: r?.periods ?? 0,
    measured: r?.measured ?? 0,
    firstStepMean: round2(r?.first_step_mean),
    lastStepMean: round2(r?.last_step_mean),
    changeMean: round2(r?.change_mean),
    improved: r?.improved ?? 0,
    unchanged: r?.unchanged ?? 0,
    worsened: r?.worsened ?? 0,
    vas: {
      measured: r?.vas_measured ?? 0,
      firstMean: round2(r?.first_vas_mean),
      lastMean: round2(r?.last_vas_mean),
      changeMean: round2(r?.vas_change_mean),
    },
  };
}

export async function progressionReport(sql: SqlQueryable, period: Period): Promise<ProgressionReport> {
  const [result, catalogue] = await Promise.all([
    sql.query<Row>(PROGRESSION, [period.tenant, period.from, period.to]),
    sql.query<{ code: string; name: string; seq: number }>(
      'SELECT code, name, seq FROM stat_insatser WHERE tenant = $1',
      [period.tenant],
    ),
  ]);
  const names = new Map(catalogue.rows.map((c) => [c.code, c]));
  const seq = (code: string) => Number(names.get(code)?.seq ?? Number.MAX_SAFE_INTEGER);
  const rows = result.rows
    .filter((r): r is Row & { insats_code: string } => r.insats_code !== null)
    .sort((a, b) => seq(a.insats_code) - seq(b.insats_code) || a.insats_code.localeCompare(b.insats_code))
    .map((r) => ({
      insatsCode: r.insats_code,
      name: names.get(r.insats_code)?.name ?? r.insats_code,
      ...figures(r),
    }));
  return {
    from: period.from,
    to: period.to,
    rows,
    total: figures(result.rows.find((r) => r.insats_code === null)),
  };
}

// The counts of one insats (or of all): the measured periods improved, were unchanged or worsened,
// and are among the periods, as are those measured by VAS.
function countFigures(t: ReportTable, f: ProgressionFigures): ProgressionFigures<Count> {
  const out = {
    ...f,
    periods: t.count(f.periods),
    measured: t.count(f.measured),
    improved: t.count(f.improved),
    unchanged: t.count(f.unchanged),
    worsened: t.count(f.worsened),
    vas: { ...f.vas, measured: t.count(f.vas.measured) },
  };
  t.sum(out.measured, [out.improved, out.unchanged, out.worsened]);
  t.atMost(out.measured, out.periods);
  t.atMost(out.vas.measured, out.periods);
  return out;
}

function withMeans<F extends ProgressionFigures<Count>>(t: ReportTable, f: F): F {
  return {
    ...f,
    // The mean change over groups the report shows can pin a "<5" group down (a mean of 0.2 over
    // five), and it is the last step mean less the first: both go with it.
    firstStepMean: t.derived(f.firstStepMean, f.measured, f.improved, f.unchanged, f.worsened),
    lastStepMean: t.derived(f.lastStepMean, f.measured, f.improved, f.unchanged, f.worsened),
    changeMean: t.derived(f.changeMean, f.improved, f.unchanged, f.worsened),
    vas: {
      measured: f.vas.measured,
      firstMean: t.derived(f.vas.firstMean, f.vas.measured),
      lastMean: t.derived(f.vas.lastMean, f.vas.measured),
      changeMean: t.derived(f.vas.changeMean, f.vas.measured),
    },
  };
}

type CountedProgression = ProgressionReport<Count>;

function countProgression(t: ReportTable, r: ProgressionReport): CountedProgression {
  const rows = r.rows.map(({ insatsCode, name, ...f }) => ({ insatsCode, name, ...countFigures(t, f) }));
  const total = countFigures(t, r.total);
  // The total is the sum of the insatser.
  for (const k of ['periods', 'measured', 'improved', 'unchanged', 'worsened'] as const)
    t.sum(
      total[k],
      rows.map((x) => x[k]),
    );
  t.sum(
    total.vas.measured,
    rows.map((x) => x.vas.measured),
  );
  return { from: r.from, to: r.to, rows, total };
}

export const progressionPresenter: Presenter<ProgressionReport, CountedProgression, CountedProgression> = {
  count: countProgression,
  finish: (t, c) => ({
    from: c.from,
    to: c.to,
    rows: c.rows.map((x) => withMeans(t, x)),
    total: withMeans(t, c.total),
  }),
};

export function presentProgression(
  r: ProgressionReport,
  small: SmallNumbers,
  compare?: ProgressionReport,
): Published<WithCompare<CountedProgression>> {
  return presentPeriods(small, progressionPresenter, r, compare);
}

export function progressionCsv(body: ProgressionReport<Cell>): object[] {
  const { from, to } = body;
  return [
    ...body.rows.map((r) => ({ from, to, ...r })),
    { from, to, insatsCode: 'TOTAL', name: 'Totalt', ...body.total },
  ];
}
