import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type ResponseOf } from '../api/client';
import { caseRef } from '../common/case-ref';
import { PARTIES } from '../common/codes';
import { Empty, ErrorState, Loading } from '../common/states';
import { IntakeDialog } from './IntakeDialog';
import { readAfter } from './read-after';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';

type QueueItem = ResponseOf<'/api/v1/queue', 'get'>['items'][number];
type Bucket = QueueItem['bucket'];

export const BUCKETS: Bucket[] = [
  'NEW',
  'AWAITING_BEREDNING',
  'AWAITING_SIP',
  'INSATS_DEADLINE',
  'FOLLOW_UP_DUE',
  'STAGNANT',
  'CONSENT_EXPIRING',
  'AGE_LIMIT',
];

interface Filters {
  party?: (typeof PARTIES)[number];
  owner?: string;
}

/** The processledare's work queue: the buckets with their counts, overdue first. */
export function QueuePage() {
  const [bucket, setBucket] = useState<Bucket | 'ALL'>('ALL');
  const [filters, setFilters] = useState<Filters>({});
  const counts = useQueries({
    queries: BUCKETS.map((b) => ({
      queryKey: ['queue', 'count', b, filters],
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/queue', {
            params: { query: { bucket: b, limit: 1, ...filters, ...readAfter() } },
          }),
        ),
    })),
  });
  return (
    <Stack gap="md">
      <Title order={1}>{sv.queue.title}</Title>
      <Text>{sv.queue.intro}</Text>
      <QueueFilters value={filters} onChange={setFilters} />
      <Group gap="xs" role="group" aria-label={sv.queue.bucket}>
        <Button
          variant={bucket === 'ALL' ? 'filled' : 'default'}
          aria-pressed={bucket === 'ALL'}
          onClick={() => setBucket('ALL')}
        >
          {sv.queue.allBuckets}
        </Button>
        {BUCKETS.map((b, i) => {
          const total = counts[i].data?.total;
          return (
            <Button
              key={b}
              variant={bucket === b ? 'filled' : 'default'}
              aria-pressed={bucket === b}
              onClick={() => setBucket(b)}
              rightSection={
                total !== undefined ? (
                  <Badge variant={bucket === b ? 'white' : 'filled'} color={total > 0 ? 'blue.9' : 'gray.7'}>
                    {total}
                  </Badge>
                ) : undefined
              }
            >
              {label(sv.codes.bucket, b)}
            </Button>
          );
        })}
      </Group>
      <QueueTable bucket={bucket === 'ALL' ? undefined : bucket} filters={filters} />
    </Stack>
  );
}

function QueueFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const [party, setParty] = useState<string | null>(value.party ?? null);
  const [owner, setOwner] = useState(value.owner ?? '');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onChange({
          party: (party ?? undefined) as Filters['party'],
          owner: owner.trim() || undefined,
        });
      }}
    >
      <Group align="flex-end">
        <Select
          label={sv.queue.party}
          placeholder={sv.queue.anyParty}
          data={PARTIES.map((p) => ({ value: p, label: label(sv.codes.party, p) }))}
          value={party}
          onChange={setParty}
          clearable
        />
        <TextInput label={sv.queue.owner} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} />
        <Button type="submit">{sv.queue.filter}</Button>
        <Button
          variant="default"
          onClick={() => {
            setParty(null);
            setOwner('');
            onChange({});
          }}
        >
          {sv.queue.clear}
        </Button>
      </Group>
    </form>
  );
}

function QueueTable({ bucket, filters }: { bucket?: Bucket; filters: Filters }) {
  const [intake, setIntake] = useState<string>();
  const queue = useInfiniteQuery({
    queryKey: ['queue', 'items', bucket, filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/queue', {
          params: { query: { bucket, limit: 50, cursor: pageParam, ...filters, ...readAfter() } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  const items = queue.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Empty>{sv.queue.empty}</Empty>;
  return (
    <Stack>
      {intake && <IntakeDialog caseId={intake} onClose={() => setIntake(undefined)} />}
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{sv.queue.caseRef}</Table.Th>
            <Table.Th scope="col">{sv.queue.bucket}</Table.Th>
            <Table.Th scope="col">{sv.queue.dueDate}</Table.Th>
            <Table.Th scope="col">{sv.queue.daysLeft}</Table.Th>
            <Table.Th scope="col">{sv.queue.status}</Table.Th>
            <Table.Th scope="col">{sv.queue.initiatingParty}</Table.Th>
            <Table.Th scope="col">{sv.queue.ownerCol}</Table.Th>
            <Table.Th scope="col">{sv.queue.actions}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={`${item.caseId}-${item.bucket}-${item.followUpMonth ?? ''}`}>
              <Table.Td>
                <Anchor component={Link} to={`/arenden/${item.caseId}`} title={sv.queue.open}>
                  {caseRef(item.caseId)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {label(sv.codes.bucket, item.bucket)}
                {item.followUpMonth ? ` · ${sv.queue.followUp(item.followUpMonth)}` : ''}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortDate(item.dueDate)}</Table.Td>
              <Table.Td>
                <DaysLeft days={item.daysLeft} />
              </Table.Td>
              <Table.Td>{label(sv.codes.status, item.status)}</Table.Td>
              <Table.Td>{label(sv.codes.party, item.initiatingParty)}</Table.Td>
              <Table.Td>
                {item.ownerParty ? label(sv.codes.party, item.ownerParty) : '–'}
                {item.ownerUser ? ` (${item.ownerUser})` : ''}
              </Table.Td>
              <Table.Td>
                {item.bucket === 'NEW' && (
                  <Button
                    size="xs"
                    onClick={() => setIntake(item.caseId)}
                    aria-label={`${sv.intake.open} ${caseRef(item.caseId)}`}
                  >
                    {sv.intake.open}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {queue.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={queue.isFetchingNextPage}
            onClick={() => void queue.fetchNextPage()}
          >
            {sv.queue.more}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function DaysLeft({ days }: { days: number | null | undefined }) {
  if (days === null || days === undefined) return <>–</>;
  if (days < 0)
    return (
      <Text span c="red.9" fw={700} style={{ whiteSpace: 'nowrap' }}>
        {sv.queue.overdue(days)}
      </Text>
    );
  return (
    <Text span style={{ whiteSpace: 'nowrap' }}>
      {sv.queue.daysLeftText(days)}
    </Text>
  );
}
