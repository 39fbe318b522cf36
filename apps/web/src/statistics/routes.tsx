import { lazy, Suspense, type ReactElement } from 'react';
import type { AreaRoute } from '../common/area-route';
import { Loading } from '../common/states';

// Statistik is loaded when it is first opened: its charts (ECharts) are a third of the app's script,
// which no one else needs to wait for on their first page.
const StatisticsPage = lazy(() => import('./StatisticsPage').then((m) => ({ default: m.StatisticsPage })));
const DefinitionsPage = lazy(() => import('./DefinitionsPage').then((m) => ({ default: m.DefinitionsPage })));

/** A page of the area, with the shared loading state while its script arrives. */
const loaded = (page: ReactElement) => <Suspense fallback={<Loading />}>{page}</Suspense>;

export const statisticsRoutes: AreaRoute[] = [
  { path: '/statistik', element: loaded(<StatisticsPage />) },
  { path: '/statistik/definitioner', element: loaded(<DefinitionsPage />) },
];
