import {
  AGE_BANDS,
  INCOME_SOURCES,
  OUTCOMES,
  OUTCOME_CLASS,
  type Outcome,
  PARTIES,
  TARGET_GROUPS,
} from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import { type Presenter, type WithCompare, presentPeriods } from '../compare';
import type { Period } from '../period';
import {
  type Cell,
  type Count,
  type CountSplit,
  type MaskedSplit,
  type Published,
  type ReportTable,
  type SmallNumbers,
  type Split,
  addTo,
  emptySplit,
  share,
  sumSplits,
} from '../small-numbers';

// Deltagare, varav nya, avslutade, utfall and volyminsatser per insats (docs/statistics.md §1–§4).

export const ARBETE_ELLER_STUDIER = 'ARBETE_ELLER_STUDIER';
export type OutcomeKey = Outcome | typeof ARBETE_ELLER_STUDIER;
export const OUTCOME_KEYS: readonly OutcomeKey[] = [...OUTCOMES, ARBETE_ELLER_STUDIER];

/** The breakdowns of `?groupBy=` (docs/statistics.md §16). */
export const GROUP_BYS = [
  'ageBand',
  'targetGroup',
  'incomeSource',
  'initiatingParty',
  'providerParty',
] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
/** The age band of a person under 16 at initiation (DOMAIN.md §6 has no band for them). */
export const UNDER_16 = 'UNDER_16';
/** The target-group breakdown's group of the persons with no target group recorded. */
export const NO_TARGET_GROUP = 'NONE';

/** Every group of a breakdown, in the order the answer lists them (all of them, zeros too). */
export function groupCodes(by: GroupBy): readonly string[] {
  switch (by) {
    case 'ageBand':
      return [UNDER_16, ...AGE_BANDS];
    case 'targetGroup':
      return [...TARGET_GROUPS, NO_TARGET_GROUP];
    case 'incomeSource':
      return INCOME_SOURCES;
    case 'initiatingParty':
    case 'providerParty':
      return PARTIES;
    default: {
      const never: never = by;
      return never;
    }
  }
}

/**
 * Whether every participation (a row's cells) or every person (unique) is in exactly one group, so
 * the groups add up to the row. Target groups are tags (a person counts in each of theirs), and a
 * person counts once under each party that provided one of their insatser.
 */
export function groupsPartition(by: GroupBy, of: 'row' | 'unique'): boolean {
  return by !== 'targetGroup' && !(by === 'providerParty' && of === 'unique');
}

/** The figures of one group of a row: a row's figures without the volume (it has no person). */
export interface GroupFigures<C = Split> {
  participants: C;
  new: C;
  ended: C;
  outcomes: Record<OutcomeKey, C>;
}

export interface ParticipantFigures<C = Split, N = number> {
  participants: C;
  new: C;
  ended: C;
  volume: N;
  outcomes: Record<OutcomeKey, C>;
  /** With ?groupBy=: the same figures per group (§16). */
  groups?: Record<string, GroupFigures<C>>;
}

export interface ParticipantsRow<C = Split, N = number> extends ParticipantFigures<C, N> {
  insatsCode: string;
  name: string;
}

