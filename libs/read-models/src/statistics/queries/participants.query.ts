import { OUTCOMES, OUTCOME_CLASS, type Outcome } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import type { Period } from '../period';
import {
  type Cell,
  type Count,
  type CountSplit,
  type MaskedSplit,
  type ReportTable,
  type SmallNumbers,
  type Split,
  addTo,
  emptySplit,
  sumSplits,
} from '../small-numbers';

// Deltagare, varav nya, avslutade, utfall and volyminsatser per insats (docs/statistics.md §1–§4).

export const ARBETE_ELLER_STUDIER = 'ARBETE_ELLER_STUDIER';
export type OutcomeKey = Outcome | typeof ARBETE_ELLER_STUDIER;
export const OUTCOME_KEYS: readonly OutcomeKey[] = [...OUTCOMES, ARBETE_ELLER_STUDIER];

export interface ParticipantFigures<C = Split, N = number> {
  participants: C;
  new: C;
  ended: C;
  volume: N;
  outcomes: Record<OutcomeKey, C>;
}

export interface ParticipantsRow<C = Split, N = number> extends ParticipantFigures<C, N> {
  insatsCode: string;
  name: string;
}

export interface ParticipantsReport<C = Split, N = number> {
  from: string;
  to: string;
  rows: ParticipantsRow<C, N>[];
  total: ParticipantFigures<C, N>;
  unique: { participants: C };
}

// Per insats and person: active on a day of the period; new when a period of it started in the
// period; ended when one ended in the period with an outcome, with the reason of the last such end
// (a period cut off by the erasure of the case's personal data ends without one: active up to the
// erasure, not avslutad). Each person has one gender: the one recorded on their most recently
// initiated case.
const PERSONS = `
  WITH p AS (
    SELECT insats_code, person_id, started_on, ended_on, end_reason
      FROM stat_insats_periods
     WHERE tenant = $1 AND started_on <= $3::date AND (ended_on IS NULL OR ended_on >= $2::date)
  ), g AS (
    SELECT DISTINCT ON (person_id) person_id, gender
      FROM stat_cases
     WHERE tenant = $1 AND person_id IN (SELECT person_id FROM p)
     ORDER BY person_id, initiated_on DESC, case_id
  ), ip AS (
    SELECT insats_code, person_id,
           bool_or(started_on >= $2::date) AS is_new,
           (array_agg(end_reason ORDER BY ended_on DESC, started_on DESC) FILTER (WHERE ended_on <= $3::date AND end_reason IS NOT NULL))[1] AS end_reason
      FROM p
     GROUP BY insats_code, person_id
  )
  SELECT ip.insats_code, g.gender, ip.is_new, ip.end_reason, count(*)::int AS n
    FROM ip JOIN g USING (person_id)
   GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT NULL, g.gender, NULL, NULL, count(DISTINCT ip.person_id)::int
    FROM ip JOIN g USING (person_id)
   GROUP BY g.gender`;

const VOLUME = `
  SELECT insats_code, count(*)::int AS n FROM stat_consultations
   WHERE tenant = $1 AND held_on BETWEEN $2::date AND $3::date
   GROUP BY insats_code`;

const CATALOGUE = 'SELECT code, name, seq FROM stat_insatser WHERE tenant = $1';

function emptyFigures(): ParticipantFigures {
  return {
    participants: emptySplit(),
    new: emptySplit(),
    ended: emptySplit(),
    volume: 0,
    outcomes: Object.fromEntries(OUTCOME_KEYS.map((k) => [k, emptySplit()])) as Record<OutcomeKey, Split>,
  };
}

