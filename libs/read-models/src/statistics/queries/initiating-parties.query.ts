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

// Cases by initiating party and unit (docs/statistics.md §11).

export interface InitiatingPartiesReport<C = Split> {
  from: string;
  to: string;
  /** One row per party and unit; unit null: initiated without a unit. */
  rows: { party: Party; unit: string | null; cases: C }[];
  parties: { party: Party; cases: C }[];
  total: C;
}

const CASES = `
  SELECT initiating_party, initiating_unit, gender, count(*)::int AS n
    FROM stat_cases
   WHERE tenant = $1 AND initiated_on BETWEEN $2::date AND $3::date
   GROUP BY 1, 2, 3`;

export async function initiatingPartiesReport(
  sql: SqlQueryable,
  period: Period,
): Promise<InitiatingPartiesReport> {
  const { rows } = await sql.query<{
    initiating_party: Party;
    initiating_unit: string | null;
    gender: string;
    n: number;
  }>(CASES, [period.tenant, period.from, period.to]);
  const units = new Map<string, { party: Party; unit: string | null; cases: Split }>();
  const parties = new Map<Party, Split>(PARTIES.map((p) => [p, emptySplit()]));
  const total = emptySplit();
  for (const r of rows) {
    const key = `${r.initiating_party}\u0000${r.initiating_unit ?? ''}`;
    let row = units.get(key);
    if (!row)
      units.set(key, (row = { party: r.initiating_party, unit: r.initiating_unit, cases: emptySplit() }));
    addTo(row.cases, r.gender, r.n);
    addTo(parties.get(r.initiating_party) ?? emptySplit(), r.gender, r.n);
    addTo(total, r.gender, r.n);
  }
  const order = (p: Party) => PARTIES.indexOf(p);
  return {
    from: period.from,
    to: period.to,
    rows: [...units.values()].sort(
      (a, b) => order(a.party) - order(b.party) || (a.unit ?? '').localeCompare(b.unit ?? ''),
    ),
    parties: [...parties.entries()].map(([party, cases]) => ({ party, cases })),
    total,
  };
}

type CountedInitiatingParties = InitiatingPartiesReport<CountSplit>;

function countInitiatingParties(t: ReportTable, r: InitiatingPartiesReport): CountedInitiatingParties {
  const rows = r.rows.map((x) => ({ ...x, cases: t.split(x.cases) }));
  const parties = r.parties.map((x) => ({ ...x, cases: t.split(x.cases) }));
  const total = t.split(r.total);
  // A party is the sum of its units; the total, of the parties.
  for (const p of parties)
    t.sumSplits(
      p.cases,
      rows.filter((x) => x.party === p.party).map((x) => x.cases),
    );
  t.sumSplits(
    total,
    parties.map((p) => p.cases),
  );
  return { from: r.from, to: r.to, rows, parties, total };
}

export const initiatingPartiesPresenter: Presenter<
  InitiatingPartiesReport,
  CountedInitiatingParties,
  CountedInitiatingParties
> = { count: countInitiatingParties, finish: (_t, counted) => counted };

export function presentInitiatingParties(
  r: InitiatingPartiesReport,
  small: SmallNumbers,
  compare?: InitiatingPartiesReport,
): Published<WithCompare<CountedInitiatingParties>> {
  return presentPeriods(small, initiatingPartiesPresenter, r, compare);
}

/** One CSV line per party and unit, one per party (unit ALL), then the total. */
export function initiatingPartiesCsv(body: InitiatingPartiesReport<MaskedSplit>): object[] {
  const { from, to } = body;
  return [
    ...body.rows.map((r) => ({ from, to, party: r.party, unit: r.unit ?? '', cases: r.cases })),
    ...body.parties.map((p) => ({ from, to, party: p.party, unit: 'ALL', cases: p.cases })),
    { from, to, party: 'ALL', unit: 'ALL', cases: body.total },
  ];
}
