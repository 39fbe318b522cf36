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

export const caseOutcomesPresenter: Presenter<CaseOutcomesReport, CountedCaseOutcomes, CountedCaseOutcomes> =
  {
    count: countCaseOutcomes,
    finish: (_t, counted) => counted,
  };

export function presentCaseOutcomes(
  r: CaseOutcomesReport,
  small: SmallNumbers,
  compare?: CaseOutcomesReport,
): Published<WithCompare<CountedCaseOutcomes>> {
  return presentPeriods(small, caseOutcomesPresenter, r, compare);
}

export const caseOutcomesCsv = (body: object): object[] => [body];
