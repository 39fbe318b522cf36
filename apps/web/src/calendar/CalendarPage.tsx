import { Button, Group, List, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, ApiError, unwrap, type ResponseOf } from '../api/client';
import { Empty, ErrorState, Loading, errorText } from '../common/states';
import { formatDateTime } from '../i18n/format';
import { sv } from '../i18n/sv';

type Feed = ResponseOf<'/api/v1/calendar/feeds', 'get'>['items'][number];

const FEEDS_KEY = ['calendar', 'feeds'] as const;

/** The user's personal calendar feeds of the beredningsgrupp's meetings: make one, copy it, revoke it. */
export function CalendarPage() {
  return (
    <Stack gap="md">
      <Title order={1}>{sv.calendar.title}</Title>
      <Text>{sv.calendar.intro}</Text>
      <NewFeedForm />
      <FeedList />
    </Stack>
  );
}

function NewFeedForm() {
  const t = sv.calendar;
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  // The URL holds the feed's secret: shown once, kept only in this screen's memory.
  const [url, setUrl] = useState<string | undefined>(undefined);
  const create = useMutation({
    // No Idempotency-Key: the API keeps none for this route, since its answer holds the secret.
    mutationFn: (label: string) =>
      unwrap(api.POST('/api/v1/calendar/feeds', { body: label ? { label } : {} })),
    onSuccess: (answer) => {
      setUrl(`${window.location.origin}${answer.url}`);
      setName('');
      void queryClient.invalidateQueries({ queryKey: FEEDS_KEY });
    },
  });
  const nameError = create.error instanceof ApiError ? create.error.fieldMessage('label') : undefined;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-feed">
      <Stack gap="sm">
        <Title order={2} id="new-feed">
          {t.createTitle}
        </Title>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setUrl(undefined);
            create.mutate(name.trim());
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t.label}
              description={t.labelHint}
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameError}
              autoComplete="off"
              style={{ flex: 1, minWidth: 260 }}
            />
            <Button type="submit" loading={create.isPending}>
              {t.create}
            </Button>
          </Group>
        </form>
        {create.isError && !nameError && (
          <Text c="red.9" role="alert">
            {errorText(create.error)}
          </Text>
        )}
        {url && <FeedUrl url={url} />}
        <SubscribeHelp />
      </Stack>
    </Paper>
  );
}

/** The feed's full URL, read-only, with a copy button that falls back to selecting the text. */
function FeedUrl({ url }: { url: string }) {
  const t = sv.calendar;
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(t.copied);
    } catch {
      input.current?.focus();
      input.current?.select();
      setCopied(t.copyFallback);
    }
  };
  return (
    <Stack gap={4}>
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          ref={input}
          label={t.url}
          description={t.urlOnce}
          value={url}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: 1 }}
        />
        <Button variant="filled" aria-label={t.copyLabel} onClick={() => void copy()}>
          {t.copy}
        </Button>
      </Group>
      <Text role="status" size="sm" c="blue.9" fw={600}>
        {copied}
      </Text>
    </Stack>
  );
}

function SubscribeHelp() {
  const t = sv.calendar;
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">
        {t.howTitle}
      </Title>
      <List type="ordered" size="sm">
        {t.how.map((step) => (
          <List.Item key={step}>{step}</List.Item>
        ))}
      </List>
      <Text size="sm">{t.howNote}</Text>
    </Stack>
  );
}

function FeedList() {
  const t = sv.calendar;
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [done, setDone] = useState('');
  const feeds = useQuery({
    queryKey: FEEDS_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/calendar/feeds')),
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/calendar/feeds/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setConfirming(undefined);
      setDone(t.revoked);
      void queryClient.invalidateQueries({ queryKey: FEEDS_KEY });
    },
  });
  const nameOf = (f: Feed) => f.label ?? t.unnamed;
  return (
    <Stack gap="sm" component="section" aria-labelledby="feed-list">
      <Title order={2} id="feed-list">
        {t.listTitle}
      </Title>
      <Text role="status" c="blue.9" fw={600}>
        {done}
      </Text>
      {revoke.isError && (
        <Text c="red.9" role="alert">
          {errorText(revoke.error)}
        </Text>
      )}
      {feeds.isPending ? (
        <Loading />
      ) : feeds.isError ? (
        <ErrorState error={feeds.error} onRetry={() => void feeds.refetch()} />
      ) : feeds.data.items.length === 0 ? (
        <Empty>{t.empty}</Empty>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t.name}</Table.Th>
              <Table.Th scope="col">{t.createdAt}</Table.Th>
              <Table.Th scope="col">{t.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {feeds.data.items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Th scope="row" fw={400}>
                  {nameOf(f)}
                </Table.Th>
                <Table.Td>{formatDateTime(f.createdAt)}</Table.Td>
                <Table.Td>
                  {confirming === f.id ? (
                    <Group gap="xs">
                      <Text size="sm">{t.confirmRevoke(nameOf(f))}</Text>
                      <Button
                        size="xs"
                        color="red.9"
                        loading={revoke.isPending}
                        onClick={() => revoke.mutate(f.id)}
                      >
                        {t.confirm}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setConfirming(undefined)}>
                        {t.cancel}
                      </Button>
                    </Group>
                  ) : (
                    <Button
                      size="xs"
                      variant="outline"
                      color="red.9"
                      aria-label={t.revokeLabel(nameOf(f))}
                      onClick={() => {
                        setDone('');
                        setConfirming(f.id);
                      }}
                    >
                      {t.revoke}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
