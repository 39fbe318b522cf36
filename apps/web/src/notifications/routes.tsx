import type { AreaRoute } from '../common/area-route';
import { NotificationsPage } from './NotificationsPage';

export const notificationsRoutes: AreaRoute[] = [{ path: '/notiser', element: <NotificationsPage /> }];
