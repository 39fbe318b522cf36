import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { caseRef } from '../common/case-ref';
import { Empty, ErrorState, Loading } from '../common/states';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';

/** Every notice to the user's party, newest first, each linking to its case. */
export function NotificationsPage() {
  const t = sv.notifications;
  const notices = useInfiniteQuery({
    queryKey: ['notifications', 'all'],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = notices.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="md">
      <Title order={1}>{t.title}</Title>
      <Text>{t.intro}</Text>
      {notices.isPending ? (
        <Loading />
      ) : notices.isError ? (
        <ErrorState error={notices.error} onRetry={() => void notices.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t.empty}</Empty>
      ) : (
        <Stack gap="xs">
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t.occurredOn}</Table.Th>
                <Table.Th scope="col">{t.kind}</Table.Th>
                <Table.Th scope="col">{t.caseRef}</Table.Th>
                <Table.Th scope="col">{t.party}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td>{formatShortDate(n.occurredOn)}</Table.Td>
                  <Table.Td>{label(sv.codes.noticeKind, n.kind)}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/arenden/${n.caseId}`}
                      aria-label={t.openCase(caseRef(n.caseId))}
                    >
                      {caseRef(n.caseId)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{label(sv.codes.party, n.party)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Text size="sm">{t.count(items.length, notices.data.pages[0].total)}</Text>
            {notices.hasNextPage && (
              <Button
                variant="default"
                loading={notices.isFetchingNextPage}
                onClick={() => void notices.fetchNextPage()}
              >
                {t.more}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
