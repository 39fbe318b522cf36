import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { ApiError } from '../api/client';
import { errorText } from '../common/states';
import { sv } from '../i18n/sv';
import { isStaleConflict } from './case-write';

/**
 * A case action as a form in a dialog: its fields, the API's refusal (field errors stay on their
 * fields; what no field shows is listed here), and the "changed by someone else" conflict with a
 * button that reloads the case.
 */
export function ActionModal({
  opened,
  onClose,
  title,
  submitLabel,
  onSubmit,
  pending,
  error,
  fields,
  caseId,
  onReloaded,
  children,
  danger,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  /** The fields the form shows an API message on. */
  fields: string[];
  caseId: string;
  onReloaded: () => void;
  children: ReactNode;
  danger?: boolean;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': sv.cases.cancel }}
    >
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="sm">
          {children}
          <WriteProblem error={error} fields={fields} caseId={caseId} onReloaded={onReloaded} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {sv.cases.cancel}
            </Button>
            <Button type="submit" loading={pending} color={danger ? 'red.9' : undefined}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Why a write failed, in Swedish, unless the form shows it on a field. */
export function WriteProblem({
  error,
  fields,
  caseId,
  onReloaded,
}: {
  error: unknown;
  fields: string[];
  caseId: string;
  onReloaded: () => void;
}) {
  const queryClient = useQueryClient();
  if (!error) return null;
  if (isStaleConflict(error))
    return (
      <Alert color="red" role="alert" title={sv.cases.refused}>
        <Text>{sv.state.conflict}</Text>
        <Button
          mt="sm"
          variant="outline"
          color="red.9"
          onClick={() => {
            void queryClient.invalidateQueries({ queryKey: ['case', caseId] }).then(onReloaded);
          }}
        >
          {sv.state.reload}
        </Button>
      </Alert>
    );
  if (error instanceof ApiError) {
    const shown = (field: string) =>
      fields.some((f) => field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`));
    const rest = (error.problem.errors ?? []).filter((e) => !shown(e.field));
    if (error.problem.errors?.length && rest.length === 0) return null;
    return (
      <Alert color="red" role="alert" title={sv.cases.refused}>
        {rest.length > 0 ? (
          <>
            <Text>{sv.cases.fieldErrors}</Text>
            <List size="sm">
              {rest.map((e) => (
                <List.Item key={`${e.field}-${e.message}`}>
                  {e.field}: {e.message}
                </List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text>
            {(error.status === 409 || error.status === 422) && error.problem.detail
              ? error.problem.detail
              : errorText(error)}
          </Text>
        )}
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert" title={sv.cases.refused}>
      <Text>{errorText(error)}</Text>
    </Alert>
  );
}
