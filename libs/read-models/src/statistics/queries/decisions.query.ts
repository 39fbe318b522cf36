import { DECISIONS, type Decision } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import { type Presenter, type WithCompare, presentPeriods } from '../compare';
import type { Period } from '../period';
import {
  type CountSplit,
  type MaskedSplit,
  type Published,
  type ReportTable,
  type SmallNumbers,
  type Split,
  addTo,
  emptySplit,
} from '../small-numbers';

// Beredning decisions by kind (docs/statistics.md §20).

export interface DecisionsReport<C = Split> {
  from: string;
  to: string;
  /** Cases with at least one decision in the period: taken up in the beredning. */
  cases: C;
  /** Decisions recorded with a decision date in the period, every kind. */
  decisions: C;
  byKind: Record<Decision, C>;
}

// Each decision once; its case's person's gender. The cases: each once, whatever its decisions.
const DECISIONS_SQL = `
  SELECT decision, gender, count(*)::int AS n, count(DISTINCT case_id)::int AS cases
    FROM stat_decisions
   WHERE tenant = $1 AND decided_on BETWEEN $2::date AND $3::date
   GROUP BY GROUPING SETS ((decision, gender), (gender))`;

export async function decisionsReport(sql: SqlQueryable, period: Period): Promise<DecisionsReport> {
  const { rows } = await sql.query<{ decision: Decision | null; gender: string; n: number; cases: number }>(
    DECISIONS_SQL,
    [period.tenant, period.from, period.to],
  );
  const report: DecisionsReport = {
    from: period.from,
    to: period.to,
    cases: emptySplit(),
    decisions: emptySplit(),
    byKind: Object.fromEntries(DECISIONS.map((d) => [d, emptySplit()])) as Record<Decision, Split>,
  };
  for (const r of rows) {
    if (r.decision === null) {
      addTo(report.cases, r.gender, r.cases);
      addTo(report.decisions, r.gender, r.n);
    } else addTo(report.byKind[r.decision], r.gender, r.n);
  }
  return report;
}

type CountedDecisions = DecisionsReport<CountSplit>;

function countDecisions(t: ReportTable, r: DecisionsReport): CountedDecisions {
  const cases = t.split(r.cases);
  const decisions = t.split(r.decisions);
  const byKind = Object.fromEntries(DECISIONS.map((d) => [d, t.split(r.byKind[d])])) as Record<
    Decision,
    CountSplit
  >;
  // Every decision has one kind; a case taken up had one decision or more.
  t.sumSplits(
    decisions,
    DECISIONS.map((d) => byKind[d]),
  );
  t.atMostSplit(cases, decisions);
  for (const d of DECISIONS) t.atMostSplit(byKind[d], decisions);
  return { from: r.from, to: r.to, cases, decisions, byKind };
}

export const decisionsPresenter: Presenter<DecisionsReport, CountedDecisions, CountedDecisions> = {
  count: countDecisions,
  finish: (_t, counted) => counted,
};

export function presentDecisions(
  r: DecisionsReport,
  small: SmallNumbers,
  compare?: DecisionsReport,
): Published<WithCompare<CountedDecisions>> {
  return presentPeriods(small, decisionsPresenter, r, compare);
}

export const decisionsCsv = (body: DecisionsReport<MaskedSplit>): object[] => [body];
