import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { sv } from '../i18n/sv';

export const ADMIN_PAGES = [
  { to: '/admin/insatser', key: 'catalogue' },
  { to: '/admin/parter', key: 'parties' },
  { to: '/admin/installningar', key: 'settings' },
  { to: '/admin/webhookar', key: 'webhooks' },
  { to: '/admin/logg', key: 'audit' },
  { to: '/admin/jobb', key: 'jobs' },
] as const;

export type AdminPageKey = (typeof ADMIN_PAGES)[number]['key'];

/** The administration's sections as links, the current one marked. */
export function AdminSections() {
  const { pathname } = useLocation();
  return (
    <nav aria-label={sv.admin.sections}>
      <Group gap="xs">
        {ADMIN_PAGES.map((p) => {
          const current = pathname === p.to;
          return (
            <Button
              key={p.to}
              component={Link}
              to={p.to}
              size="xs"
              variant={current ? 'filled' : 'default'}
              aria-current={current ? 'page' : undefined}
            >
              {sv.admin.pages[p.key]}
            </Button>
          );
        })}
      </Group>
    </nav>
  );
}

/** One administration page: the sections, its heading and what it is for. */
export function AdminLayout({ page, children }: { page: AdminPageKey; children: ReactNode }) {
  return (
    <Stack gap="md">
      <AdminSections />
      <Title order={1}>{sv.admin.pages[page]}</Title>
      <Text>{sv.admin.pageIntro[page]}</Text>
      {children}
    </Stack>
  );
}
