import { Alert, Button, Center, Group, Loader, Text } from '@mantine/core';
import { ApiError } from '../api/client';
import { sv } from '../i18n/sv';

export function Loading({ label = sv.state.loading }: { label?: string }) {
  return (
    <Center py="lg" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text>{label}</Text>
      </Group>
    </Center>
  );
}

export function Empty({ children = sv.state.empty }: { children?: React.ReactNode }) {
  return (
    <Text py="md" c="gray.8" role="status">
      {children}
    </Text>
  );
}

/** A failed call in plain Swedish: what happened and what the user can do. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return sv.state.error;
  switch (error.status) {
    case 0:
      return sv.state.networkError;
    case 403:
      return sv.state.forbidden;
    case 404:
      return sv.state.notFound;
    case 409:
    case 412:
      return sv.state.conflict;
    case 429:
      return sv.state.tooManyRequests;
    default:
      return error.problem.detail && error.status < 500 ? error.problem.detail : sv.state.error;
  }
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert color="red" role="alert" title={sv.state.error}>
      <Text>{errorText(error)}</Text>
      {onRetry && (
        <Button mt="sm" variant="outline" color="red" onClick={onRetry}>
          {sv.state.retry}
        </Button>
      )}
    </Alert>
  );
}
