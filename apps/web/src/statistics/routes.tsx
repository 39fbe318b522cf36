import type { AreaRoute } from '../common/area-route';
import { DefinitionsPage } from './DefinitionsPage';
import { StatisticsPage } from './StatisticsPage';

export const statisticsRoutes: AreaRoute[] = [
  { path: '/statistik', element: <StatisticsPage /> },
  { path: '/statistik/definitioner', element: <DefinitionsPage /> },
];
