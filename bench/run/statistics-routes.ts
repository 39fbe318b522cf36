import type { SqlQueryable } from '@app/event-store';
import {
  type GroupBy,
  type Period,
  type Presentation,
  type SmallNumbers,
  StatisticsAnswers,
  SuppressionThread,
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
// — everything but HTTP, measured for a processledare (plain) and a manager (masked, on the
// suppression thread as the API does it). Each is
// measured twice: computed (what the first request after the torg's statistics changed waits for,
// when the background refresh has not computed it yet), and served (the route as it answers while
// they have not changed: StatisticsAnswers checks where the torg's statistics stand and gives back
// the answer it kept).

type Answer = (
  sql: SqlQueryable,
  period: Period,
  compare: Period,
  presentation: Presentation,
  today: string,
) => Promise<unknown>;

const both = async <R>(query: (p: Period) => Promise<R>, period: Period, compare: Period) =>
  Promise.all([query(period), query(compare)]);

/** A route that reads its report for both periods and presents them together (most routes). */
const route =
  <R>(
    query: (sql: SqlQueryable, p: Period, today: string) => Promise<R>,
    present: (a: R, small: SmallNumbers, b: R) => unknown,
  ): Answer =>
  async (sql, period, compare, presentation, today) => {
    const [a, b] = await both((p) => query(sql, p, today), period, compare);
    return presentation((small) => present(a, small, b));
  };

const participants =
  (groupBy?: GroupBy): Answer =>
  async (sql, period, compare, presentation) => {
    const [a, b] = await both((p) => participantsReport(sql, p, groupBy), period, compare);
    return presentation((small) => presentParticipants(a, small, b));
  };

const report =
  (render?: 'html' | 'xlsx'): Answer =>
  async (sql, period, compare, presentation) => {
    const [a, b] = await both((p) => participantsReport(sql, p), period, compare);
    const doc = await presentation((small) =>
      participantsReportDocument(presentParticipantsReport(a, small, b), period.tenant, small.masked),
    );
    return render === 'xlsx' ? renderReportXlsx(doc) : render === 'html' ? renderReportHtml(doc) : doc;
  };

export const STATISTICS_ROUTES: Record<string, Answer> = {
  'statistics/participants': participants(),
  'statistics/participants?groupBy=ageBand': participants('ageBand'),
  'statistics/participants?groupBy=targetGroup': participants('targetGroup'),
  'statistics/participants?groupBy=providerParty': participants('providerParty'),
  'statistics/case-outcomes': route(caseOutcomesReport, presentCaseOutcomes),
  'statistics/sips': route(sipsReport, presentSips),
  'statistics/lead-times': route((sql, p, today) => leadTimesReport(sql, p, today), presentLeadTimes),
  'statistics/follow-ups': route((sql, p, today) => followUpsReport(sql, p, 14, today), presentFollowUps),
  'statistics/initiating-parties': route(initiatingPartiesReport, presentInitiatingParties),
  'statistics/progression': route(progressionReport, presentProgression),
  'statistics/closing-survey': route((sql, p) => closingSurveyReport(sql, p, null), presentClosingSurvey),
  'statistics/decisions': route(decisionsReport, presentDecisions),
  'statistics/outcome-details': route(outcomeDetailsReport, presentOutcomeDetails),
  'statistics/survey-offer': route(surveyOfferReport, presentSurveyOffer),
  'statistics/caseload': route(caseloadReport, presentCaseload),
  'reports/participants (JSON)': report(),
  'reports/participants (HTML)': report('html'),
  'reports/participants (xlsx)': report('xlsx'),
};

export interface RouteTimings {
  processledare: Timing;
  manager: Timing;
  /** The same answers as the route serves them while the torg's statistics have not changed. */
  /** Absent in runs from before answers were kept. */
  served?: { processledare: Timing; manager: Timing };
}

/**
 * Each route for a year beside the year before, `runs` times, as a processledare and as a manager:
 * computed, then served.
 */
export async function timeStatisticsRoutes(
  sql: SqlQueryable,
  tenant: string,
  year: number,
  today: string,
  runs: number,
  log: (line: string) => void,
): Promise<Record<string, RouteTimings>> {
  const period = { tenant, from: `${year}-01-01`, to: `${year}-12-31` };
  const compare = { tenant, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  const answers = new StatisticsAnswers(sql);
  const thread = new SuppressionThread();
  const out: Record<string, RouteTimings> = {};
  const line = (t: { processledare: Timing; manager: Timing }) =>
    `processledare p50 ${t.processledare.p50Ms} ms, p99 ${t.processledare.p99Ms} ms; ` +
    `manager p50 ${t.manager.p50Ms} ms, p99 ${t.manager.p99Ms} ms`;
  for (const [route, answer] of Object.entries(STATISTICS_ROUTES)) {
    const computed = (masked: boolean) => () =>
      answer(sql, period, compare, thread.presentation(masked), today);
    const served = (masked: boolean) => () => answers.answer(tenant, `${route} ${masked}`, computed(masked));
    const fresh = {
      processledare: await time(runs, computed(false)),
      manager: await time(runs, computed(true)),
    };
    const kept = { processledare: await time(runs, served(false)), manager: await time(runs, served(true)) };
    out[route] = { ...fresh, served: kept };
    log(`${route} ${year} beside ${year - 1}: computed ${line(fresh)}; served ${line(kept)}`);
  }
  await thread.close();
  return out;
}
