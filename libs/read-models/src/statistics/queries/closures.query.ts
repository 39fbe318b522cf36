import { OUTCOMES_WITH_EXTENT, type Outcome, WORK_SUBTYPES } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import { type Presenter, type WithCompare, presentPeriods } from '../compare';
import type { Period } from '../period';
import {
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
} from '../small-numbers';

// Case closures in detail: the subtype and extent within each outcome (docs/statistics.md §18) and
// whether the closing survey was offered and answered (§19). The closures are those of §6: the
// cases closed in the period, each once with its last closure in the period.

/** No subtype or no extent recorded. */
export const NOT_RECORDED = 'EJ_ANGIVEN';
/** Extent bands: the whole (100 %), a part (1–99 %). */
export const EXTENT_BANDS = ['HEL', 'PARTIELL', NOT_RECORDED] as const;
export type ExtentBand = (typeof EXTENT_BANDS)[number];
export const SUBTYPE_OUTCOMES: readonly Outcome[] = ['ARBETE'];

export interface OutcomeDetail<C = Split> {
  closed: C;
  /** ARBETE only: the work subtypes and EJ_ANGIVEN. */
  subtypes?: Record<string, C>;
  extent: Record<ExtentBand, C>;
}

export interface OutcomeDetailsReport<C = Split> {
  from: string;
  to: string;
  outcomes: Record<string, OutcomeDetail<C>>;
}

export interface SurveyOfferReport<C = Split> {
  from: string;
  to: string;
  closed: C;
  offered: C;
  answered: C;
  offeredShare: number | null;
  answeredShare: number | null;
}

const LAST_CLOSURES = `
  SELECT gender, outcome, subtype, extent_percent, survey_offered, survey_answered
    FROM (SELECT DISTINCT ON (case_id) gender, outcome, subtype, extent_percent, survey_offered, survey_answered
            FROM stat_closures
           WHERE tenant = $1 AND closed_on BETWEEN $2::date AND $3::date
           ORDER BY case_id, closed_on DESC, position DESC) last_closure`;

const DETAILS = `
  SELECT gender, outcome, coalesce(subtype, '${NOT_RECORDED}') AS subtype,
         CASE WHEN extent_percent IS NULL THEN '${NOT_RECORDED}' WHEN extent_percent >= 100 THEN 'HEL' ELSE 'PARTIELL' END AS extent,
         count(*)::int AS n
    FROM (${LAST_CLOSURES}) c
   WHERE outcome = ANY($4::text[])
   GROUP BY 1, 2, 3, 4`;

const SURVEY = `
  SELECT gender, count(*)::int AS closed,
         count(*) FILTER (WHERE survey_offered)::int AS offered,
         count(*) FILTER (WHERE survey_offered AND survey_answered)::int AS answered
    FROM (${LAST_CLOSURES}) c
   GROUP BY gender`;

function emptyDetail(outcome: Outcome): OutcomeDetail {
  return {
    closed: emptySplit(),
    ...(SUBTYPE_OUTCOMES.includes(outcome)
      ? { subtypes: Object.fromEntries([...WORK_SUBTYPES, NOT_RECORDED].map((s) => [s, emptySplit()])) }
      : {}),
    extent: Object.fromEntries(EXTENT_BANDS.map((b) => [b, emptySplit()])) as Record<ExtentBand, Split>,
  };
}

export async function outcomeDetailsReport(sql: SqlQueryable, period: Period): Promise<OutcomeDetailsReport> {
  const { rows } = await sql.query<{
    gender: string;
    outcome: Outcome;
    subtype: string;
    extent: ExtentBand;
    n: number;
  }>(DETAILS, [period.tenant, period.from, period.to, OUTCOMES_WITH_EXTENT]);
  const outcomes = Object.fromEntries(OUTCOMES_WITH_EXTENT.map((o) => [o, emptyDetail(o)]));
  for (const r of rows) {
    const d = outcomes[r.outcome];
    addTo(d.closed, r.gender, r.n);
    addTo(d.extent[r.extent], r.gender, r.n);
    if (d.subtypes) addTo((d.subtypes[r.subtype] ??= emptySplit()), r.gender, r.n);
  }
  return { from: period.from, to: period.to, outcomes };
}