export async function participantsReport(sql: SqlQueryable, period: Period): Promise<ParticipantsReport> {
  const args = [period.tenant, period.from, period.to];
  const [persons, volume, catalogue] = await Promise.all([
    sql.query<{
      insats_code: string | null;
      gender: string;
      is_new: boolean | null;
      end_reason: Outcome | null;
      n: number;
    }>(PERSONS, args),
    sql.query<{ insats_code: string; n: number }>(VOLUME, args),
    sql.query<{ code: string; name: string; seq: number }>(CATALOGUE, [period.tenant]),
  ]);
  const byCode = new Map<string, ParticipantFigures>();
  const figures = (code: string) => {
    let f = byCode.get(code);
    if (!f) byCode.set(code, (f = emptyFigures()));
    return f;
  };
  const unique = emptySplit();
  for (const r of persons.rows) {
    if (r.insats_code === null) {
      addTo(unique, r.gender, r.n);
      continue;
    }
    const f = figures(r.insats_code);
    addTo(f.participants, r.gender, r.n);
    if (r.is_new) addTo(f.new, r.gender, r.n);
    if (r.end_reason) {
      addTo(f.ended, r.gender, r.n);
      addTo(f.outcomes[r.end_reason], r.gender, r.n);
      if (OUTCOME_CLASS[r.end_reason] === 'arbete/studier')
        addTo(f.outcomes[ARBETE_ELLER_STUDIER], r.gender, r.n);
    }
  }
  for (const r of volume.rows) figures(r.insats_code).volume = r.n;

  // Catalogue order, then codes the catalogue does not know (kept, never dropped).
  const names = new Map(catalogue.rows.map((c) => [c.code, c]));
  const codes = [...byCode.keys()].sort((a, b) => {
    const sa = names.get(a)?.seq ?? Number.MAX_SAFE_INTEGER;
    const sb = names.get(b)?.seq ?? Number.MAX_SAFE_INTEGER;
    return sa !== sb ? Number(sa) - Number(sb) : a.localeCompare(b);
  });
  const rows = codes.map((code) => ({
    insatsCode: code,
    name: names.get(code)?.name ?? code,
    ...byCode.get(code)!,
  }));
  const total: ParticipantFigures = {
    participants: sumSplits(rows.map((r) => r.participants)),
    new: sumSplits(rows.map((r) => r.new)),
    ended: sumSplits(rows.map((r) => r.ended)),
    volume: rows.reduce((n, r) => n + r.volume, 0),
    outcomes: Object.fromEntries(
      OUTCOME_KEYS.map((k) => [k, sumSplits(rows.map((r) => r.outcomes[k]))]),
    ) as Record<OutcomeKey, Split>,
  };
  return { from: period.from, to: period.to, rows, total, unique: { participants: unique } };
}

// Every count of one row (or of the total row) and how they hang together: avslutade is the sum of
// the outcome columns, arbete eller studier the sum of its codes, and the new and the ended are
// participants.
function countFigures(t: ReportTable, f: ParticipantFigures): ParticipantFigures<CountSplit, Count> {
  const outcomes = Object.fromEntries(OUTCOME_KEYS.map((k) => [k, t.split(f.outcomes[k])])) as Record<
    OutcomeKey,
    CountSplit
  >;
  const out = {
    participants: t.split(f.participants),
    new: t.split(f.new),
    ended: t.split(f.ended),
    volume: t.count(f.volume),
    outcomes,
  };
  t.sumSplits(
    out.ended,
    OUTCOMES.map((o) => outcomes[o]),
  );
  t.sumSplits(
    outcomes[ARBETE_ELLER_STUDIER],
    OUTCOMES.filter((o) => OUTCOME_CLASS[o] === 'arbete/studier').map((o) => outcomes[o]),
  );
  t.atMostSplit(out.new, out.participants);
  t.atMostSplit(out.ended, out.participants);
  return out;
}

export function presentParticipants(
  report: ParticipantsReport,
  small: SmallNumbers,
): ParticipantsReport<MaskedSplit, Cell> {
  const t = small.table();
  const rows = report.rows.map((r) => ({ insatsCode: r.insatsCode, name: r.name, ...countFigures(t, r) }));
  const total = countFigures(t, report.total);
  // The total row is the row sum, cell by cell.
  for (const key of ['participants', 'new', 'ended'] as const)
    t.sumSplits(
      total[key],
      rows.map((r) => r[key]),
    );
  for (const k of OUTCOME_KEYS)
    t.sumSplits(
      total.outcomes[k],
      rows.map((r) => r.outcomes[k]),
    );
  t.sum(
    total.volume,
    rows.map((r) => r.volume),
  );
  // Each person once: at least as many as in any one insats, at most the row sum.
  const unique = t.split(report.unique.participants);
  for (const r of rows) t.atMostSplit(r.participants, unique);
  t.atMostSplit(unique, total.participants);
  return t.publish({ from: report.from, to: report.to, rows, total, unique: { participants: unique } });
}

/** One CSV line per insats, then the row sum (TOTAL) and the unique persons (UNIQUE). */
export function participantsCsv(body: ParticipantsReport<MaskedSplit, Cell>): object[] {
  return [
    ...body.rows.map((r) => ({ from: body.from, to: body.to, ...r })),
    { from: body.from, to: body.to, insatsCode: 'TOTAL', name: 'Totalt (radsumma)', ...body.total },
    {
      from: body.from,
      to: body.to,
      insatsCode: 'UNIQUE',
      name: 'Unika personer',
      participants: body.unique.participants,
    },
  ];
}
