import type { AreaRoute } from '../common/area-route';
import { CalendarPage } from './CalendarPage';

export const calendarRoutes: AreaRoute[] = [{ path: '/kalender', element: <CalendarPage /> }];
