import type { AreaRoute } from '../common/area-route';
import { StatisticsPage } from './StatisticsPage';

export const statisticsRoutes: AreaRoute[] = [{ path: '/statistik', element: <StatisticsPage /> }];
