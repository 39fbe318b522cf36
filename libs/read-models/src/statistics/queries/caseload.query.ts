import { PARTIES, type Party } from '@app/case-domain';
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

// The caseload on the period's last day (docs/statistics.md §21): the cases open then, by
// initiating party, and the persons in each insats then.

export interface CaseloadReport<C = Split> {
  from: string;
  to: string;
  /** The day counted: the period's last. */
  on: string;
  cases: C;
  byInitiatingParty: Record<Party, C>;
  insatser: { insatsCode: string; name: string; participants: C }[];
}

// Open on $2: initiated by then, its personal data not erased by then, and no closure on or before
// it that a reopening on or before it (after that closure) undid.
const OPEN_CASES = `
  SELECT c.initiating_party, c.gender, count(*)::int AS n
    FROM stat_cases c
   WHERE c.tenant = $1 AND c.initiated_on <= $2::date AND (c.erased_on IS NULL OR c.erased_on > $2::date)
     AND NOT EXISTS (
       SELECT 1 FROM stat_closures x
        WHERE x.tenant = $1 AND x.case_id = c.case_id AND x.closed_on <= $2::date
          AND NOT EXISTS (
            SELECT 1 FROM stat_reopenings r
             WHERE r.tenant = $1 AND r.case_id = x.case_id AND r.position > x.position AND r.reopened_on <= $2::date))
   GROUP BY 1, 2`;

// §1 for the one day: persons with the insats active on it, each once per insats, with the gender of
// their most recently initiated case (as participants). The persons are found first and their cases
// looked up together: one look-up per insats period would read the torg's cases for each.
const IN_INSATS = `
  WITH p AS (
    SELECT insats_code, person_id FROM stat_insats_periods
     WHERE tenant = $1 AND started_on <= $2::date AND (ended_on IS NULL OR ended_on >= $2::date)
  ), g AS (
    SELECT DISTINCT ON (person_id) person_id, gender FROM stat_cases
     WHERE tenant = $1 AND person_id IN (SELECT person_id FROM p)
     ORDER BY person_id, initiated_on DESC, case_id
  )
  SELECT p.insats_code, g.gender, count(DISTINCT p.person_id)::int AS n
    FROM p JOIN g USING (person_id)
   GROUP BY 1, 2`;

export async function caseloadReport(sql: SqlQueryable, period: Period): Promise<CaseloadReport> {
  const args = [period.tenant, period.to];
  const [open, insatser, catalogue] = await Promise.all([
    sql.query<{ initiating_party: Party; gender: string; n: number }>(OPEN_CASES, args),
    sql.query<{ insats_code: string; gender: string; n: number }>(IN_INSATS, args),
    sql.query<{ code: string; name: string; seq: number }>(
      'SELECT code, name, seq FROM stat_insatser WHERE tenant = $1',
      [period.tenant],
    ),
  ]);
  const cases = emptySplit();
  const byInitiatingParty = Object.fromEntries(PARTIES.map((p) => [p, emptySplit()])) as Record<Party, Split>;
  for (const r of open.rows) {
    addTo(cases, r.gender, r.n);
    addTo((byInitiatingParty[r.initiating_party] ??= emptySplit()), r.gender, r.n);
  }
  const byCode = new Map<string, Split>();
  for (const r of insatser.rows) {
    let s = byCode.get(r.insats_code);
    if (!s) byCode.set(r.insats_code, (s = emptySplit()));
    addTo(s, r.gender, r.n);
  }
  const names = new Map(catalogue.rows.map((c) => [c.code, c]));
  const seq = (code: string) => Number(names.get(code)?.seq ?? Number.MAX_SAFE_INTEGER);
  return {
    from: period.from,
    to: period.to,
    on: period.to,
    cases,
    byInitiatingParty,
    insatser: [...byCode.keys()]
      .sort((a, b) => seq(a) - seq(b) || a.localeCompare(b))
      .map((code) => ({
        insatsCode: code,
        name: names.get(code)?.name ?? code,
        participants: byCode.get(code)!,
      })),
  };
}

type CountedCaseload = CaseloadReport<CountSplit>;

function countCaseload(t: ReportTable, r: CaseloadReport): CountedCaseload {
  const cases = t.split(r.cases);
  const byInitiatingParty = Object.fromEntries(
    Object.entries<Split>(r.byInitiatingParty).map(([p, s]) => [p, t.split(s)]),
  ) as Record<Party, CountSplit>;
  // Every open case has one initiating party.
  t.sumSplits(cases, Object.values<CountSplit>(byInitiatingParty));
  const insatser = r.insatser.map((x) => ({ ...x, participants: t.split(x.participants) }));
  return { ...r, cases, byInitiatingParty, insatser };
}

export const caseloadPresenter: Presenter<CaseloadReport, CountedCaseload, CountedCaseload> = {
  count: countCaseload,
  finish: (_t, counted) => counted,
  // The caseload is that of the last day: two periods ending on the same day give the same answer.
  same: (a, b) => a.to === b.to,
};

export function presentCaseload(
  r: CaseloadReport,
  small: SmallNumbers,
  compare?: CaseloadReport,
): Published<WithCompare<CountedCaseload>> {
  return presentPeriods(small, caseloadPresenter, r, compare);
}

/** One CSV line for the cases (insatsCode ALL, with the parties), then one per insats. */
export function caseloadCsv(body: CaseloadReport<MaskedSplit>): object[] {
  const { from, to, on } = body;
  return [
    { from, to, on, insatsCode: 'CASES', cases: body.cases, byInitiatingParty: body.byInitiatingParty },
    ...body.insatser.map((x) => ({
      from,
      to,
      on,
      insatsCode: x.insatsCode,
      name: x.name,
      participants: x.participants,
    })),
  ];
}
