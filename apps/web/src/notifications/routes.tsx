import type { AreaRoute } from '../common/area-route';

export const notificationsRoutes: AreaRoute[] = [];
