import { Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { formatDateTime } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import { AdminLayout } from './AdminLayout';
import { PARTIES, type Party, useIdempotencyKey } from './tenant-config';
import { fieldError, WriteProblem } from './WriteProblem';

/** Each party's webhook: where its notices are POSTed, signed with a shared secret. */
export function WebhooksPage() {
  return (
    <AdminLayout page="webhooks">
      <Text size="sm">{sv.admin.webhooks.current}</Text>
      {PARTIES.map((party) => (
        <WebhookForm key={party} party={party} />
      ))}
    </AdminLayout>
  );
}

function WebhookForm({ party }: { party: Party }) {
  const t = sv.admin.webhooks;
  const partyName = label(sv.codes.party, party);
  const keyFor = useIdempotencyKey();
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [result, setResult] = useState('');

  const set = useMutation({
    mutationFn: (body: { url: string; secret: string }) =>
      unwrap(
        api.PUT('/api/v1/admin/parties/{party}/webhook', {
          params: { path: { party } },
          headers: keyFor({ party, body }),
          body,
        }),
      ),
    onSuccess: (answer) => {
      // The secret leaves the page's memory once it is set: it is never shown again.
      setSecret('');
      setResult(t.saved(answer.url, formatDateTime(answer.updatedAt)));
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/admin/parties/{party}/webhook', { params: { path: { party } } })),
    onSuccess: () => setResult(t.removed),
    onError: (err) => {
      if (err instanceof ApiError && err.status === 404) setResult(t.noneToRemove);
    },
  });

  const submit = () => {
    setResult('');
    remove.reset();
    const problems: Record<string, string> = {};
    if (!/^https?:\/\/\S+$/i.test(url.trim())) problems.url = t.urlInvalid;
    if (secret.length < 16) problems.secret = t.secretTooShort;
    setChecks(problems);
    if (Object.keys(problems).length === 0) set.mutate({ url: url.trim(), secret });
  };

  const removeError = remove.error instanceof ApiError && remove.error.status === 404 ? null : remove.error;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`webhook-${party}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} id={`webhook-${party}`}>
            {partyName}
          </Title>
          <WriteProblem error={set.error ?? removeError} fields={['url', 'secret']} />
          <Group align="flex-start" grow>
            <TextInput
              type="url"
              label={t.url}
              description={t.urlHint}
              required
              maxLength={2000}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={checks.url ?? fieldError(set.error, 'url')}
              autoComplete="off"
            />
            <PasswordInput
              label={t.secret}
              description={t.secretHint}
              required
              maxLength={256}
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              error={checks.secret ?? fieldError(set.error, 'secret')}
              autoComplete="new-password"
            />
          </Group>
          <Group>
            <Button type="submit" loading={set.isPending}>
              {t.save(partyName)}
            </Button>
            <Button
              variant="outline"
              color="red.9"
              loading={remove.isPending}
              onClick={() => {
                setResult('');
                set.reset();
                remove.mutate();
              }}
            >
              {t.remove(partyName)}
            </Button>
          </Group>
          <Text role="status" c="blue.9" fw={600}>
            {result}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
