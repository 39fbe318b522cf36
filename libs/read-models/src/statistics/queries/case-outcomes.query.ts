import { OUTCOMES, OUTCOME_CLASS, type Outcome } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import { type Presenter, type WithCompare, presentPeriods } from '../compare';
import type { Period } from '../period';
import {
  type CountSplit,
  type Published,
  type ReportTable,
  type SmallNumbers,
  type Split,
  addTo,
  emptySplit,
  share,
} from '../small-numbers';
import { ARBETE_ELLER_STUDIER, OUTCOME_KEYS, type OutcomeKey } from './participants.query';

// Case outcomes: closures of cases in the period (docs/statistics.md §6).

export interface CaseOutcomesReport<C = Split> {
  from: string;
  to: string;
  closed: C;
  outcomes: Record<OutcomeKey, C>;
}

// A case counts once per period, with the outcome of its last closure in the period; a reopened
// case closed again in a later period counts there too.
const CLOSURES = `
  SELECT gender, outcome, count(*)::int AS n
    FROM (SELECT DISTINCT ON (case_id) gender, outcome
            FROM stat_closures
           WHERE tenant = $1 AND closed_on BETWEEN $2::date AND $3::date
           ORDER BY case_id, closed_on DESC, position DESC) last_closure
   GROUP BY 1, 2`;

export async function caseOutcomesReport(sql: SqlQueryable, period: Period): Promise<CaseOutcomesReport> {
  const { rows } = await sql.query<{ gender: string; outcome: Outcome; n: number }>(CLOSURES, [
    period.tenant,
    period.from,
    period.to,
  ]);
  const outcomes = Object.fromEntries(OUTCOME_KEYS.map((k) => [k, emptySplit()])) as Record<
    OutcomeKey,
    Split
  >;
  const closed = emptySplit();
  for (const r of rows) {
    addTo(closed, r.gender, r.n);
    addTo(outcomes[r.outcome], r.gender, r.n);
    if (OUTCOME_CLASS[r.outcome] === 'arbete/studier') addTo(outcomes[ARBETE_ELLER_STUDIER], r.gender, r.n);
  }
  return { from: period.from, to: period.to, closed, outcomes };
}

type CountedCaseOutcomes = CaseOutcomesReport<CountSplit>;

function countCaseOutcomes(t: ReportTable, r: CaseOutcomesReport): CountedCaseOutcomes {
  const closed = t.split(r.closed);
  const outcomes = Object.fromEntries(OUTCOME_KEYS.map((k) => [k, t.split(r.outcomes[k])])) as Record<
    OutcomeKey,
    CountSplit
  >;
  // Every closure has one outcome; arbete eller studier is the sum of its codes.
  t.sumSplits(
    closed,
    OUTCOMES.map((o) => outcomes[o]),
  );
  t.sumSplits(
    outcomes[ARBETE_ELLER_STUDIER],
    OUTCOMES.filter((o) => OUTCOME_CLASS[o] === 'arbete/studier').map((o) => outcomes[o]),
  );
  return { from: r.from, to: r.to, closed, outcomes };
}

/** The answer: the counts, and each outcome's share of the closed cases (§6). */
export type CaseOutcomesAnswer<C = CountSplit> = CaseOutcomesReport<C> & {
  shares: Record<OutcomeKey, number | null>;
};

export const caseOutcomesPresenter: Presenter<CaseOutcomesReport, CountedCaseOutcomes, CaseOutcomesAnswer> = {
  count: countCaseOutcomes,
  // outcome / closed, from the counts before masking; withheld (§14) when the outcome or the rest of
  // the closed is 1–4, or either count is not shown.
  finish: (t, c) => ({
    ...c,
    shares: Object.fromEntries(
      OUTCOME_KEYS.map((k) => {
        const part = c.outcomes[k].total;
        const whole = c.closed.total;
        return [k, t.derived(share(part.value, whole.value), part, whole, whole.value - part.value)];
      }),
    ) as Record<OutcomeKey, number | null>,
  }),
};

export function presentCaseOutcomes(
  r: CaseOutcomesReport,
  small: SmallNumbers,
  compare?: CaseOutcomesReport,
): Published<WithCompare<CaseOutcomesAnswer>> {
  return presentPeriods(small, caseOutcomesPresenter, r, compare);
}

export const caseOutcomesCsv = (body: object): object[] => [body];
