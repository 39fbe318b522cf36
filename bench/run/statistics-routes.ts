import type { SqlQueryable } from '@app/event-store';
import {
  type GroupBy,
  type Period,
  SmallNumbers,
  caseOutcomesReport,
  caseloadReport,
  closingSurveyReport,
  decisionsReport,
  followUpsReport,
  initiatingPartiesReport,
  leadTimesReport,
  outcomeDetailsReport,
  participantsReport,
  presentCaseOutcomes,
  presentCaseload,
  presentClosingSurvey,
  presentDecisions,
  presentFollowUps,
  presentInitiatingParties,
  presentLeadTimes,
  presentOutcomeDetails,
  presentParticipants,
  presentParticipantsReport,
  presentProgression,
  presentSips,
  presentSurveyOffer,
  progressionReport,
  sipsReport,
  surveyOfferReport,
} from '@app/read-models';
import { participantsReportDocument } from '../../apps/api/src/statistics/reports/participants-report';
import { renderReportHtml } from '../../apps/api/src/statistics/reports/render-html';
import { renderReportXlsx } from '../../apps/api/src/statistics/reports/render-xlsx';
import { type Timing, time } from './measure';

// Every statistics and report route's work for one answer, as its controller does it: the query for
// the period and the comparison period, then the presentation (the small-numbers rule for a manager)
// — everything but HTTP, measured for a processledare (plain) and a manager (masked).

type Answer = (
  sql: SqlQueryable,
  period: Period,
  compare: Period,
  small: SmallNumbers,
  today: string,
) => Promise<unknown>;

const both = async <R>(query: (p: Period) => Promise<R>, period: Period, compare: Period) =>
  Promise.all([query(period), query(compare)]);

const participants =
  (groupBy?: GroupBy): Answer =>
  async (sql, period, compare, small) => {
    const [a, b] = await both((p) => participantsReport(sql, p, groupBy), period, compare);
    return presentParticipants(a, small, b);
  };

const report =
  (render?: 'html' | 'xlsx'): Answer =>
  async (sql, period, compare, small) => {
    const [a, b] = await both((p) => participantsReport(sql, p), period, compare);
    const doc = participantsReportDocument(
      presentParticipantsReport(a, small, b),
      period.tenant,
      small.masked,
    );
    return render === 'xlsx' ? renderReportXlsx(doc) : render === 'html' ? renderReportHtml(doc) : doc;
  };

export const STATISTICS_ROUTES: Record<string, Answer> = {
  'statistics/participants': participants(),
  'statistics/participants?groupBy=ageBand': participants('ageBand'),
  'statistics/participants?groupBy=targetGroup': participants('targetGroup'),
  'statistics/participants?groupBy=providerParty': participants('providerParty'),
  'statistics/case-outcomes': async (sql, p, c, small) => {
    const [a, b] = await both((x) => caseOutcomesReport(sql, x), p, c);
    return presentCaseOutcomes(a, small, b);
  },
  'statistics/sips': async (sql, p, c, small) => {
    const [a, b] = await both((x) => sipsReport(sql, x), p, c);
    return presentSips(a, small, b);
  },
  'statistics/lead-times': async (sql, p, c, small, today) => {
    const [a, b] = await both((x) => leadTimesReport(sql, x, today), p, c);
    return presentLeadTimes(a, small, b);
  },
  'statistics/follow-ups': async (sql, p, c, small, today) => {
    const [a, b] = await both((x) => followUpsReport(sql, x, 14, today), p, c);
    return presentFollowUps(a, small, b);
  },
  'statistics/initiating-parties': async (sql, p, c, small) => {
    const [a, b] = await both((x) => initiatingPartiesReport(sql, x), p, c);
    return presentInitiatingParties(a, small, b);
  },
  'statistics/progression': async (sql, p, c, small) => {
    const [a, b] = await both((x) => progressionReport(sql, x), p, c);
    return presentProgression(a, small, b);
  },
  'statistics/closing-survey': async (sql, p, c, small) => {
    const [a, b] = await both((x) => closingSurveyReport(sql, x, null), p, c);
    return presentClosingSurvey(a, small, b);
  },
  'statistics/decisions': async (sql, p, c, small) => {
    const [a, b] = await both((x) => decisionsReport(sql, x), p, c);
    return presentDecisions(a, small, b);
  },
  'statistics/outcome-details': async (sql, p, c, small) => {
    const [a, b] = await both((x) => outcomeDetailsReport(sql, x), p, c);
    return presentOutcomeDetails(a, small, b);
  },
  'statistics/survey-offer': async (sql, p, c, small) => {
    const [a, b] = await both((x) => surveyOfferReport(sql, x), p, c);
    return presentSurveyOffer(a, small, b);
  },
  'statistics/caseload': async (sql, p, c, small) => {
    const [a, b] = await both((x) => caseloadReport(sql, x), p, c);
    return presentCaseload(a, small, b);
  },
  'reports/participants (JSON)': report(),
  'reports/participants (HTML)': report('html'),
  'reports/participants (xlsx)': report('xlsx'),
};

/** Each route for a year beside the year before, `runs` times, as a processledare and as a manager. */
export async function timeStatisticsRoutes(
  sql: SqlQueryable,
  tenant: string,
  year: number,
  today: string,
  runs: number,
  log: (line: string) => void,
): Promise<Record<string, { processledare: Timing; manager: Timing }>> {
  const period = { tenant, from: `${year}-01-01`, to: `${year}-12-31` };
  const compare = { tenant, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  const out: Record<string, { processledare: Timing; manager: Timing }> = {};
  for (const [route, answer] of Object.entries(STATISTICS_ROUTES)) {
    const processledare = await time(runs, () =>
      answer(sql, period, compare, new SmallNumbers(false), today),
    );
    const manager = await time(runs, () => answer(sql, period, compare, new SmallNumbers(true), today));
    out[route] = { processledare, manager };
    log(
      `${route} ${year} beside ${year - 1}: processledare p50 ${processledare.p50Ms} ms, p99 ${processledare.p99Ms} ms; ` +
        `manager p50 ${manager.p50Ms} ms, p99 ${manager.p99Ms} ms`,
    );
  }
  return out;
}
