import type { AreaRoute } from '../common/area-route';
import { AdminHome } from './AdminHome';
import { AuditLogPage } from './AuditLogPage';
import { CataloguePage } from './CataloguePage';
import { FailedJobsPage } from './FailedJobsPage';
import { PartyUnitsPage } from './PartyUnitsPage';
import { SettingsPage } from './SettingsPage';
import { WebhooksPage } from './WebhooksPage';

export const adminRoutes: AreaRoute[] = [
  { path: '/admin', element: <AdminHome /> },
  { path: '/admin/insatser', element: <CataloguePage /> },
  { path: '/admin/parter', element: <PartyUnitsPage /> },
  { path: '/admin/installningar', element: <SettingsPage /> },
  { path: '/admin/webhookar', element: <WebhooksPage /> },
  { path: '/admin/logg', element: <AuditLogPage /> },
  { path: '/admin/jobb', element: <FailedJobsPage /> },
];
