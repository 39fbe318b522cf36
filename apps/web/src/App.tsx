import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { OIDC_CALLBACK_PATH, useAuth } from './auth/AuthProvider';
import { OidcCallbackPage, SignInPage } from './auth/SignInPage';
import { Loading } from './common/states';
import { AppShell, homeFor } from './layout/AppShell';
import { QueuePage } from './queue/QueuePage';
import { adminRoutes } from './admin/routes';
import { calendarRoutes } from './calendar/routes';
import { casesRoutes } from './cases/routes';
import { meetingsRoutes } from './meetings/routes';
import { notificationsRoutes } from './notifications/routes';
import { statisticsRoutes } from './statistics/routes';
import { sv } from './i18n/sv';

const AREA_ROUTES = [
  { path: '/ko', element: <QueuePage /> },
  ...casesRoutes,
  ...meetingsRoutes,
  ...calendarRoutes,
  ...notificationsRoutes,
  ...statisticsRoutes,
  ...adminRoutes,
];

export function App() {
  const { config, session } = useAuth();
  const navigate = useNavigate();
  if (!config) return <Loading />;
  if (window.location.pathname === OIDC_CALLBACK_PATH)
    return <OidcCallbackPage onDone={() => void navigate('/', { replace: true })} />;
  if (!session) return <SignInPage />;
  return (
    <AppShell>
      <Routes>
        <Route path="/" element={<Navigate to={homeFor(session.principal.roles)} replace />} />
        {AREA_ROUTES.map((r) => (
          <Route key={r.path} path={r.path} element={r.element} />
        ))}
        <Route path="*" element={<p>{sv.state.notFound}</p>} />
      </Routes>
    </AppShell>
  );
}
