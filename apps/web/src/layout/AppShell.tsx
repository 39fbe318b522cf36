import { AppShell as Shell, Burger, Button, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { hasRole } from '../auth/principal';
import { useAuth, useSession } from '../auth/AuthProvider';
import { label, sv } from '../i18n/sv';
import { NotificationBell } from '../notifications/NotificationBell';

interface NavItem {
  to: string;
  text: string;
  roles: string[];
}

/** What each role works with; a role sees only the screens it may use. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/ko', text: sv.nav.queue, roles: ['processledare'] },
  { to: '/arenden', text: sv.nav.cases, roles: ['processledare', 'handlaggare', 'beredning'] },
  { to: '/arenden/nytt', text: sv.nav.newCase, roles: ['handlaggare'] },
  { to: '/moten', text: sv.nav.meetings, roles: ['processledare', 'beredning'] },
  { to: '/kalender', text: sv.nav.calendar, roles: ['processledare', 'beredning'] },
  { to: '/statistik', text: sv.nav.statistics, roles: ['manager', 'processledare'] },
  { to: '/admin', text: sv.nav.admin, roles: ['admin'] },
];

export function AppShell({ children }: { children: ReactNode }) {
  const session = useSession();
  const { signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const items = NAV_ITEMS.filter((item) => hasRole(session.principal, ...item.roles)).map((item) =>
    item.to === '/arenden' &&
    !hasRole(session.principal, 'processledare') &&
    hasRole(session.principal, 'handlaggare')
      ? { ...item, text: sv.nav.myCases }
      : item,
  );
  return (
    <Shell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {sv.app.skipToContent}
      </a>
      <Shell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={sv.app.mainNav} />
            <Text fw={700} size="lg" component="span">
              {sv.app.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <Text size="sm" visibleFrom="sm" component="span">
              <VisuallyHidden>{sv.app.signedInAs} </VisuallyHidden>
              {session.displayName} · {session.principal.roles.map((r) => label(sv.codes.role, r)).join(', ')}
              {session.principal.party ? ` · ${label(sv.codes.party, session.principal.party)}` : ''}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              {sv.app.signOut}
            </Button>
          </Group>
        </Group>
      </Shell.Header>
      <Shell.Navbar p="xs" component="nav" aria-label={sv.app.mainNav}>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={RouterLink}
            to={item.to}
            label={item.text}
            end={item.to === '/arenden'}
            active={
              item.to === '/arenden'
                ? location.pathname === '/arenden' || /^\/arenden\/(?!nytt)/.test(location.pathname)
                : location.pathname.startsWith(item.to)
            }
            onClick={close}
          />
        ))}
      </Shell.Navbar>
      <Shell.Main id="main" tabIndex={-1}>
        {children}
      </Shell.Main>
    </Shell>
  );
}

/** Where a user lands after signing in: the screen of their main role. */
export function homeFor(roles: string[]): string {
  if (roles.includes('processledare')) return '/ko';
  if (roles.includes('handlaggare')) return '/arenden';
  if (roles.includes('beredning')) return '/moten';
  if (roles.includes('admin')) return '/admin';
  if (roles.includes('manager')) return '/statistik';
  return '/arenden';
}