export interface ParticipantsReport<C = Split, N = number> {
  from: string;
  to: string;
  /** With ?groupBy=: the breakdown. */
  groupBy?: GroupBy;
  rows: ParticipantsRow<C, N>[];
  total: ParticipantFigures<C, N>;
  unique: { participants: C; groups?: Record<string, { participants: C }> };
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

// The same per insats and person, with the group(s) of the breakdown: a person's age band at
// initiation, target groups, income source at entry and initiating party are those of their most
// recently initiated case (as their gender); the providing party is that of their last started
// period of the insats in the period. Unique persons are counted once per group.
const GROUP_KEY: Record<GroupBy, string> = {
  ageBand: `SELECT coalesce(g.age_band, '${UNDER_16}')`,
  targetGroup: `SELECT unnest(coalesce(string_to_array(nullif(g.target_groups, ''), ','), ARRAY['${NO_TARGET_GROUP}']))`,
  incomeSource: 'SELECT g.income_source',
  initiatingParty: 'SELECT g.initiating_party',
  providerParty: 'SELECT ip.party',
};

const groupedPersons = (by: GroupBy) => `
  WITH p AS (
    SELECT insats_code, person_id, party, started_on, ended_on, end_reason
      FROM stat_insats_periods
     WHERE tenant = $1 AND started_on <= $3::date AND (ended_on IS NULL OR ended_on >= $2::date)
  ), g AS (
    SELECT DISTINCT ON (person_id) person_id, gender, age_band, income_source, initiating_party, target_groups
      FROM stat_cases
     WHERE tenant = $1 AND person_id IN (SELECT person_id FROM p)
     ORDER BY person_id, initiated_on DESC, case_id
  ), ip AS (
    SELECT insats_code, person_id,
           bool_or(started_on >= $2::date) AS is_new,
           (array_agg(end_reason ORDER BY ended_on DESC, started_on DESC) FILTER (WHERE ended_on <= $3::date AND end_reason IS NOT NULL))[1] AS end_reason,
           (array_agg(party ORDER BY started_on DESC, ended_on DESC NULLS FIRST))[1] AS party
      FROM p
     GROUP BY insats_code, person_id
  ), k AS (
    SELECT ip.insats_code, ip.person_id, ip.is_new, ip.end_reason, g.gender, key.key
      FROM ip JOIN g USING (person_id)
     CROSS JOIN LATERAL (${GROUP_KEY[by]}) AS key(key)
  )
  SELECT insats_code, gender, is_new, end_reason, key, count(*)::int AS n
    FROM k
   GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT NULL, gender, NULL, NULL, key, count(DISTINCT person_id)::int
    FROM k
   GROUP BY gender, key`;

const VOLUME = `
  SELECT insats_code, count(*)::int AS n FROM stat_consultations
   WHERE tenant = $1 AND held_on BETWEEN $2::date AND $3::date
   GROUP BY insats_code`;

const CATALOGUE = 'SELECT code, name, seq FROM stat_insatser WHERE tenant = $1';

const emptyOutcomes = () =>
  Object.fromEntries(OUTCOME_KEYS.map((k) => [k, emptySplit()])) as Record<OutcomeKey, Split>;

function emptyFigures(): ParticipantFigures {
  return {
    participants: emptySplit(),
    new: emptySplit(),
    ended: emptySplit(),
    volume: 0,
    outcomes: emptyOutcomes(),
  };
}

function emptyGroup(): GroupFigures {
  return { participants: emptySplit(), new: emptySplit(), ended: emptySplit(), outcomes: emptyOutcomes() };
}

/** Counts a participation of `gender` (n of them) in figures: participant, new, ended with its outcome. */
function addParticipation(
  f: GroupFigures,
  r: { gender: string; is_new: boolean | null; end_reason: Outcome | null; n: number },
): void {
  addTo(f.participants, r.gender, r.n);
  if (r.is_new) addTo(f.new, r.gender, r.n);
  if (r.end_reason) {
    addTo(f.ended, r.gender, r.n);
    addTo(f.outcomes[r.end_reason], r.gender, r.n);
    if (OUTCOME_CLASS[r.end_reason] === 'arbete/studier')
      addTo(f.outcomes[ARBETE_ELLER_STUDIER], r.gender, r.n);
  }
}

/** Every group of the breakdown, empty, then any code the data holds that the list does not (never dropped). */
function groupsOf<T>(by: GroupBy, keys: Iterable<string>, empty: () => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const code of groupCodes(by)) out[code] = empty();
  for (const key of keys) out[key] ??= empty();
  return out;
}

const sumGroup = (groups: GroupFigures[]): GroupFigures => ({
  participants: sumSplits(groups.map((g) => g.participants)),
  new: sumSplits(groups.map((g) => g.new)),
  ended: sumSplits(groups.map((g) => g.ended)),
  outcomes: Object.fromEntries(
    OUTCOME_KEYS.map((k) => [k, sumSplits(groups.map((g) => g.outcomes[k]))]),
  ) as Record<OutcomeKey, Split>,
});

