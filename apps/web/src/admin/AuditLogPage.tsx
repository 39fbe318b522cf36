import {
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type ResponseOf } from '../api/client';
import { caseRef } from '../common/case-ref';
import { Empty, ErrorState, Loading } from '../common/states';
import { formatDateTime, todayIso } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { AdminLayout } from './AdminLayout';
import { fieldError, WriteProblem } from './WriteProblem';

/** The audit log's filters: held in the screen's state, never in the address bar. */
interface AuditFilters {
  caseId?: string;
  actor?: string;
  from?: string;
  to?: string;
}

type AuditPage = ResponseOf<'/api/v1/admin/audit', 'get'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit log, newest first, filtered and paged, with an export of every match as CSV. */
export function AuditLogPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  return (
    <AdminLayout page="audit">
      <AuditFilterForm onApply={setFilters} />
      <AuditExport filters={filters} />
      <AuditTable filters={filters} />
    </AdminLayout>
  );
}

function AuditFilterForm({ onApply }: { onApply: (f: AuditFilters) => void }) {
  const t = sv.admin.audit;
  const [caseId, setCaseId] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [checks, setChecks] = useState<Record<string, string>>({});
  const apply = () => {
    const problems: Record<string, string> = {};
    if (caseId.trim() && !UUID.test(caseId.trim())) problems.caseId = t.caseIdInvalid;
    if (from && to && to < from) problems.to = t.toBeforeFrom;
    setChecks(problems);
    if (Object.keys(problems).length > 0) return;
    onApply({
      ...(caseId.trim() ? { caseId: caseId.trim() } : {}),
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="audit-filters">
      <form
        noValidate
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="audit-filters">
            {t.filters}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <TextInput
              label={t.caseId}
              value={caseId}
              onChange={(e) => setCaseId(e.currentTarget.value)}
              error={checks.caseId}
              autoComplete="off"
            />
            <TextInput
              label={t.actor}
              value={actor}
              maxLength={255}
              onChange={(e) => setActor(e.currentTarget.value)}
              autoComplete="off"
            />
            <TextInput
              type="date"
              label={t.from}
              max={todayIso()}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t.to}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={checks.to}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit">{t.filter}</Button>
            <Button
              variant="default"
              onClick={() => {
                setCaseId('');
                setActor('');
                setFrom('');
                setTo('');
                setChecks({});
                onApply({});
              }}
            >
              {t.clear}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Every entry that matches, as the API's CSV (Accept: text/csv), saved as a file. */
function AuditExport({ filters }: { filters: AuditFilters }) {
  const t = sv.admin.audit;
  const exportCsv = useMutation({
    mutationFn: async () => {
      const csv = await unwrap(
        api.GET('/api/v1/admin/audit', {
          params: { query: filters },
          headers: { Accept: 'text/csv' },
          parseAs: 'text',
        }),
      );
      const text = String(csv);
      const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = 'granskningslogg.csv';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      // The header row is not an entry.
      return Math.max(0, text.split('\r\n').filter((line) => line !== '').length - 1);
    },
  });
  return (
    <Group>
      <Button variant="default" loading={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
        {t.exportCsv}
      </Button>
      <Text role="status" size="sm">
        {exportCsv.isSuccess ? t.exported(exportCsv.data) : ''}
      </Text>
      <WriteProblem error={exportCsv.error} />
    </Group>
  );
}

function AuditTable({ filters }: { filters: AuditFilters }) {
  const t = sv.admin.audit;
  const audit = useInfiniteQuery({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ pageParam }) =>
      // The route answers JSON or CSV; without Accept: text/csv it is the JSON page.
      unwrap(
        api.GET('/api/v1/admin/audit', { params: { query: { ...filters, limit: 50, cursor: pageParam } } }),
      ).then((page) => page as AuditPage),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (audit.isPending) return <Loading />;
  if (audit.isError) {
    const field = ['caseId', 'actor', 'from', 'to'].find((f) => fieldError(audit.error, f));
    return (
      <Stack gap="xs">
        {field && <WriteProblem error={audit.error} />}
        {!field && <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />}
      </Stack>
    );
  }
  const items = audit.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Empty>{t.empty}</Empty>;
  return (
    <Stack gap="xs">
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t.at}</Table.Th>
            <Table.Th scope="col">{t.actorCol}</Table.Th>
            <Table.Th scope="col">{t.rolesAndParty}</Table.Th>
            <Table.Th scope="col">{t.action}</Table.Th>
            <Table.Th scope="col">{t.route}</Table.Th>
            <Table.Th scope="col">{t.status}</Table.Th>
            <Table.Th scope="col">{t.caseCol}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e, i) => (
            <Table.Tr key={`${e.at}-${e.requestId ?? ''}-${i}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>{e.actor}</Table.Td>
              <Table.Td>
                {e.roles.map((r) => label(sv.codes.role, r)).join(', ')}
                {e.party ? ` · ${label(sv.codes.party, e.party)}` : ''}
              </Table.Td>
              <Table.Td>{e.action}</Table.Td>
              <Table.Td>
                <Text span ff="monospace" size="xs">
                  {e.route}
                </Text>
              </Table.Td>
              <Table.Td>{e.status}</Table.Td>
              <Table.Td>
                {e.caseId ? (
                  <Anchor component={Link} to={`/arenden/${e.caseId}`} title={e.caseId}>
                    {caseRef(e.caseId)}
                  </Anchor>
                ) : (
                  '–'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Text size="sm">{sv.admin.count(items.length, audit.data.pages[0].total)}</Text>
        {audit.hasNextPage && (
          <Button
            variant="default"
            loading={audit.isFetchingNextPage}
            onClick={() => void audit.fetchNextPage()}
          >
            {sv.admin.more}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
