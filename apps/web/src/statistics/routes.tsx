import { lazy, Suspense } from 'react';
import type { AreaRoute } from '../common/area-route';
import { Loading } from '../common/states';

// Statistik is loaded when it is first opened: its charts (ECharts) are a third of the app's script,
// which no one else needs to wait for on their first page.
const StatisticsPage = lazy(() => import('./StatisticsPage').then((m) => ({ default: m.StatisticsPage })));
const DefinitionsPage = lazy(() => import('./DefinitionsPage').then((m) => ({ default: m.DefinitionsPage })));

export const statisticsRoutes: AreaRoute[] = [
  {
    path: '/statistik',
    element: (
      <Suspense fallback={<Loading />}>
        <StatisticsPage />
      </Suspense>
    ),
  },
  {
    path: '/statistik/definitioner',
    element: (
      <Suspense fallback={<Loading />}>
        <DefinitionsPage />
      </Suspense>
    ),
  },
];
