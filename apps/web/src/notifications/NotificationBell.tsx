import { ActionIcon, Anchor, Indicator, Popover, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { hasRole } from '../auth/principal';
import { useSession } from '../auth/AuthProvider';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { caseRef } from '../common/case-ref';

const WEEK_MS = 7 * 24 * 3600_000;

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/** The newest notices to the user's party behind a bell; the badge counts the last seven days. */
export function NotificationBell() {
  const session = useSession();
  const allowed = hasRole(session.principal, 'handlaggare', 'beredning', 'processledare');
  const notices = useQuery({
    queryKey: ['notifications', 'recent'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 10 } } })),
    enabled: allowed,
    refetchInterval: 60_000,
  });
  // Closed when a link in it is followed: the page it leads to is not hidden behind it.
  const [opened, setOpened] = useState(false);
  if (!allowed) return null;
  const close = () => setOpened(false);
  const items = notices.data?.items ?? [];
  const recent = items.filter((n) => Date.now() - new Date(n.createdAt).getTime() < WEEK_MS).length;
  return (
    <Popover width={340} position="bottom-end" withArrow shadow="md" opened={opened} onChange={setOpened}>
      <Popover.Target>
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={sv.notifications.bell(recent)}
          onClick={() => setOpened((o) => !o)}
        >
          <Indicator label={recent} size={18} disabled={recent === 0} color="red.9" offset={-4}>
            <BellIcon />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text fw={600}>{sv.notifications.recent}</Text>
          {items.length === 0 && <Text size="sm">{sv.notifications.empty}</Text>}
          {items.map((n) => (
            <Anchor key={n.id} component={Link} to={`/arenden/${n.caseId}`} size="sm" onClick={close}>
              {formatShortDate(n.occurredOn)} · {label(sv.codes.noticeKind, n.kind)} ·{' '}
              {sv.notifications.caseRef} {caseRef(n.caseId)}
            </Anchor>
          ))}
          <Anchor component={Link} to="/notiser" size="sm" fw={600} onClick={close}>
            {sv.notifications.all}
          </Anchor>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