export async function participantsReport(
  sql: SqlQueryable,
  period: Period,
  groupBy?: GroupBy,
): Promise<ParticipantsReport> {
  const args = [period.tenant, period.from, period.to];
  const [persons, volume, catalogue, grouped] = await Promise.all([
    sql.query<{
      insats_code: string | null;
      gender: string;
      is_new: boolean | null;
      end_reason: Outcome | null;
      n: number;
    }>(PERSONS, args),
    sql.query<{ insats_code: string; n: number }>(VOLUME, args),
    sql.query<{ code: string; name: string; seq: number }>(CATALOGUE, [period.tenant]),
    groupBy
      ? sql.query<{
          insats_code: string | null;
          gender: string;
          is_new: boolean | null;
          end_reason: Outcome | null;
          key: string;
          n: number;
        }>(groupedPersons(groupBy), args)
      : undefined,
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
    addParticipation(figures(r.insats_code), r);
  }
  for (const r of volume.rows) figures(r.insats_code).volume = r.n;
  let uniqueGroups: Record<string, { participants: Split }> | undefined;
  if (groupBy && grouped) {
    const keys = new Set(grouped.rows.map((r) => r.key));
    uniqueGroups = groupsOf(groupBy, keys, () => ({ participants: emptySplit() }));
    for (const r of grouped.rows) {
      if (r.insats_code === null) addTo(uniqueGroups[r.key].participants, r.gender, r.n);
      else
        addParticipation((figures(r.insats_code).groups ??= groupsOf(groupBy, keys, emptyGroup))[r.key], r);
    }
    // A row with volume only has every group, empty.
    for (const f of byCode.values()) f.groups ??= groupsOf(groupBy, keys, emptyGroup);
  }

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
    ...sumGroup(rows),
    volume: rows.reduce((n, r) => n + r.volume, 0),
  };
  if (uniqueGroups) {
    total.groups = Object.fromEntries(
      Object.keys(uniqueGroups).map((key) => [key, sumGroup(rows.map((r) => r.groups![key]))]),
    );
  }
  return {
    from: period.from,
    to: period.to,
    ...(groupBy ? { groupBy } : {}),
    rows,
    total,
    unique: { participants: unique, ...(uniqueGroups ? { groups: uniqueGroups } : {}) },
  };
}

