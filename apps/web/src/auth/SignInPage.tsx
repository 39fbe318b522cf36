import { Alert, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorState, Loading } from '../common/states';
import { label, sv } from '../i18n/sv';
import { useAuth } from './AuthProvider';

export function SignInPage() {
  const { config, ended } = useAuth();
  return (
    <Container size="sm" py="xl" component="main" id="main">
      <Stack gap="md">
        <Title order={1}>{sv.app.name}</Title>
        <Title order={2} size="h3">
          {sv.signIn.title}
        </Title>
        {ended && (
          <Alert color="yellow" role="status">
            {sv.signIn.sessionEnded}
          </Alert>
        )}
        {!config ? <Loading /> : config.mode === 'dev' ? <DevUsers /> : <OidcSignIn />}
      </Stack>
    </Container>
  );
}

function OidcSignIn() {
  const { signInWithOidc } = useAuth();
  const [failed, setFailed] = useState(false);
  return (
    <Stack>
      <Text>{sv.signIn.oidcIntro}</Text>
      {failed && <Alert color="red">{sv.signIn.failed}</Alert>}
      <Group>
        <Button onClick={() => signInWithOidc().catch(() => setFailed(true))}>{sv.signIn.oidcButton}</Button>
      </Group>
    </Stack>
  );
}

function DevUsers() {
  const { signInAsDevUser } = useAuth();
  const [pending, setPending] = useState<string>();
  const [failed, setFailed] = useState(false);
  const users = useQuery({ queryKey: ['dev-users'], queryFn: () => unwrap(api.GET('/api/v1/dev/users')) });
  if (users.isPending) return <Loading />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  return (
    <Stack>
      <Text>{sv.signIn.devIntro}</Text>
      {failed && <Alert color="red">{sv.signIn.failed}</Alert>}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {users.data.items.map((user) => (
          <Card component="li" key={user.id} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text fw={600}>{user.name}</Text>
                <Text size="sm" c="dimmed">
                  {user.roles.map((r) => label(sv.codes.role, r)).join(', ')}
                  {user.party ? ` · ${label(sv.codes.party, user.party)}` : ''}
                </Text>
                <Text size="sm">{user.description}</Text>
              </div>
              <Button
                style={{ flexShrink: 0 }}
                loading={pending === user.id}
                aria-label={`${sv.signIn.asUser} ${user.name}`}
                onClick={() => {
                  setPending(user.id);
                  setFailed(false);
                  signInAsDevUser(user.id, user.name)
                    .catch(() => setFailed(true))
                    .finally(() => setPending(undefined));
                }}
              >
                {sv.signIn.title}
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

/** Where the OIDC provider sends the browser back (and answers silent renewals). */
export function OidcCallbackPage({ onDone }: { onDone: () => void }) {
  const { completeOidcSignIn, config } = useAuth();
  const [failed, setFailed] = useState(false);
  const [started, setStarted] = useState(false);
  if (config && !started) {
    setStarted(true);
    completeOidcSignIn().then(onDone, () => setFailed(true));
  }
  return (
    <Container size="sm" py="xl" component="main" id="main">
      {failed ? <Alert color="red">{sv.signIn.failed}</Alert> : <Loading label={sv.signIn.signingIn} />}
    </Container>
  );
}
