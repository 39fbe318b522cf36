import { Button, Code, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, idempotencyKey, unwrap, type ResponseOf } from '../api/client';
import { Empty, ErrorState, Loading } from '../common/states';
import { formatDateTime } from '../i18n/format';
import { sv } from '../i18n/sv';
import { AdminLayout } from './AdminLayout';
import { WriteProblem } from './WriteProblem';

type Job = ResponseOf<'/api/v1/admin/jobs', 'get'>['items'][number];

const JOBS_KEY = ['admin', 'jobs', 'failed'] as const;

/** Background jobs that ran out of attempts, each with a button to run it again. */
export function FailedJobsPage() {
  const t = sv.admin.jobs;
  const queryClient = useQueryClient();
  const [retried, setRetried] = useState('');
  const jobs = useQuery({
    queryKey: JOBS_KEY,
    queryFn: () =>
      unwrap(api.GET('/api/v1/admin/jobs', { params: { query: { state: 'failed', limit: 200 } } })),
  });
  const retry = useMutation({
    mutationFn: (job: Job) =>
      unwrap(
        api.POST('/api/v1/admin/jobs/{queue}/{id}/retry', {
          params: { path: { queue: job.queue, id: job.id } },
          headers: idempotencyKey(),
        }),
      ),
    onSuccess: (answer) => {
      setRetried(t.retried(answer.id));
      void queryClient.invalidateQueries({ queryKey: JOBS_KEY });
    },
  });
  return (
    <AdminLayout page="jobs">
      <Text role="status" c="blue.9" fw={600}>
        {retried}
      </Text>
      <WriteProblem error={retry.error} onReload={() => void jobs.refetch()} />
      {jobs.isPending ? (
        <Loading />
      ) : jobs.isError ? (
        <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : jobs.data.items.length === 0 ? (
        <Empty>{t.empty}</Empty>
      ) : (
        <Stack gap="xs">
          <Table striped verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t.name}</Table.Th>
                <Table.Th scope="col">{t.queue}</Table.Th>
                <Table.Th scope="col">{t.attempts}</Table.Th>
                <Table.Th scope="col">{t.reason}</Table.Th>
                <Table.Th scope="col">{t.createdAt}</Table.Th>
                <Table.Th scope="col">{t.finishedAt}</Table.Th>
                <Table.Th scope="col">{t.data}</Table.Th>
                <Table.Th scope="col">{t.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.data.items.map((job) => (
                <Table.Tr key={`${job.queue}-${job.id}`}>
                  <Table.Th scope="row">{job.name}</Table.Th>
                  <Table.Td>{job.queue}</Table.Td>
                  <Table.Td>{job.attemptsMade}</Table.Td>
                  <Table.Td>{job.failedReason ?? '–'}</Table.Td>
                  <Table.Td>{formatDateTime(job.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(job.finishedAt)}</Table.Td>
                  <Table.Td>
                    <Code block>{JSON.stringify(job.data, null, 1)}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t.retryLabel(job.id)}
                      loading={retry.isPending && retry.variables?.id === job.id}
                      onClick={() => {
                        setRetried('');
                        retry.mutate(job);
                      }}
                    >
                      {t.retry}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm">{sv.admin.count(jobs.data.items.length, jobs.data.total)}</Text>
        </Stack>
      )}
    </AdminLayout>
  );
}
