import { Alert, Badge, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, idempotencyKey, ifMatch, unwrap } from '../api/client';
import { caseRef } from '../common/case-ref';
import { wrote } from './read-after';
import { ErrorState, Loading, errorText } from '../common/states';
import { formatDate, todayIso } from '../i18n/format';
import { label, sv } from '../i18n/sv';

/**
 * Intake (R5) from the queue: the processledare reads the case's question and needs, then accepts
 * it for beredning or returns it to the initiator with what is missing.
 */
export function IntakeDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ['case', caseId],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } } })),
  });
  const [mode, setMode] = useState<'accept' | 'return'>('accept');
  const [date, setDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [clientError, setClientError] = useState<{ field: string; message: string }>();

  const done = async (answer: { position?: number } | undefined) => {
    wrote(answer);
    await queryClient.invalidateQueries({ queryKey: ['queue'] });
    await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    onClose();
  };
  const write = useMutation({
    mutationFn: async () => {
      const version = view.data?.version;
      const headers = { ...ifMatch(version), ...idempotencyKey() };
      const path = { id: caseId };
      if (mode === 'accept')
        return unwrap(
          api.POST('/api/v1/cases/{id}/accept', {
            params: { path, header: headers },
            body: { acceptedOn: date },
          }),
        );
      return unwrap(
        api.POST('/api/v1/cases/{id}/return', {
          params: { path, header: headers },
          body: { reason, returnedOn: date },
        }),
      );
    },
    onSuccess: done,
  });
  const apiError = write.error instanceof ApiError ? write.error : undefined;
  const fieldError = (field: string) =>
    clientError?.field === field ? clientError.message : apiError?.fieldMessage(field);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setClientError(undefined);
    const dateField = mode === 'accept' ? 'acceptedOn' : 'returnedOn';
    if (!date) return setClientError({ field: dateField, message: sv.intake.required });
    if (date > todayIso()) return setClientError({ field: dateField, message: sv.intake.futureDate });
    if (mode === 'return' && !reason.trim())
      return setClientError({ field: 'reason', message: sv.intake.required });
    write.mutate();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`${sv.intake.title} ${caseRef(caseId)}`}
      size="lg"
      closeButtonProps={{ 'aria-label': sv.intake.cancel }}
    >
      {view.isPending && <Loading />}
      {view.isError && <ErrorState error={view.error} onRetry={() => void view.refetch()} />}
      {view.data && (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text>
              <Text span fw={600}>
                {sv.intake.person}:{' '}
              </Text>
              {view.data.person.name ?? '–'} · {label(sv.codes.gender, view.data.person.gender)}
              {view.data.person.protectedIdentity && (
                <Badge ml="xs" color="red.9" variant="filled">
                  {sv.intake.protectedIdentity}
                </Badge>
              )}
            </Text>
            <Text>
              <Text span fw={600}>
                {sv.intake.initiatingParty}:{' '}
              </Text>
              {label(sv.codes.party, view.data.initiatingParty)} · {sv.intake.initiatedOn}{' '}
              {formatDate(view.data.initiatedOn)}
            </Text>
            <Text>
              <Text span fw={600}>
                {sv.intake.otherParties}:{' '}
              </Text>
              {view.data.otherParties.map((p) => label(sv.codes.party, p)).join(', ')}
            </Text>
            <div>
              <Text fw={600}>{sv.intake.question}</Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{view.data.question ?? '–'}</Text>
            </div>
            <div>
              <Text fw={600}>{sv.intake.needs}</Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{view.data.needs ?? '–'}</Text>
            </div>
            {mode === 'return' && (
              <Textarea
                label={sv.intake.reason}
                required
                autosize
                minRows={3}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fieldError('reason')}
              />
            )}
            <TextInput
              type="date"
              label={mode === 'accept' ? sv.intake.acceptedOn : sv.intake.returnedOn}
              required
              max={todayIso()}
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={fieldError(mode === 'accept' ? 'acceptedOn' : 'returnedOn')}
            />
            {write.isError &&
              !fieldError('reason') &&
              !fieldError('acceptedOn') &&
              !fieldError('returnedOn') && (
                <Alert color="red" role="alert">
                  {errorText(write.error)}
                  {apiError && (apiError.status === 409 || apiError.status === 412) && (
                    <Button
                      ml="sm"
                      size="xs"
                      variant="outline"
                      color="red"
                      onClick={() => void view.refetch().then(() => write.reset())}
                    >
                      {sv.state.reload}
                    </Button>
                  )}
                </Alert>
              )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {sv.intake.cancel}
              </Button>
              {mode === 'accept' ? (
                <>
                  <Button variant="outline" onClick={() => setMode('return')}>
                    {sv.intake.returnTitle}
                  </Button>
                  <Button type="submit" loading={write.isPending}>
                    {sv.intake.accept}
                  </Button>
                </>
              ) : (
                <>
                  <Button variant="outline" onClick={() => setMode('accept')}>
                    {sv.intake.accept}
                  </Button>
                  <Button type="submit" color="red.9" loading={write.isPending}>
                    {sv.intake.returnAction}
                  </Button>
                </>
              )}
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
