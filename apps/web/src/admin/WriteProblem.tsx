import { Alert, Button, List, Text } from '@mantine/core';
import { ApiError } from '../api/client';
import { errorText } from '../common/states';
import { sv } from '../i18n/sv';

/**
 * A refused admin write: a conflict (409/412) with a reload button; field errors (shown on their
 * fields) as a pointer to them, with any the form has no field for; otherwise what the API said.
 */
export function WriteProblem({
  error,
  onReload,
  fields = [],
}: {
  error: unknown;
  onReload?: () => void;
  /** The fields the form shows errors on itself. */
  fields?: string[];
}) {
  if (!error) return null;
  if (error instanceof ApiError && (error.status === 409 || error.status === 412))
    return (
      <Alert color="red" role="alert">
        <Text>{sv.admin.conflict}</Text>
        {onReload && (
          <Button mt="sm" variant="outline" color="red" onClick={onReload}>
            {sv.state.reload}
          </Button>
        )}
      </Alert>
    );
  const fieldErrors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  if (fieldErrors.length > 0) {
    const known = (f: string) =>
      fields.some((k) => f === k || f.startsWith(`${k}.`) || f.startsWith(`${k}[`));
    const other = fieldErrors.filter((e) => !known(e.field));
    return (
      <Alert color="red" role="alert">
        <Text>{sv.admin.checkFields}</Text>
        {other.length > 0 && (
          <List size="sm" mt="xs">
            {other.map((e) => (
              <List.Item key={`${e.field}:${e.message}`}>
                {e.field}: {e.message}
              </List.Item>
            ))}
          </List>
        )}
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert">
      <Text>{errorText(error)}</Text>
    </Alert>
  );
}

/** The API's message for one field of a refused write, for the field's error slot. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}