export async function surveyOfferReport(sql: SqlQueryable, period: Period): Promise<SurveyOfferReport> {
  const { rows } = await sql.query<{ gender: string; closed: number; offered: number; answered: number }>(
    SURVEY,
    [period.tenant, period.from, period.to],
  );
  const report: SurveyOfferReport = {
    from: period.from,
    to: period.to,
    closed: emptySplit(),
    offered: emptySplit(),
    answered: emptySplit(),
    offeredShare: null,
    answeredShare: null,
  };
  for (const r of rows) {
    addTo(report.closed, r.gender, r.closed);
    addTo(report.offered, r.gender, r.offered);
    addTo(report.answered, r.gender, r.answered);
  }
  report.offeredShare = share(report.offered.total, report.closed.total);
  report.answeredShare = share(report.answered.total, report.offered.total);
  return report;
}

type CountedOutcomeDetails = OutcomeDetailsReport<CountSplit>;

function countOutcomeDetails(t: ReportTable, r: OutcomeDetailsReport): CountedOutcomeDetails {
  const splits = <K extends string>(rec: Record<K, Split>) =>
    Object.fromEntries(Object.entries<Split>(rec).map(([k, s]) => [k, t.split(s)])) as Record<K, CountSplit>;
  const outcomes = Object.fromEntries(
    Object.entries(r.outcomes).map(([o, d]) => {
      const closed = t.split(d.closed);
      const extent = splits(d.extent);
      const subtypes = d.subtypes ? splits(d.subtypes) : undefined;
      // Each closure has one extent band, and (ARBETE) one subtype.
      t.sumSplits(closed, Object.values<CountSplit>(extent));
      if (subtypes) t.sumSplits(closed, Object.values<CountSplit>(subtypes));
      return [o, { closed, ...(subtypes ? { subtypes } : {}), extent }];
    }),
  );
  return { from: r.from, to: r.to, outcomes };
}

export const outcomeDetailsPresenter: Presenter<
  OutcomeDetailsReport,
  CountedOutcomeDetails,
  CountedOutcomeDetails
> = { count: countOutcomeDetails, finish: (_t, counted) => counted };

export function presentOutcomeDetails(
  r: OutcomeDetailsReport,
  small: SmallNumbers,
  compare?: OutcomeDetailsReport,
): Published<WithCompare<CountedOutcomeDetails>> {
  return presentPeriods(small, outcomeDetailsPresenter, r, compare);
}

type CountedSurveyOffer = SurveyOfferReport<CountSplit> & { values: SurveyOfferReport };

export const surveyOfferPresenter: Presenter<
  SurveyOfferReport,
  CountedSurveyOffer,
  SurveyOfferReport<CountSplit>
> = {
  count: (t, r) => {
    const closed = t.split(r.closed);
    const offered = t.split(r.offered);
    const answered = t.split(r.answered);
    t.atMostSplit(offered, closed);
    t.atMostSplit(answered, offered);
    return { ...r, closed, offered, answered, values: r };
  },
  // A share is withheld (§14) when its numerator or the rest of its basis is 1–4 or withheld.
  finish: (t, c) => {
    const { values: v, closed, offered, answered } = c;
    const rest = (whole: Count, part: Count) => whole.value - part.value;
    return {
      from: c.from,
      to: c.to,
      closed,
      offered,
      answered,
      offeredShare: t.derived(v.offeredShare, offered.total, closed.total, rest(closed.total, offered.total)),
      answeredShare: t.derived(
        v.answeredShare,
        answered.total,
        offered.total,
        rest(offered.total, answered.total),
      ),
    };
  },
};

export function presentSurveyOffer(
  r: SurveyOfferReport,
  small: SmallNumbers,
  compare?: SurveyOfferReport,
): Published<WithCompare<SurveyOfferReport<CountSplit>>> {
  return presentPeriods(small, surveyOfferPresenter, r, compare);
}

/** One CSV line per outcome. */
export function outcomeDetailsCsv(body: OutcomeDetailsReport<MaskedSplit>): object[] {
  return Object.entries(body.outcomes).map(([outcome, d]) => ({
    from: body.from,
    to: body.to,
    outcome,
    ...d,
  }));
}

export const surveyOfferCsv = (body: object): object[] => [body];