// Every count of one row, of the total row or of a group, and how they hang together: avslutade is
// the sum of the outcome columns, arbete eller studier the sum of its codes, and the new and the
// ended are participants.
function countGroup(t: ReportTable, f: GroupFigures): GroupFigures<CountSplit> {
  const outcomes = Object.fromEntries(OUTCOME_KEYS.map((k) => [k, t.split(f.outcomes[k])])) as Record<
    OutcomeKey,
    CountSplit
  >;
  const out = {
    participants: t.split(f.participants),
    new: t.split(f.new),
    ended: t.split(f.ended),
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

/** Every split of a row's (or a group's) figures, with the same path in each: participants, new, ended, outcomes. */
function splitsOf<C>(f: GroupFigures<C>): C[] {
  return [f.participants, f.new, f.ended, ...OUTCOME_KEYS.map((k) => f.outcomes[k])];
}

/**
 * How the groups of a breakdown hang together with what they break down (docs/statistics.md §16):
 * a partition adds up to it, cell by cell. Tags (a person in each of their target groups) do not:
 * each group is at most the whole, and the groups together at least the whole. That last relation
 * the small-numbers rule cannot state, so it is given a stronger one: the groups' sum as a count of
 * the report, never published, which the rule takes a reader to know when it is not withheld (a
 * reader assumed to know more than they can only makes the rule withhold more).
 */
function linkGroups(t: ReportTable, whole: CountSplit[], groups: CountSplit[][], partition: boolean): void {
  whole.forEach((w, i) => {
    const parts = groups.map((g) => g[i]);
    if (partition) {
      t.sumSplits(w, parts);
      return;
    }
    for (const p of parts) t.atMostSplit(p, w);
    const sum = t.split(sumSplits(parts.map(valuesOf)));
    t.sumSplits(sum, parts);
    t.atMostSplit(w, sum);
  });
}

const valuesOf = (s: CountSplit): Split => ({
  total: s.total.value,
  kvinna: s.kvinna.value,
  man: s.man.value,
  annat: s.annat.value,
});

function countFigures(
  t: ReportTable,
  f: ParticipantFigures,
  groupBy: GroupBy | undefined,
): ParticipantFigures<CountSplit, Count> {
  const out: ParticipantFigures<CountSplit, Count> = { ...countGroup(t, f), volume: t.count(f.volume) };
  if (groupBy && f.groups) {
    const groups = Object.fromEntries(Object.entries(f.groups).map(([k, g]) => [k, countGroup(t, g)]));
    linkGroups(t, splitsOf(out), Object.values(groups).map(splitsOf), groupsPartition(groupBy, 'row'));
    out.groups = groups;
  }
  return out;
}

type CountedParticipants = ParticipantsReport<CountSplit, Count>;

function countParticipants(t: ReportTable, report: ParticipantsReport): CountedParticipants {
  const by = report.groupBy;
  const rows = report.rows.map((r) => ({
    insatsCode: r.insatsCode,
    name: r.name,
    ...countFigures(t, r, by),
  }));
  const total = countFigures(t, report.total, by);
  // The total row is the row sum, cell by cell, in every group too.
  const sumRows = (whole: GroupFigures<CountSplit>, parts: GroupFigures<CountSplit>[]) =>
    splitsOf(whole).forEach((w, i) =>
      t.sumSplits(
        w,
        parts.map((p) => splitsOf(p)[i]),
      ),
    );
  sumRows(total, rows);
  for (const key of Object.keys(total.groups ?? {}))
    sumRows(
      total.groups![key],
      rows.map((r) => r.groups![key]),
    );
  t.sum(
    total.volume,
    rows.map((r) => r.volume),
  );
  // Each person once: at least as many as in any one insats, at most the row sum; the same per group.
  const unique: CountedParticipants['unique'] = { participants: t.split(report.unique.participants) };
  for (const r of rows) t.atMostSplit(r.participants, unique.participants);
  t.atMostSplit(unique.participants, total.participants);
  if (by && report.unique.groups) {
    const groups = Object.fromEntries(
      Object.entries(report.unique.groups).map(([k, g]) => [k, { participants: t.split(g.participants) }]),
    );
    linkGroups(
      t,
      [unique.participants],
      Object.values(groups).map((g) => [g.participants]),
      groupsPartition(by, 'unique'),
    );
    for (const [key, g] of Object.entries(groups)) {
      for (const r of rows) t.atMostSplit(r.groups![key].participants, g.participants);
      t.atMostSplit(g.participants, total.groups![key].participants);
    }
    unique.groups = groups;
  }
  return { ...report, rows, total, unique };
}

export const participantsPresenter: Presenter<ParticipantsReport, CountedParticipants, CountedParticipants> =
  {
    count: countParticipants,
    finish: (_t, counted) => counted,
  };

export function presentParticipants(
  report: ParticipantsReport,
  small: SmallNumbers,
  compare?: ParticipantsReport,
): Published<WithCompare<CountedParticipants>> {
  return presentPeriods(small, participantsPresenter, report, compare);
}

/** A row of the participants report (§22): its figures and arbete eller studier's share of its avslutade. */
export type ReportFigures<F> = F & { workOrStudiesShare: number | null };
export type CountedParticipantsReport = Omit<CountedParticipants, 'rows' | 'total'> & {
  rows: ReportFigures<CountedParticipants['rows'][number]>[];
  total: ReportFigures<CountedParticipants['total']>;
};

/** Arbete eller studier's share of the avslutade (§3, §22), withheld for a manager per §14. */
function workOrStudiesShare(t: ReportTable, figures: ParticipantFigures<CountSplit, Count>): number | null {
  const part = figures.outcomes[ARBETE_ELLER_STUDIER].total;
  const whole = figures.ended.total;
  return t.derived(share(part.value, whole.value), part, whole, whole.value - part.value);
}

/** The participants answer with the shares the förbund's report shows (docs/statistics.md §22). */
export const participantsReportPresenter: Presenter<
  ParticipantsReport,
  CountedParticipants,
  CountedParticipantsReport
> = {
  count: countParticipants,
  finish: (t, counted) => ({
    ...counted,
    rows: counted.rows.map((r) => ({ ...r, workOrStudiesShare: workOrStudiesShare(t, r) })),
    total: { ...counted.total, workOrStudiesShare: workOrStudiesShare(t, counted.total) },
  }),
};

export function presentParticipantsReport(
  report: ParticipantsReport,
  small: SmallNumbers,
  compare?: ParticipantsReport,
): Published<WithCompare<CountedParticipantsReport>> {
  return presentPeriods(small, participantsReportPresenter, report, compare);
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
      ...(body.unique.groups ? { groups: body.unique.groups } : {}),
    },
  ];
}
