import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseOf } from '../../api/client';
import type { PeriodQuery } from '../period';

/** The statistics routes the dashboard draws; all take the period and the compared period. */
export type StatisticsRoute =
  'participants' | 'lead-times' | 'follow-ups' | 'sips' | 'progression' | 'closing-survey';
export type Figures<R extends StatisticsRoute> = ResponseOf<`/api/v1/statistics/${R}`, 'get'>;

/**
 * A statistics route's JSON for the period (the routes answer CSV only when asked with Accept),
 * cached under the same key as the screen's tables, so a figure is fetched once.
 */
export function useStatistics<R extends StatisticsRoute>(route: R, query: PeriodQuery) {
  return useQuery({
    queryKey: ['statistics', route, query],
    queryFn: async () =>
      // Every route has the same period parameters; the path's type is taken from one of them.
      (await unwrap(
        api.GET(`/api/v1/statistics/${route}` as '/api/v1/statistics/lead-times', { params: { query } }),
      )) as Figures<R>,
    placeholderData: keepPreviousData,
  });
}

export type ReportDocument = ResponseOf<'/api/v1/reports/participants', 'get'>;

/** The participants report (docs/statistics.md §22) of each period, for figures only it has (shares). */
export function useReports(periods: PeriodQuery[]) {
  return useQueries({
    queries: periods.map((query) => ({
      queryKey: ['reports', 'participants', query],
      queryFn: async () =>
        (await unwrap(api.GET('/api/v1/reports/participants', { params: { query } }))) as ReportDocument,
    })),
  });
}
